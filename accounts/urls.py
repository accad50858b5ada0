from django.urls import include, path

from accounts import views

# Django's own auth views supply login/, logout/ (POST only), password_change/ and
# password_reset/; their templates live in templates/registration/.
urlpatterns = [
    path("accounts/signup/", views.SignupView.as_view(), name="signup"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("account/delete/", views.account_delete, name="account_delete"),
]
