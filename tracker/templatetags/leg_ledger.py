"""The leg ledger in templates: the signed-in runner's month on a muscle's guide page, and the
Progress page's tables.

    {% load leg_ledger %}
    {% your_muscle_month muscle stimulus_weights %}   templates/knowledge/muscle_detail.html
    {% ledger_table ledger as table %}                 templates/tracker/_ledger.html

The guide imports nothing from the tracker (pyproject.toml's import contracts), so its muscle
page loads this library by name in its template instead: knowledge's Python stays free of the
tracker, its view passes only guide data, and the runner's block is the tracker's to fill. An
anonymous visitor gets nothing, at no query.
"""

import datetime

from django import template

from tracker.log.models import get_profile
from tracker.progress.ledger import KINDS, muscle_month

register = template.Library()


def amount(kind_per: str, value) -> str:
    if kind_per == "set":
        return f"{value:g} set{'' if value == 1 else 's'}"
    return f"{value:g} min"


@register.inclusion_tag("tracker/_muscle_month.html", takes_context=True)
def your_muscle_month(context, muscle, weights=None):
    """`weights`: the muscle's StimulusWeight rows when the page has them (saves a query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"month": None}
    profile = get_profile(user)
    by_kind = None if weights is None else {w.kind: w.weight for w in weights}
    month = muscle_month(user, muscle, profile.today(), weights=by_kind)
    rows = []
    for kind in month["kinds"]:
        key = kind["kind"]
        current, previous = month["current"], month["previous"]
        amounts = current["sets"] if kind["per"] == "set" else current["minutes"]
        rows.append(
            {
                "label": kind["label"],
                "amount": amount(kind["per"], amounts[key]),
                "points": current["points"][key],
                "previous": previous["points"][key],
            }
        )
    return {"month": month, "rows": rows, "units": profile.units}


def period_label(iso_day: str, resolution: str) -> str:
    day = datetime.date.fromisoformat(iso_day)
    return f"{day:%B %Y}" if resolution == "month" else f"Week of {day:%-d %b %Y}"


@register.simple_tag
def ledger_table(ledger, recent: int = 8) -> dict:
    """The ledger as table rows: per muscle its points by source over the range, and its last
    `recent` weeks (or months), newest first, with the girth changes."""
    shown = range(len(ledger["periods"]) - 1, max(len(ledger["periods"]) - recent, 0) - 1, -1)
    labels = {kind["kind"]: kind["label"] for kind in ledger["kinds"]}

    def cells(values: dict) -> list[dict]:
        # Each value with its column's name, which a phone shows beside it (stack-table).
        return [{"label": labels[kind], "value": values[kind]} for kind in KINDS]

    muscles = []
    for muscle in ledger["muscles"]:
        girth = muscle["girth_change_cm"]
        whole = muscle["range_girth_change_cm"] or {}
        muscles.append(
            {
                "name": muscle["name"],
                "url": muscle["url"],
                "segment": muscle["segment"],
                "points": cells(muscle["range_points"]),
                "total": muscle["range_total"],
                "left": whole.get("left"),
                "right": whole.get("right"),
                "periods": [
                    {
                        "label": period_label(ledger["periods"][i], ledger["resolution"]),
                        "points": cells({kind: muscle["points"][kind][i] for kind in KINDS}),
                        "total": muscle["total"][i],
                        "left": girth["left"][i] if girth else None,
                        "right": girth["right"][i] if girth else None,
                    }
                    for i in shown
                ],
            }
        )
    word = "month" if ledger["resolution"] == "month" else "week"
    return {"muscles": muscles, "period_word": word, "recent": len(shown)}
