"""The header search in a real browser, on the sample portal served from /compliance/: codes find
their sub-item first, words find results of every kind with the match highlighted, the combobox
works from the keyboard, and search.js cuts and stems text exactly as the Swift index builder did."""

import json
import pathlib
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import harness

FIXTURE = pathlib.Path(__file__).with_name("search-text.json")
KINDS = {"Guidance", "Entry", "Term", "Lesson", "Module", "Party"}


class SearchTests(harness.BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()

    # ---------- helpers ----------

    def field(self):
        return self.driver.find_element(By.ID, "site-search-input")

    def search(self, text, page="guidance/index.html"):
        """Opens `page`, types `text` key by key and waits for the results of the whole text."""
        harness.open(self.driver, self.site.url(page))
        field = self.field()
        field.click()
        field.send_keys(text)
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_element(By.ID, "site-search-results").get_attribute("data-query") == text)
        return self.options()

    def options(self):
        return self.driver.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]")

    def status(self):
        return self.driver.find_element(By.CSS_SELECTOR, ".site-search [role=status]").get_attribute("textContent")

    def search_requests(self):
        return self.driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/search/'))")

    # ---------- tests ----------

    def test_search_js_cuts_and_stems_like_the_swift_index_builder(self):
        harness.open(self.driver, self.site.url("index.html"))
        fixture = json.loads(FIXTURE.read_text())
        stems = self.driver.execute_script(
            "return arguments[0].map(w => window.ExportalSearch.stem(w))", [w for w, _ in fixture["stems"]])
        self.assertEqual(stems, [s for _, s in fixture["stems"]])
        terms = self.driver.execute_script(
            "return arguments[0].map(t => window.ExportalSearch.terms(t).map(x => x.text))", [t for t, _ in fixture["terms"]])
        self.assertEqual(terms, [expected for _, expected in fixture["terms"]])

    def test_a_code_finds_its_sub_item_first(self):
        options = self.search("5A002.a")
        self.assertGreater(len(options), 1)
        first = options[0]
        self.assertTrue(first.get_attribute("data-href").endswith("/compliance/controls/eu-dual-use/5A002.html#5A002.a"),
                        first.get_attribute("data-href"))
        self.assertEqual(first.find_element(By.CSS_SELECTOR, ".search-kind").text.capitalize(), "Entry")
        self.assertEqual(first.find_element(By.CSS_SELECTOR, ".search-title mark").text, "5A002.a")
        # Deeper sub-items follow, by prefix.
        self.assertIn("5A002.a.", options[1].find_element(By.CSS_SELECTOR, ".search-title").text)
        self.assertEqual(self.field().get_attribute("aria-expanded"), "true")
        # Only the index's own files were fetched, from under the portal's sub-path, and only a few.
        requests = self.search_requests()
        self.assertTrue(requests and all(r.startswith(self.site.root + "search/") for r in requests), requests)
        manifest = [r for r in requests if "/search/index." in r]
        self.assertEqual(len(manifest), 1, requests)
        shard_count = len(json.loads((self.site.output / manifest[0].removeprefix(self.site.root)).read_text())["shards"])
        shards = [r for r in requests if "/search/s/" in r]
        self.assertLessEqual(len(shards), 4, shards)
        self.assertGreater(shard_count, 20 * len(shards))

    def test_a_word_finds_results_of_several_kinds_with_the_match_highlighted(self):
        options = self.search("encryption")
        self.assertGreaterEqual(len(options), 5)
        kinds = [o.find_element(By.CSS_SELECTOR, ".search-kind").get_attribute("textContent") for o in options]
        self.assertTrue(set(kinds) <= KINDS, kinds)
        self.assertGreaterEqual(len(set(kinds)), 2, kinds)
        marks = self.driver.find_elements(By.CSS_SELECTOR, "#site-search-results mark")
        self.assertTrue(marks and all(m.text.lower().startswith("encrypt") for m in marks), [m.text for m in marks])
        self.assertRegex(self.status(), r"^\d+ results")
        # An article matched further down shows, and links to, the section whose excerpt has the match.
        sections = [o for o in options if "#" in o.get_attribute("data-href")
                    and o.find_element(By.CSS_SELECTOR, ".search-kind").get_attribute("textContent") == "Guidance"
                    and "›" not in o.find_element(By.CSS_SELECTOR, ".search-title").text
                    and o.find_elements(By.CSS_SELECTOR, ".search-excerpt mark")]
        self.assertTrue(sections, [o.get_attribute("data-href") for o in options])
        # Prefix as you type, with stemming: an unfinished word finds the same title.
        options = self.search("encryp")
        self.assertTrue(options)
        # A party's alias is found too.
        options = self.search("Severtekh")
        self.assertEqual(options[0].find_element(By.CSS_SELECTOR, ".search-kind").get_attribute("textContent"), "Party")

    def test_arrow_keys_and_enter_open_the_second_result(self):
        options = self.search("screening")
        self.assertGreaterEqual(len(options), 2)
        second = options[1].get_attribute("data-href")
        field = self.field()
        field.send_keys(Keys.ARROW_DOWN)
        field.send_keys(Keys.ARROW_DOWN)
        self.assertEqual(field.get_attribute("aria-activedescendant"), options[1].get_attribute("id"))
        self.assertEqual(options[1].get_attribute("aria-selected"), "true")
        self.assertEqual(options[0].get_attribute("aria-selected"), "false")
        field.send_keys(Keys.ARROW_UP)
        self.assertEqual(field.get_attribute("aria-activedescendant"), options[0].get_attribute("id"))
        field.send_keys(Keys.ARROW_DOWN)
        field.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 10).until(lambda d: d.current_url == second)
        self.assertEqual(self.driver.current_url, second)

    def test_escape_closes_the_results_and_keeps_focus_in_the_box(self):
        self.search("licence")
        field = self.field()
        listbox = self.driver.find_element(By.ID, "site-search-results")
        self.assertTrue(listbox.is_displayed())
        field.send_keys(Keys.ARROW_DOWN)
        field.send_keys(Keys.ESCAPE)
        self.assertFalse(listbox.is_displayed())
        self.assertEqual(field.get_attribute("aria-expanded"), "false")
        self.assertIsNone(field.get_attribute("aria-activedescendant"))
        self.assertEqual(self.driver.switch_to.active_element.get_attribute("id"), "site-search-input")
        self.assertEqual(field.get_attribute("value"), "licence")
        # A second Escape clears the box.
        field.send_keys(Keys.ESCAPE)
        self.assertEqual(field.get_attribute("value"), "")

    def test_combobox_is_labelled_and_announces_counts(self):
        self.search("zzqqxx")
        field = self.field()
        self.assertEqual(field.get_attribute("role"), "combobox")
        self.assertEqual(field.get_attribute("aria-controls"), "site-search-results")
        label = self.driver.find_element(By.CSS_SELECTOR, "label[for=site-search-input]")
        self.assertEqual(label.text, "Search")
        self.assertEqual(self.status(), "No results")
        self.assertEqual(field.get_attribute("aria-expanded"), "false")

    def test_open_results_have_no_axe_violations_in_light_and_dark_mode(self):
        for scheme in ("light", "dark"):
            harness.set_color_scheme(self.driver, scheme)
            try:
                self.search("screening")
                self.field().send_keys(Keys.ARROW_DOWN)
                violations = harness.axe_violations(self.driver)
                self.assertEqual(violations, [], f"{scheme}:\n" + harness.describe_violations(violations))
            finally:
                harness.set_color_scheme(self.driver, "light")

    def test_works_from_a_deep_page_and_the_404_page(self):
        for page in ("training/screening-basics/index.html", "404.html"):
            with self.subTest(page=page):
                options = self.search("catch-all", page=page)
                self.assertTrue(options)
                self.assertTrue(all(o.get_attribute("data-href").startswith(self.site.root) for o in options))

    def test_without_javascript_the_header_links_to_the_a_to_z_index(self):
        self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        try:
            # harness.open waits through a script, which cannot run here; get() waits for the load.
            self.driver.get(self.site.url("guidance/index.html"))
            self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, ".search-box").is_displayed())
            link = self.driver.find_element(By.CSS_SELECTOR, ".site-search a[href$='a-z.html']")
            self.assertTrue(link.is_displayed())
            link.click()
            WebDriverWait(self.driver, 10).until(lambda d: d.current_url.endswith("/compliance/a-z.html"))
            entries = self.driver.find_elements(By.CSS_SELECTOR, ".az-list a[href*='controls/eu-dual-use/5A002.html']")
            self.assertEqual(len(entries), 1)
            self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, ".az-list a[href*='glossary.html#']"))
        finally:
            self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})

    def test_from_file_urls_the_box_stays_hidden_and_the_a_to_z_link_remains(self):
        harness.open(self.driver, (self.site.output / "guidance" / "index.html").as_uri())
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, ".search-box").is_displayed())
        link = self.driver.find_element(By.CSS_SELECTOR, ".site-search a[href$='a-z.html']")
        self.assertTrue(link.is_displayed())
        self.assertEqual(link.get_attribute("href"), (self.site.output / "a-z.html").as_uri())
        # Everything the page loaded came from the portal's own folder; search fetched nothing.
        requests = harness.offsite_requests(self.driver, self.site)
        self.assertTrue(all(r.startswith(self.site.output.as_uri() + "/") for r in requests), requests)
        self.assertFalse([r for r in requests if "/search/" in r])

    def test_search_js_builds_results_from_nodes_never_from_html(self):
        source = (harness.REPO / "Public" / "search.js").read_text()
        self.assertNotIn("innerHTML", source)
        self.assertNotIn("insertAdjacentHTML", source)


if __name__ == "__main__":
    unittest.main()
