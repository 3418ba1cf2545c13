/* almanac: the search page (layouts/search.html).
   Reads the query from ?q=, runs it when the page loads and as the reader
   types, and lists the passages found, each with its page's title, its
   heading and a snippet with the matches marked.
   The index (internal/search) is static: a manifest, shards of terms and
   chunks of passages, of which a query downloads only what it needs.
   Text is split into terms exactly as the index split it (the rules are
   those of internal/search/text.go, repeated here): Chinese by characters
   and pairs of characters, other text by lower-cased words.
   What the reader typed reaches the page only as text (textContent and text
   nodes), never as markup. ES5, like site.js, for older phones. */
(function () {
  "use strict";
  var app = document.getElementById("search");
  var input = document.getElementById("search-q");
  if (!app || !input || !app.getAttribute("data-index")) return;
  var form = input.form;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = app.getAttribute("data-base") || "/";
  var indexURL = app.getAttribute("data-index");
  var dir = indexURL.slice(0, indexURL.lastIndexOf("/") + 1);
  var PAGE = 20;        // results shown at once
  var MAX_CHECKED = 500; // candidates whose text is read, per query
  var MAX_WORD = 40;     // longest word indexed (text.go maxWord)

  /* Text rules: twins of internal/search/text.go ---------------------------- */
  var SEP = 0, HAN = 1, WORD = 2;

  function isHan(c) {
    return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF ||
      c >= 0xF900 && c <= 0xFAFF || c >= 0x20000 && c <= 0x3FFFF || c === 0x3007;
  }

  function isWordChar(c) {
    if (c < 0x80) return c >= 97 && c <= 122 || c >= 65 && c <= 90 || c >= 48 && c <= 57;
    if (c >= 0xC0 && c <= 0x2AF) return c !== 0xD7 && c !== 0xF7;
    return c >= 0x370 && c <= 0x3FF && c !== 0x37E && c !== 0x387 || c >= 0x400 && c <= 0x52F ||
      c >= 0x1E00 && c <= 0x1FFF || c >= 0x3040 && c <= 0x30FF && c !== 0x30FB ||
      c >= 0xAC00 && c <= 0xD7AF;
  }

  function chr(c) {
    if (c < 0x10000) return String.fromCharCode(c);
    c -= 0x10000;
    return String.fromCharCode(0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
  }

  function digitOf(c) { return c >= 0xFF10 && c <= 0xFF19 ? c - 0xFEE0 : c; }
  function isDigit(c) { return c >= 48 && c <= 57; }

  // fold returns [code point as the index reads it, its class].
  function fold(c) {
    if (c >= 0xFF10 && c <= 0xFF19 || c >= 0xFF21 && c <= 0xFF3A || c >= 0xFF41 && c <= 0xFF5A) c -= 0xFEE0;
    if (isHan(c)) return [c, HAN];
    if (!isWordChar(c)) return [c, SEP];
    if (c >= 65 && c <= 90) return [c + 32, WORD];
    if (c >= 0x80 && c !== 0x130) {
      var lower = chr(c).toLowerCase();
      if (lower.length === chr(c).length) c = codePointAt(lower, 0);
    }
    return [c, WORD];
  }

  function codePointAt(s, i) {
    var c = s.charCodeAt(i);
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xDC00 && d <= 0xDFFF) return (c - 0xD800) * 0x400 + d - 0xDC00 + 0x10000;
    }
    return c;
  }

  // tokenize splits s into tokens {t: the term text, han: a Chinese run,
  // start, end: where it is in s}.
  function tokenize(s) {
    var out = [], cur = SEP, tok = "", count = 0, last = 0, start = 0, end = 0;
    function flush() {
      if (tok && (cur === HAN || count <= MAX_WORD)) out.push({ t: tok, han: cur === HAN, start: start, end: end });
      tok = ""; cur = SEP; count = 0;
    }
    for (var i = 0; i < s.length;) {
      var at = i, raw = codePointAt(s, i);
      i += raw >= 0x10000 ? 2 : 1;
      var f = fold(raw), c = f[0], k = f[1];
      if (k === SEP && (c === 46 || c === 44) && cur === WORD && isDigit(last) &&
          i < s.length && isDigit(digitOf(codePointAt(s, i)))) {
        if (c === 46) { tok += "."; last = c; }
        continue;
      }
      if (k !== cur) {
        flush();
        cur = k;
        start = at;
      }
      if (k !== SEP) {
        tok += chr(c);
        count++;
        last = c;
        end = i;
      }
    }
    flush();
    return out;
  }

  // singular is a word as the index holds it, by the language's table of
  // plurals from the manifest: {words: {word: singular}, endings: [[plural
  // ending, singular ending, least letters before it], …]}, the first
  // ending that fits wins (singular and the tables in
  // internal/search/plurals.go).
  function singular(w, table) {
    if (!table) return w;
    if (Object.prototype.hasOwnProperty.call(table.words, w)) return table.words[w]; // all a-z
    var last = w.charAt(w.length - 1);
    for (var i = 0; i < table.endings.length; i++) {
      var e = table.endings[i], stem = w.length - e[0].length;
      if (stem >= e[2] && e[0].charAt(e[0].length - 1) === last && w.slice(stem) === e[0]) {
        // Only now the costlier test: most words fit no ending.
        return /^[a-z]+$/.test(w) ? w.slice(0, stem) + e[1] : w;
      }
    }
    return w;
  }

  // pluralPrefix is a word being typed, cut back to what the singular of
  // every word it begins also begins with: "polici" (policies, held as
  // policy) is looked for as "polic", "classe" (classes) as "class",
  // "childre" (children) as "child". A cut that would leave fewer than
  // three letters is not made.
  function pluralPrefix(w, table) {
    if (!table || !/^[a-z]+$/.test(w)) return w;
    for (var word in table.words) {
      var c = common(word, table.words[word]);
      if (w.length > c && w.length < word.length && word.lastIndexOf(w, 0) === 0) {
        return c >= 3 ? w.slice(0, c) : w;
      }
    }
    for (var i = 0; i < table.endings.length; i++) {
      var p = table.endings[i][0], k = common(p, table.endings[i][1]);
      // w ends in a beginning of the plural ending longer than what it
      // shares with the singular one, but not in all of it.
      for (var n = p.length - 1; n > k; n--) {
        var stem = w.length - n;
        if (stem >= table.endings[i][2] && w.slice(stem) === p.slice(0, n)) {
          return stem + k >= 3 ? w.slice(0, stem) + p.slice(0, k) : w;
        }
      }
    }
    return w;
  }

  // common is the length of what a and b begin with alike.
  function common(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a.charAt(n) === b.charAt(n)) n++;
    return n;
  }

  var plurals = null; // the manifest's table of plurals, if the index holds words in their singular

  // terms are s's tokens as the index holds them: tokenize's, with words
  // in their singular where the index has them so. start and end still
  // point at the text as written, for the marks.
  function terms(s) {
    var toks = tokenize(s);
    if (!plurals) return toks;
    for (var i = 0; i < toks.length; i++) {
      if (toks[i].han) continue;
      // Every word of every passage read comes here: each is read by the
      // table once.
      var w = toks[i].t, one = singulars[w];
      if (one === undefined) one = singulars[w] = singular(w, plurals);
      toks[i].t = one;
    }
    return toks;
  }
  var singulars = Object.create(null); // word → its singular by plurals

  /* Shards: shardOf in internal/search/search.go ----------------------------- */
  function shardOf(term, n) {
    var h = 2166136261, count = 0;
    for (var i = 0; i < term.length;) {
      var c = codePointAt(term, i);
      i += c >= 0x10000 ? 2 : 1;
      h = Math.imul((h ^ c) >>> 0, 16777619) >>> 0;
      count++;
      if (isHan(c) || count === 2) break;
    }
    return h % n;
  }

  /* Loading ------------------------------------------------------------------ */
  var cache = {}; // file name → {data, waiting: [callbacks], failed}

  function load(name, done) {
    var c = cache[name];
    if (c && c.data) return done(null, c.data);
    if (c && c.failed) return done(c.failed);
    if (c) return c.waiting.push(done);
    c = cache[name] = { waiting: [done] };
    var xhr = new XMLHttpRequest();
    xhr.open("GET", name);
    xhr.onload = function () {
      var err = null;
      if (xhr.status >= 200 && xhr.status < 300) {
        try { c.data = JSON.parse(xhr.responseText); } catch (e) { err = e; }
      } else {
        err = new Error(name + ": " + xhr.status);
      }
      finish(err);
    };
    xhr.onerror = function () { finish(new Error(name)); };
    xhr.send();
    function finish(err) {
      if (err) {
        c.failed = err;
        delete cache[name]; // the next query tries again
      }
      var w = c.waiting;
      c.waiting = [];
      for (var i = 0; i < w.length; i++) w[i](err, c.data);
    }
  }

  function loadAll(names, done) {
    var left = names.length, failed = null, out = {};
    if (!left) return done(null, out);
    for (var i = 0; i < names.length; i++) {
      (function (name) {
        load(name, function (err, data) {
          if (err) failed = err;
          out[name] = data;
          if (--left === 0) done(failed, out);
        });
      })(names[i]);
    }
  }

  /* Queries ------------------------------------------------------------------ */
  // parse reads a query: its tokens, the terms each token needs (a group
  // of alternatives for a typed word prefix) and its normal form for
  // finding the whole phrase.
  function parse(typed) {
    var q = indexForms(typed), toks = terms(q), groups = [], seen = {};
    // The last word is still being typed unless a space or a mark follows.
    var open = toks.length > 0 && !toks[toks.length - 1].han && toks[toks.length - 1].end === q.length;
    if (open && plurals) toks[toks.length - 1].t = pluralPrefix(toks[toks.length - 1].t, plurals);
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (!t.han) {
        // A typed prefix needs two characters: shards hold words by their first two.
        var prefix = open && i === toks.length - 1 && t.t.length >= 2;
        var key = (prefix ? "^" : "=") + t.t;
        if (!seen[key]) { seen[key] = true; groups.push({ term: t.t, prefix: prefix }); }
        continue;
      }
      var cs = chars(t.t);
      if (cs.length === 1 && !seen["=" + cs[0]]) {
        seen["=" + cs[0]] = true;
        groups.push({ term: cs[0], prefix: false });
      }
      for (var j = 0; j + 1 < cs.length; j++) {
        var pair = cs[j] + cs[j + 1];
        if (!seen["=" + pair]) { seen["=" + pair] = true; groups.push({ term: pair, prefix: false }); }
      }
    }
    open = open && toks[toks.length - 1].t.length >= 2;
    return { typed: typed, text: q, tokens: toks, groups: groups, open: open };
  }

  // indexForms is a query with each Chinese character the index holds in
  // another form written in that form: on the page of an edition converted
  // to Traditional characters, the manifest's forms take a Simplified
  // query (养老) to the index's characters (養老), and on the page of the
  // edition it is converted from, a Traditional query to Simplified.
  function indexForms(q) {
    var forms = manifest && manifest.forms;
    if (!forms) return q;
    var out = "";
    for (var i = 0; i < q.length;) {
      var c = codePointAt(q, i), ch = q.substr(i, c >= 0x10000 ? 2 : 1);
      i += ch.length;
      out += Object.prototype.hasOwnProperty.call(forms, ch) ? forms[ch] : ch;
    }
    return out;
  }

  function chars(s) {
    var out = [];
    for (var i = 0; i < s.length;) {
      var c = codePointAt(s, i), n = c >= 0x10000 ? 2 : 1;
      out.push(s.substr(i, n));
      i += n;
    }
    return out;
  }

  // postingsOf decodes a shard's list: entry*2+inHeading, as differences
  // from one to the next, where -n repeats the last difference n times.
  function postingsOf(deltas) {
    var out = [], v = 0, last = 0;
    for (var i = 0; i < deltas.length; i++) {
      var d = deltas[i];
      if (d < 0) {
        for (var r = 0; r < -d; r++) { v += last; out.push(v); }
        continue;
      }
      v += d;
      last = d;
      out.push(v);
    }
    return out;
  }

  // candidates are the entries holding every group's term: a map from
  // entry number to whether every term is in its title or heading.
  function candidates(query, shards) {
    var result = null;
    for (var g = 0; g < query.groups.length; g++) {
      var group = query.groups[g], shard = shards[group.term], found = {};
      if (shard) {
        var lists = [];
        if (group.prefix) {
          for (var term in shard) {
            if (term.lastIndexOf(group.term, 0) === 0) lists.push(shard[term]);
          }
        } else if (Object.prototype.hasOwnProperty.call(shard, group.term)) {
          lists.push(shard[group.term]);
        }
        for (var l = 0; l < lists.length; l++) {
          var ps = postingsOf(lists[l]);
          for (var p = 0; p < ps.length; p++) {
            var id = ps[p] >> 1;
            found[id] = found[id] || (ps[p] & 1) === 1;
          }
        }
      }
      if (result === null) {
        result = found;
      } else {
        for (var k in result) {
          if (!(k in found)) delete result[k];
          else result[k] = result[k] && found[k];
        }
      }
    }
    return result || {};
  }

  /* Passages ----------------------------------------------------------------- */
  var entries = {}; // entry number → {path, anchor, title, heading, text, norm, headNorm}

  function chunkOf(id) {
    var starts = manifest.starts, lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= id) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function entry(id) {
    var e = entries[id];
    if (e) return e;
    var c = chunkOf(id), data = cache[dir + manifest.chunks[c]].data;
    var row = data[id - manifest.starts[c]];
    e = { path: row[0], anchor: row[1], title: row[2], heading: row[3], text: row[4] };
    var head = e.anchor ? e.heading : e.title;
    e.headNorm = " " + normal(head) + " ";
    e.norm = " " + normal(head + " \n " + e.text) + " ";
    entries[id] = e;
    return e;
  }

  // normal is text as a string of terms, one space between them: what a
  // phrase is looked for in.
  function normal(s) {
    var toks = terms(s), out = [];
    for (var i = 0; i < toks.length; i++) out.push(toks[i].t);
    return out.join(" ");
  }

  // has reports whether the normal text n (with a space at each end) holds
  // the token t: a Chinese run anywhere in a run, a word whole (or begun,
  // for the word being typed).
  function has(n, t, prefix) {
    if (t.han) return n.indexOf(t.t) >= 0;
    return n.indexOf(" " + t.t + (prefix ? "" : " ")) >= 0;
  }

  function hasAll(n, query) {
    for (var i = 0; i < query.tokens.length; i++) {
      if (!has(n, query.tokens[i], query.open && i === query.tokens.length - 1)) return false;
    }
    return true;
  }

  // phrase is the query as one run of terms, with a space at an end only
  // where a whole word must end there.
  function phrase(query) {
    var toks = query.tokens, s = normal(query.text);
    if (!toks.length) return "";
    if (!toks[0].han) s = " " + s;
    if (!toks[toks.length - 1].han && !query.open) s += " ";
    return s;
  }

  function count(hay, needle) {
    var n = 0;
    for (var i = hay.indexOf(needle); i >= 0 && n < 100; i = hay.indexOf(needle, i + needle.length)) n++;
    return n;
  }

  // rank orders the entries that hold every term: title and heading
  // matches first, then the whole phrase, then every term apart; within
  // each, more occurrences first, then the order of the report.
  function rank(query, ids) {
    var ph = phrase(query), out = [];
    for (var i = 0; i < ids.length; i++) {
      var e = entry(ids[i]);
      if (!hasAll(e.norm, query)) continue; // pairs found, but not side by side
      var tier = hasAll(e.headNorm, query) ? 0 : e.norm.indexOf(ph) >= 0 ? 1 : 2;
      out.push({ id: ids[i], tier: tier, hits: count(e.norm, ph || " ") });
    }
    out.sort(function (a, b) { return a.tier - b.tier || b.hits - a.hits || a.id - b.id; });
    return out;
  }

  /* Showing results ---------------------------------------------------------- */
  // marks lists the [start, end) ranges of s that match the query: where
  // the whole query is, or failing that, where each of its terms is.
  function marks(s, query) {
    var toks = terms(s), out = phraseMarks(toks, query);
    if (!out.length) {
      for (var i = 0; i < toks.length; i++) {
        for (var q = 0; q < query.tokens.length; q++) {
          var r = tokenMatch(toks[i], query, q, "any");
          if (r) out.push(r);
          // Every place a Chinese run is in a longer one.
          while (r && toks[i].han) {
            r = tokenMatch(toks[i], query, q, "any", r[1] - toks[i].start);
            if (r) out.push(r);
          }
        }
      }
    }
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    for (var m = 0; m < out.length; m++) {
      var last = merged[merged.length - 1];
      if (last && out[m][0] <= last[1]) last[1] = Math.max(last[1], out[m][1]);
      else merged.push([out[m][0], out[m][1]]);
    }
    return merged;
  }

  // tokenMatch is the range of text token t that query token q matches, or
  // null. how says where a Chinese run may sit in t: "end" (the phrase
  // goes on after it), "start" (it went on before), "whole" or "any"; from
  // is where in t to look from. The run's text is the page's own (Chinese
  // is not folded), so offsets within it carry over.
  function tokenMatch(t, query, q, how, from) {
    var qt = query.tokens[q];
    if (qt.han !== t.han) return null;
    if (!t.han) {
      var prefix = query.open && q === query.tokens.length - 1;
      return t.t === qt.t || prefix && t.t.lastIndexOf(qt.t, 0) === 0 ? [t.start, t.end] : null;
    }
    var at;
    if (how === "any") at = t.t.indexOf(qt.t, from || 0);
    else if (how === "whole") at = t.t === qt.t ? 0 : -1;
    else if (how === "start") at = t.t.lastIndexOf(qt.t, 0) === 0 ? 0 : -1;
    else at = t.t.length >= qt.t.length && t.t.slice(t.t.length - qt.t.length) === qt.t ? t.t.length - qt.t.length : -1;
    return at < 0 ? null : [t.start + at, t.start + at + qt.t.length];
  }

  // phraseMarks finds the query's tokens one after another in the text's.
  function phraseMarks(toks, query) {
    var m = query.tokens.length, out = [];
    if (m < 2) return out;
    for (var i = 0; i + m <= toks.length; i++) {
      var first = tokenMatch(toks[i], query, 0, "end"), last = first;
      for (var j = 1; first && j < m; j++) {
        last = tokenMatch(toks[i + j], query, j, j === m - 1 ? "start" : "whole");
        if (!last) first = null;
      }
      if (first) out.push([first[0], last[1]]);
    }
    return out;
  }

  // appendMarked adds s[from:to] to el as text, the ranges in <mark>.
  function appendMarked(el, s, ranges, from, to) {
    var at = from;
    for (var i = 0; i < ranges.length; i++) {
      var a = Math.max(ranges[i][0], from), b = Math.min(ranges[i][1], to);
      if (b <= a) continue;
      if (a > at) el.appendChild(document.createTextNode(s.slice(at, a)));
      var m = document.createElement("mark");
      m.appendChild(document.createTextNode(s.slice(a, b)));
      el.appendChild(m);
      at = b;
    }
    if (to > at) el.appendChild(document.createTextNode(s.slice(at, to)));
  }

  function isLowHalf(c) { return c >= 0xDC00 && c <= 0xDFFF; }

  // snippet shows the part of the text around its first match.
  function snippet(el, text, query) {
    var ranges = marks(text, query);
    var before = manifest.zh ? 30 : 70, after = manifest.zh ? 90 : 180;
    var center = ranges.length ? ranges[0][0] : 0;
    var from = Math.max(0, center - before), to = Math.min(text.length, center + after);
    if (!manifest.zh) {
      // Whole words at the ends.
      if (from > 0) { var sp = text.indexOf(" ", from); if (sp >= 0 && sp < center) from = sp + 1; }
      if (to < text.length) { var sp2 = text.lastIndexOf(" ", to); if (sp2 > center) to = sp2; }
    }
    // Never between the two halves of a character beyond U+FFFF.
    if (from > 0 && isLowHalf(text.charCodeAt(from))) from--;
    if (isLowHalf(text.charCodeAt(to))) to++;
    if (from > 0) el.appendChild(document.createTextNode("…"));
    appendMarked(el, text, ranges, from, to);
    if (to < text.length) el.appendChild(document.createTextNode("…"));
  }

  function resultItem(e, query) {
    var li = document.createElement("li");
    li.className = "search-result";
    var a = document.createElement("a");
    a.className = "search-result-link";
    a.setAttribute("href", base + e.path + (e.anchor ? "#" + e.anchor : ""));
    if (e.anchor) {
      var context = document.createElement("span");
      context.className = "search-result-page";
      context.appendChild(document.createTextNode(e.title));
      a.appendChild(context);
      a.appendChild(document.createTextNode(" "));
    }
    var head = document.createElement("span");
    head.className = "search-result-heading";
    var h = e.anchor ? e.heading : e.title;
    appendMarked(head, h, marks(h, query), 0, h.length);
    a.appendChild(head);
    li.appendChild(a);
    if (e.text) {
      var p = document.createElement("p");
      p.className = "search-result-snippet";
      snippet(p, e.text, query);
      li.appendChild(p);
    }
    return li;
  }

  // message puts a string from the page's data-* attributes into el, with
  // {n} a number and {q} the query, which goes in as text.
  function message(el, key, n, q) {
    var s = app.getAttribute("data-" + key) || "";
    while (el.firstChild) el.removeChild(el.firstChild);
    var parts = s.replace("{n}", String(n)).split("{q}");
    for (var i = 0; i < parts.length; i++) {
      if (i > 0) el.appendChild(document.createTextNode(q));
      el.appendChild(document.createTextNode(parts[i]));
    }
  }

  var shown = null; // the current results, for "more"
  var moreButton = null;
  var offer = null;  // the offer of other languages, when nothing is found

  function show(query, ranked) {
    while (list.firstChild) list.removeChild(list.firstChild);
    if (moreButton) { moreButton.parentNode.removeChild(moreButton); moreButton = null; }
    if (offer) { offer.parentNode.removeChild(offer); offer = null; }
    shown = { query: query, ranked: ranked, count: 0 };
    if (!ranked.length) {
      say("none", 0, query.typed);
      offerElsewhere();
      return;
    }
    say(ranked.length === 1 ? "result-one" : "results", ranked.length, query.typed);
    more();
  }

  function more() {
    var end = Math.min(shown.ranked.length, shown.count + PAGE), first = null;
    for (var i = shown.count; i < end; i++) {
      var li = resultItem(entry(shown.ranked[i].id), shown.query);
      list.appendChild(li);
      if (!first) first = li;
    }
    var wasMore = shown.count > 0;
    shown.count = end;
    if (end < shown.ranked.length) {
      if (!moreButton) {
        moreButton = document.createElement("button");
        moreButton.type = "button";
        moreButton.className = "search-more";
        moreButton.appendChild(document.createTextNode(app.getAttribute("data-more")));
        moreButton.addEventListener("click", more);
        list.parentNode.appendChild(moreButton);
      }
    } else if (moreButton) {
      moreButton.parentNode.removeChild(moreButton);
      moreButton = null;
    }
    // After "more", the keyboard goes on from the first new result.
    if (wasMore && first) first.querySelector("a").focus();
  }

  // offerElsewhere links to the other languages' search pages, which the
  // language switch names and keepQuery gave the query: words typed in
  // another language than the page's (English on the Chinese page the
  // bilingual entry page leads to, say) are found there.
  function offerElsewhere() {
    var links = document.querySelectorAll(".language-switch a[hreflang]");
    if (!links.length) return;
    offer = document.createElement("p");
    offer.className = "search-elsewhere";
    offer.appendChild(document.createTextNode(app.getAttribute("data-elsewhere") || ""));
    for (var i = 0; i < links.length; i++) {
      var a = document.createElement("a");
      a.setAttribute("href", links[i].getAttribute("href"));
      a.setAttribute("hreflang", links[i].getAttribute("hreflang"));
      a.setAttribute("lang", links[i].getAttribute("lang") || links[i].getAttribute("hreflang"));
      a.appendChild(document.createTextNode(links[i].textContent));
      if (i > 0) offer.appendChild(document.createTextNode(" · "));
      offer.appendChild(a);
    }
    list.parentNode.insertBefore(offer, list);
  }

  /* Running ------------------------------------------------------------------ */
  var manifest = null;
  var latest = 0; // the newest query's number: older answers are dropped

  function run(q) {
    var n = ++latest;
    keepQuery(q);
    var query = parse(q);
    if (!query.groups.length) {
      // Only marks, symbols or emoji: nothing the index holds, but the
      // reader typed something and is told so; an empty box is quiet.
      show(query, []);
      if (!/\S/.test(q)) { clearTimeout(slow); while (status.firstChild) status.removeChild(status.firstChild); }
      return;
    }
    // The status region is read aloud at every change: it says only the
    // answer, and "searching" only when the answer is slow in coming.
    clearTimeout(slow);
    slow = setTimeout(function () { if (n === latest) say("loading", 0, q); }, SLOW);
    withManifest(function (err) {
      if (err) return failed(n);
      query = parse(q); // the manifest says how the index holds words
      var names = [], need = {};
      for (var i = 0; i < query.groups.length; i++) {
        var name = dir + manifest.shards[shardOf(query.groups[i].term, manifest.shards.length)];
        if (!need[name]) { need[name] = true; names.push(name); }
      }
      loadAll(names, function (err, files) {
        if (n !== latest) return;
        if (err) return failed(n);
        var shards = {};
        for (var g = 0; g < query.groups.length; g++) {
          var nm = dir + manifest.shards[shardOf(query.groups[g].term, manifest.shards.length)];
          shards[query.groups[g].term] = files[nm];
        }
        var found = candidates(query, shards), ids = [];
        for (var k in found) ids.push(+k);
        // Entries with every term in their title or heading are read first.
        ids.sort(function (a, b) { return (found[b] ? 1 : 0) - (found[a] ? 1 : 0) || a - b; });
        ids = ids.slice(0, MAX_CHECKED);
        var chunks = [], seen = {};
        for (var c = 0; c < ids.length; c++) {
          var cn = dir + manifest.chunks[chunkOf(ids[c])];
          if (!seen[cn]) { seen[cn] = true; chunks.push(cn); }
        }
        loadAll(chunks, function (err) {
          if (n !== latest) return;
          if (err) return failed(n);
          show(query, rank(query, ids));
        });
      });
    });
  }

  function failed(n) {
    if (n === latest) say("error", 0, "");
  }

  var SLOW = 1000; // ms before the page says it is still searching
  var slow = 0;

  // say puts a message in the status region, which screen readers read
  // aloud at every change: the same words again are not written again.
  function say(key, n, q) {
    clearTimeout(slow);
    var was = status.textContent;
    var el = document.createElement("span");
    message(el, key, n, q);
    if (el.textContent === was) return;
    while (status.firstChild) status.removeChild(status.firstChild);
    while (el.firstChild) status.appendChild(el.firstChild);
  }

  function withManifest(done) {
    if (manifest) return done(null);
    load(indexURL, function (err, data) {
      if (!err) { manifest = data; plurals = data.plurals || null; }
      done(err);
    });
  }

  // keepQuery puts the query in the address, so it can be bookmarked and
  // shared, and in the language switch's links, so the other language
  // searches for it too.
  function keepQuery(q) {
    var search = q ? "?q=" + encodeURIComponent(q) : "";
    if (window.history && history.replaceState) {
      history.replaceState(null, "", location.pathname + search + location.hash);
    }
    var links = document.querySelectorAll(".language-switch a[href]");
    for (var i = 0; i < links.length; i++) {
      var href = links[i].getAttribute("href").replace(/[?#].*$/, "");
      links[i].setAttribute("href", href + search);
    }
  }

  function queryFromAddress() {
    var m = /[?&]q=([^&#]*)/.exec(location.search);
    if (!m) return "";
    var s = m[1].replace(/\+/g, " ");
    try { return decodeURIComponent(s); } catch (e) {
      // Cut inside a character's escapes (copied in part): keep the
      // characters that are whole, drop the broken one.
      return s.replace(/(%[0-9A-Fa-f]{2})+/g, function (run) {
        for (var end = run.length; end > 0; end -= 3) {
          try { return decodeURIComponent(run.slice(0, end)); } catch (e2) { /* shorter */ }
        }
        return "";
      });
    }
  }

  var typing = 0;
  function typed() {
    clearTimeout(typing);
    typing = setTimeout(function () { run(input.value); }, 150);
  }
  // While an input method composes (pinyin before its characters are
  // chosen), the box holds letters the reader does not mean to search for.
  input.addEventListener("input", function (e) { if (!e.isComposing) typed(); });
  input.addEventListener("compositionend", typed);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typing);
    run(input.value);
  });

  var initial = queryFromAddress();
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
