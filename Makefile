# Two commands for a fresh machine (see README.md):
#   make serve   install everything into the project, build, and serve with live reload
#   make test    install everything into the project and run the whole test suite
# and, for operators, `make build`, which writes the publishable site into site/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Both cores: each pytest worker builds the site once and drives its own Chromium.
PYTEST_ARGS ?= -n 2
# Material prints a notice about MkDocs 2.0 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench setup clean article

# The preview shows a page's problems on that page and keeps serving; `make build` fails on them.
serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(BIN)/mkdocs build --strict

# A new article, listed in nav: make article TITLE="Why Timing Between Steps Controls Sprint Speed" SECTION=running-mechanics
article: setup
	$(BIN)/python -m macros.new_article --title "$(TITLE)" --section "$(SECTION)"

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: build
	$(BIN)/python -m tests.bench.page_speed

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

clean:
	rm -rf site .pytest_cache
