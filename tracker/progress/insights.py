"""Advice from a runner's own log, with the numbers behind it and a link to the guide.

    insights_for(user) -> [Insight, ...]   most important first

`snapshot.gather()` reads everything the rules need in a fixed handful of grouped queries
(the last few weeks of runs, strength, protein and measurements, the guidelines and the linked
articles) into a `Snapshot`; each rule is then a plain function of that snapshot. Thresholds
come from the guide's guidelines, so an admin's edit changes the advice; a rule whose guideline
(or article) is missing stays quiet.
"""

import datetime

from tracker import metrics
from tracker.log.models import Profile
from tracker.progress.advice import (
    GOOD_NEWS,
    KIND_RANK,
    TIP,
    WARNING,
    Insight,
    _day,
    _distance,
    _fmt,
    _guideline,
    _insight,
    _length,
)
from tracker.progress.snapshot import (
    INJURIES_ARTICLE,
    STRENGTH_ARTICLE,
    TRACKING_ARTICLE,
    Snapshot,
    gather,
    girth_trends,
)
from tracker.progress.training_insights import (
    leg_session_near_hard_run,
    load_spike,
    monotonous_week,
    too_few_rest_days,
    weekly_distance_jump,
)

__all__ = ["GOOD_NEWS", "TIP", "WARNING", "Insight", "evaluate", "insights_for"]

# Protein: the average of the last 7 days needs at least this many logged days with a weight.
PROTEIN_MIN_DAYS = 3
# "Running often": three runs a week over the last four weeks.
OFTEN_RUNS_IN_28_DAYS = 12
# Girth and weight trends (least-squares over the last 120 days, at least 3 measurements
# spanning 4 weeks): a rise of 0.05 cm a week is 2-3 mm a month, about what a tape can tell.
GIRTH_RISING_CM_PER_WEEK = 0.05
WEIGHT_STABLE_KG_PER_WEEK = 0.1


# --------------------------------------------------------------------------------------------
# The rules: each returns an Insight or None
# --------------------------------------------------------------------------------------------


def protein_below_range(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "protein_g_per_kg", "minimum")
    if guideline is None:
        return None
    week_ago = s.today - datetime.timedelta(days=7)  # the 7 finished days before today
    recent = [
        g_per_kg for day, _, g_per_kg in s.finished_protein_days if day >= week_ago and g_per_kg
    ]
    if len(recent) < PROTEIN_MIN_DAYS:
        return None
    average = sum(recent) / len(recent)
    if average >= guideline.minimum:
        return None
    return _insight(
        "protein_below_range",
        WARNING,
        "Protein below the guide's range",
        f"On your {len(recent)} logged days in the past week you averaged {_fmt(average, 2)} g of "
        f"protein per kg of body weight, below the {guideline.display_value} that helps your "
        "legs recover and grow.",
        {"average_g_per_kg": round(average, 2), "days": len(recent), "minimum": guideline.minimum},
        guideline.article,
    )


def strength_gap(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "strength_gap_days", "value")
    if guideline is None:
        return None
    if s.last_strength_date is None:
        if s.runs_recent == 0:
            return None
        return _insight(
            "strength_gap",
            TIP,
            "No strength work logged yet",
            f"You have logged {s.runs_recent} runs in the last 4 weeks and no strength session. "
            "Two or three short sessions a week protect your legs and help them grow.",
            {"days_without": None, "runs_recent": s.runs_recent, "limit_days": guideline.value},
            guideline.article,
        )
    days = (s.today - s.last_strength_date).days
    if days < guideline.value:
        return None
    return _insight(
        "strength_gap",
        TIP,
        f"{days} days without strength work",
        f"Your last strength session was on {_day(s.last_strength_date)}, {days} days ago "
        f"(the guide nudges after {guideline.display_value}). Get back to it before the gains "
        "fade.",
        {
            "days_without": days,
            "last_session": s.last_strength_date.isoformat(),
            "limit_days": guideline.value,
        },
        guideline.article,
    )


def no_posterior_chain(s: Snapshot) -> Insight | None:
    article = s.articles.get(STRENGTH_ARTICLE)
    if article is None or s.runs_recent < OFTEN_RUNS_IN_28_DAYS:
        return None
    posterior_sets = s.muscle_sets.get("hamstrings", 0) + s.muscle_sets.get("glutes", 0)
    if posterior_sets:
        return None
    return _insight(
        "no_posterior_chain",
        TIP,
        "No hamstring or glute work",
        f"You ran {s.runs_recent} times in the last 4 weeks but logged no sets for your "
        "hamstrings or glutes, the muscles that drive you forward and are often behind in runners.",
        {"runs_recent": s.runs_recent, "hamstring_and_glute_sets": 0},
        article,
    )


def calves_without_shins(s: Snapshot) -> Insight | None:
    article = s.articles.get(INJURIES_ARTICLE)
    calf_sets = s.muscle_sets.get("calves", 0)
    if article is None or calf_sets == 0 or s.muscle_sets.get("tibialis-anterior", 0):
        return None
    return _insight(
        "calves_without_shins",
        TIP,
        "Calf work without shin work",
        f"You logged {calf_sets} calf set{'' if calf_sets == 1 else 's'} in the last 4 weeks "
        "and none for the front of the "
        "shin (tibialis). A few tibialis raises balance the much stronger calves.",
        {"calf_sets": calf_sets, "tibialis_sets": 0},
        article,
    )


def left_right_difference(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "girth_difference_pct", "value")
    if guideline is None:
        return None
    latest = {}
    for row in s.measurements:  # oldest first: the last pair seen is the latest
        for part in ("thigh", "calf"):
            left, right = row[f"{part}_left_cm"], row[f"{part}_right_cm"]
            if left and right:
                latest[part] = (row["date"], left, right)
    worst = None
    for part, (day, left, right) in latest.items():
        difference = metrics.left_right_difference_pct(left, right)
        if difference > guideline.value and (worst is None or difference > worst[1]):
            worst = (part, difference, day, left, right)
    if worst is None:
        return None
    part, difference, day, left, right = worst
    return _insight(
        "left_right_difference",
        WARNING,
        f"Your {part}s differ by {_fmt(difference)} %",
        f"On {_day(day)} your left {part} measured {_length(s, left)} and your right "
        f"{_length(s, right)}, {_fmt(difference)} % apart; more than {guideline.display_value} "
        "is worth a closer look.",
        {
            "part": part,
            "left_cm": left,
            "right_cm": right,
            "difference_pct": round(difference, 1),
            "limit_pct": guideline.value,
            "date": day.isoformat(),
        },
        guideline.article,
    )


def easy_running_for_bigger_legs(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "hard_running_share_pct", "minimum")
    if guideline is None or s.goal != Profile.Goal.BUILD or s.strength_dates:
        return None
    share = s.hard_share_pct
    if share is None or s.runs_recent < 4 or share >= guideline.minimum:
        return None
    return _insight(
        "easy_running_for_bigger_legs",
        TIP,
        "Your training points away from bigger legs",
        f"You want bigger legs, but {_fmt(100 - share, 0)} % of your running time in the last "
        f"4 weeks was easy or long (the guide suggests {guideline.display_value} hard) and you "
        "logged no strength work. Hills, sprints and lifting are what build size.",
        {
            "hard_share_pct": round(share, 1),
            "minimum_pct": guideline.minimum,
            "strength_sessions": 0,
            "runs_recent": s.runs_recent,
        },
        guideline.article,
    )


def legs_growing_weight_stable(s: Snapshot) -> Insight | None:
    article = s.articles.get(TRACKING_ARTICLE)
    if article is None:
        return None
    trends = girth_trends(s)
    weight = trends["weight"]
    growing = {
        part: rate
        for part in ("thigh", "calf")
        if (rate := trends[part]) is not None and rate >= GIRTH_RISING_CM_PER_WEEK
    }
    shrinking = any(trends[part] is not None and trends[part] < 0 for part in ("thigh", "calf"))
    if not growing or shrinking or weight is None or abs(weight) > WEIGHT_STABLE_KG_PER_WEEK:
        return None
    parts = " and ".join(f"{part}s" for part in growing)
    per_month = {part: rate * 30 / 7 for part, rate in growing.items()}
    changes = ", ".join(f"{part}s {_length(s, cm)}" for part, cm in per_month.items())
    return _insight(
        "legs_growing_weight_stable",
        GOOD_NEWS,
        f"Your {parts} are growing",
        f"Over your recent measurements your {parts} grew (about {changes} a month) while your "
        f"body weight held steady ({_fmt(weight * 30 / 7)} kg a month). That usually means "
        "muscle gained or fat lost, or both; measure the same way each time before you "
        "read much into it.",
        {
            **{f"{part}_cm_per_week": round(rate, 3) for part, rate in growing.items()},
            "weight_kg_per_week": round(weight, 3),
        },
        article,
    )


def no_body_weight(s: Snapshot) -> Insight | None:
    guideline = _guideline(s, "protein_g_per_kg")
    if guideline is None or not s.protein_days or s.latest_weight_kg is not None:
        return None
    return _insight(
        "no_body_weight",
        TIP,
        "Add your body weight",
        f"You logged protein on {len(s.protein_days)} days in the last 4 weeks, but without a "
        "body weight the tracker cannot show it per kg against the guide's "
        f"{guideline.display_value}. Add a measurement with your weight.",
        {"protein_days": len(s.protein_days)},
        guideline.article,
    )


def shoes_worn_out(s: Snapshot) -> Insight | None:
    """A pair at 80 % of its retirement distance (a tip), or at 100 % (a warning)."""
    article = s.articles.get(INJURIES_ARTICLE)
    if article is None or not s.worn_shoes:
        return None
    wear = s.worn_shoes[0]
    retire = wear.level == "retire"
    more = len(s.worn_shoes) - 1
    return _insight(
        "shoes_worn_out",
        WARNING if retire else TIP,
        f"Time to retire {wear.name}" if retire else f"{wear.name} are {wear.percent} % worn",
        f"{wear.name} have run {_distance(s, wear.distance_m)} of the "
        f"{_distance(s, wear.retire_at_m)} you set for them. Worn cushioning passes more of each "
        "landing to your legs"
        + (f"; {more} more pair{'s' if more > 1 else ''} near the end too." if more else "."),
        {"shoe": wear.name, "percent": wear.percent},
        article,
    )


RULES = (
    load_spike,
    leg_session_near_hard_run,
    monotonous_week,
    shoes_worn_out,
    protein_below_range,
    left_right_difference,
    easy_running_for_bigger_legs,
    strength_gap,
    no_posterior_chain,
    calves_without_shins,
    weekly_distance_jump,
    too_few_rest_days,
    no_body_weight,
    legs_growing_weight_stable,
)


def evaluate(snapshot: Snapshot) -> list[Insight]:
    """Every rule that fires, warnings first, then tips, then good news (RULES order within)."""
    found = [insight for rule in RULES if (insight := rule(snapshot)) is not None]
    return sorted(found, key=lambda insight: KIND_RANK[insight.kind])


def insights_for(user, *, today=None) -> list[Insight]:
    return evaluate(gather(user, today=today))
