"""Runs, typed in or imported from a watch file."""

from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, Q
from django.db.models.functions import Cast
from django.urls import reverse

from tracker import metrics
from tracker.log.models.owned import OwnedQuerySet

SOURCE_FORMAT_CHOICES = [("gpx", "GPX"), ("tcx", "TCX"), ("fit", "FIT")]


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

    @staticmethod
    def load_expression():
        """Session load in SQL, perceived effort × minutes (NULL without an effort); the one
        formula the charts and insights sum, as metrics.session_load is for one run."""
        return Cast(F("effort") * F("duration_s"), FloatField()) / 60.0

    @property
    def pace_s_per_km(self) -> float | None:
        return metrics.pace_s_per_km(self.distance_m, self.duration_s)

    @property
    def speed_kmh(self) -> float | None:
        return metrics.speed_kmh(self.distance_m, self.duration_s)

    @property
    def session_load(self) -> int | None:
        return metrics.session_load(self.effort, self.duration_s)
