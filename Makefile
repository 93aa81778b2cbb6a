# Two commands on a fresh machine: `make book` and `make test`. Both create the virtual
# environment first if it is missing or out of date.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD  := _build/html
# Builds never read anyone's saved choices (~/.syrialev): they get a throwaway state file.
SCRATCH_STATE := $(CURDIR)/_build/.no-saved-choices/state.json
# Fast tests: no book build, no browser, no notebook execution, no JupyterLab.
FAST   := not book and not browser and not slow and not lab
# Code the linter checks (new files under these paths are covered automatically).
LINTED := src tests _ext benchmarks chapters setup.py

.PHONY: book test check lint lab bench student short lms assignments pdf site sync clean clean-cache fresh-cache help

help:
	@echo "make book     build the HTML book into $(BUILD) (sets up $(VENV) first)"
	@echo "make test     run the whole test suite (unit, data, notebooks, strict build, HTML, browser, JupyterLab)"
	@echo "make check    lint, then the fast tests (no build, no browser): the contributor's loop, about a minute"
	@echo "make lint     ruff over the package, tests, benchmarks and notebooks"
	@echo "make lab      open the chapter notebooks in JupyterLab"
	@echo "make bench    time every explorer's update against a naive redraw; size the in-page explorers"
	@echo "make student  build the student edition (exercises, no solutions) and its notebook download"
	@echo "make short    build the 45-minute edition (short reading, map, pictures, mini role-play)"
	@echo "make lms      the concept quiz for an LMS (QTI for Canvas, GIFT for Moodle) and the rubrics as CSV: _build/lms"
	@echo "make assignments  the exercises and labs as otter-grader assignments (student notebooks, autograder zips): _build/assignments"
	@echo "make pdf      print the student reader and the role-play pack with Chromium: _build/pdf (builds the book and student edition first)"
	@echo "make site     the full, student and 45-minute editions in one folder with a landing page: _build/site"
	@echo "make sync     update each notebook and its MyST text twin (chapters/text/*.md) from whichever changed"
	@echo "make clean    remove the built book (keeps the execution cache)"
	@echo "make clean-cache  also forget executed notebooks (done by itself when src/ or data/ change)"

$(STAMP): requirements.txt constraints.txt pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (syrialev)" >/dev/null
	touch $(STAMP)

# Every wheel the notebook download's own install needs (its README's pip command), fetched with the
# environment: the test that installs the download in a fresh folder then runs with the index off.
WHEELHOUSE := $(VENV)/wheelhouse
$(WHEELHOUSE)/.complete: $(STAMP)
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m syrialev.tools.edition wheelhouse --out $(WHEELHOUSE)
	touch $@

# jupyter-cache hashes code cells only: when the package or the data change, executed notebooks are
# stale. The cache is dropped whenever a hash of src/ and data/ differs from the one it was filled with.
CACHE     := _build/.jupyter_cache
CACHE_KEY := _build/.jupyter_cache.key

fresh-cache:
	@mkdir -p _build
	@key=$$(find src data -type f ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -c1-32); \
	if [ "$$(cat $(CACHE_KEY) 2>/dev/null)" != "$$key" ]; then \
	  [ -d $(CACHE) ] && echo "src/ or data/ changed since the last build: executing the notebooks again"; \
	  rm -rf $(CACHE); echo "$$key" > $(CACHE_KEY); fi

book: $(STAMP) fresh-cache
	rm -rf $(dir $(SCRATCH_STATE))
	SYRIALEV_STATE=$(SCRATCH_STATE) $(BIN)/jupyter-book build . -W -n --keep-going
	@echo "The book is at $(CURDIR)/$(BUILD)/index.html"

# Two workers. The tests of the full book, of the student edition, of the short edition and of
# JupyterLab each run as one xdist group, handed out in the order tests/conftest.py gives them
# (HANDED_OUT); each build happens once and is shared; the tests that need no build fill the gaps.
test: $(STAMP) $(WHEELHOUSE)/.complete
	$(BIN)/python -m pytest -n 2 --dist loadgroup --no-loadscope-reorder --durations=15

lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)

check: lint
	MPLBACKEND=Agg $(BIN)/python -m pytest -q -n 2 -m "$(FAST)"

# JupyterLab refuses to run as root unless told; a root user (containers, CI) gets --allow-root.
LAB_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

lab: $(STAMP)
	$(BIN)/jupyter lab $(LAB_ROOT) chapters/

student: $(STAMP) fresh-cache
	rm -rf $(dir $(SCRATCH_STATE))
	SYRIALEV_STATE=$(SCRATCH_STATE) $(BIN)/python -m syrialev.tools.edition student --out _build/student --cache _build/.jupyter_cache

short: $(STAMP) fresh-cache
	$(BIN)/python -m syrialev.tools.edition short --out _build/short --cache _build/.jupyter_cache

lms: $(STAMP)
	$(BIN)/python -m syrialev.tools.lmsquiz --out _build/lms
	$(BIN)/python -m syrialev.tools.rubrics --out _build/lms

assignments: $(STAMP)
	$(BIN)/python -m syrialev.tools.assignments --out _build/assignments

# The reader is printed from the student edition, the role-play pack from the full book.
pdf: book student
	$(BIN)/python -m syrialev.tools.printed --student _build/student/_build/html --full $(BUILD) --out _build/pdf

site: book student short
	$(BIN)/python -m syrialev.tools.site --full $(BUILD) --student _build/student/_build/html --short _build/short/_build/html --out _build/site

bench: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_explorers.py
	MPLBACKEND=Agg $(BIN)/python benchmarks/bench_offline.py

# Notebooks and their MyST text twins (jupytext.toml): the side edited last wins.
NOTEBOOKS := $(wildcard chapters/*.ipynb instructors/*.ipynb short/*.ipynb)

sync: $(STAMP)
	$(BIN)/jupytext --sync $(NOTEBOOKS)

clean:
	rm -rf $(BUILD) _build/jupyter_execute _build/.doctrees

clean-cache: clean
	rm -rf $(CACHE) $(CACHE_KEY)
