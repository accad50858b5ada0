from django.urls import path

from tracker.transfer import views

# Included by tracker/urls.py into the "tracker" namespace.
urlpatterns = [
    path("log/import/", views.import_upload, name="import_upload"),
    path("log/import/<int:pk>/", views.import_detail, name="import_detail"),
    path("log/import/<int:pk>/status/", views.import_status, name="import_status"),
    path("account/export/", views.account_export, name="account_export"),
    path("account/export/<slug:kind>.csv", views.account_export_csv, name="account_export_csv"),
]
