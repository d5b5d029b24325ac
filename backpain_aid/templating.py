"""HTML from Jinja2 templates, never from Python strings: every value is escaped on the way in
(autoescape), so data text and anything a person typed is shown as text. The domain package's
pictures (backpain_aid/templates/) and the UI's pieces (ui/templates/) follow the same rules."""

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

_LINE_BREAK_BETWEEN_TAGS = re.compile(r">\s*\n\s*<")


def one_line(markup: str) -> Markup:
    """Markup written over several lines in a template, as one line: Markdown ends an HTML block
    at a blank line, and a break between two inline elements would show as a space. Only breaks
    between two tags go, never one inside a value."""
    return Markup(_LINE_BREAK_BETWEEN_TAGS.sub("><", str(markup)))


def environment(folder: Path) -> Environment:
    templates = Environment(
        loader=FileSystemLoader(folder),
        autoescape=True,
        undefined=StrictUndefined,  # a missing value is an error, not an empty cell
        trim_blocks=True,
        lstrip_blocks=True,
    )
    templates.filters["one_line"] = one_line
    return templates


def macro(templates: Environment, template: str, name: str, *values: object) -> str:
    """One macro of a template, called with these values (escaped like any other)."""
    called = getattr(templates.get_template(template).module, name)(*values)
    return str(called).strip()
