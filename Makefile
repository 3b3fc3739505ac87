# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# `make demo` installs farside with its runtime dependencies only (what `farside run` needs);
# `make test`, `make docs` and `make bench` add the extras of pyproject.toml they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of extras: `.installed` (none), `.installed-test`, `.installed-docs`, `.installed-bench`.
$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-%: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[$*]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/farside run scenarios/change6.yaml -o out/change6

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

docs: $(VENV)/.installed-docs
	$(BIN)/python -m mkdocs build --strict

bench: $(VENV)/.installed-bench
	$(BIN)/python bench/ephemeris.py
	$(BIN)/python bench/kernels.py
	$(BIN)/python bench/propagation.py
	$(BIN)/python bench/campaign.py
	$(BIN)/python bench/guidance.py
	$(BIN)/python bench/launch.py
	$(BIN)/python bench/entry.py
	$(BIN)/python bench/report.py

clean:
	rm -rf $(VENV) build site src/*.egg-info
