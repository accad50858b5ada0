"""The leg outlook: where a runner's legs are heading (bigger, leaner, holding) and why.

`leg_outlook()` is a pure function of a few numbers, so each branch is easy to test;
`outlook_for(snapshot, rows, ledger)` feeds it the range the Progress page shows (the range
picker's): hard running, strength sessions and protein over that range, girth and weight
trends over it (at least the last MEASUREMENT_DAYS), and the leg ledger's stimulus.

Measured girths decide when there are enough of them; otherwise the training votes. When the
tape and the training disagree the headline says both. Each factor says which way it points
and links to the article that explains it; a last sentence speaks to the runner's goal.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from tracker.log.models import Profile
from tracker.progress.outlook_inputs import ledger_stimulus, period_words, range_inputs
from tracker.progress.rows import ProgressRows
from tracker.progress.snapshot import measured_trends

BIGGER, LEANER, HOLDING, UNKNOWN = "bigger", "leaner", "holding", "unknown"
# Girth and weight change per week that counts as moving (see insights.GIRTH_RISING_CM_PER_WEEK).
GIRTH_MOVING_CM_PER_WEEK = 0.05
WEIGHT_MOVING_KG_PER_WEEK = 0.1
# Share of logged protein days at or above the guide's minimum that counts as "most days".
PROTEIN_ADHERENCE_PCT = 70

HEADLINES = {
    BIGGER: "Your legs are heading bigger",
    LEANER: "Your legs are heading leaner",
    HOLDING: "Your legs are holding steady",
    UNKNOWN: "Not enough in your log yet",
}
# The tape says one thing and the training another: (measured, training) -> headline.
MIXED_HEADLINES = {
    (BIGGER, LEANER): "Your legs measure bigger, but your training now points leaner",
    (LEANER, BIGGER): "Your legs measure leaner, but your training now points bigger",
    (HOLDING, BIGGER): "Your legs measure steady; your training points bigger",
    (HOLDING, LEANER): "Your legs measure steady; your training points leaner",
}
# The thigh muscles' share of stimulus from the size-building kinds (outlook_inputs.SIZE_KINDS)
# at which the ledger points to growth.
SIZE_STIMULUS_PCT = 50
GOAL_WORDS = {
    Profile.Goal.BUILD: ("building leg muscle", BIGGER),
    Profile.Goal.LEAN: ("lean legs", LEANER),
}


@dataclass(frozen=True)
class Factor:
    name: str
    points: str  # BIGGER, LEANER or HOLDING
    text: str
    article_slug: str
    article_url: str = ""
    article_title: str = ""


@dataclass(frozen=True)
class Outlook:
    direction: str
    headline: str
    summary: str
    factors: tuple[Factor, ...]
    measured: bool  # decided by measured girths rather than by the training alone
    goal_note: str = ""  # what the direction means for the runner's goal
    period: str = ""  # which days the outlook read


def leg_outlook(
    *,
    hard_share_pct: float | None,
    hard_share_minimum: float = 10,
    strength_sessions_per_week: float | None,
    strength_sessions_minimum: float = 2,
    protein_adherence_pct: float | None,
    girth_cm_per_week: float | None,
    weight_kg_per_week: float | None,
    stimulus: dict | None = None,
    goal: str = "",
    period: str = "the last 4 weeks",
) -> Outlook:
    """Which way each factor points, and the overall direction.

    hard_share_pct: share of running time that was hard over the period (None: no runs).
    strength_sessions_per_week: over the period (None: nothing logged at all).
    protein_adherence_pct: share of logged days at or above the guide's g/kg minimum.
    girth_cm_per_week, weight_kg_per_week: measured trends (None: too few measurements).
    stimulus: the leg ledger's thigh muscles, {"size_pct", "most", "least"} (None: no ledger).
    goal: Profile.Goal; period: the words for the days read ("the last 12 weeks").
    """
    factors = []
    if hard_share_pct is not None:
        if hard_share_pct >= hard_share_minimum:
            factors.append(
                Factor(
                    "Intensity",
                    BIGGER,
                    f"{hard_share_pct:.0f} % of your running was hard (heart-rate zone 4 and up, "
                    "or sprints, hills, intervals, tempo and races): that recruits the fast "
                    "fibres that grow.",
                    "intensity-and-leg-size",
                )
            )
        else:
            factors.append(
                Factor(
                    "Intensity",
                    LEANER,
                    f"Only {hard_share_pct:.0f} % of your running was hard, under "
                    f"{hard_share_minimum:g} %: mostly easy miles build lean endurance, not size.",
                    "intensity-and-leg-size",
                )
            )
    if strength_sessions_per_week is not None:
        if strength_sessions_per_week >= strength_sessions_minimum:
            factors.append(
                Factor(
                    "Strength",
                    BIGGER,
                    f"{strength_sessions_per_week:.1f} strength sessions a week: enough to build "
                    "muscle alongside running.",
                    "strength-training-for-runners",
                )
            )
        else:
            factors.append(
                Factor(
                    "Strength",
                    HOLDING,
                    f"{strength_sessions_per_week:.1f} strength sessions a week, under "
                    f"{strength_sessions_minimum:g}: too little to add much muscle.",
                    "strength-training-for-runners",
                )
            )
    if protein_adherence_pct is not None:
        if protein_adherence_pct >= PROTEIN_ADHERENCE_PCT:
            factors.append(
                Factor(
                    "Protein",
                    BIGGER,
                    f"You reached the guide's protein range on {protein_adherence_pct:.0f} % of "
                    "the finished days you logged in this period, enough to support growth.",
                    "protein-for-runners",
                )
            )
        else:
            factors.append(
                Factor(
                    "Protein",
                    HOLDING,
                    f"You reached the guide's protein range on only {protein_adherence_pct:.0f} % "
                    "of the finished days you logged in this period, which limits growth.",
                    "protein-for-runners",
                )
            )
    if weight_kg_per_week is not None:
        per_month = weight_kg_per_week * 30 / 7
        if weight_kg_per_week <= -WEIGHT_MOVING_KG_PER_WEEK:
            factors.append(
                Factor(
                    "Body weight",
                    LEANER,
                    f"Your body weight is falling (about {per_month:.1f} kg a month): in a calorie "
                    "deficit legs lose fat first and rarely gain muscle.",
                    "calories-fat-loss-and-leg-size",
                )
            )
        elif weight_kg_per_week >= WEIGHT_MOVING_KG_PER_WEEK:
            factors.append(
                Factor(
                    "Body weight",
                    BIGGER,
                    f"Your body weight is rising (about +{per_month:.1f} kg a month): a surplus "
                    "helps muscle grow, some of it as fat.",
                    "calories-fat-loss-and-leg-size",
                )
            )
        else:
            factors.append(
                Factor(
                    "Body weight",
                    HOLDING,
                    "Your body weight is steady.",
                    "calories-fat-loss-and-leg-size",
                )
            )
    if stimulus is not None:
        most, least = stimulus["most"], stimulus["least"]
        spread = f" {most[0]} got the most ({most[1]:,.0f} points), {least[0]} the least."
        if stimulus["size_pct"] >= SIZE_STIMULUS_PCT:
            factors.append(
                Factor(
                    "Leg ledger",
                    BIGGER,
                    f"{stimulus['size_pct']:.0f} % of your thighs' stimulus came from hard "
                    "running, hills and strength sets, the kinds that build size." + spread,
                    "leg-muscles-in-the-stride",
                )
            )
        else:
            factors.append(
                Factor(
                    "Leg ledger",
                    LEANER,
                    f"Only {stimulus['size_pct']:.0f} % of your thighs' stimulus came from hard "
                    "running, hills and strength sets; the rest from easy running and cycling, "
                    "which keep legs lean." + spread,
                    "leg-muscles-in-the-stride",
                )
            )
    measured_direction = None
    if girth_cm_per_week is not None:
        per_month = girth_cm_per_week * 30 / 7
        if girth_cm_per_week >= GIRTH_MOVING_CM_PER_WEEK:
            measured_direction = BIGGER
            text = f"Your leg girths are rising (about +{per_month:.1f} cm a month)."
        elif girth_cm_per_week <= -GIRTH_MOVING_CM_PER_WEEK:
            measured_direction = LEANER
            text = f"Your leg girths are shrinking (about {per_month:.1f} cm a month)."
        else:
            measured_direction = HOLDING
            text = "Your leg girths are steady."
        factors.append(Factor("Measurements", measured_direction, text, "tracking-your-progress"))

    training = training_direction([f for f in factors if f.name != "Measurements"])
    headline = None
    if measured_direction is not None:
        direction = measured_direction
        headline = MIXED_HEADLINES.get((measured_direction, training))
        summary = "Your measurements show the direction; your training explains it."
        if headline:
            summary = (
                "The tape shows where your legs have gone; the training factors below, where "
                "they are heading next."
            )
    elif not factors:
        direction = UNKNOWN
        summary = (
            "Log a few weeks of runs, strength sessions, protein and leg measurements to see "
            "where your legs are heading."
        )
    else:
        direction = training
        summary = (
            "Without enough leg measurements yet, this is what your training points to. "
            "Measure your thighs and calves monthly to confirm it."
        )
    return Outlook(
        direction,
        headline or HEADLINES[direction],
        summary,
        tuple(factors),
        measured=measured_direction is not None,
        goal_note=goal_note(goal, direction, factors),
        period=period,
    )


def training_direction(factors) -> str:
    """The training's vote: leaner when more factors point leaner than bigger, bigger with at
    least two factors for it and more than against, else holding."""
    if not factors:
        return UNKNOWN
    votes = {BIGGER: 0, LEANER: 0, HOLDING: 0}
    for factor in factors:
        votes[factor.points] += 1
    if votes[LEANER] > votes[BIGGER]:
        return LEANER
    if votes[BIGGER] >= 2 and votes[BIGGER] > votes[LEANER]:
        return BIGGER
    return HOLDING


def goal_note(goal: str, direction: str, factors) -> str:
    """One sentence on what the direction means for the runner's goal."""
    if direction == UNKNOWN:
        return ""
    if goal == Profile.Goal.FASTER:
        return (
            "Your goal is to run faster: hard running and strength work help it whichever way "
            "your legs go, and easy miles keep the weight you carry down."
        )
    if goal not in GOAL_WORDS:
        return ""
    words, wanted = GOAL_WORDS[goal]
    if direction == wanted:
        return f"That is the way your goal of {words} needs."
    against = [f.name.lower() for f in factors if f.points not in (wanted, HOLDING)]
    stalled = [f.name.lower() for f in factors if f.points == HOLDING]
    if against:
        return f"That is away from your goal of {words}: start with {', '.join(against)}."
    if stalled:
        return f"For your goal of {words}, the factors holding you are {', '.join(stalled)}."
    return f"For your goal of {words}, keep logging: nothing points the other way yet."


def outlook_for(
    snapshot, rows: ProgressRows | None = None, ledger: dict | None = None, range_label: str = ""
) -> Outlook:
    """The outlook for the Progress page's range (the rows', rows.read_rows) or, without rows,
    the snapshot's last 4 weeks; with the guide's thresholds and article links resolved."""
    guidelines = snapshot.guidelines
    hard = guidelines.get("hard_running_share_pct")
    strength = guidelines.get("strength_sessions_per_week")
    protein = guidelines.get("protein_g_per_kg")
    minimum = protein.minimum if protein is not None else None
    today = snapshot.today
    start = rows.start if rows is not None else None
    first = start or (rows.first_day() if rows is not None else None) or today
    if rows is None:
        first = today - datetime.timedelta(days=27)
    days_read = (today - first).days + 1
    if rows is not None:
        inputs = range_inputs(rows, first, today, minimum)
    else:
        met = snapshot.protein_adherence(minimum)
        inputs = {
            "hard_share_pct": snapshot.hard_share_pct,
            "sessions": len(snapshot.strength_dates),
            "logged": bool(
                snapshot.runs_recent or snapshot.last_strength_date or snapshot.protein_days
            ),
            "protein_adherence_pct": None if met is None else 100 * met[0] / met[1],
            "measurements": snapshot.measurements,
        }
    trends = measured_trends(inputs["measurements"])
    girths = [rate for rate in (trends["thigh"], trends["calf"]) if rate is not None]
    weeks = max(days_read / 7, 1)
    period = period_words(range_label, first, today)
    outlook = leg_outlook(
        hard_share_pct=inputs["hard_share_pct"],
        hard_share_minimum=hard.minimum if hard and hard.minimum is not None else 10,
        strength_sessions_per_week=inputs["sessions"] / weeks if inputs["logged"] else None,
        strength_sessions_minimum=(
            strength.minimum if strength and strength.minimum is not None else 2
        ),
        protein_adherence_pct=inputs["protein_adherence_pct"],
        girth_cm_per_week=sum(girths) / len(girths) if girths else None,
        weight_kg_per_week=trends["weight"],
        stimulus=ledger_stimulus(ledger),
        goal=snapshot.goal,
        period=period,
    )
    factors = []
    for factor in outlook.factors:
        article = snapshot.articles.get(factor.article_slug)
        factors.append(
            Factor(
                factor.name,
                factor.points,
                factor.text,
                factor.article_slug,
                reverse("knowledge:article", args=[article.slug]) if article else "",
                article.title if article else "",
            )
        )
    return Outlook(
        outlook.direction,
        outlook.headline,
        outlook.summary,
        tuple(factors),
        outlook.measured,
        outlook.goal_note,
        outlook.period,
    )
