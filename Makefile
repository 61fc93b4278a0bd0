# OrderLens — everything a newcomer needs is behind `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
export ORDERLENS_DB ?= .orderlens/demo.duckdb

.PHONY: demo test bench eval lint typecheck venv dev clean report-screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEVSTAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

# Chinese chart labels need a CJK font for vl-convert (PNG/SVG export); Debian ships one.
# Best effort: on machines without apt (or without root) charts still render, with boxes.
FONTSTAMP := $(VENV)/.cjk-font
$(FONTSTAMP): $(BIN)/python
	@if ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq fonts-wqy-microhei >/dev/null 2>&1)) \
	    || echo "warning: could not install fonts-wqy-microhei; Chinese chart labels may not render"; \
	  else echo "note: install a CJK font (e.g. fonts-wqy-microhei) for Chinese chart labels"; fi; \
	fi
	@touch $@

# The derived dictionary tables (nl2sql.vocabulary.dictionary_store), built into the package so
# the first question on a new model looks its words up instead of deriving them (~6 s).
# Best effort: without them that question builds them into the user cache.
DICTSTAMP := $(VENV)/.dictionaries
DICT_SOURCES := nl2sql/segmenter.py $(addprefix nl2sql/vocabulary/,cedict.py ecdict.py jieba_words.py \
  lemma_store.py dictionary_store.py ecdict_subset.tsv.xz)
$(DICTSTAMP): $(STAMP) $(DICT_SOURCES)
	@$(BIN)/python -m lab.tools.dictionary_stores && touch $@ || \
	  echo "warning: dictionary stores not prebuilt; the first question builds them"

# Bytecode of the project's own modules: an editable install has none, and where
# PYTHONDONTWRITEBYTECODE is set (many containers, this CI) every cold `orderlens ask` compiled
# the ~140 modules it imports (~0.2 s of ~1 s, bench/bench_cli.py). Written once here; Python
# itself ignores a file older than its source.
PYCSTAMP := $(VENV)/.bytecode
$(PYCSTAMP): $(STAMP) $(shell find connectors semantic_layer nl2sql lab -name '*.py' 2>/dev/null)
	@$(BIN)/python -m compileall -q connectors semantic_layer nl2sql lab >/dev/null && touch $@ || \
	  echo "warning: could not write bytecode; cold commands compile the project per run"

venv: $(STAMP) $(DICTSTAMP) $(PYCSTAMP)
dev: $(DEVSTAMP) $(DICTSTAMP) $(PYCSTAMP)

demo: $(STAMP) $(FONTSTAMP) $(DICTSTAMP) $(PYCSTAMP)
	$(BIN)/orderlens demo --db $(ORDERLENS_DB)
	@echo "== reconciling every month of bank lines and settlement bills"
	$(BIN)/orderlens reconcile --db $(ORDERLENS_DB) --top 3
	@echo "== planning shipping windows for pending export orders"
	$(BIN)/orderlens windows recommend --db $(ORDERLENS_DB) --limit 5
	$(BIN)/python -m lab.demo_tour --db $(ORDERLENS_DB)

# The CI gate (.ci/run): style, types (every package and the bench scripts, so no module can
# drift out of mypy's view), one-way layers and no import cycles (pyproject's
# [tool.importlinter]), then the tests — cheapest first.
MYPY_PACKAGES := semantic_layer nl2sql connectors lab bench
# pytest-xdist workers: one per core, at most 4 (each worker builds its own session fixtures —
# demo warehouse, Ask server — and holds up to ~4 GB). Why: the suite is CPU-bound and ran on one
# core (889-904 s serial on CI's 2 cores, the 15-minute budget); a module's tests stay on one
# worker (--dist loadfile), so module fixtures are built once. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c "import os; print(min(4, len(os.sched_getaffinity(0))))")

# $(PYCSTAMP): the suite's CLI, kernel and server subprocesses (and each xdist worker) import
# the project; without bytecode each compiled it again (see README "Measuring", suitetime24b).
test: $(DEVSTAMP) $(FONTSTAMP) $(DICTSTAMP) $(PYCSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy $(MYPY_PACKAGES)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -p no:cacheprovider --durations=30 -n $(PYTEST_WORKERS) --dist loadfile \
	  --doctest-modules connectors semantic_layer nl2sql lab tests

# The README's report pictures: every notebook run on a 3,000-order demo warehouse, its HTML report
# photographed by headless Chromium (Debian's /usr/bin/chromium) into docs/img/report_*.png.
report-screenshots: $(DEVSTAMP) $(FONTSTAMP)
	$(BIN)/python -m lab.runner.screenshots --out docs/img

lint: $(DEVSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(DEVSTAMP)
	$(BIN)/mypy $(MYPY_PACKAGES)
	$(BIN)/lint-imports

bench: $(STAMP) $(DICTSTAMP) $(PYCSTAMP)
	$(BIN)/python bench/run_all.py

eval: $(DEVSTAMP) $(DICTSTAMP)
	$(BIN)/python -m lab.evaluate

clean:
	rm -rf $(VENV) .orderlens build *.egg-info
