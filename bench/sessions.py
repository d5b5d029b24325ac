"""`python -m bench.sessions [--sessions 10 30] [--reruns 10]`: many sessions at once, against the
Streamlit hello app under the same load, in the same run.

For each N, N simulated browser tabs (Streamlit's websocket protocol, no browser) open a session
on each served app at the same time and each reruns one page R times: for the aid, Compare opened
from a link with 3 options; for the hello app, its start page. Prints p50 and p95 latency per
rerun for both and their ratio, then the resident memory each extra open session adds to the
server process (the tabs stay open while it is read). Localhost only; bounded by N and R.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from pathlib import Path

import websockets

from bench.cold_start import APP, HELLO_APP
from bench.load import Session, Tally
from tests.browser import served_app

COMPARE_LINK = ("compare", "condition=sciatica&options=no_treatment,gabapentinoids,discectomy")
HELLO_PAGE = ("", "")


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


HEADER = "sessions  p50 s (aid / hello)  ratio  p95 s (aid / hello)  ratio  KiB a session (aid / hello)"


def compare_under_load(app_url: str, hello_url: str, count: int, reruns: int) -> tuple[str, int]:
    """One table row for `count` sessions at once, and the number of errors seen."""
    app, app_before, app_after = asyncio.run(load(app_url, count, reruns, COMPARE_LINK))
    hello, hello_before, hello_after = asyncio.run(load(hello_url, count, reruns, HELLO_PAGE))
    ours, theirs = app.by_step["rerun"], hello.by_step["rerun"]
    p50 = (cut(ours, 50), cut(theirs, 50))
    p95 = (cut(ours, 95), cut(theirs, 95))
    memory = ((app_after - app_before) / count, (hello_after - hello_before) / count)
    row = (
        f"{count:<9} {p50[0]:.3f} / {p50[1]:.3f}{'':<6} {p50[0] / p50[1]:<5.1f}  "
        f"{p95[0]:.3f} / {p95[1]:.3f}{'':<6} {p95[0] / p95[1]:<5.1f}  {memory[0]:.0f} / {memory[1]:.0f}"
    )
    return row, len(app.errors) + len(hello.errors)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.sessions", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 30])
    parser.add_argument("--reruns", type=int, default=10)
    args = parser.parse_args(argv)
    errors = 0
    with tempfile.TemporaryDirectory() as log_dir:
        logs = Path(log_dir)
        with served_app(logs / "app.log", APP) as app_url, served_app(logs / "hello.log", HELLO_APP) as hello:
            # One session first on each, so that loading the data and first imports are not counted.
            asyncio.run(load(app_url, 1, 1, COMPARE_LINK))
            asyncio.run(load(hello, 1, 1, HELLO_PAGE))
            print(HEADER)
            for count in args.sessions:
                row, found = compare_under_load(app_url, hello, count, args.reruns)
                errors += found
                print(row)
    print(f"errors: {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
