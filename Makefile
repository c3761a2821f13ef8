# Two entry points from a fresh clone: `make demo` (a running, queryable graph) and `make test`;
# `make lint` and `make test-fast` for everyday work (CONTRIBUTING.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test test-fast lint format setup

setup: $(VENV)/.installed

# Reinstall when the dependencies change; the stamp keeps repeated `make test` fast.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test,lint]'
	@touch $@

demo: setup
	bash scripts/demo.sh

# All tests, against a real Neo4j (see README: which server they use).
test: setup
	$(PY) -m pytest -q -ra

# The tests that need no Neo4j (seconds, not minutes).
test-fast: setup
	$(PY) -m pytest -q -ra -m "not live"

# What CI checks before the tests: lint, format, types, the import layers.
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
