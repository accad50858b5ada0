"""What the insights and the outlook read from a runner's log: one `Snapshot` of the last few
weeks, gathered in a fixed handful of grouped queries, and the girth trends in it."""

import datetime
from dataclasses import dataclass, field

from knowledge.models import Article, Guideline
from tracker import metrics
from tracker.log.models import Profile, get_profile
from tracker.log.shoes import worn_shoes
from tracker.progress.daily import KINDS, LATEST_STRENGTH, RUN, STRENGTH
from tracker.progress.rows import ProgressRows, read_rows

# How far back the rules look.
LOAD_DAYS = 56
RECENT_DAYS = 28
MEASUREMENT_DAYS = 120
# A day's running counts as hard with this much of it hard (10 minutes), for the rule on heavy
# leg sessions next to hard runs.
HARD_RUN_MIN_S = 600
# The leg muscles: sets of exercises working them count as leg work.
LEG_MUSCLES = frozenset(
    {
        "quadriceps",
        "hamstrings",
        "glutes",
        "calves",
        "hip-flexors",
        "tibialis-anterior",
        "peroneals",
    }
)
# Girth trends need at least 3 measurements spanning 4 weeks.
TREND_MIN_MEASUREMENTS = 3
TREND_MIN_SPAN_DAYS = 28

# Articles for rules that have no guideline of their own, and for the outlook.
STRENGTH_ARTICLE = "strength-training-for-runners"
INJURIES_ARTICLE = "running-injuries"
TRACKING_ARTICLE = "tracking-your-progress"
LEG_DAY_ARTICLE = "leg-day-or-run"
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
    # Days in the last LOAD_DAYS with at least HARD_RUN_MIN_S of hard running.
    hard_run_dates: set = field(default_factory=set)
    # Sets on leg muscles per day in the last LOAD_DAYS (assisting muscles at half a set).
    leg_sets_by_day: dict = field(default_factory=dict)
    # The highest perceived effort of a strength session each day (days with one given).
    strength_effort_by_day: dict = field(default_factory=dict)
    # Days in the last LOAD_DAYS with any session: a run, strength or cross-training.
    trained_dates: set = field(default_factory=set)

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


def gather(
    user,
    *,
    today=None,
    profile: Profile | None = None,
    guidelines=None,
    rows: ProgressRows | None = None,
) -> Snapshot:
    """Everything the rules and the outlook need. A page that has read the Progress rows
    (rows.read_rows, which always reach back LOAD_DAYS) passes them: then only the articles
    and the worn shoes are queried here."""
    profile = profile or get_profile(user)
    today = today or profile.today()
    load_from = today - datetime.timedelta(days=LOAD_DAYS - 1)
    recent_from = today - datetime.timedelta(days=RECENT_DAYS - 1)
    measured_from = today - datetime.timedelta(days=MEASUREMENT_DAYS - 1)
    if rows is None:
        rows = read_rows(user, today - datetime.timedelta(days=RECENT_DAYS - 1), today)
    guidelines = Guideline.objects.by_key() if guidelines is None else guidelines
    articles = {
        article.slug: article
        for article in Article.objects.published().filter(
            slug__in={
                STRENGTH_ARTICLE,
                INJURIES_ARTICLE,
                TRACKING_ARTICLE,
                LEG_DAY_ARTICLE,
                *OUTLOOK_ARTICLES,
            }
        )
    }

    daily_load = [0.0] * LOAD_DAYS
    daily_distance = [0.0] * LOAD_DAYS
    seconds_by_type: dict[str, float] = {}
    hard_seconds = 0.0
    runs_recent = 0
    run_dates, hard_run_dates, trained_dates = set(), set(), set()
    session_dates: list[datetime.date] = []  # a date for each session
    last_strength = None
    for day in rows.days:
        if day.kind in (STRENGTH, LATEST_STRENGTH):
            last_strength = max(last_strength or day.date, day.date)
        if day.date < load_from:
            continue
        index = LOAD_DAYS - 1 - (today - day.date).days
        if day.kind in KINDS:
            daily_load[index] += float(day.load or 0)
            trained_dates.add(day.date)
        if day.kind == STRENGTH and day.date >= recent_from:
            session_dates.extend([day.date] * day.count)
        if day.kind != RUN:
            continue
        daily_distance[index] += day.distance_m
        run_dates.add(day.date)
        if day.hard_s >= HARD_RUN_MIN_S:
            hard_run_dates.add(day.date)
        if day.date >= recent_from:
            seconds_by_type[day.subtype] = seconds_by_type.get(day.subtype, 0) + day.duration_s
            hard_seconds += day.hard_s
            runs_recent += day.count

    muscle_sets: dict[str, int] = {}
    leg_sets_by_day: dict[datetime.date, float] = {}
    for day, exercise_id, set_count, _ in rows.sets:
        exercise = rows.exercises.get(exercise_id)
        if exercise is None or day < load_from:
            continue
        if day >= recent_from:
            for slug in exercise["primary"]:
                muscle_sets[slug] = muscle_sets.get(slug, 0) + set_count
        leg_share = 1.0 if set(exercise["primary"]) & LEG_MUSCLES else 0.0
        if not leg_share and set(exercise["secondary"]) & LEG_MUSCLES:
            leg_share = metrics.SECONDARY_MUSCLE_SHARE
        if leg_share:
            leg_sets_by_day[day] = leg_sets_by_day.get(day, 0) + set_count * leg_share

    weights = rows.weights
    recent_protein = [(day, grams) for day, grams in rows.protein if day >= recent_from]
    protein_days = [
        (day, grams, g_per_kg)
        for (day, grams), (_, g_per_kg) in zip(
            recent_protein, metrics.protein_g_per_kg_by_day(recent_protein, weights), strict=True
        )
    ]
    weights_to_today = [kg for day, kg in weights if day <= today]

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
        strength_dates=sorted(session_dates),
        last_strength_date=last_strength,
        muscle_sets=muscle_sets,
        protein_days=protein_days,
        measurements=[row for row in rows.measurements if row["date"] >= measured_from],
        latest_weight_kg=weights_to_today[-1] if weights_to_today else None,
        run_dates=run_dates,
        run_hard_seconds=hard_seconds,
        worn_shoes=worn_shoes(user),
        hard_run_dates=hard_run_dates,
        leg_sets_by_day=leg_sets_by_day,
        strength_effort_by_day={
            day.date: day.effort for day in rows.days if day.kind == STRENGTH and day.effort
        },
        trained_dates=trained_dates,
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
    return measured_trends(snapshot.measurements)


def measured_trends(measurements) -> dict[str, float | None]:
    """cm (or kg) a week for thighs, calves and body weight from measurement rows, oldest
    first; None without TREND_MIN_MEASUREMENTS spanning TREND_MIN_SPAN_DAYS."""
    trends: dict[str, float | None] = {}
    for name, fields in (
        ("thigh", ("thigh_left_cm", "thigh_right_cm")),
        ("calf", ("calf_left_cm", "calf_right_cm")),
        ("weight", ("weight_kg",)),
    ):
        points = []
        for row in measurements:
            values = [row[f] for f in fields if row[f] is not None]
            if values:
                points.append((row["date"], sum(values) / len(values)))
        enough = (
            len(points) >= TREND_MIN_MEASUREMENTS
            and (points[-1][0] - points[0][0]).days >= TREND_MIN_SPAN_DAYS
        )
        trends[name] = metrics.rate_per_week(points) if enough else None
    return trends
