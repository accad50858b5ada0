"""Accounts under attack: password-reset probing and flooding, password guessing through the
password-change and account-deletion forms, a leaked API key after a password change, and a
lockout keyed on a reverse proxy's address."""

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from accounts.client_ip import client_ip
from api.models import ApiToken
from tests.factories import PASSWORD
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


def reset(client, email, **extra):
    return client.post("/accounts/password_reset/", {"email": email}, **extra)


def statements(queries) -> list[str]:
    """The queries without their values (cache keys and addresses differ)."""
    return [" ".join(q["sql"].split()[:4]) for q in queries if "SAVEPOINT" not in q["sql"]]


def test_a_reset_request_does_the_same_work_for_a_known_and_an_unknown_address(client, runner):
    """No user lookup, no mail rendered or sent in the request: timing those showed which
    addresses have an account. Both requests run the same queries (the limits' counters and
    one queued task)."""
    with CaptureQueriesContext(connection) as known:
        assert reset(client, runner.email, REMOTE_ADDR="10.0.0.1").status_code == 302
    with CaptureQueriesContext(connection) as unknown:
        assert reset(client, "nobody@example.com", REMOTE_ADDR="10.0.0.2").status_code == 302
    assert statements(known.captured_queries) == statements(unknown.captured_queries)
    assert not any("auth_user" in q["sql"] for q in known.captured_queries)
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 2  # one queued mail task each, found or not


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_the_reset_mail_only_to_a_known_address(client, runner):
    reset(client, "nobody@example.com")
    reset(client, runner.email)
    run_worker()
    assert [m.to for m in mail.outbox] == [[runner.email]]


def test_one_address_gets_a_few_reset_mails_an_hour_not_55(client, runner, settings):
    settings.PASSWORD_RESET_PER_IP_PER_HOUR = 100
    for number in range(10):
        response = reset(client, runner.email, REMOTE_ADDR=f"10.0.0.{number}")
        assert response.status_code == 302  # the page does not tell
    assert DBTaskResult.objects.count() == settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR


def test_one_client_is_refused_after_the_per_ip_limit(client, settings):
    for number in range(settings.PASSWORD_RESET_PER_IP_PER_HOUR):
        assert reset(client, f"someone{number}@example.com").status_code == 302
    response = reset(client, "one-more@example.com")
    assert response.status_code == 429
    assert "Too many password-reset requests" in response.content.decode()
    assert DBTaskResult.objects.count() == settings.PASSWORD_RESET_PER_IP_PER_HOUR


def change_password(client, old, new="another-long-password-7"):
    return client.post(
        "/accounts/password_change/",
        {"old_password": old, "new_password1": new, "new_password2": new},
    )


def test_password_change_locks_after_five_wrong_old_passwords(client, runner, settings):
    client.force_login(runner)
    for _ in range(settings.PASSWORD_CHECK_FAILURE_LIMIT):
        assert "incorrectly" in change_password(client, "guess").content.decode()
    page = change_password(client, PASSWORD).content.decode()  # right, but too late
    assert "Too many wrong passwords" in page
    runner.refresh_from_db()
    assert runner.check_password(PASSWORD)


def test_a_right_old_password_clears_the_count(client, runner, settings):
    client.force_login(runner)
    for _ in range(settings.PASSWORD_CHECK_FAILURE_LIMIT - 1):
        change_password(client, "guess")
    assert change_password(client, PASSWORD).status_code == 302


def test_account_deletion_locks_after_five_wrong_passwords(client, runner, settings):
    client.force_login(runner)
    for _ in range(settings.PASSWORD_CHECK_FAILURE_LIMIT):
        page = client.post("/account/delete/", {"password": "guess"}).content.decode()
        assert "That is not your password." in page
    page = client.post("/account/delete/", {"password": PASSWORD}).content.decode()
    assert "Too many wrong passwords" in page
    runner.refresh_from_db()  # still there


def test_a_password_change_revokes_the_runner_s_api_tokens(client, runner, other_runner):
    _, key = ApiToken.create_for(user=runner, name="watch sync")
    ApiToken.create_for(user=other_runner, name="theirs")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/runs/").status_code == 200
    client.force_login(runner)
    assert change_password(client, PASSWORD).status_code == 302
    assert api.get("/api/v1/runs/").status_code == 401
    assert not ApiToken.objects.for_user(runner).exists()
    assert ApiToken.objects.for_user(other_runner).exists()


def test_a_password_hash_upgrade_at_login_keeps_the_tokens(client, runner, settings):
    """Django rehashes a password when its hasher changes; the password is the same."""
    ApiToken.create_for(user=runner, name="watch sync")
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    client.post("/accounts/login/", {"username": runner.username, "password": PASSWORD})
    runner.refresh_from_db()
    assert runner.password.startswith("pbkdf2_")  # upgraded
    assert ApiToken.objects.for_user(runner).exists()


def proxied(forwarded_for: str, remote="10.0.0.1"):
    return RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded_for)


def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(proxied("1.2.3.4")) == "10.0.0.1"


def test_behind_one_proxy_the_client_is_the_last_forwarded_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "6.6.6.6" itself; the proxy appended what it saw.
    assert client_ip(proxied("6.6.6.6, 203.0.113.7")) == "203.0.113.7"
    assert client_ip(proxied("")) == "10.0.0.1"


def test_behind_a_proxy_five_bad_passwords_from_elsewhere_do_not_lock_the_runner_out(
    client, runner, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": runner.username, "password": "guess"},
            HTTP_X_FORWARDED_FOR="198.51.100.66",
            **proxy,
        )
    response = client.post(
        "/accounts/login/",
        {"username": runner.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.7",
        **proxy,
    )
    assert response.status_code == 302  # signed in: the attacker's address was locked, not theirs
