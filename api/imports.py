"""Importing watch files through the API: POST /api/v1/imports/ (multipart, field "files", one
or more GPX/TCX/FIT files or archives of them), GET /api/v1/imports/{id}/ to poll a job.

The same ImportJob as the web page's upload: a small upload is imported at once and answered
with its report (201); a large one or an archive is queued and answered with the job's URL to
poll (202)."""

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from tracker.transfer.models import ImportJob
from tracker.transfer.report import MB, ImportReport
from tracker.transfer.tasks import start_import


class ImportUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), min_length=1)


class ImportJobSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    report = serializers.JSONField(read_only=True)

    class Meta:
        model = ImportJob
        fields = ["id", "url", "status", "total_files", "summary", "report"]
        read_only_fields = fields

    def get_url(self, job) -> str:
        return self.context["request"].build_absolute_uri(
            reverse("api:import-detail", args=[job.pk])
        )

    def get_summary(self, job) -> str:
        if job.status != ImportJob.Status.DONE:
            return ""
        return ImportReport.from_dict(job.report).summary()


@extend_schema_view(
    create=extend_schema(
        request={"multipart/form-data": ImportUploadSerializer},
        responses={201: ImportJobSerializer, 202: ImportJobSerializer},
        description="Import GPX, TCX or FIT files, or ZIP archives of them (a Strava or "
        "Garmin Connect export). A small upload is imported at once (201, with its report); "
        "a large one or an archive is queued (202): poll its url until status is done.",
    ),
)
class ImportViewSet(mixins.CreateModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ImportJobSerializer
    parser_classes = [MultiPartParser]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ImportJob.objects.none()
        return ImportJob.objects.for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        cap = settings.IMPORT_MAX_UPLOAD_MB * MB
        too_large = Response(
            {"detail": f"That upload is larger than {settings.IMPORT_MAX_UPLOAD_MB} MB."},
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
        # Refused before the body is read (and spooled to disk) when its length says so; the
        # allowance is for the multipart boundaries, as on the web form.
        if int(request.META.get("CONTENT_LENGTH") or 0) > cap + 64 * 1024:
            return too_large
        upload = ImportUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        files = upload.validated_data["files"]
        if sum(f.size for f in files) > cap:
            return too_large
        if not any(f.size for f in files):
            raise ValidationError({"files": ["The files are empty."]})
        # Stored as they are (Django spools a large upload to disk), never read whole here.
        job, inline = start_import(
            user=request.user, files=[(f.name or "upload", f) for f in files]
        )
        code = status.HTTP_201_CREATED if inline else status.HTTP_202_ACCEPTED
        body = self.get_serializer(job).data
        return Response(body, status=code, headers={"Location": body["url"]})
