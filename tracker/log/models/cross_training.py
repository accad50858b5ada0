"""Cross-training: rides, swims, walks and hikes, rowing, the elliptical and other sports,
typed in or imported from a watch file. They count in the training load like runs do."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from tracker import metrics
from tracker.log.models.load import SessionLoad
from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.runs import SOURCE_FORMAT_CHOICES


class CrossTrainingSession(SessionLoad, models.Model):
    class Sport(models.TextChoices):
        CYCLING = "cycling", "Cycling"
        SWIMMING = "swimming", "Swimming"
        WALKING = "walking", "Walking or hiking"
        ROWING = "rowing", "Rowing"
        ELLIPTICAL = "elliptical", "Elliptical"
        OTHER = "other", "Other"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cross_training"
    )
    date = models.DateField()
    start_time = models.DateTimeField(null=True, blank=True)
    sport = models.CharField(max_length=12, choices=Sport.choices, default=Sport.CYCLING)
    duration_s = models.PositiveIntegerField("duration")
    moving_s = models.PositiveIntegerField("moving time", null=True, blank=True)
    # Optional: an elliptical or a class has no distance.
    distance_m = models.FloatField("distance", null=True, blank=True)
    elevation_gain_m = models.FloatField("elevation gain", null=True, blank=True)
    avg_hr_bpm = models.PositiveSmallIntegerField("average heart rate", null=True, blank=True)
    max_hr_bpm = models.PositiveSmallIntegerField("maximum heart rate", null=True, blank=True)
    effort = models.PositiveSmallIntegerField("perceived effort", null=True, blank=True)
    # Heart-rate load on the effort × minutes scale, from an imported recording.
    hr_load = models.FloatField("heart-rate load", null=True, blank=True)
    notes = models.TextField(blank=True)
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
        verbose_name = "cross-training session"
        indexes = [models.Index(fields=["user", "date"], name="cross_training_user_date")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "source_hash", "source_index"],
                condition=~Q(source_hash=""),
                name="cross_training_unique_source",
            ),
            models.CheckConstraint(
                condition=Q(duration_s__gt=0), name="cross_training_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(distance_m__isnull=True) | Q(distance_m__gt=0),
                name="cross_training_distance_positive",
            ),
            models.CheckConstraint(
                condition=Q(effort__isnull=True) | Q(effort__gte=1, effort__lte=10),
                name="cross_training_effort_1_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.get_sport_display()} on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("tracker:cross_training_detail", args=[self.pk])

    @property
    def speed_kmh(self) -> float | None:
        if not self.distance_m:
            return None
        return metrics.speed_kmh(self.distance_m, self.moving_s or self.duration_s)
