# The two commands a fresh machine needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# Every version installed comes from this lock (all extras, every platform: uv's universal
# resolution), passed to pip as constraints: each target installs only what it needs, at
# the locked version, so two fresh machines get the same packages. `make upgrade` renews it.
LOCK := requirements.lock
PIP_INSTALL := $(BIN)/python -m pip install --quiet -c $(LOCK)
LOCK_COMPILE := $(BIN)/uv pip compile --quiet --universal --python-version 3.11 --all-extras \
	pyproject.toml requirements-tools.in -o $(LOCK)

.PHONY: run test lint format bench screenshots translations geo dist clean postgres-binaries \
	run-system-packages test-system-packages lock upgrade

# The server tests also run on a real PostgreSQL, which they start themselves from Debian's
# `postgresql` binaries (initdb, pg_ctl): install the package when they are missing.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade -c $(LOCK) pip

$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e '.[test]'
	touch $(STAMP) $@

# Debian packages the venv cannot carry (packaging/system_packages.py finds the missing
# ones): installed when root, else named, and make stops.
define debian_packages
	@missing="$$($(BIN)/python packaging/system_packages.py $(1))" || exit 1; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing the Debian packages $$missing"; \
			apt-get update -qq && env DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "FieldKit needs these system packages: $$missing"; \
			echo "Install them (Debian, Ubuntu): sudo apt-get install $$missing"; \
			exit 1; \
		fi; \
	fi
endef

# What Qt's xcb platform plugin links to (libxcb-icccm4, libxcb-keysyms1, ...).
run-system-packages: $(STAMP)
	$(call debian_packages)

# The same, plus Xvfb, openbox and xdotool, which the GUI tests run the app under.
test-system-packages: $(TEST_STAMP)
	$(call debian_packages,--test)

run: $(STAMP) run-system-packages
	$(BIN)/python main.py

postgres-binaries:
	@if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then \
		echo "PostgreSQL binaries missing: installing the Debian package postgresql"; \
		$(SUDO) apt-get update && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; \
	fi

test: $(TEST_STAMP) postgres-binaries test-system-packages
	$(BIN)/ruff check .
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

# After editing dependencies in pyproject.toml: the lock again, keeping every pin it can.
lock: $(TEST_STAMP)
	$(PIP_INSTALL) uv
	$(LOCK_COMPILE)

# A deliberate, tested step: every package to its newest allowed version, then the suite.
upgrade: $(TEST_STAMP)
	$(PIP_INSTALL) uv
	$(LOCK_COMPILE) --upgrade
	$(MAKE) test

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(TEST_STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(TEST_STAMP) postgres-binaries
	$(PIP_INSTALL) -e '.[test,bench]'
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
	$(PIP_INSTALL) -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
		--workpath build/pyinstaller packaging/fieldkit.spec
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/check_dist.py dist

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache
