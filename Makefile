# Two commands matter: `make run` (set up and serve on SQLite) and `make test` (set up and run the suite).
# Everything else is a step they depend on; each step re-runs only when its inputs change.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PORT ?= 8000
# Links in e-mail follow the port `make run` serves on, unless SITE_URL is set.
SITE_URL ?= http://127.0.0.1:$(PORT)
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .make
SCSS := $(shell find assets/scss -name '*.scss' 2>/dev/null)
GOVUK := node_modules/govuk-frontend/dist/govuk
MOJ := node_modules/@ministryofjustice/frontend/moj

.PHONY: run test setup deps assets migrate seed lint format browser-deps clean

# Beside the development server: a task worker (e-mail is printed to this console) and the
# periodic jobs (alerts, review reminders, clean-up) every minute. Ctrl+C stops all three.
run: setup
	DEBUG=true $(PY) manage.py seed_demo_data --demo-accounts
	@echo "Serving http://127.0.0.1:$(PORT)/ with a task worker and the periodic jobs (Ctrl+C stops them)"
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py db_worker --no-reload --no-startup-delay --verbosity 0 & worker=$$!; \
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py run_periodic_jobs --every 60 & periodic=$$!; \
	trap 'kill $$worker $$periodic 2>/dev/null' EXIT INT TERM; \
	DEBUG=true SITE_URL=$(SITE_URL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: deps assets
	$(PY) -m pytest $(PYTEST_ARGS)

setup: deps assets migrate

deps: $(STAMPS)/deps

$(VENV)/bin/python:
	@python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else "Python 3.12 or later is needed: python3 is " + sys.version.split()[0] + " (pyenv reads .python-version)")'
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMPS)/deps: requirements-dev.lock $(VENV)/bin/python
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	@mkdir -p $(STAMPS) && touch $@

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

assets: static/build/main.css static/build/govuk-frontend.min.js static/build/moj-frontend.min.js static/assets/.copied

static/build/main.css: $(SCSS) node_modules/.package-lock.json
	@mkdir -p static/build
	npx sass --pkg-importer=node --load-path=. --no-source-map --style=compressed --quiet-deps \
		assets/scss/main.scss $@

static/build/%.min.js: node_modules/.package-lock.json
	@mkdir -p static/build
	cp $(GOVUK)/govuk-frontend.min.js $(MOJ)/moj-frontend.min.js static/build/

# Only MOJ's icons (the filter's CSS uses them). GOV.UK's images are its crown, crest and favicons,
# which this service must not use; main.scss keeps the crest out of the CSS.
static/assets/.copied: node_modules/.package-lock.json
	rm -rf static/assets
	@mkdir -p static/assets/images
	cp $(MOJ)/assets/images/icon-*.svg static/assets/images/
	@touch $@

migrate: deps
	DEBUG=true $(PY) manage.py migrate --no-input
	DEBUG=true $(PY) manage.py createcachetable

seed: migrate
	DEBUG=true $(PY) manage.py seed_demo_data

lint: deps
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Browser tests need Debian's Chromium (root). CI installs it; on your machine run this once.
browser-deps:
	apt-get update -qq && apt-get install -y -qq chromium

clean:
	rm -rf $(VENV) $(STAMPS) node_modules static/build static/assets staticfiles

# Benchmarks (bench/README.md): BENCH_N case studies in bench/bench-<N>.sqlite3, or in the
# PostgreSQL database BENCH_DATABASE_URL names (use a database of its own: it is filled with data).
.PHONY: bench
BENCH_N ?= 10000
BENCH_DB = $(if $(BENCH_DATABASE_URL),--database-url $(BENCH_DATABASE_URL),--sqlite bench/bench-$(BENCH_N).sqlite3)

bench: deps
	$(PY) bench/generate.py $(BENCH_N) $(BENCH_DB) --reuse
	$(PY) bench/run.py $(BENCH_DB)
	$(PY) bench/opendata.py $(BENCH_DB)
	$(PY) bench/practice.py $(BENCH_DB)

# Load bench (bench/README.md): wrk against gunicorn on 127.0.0.1:BENCH_PORT, the demo data, each
# page's requests per second as a share of a fixed 20 KB response from the same gunicorn.
.PHONY: bench-load
BENCH_PORT ?= 8102
bench-load: deps assets
	$(PY) bench/load.py --port $(BENCH_PORT)

# Lighthouse (bench/README.md): mobile scores and layout shift of the home page, the finder and a
# case study, against gunicorn with the production settings and the demo data on LIGHTHOUSE_PORT.
# Lighthouse is fetched by npx (pinned in bench/lighthouse.py), not kept in package.json.
.PHONY: bench-lighthouse
LIGHTHOUSE_PORT ?= 8103
LIGHTHOUSE_RUNS ?= 3
bench-lighthouse: deps assets
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(PY) bench/lighthouse.py --port $(LIGHTHOUSE_PORT) --runs $(LIGHTHOUSE_RUNS)

# The database-restart proof (bench/README.md): a PostgreSQL cluster of its own on port 55501.
.PHONY: bench-restart
bench-restart: deps
	$(PY) bench/db_restart.py
