# One command to run, one to test: each creates the virtual environment when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two stamps: `make run` installs the app alone; `make test` adds the test extra.
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: help run test lint test-fast screenshots snapshots-update bench bench-quick clean
.DEFAULT_GOAL := help

# Plain `make`: what there is to make (it used to create .venv and say nothing).
help:
	@echo "make run          set up .venv when missing and start glute-tui"
	@echo "make test         set up .venv with the test extra when missing, lint, run every test"
	@echo "make test-fast    the unit tests only"
	@echo "make lint         layer contracts (import-linter), ruff, mypy"
	@echo "make screenshots  redraw every README picture"
	@echo "make bench        the benchmarks (about 20 minutes); make bench-quick: a short run"
	@echo "make clean        remove .venv and build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(APP_STAMP)

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(TEST_STAMP)

run: $(APP_STAMP)
	$(BIN)/glute-tui

# Twice as many pytest-xdist workers as cores (at most four more): the process, browser and
# Pilot tests spend much of their time waiting (a killed process, a page, an idle screen), so
# two workers a core keep both cores busy: 323 s instead of 399 s on 2 cores. Each test has its
# own data folder, ports and processes.
WORKERS ?= $(shell $(PYTHON) -c "import os; n = len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count() or 1; print(min(2 * n, n + 4))")

# The tests start the app in a few hundred processes of their own: each reads the package
# compiled (as pip installs it), not compiled again from source each time, even where
# PYTHONDONTWRITEBYTECODE is set; pytest keeps its rewritten test modules (its own files) too.
TEST_ENV := PYTHONDONTWRITEBYTECODE=

test: lint
	$(BIN)/python -m compileall -q glute_tui
	$(TEST_ENV) $(BIN)/python -m pytest -q -n $(WORKERS) --maxschedchunk 1

# The contracts of the layers (pyproject.toml [tool.importlinter]), lint, and types below the UI.
lint: $(TEST_STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check glute_tui tests benchmarks screenshots
	$(BIN)/mypy

# Unit tests only: no processes, no real time, no terminal.
test-fast: $(TEST_STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest -q -n $(WORKERS) --maxschedchunk 1 tests/unit

# Every README picture: the SVGs from the scenes, the PNGs from the browser tests (chromium);
# tests/functional/test_screenshots.py fails when a committed SVG is stale.
screenshots: $(TEST_STAMP)
	$(BIN)/python screenshots/generate.py

snapshots-update: $(TEST_STAMP)
	$(BIN)/python -m pytest -q tests/functional/test_snapshots.py --snapshot-update

bench: $(APP_STAMP)
	$(BIN)/python -m benchmarks

bench-quick: $(APP_STAMP)
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
