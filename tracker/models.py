"""Each runner's training log: runs, strength sessions and their sets, leg measurements, protein.

Values are stored in SI units (metres, seconds, kilograms, centimetres) under names that say so
(`distance_m`, `duration_s`); tracker/units.py converts them for people who think in miles.
Every model reaches its rows through `for_user(user)`, and views fetch single objects with
`get_object_or_404(Model.objects.for_user(request.user), pk=pk)`.
"""

import zoneinfo
from datetime import date as date_type
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, FloatField, Max, OuterRef, Q, Subquery, Sum
from django.urls import reverse
from django.utils import timezone

from knowledge.models import Exercise, Guideline
from tracker import metrics, units


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError("Choose a time zone from the list.")


def default_time_zone() -> str:
    # A callable, so a server with another TIME_ZONE does not see a model change.
    return settings.TIME_ZONE


SOURCE_FORMAT_CHOICES = [("gpx", "GPX"), ("tcx", "TCX"), ("fit", "FIT")]


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class Profile(models.Model):
    class Units(models.TextChoices):
        METRIC = units.METRIC, "Metric (km, kg, cm)"
        IMPERIAL = units.IMPERIAL, "Imperial (miles, lb, inches)"

    class Goal(models.TextChoices):
        BUILD = "build", "Build leg muscle"
        LEAN = "lean", "Lean legs"
        FASTER = "faster", "Run faster"

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_profile"
    )
    units = models.CharField(max_length=10, choices=Units.choices, default=Units.METRIC)
    protein_g_per_kg = models.FloatField(
        "protein target", help_text="Grams of protein per kg of body weight per day."
    )
    goal = models.CharField(max_length=10, choices=Goal.choices, default=Goal.FASTER)
    sex = models.CharField(max_length=10, choices=Sex.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    resting_hr_bpm = models.PositiveSmallIntegerField("resting heart rate", null=True, blank=True)
    max_hr_bpm = models.PositiveSmallIntegerField("maximum heart rate", null=True, blank=True)
    time_zone = models.CharField(
        max_length=64, default=default_time_zone, validators=[validate_time_zone]
    )

    objects = OwnedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(protein_g_per_kg__gt=0), name="profile_protein_target_positive"
            ),
        ]

    def __str__(self):
        return f"Profile of {self.user}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def today(self) -> date_type:
        """Today's date where the runner lives, which is what "today" means in their log."""
        return timezone.now().astimezone(self.zone).date()


def default_protein_g_per_kg() -> float:
    guideline = Guideline.objects.by_key().get("protein_g_per_kg")
    if guideline is None:
        return metrics.FALLBACK_PROTEIN_G_PER_KG
    return metrics.default_protein_g_per_kg(guideline.minimum, guideline.maximum)


def get_profile(user) -> Profile:
    """The runner's profile, created on first need with the guide's protein target."""
    # A callable default is only evaluated (one guideline query) when the profile is created.
    profile, _ = Profile.objects.get_or_create(
        user=user, defaults={"protein_g_per_kg": default_protein_g_per_kg}
    )
    return profile


class Run(models.Model):
    class RunType(models.TextChoices):
        EASY = "easy", "Easy"
        LONG = "long", "Long"
        TEMPO = "tempo", "Tempo"
        INTERVALS = "intervals", "Intervals"
        SPRINTS = "sprints", "Sprints"
        HILLS = "hills", "Hills"
        RACE = "race", "Race"
        RECOVERY = "recovery", "Recovery"

    class Surface(models.TextChoices):
        ROAD = "road", "Road"
        TRACK = "track", "Track"
        TRAIL = "trail", "Trail"
        TREADMILL = "treadmill", "Treadmill"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runs"
    )
    date = models.DateField()
    # Aware; imported runs always have one, typed-in runs only when the runner gives it.
    start_time = models.DateTimeField(null=True, blank=True)
    # Float: imported tracks measure fractions of a metre, and a distance typed in miles
    # round-trips without drifting.
    distance_m = models.FloatField("distance")
    duration_s = models.PositiveIntegerField("duration")
    # Timer time without pauses; only watch files know it.
    moving_s = models.PositiveIntegerField("moving time", null=True, blank=True)
    run_type = models.CharField(max_length=10, choices=RunType.choices, default=RunType.EASY)
    surface = models.CharField(max_length=10, choices=Surface.choices, default=Surface.ROAD)
    elevation_gain_m = models.FloatField("elevation gain", null=True, blank=True)
    avg_hr_bpm = models.PositiveSmallIntegerField("average heart rate", null=True, blank=True)
    max_hr_bpm = models.PositiveSmallIntegerField("maximum heart rate", null=True, blank=True)
    effort = models.PositiveSmallIntegerField("perceived effort", null=True, blank=True)
    notes = models.TextField(blank=True)
    # Where an imported run came from: its file's format, name and SHA-256, and the activity's
    # position in that file (a multisport or multi-day file holds several). Empty when typed in.
    source_format = models.CharField(
        max_length=10, choices=SOURCE_FORMAT_CHOICES, blank=True, default=""
    )
    source_name = models.CharField(max_length=255, blank=True, default="")
    source_hash = models.CharField(max_length=64, blank=True, default="")
    source_index = models.PositiveSmallIntegerField(default=0)
    imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["user", "date"], name="run_user_date")]
        constraints = [
            # Importing the same file twice creates no duplicate (tracker/imports.py).
            models.UniqueConstraint(
                fields=["user", "source_hash", "source_index"],
                condition=~Q(source_hash=""),
                name="run_unique_source",
            ),
            models.CheckConstraint(condition=Q(distance_m__gt=0), name="run_distance_positive"),
            models.CheckConstraint(condition=Q(duration_s__gt=0), name="run_duration_positive"),
            models.CheckConstraint(
                condition=Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=10),
                name="run_effort_1_to_10",
            ),
            models.CheckConstraint(
                condition=Q(elevation_gain_m__isnull=True) | Q(elevation_gain_m__gte=0),
                name="run_elevation_gain_not_negative",
            ),
        ]

    def __str__(self):
        kilometres = self.distance_m / 1000
        return f"{self.get_run_type_display()} run on {self.date:%Y-%m-%d}, {kilometres:.2f} km"

    def get_absolute_url(self):
        return reverse("tracker:run_detail", args=[self.pk])

    @property
    def pace_s_per_km(self) -> float | None:
        return metrics.pace_s_per_km(self.distance_m, self.duration_s)

    @property
    def speed_kmh(self) -> float | None:
        return metrics.speed_kmh(self.distance_m, self.duration_s)

    @property
    def session_load(self) -> int | None:
        return metrics.session_load(self.effort, self.duration_s)


class StrengthSessionQuerySet(OwnedQuerySet):
    def with_totals(self):
        """Adds volume_kg (Σ reps × weight) and set_count, computed in the database."""
        # Meta.ordering is dropped from aggregating queries, so order explicitly.
        return self.annotate(
            volume_kg=Sum(F("sets__reps") * F("sets__weight_kg"), output_field=FloatField()),
            set_count=models.Count("sets"),
        ).order_by("-date", "-pk")


class StrengthSession(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strength_sessions"
    )
    date = models.DateField()
    effort = models.PositiveSmallIntegerField("perceived effort", null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StrengthSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["user", "date"], name="strength_user_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=10),
                name="strength_effort_1_to_10",
            ),
        ]

    def __str__(self):
        return f"Strength session on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("tracker:strength_detail", args=[self.pk])

    @property
    def exercise_names(self) -> list[str]:
        """Distinct exercise names in the order done; prefetch sets__exercise for lists."""
        names: list[str] = []
        for strength_set in self.sets.all():
            if strength_set.exercise.name not in names:
                names.append(strength_set.exercise.name)
        return names

    def sets_with_records(self) -> list["StrengthSet"]:
        """This session's sets, each marked `is_record` when its estimated 1RM beat every
        earlier set of that exercise (earlier sessions, then earlier sets in this one)."""
        sets = list(self.sets.select_related("exercise"))
        earlier_best = dict(
            StrengthSet.objects.for_user(self.user_id)
            .filter(exercise__in={s.exercise_id for s in sets}, reps__lte=metrics.EPLEY_MAX_REPS)
            .filter(
                Q(session__date__lt=self.date) | Q(session__date=self.date, session__pk__lt=self.pk)
            )
            .values("exercise")
            .annotate(best=Max(StrengthSet.e1rm_expression()))
            .values_list("exercise", "best")
        )
        for strength_set in sets:
            e1rm = strength_set.e1rm_kg
            best = earlier_best.get(strength_set.exercise_id)
            strength_set.is_record = e1rm is not None and (best is None or e1rm > best + 1e-9)
            if strength_set.is_record:
                earlier_best[strength_set.exercise_id] = e1rm
        return sets


class StrengthSetQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(session__user=user)

    def personal_records(self):
        """Per exercise: best estimated 1RM (weighted sets of up to 10 reps), heaviest weight
        and most reps, in one grouped query."""
        return (
            self.values("exercise", "exercise__name")
            .annotate(
                best_e1rm_kg=Max(
                    StrengthSet.e1rm_expression(),
                    filter=Q(reps__lte=metrics.EPLEY_MAX_REPS, weight_kg__gt=0),
                ),
                heaviest_kg=Max("weight_kg"),
                most_reps=Max("reps"),
            )
            .order_by("exercise__name")
        )


class StrengthSet(models.Model):
    session = models.ForeignKey(StrengthSession, on_delete=models.CASCADE, related_name="sets")
    # A private exercise in use cannot be deleted out from under the log.
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="strength_sets")
    order = models.PositiveSmallIntegerField(default=0)
    reps = models.PositiveSmallIntegerField()
    weight_kg = models.FloatField("weight", help_text="0 for body weight.")
    reps_in_reserve = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = StrengthSetQuerySet.as_manager()

    class Meta:
        ordering = ["session", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(reps__gte=1), name="set_reps_at_least_1"),
            models.CheckConstraint(condition=Q(weight_kg__gte=0), name="set_weight_not_negative"),
            models.CheckConstraint(
                condition=Q(reps_in_reserve__isnull=True) | Q(reps_in_reserve__lte=10),
                name="set_reps_in_reserve_at_most_10",
            ),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.reps} × {self.weight_kg:g} kg"

    @staticmethod
    def e1rm_expression():
        """Epley in SQL (a single counts as its own 1RM); filter to reps ≤ 10 where used."""
        return models.Case(
            models.When(reps=1, then=F("weight_kg")),
            default=F("weight_kg") * (1.0 + F("reps") / 30.0),
            output_field=FloatField(),
        )

    @property
    def volume_kg(self) -> float:
        return metrics.set_volume_kg(self.reps, self.weight_kg)

    @property
    def e1rm_kg(self) -> float | None:
        return metrics.epley_e1rm_kg(self.weight_kg, self.reps)


MEASUREMENT_VALUE_FIELDS = (
    "weight_kg",
    "thigh_left_cm",
    "thigh_right_cm",
    "calf_left_cm",
    "calf_right_cm",
    "body_fat_pct",
)


class LegMeasurement(models.Model):
    VALUE_FIELDS = MEASUREMENT_VALUE_FIELDS

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leg_measurements"
    )
    date = models.DateField()
    weight_kg = models.FloatField("body weight", null=True, blank=True)
    thigh_left_cm = models.FloatField("thigh (left)", null=True, blank=True)
    thigh_right_cm = models.FloatField("thigh (right)", null=True, blank=True)
    calf_left_cm = models.FloatField("calf (left)", null=True, blank=True)
    calf_right_cm = models.FloatField("calf (right)", null=True, blank=True)
    body_fat_pct = models.FloatField("body fat", null=True, blank=True)
    notes = models.TextField(blank=True)
    # A reading imported from a FIT weight-scale file: the file's SHA-256 and the reading's
    # position in it, so the same file imported twice adds nothing.
    source_hash = models.CharField(max_length=64, blank=True, default="")
    source_index = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["user", "date"], name="measurement_user_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_hash", "source_index"],
                condition=~Q(source_hash=""),
                name="measurement_unique_source",
            ),
            models.CheckConstraint(
                condition=(
                    Q(weight_kg__isnull=False)
                    | Q(thigh_left_cm__isnull=False)
                    | Q(thigh_right_cm__isnull=False)
                    | Q(calf_left_cm__isnull=False)
                    | Q(calf_right_cm__isnull=False)
                    | Q(body_fat_pct__isnull=False)
                ),
                name="measurement_has_a_value",
            ),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gt": 0}),
                    name=f"measurement_{name}_positive",
                )
                for name in MEASUREMENT_VALUE_FIELDS
            ),
        ]

    def __str__(self):
        return f"Measurement on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("tracker:measurement_detail", args=[self.pk])

    @property
    def thigh_difference_cm(self) -> float | None:
        """Left minus right."""
        if self.thigh_left_cm is None or self.thigh_right_cm is None:
            return None
        return self.thigh_left_cm - self.thigh_right_cm

    @property
    def calf_difference_cm(self) -> float | None:
        if self.calf_left_cm is None or self.calf_right_cm is None:
            return None
        return self.calf_left_cm - self.calf_right_cm

    @staticmethod
    def quantity_of(name: str) -> str:
        """How a value field is shown: weight, length (cm or in) or percent."""
        if name == "weight_kg":
            return "weight"
        return "percent" if name == "body_fat_pct" else "length"

    def changes(self) -> list[dict]:
        """For each value this measurement has: the change since the previous and the first
        measurement that have that value. One query, the lookups done by subqueries."""
        mine = LegMeasurement.objects.for_user(self.user_id)
        earlier = mine.filter(
            Q(date__lt=OuterRef("date")) | Q(date=OuterRef("date"), pk__lt=OuterRef("pk"))
        )
        annotations = {}
        for name in self.VALUE_FIELDS:
            with_value = earlier.filter(**{f"{name}__isnull": False})
            annotations[f"previous_{name}"] = Subquery(
                with_value.order_by("-date", "-pk").values(name)[:1]
            )
            annotations[f"first_{name}"] = Subquery(
                with_value.order_by("date", "pk").values(name)[:1]
            )
        found = mine.filter(pk=self.pk).annotate(**annotations).values(*annotations).get()
        rows = []
        for name in self.VALUE_FIELDS:
            value = getattr(self, name)
            if value is None:
                continue
            previous, first = found[f"previous_{name}"], found[f"first_{name}"]
            rows.append(
                {
                    "field": name,
                    "quantity": self.quantity_of(name),
                    "label": self._meta.get_field(name).verbose_name.capitalize(),
                    "value": value,
                    "since_previous": None if previous is None else value - previous,
                    "since_first": None if first is None else value - first,
                }
            )
        return rows


class ProteinEntry(models.Model):
    class Meal(models.TextChoices):
        BREAKFAST = "breakfast", "Breakfast"
        LUNCH = "lunch", "Lunch"
        DINNER = "dinner", "Dinner"
        SNACK = "snack", "Snack"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="protein_entries"
    )
    date = models.DateField()
    protein_g = models.FloatField("protein")
    food = models.CharField(max_length=100, blank=True)
    meal = models.CharField(max_length=10, choices=Meal.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "-pk"]
        verbose_name_plural = "protein entries"
        indexes = [models.Index(fields=["user", "date"], name="protein_user_date")]
        constraints = [
            models.CheckConstraint(condition=Q(protein_g__gt=0), name="protein_positive"),
        ]

    def __str__(self):
        return f"{self.protein_g:g} g protein on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("tracker:protein_detail", args=[self.pk])


class ImportJob(models.Model):
    """One upload on /log/import/: its files (until imported), progress and the report.

    Small uploads are imported in the request; larger ones by a background task
    (tracker/tasks.py) that counts `done_files` up while the progress page polls it.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Finished"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    upload_names = models.TextField(blank=True, help_text="The uploaded files, one a line.")
    upload_bytes = models.PositiveBigIntegerField(default=0)
    total_files = models.PositiveIntegerField(default=0)
    done_files = models.PositiveIntegerField(default=0)
    # ImportReport.as_dict(): one entry per file, with what happened to it.
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Import {self.pk} by {self.user} ({self.status})"

    def get_absolute_url(self):
        return reverse("tracker:import_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def percent(self) -> int:
        if self.is_finished:
            return 100
        if not self.total_files:
            return 0
        return min(100, round(100 * self.done_files / self.total_files))


class ImportUpload(models.Model):
    """An uploaded file waiting for its job, kept in the database so the worker (another
    process, maybe another machine) reads exactly what was sent. Deleted once imported."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="uploads")
    name = models.CharField(max_length=255)
    data = models.BinaryField()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.name


def latest_body_weight_kg(user, on_or_before: date_type):
    """A subquery-ready queryset: the latest body weight on or before a day."""
    return (
        LegMeasurement.objects.for_user(user)
        .filter(date__lte=on_or_before, weight_kg__isnull=False)
        .order_by("-date", "-pk")
        .values("weight_kg")[:1]
    )


def protein_days(user):
    """Daily protein totals with the body weight that sets each day's target, one query.

    Rows: date, total_g, entries, body_weight_kg; the view adds the target.
    """
    return (
        ProteinEntry.objects.for_user(user)
        .values("date")
        .annotate(
            total_g=Sum("protein_g"),
            entries=models.Count("pk"),
            body_weight_kg=Subquery(latest_body_weight_kg(user, OuterRef("date"))),
        )
        .order_by("-date")
    )


def protein_day_summary(user, profile: Profile, day: date_type) -> dict:
    """The day's total against the target (g/kg × latest body weight on or before that day)."""
    row = protein_days(user).filter(date=day).first()
    if row is None:
        weight = latest_body_weight_kg(user, day).first()
        row = {
            "date": day,
            "total_g": 0.0,
            "entries": 0,
            "body_weight_kg": weight["weight_kg"] if weight else None,
        }
    return with_protein_target(row, profile)


def with_protein_target(row: dict, profile: Profile) -> dict:
    target = metrics.protein_target_g(profile.protein_g_per_kg, row["body_weight_kg"])
    row["target_g"] = target
    row["percent_of_target"] = round(100 * row["total_g"] / target) if target else None
    return row
