"""HTML from the Jinja2 templates in ui/templates/, never from Python strings: every value is
escaped on the way in (autoescape, backpain_aid/templating.py), so data text and anything a person
typed is shown as text."""

from pathlib import Path

from backpain_aid import templating

TEMPLATE_DIR = Path(__file__).with_name("templates")

_ENVIRONMENT = templating.environment(TEMPLATE_DIR)


def render(template: str, **values: object) -> str:
    """A template filled in. No blank lines come out, so Markdown reads the result as one HTML
    block (st.markdown with HTML allowed), and the last newline is dropped."""
    return _ENVIRONMENT.get_template(template).render(**values).strip()


def macro(template: str, name: str, *values: object) -> str:
    """One macro of a template, called with these values (escaped like any other)."""
    return templating.macro(_ENVIRONMENT, template, name, *values)
