"""Shoes in the REST API: /api/v1/shoes/, the runner's own only, each with its distance (the
starting distance plus its runs', summed in the database) and how much of its life is used."""

from rest_framework import serializers

from api.views import OwnedViewSet
from tracker.log.models import Run, Shoe
from tracker.log.models.shoes import (
    DUPLICATE_NAME_MESSAGE,
    MAX_SHOE_DISTANCE_M,
    RETIRE_AT_MESSAGE,
    SHOE_DISTANCE_MESSAGE,
)


class ShoeSerializer(serializers.ModelSerializer):
    distance_m = serializers.FloatField(
        read_only=True, help_text="Starting distance plus every run in them, in metres."
    )
    # Plain strings checked against the run's choices, so that the schema names each choice
    # set once (RunTypeEnum, SurfaceEnum), as RunSerializer does for suggested_run_type.
    default_for_run_type = serializers.CharField(
        required=False, allow_blank=True, help_text="A run type ('' for none)."
    )
    default_for_surface = serializers.CharField(
        required=False, allow_blank=True, help_text="A surface ('' for none)."
    )
    life_used_pct = serializers.SerializerMethodField(
        help_text="Distance as a percentage of retire_at_m; warnings at 80 and 100."
    )

    class Meta:
        model = Shoe
        fields = [
            "id",
            "name",
            "brand",
            "started_on",
            "start_distance_m",
            "retire_at_m",
            "retired",
            "default_for_run_type",
            "default_for_surface",
            "distance_m",
            "life_used_pct",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_life_used_pct(self, shoe) -> float | None:
        distance = getattr(shoe, "distance_m", None)
        if distance is None or not shoe.retire_at_m:
            return None
        return round(100 * distance / shoe.retire_at_m, 1)

    def validate_default_for_run_type(self, value):
        if value and value not in Run.RunType.values:
            raise serializers.ValidationError(f'"{value}" is not a run type.')
        return value

    def validate_default_for_surface(self, value):
        if value and value not in Run.Surface.values:
            raise serializers.ValidationError(f'"{value}" is not a surface.')
        return value

    def validate_start_distance_m(self, value):
        if not 0 <= value <= MAX_SHOE_DISTANCE_M:
            raise serializers.ValidationError(SHOE_DISTANCE_MESSAGE)
        return value

    def validate_retire_at_m(self, value):
        if not 0 < value <= MAX_SHOE_DISTANCE_M:
            raise serializers.ValidationError(RETIRE_AT_MESSAGE)
        return value

    def validate_name(self, value):
        user = self.context["request"].user
        taken = Shoe.objects.for_user(user).filter(name__iexact=value.strip())
        if self.instance is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise serializers.ValidationError(DUPLICATE_NAME_MESSAGE)
        return value


class ShoeViewSet(OwnedViewSet):
    model = Shoe
    serializer_class = ShoeSerializer

    def get_queryset(self):
        # Not the date filter of the other endpoints: shoes have no date.
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return Shoe.objects.none()
        return Shoe.objects.for_user(self.request.user).with_distance()

    def perform_create(self, serializer):
        super().perform_create(serializer)
        # The answer shows the distance like a read does.
        serializer.instance.distance_m = serializer.instance.start_distance_m

    def perform_update(self, serializer):
        super().perform_update(serializer)
        shoe = self.get_queryset().get(pk=serializer.instance.pk)
        serializer.instance.distance_m = shoe.distance_m
