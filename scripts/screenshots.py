"""Screenshots of the sample portal in headless Chromium, at 1280 px and 390 px wide, in light
and dark mode: the home page, an entry page, a lesson, a list version's "What changed" page,
search results, a checklist and a checklist's "Changes since your last review" (light only: a
checklist is a print document).

    python3 scripts/screenshots.py [OUTPUT_DIR]     (make screenshots; default docs/screenshots)

Chromium writes PNGs; they are squeezed to 8-bit palettes with Pillow when it is installed,
so the committed copies stay small.
"""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "Tests" / "Browser"))
import harness  # noqa: E402

WIDTHS = (1280, 390)
SCHEMES = ("light", "dark")


def search_results(driver, site):
    """Types a query into the header search box, when the portal has one, and waits for results."""
    harness.open(driver, site.url("index.html"))
    boxes = driver.find_elements("css selector", "#site-search-input, input[type=search]")
    if not boxes or not boxes[0].is_displayed():
        return False
    boxes[0].click()
    boxes[0].send_keys("encryption")
    driver.execute_async_script("setTimeout(arguments[arguments.length - 1], 800)")
    return True


def main() -> int:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    site = harness.site()
    driver = harness.driver()
    shots = {
        "home": lambda: harness.open(driver, site.url("index.html")) or True,
        "entry": lambda: harness.open(driver, site.url("controls/eu-dual-use/5A002.html")) or True,
        "lesson": lambda: harness.open(driver, site.url(first_lesson(site))) or True,
        "changes": lambda: harness.open(driver, site.url("parties/northbridge-watchlist/changes/2025-08.html#removed")) or True,
        "search": lambda: search_results(driver, site),
        "checklist": lambda: harness.open(driver, site.checklist_url("keller-maschinen")) or True,
        "checklist-changes": lambda: section(driver, site.checklist_url("cipherline-software"), "since-title"),
    }
    written = []
    for scheme in SCHEMES:
        harness.set_color_scheme(driver, scheme)
        for width in WIDTHS:
            harness.set_viewport(driver, width, 900 if width > 600 else 844)
            for name, show in shots.items():
                if name.startswith("checklist") and scheme == "dark":
                    continue  # a print document: it has no dark mode, so the picture would repeat
                if not show():
                    print(f"skipped {name}: the portal has no search box yet")
                    continue
                path = out / f"{name}-{width}-{scheme}.png"
                driver.save_screenshot(str(path))
                squeeze(path)
                written.append(path)
    harness.reset_viewport(driver)
    for path in written:
        print(f"{path}  {path.stat().st_size // 1024} KB")
    return 0


def section(driver, url: str, heading: str) -> bool:
    """Opens a page scrolled to the heading with this id, when the page has one."""
    harness.open(driver, url)
    return bool(driver.execute_script(
        "const h = document.getElementById(arguments[0]); if (h) { h.scrollIntoView(); } return h !== null;", heading))


def first_lesson(site) -> str:
    lessons = [p for p in site.pages() if p.startswith("training/") and p.count("/") == 2
               and not p.endswith(("index.html", "quiz.html"))]
    return lessons[0]


def squeeze(path: pathlib.Path) -> None:
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as image:
        image.convert("RGB").quantize(colors=128, dither=Image.Dither.NONE).save(path, optimize=True)


if __name__ == "__main__":
    sys.exit(main())
