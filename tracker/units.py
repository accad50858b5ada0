"""Unit conversions and duration text, pure Python.

Everything is stored in SI units (metres, seconds, kilograms, centimetres) and converted to the
runner's units only for showing and entering. Imperial means miles, feet, pounds and inches.
"""

import re

METRIC = "metric"
IMPERIAL = "imperial"

METRES_PER_MILE = 1609.344
METRES_PER_FOOT = 0.3048
KG_PER_POUND = 0.45359237
CM_PER_INCH = 2.54

# quantity -> (metric unit, imperial unit, SI units per imperial unit, SI units per metric unit)
QUANTITIES = {
    "distance": ("km", "mi", METRES_PER_MILE, 1000.0),
    "elevation": ("m", "ft", METRES_PER_FOOT, 1.0),
    "weight": ("kg", "lb", KG_PER_POUND, 1.0),
    "length": ("cm", "in", CM_PER_INCH, 1.0),
}


def unit_label(quantity: str, units: str) -> str:
    """The short unit a runner sees for `quantity`: "km" or "mi", "kg" or "lb", ..."""
    metric, imperial, _, _ = QUANTITIES[quantity]
    return imperial if units == IMPERIAL else metric


def to_si(quantity: str, value: float, units: str) -> float:
    """A value typed in the runner's units, in SI (metres, kilograms, centimetres)."""
    _, _, per_imperial, per_metric = QUANTITIES[quantity]
    return value * (per_imperial if units == IMPERIAL else per_metric)


def from_si(quantity: str, value: float, units: str) -> float:
    """A stored SI value in the runner's units."""
    _, _, per_imperial, per_metric = QUANTITIES[quantity]
    return value / (per_imperial if units == IMPERIAL else per_metric)


def pace_per_unit(seconds_per_km: float, units: str) -> float:
    """Seconds per km as seconds per mile for imperial units."""
    return seconds_per_km * METRES_PER_MILE / 1000 if units == IMPERIAL else seconds_per_km


def speed_per_hour(km_per_hour: float, units: str) -> float:
    """km/h as mph for imperial units."""
    return km_per_hour * 1000 / METRES_PER_MILE if units == IMPERIAL else km_per_hour


_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{1,2})$")


def parse_duration(text: str) -> int:
    """Seconds from "h:mm:ss", "mm:ss" or a whole number of minutes.

    Minutes may run past 59 without hours ("75:30"), as watches often show them; with hours,
    minutes and seconds must be below 60. Raises ValueError for anything else.
    """
    text = text.strip()
    if text.isdigit():
        return int(text) * 60
    match = _CLOCK.match(text)
    if not match:
        raise ValueError(f"not a duration: {text!r}")
    hours, minutes, seconds = match.groups()
    if int(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
        raise ValueError(f"minutes or seconds out of range: {text!r}")
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds)


def format_duration(seconds: float) -> str:
    """1:02:03 from 3723 s; 25:30 under an hour."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
