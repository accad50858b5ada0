"""Cross-training sessions in the REST API: /api/v1/cross-training/, the runner's own only."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from api.serializers import DatedSerializer, _merged, _raise_if
from api.views import DATE_PARAMETERS, OwnedViewSet
from tracker import bounds
from tracker.log.models import CrossTrainingSession


class CrossTrainingSerializer(DatedSerializer):
    session_load = serializers.IntegerField(read_only=True, allow_null=True)
    # "" for a typed-in session, as for runs.
    source_format = serializers.ChoiceField(
        choices=CrossTrainingSession.source_format.field.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = CrossTrainingSession
        fields = [
            "id",
            "date",
            "start_time",
            "sport",
            "duration_s",
            "moving_s",
            "distance_m",
            "elevation_gain_m",
            "avg_hr_bpm",
            "max_hr_bpm",
            "effort",
            "notes",
            "session_load",
            "source_format",
            "source_name",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "id",
            "source_format",
            "source_name",
            "created_at",
            "updated_at",
        ]

    def validate(self, attrs):
        values = _merged(
            self,
            attrs,
            ["distance_m", "duration_s", "moving_s", "avg_hr_bpm", "max_hr_bpm", "effort"],
        )
        _raise_if(
            bounds.cross_training_problems(
                distance_m=values["distance_m"],
                duration_s=values["duration_s"],
                moving_s=values["moving_s"],
            )
            | bounds.heart_rate_problems(values["avg_hr_bpm"], values["max_hr_bpm"])
            | bounds.effort_problems(values["effort"])
        )
        return attrs


@extend_schema_view(list=extend_schema(parameters=DATE_PARAMETERS))
class CrossTrainingViewSet(OwnedViewSet):
    model = CrossTrainingSession
    serializer_class = CrossTrainingSerializer
