# The README's commands. Everything installs into .venv from pinned versions (requirements.lock).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run demo test lint bench clean messages

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock --config-settings editable_mode=compat -e '.[dev]'
	touch $(STAMP)

run: install
	$(BIN)/newsbrief run

demo: install
	$(BIN)/newsbrief console

test: install
	$(BIN)/lint-imports --no-cache
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The bot's own messages: extract the marked strings, then merge them into each language's
# catalog (new ones come untranslated, changed ones fuzzy; tests/test_i18n.py fails until translated).
messages: install
	$(BIN)/pybabel extract -F pyproject.toml --project newsbrief --no-wrap --sort-by-file \
	  -o bot/locales/newsbrief.pot bot handlers
	$(BIN)/pybabel update -D newsbrief -i bot/locales/newsbrief.pot -d bot/locales --no-wrap --ignore-obsolete

lint: install
	$(BIN)/ruff check bot domain handlers storage tests bench

bench: install
	$(BIN)/python bench/ingest_bench.py ../shared/data/bbc-news-summary-dev
	$(BIN)/python bench/query_bench.py ../shared/data/bbc-news-summary-dev
	$(BIN)/python bench/summaries_bench.py ../shared/data
	$(BIN)/python bench/extraction_bench.py ../shared/data/article-html/trafilatura
	$(BIN)/python bench/dedup_bench.py ../shared/data/bbc-news-summary-dev
	$(BIN)/python bench/language_bench.py ../shared/data
	stores=$$(mktemp -d) && $(BIN)/python bench/who_status_eval.py ../shared/data --keep $$stores \
	  && $(BIN)/python bench/who_status_eval.py ../shared/data --set dev --keep $$stores; rm -rf $$stores
	$(BIN)/python bench/ru_eval.py ../shared/data
	$(BIN)/python bench/memory_bench.py ../shared/data/bbc-news-summary-dev
	$(BIN)/python bench/fanout_bench.py 100 1000 10000

clean:
	rm -rf $(VENV) newsbrief.db .pytest_cache
