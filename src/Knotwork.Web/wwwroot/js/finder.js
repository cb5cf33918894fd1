// Knotwork finder: marks regions on the body map or in the list, keeps the selection in the URL and
// swaps in the server-rendered results without reloading the page. Without this script every region
// is a plain link and the list is a form, so the page still works.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("finder-form");
  var panel = document.getElementById("panel");
  if (!form || !panel) { return; }

  var order = {};       // region id -> taxonomy index (for a stable URL)
  var boxes = {};       // region id -> list checkbox
  Array.prototype.forEach.call(form.querySelectorAll('input[name="r"]'), function (box) {
    order[box.value] = Number(box.getAttribute("data-index"));
    boxes[box.value] = box;
  });
  var links = form.querySelectorAll("a.region");
  var pending = null;
  var generation = 0;

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var split = function (key) {
      return (params.getAll(key).join(",")).split(",").map(function (s) { return s.trim(); }).filter(Boolean);
    };
    var state = { regions: [], intensity: {}, context: split("context"), answers: {} };
    split("regions").concat(split("r")).forEach(function (id) {
      id = id.toLowerCase();
      if (id in order && state.regions.indexOf(id) < 0) { state.regions.push(id); }
    });
    split("intensity").forEach(function (pair) {
      var parts = pair.split(":");
      if (parts.length === 2) { state.intensity[parts[0].toLowerCase()] = parts[1]; }
    });
    split("answers").forEach(function (pair) {
      var parts = pair.split(/[:=]/);
      if (parts.length === 2) { state.answers[parts[0].toLowerCase()] = parts[1].toLowerCase(); }
    });
    return state;
  }

  var state = readUrl();

  function query(s) {
    var regions = s.regions.slice().sort(function (a, b) { return order[a] - order[b]; });
    var parts = [];
    if (regions.length) { parts.push("regions=" + regions.join(",")); }
    var withIntensity = regions.filter(function (r) { return s.intensity[r]; });
    if (withIntensity.length) {
      parts.push("intensity=" + withIntensity.map(function (r) { return r + ":" + s.intensity[r]; }).join(","));
    }
    if (s.context.length) { parts.push("context=" + s.context.join(",")); }
    var answered = Object.keys(s.answers);
    if (regions.length && answered.length) {
      parts.push("answers=" + answered.map(function (k) { return k + ":" + s.answers[k]; }).join(","));
    }
    return parts.join("&");
  }

  function url(s) { var q = query(s); return "/finder" + (q ? "?" + q : ""); }

  function toggled(id) {
    var copy = { regions: state.regions.slice(), intensity: Object.assign({}, state.intensity), context: state.context.slice(), answers: Object.assign({}, state.answers) };
    var at = copy.regions.indexOf(id);
    if (at >= 0) { copy.regions.splice(at, 1); delete copy.intensity[id]; } else { copy.regions.push(id); }
    return copy;
  }

  function syncControls() {
    Array.prototype.forEach.call(links, function (link) {
      var id = link.getAttribute("data-region");
      link.setAttribute("aria-checked", state.regions.indexOf(id) >= 0 ? "true" : "false");
      link.setAttribute("href", url(toggled(id)));
    });
    Object.keys(boxes).forEach(function (id) { boxes[id].checked = state.regions.indexOf(id) >= 0; });
    Array.prototype.forEach.call(form.querySelectorAll('input[name="context"]'), function (box) {
      box.checked = state.context.indexOf(box.value) >= 0;
    });
  }

  function refresh(push) {
    var started = performance.now();
    var target = url(state);
    if (push) { history.pushState(null, "", target); }
    syncControls();
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var mine = ++generation;
    document.documentElement.setAttribute("data-finder", "loading");
    var q = query(state);
    fetch("/finder?handler=panel" + (q ? "&" + q : ""), { signal: pending.signal, headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (mine !== generation) { return; }
        var focused = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : null;
        panel.innerHTML = html;
        if (focused && document.getElementById(focused)) { document.getElementById(focused).focus(); }
        var elapsed = Math.round(performance.now() - started);
        document.documentElement.setAttribute("data-finder", "ready");
        document.documentElement.setAttribute("data-finder-ms", String(elapsed));
      })
      .catch(function (error) {
        if (error.name === "AbortError") { return; }
        // The network failed: fall back to a normal page load, which shows the same state.
        window.location.assign(target);
      });
  }

  function toggle(id) {
    state = toggled(id);
    refresh(true);
  }

  form.addEventListener("click", function (event) {
    var link = event.target.closest("a.region, a.remove, a.clear-all, a.none-of-these");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    if (link.classList.contains("none-of-these")) {
      link.getAttribute("data-questions").split(",").forEach(function (key) {
        if (!state.answers[key]) { state.answers[key] = "no"; }
      });
      refresh(true);
      return;
    }
    if (link.classList.contains("clear-all")) {
      state = { regions: [], intensity: {}, context: state.context, answers: {} };
      refresh(true);
      return;
    }
    toggle(link.getAttribute("data-region"));
  });

  form.addEventListener("keydown", function (event) {
    var link = event.target.closest && event.target.closest("a.region");
    if (link && (event.key === " " || event.key === "Spacebar")) {
      event.preventDefault();
      toggle(link.getAttribute("data-region"));
    }
  });

  form.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "r") {
      if (input.checked !== (state.regions.indexOf(input.value) >= 0)) { toggle(input.value); }
    } else if (input.name === "context") {
      state.context = Array.prototype.filter.call(form.querySelectorAll('input[name="context"]'), function (b) { return b.checked; })
        .map(function (b) { return b.value; });
      refresh(true);
    } else if (input.name.indexOf("a-") === 0) {
      state.answers[input.name.substring(2)] = input.value;
      refresh(true);
    } else if (input.name === "intensity") {
      var region = input.id.replace(/^i-/, "");
      var id = Object.keys(order).filter(function (k) { return k.replace(".", "-") === region; })[0];
      if (input.value) { state.intensity[id] = input.value.split(":")[1]; } else { delete state.intensity[id]; }
      refresh(true);
    }
  });

  form.addEventListener("submit", function (event) { event.preventDefault(); refresh(true); });

  window.addEventListener("popstate", function () { state = readUrl(); refresh(false); });

  var search = document.getElementById("region-search");
  if (search) {
    search.addEventListener("input", function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      Array.prototype.forEach.call(form.querySelectorAll(".region-group"), function (group) {
        var any = false;
        Array.prototype.forEach.call(group.querySelectorAll(".region-option"), function (option) {
          var text = option.textContent.toLowerCase() + " " + option.querySelector("input").value;
          var show = words.every(function (w) { return text.indexOf(w) >= 0; });
          option.hidden = !show;
          any = any || show;
        });
        group.hidden = !any;
      });
    });
  }

  document.documentElement.setAttribute("data-finder", "ready");
})();
