"""Shared set-up for the browser tests: the sample portal, built once and served over HTTP
from a sub-path, and one headless Chromium driven through Selenium.

    site = harness.site()            # http://127.0.0.1:PORT/compliance/
    driver = harness.driver()        # headless Chromium, 1280 x 900
    harness.open(driver, site.url("controls/eu/index.html"))
    assert harness.console_errors(driver) == []
    assert harness.offsite_requests(driver, site) == []

`make test` runs these after the Swift suite, with EXPORTAL_BIN set to the exportal it built.
"""

import atexit
import functools
import http.server
import importlib.util
import json
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import threading
import unittest
import urllib.parse

REPO = pathlib.Path(__file__).resolve().parents[2]
BUILD_DATE = "2026-01-15"
SUB_PATH = "compliance/"


class Site:
    """A built portal served by a local HTTP server under /compliance/.

    The private checklists are written beside it (never under the served folder) and served
    from /checklists/ by the same server, so tests can open a checklist like an exporter would
    open the file on their own machine, without it being part of the portal.
    """

    def __init__(self, content: pathlib.Path, templates: pathlib.Path = REPO / "Templates",
                 public: pathlib.Path = REPO / "Public"):
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="exportal-browser-"))
        self.docroot = self.workdir / "www"
        self.output = self.docroot / SUB_PATH.rstrip("/")
        self.checklists = self.docroot / "checklists"
        self.requests: list[tuple[str, int]] = []
        self.port = _free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.root = f"{self.origin}/{SUB_PATH}"
        self._build(content, templates, public)
        self._serve()

    def url(self, path: str = "") -> str:
        return urllib.parse.urljoin(self.root, path)

    def checklist_url(self, exporter: str) -> str:
        return f"{self.origin}/checklists/{exporter}/index.html"

    def pages(self) -> list[str]:
        """Every HTML page of the portal, as paths relative to the portal root, sorted."""
        return sorted(p.relative_to(self.output).as_posix() for p in self.output.rglob("*.html"))

    def _build(self, content: pathlib.Path, templates: pathlib.Path, public: pathlib.Path) -> None:
        exportal = exportal_path()
        command = [
            exportal, "build",
            "--content", str(content),
            "--templates", str(templates),
            "--public", str(public),
            "--output", str(self.output),
            "--checklists", str(self.checklists),
            "--base-url", self.root,
            "--build-date", BUILD_DATE,
        ]
        self.output.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(f"exportal build failed ({result.returncode}):\n{result.stdout}{result.stderr}")

    def _serve(self) -> None:
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(site.docroot), **kwargs)

            def log_request(self, code="-", size="-"):
                site.requests.append((self.path, int(code) if str(code).isdigit() else 0))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        atexit.register(self.close)

    def close(self) -> None:
        self.server.shutdown()
        shutil.rmtree(self.workdir, ignore_errors=True)


def exportal_path() -> str:
    """The exportal under test: EXPORTAL_BIN, or the debug build of this checkout."""
    exportal = os.environ.get("EXPORTAL_BIN") or str(REPO / ".build" / "debug" / "exportal")
    if not os.path.exists(exportal):
        raise RuntimeError(f"{exportal} does not exist; run `swift build` first (make test does)")
    return exportal


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def site() -> Site:
    """The bundled sample portal (Content/), built once per test process."""
    return Site(REPO / "Content")


def _executable(*names: str) -> str:
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    raise RuntimeError(f"none of {', '.join(names)} is on PATH; run `make test-deps`")


@functools.cache
def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _executable("chromium", "chromium-browser")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=en-GB", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-default-apps", "--disable-sync"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=_executable("chromedriver"))
    browser = webdriver.Chrome(options=options, service=service)
    browser.set_page_load_timeout(30)
    atexit.register(browser.quit)
    return browser


def open(browser, url: str) -> None:
    """Navigates and waits until the document and its deferred scripts have run."""
    browser.get(url)
    browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') { requestAnimationFrame(() => done()); }"
        "else { addEventListener('load', () => requestAnimationFrame(() => done())); }"
    )


def console_errors(browser) -> list[str]:
    """SEVERE browser-console messages (JS errors, failed loads) since the last call."""
    return [entry["message"] for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def offsite_requests(browser, portal: Site) -> list[str]:
    """URLs the browser asked for outside the portal's origin since the last call."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        if url.startswith(("data:", "blob:", "about:", "chrome-error:")):
            continue
        if not url.startswith(portal.origin + "/"):
            urls.append(url)
    return urls


def set_color_scheme(browser, scheme: str) -> None:
    """Emulates prefers-color-scheme ('light' or 'dark') for the pages that follow."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia",
                            {"features": [{"name": "prefers-color-scheme", "value": scheme}]})


def set_viewport(browser, width: int, height: int = 900) -> None:
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def reset_viewport(browser) -> None:
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@functools.cache
def axe_source() -> str:
    """axe-core's script, from the axe-playwright-python wheel (installed without its
    Playwright dependency by `make test-deps`; only the bundled axe.min.js is used)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("axe-core is missing: pip install --no-deps axe-playwright-python (make test-deps does)")
    return (pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text()


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(browser) -> list[dict]:
    """Runs axe-core (WCAG 2.0/2.1 A and AA, plus best practice) on the open page."""
    if not browser.execute_script("return typeof window.axe === 'object'"):
        browser.execute_script(axe_source())
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary)}))))"
        ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]));",
        AXE_TAGS,
    )
    return result


class BrowserTestCase(unittest.TestCase):
    """A test on the served sample portal: each test starts with empty console and request logs
    and fails if its pages logged a console error or asked for anything outside the portal."""

    @classmethod
    def setUpClass(cls):
        cls.site = site()
        cls.driver = driver()

    def setUp(self):
        console_errors(self.driver)
        offsite_requests(self.driver, self.site)

    def tearDown(self):
        self.assertEqual(console_errors(self.driver), [])
        self.assertEqual(offsite_requests(self.driver, self.site), [])


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    {node}" for node in v["nodes"][:5])
    return "\n".join(lines)
