"""Whole exports as runners download them (tests/data/activity-samples/exports, built from the
real sample files; see SOURCES.md), and the files inside them that used to become runs that are
not runs."""

import gzip
import io
import zipfile

import pytest

from tests.samples import SAMPLES
from tests.tracker.transfer.parsers.test_fit import fit_crc
from tracker.log.models import CrossTrainingSession, Run, Shoe
from tracker.transfer.imports import import_files

EXPORTS = SAMPLES / "exports"


def export(name: str) -> tuple[str, bytes]:
    return name, (EXPORTS / name).read_bytes()


def messages(report) -> str:
    return " ".join(m for f in report.files for m in f.messages)


def test_a_garmin_connect_export_imports_the_files_in_its_inner_zip(runner):
    report = import_files(user=runner, files=[export("garmin-connect-export-3-files.zip")])
    assert not report.refused
    assert len(report.imported) == 3
    # fr645m and Stryd runs, the multisport day's three running parts; its ride kept too.
    assert report.runs == 5
    assert report.cross_training == 1
    assert CrossTrainingSession.objects.for_user(runner).get().sport == "cycling"
    distances = sorted(round(r.distance_m / 1000, 1) for r in Run.objects.for_user(runner))
    assert 5.8 in distances
    assert 6.8 in distances


def test_a_strava_export_applies_the_names_types_efforts_and_gear_of_activities_csv(runner):
    pegasus = Shoe.objects.create(user=runner, name="Pegasus 40")
    report = import_files(user=runner, files=[export("strava-export-4-activities.zip")])
    assert not report.refused, messages(report)
    assert (report.runs, report.cross_training) == (3, 3)
    runs = {r.notes: r for r in Run.objects.for_user(runner)}
    assert set(runs) == {"Sunday long run", "Mile repeats", "Easy shakeout"}
    assert [runs[n].effort for n in ("Sunday long run", "Mile repeats", "Easy shakeout")] == [
        4,
        8,
        3,
    ]
    # The TCX with ten spaces before "<?xml" was read, at its laps' distance.
    assert runs["Mile repeats"].distance_m == pytest.approx(4689, abs=5)
    assert runs["Mile repeats"].shoe == pegasus
    assert runs["Sunday long run"].shoe == pegasus
    assert runs["Easy shakeout"].shoe is None  # "Old trail shoes" is no shoe of hers
    # The three-day hike is a hike because Strava says so: three walking sessions, no runs.
    hikes = CrossTrainingSession.objects.for_user(runner)
    assert {(h.sport, h.notes) for h in hikes} == {("walking", "Three-day hike")}
    assert "names no sport" not in messages(report)


@pytest.mark.parametrize(
    "lead", [b"          ", b"\n", b"\xef\xbb\xbf\n  ", b"<!-- exported -->\n"]
)
def test_xml_with_whitespace_a_bom_or_a_comment_before_its_declaration_is_read(runner, lead):
    data = (SAMPLES / "gpx/run-garmin-3.1km-hr.gpx").read_bytes()
    assert data.startswith(b"<?xml")
    report = import_files(user=runner, files=[("run.gpx", lead + data)])
    assert report.runs == 1, messages(report)


def test_one_files_own_copies_of_one_activity_become_one_run(runner):
    data = (SAMPLES / "fit/run-fr110-4.8km-hr-gps.fit").read_bytes()
    report = import_files(user=runner, files=[("twice.fit", data + data)])
    assert report.runs == 1
    assert Run.objects.for_user(runner).count() == 1
    assert "holds the same activity 2 times" in messages(report)


def _as_course(data: bytes) -> bytes:
    """The FIT file with its file_id type set to 6 (course), its CRC made good again."""
    data = bytearray(data[: len(data) - 2])
    position = data[0]
    header = data[position]
    assert header & 0x40  # the first message defines file_id
    big_endian = data[position + 2]
    global_number = int.from_bytes(
        data[position + 3 : position + 5], "big" if big_endian else "little"
    )
    assert global_number == 0
    count = data[position + 5]
    fields = [tuple(data[position + 6 + 3 * i : position + 9 + 3 * i]) for i in range(count)]
    position += 6 + 3 * count
    assert data[position] & 0x0F == header & 0x0F  # then its data message
    offset = position + 1
    for number, size, _base in fields:
        if number == 0:
            data[offset] = 6
            break
        offset += size
    return bytes(data) + fit_crc(bytes(data)).to_bytes(2, "little")


def test_a_fit_course_with_records_is_named_a_course_not_a_run(runner):
    course = _as_course((SAMPLES / "fit/run-fr110-4.8km-hr-gps.fit").read_bytes())
    report = import_files(user=runner, files=[("loop.fit", course)])
    (outcome,) = report.files
    assert outcome.status == "refused"
    assert outcome.messages == [
        "loop.fit holds a course (a planned route), not a recorded activity or weight readings."
    ]
    assert not Run.objects.exists()


def test_nesting_deeper_than_two_zips_is_refused(runner):
    def zipped(name, data):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        return buffer.getvalue()

    run = (SAMPLES / "fit/run-fr110-4.8km-hr-gps.fit").read_bytes()
    deep = zipped("a.zip", zipped("b.zip", zipped("c.zip", zipped("run.fit", run))))
    report = import_files(user=runner, files=[("deep.zip", deep)])
    assert report.runs == 0
    assert "nested more than 2 levels deep" in messages(report)
    two = zipped("a.zip", zipped("b.zip", zipped("run.fit.gz", gzip.compress(run))))
    assert import_files(user=runner, files=[("two.zip", two)]).runs == 1
