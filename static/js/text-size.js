/* almanac: applies the reader's text size (大/中/小) and elder mode (长者模式)
   before the first paint. Loaded from <head> without defer, so it must stay
   tiny; site.js and elder-mode.js do the rest. Also marks the page "js", so
   the stylesheet shows the reading tools only where they work. */
(function (root) {
  root.className += " js";
  try {
    var size = localStorage.getItem("almanac-text-size");
    if (size === "small" || size === "large") root.setAttribute("data-text-size", size);
    if (localStorage.getItem("almanac-elder-mode") === "on") root.setAttribute("data-elder-mode", "on");
  } catch (e) { /* storage blocked: the default size, elder mode off */ }
})(document.documentElement);
