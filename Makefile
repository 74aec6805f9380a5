# CEC Portal: `make run` serves a working site on SQLite; `make test` runs lint and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test install migrate reference-data serve lint clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --disable-pip-version-check -q -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# `make run` is the development server: debug on unless the caller says otherwise.
run: export DJANGO_DEBUG ?= 1
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_reference_data --shared $(SHARED)
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Extract every marked string into the French catalogue (msgmerge keeps the translations
# already written), then compile the .mo files the site reads. Needs gettext's tools.
messages: export DJANGO_DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages -l fr --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'profiles/locale/*'
	$(BIN)/python manage.py compilemessages -l fr --ignore '.venv/*'

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
