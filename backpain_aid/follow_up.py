"""How am I doing now: short dated checks a person adds at later visits, kept in their own file.

Each check holds pain now and how much pain stops daily activities (both 0 to 10), the option the
person started and whether they are still on it, the SURE test again (backpain_aid/sure.py) and
the Decision Regret Scale (Brehaut et al. 2003, Med Decis Making 23(4):281-292): five statements
answered from "strongly agree" (1) to "strongly disagree" (5). Statements 2 and 4 say regret in
so many words, so their answers are turned round; each answer then counts (answer - 1) x 25 and
the score is their mean, from 0 (no regret) to 100 (high regret). It is only worked out when all
five are answered. All words are in data/content/patient_file.yaml. Streamlit-free.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypedDict, TypeGuard

import altair as alt

from backpain_aid import sure
from backpain_aid.charts import readable
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.language import format_date, format_number

SCORE_MAX = 10  # pain now and how much pain stops daily activities: 0 to 10
NOT_STARTED = "none"  # the option answer for "I have not started any of them"
REGRET_ITEMS = ("right_decision", "regret_choice", "same_again", "did_harm", "wise_decision")
REGRET_TURNED = frozenset({"regret_choice", "did_harm"})  # agreeing with these means regret
AGREE_LEVELS = 5  # 1 strongly agree ... 5 strongly disagree
REGRET_POINTS = 25  # per step from the answer that means no regret
#: Checks kept in one file: years of monthly visits; a longer list keeps the latest.
MAX_FOLLOW_UPS = 60
#: The whole picture on the page, axis and legend included: about 200 px of it is the plot.
CHART_HEIGHT_PX = 300
LINE_COLOURS = ("#0b5cad", "#b45309")  # blue and dark orange: apart for every kind of colour sight
LINE_DASHES = ((1, 0), (6, 4))
POINT_SHAPES = ("circle", "square")


@dataclass(frozen=True)
class FollowUp:
    """One dated check. None (or an empty mapping) means the question was not answered."""

    on: date
    pain: int | None = None
    activities: int | None = None
    option_id: str | None = None  # the option started, NOT_STARTED, or None
    still_on_it: bool | None = None
    sure: Mapping[str, bool] = field(default_factory=dict)
    regret: Mapping[str, int] = field(default_factory=dict)  # item id -> 1 (strongly agree) to 5

    @property
    def answered(self) -> bool:
        given = (self.pain, self.activities, self.option_id, self.still_on_it)
        return any(value is not None for value in given) or bool(self.sure) or bool(self.regret)

    @property
    def regret_score(self) -> float | None:
        return regret_score(self.regret)


def regret_score(answers: Mapping[str, int]) -> float | None:
    """0 (no regret) to 100 (high regret), or None unless all five statements have an answer."""
    if any(answers.get(item) not in range(1, AGREE_LEVELS + 1) for item in REGRET_ITEMS):
        return None
    points = [
        ((AGREE_LEVELS + 1 - answers[item]) if item in REGRET_TURNED else answers[item]) - 1
        for item in REGRET_ITEMS
    ]
    return sum(points) * REGRET_POINTS / len(points)


def in_range(value: object, high: int, low: int = 0) -> TypeGuard[int]:
    """A whole number (not a truth value) from low to high."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def sure_result(check: FollowUp, text: Content) -> sure.SureResult:
    return sure.score(check.sure, sure.question_ids(text))


def started_name(check: FollowUp, evidence: Evidence, text: Content) -> str:
    """The option started, in words, or "" when not answered."""
    if check.option_id == NOT_STARTED:
        return text("patient_file.follow_up.none_started")
    option = evidence.options.get(check.option_id or "")
    return option.name if option else ""


def sorted_checks(follow_ups: Sequence[FollowUp]) -> list[FollowUp]:
    """Oldest first; checks on the same day keep the order they were added in."""
    return sorted(follow_ups, key=lambda check: check.on)


def check_label(number: int, check: FollowUp, text: Content) -> str:
    return text("patient_file.follow_up.check_label", number=number, date=format_date(check.on, text.lang))


# --- In a table and in words ----------------------------------------------------------------


def table_columns(text: Content) -> tuple[str, ...]:
    columns = text.section("patient_file.follow_up.columns")
    return tuple(
        str(columns[key])
        for key in ("check", "pain", "activities", "started", "still_on_it", "sure", "regret")
    )


def table_rows(
    follow_ups: Sequence[FollowUp], evidence: Evidence, text: Content
) -> tuple[tuple[str, ...], ...]:
    """One row per check, oldest first; a question not answered says so."""
    missing = text("summary.not_answered")

    def score(value: int | None) -> str:
        return missing if value is None else text("patient_file.follow_up.out_of_10", value=value)

    rows = []
    for number, check in enumerate(sorted_checks(follow_ups), start=1):
        result = sure_result(check, text)
        regret = check.regret_score
        still = {True: text("values.sure.yes"), False: text("values.sure.no"), None: missing}
        if check.option_id == NOT_STARTED:
            still[None] = text("patient_file.follow_up.not_asked")
        rows.append(
            (
                check_label(number, check, text),
                score(check.pain),
                score(check.activities),
                started_name(check, evidence, text) or missing,
                still[check.still_on_it],
                text("patient_file.follow_up.sure_score", score=result.score, total=result.total)
                if result.complete
                else missing,
                text("patient_file.follow_up.regret_score", score=format_number(regret, text.lang))
                if regret is not None
                else missing,
            )
        )
    return tuple(rows)


class ChartLine(TypedDict):
    """One line of the visits chart, as plain data (the PDF template draws it from these keys)."""

    label: str
    colour: str
    dash: list[int]
    shape: str
    values: list[int | None]  # one per check, oldest first; None where it was not answered


def chart_series(follow_ups: Sequence[FollowUp], text: Content) -> list[ChartLine]:
    """The two 0 to 10 answers over the checks, as plain data for the page chart and for print."""
    checks = sorted_checks(follow_ups)
    labels = text.section("patient_file.follow_up.chart.series")
    return [
        {
            "label": str(labels[name]),
            "colour": colour,
            "dash": list(dash),
            "shape": shape,
            "values": [getattr(check, name) for check in checks],
        }
        for name, colour, dash, shape in zip(
            ("pain", "activities"), LINE_COLOURS, LINE_DASHES, POINT_SHAPES, strict=True
        )
    ]


def chart_words(follow_ups: Sequence[FollowUp], text: Content) -> tuple[str, ...]:
    """What the chart shows, check by check, for screen readers and print."""
    words = []
    missing = text("summary.not_answered").lower()
    for number, check in enumerate(sorted_checks(follow_ups), start=1):
        values = {
            name: missing if value is None else text("patient_file.follow_up.out_of_10", value=value)
            for name, value in (("pain", check.pain), ("activities", check.activities))
        }
        words.append(
            text("patient_file.follow_up.chart.words", check=check_label(number, check, text), **values)
        )
    return tuple(words)


def has_chart(follow_ups: Sequence[FollowUp]) -> bool:
    return any(check.pain is not None or check.activities is not None for check in follow_ups)


def visits_chart(follow_ups: Sequence[FollowUp], text: Content) -> alt.Chart:
    """Pain now and how much it stops daily activities at each check, on one 0 to 10 scale. The
    two lines differ in colour, dash and point shape, so neither needs colour to be told apart."""
    checks = sorted_checks(follow_ups)
    series = chart_series(checks, text)
    order = [check_label(number, check, text) for number, check in enumerate(checks, start=1)]
    rows = [
        {"check": order[index], "what": line["label"], "score": value}
        for line in series
        for index, value in enumerate(line["values"])
        if value is not None
    ]
    names = [line["label"] for line in series]
    axis_title = text("patient_file.follow_up.chart.axis")
    # Altair's mark_* methods are untyped (they return Any): the annotation keeps the type.
    # alt.Data keeps the rows inline in the spec (the typed alt.InlineData would be moved to a
    # named dataset), but Altair leaves its __init__ unannotated.
    chart: alt.Chart = (
        alt.Chart(alt.Data(values=rows))  # type: ignore[no-untyped-call]  # Altair: untyped Data()
        # No tooltip: a table of the same answers follows the chart, and Streamlit's theme would
        # otherwise show the data's column names on hover.
        .mark_line(point={"filled": True, "size": 90}, strokeWidth=3, tooltip=None)
        .encode(
            x=alt.X(
                "check:O",
                sort=order,
                title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=180, labelFontSize=13),
            ),
            y=alt.Y(
                "score:Q",
                title=axis_title,
                scale=alt.Scale(domain=[0, SCORE_MAX]),
                axis=alt.Axis(values=list(range(0, SCORE_MAX + 1, 2)), labelFontSize=13, titleFontSize=13),
            ),
            color=alt.Color(
                "what:N",
                scale=alt.Scale(domain=names, range=list(LINE_COLOURS)),
                legend=alt.Legend(
                    title=None, orient="bottom", labelLimit=400, labelFontSize=14, symbolSize=160
                ),
            ),
            strokeDash=alt.StrokeDash(
                "what:N", scale=alt.Scale(domain=names, range=[list(d) for d in LINE_DASHES]), legend=None
            ),
            shape=alt.Shape("what:N", scale=alt.Scale(domain=names, range=list(POINT_SHAPES)), legend=None),
            tooltip=[
                alt.Tooltip("check:O", title=text("patient_file.follow_up.columns.check")),
                alt.Tooltip("what:N", title=" "),
                alt.Tooltip("score:Q", title=axis_title),
            ],
        )
        .properties(height=CHART_HEIGHT_PX)  # the title is the block's, above it
    )
    return readable(chart)


# --- From the form ---------------------------------------------------------------------------


def from_form(
    on: date,
    pain: object,
    activities: object,
    option_id: object,
    still_on_it: object,
    sure_answers: Mapping[str, object],
    regret_answers: Mapping[str, object],
    allowed_options: Sequence[str],
    sure_ids: Sequence[str],
) -> FollowUp:
    """A check from what the form sent, keeping only answers of the right kind and range."""
    option = (
        option_id
        if isinstance(option_id, str) and (option_id == NOT_STARTED or option_id in allowed_options)
        else None
    )
    return FollowUp(
        on=on,
        pain=pain if in_range(pain, SCORE_MAX) else None,
        activities=activities if in_range(activities, SCORE_MAX) else None,
        option_id=option,
        still_on_it=still_on_it
        if isinstance(still_on_it, bool) and option not in (None, NOT_STARTED)
        else None,
        sure={
            key: value for key, value in sure_answers.items() if key in sure_ids and isinstance(value, bool)
        },
        regret={
            key: value
            for key, value in regret_answers.items()
            if key in REGRET_ITEMS and in_range(value, AGREE_LEVELS, low=1)
        },
    )
