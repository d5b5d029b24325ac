"""`python -m bench.load [--sessions 30] [--seconds 60] [--think 1.0] [--url URL]`: a bounded load test.

Simulated people walk the patient journey at the same time against one served app on localhost. Each
speaks Streamlit's own websocket protocol, as a browser tab does (no browser, so the client's work does
not skew the server's timings): it opens a session, moves through the pages, opens a Compare link,
adds a medicine, writes notes on the summary and makes the PDF, then starts again as a new person.
Every step is one script run; its latency is from sending the request to the end of the run.
Any exception on a page, any failed run, dropped connection or step over --timeout is an error.
Prints the number of steps, errors and the latency percentiles; exit status 1 if there was any error.

It is not a benchmark with a baseline (so not in bench/registry.py) and not part of `make test`;
tests/test_load.py runs a few journeys and checks only that there are no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from backpain_aid.content import Content, load_content
from tests_support.browser import served_app

RERUN_AGAIN = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FAILED_RUN = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR

# Compare links a person might open: (condition, options). Ids only, as the app's own links.
COMPARE_LINKS = [
    ("chronic_low_back_pain", "no_treatment,exercise,nsaids"),
    ("sciatica", "no_treatment,gabapentinoids,epidural_steroid_injection,discectomy"),
    ("axial_spa", "no_treatment,nsaids,biologics"),
]


class StepFailed(Exception):
    """A step of the journey went wrong: a page showed an exception, or a widget was not found."""


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"p50 {cuts[49]:.3f}, p95 {cuts[94]:.3f}, p99 {cuts[98]:.3f}, max {max(values):.3f}"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_step: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    journeys: int = 0

    def record(self, step: str, seconds: float) -> None:
        self.latencies.append(seconds)
        self.by_step.setdefault(step, []).append(seconds)

    def summary(self) -> str:
        lines = [f"steps: {len(self.latencies)}, journeys: {self.journeys}, errors: {len(self.errors)}"]
        if len(self.latencies) >= 2:
            lines.append(f"latency s: {percentiles(self.latencies)}")
        for step, values in sorted(self.by_step.items()):
            if len(values) >= 2:
                lines.append(f"  {step:<24} n={len(values):<4} {percentiles(values)}")
        for error in sorted(set(self.errors))[:10]:
            lines.append(f"error: {error} (x{self.errors.count(error)})")
        return "\n".join(lines)


@dataclass
class Run:
    """What one script run sent back: the widgets (label -> element) and pages (url path -> hash)."""

    widgets: dict[str, object]
    pages: dict[str, str]


class Session:
    """One simulated browser tab: a websocket to the app and the widgets it last saw."""

    def __init__(self, connection, tally: Tally, timeout: float):
        self.connection = connection
        self.tally = tally
        self.timeout = timeout
        self.pages: dict[str, str] = {}
        self.widgets: dict[str, object] = {}
        self.page_hash = ""

    async def step(
        self, url_path: str = "", query: str = "", states: tuple[WidgetState, ...] = (), name: str = ""
    ) -> None:
        message = BackMsg()
        request = message.rerun_script
        request.query_string = query
        request.page_script_hash = self.pages.get(url_path, self.page_hash) if url_path else ""
        request.page_name = url_path
        request.widget_states.widgets.extend(states)
        start = time.perf_counter()
        await self.connection.send(message.SerializeToString())
        try:
            run = await asyncio.wait_for(self.read_run(), self.timeout)
        except StepFailed as error:
            raise StepFailed(f"{url_path or 'start'}: {error}") from error
        self.tally.record(name or url_path or "start", time.perf_counter() - start)
        self.widgets = run.widgets
        self.pages.update(run.pages)
        self.page_hash = self.pages.get(url_path, self.page_hash)

    async def read_run(self) -> Run:
        run = Run({}, {})
        while True:
            reply = ForwardMsg()
            reply.ParseFromString(await self.connection.recv())
            kind = reply.WhichOneof("type")
            if kind == "navigation":
                pages = reply.navigation.app_pages
                run.pages.update({page.url_pathname: page.page_script_hash for page in pages})
            elif kind == "page_not_found":
                raise StepFailed("page not found")
            elif kind == "delta" and reply.delta.WhichOneof("type") == "new_element":
                element = reply.delta.new_element
                element_type = element.WhichOneof("type")
                if element_type == "exception":
                    problem = element.exception.type or element.exception.message[:60]
                    raise StepFailed(f"exception on the page: {problem}")
                widget = getattr(element, element_type)
                if hasattr(widget, "id") and getattr(widget, "label", ""):
                    run.widgets[widget.label] = widget
            elif kind == "script_finished":
                if reply.script_finished == FAILED_RUN:
                    raise StepFailed("the page script failed to compile")
                if reply.script_finished != RERUN_AGAIN:  # a button that reruns the script: wait for that run
                    return run

    def widget_id(self, label: str) -> str:
        if label not in self.widgets:
            raise StepFailed(f"no widget labelled {label[:40]!r}")
        return self.widgets[label].id


def typed(session: Session, label: str, value: str) -> WidgetState:
    return WidgetState(id=session.widget_id(label), string_value=value)


def pressed(session: Session, label: str) -> WidgetState:
    return WidgetState(id=session.widget_id(label), trigger_value=True)


async def journey(url: str, text: Content, tally: Tally, think: float, timeout: float, person: int) -> None:
    """One person, start to finish, in a new session."""
    socket_url = url.replace("http", "ws", 1) + "/_stcore/stream"
    rng = random.Random(person)

    async def pause() -> None:
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    connection = websockets.connect(socket_url, subprotocols=["streamlit"], origin=url, max_size=None)
    async with connection as socket:
        session = Session(socket, tally, timeout)
        await session.step()
        for url_path in ("warning-signs", "your-path", "explore"):
            await pause()
            await session.step(url_path)
        condition, options = rng.choice(COMPARE_LINKS)
        await pause()
        await session.step("compare", query=f"condition={condition}&options={options}", name="compare link")
        for url_path in ("what-matters", "check-and-decide", "medicines"):
            await pause()
            await session.step(url_path)
        await pause()
        medicine = (
            typed(session, text("medicines_guide.ui.name"), f"Test medicine {person}"),
            typed(session, text("medicines_guide.ui.dose"), "200 mg"),
            pressed(session, text("medicines_guide.ui.add")),
        )
        await session.step("medicines", states=medicine, name="medicines: add one")
        await pause()
        await session.step("summary")
        notes = typed(session, text("summary.questions.notes_label"), f"Questions of person {person}")
        await pause()
        await session.step("summary", states=(notes,), name="summary: write notes")
        await pause()
        make_pdf = pressed(session, text("summary.pdf.make"))
        await session.step("summary", states=(notes, make_pdf), name="summary: make the PDF")
        if text("summary.pdf.download") not in session.widgets:
            raise StepFailed("the PDF was not made")
        await pause()
        await session.step("privacy")


async def person(
    url: str, text: Content, tally: Tally, deadline: float, think: float, timeout: float, first: int
) -> None:
    """Walk the journey again and again, as a new person each time, until the deadline, which
    stops a journey where it is (its steps so far count; stopping it is not an error)."""
    count = first
    try:
        async with asyncio.timeout(deadline - time.monotonic()):
            while True:
                try:
                    await journey(url, text, tally, think, timeout, count)
                    tally.journeys += 1
                except StepFailed as error:
                    tally.errors.append(str(error))
                except (OSError, TimeoutError, websockets.WebSocketException) as error:
                    tally.errors.append(f"{type(error).__name__}: {error}"[:120])
                count += 1000
    except TimeoutError:
        pass


async def simulate(url: str, sessions: int, seconds: float, think: float, timeout: float) -> Tally:
    text = load_content()
    tally = Tally()
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(person(url, text, tally, deadline, think, timeout, first) for first in range(sessions))
    )
    return tally


async def journeys_at_once(url: str, sessions: int, think: float = 0.2, timeout: float = 120) -> Tally:
    """Each of `sessions` people walks the journey once, all at the same time (for tests)."""
    text = load_content()
    tally = Tally()

    async def once(number: int) -> None:
        try:
            await journey(url, text, tally, think, timeout, number)
            tally.journeys += 1
        except StepFailed as error:
            tally.errors.append(str(error))

    await asyncio.gather(*(once(number) for number in range(sessions)))
    return tally


@contextmanager
def app_url(given: str | None) -> Iterator[tuple[str, Path | None]]:
    """The app's address and its server log (None for a server started elsewhere)."""
    if given:
        yield given.rstrip("/"), None
        return
    with tempfile.TemporaryDirectory() as log_dir:
        log = Path(log_dir) / "streamlit.log"
        with served_app(log) as url:
            yield url, log


def server_errors(log: Path | None) -> list[str]:
    """What the server logged about errors: people only see a short message (showErrorDetails)."""
    if log is None or not log.is_file():
        return []
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    return [line for line in lines if "Error" in line or "Traceback" in line or line.startswith("  File ")]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30, help="simulated people at once (30)")
    parser.add_argument("--seconds", type=float, default=60, help="how long to keep going (60)")
    parser.add_argument("--think", type=float, default=1.0, help="mean pause between steps, seconds (1.0)")
    parser.add_argument("--timeout", type=float, default=60, help="a step slower than this is an error (60)")
    parser.add_argument("--url", help="an app already served; by default one is started on localhost")
    args = parser.parse_args(argv)
    with app_url(args.url) as (url, log):
        print(
            f"{args.sessions} sessions for {args.seconds:g} s against {url} (think {args.think:g} s)",
            file=sys.stderr,
        )
        tally = asyncio.run(simulate(url, args.sessions, args.seconds, args.think, args.timeout))
        if tally.errors:
            print("\n".join(server_errors(log)[-40:]), file=sys.stderr)
    print(tally.summary())
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
