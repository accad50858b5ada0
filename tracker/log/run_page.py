"""The run page's data: splits, laps, the charts' series, the route and the time in each
heart-rate zone, in the runner's units. Views stay thin; templates get plain numbers.

The parts worked out from the samples (splits, chart series, route) are kept on the
RunStream row after the first view (``RunStream.page_data``): going through a 3-hour run's
10,800 samples takes about 40 ms, reading the kept JSON well under 1 ms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker import heart_rate, streams, units
from tracker.log import intensity
from tracker.log.models import Run, RunStream

# Bump when the shape of page_data changes: older rows are worked out again.
PAGE_DATA_VERSION = 1
CHART_POINTS = 400


def _split_rows(splits: list[streams.Split]) -> list[dict]:
    return [
        {
            "number": s.number,
            "distance_m": round(s.distance_m, 1),
            "moving_s": round(s.moving_s, 1),
            "elapsed_s": round(s.elapsed_s, 1),
            "pace_s_per_unit": round(s.pace_s_per_unit, 1) if s.pace_s_per_unit else None,
            "avg_hr_bpm": s.avg_hr_bpm,
            "gain_m": round(s.elevation_gain_m, 1),
            "loss_m": round(s.elevation_loss_m, 1),
        }
        for s in splits
    ]


def build_page_data(stream: streams.Stream) -> dict:
    """Everything the page draws from the samples, in SI units."""
    return {
        "version": PAGE_DATA_VERSION,
        "splits": {
            units.METRIC: _split_rows(streams.splits(stream, 1000.0)),
            units.IMPERIAL: _split_rows(streams.splits(stream, streams.MILE_M)),
        },
        "chart": streams.chart_series(stream, CHART_POINTS),
        "route": streams.route_svg(stream),
    }


def page_data(recording: RunStream) -> dict:
    """The kept page data, worked out and saved (one UPDATE) when missing or outdated."""
    data = recording.page_data
    if not data or data.get("version") != PAGE_DATA_VERSION:
        data = build_page_data(recording.stream())
        RunStream.objects.filter(pk=recording.pk).update(page_data=data)
        recording.page_data = data
    return data


@dataclass
class ZoneRow:
    zone: int
    name: str
    low_bpm: int
    high_bpm: int
    seconds: int
    share_pct: float


@dataclass
class RunPage:
    run: Run
    units: str
    recording: RunStream | None = None
    splits: list[dict] = field(default_factory=list)
    laps: list = field(default_factory=list)
    chart: dict | None = None
    route: dict | None = None
    zones: list[ZoneRow] = field(default_factory=list)
    zones_method: str = ""
    zones_estimated: bool = False
    max_hr_bpm: int | None = None

    @property
    def unit_label(self) -> str:
        return units.unit_label("distance", self.units)

    @classmethod
    def for_run(cls, run: Run, profile, user) -> RunPage:
        """The page of ``user``'s run fetched with ``select_related("recording")``."""
        page = cls(run=run, units=profile.units)
        try:
            recording = run.recording
        except RunStream.DoesNotExist:
            recording = None
        page.laps = list(run.laps.all()) if run.source_format in {"tcx", "fit"} else []
        if recording is not None:
            page.recording = recording
            data = page_data(recording)
            page.splits = data["splits"][profile.units]
            page.route = data["route"]
            page.chart = page._chart(data["chart"])
        seconds = run.zone_seconds
        if seconds is not None:
            zones = intensity.zones_on(user, profile, run.date)
            if zones is not None:
                page._set_zones(zones, seconds)
        return page

    def _chart(self, chart: dict) -> dict:
        """The series in the runner's units for run.js (distance, pace per unit)."""
        per_unit = units.from_si("distance", 1.0, self.units)  # units per metre
        metres_per_unit = 1 / per_unit
        elevation_per_m = units.from_si("elevation", 1.0, self.units)
        return {
            "unit": self.unit_label,
            "elevation_unit": units.unit_label("elevation", self.units),
            "distance": [round(km * 1000 * per_unit, 3) for km in chart["distance_km"]],
            "pace": [
                round(p * metres_per_unit / 1000) if p is not None else None
                for p in chart["pace_s_per_km"]
            ],
            "hr": chart["hr"],
            "elevation": [
                round(a * elevation_per_m, 1) if a is not None else None for a in chart["alt"]
            ],
        }

    def _set_zones(self, zones: intensity.RunnerZones, seconds: list[int]) -> None:
        total = sum(seconds)
        self.zones = [
            ZoneRow(zone, name, low, high, seconds[zone - 1], 100 * seconds[zone - 1] / total)
            if total
            else ZoneRow(zone, name, low, high, 0, 0.0)
            for zone, name, low, high in zones.zones.ranges()
        ]
        self.zones_method = {
            "reserve": "% of heart-rate reserve (Karvonen)",
            "max": "% of maximum heart rate",
            "custom": "set by hand",
        }[zones.zones.method]
        self.zones_estimated = zones.estimated
        self.max_hr_bpm = zones.zones.max_hr

    @property
    def hard_pct(self) -> float | None:
        if self.run.hard_s is None or not self.run.timer_s:
            return None
        return 100 * self.run.hard_s / self.run.timer_s

    @property
    def load_explanation(self) -> str:
        source = self.run.load_source
        if source == "effort":
            return heart_rate.SessionLoad(None, "effort").explanation
        if source == "heart_rate":
            return heart_rate.SessionLoad(None, "heart_rate").explanation
        return ""
