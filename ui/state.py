"""Session-state keys, namespaced so that answers survive page changes.

Widget keys are cleared when the page that owns the widget is left, so every answer is copied
into one of these keys, which only this module names. Nothing here is written to disk.
"""

import streamlit as st

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
SUMMARY_PDF = "aid.summary.pdf"  # (what it was built from, PDF bytes): the last PDF made, kept in memory only
SUMMARY_CONFIRM_CLEAR = "aid.summary.confirm_clear"  # True while asking "clear all my answers?"
SUMMARY_CLEARED = "aid.summary.cleared"  # True just after the answers were cleared, to say so once
LARGER_TEXT = "aid.display.larger_text"  # True when the person asked for bigger text on every page
CLINICIAN_BIGGER_TEXT = "aid.clinician.bigger_text"  # True: consultation view in bigger text for the patient

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
    SUMMARY_PDF,
    SUMMARY_CONFIRM_CLEAR,
    SUMMARY_CLEARED,
    LARGER_TEXT,
    CLINICIAN_BIGGER_TEXT,
)


def get(key: str, default=None):
    return st.session_state.get(key, default)


def put(key: str, value) -> None:
    st.session_state[key] = value
