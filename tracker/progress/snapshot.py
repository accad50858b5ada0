"""What the insights and the outlook read from a runner's log: one `Snapshot` of the last few
weeks, gathered in a fixed handful of grouped queries, and the girth trends in it."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery, Sum

from knowledge.models import Article, Guideline
from tracker import metrics
from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
    latest_body_weight_kg,
)
from tracker.log.shoes import worn_shoes

# How far back the rules look.
LOAD_DAYS = 56
RECENT_DAYS = 28
MEASUREMENT_DAYS = 120
# Girth trends need at least 3 measurements spanning 4 weeks.
TREND_MIN_MEASUREMENTS = 3
TREND_MIN_SPAN_DAYS = 28

# Articles for rules that have no guideline of their own, and for the outlook.
STRENGTH_ARTICLE = "strength-training-for-runners"
INJURIES_ARTICLE = "running-injuries"
TRACKING_ARTICLE = "tracking-your-progress"
OUTLOOK_ARTICLES = (
    "intensity-and-leg-size",
    "strength-training-for-runners",
    "protein-for-runners",
    "calories-fat-loss-and-leg-size",
    "tracking-your-progress",
)


@dataclass
class Snapshot:
    """What the rules read, gathered once. Dates are the runner's; lists run oldest first."""

    today: datetime.date
    units: str
    goal: str
    guidelines: dict[str, Guideline]
    articles: dict[str, Article]
    daily_load: list[float]  # LOAD_DAYS values ending today
    daily_distance_m: list[float]  # same days
    run_seconds_by_type: dict[str, float]  # last RECENT_DAYS
    runs_recent: int
    strength_dates: list[datetime.date]  # sessions in the last RECENT_DAYS
    last_strength_date: datetime.date | None
    muscle_sets: dict[str, int]  # primary-muscle sets in the last RECENT_DAYS, by muscle slug
    protein_days: list[tuple]  # (date, grams, g/kg or None), last RECENT_DAYS
    measurements: list[dict]  # last MEASUREMENT_DAYS
    latest_weight_kg: float | None
    run_dates: set = field(default_factory=set)
    # Hard running in the last RECENT_DAYS: measured from recordings (zone 4 and up, or near
    # threshold pace) where a run has one, else the whole run when its type is a hard one.
    run_hard_seconds: float = 0.0
    # Active shoes at 80 % of their life or more (tracker/log/shoes.py), most worn first.
    worn_shoes: list = field(default_factory=list)

    @property
    def hard_share_pct(self) -> float | None:
        """Share of running time that was hard, in percent; None without running."""
        total = sum(self.run_seconds_by_type.values())
        return 100 * self.run_hard_seconds / total if total else None

    @property
    def finished_protein_days(self) -> list[tuple]:
        """Protein days before today: today's total is still growing, so it is neither a day
        that met the guide nor one that missed it."""
        return [day for day in self.protein_days if day[0] < self.today]

    def protein_adherence(self, minimum: float | None) -> tuple[int, int] | None:
        """(days at or above `minimum` g/kg, finished days with a body weight), or None."""
        with_weight = [g for _, _, g in self.finished_protein_days if g is not None]
        if minimum is None or not with_weight:
            return None
        return protein_days_met(with_weight, minimum), len(with_weight)


def gather(user, *, today=None, profile: Profile | None = None, guidelines=None) -> Snapshot:
    """Everything the rules and the outlook need, in nine queries."""
    profile = profile or get_profile(user)
    today = today or profile.today()
    load_from = today - datetime.timedelta(days=LOAD_DAYS - 1)
    recent_from = today - datetime.timedelta(days=RECENT_DAYS - 1)
    measured_from = today - datetime.timedelta(days=MEASUREMENT_DAYS - 1)
    guidelines = Guideline.objects.by_key() if guidelines is None else guidelines
    articles = {
        article.slug: article
        for article in Article.objects.published().filter(
            slug__in={STRENGTH_ARTICLE, INJURIES_ARTICLE, TRACKING_ARTICLE, *OUTLOOK_ARTICLES}
        )
    }

    run_rows = (
        Run.objects.for_user(user)
        .dated()
        .filter(date__gte=load_from, date__lte=today)
        .values("date", "run_type")
        .annotate(
            distance=Sum("distance_m"),
            duration=Sum("duration_s"),
            load=Sum(Run.load_expression()),
            hard=Sum(Run.hard_seconds_expression()),
            count=Count("pk"),
        )
        .order_by()
    )
    daily_load = [0.0] * LOAD_DAYS
    daily_distance = [0.0] * LOAD_DAYS
    seconds_by_type: dict[str, float] = {}
    hard_seconds = 0.0
    runs_recent = 0
    run_dates = set()
    for row in run_rows:
        index = LOAD_DAYS - 1 - (today - row["date"]).days
        daily_load[index] += float(row["load"] or 0)
        daily_distance[index] += row["distance"]
        run_dates.add(row["date"])
        if row["date"] >= recent_from:
            seconds_by_type[row["run_type"]] = (
                seconds_by_type.get(row["run_type"], 0) + row["duration"]
            )
            hard_seconds += row["hard"] or 0
            runs_recent += row["count"]

    latest_session = (
        StrengthSession.objects.for_user(user)
        .filter(date__lte=today)
        .order_by("-date", "-pk")
        .values("pk")[:1]
    )
    session_dates = sorted(
        StrengthSession.objects.for_user(user)
        .filter(Q(date__gte=recent_from, date__lte=today) | Q(pk=Subquery(latest_session)))
        .values_list("date", flat=True)
    )
    muscle_sets = dict(
        StrengthSet.objects.for_user(user)
        .filter(
            session__date__gte=recent_from,
            session__date__lte=today,
            exercise__primary_muscles__isnull=False,
        )
        .values_list("exercise__primary_muscles__slug")
        .annotate(count=Count("pk"))
        .order_by()
    )

    latest_weight = latest_body_weight_kg(user, OuterRef("date"))
    protein_rows = (
        ProteinEntry.objects.for_user(user)
        .filter(date__gte=recent_from, date__lte=today)
        .values("date")
        .annotate(total=Sum("protein_g"), body_weight=Subquery(latest_weight))
        .order_by("date")
    )
    protein_days = [
        (
            row["date"],
            row["total"],
            row["total"] / row["body_weight"] if row["body_weight"] else None,
        )
        for row in protein_rows
    ]

    latest_weight_pk = (
        LegMeasurement.objects.for_user(user).weighed_on_or_before(today).values("pk")[:1]
    )
    measurement_rows = list(
        LegMeasurement.objects.for_user(user)
        .filter(Q(date__gte=measured_from, date__lte=today) | Q(pk=Subquery(latest_weight_pk)))
        .order_by("date", "pk")
        .values(
            "date",
            "weight_kg",
            *(f"{p}_{s}_cm" for p in ("thigh", "calf") for s in ("left", "right")),
        )
    )
    weights = [row["weight_kg"] for row in measurement_rows if row["weight_kg"]]

    return Snapshot(
        today=today,
        units=profile.units,
        goal=profile.goal,
        guidelines=guidelines,
        articles=articles,
        daily_load=daily_load,
        daily_distance_m=daily_distance,
        run_seconds_by_type=seconds_by_type,
        runs_recent=runs_recent,
        strength_dates=[day for day in session_dates if day >= recent_from],
        last_strength_date=session_dates[-1] if session_dates else None,
        muscle_sets=muscle_sets,
        protein_days=protein_days,
        measurements=[row for row in measurement_rows if row["date"] >= measured_from],
        latest_weight_kg=weights[-1] if weights else None,
        run_dates=run_dates,
        run_hard_seconds=hard_seconds,
        worn_shoes=worn_shoes(user),
    )


def protein_days_met(g_per_kg_values, minimum: float) -> int:
    """Days at or above the guide's minimum, compared at the 2 decimals the chart shows, so a
    day drawn on the band's edge counts as on it."""
    return sum(round(g, 2) >= minimum for g in g_per_kg_values)


def _average(values) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def girth_trends(snapshot: Snapshot) -> dict[str, float | None]:
    """cm (or kg) per week over the measurement window, for thighs, calves and body weight;
    None without enough measurements to call it."""
    trends: dict[str, float | None] = {}
    for name, fields in (
        ("thigh", ("thigh_left_cm", "thigh_right_cm")),
        ("calf", ("calf_left_cm", "calf_right_cm")),
        ("weight", ("weight_kg",)),
    ):
        points = []
        for row in snapshot.measurements:
            values = [row[f] for f in fields if row[f] is not None]
            if values:
                points.append((row["date"], sum(values) / len(values)))
        enough = (
            len(points) >= TREND_MIN_MEASUREMENTS
            and (points[-1][0] - points[0][0]).days >= TREND_MIN_SPAN_DAYS
        )
        trends[name] = metrics.rate_per_week(points) if enough else None
    return trends
