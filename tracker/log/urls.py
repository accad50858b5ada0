from django.urls import path
from django.views.decorators.cache import never_cache

from tracker.log import cross_training_views as cross
from tracker.log import onboarding, records_views, shoe_views, strength_views, views, zone_views
from tracker.log import reclassify_views as reclassify

# Included by tracker/urls.py into the "tracker" namespace.
urlpatterns = [
    path("log/", views.log, name="log"),
    path("log/runs/", views.run_list, name="run_list"),
    path("log/runs/new/", views.RunCreateView.as_view(), name="run_create"),
    path("log/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("log/runs/<int:pk>/original/", views.run_original, name="run_original"),
    path("log/runs/<int:pk>/edit/", views.RunUpdateView.as_view(), name="run_update"),
    path("log/runs/<int:pk>/delete/", views.RunDeleteView.as_view(), name="run_delete"),
    path("log/runs/<int:pk>/date/", reclassify.run_date, name="run_date"),
    path(
        "log/runs/<int:pk>/to-cross-training/",
        reclassify.run_to_cross_training,
        name="run_to_cross_training",
    ),
    path(
        "log/cross-training/<int:pk>/to-run/",
        reclassify.cross_training_to_run,
        name="cross_training_to_run",
    ),
    path("log/strength/", strength_views.strength_list, name="strength_list"),
    path("log/strength/new/", strength_views.strength_form, name="strength_create"),
    path("log/strength/<int:pk>/", strength_views.strength_detail, name="strength_detail"),
    path("log/strength/<int:pk>/edit/", strength_views.strength_form, name="strength_update"),
    path(
        "log/strength/<int:pk>/delete/",
        strength_views.StrengthDeleteView.as_view(),
        name="strength_delete",
    ),
    path(
        "log/strength/<int:pk>/routine/",
        strength_views.routine_from_session,
        name="routine_from_session",
    ),
    path("log/routines/", strength_views.routine_list, name="routine_list"),
    path("log/routines/<int:pk>/delete/", strength_views.routine_delete, name="routine_delete"),
    path("log/measurements/", views.measurement_list, name="measurement_list"),
    path(
        "log/measurements/new/",
        views.MeasurementCreateView.as_view(),
        name="measurement_create",
    ),
    path("log/measurements/<int:pk>/", views.measurement_detail, name="measurement_detail"),
    path(
        "log/measurements/<int:pk>/edit/",
        views.MeasurementUpdateView.as_view(),
        name="measurement_update",
    ),
    path(
        "log/measurements/<int:pk>/delete/",
        views.MeasurementDeleteView.as_view(),
        name="measurement_delete",
    ),
    path("log/protein/", views.protein_list, name="protein_list"),
    path("log/protein/new/", views.ProteinCreateView.as_view(), name="protein_create"),
    path("log/protein/<int:pk>/", views.protein_detail, name="protein_detail"),
    path("log/protein/<int:pk>/edit/", views.ProteinUpdateView.as_view(), name="protein_update"),
    path("log/protein/<int:pk>/delete/", views.ProteinDeleteView.as_view(), name="protein_delete"),
    path("log/exercises/", strength_views.exercise_list, name="exercise_list"),
    path("log/exercises/new/", strength_views.ExerciseCreateView.as_view(), name="exercise_create"),
    path(
        "log/exercises/<int:pk>/edit/",
        strength_views.ExerciseUpdateView.as_view(),
        name="exercise_update",
    ),
    path(
        "log/exercises/<int:pk>/delete/",
        strength_views.ExerciseDeleteView.as_view(),
        name="exercise_delete",
    ),
    path("log/cross-training/", cross.cross_training_list, name="cross_training_list"),
    path(
        "log/cross-training/new/",
        cross.CrossTrainingCreateView.as_view(),
        name="cross_training_create",
    ),
    path("log/cross-training/<int:pk>/", cross.cross_training_detail, name="cross_training_detail"),
    path(
        "log/cross-training/<int:pk>/edit/",
        cross.CrossTrainingUpdateView.as_view(),
        name="cross_training_update",
    ),
    path(
        "log/cross-training/<int:pk>/delete/",
        cross.CrossTrainingDeleteView.as_view(),
        name="cross_training_delete",
    ),
    # never_cache: the page shows a new API key once; no cache may keep a copy.
    path("log/records/", records_views.records, name="records"),
    path("log/shoes/", shoe_views.shoe_list, name="shoe_list"),
    path("log/shoes/new/", shoe_views.ShoeCreateView.as_view(), name="shoe_create"),
    path("log/shoes/<int:pk>/edit/", shoe_views.ShoeUpdateView.as_view(), name="shoe_update"),
    path("log/shoes/<int:pk>/retire/", shoe_views.shoe_retire, name="shoe_retire"),
    path("log/shoes/<int:pk>/delete/", shoe_views.ShoeDeleteView.as_view(), name="shoe_delete"),
    path("settings/", never_cache(views.SettingsView.as_view()), name="settings"),
    path("settings/start/", onboarding.onboarding, name="onboarding"),
    path("settings/heart-rate-zones/", zone_views.heart_rate_zones, name="heart_rate_zones"),
]
