"""The log in the admin: profiles, runs, strength sessions with their sets, measurements,
protein and runners' own exercises."""

from django.contrib import admin

from tracker.log.models import (
    BestEffort,
    CrossTrainingSession,
    LegMeasurement,
    PrivateExercise,
    Profile,
    ProteinEntry,
    Run,
    Shoe,
    StrengthSession,
    StrengthSet,
)
from tracker.units import format_duration


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "units", "goal", "protein_g_per_kg", "time_zone"]
    list_filter = ["units", "goal", "sex"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = ["date", "user", "run_type", "surface", "distance_km", "duration", "effort"]
    list_filter = ["run_type", "surface", "date"]
    search_fields = ["user__username", "notes"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user", "shoe"]

    @admin.display(description="distance (km)", ordering="distance_m")
    def distance_km(self, run):
        return f"{run.distance_m / 1000:.2f}"

    @admin.display(ordering="duration_s")
    def duration(self, run):
        return format_duration(run.duration_s)


class StrengthSetInline(admin.TabularInline):
    model = StrengthSet
    extra = 0
    raw_id_fields = ["exercise"]


@admin.register(StrengthSession)
class StrengthSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "user", "set_count", "effort"]
    list_filter = ["date"]
    search_fields = ["user__username", "notes", "sets__exercise__name"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user"]
    inlines = [StrengthSetInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_totals()

    @admin.display(description="sets", ordering="set_count")
    def set_count(self, session):
        return session.set_count


@admin.register(StrengthSet)
class StrengthSetAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "exercise", "reps", "weight_kg", "reps_in_reserve"]
    list_filter = ["exercise", "session__date"]
    search_fields = ["session__user__username", "exercise__name"]
    date_hierarchy = "session__date"
    list_select_related = ["session__user", "exercise"]
    raw_id_fields = ["session", "exercise"]

    @admin.display(ordering="session__user__username")
    def user(self, strength_set):
        return strength_set.session.user


@admin.register(LegMeasurement)
class LegMeasurementAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "user",
        "weight_kg",
        "thigh_left_cm",
        "thigh_right_cm",
        "calf_left_cm",
        "calf_right_cm",
        "body_fat_pct",
    ]
    list_filter = ["date"]
    search_fields = ["user__username", "notes"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(ProteinEntry)
class ProteinEntryAdmin(admin.ModelAdmin):
    list_display = ["date", "user", "protein_g", "food", "meal"]
    list_filter = ["meal", "date"]
    search_fields = ["user__username", "food"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user"]


@admin.register(PrivateExercise)
class PrivateExerciseAdmin(admin.ModelAdmin):
    """Runners' own exercises; the guide's are edited under Knowledge."""

    list_display = ["name", "owner", "kind", "equipment"]
    list_filter = ["kind"]
    search_fields = ["name", "owner__username"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner"]
    filter_horizontal = ["primary_muscles", "secondary_muscles"]
    fields = ["owner", "name", "slug", "kind", "equipment", "primary_muscles", "secondary_muscles"]


@admin.register(CrossTrainingSession)
class CrossTrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["date", "user", "sport", "duration", "effort", "source_format"]
    list_filter = ["sport", "date"]
    search_fields = ["user__username", "notes"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    @admin.display(ordering="duration_s")
    def duration(self, session):
        return format_duration(session.duration_s)


@admin.register(Shoe)
class ShoeAdmin(admin.ModelAdmin):
    list_display = ["name", "brand", "user", "started_on", "retire_at_km", "retired"]
    list_filter = ["retired", "default_for_run_type", "default_for_surface"]
    search_fields = ["name", "brand", "user__username"]
    date_hierarchy = "started_on"
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    @admin.display(ordering="retire_at_m", description="retire at (km)")
    def retire_at_km(self, shoe):
        return f"{shoe.retire_at_m / 1000:,.0f}"


@admin.register(BestEffort)
class BestEffortAdmin(admin.ModelAdmin):
    """Worked out from recordings (tracker/log/records.py): read-only here."""

    list_display = ["label", "user", "run", "elapsed", "start_offset_s"]
    list_filter = ["distance_m"]
    search_fields = ["user__username"]
    list_select_related = ["user", "run"]
    raw_id_fields = ["user", "run"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(ordering="elapsed_s")
    def elapsed(self, effort):
        return format_duration(round(effort.elapsed_s))
