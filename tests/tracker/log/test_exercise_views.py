import pytest

from knowledge.models import Exercise
from tests.tracker.factories import ExerciseFactory, MuscleFactory, StrengthSetFactory


@pytest.fixture
def muscles(db):
    return MuscleFactory(name="Glutes"), MuscleFactory(name="Calves")


def test_a_runner_adds_a_private_exercise_with_its_muscles(signed_in, runner, muscles):
    glutes, calves = muscles
    response = signed_in.post(
        "/log/exercises/new/",
        {
            "name": "Sled push",
            "kind": "strength",
            "equipment": "Sled",
            "primary_muscles": [glutes.pk],
            "secondary_muscles": [calves.pk],
        },
    )
    assert response["Location"] == "/log/exercises/"
    exercise = Exercise.objects.get(name="Sled push")
    assert (exercise.owner, exercise.slug) == (runner, "sled-push")
    assert list(exercise.primary_muscles.all()) == [glutes]
    assert list(exercise.secondary_muscles.all()) == [calves]
    assert "Sled push" in signed_in.get("/log/exercises/").content.decode()


def test_an_exercise_needs_a_target_muscle(signed_in):
    response = signed_in.post("/log/exercises/new/", {"name": "Sled push", "kind": "strength"})
    assert response.context["form"].errors["primary_muscles"] == ["Tick at least one muscle."]
    assert not Exercise.objects.exists()


def test_a_guide_exercise_or_my_own_cannot_be_added_twice(signed_in, runner, squat, muscles):
    ExerciseFactory(name="Sled push", owner=runner)
    data = {"kind": "strength", "primary_muscles": [muscles[0].pk]}
    response = signed_in.post("/log/exercises/new/", {**data, "name": "squat"})
    assert response.context["form"].errors["name"] == [
        "The guide already has “squat”: choose it when you log a set."
    ]
    response = signed_in.post("/log/exercises/new/", {**data, "name": "Sled Push"})
    assert response.context["form"].errors["name"] == [
        "You already have an exercise called “Sled Push”."
    ]


def test_another_runner_may_use_the_same_name(signed_in, other_runner, muscles):
    ExerciseFactory(name="Sled push", owner=other_runner)
    signed_in.post(
        "/log/exercises/new/",
        {"name": "Sled push", "kind": "strength", "primary_muscles": [muscles[0].pk]},
    )
    assert Exercise.objects.filter(name="Sled push").count() == 2


def test_the_list_shows_only_my_exercises(signed_in, runner, other_runner, squat):
    ExerciseFactory(name="Mine", owner=runner)
    ExerciseFactory(name="Theirs", owner=other_runner)
    response = signed_in.get("/log/exercises/")
    assert [e.name for e in response.context["exercises"]] == ["Mine"]
    assert "Theirs" not in response.content.decode()


def test_editing_and_deleting_my_exercise(signed_in, runner, muscles):
    exercise = ExerciseFactory(name="Sled push", owner=runner)
    signed_in.post(
        f"/log/exercises/{exercise.pk}/edit/",
        {"name": "Heavy sled push", "kind": "strength", "primary_muscles": [muscles[1].pk]},
    )
    exercise.refresh_from_db()
    assert (exercise.name, exercise.slug) == ("Heavy sled push", "heavy-sled-push")
    assert signed_in.post(f"/log/exercises/{exercise.pk}/delete/")["Location"] == "/log/exercises/"
    assert not Exercise.objects.filter(pk=exercise.pk).exists()


def test_an_exercise_in_use_is_not_deleted(signed_in, runner):
    exercise = ExerciseFactory(name="Sled push", owner=runner)
    StrengthSetFactory(session__user=runner, exercise=exercise)
    assert (
        "used in 1 set" in signed_in.get(f"/log/exercises/{exercise.pk}/delete/").content.decode()
    )
    response = signed_in.post(f"/log/exercises/{exercise.pk}/delete/", follow=True)
    assert "cannot be deleted" in response.content.decode()
    assert Exercise.objects.filter(pk=exercise.pk).exists()


@pytest.mark.parametrize("url", ["/log/exercises/{pk}/edit/", "/log/exercises/{pk}/delete/"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_runners_exercise_is_a_404_and_stays_unchanged(
    client, runner, other_runner, muscles, url, method
):
    theirs = ExerciseFactory(name="Secret lunge", owner=other_runner)
    client.force_login(runner)
    data = {"name": "Stolen", "kind": "strength", "primary_muscles": [muscles[0].pk]}
    response = getattr(client, method)(url.format(pk=theirs.pk), data)
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.name, theirs.owner) == ("Secret lunge", other_runner)


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_guide_exercise_cannot_be_edited_or_deleted_here(signed_in, squat, method):
    for url in (f"/log/exercises/{squat.pk}/edit/", f"/log/exercises/{squat.pk}/delete/"):
        assert getattr(signed_in, method)(url, {"name": "Squat!"}).status_code == 404
    squat.refresh_from_db()
    assert squat.name == "Squat"
