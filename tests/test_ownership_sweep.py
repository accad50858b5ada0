"""The ownership sweep: every URL pattern that takes an object id, in the site and the API,
answers 404 to another signed-in runner for every method it accepts, and leaves the object as it
was. A new pattern with an id fails the first test until it is added to OWNED below."""

import pytest
from django.forms.models import model_to_dict
from django.http import FileResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from api.models import ApiToken
from tests.tracker.factories import (
    CrossTrainingFactory,
    ExerciseFactory,
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    ShoeFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)
from tracker.log.models import PrivateRoutine
from tracker.transfer.models import ImportJob

WEB = ["get", "post"]
API = ["get", "put", "patch", "delete"]


def make_session(owner):
    session = StrengthSessionFactory(user=owner, notes="mine")
    StrengthSetFactory(session=session, exercise=ExerciseFactory(owner=owner))
    return session


def make_job(owner):
    return ImportJob.objects.create(user=owner, upload_names="run.gpx", total_files=1)


def make_recorded_run(owner):
    """A run imported from a real watch file: it has a recording and its original file."""
    from tests.samples import SAMPLES
    from tracker.transfer.imports import import_files

    path = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
    import_files(user=owner, files=[(path.name, path.read_bytes())])
    return owner.runs.get(source_name=path.name)


def make_token(owner):
    return ApiToken.create_for(user=owner, name="watch sync")[0]


# URL name -> (make the owner's object, methods to try). Every id-taking pattern is here.
OWNED = {
    "tracker:run_detail": (lambda o: RunFactory(user=o, notes="mine"), ["get"]),
    "tracker:run_update": (lambda o: RunFactory(user=o, notes="mine"), WEB),
    "tracker:run_delete": (lambda o: RunFactory(user=o, notes="mine"), WEB),
    "tracker:run_original": (make_recorded_run, ["get"]),
    "tracker:run_date": (lambda o: RunFactory(user=o, notes="mine", needs_date=True), ["post"]),
    "tracker:run_to_cross_training": (lambda o: RunFactory(user=o, notes="mine"), ["post"]),
    "tracker:cross_training_to_run": (
        lambda o: CrossTrainingFactory(user=o, notes="mine", distance_m=20_000),
        ["post"],
    ),
    "tracker:strength_detail": (make_session, ["get"]),
    "tracker:strength_update": (make_session, WEB),
    "tracker:strength_delete": (make_session, WEB),
    "tracker:measurement_detail": (lambda o: LegMeasurementFactory(user=o), ["get"]),
    "tracker:measurement_update": (lambda o: LegMeasurementFactory(user=o), WEB),
    "tracker:measurement_delete": (lambda o: LegMeasurementFactory(user=o), WEB),
    "tracker:protein_detail": (lambda o: ProteinEntryFactory(user=o), ["get"]),
    "tracker:protein_update": (lambda o: ProteinEntryFactory(user=o), WEB),
    "tracker:protein_delete": (lambda o: ProteinEntryFactory(user=o), WEB),
    "tracker:cross_training_detail": (
        lambda o: CrossTrainingFactory(user=o, notes="mine"),
        ["get"],
    ),
    "tracker:cross_training_update": (lambda o: CrossTrainingFactory(user=o, notes="mine"), WEB),
    "tracker:cross_training_delete": (lambda o: CrossTrainingFactory(user=o, notes="mine"), WEB),
    "api:cross-training-detail": (lambda o: CrossTrainingFactory(user=o, notes="mine"), API),
    "tracker:exercise_update": (lambda o: ExerciseFactory(owner=o), WEB),
    "tracker:exercise_delete": (lambda o: ExerciseFactory(owner=o), WEB),
    "tracker:routine_from_session": (make_session, ["post"]),
    "tracker:routine_delete": (
        lambda o: PrivateRoutine.objects.create(owner=o, name="Hill legs", slug="hill-legs"),
        WEB,
    ),
    "tracker:import_detail": (make_job, ["get"]),
    "api:import-detail": (make_job, ["get"]),
    "tracker:import_status": (make_job, ["get"]),
    "api_tokens:revoke": (make_token, ["post"]),
    "api:run-detail": (lambda o: RunFactory(user=o, notes="mine"), API),
    "api:run-stream": (make_recorded_run, ["get"]),
    "api:strength-session-detail": (make_session, API),
    "api:measurement-detail": (lambda o: LegMeasurementFactory(user=o), API),
    "api:protein-detail": (lambda o: ProteinEntryFactory(user=o), API),
    # Read-only; the guide's exercises are public, a runner's private ones are not.
    "api:exercise-detail": (lambda o: ExerciseFactory(owner=o), ["get"]),
    "tracker:shoe_update": (lambda o: ShoeFactory(user=o), WEB),
    "tracker:shoe_retire": (lambda o: ShoeFactory(user=o), ["post"]),
    "tracker:shoe_delete": (lambda o: ShoeFactory(user=o), WEB),
    "api:shoe-detail": (lambda o: ShoeFactory(user=o), API),
}
# Id-taking patterns whose objects belong to nobody: published guide articles.
PUBLIC = {"api:article-detail"}


def id_patterns(patterns=None, namespace=None):
    """(URL name, takes a format suffix) for every pattern with a `pk` in it."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from id_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and "pk" in pattern.pattern.regex.groupindex:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, "format" in pattern.pattern.regex.groupindex


def test_every_pattern_with_an_object_id_is_in_the_sweep():
    names = {name for name, _ in id_patterns()}
    assert names, "the walk found no patterns"
    missing = names - OWNED.keys() - PUBLIC
    assert missing == set(), f"add these to OWNED in {__file__}: {sorted(missing)}"


def snapshot(obj):
    obj.refresh_from_db()
    return model_to_dict(obj)


@pytest.mark.parametrize("name", sorted(OWNED))
def test_another_runner_gets_404_and_the_object_is_unchanged(name, runner, other_runner):
    make, methods = OWNED[name]
    obj = make(runner)
    before = snapshot(obj)
    urls = [reverse(name, kwargs={"pk": obj.pk})]
    if name.startswith("api:"):
        urls.append(reverse(name, kwargs={"pk": obj.pk, "format": "json"}))
        client = APIClient()
        client.force_authenticate(other_runner)
    else:
        client = Client()
        client.force_login(other_runner)
    for url in urls:
        for method in methods:
            response = getattr(client, method)(url, {"notes": "theirs", "protein_g": 1})
            assert response.status_code == 404, (method, url, response.status_code)
    assert snapshot(obj) == before


def test_the_owner_reaches_each_object_so_the_404s_mean_something(runner):
    client = Client()
    client.force_login(runner)
    api = APIClient()
    api.force_authenticate(runner)
    for name, (make, methods) in OWNED.items():
        if "get" in methods:
            url = reverse(name, kwargs={"pk": make(runner).pk})
            response = (api if name.startswith("api:") else client).get(url)
            if isinstance(response, FileResponse):
                # The original watch file's download holds its file open. response.close()
                # would also send request_finished, which closes the test's database
                # connection, so only the response's own resources are closed.
                for close in response._resource_closers:
                    close()
            assert response.status_code == 200, (name, response.status_code)
