"""`python -m backpain_aid.check_data [DATA_DIR]`: validate data/ (or another copy of it) and say
what is wrong, before serving. Exit status 1 if anything is, so `make run` and the container refuse to
start on broken data."""

import sys
from pathlib import Path

from backpain_aid import content_shapes
from backpain_aid.content import ContentError, load_content
from backpain_aid.evidence import EvidenceError, load_evidence
from backpain_aid.language import TRANSLATIONS
from backpain_aid.paths import DATA_DIR
from backpain_aid.safety import red_flag_signs
from backpain_aid.values import RulesError, load_attributes


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else DATA_DIR
    try:
        content = load_content(data_dir / "content")
        evidence = load_evidence(data_dir)
        # Content that pages parse into rules: broken, it should stop the start, not one page.
        red_flag_signs(content)
        load_attributes(content, evidence)
        content_shapes.check(content)
        for lang in TRANSLATIONS:  # each translation too, so a page never finds a gap in one
            translated = load_content(data_dir / "content", lang)
            red_flag_signs(translated)
            content_shapes.check(translated)
            load_attributes(translated, load_evidence(data_dir, lang))
    except (ContentError, EvidenceError, RulesError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Evidence {evidence.meta.version} is valid: {len(evidence.options)} options, "
        f"{len(evidence.conditions)} conditions, {len(evidence.outcomes)} outcomes, "
        f"{len(evidence.sources)} sources. Translations checked: {', '.join(TRANSLATIONS)}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
