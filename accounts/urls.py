from django.urls import include, path

from accounts import views

# Django's own auth views supply login/, logout/ (POST only) and the reset links; password
# change and the reset request are ours (lockout, rate limit, mail sent by the worker). Their
# templates live in templates/registration/.
urlpatterns = [
    path("accounts/signup/", views.SignupView.as_view(), name="signup"),
    path(
        "accounts/password_change/",
        views.LockoutPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password_reset/",
        views.QueuedPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/delete/", views.account_delete, name="account_delete"),
]
