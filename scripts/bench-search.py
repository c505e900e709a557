#!/usr/bin/env python3
"""make bench-search: the search index of a ~10,000-page generated portal, measured in headless
Chromium over HTTP.

1. `exportal-bench search-corpus` writes the generated portal (articles, entries with sub-items,
   glossary terms, restricted parties) with the real templates and search.js.
2. A local server serves it from /compliance/, gzip-compressing text responses for clients that
   accept it (as most static servers and CDNs are set up to).
3. For three queries (a control code, a common word, a rare word), on a fresh page with an empty
   cache, the query is typed and the Resource Timing entries of search/ files give the bytes
   transferred and the time from the last shard's arrival to the results being rendered.

The baseline, measured in the same run, is the whole index: what one unsharded index file
would cost every query.

    scripts/bench-search.py --bench .build/release/exportal-bench [--articles 5000 --entries 1000 --parties 4000]
"""

import argparse
import gzip
import http.server
import pathlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "Browser"))
import harness  # noqa: E402  (the browser tests' Chromium set-up)

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

COMPRESSIBLE = (".html", ".json", ".js", ".css", ".svg", ".xml", ".txt")


def serve(docroot: pathlib.Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    compressed: dict[pathlib.Path, bytes] = {}

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(docroot), **kwargs)

        def do_GET(self):
            path = pathlib.Path(self.translate_path(self.path))
            if (path.is_file() and path.suffix in COMPRESSIBLE
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                if path not in compressed:
                    compressed[path] = gzip.compress(path.read_bytes(), 6, mtime=0)
                body = compressed[path]
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/compliance/"


def index_figures(output: pathlib.Path) -> dict:
    files = sorted((output / "search").rglob("*.json"))
    raw = [f.stat().st_size for f in files]
    packed = [len(gzip.compress(f.read_bytes(), 6, mtime=0)) for f in files]
    shards = [(f, len(gzip.compress(f.read_bytes(), 6, mtime=0))) for f in files if f.parent.name == "s"]
    manifest = next(f for f in files if f.name.startswith("index."))
    return {
        "files": len(files), "raw": sum(raw), "gzip": sum(packed), "shards": len(shards),
        "largest_shard_gzip": max(size for _, size in shards),
        "manifest_raw": manifest.stat().st_size, "manifest_gzip": len(gzip.compress(manifest.read_bytes(), 6, mtime=0)),
    }


MEASURE = """
const entries = performance.getEntriesByType('resource').filter(e => e.name.includes('/search/'));
const shards = entries.filter(e => e.name.includes('/search/s/'));
const marks = performance.getEntriesByName('exportal-search-rendered');
const rendered = marks.length ? marks[marks.length - 1].startTime : NaN;
const end = list => Math.max(...list.map(e => e.responseEnd));
return {
  requests: entries.length,
  shards: shards.length,
  chunks: entries.filter(e => e.name.includes('/search/d/')).length,
  transfer: entries.reduce((s, e) => s + e.transferSize, 0),
  encoded: entries.reduce((s, e) => s + e.encodedBodySize, 0),
  decoded: entries.reduce((s, e) => s + e.decodedBodySize, 0),
  afterShard: rendered - end(shards),
  afterLast: rendered - end(entries),
  results: document.querySelectorAll('#site-search-results [role=option]').length,
  status: document.querySelector('.site-search [role=status]').textContent,
};
"""


def measure(driver, url: str, query: str, typing_delay: float) -> dict:
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    harness.open(driver, url)
    field = driver.find_element(By.ID, "site-search-input")
    field.click()
    last_key = None
    if typing_delay:
        for index, key in enumerate(query):
            field.send_keys(key)
            if index == len(query) - 1:
                last_key = driver.execute_script("return performance.now()")
            else:
                time.sleep(typing_delay)
    else:
        # Pasted in one go: a single search for the whole word.
        driver.execute_script("arguments[0].value = arguments[1];"
                              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", field, query)
    WebDriverWait(driver, 30).until(
        lambda d: d.find_element(By.ID, "site-search-results").get_attribute("data-query") == query)
    figures = driver.execute_script(MEASURE)
    if last_key is not None:
        # Typed: shards may have arrived keys earlier, so time from the last key instead.
        figures["afterKey"] = driver.execute_script(
            "const m = performance.getEntriesByName('exportal-search-rendered'); return m[m.length - 1].startTime") - last_key
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", default=str(REPO / ".build" / "release" / "exportal-bench"))
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--parties", type=int, default=4000)
    parser.add_argument("--runs", type=int, default=3, help="runs per query; the median is printed")
    parser.add_argument("--keep", help="build into this folder and keep it")
    args = parser.parse_args()

    workdir = pathlib.Path(args.keep or tempfile.mkdtemp(prefix="exportal-bench-search-"))
    output = workdir / "www" / "compliance"
    output.parent.mkdir(parents=True, exist_ok=True)
    try:
        command = [args.bench, "search-corpus", "--articles", str(args.articles), "--entries", str(args.entries),
                   "--parties", str(args.parties), "--templates", str(REPO / "Templates"),
                   "--public", str(REPO / "Public"), "--output", str(output)]
        built = subprocess.run(command, capture_output=True, text=True)
        if built.returncode != 0:
            print(built.stdout + built.stderr, file=sys.stderr)
            return 1
        print(built.stdout.strip())
        rare = re.search(r"^rare-word: (\S+)", built.stdout, re.M).group(1)

        f = index_figures(output)
        print(f"Index on disk: {f['files']} files ({f['shards']} shards), {f['raw'] / 1024:.0f} KiB, "
              f"{f['gzip'] / 1024:.0f} KiB gzipped; manifest {f['manifest_raw'] / 1024:.1f} KiB "
              f"({f['manifest_gzip'] / 1024:.1f} KiB gzipped); largest shard {f['largest_shard_gzip'] / 1024:.1f} KiB gzipped")
        print(f"Baseline (same run): one unsharded index would transfer {f['gzip'] / 1024:.0f} KiB gzipped for every query")
        print()

        server, root = serve(workdir / "www")
        driver = harness.driver()
        url = root + "guidance/index.html"
        queries = [("code", "5A002.a"), ("common word", "export"), ("rare word", rare)]
        print(f"{'query':<24} {'mode':<8} {'requests':>8} {'shards':>6} {'transferred':>12} {'decoded':>10} "
              f"{'rendered after shard':>21} {'after last file':>16}  results")
        for label, query in queries:
            for mode, delay in (("pasted", 0), ("typed", 0.12)):
                runs = [measure(driver, url, query, delay) for _ in range(args.runs)]
                m = runs[-1]
                transfer = statistics.median(r["transfer"] for r in runs)
                decoded = statistics.median(r["decoded"] for r in runs)
                if delay:
                    timing = f"{'after last key':>15} {statistics.median(r['afterKey'] for r in runs):>6.1f} ms {'':>16}"
                else:
                    after_shard = statistics.median(r["afterShard"] for r in runs)
                    after_last = statistics.median(r["afterLast"] for r in runs)
                    timing = f"{after_shard:>18.1f} ms {after_last:>13.1f} ms"
                print(f"{label + ' ' + query:<24} {mode:<8} {m['requests']:>8} {m['shards']:>6} "
                      f"{transfer / 1024:>9.1f} KiB {decoded / 1024:>6.1f} KiB {timing}  {m['status']}")
        server.shutdown()
        print()
        print("Goals: under 300 KiB transferred for a one-word query; results under 100 ms after the shard arrives.")
        print("'transferred': Resource Timing transferSize (gzip body plus headers) of search/ files only, cache emptied")
        print("before each run. 'pasted': the whole query at once. 'typed': one key every 120 ms, so every prefix is")
        print("searched as it would be while typing. 'rendered after shard': from the last shard's responseEnd to")
        print(f"the results in the page, document chunks fetched in between. Medians of {args.runs} runs.")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
