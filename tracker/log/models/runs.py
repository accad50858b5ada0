"""Runs, typed in or imported from a watch file."""

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from tracker import metrics
from tracker.log.models.load import SessionLoad
from tracker.log.models.owned import OwnedQuerySet

SOURCE_FORMAT_CHOICES = [("gpx", "GPX"), ("tcx", "TCX"), ("fit", "FIT")]


class RunQuerySet(OwnedQuerySet):
    def dated(self):
        """Runs with a known date: an imported run whose file had no clock waits for the runner
        to give its date (``needs_date``) and counts in no total, chart or insight until then."""
        return self.filter(needs_date=False)

    def awaiting_date(self):
        return self.filter(needs_date=True)


class Run(SessionLoad, models.Model):
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
    # What the watch's recording says (tracker/log/intensity.py fills these in at import, and
    # again when the runner's heart-rate zones change). NULL for typed-in runs.
    zone1_s = models.PositiveIntegerField("time in zone 1", null=True, blank=True)
    zone2_s = models.PositiveIntegerField("time in zone 2", null=True, blank=True)
    zone3_s = models.PositiveIntegerField("time in zone 3", null=True, blank=True)
    zone4_s = models.PositiveIntegerField("time in zone 4", null=True, blank=True)
    zone5_s = models.PositiveIntegerField("time in zone 5", null=True, blank=True)
    # Hard running measured from the recording: zone 4 and up, or without heart rate, running
    # at 92 % of the runner's threshold speed or faster (tracker/streams.py).
    hard_s = models.PositiveIntegerField("hard running time", null=True, blank=True)
    # Banister TRIMP, and TRIMP on the effort × minutes scale (tracker/heart_rate.py).
    trimp = models.FloatField(null=True, blank=True)
    hr_load = models.FloatField("heart-rate load", null=True, blank=True)
    # The importer's run type and why; run_type starts as this and the runner may change it.
    suggested_run_type = models.CharField(
        max_length=10, choices=RunType.choices, blank=True, default=""
    )
    run_type_reason = models.CharField(max_length=300, blank=True, default="")
    # The fast parts of a session with repeats, for "pace by run type".
    work_distance_m = models.FloatField(null=True, blank=True)
    work_moving_s = models.FloatField(null=True, blank=True)
    # What it was run in (tracker/log/models/shoes.py); a deleted pair leaves the run be.
    shoe = models.ForeignKey(
        "tracker.Shoe", on_delete=models.SET_NULL, null=True, blank=True, related_name="runs"
    )
    # Imported from a file without a clock: `date` is a placeholder until the runner gives it.
    needs_date = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RunQuerySet.as_manager()

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

    ZONE_FIELDS = ("zone1_s", "zone2_s", "zone3_s", "zone4_s", "zone5_s")

    @staticmethod
    def hard_seconds_expression():
        """Hard running seconds in SQL: measured from the recording where there is one, else
        the whole run when its type is a hard one (metrics.HARD_RUN_TYPES)."""
        return Coalesce(
            F("hard_s"),
            Case(
                When(run_type__in=metrics.HARD_RUN_TYPES, then=F("duration_s")),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    @property
    def timer_s(self) -> int:
        """Moving time where the watch knows it, else the duration."""
        return self.moving_s or self.duration_s

    @property
    def pace_s_per_km(self) -> float | None:
        """Pace over moving time, as the runner's watch shows it."""
        return metrics.pace_s_per_km(self.distance_m, self.timer_s)

    @property
    def speed_kmh(self) -> float | None:
        return metrics.speed_kmh(self.distance_m, self.timer_s)

    @property
    def zone_seconds(self) -> list[int] | None:
        values = [getattr(self, name) for name in self.ZONE_FIELDS]
        return None if all(v is None for v in values) else [v or 0 for v in values]
