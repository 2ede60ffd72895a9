/* podcaster listening page: seek from chapters and transcript lines, highlight the line
   being spoken. The page reads fully without this script; it only adds behaviour. */
(function () {
  "use strict";
  var audio = document.querySelector("audio[data-player]");
  if (!audio) return;
  var cues = Array.prototype.slice.call(document.querySelectorAll("a.cue[data-start]"));
  var chapters = Array.prototype.slice.call(document.querySelectorAll("a.chapter[data-start]"));
  var follow = document.getElementById("follow");
  var reduced = window.matchMedia("(prefers-reduced-motion: reduce)");
  var shown = { cue: null, chapter: null };

  Array.prototype.forEach.call(document.querySelectorAll("[data-js-only]"), function (el) {
    el.hidden = false;
  });

  function seek(seconds, play) {
    audio.currentTime = seconds;
    if (audio.readyState < 1) {  // no metadata yet: seek again once it is there
      audio.addEventListener("loadedmetadata", function () { audio.currentTime = seconds; }, { once: true });
    }
    update();
    if (play && audio.paused) {
      var started = audio.play();
      if (started && started.catch) started.catch(function () {});  // autoplay refused: stay put
    }
  }

  // The last item that has started by `time`, or -1 (items are in start order).
  function lastStarted(items, time) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (parseFloat(items[mid].dataset.start) <= time + 0.0005) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function mark(kind, items, time) {
    var index = lastStarted(items, time);
    var el = index < 0 ? null : items[index];
    if (el === shown[kind]) return false;
    if (shown[kind]) shown[kind].removeAttribute("aria-current");
    if (el) el.setAttribute("aria-current", "true");
    shown[kind] = el;
    return el !== null;
  }

  function keepInView(el) {
    var box = el.getBoundingClientRect();
    var player = audio.parentElement.getBoundingClientRect();
    if (box.top >= player.bottom && box.bottom <= window.innerHeight) return;
    el.scrollIntoView({ block: "center", behavior: reduced.matches ? "auto" : "smooth" });
  }

  function update() {
    var time = audio.currentTime;
    mark("chapter", chapters, time);
    if (mark("cue", cues, time) && (!follow || follow.checked) && !audio.paused) keepInView(shown.cue);
  }

  function target(event) {
    var el = event.target.closest ? event.target.closest("a[data-start]") : null;
    return el && (el.classList.contains("cue") || el.classList.contains("chapter")) ? el : null;
  }

  function activate(el, event) {
    event.preventDefault();
    var start = parseFloat(el.dataset.start);
    if (window.history.replaceState) window.history.replaceState(null, "", "#t=" + el.dataset.start);
    seek(start, true);
  }

  document.addEventListener("click", function (event) {
    var el = target(event);
    if (!el || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    activate(el, event);
  });
  document.addEventListener("keydown", function (event) {  // links take Enter; Space too, as buttons do
    var el = target(event);
    if (el && (event.key === " " || event.key === "Spacebar")) activate(el, event);
  });

  function fromHash() {  // #t=12.5 opens the episode at 12.5 s
    var found = /^#t=(\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (found) seek(parseFloat(found[1]), false);
  }

  ["timeupdate", "seeked", "play"].forEach(function (name) { audio.addEventListener(name, update); });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
