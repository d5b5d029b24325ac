"""A checksum of every evidence file, kept per evidence version, so that no data change can reach
patients under a version number that already meant something else.

    python -m backpain_aid.evidence.manifest           # check: exit 1 and name the files if stale
    python -m backpain_aid.evidence.manifest --write   # record the current data for its version

`--write` refuses to give a version that already has a checksum a different one: change
`version` in data/evidence.yaml first. tests/test_manifest.py runs the check on every `make test`.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

from backpain_aid.paths import DATA_DIR

MANIFEST_FILE = "checksums.yaml"
HEADER = (
    "# SHA-256 of every file in data/ (this file aside), per evidence version. Written by\n"
    "# `python -m backpain_aid.evidence.manifest --write`; checked by tests/test_manifest.py.\n"
    "# A version's checksum never changes: new data needs a new version in evidence.yaml.\n"
)


def file_checksums(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Each evidence file's SHA-256, by its path inside data/ (with / on every system)."""
    files = sorted(path for path in data_dir.rglob("*") if path.is_file() and path.name != MANIFEST_FILE)
    return {
        path.relative_to(data_dir).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in files
    }


def data_checksum(files: dict[str, str]) -> str:
    """One checksum for the whole of data/: the files' names and checksums, in order."""
    lines = "".join(f"{name} {checksum}\n" for name, checksum in sorted(files.items()))
    return hashlib.sha256(lines.encode()).hexdigest()


def current_version(data_dir: Path = DATA_DIR) -> str:
    return str(yaml.safe_load((data_dir / "evidence.yaml").read_text(encoding="utf-8"))["version"])


def read_manifest(data_dir: Path = DATA_DIR) -> dict[str, dict[str, str]]:
    """{"versions": version -> data checksum, "files": path -> file checksum of the last write}."""
    path = data_dir / MANIFEST_FILE
    if not path.is_file():
        return {"versions": {}, "files": {}}
    loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {"versions": dict(loaded.get("versions") or {}), "files": dict(loaded.get("files") or {})}


def problems(data_dir: Path = DATA_DIR) -> list[str]:
    """Why the manifest does not match the data, in words a reviewer can act on; empty if it does."""
    manifest, files, version = read_manifest(data_dir), file_checksums(data_dir), current_version(data_dir)
    recorded = manifest["versions"].get(version)
    if recorded is None:
        return [f"evidence version {version} has no checksum yet: run the manifest with --write"]
    if recorded == data_checksum(files):
        return []
    known = manifest["files"]
    changed = sorted(name for name in files.keys() | known.keys() if files.get(name) != known.get(name))
    return [
        f"data/ changed but the evidence version is still {version}: bump `version` in "
        f"data/evidence.yaml, then run the manifest with --write. Changed: {', '.join(changed)}"
    ]


def write(data_dir: Path = DATA_DIR) -> str:
    manifest, files, version = read_manifest(data_dir), file_checksums(data_dir), current_version(data_dir)
    checksum = data_checksum(files)
    if manifest["versions"].get(version, checksum) != checksum:
        raise SystemExit(
            f"version {version} already stands for other data: change `version` in evidence.yaml"
        )
    manifest["versions"][version] = checksum
    body = yaml.safe_dump({"versions": manifest["versions"], "files": files}, sort_keys=True)
    (data_dir / MANIFEST_FILE).write_text(HEADER + body, encoding="utf-8")
    return version


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        print(f"Recorded the data of evidence version {write()}.")
        return 0
    found = problems()
    for problem in found:
        print(problem)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
