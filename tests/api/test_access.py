"""Every endpoint and method: the owner may, another runner gets 404, nobody signed in 401."""

import pytest

from knowledge.models import Article, Exercise
from tracker.log.models import LegMeasurement, ProteinEntry, Run, StrengthSession

WRITABLE = ["runs", "strength-sessions", "measurements", "protein"]
READ_ONLY = ["exercises", "articles"]
MODELS = {
    "runs": Run,
    "strength-sessions": StrengthSession,
    "measurements": LegMeasurement,
    "protein": ProteinEntry,
    "exercises": Exercise,
    "articles": Article,
}


def payload(endpoint, squat):
    return {
        "runs": {"date": "2025-03-11", "distance_m": 5000, "duration_s": 1500},
        "strength-sessions": {
            "date": "2025-03-11",
            "sets": [{"exercise": squat.pk, "reps": 5, "weight_kg": 60}],
        },
        "measurements": {"date": "2025-03-11", "thigh_left_cm": 56},
        "protein": {"date": "2025-03-11", "protein_g": 30},
    }[endpoint]


def snapshot(obj):
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("endpoint", WRITABLE + READ_ONLY)
def test_the_owner_lists_and_reads_their_own(as_runner, owned, endpoint):
    listing = as_runner.get(f"/api/v1/{endpoint}/")
    assert listing.status_code == 200
    assert owned[endpoint].pk in [row["id"] for row in listing.json()["results"]]
    detail = as_runner.get(f"/api/v1/{endpoint}/{owned[endpoint].pk}/")
    assert detail.status_code == 200


@pytest.mark.parametrize("endpoint", WRITABLE)
def test_the_owner_creates_updates_and_deletes(as_runner, runner, owned, squat, endpoint):
    created = as_runner.post(f"/api/v1/{endpoint}/", payload(endpoint, squat), format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert MODELS[endpoint].objects.get(pk=pk).user == runner
    replaced = as_runner.put(f"/api/v1/{endpoint}/{pk}/", payload(endpoint, squat), format="json")
    assert replaced.status_code == 200, replaced.json()
    patched = as_runner.patch(f"/api/v1/{endpoint}/{pk}/", {"date": "2025-03-09"}, format="json")
    assert patched.status_code == 200, patched.json()
    assert patched.json()["date"] == "2025-03-09"
    assert as_runner.delete(f"/api/v1/{endpoint}/{pk}/").status_code == 204
    assert not MODELS[endpoint].objects.filter(pk=pk).exists()


@pytest.mark.parametrize("endpoint", WRITABLE + ["exercises"])
@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_another_runner_gets_404_and_changes_nothing(
    as_other_runner, owned, squat, endpoint, method
):
    obj = owned[endpoint]
    before = snapshot(obj)
    data = payload(endpoint, squat) if endpoint in WRITABLE else {}
    response = getattr(as_other_runner, method)(
        f"/api/v1/{endpoint}/{obj.pk}/", data, format="json"
    )
    expected = 405 if endpoint == "exercises" and method != "get" else 404
    assert response.status_code == expected
    assert snapshot(obj) == before
    listing = as_other_runner.get(f"/api/v1/{endpoint}/").json()["results"]
    assert obj.pk not in [row["id"] for row in listing]


@pytest.mark.parametrize("endpoint", WRITABLE + READ_ONLY)
@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_nobody_signed_in_gets_401_with_a_token_challenge(api, owned, endpoint, method):
    obj = owned[endpoint]
    before = snapshot(obj)
    url = f"/api/v1/{endpoint}/" if method == "post" else f"/api/v1/{endpoint}/{obj.pk}/"
    response = getattr(api, method)(url, {}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert snapshot(obj) == before


def test_nobody_signed_in_gets_401_for_lists(api):
    for url in [f"/api/v1/{e}/" for e in WRITABLE + READ_ONLY]:
        assert api.get(url).status_code == 401, url


@pytest.mark.parametrize("endpoint", READ_ONLY)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_guide_is_read_only(as_runner, owned, endpoint, method):
    url = (
        f"/api/v1/{endpoint}/" if method == "post" else f"/api/v1/{endpoint}/{owned[endpoint].pk}/"
    )
    assert getattr(as_runner, method)(url, {}, format="json").status_code == 405


def test_a_draft_article_is_not_found(as_runner, article):
    article.status = Article.Status.DRAFT
    article.save()
    assert as_runner.get(f"/api/v1/articles/{article.pk}/").status_code == 404


def test_a_revoked_or_wrong_token_is_refused(api, runner, runner_key, client):
    api.credentials(HTTP_AUTHORIZATION=f"Token {runner_key}")
    assert api.get("/api/v1/runs/").status_code == 200
    client.force_login(runner)
    token = runner.api_tokens.get()
    client.post(f"/settings/api-tokens/{token.pk}/revoke/")
    response = api.get("/api/v1/runs/")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid or revoked token."}
    api.credentials(HTTP_AUTHORIZATION="Token lgs_nope")
    assert api.get("/api/v1/runs/").status_code == 401


def test_a_signed_in_session_works_and_keeps_csrf(runner):
    from rest_framework.test import APIClient

    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(runner)
    assert browser.get("/api/v1/runs/").status_code == 200
    response = browser.post(
        "/api/v1/protein/", {"date": "2025-03-11", "protein_g": 20}, format="json"
    )
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
