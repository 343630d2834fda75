# Two commands do everything: `make run` and `make test` (see README.md).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# make test talks to the machine's real services.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
TEST_REDIS_URL ?= redis://127.0.0.1:6379/9

.PHONY: run install migrate demo test test-sqlite system-deps lint bench messages clean check-deploy

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip<26" "setuptools<81" wheel
	# XStatic-Bootstrap 5 is an sdist whose build imports pkg_resources.
	$(BIN)/pip install --quiet --no-build-isolation XStatic-Bootstrap==5.3.8.0
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

# Debian packages the test suite needs: Chromium for the browser test,
# poppler-utils (pdftotext) and Arabic fonts for reports. Installed only when
# missing, and only where we may (root).
SYSTEM_PACKAGES := chromium fonts-noto-core poppler-utils gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "Missing Debian packages:$$missing (run: sudo apt-get install$$missing)"; exit 1; fi; \
	fi

# Translations: the compiled .mo is committed so `make run` needs no gettext.
# Run from the top so the project templates (templates/) are read too; every
# string lands in claims/locale (the first LOCALE_PATHS entry). Our own
# makemessages (claims/management/commands/) also reads L("...") labels
# (L = gettext_lazy in claims/workflow.py): Django's has no --keyword option.
MESSAGES_IGNORE := --ignore=tests --ignore=bench --ignore=var --ignore=test-artifacts --ignore=static
messages: install
	$(BIN)/python manage.py makemessages -l ar --no-obsolete $(MESSAGES_IGNORE) >/dev/null
	cd claims && ../$(BIN)/python ../manage.py compilemessages -l ar >/dev/null

migrate: install
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

# Web server and Celery worker together; Ctrl-C stops both (the trap clears
# itself first, so `kill 0` signals each process once). SQLite and a
# filesystem broker unless DATABASE_URL / REDIS_URL say otherwise.
run: demo
	@echo "Open http://$(HOST):$(PORT)/  (Ctrl-C stops the server and the worker)"
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(BIN)/celery -A factcheck worker --beat --schedule var/celerybeat-schedule -Q default,fetch,gather,export,webhooks --concurrency 2 --loglevel INFO & \
	$(BIN)/python manage.py runserver $(HOST):$(PORT); \
	wait

# The whole suite on PostgreSQL + Redis + a real Celery worker + Chromium,
# then the fast unit tests again on the embedded SQLite default.
test: install system-deps
	$(BIN)/ruff check .
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS_URL) $(BIN)/pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-sqlite

test-sqlite: install
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest -m "not integration and not browser" -q -p no:cacheprovider $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

check-deploy: install
	DJANGO_DEBUG=false SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=factcheck.example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/article_extraction.py

clean:
	rm -rf var .pytest_cache
