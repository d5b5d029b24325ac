"""`python -m bench.sessions [--sessions 10 30] [--reruns 10]`: many sessions at once, against the
Streamlit hello app under the same load, in the same run.

For each page of the aid and each N, N simulated browser tabs (Streamlit's websocket protocol, no
browser) open a session on each served app at the same time and each reruns one page R times: for
the aid, Compare opened from a link with 3 options, Explore (every option for a condition, the
heaviest page) and the privacy page (text only: what the app's frame costs every page); for the
hello app, its start page. Prints p50 and p95 latency per rerun for both
and their ratio, then the resident memory each extra open session adds to the server process (the
tabs stay open while it is read). Localhost only; bounded by N and R.

Targets (issue 18), judged at the largest N: Explore's p95 at most the hello app's, and at most
0.5 MB a session. The exit status is 1 if one is missed or any session saw an error.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import websockets

from bench.cold_start import APP, HELLO_APP
from bench.load import Session, Tally
from tests_support.browser import served_app

COMPARE_LINK = ("compare", "condition=sciatica&options=no_treatment,gabapentinoids,discectomy")
#: Explore as it opens: the first condition, chronic low back pain, which has the most options.
EXPLORE_PAGE = ("explore", "")
HELLO_PAGE = ("", "")
#: The privacy page: a page of text in the app's own frame (menu, warning line, footer), to tell
#: what every page of the aid pays from what a page adds.
FRAME_PAGE = ("privacy", "")
#: The aid's pages under load, by name.
PAGES = {"compare": COMPARE_LINK, "explore": EXPLORE_PAGE, "privacy": FRAME_PAGE}
EXPLORE_P95_TARGET = 1.0  # at most the hello app's p95
EXPLORE_KIB_TARGET = 512  # a session at most 0.5 MB


def server_rss_kib(port: str) -> int:
    """Resident memory of the `streamlit run` process listening on this port, from /proc."""
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            command = status.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and port.encode() in command:
            for line in status.with_name("status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    raise LookupError(f"no streamlit server on port {port}")


async def open_sessions(url: str, count: int, tally: Tally) -> list:
    socket_url = url.replace("http", "ws", 1) + "/_stcore/stream"
    connections = [
        await websockets.connect(socket_url, subprotocols=["streamlit"], origin=url, max_size=None)
        for _ in range(count)
    ]
    sessions = [Session(connection, tally, timeout=120) for connection in connections]
    await asyncio.gather(*(session.step(name="open") for session in sessions))
    return sessions


async def load(url: str, count: int, reruns: int, page: tuple[str, str]) -> tuple[Tally, int, int]:
    """Latencies of `reruns` reruns in each of `count` sessions at once, and RSS before and after."""
    port = url.rsplit(":", 1)[1]
    tally = Tally()
    before = server_rss_kib(port)
    sessions = await open_sessions(url, count, tally)
    try:
        url_path, query = page
        await asyncio.gather(*(session.step(url_path, query, name="first") for session in sessions))
        for _ in range(reruns):
            await asyncio.gather(*(session.step(url_path, query, name="rerun") for session in sessions))
        after = server_rss_kib(port)
    finally:
        await asyncio.gather(*(session.connection.close() for session in sessions))
    return tally, before, after


def cut(values: list[float], percent: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[percent - 1]


HEADER = (
    "page     sessions  p50 s (aid / hello)  ratio  p95 s (aid / hello)  ratio  KiB a session (aid / hello)"
)


@dataclass(frozen=True)
class Row:
    page: str
    count: int
    p50: tuple[float, float]  # (aid, hello)
    p95: tuple[float, float]
    kib: tuple[float, float]  # resident memory each open session adds
    errors: int

    def __str__(self) -> str:
        return (
            f"{self.page:<8} {self.count:<9} {self.p50[0]:.3f} / {self.p50[1]:.3f}{'':<6} "
            f"{self.p50[0] / self.p50[1]:<5.1f}  {self.p95[0]:.3f} / {self.p95[1]:.3f}{'':<6} "
            f"{self.p95[0] / self.p95[1]:<5.1f}  {self.kib[0]:.0f} / {self.kib[1]:.0f}"
        )


def under_load(app_url: str, hello_url: str, page: str, count: int, reruns: int) -> Row:
    """One page of the aid and the hello app, each with `count` sessions at once."""
    app, app_before, app_after = asyncio.run(load(app_url, count, reruns, PAGES[page]))
    hello, hello_before, hello_after = asyncio.run(load(hello_url, count, reruns, HELLO_PAGE))
    ours, theirs = app.by_step["rerun"], hello.by_step["rerun"]
    return Row(
        page,
        count,
        (cut(ours, 50), cut(theirs, 50)),
        (cut(ours, 95), cut(theirs, 95)),
        ((app_after - app_before) / count, (hello_after - hello_before) / count),
        len(app.errors) + len(hello.errors),
    )


def explore_misses(row: Row) -> list[str]:
    """What Explore's row at the largest number of sessions misses of its targets."""
    missed = []
    if row.p95[0] > EXPLORE_P95_TARGET * row.p95[1]:
        missed.append(f"Explore p95 {row.p95[0]:.3f} s is over the hello app's {row.p95[1]:.3f} s")
    if row.kib[0] > EXPLORE_KIB_TARGET:
        missed.append(f"Explore adds {row.kib[0]:.0f} KiB a session, over {EXPLORE_KIB_TARGET} KiB")
    return missed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--reruns", type=int, default=10)
    parser.add_argument("--pages", nargs="+", choices=sorted(PAGES), default=sorted(PAGES))
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as log_dir:
        logs = Path(log_dir)
        with served_app(logs / "app.log", APP) as app_url, served_app(logs / "hello.log", HELLO_APP) as hello:
            # One session first on each page, so that loading the data and first imports are not counted.
            for page in args.pages:
                asyncio.run(load(app_url, 1, 1, PAGES[page]))
            asyncio.run(load(hello, 1, 1, HELLO_PAGE))
            print(HEADER)
            for page in args.pages:
                for count in args.sessions:
                    rows.append(under_load(app_url, hello, page, count, args.reruns))
                    print(rows[-1])
    errors = sum(row.errors for row in rows)
    print(f"errors: {errors}")
    explore = [row for row in rows if row.page == "explore"]
    missed = explore_misses(max(explore, key=lambda row: row.count)) if explore else []
    for miss in missed:
        print(f"target missed: {miss}")
    return 1 if errors or missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
