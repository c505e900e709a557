"""Every kind of page in a real browser: no accessibility violations (axe-core, in light and dark
mode), no console errors, and no request that leaves the portal's origin."""

import re
import unittest

import harness


def page_kinds(pages: list[str]) -> list[str]:
    """One page of every kind: all top-level and section pages (home, indexes, glossary, articles,
    search, the training record, the Updates page...) plus the first of each deeper kind (entry,
    party, letter, lesson, quiz, change page) and a removed entry and party, so a new kind of page
    is covered without editing this list."""
    chosen = [p for p in pages if p.count("/") <= 1 or p.endswith("/index.html")]
    deeper = {
        "entry": r"^controls/[^/]+/[0-9][A-E][0-9]{3}\.html$",
        "party letter": r"^parties/[^/]+/letter-[^/]+\.html$",
        "party": r"^parties/[^/]+/(?!letter-|index)[^/]+\.html$",
        "quiz": r"^training/[^/]+/quiz\.html$",
        "lesson": r"^training/[^/]+/(?!quiz|index)[^/]+\.html$",
        "control-list change page": r"^controls/[^/]+/changes/[^/]+\.html$",
        "party-list change page": r"^parties/[^/]+/changes/[^/]+\.html$",
    }
    for kind, pattern in deeper.items():
        matches = [p for p in pages if re.match(pattern, p)]
        if not matches:
            raise AssertionError(f"the sample portal has no {kind} page (pattern {pattern})")
        # An entry or a change page shows the most markup; prefer the one with the longest file.
        chosen.append(matches[0] if kind != "entry" and "change" not in kind else _largest(matches))
    # Removed entries and parties keep their pages, marked as removed.
    for kind, pattern in {"removed entry": deeper["entry"], "removed party": deeper["party"]}.items():
        removed = [p for p in pages if re.match(pattern, p) and 'class="removal-notice"' in _text(p)]
        if not removed:
            raise AssertionError(f"the sample portal has no {kind} page")
        chosen.append(removed[0])
    return sorted(set(chosen))


def _text(page: str) -> str:
    return (harness.site().output / page).read_text(encoding="utf-8")


def _largest(pages: list[str]) -> str:
    output = harness.site().output
    return max(pages, key=lambda p: (output / p).stat().st_size)


class PageQualityTests(harness.BrowserTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kinds = page_kinds(cls.site.pages())

    def tearDown(self):
        harness.set_color_scheme(self.driver, "light")
        super().tearDown()

    def test_every_kind_of_page_has_no_axe_violations_in_light_and_dark_mode(self):
        self.assertGreaterEqual(len(self.kinds), 19, self.kinds)
        targets = [(p, self.site.url(p)) for p in self.kinds]
        targets.append(("checklist", self.site.checklist_url("keller-maschinen")))
        for scheme in ("light", "dark"):
            harness.set_color_scheme(self.driver, scheme)
            for name, url in targets:
                with self.subTest(page=name, scheme=scheme):
                    harness.open(self.driver, url)
                    violations = harness.axe_violations(self.driver)
                    self.assertEqual(violations, [], f"{name} ({scheme}):\n" + harness.describe_violations(violations))

    def test_no_page_logs_a_console_error_or_requests_anything_off_origin(self):
        pages = self.site.pages()
        self.assertGreater(len(pages), 100)
        for page in pages:
            harness.open(self.driver, self.site.url(page))
            errors = harness.console_errors(self.driver)
            offsite = harness.offsite_requests(self.driver, self.site)
            with self.subTest(page=page):
                self.assertEqual(errors, [], page)
                self.assertEqual(offsite, [], page)

    def test_offsite_detection_works(self):
        """The two checks above must be able to fail: a page that logs an error and fetches an
        outside URL is caught by both helpers."""
        harness.open(self.driver, self.site.url("index.html"))
        self.driver.execute_script(
            "console.error('deliberate'); const i = new Image(); i.src = 'http://example.invalid/x.png';"
            "document.body.appendChild(i);")
        self.driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 300)")
        self.assertTrue(any("deliberate" in e for e in harness.console_errors(self.driver)))
        self.assertIn("http://example.invalid/x.png", harness.offsite_requests(self.driver, self.site))

    def test_axe_detects_a_real_violation(self):
        """axe is really running: an image without alt text is reported."""
        harness.open(self.driver, self.site.url("index.html"))
        self.driver.execute_script(
            "const i = document.createElement('img'); i.src = 'data:image/gif;base64,R0lGODlhAQABAAAAACw=';"
            "document.querySelector('main').appendChild(i);")
        ids = [v["id"] for v in harness.axe_violations(self.driver)]
        self.assertIn("image-alt", ids)


if __name__ == "__main__":
    unittest.main()
