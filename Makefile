# The two commands a fresh clone needs: `make status` and `make test`.
# Each creates .venv (if missing) and installs into it first: `make status` only what running
# needs, `make test` (and lint, bench) the developer tools too.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-dev

.PHONY: status test test-fast test-print lint validate bench fuzz clean catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

status: $(RUN_STAMP)
	$(BIN)/daye-plan status

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The quick subset for the edit-test loop: everything but the tests marked slow (subprocesses,
# many examples) and the print tests, on both cores.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m 'not slow and not print'

# The reports printed to PDF through Chromium, checked page by page (skipped without chromium and
# pdftotext); `make test` runs them too.
test-print: $(STAMP)
	$(BIN)/python -m pytest -q -m print

lint: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/ruff format --check src tests tools
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/vulture
	$(BIN)/python tools/sizes.py

# The message catalogs: extract every _()/ngettext()/N_() message of src/, merge them into each
# language's .po (new ones empty, changed ones fuzzy), compile the .mo the package ships. Then
# translate what it lists and run it again; `tools/catalogs.py --check` changes nothing.
catalogs: $(STAMP)
	$(BIN)/python tools/catalogs.py

validate: $(RUN_STAMP)
	$(BIN)/daye-plan validate

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache

bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

# The Q1 report of the test scenario (bundled plans + tests/fixtures/report actuals), in build/report-demo/reports/.
.PHONY: report
report: $(RUN_STAMP)
	rm -rf build/report-demo && mkdir -p build/report-demo/plans
	cp -r plans/2023 build/report-demo/plans/ && rm -rf build/report-demo/plans/2023/actuals
	cp -r tests/fixtures/report/actuals build/report-demo/plans/2023/actuals
	for f in md html docx; do $(BIN)/daye-plan --root build/report-demo report --period q1 --as-of 2023-03-31 --format $$f; done

fuzz: $(STAMP)
	DAYE_FUZZ_EXAMPLES=2000 $(BIN)/python -m pytest -q tests/test_reliability.py tests/test_fuzz_shapes.py tests/test_fuzz_hostile.py -k "never_crash or fuzz_shapes or fuzz_hostile"

# Minutes of SIGKILLed and concurrent record/import processes on a scratch root, then a count of
# every record (TORTURE_SECONDS, default 600). Not part of `make test` nor of CI.
.PHONY: torture
torture: $(STAMP)
	$(BIN)/python tests/torture.py
