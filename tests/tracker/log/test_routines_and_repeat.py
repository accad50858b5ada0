"""Fast strength entry: routines (the guide's and a runner's own) and "repeat last session"
fill in a new session's sets; saving a session as a routine."""

import datetime

from knowledge.models import Routine, RoutineExercise
from tests.tracker.factories import StrengthSessionFactory, StrengthSetFactory
from tracker.log.models import PrivateRoutine, Profile, StrengthSession, get_profile

NEW = "/log/strength/new/"


def rows(response):
    """The set rows the form offers, as (exercise id, reps, weight, reps in reserve)."""
    formset = response.context["formset"]
    return [
        (f.initial.get("exercise"), f.initial.get("reps"), f.initial.get("weight"),
         f.initial.get("reps_in_reserve"))
        for f in formset.forms
    ]  # fmt: skip


def guide_routine(squat, deadlift):
    routine = Routine.objects.create(name="Basics", slug="basics", summary="Legs.")
    RoutineExercise.objects.create(routine=routine, exercise=squat, order=0, sets=2, reps=8,
                                   reps_in_reserve=3)  # fmt: skip
    RoutineExercise.objects.create(routine=routine, exercise=deadlift, order=1, sets=1, reps=5)
    return routine


def test_a_guide_routine_fills_in_its_sets_with_the_last_weights(
    signed_in, runner, squat, deadlift
):
    routine = guide_routine(squat, deadlift)
    old = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 1))
    StrengthSetFactory(session=old, exercise=squat, reps=5, weight_kg=80)
    newer = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 8))
    StrengthSetFactory(session=newer, exercise=squat, reps=5, weight_kg=90)

    response = signed_in.get(NEW, {"routine": routine.pk})

    assert rows(response) == [
        (squat.pk, 8, 90.0, 3),
        (squat.pk, 8, 90.0, 3),
        (deadlift.pk, 5, None, None),  # never lifted: no weight to suggest
    ]
    assert "Sets filled in from the routine “Basics”" in response.content.decode()


def test_the_routine_weights_are_in_the_runners_units(signed_in, runner, squat, deadlift):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    routine = guide_routine(squat, deadlift)
    StrengthSetFactory(session__user=runner, exercise=squat, weight_kg=100)

    assert rows(signed_in.get(NEW, {"routine": routine.pk}))[0][2] == 220.46


def test_repeat_last_session_fills_in_its_sets_and_saving_adds_a_new_session(
    signed_in, runner, squat, deadlift
):
    last = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 8))
    StrengthSetFactory(session=last, exercise=squat, order=0, reps=5, weight_kg=100)
    StrengthSetFactory(session=last, exercise=deadlift, order=1, reps=3, weight_kg=140,
                       reps_in_reserve=1)  # fmt: skip

    page = signed_in.get(NEW).content.decode()
    assert f'href="?repeat={last.pk}" id="repeat-last">Repeat your last session' in page
    response = signed_in.get(NEW, {"repeat": last.pk})
    assert rows(response) == [(squat.pk, 5, 100.0, None), (deadlift.pk, 3, 140.0, 1)]

    # Saving the filled-in rows unchanged keeps them all.
    post = {
        "date": "2025-03-11",
        "effort": "",
        "notes": "",
        "sets-TOTAL_FORMS": "2",
        "sets-INITIAL_FORMS": "0",
        "sets-MIN_NUM_FORMS": "1",
        "sets-MAX_NUM_FORMS": "50",
    }
    for n, (exercise, reps, weight, reserve) in enumerate(rows(response)):
        post |= {
            f"sets-{n}-exercise": exercise,
            f"sets-{n}-reps": reps,
            f"sets-{n}-weight": weight,
            f"sets-{n}-reps_in_reserve": "" if reserve is None else reserve,
        }
    signed_in.post(NEW, post)
    repeated = StrengthSession.objects.for_user(runner).get(date=datetime.date(2025, 3, 11))
    assert [(s.exercise_id, s.reps, s.weight_kg) for s in repeated.sets.all()] == [
        (squat.pk, 5, 100.0),
        (deadlift.pk, 3, 140.0),
    ]


def test_another_runners_session_or_routine_fills_in_nothing(
    signed_in, runner, other_runner, squat
):
    theirs = StrengthSessionFactory(user=other_runner)
    StrengthSetFactory(session=theirs, exercise=squat, weight_kg=200)
    their_routine = PrivateRoutine.objects.create(owner=other_runner, name="Mine", slug="mine")
    RoutineExercise.objects.create(routine=their_routine, exercise=squat, sets=5, reps=5)

    for query in ({"repeat": theirs.pk}, {"routine": their_routine.pk}, {"routine": "x"}):
        response = signed_in.get(NEW, query)
        assert response.status_code == 200
        assert response.context["started_from"] is None
        assert all(row == (None, None, None, None) for row in rows(response))
    assert signed_in.get(f"/log/routines/{their_routine.pk}/delete/").status_code == 404
    assert "Mine" not in signed_in.get("/log/routines/").content.decode()


def test_a_session_saved_as_a_routine_keeps_its_exercises_and_targets(
    signed_in, runner, squat, deadlift
):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, exercise=squat, order=0, reps=8, reps_in_reserve=2)
    StrengthSetFactory(session=session, exercise=squat, order=1, reps=6)
    StrengthSetFactory(session=session, exercise=deadlift, order=2, reps=5)

    response = signed_in.post(f"/log/strength/{session.pk}/routine/", {"name": "Tuesday legs"})

    assert response["Location"] == "/log/routines/"
    routine = PrivateRoutine.objects.for_user(runner).get()
    assert routine.name == "Tuesday legs"
    assert [(i.exercise_id, i.sets, i.reps, i.reps_in_reserve) for i in routine.items.all()] == [
        (squat.pk, 2, 8, 2),
        (deadlift.pk, 1, 5, None),
    ]
    again = signed_in.post(f"/log/strength/{session.pk}/routine/", {"name": "Tuesday legs"})
    assert PrivateRoutine.objects.for_user(runner).count() == 1
    assert again.status_code == 302
    page = signed_in.get("/log/routines/").content.decode()
    assert "Tuesday legs" in page
    assert f'href="/log/strength/new/?routine={routine.pk}"' in page


def test_the_routines_page_lists_the_guides_routines_to_start(signed_in, squat, deadlift):
    routine = guide_routine(squat, deadlift)
    page = signed_in.get("/log/routines/").content.decode()
    assert "Basics" in page
    assert "Squat: 2 × 8, 3 in reserve" in page
    assert f'href="/log/strength/new/?routine={routine.pk}"' in page


def test_a_runner_deletes_their_own_routine(signed_in, runner):
    routine = PrivateRoutine.objects.create(owner=runner, name="Old", slug="old")
    assert signed_in.get(f"/log/routines/{routine.pk}/delete/").status_code == 200
    signed_in.post(f"/log/routines/{routine.pk}/delete/")
    assert not PrivateRoutine.objects.filter(pk=routine.pk).exists()
