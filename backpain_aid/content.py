"""Patient-facing text kept in data/content/*.yaml, so it can be reviewed, reading-level
tested and translated without touching code.

Each YAML file is a namespace: `explore.yaml` key `title` is read as `text("explore.title")`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from backpain_aid.paths import CONTENT_DIR

#: Keys that hold notes for reviewers or rules for code, never shown to patients.
REVIEWER_KEYS = {
    "extraction_note",
    "criterion",
    "setting",
    "if",
    "go_to",
    "order_note",
    "id",
    "gap_note",
    "scoring",
}


class ContentError(Exception):
    """A content file is broken or a page asked for text that does not exist."""


@dataclass(frozen=True)
class Content:
    tree: Mapping[str, object]

    def __call__(self, key: str, **values: object) -> str:
        """The text at a dotted key, with {placeholders} filled in."""
        node = self.node(key)
        if not isinstance(node, str):
            raise ContentError(f"content key '{key}' is a section, not a text")
        try:
            return node.format(**values) if values else node
        except (KeyError, IndexError) as error:
            raise ContentError(f"content key '{key}' needs the value {error}") from error

    def node(self, key: str) -> object:
        node: object = self.tree
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise ContentError(f"no content text at '{key}' (looked in data/content/)")
            node = node[part]
        return node

    def section(self, key: str) -> Mapping[str, object]:
        node = self.node(key)
        if not isinstance(node, Mapping):
            raise ContentError(f"content key '{key}' is a text, not a section")
        return node

    def source_ids(self, key: str) -> list[str]:
        """Every source id cited anywhere under a key (keys ending in `source_ids`), in order."""
        found: list[str] = []
        _collect_sources(self.node(key), found)
        return list(dict.fromkeys(found))

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every patient-facing (key, text) pair, for reading-level and markup checks."""
        yield from _walk("", self.tree)


def _walk(prefix: str, node: object) -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield prefix, node
    elif isinstance(node, Mapping):
        for key, child in node.items():
            if key not in REVIEWER_KEYS and not str(key).endswith("source_ids"):
                yield from _walk(f"{prefix}.{key}" if prefix else str(key), child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _walk(f"{prefix}[{index}]", child)


def _collect_sources(node: object, found: list[str]) -> None:
    if isinstance(node, Mapping):
        for key, child in node.items():
            if str(key).endswith("source_ids") and isinstance(child, list):
                found.extend(str(item) for item in child)
            else:
                _collect_sources(child, found)
    elif isinstance(node, list):
        for child in node:
            _collect_sources(child, found)


def _check(file: str, prefix: str, node: object) -> None:
    if isinstance(node, str):
        if not node.strip():
            raise ContentError(f"{file}, key '{prefix}': text is empty")
    elif isinstance(node, Mapping):
        for key, child in node.items():
            if not isinstance(key, str):
                raise ContentError(f"{file}, key '{prefix}.{key}': keys must be text")
            _check(file, f"{prefix}.{key}" if prefix else key, child)
    elif isinstance(node, list):
        for index, child in enumerate(node):
            _check(file, f"{prefix}[{index}]", child)
    elif not isinstance(node, (int, float, bool)):
        raise ContentError(f"{file}, key '{prefix}': unexpected value {node!r}")


def load_content(content_dir: Path = CONTENT_DIR) -> Content:
    tree: dict[str, object] = {}
    files = sorted(Path(content_dir).glob("*.yaml"))
    if not files:
        raise ContentError(f"no content files in {content_dir}")
    for path in files:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ContentError(f"{path.name}: not valid YAML: {error}") from error
        if not isinstance(data, Mapping):
            raise ContentError(f"{path.name}: must hold a mapping of keys to texts")
        _check(path.name, "", data)
        tree[path.stem] = data
    return Content(tree)
