# CEC Portal: `make run` serves a working site on SQLite; `make test` runs lint and every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: run test install migrate reference-data serve worker beat scale-out-test lint clean messages

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

# Production (see README "Deployment"): settings come from the environment. Run `make migrate`
# once per release, before the app servers start; `make serve` on each app server.
WEB_WORKERS ?= 4
BIND ?= 0.0.0.0:8000
migrate: install
	$(BIN)/python manage.py migrate --noinput

serve: install
	$(BIN)/python manage.py collectstatic --noinput -v 0
	$(BIN)/gunicorn cec_portal.wsgi:application --bind $(BIND) --workers $(WEB_WORKERS) \
		--timeout 30 --graceful-timeout 30 --keep-alive 5 \
		--max-requests 2000 --max-requests-jitter 200 --access-logfile -

# Celery: as many workers as needed (each takes CELERY_CONCURRENCY tasks at a time), and
# exactly one beat for the whole deployment.
CELERY_CONCURRENCY ?= 2
worker: install
	$(BIN)/celery -A cec_portal worker --loglevel INFO --concurrency $(CELERY_CONCURRENCY)

beat: install
	$(BIN)/celery -A cec_portal beat --loglevel INFO --schedule $(or $(CELERY_BEAT_FILE),celerybeat-schedule)

# Two app servers behind nginx, a worker and beat, PostgreSQL, Redis and an S3 server
# (needs DATABASE_URL=postgres://… and Debian's nginx and redis-server).
scale-out-test: install
	$(BIN)/python -m pytest -m scale_out -p no:cacheprovider tests/scale

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# Extract every marked string into the French catalogue (msgmerge keeps the translations
# already written), then compile the .mo files the site reads. Needs gettext's tools.
messages: export DJANGO_DEBUG ?= 1
messages: install
	$(BIN)/python manage.py makemessages -l fr --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages -l fr --ignore '.venv/*'

lint: install
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
