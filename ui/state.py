"""Session-state keys, namespaced so that answers survive page changes.

Widget keys are cleared when the page that owns the widget is left, so every answer is copied
into one of these keys, which only this module names. Nothing here is written to disk.
"""

import streamlit as st

CONDITION = "aid.condition"  # condition id chosen on Explore or by the path questions
RED_FLAGS_TICKED = "aid.red_flags.ticked"  # list of ticked warning-sign ids
RED_FLAGS_DONE = "aid.red_flags.done"  # True once the person has read the whole list
PATH_ANSWERS = "aid.path.answers"  # dict: question id -> answer id
PATH_ROUTED_TO = "aid.path.routed_to"  # the destination last applied from the path answers
IBP_LASTED_3_MONTHS = "aid.ibp.lasted_over_3_months"  # True, False or None
IBP_ANSWERS = "aid.ibp.answers"  # dict: criterion id -> True/False
MEDICINES = "aid.medicines"  # list of backpain_aid.medicines.Medicine
COMPARE_OPTIONS = "aid.compare.options"  # tuple of option ids, 2 to 4
COMPARE_ROWS = "aid.compare.rows"  # tuple of row ids shown on Compare
COMPARE_OUTCOME = "aid.compare.outcome"  # outcome type id pictured on Compare
COMPARE_LINK_SEEN = "aid.compare.link_seen"  # the link parameters already applied

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
    COMPARE_ROWS,
    COMPARE_OUTCOME,
    COMPARE_LINK_SEEN,
)


def get(key: str, default=None):
    return st.session_state.get(key, default)


def put(key: str, value) -> None:
    st.session_state[key] = value
