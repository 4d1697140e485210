# dangjian: every target sets up what it needs on a fresh machine (python3.11 on PATH).
#   make setup          create .venv, install the project and register its kernel (about 1 min): then .venv/bin/dangjian works
#   make test           create .venv, install the project, register the kernel, install the browser, run the tests (about 7 min)
#   make browser        install headless Chromium and a CJK font (Debian packages) for the browser test
#   make run            ... and execute every parameters/*.yaml into reports/  (RUN_ARGS="--only 00_corpus")
#   make run CORPUS=DIR the same on your corpus folder DIR, as its own run in runs/<folder name>/  (NAME=... to name it)
#   make lab            JupyterLab with the project's kernel (notebooks/*.py twins hidden; works as root too)
#   make notebooks      regenerate notebooks/*.ipynb from their py:percent sources
#   make clean-outputs  delete generated tables, figures and reports, runs/ included (never data/raw/)

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL_NAME := dangjian
KERNEL := $(VENV)/share/jupyter/kernels/$(KERNEL_NAME)/kernel.json
RUN_ARGS ?=
PYTEST_ARGS ?=
# Test workers (pytest-xdist): one per core by default (each test module stays on one worker, the
# modules that start from the shared demo run share one); TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= auto
# make run CORPUS=DIR [NAME=NAME]: dangjian run --corpus DIR [--name NAME]
CORPUS ?=
NAME ?=
CORPUS_ARGS := $(if $(CORPUS),--corpus "$(CORPUS)")$(if $(NAME), --name "$(NAME)")
# JupyterLab refuses to start as root (as in a container) unless told to.
LAB_ROOT_ARGS := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root)
# Debian's Chromium and a simplified-Chinese font: the browser test opens the HTML reports with them.
CHROMIUM ?= /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-noto-cjk

.PHONY: help setup browser run test lab notebooks clean-outputs

help:
	@sed -n 's/^#   /  /p' $(MAKEFILE_LIST)

# The virtual environment: python3.11 if available, else python3 (must be 3.11 or 3.12).
$(PY):
	@if command -v python3.11 >/dev/null 2>&1; then \
		echo "python3.11 -m venv $(VENV)"; python3.11 -m venv $(VENV); \
	else \
		echo "python3 -m venv $(VENV)"; python3 -m venv $(VENV); \
	fi

# Reinstall only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install -e '.[test]' --quiet
	touch $(STAMP)

# The project kernel lives inside the venv (--sys-prefix), not in the user's Jupyter folders.
$(KERNEL): $(STAMP)
	$(PY) -m ipykernel install --sys-prefix --name $(KERNEL_NAME) --display-name "Python ($(KERNEL_NAME))" >/dev/null
	touch $(KERNEL)

setup: $(KERNEL)

# Installs what is missing with apt-get (as root, or through password-less sudo); otherwise says
# what to install. Without a CJK font Chromium would draw Chinese as empty boxes.
browser:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing=" chromium"; \
	command -v fc-list >/dev/null 2>&1 || missing="$$missing fontconfig"; \
	if ! { command -v fc-list >/dev/null 2>&1 && [ -n "$$(fc-list :lang=zh family)" ]; }; then missing="$$missing fonts-noto-cjk"; fi; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	else echo "make browser: cannot install$$missing (not root, no password-less sudo): run 'sudo apt-get install $(BROWSER_PACKAGES)'; the browser test cannot run without them" >&2; exit 0; fi; \
	echo "installing$$missing"; \
	$$sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing

run: setup
	$(VENV)/bin/dangjian run $(CORPUS_ARGS) $(RUN_ARGS)

# The whole suite runs the real notebooks several times: about 7 minutes on two cores (one worker per core).
test: setup browser
	@echo "make test: the whole suite takes about 7 minutes on two cores; PYTEST_ARGS='-k NAME' runs a part"
	@started=$$(date +%s); $(PY) -m pytest -q -n $(TEST_WORKERS) --dist loadgroup $(PYTEST_ARGS); status=$$?; \
	elapsed=$$(( $$(date +%s) - started )); \
	echo "make test: took $$(( elapsed / 60 )) min $$(( elapsed % 60 )) s"; exit $$status

# jupyter_server_config.json hides the notebooks' .py twins from the file browser (open the .ipynb;
# jupytext keeps the pair in step).
lab: setup
	$(VENV)/bin/jupyter lab --config=jupyter_server_config.json \
		--MappingKernelManager.default_kernel_name=$(KERNEL_NAME) $(LAB_ROOT_ARGS)

notebooks: setup
	$(VENV)/bin/jupytext --sync notebooks/*.py

clean-outputs:
	for dir in data/processed figures reports; do \
		if [ -d "$$dir" ]; then find "$$dir" -mindepth 1 ! -name .gitkeep -delete; fi; \
	done
	rm -rf runs
