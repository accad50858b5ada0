"""The insights about the training week as a whole: load spikes, jumps in distance, rest
days, monotony, and heavy leg sessions next to hard runs. Each is a plain function of the
Snapshot (snapshot.py) returning an Insight or None; insights.RULES lists them all."""

import datetime

from tracker import metrics
from tracker.progress.advice import (
    TIP,
    WARNING,
    Insight,
    _day,
    _distance,
    _fmt,
    _guideline,
    _insight,
)
from tracker.progress.snapshot import LEG_DAY_ARTICLE, LOAD_DAYS, Snapshot


def load_spike(s: Snapshot) -> Insight | None:
    danger = _guideline(s, "acwr_danger", "value")
    if danger is None:
        return None
    # Without four weeks of history the chronic load is too small to compare against.
    if not any(s.daily_load[: LOAD_DAYS - metrics.CHRONIC_DAYS + 1]):
        return None
    ratio = metrics.acwr_rolling(s.daily_load)[-1]
    if ratio is None or ratio < danger.value:
        return None
    acute = sum(s.daily_load[-metrics.ACUTE_DAYS :])
    chronic_weekly = sum(s.daily_load[-metrics.CHRONIC_DAYS :]) / 4
    return _insight(
        "load_spike",
        WARNING,
        "Your training load has spiked",
        f"Your last 7 days' load ({_fmt(acute, 0)}) is {_fmt(ratio, 2)} times your weekly "
        f"average over 4 weeks ({_fmt(chronic_weekly, 0)}), at or above the "
        f"{danger.display_value} danger line. An easier few days lowers the injury risk.",
        {
            "acute_load": round(acute),
            "chronic_weekly_load": round(chronic_weekly),
            "ratio": round(ratio, 2),
            "danger": danger.value,
        },
        danger.article,
    )


def weekly_distance_jump(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "weekly_distance_increase_pct", "value")
    if guideline is None:
        return None
    this_week = sum(s.daily_distance_m[-7:])
    last_week = sum(s.daily_distance_m[-14:-7])
    if last_week <= 0:
        return None
    increase = 100 * (this_week - last_week) / last_week
    if increase <= guideline.value:
        return None
    return _insight(
        "weekly_distance_jump",
        TIP,
        "A big jump in weekly distance",
        f"You ran {_distance(s, this_week)} in the last 7 days against {_distance(s, last_week)} "
        f"the 7 before, {_fmt(increase, 0)} % more; the guide's rule of thumb is "
        f"{guideline.display_value}. Check how your legs feel.",
        {
            "this_week_m": round(this_week),
            "last_week_m": round(last_week),
            "increase_pct": round(increase, 1),
            "limit_pct": guideline.value,
        },
        guideline.article,
    )


def too_few_rest_days(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "rest_days_per_week", "minimum")
    if guideline is None:
        return None
    week_ago = s.today - datetime.timedelta(days=6)
    busy = {d for d in s.trained_dates if d >= week_ago}
    rest_days = 7 - len(busy)
    # Only when the week was actually logged; an empty week is not a lack of rest.
    if not busy or rest_days >= guideline.minimum:
        return None
    return _insight(
        "too_few_rest_days",
        TIP,
        "No rest day this week" if rest_days == 0 else f"Only {rest_days} rest day this week",
        f"You trained on {len(busy)} of the last 7 days; the guide suggests "
        f"{guideline.display_value}. Muscles grow during recovery, not during the session.",
        {"rest_days": rest_days, "minimum": guideline.minimum},
        guideline.article,
    )


# A strength session is a heavy leg session with this many sets on leg muscles (assisting
# muscles at half a set) and, where an effort was given, one of at least HEAVY_EFFORT.
HEAVY_LEG_SETS = 6
HEAVY_EFFORT = 7
LEG_AND_RUN_LOOKBACK_DAYS = 14


def leg_session_near_hard_run(s: Snapshot) -> Insight | None:
    """A heavy leg session within a day of a hard run, either way round, in the last two
    weeks. Sessions are dated by day, so "within 24 hours" is the same or the next day."""
    article = s.articles.get(LEG_DAY_ARTICLE)
    if article is None:
        return None
    since = s.today - datetime.timedelta(days=LEG_AND_RUN_LOOKBACK_DAYS - 1)
    heavy = sorted(
        day
        for day, sets in s.leg_sets_by_day.items()
        if day >= since
        and sets >= HEAVY_LEG_SETS
        and (s.strength_effort_by_day.get(day) or HEAVY_EFFORT) >= HEAVY_EFFORT
    )
    pairs = []
    for leg_day in heavy:
        for offset in (-1, 0, 1):
            run_day = leg_day + datetime.timedelta(days=offset)
            if run_day in s.hard_run_dates:
                pairs.append((leg_day, run_day))
    if not pairs:
        return None
    leg_day, run_day = pairs[-1]
    if run_day == leg_day:
        when = f"on the same day, {_day(leg_day)}"
    elif run_day > leg_day:
        when = f"the day before a hard run ({_day(leg_day)}, then {_day(run_day)})"
    else:
        when = f"the day after a hard run ({_day(run_day)}, then {_day(leg_day)})"
    others = len(pairs) - 1
    return _insight(
        "leg_session_near_hard_run",
        TIP,
        "Heavy leg work next to a hard run",
        f"You did a heavy leg session {when}"
        + (
            f", and {others} more such pair{'s' if others > 1 else ''} in two weeks"
            if others
            else ""
        )
        + ". Tired legs make the run or the lift weaker; put them on the same day with the run "
        "first and several hours between, or two days apart.",
        {
            "pairs": [
                {"strength": leg.isoformat(), "hard_run": run.isoformat()} for leg, run in pairs
            ],
            "heavy_leg_sets": HEAVY_LEG_SETS,
        },
        article,
    )


def monotonous_week(s: Snapshot) -> Insight | None:
    """Foster's monotony of the last 7 days above the guide's line."""
    guideline = _guideline(s, "monotony_high", "value")
    if guideline is None:
        return None
    week = s.daily_load[-7:]
    monotony, strain = metrics.monotony_and_strain(week)
    if monotony is None or monotony <= guideline.value:
        return None
    return _insight(
        "monotonous_week",
        TIP,
        "Every day of your week looked the same",
        f"Your last 7 days' monotony is {_fmt(monotony, 2)} (their average load divided by how "
        f"much the days varied), above the guide's {guideline.display_value}; the week's strain "
        f"is {_fmt(strain, 0)}. Make some days easy or rest days between the hard ones.",
        {"monotony": round(monotony, 2), "strain": round(strain), "limit": guideline.value},
        guideline.article,
    )
