"""Strava's activities.csv (in its bulk export): what the runner said about each activity.

The export names each activity's file in the "Filename" column ("activities/1001.gpx.gz").
Several column names repeat with other units ("Elapsed Time", "Distance", "Commute"); the
first of each is the one Strava has always written, so that is the one read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

# Strava's "Activity Type" as the importer's sports (rows.decide); anything else is "other".
STRAVA_TYPES = {
    "run": "running",
    "trail run": "running",
    "virtual run": "running",
    "ride": "cycling",
    "virtual ride": "cycling",
    "e-bike ride": "cycling",
    "mountain bike ride": "cycling",
    "gravel ride": "cycling",
    "e-mountain bike ride": "cycling",
    "handcycle": "cycling",
    "velomobile": "cycling",
    "walk": "walking",
    "hike": "hiking",
    "swim": "swimming",
    "rowing": "rowing",
    "virtual row": "rowing",
    "elliptical": "elliptical",
}


@dataclass(frozen=True)
class StravaActivity:
    name: str
    sport: str | None  # None when the type column is empty
    description: str
    effort: int | None  # perceived exertion, 1-10
    gear: str
    commute: bool

    def notes(self) -> str:
        parts = [p for p in (self.name, self.description) if p]
        if self.commute:
            parts.append("Commute.")
        return "\n\n".join(parts)


def _effort(text: str) -> int | None:
    try:
        value = round(float(text))
    except ValueError:
        return None
    return value if 1 <= value <= 10 else None


def read_activities_csv(data: bytes) -> dict[str, StravaActivity]:
    """{file path as written in "Filename", without ".gz"} -> what the CSV says about it.
    A damaged or unexpected CSV gives what could be read (an export's files import anyway)."""
    text = data.decode("utf-8-sig", "replace")
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if not header:
        return {}
    column: dict[str, int] = {}
    for position, title in enumerate(header):
        column.setdefault(title.strip(), position)
    if "Filename" not in column:
        return {}

    def cell(row: list[str], title: str) -> str:
        position = column.get(title)
        return row[position].strip() if position is not None and position < len(row) else ""

    found = {}
    for row in rows:
        path = cell(row, "Filename")
        if not path:
            continue
        kind = cell(row, "Activity Type")
        found[path.removesuffix(".gz")] = StravaActivity(
            name=cell(row, "Activity Name"),
            sport=STRAVA_TYPES.get(kind.lower(), "other") if kind else None,
            description=cell(row, "Activity Description"),
            effort=_effort(cell(row, "Perceived Exertion")),
            gear=cell(row, "Activity Gear"),
            commute=cell(row, "Commute").lower() in {"true", "1", "yes"},
        )
    return found
