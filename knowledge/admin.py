from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from simple_history.admin import SimpleHistoryAdmin

from knowledge.figures import expand_figures
from knowledge.models import (
    Article,
    Exercise,
    Guideline,
    Muscle,
    Routine,
    RoutineExercise,
    Source,
    StimulusWeight,
    Topic,
)
from knowledge.placeholders import expand_guidelines

# Rendered HTML is derived from the Markdown on save, so it is never edited by hand (it is
# `editable=False` and therefore absent from these forms). Each change is kept in the history,
# where "Revert" restores an earlier version.


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "topic", "status", "order", "updated_at"]
    list_filter = ["topic", "status"]
    list_editable = ["status", "order"]
    list_select_related = ["topic"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["sources", "muscles", "exercises", "related"]
    date_hierarchy = "updated_at"
    readonly_fields = ["preview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "status", "order", "summary", "body"]}),
        ("Links", {"fields": ["sources", "muscles", "exercises", "related"]}),
        ("Preview, as last saved, with today's guideline numbers", {"fields": ["preview"]}),
    ]

    @admin.display(description="Rendered article")
    def preview(self, article):
        if not article.pk:
            return "Save the article to see a preview."
        # body_html was sanitised on save; the placeholders are filled in as the page does.
        html = expand_figures(expand_guidelines(article.body_html, Guideline.objects.by_key()))
        return format_html('<div class="guide-preview">{}</div>', mark_safe(html))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "exercises":
            kwargs["queryset"] = Exercise.objects.guide()
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "updated_at"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["title", "author", "publisher", "file_name", "reviewed"]
    search_fields = ["title", "author", "publisher", "file_name"]
    prepopulated_fields = {"slug": ["title"]}


class StimulusWeightInline(admin.TabularInline):
    """The muscle's leg-ledger weights: points per minute of running or cycling, or per set
    (one hard set for the muscle an exercise mainly trains is 1 point). The model's clean()
    checks the bounds and that each weight is cited or reasoned (knowledge/stimulus.py)."""

    model = StimulusWeight
    extra = 0
    fields = ["kind", "weight", "article", "evidence_grade", "citation", "rationale"]


@admin.register(Muscle)
class MuscleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "location", "order"]
    list_editable = ["order"]
    search_fields = ["name", "location", "function"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [StimulusWeightInline]

    def save_model(self, request, obj, form, change):
        # Editing only a weight leaves the muscle's text "as loaded": load_guidance then still
        # updates it from its file, while it keeps the edited weight.
        if change and not form.has_changed():
            return
        super().save_model(request, obj, form, change)


@admin.register(StimulusWeight)
class StimulusWeightAdmin(SimpleHistoryAdmin):
    """Every muscle's leg-ledger weights side by side (each is also inline on its muscle), with
    their history for reverting an edit."""

    list_display = ["muscle", "kind", "weight", "evidence_grade", "article"]
    list_filter = ["kind", "evidence_grade", "muscle"]
    list_select_related = ["muscle", "article"]
    search_fields = ["muscle__name", "rationale", "citation"]
    fields = ["muscle", "kind", "weight", "article", "evidence_grade", "citation", "rationale"]

    def get_readonly_fields(self, request, obj=None):
        # The ledger looks a weight up by its muscle and kind: fixed once it exists.
        return ["muscle", "kind"] if obj else []


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    """The guide's exercises; runners' own ones are under Tracker (PrivateExercise)."""

    list_display = ["name", "kind", "equipment"]
    list_filter = ["kind"]
    search_fields = ["name", "why"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["primary_muscles", "secondary_muscles"]
    exclude = ["owner"]

    def get_queryset(self, request):
        return super().get_queryset(request).guide()


class RoutineExerciseInline(admin.TabularInline):
    model = RoutineExercise
    extra = 1
    fields = ["order", "exercise", "sets", "reps", "reps_in_reserve"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "exercise":
            kwargs["queryset"] = Exercise.objects.guide()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Routine)
class RoutineAdmin(admin.ModelAdmin):
    """The guide's routines (runners start sessions from them); runners' own are theirs."""

    list_display = ["name", "summary", "updated_at"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    exclude = ["owner"]
    inlines = [RoutineExerciseInline]

    def get_queryset(self, request):
        return super().get_queryset(request).guide()


@admin.register(Guideline)
class GuidelineAdmin(SimpleHistoryAdmin):
    list_display = [
        "key",
        "name",
        "minimum",
        "maximum",
        "value",
        "unit",
        "evidence_grade",
        "article",
    ]
    list_filter = ["evidence_grade"]
    list_select_related = ["article"]
    search_fields = ["key", "name", "description"]
    fields = [
        "key",
        "name",
        "minimum",
        "maximum",
        "value",
        "unit",
        "article",
        "evidence_grade",
        "citation",
        "rationale",
        "description",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The key is what the tracker's code looks up: fixed once the guideline exists.
        return ["key"] if obj else []
