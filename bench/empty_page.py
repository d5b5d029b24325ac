"""A page of the app with nothing on it: bench/compare_rerun.py times the frame alone with it."""
