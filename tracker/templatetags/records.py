"""Best efforts on run pages: `{% run_records run units %}` (a run's efforts, with PR marks
and its shoes)."""

from django import template

from tracker.log.records_page import run_efforts

register = template.Library()


@register.inclusion_tag("tracker/_run_records.html")
def run_records(run, units):
    return {"run": run, "efforts": run_efforts(run), "units": units}


@register.filter
def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
