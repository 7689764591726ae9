# Undersigned: `make run` serves the demo, `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PORT ?= 8000
# A Python >= 3.12: $(PYTHON) if given, else the first suitable one on PATH or under pyenv.
PYTHON ?= $(shell for p in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python 2>/dev/null | sort -rV); do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; done)
BIN := $(VENV)/bin
# The suite runs on every core (pytest-xdist); PYTEST_WORKERS= runs it in one process.
PYTEST_WORKERS ?= -n auto
RUN_ENV := DEBUG=$${DEBUG:-true} BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)}

.PHONY: run test lint typecheck venv clean bench messages

$(BIN)/.installed: pyproject.toml verifier/pyproject.toml
	@test -n "$(PYTHON)" || { echo "No Python >= 3.12 found: install one or run 'make PYTHON=/path/to/python3.12 ...'"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ./verifier -e '.[dev]'
	@touch $@

# The compiled catalogues (.mo, not committed), rebuilt when a .po changes. Needs GNU gettext's
# msgfmt: installed from Debian when missing and we may (CI runs as root).
PO_FILES := $(wildcard src/undersigned/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

venv: $(BIN)/.installed $(MO_FILES)

messages: $(MO_FILES)

%.mo: %.po $(BIN)/.installed
	@command -v msgfmt >/dev/null || { test "$$(id -u)" = 0 && \
		{ DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext >/dev/null || \
		{ apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q gettext >/dev/null; }; }; } || \
		{ echo "GNU gettext (msgfmt) is needed: apt-get install gettext"; exit 1; }
	msgfmt --check -o $@ $<

run: venv
	@mkdir -p var
	$(RUN_ENV) $(BIN)/undersigned migrate --no-input
	$(RUN_ENV) $(BIN)/undersigned demo
	$(RUN_ENV) $(BIN)/undersigned serve --port $(PORT)

test: venv
	@mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check src tests bench verifier
	$(BIN)/ruff format --check src tests bench verifier
	$(BIN)/lint-imports
	bin/check-translations

typecheck: venv
	$(BIN)/mypy src/undersigned verifier/src/undersigned_verify verifier/tests

# Load test (never part of `make test`): see bench/run.py for BENCH_* variables.
bench: venv
	@command -v wrk >/dev/null && command -v pgbench >/dev/null && command -v redis-cli >/dev/null \
		&& command -v nginx >/dev/null \
		|| { apt-get update -qq && apt-get install -y -qq wrk postgresql-contrib redis-tools nginx-light; }
	$(BIN)/python -m pip install --quiet -r bench/requirements.txt
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var test-artifacts
