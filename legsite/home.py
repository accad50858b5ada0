"""The signed-in home page's data: this week and the four before it, a month calendar of what
was logged, the latest entries and insights, and the one next step that matters.

    HomeContext.for_user(user, today=None).as_context() -> the template's variables

A fixed number of queries whatever the size of the log: each kind is grouped by day in SQL over
the weeks and the calendar's month only, then walked in Python (at most six weeks of rows).
Another kind of entry (cross-training, records, shoes) joins the calendar by adding one entry
to CALENDAR_KINDS and one grouped query to `_logged_days`.
"""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.urls import reverse

from tracker.log.models import (
    LegMeasurement,
    Profile,
    Run,
    StrengthSession,
    get_profile,
    protein_days,
)
from tracker.log.timeline import timeline_page
from tracker.progress.insights import evaluate
from tracker.progress.snapshot import gather, protein_days_met

WEEKS = 5  # this week and the four before it
HOME_INSIGHTS = 3
RECENT_ENTRIES = 5

# kind, what the calendar calls it (singular, plural)
CALENDAR_KINDS = (
    ("run", "run", "runs"),
    ("strength", "strength session", "strength sessions"),
    ("measurement", "measurement", "measurements"),
)


@dataclass
class Week:
    start: datetime.date
    distance_m: float = 0.0
    duration_s: float = 0.0
    load: float = 0.0
    runs: int = 0
    strength_sessions: int = 0
    protein_days_met: int = 0
    protein_days_counted: int = 0  # finished days with protein and a body weight

    @property
    def end(self) -> datetime.date:
        return self.start + datetime.timedelta(days=6)


@dataclass
class CalendarDay:
    date: datetime.date
    in_month: bool
    is_today: bool
    logged: dict[str, int] = field(default_factory=dict)  # kind -> entries that day

    @property
    def description(self) -> str:
        parts = []
        for kind, singular, plural in CALENDAR_KINDS:
            count = self.logged.get(kind, 0)
            if count:
                parts.append(f"{count} {singular if count == 1 else plural}")
        return ", ".join(parts) or "nothing logged"


@dataclass
class NextStep:
    text: str
    url: str
    link_text: str


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def month_grid(today: datetime.date) -> list[list[datetime.date]]:
    """The weeks (Monday to Sunday) that hold this month's days."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(today.year, today.month)


@dataclass
class HomeContext:
    today: datetime.date
    units: str
    weeks: list[Week]  # this week first
    calendar_weeks: list[list[CalendarDay]]
    month_label: str
    insights: list
    recent: list[dict]
    next_step: NextStep | None
    onboarded: bool

    @classmethod
    def for_user(cls, user, *, today: datetime.date | None = None) -> "HomeContext":
        profile = get_profile(user)
        today = today or profile.today()
        grid = month_grid(today)
        weeks_from = week_start(today) - datetime.timedelta(weeks=WEEKS - 1)
        first_day = min(weeks_from, grid[0][0])
        last_day = max(today, grid[-1][-1])
        snapshot = gather(user, today=today, profile=profile)
        logged, runs_by_day = _logged_days(user, first_day, last_day)
        protein = snapshot.guidelines.get("protein_g_per_kg")
        weeks = _weeks(
            user,
            today,
            weeks_from,
            runs_by_day,
            logged,
            protein.minimum if protein else None,
        )
        calendar_weeks = [
            [
                CalendarDay(
                    date=day,
                    in_month=day.month == today.month,
                    is_today=day == today,
                    logged={kind: logged[kind].get(day, 0) for kind, _, _ in CALENDAR_KINDS},
                )
                for day in week
            ]
            for week in grid
        ]
        recent = timeline_page(user, profile, length=RECENT_ENTRIES).entries[:RECENT_ENTRIES]
        return cls(
            today=today,
            units=profile.units,
            weeks=weeks,
            calendar_weeks=calendar_weeks,
            month_label=today.strftime("%B %Y"),
            insights=evaluate(snapshot)[:HOME_INSIGHTS],
            recent=recent,
            next_step=_next_step(profile, snapshot, recent),
            onboarded=profile.onboarded_at is not None,
        )

    def as_context(self) -> dict:
        return {
            "units": self.units,
            "today": self.today,
            "this_week": self.weeks[0],
            "weeks": self.weeks,
            "calendar_weeks": self.calendar_weeks,
            "calendar_kinds": CALENDAR_KINDS,
            "month_label": self.month_label,
            "insights": self.insights,
            "recent": self.recent,
            "next_step": self.next_step,
        }


def _logged_days(user, first_day, last_day) -> tuple[dict[str, dict], dict]:
    """Entries per day and kind from `first_day` to `last_day`, one grouped query per kind;
    and the runs' daily totals for the weeks."""
    in_range = {"date__gte": first_day, "date__lte": last_day}
    run_rows = (
        Run.objects.for_user(user)
        .dated()  # a run waiting for its date counts in no total
        .filter(**in_range)
        .values("date")
        .annotate(
            count=Count("pk"),
            distance=Sum("distance_m"),
            duration=Sum("duration_s"),
            load=Sum(Run.load_expression()),
        )
        .order_by()
    )
    runs_by_day = {row["date"]: row for row in run_rows}

    def counts(model):
        return dict(
            model.objects.for_user(user)
            .filter(**in_range)
            .values("date")
            .annotate(count=Count("pk"))
            .order_by()
            .values_list("date", "count")
        )

    logged = {
        "run": {day: row["count"] for day, row in runs_by_day.items()},
        "strength": counts(StrengthSession),
        "measurement": counts(LegMeasurement),
    }
    return logged, runs_by_day


def _weeks(user, today, weeks_from, runs_by_day, logged, protein_minimum) -> list[Week]:
    weeks = [Week(start=weeks_from + datetime.timedelta(weeks=n)) for n in range(WEEKS)]

    def week_of(day):
        index = (day - weeks_from).days // 7
        return weeks[index] if 0 <= index < WEEKS and day <= today else None

    for day, row in runs_by_day.items():
        if week := week_of(day):
            week.runs += row["count"]
            week.distance_m += row["distance"] or 0.0
            week.duration_s += row["duration"] or 0.0
            week.load += float(row["load"] or 0.0)
    for day, count in logged["strength"].items():
        if week := week_of(day):
            week.strength_sessions += count
    # Finished days only: today's protein is still being eaten.
    finished = protein_days(user).filter(date__gte=weeks_from, date__lt=today)
    for row in finished:
        week = week_of(row["date"])
        if week is None or not row["body_weight_kg"] or protein_minimum is None:
            continue
        week.protein_days_counted += 1
        week.protein_days_met += protein_days_met(
            [row["total_g"] / row["body_weight_kg"]], protein_minimum
        )
    return list(reversed(weeks))


def _next_step(profile: Profile, snapshot, recent) -> NextStep | None:
    """The one thing to do next, in the order that unlocks most of the site."""
    if profile.onboarded_at is None:
        return NextStep(
            "Tell legsite your goal, units and body weight, so targets and advice fit you.",
            reverse("tracker:onboarding"),
            "Set up in a minute",
        )
    if not recent:
        return NextStep(
            "Your log is empty: a run needs only a date, a distance and a time.",
            reverse("tracker:run_create"),
            "Log your first run",
        )
    if snapshot.latest_weight_kg is None:
        return NextStep(
            "Without a body weight there is no protein target.",
            reverse("tracker:measurement_create"),
            "Add your body weight",
        )
    if not snapshot.measurements:
        return NextStep(
            "Measure your thighs and calves: it is the only way to see what your legs do.",
            reverse("tracker:measurement_create"),
            "Measure your legs",
        )
    if snapshot.last_strength_date is None:
        return NextStep(
            "Strength work is what builds leg muscle; start with a routine from the guide.",
            reverse("tracker:strength_create"),
            "Log a strength session",
        )
    return None
