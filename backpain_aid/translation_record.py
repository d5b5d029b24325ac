"""Which English text each translation was made from, so that a change to the English cannot leave
a translation silently out of date.

Each translation keeps a record beside it, one line per text: where the text is, and a short
fingerprint of the English it was translated from.

- data/content/<lang>/translated_from.txt: the texts of data/content/*.yaml (`Content.texts()` keys)
- data/<lang>/translated_from.txt: the translated cells of data/*.csv and the statements of
  data/evidence.yaml ("options.csv/exercise/description", "evidence.yaml/update_policy")

`python -m backpain_aid.translation_record es` lists every text whose English changed, is new, or
is gone since it was translated. After the translation of a text has been brought up to date,
`python -m backpain_aid.translation_record es --accept KEY...` (or `--accept-all`, once every listed
text has been checked) writes the new fingerprints. tests/test_spanish.py fails while anything is
listed, so a changed English text always reaches a translator.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backpain_aid.content import load_content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.loader import META_FILE, TABLE_FILES, load_evidence
from backpain_aid.evidence.translation import TRANSLATED_COLUMNS, TRANSLATED_META, key_columns
from backpain_aid.language import TRANSLATIONS
from backpain_aid.paths import DATA_DIR

RECORD_FILE = "translated_from.txt"
HEADER = (
    "# Fingerprints of the English each translated text was made from (backpain_aid/translation_record.py).\n"
    "# Do not edit by hand: update the translation, then run\n"
    "#   python -m backpain_aid.translation_record {lang} --accept KEY...\n"
)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def content_texts(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """Every English patient-facing text in data/content, by its key."""
    return dict(load_content(data_dir / "content").texts())


def evidence_texts(evidence: Evidence) -> dict[str, str]:
    """Every text a translation of the evidence holds, by file, row key and column."""
    found = {f"{META_FILE}/{field}": getattr(evidence.meta, field) for field in TRANSLATED_META}
    for table, columns in TRANSLATED_COLUMNS.items():
        rows = getattr(evidence, table)
        file = TABLE_FILES[table][0]
        for row in rows.values() if isinstance(rows, Mapping) else rows:
            key = "/".join(str(getattr(row, name)) for name in key_columns(table))
            for column in columns:
                found[f"{file}/{key}/{column}"] = getattr(row, column)
    return found


@dataclass(frozen=True)
class Record:
    """One translation's record: where it is kept and the English texts it is held against."""

    path: Path
    english: dict[str, str]

    def recorded(self) -> dict[str, str]:
        if not self.path.is_file():
            return {}
        lines = self.path.read_text(encoding="utf-8").splitlines()
        pairs = (line.rsplit(" ", 1) for line in lines if line.strip() and not line.startswith("#"))
        return {key: mark for key, mark in pairs}

    def out_of_date(self) -> dict[str, str]:
        """Each text whose translation may no longer match the English, with the reason."""
        recorded = self.recorded()
        found = {}
        for key, text in self.english.items():
            if key not in recorded:
                found[key] = "new in English (translate it)"
            elif recorded[key] != fingerprint(text):
                found[key] = "English changed since it was translated"
        for key in recorded.keys() - self.english.keys():
            found[key] = "gone from English"
        return dict(sorted(found.items()))

    def accept(self, keys: set[str], lang: str) -> None:
        """Write current fingerprints for `keys`; every other line keeps what it had."""
        recorded = self.recorded()
        for key in keys:
            if key in self.english:
                recorded[key] = fingerprint(self.english[key])
            else:
                recorded.pop(key, None)
        lines = [f"{key} {recorded[key]}" for key in sorted(recorded)]
        self.path.write_text(HEADER.format(lang=lang) + "\n".join(lines) + "\n", encoding="utf-8")


def records(lang: str, data_dir: Path = DATA_DIR) -> list[Record]:
    return [
        Record(data_dir / "content" / lang / RECORD_FILE, content_texts(data_dir)),
        Record(data_dir / lang / RECORD_FILE, evidence_texts(load_evidence(data_dir))),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m backpain_aid.translation_record", description=__doc__)
    parser.add_argument("lang", choices=TRANSLATIONS)
    parser.add_argument("--accept", nargs="+", default=[], metavar="KEY", help="texts now up to date")
    parser.add_argument("--accept-all", action="store_true", help="every listed text is now up to date")
    args = parser.parse_args(argv)
    left = 0
    for record in records(args.lang):
        listed = record.out_of_date()
        chosen = set(listed) if args.accept_all else set(args.accept) & set(listed)
        if chosen:
            record.accept(chosen, args.lang)
        for key, reason in listed.items():
            if key not in chosen:
                print(f"{record.path.relative_to(DATA_DIR.parent)}: {key}: {reason}")
                left += 1
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
