"""Guideline placeholders in guide text: `{{ guideline:protein_g_per_kg }}` and friends.

Guide Markdown never types a guideline's number: it names the guideline, and the page shows the
current number. HTML is rendered and sanitised on save with the placeholders left in; they are
expanded, with escaped text, each time a page is shown, so an admin's edit to a guideline changes
every sentence and table that states it.

    {{ guideline:KEY }}          the whole value with its unit: "1.2–2 g/kg/day", "1.5 ratio"
    {{ guideline:KEY.range }}    a range without the unit: "1.2–2"
    {{ guideline:KEY.min }}      the minimum ("1.2"); .max the maximum; .value a single threshold
    {{ guideline:KEY.unit }}     the unit; .name the guideline's name
    {{ guideline:KEY.min×70 }}   a number times a factor, for worked examples: "84"
                                 (× rather than *, which Markdown would read as emphasis)
"""

import re
from collections.abc import Mapping

from django.utils.html import escape

PLACEHOLDER = re.compile(
    r"\{\{\s*guideline:(?P<key>[a-z0-9_]+)"
    r"(?:\.(?P<part>min|max|value|range|unit|name))?"
    r"(?:\s*×\s*(?P<factor>[0-9]+(?:\.[0-9]+)?))?\s*\}\}"
)
NUMBER_FIELDS = {"min": "minimum", "max": "maximum", "value": "value"}


def number_text(number: float) -> str:
    """1.2 -> "1.2", 2.0 -> "2", 84.00000001 -> "84": how the guide writes a number."""
    return f"{round(number, 2):g}"


def placeholder_text(guideline, part: str | None, factor: float | None = None) -> str | None:
    """The plain text a placeholder stands for, or None when the guideline lacks that part."""
    if part in NUMBER_FIELDS:
        number = getattr(guideline, NUMBER_FIELDS[part])
        if number is None:
            return None
        return number_text(number * factor if factor is not None else number)
    if factor is not None:
        return None
    if part == "range":
        if guideline.minimum is None or guideline.maximum is None:
            return None
        return f"{number_text(guideline.minimum)}–{number_text(guideline.maximum)}"
    if part == "unit":
        return guideline.unit
    if part == "name":
        return guideline.name
    return guideline.display_value


def expand_guidelines(text: str, guidelines: Mapping[str, object]) -> str:
    """`text` (HTML) with every placeholder replaced by the guideline's escaped current text.

    An unknown key, or a part the guideline does not have, shows visibly in brackets so an
    editor notices it; `load_guidance` refuses such content before it gets this far.
    """

    def replace(match: re.Match) -> str:
        key, part = match["key"], match["part"]
        factor = float(match["factor"]) if match["factor"] else None
        guideline = guidelines.get(key)
        if guideline is None:
            return escape(f"[unknown guideline: {key}]")
        text = placeholder_text(guideline, part, factor)
        if text is None:
            return escape(f"[guideline {key} has no {part}]")
        return escape(text)

    return PLACEHOLDER.sub(replace, text)


def placeholders_in(text: str) -> list[tuple[str, str | None]]:
    """(key, part) for each placeholder in `text`, for the loader's checks."""
    return [(m["key"], m["part"]) for m in PLACEHOLDER.finditer(text)]
