"""Content authors as attackers: script vectors in every field a content author controls, built
into a portal and opened in headless Chromium. No vector may run (on load, on focus, or on a
click of any link), no page may hold an event-handler attribute, a script of its own or a link
to a script URL, and typing the vectors into the search box runs nothing either. A vector the
build rightly refuses (a `javascript:` source or Markdown link) must be refused with the right
diagnostic at its place: those are built separately, and if one builds after all, the test opens
its pages and clicks the link to show what the refusal prevents.

Each vector sets `window.__xss` to a number that names the field and the vector (field * 100 +
vector) when it runs; alert, confirm and prompt are replaced on every document to set it too.
"""

import json
import pathlib
import shutil
import subprocess
import tempfile
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness

MARK = "{m}"  # replaced by `window.__xss=N`

# Script vectors for any text field. With allow_raw_html off, all of them must build and run nothing.
VECTORS = [
    "<script>{m}</script>",
    '<img src=x onerror="{m}">',
    '<svg onload="{m}">',
    "<svg><script>{m}</script></svg>",
    '<math><mtext><table><mglyph><style><img src=x onerror="{m}">',
    '"><img src=x onerror={m}>',
    "'><img src=x onerror={m}>",
    '" onmouseover="{m}" autofocus onfocus="{m}" x="',
    "' onfocus='{m}' autofocus x='",
    "</script><script>{m}</script>",
    "</title><script>{m}</script>",
    "</textarea><script>{m}</script>",
    "</style><script>{m}</script>",
    "<!--<img src=x onerror={m}>-->",
    "--><img src=x onerror={m}>",
    "{{#a}}<img src=x onerror={m}>{{/a}}",
    "{{{b}}}{{&c}}{{> layout}}{{=<% %>=}}<%d%><img src=x onerror={m}>",
    "\u2028\u2029</script><script>{m}</script>",
    '<a href="javascript:{m}">click</a>',
    '<a href=" JaVaScRiPt:{m}">click</a>',
    '<a href="java&#x09;script:{m}">click</a>',
    '<a href="&#106;avascript:{m}">click</a>',
    '<a href="vbscript:{m}">click</a>',
    '<a href="data:text/html,<script>{m}</script>">click</a>',
    '<iframe src="javascript:{m}"></iframe>',
    '<iframe srcdoc="<script>{m}</script>"></iframe>',
    '<object data="javascript:{m}"></object>',
    '<embed src="javascript:{m}">',
    '<form><button formaction="javascript:{m}">go</button></form>',
    '<details open ontoggle="{m}">',
    '<body onload="{m}">',
    '<input autofocus onfocus="{m}">',
    '<video><source onerror="{m}"></video>',
    "<style>@import 'javascript:{m}';</style>",
    '<div style="background:url(javascript:{m})">x</div>',
    '<meta http-equiv="refresh" content="0;url=javascript:{m}">',
    '<base href="javascript:{m}//">',
    '<svg><a xlink:href="javascript:{m}"><text y="20">x</text></a></svg>',
    '<svg><animate onbegin="{m}" attributeName="x" dur="1s">',
    '<svg><a><animate attributeName="href" values="javascript:{m}"/><text y="20">x</text></a></svg>',
    '<math href="javascript:{m}">x</math>',
    "<scr<script>ipt>{m}</script>",
    '<noscript><p title="</noscript><img src=x onerror={m}>">',
    "<!--><img src=x onerror={m}>-->",
    "';{m};//",
    '";{m};//',
    "`-{m}-`",
    '\\";{m};//',
    "${{m}}",
    "javascript:{m}",
    "<img src=1 onerror={m} //",
    "<x onclick={m}>click me</x>",
    '<a href="#" onclick="{m}">click</a>',
    "&lt;script&gt;{m}&lt;/script&gt;",
    '<a href="https://example.org/" onmouseover="{m}">x</a>',
]

# Markdown only: breakouts through a link's title or text, which cmark escapes.
MARKDOWN_VECTORS = [
    '[x](https://example.org/ "\\" onmouseover=\\"{m}")',
    '[x" onmouseover="{m}](https://example.org/)',
    "[x](https://example.org/ 'a' onmouseover='{m}')",
]

# With allow_raw_html: true, raw HTML that may stay (it runs nothing) beside Markdown links.
RAW_HTML_KEPT = [
    "<style>*{background:url('javascript:{m}')}</style>",
    '<a href="https://example.org/" title="&quot;&gt;&lt;img src=x onerror={m}&gt;">x</a>',
    "<a href=\"https://example.org/\" title='\"><svg onload={m}>'>x</a>",
    # Not tags to CommonMark (a bare value holds '=', or no space before an attribute): shown as text.
    "<img src=x onerror={m}>",
    "<svg/onload={m}>",
    "<details><summary>s</summary><p>{{m}}</p></details>",
    '<svg width="40" height="20"><a xlink:href="https://example.org/"><text y="15">x</text></a></svg>',
    '<form action="https://example.org/"><button type="button">x</button></form>',
] + MARKDOWN_VECTORS

# Each refused at build time: (Markdown line, what the diagnostic says).
MARKDOWN_REFUSED = [
    ("[a](javascript:{m})", "a link must be an http(s) URL or a relative path, found 'javascript:"),
    ("[b](JaVaScRiPt:{m})", "found 'JaVaScRiPt:"),
    ("[c](<java\tscript:{m}>)", "(it holds a control character"),
    ("[d](jav&#x61;script:{m})", "found 'javascript:"),
    ("[e](vbscript:{m})", "(it is a 'vbscript:' URL)"),
    ("[f](data:text/html,{m})", "(it is a 'data:' URL)"),
    ("![g](javascript:{m})", "an image must be an http(s) URL or a relative path"),
    ("<javascript:{m}>", "a link must be an http(s) URL"),
    ("[h][evil]\n\n[evil]: javascript:{m}", "a link must be an http(s) URL"),
    ("[i](//evil.example/)", "(it starts with '//'"),
    ("[j](mailto:desk@agency.example)", "(it is a 'mailto:' URL)"),
]

RAW_HTML_REFUSED = [
    ("[a](javascript:{m})", "a link must be an http(s) URL"),
    ('<a href="javascript:{m}">x</a>', "raw HTML 'href' must be an http(s) URL"),
    ('<img src="x" onerror="{m}">', "raw HTML attribute 'onerror' is an event handler"),
    ('<svg onload="{m}">', "raw HTML attribute 'onload' is an event handler"),
    ('<P ONCLICK="{m}">x</P>', "raw HTML attribute 'onclick' is an event handler"),
    ('<iframe src="https://example.org/"></iframe>', "raw HTML element <iframe> is not allowed"),
    ('<a href=" &#106;avascript:{m}">x</a>', "raw HTML 'href' must be an http(s) URL"),
    ('<svg><animate attributeName="href" values="javascript:{m}" /></svg>', "raw HTML element <animate> is not allowed"),
    ('<!--><img src="x" onerror="{m}">-->', "raw HTML attribute 'onerror' is an event handler"),
    ('<noscript><p title="</noscript><img src=x onerror={m}>">', "raw HTML element <noscript> is not allowed"),
    ('<math><mi xlink:href="data:x,{m}">x</mi></math>', "raw HTML 'xlink:href' must be an http(s) URL"),
    ('<base href="https://evil.example/">', "raw HTML element <base> is not allowed"),
    ('<form><button formaction="javascript:{m}">x</button></form>', "raw HTML 'formaction' must be an http(s) URL"),
    ('<embed src="https://example.org/x.swf">', "raw HTML element <embed> is not allowed"),
    ('<div style="background:url(javascript:{m})">x</div>', "raw HTML 'style' names a script URL"),
]

# Each a party list `source:` (or an entry's) that must be refused at the value.
SOURCE_REFUSED = [
    "javascript:{m}",
    " javascript:{m}",
    "JaVaScRiPt:{m}",
    "java\tscript:{m}",
    "java\nscript:{m}",
    "javascript&colon;{m}",
    "&#106;avascript:{m}",
    "vbscript:{m}",
    "data:text/html,<script>{m}</script>",
    "//evil.example/list",
    "mailto:desk@agency.example",
]

# Set by every vector that runs; alert, confirm and prompt set it too.
INSTALL_TRAPS = """
window.__xss = 0;
for (const name of ['alert', 'confirm', 'prompt', 'print']) {
  window[name] = function () { window.__xss = window.__xss || ('called ' + name); };
}
"""

# What no page may hold: event-handler attributes, script URLs, scripts that are not the
# portal's own assets, frames and objects, base and refresh elements.
AUDIT = r"""
const found = [];
const scheme = v => v.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase().split(':')[0];
const urlAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'srcset', 'background'];
for (const el of document.querySelectorAll('*')) {
  const tag = el.tagName.toLowerCase();
  for (const a of el.attributes) {
    const name = a.name.toLowerCase();
    if (name.startsWith('on')) found.push(`${tag}[${name}]`);
    if (urlAttributes.includes(name) && a.value.includes(':')) {
      const s = scheme(a.value);
      const iconDataURL = tag === 'link' && a.value === 'data:,';
      if (['javascript', 'vbscript', 'data', 'livescript'].includes(s) && !iconDataURL) found.push(`${tag}[${name}=${a.value}]`);
    }
  }
  if (['iframe', 'frame', 'object', 'embed', 'base', 'applet'].includes(tag)) found.push(tag);
  if (tag === 'meta' && el.httpEquiv) found.push(`meta[http-equiv=${el.httpEquiv}]`);
  if (tag === 'script' && !/\/assets\/[a-z-]+\.[0-9a-f]+\.js$/.test(el.src)) found.push(`script ${el.src || el.textContent.slice(0, 40)}`);
}
return found;
"""

# Links whose resolved URL is not http(s): each is clicked (a `javascript:` one fails already).
ODD_LINKS = """
return Array.from(document.querySelectorAll('a[href], area[href]'))
  .filter(a => !['http:', 'https:'].includes(a.protocol)).map(a => a.getAttribute('href'));
"""


def fill(template: str, marker: int) -> str:
    return template.replace(MARK, f"window.__xss={marker}")


class Fields:
    """Numbers each field that receives vectors, so a marker names the field it came from."""

    def __init__(self):
        self.names: list[str] = []
        self.templates: list[list[str]] = []

    def text(self, name: str, templates: list[str], separator: str = " ") -> str:
        """Every vector, marked for field `name`, joined into one value."""
        self.names.append(name)
        self.templates.append(templates)
        field = len(self.names)
        return separator.join(fill(t, field * 100 + i) for i, t in enumerate(templates))

    def yaml(self, name: str, templates: list[str] = VECTORS, separator: str = " ") -> str:
        return json.dumps(self.text(name, templates, separator))

    def name_of(self, marker) -> str:
        if not isinstance(marker, int) or marker < 100:
            return str(marker)
        field, index = marker // 100 - 1, marker % 100
        if field >= len(self.names) or index >= len(self.templates[field]):
            return str(marker)
        return f"{self.names[field]}, vector {index}: {self.templates[field][index]!r}"


def write(root: pathlib.Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)


def site_files(f: Fields, raw_html: bool = False, body: list[str] = VECTORS) -> dict[str, str]:
    """A small complete site with vectors in every field a content author writes."""
    markdown = body if raw_html else body + MARKDOWN_VECTORS

    def md(name: str) -> str:
        return f.yaml(name, markdown, "\n\n")

    return {
        "site.yml": f"""title: {f.yaml("site title")}
organisation: {f.yaml("site organisation")}
base_url: https://example.org/compliance/
jurisdiction: eu
description: {f.yaml("site description")}
allow_raw_html: {"true" if raw_html else "false"}
""",
        "guidance/vectors.md": f"""---
title: {f.yaml("article title")}
summary: {f.yaml("article summary")}
tags: [screening]
---

""" + f.text("article body", markdown, "\n\n") + "\n",
        "controls/demo-list/list.yml": f"""id: demo-list
title: {f.yaml("control list title")}
authority: {f.yaml("control list authority")}
version: {f.yaml("control list version")}
effective: 2026-01-01
source: https://example.org/list
description: {md("control list description")}
""",
        "controls/demo-list/entries.yml": f"""entries:
  - code: 5A002
    title: {f.yaml("entry title")}
    reasons: [NS]
    regimes: [wassenaar]
    description: {md("entry description")}
    notes:
      - {md("entry note")}
    technical_notes:
      - {md("entry technical note")}
    items:
      - code: 5A002.a
        title: {f.yaml("sub-item title")}
        description: {md("sub-item description")}
""",
        "glossary.yml": f"""terms:
  - term: {f.yaml("glossary term")}
    id: vector-term
    definition: {md("glossary definition")}
    synonyms: [{f.yaml("glossary synonym")}]
  - term: Dual-use item
    definition: An item with civil and military uses.
""",
        "parties/watch/list.yml": f"""id: watch
title: {f.yaml("party list title")}
authority: {f.yaml("party list authority")}
version: {f.yaml("party list version")}
date: 2026-01-05
source: https://example.org/watch
entries:
  - id: W-1
    name: {f.yaml("party name")}
    type: entity
    aliases: [{f.yaml("party alias")}]
    weak_aliases: [{f.yaml("party weak alias")}]
    addresses: [{{text: {f.yaml("party address")}, country: RU}}]
    identifiers: [{{kind: {f.yaml("party identifier kind")}, value: {f.yaml("party identifier")}}}]
    programmes: [{f.yaml("party programme")}]
    birth_dates: [{f.yaml("party birth date")}]
    remarks: {f.yaml("party remarks")}
    source: https://example.org/watch/w-1
  - id: W-2
    name: Severtech Integratsiya LLC
    type: entity
""",
        "training/basics/module.yml": f"""title: {f.yaml("module title")}
summary: {f.yaml("module summary")}
audience: [sales]
objectives:
  - {md("module objective")}
minutes: 20
lessons:
  - first-steps
""",
        "training/basics/first-steps.md": f"""---
title: {f.yaml("lesson title")}
summary: {f.yaml("lesson summary")}
minutes: 10
---

""" + f.text("lesson body", markdown, "\n\n") + "\n",
        "training/basics/quiz.yml": f"""title: {f.yaml("quiz title")}
questions:
  - question: {md("quiz question")}
    choices:
      - text: {md("quiz choice")}
      - text: Every party
        correct: true
    explanation: {md("quiz explanation")}
""",
        "rules/eu.yml": f"""id: eu
title: {f.yaml("ruleset title")}
version: "1"
lists: [demo-list]
groups:
  - id: home
    title: {f.yaml("destination group title")}
    countries: [DE, FR]
rules:
  - id: t.home
    precedence: 10
    when: {{destinations: [home]}}
    outcome: no-licence-required
    citation: {f.yaml("rule citation")}
    why: {f.yaml("rule why")}
  - id: t.listed
    precedence: 20
    when: {{classification: listed}}
    outcome: licence-required
    citation: Art. 3
    why: Listed items need a licence.
""",
        "exporters/acme.yml": f"""name: {f.yaml("exporter name")}
country: DE
contact: {f.yaml("exporter contact")}
products:
  - id: mill
    name: {f.yaml("product name")}
    description: {f.yaml("product description")}
    classification: listed
    codes: [5A002.a]
destinations: [US, DE]
parties:
  - name: {f.yaml("exporter party name")}
    country: AE
    role: consignee
""",
    }


def build(files: dict[str, str]) -> tuple[int, list[str]]:
    """Builds `files` as a content folder into a throwaway output; the exit code and the diagnostics."""
    work = pathlib.Path(tempfile.mkdtemp(prefix="exportal-xss-"))
    try:
        write(work / "Content", files)
        result = subprocess.run([
            harness.exportal_path(), "build", "--content", str(work / "Content"),
            "--templates", str(harness.REPO / "Templates"), "--public", str(harness.REPO / "Public"),
            "--output", str(work / "Output"), "--checklists", str(work / "Checklists"),
            "--build-date", harness.BUILD_DATE,
        ], capture_output=True, text=True)
        return result.returncode, [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    finally:
        shutil.rmtree(work, ignore_errors=True)


class XSSCase:
    """Opens every page of a portal built from `files` and looks for any sign of a script."""

    raw_html = False

    @classmethod
    def setUpClass(cls):
        cls.fields = Fields()
        files = cls.files(cls.fields)
        cls.content = pathlib.Path(tempfile.mkdtemp(prefix="exportal-xss-content-"))
        write(cls.content, files)
        cls.site = harness.Site(cls.content)
        cls.driver = harness.driver()
        cls.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INSTALL_TRAPS})

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.content, ignore_errors=True)

    @classmethod
    def files(cls, fields: Fields) -> dict[str, str]:
        raise NotImplementedError

    def marker(self):
        return self.driver.execute_script("return window.__xss")

    def assert_nothing_ran(self, where: str):
        marker = self.marker()
        self.assertFalse(marker, f"a script ran on {where}: {self.fields.name_of(marker)}")

    def pages(self) -> list[str]:
        return [self.site.url(p) for p in self.site.pages()] + [self.site.checklist_url("acme")]

    def test_no_page_runs_or_holds_a_script(self):
        problems = []
        for url in self.pages():
            harness.open(self.driver, url)
            # Focus and hover everything a vector could have hooked, then look.
            self.driver.execute_script(
                "for (const el of document.querySelectorAll('body *')) {"
                " el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));"
                " if (el.focus) el.focus(); }")
            marker = self.marker()
            if marker:
                problems.append(f"{url}: ran {self.fields.name_of(marker)}")
            problems += [f"{url}: {found}" for found in self.driver.execute_script(AUDIT)]
            for href in self.driver.execute_script(ODD_LINKS):
                problems.append(f"{url}: link to {href!r}")
                # Click it, as a reader would, and say what ran.
                self.driver.execute_script(
                    "const a = Array.from(document.querySelectorAll('a[href]')).find(a => a.getAttribute('href') === arguments[0]);"
                    "if (a) a.click();", href)
                marker = self.driver.execute_script("return window.__xss") if self.driver.current_url == url else None
                if marker:
                    problems.append(f"{url}: clicking {href!r} ran {self.fields.name_of(marker)}")
                harness.open(self.driver, url)
        self.assertEqual(problems, [], f"{len(problems)} problems on {len(self.pages())} pages")
        self.assertGreaterEqual(len(self.pages()), 15)

    def test_every_link_on_every_page_is_http_relative_or_a_fragment(self):
        pages = self.pages()
        hrefs = 0
        for url in pages:
            harness.open(self.driver, url)
            links = self.driver.execute_script("return Array.from(document.querySelectorAll('[href]')).map(e => e.getAttribute('href'))")
            hrefs += len(links)
            for href in links:
                self.assertNotIn("javascript:", href.lower().replace("\t", "").replace("\n", ""), f"{url}: {href!r}")
        self.assertGreater(hrefs, 200)


class NoRawHTMLPortalTests(XSSCase, harness.BrowserTestCase):
    """allow_raw_html: false, every vector in every field kind."""

    @classmethod
    def files(cls, fields):
        return site_files(fields)

    def test_every_field_kind_holds_every_vector(self):
        self.assertGreaterEqual(len(VECTORS), 40)
        self.assertGreaterEqual(len(self.fields.names), 45)

    def test_typing_the_vectors_into_search_runs_nothing(self):
        harness.open(self.driver, self.site.url("guidance/index.html"))
        field = self.driver.find_element(By.ID, "site-search-input")
        results = self.driver.find_element(By.ID, "site-search-results")
        shown = 0
        for index, template in enumerate(VECTORS):
            text = fill(template, 9900 + index)
            field.clear()
            field.send_keys(text)
            WebDriverWait(self.driver, 10).until(
                lambda d: results.get_attribute("data-query") == d.execute_script("return arguments[0].value", field))
            shown += len(self.driver.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]"))
            self.assert_nothing_ran(f"search for {text!r}")
        self.assertEqual(self.driver.execute_script(AUDIT), [])
        # The vectors' own words find the pages that hold them: their results are drawn without running.
        for word in ["xss", "script", "onerror"]:
            field.clear()
            field.send_keys(word)
            WebDriverWait(self.driver, 10).until(lambda d: results.get_attribute("data-query") == word)
            shown += len(self.driver.find_elements(By.CSS_SELECTOR, "#site-search-results [role=option]"))
            self.assert_nothing_ran(f"search for {word!r}")
        self.assertGreater(shown, 0)


class RawHTMLPortalTests(XSSCase, harness.BrowserTestCase):
    """allow_raw_html: true, with the raw HTML the check lets through: none of it runs."""

    raw_html = True

    @classmethod
    def files(cls, fields):
        return site_files(fields, raw_html=True, body=RAW_HTML_KEPT)


class RefusedAtBuildTests(unittest.TestCase):
    """What the build must refuse, at the right place, with the right message."""

    def refused(self, files: dict[str, str]) -> list[str]:
        code, diagnostics = build(files)
        self.assertEqual(code, 1, f"the build should fail; it printed {diagnostics}")
        return diagnostics

    def article(self, lines: list[tuple[str, str]], raw_html: bool) -> None:
        """Each Markdown line in its own paragraph of one article; each refused at its line."""
        files = site_files(Fields())
        if raw_html:
            files["site.yml"] = files["site.yml"].replace("allow_raw_html: false", "allow_raw_html: true")
        body, expected, line = [], [], 5
        for index, (markdown, message) in enumerate(lines):
            text = fill(markdown, 9000 + index)
            body.append(text)
            expected.append((line, message, text))
            line += text.count("\n") + 2
        files["guidance/refused.md"] = "---\ntitle: Refused\n---\n\n" + "\n\n".join(body) + "\n"
        diagnostics = [d for d in self.refused(files) if "guidance/refused.md:" in d and ": error: " in d]
        for line, message, text in expected:
            at_line = [d for d in diagnostics if f"guidance/refused.md:{line}:" in d]
            self.assertTrue(any(message in d for d in at_line), f"{text!r} at line {line}: expected {message!r} in {at_line}")

    def test_script_links_in_markdown_are_refused(self):
        self.article(MARKDOWN_REFUSED, raw_html=False)

    def test_script_links_and_raw_html_are_refused_with_raw_html_allowed(self):
        self.article(RAW_HTML_REFUSED, raw_html=True)

    def test_a_tag_is_a_slug_not_a_vector(self):
        files = site_files(Fields())
        files["guidance/vectors.md"] = files["guidance/vectors.md"].replace("tags: [screening]", 'tags: ["<script>x</script>"]')
        self.assertIn("guidance/vectors.md:4:8: error: each of 'tags' must be a slug", "\n".join(self.refused(files)))

    def test_a_script_source_url_is_refused_at_the_value(self):
        files = site_files(Fields())
        list_yml = files.pop("parties/watch/list.yml")
        for index, source in enumerate(SOURCE_REFUSED):
            value = json.dumps(fill(source, 9100 + index))
            files[f"parties/list-{index}/list.yml"] = list_yml.replace("id: watch", f"id: list-{index}").replace(
                "source: https://example.org/watch\n", f"source: {value}\n").replace(
                "source: https://example.org/watch/w-1", f"source: {value}")
        code, diagnostics = build(files)
        if code == 0:
            self.fail(f"a script source was published: {self.what_it_runs(files)}")
        entry_line = list_yml.split("\n").index("    source: https://example.org/watch/w-1") + 1
        for index in range(len(SOURCE_REFUSED)):
            path = f"parties/list-{index}/list.yml"
            for place in (f"{path}:6:9: error: 'source' must be an http(s) URL, found ",
                          f"{path}:{entry_line}:13: error: 'source' must be an http(s) URL, found "):
                self.assertTrue(any(place in d for d in diagnostics), f"{place!r} not in {diagnostics}")

    def test_a_script_base_url_is_refused(self):
        files = site_files(Fields())
        files["site.yml"] = files["site.yml"].replace("base_url: https://example.org/compliance/",
                                                      'base_url: "java\\tscript://example.org/"')
        self.assertIn("site.yml:3:11: error: 'base_url' must be an http(s) URL", "\n".join(self.refused(files)))

    def what_it_runs(self, files: dict[str, str]) -> str:
        """Serves a portal that built although it should not, clicks its source links and says what ran."""
        content = pathlib.Path(tempfile.mkdtemp(prefix="exportal-xss-content-"))
        try:
            write(content, files)
            site = harness.Site(content)
            driver = harness.driver()
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": INSTALL_TRAPS})
            ran = []
            for page in site.pages():
                if not page.startswith("parties/"):
                    continue
                harness.open(driver, site.url(page))
                for href in driver.execute_script(ODD_LINKS):
                    driver.execute_script(
                        "Array.from(document.querySelectorAll('a[href]')).find(a => a.getAttribute('href') === arguments[0]).click()", href)
                    marker = driver.execute_script("return window.__xss")
                    if marker:
                        ran.append(f"{page}: clicking {href!r} ran window.__xss={marker}")
                    harness.open(driver, site.url(page))
            return "\n".join(ran) or "nothing ran"
        finally:
            shutil.rmtree(content, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
