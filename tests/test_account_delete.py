"""/account/delete/: with the password, the account and everything in it go; nobody else's."""

import pytest
from django.core.files.base import ContentFile

from api.models import ApiToken
from knowledge.models import Exercise
from tests.factories import PASSWORD
from tests.tracker.factories import (
    ExerciseFactory,
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.transfer.models import ImportJob, ImportUpload


def fill_log(user):
    own = ExerciseFactory(name=f"Sled push {user.username}", owner=user)
    session = StrengthSessionFactory(user=user)
    StrengthSetFactory(session=session, exercise=own)
    RunFactory(user=user)
    LegMeasurementFactory(user=user)
    ProteinEntryFactory(user=user)
    get_profile(user)
    ApiToken.create_for(user=user, name="phone")
    job = ImportJob.objects.create(user=user)
    ImportUpload.objects.create(job=job, name="a.gpx", file=ContentFile(b"<gpx/>", "a.gpx"))
    own.name = "Sled push (renamed)"
    own.save()  # a second history row


@pytest.fixture
def signed_in(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture
def two_logs(runner, other_runner):
    fill_log(runner)
    fill_log(other_runner)
    return runner, other_runner


def counts(user_id):
    return {
        "runs": Run.objects.filter(user_id=user_id).count(),
        "sessions": StrengthSession.objects.filter(user_id=user_id).count(),
        "sets": StrengthSet.objects.filter(session__user_id=user_id).count(),
        "measurements": LegMeasurement.objects.filter(user_id=user_id).count(),
        "protein": ProteinEntry.objects.filter(user_id=user_id).count(),
        "profiles": Profile.objects.filter(user_id=user_id).count(),
        "exercises": Exercise.objects.filter(owner_id=user_id).count(),
        "exercise_history": Exercise.history.filter(owner_id=user_id).count(),
        "tokens": ApiToken.objects.filter(user_id=user_id).count(),
        "imports": ImportJob.objects.filter(user_id=user_id).count(),
        "uploads": ImportUpload.objects.filter(job__user_id=user_id).count(),
    }


def test_the_delete_page_asks_for_the_password_and_offers_an_export(signed_in):
    page = signed_in.get("/account/delete/").content.decode()
    assert 'type="password"' in page
    assert "/account/export/" in page
    assert "cannot be undone" in page


def test_deleting_removes_the_account_and_all_its_data_and_logs_out(client, two_logs):
    runner, other_runner = two_logs
    before_other = counts(other_runner.pk)
    client.force_login(runner)
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert not type(runner).objects.filter(pk=runner.pk).exists()
    assert all(value == 0 for value in counts(runner.pk).values()), counts(runner.pk)
    assert counts(other_runner.pk) == before_other
    assert all(value > 0 for value in before_other.values())
    # Logged out: the log asks for a login again.
    assert client.get("/log/").status_code == 302
    page = client.get("/").content.decode()
    assert "Your account and everything in it have been deleted." in page


def test_a_wrong_password_deletes_nothing(signed_in, two_logs):
    runner, _ = two_logs
    before = counts(runner.pk)
    response = signed_in.post("/account/delete/", {"password": "not-it"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert counts(runner.pk) == before


def test_a_get_deletes_nothing(signed_in, two_logs):
    runner, _ = two_logs
    signed_in.get("/account/delete/")
    assert type(runner).objects.filter(pk=runner.pk).exists()


def test_deleting_needs_a_login(client):
    response = client.post("/account/delete/", {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_account_menu_links_to_export_and_delete(signed_in):
    page = signed_in.get("/log/").content.decode()
    assert 'href="/account/export/">Export data<' in page
    assert 'href="/account/delete/">Delete account<' in page
