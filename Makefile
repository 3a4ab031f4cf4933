# Two entry points: `make run` (install, then the bot; console chat without a token) and `make test`.
# Installing happens only when pyproject.toml or constraints.txt changed (a stamp file in the venv), so a
# second `make run` goes straight to the bot. constraints.txt pins every dependency (`make lock` renews it).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/pip install -qq --disable-pip-version-check -c constraints.txt
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: install dev run test lint bench lock image

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -qq --disable-pip-version-check --upgrade pip

$(RUN_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	@touch $@

$(DEV_STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[dev]'
	@touch $@ $(RUN_STAMP)

install: $(RUN_STAMP)

dev: $(DEV_STAMP)

run: install
	@$(BIN)/planbot run

test: dev
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check knowledge bot handlers jobs tests bench
	$(BIN)/mypy knowledge bot handlers jobs

bench: dev
	$(BIN)/python bench/eval_extraction.py
	$(BIN)/python bench/eval_search.py
	$(BIN)/python bench/eval_policy.py

# Re-pin every dependency (runtime and dev) in a throw-away venv: the versions pip picks today.
lock:
	rm -rf .lock-venv && $(PY) -m venv .lock-venv && .lock-venv/bin/pip install -qq --upgrade pip
	.lock-venv/bin/pip install -qq '.[dev]'
	( echo "# Every dependency of PlanBot (runtime and dev), pinned: \`make lock\` renews it."; \
	  echo "# Used by the Makefile and the Dockerfile as pip constraints (-c)."; \
	  .lock-venv/bin/pip freeze --exclude planbot --exclude pip ) > constraints.txt
	rm -rf .lock-venv

# The container image, built without a daemon (buildah or podman): see ops/build-image.sh.
image:
	ops/build-image.sh
