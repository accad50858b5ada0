"""parse_activity_file: recognising the format, and the guarantees every parser keeps."""

import dataclasses
import gzip
import random
from datetime import UTC

import pytest

from tests.samples import SAMPLES
from tracker.transfer.parsers import (
    ActivityFileError,
    ParsedActivity,
    ParsedFile,
    detect_format,
    parse_activity_file,
)

GPX_RUN = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
TCX_RUN = SAMPLES / "tcx" / "run-4.7km-3laps-hr.tcx"
FIT_RUN = SAMPLES / "fit" / "run-fr110-4.8km-hr-gps.fit"
VALID = [
    p
    for p in sorted(SAMPLES.glob("*/*.*"))
    if p.suffix in {".gpx", ".tcx", ".fit"}
    and p.name != "empty-track.gpx"
    and "multisport" not in p.name  # slow; covered in test_fit.py
]
BROKEN = [SAMPLES / "gpx" / "empty-track.gpx", SAMPLES / "tcx" / "invalid" / "no-root-element.tcx"]


def test_samples_folder_is_found_beside_the_repository():
    assert (SAMPLES / "SOURCES.md").is_file()
    assert len(VALID) >= 15


# --- recognising the format ---------------------------------------------------------------------


@pytest.mark.parametrize(("path", "kind"), [(GPX_RUN, "gpx"), (TCX_RUN, "tcx"), (FIT_RUN, "fit")])
def test_format_is_recognised_from_the_content(path, kind):
    assert detect_format(path.read_bytes()) == kind


@pytest.mark.parametrize(
    ("path", "wrong_name", "kind"),
    [
        (GPX_RUN, "run.fit", "gpx"),
        (TCX_RUN, "run.gpx", "tcx"),
        (FIT_RUN, "run.tcx", "fit"),
        (GPX_RUN, "export.xml", "gpx"),
        (FIT_RUN, "no-extension", "fit"),
    ],
)
def test_content_wins_over_a_wrong_extension(path, wrong_name, kind):
    result = parse_activity_file(wrong_name, path.read_bytes())
    assert [a.source_format for a in result.activities] == [kind]


def test_gpx_with_a_bom_and_comments_before_the_root_is_recognised():
    data = (
        b"\xef\xbb\xbf<?xml version='1.0'?>\n<!-- exported -->\n"
        + GPX_RUN.read_bytes().split(b"?>", 1)[1]
    )
    assert detect_format(data) == "gpx"
    assert parse_activity_file("bom.gpx", data).activities


def test_latin1_encoded_gpx_is_read():
    text = GPX_RUN.read_text(encoding="utf-8").replace("Untitled", "Corrida matinal à beira-mar")
    text = text.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    [run] = parse_activity_file("latin1.gpx", text.encode("latin-1")).activities
    assert run.name == "Corrida matinal à beira-mar"


@pytest.mark.parametrize(
    ("filename", "data", "message"),
    [
        (
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 100,
            "photo.png is not a GPX, TCX or FIT file.",
        ),
        ("notes.txt", b"just some notes", "notes.txt is not a GPX, TCX or FIT file."),
        (
            "page.html",
            b"<!DOCTYPE html><html><body/></html>",
            "page.html is not a GPX, TCX or FIT file.",
        ),
        ("empty.gpx", b"", "empty.gpx is empty."),
        ("blank.tcx", b"  \n ", "blank.tcx is empty."),
        (
            "run.fit",
            b"not a fit file at all",
            "run.fit is not a valid FIT file: the FIT signature is missing.",
        ),
        (
            "run.gpx",
            b"<kml><Document/></kml>",
            "run.gpx is not a valid GPX file: its <gpx> root element is missing.",
        ),
        (
            "run.gpx",
            b"\x00\x01binary",
            "run.gpx is not a valid GPX file: it does not contain an XML document.",
        ),
        (
            "run.fit.gz",
            gzip.compress(b"data"),
            "run.fit.gz is compressed (gzip); unpack it first, or upload it inside a ZIP archive.",
        ),
        (
            "export.zip",
            b"PK\x03\x04rest",
            "export.zip is a ZIP archive, not a single activity file.",
        ),
    ],
)
def test_files_that_are_not_activities_get_a_clear_message(filename, data, message):
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file(filename, data)
    assert str(info.value) == message


def test_messages_name_the_file_without_its_folders():
    with pytest.raises(ActivityFileError, match=r"^notes.txt is not"):
        parse_activity_file("export/activities/notes.txt", b"hello")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (BROKEN[0], "empty-track.gpx has no track points."),
        (
            BROKEN[1],
            "no-root-element.tcx is not a valid TCX file: its TrainingCenterDatabase root element "
            "is missing.",
        ),
    ],
)
def test_broken_xml_samples_give_their_message(path, message):
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file(path.name, path.read_bytes())
    assert str(info.value) == message


# --- guarantees for every valid sample ------------------------------------------------------------


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_every_valid_sample_gives_well_formed_results(path):
    result = parse_activity_file(path.name, path.read_bytes())
    assert isinstance(result, ParsedFile)
    assert result.activities or result.weights
    assert all(isinstance(note, str) and note for note in result.notes)
    for activity in result.activities:
        assert activity.source_format == path.suffix[1:]
        assert activity.sport in {
            "running", "cycling", "walking", "hiking", "swimming", "transition", "other", "unknown"
        }  # fmt: skip
        if activity.start_time is not None:
            assert activity.start_time.utcoffset().total_seconds() == 0
            assert activity.start_time.tzinfo == UTC
        assert activity.distance_m >= 0
        assert 0 <= activity.moving_s <= activity.elapsed_s
        if activity.avg_hr_bpm is not None:
            assert 30 <= activity.avg_hr_bpm <= activity.max_hr_bpm <= 250
        assert isinstance(activity.name, str)


def test_parsed_activity_is_immutable():
    [run] = parse_activity_file(FIT_RUN.name, FIT_RUN.read_bytes()).activities
    assert isinstance(run, ParsedActivity)
    with pytest.raises(dataclasses.FrozenInstanceError):
        run.distance_m = 0  # type: ignore[misc]


# --- never a library exception ----------------------------------------------------------------


def parse_or_error(filename: str, data: bytes):
    """The ParsedFile, or the ActivityFileError; any other exception fails the test."""
    try:
        return parse_activity_file(filename, data)
    except ActivityFileError as error:
        return error


@pytest.mark.parametrize("seed", range(30))
def test_randomly_damaged_xml_never_leaks_a_library_exception(seed):
    rng = random.Random(seed)
    source = rng.choice([GPX_RUN, TCX_RUN, SAMPLES / "gpx" / "3segments-partial-hr.gpx"])
    data = bytearray(source.read_bytes())
    if seed % 3 == 0:
        del data[rng.randrange(len(data)) :]
    for _ in range(rng.randrange(1, 10)):
        at = rng.randrange(len(data))
        data[at : at + 1] = rng.choice([b"<", b">", b"&", b'"', b"9", b"-", b"\xff", b""])
    outcome = parse_or_error(source.name, bytes(data))
    if isinstance(outcome, ActivityFileError):
        assert str(outcome).startswith(source.name)
        assert "Traceback" not in str(outcome)
    else:
        assert isinstance(outcome, ParsedFile)


def test_gpx_with_nonsense_values_gives_a_plain_message():
    data = GPX_RUN.read_bytes().replace(b'lat="38.92747367732227"', b'lat="north"', 1)
    with pytest.raises(ActivityFileError) as info:
        parse_activity_file("odd.gpx", data)
    assert str(info.value) == (
        "odd.gpx is not a valid GPX file (its content does not follow the GPX format)."
    )
