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


@pytest.fixture
def guideline(db):
    """Makes a guideline (and the article it links to) without loading the whole guide."""
    from knowledge.models import Article, Guideline, Topic

    def make(
        *, key, minimum=None, maximum=None, value=None, unit="", slug="overtraining-and-recovery"
    ):
        topic, _ = Topic.objects.get_or_create(slug="training", defaults={"title": "Training"})
        article, _ = Article.objects.get_or_create(
            slug=slug,
            defaults={
                "topic": topic,
                "title": slug.replace("-", " ").capitalize(),
                "summary": "Summary.",
                "body": "Body.",
                "status": "published",
            },
        )
        return Guideline.objects.create(
            key=key,
            name=key,
            minimum=minimum,
            maximum=maximum,
            value=value,
            unit=unit,
            article=article,
        )

    return make
