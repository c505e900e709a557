/*
 * Exportal: training progress and quiz checking, in the browser only.
 *
 * Every training page is complete without this script: lessons read as they are, quiz answers
 * open with <details>, and the progress panels stay hidden. With it:
 *   - opening a lesson marks it visited in this module;
 *   - the quiz checks answers in the page and records a pass when every answer is correct;
 *   - the training index, module pages and the completion record show that progress.
 *
 * Progress is kept in localStorage only (nothing leaves the browser), under a key named after
 * the portal's own root path, so two portals on one host keep separate progress. When storage
 * is unavailable (blocked, private mode, full) the pages say so and everything else still works.
 *
 * The page element marked data-training="index|module|lesson|quiz|record" carries what the build
 * knows: data-portal-root (relative path to the portal root), and for a module data-module,
 * data-lessons (its lesson slugs) and data-has-quiz.
 */
(function () {
  "use strict";

  var page = document.querySelector("[data-training]");
  if (!page) return;

  var KEY = "exportal-training:" + new URL(page.getAttribute("data-portal-root") || "./", window.location.href).pathname;
  var UNAVAILABLE = "This browser does not let the portal save progress (its local storage is turned off or blocked), " +
    "so progress is not kept between pages.";

  function all(selector, within) {
    return Array.prototype.slice.call((within || document).querySelectorAll(selector));
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /** Today in the reader's own time zone, as YYYY-MM-DD. */
  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // ---------- Storage ----------

  var storage = (function () {
    try {
      var candidate = window.localStorage;
      var probe = KEY + ":probe";
      candidate.setItem(probe, "1");
      candidate.removeItem(probe);
      return candidate;
    } catch (error) {
      return null;
    }
  })();

  /** The saved progress: {modules: {id: {lessons: {slug: date}, quiz: date}}}; anything malformed reads as empty. */
  function load() {
    var data = null;
    if (storage) {
      try {
        data = JSON.parse(storage.getItem(KEY) || "null");
      } catch (error) {
        data = null;
      }
    }
    if (!data || typeof data !== "object" || !data.modules || typeof data.modules !== "object") data = { modules: {} };
    return data;
  }

  function save(data) {
    if (!storage) return false;
    try {
      storage.setItem(KEY, JSON.stringify(data));
      return true;
    } catch (error) {
      return false;
    }
  }

  function moduleRecord(data, id) {
    var record = data.modules[id];
    if (!record || typeof record !== "object") record = data.modules[id] = {};
    if (!record.lessons || typeof record.lessons !== "object") record.lessons = {};
    return record;
  }

  // ---------- Progress of one module ----------

  function moduleInfo(element) {
    return {
      id: element.getAttribute("data-module"),
      lessons: (element.getAttribute("data-lessons") || "").split(" ").filter(Boolean),
      hasQuiz: element.hasAttribute("data-has-quiz")
    };
  }

  /**
   * How far a module is, measured against its lessons as published now: visits to lessons
   * that no longer exist do not count. It is complete when every lesson was visited and its
   * quiz passed, on the latest of those dates.
   */
  function progress(data, info) {
    var record = data.modules[info.id] || {};
    var lessons = record.lessons || {};
    var dates = [];
    var visited = info.lessons.filter(function (slug) {
      if (typeof lessons[slug] !== "string") return false;
      dates.push(lessons[slug]);
      return true;
    }).length;
    var quizPassed = info.hasQuiz && typeof record.quiz === "string" ? record.quiz : null;
    if (quizPassed) dates.push(quizPassed);
    var complete = (info.lessons.length > 0 || info.hasQuiz) && visited === info.lessons.length &&
      (!info.hasQuiz || quizPassed !== null);
    return {
      visited: visited,
      quizPassed: quizPassed,
      started: dates.length > 0,
      complete: complete,
      completedOn: complete ? dates.sort()[dates.length - 1] : null
    };
  }

  function describe(state, info) {
    var total = info.lessons.length;
    var text = state.visited + " of " + total + (total === 1 ? " lesson" : " lessons") + " visited";
    if (info.hasQuiz) text += state.quizPassed ? ", quiz passed" : ", quiz not passed yet";
    return (state.complete ? "Completed on " + state.completedOn + ": " : "") + text + ".";
  }

  function setText(element, text) {
    if (element && element.textContent !== text) element.textContent = text;
  }

  /** Shows a progress panel, or only the reason progress cannot be kept. */
  function showPanel(summary) {
    var panel = document.querySelector("[data-progress-panel]");
    if (!panel) return;
    setText(panel.querySelector("[data-progress-summary]"), storage ? summary : UNAVAILABLE);
    all("[data-progress-reset]", panel).forEach(function (button) { button.hidden = !storage; });
    panel.hidden = false;
  }

  function announce(text) {
    setText(document.querySelector("[data-progress-message]"), text);
  }

  // ---------- Pages ----------

  /** Calls `each(element, info, state)` for every module the page lists; returns "1 of 3 modules". */
  function eachModule(each) {
    var data = load();
    var elements = all("[data-training-module]");
    var completed = 0;
    elements.forEach(function (element) {
      var info = moduleInfo(element);
      var state = progress(data, info);
      if (state.complete) completed += 1;
      each(element, info, state);
    });
    return completed + " of " + elements.length + (elements.length === 1 ? " module" : " modules");
  }

  function renderIndex() {
    var completed = eachModule(function (card, info, state) {
      var line = card.querySelector("[data-module-progress]");
      setText(line, "Your progress: " + (state.started ? describe(state, info) : "not started."));
      line.hidden = !storage;
    });
    showPanel("You have completed " + completed + ".");
  }

  function renderModule() {
    var info = moduleInfo(page);
    var data = load();
    var record = data.modules[info.id] || {};
    var lessons = record.lessons || {};
    var state = progress(data, info);
    all("[data-progress-mark]").forEach(function (mark) { mark.parentNode.removeChild(mark); });
    if (storage) {
      all(".lesson-list > li").forEach(function (item) {
        var slug = item.getAttribute("data-lesson");
        var done = slug ? typeof lessons[slug] === "string" : item.hasAttribute("data-quiz-item") && state.quizPassed !== null;
        if (!done) return;
        var mark = document.createElement("span");
        mark.className = "badge progress-mark";
        mark.setAttribute("data-progress-mark", "");
        mark.textContent = slug ? "Visited" : "Passed";
        item.insertBefore(mark, item.children[1] || null);
      });
    }
    showPanel("Your progress: " + (state.started ? describe(state, info) : "not started."));
  }

  function renderRecord() {
    var completed = eachModule(function (row, info, state) {
      setText(row.querySelector("[data-record-status]"),
        state.complete ? "Completed" : state.started ? "In progress: " + describe(state, info) : "Not started");
      setText(row.querySelector("[data-record-date]"), state.complete ? state.completedOn : "—");
      row.classList.toggle("is-complete", state.complete);
    });
    setText(document.querySelector("[data-record-summary]"), storage ? completed + " completed in this browser." : UNAVAILABLE);
    setText(document.querySelector("[data-record-today]"), today());
    document.querySelector("[data-record-nojs]").hidden = true;
    document.querySelector("[data-record]").hidden = false;
  }

  /** The one-line summary on lesson and quiz pages. */
  function renderNote() {
    var note = document.querySelector("[data-progress-summary]");
    if (!note) return;
    var info = moduleInfo(page);
    setText(note, storage ? "Your progress in this module: " + describe(progress(load(), info), info) : UNAVAILABLE);
    note.hidden = false;
  }

  function visitLesson() {
    var slug = page.getAttribute("data-lesson");
    var data = load();
    var record = moduleRecord(data, page.getAttribute("data-module"));
    if (typeof record.lessons[slug] !== "string") {
      record.lessons[slug] = today();
      save(data);
    }
    renderNote();
  }

  // ---------- Quiz ----------

  function letters(values) {
    return values.map(function (value) { return value.toUpperCase(); }).join(" and ");
  }

  function setupQuiz() {
    var questions = all("[data-question]").map(function (element) {
      return {
        element: element,
        answer: (element.getAttribute("data-answer") || "").split(" ").filter(Boolean).sort(),
        inputs: all("input", element),
        feedback: element.querySelector("[data-feedback]"),
        details: element.querySelector("details.answer"),
        right: false
      };
    });
    var summary = document.querySelector("[data-quiz-summary]");

    function chosen(question) {
      return question.inputs.filter(function (input) { return input.checked; })
        .map(function (input) { return input.value; }).sort();
    }

    function clear(question) {
      all("[data-verdict]", question.element).forEach(function (verdict) { verdict.parentNode.removeChild(verdict); });
      question.element.classList.remove("is-correct", "is-incorrect");
      question.right = false;
    }

    /** Checks one question and says so in words; the explanation opens either way. */
    function check(question) {
      clear(question);
      var picked = chosen(question);
      if (picked.length === 0) {
        setText(question.feedback, "Choose an answer first.");
        return;
      }
      question.right = picked.join(" ") === question.answer.join(" ");
      setText(question.feedback, question.right
        ? "Correct. The answer is " + letters(question.answer) + ". The explanation is below."
        : "Incorrect. You chose " + letters(picked) + "; the correct answer is " + letters(question.answer) +
          ". The explanation is below.");
      question.element.classList.add(question.right ? "is-correct" : "is-incorrect");
      all("[data-choice]", question.element).forEach(function (choice) {
        var value = choice.getAttribute("data-choice");
        var isAnswer = question.answer.indexOf(value) >= 0;
        var isPicked = picked.indexOf(value) >= 0;
        if (!isAnswer && !isPicked) return;
        var verdict = document.createElement("span");
        verdict.className = "verdict " + (isAnswer ? "verdict-right" : "verdict-wrong");
        verdict.setAttribute("data-verdict", "");
        verdict.textContent = isAnswer ? (isPicked ? "Your answer: correct" : "Correct answer") : "Your answer: incorrect";
        choice.querySelector("label").appendChild(verdict);
      });
      question.details.open = true;
    }

    /** Records a pass once every question is answered correctly; returns what to say about it. */
    function recordPass() {
      if (!questions.every(function (question) { return question.right; })) return "";
      var data = load();
      var record = moduleRecord(data, page.getAttribute("data-module"));
      if (typeof record.quiz !== "string") record.quiz = today();
      var saved = save(data);
      renderNote();
      return " Quiz passed" + (saved ? ", saved in this browser on " + record.quiz + "." : ", but this browser could not save it.");
    }

    function tally() {
      var right = questions.filter(function (question) { return question.right; }).length;
      return right + " of " + questions.length + " answers correct.";
    }

    questions.forEach(function (question) {
      question.inputs.forEach(function (input) {
        // A changed answer has not been checked yet, so the old verdict must not stay on screen.
        input.addEventListener("change", function () {
          clear(question);
          setText(question.feedback, "");
        });
      });
      question.element.querySelector("[data-check-question]").addEventListener("click", function () {
        check(question);
        var passed = recordPass();
        if (passed) setText(summary, tally() + passed);
      });
      question.element.querySelector("[data-quiz-check]").hidden = false;
    });

    document.querySelector("[data-check-all]").addEventListener("click", function () {
      questions.forEach(check);
      var passed = recordPass();
      setText(summary, tally() + (passed || " Change the incorrect answers and check again."));
    });
    document.querySelector("[data-quiz-result]").hidden = false;
    setText(document.querySelector("[data-quiz-lead]"),
      "Choose your answer to each question, then check it; the explanation opens when you do. " +
      "Answer every question correctly to pass.");
    renderNote();
  }

  // ---------- Wiring ----------

  var renderers = { index: renderIndex, module: renderModule, record: renderRecord };
  var kind = page.getAttribute("data-training");

  all("[data-progress-reset]").forEach(function (button) {
    button.addEventListener("click", function () {
      var data = load();
      if (kind === "module") {
        delete data.modules[page.getAttribute("data-module")];
        save(data);
        announce("Progress for this module was reset.");
      } else {
        try { storage.removeItem(KEY); } catch (error) { /* nothing saved to remove */ }
        announce("All training progress was reset.");
      }
      renderers[kind]();
    });
  });
  var print = document.querySelector("[data-record-print]");
  if (print) print.addEventListener("click", function () { window.print(); });

  if (kind === "lesson") visitLesson();
  else if (kind === "quiz") setupQuiz();
  else if (renderers[kind]) {
    renderers[kind]();
    // Back and forward can show a page from the cache; its progress may be stale by then.
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) renderers[kind]();
    });
  }
})();
