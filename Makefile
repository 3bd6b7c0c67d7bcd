# The two commands a fresh machine needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint format bench screenshots translations geo dist clean postgres-binaries

# The server tests also run on a real PostgreSQL, which they start themselves from Debian's
# `postgresql` binaries (initdb, pg_ctl): install the package when they are missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP) $@

run: $(STAMP)
	$(BIN)/python main.py

postgres-binaries:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then \
		echo "PostgreSQL binaries missing: installing the Debian package postgresql"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; \
	fi

test: $(TEST_STAMP) postgres-binaries
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(TEST_STAMP) postgres-binaries
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m bench

screenshots: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.map_screenshots docs/screenshots

# lupdate over ui/ → fill French from ui/i18n_fr.py (English = source) → lrelease (.qm)
translations: $(STAMP)
	$(BIN)/python -m ui.i18n_tools

# resources/data/geo.sqlite from the official files in ../shared/data/geo (see SOURCES.md)
geo: $(STAMP)
	$(BIN)/python -m fieldkit.geo_build --source ../shared/data/geo --out resources/data/geo.sqlite

# The PyInstaller one-folder bundle for this platform (dist/FieldKit: the app FieldKit and
# the command line fieldkit-cli), then its self-test, offscreen (docs/packaging.md).
dist: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/fieldkit.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/check_dist.py dist

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
