# Carnet: `make demo` runs the demo network; `make test` runs every check and test.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
# Debian packages the tests need: a browser, gettext (string extraction), poppler (PDF to PNG),
# tesseract (OCR of scanned documents) with the language packs of the interface languages.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-fra tesseract-ocr-ara \
	tesseract-ocr-sqi tesseract-ocr-hye tesseract-ocr-bos tesseract-ocr-srp-latn \
	tesseract-ocr-ukr tesseract-ocr-ron tesseract-ocr-spa tesseract-ocr-ita
APT_PACKAGES := chromium gettext poppler-utils $(OCR_PACKAGES)

.PHONY: demo test install install-test system-packages lint messages fmt bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed
	$(BIN)/python -m carnet.lib.catalogs compile

install-test: $(VENV)/.installed-test
	$(BIN)/python -m carnet.lib.catalogs compile

demo: install
	$(BIN)/carnet demo

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
		echo "Please install these Debian packages first: sudo apt-get install$$missing"; exit 1; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	CARNET_SECRET_KEY=lint $(BIN)/carnet makemigrations --check --dry-run

test: system-packages lint
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

messages: install-test
	$(BIN)/python -m carnet.lib.catalogs update
	$(BIN)/python -m carnet.lib.catalogs check

fmt: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	@for script in bench/*/run.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

# Screenshots of the main screens into docs/screenshots/ (the demo, in a throwaway folder).
screenshots: install-test
	$(BIN)/python docs/screenshots/make.py

clean:
	rm -rf $(VENV) var
