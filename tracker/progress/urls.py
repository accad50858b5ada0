from django.urls import path

from tracker.progress import views

# Included by tracker/urls.py into the "tracker" namespace.
urlpatterns = [
    path("progress/", views.progress_page, name="progress"),
    path("progress/data/", views.progress_data, name="progress_data"),
]
