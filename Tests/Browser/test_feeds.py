"""The feeds of list versions. updates.atom is read back by a feed parser (feedparser, from
PyPI) with no error and the expected entries, and checked against a RELAX NG schema of the
subset Exportal writes (atom-feed.rng, with xmllint). feedparser's released versions (6.0.x)
read no JSON Feed, so updates.json is checked here against the rules of JSON Feed 1.1: the
version URL, a title, items with a non-empty string id, a content_text or content_html, absolute
URLs and RFC 3339 dates."""

import datetime
import json
import pathlib
import re
import shutil
import subprocess
import unittest

import feedparser

import harness

SCHEMA = pathlib.Path(__file__).with_name("atom-feed.rng")
RFC_3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
EXPECTED = [  # (path of the change page, date), newest first
    ("controls/eu-dual-use/changes/2025-2003.html", "2025-11-15"),
    ("parties/northbridge-watchlist/changes/2025-11.html", "2025-11-14"),
    ("parties/northbridge-watchlist/changes/2025-08.html", "2025-08-01"),
]


class FeedTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.site = harness.site()

    def expected_links(self):
        return [self.site.url(path) for path, _ in EXPECTED]

    def check(self, feed, kind):
        self.assertFalse(feed.bozo, f"{kind}: {feed.get('bozo_exception')}")
        self.assertEqual([entry.link for entry in feed.entries], self.expected_links())
        self.assertEqual([entry.id for entry in feed.entries], self.expected_links())
        self.assertEqual([entry.published[:10] for entry in feed.entries], [date for _, date in EXPECTED])
        for entry in feed.entries:
            self.assertRegex(entry.title, r": version \S+$")
            self.assertRegex(entry.summary, r"^\d+ added, \d+ removed, \d+ amended\.")
        self.assertIn("Removed: NB-011 Baltic Amber Freight OU", feed.entries[2].summary)

    def test_atom_feed_reads_back_with_every_version(self):
        feed = feedparser.parse((self.site.output / "updates.atom").read_bytes())
        self.assertEqual(feed.version, "atom10")
        self.assertEqual(feed.feed.link, self.site.url("updates.html"))
        self.check(feed, "updates.atom")

    def test_json_feed_follows_json_feed_1_1_with_every_version(self):
        feed = json.loads((self.site.output / "updates.json").read_text(encoding="utf-8"))
        self.assertEqual(feed["version"], "https://jsonfeed.org/version/1.1")
        self.assertIsInstance(feed["title"], str)
        self.assertEqual(feed["home_page_url"], self.site.url("updates.html"))
        self.assertEqual(feed["feed_url"], self.site.url("updates.json"))
        self.assertTrue(all(isinstance(a.get("name"), str) for a in feed["authors"]))
        items = feed["items"]
        for item in items:
            self.assertIsInstance(item["id"], str)
            self.assertTrue(item["id"])
            self.assertTrue(isinstance(item.get("content_text"), str) or isinstance(item.get("content_html"), str))
            self.assertRegex(item["url"], r"^https?://")
            self.assertRegex(item["date_published"], RFC_3339)
            datetime.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))
            self.assertRegex(item["content_text"], r"^\d+ added, \d+ removed, \d+ amended\.")
        self.assertEqual([item["url"] for item in items], self.expected_links())
        self.assertEqual([item["id"] for item in items], self.expected_links())
        self.assertEqual([item["date_published"][:10] for item in items], [date for _, date in EXPECTED])
        self.assertIn("Removed: NB-011 Baltic Amber Freight OU", items[2]["content_text"])
        # The Atom feed says the same of each version.
        atom = feedparser.parse((self.site.output / "updates.atom").read_bytes())
        self.assertEqual([(e.title, e.summary) for e in atom.entries], [(i["title"], i["content_text"]) for i in items])

    def test_atom_feed_matches_the_schema(self):
        xmllint = shutil.which("xmllint")
        self.assertIsNotNone(xmllint, "xmllint is missing: make test-deps installs libxml2-utils")
        result = subprocess.run([xmllint, "--noout", "--relaxng", str(SCHEMA), str(self.site.output / "updates.atom")],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_the_schema_refuses_what_rfc_4287_refuses(self):
        """The check must be able to fail: an entry without an id, and a date that is not RFC 3339."""
        atom = (self.site.output / "updates.atom").read_text()
        broken = {
            "no id": re.sub(r"(<entry>\s*)<id>[^<]*</id>", r"\1", atom, count=1),
            "bad date": atom.replace("T00:00:00Z</updated>", "</updated>", 1),
        }
        for name, text in broken.items():
            with self.subTest(name):
                path = self.site.workdir / f"broken-{name.replace(' ', '-')}.atom"
                path.write_text(text)
                result = subprocess.run(["xmllint", "--noout", "--relaxng", str(SCHEMA), str(path)], capture_output=True, text=True)
                self.assertNotEqual(result.returncode, 0, name)
                self.assertIn("fails to validate", result.stderr, name)


if __name__ == "__main__":
    unittest.main()
