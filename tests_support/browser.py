"""Serve the real app with `streamlit run` and drive it in Debian's Chromium through Playwright."""

from __future__ import annotations

import io
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from pypdf import PdfReader

from backpain_aid.paths import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium tries to reach Google's services, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served_app(
    log_path: Path, script: str | Path = "app.py", cwd: Path = PROJECT_ROOT, env: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve a script (the app by default) with the .streamlit/config.toml in cwd (the project's)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    with log_path.open("w") as log:
        server = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("streamlit exited before serving")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError("streamlit did not become healthy")


def full_page_screenshot(page, path: Path, width: int, max_height: int = 16000) -> None:
    """Streamlit scrolls inside its main block, not the document, so grow the viewport to the
    content's height before taking the picture."""
    page.set_viewport_size({"width": width, "height": page.viewport_size["height"]})
    wait_until_laid_out(page)  # the content's height depends on the width
    height = min(max(page.evaluate(MAIN_HEIGHT), 600), max_height)
    page.set_viewport_size({"width": width, "height": height})
    wait_until_laid_out(page)
    page.screenshot(path=str(path))


def wait_until_laid_out(page, timeout_ms: int = 30_000) -> None:
    wait_until_steady(page, LAID_OUT, page.viewport_size, timeout_ms)


def open_page(page, url: str) -> None:
    """Go to a page of the app and wait until Streamlit has drawn it."""
    page.goto(url)
    page.get_by_role("heading", level=1).first.wait_for(timeout=30_000)
    wait_until_idle(page)


def wait_until_idle(page, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit has finished running the page script and drawing its output.

    As Streamlit's own e2e suite does (e2e_playwright/conftest.py, wait_for_app_run), read the
    state the app publishes on its root element and wait for loading skeletons to go. That state
    still says "not running" between an action and the server's answer to it, where Streamlit's
    suite sleeps; here the page instead notes when it last asked for a rerun and when the server
    last said the script had stopped, and waits for the second to come after the first."""
    page.evaluate(WATCH_RUNS)
    try:
        wait_until_steady(page, IDLE, timeout_ms=timeout_ms)
    except PlaywrightTimeoutError as error:
        busy = page.evaluate(BUSY)
        raise AssertionError(f"Streamlit was still busy after {timeout_ms} ms: {busy}") from error


def wait_until_steady(page, condition: str, arg=None, timeout_ms: int = 30_000, frames: int = 2) -> None:
    """Wait until a JavaScript condition gives the same truthy value on `frames` animation frames
    in a row: one frame can fall between a message and React drawing what it says."""
    page.evaluate("() => { window.aidSteady = {count: 0, value: undefined}; }")
    page.wait_for_function(
        f"""(arg) => {{
            const value = ({condition})(arg);
            const seen = window.aidSteady ??= {{count: 0, value: undefined}};
            seen.count = value && value === seen.value ? seen.count + 1 : value ? 1 : 0;
            seen.value = value;
            return seen.count >= {frames};
        }}""",
        arg=arg,
        polling="raf",
        timeout=timeout_ms,
    )


# Streamlit speaks protobuf over one websocket. A BackMsg with field 11 (rerun_script) asks for a
# run; a ForwardMsg with field 9 (session_status_changed) whose field 2 (script_is_running) is
# unset says the script has stopped. A script that calls st.rerun(), or is asked to run again while
# it runs, stops and starts again: that stop follows a ForwardMsg with field 6 (script_finished)
# of 2 (FINISHED_EARLY_FOR_RERUN), and does not count. Nor do other messages (heartbeats, files).
# Installed on the first wait in a page; the app's websocket is found when it next sends.
WATCH_RUNS = """() => {
  if (window.aidRuns) return;
  const runs = window.aidRuns = {askedAt: -1, stoppedAt: -1, finished: -1};
  const EARLY_FOR_RERUN = 2;
  const fields = (bytes) => {  // top-level field number -> [start, end) of its value
    const found = new Map();
    let at = 0;
    const varint = () => {
      let value = 0, shift = 0, byte;
      do { byte = bytes[at++]; value += (byte & 127) * 2 ** shift; shift += 7; } while (byte & 128);
      return value;
    };
    while (at < bytes.length) {
      const key = varint(), type = key % 8;
      let start = at;
      if (type === 0) varint();
      else if (type === 1) at += 8;
      else if (type === 5) at += 4;
      else if (type === 2) { const length = varint(); start = at; at += length; }
      else break;  // groups: Streamlit sends none
      found.set(Math.floor(key / 8), [start, at]);
    }
    return found;
  };
  const running = (status) => { const flag = fields(status).get(2); return !!flag && status[flag[0]] !== 0; };
  const asBytes = (data) => data instanceof ArrayBuffer ? new Uint8Array(data)
    : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
  const heard = new WeakSet();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (!heard.has(this)) {
      heard.add(this);
      this.addEventListener('message', (event) => {
        const bytes = asBytes(event.data), message = bytes ? fields(bytes) : new Map();
        if (message.has(6)) runs.finished = bytes[message.get(6)[0]];
        const status = message.get(9);
        if (status && !running(bytes.subarray(...status)) && runs.finished !== EARLY_FOR_RERUN) {
          runs.stoppedAt = performance.now();
        }
      });
    }
    const bytes = asBytes(data);
    if (bytes && fields(bytes).has(11)) runs.askedAt = performance.now();
    return send.call(this, data);
  };
}"""
# Charts and data grids draw after the script has ended: Vega into an <svg> or <canvas> of class
# "marks" (the chart's action menu has svg icons of its own); a grid onto its canvas, and then it
# adds the table of its cells that screen readers read (role grid). Those in a hidden part of the
# page are not drawn.
CHARTS_DRAWN = """() => [...document.querySelectorAll(
    '[data-testid="stVegaLiteChart"], [data-testid="stDataFrame"]')]
  .filter((chart) => chart.getClientRects().length)
  .every((chart) => chart.querySelector('svg.marks, canvas.marks, [role="grid"]'))"""
# While the code for a kind of element not shown before is loading, React may hold back the whole
# new page and keep the old one on screen, with no skeleton; its root then has work pending.
REACT_DONE = """() => {
  const container = document.getElementById('root');
  const key = Object.keys(container ?? {}).find((name) => name.startsWith('__reactContainer$'));
  if (!key) throw new Error('no React root at #root: has Streamlit changed how it mounts?');
  return container[key].stateNode.pendingLanes === 0;
}"""
# Every CSS transition and animation that has an end has ended (an expander opening, a menu
# sliding, a focus ring fading in); endless ones, such as a spinner, are left turning.
STILL = """() => document.getAnimations().every((animation) => animation.playState !== 'running'
  || animation.effect?.getComputedTiming().endTime === Infinity)"""
IDLE = f"""() => {{
  const app = document.querySelector('[data-testid="stApp"]');
  const runs = window.aidRuns ?? {{askedAt: -1, stoppedAt: -1, finished: -1}};
  return !!app && app.dataset.testConnectionState === 'CONNECTED'
    && app.dataset.testScriptState === 'notRunning'
    && (runs.askedAt < 0 || runs.stoppedAt > runs.askedAt)
    && runs.finished !== 2  // FINISHED_EARLY_FOR_RERUN: the next run has yet to start
    && ({REACT_DONE})()
    && !document.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')
    && ({CHARTS_DRAWN})()
    && ({STILL})();
}}"""
BUSY = f"""() => {{
  const app = document.querySelector('[data-testid="stApp"]');
  return {{connection: app?.dataset.testConnectionState, script: app?.dataset.testScriptState,
    ...window.aidRuns, reactDone: ({REACT_DONE})(), chartsDrawn: ({CHARTS_DRAWN})(), still: ({STILL})(),
    stale: document.querySelectorAll('[data-stale="true"]').length,
    skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length}};
}}"""


MAIN_HEIGHT = "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
# The window has taken its new size, charts have drawn again to fit it, nothing moves, and the main
# block's height no longer changes.
LAID_OUT = f"""({{width, height}}) => innerWidth === width && innerHeight === height
  && ({CHARTS_DRAWN})() && ({STILL})() && ({MAIN_HEIGHT})()"""


def wait_until_still(page, timeout_ms: int = 10_000) -> None:
    """Wait until every CSS transition and animation with an end has ended (see STILL)."""
    wait_until_steady(page, STILL, timeout_ms=timeout_ms)


def menu(page: Page, text) -> Locator:
    """The app's menu (ui/components.menu), found as a screen reader finds it: a navigation landmark."""
    return page.get_by_role("navigation", name=text("common.nav.menu_label"), exact=True)


def menu_link(page: Page, text, spec) -> Locator:
    return menu(page, text).get_by_role("link", name=text(spec.title_key))


def go_to(page: Page, text, spec) -> None:
    """Move to another page through the menu: loading a URL afresh would start a new session."""
    menu_link(page, text, spec).click()
    arrived_at(page, spec)


def arrived_at(page: Page, spec) -> None:
    """Wait until the browser shows this page and Streamlit has drawn it."""
    page.wait_for_url(re.compile(rf"/{spec.url_path}(\?.*)?$"))  # Compare adds its choice to the URL
    wait_until_idle(page)


def add_medicine(page: Page, text, name: str, dose: str) -> None:
    page.get_by_role("textbox", name=text("medicines_guide.ui.name")).fill(name)
    page.get_by_role("textbox", name=text("medicines_guide.ui.dose")).fill(dose)
    page.get_by_role("button", name=text("medicines_guide.ui.add")).click()
    wait_until_idle(page)


def write_notes(page: Page, text, notes: str) -> None:
    box = page.get_by_role("textbox", name=text("summary.questions.notes_label"))
    box.fill(notes)
    box.press("Control+Enter")  # a text area sends its value on Ctrl+Enter or when it loses focus
    wait_until_idle(page)


def summary_pdf_text(page: Page, text) -> str:
    page.get_by_role("button", name=text("summary.pdf.make")).click()
    button = page.get_by_role("button", name=text("summary.pdf.download"))
    button.wait_for(timeout=60_000)
    with page.expect_download() as download:
        button.click()
    data = Path(download.value.path()).read_bytes()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def assert_healthy(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)
    body = page.locator("body").inner_text()
    assert "undefined" not in body
    assert "Traceback" not in body
    assert "Page not found" not in body


def focused_text(page: Page) -> str:
    return page.evaluate("() => document.activeElement?.innerText || document.activeElement?.ariaLabel || ''")


def tab_until(page: Page, wanted: Callable[[], bool], limit: int = 80) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if wanted():
            return
    raise AssertionError(f"Tab never reached the element; focus ended on {focused_text(page)!r}")
