from django.contrib import admin
from django.urls import include, path

from legsite import views
from tracker.views import account as account_views

admin.site.site_header = "legsite administration"
admin.site.site_title = "legsite admin"
admin.site.index_title = "Guide and training data"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("guide/", include("knowledge.urls")),
    path("api/v1/", include("api.urls")),
    path("account/export/", account_views.account_export, name="account_export"),
    path(
        "account/export/<slug:kind>.csv",
        account_views.account_export_csv,
        name="account_export_csv",
    ),
    path("account/delete/", account_views.account_delete, name="account_delete"),
    path("", include("tracker.urls")),
]
