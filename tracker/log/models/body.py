"""Leg measurements and protein, and the day's protein against its target."""

from datetime import date as date_type

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.urls import reverse

from tracker import metrics
from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.profile import Profile

MEASUREMENT_VALUE_FIELDS = (
    "weight_kg",
    "thigh_left_cm",
    "thigh_right_cm",
    "calf_left_cm",
    "calf_right_cm",
    "body_fat_pct",
)


class LegMeasurementQuerySet(OwnedQuerySet):
    def weighed_on_or_before(self, day):
        """Measurements with a body weight on or before `day` (a date or an OuterRef), the
        latest first: `[:1]` of it is "the latest body weight on a day", wherever it is used."""
        return self.filter(date__lte=day, weight_kg__isnull=False).order_by("-date", "-pk")


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

    objects = LegMeasurementQuerySet.as_manager()

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


def latest_body_weight_kg(user, on_or_before: date_type):
    """A subquery-ready queryset: the latest body weight on or before a day."""
    return (
        LegMeasurement.objects.for_user(user)
        .weighed_on_or_before(on_or_before)
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
    row["percent_of_target"] = percent_of_target(row["total_g"], target)
    return row


def percent_of_target(total_g: float, target_g: float | None) -> int | None:
    """Whole percent; never 100 % short of the target: 130 g of 130.3 g is 99 %."""
    if not target_g:
        return None
    percent = round(100 * total_g / target_g)
    return min(percent, 99) if total_g < target_g else percent
