/* almanac: the elder mode switch (长者模式 / Easy reading).
   Elder mode is a set of styles (site.css, "elder mode") switched on by
   data-elder-mode="on" on <html>: text of at least 24 px, generous spacing,
   large targets and cursor, the strongest contrast. The choice is kept in
   localStorage like the text size, and js/text-size.js applies it before
   the first paint; this file only runs the button.
   ES5 on purpose, like site.js. */
(function () {
  "use strict";
  var root = document.documentElement;
  var KEY = "almanac-elder-mode";

  function show(on) {
    if (on) root.setAttribute("data-elder-mode", "on");
    else root.removeAttribute("data-elder-mode");
    var buttons = document.querySelectorAll("button[data-elder-mode]");
    for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute("aria-pressed", on ? "true" : "false");
  }

  function choose(on) {
    show(on);
    try {
      if (on) localStorage.setItem(KEY, "on");
      else localStorage.removeItem(KEY);
    } catch (e) { /* storage blocked: elder mode lasts for this page only */ }
  }

  show(root.getAttribute("data-elder-mode") === "on");
  // Another tab switched elder mode: follow it.
  window.addEventListener("storage", function (e) {
    if (e.key === KEY) show(e.newValue === "on");
  });
  document.addEventListener("click", function (e) {
    for (var el = e.target; el && el.nodeType === 1; el = el.parentNode) {
      if (el.nodeName === "BUTTON" && el.hasAttribute("data-elder-mode")) {
        choose(root.getAttribute("data-elder-mode") !== "on");
        return;
      }
    }
  });
})();
