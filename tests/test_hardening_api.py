"""The API and the pages under hostile values and hostile clients: subnormal, NaN and infinite
numbers, errors that must stay JSON, caches that must not keep private pages, and throttle
counts that must hold across processes (gunicorn workers, machines)."""

import json
import os
import subprocess
import sys
import textwrap
import uuid

import pytest
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.tracker.factories import RunFactory
from tracker.log.models import Run

pytestmark = pytest.mark.django_db
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture
def signed_in(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture
def api(runner):
    client = APIClient()
    _, key = ApiToken.create_for(user=runner, name="tests")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


RUN = {"date": "2026-11-20", "duration_s": 1800, "run_type": "easy", "surface": "road"}


@pytest.mark.parametrize("distance", [2.2e-313, 5e-324, 1e-9, 0.5])
def test_the_api_refuses_a_subnormal_or_sub_metre_distance(api, runner, distance):
    response = api.post("/api/v1/runs/", {**RUN, "distance_m": distance}, format="json")
    assert response.status_code == 400
    assert "distance_m" in response.json()
    assert not Run.objects.for_user(runner).exists()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_the_api_refuses_nan_and_infinity(api, runner, constant):
    body = json.dumps({**RUN, "distance_m": 5000}).replace("5000", constant)
    response = api.post("/api/v1/runs/", body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert not Run.objects.for_user(runner).exists()


def test_pages_survive_a_run_saved_with_a_subnormal_distance_before_the_fix(signed_in, api, runner):
    """Rows from before the bounds held: pace and speed are missing, not a 500."""
    run = RunFactory(user=runner, distance_m=2.2e-313, duration_s=1800)
    for url in ["/log/", "/log/runs/", f"/log/runs/{run.pk}/", "/progress/"]:
        assert signed_in.get(url).status_code == 200, url
    response = api.get("/api/v1/runs/")
    assert response.status_code == 200
    assert response.json()["results"][0]["pace_s_per_km"] is None
    data = signed_in.get("/progress/data/")
    assert data.status_code == 200
    json.loads(data.content, parse_constant=pytest.fail)  # strict JSON: no Infinity, no NaN


def test_an_unknown_api_url_answers_json_404(api):
    response = api.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_crash_in_the_api_answers_json_500(runner, monkeypatch):
    from api import views

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(views.RunViewSet, "list", explode)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(runner)
    response = client.get("/api/v1/runs/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert "detail" in response.json()


def test_a_page_outside_the_api_still_answers_html_404(signed_in):
    response = signed_in.get("/log/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("url", ["/settings/", "/account/export/", "/settings/api-tokens/"])
def test_pages_with_private_data_or_a_new_key_are_never_cached(signed_in, url):
    response = signed_in.get(url)
    assert response.status_code == 200
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "private" in cache_control


def test_the_schema_says_a_typed_run_has_an_empty_source_format(api, runner):
    RunFactory(user=runner)
    assert api.get("/api/v1/runs/").json()["results"][0]["source_format"] == ""
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    field = schema["components"]["schemas"]["Run"]["properties"]["source_format"]
    refs = [option["$ref"].rsplit("/", 1)[1] for option in field.get("oneOf", [])]
    assert "" in schema["components"]["schemas"][refs[1]]["enum"]


THROTTLE_SCRIPT = textwrap.dedent(
    """
    import json, os, sys, types
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import RequestFactory
    from api.throttling import SharedUserRateThrottle as UserRateThrottle
    call_command("createcachetable", verbosity=0)
    request = RequestFactory().get("/api/v1/runs/")
    request.user = types.SimpleNamespace(is_authenticated=True, pk=7)
    allowed = [UserRateThrottle().allow_request(request, None) for _ in range(3)]
    print(json.dumps(allowed))
    """
)


def throttled_in_a_new_process(env) -> list[bool]:
    result = subprocess.run(
        [sys.executable, "-c", THROTTLE_SCRIPT],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def redis_answers() -> bool:
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_two_processes_share_one_throttle_count(tmp_path, backend):
    """Two processes, as two gunicorn workers or two machines: 5 an hour in all, not each."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "legsite.settings",
        "LEGSITE_VAR_DIR": str(tmp_path),
        # An hour: the two processes start some seconds apart, on a busy machine a minute.
        "API_USER_RATE": "5/hour",
        "CACHE_KEY_PREFIX": f"throttle-test-{uuid.uuid4().hex}",
    }
    env.pop("DATABASE_URL", None)
    if backend == "redis":
        if not redis_answers():
            pytest.skip("no Redis on 127.0.0.1:6379")
        env["REDIS_URL"] = "redis://127.0.0.1:6379/15"
    else:
        env.pop("REDIS_URL", None)
    first = throttled_in_a_new_process(env)
    second = throttled_in_a_new_process(env)
    assert first == [True, True, True]
    assert second == [True, True, False]


def test_simultaneous_calls_on_redis_let_exactly_the_rate_through(settings):
    """The count is one atomic INCR: 8 threads racing for 50 calls get exactly 50."""
    import threading
    import types

    from django.test import RequestFactory

    from api.throttling import SharedUserRateThrottle

    if not redis_answers():
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"race-{uuid.uuid4().hex}",
        }
    }
    request = RequestFactory().get("/api/v1/runs/")
    request.user = types.SimpleNamespace(is_authenticated=True, pk=99)
    allowed = []

    class Throttle(SharedUserRateThrottle):
        rate = "50/minute"
        # One fixed moment: on a busy machine the threads could otherwise straddle a minute's
        # edge and be counted in two windows (58 let through, not a lost increment).
        timer = staticmethod(lambda: 1_800_000_000.0)

    def hammer():
        for _ in range(20):
            allowed.append(Throttle().allow_request(request, None))

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 50
