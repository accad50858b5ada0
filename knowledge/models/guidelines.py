"""The numbers the tracker acts on: guidelines, and the leg ledger's stimulus weights."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from knowledge import stimulus
from knowledge.models.articles import Article, Muscle
from knowledge.models.base import LoadedContent


class GuidelineQuerySet(models.QuerySet):
    def by_key(self) -> dict[str, "Guideline"]:
        """Every guideline in one query, keyed for the tracker's rules."""
        return {g.key: g for g in self.select_related("article")}


class Guideline(LoadedContent):
    """A number the tracker acts on. Editing one in the admin changes the tracker's advice.

    Each one either cites published research or says it is a rule of thumb, and why.
    """

    class Evidence(models.TextChoices):
        STRONG = "strong", "Strong"
        MODERATE = "moderate", "Moderate"
        WEAK = "weak", "Weak"
        OPINION = "opinion", "Opinion"
        RULE_OF_THUMB = "rule_of_thumb", "Rule of thumb"

    key = models.SlugField(
        max_length=60, unique=True, help_text="What the tracker's code looks up."
    )
    name = models.CharField(max_length=120)
    minimum = models.FloatField(null=True, blank=True)
    maximum = models.FloatField(null=True, blank=True)
    value = models.FloatField(null=True, blank=True, help_text="For a single threshold.")
    unit = models.CharField(max_length=40)
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="guidelines")
    citation = models.CharField(max_length=400, blank=True)
    evidence_grade = models.CharField(
        max_length=20,
        choices=Evidence.choices,
        default=Evidence.RULE_OF_THUMB,
        help_text="How well research supports this number.",
    )
    rationale = models.TextField(
        blank=True, help_text="Why this number: required for a rule of thumb."
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords(excluded_fields=["loaded_at", "content_hash"])

    objects = GuidelineQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__isnull=True)
                | Q(maximum__isnull=True)
                | Q(minimum__lt=models.F("maximum")),
                name="guideline_minimum_below_maximum",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.display_value})"

    @property
    def display_value(self) -> str:
        def fmt(number):
            return f"{number:g}"

        if self.minimum is not None and self.maximum is not None:
            return f"{fmt(self.minimum)}–{fmt(self.maximum)} {self.unit}"
        if self.value is not None:
            return f"{fmt(self.value)} {self.unit}"
        bound = self.minimum if self.minimum is not None else self.maximum
        return f"{fmt(bound)} {self.unit}" if bound is not None else self.unit

    def clean(self):
        numbers = {"minimum": self.minimum, "maximum": self.maximum, "value": self.value}
        errors = {
            name: "Must be above zero." for name, n in numbers.items() if n is not None and n <= 0
        }
        if self.minimum is not None and self.maximum is not None and self.minimum >= self.maximum:
            errors.setdefault("maximum", "Must be above the minimum.")
        if all(n is None for n in numbers.values()):
            errors["value"] = "Give a value, or a minimum and a maximum."
        if self.evidence_grade == self.Evidence.RULE_OF_THUMB:
            if not self.rationale.strip():
                errors["rationale"] = "Say why this rule of thumb is used."
        elif not self.citation.strip():
            errors["citation"] = "Cite the research, or label the number a rule of thumb."
        if errors:
            raise ValidationError(errors)


class StimulusWeight(LoadedContent):
    """Stimulus points a muscle gets per minute of one kind of training, or per strength set:
    the leg ledger's weights (tracker/progress/ledger.py, scale in knowledge/stimulus.py).
    Loaded from the muscles' `stimulus:` blocks; edited inline on the muscle's admin page."""

    Kind = stimulus.Kind

    muscle = models.ForeignKey(Muscle, on_delete=models.CASCADE, related_name="stimulus_weights")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    weight = models.FloatField(help_text="Points per minute (running, cycling) or per set.")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    evidence_grade = models.CharField(
        max_length=20, choices=Guideline.Evidence.choices, default=Guideline.Evidence.RULE_OF_THUMB
    )
    citation = models.CharField(max_length=400, blank=True)
    rationale = models.TextField(
        blank=True, help_text="Why this weight: required for a rule of thumb."
    )
    history = HistoricalRecords(excluded_fields=["loaded_at", "content_hash"])

    class Meta:
        ordering = ["muscle__order", "muscle__name", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["muscle", "kind"], name="unique_stimulus_weight"),
            models.CheckConstraint(condition=Q(weight__gte=0), name="stimulus_weight_not_negative"),
        ]

    def __str__(self):
        return f"{self.muscle}: {self.weight:g} per {self.per} of {self.get_kind_display().lower()}"

    @property
    def per(self) -> str:
        """A minute (running, cycling) or a set (strength): fixed by the kind, so not stored."""
        return stimulus.PER.get(self.kind, "")

    def clean(self):
        problems = stimulus.weight_problems(
            kind=self.kind,
            weight=self.weight,
            evidence_grade=self.evidence_grade,
            citation=self.citation,
            rationale=self.rationale,
        )
        if problems:
            raise ValidationError(problems)
