"""Check and decide: a short knowledge check on the options being weighed, which way the person
leans, and the SURE questions again, set against the answers at the start."""

import streamlit as st

from backpain_aid import quiz, sure
from backpain_aid.answers import NOT_SURE
from backpain_aid.compare import MIN_OPTIONS, Selection
from backpain_aid.content import Content
from backpain_aid.evidence import Evidence
from ui import components, keys, pages, state
from ui.option_choice import weighed_options
from ui.sure_questions import sure_questions, sure_sources


def render(text: Content, evidence: Evidence) -> None:
    st.title(text("values.decide.title"))
    st.markdown(text("values.decide.intro"))
    st.info(text("values.not_advice"), icon=":material/info:")
    st.header(text("values.decide.options"))
    selection = weighed_options(text, evidence)
    if len(selection.option_ids) < MIN_OPTIONS:
        st.info(text("values.need_two"))
    else:
        st.header(text("values.decide.steps.quiz"))
        knowledge_check(text, evidence, selection)
        st.header(text("values.decide.steps.leaning"))
        leaning(text, evidence, selection)
    st.header(text("values.decide.steps.sure_after"))
    st.markdown(text("values.sure.intro_after"))
    after = sure_questions(text, state.SURE_AFTER, "after")
    before_and_after(text, after)
    sure_sources(text, evidence)
    st.header(text("values.next"))
    pages.link(pages.SUMMARY, text)


def knowledge_check(text: Content, evidence: Evidence, selection: Selection) -> None:
    questions = quiz.questions(evidence, text, selection.condition_id, selection.option_ids)
    if not questions:
        st.info(text("values.quiz.none"))
        return
    st.markdown(text("values.quiz.intro"))
    answers = dict(state.get(state.QUIZ_ANSWERS) or {})
    for number, question in enumerate(questions, start=1):
        with st.container(border=True):
            choice = components.remembered_radio(
                f"{text('values.quiz.number', n=number)} {question.prompt}",
                {choice.id: choice.label for choice in question.choices},
                answers.get(question.id),
                keys.quiz_question(question.id),
            )
            if choice is not None:
                answers[question.id] = choice
                feedback(text, question, choice)
    state.put(state.QUIZ_ANSWERS, answers)
    result = quiz.mark(questions, answers)
    if result.complete:
        st.success(text("values.quiz.score", right=result.right, total=result.total))
    else:
        st.markdown(text("values.quiz.answered_some", answered=result.answered, total=result.total))


def feedback(text: Content, question: quiz.Question, choice: str) -> None:
    """Right or not, the figure behind the answer is shown at once, gently."""
    right = choice == question.answer_id
    verdict = text("values.quiz.right" if right else "values.quiz.not_quite")
    if not right:
        verdict += " " + text("values.quiz.the_answer", answer=question.choice(question.answer_id).label)
    message = f"{verdict} {text('values.quiz.the_figure')} {question.figure} {question.evidence_line}"
    if right:
        st.success(message, icon=":material/check:")
    else:
        st.info(message, icon=":material/lightbulb:")


def leaning(text: Content, evidence: Evidence, selection: Selection) -> None:
    st.markdown(text("values.leaning.intro"))
    choices = {option_id: evidence.options[option_id].name for option_id in selection.option_ids}
    choices[NOT_SURE] = text("values.leaning.not_sure")
    remembered = state.get(state.VALUES_LEANING)
    ids = list(choices)
    choice = st.radio(
        text("values.leaning.label"),
        ids,
        index=ids.index(remembered) if remembered in ids else None,
        format_func=choices.__getitem__,
        key=keys.LEANING,
    )
    if choice is None:
        return
    state.put(state.VALUES_LEANING, choice)
    if choice == NOT_SURE:
        st.markdown(text("values.leaning.chosen_not_sure"))
    else:
        st.markdown(text("values.leaning.chosen", option=choices[choice]))


def before_and_after(text: Content, after: sure.SureResult) -> None:
    if not after.complete:
        return
    before = sure.score(state.get(state.SURE_BEFORE), sure.question_ids(text))
    if before.complete:
        st.markdown(text("values.sure.before_after", before=before.score, after=after.score))
    else:
        st.markdown(text("values.sure.before_missing"))
