"""The pictures beside each result and the ladder (backpain_aid/templates/pictures.html.j2): one
line of HTML each, every text escaped, and drawn to match the figure they stand for."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from backpain_aid import charts
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence

EVIDENCE = load_evidence()
TEXT = load_content()
HOSTILE = "<script>alert(\"x\")</script> & 'é' 😀"
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;é&#39; 😀"


ROUNDED_ROWS = [(0, 0, 0), (0.4, 0, 0), (7, 0, 7), (10, 1, 0), (33.5, 3, 4), (100, 10, 0)]


@pytest.mark.parametrize(("per_100", "full_rows", "rest"), ROUNDED_ROWS)
def test_the_people_picture_darkens_the_rounded_count_row_by_row(per_100, full_rows, rest):
    drawn = charts.people_picture("Title", per_100, "Words")
    rows = re.findall(r"height:calc\((\d+) \* var\(--cell\)\)", drawn)
    partial = re.findall(r"width:calc\((\d+) \* var\(--cell\)\)", drawn)
    assert rows == ([str(full_rows)] if full_rows else [])
    assert partial == ([str(rest)] if rest else [])
    assert drawn.count('class="aid-on"') == bool(full_rows) + bool(rest)


def test_a_picture_escapes_its_words_and_is_one_line():
    drawn = charts.people_picture(HOSTILE, 50, HOSTILE)
    assert "<script>" not in drawn
    assert f'aria-label="{ESCAPED}"' in drawn and f'<span class="aid-pic-title">{ESCAPED}</span>' in drawn
    assert "\n" not in drawn


def test_the_ladder_marks_the_chosen_steps_and_escapes_their_names():
    option = next(iter(EVIDENCE.options.values()))
    drawn = charts.ladder_picture(EVIDENCE, [option.id], TEXT)
    assert drawn.count("<li ") == len(EVIDENCE.ladder) and drawn.count("aid-step-on") == 1
    assert "\n" not in drawn
    step = EVIDENCE.ladder[option.ladder_step].step
    assert f'<li class="aid-step aid-step-on" style="--s:{step}">' in drawn


def mean_differences():
    return [
        outcome
        for outcome in EVIDENCE.outcomes
        if outcome.measure == "mean_difference" and charts.verdicts.effect(outcome, EVIDENCE) is not None
    ]


@pytest.mark.parametrize("outcome", mean_differences(), ids=lambda outcome: outcome.id)
def test_the_average_line_puts_its_dot_and_range_inside_the_drawing_and_says_them(outcome):
    drawn = charts.result_picture(outcome, EVIDENCE, TEXT)
    assert "\n" not in drawn and drawn.startswith('<div class="aid-pic aid-average" role="img"')
    positions = [float(value) for value in re.findall(r' (?:x|x1|x2|cx|width)="(-?[\d.]+)"', drawn)]
    assert positions and all(0 <= value <= charts.AVERAGE_WIDTH for value in positions)
    assert drawn.count('class="aid-range"') == (outcome.md_interval is not None)
    found = charts.verdicts.effect(outcome, EVIDENCE)
    gain = charts.out_of_100(found.gain, EVIDENCE.scales[outcome.scale_id].span)
    said = TEXT("pictures.average.alt", average=charts.average_words(gain, TEXT))
    assert f'aria-label="{escape(said)}' in drawn
