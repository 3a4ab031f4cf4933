# Two entry points: `make run` (install, then the bot; console chat without a token) and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: install dev run test lint bench

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

run: install
	$(BIN)/planbot run

test: dev
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check knowledge bot handlers jobs tests bench

bench: dev
	$(BIN)/python bench/eval_extraction.py
	$(BIN)/python bench/eval_search.py
	$(BIN)/python bench/eval_policy.py
