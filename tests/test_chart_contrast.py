"""Chart text is easy to read: every text a chart draws (its title, axes, legend, and the names and
numbers on its marks) has a colour we chose, at least 4.5:1 against the chart's background (WCAG 2.2
AA for body text). axe cannot look inside a chart drawn on a canvas, so each chart the domain builds
is drawn here by Vega itself (to SVG, with vl-convert) and every text in the drawing is read.

Streamlit lays its own theme under a chart's settings (its settings win). Here each text colour that
theme could give is a marker colour instead, so a text whose colour was left to the theme is caught.
Texts sit beside the marks, never on them, so the chart's background is what they are read against.
"""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from datetime import date

import altair as alt
import pytest
import vl_convert

from backpain_aid import charts, follow_up
from backpain_aid.compare import Selection, figures_for, icon_groups
from backpain_aid.content import load_content
from backpain_aid.evidence import load_evidence
from backpain_aid.paths import PROJECT_ROOT
from backpain_aid.values import default_weights, fit, load_attributes
from backpain_aid.values_chart import fit_chart_in
from backpain_aid.wording import round_half_up

EVIDENCE = load_evidence()
TEXT = load_content()
MINIMUM = 4.5
PAGE_BACKGROUND = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())["theme"][
    "backgroundColor"
]
LEFT_TO_THEME = "#ff00ff"
#: What Streamlit's theme sets for chart text (and the colour of marks, which text marks take when
#: they have none of their own), every colour made the marker.
THEME_UNDER_THE_CHART = {
    "background": PAGE_BACKGROUND,
    "title": {"color": LEFT_TO_THEME, "subtitleColor": LEFT_TO_THEME},
    "axis": {"labelColor": LEFT_TO_THEME, "titleColor": LEFT_TO_THEME},
    "legend": {"labelColor": LEFT_TO_THEME, "titleColor": LEFT_TO_THEME},
    "header": {"labelColor": LEFT_TO_THEME, "titleColor": LEFT_TO_THEME},
    "mark": {"color": LEFT_TO_THEME},
    "text": {"color": LEFT_TO_THEME},
}
NAMED_COLOURS = {"black": "#000000", "white": "#ffffff"}
SVG = "{http://www.w3.org/2000/svg}"


def every_chart() -> dict[str, dict]:
    """Each chart the domain builds, with real evidence and words: the Compare bar chart for every
    result of every condition, the summary's people pictures for the same results, the fit chart
    and the chart of follow-up checks."""
    built: dict[str, dict] = {}
    attributes = load_attributes(TEXT, EVIDENCE)
    for condition_id in EVIDENCE.conditions:
        option_ids = tuple(option.id for option in EVIDENCE.options_for(condition_id)[:4])
        selection = Selection(condition_id, option_ids)
        for outcome_type_id in EVIDENCE.outcome_types:
            figures, _ = figures_for(EVIDENCE, selection, outcome_type_id)
            if not figures:
                continue
            chart = charts.compare_outcome_chart(EVIDENCE, TEXT, selection, outcome_type_id)
            built[f"compare-{condition_id}-{outcome_type_id}"] = chart.to_dict()
            titled = [
                (TEXT("compare.picture_count", group=group, count=round_half_up(n)), n)
                for group, n in icon_groups(figures[0], TEXT)
            ]
            for number, picture in enumerate(charts.icon_array_specs(titled, TEXT)):  # as the summary
                built[f"people-{condition_id}-{outcome_type_id}-{number}"] = picture
        result = fit(EVIDENCE, attributes, option_ids, condition_id, default_weights(attributes))
        names = {option_id: EVIDENCE.options[option_id].name for option_id in option_ids}
        labels = {attribute.id: attribute.label for attribute in attributes}
        built[f"fit-{condition_id}"] = fit_chart_in(TEXT, result, labels, names).to_dict()
    checks = (
        follow_up.FollowUp(on=date(2026, 9, 2), pain=7, activities=6),
        follow_up.FollowUp(on=date(2026, 11, 20), pain=4, activities=3),
    )
    built["follow-up-checks"] = follow_up.visits_chart(checks, TEXT).to_dict()
    return built


CHARTS = every_chart()


def under(theme: dict, settings: dict) -> dict:
    """The chart's own settings laid over the theme's, as Streamlit does: the chart's win."""
    merged = dict(theme)
    for key, value in settings.items():
        merged[key] = (
            under(merged[key], value)
            if isinstance(value, dict) and isinstance(merged.get(key), dict)
            else value
        )
    return merged


def as_drawn(spec: dict) -> str:
    return vl_convert.vegalite_to_svg(
        {**spec, "config": under(THEME_UNDER_THE_CHART, spec.get("config", {}))}
    )


def rgb(colour: str) -> tuple[float, float, float]:
    colour = NAMED_COLOURS.get(colour.strip().lower(), colour.strip().lower())
    if re.fullmatch(r"#[0-9a-f]{3}", colour):
        colour = "#" + "".join(digit * 2 for digit in colour[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", colour):
        return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]
    found = re.fullmatch(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*[\d.]+)?\)", colour)
    if found:
        return tuple(float(part) / 255 for part in found.groups())  # type: ignore[return-value]
    raise ValueError(f"cannot read the colour {colour!r}")


def luminance(colour: tuple[float, float, float]) -> float:
    """WCAG 2.2 relative luminance."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: tuple[float, float, float], second: tuple[float, float, float]) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def blended(colour: tuple[float, float, float], opacity: float, background) -> tuple[float, float, float]:
    return tuple(opacity * c + (1 - opacity) * b for c, b in zip(colour, background, strict=True))  # type: ignore[return-value]


def drawn_texts(svg: str) -> list[tuple[str, str | None, float]]:
    """Every text in the drawing: its words, its fill colour and its opacity (both inherited)."""
    root = ET.fromstring(svg)
    parents = {child: parent for parent in root.iter() for child in parent}
    found = []
    for element in root.iter(f"{SVG}text"):
        words = "".join(element.itertext()).strip()
        if not words:
            continue  # an empty line that pads a title
        fill, opacity, node = None, 1.0, element
        while node is not None:
            fill = fill or node.get("fill")
            for attribute in ("opacity", "fill-opacity"):
                opacity *= float(node.get(attribute, 1))
            node = parents.get(node)
        found.append((words, fill, opacity))
    return found


def test_every_chart_is_checked():
    kinds = {name.split("-")[0] for name in CHARTS}
    assert kinds == {"compare", "people", "fit", "follow"}


@pytest.mark.parametrize("name", list(CHARTS))
def test_every_chart_text_has_our_colour_with_enough_contrast(name):
    spec = CHARTS[name]
    background = rgb(under(THEME_UNDER_THE_CHART, spec.get("config", {}))["background"])
    texts = drawn_texts(as_drawn(spec))
    assert texts, "the chart drew no text at all"
    problems = []
    for words, fill, opacity in texts:
        if fill is None or rgb(fill) == rgb(LEFT_TO_THEME):
            problems.append(f"{words!r}: colour left to the theme")
            continue
        ratio = contrast(blended(rgb(fill), opacity, background), background)
        if ratio < MINIMUM:
            problems.append(f"{words!r}: {fill} at {opacity:g} opacity, {ratio:.2f}:1")
    assert not problems, problems


def test_the_contrast_sum_is_right():
    """The formula against known pairs (WebAIM's checker gives the same)."""
    assert contrast(rgb("#000000"), rgb("#ffffff")) == pytest.approx(21)
    assert contrast(rgb("#767676"), rgb("#ffffff")) == pytest.approx(4.54, abs=0.01)
    assert contrast(rgb("#777777"), rgb("#ffffff")) == pytest.approx(4.48, abs=0.01)


def test_a_text_left_to_the_theme_or_too_pale_is_caught():
    """The check itself can fail: a grey label and a text with no colour of its own are both found."""
    frame = alt.Data(values=[{"x": 1, "y": "a"}])
    pale = (
        alt.Chart(frame)
        .mark_bar()
        .encode(x="x:Q", y="y:N")
        .configure_axis(labelColor="#aaaaaa", titleColor="#aaaaaa")
    )
    unset = alt.Chart(frame).mark_text().encode(x="x:Q", y="y:N", text="y:N")
    pale_fills = {fill for _, fill, _ in drawn_texts(as_drawn(pale.to_dict()))}
    assert "#aaaaaa" in pale_fills and contrast(rgb("#aaaaaa"), rgb(PAGE_BACKGROUND)) < MINIMUM
    unset_fills = {fill for _, fill, _ in drawn_texts(as_drawn(unset.to_dict()))}
    assert LEFT_TO_THEME in unset_fills


def marks_of(spec: dict) -> list[dict]:
    """Each drawn layer of a spec: its mark (as a dict) and its encoding."""
    found = []
    for layer in [spec, *spec.get("layer", [])]:
        if "mark" in layer:
            mark = layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}
            found.append({"mark": mark, "encoding": layer.get("encoding", {})})
    return found


@pytest.mark.parametrize("name", list(CHARTS))
def test_no_chart_shows_the_datas_column_names_on_hover(name):
    """Streamlit's chart theme gives a layer without a tooltip of its own one listing the data's
    column names ("per_100", "step_name"). Every layer either names what it shows in words from
    data/content, shows one value alone, or has its tooltip switched off."""
    for layer in marks_of(CHARTS[name]):
        tooltip = layer["encoding"].get("tooltip")
        if isinstance(tooltip, list):
            assert all(tip.get("title") for tip in tooltip), (name, layer["mark"]["type"], tooltip)
        elif isinstance(tooltip, dict):
            assert "title" not in tooltip and "field" in tooltip, (name, tooltip)  # the value alone
        else:
            assert layer["mark"].get("tooltip", "missing") is None, (name, layer["mark"])
