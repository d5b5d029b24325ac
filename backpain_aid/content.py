"""Patient-facing text kept in data/content/*.yaml, so it can be reviewed, reading-level
tested and translated without touching code.

Each YAML file is a namespace: `explore.yaml` key `title` is read as `text("explore.title")`.

Translations: `data/content/es/explore.yaml` holds the same tree with only the patient-facing
texts (those `Content.texts()` yields) in Spanish. `load_content(lang="es")` lays them over the
English; reviewer keys, rules, numbers and source ids always come from the English file, so a
translation can never change what the aid cites or scores. A text missing from either language,
an extra key or a changed {placeholder} stops the load with the file and key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Formatter

import yaml

from backpain_aid.language import DEFAULT_LANGUAGE, check_language
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
    "level",  # a red flag's urgency, read by backpain_aid/safety.py; its words are in `ui`
}


class ContentError(Exception):
    """A content file is broken or a page asked for text that does not exist."""


_SPANISH_CONTRACTIONS = re.compile(r"\b([Aa]|[Dd]e) el\b")


def _contracted(match: re.Match[str]) -> str:
    return {"a": "al", "A": "Al", "de": "del", "De": "Del"}[match.group(1)]


@dataclass(frozen=True)
class Content:
    tree: Mapping[str, object]
    #: The language of the texts; code that writes numbers or dates into them follows it.
    lang: str = DEFAULT_LANGUAGE

    def __call__(self, key: str, **values: object) -> str:
        """The text at a dotted key, with {placeholders} filled in."""
        node = self.node(key)
        if not isinstance(node, str):
            raise ContentError(f"content key '{key}' is a section, not a text")
        if not values:
            return node
        try:
            filled = node.format(**values)
        except (KeyError, IndexError) as error:
            raise ContentError(f"content key '{key}' needs the value {error}") from error
        # Spanish joins "a el" and "de el" into "al" and "del"; a filled-in name can bring them
        # together ("frente a {comparator}" with "el consejo ...").
        return _SPANISH_CONTRACTIONS.sub(_contracted, filled) if self.lang == "es" else filled

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

    def entries(self, key: str) -> list[Mapping[str, object]]:
        """A list of entries at a dotted key, each a section of its own keys (questions, rules)."""
        node = self.node(key)
        entries = [entry for entry in node if isinstance(entry, Mapping)] if isinstance(node, list) else []
        if not isinstance(node, list) or len(entries) != len(node):
            raise ContentError(f"content key '{key}' must be a list of entries, each with its own keys")
        return entries

    def text_list(self, key: str) -> list[str]:
        """A list of plain texts at a dotted key (a scale's words, a list of points)."""
        node = self.node(key)
        if not isinstance(node, list) or not all(isinstance(item, str) for item in node):
            raise ContentError(f"content key '{key}' must be a list of texts")
        return [str(item) for item in node]

    def number(self, key: str) -> int:
        """A whole number kept with the texts as a rule (how many answers count, say)."""
        return whole_number(self.node(key), key)

    def source_ids(self, key: str) -> list[str]:
        """Every source id cited anywhere under a key (keys ending in `source_ids`), in order."""
        found: list[str] = []
        _collect_sources(self.node(key), found)
        return list(dict.fromkeys(found))

    def texts(self) -> Iterator[tuple[str, str]]:
        """Every patient-facing (key, text) pair, for reading-level and markup checks."""
        yield from _walk("", self.tree)


def whole_number(value: object, key: str) -> int:
    """A rule's number from a content file, refused when it is anything else (yes/no included)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ContentError(f"content key '{key}' must be a whole number, not {value!r}")
    return value


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


def load_content(content_dir: Path = CONTENT_DIR, lang: str = DEFAULT_LANGUAGE) -> Content:
    """The English texts, or for another language its translation laid over them."""
    tree = _read_files(Path(content_dir))
    if check_language(lang) != DEFAULT_LANGUAGE:
        tree = _translated(tree, _read_files(Path(content_dir) / lang, f"{lang}/"), f"{lang}/")
    return Content(tree, lang)


def _read_files(folder: Path, label: str = "") -> dict[str, object]:
    """Each YAML file in a folder (not its subfolders), by file stem; `label` prefixes file names
    in errors ("es/")."""
    tree: dict[str, object] = {}
    files = sorted(folder.glob("*.yaml"))
    if not files:
        raise ContentError(f"no content files in {folder}")
    for path in files:
        name = label + path.name
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ContentError(f"{name}: not valid YAML: {error}") from error
        if not isinstance(data, Mapping):
            raise ContentError(f"{name}: must hold a mapping of keys to texts")
        _check(name, "", data)
        tree[path.stem] = data
    return tree


def placeholders(text: str) -> set[str]:
    """The {names} a text is filled in with ("{{" is a literal brace, not a placeholder)."""
    try:
        return {field for _, field, _, _ in Formatter().parse(text) if field is not None}
    except ValueError as error:
        raise ContentError(f"text has a broken {{placeholder}}: {error}: {text!r}") from error


def _translated(
    english: Mapping[str, object], translation: Mapping[str, object], label: str
) -> dict[str, object]:
    """The English tree with every patient-facing text replaced by its translation. Every
    problem is collected, so a translator sees the whole list at once."""
    problems: list[str] = []
    for stem in sorted(set(translation) - set(english)):
        problems.append(f"{label}{stem}.yaml: there is no English {stem}.yaml to translate")
    tree: dict[str, object] = {}
    for stem, node in english.items():
        if stem not in translation:
            problems.append(f"{label}{stem}.yaml: file is missing (translate {stem}.yaml)")
            tree[stem] = node
            continue
        tree[stem] = _overlay(_Where(f"{label}{stem}.yaml", ""), node, translation[stem], problems)
    if problems:
        raise ContentError(f"{len(problems)} problem(s) in the translation:\n" + "\n".join(problems))
    return tree


@dataclass(frozen=True)
class _Where:
    file: str
    key: str

    def child(self, part: str) -> _Where:
        return _Where(self.file, f"{self.key}.{part}" if self.key else part)

    def item(self, index: int) -> _Where:
        return _Where(self.file, f"{self.key}[{index}]")

    def __str__(self) -> str:
        return f"{self.file}, key '{self.key}'"


def _is_text_key(key: object) -> bool:
    return key not in REVIEWER_KEYS and not str(key).endswith("source_ids")


def _has_text(node: object) -> bool:
    """True when the node holds a patient-facing text somewhere (the same walk as texts())."""
    return any(True for _ in _walk("", node))


def _overlay(where: _Where, english: object, translated: object, problems: list[str]) -> object:
    if isinstance(english, str):
        if not isinstance(translated, str):
            problems.append(f"{where}: must be a text, as in English")
            return english
        try:
            wanted, found = placeholders(english), placeholders(translated)
        except ContentError as error:
            problems.append(f"{where}: {error}")
            return english
        if found != wanted:
            problems.append(
                f"{where}: placeholders {sorted(found)} do not match the English {sorted(wanted)}"
            )
        return translated
    if isinstance(english, list):
        if not isinstance(translated, list) or len(translated) != len(english):
            count = len(translated) if isinstance(translated, list) else "no"
            problems.append(f"{where}: must be a list of {len(english)} items, as in English (has {count})")
            return english
        pairs = enumerate(zip(english, translated, strict=True))
        return [_overlay(where.item(index), e, t, problems) for index, (e, t) in pairs]
    if isinstance(english, Mapping):
        if not isinstance(translated, Mapping):
            problems.append(f"{where}: must be a section of keys, as in English")
            return english
        return _overlay_section(where, english, translated, problems)
    return english  # a number or a yes/no: a rule, never translated


def _overlay_section(
    where: _Where, english: Mapping[str, object], translated: Mapping[str, object], problems: list[str]
) -> dict[str, object]:
    merged: dict[str, object] = {}
    for key, node in english.items():
        if key == "id" and key in translated:
            # An item may repeat its id to show which English item it translates; it must agree.
            if translated[key] != node:
                problems.append(f"{where.child(key)}: is '{translated[key]}', the English item is '{node}'")
            merged[key] = node
        elif _is_text_key(key) and _has_text(node):
            if key in translated:
                merged[key] = _overlay(where.child(key), node, translated[key], problems)
            else:
                problems.append(f"{where.child(key)}: text is missing (English has it)")
                merged[key] = node
        else:
            if key in translated:
                problems.append(f"{where.child(key)}: comes from the English file; leave it out")
            merged[key] = node
    for key in translated:
        if key not in english:
            problems.append(f"{where.child(str(key))}: no such key in English (check its spelling)")
    return merged
