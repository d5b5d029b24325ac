"""The languages the aid is written in, and how numbers and dates are written in each.

Words live in data/content/ (English) and data/content/<lang>/ (a translation laid over it), and
in data/<lang>/ for the evidence tables; this module only knows the language codes and the few
conventions that are not words: the decimal sign and the order of day, month and year.
"""

from __future__ import annotations

from datetime import date

DEFAULT_LANGUAGE = "en"

#: Each language the aid is written in, with its decimal sign and how a date is written.
#: English keeps the ISO date (2026-12-01) it has always shown; Spanish writes day/month/year
#: (01/12/2026), as in Spain and Latin America alike.
_CONVENTIONS: dict[str, tuple[str, str]] = {
    "en": (".", "%Y-%m-%d"),
    "es": (",", "%d/%m/%Y"),
}

LANGUAGES: tuple[str, ...] = tuple(_CONVENTIONS)
#: The languages other than English: each has its own folder of translations.
TRANSLATIONS: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)


class UnknownLanguageError(ValueError):
    """Code asked for a language the aid is not written in."""


def check_language(lang: str) -> str:
    """The language code itself, or a loud error naming the ones the aid has."""
    if lang not in _CONVENTIONS:
        raise UnknownLanguageError(f"language '{lang}' is not one of {', '.join(LANGUAGES)}")
    return lang


def decimal_sign(lang: str = DEFAULT_LANGUAGE) -> str:
    """The decimal sign, "." in English and "," in Spanish: for code that hands the formatting to
    another program (the charts' Vega locale)."""
    return _CONVENTIONS[check_language(lang)][0]


def format_number(value: float, lang: str = DEFAULT_LANGUAGE) -> str:
    """A number as the language writes it, with no digits added: 12, 0.5 in English, 0,5 in Spanish.

    Round first if fewer digits are wanted; this only writes the value out. No thousands
    separator: the aid's figures are out of 100 or on short scales, and Spanish style writes
    four-digit numbers without one.
    """
    decimal_sign, _ = _CONVENTIONS[check_language(lang)]
    written = f"{value:g}"
    if "e" in written:  # :g turns to exponent form from a million up; write the digits instead
        written = f"{value:f}".rstrip("0").rstrip(".")
    return written.replace(".", decimal_sign)


def format_date(day: date, lang: str = DEFAULT_LANGUAGE) -> str:
    """A date as the language writes it: 2026-12-01 in English, 01/12/2026 in Spanish."""
    _, pattern = _CONVENTIONS[check_language(lang)]
    return day.strftime(pattern)
