"""API representations: SI units under names that carry them (distance_m, weight_kg).

Writes are checked against the same bounds as the web forms, through tracker/bounds.py.
"""

from django.db import transaction
from rest_framework import serializers

from knowledge.models import Article, Exercise
from tracker import bounds
from tracker.log import lifts
from tracker.log.models import (
    LegMeasurement,
    ProteinEntry,
    Run,
    RunStream,
    StrengthSession,
    StrengthSet,
    get_profile,
)


def _merged(serializer, attrs: dict, names) -> dict:
    """The values an update will leave: the new ones, or the instance's for a PATCH."""
    instance = serializer.instance
    return {name: attrs[name] if name in attrs else getattr(instance, name, None) for name in names}


def _raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise serializers.ValidationError({name: [message] for name, message in problems.items()})


class DatedSerializer(serializers.ModelSerializer):
    """Refuses dates more than a day ahead in the runner's time zone, or before 1950."""

    def validate_date(self, value):
        profile = get_profile(self.context["request"].user)
        problems = bounds.date_problems(value, profile.today())
        if problems:
            raise serializers.ValidationError(problems["date"])
        return value


class RunSerializer(DatedSerializer):
    pace_s_per_km = serializers.FloatField(read_only=True, allow_null=True)
    # Declared: a read-only model field loses allow_blank, and the schema then left out the ""
    # that typed-in runs answer.
    source_format = serializers.ChoiceField(
        choices=Run.source_format.field.choices, allow_blank=True, read_only=True
    )
    session_load = serializers.IntegerField(read_only=True, allow_null=True)
    load_source = serializers.CharField(
        read_only=True, help_text='"effort", "heart_rate" or "" (no load).'
    )
    # A plain string: the same choices as run_type, named once in the schema (RunTypeEnum).
    suggested_run_type = serializers.CharField(
        read_only=True, help_text="The run type the recording suggests ('' when typed in)."
    )
    has_stream = serializers.SerializerMethodField(
        help_text="Whether /api/v1/runs/{id}/stream/ has the recorded samples."
    )

    class Meta:
        model = Run
        fields = [
            "id",
            "date",
            "start_time",
            "distance_m",
            "duration_s",
            "moving_s",
            "pace_s_per_km",
            "run_type",
            "surface",
            "elevation_gain_m",
            "avg_hr_bpm",
            "max_hr_bpm",
            "effort",
            "session_load",
            "load_source",
            "trimp",
            "hr_load",
            "zone1_s",
            "zone2_s",
            "zone3_s",
            "zone4_s",
            "zone5_s",
            "hard_s",
            "suggested_run_type",
            "run_type_reason",
            "has_stream",
            "notes",
            "source_format",
            "source_name",
            "imported_at",
            "created_at",
            "updated_at",
        ]
        # What the recording says is worked out from it, never written through the API.
        read_only_fields = [
            "source_format",
            "source_name",
            "imported_at",
            "created_at",
            "updated_at",
            "trimp",
            "hr_load",
            "zone1_s",
            "zone2_s",
            "zone3_s",
            "zone4_s",
            "zone5_s",
            "hard_s",
            "suggested_run_type",
            "run_type_reason",
        ]

    def get_has_stream(self, run) -> bool:
        annotated = getattr(run, "has_recording", None)
        if annotated is not None:
            return annotated
        return RunStream.objects.filter(pk=run.pk).exists()

    def validate(self, attrs):
        values = _merged(
            self,
            attrs,
            [
                "distance_m",
                "duration_s",
                "moving_s",
                "elevation_gain_m",
                "avg_hr_bpm",
                "max_hr_bpm",
                "effort",
            ],
        )
        _raise_if(
            bounds.run_problems(
                distance_m=values["distance_m"],
                duration_s=values["duration_s"],
                elevation_gain_m=values["elevation_gain_m"],
                moving_s=values["moving_s"],
            )
            | bounds.heart_rate_problems(values["avg_hr_bpm"], values["max_hr_bpm"])
            | bounds.effort_problems(values["effort"])
        )
        return attrs


class AvailableExerciseField(serializers.PrimaryKeyRelatedField):
    """The guide's exercises and the runner's own; anyone else's "does not exist"."""

    def get_queryset(self):
        return Exercise.objects.available_to(self.context["request"].user)


class StrengthSetSerializer(serializers.ModelSerializer):
    exercise = AvailableExerciseField(queryset=Exercise.objects.all())
    exercise_name = serializers.CharField(source="exercise.name", read_only=True)

    class Meta:
        model = StrengthSet
        fields = ["id", "exercise", "exercise_name", "reps", "weight_kg", "reps_in_reserve"]
        read_only_fields = ["id"]

    def validate(self, attrs):
        # A session's sets are replaced whole, on PATCH too, so each set needs all its values
        # (a partial update would otherwise reach the database with a set missing its reps).
        missing = [name for name in ("exercise", "reps", "weight_kg") if name not in attrs]
        if missing:
            raise serializers.ValidationError(dict.fromkeys(missing, "This field is required."))
        _raise_if(
            bounds.set_problems(
                reps=attrs.get("reps"),
                weight_kg=attrs.get("weight_kg"),
                reps_in_reserve=attrs.get("reps_in_reserve"),
            )
        )
        return attrs


MAX_SETS = 50  # as the web form's formset


class StrengthSessionSerializer(DatedSerializer):
    sets = StrengthSetSerializer(many=True)
    volume_kg = serializers.SerializerMethodField()

    class Meta:
        model = StrengthSession
        fields = [
            "id",
            "date",
            "effort",
            "duration_s",
            "notes",
            "sets",
            "volume_kg",
            "session_load",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        extra_kwargs = {
            "duration_s": {"help_text": "Seconds. Left out on create: 180 s a set, rests included."}
        }

    session_load = serializers.IntegerField(
        read_only=True,
        allow_null=True,
        help_text="Perceived effort × minutes; null without an effort.",
    )

    def get_volume_kg(self, session) -> float:
        return sum(s.volume_kg for s in session.sets.all())

    def validate_sets(self, value):
        if not value:
            raise serializers.ValidationError("Add at least one set.")
        if len(value) > MAX_SETS:
            raise serializers.ValidationError(f"A session can have at most {MAX_SETS} sets.")
        return value

    def validate(self, attrs):
        _raise_if(bounds.effort_problems(attrs.get("effort")))
        duration_s = attrs.get("duration_s")
        if duration_s is not None and not 0 < duration_s <= bounds.LONGEST_STRENGTH_S:
            message = bounds.DURATION_ZERO if duration_s <= 0 else bounds.STRENGTH_TOO_LONG
            raise serializers.ValidationError({"duration_s": message})
        return attrs

    def _save_sets(self, session, sets):
        StrengthSet.objects.bulk_create(
            StrengthSet(session=session, order=position, **data)
            for position, data in enumerate(sets)
        )

    def create(self, validated_data):
        sets = validated_data.pop("sets")
        if validated_data.get("duration_s") is None:
            validated_data["duration_s"] = StrengthSession.suggested_duration_s(len(sets))
        with transaction.atomic():
            session = StrengthSession.objects.create(**validated_data)
            self._save_sets(session, sets)
            lifts.refresh(session.user_id, {data["exercise"].pk for data in sets})
        return session

    def update(self, instance, validated_data):
        """The sets given replace the session's sets; without `sets` (a PATCH) they stay."""
        sets = validated_data.pop("sets", None)
        if "duration_s" in validated_data and validated_data["duration_s"] is None:
            # Cleared: back to the suggestion, as on the form, so the session keeps its load.
            count = len(sets) if sets is not None else instance.sets.count()
            validated_data["duration_s"] = StrengthSession.suggested_duration_s(count) or None
        with transaction.atomic():
            touched = lifts.exercise_ids_of(instance.pk)
            for name, value in validated_data.items():
                setattr(instance, name, value)
            instance.save()
            if sets is not None:
                instance.sets.all().delete()
                self._save_sets(instance, sets)
                touched |= {data["exercise"].pk for data in sets}
            lifts.refresh(instance.user_id, touched)
        # Drop the prefetched sets so the response shows the new ones.
        if hasattr(instance, "_prefetched_objects_cache"):
            instance._prefetched_objects_cache.clear()
        return instance


class MeasurementSerializer(DatedSerializer):
    class Meta:
        model = LegMeasurement
        fields = [
            "id",
            "date",
            *LegMeasurement.VALUE_FIELDS,
            "notes",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]

    def validate(self, attrs):
        _raise_if(bounds.measurement_problems(_merged(self, attrs, LegMeasurement.VALUE_FIELDS)))
        return attrs


class ProteinEntrySerializer(DatedSerializer):
    class Meta:
        model = ProteinEntry
        fields = ["id", "date", "protein_g", "food", "meal", "created_at"]
        read_only_fields = ["created_at"]

    def validate_protein_g(self, value):
        problems = bounds.protein_problems(value)
        if problems:
            raise serializers.ValidationError(problems["protein_g"])
        return value


class ExerciseSerializer(serializers.ModelSerializer):
    primary_muscles = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    secondary_muscles = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    is_private = serializers.SerializerMethodField()

    class Meta:
        model = Exercise
        fields = [
            "id",
            "name",
            "slug",
            "kind",
            "equipment",
            "primary_muscles",
            "secondary_muscles",
            "is_private",
        ]
        read_only_fields = fields

    def get_is_private(self, exercise) -> bool:
        return exercise.owner_id is not None


class ArticleSerializer(serializers.ModelSerializer):
    topic = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Article
        fields = ["id", "title", "slug", "topic", "summary", "body_html", "url", "updated_at"]
        read_only_fields = fields

    def get_url(self, article) -> str:
        return self.context["request"].build_absolute_uri(article.get_absolute_url())
