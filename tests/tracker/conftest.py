"""Fixtures for the training log's tests: a signed-in client and a few guide exercises."""

import pytest

from tests.tracker.factories import ExerciseFactory, MuscleFactory


@pytest.fixture
def signed_in(client, runner):
    client.force_login(runner)
    return client


@pytest.fixture
def squat(db):
    return ExerciseFactory(name="Squat", primary_muscles=[MuscleFactory(name="Quadriceps")])


@pytest.fixture
def deadlift(db):
    return ExerciseFactory(name="Deadlift", primary_muscles=[MuscleFactory(name="Hamstrings")])
