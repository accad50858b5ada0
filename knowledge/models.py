from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from knowledge import stimulus
from knowledge.markdown import render_markdown

# /guide/<slug>/ shares its URL space with these pages.
RESERVED_SLUGS = {"muscles", "exercises", "search", "sources"}


class LoadedContent(models.Model):
    """A row that `manage.py load_guidance` keeps in step with a file in knowledge/content/.

    `loaded_at` is when the loader last wrote the row; a later `updated_at` means an admin has
    edited it since, and the loader leaves it alone unless forced.
    """

    updated_at = models.DateTimeField(auto_now=True)
    loaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def edited_since_load(self) -> bool:
        return self.loaded_at is not None and self.updated_at > self.loaded_at


class Source(LoadedContent):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200, blank=True)
    author = models.CharField(
        max_length=200, blank=True, help_text="Who wrote it, as the article names them."
    )
    standing = models.TextField(
        blank=True,
        help_text="Who wrote it and what it is good for: said once, on the sources page.",
    )
    # Used only by the copy check's shingle file; never shown on a guide page.
    file_name = models.CharField(max_length=200, help_text="The article's file in shared/sources/.")
    url = models.URLField(blank=True)
    reviewed = models.DateField(null=True, blank=True, help_text="Date the source was reviewed.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:sources") + f"#source-{self.slug}"

    @property
    def byline(self) -> str:
        """Title's companions on a page: author and publisher, where the article names them."""
        parts = [self.author] if self.author else []
        if self.publisher and self.publisher != "Unknown":
            parts.append(self.publisher)
        return ", ".join(parts)


class Topic(LoadedContent):
    slug = models.SlugField(unique=True)
    title = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)
    intro = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED)

    def search(self, query: str):
        """Articles matching every word of `query`, stemmed, title matches first: see
        knowledge/search.py (full text on PostgreSQL, word forms elsewhere)."""
        from knowledge.search import search_articles  # it imports these models

        return search_articles(self, query)


class Article(LoadedContent):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="articles")
    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(help_text="One or two sentences, shown in lists and search results.")
    body = models.TextField(help_text="Markdown.")
    body_html = models.TextField(editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    order = models.PositiveSmallIntegerField(default=0)
    sources = models.ManyToManyField(Source, related_name="articles")
    muscles = models.ManyToManyField("Muscle", blank=True, related_name="articles")
    exercises = models.ManyToManyField("Exercise", blank=True, related_name="articles")
    related = models.ManyToManyField("self", blank=True, symmetrical=False)
    history = HistoricalRecords(excluded_fields=["body_html", "loaded_at", "content_hash"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["topic__order", "order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:article", args=[self.slug])

    def clean(self):
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by another guide page."})


class Muscle(LoadedContent):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    order = models.PositiveSmallIntegerField(default=0)
    location = models.CharField(max_length=300)
    function = models.TextField(help_text="What it does.")
    stride_phase = models.TextField(help_text="When it works in the running stride.")
    running_load = models.TextField(help_text="How running loads it.")
    body = models.TextField(blank=True, help_text="Markdown.")
    body_html = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(excluded_fields=["body_html", "loaded_at", "content_hash"])

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:muscle", args=[self.slug])


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
        self.body_html = render_markdown(self.body)
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
        self.body_html = render_markdown(self.body)
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
