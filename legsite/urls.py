from django.contrib import admin
from django.urls import include, path

from legsite import views

admin.site.site_header = "legsite administration"
admin.site.site_title = "legsite admin"
admin.site.index_title = "Guide and training data"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("guide/", include("knowledge.urls")),
    path("api/v1/", include("api.urls")),
    path("settings/api-tokens/", include("api.token_urls")),
    path("", include("tracker.urls")),
]

# JSON under /api/, Django's pages elsewhere (api/exceptions.py).
handler400 = "api.exceptions.bad_request"
handler403 = "api.exceptions.permission_denied"
handler404 = "api.exceptions.page_not_found"
handler500 = "api.exceptions.server_error"
