# Two commands do everything on a fresh Debian machine with Python 3:
#   make run   - install the app's pinned requirements and serve it on http://localhost:8501
#   make test  - install test requirements (pip and apt), then lint and run every test
# Both are quick when everything is already installed (stamp files record what was done).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint check-data bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || { bash scripts/install-system-deps.sh venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

check-data: $(VENV)/.runtime-installed
	$(BIN)/python -m backpain_aid.check_data

run: check-data
	$(BIN)/streamlit run app.py --server.port $(PORT)

# Style, then the import contracts (pyproject.toml [tool.importlinter]), then strict types on the
# domain package (pyproject.toml [tool.mypy]).
lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/mypy

test: $(VENV)/.dev-installed lint
	bash scripts/install-system-deps.sh test
	$(BIN)/python -m pytest -n 2 --dist loadfile

# Ratios against baselines, then many sessions at once against the hello app. Every part runs;
# the target exits 1 at the end if a target was missed or a session saw an error.
bench: $(VENV)/.dev-installed
	status=0; \
	$(BIN)/python -m bench || status=1; \
	$(BIN)/python -m bench.sessions || status=1; \
	exit $$status

screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
