# Two entry points: `make run` starts the app, `make test` runs the whole suite (`make test-fast`: all but
# the browser tests, for the inner loop).
# Each creates the local virtualenv (.venv) on first use and installs the project into it (pip install -e .).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
N ?= 3

.PHONY: run test test-fast lint typecheck bench build-boundaries clean serve-replicas stop-replicas

$(BIN)/.runtime: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(BIN)/.dev: requirements-dev.txt $(BIN)/.runtime
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(BIN)/.runtime
	$(BIN)/streamlit run app.py --server.port $(PORT)

# N replicas on loopback behind nginx on PORT (needs Debian's nginx: bash .ci/system-deps); see deploy/.
serve-replicas: $(BIN)/.runtime
	$(BIN)/python -m deploy.replicas start --replicas $(N) --port $(PORT)

stop-replicas:
	$(BIN)/python -m deploy.replicas stop

# mypy runs beside the parallel tests (the browser tests spend most of their time waiting) and its report is
# printed after them; either failing fails the target.
test: $(BIN)/.dev
	bash .ci/system-deps
	$(BIN)/ruff check .
	$(BIN)/mypy > $(VENV)/mypy.out 2>&1 & typing=$$!; \
	$(BIN)/python -m pytest -n 2 -m "not alone"; tests=$$?; \
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
