from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("", views.guide_index, name="index"),
    path("search/", views.search, name="search"),
    path("muscles/", views.muscle_list, name="muscles"),
    path("muscles/<slug:slug>/", views.muscle_detail, name="muscle"),
    path("sources/", views.source_list, name="sources"),
    path("exercises/", views.exercise_list, name="exercises"),
    path("exercises/<slug:slug>/", views.exercise_detail, name="exercise"),
    # Last: article slugs share this level (see knowledge.models.RESERVED_SLUGS).
    path("<slug:slug>/", views.article_detail, name="article"),
]
