"""TCX import, checked against the real samples in tests/data/activity-samples/tcx.

Expected values are read from each file's own lap totals with ElementTree, here in the test.
"""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.samples import SAMPLES
from tracker.transfer.parsers import ActivityFileError, parse_activity_file

TCX = SAMPLES / "tcx"
NS = {"t": "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"}


def parse(path: Path):
    return parse_activity_file(path.name, path.read_bytes())


def when(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def lap_totals(path: Path) -> dict:
    """The file's own totals: what the watch wrote in each <Lap>."""
    root = ET.parse(path).getroot()
    laps = root.findall(".//t:Lap", NS)
    times = [when(t.text) for t in root.iterfind(".//t:Trackpoint/t:Time", NS)]
    avg_hr = [lap.find("t:AverageHeartRateBpm/t:Value", NS) for lap in laps]
    max_hr = [lap.find("t:MaximumHeartRateBpm/t:Value", NS) for lap in laps]
    seconds = [float(lap.find("t:TotalTimeSeconds", NS).text) for lap in laps]
    return {
        "laps": len(laps),
        "distance": sum(float(lap.find("t:DistanceMeters", NS).text) for lap in laps),
        "timer": sum(seconds),
        "start": when(laps[0].get("StartTime")),
        "last_point": max(times),
        "avg_hr": (
            sum(float(v.text) * s for v, s in zip(avg_hr, seconds, strict=True)) / sum(seconds)
            if all(v is not None for v in avg_hr)
            else None
        ),
        "max_hr": max((int(v.text) for v in max_hr if v is not None), default=None),
        "sport": root.find(".//t:Activity", NS).get("Sport"),
    }


@pytest.mark.parametrize(
    "name",
    ["run-4.7km-3laps-hr.tcx", "run-4.7km-3laps-no-hr.tcx", "run-12km-3laps-hr-pauses.tcx"],
)
def test_tcx_totals_are_the_laps_own_totals(name):
    path = TCX / name
    expected = lap_totals(path)
    [run] = parse(path).activities
    assert run.source_format == "tcx"
    assert run.sport == "running"
    assert expected["sport"] == "Running"
    assert run.distance_m == pytest.approx(expected["distance"], rel=0.01)
    assert run.moving_s == pytest.approx(expected["timer"], rel=0.01)
    elapsed = (expected["last_point"] - expected["start"]).total_seconds()
    assert run.elapsed_s == pytest.approx(elapsed, rel=0.01)
    assert run.start_time == expected["start"]
    assert run.has_gps is True


def test_run_with_heart_rate_uses_the_laps_heart_rate_summaries():
    path = TCX / "run-4.7km-3laps-hr.tcx"
    expected = lap_totals(path)
    [run] = parse(path).activities
    assert run.avg_hr_bpm == round(expected["avg_hr"])
    assert run.max_hr_bpm == expected["max_hr"]


def test_run_without_heart_rate_has_none_and_the_same_distance():
    [with_hr] = parse(TCX / "run-4.7km-3laps-hr.tcx").activities
    [without] = parse(TCX / "run-4.7km-3laps-no-hr.tcx").activities
    assert without.avg_hr_bpm is None
    assert without.max_hr_bpm is None
    assert without.distance_m == with_hr.distance_m
    assert without.start_time == with_hr.start_time


def test_sport_comes_from_the_sport_attribute_not_the_notes():
    path = TCX / "run-4.7km-3laps-hr.tcx"
    assert "<Notes>Aerobics</Notes>" in path.read_text()
    [run] = parse(path).activities
    assert run.sport == "running"
    assert run.name == ""


def test_run_with_pauses_has_moving_time_shorter_than_elapsed_and_keeps_the_micro_lap():
    path = TCX / "run-12km-3laps-hr-pauses.tcx"
    expected = lap_totals(path)
    assert expected["laps"] == 3
    [run] = parse(path).activities
    # Lap 2 is 2 s and 2.9 m long; it is counted like any other lap.
    assert run.distance_m == pytest.approx(expected["distance"], abs=0.5)
    assert run.elapsed_s - run.moving_s > 300  # several minutes of pauses
    # The first trackpoint is a few seconds after the lap's StartTime: the lap start is used.
    assert run.start_time == datetime(2021, 1, 10, 8, 54, 22, tzinfo=UTC)
    assert run.avg_hr_bpm == round(expected["avg_hr"])
    assert run.max_hr_bpm == expected["max_hr"]


def test_biking_tcx_is_cycling():
    data = (
        (TCX / "run-4.7km-3laps-hr.tcx").read_bytes().replace(b'Sport="Running"', b'Sport="Biking"')
    )
    [ride] = parse_activity_file("ride.tcx", data).activities
    assert ride.sport == "cycling"


def test_tcx_without_lap_totals_falls_back_to_the_trackpoints():
    root = ET.parse(TCX / "run-4.7km-3laps-no-hr.tcx").getroot()
    for lap in root.iterfind(".//t:Lap", NS):
        for tag in ("t:DistanceMeters", "t:TotalTimeSeconds"):
            lap.remove(lap.find(tag, NS))
    points = root.findall(".//t:Trackpoint/t:DistanceMeters", NS)
    last_distance = max(float(p.text) for p in points)
    data = ET.tostring(root, xml_declaration=True, encoding="utf-8")
    [run] = parse_activity_file("stripped.tcx", data).activities
    assert run.distance_m == pytest.approx(last_distance, rel=0.01)
    assert 0 < run.moving_s <= run.elapsed_s


def test_tcx_missing_its_root_element_is_refused_with_a_clear_message():
    with pytest.raises(ActivityFileError) as info:
        parse(TCX / "invalid" / "no-root-element.tcx")
    assert str(info.value) == (
        "no-root-element.tcx is not a valid TCX file: its TrainingCenterDatabase root element "
        "is missing."
    )


def test_truncated_tcx_is_refused_as_damaged():
    data = (TCX / "run-4.7km-3laps-hr.tcx").read_bytes()[:50_000]
    with pytest.raises(ActivityFileError, match="XML is damaged or incomplete"):
        parse_activity_file("cut.tcx", data)


def test_external_entity_tcx_is_refused_and_nothing_is_read_from_disk():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE TrainingCenterDatabase [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Activities><Activity Sport="Running"><Id>2020-01-01T00:00:00Z</Id><Notes>&xxe;</Notes>
  <Lap StartTime="2020-01-01T00:00:00Z"><TotalTimeSeconds>60</TotalTimeSeconds>
   <DistanceMeters>200</DistanceMeters></Lap>
 </Activity></Activities>
</TrainingCenterDatabase>
"""
    with pytest.raises(ActivityFileError, match="not allowed in uploaded files") as info:
        parse_activity_file("xxe.tcx", data)
    assert "root:" not in str(info.value)


def test_course_tcx_is_refused_as_a_planned_route():
    data = b"""<?xml version="1.0"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
 <Courses><Course><Name>Loop</Name></Course></Courses>
</TrainingCenterDatabase>
"""
    with pytest.raises(ActivityFileError, match="holds a course"):
        parse_activity_file("loop.tcx", data)
