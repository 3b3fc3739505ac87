# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/farside run scenarios/change6.yaml -o out/change6

test: $(STAMP)
	$(BIN)/python -m pytest -q

DOCS_STAMP := $(VENV)/.installed-docs

$(DOCS_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[docs]'
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/python -m mkdocs build --strict

bench: $(STAMP)
	$(BIN)/python bench/ephemeris.py
	$(BIN)/python bench/kernels.py
	$(BIN)/python bench/propagation.py
	$(BIN)/python bench/campaign.py
	$(BIN)/python bench/guidance.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) build site src/*.egg-info
