"""The runner's profile: units, goal, protein target, heart rate and time zone."""

import zoneinfo
from datetime import date as date_type
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from knowledge.models import Guideline
from tracker import metrics, units
from tracker.log.models.owned import OwnedQuerySet


@cache
def time_zone_names() -> frozenset[str]:
    """Read once a process, as the choices are: available_timezones() walks the time zone
    database's files (about 17 ms) every time, and each settings form validates the zone."""
    return frozenset(zoneinfo.available_timezones())


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(time_zone_names())]


def validate_time_zone(value: str) -> None:
    if value not in time_zone_names():
        raise ValidationError("Choose a time zone from the list.")


def default_time_zone() -> str:
    # A callable, so a server with another TIME_ZONE does not see a model change.
    return settings.TIME_ZONE


SOURCE_FORMAT_CHOICES = [("gpx", "GPX"), ("tcx", "TCX"), ("fit", "FIT")]


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
    # Set when the runner finishes (or skips) the short form after sign-up.
    onboarded_at = models.DateTimeField(null=True, blank=True, editable=False)

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
