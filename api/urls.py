from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from api import views
from api.cross_training import CrossTrainingViewSet
from api.imports import ImportViewSet
from api.shoes import ShoeViewSet

app_name = "api"

router = DefaultRouter()
router.register("runs", views.RunViewSet, basename="run")
router.register("strength-sessions", views.StrengthSessionViewSet, basename="strength-session")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("protein", views.ProteinViewSet, basename="protein")
router.register("cross-training", CrossTrainingViewSet, basename="cross-training")
router.register("shoes", ShoeViewSet, basename="shoe")
router.register("imports", ImportViewSet, basename="import")
router.register("exercises", views.ExerciseViewSet, basename="exercise")
router.register("articles", views.ArticleViewSet, basename="article")

urlpatterns = [
    # The schema and its docs are public: they describe the API, not anyone's data.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="schema",
    ),
    path(
        "docs/",
        views.DocsView.as_view(
            url_name="api:schema", permission_classes=[AllowAny], authentication_classes=[]
        ),
        name="docs",
    ),
    path("", include(router.urls)),
]
