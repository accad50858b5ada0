import pytest

from tracker import units
from tracker.units import IMPERIAL, METRIC


def test_five_miles_are_stored_as_8046_72_metres():
    assert units.to_si("distance", 5, IMPERIAL) == pytest.approx(8046.72)


def test_ten_kilometres_are_stored_as_10000_metres():
    assert units.to_si("distance", 10, METRIC) == 10_000


def test_stored_values_are_shown_in_imperial_units():
    assert units.from_si("weight", 80, IMPERIAL) == pytest.approx(176.3698, abs=1e-4)
    assert units.from_si("length", 55.88, IMPERIAL) == pytest.approx(22.0)
    assert units.from_si("elevation", 304.8, IMPERIAL) == pytest.approx(1000.0)
    assert units.from_si("distance", 1609.344, IMPERIAL) == pytest.approx(1.0)


@pytest.mark.parametrize("quantity", ["distance", "elevation", "weight", "length"])
@pytest.mark.parametrize("units_name", [METRIC, IMPERIAL])
@pytest.mark.parametrize("value", [0.1, 3.1, 26.2, 176.4, 1000.0])
def test_a_typed_value_survives_the_round_trip_through_si(quantity, units_name, value):
    stored = units.to_si(quantity, value, units_name)
    assert units.from_si(quantity, stored, units_name) == pytest.approx(value, rel=1e-12)


def test_unit_labels_follow_the_units():
    assert [units.unit_label(q, METRIC) for q in units.QUANTITIES] == ["km", "m", "kg", "cm"]
    assert [units.unit_label(q, IMPERIAL) for q in units.QUANTITIES] == ["mi", "ft", "lb", "in"]


def test_a_five_minute_kilometre_is_an_eight_minute_three_second_mile():
    assert units.pace_per_unit(300, IMPERIAL) == pytest.approx(482.8032)
    assert units.format_duration(units.pace_per_unit(300, IMPERIAL)) == "8:03"
    assert units.pace_per_unit(300, METRIC) == 300


def test_twelve_kilometres_an_hour_is_7_46_mph():
    assert units.speed_per_hour(12, IMPERIAL) == pytest.approx(7.4564, abs=1e-4)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1:05:00", 3900),
        ("45:30", 2730),
        ("75:30", 4530),
        (" 0:45:07 ", 2707),
        ("45", 2700),
        ("48:00:00", 172_800),
    ],
)
def test_durations_are_read_as_h_mm_ss_mm_ss_or_minutes(text, seconds):
    assert units.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "abc", "1:60:00", "45:60", "1:2:3:4", "-5:00", "4.5", "1h"])
def test_anything_else_is_not_a_duration(text):
    with pytest.raises(ValueError, match="duration|range"):
        units.parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "text"), [(3723, "1:02:03"), (1530, "25:30"), (59.6, "1:00"), (5, "0:05")]
)
def test_durations_are_formatted_like_a_watch(seconds, text):
    assert units.format_duration(seconds) == text
