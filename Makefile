# The two commands a new machine needs: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install install-dev lint format bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## Serve every demo site on http://127.0.0.1:8000 with SQLite and no other server.
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py runserver 127.0.0.1:8000

## Run the whole suite against the real services that scripts/services starts.
test: install-dev
	bash scripts/services start
	bash -c 'set -a; . var/services.env; set +a; \
	  $(BIN)/python manage.py makemigrations --check --dry-run --settings=portal.settings.test && \
	  $(BIN)/pytest $(PYTEST_ARGS)'

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Run every benchmark; with var/services.env (scripts/services start) the
## search bench also measures PostgreSQL and OpenSearch.
bench: install-dev
	bash -c 'if [ -f var/services.env ]; then set -a; . var/services.env; set +a; fi; \
	  for script in bench/[a-z]*.py; do $(BIN)/python $$script || exit 1; done'


clean:
	bash scripts/services stop
	rm -rf var db.sqlite3
