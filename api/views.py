"""The REST API under /api/v1/: the runner's own log and the guide's exercises and articles.

The Progress page's chart data has one endpoint, /progress/data/ (tracker/progress/views.py),
which answers a signed-in session; the API does not repeat it.

Every queryset starts from `for_user(request.user)`, so another runner's object is a 404, as on
the web pages. Anonymous calls get 401 (ApiTokenAuthentication answers with WWW-Authenticate).
"""

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils.dateparse import parse_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from api import serializers as api_serializers
from knowledge.models import Article, Exercise
from tracker.log import lifts
from tracker.log.models import (
    LegMeasurement,
    ProteinEntry,
    Run,
    RunStream,
    StrengthSession,
    StrengthSet,
)

DATE_PARAMETERS = [
    OpenApiParameter(
        "date_after",
        OpenApiTypes.DATE,
        description="Only entries on or after this date (YYYY-MM-DD).",
    ),
    OpenApiParameter(
        "date_before",
        OpenApiTypes.DATE,
        description="Only entries on or before this date (YYYY-MM-DD).",
    ),
]


def date_filtered(request, queryset, field: str = "date"):
    """Apply ?date_after= and ?date_before=; a malformed date is a 400 naming the parameter."""
    errors = {}
    for parameter, lookup in (("date_after", "gte"), ("date_before", "lte")):
        raw = request.query_params.get(parameter)
        if raw is None or raw == "":
            continue
        try:
            day = parse_date(raw)
        except ValueError:
            day = None
        if day is None:
            errors[parameter] = [f"Enter a date as YYYY-MM-DD, not {raw[:40]!r}."]
            continue
        queryset = queryset.filter(**{f"{field}__{lookup}": day})
    if errors:
        raise serializers.ValidationError(errors)
    return queryset


class OwnedViewSet(viewsets.ModelViewSet):
    """CRUD over the signed-in runner's rows of `model`, newest first, filterable by date."""

    model = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular building the schema
            return self.model.objects.none()
        queryset = self.model.objects.for_user(self.request.user)
        if self.action == "list":
            queryset = date_filtered(self.request, queryset)
        return queryset

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


# The stream endpoint's default and largest number of points.
STREAM_POINTS = 1000
STREAM_MAX_POINTS = 5000


@extend_schema_view(list=extend_schema(parameters=DATE_PARAMETERS))
class RunViewSet(OwnedViewSet):
    model = Run
    serializer_class = api_serializers.RunSerializer

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "swagger_fake_view", False):
            return queryset
        return queryset.annotate(has_recording=Exists(RunStream.objects.filter(pk=OuterRef("pk"))))

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "points",
                OpenApiTypes.INT,
                description=f"At most this many samples, evenly spaced (default {STREAM_POINTS}, "
                f"at most {STREAM_MAX_POINTS}); the first and last are always included.",
            )
        ],
        responses={200: OpenApiTypes.OBJECT},
    )
    @action(detail=True, methods=["get"])
    def stream(self, request, pk=None, format=None):  # noqa: A002 (DRF's name)
        """The run's recorded samples (a separate resource: lists never carry them),
        downsampled, with the file's laps. 404 for a run without a recording."""
        run = self.get_object()
        recording = get_object_or_404(RunStream.objects.for_user(request.user), pk=run.pk)
        try:
            points = int(request.query_params.get("points", STREAM_POINTS))
        except ValueError:
            raise serializers.ValidationError({"points": ["Enter a whole number."]}) from None
        points = max(2, min(points, STREAM_MAX_POINTS))
        stream = recording.stream()
        step = max(1, -(-len(stream) // points))
        picked = list(range(0, len(stream), step))
        if picked[-1] != len(stream) - 1:
            picked.append(len(stream) - 1)
        names = {
            "distance": "distance_m",
            "alt": "altitude_m",
            "hr": "heart_rate_bpm",
            "cadence": "cadence_rpm",
            "speed": "speed_ms",
            "power": "power_w",
            "lat": "lat",
            "lon": "lon",
        }
        body = {
            "run": run.pk,
            "samples": len(stream),
            "points": len(picked),
            "step": step,
            "t_s": [stream.t[i] for i in picked],
        }
        for channel, values in stream.channels().items():
            body[names[channel]] = [values[i] for i in picked]
        body["laps"] = [
            {
                "number": lap.number,
                "start_s": lap.start_s,
                "elapsed_s": lap.elapsed_s,
                "moving_s": lap.moving_s,
                "distance_m": lap.distance_m,
                "avg_hr_bpm": lap.avg_hr_bpm,
                "max_hr_bpm": lap.max_hr_bpm,
            }
            for lap in run.laps.all()
        ]
        return Response(body)


@extend_schema_view(list=extend_schema(parameters=DATE_PARAMETERS))
class StrengthSessionViewSet(OwnedViewSet):
    """Strength sessions with their sets. Sets are written with the session: on create and on
    a full update the `sets` given replace the session's sets, in one transaction."""

    model = StrengthSession
    serializer_class = api_serializers.StrengthSessionSerializer

    @transaction.atomic
    def perform_destroy(self, instance):
        touched = lifts.exercise_ids_of(instance.pk)
        instance.delete()
        lifts.refresh(self.request.user, touched)

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(Prefetch("sets", StrengthSet.objects.select_related("exercise")))
        )


@extend_schema_view(list=extend_schema(parameters=DATE_PARAMETERS))
class MeasurementViewSet(OwnedViewSet):
    model = LegMeasurement
    serializer_class = api_serializers.MeasurementSerializer


@extend_schema_view(list=extend_schema(parameters=DATE_PARAMETERS))
class ProteinViewSet(OwnedViewSet):
    model = ProteinEntry
    serializer_class = api_serializers.ProteinEntrySerializer


class ExerciseViewSet(viewsets.ReadOnlyModelViewSet):
    """The guide's exercises and the runner's own (`is_private`)."""

    serializer_class = api_serializers.ExerciseSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Exercise.objects.none()
        return (
            Exercise.objects.available_to(self.request.user)
            .prefetch_related("primary_muscles", "secondary_muscles")
            .order_by("name", "pk")
        )


class ArticleViewSet(viewsets.ReadOnlyModelViewSet):
    """The guide's published articles, their Markdown rendered to HTML."""

    serializer_class = api_serializers.ArticleSerializer

    def get_queryset(self):
        return Article.objects.published().select_related("topic").order_by("topic", "order", "pk")


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI from the sidecar package, its script served from our own URL (CSP)."""

    template_name = "api/swagger_ui.html"
