/*
 * Exportal site search: a combobox in the header over the sharded index in search/.
 * Hand-written, no framework, no external requests. Every URL is resolved against the page's
 * own relative root, so the portal works from any sub-path. Without JavaScript (or from
 * file://, where browsers refuse to fetch local files) the header keeps its A–Z index link.
 *
 * normalise, terms and stem repeat Sources/ExportalCore/Search/SearchText.swift rule for rule:
 * a query finds a word only if both sides cut and stem it the same way.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}.]+/gu;
  var CODE = /^[0-9][a-e][0-9]{3}(\.([a-z]{1,2}|[0-9]{1,2}))*$/;
  var FIELD = { title: 1, code: 2, alias: 4, body: 8 };
  var KIND_LABELS = { guidance: "Guidance", entry: "Entry", term: "Term", lesson: "Lesson", module: "Module", party: "Party",
    "removed-entry": "Removed entry", "removed-party": "Removed party" };
  var SHOWN = 10;
  /* Shorter words match whole terms only: "ex" would otherwise fetch every shard under "ex". */
  var MIN_PREFIX = 3;

  function normalise(text) {
    return text.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  }

  function stem(word) {
    if (word.length < 4 || !/^[a-z]+$/.test(word)) return word;
    var s = word;
    if (/ies$/.test(s) && s.length > 4) s = s.slice(0, -3) + "y";
    else if (/sses$/.test(s)) s = s.slice(0, -2);
    else if (/(ss|us|is)$/.test(s)) { /* "process", "status", "analysis" are not plurals */ }
    else if (/s$/.test(s)) s = s.slice(0, -1);
    for (var pass = 0; pass < 2; pass++) {
      var suffix = ["ing", "ed", "er"].filter(function (x) {
        return s.slice(-x.length) === x && s.length - x.length >= 3;
      })[0];
      if (!suffix) break;
      s = s.slice(0, -suffix.length);
      var last = s.charAt(s.length - 1);
      if (s.length >= 2 && last === s.charAt(s.length - 2) && "aeious".indexOf(last) < 0) s = s.slice(0, -1);
    }
    if (/e$/.test(s) && s.length >= 5) s = s.slice(0, -1);
    return s;
  }

  /* Index terms of a run of letters, digits and dots: one control code, or words split at dots. */
  function runTerms(run) {
    var trimmed = run.replace(/^\.+|\.+$/g, "");
    if (CODE.test(trimmed)) return [{ text: trimmed, code: true }];
    return trimmed.split(".").filter(function (part) { return Array.from(part).length >= 2; })
      .map(function (part) { return { text: stem(part), code: false, raw: part }; });
  }

  function terms(text) {
    var out = [];
    (normalise(text).match(WORD) || []).forEach(function (run) { out.push.apply(out, runTerms(run)); });
    return out;
  }

  /* ---------- Query ---------- */

  /* A query term matches an index term exactly, by prefix (the word is still being typed), or,
     for the last word, when the typed word is the index term plus an unfinished ending. */
  function matchFactor(query, term) {
    if (term === query.text) return 1;
    if (!query.prefix) return 0;
    if (term.indexOf(query.text) === 0 || (query.raw && term.indexOf(query.raw) === 0)) return query.code ? 0.5 : 0.6;
    var typed = query.raw || query.text;
    if (!query.code && term.length >= 4 && typed.indexOf(term) === 0 && typed.length - term.length <= 3) return 0.6;
    return 0;
  }

  function fieldWeight(bits) {
    if (bits & FIELD.code) return 30;
    if (bits & FIELD.title) return 10;
    if (bits & FIELD.alias) return 6;
    return 1;
  }

  function parseQuery(text) {
    var list = terms(text);
    var open = !/[\s]$/.test(text);
    return list.map(function (term, index) {
      var prefix = open && index === list.length - 1 && Array.from(term.raw || term.text).length >= MIN_PREFIX;
      return { text: term.text, raw: term.raw, code: term.code, prefix: prefix };
    });
  }

  /* Shards a query term needs: its own key's, and for a prefix every longer key under it. */
  function shardKeys(manifest, query) {
    return Object.keys(manifest.shards).filter(function (key) {
      return query.text.indexOf(key) === 0 || (query.raw && query.raw.indexOf(key) === 0) ||
        (query.prefix && key.indexOf(query.text) === 0);
    });
  }

  function Search(box) {
    var base = new URL(box.getAttribute("data-root") || "./", document.baseURI);
    var indexURL = new URL(box.getAttribute("data-index"), document.baseURI);
    var cache = new Map();

    /* The manifest keeps its name from build to build, so it is revalidated ("no-cache"); every
       other index file is named by its content and may come from the browser's cache. */
    function fetchJSON(url, revalidate) {
      var key = url.href;
      if (!cache.has(key)) {
        var init = { credentials: "same-origin" };
        if (revalidate) init.cache = "no-cache";
        cache.set(key, fetch(url, init).then(function (response) {
          if (!response.ok) throw new Error("search index: " + response.status + " for " + key);
          return response.json();
        }));
        cache.get(key).catch(function () { cache.delete(key); });
      }
      return cache.get(key);
    }

    function manifest() { return fetchJSON(indexURL, true); }
    function shard(name) { return fetchJSON(new URL("search/s/" + name + ".json", base)); }
    function chunk(name) { return fetchJSON(new URL("search/d/" + name + ".json", base)); }

    /* Scores per document for one query term, across every shard it needs. */
    function scoresFor(index, query) {
      var keys = shardKeys(index, query);
      return Promise.all(keys.map(function (key) { return shard(index.shards[key]); })).then(function (shards) {
        var scores = new Map();
        shards.forEach(function (entries) {
          Object.keys(entries).forEach(function (term) {
            var factor = matchFactor(query, term);
            if (!factor) return;
            var doc = 0;
            entries[term].forEach(function (packed) {
              doc += Math.floor(packed / 16);
              var score = fieldWeight(packed % 16) * factor;
              if (!(scores.get(doc) >= score)) scores.set(doc, score);
            });
          });
        });
        return scores;
      });
    }

    this.warm = function () { manifest().catch(function () {}); };

    /* Every query term must match; a document's score is the sum of its best match per term. */
    this.run = function (text) {
      var queries = parseQuery(text);
      if (!queries.length) return Promise.resolve({ text: text, queries: queries, total: 0, results: [] });
      return manifest().then(function (index) {
        return Promise.all(queries.map(function (query) { return scoresFor(index, query); })).then(function (perTerm) {
          var total = null;
          perTerm.forEach(function (scores) {
            if (total === null) { total = new Map(scores); return; }
            total.forEach(function (score, doc) {
              if (scores.has(doc)) total.set(doc, score + scores.get(doc)); else total.delete(doc);
            });
          });
          var ranked = Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
          var top = ranked.slice(0, SHOWN).map(function (pair) { return pair[0]; });
          var names = Array.from(new Set(top.map(function (doc) { return index.docs[Math.floor(doc / index.chunk)]; })));
          return Promise.all(names.map(chunk)).then(function (chunks) {
            var rows = new Map();
            names.forEach(function (name, i) { rows.set(name, chunks[i]); });
            var results = top.map(function (doc) {
              var row = sectionWithMatch(rows.get(index.docs[Math.floor(doc / index.chunk)]), doc % index.chunk, queries);
              return { kind: index.kinds[row[0]], title: row[1], href: new URL(row[2], base).href, excerpt: row[3] };
            });
            return { text: text, queries: queries, total: ranked.length, results: results };
          });
        });
      });
    };
  }

  /* An article's excerpt is its opening. When the match is further down, the heading results
     that follow the article in its chunk may hold it in theirs: the result then shows that
     section's excerpt and leads to it, keeping the article's title. */
  function sectionWithMatch(chunk, at, queries) {
    var row = chunk[at];
    if (excerptMatches(row[3], queries)) return row;
    for (var i = at + 1; i < chunk.length && chunk[i][2].indexOf(row[2] + "#") === 0; i++) {
      if (excerptMatches(chunk[i][3], queries)) return [row[0], row[1], chunk[i][2], chunk[i][3]];
    }
    return row;
  }

  function excerptMatches(text, queries) {
    return (text.match(WORD) || []).some(function (run) { return runMatches(run, queries); });
  }

  /* ---------- Highlighting: text nodes and <mark>, never HTML from data ---------- */

  function runMatches(run, queries) {
    return runTerms(normalise(run)).some(function (term) {
      return queries.some(function (query) { return matchFactor(query, term.text) > 0; });
    });
  }

  function appendHighlighted(parent, text, queries) {
    var at = 0;
    text.replace(WORD, function (run, offset) {
      if (!runMatches(run, queries)) return run;
      parent.appendChild(document.createTextNode(text.slice(at, offset)));
      var mark = document.createElement("mark");
      mark.textContent = run;
      parent.appendChild(mark);
      at = offset + run.length;
      return run;
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* About 160 characters of the excerpt, starting a little before its first match. */
  function excerptAround(text, queries) {
    var first = -1;
    text.replace(WORD, function (run, offset) {
      if (first < 0 && runMatches(run, queries)) first = offset;
      return run;
    });
    var start = first > 60 ? text.lastIndexOf(" ", first - 40) + 1 : 0;
    var cut = text.slice(start, start + 160);
    if (start + 160 < text.length) cut = cut.slice(0, Math.max(cut.lastIndexOf(" "), 80)) + "…";
    return (start > 0 ? "…" : "") + cut;
  }

  /* ---------- The combobox ---------- */

  function enhance(box) {
    var field = box.querySelector("[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    var status = box.querySelector("[role=status]");
    if (!field || !list || !status) return;
    var search = new Search(box);
    var active = -1;
    var latest = 0;
    var timer = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function setActive(index) {
      var all = options();
      active = index;
      for (var i = 0; i < all.length; i++) all[i].setAttribute("aria-selected", i === index ? "true" : "false");
      if (index >= 0 && all[index]) {
        field.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        field.removeAttribute("aria-activedescendant");
      }
    }

    function open(isOpen) {
      list.hidden = !isOpen;
      field.setAttribute("aria-expanded", isOpen ? "true" : "false");
      if (!isOpen) setActive(-1);
    }

    function go(option) {
      if (option) window.location.href = option.getAttribute("data-href");
    }

    function render(outcome) {
      list.textContent = "";
      outcome.results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = "site-search-option-" + index;
        item.className = "search-result";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-href", result.href);
        var kind = document.createElement("span");
        kind.className = "search-kind search-kind-" + result.kind;
        kind.textContent = KIND_LABELS[result.kind] || result.kind;
        var title = document.createElement("span");
        title.className = "search-title";
        appendHighlighted(title, result.title, outcome.queries);
        var excerpt = document.createElement("span");
        excerpt.className = "search-excerpt";
        appendHighlighted(excerpt, excerptAround(result.excerpt, outcome.queries), outcome.queries);
        item.appendChild(kind);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(title);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      var total = outcome.total;
      status.textContent = total === 0 ? "No results" : total === 1 ? "1 result"
        : total > outcome.results.length ? total + " results, showing the first " + outcome.results.length : total + " results";
      open(outcome.results.length > 0);
      // What the results are for, so a test or benchmark can tell a finished search from a stale one.
      list.setAttribute("data-query", outcome.text);
      if (window.performance && performance.mark) performance.mark("exportal-search-rendered");
    }

    function update() {
      var text = field.value;
      var ticket = ++latest;
      if (!parseQuery(text).length) {
        list.textContent = "";
        open(false);
        status.textContent = text.trim() ? "Type at least two letters" : "";
        return;
      }
      search.run(text).then(function (outcome) {
        if (ticket === latest) render(outcome);
      }, function () {
        if (ticket !== latest) return;
        list.textContent = "";
        open(false);
        status.textContent = "Search is unavailable; use the A–Z index";
      });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 40);
    });
    field.addEventListener("keydown", function (event) {
      var count = options().length;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!count) return;
        event.preventDefault();
        if (list.hidden) { open(true); setActive(event.key === "ArrowDown" ? 0 : count - 1); return; }
        var step = event.key === "ArrowDown" ? 1 : -1;
        setActive(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
      } else if (event.key === "Enter") {
        if (list.hidden || !count) return;
        event.preventDefault();
        go(options()[active >= 0 ? active : 0]);
      } else if (event.key === "Escape") {
        event.preventDefault();
        if (!list.hidden) open(false); else { field.value = ""; status.textContent = ""; }
        field.focus();
      } else if (event.key === "Home" || event.key === "End") {
        setActive(-1);
      }
    });
    list.addEventListener("mousedown", function (event) { event.preventDefault(); });
    list.addEventListener("click", function (event) {
      go(event.target.closest ? event.target.closest("[role=option]") : null);
    });
    field.addEventListener("blur", function () { open(false); });
    field.addEventListener("focus", function () {
      // The manifest is needed by any query: fetch it while the reader starts typing.
      search.warm();
      if (options().length && field.value) open(true);
    });

    box.querySelector(".search-box").hidden = false;
    box.classList.add("search-ready");
  }

  window.ExportalSearch = { normalise: normalise, stem: stem, terms: terms };

  function start() {
    if (window.location.protocol === "file:") return;
    var box = document.querySelector(".site-search[data-index]");
    if (box && window.fetch && window.URL && window.Map) enhance(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
