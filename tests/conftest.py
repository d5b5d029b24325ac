import csv
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, sync_playwright

from backpain_aid.content import Content, load_content
from backpain_aid.evidence import Evidence, load_evidence
from backpain_aid.paths import DATA_DIR
from tests_support.browser import CHROMIUM, CHROMIUM_ARGS, served_app


@pytest.fixture(scope="session")
def evidence() -> Evidence:
    return load_evidence()


@pytest.fixture(scope="session")
def text() -> Content:
    return load_content()


@pytest.fixture(scope="session")
def es_evidence() -> Evidence:
    return load_evidence(lang="es")


@pytest.fixture(scope="session")
def es_text() -> Content:
    return load_content(lang="es")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target, ignore=shutil.ignore_patterns("incoming"))
    return target


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# Browser tests: one served app and one Chromium per test module, a fresh page per test.
@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    with served_app(tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
