"""Running shoes: what each run was run in, and how far each pair has gone."""

from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.runs import Run

# Running shoes are usually retired at 500-800 km (the guide's injuries article); 700 km is
# the middle of what makers and Strava's and Garmin's gear pages suggest.
DEFAULT_RETIRE_AT_M = 700_000
# No pair lasts 5,000 km; a bigger number is a typo (forms, API and restore check it).
MAX_SHOE_DISTANCE_M = 5_000_000
SHOE_DISTANCE_MESSAGE = "Enter a distance between 0 and 5,000 km (3,107 mi)."
RETIRE_AT_MESSAGE = "Enter a distance above 0 and up to 5,000 km (3,107 mi)."
DUPLICATE_NAME_MESSAGE = "You already have shoes with this name."


class ShoeQuerySet(OwnedQuerySet):
    def active(self):
        return self.filter(retired=False)

    def with_distance(self):
        """`distance_m`: the starting distance plus every run's, summed in the database.
        Ordered as Meta says unless ordered already (a grouped query drops Meta.ordering)."""
        summed = self.annotate(
            run_distance_m=Coalesce(Sum("runs__distance_m"), Value(0.0), output_field=FloatField())
        ).annotate(distance_m=F("start_distance_m") + F("run_distance_m"))
        return summed if self.query.order_by else summed.order_by(*Shoe._meta.ordering)


class Shoe(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shoes"
    )
    name = models.CharField(max_length=100)
    brand = models.CharField(max_length=100, blank=True)
    started_on = models.DateField("first run on", null=True, blank=True)
    # Distance the pair had before it was added here (runs logged elsewhere).
    start_distance_m = models.FloatField("starting distance", default=0)
    retire_at_m = models.FloatField("retire at", default=DEFAULT_RETIRE_AT_M)
    retired = models.BooleanField(default=False)
    default_for_run_type = models.CharField(
        "default for run type", max_length=10, choices=Run.RunType.choices, blank=True
    )
    default_for_surface = models.CharField(
        "default for surface", max_length=10, choices=Run.Surface.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShoeQuerySet.as_manager()

    class Meta:
        ordering = ["retired", "-started_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="shoe_unique_name"),
            models.CheckConstraint(
                condition=Q(start_distance_m__gte=0), name="shoe_start_distance_not_negative"
            ),
            models.CheckConstraint(condition=Q(retire_at_m__gt=0), name="shoe_retire_at_positive"),
        ]

    def __str__(self):
        return f"{self.brand} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("tracker:shoe_list")
