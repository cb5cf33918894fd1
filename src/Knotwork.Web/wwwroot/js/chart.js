// Charting at the table: each saved point goes to a queue kept on the phone (localStorage) and is sent to the
// server when there is a connection. Entries carry an id made here, so sending one twice stores it once. The page
// itself is kept by a service worker, so it opens again with no signal. A charted point is edited in the same form:
// its Edit control loads the entry (kept on its list item as data-detail), and saving queues it with the same id and
// a newer recordedAt, so the server's copy is replaced ("newer wins") and the list item changes in place.
(function () {
  'use strict';
  const root = document.getElementById('chart');
  const form = document.getElementById('chart-form');
  if (!root || !form) return;

  const visit = root.dataset.visit;
  const syncUrl = root.dataset.sync;
  const queueKey = 'knotwork-chart-queue:' + visit;
  const status = document.getElementById('sync-status');
  const list = document.getElementById('charted');
  const idField = form.querySelector('input[name="Input.Id"]');
  const editFlag = document.getElementById('editing-flag');
  const editBar = document.getElementById('editing-bar');
  const editLabel = document.getElementById('editing-label');
  const saveButton = document.getElementById('save-point');
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  let sending = false;

  const readQueue = () => { try { return JSON.parse(localStorage.getItem(queueKey) || '[]'); } catch { return []; } };
  const writeQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

  function say(text) { status.textContent = text; }

  function labelOf(input) {
    const label = input && form.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : '';
  }

  // As the server writes a hold: 45 s, 2 min, 1 min 35 s.
  function holdText(total) {
    const s = Math.round(total);
    const [minutes, rest] = [Math.floor(s / 60), s % 60];
    return minutes === 0 ? rest + ' s' : rest === 0 ? minutes + ' min' : minutes + ' min ' + rest + ' s';
  }

  function describe(entry, label) {
    const parts = [label + ', ' + entry.side];
    if (entry.signs.length) parts.push(entry.signs.join(', ').replace(/-/g, ' '));
    if (entry.release) parts.push((entry.release.softened ? 'released after ' : 'did not release after ') + holdText(entry.release.seconds));
    if (entry.pressureTolerance !== null) parts.push('pressure ' + entry.pressureTolerance + '/10');
    if (entry.followUp && entry.followUp.length) parts.push('then ' + entry.followUp.map((f) => labelOf(form.querySelector('#fu-' + f)) || f).join(', ').toLowerCase());
    if (entry.minutes !== null && entry.minutes !== undefined) parts.push(entry.minutes + ' min');
    return parts.join('; ');
  }

  function itemOf(id) { return list.querySelector('[data-entry="' + CSS.escape(id) + '"]'); }

  // The entry's list item: added, or (an edit) changed in place, with the data its Edit control loads.
  function show(entry, pending) {
    const { label, ...detail } = entry;
    let item = itemOf(entry.id);
    if (!item) {
      item = document.createElement('li');
      item.dataset.entry = entry.id;
      const text = document.createElement('span');
      text.className = 'entry-text';
      const edit = document.createElement('a');
      edit.className = 'button edit-entry';
      edit.href = location.pathname + '?edit=' + encodeURIComponent(entry.id) + '#chart-form';
      edit.textContent = 'Edit';
      item.append(text, edit);
      list.appendChild(item);
      const empty = document.getElementById('charted-empty');
      if (empty) empty.remove();
    }
    const shownLabel = label || item.dataset.label || entry.triggerPoint;
    item.dataset.label = shownLabel;
    item.dataset.detail = JSON.stringify(detail);
    item.querySelector('.entry-text').textContent = describe(entry, shownLabel);
    const edit = item.querySelector('.edit-entry');
    if (edit) edit.setAttribute('aria-label', 'Edit ' + shownLabel + ', ' + entry.side);
    item.classList.toggle('pending', pending);
    item.dataset.state = pending ? 'waiting' : 'synced';
  }

  async function flush() {
    const queue = readQueue();
    if (sending || queue.length === 0) {
      if (queue.length === 0 && !sending) say(navigator.onLine ? 'Every point is saved.' : 'Offline. Every point so far is saved.');
      return;
    }
    sending = true;
    try {
      const body = JSON.stringify({ entries: queue.map(({ label, ...entry }) => entry) });
      const response = await fetch(syncUrl, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'RequestVerificationToken': token },
        body,
      });
      if (response.ok) {
        const sent = new Set(queue.map((e) => e.id));
        writeQueue(readQueue().filter((e) => !sent.has(e.id)));
        queue.forEach((e) => show(e, false));
        say('Every point is saved.');
      } else {
        const problem = await response.json().catch(() => ({}));
        say('Not saved: ' + (problem.detail || problem.title || response.status) + ' The points stay on this phone.');
      }
    } catch {
      say('No connection. ' + readQueue().length + ' point(s) waiting on this phone; they are sent when the connection is back.');
    } finally {
      sending = false;
    }
    if (readQueue().length > 0 && navigator.onLine) setTimeout(flush, 15000);
  }

  // The release timer: start, then tap when the point softens (or does not).
  const timer = document.getElementById('timer');
  const manual = document.getElementById('timer-manual');
  const held = document.getElementById('held');
  const startButton = document.getElementById('timer-start');
  const softened = document.getElementById('timer-softened');
  const failed = document.getElementById('timer-failed');
  const seconds = document.getElementById('timer-seconds');
  const bar = document.getElementById('timer-bar');
  let started = null;
  let tick = null;
  timer.hidden = false;
  manual.hidden = editFlag.value !== 'true'; // an edit shows the seconds and outcome it is changing

  function stopTimer(outcome) {
    if (started === null) return;
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(tick);
    started = null;
    held.value = Math.max(1, Math.round(elapsed));
    form.querySelector('#out-' + (outcome === 'released' ? 'released' : 'not')).checked = true;
    seconds.textContent = held.value;
    softened.hidden = failed.hidden = true;
    startButton.hidden = false;
    startButton.textContent = 'Time again';
  }

  startButton.addEventListener('click', () => {
    started = Date.now();
    startButton.hidden = true;
    softened.hidden = failed.hidden = false;
    tick = setInterval(() => {
      const s = Math.floor((Date.now() - started) / 1000);
      seconds.textContent = s;
      bar.style.width = Math.min(100, (s / 150) * 100) + '%';
      bar.dataset.range = s < 30 ? 'early' : s <= 120 ? 'usual' : 'long';
    }, 250);
  });
  held.addEventListener('input', () => { if (started === null) seconds.textContent = held.value || '0'; });
  softened.addEventListener('click', () => stopTimer('released'));
  failed.addEventListener('click', () => stopTimer('not-released'));

  function checked(name) { return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value); }
  function number(name) { const v = checked(name)[0]; return v === undefined ? null : Number(v); }

  function resetTimer() {
    clearInterval(tick);
    started = null;
    seconds.textContent = held.value || '0';
    bar.style.width = '0';
    softened.hidden = failed.hidden = true;
    startButton.hidden = false;
    startButton.textContent = held.value ? 'Time again' : 'Start timer';
  }

  // Empties the form (form.reset() would bring back what the server filled in for ?edit=).
  function clearForm() {
    form.querySelectorAll('input.chip-input').forEach((i) => { i.checked = false; });
    form.querySelector('#any-point').value = '';
    held.value = '';
    resetTimer();
  }

  function check(name, value) {
    const input = form.querySelector('input[name="' + name + '"][value="' + CSS.escape(String(value)) + '"]');
    if (input) input.checked = true;
    return input;
  }

  function setEditing(entry, label) {
    list.querySelectorAll('li.editing').forEach((li) => li.classList.remove('editing'));
    editFlag.value = entry ? 'true' : 'false';
    editBar.hidden = !entry;
    editLabel.textContent = entry ? label + ', ' + entry.side : '';
    saveButton.textContent = entry ? 'Save changes' : 'Save point';
    manual.hidden = !entry;
    if (entry) itemOf(entry.id)?.classList.add('editing');
  }

  // Back to charting a new point, with a new id.
  function startNew() {
    clearForm();
    idField.value = crypto.randomUUID();
    setEditing(null);
    if (location.search) history.replaceState(null, '', location.pathname);
  }

  // Loads a charted entry into the form, keeping its id.
  function startEdit(item) {
    const entry = JSON.parse(item.dataset.detail);
    clearForm();
    idField.value = entry.id;
    form.querySelector('#any-point').value = entry.triggerPoint;
    check('Input.Side', entry.side);
    (entry.signs || []).forEach((s) => check('Input.Signs', s));
    if (entry.pressureTolerance !== null) check('Input.Tolerance', entry.pressureTolerance);
    if (entry.release) {
      held.value = Math.max(1, Math.round(entry.release.seconds));
      check('Input.Outcome', entry.release.softened ? 'released' : 'not-released');
    }
    (entry.followUp || []).forEach((f) => check('Input.FollowUp', f));
    if (entry.minutes !== null && entry.minutes !== undefined && !check('Input.Minutes', entry.minutes)) {
      // Minutes charted elsewhere (the API takes any up to 90) get a chip of their own, so saving keeps them.
      const last = Array.from(form.querySelectorAll('input[name="Input.Minutes"]')).pop();
      const input = Object.assign(document.createElement('input'), { className: 'chip-input', type: 'radio', name: 'Input.Minutes', id: 'min-' + entry.minutes, value: entry.minutes, checked: true });
      const label = Object.assign(document.createElement('label'), { className: 'chip chip-num', htmlFor: input.id, textContent: entry.minutes });
      form.querySelector('label[for="' + last.id + '"]').after(input, label);
    }
    resetTimer();
    setEditing(entry, item.dataset.label || entry.triggerPoint);
    say('Editing a charted point: change it and save.');
    form.scrollIntoView({ block: 'start' });
  }

  list.addEventListener('click', (event) => {
    const edit = event.target.closest('.edit-entry');
    if (!edit) return;
    event.preventDefault();
    startEdit(edit.closest('li'));
  });
  document.getElementById('cancel-edit').addEventListener('click', (event) => {
    event.preventDefault();
    startNew();
    flush();
  });

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const candidate = checked('Input.Candidate')[0];
    const any = form.querySelector('#any-point');
    let point, side, label;
    if (candidate) {
      [point, side] = candidate.split('|');
      label = form.querySelector('label[for="' + form.querySelector('input[value="' + CSS.escape(candidate) + '"]').id + '"]').textContent;
    } else if (any.value && checked('Input.Side')[0]) {
      point = any.value;
      side = checked('Input.Side')[0];
      label = any.options[any.selectedIndex].textContent;
    } else {
      say('Choose the point you worked, and its side.');
      return;
    }
    const outcome = checked('Input.Outcome')[0];
    const id = idField.value;
    // An edit is newer than the copy it replaces, even if that copy was made by a phone whose clock ran ahead.
    const previous = editFlag.value === 'true' && itemOf(id) ? Date.parse(JSON.parse(itemOf(id).dataset.detail).recordedAt) : NaN;
    const entry = {
      id,
      triggerPoint: point, side,
      signs: checked('Input.Signs'),
      pressureTolerance: number('Input.Tolerance'),
      release: held.value && outcome ? { seconds: Number(held.value), softened: outcome === 'released' } : null,
      followUp: checked('Input.FollowUp'),
      minutes: number('Input.Minutes'),
      recordedAt: new Date(Number.isNaN(previous) ? Date.now() : Math.max(Date.now(), previous + 1)).toISOString(),
      label,
    };
    const queue = readQueue().filter((e) => e.id !== entry.id);
    queue.push(entry);
    writeQueue(queue);
    show(entry, true);
    startNew();
    window.scrollTo({ top: 0 });
    flush();
  });

  readQueue().forEach((e) => show(e, true));
  if (editFlag.value === 'true' && itemOf(idField.value)) {
    // Opened with ?edit= (the link without the script): the server filled the form; a waiting copy on the phone is newer.
    const waiting = readQueue().find((e) => e.id === idField.value);
    if (waiting) startEdit(itemOf(idField.value)); else setEditing(JSON.parse(itemOf(idField.value).dataset.detail), itemOf(idField.value).dataset.label);
  }
  window.addEventListener('online', flush);
  flush();

  // Keep this page and its files for use without a connection.
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/visits/sw.js', { scope: '/visits/' }).then(() => {
      const files = [location.pathname].concat(
        Array.from(document.querySelectorAll('link[rel="stylesheet"], script[src], link[rel="icon"]')).map((e) => e.href || e.src));
      return caches.open('knotwork-chart-v1').then((cache) => cache.addAll(files));
    }).then(() => { root.dataset.offline = 'ready'; }).catch(() => { root.dataset.offline = 'unavailable'; });
  }
})();
