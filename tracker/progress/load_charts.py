"""The Progress page's load charts, from the day-by-day rows (daily.py): the week's whole load
stacked by kind, fitness, fatigue and form, and weekly monotony and strain.

Every kind of session counts: runs, strength sessions and cross-training, each with its
session load (perceived effort × minutes, or a run's or ride's heart-rate load on the same
scale; tracker/log/models/load.py). The daily loads are walked as one dense list from the
rows' first day (a warm-up before the range, so the averages are settled when it starts);
long ranges then show one point per week or month.
"""

import datetime
from itertools import accumulate, pairwise

from tracker import metrics
from tracker.progress.daily import KIND_LABELS, KINDS, Day
from tracker.progress.periods import periods_between


def rounded(value, places: int = 1):
    return None if value is None else round(value, places)


class DailyLoad:
    """The load of each day from `first_day` to `today`, in total and by kind."""

    def __init__(self, days: list[Day], first_day: datetime.date, today: datetime.date):
        self.first_day = first_day
        self.today = today
        length = (today - first_day).days + 1
        self.by_kind = {kind: [0.0] * length for kind in KINDS}
        for day in days:
            if day.kind in self.by_kind and day.load is not None and day.date >= first_day:
                self.by_kind[day.kind][(day.date - first_day).days] += float(day.load)
        self.total = [sum(loads) for loads in zip(*self.by_kind.values(), strict=True)]

    def index(self, day: datetime.date) -> int:
        return (day - self.first_day).days

    def date(self, index: int) -> str:
        return (self.first_day + datetime.timedelta(days=index)).isoformat()

    def picked(self, start: datetime.date | None, resolution: str) -> list[int]:
        """The days a chart shows: each day of the range, or the last day of each week or
        month (the day before the next one starts) and today."""
        shown_from = self.index(start) if start else 0
        if resolution == "day":
            return list(range(shown_from, len(self.total)))
        next_starts = periods_between(self.first_day, self.today, resolution)[1:]
        ends = [(period - self.first_day).days - 1 for period in next_starts]
        return [i for i in ends if i >= shown_from] + [len(self.total) - 1]

    def sums_between(self, loads: list[float], shown_from: int, picked: list[int]) -> list:
        """Each picked day's load, or for weeks and months, the load since the previous pick
        (so the current week or month is its load so far)."""
        running = list(accumulate(loads, initial=0.0))
        return [
            running[i + 1] - running[previous + 1]
            for previous, i in pairwise([shown_from - 1, *picked])
        ]


def load_span(days: list[Day], start, today) -> DailyLoad | None:
    """The daily load from the rows' first loaded day (or the range's start, if earlier) to
    today; None when no session in the rows has a load."""
    loaded = [day.date for day in days if day.load is not None and day.kind in KINDS]
    if not loaded:
        return None
    first_day = min(loaded)
    if start:
        first_day = min(first_day, start)
    return DailyLoad(days, first_day, today)


def training_load(load: DailyLoad | None, start, resolution: str) -> dict:
    """Load per day (or week, or month) stacked by kind, the 7-day and 28-day load and their
    ratio (metrics.acwr_rolling, metrics.acwr_ewma), worked out day by day over the whole list."""
    if load is None:
        return {"has_data": False, "resolution": resolution, "dates": [], "kinds": []}
    daily = load.total
    acute = metrics.rolling_sums(daily, metrics.ACUTE_DAYS)
    chronic = metrics.rolling_sums(daily, metrics.CHRONIC_DAYS)
    ratio = metrics.acwr_rolling(daily)
    ewma = metrics.acwr_ewma(daily)
    shown_from = load.index(start) if start else 0
    picked = load.picked(start, resolution)
    by_kind = {
        kind: [round(value, 1) for value in load.sums_between(loads, shown_from, picked)]
        for kind, loads in load.by_kind.items()
    }
    return {
        "has_data": any(daily[shown_from:]),
        "resolution": resolution,
        "dates": [load.date(i) for i in picked],
        "load": [round(value, 1) for value in load.sums_between(daily, shown_from, picked)],
        "kinds": [
            {"kind": kind, "label": KIND_LABELS[kind], "load": by_kind[kind]}
            for kind in KINDS
            if any(by_kind[kind])
        ],
        "acute_7d": [round(acute[i], 1) for i in picked],
        "chronic_weekly": [
            round(chronic[i] * metrics.ACUTE_DAYS / metrics.CHRONIC_DAYS, 1) for i in picked
        ],
        "acwr": [rounded(ratio[i], 2) for i in picked],
        "acwr_ewma": [rounded(ewma[i], 2) for i in picked],
    }


def fitness_form(load: DailyLoad | None, start, resolution: str) -> dict:
    """Fitness (the 42-day weighted average of daily load), fatigue (7-day) and form
    (fitness − fatigue), also as a percentage of fitness, which the guide's bands read: the
    load's scale differs from runner to runner, its shape does not."""
    if load is None:
        return {"has_data": False, "resolution": resolution, "dates": []}
    fitness, fatigue, form = metrics.fitness_fatigue_form(load.total)
    shown_from = load.index(start) if start else 0
    picked = load.picked(start, resolution)
    return {
        "has_data": any(load.total[shown_from:]),
        "resolution": resolution,
        "dates": [load.date(i) for i in picked],
        "fitness": [round(fitness[i], 1) for i in picked],
        "fatigue": [round(fatigue[i], 1) for i in picked],
        "form": [round(form[i], 1) for i in picked],
        "form_pct": [
            round(100 * form[i] / fitness[i], 1) if fitness[i] >= 1 else None for i in picked
        ],
    }


def weekly_strain(load: DailyLoad | None, start, resolution: str) -> dict:
    """Monotony and strain (metrics.monotony_and_strain) of the seven days ending on the last
    day of each week (or month) and today."""
    if load is None:
        return {"has_data": False, "resolution": resolution, "dates": []}
    week_resolution = "week" if resolution == "day" else resolution
    picked = load.picked(start, week_resolution)
    monotony, strain, week_load = [], [], []
    for i in picked:
        window = load.total[max(0, i - metrics.ACUTE_DAYS + 1) : i + 1]
        window = [0.0] * (metrics.ACUTE_DAYS - len(window)) + window
        value, week_strain = metrics.monotony_and_strain(window)
        monotony.append(rounded(value, 2))
        strain.append(round(week_strain))
        week_load.append(round(sum(window), 1))
    return {
        "has_data": any(value is not None for value in monotony),
        "resolution": week_resolution,
        "dates": [load.date(i) for i in picked],
        "load_7d": week_load,
        "monotony": monotony,
        "strain": strain,
    }
