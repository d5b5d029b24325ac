"""`python -m bench [name ...] [--repeats N] [--option section.name=value ...]`: run the benchmarks
(all, or those named) and print a table.

Each figure is the median of N timings of the subject divided by the median of N timings of its
baseline, measured in turns in the same run. Exit status 1 if a benchmark misses its target.
--option overrides a Streamlit config option for both sides, in this process (AppTest) and in the
servers it starts, e.g. --option runner.postScriptGC=false.
"""

import argparse
import os
import sys

from streamlit import config, logger
from streamlit.config_option import ConfigOption

from bench.core import run, table
from bench.registry import BENCHMARKS


def main(argv: list[str]) -> int:
    names = [benchmark.name for benchmark in BENCHMARKS]
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", metavar="name", help=f"one of: {', '.join(names)}")
    parser.add_argument("--repeats", type=int, help="timings per side (default: each benchmark's own)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    logger.set_log_level("error")  # AppTest outside `streamlit run` warns on every run; it is harmless
    for option in args.option:
        override(*option.split("=", 1))
    unknown = set(args.names) - set(names)
    if unknown:
        parser.error(f"unknown benchmark {', '.join(sorted(unknown))}; choose from {', '.join(names)}")
    chosen = [benchmark for benchmark in BENCHMARKS if not args.names or benchmark.name in args.names]
    results = []
    for benchmark in chosen:
        print(f"running {benchmark.name}: {benchmark.subject} / {benchmark.baseline}", file=sys.stderr)
        results.append(run(benchmark, args.repeats))
    print("\n".join(table(results)))
    return 1 if any(result.passed is False for result in results) else 0


def override(key: str, value: str) -> None:
    """Set a config option here and, through its environment variable, in `streamlit run` children."""
    os.environ[ConfigOption(key, description="", default_val=None).env_var] = value
    parsed = {"true": True, "false": False}.get(value.lower(), value)
    config.set_option(key, parsed)
    print(f"with {key}={parsed!r}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
