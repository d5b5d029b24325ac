"""The shared-decision summary: the person's answers and the evidence behind the options they
compared, as plain sections that a page and the PDF both show. Streamlit-free.

Steps the person has not done are `NotDone` markers that name the page to go to, never blanks or
made-up values. Anything the person typed is kept apart (`typed=True`) so that no view ever reads
it as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Literal

from backpain_aid import charts, follow_up, quiz, sure, values
from backpain_aid.answers import MAX_NOTES_CHARS, NOT_SURE, Answers, clean, suggested_questions
from backpain_aid.compare import (
    MIN_OPTIONS,
    Figure,
    Selection,
    figures_for,
    icon_array_counts,
    icon_groups,
    mismatch,
    pictured_outcome_types,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import Source
from backpain_aid.explore import option_card
from backpain_aid.glance import glance
from backpain_aid.ibp_check import assess
from backpain_aid.language import DEFAULT_LANGUAGE, format_date, format_number
from backpain_aid.page_names import PageName
from backpain_aid.safety import red_flag_signs, triage
from backpain_aid.values_chart import ATTRIBUTE_COLOURS, fit_chart_in
from backpain_aid.wording import (
    OutcomeStatement,
    cite,
    count_out_of_100,
    full_reference,
    round_half_up,
)

FIT_CHART_WIDTH_PX = 460  # on paper; the page stretches it to fit

SECTION_IDS = (
    "condition",
    "options",
    "priorities",
    "leaning",
    "sure",
    "follow_ups",
    "quiz",
    "questions",
    "medicines",
    "red_flags",
    "evidence",
)


# --- What a summary is made of -----------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    text: str
    typed: bool = False  # the person wrote it: plain text only, never markup
    style: Literal["plain", "strong", "alert"] = "plain"
    print_only: bool = False  # the app already shows it at the top of every page


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    typed: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    typed: bool = False
    widths: tuple[float, ...] = ()  # relative column widths for print; equal when empty


@dataclass(frozen=True)
class Chart:
    """A row of pictures under one title, side by side where there is room."""

    title: str
    pictures: tuple[dict[str, Any], ...]  # Vega-Lite specs, drawn by the page
    words: tuple[str, ...]  # what the pictures show, in words, for screen readers and print
    per_row: int = 1  # pictures that share a row, so a lone icon array is as big as a pair
    #: The same numbers as plain data, for print to draw as shapes (see `pdf.py` for the kinds):
    #: {"kind": "icons" | "bars" | "fit", ...}. Only text from data/ goes in, never typed text.
    drawing: Mapping[str, object] | None = None


@dataclass(frozen=True)
class NotDone:
    message: str
    page: PageName  # where the step is done
    page_title: str


@dataclass(frozen=True)
class GlanceText:
    """One cell of the comparison at a glance, in words."""

    verdict: str  # the one verdict label for the result behind it, or "" for rows about practicalities
    answer: str
    certainty: str  # "How sure: Moderate", or ""


@dataclass(frozen=True)
class Glance:
    """The comparison at a glance, as Compare shows it: a row per question, a column per option."""

    corner: str  # heads the column of questions
    options: tuple[str, ...]
    rows: tuple[tuple[str, tuple[GlanceText, ...]], ...]  # (question, one cell per option)


@dataclass(frozen=True)
class Result:
    """One result of one option, with everything needed to judge it."""

    title: str  # "Benefit: Pain relief"
    verdict: str
    why: str  # the verdict's reason in plain words, or ""
    found: str  # the figures in a sentence, and the row's own plain note
    facts: tuple[tuple[str, str], ...]  # (label, value): compared with, when, who, how sure, source


@dataclass(frozen=True)
class Results:
    option: str
    items: tuple[Result, ...]
    verdict_heading: str  # "What it shows", before each verdict


@dataclass(frozen=True)
class Reference:
    text: str  # authors (year). Title. Publisher.
    url: str


@dataclass(frozen=True)
class References:
    items: tuple[Reference, ...]


Block = Paragraph | Bullets | Table | Chart | NotDone | Glance | Results | References


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]

    @property
    def done(self) -> bool:
        return not any(isinstance(block, NotDone) for block in self.blocks)


@dataclass(frozen=True)
class Summary:
    title: str
    made_on: str
    not_advice: str
    footer: str  # for each printed page, with {page} and {pages} still to fill in
    glyph_note: str  # said in print where a character had to be shown as a box
    sections: tuple[Section, ...]
    notes_cut: bool = False
    #: Print only. The first pages, for the visit: what the person chose, weighed and wants to ask.
    visit: tuple[Section, ...] = ()
    #: Print only. Then the detail: every result, the pictures, the sources.
    detail: tuple[Section, ...] = ()
    visit_title: str = ""
    detail_title: str = ""
    detail_intro: str = ""
    lang: str = DEFAULT_LANGUAGE  # the language it is written in: the PDF says so to screen readers

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)


# --- Building it -------------------------------------------------------------------------


def not_done(text: Content, page: PageName, reason_key: str | None = None) -> NotDone:
    """'Not done yet', why (if more can be said), and the page where it can be done."""
    title = text(page.title_key)
    parts = [
        text("summary.not_done"),
        text(reason_key) if reason_key else "",
        text("summary.not_done_go", page=title),
    ]
    return NotDone(" ".join(part for part in parts if part), page, title)


def build_summary(evidence: Evidence, text: Content, answers: Answers, made_on: date) -> Summary:
    """The summary, in SECTION_IDS order."""
    answers = clean(answers, evidence, text)
    selection = _selection(evidence, answers)
    pictures = _pictures(evidence, text, answers, selection) if selection is not None else []
    builders = {
        "condition": lambda: _condition(evidence, text, answers),
        "options": lambda: _options(evidence, text, selection, pictures),
        "priorities": lambda: _priorities(evidence, text, answers, selection),
        "leaning": lambda: _leaning(evidence, text, answers),
        "sure": lambda: _sure(text, answers),
        "follow_ups": lambda: _follow_ups(evidence, text, answers),
        "quiz": lambda: _quiz(evidence, text, answers, selection),
        "questions": lambda: _questions(text, answers),
        "medicines": lambda: _medicines(text, answers),
        "red_flags": lambda: _red_flags(text, answers),
        "evidence": lambda: _evidence(evidence, text, selection),
    }
    built = {section_id: tuple(builders[section_id]()) for section_id in SECTION_IDS}
    sections = tuple(
        Section(section_id, text(f"summary.sections.{section_id}"), built[section_id])
        for section_id in SECTION_IDS
    )
    return Summary(
        title=text("summary.pdf_title"),
        made_on=text("summary.made_on", date=format_date(made_on, text.lang)),
        not_advice=text("summary.not_advice"),
        footer=text(
            "summary.pdf.footer",
            version=evidence.meta.version,
            date=format_date(made_on, text.lang),
            page="{page}",
            pages="{pages}",
        ),
        glyph_note=text("summary.glyph_note"),
        sections=sections,
        notes_cut=answers.notes_cut,
        visit=_visit(evidence, text, answers, selection, built),
        detail=_detail(evidence, text, answers, selection, built, pictures),
        visit_title=text("summary.print.visit"),
        detail_title=text("summary.print.detail"),
        detail_intro=text("summary.print.detail_intro"),
        lang=text.lang,
    )


def _selection(evidence: Evidence, answers: Answers) -> Selection | None:
    """The options compared, or None while fewer than MIN_OPTIONS are (answers already clean)."""
    if answers.condition_id is None or len(answers.option_ids) < MIN_OPTIONS:
        return None
    return Selection(answers.condition_id, answers.option_ids)


def _condition(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    condition = evidence.conditions.get(answers.condition_id or "")
    if condition is None:
        return (not_done(text, PageName.EXPLORE, "summary.condition.not_chosen"),)
    blocks: list[Block] = [Paragraph(condition.name, style="strong"), Paragraph(condition.description)]
    result = assess(text, answers.ibp_answers, answers.ibp_lasted_over_3_months)
    if result != "incomplete":
        title = text(f"asas_ibp.results.{result}.title")
        blocks.append(Paragraph(text("summary.condition.ibp_result", result=title)))
    return tuple(blocks)


def _options(
    evidence: Evidence, text: Content, selection: Selection | None, pictures: list[Block]
) -> tuple[Block, ...]:
    if selection is None:
        return (not_done(text, PageName.COMPARE, "summary.options.not_chosen"),)
    columns = text.section("summary.options.columns")
    rows = []
    for option_id in selection.option_ids:
        card = option_card(evidence, text, option_id, selection.condition_id)
        for kind, statement in (("benefit", card.benefit), ("harm", card.harm)):
            rows.append(_outcome_row(card.option.name, kind, statement, text))
    blocks: list[Block] = [
        Paragraph(text("summary.options.table_intro")),
        Table(
            columns=tuple(
                str(columns[key]) for key in ("option", "result", "verdict", "found", "certainty", "source")
            ),
            rows=tuple(rows),
            widths=(2.4, 2.0, 1.8, 5.0, 1.5, 2.0),
        ),
    ]
    return (*blocks, *pictures)


def _outcome_row(option_name: str, kind: str, statement: OutcomeStatement, text: Content) -> tuple[str, ...]:
    found = f"{statement.sentence} {statement.note}".strip()
    if statement.comparator_detail:
        found += " " + text(
            "summary.options.compared_with",
            heading=statement.comparator_heading,
            detail=statement.comparator_detail,
        )
    return (
        option_name,
        text(f"summary.options.{kind}", name=statement.label),
        statement.verdict_label,
        found,
        text(f"wording.certainty_short.{statement.outcome.certainty}"),
        cite(statement.source),
    )


def _pictures(evidence: Evidence, text: Content, answers: Answers, selection: Selection) -> list[Block]:
    """The outcome the person looked at on Compare (or the first one there), as icon arrays."""
    outcome_type_id = _pictured_outcome(evidence, answers, selection)
    if outcome_type_id is None:
        return [Paragraph(text("compare.picture_none"))]
    figures, missing = figures_for(evidence, selection, outcome_type_id)
    outcome_name = evidence.outcome_types[outcome_type_id].name
    blocks: list[Block] = [
        Paragraph(text("summary.options.picture_title", outcome=outcome_name), style="strong"),
        Paragraph(text("compare.picture_intro")),
    ]
    found = mismatch(figures)
    if found.timeframes:
        blocks.append(Paragraph(text("compare.mismatch_timeframes"), style="alert"))
    if found.comparators:
        blocks.append(Paragraph(text("compare.mismatch_comparators"), style="alert"))
    if missing:
        names = ", ".join(evidence.options[option_id].name for option_id in missing)
        blocks.append(Paragraph(text("compare.picture_missing", options=names)))
    for figure in figures:
        groups = icon_groups(figure, text)
        words = tuple(
            text("summary.options.picture_words", group=group, count=count_out_of_100(per_100, text))
            for group, per_100 in groups
        )
        titled = [(label, per_100) for label, (_, per_100) in zip(words, groups, strict=True)]
        pictures = tuple(charts.icon_array_specs(titled, text))
        title = f"{figure.option_name}: {figure.outcome.timeframe}"
        drawing = {
            "kind": "icons",
            "groups": [
                {"words": label, "affected": icon_array_counts(per_100)[0]} for label, per_100 in titled
            ],
        }
        blocks.append(Chart(title, pictures, words, per_row=2, drawing=drawing))
    return blocks


def _pictured_outcome(evidence: Evidence, answers: Answers, selection: Selection) -> str | None:
    types = pictured_outcome_types(evidence, selection)
    if not types:
        return None
    return answers.pictured_outcome_id if answers.pictured_outcome_id in types else types[0]


def _print_pictures(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection, pictures: list[Block]
) -> tuple[Block, ...]:
    """In print, before the icon arrays: every option on one 0 to 100 scale."""
    outcome_type_id = _pictured_outcome(evidence, answers, selection)
    if outcome_type_id is None:
        return tuple(pictures)
    figures = figures_for(evidence, selection, outcome_type_id)[0]
    if not figures:
        return tuple(pictures)
    first = next(index for index, block in enumerate(pictures) if isinstance(block, Chart))
    bars = _bars(figures, evidence.outcome_types[outcome_type_id].name, text)
    return (*pictures[:first], bars, *pictures[first:])


def _bars(figures: list[Figure], outcome_name: str, text: Content) -> Chart:
    """Every option's count and its comparator's on one 0 to 100 scale, with the interval where
    the source gives one: drawn in print only (the page shows the same figures as icon arrays)."""
    rows, words = [], []
    for figure in figures:
        bars = []
        outcome = figure.outcome
        for index, (group, per_100) in enumerate(icon_groups(figure, text)):
            # The interval belongs to the option's own count, never to its comparator's.
            low, high = (outcome.count_interval if index == 0 else None) or (None, None)
            said = text("summary.print.bar_words", group=group, count=count_out_of_100(per_100, text))
            if low is not None and high is not None:
                said += " " + text(
                    "summary.print.bar_range", low=round_half_up(low), high=round_half_up(high)
                )
            words.append(said)
            bars.append(
                {"label": group, "value": per_100, "shown": round_half_up(per_100), "low": low, "high": high}
            )
        rows.append({"option": f"{figure.option_name}: {outcome.timeframe}", "bars": bars})
    drawing = {"kind": "bars", "axis": text("compare.chart_axis"), "rows": rows}
    title = text("compare.chart_title", outcome=outcome_name)
    return Chart(title, (), tuple(words), drawing=drawing)


def _priorities(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection | None
) -> tuple[Block, ...]:
    """How much each thing matters to the person, and the fit chart with its numbers in words."""
    if selection is None:
        return (not_done(text, PageName.COMPARE, "summary.options.not_chosen"),)
    if not answers.weights:
        return (not_done(text, PageName.VALUES),)
    attributes = values.load_attributes(text, evidence)
    weights = answers.weights
    scale = text.text_list("values.scale")
    columns = text.section("summary.priorities.columns")
    blocks: list[Block] = [
        Table(
            (str(columns["what"]), str(columns["how_much"])),
            tuple((attribute.label, scale[weights[attribute.id]]) for attribute in attributes),
            widths=(3, 1.4),
        )
    ]
    result = values.fit(evidence, attributes, selection.option_ids, selection.condition_id, weights)
    if result.all_zero:
        return (*blocks, Paragraph(text("values.fit.all_zero")))
    names = {option_id: evidence.options[option_id].name for option_id in selection.option_ids}
    labels = {attribute.id: attribute.label for attribute in attributes}
    intro, order = values.standing_text(result, names, text)
    blocks.append(Paragraph(values.advice_note(result, text), style="alert"))
    if result.ranked:  # only when every bar is made of known things alone
        chart = fit_chart_in(text, result, labels, names).properties(width=FIT_CHART_WIDTH_PX)
        drawing = _fit_drawing(result, labels, names, text)
        caption = (text("values.fit.chart_caption"),)
        blocks.append(Chart(text("values.fit.chart_title"), (chart.to_dict(),), caption, drawing=drawing))
    blocks += [
        Paragraph(text("values.fit.known_intro")),
        Bullets(tuple(values.known_lines(result, labels, names, text))),
        Paragraph(intro),
    ]
    if order:
        blocks.append(Bullets(tuple(order)))
    if result.close_pairs:
        blocks += [
            Paragraph(text("values.fit.close")),
            Bullets(tuple(f"{names[a]} / {names[b]}" for a, b in result.close_pairs)),
        ]
    if result.uncertain:
        blocks.append(Paragraph(text("summary.priorities.uncertain")))
    return tuple(blocks)


def _fit_drawing(
    result: values.FitResult, labels: Mapping[str, str], names: Mapping[str, str], text: Content
) -> dict[str, object]:
    """The fit chart's bars as numbers, for print to draw, with what they show in words."""
    colours = dict(zip(labels, ATTRIBUTE_COLOURS, strict=False))
    bars = []
    for option_id in result.display_order:
        fit = result.option(option_id)
        parts = [
            {"points": cell.points, "colour": colours[cell.attribute_id]} for cell in fit.cells if cell.points
        ]
        unknown = sum(cell.weight for cell in fit.cells if not cell.known)
        bars.append({"name": names[option_id], "parts": parts, "unknown": unknown})
    words = [
        text(
            "summary.print.fit_words",
            option=names[option_id],
            points=format_number(result.option(option_id).total, text.lang),
            max_points=result.max_total,
        )
        for option_id in result.display_order
    ]
    return {
        "kind": "fit",
        "max": max(result.max_total, 1),
        "axis": text("values.fit.chart_axis"),
        "legend": [
            {"label": label, "colour": colours[attribute_id]} for attribute_id, label in labels.items()
        ],
        "unknown_label": text("values.fit.no_evidence"),
        "bars": bars,
        "words": words,
    }


def _leaning(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    leaning = answers.leaning
    if leaning == NOT_SURE:
        return (Paragraph(text("values.leaning.chosen_not_sure")),)
    if leaning is not None:
        return (Paragraph(text("values.leaning.chosen", option=evidence.options[leaning].name)),)
    return (not_done(text, PageName.DECIDE),)


def _sure(text: Content, answers: Answers) -> tuple[Block, ...]:
    """The SURE answers at the start and at the end, side by side, and what the latest means."""
    ids = sure.question_ids(text)
    before, after = sure.score(answers.sure_before, ids), sure.score(answers.sure_after, ids)
    if not before.answered and not after.answered:
        return (not_done(text, PageName.VALUES),)
    columns = text.section("summary.sure.columns")
    words = {True: text("values.sure.yes"), False: text("values.sure.no"), None: text("summary.not_answered")}
    rows = tuple(
        (
            str(question["text"]),
            words[answers.sure_before.get(str(question["id"]))],
            words[answers.sure_after.get(str(question["id"]))],
        )
        for question in text.entries("values.sure.questions")
    )
    blocks: list[Block] = [
        Table(
            (str(columns["question"]), str(columns["before"]), str(columns["after"])), rows, widths=(4, 1, 1)
        )
    ]
    for label_key, result, page in (("before", before, PageName.VALUES), ("after", after, PageName.DECIDE)):
        if result.complete:
            score_text = text("values.sure.score", score=result.score)
            blocks.append(Paragraph(f"{text(f'summary.sure.{label_key}')} {score_text}"))
        else:
            blocks.append(not_done(text, page, f"summary.sure.{label_key}_not_done"))
    latest = after if after.complete else before
    if latest.complete:
        blocks.append(Paragraph(text(latest.meaning_key)))
    return tuple(blocks)


def _follow_ups(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    """The checks over the visits: pain and daily tasks as a chart, and every answer in a table."""
    checks = answers.follow_ups
    if not checks:
        return (Paragraph(text("patient_file.follow_up.none_yet")),)
    blocks: list[Block] = []
    if follow_up.has_chart(checks):
        drawing = {
            "kind": "visits",
            "max": follow_up.SCORE_MAX,
            "axis": text("patient_file.follow_up.chart.axis"),
            "labels": [
                follow_up.check_label(n, c, text) for n, c in enumerate(follow_up.sorted_checks(checks), 1)
            ],
            "series": follow_up.chart_series(checks, text),
        }
        chart = follow_up.visits_chart(checks, text)
        words = follow_up.chart_words(checks, text)
        title = text("patient_file.follow_up.chart.title")
        blocks.append(Chart(title, (chart.to_dict(),), words, drawing=drawing))
        blocks.append(Paragraph(text("patient_file.follow_up.table_intro")))
    rows = follow_up.table_rows(checks, evidence, text)
    blocks.append(Table(follow_up.table_columns(text), rows, widths=(2.0, 1.0, 1.2, 2.4, 1.1, 1.4, 1.4)))
    if any(check.regret for check in checks):
        sources = tuple(
            full_reference(evidence.sources[i]) for i in text.source_ids("patient_file.follow_up")
        )
        blocks += [
            Paragraph(text("patient_file.follow_up.regret_meaning")),
            Paragraph(text("patient_file.follow_up.regret_source")),
            Bullets(sources),
        ]
    return tuple(blocks)


def _quiz(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection | None
) -> tuple[Block, ...]:
    if selection is None:
        return (not_done(text, PageName.COMPARE, "summary.options.not_chosen"),)
    asked = quiz.questions(evidence, text, selection.condition_id, selection.option_ids)
    result = quiz.mark(asked, answers.quiz_answers)
    if not result.answered:
        return (not_done(text, PageName.DECIDE),)
    marks = {
        True: text("values.quiz.right"),
        False: text("values.quiz.not_quite"),
        None: text("summary.not_answered"),
    }
    columns = text.section("summary.quiz.columns")
    rows = tuple((question.prompt, marks[result.correct[question.id]], question.figure) for question in asked)
    if result.complete:
        outcome = Paragraph(text("values.quiz.score", right=result.right, total=result.total))
    else:
        outcome = Paragraph(text("values.quiz.answered_some", answered=result.answered, total=result.total))
    header = (str(columns["question"]), str(columns["mark"]), str(columns["figure"]))
    return (outcome, Table(header, rows, widths=(3, 1.2, 4)))


def _questions(text: Content, answers: Answers) -> tuple[Block, ...]:
    known = suggested_questions(text)
    picked = tuple(known[question_id] for question_id in answers.questions)
    notes = answers.notes
    blocks: list[Block] = []
    if picked:
        blocks += [Paragraph(text("summary.questions.picked_title"), style="strong"), Bullets(picked)]
    if notes:
        blocks += [
            Paragraph(text("summary.questions.notes_title"), style="strong"),
            Paragraph(notes, typed=True),
        ]
    if answers.notes_cut:
        blocks.append(Paragraph(text("summary.cut_note", limit=MAX_NOTES_CHARS), style="alert"))
    return tuple(blocks) or (Paragraph(text("summary.questions.none")),)


def _medicines(text: Content, answers: Answers) -> tuple[Block, ...]:
    if not answers.medicines:
        return (not_done(text, PageName.MEDICINES, "summary.medicines.none"),)
    columns = text.section("summary.medicines.columns")
    rows = tuple((m.name, m.dose, m.how_often) for m in answers.medicines)
    header = tuple(str(columns[key]) for key in ("name", "dose", "how_often"))
    return (Table(header, rows, typed=True, widths=(2, 1.5, 1.5)),)


def _red_flags(text: Content, answers: Answers) -> tuple[Block, ...]:
    blocks: list[Block] = [Paragraph(text("red_flags.safety_line.text"), style="alert", print_only=True)]
    signs = red_flag_signs(text)
    ticked = [sign.text for sign in signs if sign.id in answers.red_flags_ticked]
    level = triage(signs, answers.red_flags_ticked)
    if level != "none":
        blocks += [
            Paragraph(text("summary.red_flags.ticked_title"), style="strong"),
            Bullets(tuple(ticked)),
            Paragraph(text(f"red_flags.ui.{level}_title"), style="strong"),
            Paragraph(text(f"red_flags.messages.{level}")),
        ]
    elif answers.red_flags_done:
        blocks.append(Paragraph(text("summary.red_flags.none_ticked")))
    else:
        blocks.append(not_done(text, PageName.RED_FLAGS, "summary.red_flags.not_checked"))
    return tuple(blocks)


def _evidence(evidence: Evidence, text: Content, selection: Selection | None) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Paragraph(text("summary.evidence.version", **evidence.meta.text_values(text.lang))),
        Paragraph(text("summary.evidence.sources_title"), style="strong"),
    ]
    if selection is None:
        blocks.append(Paragraph(text("summary.evidence.no_sources")))
    sources = summary_sources(evidence, text, selection)
    blocks.append(Bullets(tuple(full_reference(source) for source in sources)))
    return tuple(blocks)


def summary_sources(evidence: Evidence, text: Content, selection: Selection | None) -> list[Source]:
    """Sources of the compared options, then those of the warning-sign reminder."""
    ids: list[str] = []
    if selection is not None:
        for option_id in selection.option_ids:
            ids += [source.id for source in evidence.sources_for(option_id, selection.condition_id)]
    ids += text.source_ids("red_flags.safety_line")
    return [evidence.sources[source_id] for source_id in dict.fromkeys(ids)]


# --- In print: the pages for the visit, then the detail -------------------------------------


def _visit(
    evidence: Evidence,
    text: Content,
    answers: Answers,
    selection: Selection | None,
    built: Mapping[str, tuple[Block, ...]],
) -> tuple[Section, ...]:
    """What a clinician and the person need in the room, on the first pages: the warning signs first
    (those ticked, or else the line the app shows at the top of every page), then the kind of back
    pain, the options at a glance, what matters most, the leaning, SURE, the person's questions and
    medicines. Steps not done say so, as on the page."""
    level = triage(red_flag_signs(text), answers.red_flags_ticked)
    if level != "none":
        first = Section("warning", text(f"red_flags.ui.{level}_title"), _warning(text, answers, level))
    else:
        safety = Paragraph(text("red_flags.safety_line.text"), style="alert")
        first = Section("safety", text("summary.sections.red_flags"), (safety,))
    sections = [first]

    def heading(section_id: str) -> str:
        return text(f"summary.sections.{section_id}")

    sections += [
        Section("condition", heading("condition"), built["condition"]),
        Section("glance", heading("options"), _glance(evidence, text, selection)),
        Section("top_priorities", heading("priorities"), _top_priorities(evidence, text, answers)),
        Section("leaning", heading("leaning"), built["leaning"]),
        Section("sure", heading("sure"), _sure_for_visit(text, answers)),
        *((Section("follow_ups", heading("follow_ups"), built["follow_ups"]),) if answers.follow_ups else ()),
        Section("questions", heading("questions"), built["questions"]),
    ]
    if answers.medicines:
        sections.append(Section("medicines", heading("medicines"), built["medicines"]))
    return tuple(sections)


def _warning(text: Content, answers: Answers, level: str) -> tuple[Block, ...]:
    ticked = tuple(sign.text for sign in red_flag_signs(text) if sign.id in answers.red_flags_ticked)
    return (
        Paragraph(text(f"red_flags.messages.{level}"), style="alert"),
        Paragraph(text("summary.red_flags.ticked_title"), style="strong"),
        Bullets(ticked),
    )


def _glance(evidence: Evidence, text: Content, selection: Selection | None) -> tuple[Block, ...]:
    """The options compared, as the same grid as Compare: one row per question."""
    if selection is None:
        return (not_done(text, PageName.COMPARE, "summary.options.not_chosen"),)
    rows = tuple(
        (
            row.question,
            tuple(
                GlanceText(
                    cell.verdict_label,
                    cell.answer,
                    text("glance.certainty", certainty=cell.certainty) if cell.certainty else "",
                )
                for cell in row.cells
            ),
        )
        for row in glance(evidence, text, selection)
    )
    names = tuple(evidence.options[option_id].name for option_id in selection.option_ids)
    return (
        Paragraph(text("summary.print.glance_intro")),
        Glance(text("glance.corner"), names, rows),
    )


#: Things that matter most, shown on the visit pages.
TOP_PRIORITIES = 3


def _top_priorities(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    """The three things that weigh most with the person (slider order breaks ties); none at 0."""
    if not answers.weights:
        return (not_done(text, PageName.VALUES),)
    attributes = values.load_attributes(text, evidence)
    weights = answers.weights
    top = sorted((a for a in attributes if weights[a.id] > 0), key=lambda a: -weights[a.id])[:TOP_PRIORITIES]
    if not top:
        return (Paragraph(text("summary.print.top_none")),)
    scale = text.text_list("values.scale")
    return (Bullets(tuple(f"{attribute.label}: {scale[weights[attribute.id]]}" for attribute in top)),)


def _sure_for_visit(text: Content, answers: Answers) -> tuple[Block, ...]:
    """SURE at the start and at the end in one table, with the yes answers counted in its last row."""
    ids = sure.question_ids(text)
    before, after = sure.score(answers.sure_before, ids), sure.score(answers.sure_after, ids)
    if not before.answered and not after.answered:
        return (not_done(text, PageName.VALUES),)
    table = next(block for block in _sure(text, answers) if isinstance(block, Table))

    def count(result: sure.SureResult) -> str:
        if not result.complete:
            return text("summary.not_answered")
        return text("summary.print.sure_score", score=result.score, total=result.total)

    total = (text("summary.print.sure_yes"), count(before), count(after))
    blocks: list[Block] = [replace(table, rows=(*table.rows, total))]
    for label_key, result, page in (("before", before, PageName.VALUES), ("after", after, PageName.DECIDE)):
        if not result.complete:
            blocks.append(not_done(text, page, f"summary.sure.{label_key}_not_done"))
    latest = after if after.complete else before
    if latest.complete:
        blocks.append(Paragraph(text(latest.meaning_key)))
    return tuple(blocks)


def _detail(
    evidence: Evidence,
    text: Content,
    answers: Answers,
    selection: Selection | None,
    built: Mapping[str, tuple[Block, ...]],
    pictures: list[Block],
) -> tuple[Section, ...]:
    """After the visit pages: every result of every option, the pictures, the fit, the knowledge
    check, what was not on the first pages, and the evidence with its sources."""
    level = triage(red_flag_signs(text), answers.red_flags_ticked)
    sections = [
        Section("results", text("summary.print.sections.results"), _results(evidence, text, selection))
    ]
    if selection is not None:
        shown = _print_pictures(evidence, text, answers, selection, pictures)
        sections.append(Section("pictures", text("compare.picture_title"), shown))
    if selection is not None and answers.weights:
        sections.append(Section("fit", text("summary.print.sections.fit"), built["priorities"]))
    sections.append(Section("quiz", text("summary.sections.quiz"), built["quiz"]))
    if not answers.medicines:
        sections.append(Section("medicines", text("summary.sections.medicines"), built["medicines"]))
    if level == "none":  # the safety line is already on the visit pages
        blocks = tuple(block for block in built["red_flags"] if not getattr(block, "print_only", False))
        sections.append(Section("red_flags", text("summary.sections.red_flags"), blocks))
    evidence_blocks = (
        Paragraph(text("summary.evidence.version", **evidence.meta.text_values(text.lang))),
        Paragraph(text("summary.evidence.sources_title"), style="strong"),
        *((Paragraph(text("summary.evidence.no_sources")),) if selection is None else ()),
        References(
            tuple(
                Reference(full_reference(source).removesuffix(source.doi_or_url).strip(), source.doi_or_url)
                for source in summary_sources(evidence, text, selection)
            )
        ),
        Paragraph(text("summary.not_advice"), style="alert"),
    )
    sections.append(Section("evidence", text("summary.sections.evidence"), evidence_blocks))
    return tuple(sections)


def _results(evidence: Evidence, text: Content, selection: Selection | None) -> tuple[Block, ...]:
    """Every result of every option compared, each with what it was compared with, when, who was
    studied, how sure we are, the verdict and the source."""
    if selection is None:
        return (not_done(text, PageName.COMPARE, "summary.options.not_chosen"),)
    blocks: list[Block] = [Paragraph(text("summary.print.results_intro"))]
    for option_id in selection.option_ids:
        card = option_card(evidence, text, option_id, selection.condition_id)
        items = []
        for statement in (card.benefit, card.harm, *card.more_outcomes):
            outcome = statement.outcome
            kind = evidence.outcome_types[outcome.outcome_type_id].kind
            facts = []
            if statement.comparator_detail:
                facts.append((statement.comparator_heading, statement.comparator_detail))
            if outcome.timeframe:
                facts.append((text("compare.table.timeframe"), outcome.timeframe))
            facts += [
                (text("explore.population"), outcome.population),
                (text("explore.certainty"), statement.certainty),
                (text("explore.source"), cite(statement.source)),
            ]
            items.append(
                Result(
                    text(f"summary.options.{kind}", name=statement.label),
                    statement.verdict_label,
                    statement.verdict_why,
                    f"{statement.sentence} {statement.note}".strip(),
                    tuple(facts),
                )
            )
        blocks.append(Results(card.option.name, tuple(items), text("explore.verdict")))
    return tuple(blocks)
