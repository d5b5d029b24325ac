"""`python -m backpain_aid.evidence.check`: validate data/ and say what is wrong, before serving."""

import sys

from backpain_aid.evidence import EvidenceError, load_evidence


def main() -> int:
    try:
        evidence = load_evidence()
    except EvidenceError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        f"Evidence {evidence.meta.version} is valid: {len(evidence.options)} options, "
        f"{len(evidence.conditions)} conditions, {len(evidence.outcomes)} outcomes, "
        f"{len(evidence.sources)} sources."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
