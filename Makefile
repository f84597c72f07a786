# Langevin Dynamics, from Newton to Sampling — the commands.
#   make book   build the website into _build/html (creates .venv on first use)
#   make test   unit + statistical tests, strict nbval over every notebook, book build with -W
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
JB := $(BIN)/jupyter-book
NOTEBOOKS := $(sort $(wildcard book/*.ipynb))
# npm packages served from the built site instead of a CDN (pinned)
MATHJAX_VERSION := 3.2.2
HTML_MANAGER_VERSION := 1.0.14
VENDOR := vendor

export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test test-unit test-notebooks test-build test-browser lab bench notebooks clean vendor

$(VENV): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(MAKE) vendor
	touch $(VENV)

# MathJax and the widget manager, fetched from the npm registry at pinned versions.
vendor: $(VENDOR)/.done
$(VENDOR)/.done:
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/npm $(VENDOR)/static/mathjax $(VENDOR)/static/html-manager
	cd $(VENDOR)/npm && npm pack --silent mathjax@$(MATHJAX_VERSION) @jupyter-widgets/html-manager@$(HTML_MANAGER_VERSION) >/dev/null
	cd $(VENDOR)/npm && for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar -xzf "$$f" -C "$${f%.tgz}"; done
	cp -r $(VENDOR)/npm/mathjax-*/package/es5/* $(VENDOR)/static/mathjax/
	cp -r $(VENDOR)/npm/jupyter-widgets-html-manager-*/package/dist/* $(VENDOR)/static/html-manager/
	touch $@

book: $(VENV) vendor
	$(JB) build --quiet .
	@echo "Book: $(CURDIR)/_build/html/index.html"

test: $(VENV) vendor test-unit test-notebooks test-build

test-unit: $(VENV)
	$(BIN)/python -m pytest -q -n 2 tests langevin

test-notebooks: $(VENV)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -p no:cacheprovider --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --doctest-continue-on-failure $(NOTEBOOKS) -o addopts=""

test-build: $(VENV) vendor
	rm -rf _build
	$(JB) build -W -n --keep-going .

test-browser: $(VENV) book
	$(BIN)/python -m pytest -q -m browser tests/test_browser.py -o addopts=""

lab: $(VENV)
	$(BIN)/jupyter lab book/

bench: $(VENV)
	$(BIN)/python benchmarks/run.py

notebooks: $(VENV)
	$(BIN)/jupyter execute --inplace $(NOTEBOOKS)

clean:
	rm -rf _build .pytest_cache
