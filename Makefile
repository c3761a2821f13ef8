# Two entry points, both from a fresh clone: `make demo` (a running, queryable graph) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: demo test setup

setup: $(VENV)/.installed

# Reinstall when the dependencies change; the stamp keeps repeated `make test` fast.
$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	@touch $@

demo: setup
	bash scripts/demo.sh

test: setup
	$(PY) -m pytest -q -ra
