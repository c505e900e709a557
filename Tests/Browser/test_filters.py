"""Filtering a control list's index page in the browser (Public/filters.js): the rows shown are
exactly those the page's own data attributes say match, the state lives in the URL, and a shared
or reloaded URL shows the same view."""

import re
import unittest
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import harness

# Every entry row with what the build wrote on it, and whether it is rendered.
ROWS = """return Array.from(document.querySelectorAll('li[data-codes]')).map(li => ({
    code: li.querySelector('.code').textContent,
    category: li.dataset.category, group: li.dataset.group,
    reasons: li.dataset.reasons.split(' '), regimes: li.dataset.regimes.split(' '),
    codes: li.dataset.codes.toLowerCase(), text: li.textContent.toLowerCase().replace(/\\s+/g, ' '),
    visible: li.getClientRects().length > 0}))"""

# Headings left standing with no visible entry under them.
EMPTY_HEADINGS = """return Array.from(document.querySelectorAll('section.category, [data-entry-group]'))
    .filter(s => s.getClientRects().length > 0 && !Array.from(s.querySelectorAll('li[data-codes]'))
        .some(li => li.getClientRects().length > 0))
    .map(s => s.querySelector('h2, h3').id)"""


def list_page(pages: list[str]) -> str:
    """The first control list's index page of the sample portal."""
    lists = [p for p in pages if re.match(r"^controls/[^/]+/index\.html$", p)]
    if not lists:
        raise AssertionError("the sample portal has no control list")
    return lists[0]


class ListFilterTests(harness.BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.page = list_page(cls.site.pages())
        cls.url = cls.site.url(cls.page)

    # ---------- helpers ----------

    def rows(self) -> list[dict]:
        return self.driver.execute_script(ROWS)

    def visible_codes(self) -> list[str]:
        return [row["code"] for row in self.rows() if row["visible"]]

    def status(self) -> str:
        return self.driver.find_element(By.CSS_SELECTOR, "[data-filter-status]").text

    def query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(urllib.parse.urlparse(self.driver.current_url).query)

    def select(self, name: str) -> Select:
        return Select(self.driver.find_element(By.CSS_SELECTOR, f"form[data-filters] select[name='{name}']"))

    def text_box(self):
        return self.driver.find_element(By.CSS_SELECTOR, "form[data-filters] input[name='text']")

    def assert_view(self, expected: list[str]):
        """Exactly `expected` rows show, the live region says so, and no empty heading stays."""
        rows = self.rows()
        self.assertGreater(len(expected), 0, "a filter in this test should keep some rows")
        self.assertEqual(self.visible_codes(), expected)
        self.assertEqual(self.status(), f"{len(expected)} of {len(rows)} entries shown")
        self.assertEqual(self.driver.execute_script(EMPTY_HEADINGS), [])

    # ---------- tests ----------

    def test_without_javascript_the_form_is_hidden_and_every_entry_is_listed(self):
        html = (self.site.output / self.page).read_text()
        self.assertRegex(html, r"<form class=\"filters\" data-filters hidden")
        entries = re.findall(r"<li data-category=\"\d\" data-group=\"[A-E]\"", html)
        self.assertGreater(len(entries), 50)
        self.assertIn(f"{len(entries)} of {len(entries)} entries shown", html)

    def test_a_reason_filter_shows_exactly_the_rows_the_page_data_names_and_is_kept_in_the_url(self):
        harness.open(self.driver, self.url)
        form = self.driver.find_element(By.CSS_SELECTOR, "form[data-filters]")
        self.assertTrue(form.is_displayed(), "the script should show the filter form")
        rows = self.rows()
        self.assertTrue(all(row["visible"] for row in rows))
        # Pick a reason that keeps some rows but not all, from the options the page offers.
        reasons = self.select("reason")
        counts = {o.get_attribute("value"): sum(o.get_attribute("value") in r["reasons"] for r in rows)
                  for o in reasons.options if o.get_attribute("value")}
        reason = next(value for value, count in sorted(counts.items()) if 0 < count < len(rows))
        option = next(o for o in reasons.options if o.get_attribute("value") == reason)
        self.assertTrue(option.text.endswith(f"({counts[reason]})"), option.text)

        reasons.select_by_value(reason)
        self.assert_view([row["code"] for row in rows if reason in row["reasons"]])
        self.assertEqual(self.query(), {"reason": [reason]})

        # A second filter narrows further; both are in the URL.
        regime_rows = [row for row in rows if reason in row["reasons"]]
        regime = sorted({g for row in regime_rows for g in row["regimes"] if g})[0]
        self.select("regime").select_by_value(regime)
        self.assert_view([row["code"] for row in regime_rows if regime in row["regimes"]])
        self.assertEqual(self.query(), {"reason": [reason], "regime": [regime]})
        self.assertEqual(harness.axe_violations(self.driver), [])

        # Back goes to the view with one filter, forward to the view with two.
        self.driver.back()
        self.assertEqual(self.select("regime").first_selected_option.get_attribute("value"), "")
        self.assert_view([row["code"] for row in rows if reason in row["reasons"]])
        self.driver.forward()
        self.assertEqual(self.select("regime").first_selected_option.get_attribute("value"), regime)
        self.assert_view([row["code"] for row in regime_rows if regime in row["regimes"]])

        self.driver.find_element(By.CSS_SELECTOR, "[data-filter-clear]").click()
        self.assertEqual(len(self.visible_codes()), len(rows))
        self.assertEqual(self.query(), {})

    def test_a_shared_url_restores_the_filters_and_survives_a_reload(self):
        harness.open(self.driver, self.url)
        rows = self.rows()
        category, group = rows[-1]["category"], rows[-1]["group"]
        expected = [row["code"] for row in rows if row["category"] == category and row["group"] == group]

        harness.open(self.driver, f"{self.url}?category={category}&group={group}")
        self.assertEqual(self.select("category").first_selected_option.get_attribute("value"), category)
        self.assertEqual(self.select("group").first_selected_option.get_attribute("value"), group)
        self.assert_view(expected)

        self.driver.refresh()
        self.assert_view(expected)
        self.assertEqual(self.query(), {"category": [category], "group": [group]})

        # Every category chip left in the navigation leads to a category that is still shown.
        chips = self.driver.execute_script(
            "return Array.from(document.querySelectorAll('.category-nav li')).filter(li => li.getClientRects().length)"
            ".map(li => li.dataset.category)")
        self.assertEqual(chips, [category])

    def test_a_value_the_list_does_not_offer_is_dropped_from_a_shared_url(self):
        harness.open(self.driver, f"{self.url}?reason=NOPE&text=")
        self.assertEqual(self.select("reason").first_selected_option.get_attribute("value"), "")
        self.assertEqual(self.query(), {})
        self.assertEqual(len(self.visible_codes()), len(self.rows()))

    def test_the_text_box_finds_an_entry_by_a_sub_item_code_and_by_words(self):
        harness.open(self.driver, self.url)
        rows = self.rows()
        # A sub-item code (the entry code plus ".a..."), typed in upper case as printed.
        entry = next(row for row in rows if " " in row["codes"])
        sub_item = entry["codes"].split(" ")[1].upper()
        self.text_box().send_keys(sub_item)
        self.assert_view([row["code"] for row in rows if sub_item.lower() in row["codes"]])
        self.assertIn(entry["code"], self.visible_codes())
        self.assertEqual(self.query(), {"text": [sub_item]})

        # Words match the entry titles, all of them, in any case.
        self.text_box().clear()
        self.text_box().send_keys("Laser")
        expected = [row["code"] for row in rows if "laser" in row["text"] or "laser" in row["codes"]]
        self.assert_view(expected)

        harness.open(self.driver, f"{self.url}?text={urllib.parse.quote(sub_item)}")
        self.assertEqual(self.text_box().get_attribute("value"), sub_item)
        self.assertIn(entry["code"], self.visible_codes())

    def test_a_filter_that_matches_nothing_says_so(self):
        harness.open(self.driver, f"{self.url}?text=zzzz-no-such-entry")
        self.assertEqual(self.visible_codes(), [])
        self.assertEqual(self.status(), f"0 of {len(self.rows())} entries shown")
        self.assertTrue(self.driver.find_element(By.CSS_SELECTOR, "[data-filter-empty]").is_displayed())
        self.assertEqual(self.driver.execute_script(EMPTY_HEADINGS), [])


if __name__ == "__main__":
    unittest.main()
