"""A link checker over the served portal: every internal link, script, stylesheet and image of
every page (and of the private checklists, which link into the portal) must load, and every
#fragment must name an element of the target page."""

import html.parser
import unittest
import urllib.error
import urllib.parse
import urllib.request

import harness


class _Links(html.parser.HTMLParser):
    """The URLs a page refers to and the ids it defines."""

    URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                      "iframe": "src", "form": "action", "area": "href"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(key):
                self.ids.add(attributes[key])
        attribute = self.URL_ATTRIBUTES.get(tag)
        if attribute and attributes.get(attribute) is not None:
            self.urls.append(attributes[attribute])


class LinkChecker:
    """Checks links under `scope` (a URL prefix), fetching each document once."""

    def __init__(self, scope: str, fetch):
        self.scope = scope
        self.fetch = fetch  # url -> (status, content type, body text)
        self.documents: dict[str, tuple[int, str, str]] = {}
        self.parsed: dict[str, _Links] = {}

    def _load(self, url: str):
        if url not in self.documents:
            self.documents[url] = self.fetch(url)
        return self.documents[url]

    def _parse(self, url: str) -> _Links:
        if url not in self.parsed:
            links = _Links()
            status, content_type, body = self._load(url)
            if status == 200 and content_type.startswith("text/html"):
                links.feed(body)
            self.parsed[url] = links
        return self.parsed[url]

    def broken(self, pages: list[str], same_origin: str) -> list[str]:
        problems = []
        for page in pages:
            for raw in self._parse(page).urls:
                target = urllib.parse.urljoin(page, raw)
                if target.startswith(("mailto:", "tel:", "data:")):
                    continue
                document, _, fragment = target.partition("#")
                if not document.startswith(same_origin + "/"):
                    continue  # an outside link (an official text): not ours to check offline
                if not document.startswith(self.scope):
                    problems.append(f"{page}: {raw} leaves the portal ({document})")
                    continue
                status, _, _ = self._load(document)
                if status != 200:
                    problems.append(f"{page}: {raw} -> HTTP {status}")
                elif fragment and urllib.parse.unquote(fragment) not in self._parse(document).ids:
                    problems.append(f"{page}: {raw} -> no element with id '{urllib.parse.unquote(fragment)}'")
        return problems


def http_fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            content_type = response.headers.get("Content-Type", "")
            body = response.read()
            text = body.decode("utf-8", "replace") if content_type.startswith("text/html") else ""
            return response.status, content_type, text
    except urllib.error.HTTPError as error:
        return error.code, "", ""


class LinkCheckerTests(unittest.TestCase):
    def test_the_served_portal_has_no_broken_internal_links_or_anchors(self):
        site = harness.site()
        checker = LinkChecker(site.root, http_fetch)
        pages = [site.url(p) for p in site.pages()]
        checklists = sorted(site.checklists.glob("*/index.html"))
        self.assertEqual(len(checklists), 3, "the sample has three exporter checklists")
        pages += [site.checklist_url(p.parent.name) for p in checklists]
        problems = checker.broken(pages, site.origin)
        self.assertEqual(problems, [], "\n".join(problems))
        checked = sum(len(checker._parse(p).urls) for p in pages)
        self.assertGreater(checked, 3000, "the checker saw far fewer links than the portal has")
        print(f"\nlink checker: {len(pages)} pages, {checked} links, {len(problems)} broken")

    def test_the_checker_reports_a_missing_page_a_missing_anchor_and_a_link_out_of_the_portal(self):
        pages = {
            "http://h/p/a.html": '<a href="b.html#here">ok</a><a href="b.html#gone">x</a>'
                                 '<a href="c.html">x</a><a href="/elsewhere.html">x</a>'
                                 '<a href="https://example.org/">outside, fine</a><p id="top"></p>'
                                 '<a href="#top">ok</a><link rel="stylesheet" href="s.css">',
            "http://h/p/b.html": '<h2 id="here">Here</h2>',
            "http://h/p/s.css": "",
        }

        def fetch(url):
            if url not in pages:
                return 404, "", ""
            return 200, "text/html" if url.endswith(".html") else "text/css", pages[url]

        problems = LinkChecker("http://h/p/", fetch).broken(["http://h/p/a.html"], "http://h")
        self.assertEqual(problems, [
            "http://h/p/a.html: b.html#gone -> no element with id 'gone'",
            "http://h/p/a.html: c.html -> HTTP 404",
            "http://h/p/a.html: /elsewhere.html leaves the portal (http://h/elsewhere.html)",
        ])


if __name__ == "__main__":
    unittest.main()
