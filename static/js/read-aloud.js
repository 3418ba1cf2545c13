/* almanac: read aloud (朗读) with the browser's own speech, speechSynthesis.
   No vendor script, nothing sent anywhere by the site.

   - The main text of the page (titles, summaries, paragraphs, lists,
     tables cell by cell, key figures, chart captions and descriptions;
     not the navigation, the contents, a chart's data table, a footnote's
     number or the arrow back from its note) is read in the page's
     language, as written: "近430万人次" is the text the reader sees.
   - Speaking goes sentence by sentence, in pieces of at most MAX characters:
     Chrome cuts off an utterance that lasts longer than about 14 seconds.
   - The sentence being read is highlighted (the CSS Custom Highlight API,
     with the block it is in marked as a fallback) and scrolled into view.
   - Pause, resume, stop, speed; Escape stops. The state is announced in
     the group's status line (role=status).
   - The controls show only where speechSynthesis has a voice for the
     page's language, and reading stops when the reader leaves the page.
   ES5 on purpose, like site.js. */
(function () {
  "use strict";
  var synth = window.speechSynthesis;
  var group = document.querySelector(".read-aloud");
  if (!group || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;

  var root = document.documentElement;
  var locale = root.getAttribute("lang") || "";
  var MAX = 100;
  var RATE_KEY = "almanac-read-rate";

  /* Which voices can read a locale, best first, as language tags a voice's
     lang starts with. A locale not listed falls back by its last subtag
     (zh-Hant-HK → zh-Hant → zh), and at last to its language. Hong Kong
     voices speak Cantonese: only Hong Kong pages prefer them. */
  var VOICE_LANGS = {
    "zh-hans": ["zh-cn", "cmn-hans", "zh-sg", "zh-tw", "cmn", "zh"],
    "zh-hant": ["zh-tw", "cmn-hant", "zh-cn", "cmn", "zh"],
    "zh-hant-hk": ["zh-hk", "yue", "zh-tw", "zh"],
    "zh": ["zh-cn", "cmn", "zh-tw", "zh"],
    "en": ["en-gb", "en-us", "en"]
  };

  /* What is read: text blocks in <main>, not inside the parts below. */
  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, figcaption, blockquote";
  var SKIP = "nav, .page-context, .report-tools-section, .chart-data, .chart-download, " +
    ".qr-figure, .page-tools, .visually-hidden, [aria-hidden='true'], [hidden], " +
    ".footnote-ref, .footnote-backref";
  /* Where a sentence ends, and where a long one may be cut. A full stop
     ends an English sentence only before a space: "2.4亿元", "1.27 million".
     A line break in the source is a space, not an end. */
  var SENTENCE_END = /[。！？；!?;]+[”’」』）)"']*|\.+[”’"')]*(?=\s|$)/g;
  var CLAUSE_END = /[，、：,:]+[”’」』）)"']*\s*/g;
  var WORD_END = /\s+/g;

  var play = group.querySelector("[data-read=play]");
  var label = group.querySelector("[data-read=label]");
  var stopButton = group.querySelector("[data-read=stop]");
  var rateSelect = group.querySelector("[data-read=rate]");
  var status = group.querySelector("[data-read=status]");
  var highlights = window.CSS && CSS.highlights && typeof window.Highlight === "function" ? CSS.highlights : null;

  var voice = null;
  var state = "idle"; // "playing", "paused"
  var queue = [];     // {el, text, range}
  var index = 0;
  var token = 0;      // the current utterance; events of older ones are ignored
  var current = null; // kept referenced: Chrome may drop an utterance's events otherwise
  var marked = null;

  function matches(el, selector) {
    return (el.matches || el.msMatchesSelector || el.webkitMatchesSelector).call(el, selector);
  }

  function closest(el, selector) {
    for (; el && el.nodeType === 1; el = el.parentNode) if (matches(el, selector)) return el;
    return null;
  }

  /* Voices ------------------------------------------------------------------ */
  function voiceLangs(tag) {
    for (var t = tag.toLowerCase(); t; t = t.replace(/-?[^-]*$/, "")) {
      if (VOICE_LANGS[t]) return VOICE_LANGS[t];
    }
    return [tag.toLowerCase().split("-")[0]];
  }

  // The best voice for the page: the first language in voiceLangs that a
  // voice speaks, a voice on the device before one over the network.
  function findVoice() {
    var voices = synth.getVoices() || [];
    var wanted = voiceLangs(locale);
    for (var i = 0; i < wanted.length; i++) {
      var found = null;
      for (var j = 0; j < voices.length; j++) {
        var v = voices[j], lang = String(v.lang || "").toLowerCase().replace(/_/g, "-");
        if (lang !== wanted[i] && lang.indexOf(wanted[i] + "-") !== 0) continue;
        if (!found || (v.localService && !found.localService)) found = v;
      }
      if (found) return found;
    }
    return null;
  }

  function updateVoices() {
    voice = findVoice();
    group.hidden = !voice;
    if (!voice && state !== "idle") stop();
  }

  /* What to read -------------------------------------------------------------- */
  // The text nodes of a block that are its own, not a nested block's.
  function ownText(block) {
    var nodes = [];
    var walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, null, false);
    for (var n = walk.nextNode(); n; n = walk.nextNode()) {
      var parent = closest(n.parentNode, BLOCKS);
      if (parent === block && !closest(n.parentNode, SKIP)) nodes.push(n);
    }
    return nodes;
  }

  // Pieces [start, end) of text: its sentences; one longer than MAX is
  // cut at clauses, a clause longer than MAX between words, and a run of
  // MAX characters without either (Chinese has no spaces) at MAX.
  function pieces(text) {
    var out = [];
    eachSpan(text, SENTENCE_END, 0, text.length, function (s, e) {
      while (s < e && /\s/.test(text.charAt(s))) s++; // the space after the last one
      pack(text, s, e, [CLAUSE_END, WORD_END], out);
    });
    return out;
  }

  // Packs the spans of text[s, e) that end where levels[0] matches into
  // pieces of at most MAX characters; a span too long goes to the next level.
  function pack(text, s, e, levels, out) {
    if (e - s <= MAX) { if (e > s) out.push([s, e]); return; }
    if (!levels.length) {
      for (; s < e; s += MAX) out.push([s, Math.min(e, s + MAX)]);
      return;
    }
    var from = s, to = s;
    eachSpan(text, levels[0], s, e, function (cs, ce) {
      if (ce - from <= MAX) { to = ce; return; }
      if (to > from) out.push([from, to]);
      if (ce - cs > MAX) {
        pack(text, cs, ce, levels.slice(1), out);
        from = to = ce;
      } else {
        from = cs;
        to = ce;
      }
    });
    if (to > from) out.push([from, to]);
  }

  // Calls fn with the spans of text[start, end) that end where re matches.
  function eachSpan(text, re, start, end, fn) {
    var part = text.slice(start, end), from = 0, m;
    re.lastIndex = 0;
    while ((m = re.exec(part))) {
      if (m[0] === "") { re.lastIndex++; continue; }
      var to = m.index + m[0].length;
      fn(start + from, start + to);
      from = to;
    }
    if (from < part.length) fn(start + from, end);
  }

  // A range over the characters [s, e) of the text nodes, read as one string.
  function rangeOf(nodes, s, e) {
    var range = document.createRange(), at = 0, started = false;
    for (var i = 0; i < nodes.length; i++) {
      var len = nodes[i].data.length;
      if (!started && s < at + len) { range.setStart(nodes[i], s - at); started = true; }
      if (started && e <= at + len) { range.setEnd(nodes[i], e - at); return range; }
      at += len;
    }
    return started ? range : null;
  }

  function addPieces(el, nodes, text) {
    var list = pieces(text);
    for (var i = 0; i < list.length; i++) {
      var s = list[i][0], e = list[i][1];
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /\s/.test(text.charAt(e - 1))) e--;
      var said = text.slice(s, e).replace(/\s+/g, " ");
      // Nothing to say in a piece of punctuation only.
      if (!/[0-9A-Za-z\u00C0-\uFFFF]/.test(said.replace(/[\u3000-\u303F\uFF00-\uFF0F\uFF1A-\uFF20\u2010-\u206F]/g, ""))) continue;
      queue.push({ el: el, text: said, range: nodes ? rangeOf(nodes, s, e) : null });
    }
  }

  function buildQueue() {
    queue = [];
    // Looked up each time: the dev server replaces <main> after an edit.
    var main = document.getElementById("main") || document.body;
    var blocks = main.querySelectorAll(BLOCKS);
    for (var i = 0; i < blocks.length; i++) {
      var block = blocks[i];
      if (closest(block, SKIP) || block.getClientRects().length === 0) continue;
      var nodes = ownText(block), text = "";
      for (var j = 0; j < nodes.length; j++) text += nodes[j].data;
      addPieces(block, nodes, text);
      // A chart is read by its caption and then its description (which
      // is not drawn, so only the chart is marked).
      var chart = matches(block, "figcaption") && closest(block, "figure");
      var desc = chart && chart.querySelector("svg desc");
      if (desc) addPieces(chart.querySelector("svg"), null, desc.textContent);
    }
  }

  /* Marking the piece being read ---------------------------------------------- */
  function mark(piece) {
    unmark();
    marked = piece.el;
    marked.classList.add("read-aloud-current");
    if (highlights && piece.range) highlights.set("read-aloud", new window.Highlight(piece.range));
    var box = (piece.range || piece.el).getBoundingClientRect();
    var bottom = window.innerHeight - (state === "idle" ? 0 : group.getBoundingClientRect().height);
    // Out of view, it goes a third of the way down the window, or higher
    // if it is long; at once, not smoothly: the next one is seconds away.
    if (box.top < 0 || box.bottom > bottom) {
      var top = Math.max(8, Math.min(bottom / 3, bottom - box.height - 8));
      window.scrollBy({ top: box.top - top, behavior: "instant" });
    }
  }

  function unmark() {
    if (marked) marked.classList.remove("read-aloud-current");
    marked = null;
    if (highlights) highlights["delete"]("read-aloud");
  }

  /* Speaking ------------------------------------------------------------------- */
  function speakCurrent() {
    if (index >= queue.length) { finish(); return; }
    var piece = queue[index];
    var u = new window.SpeechSynthesisUtterance(piece.text);
    var mine = ++token;
    u.lang = locale;
    if (voice) u.voice = voice;
    u.rate = rate();
    u.onend = function () {
      if (mine !== token || state !== "playing") return;
      index++;
      speakCurrent();
    };
    u.onerror = function (e) {
      if (mine !== token || e.error === "interrupted" || e.error === "canceled") return;
      stop();
    };
    current = u;
    mark(piece);
    synth.speak(u);
  }

  // Silences the current utterance; its end and error events are ignored.
  function silence() {
    token++;
    current = null;
    synth.cancel();
  }

  function rate() {
    var r = parseFloat(rateSelect.value);
    return r > 0 ? r : 1;
  }

  function show(next, message) {
    state = next;
    group.setAttribute("data-read-state", state);
    label.textContent = group.getAttribute(state === "idle" ? "data-label-start" : state === "playing" ? "data-label-pause" : "data-label-resume");
    if (message) status.textContent = group.getAttribute("data-status-" + message);
  }

  function start() {
    buildQueue();
    if (!queue.length) return;
    index = 0;
    if (synth.speaking || synth.pending) synth.cancel(); // whatever was left speaking
    show("playing", "playing");
    speakCurrent();
  }

  function pause() {
    // cancel, not synth.pause(): Android's Chrome cannot pause, and
    // Chrome's network voices do not always resume. Resuming says the
    // interrupted sentence again, from its start.
    silence();
    show("paused", "paused");
  }

  function resume() {
    show("playing", "playing");
    speakCurrent();
  }

  function stop(quiet) {
    silence();
    toIdle(quiet ? "" : "stopped");
  }

  function finish() {
    current = null;
    toIdle("done");
  }

  // Idle, the stop button and the speed are hidden: a keyboard user on
  // one of them is moved to the button that starts reading again.
  function toIdle(message) {
    var focused = document.activeElement;
    var lost = focused === stopButton || focused === rateSelect;
    unmark();
    show("idle", message);
    if (lost) play.focus();
  }

  /* Wiring ---------------------------------------------------------------------- */
  try {
    var stored = localStorage.getItem(RATE_KEY);
    for (var i = 0; i < rateSelect.options.length; i++) {
      if (rateSelect.options[i].value === stored) rateSelect.value = stored;
    }
  } catch (e) { /* storage blocked: the normal speed */ }

  play.addEventListener("click", function () {
    if (state === "idle") start();
    else if (state === "playing") pause();
    else resume();
  });
  stopButton.addEventListener("click", function () { stop(); });
  rateSelect.addEventListener("change", function () {
    try { localStorage.setItem(RATE_KEY, rateSelect.value); } catch (e) { /* this page only */ }
    if (state !== "playing") return;
    // The same sentence again at the new speed, a moment later: an
    // utterance queued together with cancel() is sometimes dropped.
    silence();
    var mine = token;
    setTimeout(function () { if (mine === token && state === "playing") speakCurrent(); }, 50);
  });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && state !== "idle") stop();
  });
  // Leaving the page (or its tab being discarded) ends the reading: the
  // browser would otherwise go on speaking over the next page.
  window.addEventListener("pagehide", function () {
    if (state !== "idle") stop(true);
  });

  updateVoices();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", updateVoices);
  else synth.onvoiceschanged = updateVoices;
})();
