# Two entry points: `make run` starts the app, `make test` runs the whole suite (`make test-fast`: all but
# the browser tests, for the inner loop).
# Each creates the local virtualenv (.venv) on first use and installs the project into it (with uv, pinned).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
N ?= 3

# Let Python cache compiled modules (and pytest its rewritten tests) even where the environment says not to:
# each test worker, server and subprocess would otherwise compile what it imports afresh (16 s of CPU to
# import streamlit and pandas uncompiled, 2 s from the cache).
unexport PYTHONDONTWRITEBYTECODE

.PHONY: run test test-fast lint typecheck bench build-boundaries clean serve-replicas stop-replicas

# uv installs the pinned requirements (the same versions pip resolves) in under a minute on a fresh machine,
# where pip took over 2 minutes; pip only installs uv itself. Unlike pip, uv compiles no bytecode at install:
# each module is compiled on its first import and cached (see `unexport` above), rather than every module
# of every library at install (about 50 s of CPU here).
UV_VERSION := 0.13.8
UV := $(BIN)/uv pip install -q --python $(BIN)/python

$(BIN)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q uv==$(UV_VERSION)
	$(UV) -r requirements.txt
	$(UV) --no-deps -e .
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(UV) -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

# N replicas on loopback behind nginx on PORT (needs Debian's nginx: bash .ci/system-deps); see deploy/.
serve-replicas: $(BIN)/.runtime
	$(BIN)/python -m deploy.replicas start --replicas $(N) --port $(PORT)

stop-replicas:
	$(BIN)/python -m deploy.replicas stop

# mypy runs beside the parallel tests (the browser tests spend most of their time waiting) and its report is
# printed after them; either failing fails the target. Three workers on two cores: with two, a fifth of the
# CPU time was idle while browsers waited (three: 376 s instead of about 409 s for the parallel tests).
test: $(BIN)/.dev
	bash .ci/system-deps
	$(BIN)/ruff check .
	$(BIN)/mypy > $(VENV)/mypy.out 2>&1 & typing=$$!; \
	$(BIN)/python -m pytest -n 3 -m "not alone"; tests=$$?; \
	wait $$typing; types=$$?; echo "mypy:"; cat $(VENV)/mypy.out; \
	[ $$types -eq 0 ] && [ $$tests -eq 0 ]
	$(BIN)/python -m pytest -m alone

# Everything but the browser tests (tests/e2e/) and the replicas test: lint, types, core, pages (AppTest),
# with a tenth of the random examples (tests/fuzz.py). For the inner loop; `make test` before a commit.
test-fast: $(BIN)/.dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	FUZZ_SCALE=0.1 $(BIN)/python -m pytest -n 2 -m "not e2e and not alone"

lint: $(BIN)/.dev
	$(BIN)/ruff check .

typecheck: $(BIN)/.dev
	$(BIN)/mypy

bench: $(BIN)/.dev
	$(BIN)/python -m bench.run

build-boundaries: $(BIN)/.dev
	$(BIN)/python -m geo.build
	$(BIN)/python -m geo.build.static_geometry

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache
