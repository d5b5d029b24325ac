"""Helpers for page tests with Streamlit's AppTest."""

from streamlit.testing.v1 import AppTest

from backpain_aid.paths import PROJECT_ROOT

TIMEOUT = 60


def run_page(page_path: str, **session) -> AppTest:
    """Run the whole app (router and frame) on one page, with our own session keys preset."""
    app = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=TIMEOUT)
    for key, value in session.items():
        app.session_state[key] = value
    app.run()
    app.switch_page(page_path)
    app.run()
    assert_no_exception(app)
    return app


def assert_no_exception(app: AppTest) -> None:
    assert not app.exception, [e.value for e in app.exception]


def page_text(app: AppTest) -> str:
    """Every text the page shows in markdown, alerts and headings, in order."""
    kinds = ("markdown", "warning", "info", "error", "success", "title", "header", "subheader")
    parts = [element.value for kind in kinds for element in getattr(app, kind)]
    return "\n".join(str(part) for part in parts)

