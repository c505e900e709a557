/*
 * Exportal: filters for a control list's index page.
 *
 * The page is complete without this script: every entry is listed, grouped by category and
 * product group, and the filter form stays hidden. The script shows the form and filters the
 * rows by the data attributes the build wrote on each one (data-category, data-group,
 * data-reasons, data-regimes, data-codes), so it never needs its own copy of the vocabulary.
 *
 * The filter state lives in the query string (?reason=NS&text=laser): it is read on load and
 * on back/forward, and written as it changes, so a filtered view can be bookmarked or shared.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-filters]");
  if (!form) return;

  // Query-string keys, in the order they are written to the URL.
  var KEYS = ["text", "category", "group", "reason", "regime"];
  // Which row attribute each select filters on; reasons and regimes hold several words.
  var ATTRIBUTES = { category: "category", group: "group", reason: "reasons", regime: "regimes" };

  var rows = Array.prototype.slice.call(document.querySelectorAll("li[data-codes]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-entry-group]"));
  var categories = Array.prototype.slice.call(document.querySelectorAll("section.category"));
  var chips = Array.prototype.slice.call(document.querySelectorAll(".category-nav li[data-category]"));
  var status = form.querySelector("[data-filter-status]");
  var empty = document.querySelector("[data-filter-empty]");
  var text = form.elements.namedItem("text");

  // What the text box searches: every code of the entry (sub-items included) and its row text.
  var haystacks = rows.map(function (row) {
    return (row.getAttribute("data-codes") + " " + row.textContent).toLowerCase().replace(/\s+/g, " ");
  });

  function control(key) {
    return form.elements.namedItem(key);
  }

  /** The form's state as {key: value}, empty values left out. */
  function formState() {
    var state = {};
    KEYS.forEach(function (key) {
      var element = control(key);
      var value = element ? element.value.trim() : "";
      if (value) state[key] = value;
    });
    return state;
  }

  /** Puts a state into the form; a value the page does not offer (a stale link) is dropped. */
  function setForm(state) {
    KEYS.forEach(function (key) {
      var element = control(key);
      if (!element) return;
      var value = state[key] || "";
      if (element.tagName === "SELECT") {
        var offered = Array.prototype.some.call(element.options, function (option) { return option.value === value; });
        element.value = offered ? value : "";
      } else {
        element.value = value;
      }
    });
  }

  function stateFromURL() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    KEYS.forEach(function (key) {
      var value = params.get(key);
      if (value) state[key] = value;
    });
    return state;
  }

  function writeURL(state, push) {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) {
      if (state[key]) params.set(key, state[key]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (error) {
      // Some browsers refuse to change a file:// address; the view is still filtered.
    }
  }

  function matches(index, state, words) {
    var row = rows[index];
    for (var key in ATTRIBUTES) {
      if (!state[key]) continue;
      var values = (row.getAttribute("data-" + ATTRIBUTES[key]) || "").split(" ");
      if (values.indexOf(state[key]) < 0) return false;
    }
    return words.every(function (word) { return haystacks[index].indexOf(word) >= 0; });
  }

  function apply(state) {
    var words = (state.text || "").toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row, index) {
      var visible = matches(index, state, words);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    // A heading with nothing under it only adds noise, so empty groups and categories go too.
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li[data-codes]:not([hidden])");
    });
    var visibleCategories = {};
    categories.forEach(function (section) {
      section.hidden = !section.querySelector("li[data-codes]:not([hidden])");
      var heading = section.querySelector("h2[id]");
      if (!section.hidden && heading) visibleCategories[heading.id.replace("category-", "")] = true;
    });
    chips.forEach(function (chip) {
      chip.hidden = !visibleCategories[chip.getAttribute("data-category")];
    });
    if (empty) empty.hidden = shown > 0;
    var message = shown + " of " + rows.length + " entries shown";
    if (status.textContent !== message) status.textContent = message;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName !== "SELECT") return;
    var state = formState();
    apply(state);
    writeURL(state, true);
  });
  // Typing refines one view rather than making a history entry per keystroke.
  text.addEventListener("input", function () {
    var state = formState();
    apply(state);
    writeURL(state, false);
  });
  form.querySelector("[data-filter-clear]").addEventListener("click", function () {
    setForm({});
    apply({});
    writeURL({}, true);
    text.focus();
  });
  window.addEventListener("popstate", function () {
    var state = stateFromURL();
    setForm(state);
    apply(formState());
  });

  setForm(stateFromURL());
  apply(formState());
  writeURL(formState(), false); // drops values this list does not offer from a shared link
  form.hidden = false;
})();
