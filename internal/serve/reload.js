// Live reload for `almanac serve`. Only the dev server sends this script:
// it listens for the server's events, replaces this page's <main> when
// its own output changed (keeping the scroll position), swaps
// stylesheets in place when only CSS changed, and shows build errors over the page until they
// are fixed. Error text is set with textContent only, never parsed as HTML.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me || !window.EventSource) {
    return;
  }
  // The paths whose change concerns this page: its own, and for a 404
  // page the path that was asked for, which an edit may create.
  var paths = me.getAttribute("data-path").split(" ");
  var version = me.getAttribute("data-version");
  var seen = Number(version.split("-")[1]) || 0;
  var scrollKey = "almanac-scroll:" + location.pathname;

  // Scroll back to where the reader was before the reload.
  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(scrollKey) || "null");
    sessionStorage.removeItem(scrollKey);
  } catch (e) {}
  if (saved) {
    var restore = function () { window.scrollTo(saved.x, saved.y); };
    restore();
    window.addEventListener("load", restore, { once: true });
  }

  function reload() {
    try {
      sessionStorage.setItem(scrollKey, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {}
    location.reload();
  }

  // Replace this page's <main> with the new build's, in place: no
  // reload, so the reader keeps the scroll position and the browser
  // fetches no stylesheet, script or font again. Anything else (no
  // <main>, a failed fetch, a <main> holding a form, such as the search
  // page's, whose script keeps hold of its elements) reloads the page.
  function swapMain() {
    var main = document.querySelector("main");
    if (!main || main.querySelector("form")) {
      source.close();
      reload();
      return;
    }
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok) {
        throw new Error(r.status);
      }
      return r.text();
    }).then(function (html) {
      var next = new DOMParser().parseFromString(html, "text/html");
      var fresh = next.querySelector("main");
      if (!fresh) {
        throw new Error("no <main>");
      }
      document.title = next.title;
      main.replaceWith(document.importNode(fresh, true));
    }).catch(reload);
  }

  function samePath(url, p) {
    var u = new URL(url, location.href);
    return u.origin === location.origin && u.pathname === p;
  }

  // Does this page load the file at p (a script, an image, an icon…)?
  function loads(p) {
    var els = document.querySelectorAll("script[src], img[src], source[src], video[src], audio[src], iframe[src], link[href]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      if (el === me) {
        continue;
      }
      var url = el.getAttribute("src") || el.getAttribute("href");
      if (el.tagName === "LINK" && /\bstylesheet\b/i.test(el.rel)) {
        continue; // stylesheets are swapped, not reloaded
      }
      if (url && samePath(url, p)) {
        return true;
      }
    }
    return false;
  }

  function swap(link) {
    var next = link.cloneNode();
    var u = new URL(link.href, location.href);
    u.searchParams.set("almanac-reload", String(Date.now()));
    next.href = u.href;
    var done = function () { link.remove(); };
    next.addEventListener("load", done, { once: true });
    next.addEventListener("error", done, { once: true });
    link.after(next);
  }

  // Swap the stylesheets that changed; when none of this page's links
  // names a changed file (it is @imported), swap every local stylesheet.
  function swapStyles(paths) {
    var links = Array.prototype.slice.call(document.querySelectorAll('link[rel~="stylesheet"][href]'));
    var local = links.filter(function (l) { return new URL(l.href, location.href).origin === location.origin; });
    var hit = local.filter(function (l) {
      return paths.some(function (p) { return samePath(l.href, p); });
    });
    (hit.length ? hit : local).forEach(swap);
  }

  var overlay = null;

  function hideErrors() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  function el(tag, style, text) {
    var e = document.createElement(tag);
    Object.keys(style).forEach(function (k) { e.style[k] = style[k]; });
    if (text) {
      e.textContent = text;
    }
    return e;
  }

  // The overlay's own words come with each event, in the editor's
  // language; these are for a server that sends none.
  var WORDS = {
    failed: "The site did not build",
    lastGood: "The page below is the last version that built; this message goes away when the mistake is fixed.",
    warnings: "Worth a look",
    refused: "almanac build refuses this:",
    close: "Close"
  };

  function showErrors(errors, words) {
    hideErrors();
    overlay = el("div", {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(20, 20, 20, 0.82)", color: "#fff", padding: "2rem 1rem",
      font: "16px/1.5 system-ui, sans-serif"
    });
    overlay.id = "almanac-build-error";
    overlay.setAttribute("role", "alert");
    var box = el("div", {
      maxWidth: "60rem", margin: "0 auto", background: "#fff", color: "#1a1a1a",
      borderTop: "6px solid #b00020", padding: "1.5rem", borderRadius: "4px"
    });
    var close = el("button", { float: "right", font: "inherit", cursor: "pointer" }, "×");
    close.type = "button";
    close.setAttribute("aria-label", words.close);
    close.addEventListener("click", hideErrors);
    box.appendChild(close);
    box.appendChild(el("h2", { margin: "0 0 0.25rem", fontSize: "1.25rem", color: "#b00020" }, words.failed));
    box.appendChild(el("p", { margin: "0 0 1rem" }, words.lastGood));
    errors.forEach(function (d) {
      var item = el("div", { borderTop: "1px solid #ddd", padding: "0.75rem 0" });
      item.appendChild(el("div", { fontFamily: "ui-monospace, monospace", fontWeight: "bold", overflowWrap: "anywhere" }, d.pos || d.file || ""));
      item.appendChild(el("div", { margin: "0.25rem 0", whiteSpace: "pre-wrap" }, d.msg || ""));
      if (d.hint) {
        item.appendChild(el("div", { color: "#444", whiteSpace: "pre-wrap" }, d.hint));
      }
      box.appendChild(item);
    });
    overlay.appendChild(box);
    (document.body || document.documentElement).appendChild(overlay);
  }

  // Warnings do not stop the build: they show in a small panel at the
  // bottom of the page (a translation behind its source, for one), which
  // the editor may close.
  var notes = null;

  function hideWarnings() {
    if (notes) {
      notes.remove();
      notes = null;
    }
  }

  function showWarnings(warnings, words) {
    hideWarnings();
    if (!warnings.length) {
      return;
    }
    notes = el("div", {
      position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483646", maxHeight: "40vh", overflow: "auto",
      background: "#fff8e1", color: "#1a1a1a", borderTop: "4px solid #8a5a00", padding: "0.75rem 1rem",
      font: "15px/1.5 system-ui, sans-serif"
    });
    notes.id = "almanac-warnings";
    notes.setAttribute("role", "status");
    var close = el("button", { float: "right", font: "inherit", cursor: "pointer" }, "×");
    close.type = "button";
    close.setAttribute("aria-label", words.close);
    close.addEventListener("click", hideWarnings);
    notes.appendChild(close);
    notes.appendChild(el("strong", {}, words.warnings + " (" + warnings.length + ")"));
    warnings.forEach(function (d) {
      var item = el("div", { borderTop: "1px solid #e0c98f", padding: "0.4rem 0" });
      item.appendChild(el("div", { fontFamily: "ui-monospace, monospace", overflowWrap: "anywhere" }, d.pos || d.file || ""));
      var msg = el("div", { whiteSpace: "pre-wrap" }, d.msg || "");
      if (d.refused) {
        // What build refuses, in the colour of the error overlay.
        msg.insertBefore(el("strong", { color: "#b00020", marginRight: "0.5em" }, words.refused), msg.firstChild);
      }
      item.appendChild(msg);
      if (d.hint) {
        item.appendChild(el("div", { color: "#444", whiteSpace: "pre-wrap" }, d.hint));
      }
      notes.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(notes);
  }

  var source = new EventSource("/_almanac/events?since=" + encodeURIComponent(version));
  source.addEventListener("change", function (e) {
    var c = JSON.parse(e.data);
    if (c.version <= seen) {
      return;
    }
    seen = c.version;
    var mine = paths.some(function (p) { return c.pages.indexOf(p) >= 0; });
    if (c.all || c.assets.some(loads)) {
      source.close();
      reload();
      return;
    }
    if (mine) {
      swapMain();
    }
    if (c.css.length) {
      swapStyles(c.css);
    }
  });
  source.addEventListener("build-error", function (e) {
    var data = JSON.parse(e.data);
    showErrors(data.errors || [], data.words || WORDS);
  });
  source.addEventListener("build-ok", function (e) {
    hideErrors();
    var data = {};
    try {
      data = JSON.parse(e.data || "{}");
    } catch (err) {}
    showWarnings(data.warnings || [], data.words || WORDS);
  });
})();
