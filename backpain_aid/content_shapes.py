"""The content sections that pages read as lists of entries (questions, rules, items), and the keys
every entry must have: declared once here, checked for every language by `check_data` before the
app serves, so a missing key stops the start with its file, entry and key named instead of
breaking one page when somebody opens it.

`a.b[].c` is the `c` of each entry of `a.b`: a list of entries, or one entry, where an entry has it
(whether it must is said by `a.b`'s own keys).
"""

from collections.abc import Iterator, Mapping

from backpain_aid.content import Content, ContentError
from backpain_aid.language import DEFAULT_LANGUAGE

REQUIRED_KEYS: dict[str, tuple[str, ...]] = {
    "path.questions": ("id", "text", "options"),
    "path.questions[].options": ("id", "label"),
    "path.routing.rules": ("id", "if", "go_to", "text"),
    "path.routing.rules[].also_offer": ("id", "text"),
    "asas_ibp.items": ("id", "question", "criterion"),
    "values.sure.questions": ("id", "text", "if_no"),
    "values.quiz.bands": ("id", "label", "low", "high"),
    "patient_file.follow_up.regret_items": ("id", "text"),
    "summary.questions.suggested": ("id", "text"),
    "medicines_guide.general_tips": ("id", "text"),
    "medicines_guide.drug_classes": ("id", "name", "examples", "talk_first_if", "side_effects_to_watch"),
    "conditions_explained.sections": ("id", "title", "text"),
}


def problems(text: Content) -> list[str]:
    """Every missing key, as "file, key, entry: what is missing"; empty when all is there."""
    found: list[str] = []
    for section, required in REQUIRED_KEYS.items():
        parent, _, child = section.partition("[].")
        file = f"{parent.split('.')[0]}.yaml" + ("" if text.lang == DEFAULT_LANGUAGE else f" ({text.lang})")
        try:
            node = text.node(parent)
        except ContentError:
            found.append(f"{file}, key '{parent}': missing")
            continue
        if not isinstance(node, list):
            found.append(f"{file}, key '{parent}': must be a list of entries")
            continue
        for where, entry in _entries(f"{file}, key '{parent}'", node, child):
            if not isinstance(entry, Mapping):
                found.append(f"{where}: must be an entry with its own keys ({', '.join(required)})")
                continue
            named = f"{where} (id '{entry['id']}')" if "id" in entry else where
            found += [f"{named}: no '{key}'" for key in required if entry.get(key) in ("", None)]
    return found


def check(text: Content) -> None:
    """Raise ContentError listing every missing key."""
    found = problems(text)
    if found:
        raise ContentError("content entries are missing keys:\n" + "\n".join(found))


def _entries(where: str, node: list[object], child: str) -> Iterator[tuple[str, object]]:
    """(where, entry) for each entry of a list, or of each entry's `child` where it has one."""
    for index, entry in enumerate(node, 1):
        if not child:
            yield f"{where}, entry {index}", entry
            continue
        inner = entry.get(child) if isinstance(entry, Mapping) else None
        for number, item in enumerate(inner if isinstance(inner, list) else [inner] if inner else [], 1):
            yield f"{where}, entry {index}, '{child}' {number}", item
