"""The log in the admin: profiles, runs (with what the watch recorded, read-only), strength
sessions with their sets, measurements, protein, heart-rate zones and runners' own exercises."""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length

from tracker.log import lifts
from tracker.log.models import (
    BestEffort,
    CrossTrainingSession,
    HeartRateZoneSet,
    Lap,
    LegMeasurement,
    PrivateExercise,
    Profile,
    ProteinEntry,
    Run,
    RunStream,
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


class ReadOnlyInline:
    """What the watch recorded is kept as imported: shown, never edited here."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RunStreamInline(ReadOnlyInline, admin.StackedInline):
    """The recording's summary; the packed samples and the run page's kept data stay out of
    the page (and out of the query: a 3-hour run's samples are about 40 KB)."""

    model = RunStream
    verbose_name = "recording"
    fields = [
        "sample_count",
        "stream_bytes",
        "channels",
        "sustained_max_hr",
        "best_20min_pace",
        "original_name",
        "original",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("data", "page_data")
            .annotate(data_bytes=Length("data"))
        )

    @admin.display(description="samples")
    def sample_count(self, recording):
        return f"{recording.samples:,}"

    @admin.display(description="packed size")
    def stream_bytes(self, recording):
        return f"{recording.data_bytes:,} bytes"

    @admin.display(description="highest 30-second heart rate")
    def sustained_max_hr(self, recording):
        bpm = recording.sustained_max_hr_bpm
        return f"{bpm} bpm" if bpm else "-"

    @admin.display(description="fastest 20 minutes")
    def best_20min_pace(self, recording):
        speed = recording.best_20min_speed_ms
        return f"{format_duration(round(1000 / speed))} /km" if speed else "-"


class LapInline(ReadOnlyInline, admin.TabularInline):
    model = Lap
    fields = Lap.VALUE_FIELDS
    readonly_fields = fields


@admin.register(Run)
class RunAdmin(admin.ModelAdmin):
    list_display = [
        "date",
        "user",
        "run_type",
        "surface",
        "distance_km",
        "duration",
        "effort",
        "recorded",
    ]
    list_filter = ["run_type", "surface", "source_format", "date"]
    search_fields = ["user__username", "notes"]
    date_hierarchy = "date"
    list_select_related = ["user"]
    raw_id_fields = ["user", "shoe"]
    inlines = [RunStreamInline, LapInline]

    def get_queryset(self, request):
        # Whether a run has a recording, without reading any recording (one subquery).
        recorded = RunStream.objects.filter(run=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_recording=Exists(recorded))

    @admin.display(description="distance (km)", ordering="distance_m")
    def distance_km(self, run):
        return f"{run.distance_m / 1000:.2f}"

    @admin.display(ordering="duration_s")
    def duration(self, run):
        return format_duration(run.duration_s)

    @admin.display(boolean=True, ordering="has_recording")
    def recorded(self, run):
        return run.has_recording


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

    # Whatever an admin changes, the runner's lift histories follow (tracker/log/lifts.py).
    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        lifts.refresh(form.instance.user_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        lifts.refresh(obj.user_id)

    def delete_queryset(self, request, queryset):
        user_ids = set(queryset.values_list("user_id", flat=True))
        super().delete_queryset(request, queryset)
        for user_id in user_ids:
            lifts.refresh(user_id)


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

    def save_model(self, request, obj, form, change):
        # A set moved to another session may leave one runner's log for another's.
        user_ids = set(
            StrengthSet.objects.filter(pk=obj.pk).values_list("session__user_id", flat=True)
        )
        super().save_model(request, obj, form, change)
        for user_id in user_ids | {obj.session.user_id}:
            lifts.refresh(user_id)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        lifts.refresh(obj.session.user_id)

    def delete_queryset(self, request, queryset):
        user_ids = set(queryset.values_list("session__user_id", flat=True))
        super().delete_queryset(request, queryset)
        for user_id in user_ids:
            lifts.refresh(user_id)


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


@admin.register(HeartRateZoneSet)
class HeartRateZoneSetAdmin(admin.ModelAdmin):
    """Runners set their zones on their settings page, which also works their runs out again;
    an edit or a deletion here would not, so the admin shows them read-only."""

    list_display = [
        "user",
        "valid_from",
        "method",
        "max_hr_bpm",
        "resting_hr_bpm",
        "max_estimated",
        "bounds",
    ]
    list_filter = ["method", "max_estimated"]
    search_fields = ["user__username"]
    date_hierarchy = "valid_from"
    list_select_related = ["user"]
    raw_id_fields = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="zones from (bpm)")
    def bounds(self, zone_set):
        return ", ".join(str(bpm) for bpm in zone_set.lower_bpm)
