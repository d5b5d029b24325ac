"""Session-state keys, namespaced so that answers survive page changes.

Widget keys are cleared when the page that owns the widget is left, so every answer is copied
into one of these keys, which only this module names. Nothing here is written to disk.
"""

import streamlit as st

from backpain_aid.answers import Answers
from backpain_aid.language import DEFAULT_LANGUAGE, LANGUAGES

CONDITION = "aid.condition"  # condition id chosen on Explore or by the path questions
RED_FLAGS_TICKED = "aid.red_flags.ticked"  # list of ticked warning-sign ids; an emergency one puts
# the emergency message first on every options page until it is unticked (components.emergency_banner)
RED_FLAGS_DONE = "aid.red_flags.done"  # True once the person has read the whole list
PATH_ANSWERS = "aid.path.answers"  # dict: question id -> answer id
PATH_ROUTED_TO = "aid.path.routed_to"  # the destination last applied from the path answers
IBP_LASTED_3_MONTHS = "aid.ibp.lasted_over_3_months"  # True, False or None
IBP_ANSWERS = "aid.ibp.answers"  # dict: criterion id -> True/False
MEDICINES = "aid.medicines"  # list of backpain_aid.medicines.Medicine
COMPARE_OPTIONS = "aid.compare.options"  # tuple of option ids, 2 to 4
COMPARE_OUTCOME = "aid.compare.outcome"  # outcome type id pictured on Compare
COMPARE_LINK_SEEN = "aid.compare.link_seen"  # the link parameters already applied
VALUES_WEIGHTS = "aid.values.weights"  # dict: attribute id -> how much it matters, 0 (none) to 4 (a lot)
VALUES_LEANING = "aid.values.leaning"  # option id the person leans towards, or "not_sure"
SURE_BEFORE = "aid.sure.before"  # dict: SURE question id -> True/False, at the start
SURE_AFTER = "aid.sure.after"  # dict: SURE question id -> True/False, at the end
QUIZ_ANSWERS = "aid.quiz.answers"  # dict: question id -> chosen answer id
SUMMARY_QUESTIONS = "aid.summary.questions"  # list of suggested-question ids the person picked
SUMMARY_NOTES = "aid.summary.notes"  # str: the person's own questions and notes for the clinician
SUMMARY_NOTES_CUT = "aid.summary.notes_cut"  # True when the last text typed or pasted was cut to the limit
SUMMARY_PDF = "aid.summary.pdf"  # (what it was built from, PDF bytes): the last PDF made, kept in memory only
SUMMARY_BUILT = "aid.summary.built"  # (what it was built from, Summary): reused until that changes
SUMMARY_CONFIRM_CLEAR = "aid.summary.confirm_clear"  # True while asking "clear all my answers?"
SUMMARY_CLEARED = "aid.summary.cleared"  # True just after the answers were cleared, to say so once
LARGER_TEXT = "aid.display.larger_text"  # True when the person asked for bigger text on every page
CLINICIAN_BIGGER_TEXT = "aid.clinician.bigger_text"  # True: consultation view in bigger text for the patient
FOLLOW_UPS = "aid.follow_ups"  # tuple of backpain_aid.follow_up.FollowUp: "how am I doing now" checks
PATIENT_FILE_REPORT = "aid.patient_file.report"  # the last ReadResult of an opened file, until read
PATIENT_FILE_UPLOADS = "aid.patient_file.uploads"  # files opened so far: a fresh upload box after each
FOLLOW_UP_SENT = "aid.follow_up.sent"  # "added" or "empty" just after the check form was sent, said once
LANGUAGE = "aid.language"  # the language chosen in this tab ("en", "es"); also in the link as ?lang=
# Where the keyboard focus goes once the page is drawn again: the key of a container or widget,
# asked for by the action that adds it (components.focus_next). Not an answer: used once, dropped.
FOCUS_REQUEST = "aid.focus.request"
FOCUS_COUNT = "aid.focus.count"  # makes each request's script new, so the browser runs it again

ALL_KEYS = (
    CONDITION,
    RED_FLAGS_TICKED,
    RED_FLAGS_DONE,
    PATH_ANSWERS,
    PATH_ROUTED_TO,
    IBP_LASTED_3_MONTHS,
    IBP_ANSWERS,
    MEDICINES,
    COMPARE_OPTIONS,
    COMPARE_OUTCOME,
    COMPARE_LINK_SEEN,
    VALUES_WEIGHTS,
    VALUES_LEANING,
    SURE_BEFORE,
    SURE_AFTER,
    QUIZ_ANSWERS,
    SUMMARY_QUESTIONS,
    SUMMARY_NOTES,
    SUMMARY_NOTES_CUT,
    SUMMARY_PDF,
    SUMMARY_BUILT,
    SUMMARY_CONFIRM_CLEAR,
    SUMMARY_CLEARED,
    LARGER_TEXT,
    CLINICIAN_BIGGER_TEXT,
    FOLLOW_UPS,
    PATIENT_FILE_REPORT,
    PATIENT_FILE_UPLOADS,
    FOLLOW_UP_SENT,
    LANGUAGE,
)
#: Not answers: how the page looks, kept when answers are replaced by an opened file.
DISPLAY_KEYS = (LARGER_TEXT, CLINICIAN_BIGGER_TEXT, PATIENT_FILE_UPLOADS, LANGUAGE)


def get(key: str, default=None):
    return st.session_state.get(key, default)


def put(key: str, value) -> None:
    st.session_state[key] = value


#: The link's parameter for the language: `?lang=es` opens the aid in Spanish.
LANGUAGE_PARAM = "lang"


def language() -> str:
    """The language of this tab. The link's `?lang=` leads when it has one (a code the aid is not
    written in means English, never an error); else the language kept from the last page."""
    asked = st.query_params.get(LANGUAGE_PARAM)
    if asked is not None:
        asked = asked.strip().lower()  # ?lang=ES as typed by hand
        return asked if asked in LANGUAGES else DEFAULT_LANGUAGE
    kept = get(LANGUAGE)
    return kept if kept in LANGUAGES else DEFAULT_LANGUAGE


def language_params(lang: str | None = None) -> dict[str, str]:
    """What a link adds to keep the language: nothing for English, else {"lang": code}."""
    lang = lang or language()
    return {} if lang == DEFAULT_LANGUAGE else {LANGUAGE_PARAM: lang}


def keep_language(lang: str) -> None:
    """Keep the language in this session and in the address bar, so it stays from page to page,
    in a link copied from the address bar, and after the answers are cleared."""
    put(LANGUAGE, lang)
    if st.query_params.get(LANGUAGE_PARAM) != language_params(lang).get(LANGUAGE_PARAM):
        if lang == DEFAULT_LANGUAGE:
            del st.query_params[LANGUAGE_PARAM]
        else:
            st.query_params[LANGUAGE_PARAM] = lang


def current_answers() -> Answers:
    """The answers held in session state, as typed; every surface cleans them (answers.clean)."""
    return Answers(
        condition_id=get(CONDITION),
        option_ids=tuple(get(COMPARE_OPTIONS) or ()),
        pictured_outcome_id=get(COMPARE_OUTCOME),
        red_flags_ticked=tuple(get(RED_FLAGS_TICKED) or ()),
        red_flags_done=bool(get(RED_FLAGS_DONE)),
        ibp_lasted_over_3_months=get(IBP_LASTED_3_MONTHS),
        ibp_answers=dict(get(IBP_ANSWERS) or {}),
        medicines=tuple(get(MEDICINES) or ()),
        weights=dict(get(VALUES_WEIGHTS) or {}),
        leaning=get(VALUES_LEANING),
        sure_before=dict(get(SURE_BEFORE) or {}),
        sure_after=dict(get(SURE_AFTER) or {}),
        quiz_answers=dict(get(QUIZ_ANSWERS) or {}),
        questions=tuple(get(SUMMARY_QUESTIONS) or ()),
        notes=str(get(SUMMARY_NOTES) or ""),
        notes_cut=bool(get(SUMMARY_NOTES_CUT)),
        follow_ups=tuple(get(FOLLOW_UPS) or ()),
    )


def restore_answers(answers: Answers) -> None:
    """Put answers from an opened file in place of this tab's: every answer key is emptied first.
    Widgets on other pages start from these keys when drawn; the page the file was opened on sets
    its own widgets (the browser keeps a widget's value unless it is set, not merely dropped)."""
    for key in ALL_KEYS:
        if key not in DISPLAY_KEYS:
            st.session_state.pop(key, None)
    restored = {
        CONDITION: answers.condition_id,
        COMPARE_OPTIONS: tuple(answers.option_ids) or None,
        COMPARE_OUTCOME: answers.pictured_outcome_id,
        RED_FLAGS_TICKED: list(answers.red_flags_ticked) or None,
        RED_FLAGS_DONE: answers.red_flags_done or None,
        IBP_LASTED_3_MONTHS: answers.ibp_lasted_over_3_months,
        IBP_ANSWERS: dict(answers.ibp_answers) or None,
        MEDICINES: list(answers.medicines) or None,
        VALUES_WEIGHTS: dict(answers.weights) or None,
        VALUES_LEANING: answers.leaning,
        SURE_BEFORE: dict(answers.sure_before) or None,
        SURE_AFTER: dict(answers.sure_after) or None,
        QUIZ_ANSWERS: dict(answers.quiz_answers) or None,
        SUMMARY_QUESTIONS: list(answers.questions) or None,
        SUMMARY_NOTES: answers.notes or None,
        FOLLOW_UPS: tuple(answers.follow_ups) or None,
    }
    for key, value in restored.items():
        if value is not None:
            put(key, value)
