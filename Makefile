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

.PHONY: setup data repro test sync readme
setup: $(STAMP)

$(STAMP): settings.ini setup.py requirements.lock
	test -x $(BIN)/python || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip==26.3
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

# The embedded dataset is rendered, byte for byte, from the pinned code and seed; data.dvc checks it.
data: setup
	@if [ ! -f $(DATA)/test_list_videos.txt ]; then $(BIN)/bmoe-synth $(SYNTH) --out $(DATA); fi

repro: data
	PATH=$(abspath $(BIN)):$$PATH $(BIN)/dvc repro

# Without a GPU, Triton kernels are tested through Triton's interpreter; it must be on before anything imports triton.
GPU := $(shell command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1 && echo 1)
test: setup
	$(if $(GPU),,TRITON_INTERPRET=1) PATH=$(abspath $(BIN)):$$PATH $(BIN)/nbdev_test --n_workers 2 --timing $(if $(TEST_FLAGS),--flags "$(TEST_FLAGS)")

# notebooks -> package, and clean notebooks (what CI checks)
sync: setup
	$(BIN)/nbdev_export && $(BIN)/nbdev_clean

# README.md is generated from nbs/index.ipynb
readme: setup
	$(BIN)/jupyter nbconvert --log-level WARN --to markdown --output README --output-dir . nbs/index.ipynb
