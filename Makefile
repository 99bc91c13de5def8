# The two commands of the README:
#   make build   install medkg (in .venv) and build the graph and its views into build/
#   make test    install medkg with its test dependencies and run the test suite
# Other targets: make validate, make bench, make bench-ingest, make clean.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: build test validate bench bench-ingest clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

build: $(VENV)/.installed
	$(BIN)/medkg build

validate: $(VENV)/.installed
	$(BIN)/medkg validate

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# medkg (Oxigraph) against plain rdflib on a generated graph of 10^5 claims; not part of
# the tests. Writes benchmarks/results/latest.json. SCALE=1000000 ARGS=--medkg-only for 10^6.
SCALE ?= 100000
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench.py --scale $(SCALE) $(ARGS)

# medkg ingest timed on a 5,000-word and a 1 MB article of real text; benchmarks/results/ingest.json
bench-ingest: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_ingest.py

clean:
	rm -rf build
