# Readout: every target builds .venv from pyproject.toml first, so python3 and make are all you need.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck unit eval bench validate clean

help: ## Show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP) ## Serve Slack if any of SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET is set; else a local console
	$(BIN)/readout run

test: lint typecheck unit eval ## Lint, format check, type check, tests and the answer-quality evals

lint: $(STAMP) ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP) ## mypy: --strict on bot/, without --strict on tests/
	$(BIN)/mypy

unit: $(STAMP) ## pytest
	$(BIN)/pytest -q

eval: $(STAMP) ## Answer-quality evals: answered / offered / wrong / refused, each with its floor, on every set
	$(BIN)/readout eval tests/eval/questions.yaml --min-answered 0.97 --min-offered 0.98 --max-wrong 0.01 --min-refused 0.98
	$(BIN)/readout eval tests/eval/heldout.yaml --min-answered 0.68 --min-offered 0.90 --max-wrong 0.02 --min-refused 0.98
	$(BIN)/readout eval tests/eval/blind-a.yaml --min-answered 0.53 --min-offered 0.86 --max-wrong 0.06 --min-refused 0.98
	$(BIN)/readout eval tests/eval/blind-b.yaml --min-answered 0.60 --min-offered 0.84 --max-wrong 0.05 --min-refused 0.96
	$(BIN)/readout eval tests/eval/blind-c.yaml --min-answered 0.57 --min-offered 0.88 --max-wrong 0.05 --min-refused 0.96

validate: $(STAMP) ## Validate the knowledge base under knowledge/
	$(BIN)/readout validate knowledge

bench: $(STAMP) ## Benchmarks (load, matching, HTTP, reload, soak); writes bench/RESULTS.md
	$(BIN)/python -m bench

clean: ## Remove the virtualenv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
