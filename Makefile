# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run check test lint types bench fuzz audit clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,embed]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storyline brief examples/harbour-bridge

# The loop to run after every change: lint, types and the fast tests (no servers, no
# subprocesses, no whole corpora), in under two minutes.
check: lint types
	$(BIN)/python -m pytest -m "not slow" -q

# Everything, as CI runs it.
test: lint types
	./scripts/ensure-postgres
	./scripts/ensure-chromium
	$(BIN)/python -m pytest --durations=10

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

types: $(STAMP)
	$(BIN)/mypy

fuzz: $(STAMP)
	$(BIN)/python scripts/fuzz.py --cases 10000

# Needs the network (a vulnerability service); nothing else here does.
audit: $(STAMP)
	$(PYTHON) -m venv .audit
	.audit/bin/python -m pip install --quiet pip-audit==2.10.1
	.audit/bin/pip-audit --strict --skip-editable --progress-spinner off \
		--path "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"

bench: $(STAMP)
	$(BIN)/python benchmarks/summary_quality.py
	$(BIN)/python benchmarks/summary_quality.py --plus-val
	$(BIN)/python benchmarks/attribution_quality.py

clean:
	rm -rf $(VENV) .audit build src/*.egg-info .pytest_cache .ruff_cache test-output
