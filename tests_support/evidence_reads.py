"""Checks shared by the tests that tie rows shipped from staging to what was read in their sources
(tests/test_new_options_2026_12.py, tests/test_spinal_cord_stimulation.py)."""

from backpain_aid.evidence import Evidence


def assert_stance_read(
    evidence: Evidence, option_id: str, condition_id: str, guideline_id: str, read: tuple[str, str, str]
) -> None:
    """The guideline's one stance on this option is (stance, strength) as read, from this link."""
    stance_value, strength, link = read
    (stance,) = [s for s in evidence.stances_for(option_id, condition_id) if s.guideline_id == guideline_id]
    assert (stance.stance, stance.strength) == (stance_value, strength)
    assert evidence.sources[stance.source_id].doi_or_url == link


def assert_outcome_read(evidence: Evidence, outcome_id: str, link: str, words: str) -> None:
    """The row cites the source at this link, and its extraction note keeps the words read."""
    outcome = next(o for o in evidence.outcomes if o.id == outcome_id)
    assert evidence.sources[outcome.source_id].doi_or_url == link
    assert words in outcome.extraction_note
