"""The guide's text: sources, topics, articles and the muscles they describe."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from knowledge import markdown
from knowledge.models.base import LoadedContent

# /guide/<slug>/ shares its URL space with these pages.
RESERVED_SLUGS = {"muscles", "exercises", "search", "sources"}


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
        self.body_html = markdown.render_markdown(self.body)
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
        self.body_html = markdown.render_markdown(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:muscle", args=[self.slug])
