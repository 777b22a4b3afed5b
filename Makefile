# One command to run, one to test: each creates the virtual environment when it is missing.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed


.PHONY: run test lint test-fast screenshots snapshots-update bench bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/glute-tui

test: lint
	$(BIN)/python -m pytest -q

# The contracts of the layers (pyproject.toml [tool.importlinter]), lint, and types below the UI.
lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check glute_tui tests benchmarks screenshots
	$(BIN)/mypy

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

screenshots: $(STAMP)
	$(BIN)/python screenshots/generate.py

snapshots-update: $(STAMP)
	$(BIN)/python -m pytest -q tests/test_snapshots.py --snapshot-update

bench: $(STAMP)
	$(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks --quick

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
