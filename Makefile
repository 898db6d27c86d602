# 行政执法公示平台 — the usual Pelican targets plus tests and benchmarks.
# The first use of any target creates .venv and installs the project.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
DATA ?= data
OUTPUT ?= output
TODAY ?= 2026-11-20
PORT ?= 8000
REPORT ?= reports/build-report.json

.PHONY: help install html publish serve test test-fast golden check sample browser-deps apt-install node-deps clean bench bench-quick bench-deps

help:
	@echo "make html      set up .venv and build the demo site from data/ into output/"
	@echo "make serve     build, then serve output/ on http://localhost:$(PORT)/"
	@echo "make test      run the whole test suite (installs chromium, fonts, Java, npm packages if missing)"
	@echo "make check     validate data/ only"
	@echo "make publish   build with publishconf.py (production settings)"
	@echo "make golden    regenerate the golden files of the tiny test site"
	@echo "make bench     10k and 100k decisions (BENCH_SIZES=\"10000 100000 1000000\"): ours, Pelican, Hugo, Pagefind"
	@echo "make bench-quick  the same at 2,000 decisions (CI-sized)"

$(BIN)/.installed: pyproject.toml
	@$(PY) -c "import ensurepip" 2>/dev/null || $(MAKE) -s apt-install PKGS=python3-venv
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

html: install
	$(BIN)/portal build --data $(DATA) --output $(OUTPUT) --today $(TODAY) --report $(REPORT)

publish: install
	$(BIN)/portal build --data $(DATA) --output $(OUTPUT) --settings publishconf.py --report $(REPORT)

check: install
	$(BIN)/portal check --data $(DATA) --today $(TODAY) --report $(REPORT)

serve: html
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory $(OUTPUT)

sample: install
	$(BIN)/portal sample --out $(DATA)

# What the browser and HTML tests need from Debian (root on CI): chromium,
# CJK fonts, Java for the Nu HTML checker, node + npm. Idempotent: installs
# only what is missing.
browser-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then $(MAKE) -s apt-install PKGS="$$missing"; fi

apt-install:
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "missing Debian packages: $(strip $(PKGS)) -- install them as root (make browser-deps)" >&2; exit 1; fi
	@echo "apt-get install $(strip $(PKGS))"
	@apt-get update -qq
	@DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PKGS) >/dev/null

# npm packages of package-lock.json (axe-core for the accessibility tests).
node-deps:
	@if [ -f package-lock.json ] && { [ ! -f node_modules/.package-lock.json ] || \
	     [ package-lock.json -nt node_modules/.package-lock.json ]; }; then \
	  npm ci --no-audit --no-fund --loglevel=error; \
	elif [ -f package.json ] && [ ! -f package-lock.json ] && [ ! -d node_modules ]; then \
	  npm install --no-audit --no-fund --loglevel=error; fi

test: install browser-deps node-deps
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser"

golden: install
	$(BIN)/python -m tests.golden

# Benchmarks (docs/benchmarks.md). Data and outputs go to .bench/ (gitignored).
# BENCH_SIZES, BENCH_TIMEOUT (s per tool run), BENCH_SKIP (pelican hugo pagefind).
bench-deps: install
	@$(BIN)/python -c "import pagefind" 2>/dev/null || $(BIN)/pip install -q 'pagefind[extended]'
	@command -v hugo >/dev/null 2>&1 || $(MAKE) -s apt-install PKGS=hugo

bench: bench-deps browser-deps
	$(BIN)/python -m generators.bench --write-docs

bench-quick: bench-deps browser-deps
	$(BIN)/python -m generators.bench --quick

clean:
	rm -rf $(OUTPUT) reports .pytest_cache
