"""Numbers that content texts repeat from the figures kept beside them (the ASAS check's rule and
accuracy, the scan findings on the conditions page) say the same in every language: a figure
changed in one place fails here until the text says it too."""

import re

import pytest

from backpain_aid.content import load_content
from backpain_aid.language import LANGUAGES
from backpain_aid.wording import round_half_up

NUMBERS = re.compile(r"\d[\d,.]*")


def numbers_in(text: str) -> set[str]:
    return {number.rstrip(".,").replace(",", "") for number in NUMBERS.findall(text)}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_ibp_check_says_its_rule_and_accuracy_as_kept(lang):
    text = load_content(lang=lang)
    assert text.number("asas_ibp.rule.of") == len(text.entries("asas_ibp.items"))
    assert {str(text.number("asas_ibp.rule.min_yes")), str(text.number("asas_ibp.rule.of"))} <= numbers_in(
        text("asas_ibp.rule.text")
    )
    assert str(text.number("asas_ibp.applies_when.min_duration_months")) in numbers_in(
        text("asas_ibp.applies_when.text")
    )
    validation = text.entries("asas_ibp.accuracy.study_figures")[0]  # the study the text describes
    patients = re.search(r"(\d+) patients", str(validation["setting"]))
    said = numbers_in(text("asas_ibp.accuracy.text"))
    assert patients and patients.group(1) in said
    for measure in ("sensitivity_percent", "specificity_percent"):
        assert str(round_half_up(float(str(validation[measure])))) in said, measure


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_scan_finding_in_words_is_one_of_its_figures(lang):
    text = load_content(lang=lang)
    sections = [s for s in text.entries("conditions_explained.sections") if "figures" in s]
    assert sections
    for section in sections:
        kept = {str(n) for figure in section["figures"] for name, n in figure.items() if name != "finding"}
        said = re.findall(r"(\d+) (?:in|de cada) 100", str(section["text"]))
        assert said and set(said) <= kept, (section["id"], set(said) - kept)
