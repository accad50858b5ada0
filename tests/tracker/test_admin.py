import pytest

from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSetFactory,
)
from tracker.log.models import get_profile

CHANGELISTS = [
    "/admin/tracker/profile/",
    "/admin/tracker/run/",
    "/admin/tracker/strengthsession/",
    "/admin/tracker/strengthset/",
    "/admin/tracker/legmeasurement/",
    "/admin/tracker/proteinentry/",
]


@pytest.fixture
def logged(runner, squat):
    get_profile(runner)
    return [
        RunFactory(user=runner, notes="hill reps"),
        StrengthSetFactory(session__user=runner, exercise=squat),
        LegMeasurementFactory(user=runner),
        ProteinEntryFactory(user=runner, food="Skyr"),
    ]


@pytest.mark.parametrize("url", CHANGELISTS)
def test_every_model_is_listed_in_the_admin_with_search(client, admin_user, logged, url):
    client.force_login(admin_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert client.get(url, {"q": "rosa"}).context["cl"].result_count == 1
    assert client.get(url, {"q": "nobody-by-that-name"}).context["cl"].result_count == 0


@pytest.mark.parametrize("url", CHANGELISTS[1:])
def test_dated_models_have_a_date_hierarchy(client, admin_user, logged, url):
    client.force_login(admin_user)
    response = client.get(url, {"date__year": "2025"} if "strengthset" not in url else {})
    assert response.status_code == 200
    assert response.context["cl"].date_hierarchy


def test_a_session_is_edited_with_its_sets_inline(client, admin_user, logged):
    client.force_login(admin_user)
    session = logged[1].session
    response = client.get(f"/admin/tracker/strengthsession/{session.pk}/change/")
    assert response.status_code == 200
    assert "sets-0-reps" in response.content.decode()


def test_runners_cannot_open_the_admin(signed_in):
    assert signed_in.get("/admin/tracker/run/").status_code == 302
