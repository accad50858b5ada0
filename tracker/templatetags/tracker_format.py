"""Template filters that show stored SI values in the runner's units.

    {{ run.distance_m|distance:units }}      5.00 km  /  3.11 mi
    {{ run.pace_s_per_km|pace:units }}       5:00 /km  /  8:03 /mi
    {% measure row.value row.quantity units signed=True %}   +0.5 cm

A missing value shows as an en dash.
"""

import math

from django import template

from tracker import units as unit_conversions

register = template.Library()

MISSING = "–"
# Decimal places shown per quantity.
PLACES = {"distance": 2, "elevation": 0, "weight": 1, "length": 1, "percent": 1}


def _number(value: float, places: int, signed: bool = False) -> str:
    shown = f"{value:+,.{places}f}" if signed else f"{value:,.{places}f}"
    # A real minus sign reads better than a hyphen; a change that rounds to zero has no sign.
    if signed and float(f"{value:.{places}f}") == 0:
        shown = f"{0:.{places}f}"
    return shown.replace("-", "−")


@register.simple_tag
def measure(value, quantity: str, units: str, signed: bool = False) -> str:
    """A stored value of `quantity` (distance, elevation, weight, length, percent) for showing."""
    if value is None or value == "":
        return MISSING
    if quantity == "percent":
        return f"{_number(value, PLACES['percent'], signed)} %"
    shown = unit_conversions.from_si(quantity, value, units)
    unit = unit_conversions.unit_label(quantity, units)
    return f"{_number(shown, PLACES[quantity], signed)} {unit}"


@register.filter
def distance(value_m, units):
    return measure(value_m, "distance", units)


@register.filter
def elevation(value_m, units):
    return measure(value_m, "elevation", units)


@register.filter
def weight(value_kg, units):
    return measure(value_kg, "weight", units)


@register.filter
def girth(value_cm, units):
    return measure(value_cm, "length", units)


@register.filter
def duration(seconds):
    if seconds is None or seconds == "" or not math.isfinite(seconds):
        return MISSING
    return unit_conversions.format_duration(seconds)


@register.filter
def pace(seconds_per_km, units):
    if seconds_per_km is None or not math.isfinite(seconds_per_km):
        return MISSING
    per_unit = unit_conversions.pace_per_unit(seconds_per_km, units)
    unit = unit_conversions.unit_label("distance", units)
    return f"{unit_conversions.format_duration(per_unit)} /{unit}"


@register.filter
def speed(km_per_hour, units):
    if km_per_hour is None or not math.isfinite(km_per_hour):
        return MISSING
    shown = unit_conversions.speed_per_hour(km_per_hour, units)
    return f"{shown:.1f} {'mph' if units == unit_conversions.IMPERIAL else 'km/h'}"


@register.filter
def grams(value):
    if value is None:
        return MISSING
    return f"{value:,.0f} g" if float(value).is_integer() else f"{value:,.1f} g"


@register.filter
def unit(units, quantity):
    """{{ units|unit:"distance" }} -> km or mi."""
    return unit_conversions.unit_label(quantity, units)


@register.filter
def dict_get(mapping, key):
    """{{ days|dict_get:entry.date }}: a dict lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def timespan(value):
    """A timedelta in words: 15 minutes, 1 hour 30 minutes, 2 days ("" for none)."""
    if not value:
        return ""
    minutes = round(value.total_seconds() / 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{count} {name}{'' if count == 1 else 's'}"
        for count, name in ((days, "day"), (hours, "hour"), (minutes, "minute"))
        if count
    ]
    return " ".join(parts) or "less than a minute"
