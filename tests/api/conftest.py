"""Fixtures for the API tests: an API client signed in by token, and one of everything."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from api.models import ApiToken
from knowledge.models import Article, Topic
from tests.tracker.factories import (
    ExerciseFactory,
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)


@pytest.fixture(autouse=True)
def fresh_throttle_counts(db):
    """Throttle counts live in the shared cache (the database by default); each test starts
    with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api(db):
    return APIClient()


@pytest.fixture
def runner_key(runner):
    _, key = ApiToken.create_for(user=runner, name="tests")
    return key


@pytest.fixture
def as_runner(api, runner_key):
    api.credentials(HTTP_AUTHORIZATION=f"Token {runner_key}")
    return api


@pytest.fixture
def as_other_runner(db, other_runner):
    client = APIClient()
    _, key = ApiToken.create_for(user=other_runner, name="tests")
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


@pytest.fixture
def squat(db):
    return ExerciseFactory(name="Squat")


@pytest.fixture
def article(db):
    topic = Topic.objects.create(slug="running", title="Running")
    return Article.objects.create(
        topic=topic,
        title="Does running shrink legs?",
        slug="running-legs",
        summary="Mostly not.",
        body="It **depends** on volume.",
        status=Article.Status.PUBLISHED,
    )


@pytest.fixture
def owned(runner, squat, article):
    """One row of each kind for `runner`, by endpoint."""
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, exercise=squat)
    return {
        "runs": RunFactory(user=runner),
        "strength-sessions": session,
        "measurements": LegMeasurementFactory(user=runner),
        "protein": ProteinEntryFactory(user=runner),
        "exercises": ExerciseFactory(name="Sled push", owner=runner),
        "articles": article,
    }
