"""The shared-decision summary: the person's answers and the evidence behind the options they
compared, as plain sections that a page and the PDF both show. Streamlit-free.

Steps the person has not done are `NotDone` markers that name the page to go to, never blanks or
made-up values. Anything the person typed is kept apart (`typed=True`) so that no view ever reads
it as Markdown or HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import altair as alt

from backpain_aid import charts, quiz, sure, values
from backpain_aid.compare import (
    MIN_OPTIONS,
    Selection,
    clean_selection,
    figures_for,
    icon_groups,
    mismatch,
    pictured_outcome_types,
)
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from backpain_aid.evidence.models import Source
from backpain_aid.explore import option_card
from backpain_aid.ibp_check import assess
from backpain_aid.medicines import Medicine, clean_text
from backpain_aid.safety import red_flag_signs, triage
from backpain_aid.values_chart import fit_chart
from backpain_aid.wording import OutcomeStatement, cite, count_out_of_100, full_reference

#: Longest notes kept. The page's text box stops at this length too; this guards everything else.
MAX_NOTES_CHARS = 3000
NOT_SURE = "not_sure"
#: Title keys of the pages where the deliberation steps are done.
VALUES_PAGE = "common.nav.values"
DECIDE_PAGE = "common.nav.decide"
FIT_CHART_WIDTH_PX = 460  # on paper; the page stretches it to fit

SECTION_IDS = (
    "condition",
    "options",
    "priorities",
    "leaning",
    "sure",
    "quiz",
    "questions",
    "medicines",
    "red_flags",
    "evidence",
)


@dataclass(frozen=True)
class Answers:
    """Everything the person told the aid, as plain values (the page copies them from its state)."""

    condition_id: str | None = None
    option_ids: tuple[str, ...] = ()
    pictured_outcome_id: str | None = None
    red_flags_ticked: tuple[str, ...] = ()
    red_flags_done: bool = False
    ibp_lasted_over_3_months: bool | None = None
    ibp_answers: Mapping[str, bool | None] = field(default_factory=dict)
    medicines: tuple[Medicine, ...] = ()
    weights: Mapping[str, int] = field(default_factory=dict)
    leaning: str | None = None
    sure_before: Mapping[str, bool] = field(default_factory=dict)
    sure_after: Mapping[str, bool] = field(default_factory=dict)
    quiz_answers: Mapping[str, str] = field(default_factory=dict)
    questions: tuple[str, ...] = ()  # ids of suggested questions
    notes: str = ""


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
    pictures: tuple[alt.TopLevelMixin, ...]
    words: tuple[str, ...]  # what the pictures show, in words, for screen readers and print
    per_row: int = 1  # pictures that share a row, so a lone icon array is as big as a pair
    #: Drawn from the evidence alone (the same for everyone who chose these options), so the
    #: drawing may be kept for the next person. False for anything built from a person's answers.
    from_data_only: bool = False


@dataclass(frozen=True)
class NotDone:
    message: str
    page_key: str  # the content key of the page's title, e.g. "common.nav.compare"
    page_title: str


Block = Paragraph | Bullets | Table | Chart | NotDone


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

    def section(self, section_id: str) -> Section:
        return next(section for section in self.sections if section.id == section_id)


# --- Building it -------------------------------------------------------------------------


def clean_notes(raw: str) -> tuple[str, bool]:
    """Notes as plain text: control characters dropped, line breaks kept, cut to MAX_NOTES_CHARS.
    Returns the text and whether it was cut."""
    lines = [clean_text(line) for line in str(raw).splitlines()]
    kept = "\n".join(lines).strip()
    while "\n\n\n" in kept:
        kept = kept.replace("\n\n\n", "\n\n")
    if len(kept) <= MAX_NOTES_CHARS:
        return kept, False
    return kept[:MAX_NOTES_CHARS].rstrip(), True


def suggested_questions(text: Content) -> dict[str, str]:
    return {str(item["id"]): str(item["text"]) for item in text.node("summary.questions.suggested")}


def not_done(text: Content, page_key: str, reason_key: str | None = None) -> NotDone:
    """'Not done yet', why (if more can be said), and the page where it can be done."""
    title = text(page_key)
    parts = [
        text("summary.not_done"),
        text(reason_key) if reason_key else "",
        text("summary.not_done_go", page=title),
    ]
    return NotDone(" ".join(part for part in parts if part), page_key, title)


def build_summary(evidence: Evidence, text: Content, answers: Answers, made_on: date) -> Summary:
    """The summary, in SECTION_IDS order."""
    notes, cut = clean_notes(answers.notes)
    selection = _selection(evidence, answers)
    builders = {
        "condition": lambda: _condition(evidence, text, answers),
        "options": lambda: _options(evidence, text, answers, selection),
        "priorities": lambda: _priorities(evidence, text, answers, selection),
        "leaning": lambda: _leaning(evidence, text, answers),
        "sure": lambda: _sure(text, answers),
        "quiz": lambda: _quiz(evidence, text, answers, selection),
        "questions": lambda: _questions(text, answers, notes, cut),
        "medicines": lambda: _medicines(text, answers),
        "red_flags": lambda: _red_flags(text, answers),
        "evidence": lambda: _evidence(evidence, text, selection),
    }
    sections = tuple(
        Section(section_id, text(f"summary.sections.{section_id}"), tuple(builders[section_id]()))
        for section_id in SECTION_IDS
    )
    return Summary(
        title=text("summary.pdf_title"),
        made_on=text("summary.made_on", date=made_on.isoformat()),
        not_advice=text("summary.not_advice"),
        footer=text(
            "summary.pdf.footer",
            version=evidence.meta.version,
            date=made_on.isoformat(),
            page="{page}",
            pages="{pages}",
        ),
        glyph_note=text("summary.glyph_note"),
        sections=sections,
        notes_cut=cut,
    )


def _selection(evidence: Evidence, answers: Answers) -> Selection | None:
    if answers.condition_id not in evidence.conditions:
        return None
    selection, _ = clean_selection(evidence, answers.condition_id, answers.option_ids)
    return selection if len(selection.option_ids) >= MIN_OPTIONS else None


def _condition(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    condition = evidence.conditions.get(answers.condition_id or "")
    if condition is None:
        return (not_done(text, "common.nav.explore", "summary.condition.not_chosen"),)
    blocks: list[Block] = [Paragraph(condition.name, style="strong"), Paragraph(condition.description)]
    result = assess(text, answers.ibp_answers, answers.ibp_lasted_over_3_months)
    if result != "incomplete":
        title = text(f"asas_ibp.results.{result}.title")
        blocks.append(Paragraph(text("summary.condition.ibp_result", result=title)))
    return tuple(blocks)


def _options(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection | None
) -> tuple[Block, ...]:
    if selection is None:
        return (not_done(text, "common.nav.compare", "summary.options.not_chosen"),)
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
    return (*blocks, *_pictures(evidence, text, answers, selection))


def _outcome_row(option_name: str, kind: str, statement: OutcomeStatement, text: Content) -> tuple[str, ...]:
    found = f"{statement.sentence} {statement.note}".strip()
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
    types = pictured_outcome_types(evidence, selection)
    if not types:
        return [Paragraph(text("compare.picture_none"))]
    outcome_type_id = answers.pictured_outcome_id if answers.pictured_outcome_id in types else types[0]
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
        pictures = tuple(charts.icon_arrays(titled, text))
        title = f"{figure.option_name}: {figure.outcome.timeframe}"
        blocks.append(Chart(title, pictures, words, per_row=2, from_data_only=True))
    return blocks


def _priorities(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection | None
) -> tuple[Block, ...]:
    """How much each thing matters to the person, and the fit chart with its numbers in words."""
    if selection is None:
        return (not_done(text, "common.nav.compare", "summary.options.not_chosen"),)
    if not answers.weights:
        return (not_done(text, VALUES_PAGE),)
    attributes = values.load_attributes(text, evidence)
    weights = values.clean_weights(attributes, answers.weights)
    scale = [str(word) for word in text.node("values.scale")]
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
    blocks.append(Paragraph(text("values.fit.not_advice"), style="alert"))
    if result.ranked:  # only when every bar is made of known things alone
        chart = fit_chart(
            result, labels, names, text("values.fit.no_evidence"), text("values.fit.chart_axis")
        ).properties(width=FIT_CHART_WIDTH_PX)
        blocks.append(Chart(text("values.fit.chart_title"), (chart,), (text("values.fit.chart_caption"),)))
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


def _leaning(evidence: Evidence, text: Content, answers: Answers) -> tuple[Block, ...]:
    if answers.leaning == NOT_SURE:
        return (Paragraph(text("values.leaning.chosen_not_sure")),)
    if answers.leaning in evidence.options and answers.leaning in answers.option_ids:  # not a stale one
        return (Paragraph(text("values.leaning.chosen", option=evidence.options[answers.leaning].name)),)
    return (not_done(text, DECIDE_PAGE),)


def _sure(text: Content, answers: Answers) -> tuple[Block, ...]:
    """The SURE answers at the start and at the end, side by side, and what the latest means."""
    ids = sure.question_ids(text)
    before, after = sure.score(answers.sure_before, ids), sure.score(answers.sure_after, ids)
    if not before.answered and not after.answered:
        return (not_done(text, VALUES_PAGE),)
    columns = text.section("summary.sure.columns")
    words = {True: text("values.sure.yes"), False: text("values.sure.no"), None: text("summary.not_answered")}
    rows = tuple(
        (
            str(question["text"]),
            words[answers.sure_before.get(str(question["id"]))],
            words[answers.sure_after.get(str(question["id"]))],
        )
        for question in text.node("values.sure.questions")
    )
    blocks: list[Block] = [
        Table(
            (str(columns["question"]), str(columns["before"]), str(columns["after"])), rows, widths=(4, 1, 1)
        )
    ]
    for label_key, result, page in (("before", before, VALUES_PAGE), ("after", after, DECIDE_PAGE)):
        if result.complete:
            score_text = text("values.sure.score", score=result.score)
            blocks.append(Paragraph(f"{text(f'summary.sure.{label_key}')} {score_text}"))
        else:
            blocks.append(not_done(text, page, f"summary.sure.{label_key}_not_done"))
    latest = after if after.complete else before
    if latest.complete:
        blocks.append(Paragraph(text(latest.meaning_key)))
    return tuple(blocks)


def _quiz(
    evidence: Evidence, text: Content, answers: Answers, selection: Selection | None
) -> tuple[Block, ...]:
    if selection is None:
        return (not_done(text, "common.nav.compare", "summary.options.not_chosen"),)
    asked = quiz.questions(evidence, text, selection.condition_id, selection.option_ids)
    result = quiz.mark(asked, answers.quiz_answers)
    if not result.answered:
        return (not_done(text, DECIDE_PAGE),)
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


def _questions(text: Content, answers: Answers, notes: str, cut: bool) -> tuple[Block, ...]:
    known = suggested_questions(text)
    picked = tuple(known[question_id] for question_id in answers.questions if question_id in known)
    blocks: list[Block] = []
    if picked:
        blocks += [Paragraph(text("summary.questions.picked_title"), style="strong"), Bullets(picked)]
    if notes:
        blocks += [
            Paragraph(text("summary.questions.notes_title"), style="strong"),
            Paragraph(notes, typed=True),
        ]
    if cut:
        blocks.append(Paragraph(text("summary.cut_note", limit=MAX_NOTES_CHARS), style="alert"))
    return tuple(blocks) or (Paragraph(text("summary.questions.none")),)


def _medicines(text: Content, answers: Answers) -> tuple[Block, ...]:
    if not answers.medicines:
        return (not_done(text, "common.nav.medicines", "summary.medicines.none"),)
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
        blocks.append(not_done(text, "common.nav.red_flags", "summary.red_flags.not_checked"))
    return tuple(blocks)


def _evidence(evidence: Evidence, text: Content, selection: Selection | None) -> tuple[Block, ...]:
    blocks: list[Block] = [
        Paragraph(text("summary.evidence.version", **evidence.meta.text_values())),
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
