# Two commands a newcomer needs: `make run` and `make test`. Both set up .venv first, once.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)

.PHONY: run test bench

run: $(STAMP)
	$(VENV)/bin/tinylm-tui

test: $(STAMP)
	$(VENV)/bin/pytest -q

bench: $(STAMP)
	$(VENV)/bin/python benchmarks/check_latency.py
	$(VENV)/bin/python benchmarks/startup.py

# torch first and pinned: a range lets pip pick a multi-GB CUDA build on Linux.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet "torch==2.13.0"
	$(VENV)/bin/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@
