import pytest
from django.core import mail

from tests.factories import PASSWORD
from tests.worker import run_worker


def test_login_with_the_right_password_signs_in(client, runner):
    response = client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").context["user"] == runner


def test_login_with_a_wrong_password_says_so(client, runner):
    response = client.post("/accounts/login/", {"username": runner.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert not response.context["user"].is_authenticated


def test_logout_needs_a_post_and_signs_out(client, runner):
    client.force_login(runner)
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").context["user"] == runner
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_five_failed_logins_lock_the_account_out_even_with_the_right_password(
    client, runner, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": runner.username, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed log-ins" in response.content.decode()
    assert not client.get("/").context["user"].is_authenticated


def test_failures_below_the_limit_do_not_lock_out(client, runner, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/accounts/login/", {"username": runner.username, "password": "wrong"})
    response = client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    assert response.status_code == 302


def test_password_change_needs_the_old_password(client, runner):
    client.force_login(runner)
    new = "a-new-long-password-77"
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": new, "new_password2": new},
    )
    assert "old_password" in response.context["form"].errors
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password(new)


@pytest.mark.django_db(transaction=True)  # the worker sends the mail
def test_password_reset_emails_a_link_that_sets_a_new_password(client, runner):
    response = client.post("/accounts/password_reset/", {"email": runner.email})
    assert response.status_code == 302
    assert mail.outbox == []  # the worker sends it (accounts/tasks.py)
    run_worker()
    assert len(mail.outbox) == 1
    link = next(
        line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line
    ).strip()
    path = link[link.index("/accounts/reset/") :]
    response = client.get(path, follow=True)
    new = "reset-password-that-is-long-9"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    runner.refresh_from_db()
    assert runner.check_password(new)


@pytest.mark.django_db
def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []
