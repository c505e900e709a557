"""Training in the browser (Public/training.js): the quiz checks answers in the page and says so in
words, lesson visits and quiz passes are kept in localStorage and shown on the module page and the
training index, progress can be reset, and the completion record lists completed modules."""

import re
import unittest

from selenium.webdriver.common.by import By

import harness

# Every question with its correct choices and all its choices, from the page's own data.
QUESTIONS = """return Array.from(document.querySelectorAll('[data-question]')).map(q => ({
    id: q.id, answer: q.dataset.answer.split(' '),
    choices: Array.from(q.querySelectorAll('input')).map(i => i.value)}))"""

TODAY = """const d = new Date(), p = n => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate())"""

# Makes localStorage throw, as a browser that blocks storage does.
BLOCK_STORAGE = """Object.defineProperty(window, 'localStorage', {configurable: true,
    get() { throw new DOMException('storage is blocked', 'SecurityError'); }});"""


def quiz_module(pages: list[str]) -> str:
    """The first sample module that has a quiz and at least two lessons."""
    for page in pages:
        match = re.match(r"^training/([^/]+)/quiz\.html$", page)
        if match and sum(p.startswith(f"training/{match[1]}/") for p in pages) >= 4:
            return match[1]
    raise AssertionError("the sample portal has no module with a quiz and two lessons")


class TrainingTests(harness.BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.module = quiz_module(cls.site.pages())
        cls.module_url = cls.site.url(f"training/{cls.module}/index.html")
        cls.quiz_url = cls.site.url(f"training/{cls.module}/quiz.html")
        cls.index_url = cls.site.url("training/index.html")
        cls.record_url = cls.site.url("training/record.html")

    def setUp(self):
        harness.open(self.driver, self.index_url)
        self.driver.execute_script("localStorage.clear()")
        super().setUp()

    # ---------- helpers ----------

    def text(self, selector: str, within=None) -> str:
        return (within or self.driver).find_element(By.CSS_SELECTOR, selector).text

    def lessons(self) -> list[str]:
        """The module's lesson URLs, in order, from its page."""
        harness.open(self.driver, self.module_url)
        links = self.driver.find_elements(By.CSS_SELECTOR, ".lesson-list > li[data-lesson] > a")
        return [link.get_attribute("href") for link in links]

    def answer(self, question: dict, values: list[str]):
        """Sets exactly `values` as the chosen answers of one question."""
        for value in question["choices"]:
            box = self.driver.find_element(By.ID, f"{question['id']}-{value}")
            if box.is_selected() != (value in values):
                box.click()

    def wrong(self, question: dict) -> list[str]:
        return [next(v for v in question["choices"] if v not in question["answer"])]

    def pass_quiz(self):
        harness.open(self.driver, self.quiz_url)
        for question in self.driver.execute_script(QUESTIONS):
            self.answer(question, question["answer"])
        self.driver.find_element(By.CSS_SELECTOR, "[data-check-all]").click()

    def module_summary(self) -> str:
        harness.open(self.driver, self.module_url)
        return self.text("[data-progress-panel] [data-progress-summary]")

    def index_line(self) -> str:
        harness.open(self.driver, self.index_url)
        card = self.driver.find_element(By.CSS_SELECTOR, f"[data-training-module][data-module='{self.module}']")
        return self.text("[data-module-progress]", card)

    # ---------- tests ----------

    def test_a_wrong_then_a_right_answer_is_said_in_words_with_the_explanation(self):
        harness.open(self.driver, self.quiz_url)
        questions = self.driver.execute_script(QUESTIONS)
        self.assertGreaterEqual(len(questions), 2)
        first = questions[0]
        item = self.driver.find_element(By.ID, first["id"])
        details = item.find_element(By.CSS_SELECTOR, "details.answer")
        self.assertFalse(details.get_attribute("open"))
        check = item.find_element(By.CSS_SELECTOR, "[data-check-question]")
        self.assertTrue(check.is_displayed(), "the script should show the check button")

        self.answer(first, self.wrong(first))
        check.click()
        feedback = self.text("[data-feedback]", item)
        self.assertTrue(feedback.startswith("Incorrect."), feedback)
        self.assertIn("the correct answer is " + " and ".join(v.upper() for v in sorted(first["answer"])), feedback)
        self.assertTrue(details.get_attribute("open"), "checking opens the explanation")
        self.assertTrue(item.find_element(By.CSS_SELECTOR, "details.answer .prose").is_displayed())
        verdicts = [v.text for v in item.find_elements(By.CSS_SELECTOR, "[data-verdict]")]
        self.assertIn("Your answer: incorrect", verdicts)
        self.assertEqual(verdicts.count("Correct answer"), len(first["answer"]))
        self.assertEqual(harness.axe_violations(self.driver), [])

        # Changing the answer takes the old verdict away until it is checked again.
        self.answer(first, first["answer"])
        self.assertEqual(item.find_elements(By.CSS_SELECTOR, "[data-verdict]"), [])
        check.click()
        self.assertTrue(self.text("[data-feedback]", item).startswith("Correct."))

        # Checking all with the others wrong: a tally, and no pass recorded.
        for question in questions[1:]:
            self.answer(question, self.wrong(question))
        self.driver.find_element(By.CSS_SELECTOR, "[data-check-all]").click()
        summary = self.text("[data-quiz-summary]")
        self.assertTrue(summary.startswith(f"1 of {len(questions)} answers correct."), summary)
        self.assertNotIn("passed", summary)
        self.assertIn("quiz not passed yet", self.text("[data-progress-summary]"))

        for question in questions[1:]:
            self.answer(question, question["answer"])
        self.driver.find_element(By.CSS_SELECTOR, "[data-check-all]").click()
        today = self.driver.execute_script(TODAY)
        self.assertEqual(self.text("[data-quiz-summary]"),
                         f"{len(questions)} of {len(questions)} answers correct. Quiz passed, saved in this browser on {today}.")
        self.assertIn("quiz passed", self.text("[data-progress-summary]"))
        self.assertEqual(harness.axe_violations(self.driver), [])

    def test_progress_persists_across_pages_and_reloads_and_can_be_reset(self):
        lessons = self.lessons()
        self.assertGreaterEqual(len(lessons), 2)
        self.assertEqual(self.module_summary(), "Your progress: not started.")
        self.assertEqual(self.index_line(), "Your progress: not started.")

        for url in lessons[:-1]:
            harness.open(self.driver, url)
        self.assertIn(f"{len(lessons) - 1} of {len(lessons)} lessons visited",
                      self.text("[data-progress-summary]"))
        partial = f"{len(lessons) - 1} of {len(lessons)} lessons visited, quiz not passed yet."
        self.assertEqual(self.module_summary(), f"Your progress: {partial}")
        marks = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.lesson-list > li'))"
            ".map(li => (li.querySelector('[data-progress-mark]') || {}).textContent || '')")
        self.assertEqual(marks, ["Visited"] * (len(lessons) - 1) + ["", ""])
        self.driver.refresh()
        self.assertEqual(self.text("[data-progress-panel] [data-progress-summary]"), f"Your progress: {partial}")
        self.assertEqual(self.index_line(), f"Your progress: {partial}")
        self.assertEqual(harness.axe_violations(self.driver), [])

        # The key is the portal's own root path, so another portal on this host keeps its own.
        self.assertEqual(self.driver.execute_script("return Object.keys(localStorage)"), ["exportal-training:/compliance/"])

        harness.open(self.driver, lessons[-1])
        self.pass_quiz()
        today = self.driver.execute_script(TODAY)
        done = f"Completed on {today}: {len(lessons)} of {len(lessons)} lessons visited, quiz passed."
        self.assertEqual(self.module_summary(), f"Your progress: {done}")
        self.assertEqual(self.index_line(), f"Your progress: {done}")
        self.assertTrue(self.text("[data-progress-panel] [data-progress-summary]").startswith("You have completed 1 of "))

        # Reset this module only: the module page says so and the index agrees.
        harness.open(self.driver, self.module_url)
        self.driver.find_element(By.CSS_SELECTOR, "[data-progress-reset]").click()
        self.assertEqual(self.text("[data-progress-message]"), "Progress for this module was reset.")
        self.assertEqual(self.text("[data-progress-panel] [data-progress-summary]"), "Your progress: not started.")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "[data-progress-mark]"), [])
        self.assertEqual(self.index_line(), "Your progress: not started.")

    def test_the_completion_record_lists_a_completed_module_with_its_date(self):
        for url in self.lessons():
            harness.open(self.driver, url)
        self.pass_quiz()
        today = self.driver.execute_script(TODAY)
        harness.open(self.driver, self.record_url)
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "[data-record-nojs]").is_displayed())
        self.assertIn("not a certificate", self.text(".record-attestation"))
        row = self.driver.find_element(By.CSS_SELECTOR, f"tr[data-module='{self.module}']")
        self.assertEqual(self.text("[data-record-status]", row), "Completed")
        self.assertEqual(self.text("[data-record-date]", row), today)
        others = self.driver.find_elements(By.CSS_SELECTOR, f"tr[data-module]:not([data-module='{self.module}'])")
        self.assertTrue(others, "the sample has more than one module")
        self.assertTrue(all(self.text("[data-record-status]", other) == "Not started" for other in others))
        self.assertTrue(self.text("[data-record-summary]").startswith("1 of "))
        self.assertEqual(self.text("[data-record-today]"), today)
        self.assertEqual(harness.axe_violations(self.driver), [])

        # Reset all from the index empties the record.
        harness.open(self.driver, self.index_url)
        self.driver.find_element(By.CSS_SELECTOR, "[data-progress-reset]").click()
        self.assertEqual(self.text("[data-progress-message]"), "All training progress was reset.")
        harness.open(self.driver, self.record_url)
        row = self.driver.find_element(By.CSS_SELECTOR, f"tr[data-module='{self.module}']")
        self.assertEqual(self.text("[data-record-status]", row), "Not started")
        self.assertEqual(self.text("[data-record-date]", row), "—")

    def test_without_javascript_the_pages_explain_themselves(self):
        record = (self.site.output / "training/record.html").read_text()
        self.assertRegex(record, r"data-record-nojs>The record is built in your browser")
        self.assertRegex(record, r"<div class=\"record-body\" data-record hidden>")
        self.assertIn("not a certificate", record)
        quiz = (self.site.output / f"training/{self.module}/quiz.html").read_text()
        self.assertRegex(quiz, r"<details class=\"answer\">\s*<summary>Show the answer</summary>")
        self.assertRegex(quiz, r"<div class=\"quiz-check\" data-quiz-check hidden>")
        module = (self.site.output / f"training/{self.module}/index.html").read_text()
        self.assertRegex(module, r"data-progress-panel hidden")

    def test_blocked_storage_is_explained_and_the_quiz_still_checks(self):
        script = self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": BLOCK_STORAGE})
        try:
            summary = self.module_summary()
            self.assertIn("does not let the portal save progress", summary)
            self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "[data-progress-reset]").is_displayed())

            harness.open(self.driver, self.quiz_url)
            questions = self.driver.execute_script(QUESTIONS)
            for question in questions:
                self.answer(question, question["answer"])
            self.driver.find_element(By.CSS_SELECTOR, "[data-check-all]").click()
            self.assertIn("Quiz passed, but this browser could not save it.", self.text("[data-quiz-summary]"))

            harness.open(self.driver, self.record_url)
            self.assertIn("does not let the portal save progress", self.text("[data-record-summary]"))
        finally:
            self.driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": script["identifier"]})


if __name__ == "__main__":
    unittest.main()
