# legsite. Quick start: `make run` serves the site, `make test` runs every test (README.md).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2

.PHONY: run test lint check-deploy vendor admin clean

# Stamps: reinstall only when a requirements file changes.
$(VENV)/.site-installed: requirements.txt
	scripts/venv requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt
	scripts/venv requirements-dev.txt
	touch $@ $(VENV)/.site-installed

## run: install, migrate (which also creates the cache table), load the guide and serve the
## site with gunicorn at http://HOST:PORT, with the background-task worker (large imports)
## beside it, restarted whenever it exits (scripts/run-worker); Ctrl+C stops both
run: $(VENV)/.site-installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_guidance
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@echo
	@echo "  legsite is starting at http://$(HOST):$(PORT)/   (Ctrl+C stops it)"
	@echo "  Create an admin account, in another terminal:  $(PY) manage.py createsuperuser"
	@echo
	scripts/run-worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	$(VENV)/bin/gunicorn -c scripts/gunicorn.conf.py legsite.wsgi --bind $(HOST):$(PORT) \
		--workers $(WORKERS) --no-control-socket --access-logfile -

## test: install what the tests need (Chromium too, when missing and installable) and run them all,
## on every core (pytest-xdist: TEST_WORKERS=auto, a number, or 0 for one process)
TEST_WORKERS ?= auto
test: $(VENV)/.dev-installed
	scripts/ensure-test-tools
	$(VENV)/bin/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.dev-installed
	$(VENV)/bin/lint-imports --no-cache --no-logo
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## vendor: refresh Bootstrap and Chart.js under static/vendor/ from the npm registry
vendor:
	scripts/vendor-assets

admin: $(VENV)/.site-installed
	$(PY) manage.py createsuperuser

clean:
	rm -rf $(VENV) var/staticfiles .pytest_cache .ruff_cache
