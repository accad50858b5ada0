"""The leg outlook: where a runner's legs are heading (bigger, leaner, holding) and why.

`leg_outlook()` is a pure function of a few numbers, so each branch is easy to test;
`outlook_for(snapshot)` feeds it from the insights' snapshot and the guide's guidelines.

Measured girths decide when there are enough of them; otherwise the training votes. Each factor
says which way it points and links to the article that explains it.
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from tracker.progress.snapshot import girth_trends

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


def leg_outlook(
    *,
    hard_share_pct: float | None,
    hard_share_minimum: float = 10,
    strength_sessions_per_week: float | None,
    strength_sessions_minimum: float = 2,
    protein_adherence_pct: float | None,
    girth_cm_per_week: float | None,
    weight_kg_per_week: float | None,
) -> Outlook:
    """Which way each factor points, and the overall direction.

    hard_share_pct: share of running time that was hard over the last 4 weeks (None: no runs).
    strength_sessions_per_week: over the last 4 weeks (None: nothing logged at all).
    protein_adherence_pct: share of logged days at or above the guide's g/kg minimum.
    girth_cm_per_week, weight_kg_per_week: measured trends (None: too few measurements).
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
                    "the finished days you logged in the last 4 weeks, enough to support growth.",
                    "protein-for-runners",
                )
            )
        else:
            factors.append(
                Factor(
                    "Protein",
                    HOLDING,
                    f"You reached the guide's protein range on only {protein_adherence_pct:.0f} % "
                    "of the finished days you logged in the last 4 weeks, which limits growth.",
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

    if measured_direction is not None:
        direction = measured_direction
        summary = "Your measurements show the direction; your training explains it."
    elif not factors:
        direction = UNKNOWN
        summary = (
            "Log a few weeks of runs, strength sessions, protein and leg measurements to see "
            "where your legs are heading."
        )
    else:
        votes = {BIGGER: 0, LEANER: 0, HOLDING: 0}
        for factor in factors:
            votes[factor.points] += 1
        if votes[LEANER] > votes[BIGGER]:
            direction = LEANER
        elif votes[BIGGER] >= 2 and votes[BIGGER] > votes[LEANER]:
            direction = BIGGER
        else:
            direction = HOLDING
        summary = (
            "Without enough leg measurements yet, this is what your training points to. "
            "Measure your thighs and calves monthly to confirm it."
        )
    return Outlook(
        direction,
        HEADLINES[direction],
        summary,
        tuple(factors),
        measured=measured_direction is not None,
    )


def outlook_for(snapshot) -> Outlook:
    """The outlook from an insights.Snapshot, with article links resolved."""
    guidelines = snapshot.guidelines
    hard = guidelines.get("hard_running_share_pct")
    strength = guidelines.get("strength_sessions_per_week")
    protein = guidelines.get("protein_g_per_kg")
    met = snapshot.protein_adherence(protein.minimum if protein is not None else None)
    adherence = None if met is None else 100 * met[0] / met[1]
    trends = girth_trends(snapshot)
    girths = [rate for rate in (trends["thigh"], trends["calf"]) if rate is not None]
    logged_anything = snapshot.runs_recent or snapshot.last_strength_date or snapshot.protein_days
    recent_from = snapshot.today - datetime.timedelta(days=27)
    sessions = len([d for d in snapshot.strength_dates if d >= recent_from])
    outlook = leg_outlook(
        hard_share_pct=snapshot.hard_share_pct,
        hard_share_minimum=hard.minimum if hard and hard.minimum is not None else 10,
        strength_sessions_per_week=sessions / 4 if logged_anything else None,
        strength_sessions_minimum=(
            strength.minimum if strength and strength.minimum is not None else 2
        ),
        protein_adherence_pct=adherence,
        girth_cm_per_week=sum(girths) / len(girths) if girths else None,
        weight_kg_per_week=trends["weight"],
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
        outlook.direction, outlook.headline, outlook.summary, tuple(factors), outlook.measured
    )
