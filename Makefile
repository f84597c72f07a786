# Langevin Dynamics, from Newton to Sampling — the commands.
#   make book   execute every notebook and build the website into _build/html (creates .venv on first use)
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
# single-threaded BLAS: the package's linear algebra is small (tridiagonal eigensolves, 200-point
# solves); two BLAS threads on a busy 2-core machine made a 1 ms solve take 250 ms in a widget
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: book test test-unit test-notebooks test-build test-browser lab bench bench-peers notebooks clean vendor

# Python packages only (no npm: `make lab` needs none); the website's JavaScript is `vendor`,
# a prerequisite of book / test / test-build.
$(VENV): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "Python >= 3.11 is needed (the pins: numpy 2.4, ipython 9); $(PYTHON) is $$($(PYTHON) -V 2>&1)." \
	       "Try: make $(MAKECMDGOALS) PYTHON=python3.11" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $(VENV)

# MathJax and the widget manager, fetched from the npm registry at pinned versions (once per
# version: vendor/npm keeps the tarballs), then only what the pages load is copied into
# vendor/static, which _config.yml serves as _static/ (no CDN; measured: 41 MB -> 9.6 MB):
#   mathjax/      tex-chtml.js; the TeX extensions it autoloads (\boldsymbol, \cancel, ...); its
#                 woff-v2 fonts; ui/ a11y/ sre/ input/mml for the context menu's accessibility
#                 options (speech, explorer), which load them on demand
#   html-manager/ embed.js (standalone, no require.js) and the woff2/woff/ttf fonts it references
#                 (not: the AMD bundles, the 6 MB source map, .eot/.svg fonts for old IE/iOS)
VENDOR_NPM := $(VENDOR)/npm/.fetched-mathjax-$(MATHJAX_VERSION)-html-manager-$(HTML_MANAGER_VERSION)
MATHJAX_DIST = $(VENDOR)/npm/mathjax-$(MATHJAX_VERSION)/package
HTML_MANAGER_DIST = $(VENDOR)/npm/jupyter-widgets-html-manager-$(HTML_MANAGER_VERSION)/package

vendor: $(VENDOR)/.static-done
$(VENDOR_NPM):
	rm -rf $(VENDOR)/npm && mkdir -p $(VENDOR)/npm
	cd $(VENDOR)/npm && npm pack --silent mathjax@$(MATHJAX_VERSION) @jupyter-widgets/html-manager@$(HTML_MANAGER_VERSION) >/dev/null
	cd $(VENDOR)/npm && for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar -xzf "$$f" -C "$${f%.tgz}"; done
	touch $@
$(VENDOR)/.static-done: $(VENDOR_NPM) Makefile
	rm -rf $(VENDOR)/static
	mkdir -p $(VENDOR)/static/mathjax/input/tex $(VENDOR)/static/mathjax/output/chtml/fonts $(VENDOR)/static/html-manager
	cp $(MATHJAX_DIST)/LICENSE $(MATHJAX_DIST)/es5/tex-chtml.js $(VENDOR)/static/mathjax/
	cp -r $(MATHJAX_DIST)/es5/input/tex/extensions $(VENDOR)/static/mathjax/input/tex/
	cp -r $(MATHJAX_DIST)/es5/input/mml.js $(MATHJAX_DIST)/es5/input/mml $(VENDOR)/static/mathjax/input/
	cp -r $(MATHJAX_DIST)/es5/output/chtml/fonts/woff-v2 $(VENDOR)/static/mathjax/output/chtml/fonts/
	cp -r $(MATHJAX_DIST)/es5/ui $(MATHJAX_DIST)/es5/a11y $(MATHJAX_DIST)/es5/sre $(VENDOR)/static/mathjax/
	cp $(HTML_MANAGER_DIST)/LICENSE $(HTML_MANAGER_DIST)/dist/embed.js $(HTML_MANAGER_DIST)/dist/embed.js.LICENSE.txt $(VENDOR)/static/html-manager/
	for f in $$(grep -oE '[0-9a-f]{20}\.(woff2|woff|ttf)' $(HTML_MANAGER_DIST)/dist/embed.js | sort -u); do \
	  cp $(HTML_MANAGER_DIST)/dist/$$f $(VENDOR)/static/html-manager/; done
	touch $@

book: $(VENV) vendor
	$(JB) build --quiet .
	@echo "Book: $(CURDIR)/_build/html/index.html"

test: $(VENV) vendor test-unit test-notebooks test-build

test-unit: $(VENV)
	$(BIN)/python -m pytest -q -n 2 tests langevin -m "not browser" --ignore=tests/test_site.py

test-notebooks: $(VENV)
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -p no:cacheprovider --nbval --nbval-sanitize-with tests/sanitize.cfg \
	  --doctest-continue-on-failure $(NOTEBOOKS) -o addopts=""

# the build must be warning-free; tests/test_site.py then checks the pages are self-contained
test-build: $(VENV) vendor
	rm -rf _build
	$(JB) build -W -n --keep-going .
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_site.py -o addopts=""

# the built pages in headless Chromium (apt-get install -y chromium): figures, animations, math,
# saved widgets, no JavaScript error, no request to another host; and on a phone (412 px, scale 2):
# equations fit, no sideways scroll, figures sharp at 2x. One page, on the existing build:
#   LANGEVIN_PAGES=01_sampling .venv/bin/python -m pytest -m browser tests/test_browser.py -o addopts=""
test-browser: $(VENV) book
	$(BIN)/python -m pytest -q -p no:cacheprovider -m browser tests/test_browser.py tests/test_explorables_browser.py -o addopts="" -rs

# JupyterLab on the chapters, widgets live once a notebook runs (Run > Run All Cells); MyST
# ({cite}, labels, directives) rendered by jupyterlab-myst. No npm. --allow-root only for root
# (containers), where Jupyter refuses to start without it.
lab: $(VENV)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) book/

bench: $(VENV)
	$(BIN)/python benchmarks/run.py

# the same ULA/MALA work in JAX and BlackJAX, side by side (DESIGN.md §7); its own venv from the
# exact pins in benchmarks/peers/requirements.txt (not .venv, not part of `make test`)
PEERS_VENV := benchmarks/peers/.venv
$(PEERS_VENV): benchmarks/peers/requirements.txt
	$(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/pip install --quiet --upgrade pip
	$(PEERS_VENV)/bin/pip install --quiet -r benchmarks/peers/requirements.txt
	touch $(PEERS_VENV)

bench-peers: $(PEERS_VENV)
	$(PEERS_VENV)/bin/python benchmarks/peers/bench_peers.py

notebooks: $(VENV)
	$(BIN)/jupyter execute --inplace $(NOTEBOOKS)

clean:
	rm -rf _build .pytest_cache
