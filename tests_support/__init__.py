"""Helpers shared by tests/, bench/ and scripts/: serving the real app, driving it in Chromium or
AppTest, and example answers. Nothing here imports from tests/ (an import-linter contract)."""
