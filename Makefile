# Two commands for a newcomer: `make demo` and `make test`. Each creates its own virtualenv (.venv)
# and installs what it needs, so a fresh clone needs nothing but python3 (>= 3.10) and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup demo test lint layers bench browser clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]' --config-settings editable_mode=lenient
	touch $(STAMP)

## Crawl the bundled sample site, extract, export to output/ and print a summary.
demo: setup
	$(BIN)/baodantoc run --sample

## The browser test needs Chromium: install Debian's package when we may (root). apt may be locked by
## another process (unattended upgrades, a colleague's install): wait for its lock up to
## APT_LOCK_TIMEOUT seconds. When Chromium still cannot be installed, only the browser test is skipped
## (it says why), except under CI (CI=true), where a missing browser fails the run.
APT_LOCK_TIMEOUT ?= 300
APT := DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$(APT_LOCK_TIMEOUT) -o Acquire::Retries=2
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium for the browser test (waiting up to $(APT_LOCK_TIMEOUT) s for apt's lock)"; \
	    $(APT) update -qq >/dev/null 2>&1 || true; \
	    if $(APT) install -y -qq chromium >/tmp/baodantoc-apt.log 2>&1; then echo "chromium installed"; \
	    elif [ "$$CI" = "true" ]; then echo "CI=true and chromium could not be installed:"; tail -5 /tmp/baodantoc-apt.log; exit 1; \
	    else echo "chromium could not be installed ($$(tail -1 /tmp/baodantoc-apt.log)): the browser test will be skipped"; fi; \
	  elif [ "$$CI" = "true" ]; then echo "CI=true but chromium is missing and cannot be installed (not root)"; exit 1; \
	  else echo "chromium not found and cannot install it (not root): the browser test will be skipped"; fi; }

## Lint, the layer contracts, then the whole test suite (unit, fixtures, crawl over HTTP, quality
## gate, browser, notebooks).
test: setup browser lint layers
	$(BIN)/python -m pytest

lint: setup
	$(BIN)/ruff check .

## Imports follow the layers of docs/DESIGN.md (contracts in pyproject.toml, checked by import-linter).
## Checked on the installed layout (crawler/ and extract/ install as baodantoc.crawler and
## baodantoc.extract), built here into a scratch folder: that also proves the wheel's layout.
LAYERS := $(VENV)/layers
layers: setup
	rm -rf $(LAYERS)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation --no-compile --target $(LAYERS) .
	cd $(LAYERS) && PYTHONPATH=. $(abspath $(BIN))/lint-imports $(abspath pyproject.toml)

## Benchmarks print ratios against a baseline measured in the same run (README.md, "Benchmarks").
bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) output/* .pytest_cache .ruff_cache
