import pytest
from django.contrib.auth.models import User

from tests.factories import PASSWORD


@pytest.mark.django_db
def test_signup_creates_the_account_and_signs_the_user_in(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "newrunner",
            "email": "new@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/settings/start/"  # onboarding comes first
    user = User.objects.get(username="newrunner")
    assert user.email == "new@example.com"
    assert client.get("/").context["user"] == user


@pytest.mark.django_db
def test_signup_follows_a_safe_next_url_and_ignores_an_outside_one(client):
    data = {"username": "nextrunner", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/accounts/signup/?next=/accounts/password_change/", data)
    assert response["Location"] == "/accounts/password_change/"
    client.post("/accounts/logout/")
    data["username"] = "evilnext"
    response = client.post("/accounts/signup/?next=https://evil.example/", data)
    assert response["Location"] == "/settings/start/"


@pytest.mark.django_db
def test_signup_with_mismatched_passwords_shows_the_error_on_the_field(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "typo", "password1": PASSWORD, "password2": PASSWORD + "x"},
    )
    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="typo").exists()


def test_signup_refuses_a_taken_username(client, runner):
    response = client.post(
        "/accounts/signup/",
        {"username": runner.username, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "username" in response.context["form"].errors


def test_signup_page_sends_a_signed_in_user_home(client, runner):
    client.force_login(runner)
    assert client.get("/accounts/signup/")["Location"] == "/"
