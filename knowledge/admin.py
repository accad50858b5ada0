from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from knowledge.models import Article, Exercise, Guideline, Muscle, Source, Topic

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
    fieldsets = [
        (None, {"fields": ["title", "slug", "topic", "status", "order", "summary", "body"]}),
        ("Links", {"fields": ["sources", "muscles", "exercises", "related"]}),
    ]

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
    list_display = ["title", "publisher", "file_name", "reviewed"]
    search_fields = ["title", "publisher", "file_name"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Muscle)
class MuscleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "location", "order"]
    list_editable = ["order"]
    search_fields = ["name", "location", "function"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Exercise)
class ExerciseAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "equipment", "owner"]
    list_filter = ["kind", ("owner", admin.EmptyFieldListFilter)]
    list_select_related = ["owner"]
    search_fields = ["name", "why", "owner__username"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["primary_muscles", "secondary_muscles"]
    raw_id_fields = ["owner"]


@admin.register(Guideline)
class GuidelineAdmin(SimpleHistoryAdmin):
    list_display = ["key", "name", "minimum", "maximum", "value", "unit", "article"]
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
        "citation",
        "description",
    ]

    def get_readonly_fields(self, request, obj=None):
        # The key is what the tracker's code looks up: fixed once the guideline exists.
        return ["key"] if obj else []
