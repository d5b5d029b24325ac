"""Benchmarks: `python -m bench` (or `make bench`). Each figure is a ratio to a baseline measured in the
same run, so it means the same on a fast or a slow machine. See bench/registry.py to add one."""
