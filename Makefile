# territoire_lab — the two commands of the README, and a few more.
#   make demo   install into .venv, run the sample study, print where the result is
#   make test   install into .venv, ruff, the whole test suite and every notebook
#   make lab    JupyterLab on notebooks/
#   make bench  pandas vs the Parquet store in chunks vs Dask, 100k and 1M generated posts
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint tests notebooks lab sample clean browser bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[all]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 > /dev/null
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/territoire-lab study data/sample/study.yaml

lint: $(STAMP)
	$(BIN)/ruff check conftest.py territoire_lab tests data/sample notebooks benchmarks tools
	$(BIN)/ruff format --check conftest.py territoire_lab tests data/sample notebooks benchmarks

browser:
	bash tools/ensure_chromium.sh

tests: $(STAMP) browser
	$(BIN)/python -m pytest -n 2 --doctest-modules territoire_lab tests

notebooks: $(STAMP)
	$(BIN)/python -m pytest -n 2 --nbmake --nbmake-timeout=600 notebooks

test: lint tests notebooks

bench: $(STAMP)  # the scale benchmark (about 10 min on 2 cores); others: benchmarks/bench_*.py
	$(BIN)/python benchmarks/bench_scale.py --sizes 100000 1000000 --modes pandas store dask

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

sample: $(STAMP)
	$(BIN)/python data/sample/generate.py

clean:
	rm -rf $(VENV) results outputs .pytest_cache
