from django.urls import path

from tracker.views import account as account_views
from tracker.views import imports as import_views
from tracker.views import log as log_views
from tracker.views import progress as progress_views

app_name = "tracker"

urlpatterns = [
    path("log/", log_views.log, name="log"),
    path("log/runs/", log_views.run_list, name="run_list"),
    path("log/runs/new/", log_views.RunCreateView.as_view(), name="run_create"),
    path("log/runs/<int:pk>/", log_views.run_detail, name="run_detail"),
    path("log/runs/<int:pk>/edit/", log_views.RunUpdateView.as_view(), name="run_update"),
    path("log/runs/<int:pk>/delete/", log_views.RunDeleteView.as_view(), name="run_delete"),
    path("log/strength/", log_views.strength_list, name="strength_list"),
    path("log/strength/new/", log_views.strength_form, name="strength_create"),
    path("log/strength/<int:pk>/", log_views.strength_detail, name="strength_detail"),
    path("log/strength/<int:pk>/edit/", log_views.strength_form, name="strength_update"),
    path(
        "log/strength/<int:pk>/delete/",
        log_views.StrengthDeleteView.as_view(),
        name="strength_delete",
    ),
    path("log/measurements/", log_views.measurement_list, name="measurement_list"),
    path(
        "log/measurements/new/",
        log_views.MeasurementCreateView.as_view(),
        name="measurement_create",
    ),
    path("log/measurements/<int:pk>/", log_views.measurement_detail, name="measurement_detail"),
    path(
        "log/measurements/<int:pk>/edit/",
        log_views.MeasurementUpdateView.as_view(),
        name="measurement_update",
    ),
    path(
        "log/measurements/<int:pk>/delete/",
        log_views.MeasurementDeleteView.as_view(),
        name="measurement_delete",
    ),
    path("log/protein/", log_views.protein_list, name="protein_list"),
    path("log/protein/new/", log_views.ProteinCreateView.as_view(), name="protein_create"),
    path("log/protein/<int:pk>/", log_views.protein_detail, name="protein_detail"),
    path(
        "log/protein/<int:pk>/edit/", log_views.ProteinUpdateView.as_view(), name="protein_update"
    ),
    path(
        "log/protein/<int:pk>/delete/", log_views.ProteinDeleteView.as_view(), name="protein_delete"
    ),
    path("log/exercises/", log_views.exercise_list, name="exercise_list"),
    path("log/exercises/new/", log_views.ExerciseCreateView.as_view(), name="exercise_create"),
    path(
        "log/exercises/<int:pk>/edit/",
        log_views.ExerciseUpdateView.as_view(),
        name="exercise_update",
    ),
    path(
        "log/exercises/<int:pk>/delete/",
        log_views.ExerciseDeleteView.as_view(),
        name="exercise_delete",
    ),
    path("settings/", log_views.SettingsView.as_view(), name="settings"),
    # Imports from watch files, and API tokens on the settings page.
    path("log/import/", import_views.import_upload, name="import_upload"),
    path("log/import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("log/import/<int:pk>/status/", import_views.import_status, name="import_status"),
    path("settings/api-tokens/", account_views.api_token_create, name="api_token_create"),
    path(
        "settings/api-tokens/<int:pk>/revoke/",
        account_views.api_token_revoke,
        name="api_token_revoke",
    ),
    # Progress: charts, insights and the leg outlook.
    path("progress/", progress_views.progress_page, name="progress"),
    path("progress/data/", progress_views.progress_data, name="progress_data"),
]
