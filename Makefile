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

.PHONY: help install html publish serve test test-fast golden check sample browser-deps node-deps clean

help:
	@echo "make html      set up .venv and build the demo site from data/ into output/"
	@echo "make serve     build, then serve output/ on http://localhost:$(PORT)/"
	@echo "make test      run the whole test suite (installs chromium if missing)"
	@echo "make check     validate data/ only"
	@echo "make publish   build with publishconf.py (production settings)"
	@echo "make golden    regenerate the golden files of the tiny test site"

$(BIN)/.installed: pyproject.toml
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

# Debian's chromium and CJK fonts for the browser tests (root on CI).
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  echo "installing chromium and fonts-noto-cjk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi

node-deps:
	@if [ -f package.json ] && [ ! -d node_modules ]; then npm ci --no-audit --no-fund --silent; fi

test: install browser-deps node-deps
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser"

golden: install
	$(BIN)/python -m tests.golden

clean:
	rm -rf $(OUTPUT) reports .pytest_cache
