"""Strength sessions, their sets, and the exercises a runner adds for themselves."""

from django.conf import settings
from django.db import models
from django.db.models import F, FloatField, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse

from knowledge.models import Exercise
from tracker import metrics
from tracker.log.models.load import SessionLoad
from tracker.log.models.owned import OwnedQuerySet

# A set with its rest: a session typed without a duration (StrengthSession.suggested_duration_s).
SECONDS_PER_SET = 180


class PrivateExerciseQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


class PrivateExerciseManager(models.Manager.from_queryset(PrivateExerciseQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(owner__isnull=False)


class PrivateExercise(Exercise):
    """An exercise a runner added for themselves, for their own sets.

    The log's home for them: its forms, pages, admin, export and API use this model, and the
    guide's (knowledge.Exercise's admin, pages and loader) see only the guide's own. It is a
    proxy: the rows share knowledge's exercise table, so a set points at one exercise table
    whichever kind it uses.
    """

    objects = PrivateExerciseManager()

    class Meta:
        proxy = True
        verbose_name = "runner's exercise"
        verbose_name_plural = "runners' exercises"

    def __str__(self):
        return f"{self.name} (of {self.owner})"


class StrengthSessionQuerySet(OwnedQuerySet):
    def with_totals(self):
        """Adds volume_kg (Σ reps × weight; None without sets) and set_count, computed in the
        database for the sessions the query returns: correlated subqueries, not a join and a
        GROUP BY, so a page of 20 sessions adds up 20 sessions' sets, not the whole log's
        (10 ms at 10 years with the join)."""
        sets = StrengthSet.objects.filter(session=OuterRef("pk")).order_by().values("session")
        return self.annotate(
            volume_kg=Subquery(
                sets.annotate(total=Sum(StrengthSet.volume_expression())).values("total"),
                output_field=FloatField(),
            ),
            set_count=Coalesce(
                Subquery(sets.annotate(count=models.Count("pk")).values("count")), 0
            ),
        ).order_by("-date", "-pk")


class StrengthSession(SessionLoad, models.Model):
    """A lifting session. With a duration and a perceived effort it has a session load like a
    run's (effort × minutes), so leg day counts in the week's training load."""

    HAS_HEART_RATE = False

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="strength_sessions"
    )
    date = models.DateField()
    effort = models.PositiveSmallIntegerField("perceived effort", null=True, blank=True)
    duration_s = models.PositiveIntegerField(
        "duration", null=True, blank=True, help_text="Warm-up, sets and rests, in seconds."
    )
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
            models.CheckConstraint(
                condition=Q(duration_s__isnull=True) | Q(duration_s__gt=0),
                name="strength_duration_positive",
            ),
        ]

    def __str__(self):
        return f"Strength session on {self.date:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("tracker:strength_detail", args=[self.pk])

    @staticmethod
    def suggested_duration_s(set_count: int) -> int:
        """What a session of `set_count` sets usually takes: each set with its rest."""
        return set_count * SECONDS_PER_SET

    @property
    def exercise_names(self) -> list[str]:
        """Distinct exercise names in the order done; prefetch sets__exercise for lists."""
        names: list[str] = []
        for strength_set in self.sets.all():
            if strength_set.exercise.name not in names:
                names.append(strength_set.exercise.name)
        return names

    def sets_with_records(self) -> list["StrengthSet"]:
        """This session's sets, the best set of each exercise marked `is_record` when its
        estimated 1RM beat every earlier session's (a first session sets no records: there
        was nothing to beat)."""
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
        best_here: dict[int, StrengthSet] = {}
        for strength_set in sets:
            strength_set.is_record = False
            e1rm = strength_set.e1rm_kg
            if e1rm is None:
                continue
            current = best_here.get(strength_set.exercise_id)
            if current is None or e1rm > current.e1rm_kg + 1e-9:
                best_here[strength_set.exercise_id] = strength_set
        for exercise_id, strength_set in best_here.items():
            best = earlier_best.get(exercise_id)
            strength_set.is_record = best is not None and strength_set.e1rm_kg > best + 1e-9
        return sets


class StrengthSetQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(session__user=user)


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
    def volume_expression(prefix: str = ""):
        """Volume in SQL, reps × weight; `prefix` reaches the sets from a related model
        ("sets__" from a session). Body-weight sets (0 kg) add none."""
        return models.ExpressionWrapper(
            F(f"{prefix}reps") * F(f"{prefix}weight_kg"), output_field=FloatField()
        )

    @staticmethod
    def weighted():
        """The sets an estimated 1RM is worked out from: a weight, and at most 10 reps."""
        return Q(reps__lte=metrics.EPLEY_MAX_REPS, weight_kg__gt=0)

    @staticmethod
    def e1rm_expression():
        """Epley in SQL (a single counts as its own 1RM); filter to weighted() sets where used."""
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


class LiftHistory(models.Model):
    """One exercise in one runner's log, kept up to date as the log changes (tracker/log/lifts.py):
    its sets, its weighted sets, the heaviest weight and most reps, and the days that set a
    new best estimated 1RM.

    The strength page's personal records and the Progress page's 1RM chart (its exercise
    picker and the best before its range) read these rows, so they cost one row an exercise,
    not a read of every set ever logged.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="lift_histories"
    )
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="+")
    sets = models.PositiveIntegerField()
    weighted_sets = models.PositiveIntegerField(
        help_text=f"Sets with a weight and at most {metrics.EPLEY_MAX_REPS} reps."
    )
    heaviest_kg = models.FloatField(help_text="0 when every set was at body weight.")
    most_reps = models.PositiveIntegerField()
    # [["2024-03-02", 81.7], ...]: metrics.record_days of the daily best estimated 1RM.
    record_days = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name_plural = "lift histories"
        constraints = [
            models.UniqueConstraint(fields=["user", "exercise"], name="lift_history_once")
        ]

    def __str__(self):
        return f"{self.exercise} of {self.user}: {self.sets} sets"

    @property
    def best_e1rm_kg(self) -> float | None:
        """The best estimated 1RM ever: the last record day's."""
        return self.record_days[-1][1] if self.record_days else None
