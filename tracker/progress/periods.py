"""The Progress page's ranges and time buckets: which days a range covers, and its weeks and
months (grouped in Python from the day-by-day rows, daily.bucket_of)."""

import datetime
from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    label: str
    weeks: int | None  # None: the whole log
    # "day" draws daily points for load, protein and pace; "week" keeps long ranges legible, and
    # becomes "month" for a log longer than MONTHLY_AFTER_WEEKS (see resolution_for).
    resolution: str


RANGES = {
    "4w": Range("4 weeks", 4, "day"),
    "12w": Range("12 weeks", 12, "day"),
    # A year of daily points is a scribble on a phone-width chart: weekly, like "all".
    "1y": Range("1 year", 52, "week"),
    "all": Range("All", None, "week"),
}
DEFAULT_RANGE = "12w"
# Two years of weekly bars is about as many as a chart can show; beyond that, months.
MONTHLY_AFTER_WEEKS = 104


class InvalidRange(ValueError):
    pass


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def range_start(range_key: str, today: datetime.date) -> datetime.date | None:
    """The Monday the range starts on, so every weekly bar but the current one is whole."""
    weeks = RANGES[range_key].weeks
    if weeks is None:
        return None
    return week_start(today) - datetime.timedelta(weeks=weeks - 1)


def weeks_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    return [first + datetime.timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """The 1st of every month from `first`'s to `last`'s."""
    months = [month_start(first)]
    while months[-1] < month_start(last):
        # 32 days after the 1st is always in the next month.
        months.append(month_start(months[-1] + datetime.timedelta(days=32)))
    return months


def periods_between(first: datetime.date, last: datetime.date, resolution: str):
    """The buckets' first days from the one holding `first` to the one holding `last`."""
    if resolution == "month":
        return months_between(first, last)
    return weeks_between(week_start(first), week_start(last))


def resolution_for(range_key: str, first_day: datetime.date | None, today: datetime.date) -> str:
    """The range's resolution: "all" turns monthly when the log, from `first_day` (its
    earliest entry), is longer than MONTHLY_AFTER_WEEKS weeks; the other ranges never change."""
    # As many weekly bars as the weekly chart would draw, the current week included.
    weeks = (week_start(today) - week_start(first_day)).days // 7 + 1 if first_day else 0
    if range_key == "all" and weeks > MONTHLY_AFTER_WEEKS:
        return "month"
    return RANGES[range_key].resolution


def as_date(value) -> datetime.date:
    # A database may hand back a datetime for a date; be safe.
    return value.date() if isinstance(value, datetime.datetime) else value


def bar_resolution(resolution: str) -> str:
    """Bar charts (distance, strength volume) are weekly unless the range is monthly."""
    return "month" if resolution == "month" else "week"


def periods_block(periods: list[datetime.date], resolution: str) -> dict:
    """A bar chart's buckets as ISO dates, also under their first name `weeks` when weekly."""
    dates = [period.isoformat() for period in periods]
    return {
        "resolution": resolution,
        "periods": dates,
        **({"weeks": dates} if resolution == "week" else {}),
    }
