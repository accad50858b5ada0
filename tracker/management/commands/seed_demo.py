"""Fill one user's training log with years of realistic, repeatable demo data.

    manage.py seed_demo --user demo --years 10 [--password ...] [--replace] [--seed 1]
                        [--streams]

The same --seed and --end give the same rows every time: a runner with a weekly pattern (easy
and long runs most days, one or two quality sessions, a race now and then), two or three
strength sessions a week with slowly rising loads, a measurement a month with small trends and
a slight left/right difference, and two to four protein entries a day.

With --streams every run is recorded as a watch would record it (1-second samples of time,
distance, position, altitude, heart rate and cadence, auto-laps each kilometre) and saved
through the importer's own code, so its zones, hard running, heart-rate load, best efforts
and run page are what an imported log has (tracker/management/demo_recordings.py). A ten-year
log takes a few minutes this way; it prints how long.
"""

import datetime
import math
import random
import secrets
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from knowledge.models import Exercise
from tracker.log import lifts
from tracker.log.models import (
    BestEffort,
    Lap,
    LegMeasurement,
    ProteinEntry,
    Run,
    RunStream,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.management import demo_recordings

BATCH = 2000

# slug: (starting kg, ceiling kg, fewest reps, most reps); 0 kg is body weight.
LIFTS = {
    "squat": (40, 120, 5, 8),
    "deadlift": (50, 140, 3, 6),
    "romanian-deadlift": (30, 100, 6, 10),
    "bulgarian-split-squat": (10, 40, 6, 10),
    "calf-raise": (0, 40, 10, 15),
    "step-up": (10, 40, 8, 12),
    "glute-bridge": (40, 140, 8, 12),
    "hamstring-curl": (20, 60, 8, 12),
    "leg-press": (80, 250, 8, 12),
    "walking-lunge": (10, 40, 8, 12),
    "nordic-hamstring-curl": (0, 0, 3, 8),
    "tibialis-raise": (0, 10, 12, 20),
}
OTHER_LIFT = (20, 60, 6, 10)
SESSION_A = ["squat", "romanian-deadlift", "calf-raise", "nordic-hamstring-curl", "leg-press"]
SESSION_B = ["bulgarian-split-squat", "step-up", "glute-bridge", "tibialis-raise", "deadlift"]

# run type: (km low, km high, seconds per km against easy pace, effort, average heart rate)
RUNS = {
    "easy": (6, 10, 0, 3, 140),
    "long": (14, 22, 15, 5, 145),
    "tempo": (8, 12, -50, 7, 162),
    "intervals": (8, 11, -35, 8, 158),
    "sprints": (5, 7, 10, 8, 150),
    "hills": (7, 10, 20, 7, 155),
    "recovery": (4, 6, 40, 2, 130),
}
RACES = [(5.0, -70, 0.4), (10.0, -60, 0.35), (21.0975, -45, 0.2), (42.195, -25, 0.05)]
QUALITY = ["intervals", "hills", "tempo", "sprints"]

FOODS = [
    ("Greek yoghurt", 20, "breakfast"),
    ("Eggs", 18, "breakfast"),
    ("Porridge with milk", 12, "breakfast"),
    ("Chicken breast", 35, "dinner"),
    ("Lentil soup", 18, "lunch"),
    ("Tuna sandwich", 28, "lunch"),
    ("Tofu stir-fry", 22, "dinner"),
    ("Salmon", 30, "dinner"),
    ("Cottage cheese", 24, "snack"),
    ("Protein shake", 25, "snack"),
    ("Milk", 8, "snack"),
]


class Command(BaseCommand):
    help = "Fill a user's training log with years of realistic, deterministic demo data."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="Username; created when missing.")
        parser.add_argument("--years", type=int, default=1, help="Years of history (1-30).")
        parser.add_argument("--password", help="Password for a new user (default: generated).")
        parser.add_argument(
            "--replace", action="store_true", help="Delete the user's training data first."
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--end",
            type=datetime.date.fromisoformat,
            help="Last day of the history, YYYY-MM-DD (default: today in the user's time zone).",
        )
        parser.add_argument(
            "--streams",
            action="store_true",
            help="Record every run with 1-second samples, laps, zones and loads, as imported.",
        )

    def handle(self, *args, user, years, password, replace, seed, end, streams=False, **options):
        started = time.perf_counter()
        if not 1 <= years <= 30:
            raise CommandError("--years must be between 1 and 30.")
        exercises = {e.slug: e for e in Exercise.objects.guide().order_by("name")}
        if not exercises:
            raise CommandError(
                "The guide's exercises are not loaded. Run `manage.py load_guidance` first."
            )
        person, created = self.get_user(user, password)
        profile = get_profile(person)
        owned = [
            Run.objects.filter(user=person),
            StrengthSession.objects.filter(user=person),
            LegMeasurement.objects.filter(user=person),
            ProteinEntry.objects.filter(user=person),
        ]
        end = end or profile.today()
        start = end - datetime.timedelta(days=round(365.25 * years) - 1)
        rng = random.Random(seed)
        with transaction.atomic():
            if any(rows.exists() for rows in owned):
                if not replace:
                    raise CommandError(
                        f"{user} already has training data; pass --replace to delete it first."
                    )
                for rows in owned:
                    rows.delete()
            demo = DemoLog(person, profile.zone, start, end, rng, exercises)
            counts = demo.create()
            if streams:
                recorded = self.record(person, profile, demo.runs, seed)
        if connection.vendor == "postgresql":
            # A bulk load leaves PostgreSQL's planner statistics stale until autovacuum comes
            # round; without them a ten-year log's timeline query took 119 ms instead of 2 ms.
            loaded = [Run, StrengthSession, StrengthSet, LegMeasurement, ProteinEntry]
            if streams:
                loaded += [RunStream, Lap, BestEffort]
            with connection.cursor() as cursor:
                for model in loaded:
                    cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        if streams:
            self.stdout.write(
                f"Recorded {recorded['recorded']:,} runs: {recorded['samples']:,} samples "
                f"({recorded['hours']:,.0f} h, {recorded['stream_bytes'] / 1e6:,.1f} MB packed, "
                f"{recorded['stream_bytes'] / max(recorded['hours'], 1e-9) / 1000:.1f} KB/h), "
                f"{recorded['laps']:,} laps, in {recorded['seconds']:.1f} s."
            )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {user}: {years} year{'s' if years > 1 else ''} "
                f"({start:%Y-%m-%d} to {end:%Y-%m-%d}): {counts['runs']:,} runs, "
                f"{counts['sessions']:,} strength sessions with {counts['sets']:,} sets, "
                f"{counts['measurements']:,} measurements, {counts['protein']:,} protein entries "
                f"in {elapsed:.1f} s."
            )
        )

    def record(self, person, profile, runs, seed):
        """Recordings for the seeded runs, from their own random stream (the rest of the log
        is the same with and without --streams)."""
        if not profile.max_hr_bpm:
            profile.max_hr_bpm = demo_recordings.DEMO_MAX_HR
            profile.resting_hr_bpm = profile.resting_hr_bpm or demo_recordings.DEMO_RESTING_HR
            profile.save(update_fields=["max_hr_bpm", "resting_hr_bpm"])
        return demo_recordings.record_runs(person, profile, runs, random.Random(seed + 10_007))

    def get_user(self, username, password):
        users = get_user_model()
        person = users.objects.filter(username=username).first()
        if person is not None:
            return person, False
        password = password or secrets.token_urlsafe(12)
        person = users.objects.create_user(username=username, password=password)
        self.stdout.write(f"Created user {username} with password {password}")
        return person, True


class DemoLog:
    """Builds the rows day by day from one random.Random, then bulk-creates them."""

    def __init__(self, user, zone, start, end, rng, exercises):
        self.user = user
        self.zone = zone
        self.start = start
        self.end = end
        self.rng = rng
        self.exercises = exercises
        self.days = (end - start).days + 1
        self.lift_sessions: dict[str, int] = {}
        self.runs: list[Run] = []
        self.sessions: list[tuple[StrengthSession, list[StrengthSet]]] = []
        self.measurements: list[LegMeasurement] = []
        self.protein: list[ProteinEntry] = []

    def create(self) -> dict[str, int]:
        for offset in range(self.days):
            day = self.start + datetime.timedelta(days=offset)
            progress = offset / max(self.days - 1, 1)
            weeks = offset / 7
            self.plan_run(day, progress, weeks)
            self.plan_strength(day, weeks)
            if day.day == 1 or offset == 0:
                self.plan_measurement(day, offset / 365.25)
            self.plan_protein(day, offset / 365.25)
        Run.objects.bulk_create(self.runs, batch_size=BATCH)
        sessions = StrengthSession.objects.bulk_create(
            [session for session, _ in self.sessions], batch_size=BATCH
        )
        sets = []
        for session, (_, session_sets) in zip(sessions, self.sessions, strict=True):
            for strength_set in session_sets:
                strength_set.session = session
                sets.append(strength_set)
        StrengthSet.objects.bulk_create(sets, batch_size=BATCH)
        lifts.refresh(self.user)
        LegMeasurement.objects.bulk_create(self.measurements, batch_size=BATCH)
        ProteinEntry.objects.bulk_create(self.protein, batch_size=BATCH)
        return {
            "runs": len(self.runs),
            "sessions": len(sessions),
            "sets": len(sets),
            "measurements": len(self.measurements),
            "protein": len(self.protein),
        }

    # Runs ------------------------------------------------------------------------------------

    def run_type_for(self, day: datetime.date, weeks: float) -> str | None:
        rng = self.rng
        weekday = day.weekday()
        if rng.random() < 0.08:  # ill, travelling, busy
            return None
        if weekday == 0:
            return "recovery" if rng.random() < 0.15 else None
        if weekday == 1:
            return QUALITY[int(weeks) % len(QUALITY)]
        if weekday == 2:
            return "easy"
        if weekday == 3:
            return "tempo" if rng.random() < 0.4 else "easy"
        if weekday == 4:
            return "recovery" if rng.random() < 0.35 else None
        if weekday == 5:
            return "race" if rng.random() < 0.05 else "easy"
        return "race" if rng.random() < 0.06 else "long"

    def plan_run(self, day, progress, weeks):
        rng = self.rng
        run_type = self.run_type_for(day, weeks)
        if run_type is None:
            return
        # Fitter over the years, a little slower in midsummer heat, and day-to-day noise.
        easy_pace = 370 - 35 * min(1.0, progress * 3) + 5 * math.sin(day.month / 12 * 2 * math.pi)
        easy_pace += rng.gauss(0, 6)
        if run_type == "race":
            distance_km, offset, _ = rng.choices(RACES, weights=[r[2] for r in RACES])[0]
            effort, avg_hr = rng.choice([9, 10]), 170
        else:
            low, high, offset, effort, avg_hr = RUNS[run_type]
            if run_type == "long":
                high += 4 * min(1.0, progress * 2)
            distance_km = round(rng.uniform(low, high), 2)
            effort = max(1, min(10, effort + rng.choice([-1, 0, 0, 1])))
        pace = max(150.0, easy_pace + offset + rng.gauss(0, 4))
        surface = self.surface_for(day, run_type)
        metres_climbed_per_km = {"track": 0, "treadmill": 0, "trail": 30, "road": 8}[surface]
        if run_type == "hills":
            metres_climbed_per_km = 35
        hour = 9 if day.weekday() >= 5 else rng.choice([6, 7, 18])
        start = datetime.datetime.combine(
            day, datetime.time(hour, rng.randrange(0, 60, 5)), tzinfo=self.zone
        )
        avg = avg_hr + rng.randint(-5, 5)
        self.runs.append(
            Run(
                user=self.user,
                date=day,
                start_time=start,
                distance_m=round(distance_km * 1000, 1),
                duration_s=round(distance_km * pace),
                run_type=run_type,
                surface=surface,
                elevation_gain_m=round(distance_km * metres_climbed_per_km * rng.uniform(0.6, 1.4)),
                avg_hr_bpm=avg,
                max_hr_bpm=min(200, avg + rng.randint(10, 25)),
                effort=effort,
            )
        )

    def surface_for(self, day, run_type):
        rng = self.rng
        if run_type in ("intervals", "sprints"):
            return "track" if rng.random() < 0.6 else "road"
        if day.month in (12, 1, 2) and rng.random() < 0.15:
            return "treadmill"
        if run_type in ("long", "easy", "hills") and rng.random() < 0.2:
            return "trail"
        return "road"

    # Strength --------------------------------------------------------------------------------

    def plan_strength(self, day, weeks):
        rng = self.rng
        chance = {0: 0.9, 3: 0.9, 5: 0.5}.get(day.weekday(), 0)
        if rng.random() >= chance:
            return
        plan = SESSION_A if day.weekday() == 0 else SESSION_B
        slugs = [slug for slug in plan if slug in self.exercises]
        if len(slugs) < 3:
            slugs = sorted(self.exercises)[: min(4, len(self.exercises))]
        chosen = slugs[:3] + [slug for slug in slugs[3:] if rng.random() < 0.5]
        session = StrengthSession(user=self.user, date=day, effort=rng.randint(5, 8), notes="")
        # Every seventh week is a lighter (deload) week.
        deload = int(weeks) % 7 == 6
        sets = []
        for slug in chosen:
            start_kg, ceiling_kg, fewest, most = LIFTS.get(slug, OTHER_LIFT)
            done = self.lift_sessions.get(slug, 0)
            self.lift_sessions[slug] = done + 1
            load = start_kg + (ceiling_kg - start_kg) * (1 - math.exp(-done / 80))
            if deload:
                load *= 0.85
            step = 2.5 if load >= 20 else 1.0
            load = round(load / step) * step
            reps_progress = min(1.0, done / 100) if ceiling_kg == 0 else rng.random()
            for _ in range(3 if rng.random() < 0.7 else 4):
                reps = round(fewest + (most - fewest) * reps_progress) + rng.choice([-1, 0, 0])
                sets.append(
                    StrengthSet(
                        exercise=self.exercises[slug],
                        order=len(sets),
                        reps=max(1, reps),
                        weight_kg=load,
                        reps_in_reserve=rng.randint(1, 3),
                    )
                )
        # Warm-up, sets and rests: a few minutes a set, as a runner would time it.
        session.duration_s = 600 + len(sets) * rng.randint(150, 210)
        self.sessions.append((session, sets))

    # Measurements and protein ----------------------------------------------------------------

    def body_weight(self, years_in: float) -> float:
        # Loses about 2 kg in the first year of training, then holds.
        return 72.0 - 2.0 * min(1.0, years_in) + 0.6 * math.sin(years_in * 2 * math.pi)

    def plan_measurement(self, day, years_in):
        rng = self.rng
        thigh = 55.0 + 0.4 * min(years_in, 5) + rng.gauss(0, 0.2)
        calf = 37.0 + 0.2 * min(years_in, 5) + rng.gauss(0, 0.15)
        self.measurements.append(
            LegMeasurement(
                user=self.user,
                date=day + datetime.timedelta(days=rng.randint(0, 2)) if day.day == 1 else day,
                weight_kg=round(self.body_weight(years_in) + rng.gauss(0, 0.4), 1),
                thigh_left_cm=round(thigh, 1),
                thigh_right_cm=round(thigh - 0.4 + rng.gauss(0, 0.1), 1),
                calf_left_cm=round(calf + 0.3, 1),
                calf_right_cm=round(calf, 1),
                body_fat_pct=round(18.0 - 2.0 * min(years_in, 2) + rng.gauss(0, 0.3), 1),
            )
        )

    def plan_protein(self, day, years_in):
        rng = self.rng
        if rng.random() < 0.05:  # forgot to log
            return
        target = 1.5 * self.body_weight(years_in) + rng.gauss(0, 12)
        picks = rng.sample(FOODS, rng.randint(2, 4))
        share = target / sum(grams for _, grams, _ in picks)
        for food, grams, meal in picks:
            self.protein.append(
                ProteinEntry(
                    user=self.user,
                    date=day,
                    protein_g=max(1.0, round(grams * share * 2) / 2),
                    food=food,
                    meal=meal,
                )
            )
