"""Every widget key, declared once. A widget's value is forgotten when its page is left, so the
answers themselves live under ui/state.py's keys; these name the widgets that edit them and the
sections a person opened, so a page and its tests find the same widget by the same name."""

# --- Shown on several pages ---------------------------------------------------------------------
CONDITION = "widget.condition"  # the condition picker (Explore, Compare, the path questions)
#: The larger-text switch in the menu and the one at the top of the page.
LARGER_TEXT = ("widget.larger_text", "widget_larger_text_top")
#: The language choice in the menu and on the start page.
LANGUAGE = {"menu": "widget_language_menu", "start": "widget_language_start"}

# --- Explore and Compare ------------------------------------------------------------------------
COMPARE_CHART_OPEN = "widget.compare.chart_open"  # the bar chart's closed section
COMPARE_OUTCOME = "widget.compare.outcome"  # which result the bar chart pictures


def path_condition(routed_to: str | None) -> str:
    """The path page's condition picker: a new one each time the questions lead somewhere new."""
    return CONDITION if routed_to is None else f"{CONDITION}.after.{routed_to}"


def compare_options(condition_id: str) -> str:
    """The options chosen on Compare, one widget per condition (each has its own options)."""
    return f"widget.compare.options.{condition_id}"


def compare_detail(row_id: str) -> str:
    """The closed section under a row of the Compare grid."""
    return f"widget.compare.detail.{row_id}"


# --- Questions and answers ----------------------------------------------------------------------
VALUES_WHAT_IF = "widget.values.what_if"
LEANING = "widget.values.leaning"
IBP_DURATION = "widget.ibp.duration"
CLINICIAN_BIGGER_TEXT = "widget.clinician.bigger_text"
SUMMARY_NOTES = "widget.summary.notes"
SUMMARY_PAPER = "widget.summary.paper"
FOLLOW_UP_FORM = "widget.follow_up"
FOLLOW_UP_OPEN = "widget.follow_up_open"  # the closed section that holds the form
PATIENT_FILE_HIDE = "widget.patient_file.hide"


def path_question(question_id: str) -> str:
    return f"widget.path.{question_id}"


def quiz_question(question_id: str) -> str:
    return f"widget.quiz.{question_id}"


def weight(attribute_id: str) -> str:
    return f"widget.values.weight.{attribute_id}"


def red_flag(sign_id: str) -> str:
    return f"widget.red_flag.{sign_id}"


def ibp_item(item_id: str) -> str:
    return f"widget.ibp.{item_id}"


def summary_question(question_id: str) -> str:
    return f"widget.summary.question.{question_id}"


def medicine_field(field: str) -> str:
    return f"widget.medicine.{field}"


def sure_question(moment: str, question_id: str) -> str:
    """A SURE question at the start ("before") or at the end ("after")."""
    return f"widget.sure.{moment}.{question_id}"


def patient_file_upload(count: int) -> str:
    """The upload box: a fresh one (a new key) after each file opened."""
    return f"widget.patient_file.open.{count}"
