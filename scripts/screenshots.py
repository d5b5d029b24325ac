"""Take full-page screenshots of every page at desktop and phone width into docs/screenshots/, and a
few views worth a picture of their own (Compare with larger text, a row's details opened, the
emergency message after a sign is ticked), the main pages in Spanish (*-es-*), and the first page
of a Spanish summary PDF (summary-pdf-es-page1.png, drawn by pdftoppm).

Usage: make screenshots  (serves the app on a free port, drives Debian's Chromium)
       python scripts/screenshots.py [name ...]  (only those views, e.g. compare-details-pain)
"""

import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backpain_aid.content import load_content  # noqa: E402
from backpain_aid.evidence import load_evidence  # noqa: E402
from backpain_aid.paths import PROJECT_ROOT  # noqa: E402
from backpain_aid.pdf import render_pdf  # noqa: E402
from backpain_aid.summary import build_summary  # noqa: E402
from tests_support.browser import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    full_page_screenshot,
    menu,
    open_page,
    served_app,
    wait_until_idle,
)
from tests_support.journeys import journey_answers  # noqa: E402
from ui.pages import ALL_PAGES, SUMMARY, VALUES, PageSpec  # noqa: E402

WIDTHS = {"desktop": 1280, "phone": 390}
OUT = PROJECT_ROOT / "docs" / "screenshots"
TEXT = load_content()
SPANISH = load_content(lang="es")
THREE = "compare?condition=axial_spa&options=no_treatment,nsaids,biologics"
FOUR = "compare?condition=chronic_low_back_pain&options=exercise,nsaids,opioids,spinal_fusion"


def larger_text(page: Page) -> None:
    top = page.locator(".st-key-widget_larger_text_top")
    switch = top if top.is_visible() else page.get_by_test_id("stSidebar")
    switch.get_by_text(TEXT("common.larger_text.label"), exact=True).click()
    wait_until_idle(page)


def open_detail(row_id: str) -> Callable[[Page], None]:
    def steps(page: Page) -> None:
        label = TEXT("glance.open_detail", question=TEXT(f"glance.questions.{row_id}"))
        page.get_by_test_id("stExpander").filter(has_text=label).locator("summary").click()
        wait_until_idle(page)

    return steps


def tick_first_emergency_sign(page: Page) -> None:
    page.get_by_text(str(TEXT.node("red_flags.signs")[0]["text"]), exact=True).click()
    wait_until_idle(page)


def then_compare(page: Page) -> None:
    """After an emergency sign: Compare, chosen in the menu, opens with the emergency message."""
    tick_first_emergency_sign(page)
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.is_visible():
        expand.click()
    menu(page, TEXT).get_by_role("link", name=TEXT("common.nav.compare")).click()
    page.wait_for_url("**/compare**")
    wait_until_idle(page)


def in_spanish_to(spec: PageSpec, then: Callable[[Page], None] | None = None) -> Callable[[Page], None]:
    """Through the Spanish menu to a page, keeping the choice made on the page before."""

    def steps(page: Page) -> None:
        expand = page.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        menu(page, SPANISH).get_by_role("link", name=SPANISH(spec.title_key)).click()
        page.wait_for_url(f"**/{spec.url_path}**")
        wait_until_idle(page)
        if then:
            then(page)

    return steps


def see_the_fit(page: Page) -> None:
    page.get_by_role("button", name=SPANISH("values.fit.confirm")).click()
    wait_until_idle(page)


#: Extra views worth a picture: name -> path and query, what to do there, whole page or one screen.
EXTRA_VIEWS: dict[str, tuple[str, Callable[[Page], None] | None, bool]] = {
    "compare-axial-spa-3-options": (THREE, None, True),
    "compare-axial-spa-3-options-larger-text": (THREE, larger_text, True),
    "compare-details-pain": (FOUR, open_detail("pain"), True),
    "compare-details-ladder": (FOUR, open_detail("invasive"), False),
    # What the screen shows at once after ticking a sign: the message, in view, focused.
    "warning-signs-emergency": ("warning-signs", tick_first_emergency_sign, False),
    "compare-after-an-emergency-sign": ("warning-signs", then_compare, False),
    # In Spanish: the start page, the warning signs, three options compared, what matters (fit
    # view shown), the summary and the consultation view of the same choice.
    "start-es": ("?lang=es", None, True),
    "warning-signs-es": ("warning-signs?lang=es", None, True),
    "compare-es": (f"{THREE}&lang=es", None, True),
    "what-matters-es": (f"{THREE}&lang=es", in_spanish_to(VALUES, see_the_fit), True),
    "summary-es": (f"{THREE}&lang=es", in_spanish_to(SUMMARY), True),
    "consultation-es": (f"consultation{THREE.removeprefix('compare')}&lang=es", None, True),
}
#: The first page of the summary PDF of a whole journey, in Spanish.
PDF_PAGE = "summary-pdf-es-page1"


def pdf_first_page() -> Path:
    """The journey's summary in Spanish as a PDF, its first page drawn by pdftoppm (as printed)."""
    evidence, text = load_evidence(lang="es"), SPANISH
    pdf = render_pdf(build_summary(evidence, text, journey_answers(evidence, text), date.today()), "A4")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "summary.pdf"
        source.write_bytes(pdf)
        target = OUT / PDF_PAGE
        subprocess.run(
            ["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", str(source), str(target)],
            check=True,
        )
    return target.with_suffix(".png")


def main(names: list[str]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    log = Path(tempfile.mkdtemp()) / "streamlit.log"
    views = {spec.url_path or "start": (spec.url_path, None, True) for spec in ALL_PAGES} | EXTRA_VIEWS
    views = {name: view for name, view in views.items() if not names or name in names}
    with served_app(log) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, width in WIDTHS.items():
            for name, (path, steps, whole_page) in views.items():
                # A new tab each time: nothing ticked or switched on in one view reaches the next.
                page = browser.new_page(viewport={"width": width, "height": 900})
                open_page(page, f"{url}/{path}")
                if steps:
                    steps(page)
                target = OUT / f"{name}-{label}.png"
                if whole_page:
                    full_page_screenshot(page, target, width)
                else:
                    page.screenshot(path=str(target))
                print(target.relative_to(PROJECT_ROOT))
                page.close()
        browser.close()
    if not names or PDF_PAGE in names:
        print(pdf_first_page().relative_to(PROJECT_ROOT))


if __name__ == "__main__":
    main(sys.argv[1:])
