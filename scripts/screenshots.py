"""Take full-page screenshots of every page at desktop and phone width into docs/screenshots/.

Usage: make screenshots  (serves the app on a free port, drives Debian's Chromium)
"""

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backpain_aid.paths import PROJECT_ROOT  # noqa: E402
from tests.browser import CHROMIUM, CHROMIUM_ARGS, full_page_screenshot, open_page, served_app  # noqa: E402
from ui.pages import ALL_PAGES  # noqa: E402

WIDTHS = {"desktop": 1280, "phone": 390}
#: Extra views worth a picture: name -> path and query.
EXTRA_VIEWS = {
    "compare-axial-spa-3-options": "compare?condition=axial_spa&options=no_treatment,nsaids,biologics"
}
OUT = PROJECT_ROOT / "docs" / "screenshots"


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    views = {spec.url_path or "start": spec.url_path for spec in ALL_PAGES} | EXTRA_VIEWS
    views = {name: path for name, path in views.items() if not names or name in names}
    with served_app(log) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, width in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": 900})
            for name, path in views.items():
                open_page(page, f"{url}/{path}")
                target = OUT / f"{name}-{label}.png"
                full_page_screenshot(page, target, width)
                print(target.relative_to(PROJECT_ROOT))
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
