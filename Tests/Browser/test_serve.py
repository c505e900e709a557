"""`exportal serve` on a copy of the sample: an edited article shows in the open page without a
manual reload, a broken front matter shows the diagnostics over the last good page (as text),
fixing it brings the page back, and a stylesheet edit is swapped in without a reload."""

import pathlib
import shutil
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness

ARTICLE = "guidance/catch-all-controls"
WAIT = 60  # seconds: a debug build on a loaded machine; the test waits on page state, never on time


class ServeTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.workdir = pathlib.Path(tempfile.mkdtemp(prefix="exportal-serve-"))
        for folder in ("Content", "Templates", "Public"):
            shutil.copytree(harness.REPO / folder, cls.workdir / folder)
        cls.port = harness._free_port()
        cls.origin = f"http://127.0.0.1:{cls.port}/"
        cls.log = open(cls.workdir / "serve.log", "w+")
        cls.server = subprocess.Popen([harness.exportal_path(), "serve", "--port", str(cls.port)],
                                      cwd=cls.workdir, stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + WAIT
        while True:
            try:
                urllib.request.urlopen(cls.origin)
                break
            except (urllib.error.URLError, ConnectionError):
                if cls.server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("exportal serve did not start:\n" + cls.output())
                time.sleep(0.2)
        cls.driver = harness.driver()

    @classmethod
    def tearDownClass(cls):
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.log.close()
        shutil.rmtree(cls.workdir, ignore_errors=True)

    @classmethod
    def output(cls) -> str:
        cls.log.flush()
        return (cls.workdir / "serve.log").read_text()

    def wait_for(self, condition, what: str):
        # The page reloads under the test: an element found just before the reload is stale when
        # read, and the new page may not have its <main> yet. Both mean "not yet", so poll again.
        WebDriverWait(self.driver, WAIT, poll_frequency=0.1,
                      ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
            lambda driver: condition(driver), message=f"{what}; serve printed:\n{self.output()}")

    def overlay(self):
        found = self.driver.find_elements(By.ID, "exportal-serve-errors")
        return found[0] if found else None

    def test_edit_break_and_fix_an_article(self):
        source = self.workdir / "Content" / f"{ARTICLE}.md"
        original = source.read_text()
        harness.open(self.driver, self.origin + ARTICLE + ".html")
        self.assertIn("Catch-all controls", self.driver.title)
        # A value that survives only in a page that was not reloaded by hand.
        self.driver.execute_script("window.exportalOpenedOnce = true")

        edited = original + "\nA paragraph written while the preview was open.\n"
        source.write_text(edited)
        self.wait_for(lambda d: "written while the preview was open" in d.find_element(By.TAG_NAME, "main").text,
                      "the edited article did not show")
        self.assertIsNone(self.driver.execute_script("return window.exportalOpenedOnce"), "the page was not reloaded")

        source.write_text(edited.replace("updated: 2025-09-30", 'updated: "<img src=x onerror=alert(1)>"', 1))
        self.wait_for(lambda d: self.overlay() is not None, "no error overlay")
        self.wait_for(lambda d: (o := self.overlay()) is not None and f"Content/{ARTICLE}.md:6:" in o.text,
                      "the overlay did not name the file and line")
        overlay = self.overlay()
        self.assertIn("<img src=x onerror=alert(1)>", overlay.text)
        self.assertEqual(overlay.find_elements(By.XPATH, ".//*"), [], "the overlay must hold text only")
        self.assertIn("written while the preview was open", self.driver.find_element(By.TAG_NAME, "main").text,
                      "the last good page stays under the overlay")
        self.assertIn(f"Content/{ARTICLE}.md:6:", self.output())

        source.write_text(edited.replace("A paragraph written", "A paragraph fixed and written", 1))
        self.wait_for(lambda d: self.overlay() is None and "fixed and written" in d.find_element(By.TAG_NAME, "main").text,
                      "the fixed article did not come back")
        self.assertEqual(harness.console_errors(self.driver), [])
        self.assertFalse((self.workdir / "Output").exists(), "serve must not write Output/")
        self.assertFalse((self.workdir / "Checklists").exists(), "serve must not write checklists")

    def test_a_stylesheet_edit_is_swapped_without_a_reload(self):
        harness.open(self.driver, self.origin + "index.html")
        self.driver.execute_script("window.exportalOpenedOnce = true")
        stylesheet = self.workdir / "Public" / "style.css"
        stylesheet.write_text(stylesheet.read_text() + "\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
        self.wait_for(lambda d: d.execute_script("return getComputedStyle(document.body).outlineColor") == "rgb(1, 2, 3)",
                      "the new stylesheet was not applied")
        self.assertTrue(self.driver.execute_script("return window.exportalOpenedOnce"), "the page reloaded")


if __name__ == "__main__":
    unittest.main()
