"""What the start page and Compare promise must be true of the data they show."""

import re

from backpain_aid.paths import PROJECT_ROOT

ALWAYS = re.compile(r"\balways\b", re.IGNORECASE)


def test_no_promise_of_an_untreated_group_when_some_results_have_none(evidence, text):
    without_untreated = [
        outcome.id
        for outcome in evidence.outcomes
        if outcome.measure != "no_good_evidence" and outcome.comparator_id not in {"no_treatment", "placebo"}
    ]
    assert without_untreated  # usual care, exercise programmes, treatment-only harms...
    for key in ("home.how", "home.intro", "compare.intro"):
        assert not ALWAYS.search(text(key)), f"{key} promises something that is not always so"



def test_the_readme_counts_the_options_in_the_data(evidence):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"Options: (\d+),", readme)
    assert stated and int(stated.group(1)) == len(evidence.options)
