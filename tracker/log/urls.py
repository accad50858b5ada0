from django.urls import path

from tracker.log import strength_views, views

# Included by tracker/urls.py into the "tracker" namespace.
urlpatterns = [
    path("log/", views.log, name="log"),
    path("log/runs/", views.run_list, name="run_list"),
    path("log/runs/new/", views.RunCreateView.as_view(), name="run_create"),
    path("log/runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("log/runs/<int:pk>/edit/", views.RunUpdateView.as_view(), name="run_update"),
    path("log/runs/<int:pk>/delete/", views.RunDeleteView.as_view(), name="run_delete"),
    path("log/strength/", strength_views.strength_list, name="strength_list"),
    path("log/strength/new/", strength_views.strength_form, name="strength_create"),
    path("log/strength/<int:pk>/", strength_views.strength_detail, name="strength_detail"),
    path("log/strength/<int:pk>/edit/", strength_views.strength_form, name="strength_update"),
    path(
        "log/strength/<int:pk>/delete/",
        strength_views.StrengthDeleteView.as_view(),
        name="strength_delete",
    ),
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
    path("settings/", views.SettingsView.as_view(), name="settings"),
]
