# Two commands do everything on a fresh machine (Python 3.11, no GPU):
#   make repro   set up .venv, render the embedded dataset if absent, run the DVC pipeline
#   make test    set up .venv, run every notebook's tests
SHELL := /bin/bash
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.bmoe-installed
DATA  := data
SYNTH := --preset demo --seed 0
TEST_FLAGS ?=

.PHONY: setup data repro verify test test-all docs sync readme
setup: $(STAMP)

# Wall times of set-up, rendering and the DVC run go to work/timings/ (not tracked): the README's table of where
# the time goes is generated from them and from the executed stage notebooks. A DVC run that ran no stage keeps the
# previous run's time.
TIMED = t0=$$(date +%s.%N); $(2); rc=$$?; mkdir -p work/timings; \
	echo "{\"seconds\": $$(python3 -c "import time; print(round(time.time() - $$t0, 1))")}" > work/timings/$(1).json; exit $$rc
# pip byte-compiles every installed module one at a time (about half of the set-up's time), so it is told not to.
# Python then compiles each module the first time a stage imports it and keeps the bytecode beside it in .venv, as
# it does on any machine, except where PYTHONDONTWRITEBYTECODE is set (as on ours): there nothing would ever be
# cached and every stage would compile torch's modules again at import (about 6 s a process). make's commands run
# without it. Compiling the whole .venv ahead (compileall) took 32 s on 2 cores; what the stages import compiles
# in about 3 s, once.
unexport PYTHONDONTWRITEBYTECODE
PIP := $(BIN)/python -m pip install -qq --disable-pip-version-check --no-compile

# A fresh install takes 3.1 GB and needs 3.6 GB at its peak (measured): with less free space pip stops half-way with
# "No space left on device", so set-up refuses to start and says why. MIN_FREE_GB=0 skips the check.
MIN_FREE_GB ?= 4
$(STAMP): settings.ini setup.py requirements.lock
	@test -x $(BIN)/python || [ "$$(df -Pk . | awk 'NR == 2 {print int($$4 / 1048576)}')" -ge $(MIN_FREE_GB) ] || { echo "setup: \
	only $$(df -Pk . | awk 'NR == 2 {printf "%.1f", $$4 / 1048576}') GB free on the disk of $(CURDIR); the virtual environment needs \
	about $(MIN_FREE_GB) GB while it installs: free some space and run make again" >&2; exit 1; }
	@echo "setup: a virtual environment in $(VENV) with the pinned packages (a minute or two the first time)"
	@$(call TIMED,setup,test -x $(BIN)/python || python3 -m venv $(VENV) && $(PIP) --upgrade pip==26.3 && $(PIP) -c requirements.lock -e ".[all]")
	@touch $@

# The embedded dataset is rendered, byte for byte, from the pinned code and seed; data.dvc checks it.
data: setup
	@if [ ! -f $(DATA)/test_list_videos.txt ]; then echo "data: rendering the embedded synthetic dataset into $(DATA)/"; \
	  $(call TIMED,data,$(BIN)/bmoe-synth $(SYNTH) --out $(DATA)); fi

# dvc.lock is committed as the reference run's record (the hashes of every output on the machine that made it). On
# another machine the trained outputs, and so their hashes, differ (floating point); git is told to leave this clone's
# copy alone, so that `git status` stays clean. `make verify` is the comparison that matters (README, Reproducibility).
# bmoe.repro is `dvc repro` with independent stages side by side (nbs/00b_repro.ipynb): JOBS of them at once (default:
# the cores divided by params.yaml's train.threads; JOBS=1 runs one stage at a time, as plain `dvc repro` does).
JOBS ?=
repro: data
	@git rev-parse --git-dir >/dev/null 2>&1 && git ls-files --error-unmatch dvc.lock >/dev/null 2>&1 && git update-index --skip-worktree dvc.lock || true
	@echo "repro: the DVC pipeline (dvc.yaml), independent stages side by side, one line per stage with its time; executed notebooks go to work/notebooks/"
	@mkdir -p work/timings; t0=$$(date +%s.%N); PATH=$(abspath $(BIN)):$$PATH $(BIN)/python -m bmoe.repro $(if $(JOBS),-j $(JOBS)); rc=$$?; \
	  if [ -n "$$(find work/notebooks -name '*.ipynb' -newermt @$$t0 2>/dev/null)" ]; then \
	  echo "{\"seconds\": $$(python3 -c "import time; print(round(time.time() - $$t0, 1))")}" > work/timings/dvc_repro.json; fi; exit $$rc
	@echo; cat reports/tables/main.md; echo
	@echo "outputs: tables in reports/tables/, figures in reports/figures/, metrics in reports/metrics/, runs in work/runs/,"
	@echo "executed stage notebooks in work/notebooks/. Compare with the reference run: make verify"

# this run against the reference run committed in benchmarks/results/reference (nbs/12_verify.ipynb)
verify: setup
	@$(BIN)/python -m bmoe.verify --reference benchmarks/results/reference --reports reports

# Without a GPU, Triton kernels are tested through Triton's interpreter; it must be on before anything imports triton.
GPU := $(shell command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1 && echo 1)
test: setup
	$(if $(GPU),,TRITON_INTERPRET=1) PATH=$(abspath $(BIN)):$$PATH $(BIN)/nbdev_test --n_workers 2 --timing $(if $(TEST_FLAGS),--flags "$(TEST_FLAGS)")

# every test, the long ones (#| slow) included
test-all: TEST_FLAGS = slow
test-all: test

# The documentation site, offline: each notebook rendered to HTML with the outputs it was saved with, and an
# index page. (nbdev_docs needs the quarto binary; the registry's quarto-cli is a source package that downloads
# it from GitHub at install time, which cannot work here, so the site is built with nbconvert.)
docs: setup
	rm -rf _docs && mkdir -p _docs
	$(BIN)/jupyter nbconvert --log-level WARN --to html --output-dir _docs nbs/*.ipynb nbs/stages/*.ipynb
	$(BIN)/python -c "$$DOCS_INDEX"
	@echo "docs: $$(ls _docs/*.html | wc -l) pages in _docs/ (open _docs/pages.html)"

define DOCS_INDEX
import json, pathlib, html
rows = []
for nb in sorted(pathlib.Path('nbs').glob('*.ipynb')) + sorted(pathlib.Path('nbs/stages').glob('*.ipynb')):
    cells = json.loads(nb.read_text())['cells']
    title = next((c['source'][0].lstrip('# ').strip() for c in cells if c['cell_type'] == 'markdown' and c['source']), nb.stem)
    figs = sum('image/png' in o.get('data', {}) for c in cells for o in c.get('outputs', []))
    rows.append(f'<tr><td><a href="{nb.stem}.html">{html.escape(title)}</a></td><td>{nb}</td><td>{figs}</td></tr>')
pathlib.Path('_docs/pages.html').write_text('<html><head><meta charset="utf-8"><title>bmoe</title></head><body><h1>bmoe</h1>'
    '<table><tr><th>page</th><th>notebook</th><th>figures</th></tr>' + ''.join(rows) + '</table></body></html>')
endef
export DOCS_INDEX

# notebooks -> package, and clean notebooks (what CI checks)
sync: setup
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

# README.md is generated from nbs/index.ipynb; its figures are the last run's (reports/figures), copied, not drawn
FIGS := gain_vs_frequency accuracy_vs_amplitude router_weights diagnostics confusion_bmoe training_curves
readme: setup
	for f in $(FIGS); do cp reports/figures/$$f.png nbs/images/; done
	$(BIN)/jupyter nbconvert --log-level WARN --execute --no-input --to markdown --output README --output-dir . nbs/index.ipynb
