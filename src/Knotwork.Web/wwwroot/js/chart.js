// Charting at the table: each saved point goes to a queue kept on the phone (localStorage) and is sent to the
// server when there is a connection. Entries carry an id made here, so sending one twice stores it once. The page
// itself is kept by a service worker, so it opens again with no signal.
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
  const token = form.querySelector('input[name="__RequestVerificationToken"]').value;
  let sending = false;

  const readQueue = () => { try { return JSON.parse(localStorage.getItem(queueKey) || '[]'); } catch { return []; } };
  const writeQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

  function say(text) { status.textContent = text; }

  function describe(entry, label) {
    const parts = [label + ', ' + entry.side];
    if (entry.signs.length) parts.push(entry.signs.join(', ').replace(/-/g, ' '));
    if (entry.release) parts.push((entry.release.softened ? 'released after ' : 'did not release after ') + Math.round(entry.release.seconds) + ' s');
    if (entry.pressureTolerance !== null) parts.push('pressure ' + entry.pressureTolerance + '/10');
    return parts.join('; ');
  }

  function show(entry, pending) {
    let item = list.querySelector('[data-entry="' + entry.id + '"]');
    if (!item) {
      item = document.createElement('li');
      item.dataset.entry = entry.id;
      item.textContent = describe(entry, entry.label || entry.triggerPoint);
      list.appendChild(item);
      const empty = document.getElementById('charted-empty');
      if (empty) empty.remove();
    }
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
  manual.hidden = true;

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
  softened.addEventListener('click', () => stopTimer('released'));
  failed.addEventListener('click', () => stopTimer('not-released'));

  function checked(name) { return Array.from(form.querySelectorAll('input[name="' + name + '"]:checked')).map((i) => i.value); }
  function number(name) { const v = checked(name)[0]; return v === undefined ? null : Number(v); }

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
    const entry = {
      id: form.querySelector('input[name="Input.Id"]').value,
      triggerPoint: point, side,
      signs: checked('Input.Signs'),
      pressureTolerance: number('Input.Tolerance'),
      release: held.value && outcome ? { seconds: Number(held.value), softened: outcome === 'released' } : null,
      followUp: checked('Input.FollowUp'),
      minutes: number('Input.Minutes'),
      recordedAt: new Date().toISOString(),
      label,
    };
    const queue = readQueue().filter((e) => e.id !== entry.id);
    queue.push(entry);
    writeQueue(queue);
    show(entry, true);
    form.reset();
    held.value = '';
    seconds.textContent = '0';
    bar.style.width = '0';
    startButton.textContent = 'Start timer';
    form.querySelector('input[name="Input.Id"]').value = crypto.randomUUID();
    window.scrollTo({ top: 0 });
    flush();
  });

  readQueue().forEach((e) => show(e, true));
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
