"""The tracker's URLs, one list per part of the app, all in the "tracker" namespace: the log
(/log/…, /settings/), progress (/progress/…) and transfer (/log/import/…, /account/export/…).
"""

from django.urls import include, path

app_name = "tracker"

urlpatterns = [
    path("", include("tracker.log.urls")),
    path("", include("tracker.progress.urls")),
    path("", include("tracker.transfer.urls")),
]
