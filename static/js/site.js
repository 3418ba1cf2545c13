/* almanac: small progressive enhancements; every page works without them.
   - the text size buttons (大/中/小), remembered across pages in localStorage
     (js/text-size.js applies the stored size before the first paint);
   - the print button;
   - the language switch keeps the reader's place (as a hash on its link);
   - closed <details> (chart data tables) open for printing.
   ES5 on purpose: many readers use older phones and in-app browsers. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "almanac-text-size";
  var SIZES = { small: true, "default": true, large: true };

  function each(selector, fn) {
    var list = document.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  function closest(el, selector) {
    for (; el && el.nodeType === 1; el = el.parentNode) {
      if ((el.matches || el.msMatchesSelector || el.webkitMatchesSelector).call(el, selector)) return el;
    }
    return null;
  }

  /* Text size ------------------------------------------------------------ */
  function currentSize() {
    var size = root.getAttribute("data-text-size");
    return SIZES[size] ? size : "default";
  }

  function showSize(size) {
    if (size === "default") root.removeAttribute("data-text-size");
    else root.setAttribute("data-text-size", size);
    each("button[data-text-size]", function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-text-size") === size ? "true" : "false");
    });
  }

  function chooseSize(size) {
    if (!SIZES[size]) return;
    showSize(size);
    try {
      if (size === "default") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, size);
    } catch (e) { /* storage blocked: the size lasts for this page only */ }
  }

  showSize(currentSize());
  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) showSize(SIZES[e.newValue] ? e.newValue : "default");
  });

  /* Language switch: keep the reader's place ---------------------------------
     Both languages give a section's headings, charts and print-edition
     articles the same ids. The reader's place is the last of those they
     stopped scrolling at: the switch is in the header, so a reader deep in
     a section scrolls back up to reach it, past places they did not stop
     to read. Until they scroll, it is the hash they arrived at, if any. */
  var PLACES = "main h2[id], main h3[id], main h4[id], main figure[id], main article[id]";
  var DWELL = 600; // ms without scrolling that make a place the reader's
  var readPlace = window.location.hash;
  var dwelling = 0;

  function placeInView() {
    if (window.pageYOffset < 1) return "";
    // The place is at the top of the window, or the last one above it
    // when the reader is in its text; one further down is still to come.
    var line = 48, hash = "";
    each(PLACES, function (el) {
      if (!closest(el, "nav") && el.getBoundingClientRect().top <= line) hash = "#" + el.id;
    });
    return hash;
  }

  window.addEventListener("scroll", function () {
    clearTimeout(dwelling);
    dwelling = setTimeout(function () { readPlace = placeInView(); }, DWELL);
  });

  function keepPlace(link) {
    if (readPlace) link.href = link.href.split("#")[0] + readPlace;
  }

  /* Clicks ------------------------------------------------------------------ */
  document.addEventListener("click", function (e) {
    var el = closest(e.target, "button[data-text-size], button[data-print], a[data-keep-hash]");
    if (!el) return;
    if (el.hasAttribute("data-keep-hash")) keepPlace(el);
    else if (el.hasAttribute("data-print")) window.print();
    else chooseSize(el.getAttribute("data-text-size"));
  });

  /* Printing: open closed <details>, close them again afterwards ------------ */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    each("details:not([open])", function (d) {
      d.open = true;
      opened.push(d);
    });
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < opened.length; i++) opened[i].open = false;
    opened = [];
  });
})();
