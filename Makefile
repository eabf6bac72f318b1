# newsdesk: `make demo` runs the main job on the bundled samples, `make test` runs the tests.
# Both create .venv and install the locked dependencies first (make install).
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.bench-installed
DB     ?= newsdesk.db

.PHONY: install demo serve test system-deps check lint typecheck bench bench-install clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml setup.py src/newsdesk/extract/_trees.c
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(BIN)/newsdesk demo --db $(DB)

system-deps:
	scripts/debian-packages

serve: install
	$(BIN)/newsdesk serve --db $(DB)

test: install system-deps
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: install
	$(BIN)/mypy

check: lint typecheck test

bench-install: $(BENCH_STAMP)

$(BENCH_STAMP): requirements-bench.lock $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-bench.lock
	touch $(BENCH_STAMP)

bench: bench-install
	$(BIN)/python benchmarks/extraction.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info src/newsdesk/extract/_trees.*.so
