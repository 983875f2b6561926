# Docket. `make run` and `make test` are the two set-up commands (README).
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HTMX   := src/docket/core/static/vendor/htmx.min.js
NATIVE := src/docket/names/native.sources
NATIVE_SRC := src/docket/names/align.py src/docket/names/match.py src/docket/names/keys.py
SHARED ?= $(shell for d in "$$DOCKET_SHARED_DIR" ../shared /work/shared; do [ -n "$$d" ] && [ -d "$$d/corpus" ] && { echo $$d; break; }; done)

.PHONY: install run test lint check eval eval-styles eval-names bench train clean docs

install: $(STAMP) $(NATIVE) $(HTMX)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $(STAMP)

# The name matcher's hot modules compiled by mypyc, rebuilt when they change; without a C
# compiler they stay pure Python (scripts/build_native.py).
$(NATIVE): $(STAMP) $(NATIVE_SRC) scripts/build_native.py
	$(BIN)/python scripts/build_native.py

# Third-party front-end code: pinned in package-lock.json, installed from npm,
# copied into the static folder (git-ignored), never committed.
$(HTMX): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	mkdir -p $(dir $(HTMX))
	cp node_modules/htmx.org/dist/htmx.min.js $(HTMX)

run: install
	$(BIN)/docket demo
	$(BIN)/docket serve

test: install
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy src/docket/extract src/docket/names
	DOCKET_SECRET_KEY=lint-only DOCKET_DATA_DIR=$$(mktemp -d) $(BIN)/docket manage makemigrations --check --dry-run

check: lint test

eval: install
	$(BIN)/docket extract --input $(SHARED)/corpus/cecc-dev.jsonl --output $(VENV)/eval-predictions.jsonl --workers 2
	$(BIN)/python $(SHARED)/tools/score_extraction.py $(SHARED)/corpus/cecc-dev.jsonl $(VENV)/eval-predictions.jsonl

# Synthetic reports in the held-out styles (tests/extract/data/README.md): accuracy, then
# how many facts are wrong or unsupported by the text.
STYLES := tests/extract/data/styles.jsonl
eval-styles: install
	$(BIN)/docket extract --input $(STYLES) --output $(VENV)/styles-predictions.jsonl
	$(BIN)/python $(SHARED)/tools/score_extraction.py $(STYLES) $(VENV)/styles-predictions.jsonl
	$(BIN)/python scripts/wrong_facts.py $(STYLES) $(VENV)/styles-predictions.jsonl --complete

eval-names: install
	$(BIN)/python -m docket.names.evaluate $(SHARED)/corpus/names-dev.jsonl

bench: install
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/names.py
	$(BIN)/python bench/cases.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/cecc_import.py

docs: install
	$(BIN)/docket settings --markdown > docs/settings.md

clean:
	rm -rf $(VENV) node_modules $(HTMX) .pytest_cache .ruff_cache .mypy_cache
	rm -f src/docket/names/*.so $(NATIVE)
