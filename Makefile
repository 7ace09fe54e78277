# Two commands: `make run` and `make test`. Everything else is a helper of those.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# pytest-xdist: the suite in as many processes as the machine has cores (each its own test
# database); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto
export DJANGO_SETTINGS_MODULE ?= network_portal.settings.dev

.PHONY: run test lint messages bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

# Re-installs whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo --if-empty
	@# The mail worker sends the queue of outgoing mail (core/mail.py) while the server runs;
	@# it is stopped when runserver stops (Ctrl-C included).
	$(BIN)/python manage.py mail_worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=network_portal.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=network_portal.settings.test $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

# Extract the Japanese source strings and compile the English catalogue (needs gettext).
messages: $(VENV)/.installed
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

bench: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=network_portal.settings.test $(BIN)/python -m pytest benchmarks -o python_files="bench_*.py" -p no:cacheprovider -s

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
