# `make run` and `make test` are the two commands a fresh machine needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test lint format bench bench-ui bench-load bench-hall bench-soak screenshots clean

# Options for Streamlit, e.g. make run ARGS="--server.port 8502 --server.address 127.0.0.1".
ARGS ?=

run: $(VENV)/.run-deps
	$(PY) -m streamlit run app.py $(ARGS)

# Two pytest-xdist workers, one test module each at a time (--dist loadfile: a module's
# server and Chromium are started once, on one worker), in the order tests/conftest.py
# sorts them (--no-loadscope-reorder: not xdist's most-tests-first), long browser modules
# first. Browser tests spend much of their time waiting on a page or a server, which the
# other worker's module uses (tests/README.md).
test: $(VENV)/.dev-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder

lint: $(VENV)/.dev-deps
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(VENV)/.dev-deps
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_engine.py

bench-ui: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_ui.py

bench-load: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_load.py

bench-hall: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_hall.py

# One tab through a lecture: 60 cycles of Steps, Play and page switches (6-9 minutes).
bench-soak: $(VENV)/.dev-deps
	$(PY) benchmarks/bench_soak.py

# The README's screenshots (docs/train.png, docs/presenter.png), from the running app.
screenshots: $(VENV)/.dev-deps
	README_SCREENSHOTS=1 $(PY) -m pytest tests/test_browser_screens.py::test_readme_screenshots -q

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.run-deps: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache screenshots
