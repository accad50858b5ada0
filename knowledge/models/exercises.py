"""Exercises and routines: the guide's own, and those a runner saves for themselves (with an
owner; the training log's home for them is tracker.log.models.strength.PrivateExercise)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from knowledge import markdown
from knowledge.models.articles import Muscle
from knowledge.models.base import LoadedContent


class ExerciseQuerySet(models.QuerySet):
    def guide(self):
        """The guide's own exercises, not those users added for themselves."""
        return self.filter(owner__isnull=True)

    def available_to(self, user):
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class Exercise(LoadedContent):
    class Kind(models.TextChoices):
        STRENGTH = "strength", "Strength"
        PLYOMETRIC = "plyometric", "Plyometric"
        BALANCE = "balance", "Balance"
        CROSS_TRAINING = "cross-training", "Cross-training"

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120)
    # Null for the guide's exercises; set for one a user added privately in the training log.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="exercises",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.STRENGTH)
    equipment = models.CharField(max_length=200, blank=True)
    primary_muscles = models.ManyToManyField(Muscle, related_name="primary_exercises")
    secondary_muscles = models.ManyToManyField(
        Muscle, blank=True, related_name="secondary_exercises"
    )
    why = models.TextField(blank=True, help_text="Why a runner does it.")
    body = models.TextField(blank=True, help_text="How to do it, in Markdown.")
    body_html = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["body_html", "loaded_at", "content_hash"])

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(owner__isnull=True), name="unique_guide_exercise_slug"
            ),
            models.UniqueConstraint(fields=["owner", "slug"], name="unique_private_exercise_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.body_html = markdown.render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.owner_id is not None:
            return ""
        return reverse("knowledge:exercise", args=[self.slug])


class RoutineQuerySet(models.QuerySet):
    def guide(self):
        """The guide's routines, not those runners saved for themselves."""
        return self.filter(owner__isnull=True)

    def available_to(self, user):
        return self.filter(Q(owner__isnull=True) | Q(owner=user))


class Routine(LoadedContent):
    """A named list of exercises with target sets, reps and reps in reserve, that starts a
    strength session. The guide's (owner null) are loaded from knowledge/content/routines/
    and edited in the admin, like its exercises; a runner's own have an owner."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="routines",
    )
    summary = models.TextField(blank=True, help_text="One or two sentences: who it is for.")
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoutineQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(owner__isnull=True), name="unique_guide_routine_slug"
            ),
            models.UniqueConstraint(fields=["owner", "slug"], name="unique_private_routine_slug"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.body_html = markdown.render_markdown(self.body)
        super().save(*args, **kwargs)


class RoutineExercise(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)
    sets = models.PositiveSmallIntegerField(default=3)
    reps = models.PositiveSmallIntegerField(default=8)
    reps_in_reserve = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["routine", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sets__gte=1, sets__lte=10), name="routine_sets_1_to_10"
            ),
            models.CheckConstraint(
                condition=Q(reps__gte=1, reps__lte=100), name="routine_reps_1_to_100"
            ),
            models.CheckConstraint(
                condition=Q(reps_in_reserve__isnull=True) | Q(reps_in_reserve__lte=10),
                name="routine_reps_in_reserve_at_most_10",
            ),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.sets} × {self.reps}"
