import datetime

import pytest

from tests.tracker.factories import ExerciseFactory, StrengthSessionFactory, StrengthSetFactory
from tracker.log.models import Profile, StrengthSession, StrengthSet, get_profile


def session_data(sets, initial=0, **overrides):
    """POST data for the session form; `sets` are dicts of exercise, reps, weight, ..."""
    data = {
        "date": "2025-03-10",
        "effort": "7",
        "notes": "",
        "sets-TOTAL_FORMS": str(len(sets)),
        "sets-INITIAL_FORMS": str(initial),
        "sets-MIN_NUM_FORMS": "1",
        "sets-MAX_NUM_FORMS": "50",
    }
    for index, fields in enumerate(sets):
        for name, value in fields.items():
            data[f"sets-{index}-{name}"] = value
    return {**data, **overrides}


def a_set(exercise, reps="5", weight="100", **more):
    return {"exercise": str(exercise.pk), "reps": reps, "weight": weight, **more}


def test_a_session_with_three_sets_is_saved_in_order(signed_in, runner, squat, deadlift):
    response = signed_in.post(
        "/log/strength/new/",
        session_data(
            [
                a_set(squat, "5", "100"),
                a_set(squat, "3", "110"),
                a_set(deadlift, "8", "60", reps_in_reserve="2"),
            ]
        ),
    )
    session = StrengthSession.objects.get()
    assert response["Location"] == f"/log/strength/{session.pk}/"
    assert session.user == runner
    assert [(s.exercise, s.reps, s.weight_kg, s.order) for s in session.sets.all()] == [
        (squat, 5, 100, 0),
        (squat, 3, 110, 1),
        (deadlift, 8, 60, 2),
    ]
    assert session.sets.last().reps_in_reserve == 2


def test_the_session_page_shows_volume_estimated_1rm_and_records(signed_in, runner, squat):
    earlier = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 1))
    StrengthSetFactory(session=earlier, exercise=squat, reps=5, weight_kg=90)
    session = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 8))
    StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100, order=0)
    StrengthSetFactory(session=session, exercise=squat, reps=12, weight_kg=0, order=1)
    page = signed_in.get(f"/log/strength/{session.pk}/").content.decode()
    assert "500.0 kg" in page  # volume 5 × 100 + 12 × 0
    assert "116.7 kg" in page  # Epley 100 × (1 + 5/30)
    assert "Body weight" in page
    assert page.count(">PR<") == 1


def test_imperial_weights_are_entered_and_shown_in_pounds(signed_in, runner, squat):
    profile = get_profile(runner)
    profile.units = Profile.Units.IMPERIAL
    profile.save()
    signed_in.post("/log/strength/new/", session_data([a_set(squat, "5", "225")]))
    strength_set = StrengthSet.objects.get()
    assert strength_set.weight_kg == pytest.approx(102.0583, abs=1e-4)  # 225 × 0.45359237
    page = signed_in.get(strength_set.session.get_absolute_url()).content.decode()
    assert "225.0 lb" in page
    assert "1,125.0 lb" in page  # volume


def test_empty_extra_rows_are_ignored(signed_in, squat):
    signed_in.post("/log/strength/new/", session_data([a_set(squat), {}, {}]))
    assert StrengthSet.objects.count() == 1


def test_a_session_without_sets_is_refused(signed_in):
    response = signed_in.post("/log/strength/new/", session_data([{}, {}, {}]))
    assert response.status_code == 200
    assert "Add at least one set." in response.content.decode()
    assert not StrengthSession.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"reps": "0"}, "reps", "Enter from 1 to 100 reps."),
        ({"reps": "-3"}, "reps", "Enter from 1 to 100 reps."),
        ({"reps": "99999"}, "reps", "Enter from 1 to 100 reps."),
        ({"reps_in_reserve": "-1"}, "reps_in_reserve", "Enter from 0 to 10 reps in reserve."),
        ({"reps": "101"}, "reps", "Enter from 1 to 100 reps."),
        ({"weight": "-5"}, "weight", "Enter a weight from 0 (body weight) up to 1,000 kg."),
        ({"weight": "1200"}, "weight", "Enter a weight from 0 (body weight) up to 1,000 kg."),
        ({"weight": ""}, "weight", "This field is required."),
        ({"reps_in_reserve": "11"}, "reps_in_reserve", "Enter from 0 to 10 reps in reserve."),
        ({"exercise": "999999"}, "exercise", "Choose an exercise from the list."),
        ({"exercise": "squat"}, "exercise", "Choose an exercise from the list."),
    ],
)
def test_an_invalid_set_saves_nothing(signed_in, squat, fields, field, message):
    data = session_data([a_set(squat), {**a_set(squat), **fields}])
    response = signed_in.post("/log/strength/new/", data)
    assert response.status_code == 200
    assert response.context["formset"].forms[1].errors[field] == [message]
    assert not StrengthSession.objects.exists()
    assert not StrengthSet.objects.exists()


@pytest.mark.parametrize("total", ["51", "99999999999999999999"])
def test_more_than_50_sets_are_refused_and_at_most_50_rows_come_back(signed_in, squat, total):
    data = session_data([a_set(squat)] * 51, **{"sets-TOTAL_FORMS": total})
    response = signed_in.post("/log/strength/new/", data)
    assert response.status_code == 200
    assert response.context["formset"].non_form_errors() == ["A session can have at most 50 sets."]
    assert len(response.context["formset"].forms) == 50
    assert not StrengthSession.objects.exists()


def test_a_body_weight_set_is_accepted(signed_in, squat):
    signed_in.post("/log/strength/new/", session_data([a_set(squat, "12", "0")]))
    assert StrengthSet.objects.get().weight_kg == 0


def test_another_runners_private_exercise_is_refused(signed_in, other_runner, squat):
    theirs = ExerciseFactory(name="Secret lunge", owner=other_runner)
    page = signed_in.get("/log/strength/new/").content.decode()
    assert "Secret lunge" not in page
    response = signed_in.post("/log/strength/new/", session_data([a_set(theirs)]))
    assert response.context["formset"].forms[0].errors["exercise"] == [
        "Choose an exercise from the list."
    ]
    assert not StrengthSession.objects.exists()


def test_my_private_exercise_is_offered_and_accepted(signed_in, runner, squat):
    mine = ExerciseFactory(name="Sled push", owner=runner)
    page = signed_in.get("/log/strength/new/").content.decode()
    assert '<optgroup label="Your exercises">' in page
    assert "Sled push" in page
    signed_in.post("/log/strength/new/", session_data([a_set(mine)]))
    assert StrengthSet.objects.get().exercise == mine


def test_the_form_offers_three_rows_and_an_empty_row_template(signed_in, squat):
    response = signed_in.get("/log/strength/new/")
    assert len(response.context["formset"].forms) == 3
    page = response.content.decode()
    assert 'name="sets-__prefix__-exercise"' in page
    assert "js/tracker-strength.js" in page


def test_editing_removes_changes_and_adds_sets_together(signed_in, runner, squat, deadlift):
    session = StrengthSessionFactory(user=runner, date=datetime.date(2025, 3, 1))
    first = StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100, order=0)
    second = StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100, order=1)
    form = signed_in.get(f"/log/strength/{session.pk}/edit/").context["formset"]
    assert len(form.forms) == 3  # two sets and one empty row
    data = session_data(
        [
            {**a_set(squat), "id": str(first.pk), "DELETE": "on"},
            {**a_set(squat, "4", "105"), "id": str(second.pk)},
            a_set(deadlift, "6", "80"),
        ],
        initial=2,
        notes="Heavier",
    )
    response = signed_in.post(f"/log/strength/{session.pk}/edit/", data)
    assert response["Location"] == f"/log/strength/{session.pk}/"
    session.refresh_from_db()
    assert session.notes == "Heavier"
    assert [(s.pk, s.exercise, s.reps, s.weight_kg, s.order) for s in session.sets.all()] == [
        (second.pk, squat, 4, 105, 0),
        (second.pk + 1, deadlift, 6, 80, 1),
    ]


def test_deleting_a_session_deletes_its_sets(signed_in, runner):
    strength_set = StrengthSetFactory(session__user=runner)
    session = strength_set.session
    assert (
        "1 set will be deleted"
        in signed_in.get(f"/log/strength/{session.pk}/delete/").content.decode()
    )
    response = signed_in.post(f"/log/strength/{session.pk}/delete/")
    assert response["Location"] == "/log/strength/"
    assert not StrengthSession.objects.exists()
    assert not StrengthSet.objects.exists()


def test_the_list_shows_volume_and_personal_records(signed_in, runner, squat):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory(session=session, exercise=squat, reps=5, weight_kg=100)
    StrengthSetFactory(session=session, exercise=squat, reps=8, weight_kg=60)
    response = signed_in.get("/log/strength/")
    (listed,) = response.context["page"]
    assert listed.volume_kg == 980  # 500 + 480
    page = response.content.decode()
    assert "980.0 kg" in page
    assert "Personal records" in page
    assert "116.7 kg" in page  # best estimated 1RM


def test_the_list_filters_by_date_and_hides_other_runners(signed_in, runner, other_runner):
    StrengthSessionFactory(user=runner, date=datetime.date(2025, 1, 5))
    StrengthSessionFactory(user=runner, date=datetime.date(2025, 2, 5))
    StrengthSessionFactory(user=other_runner, date=datetime.date(2025, 2, 6))
    response = signed_in.get("/log/strength/", {"start": "2025-02-01"})
    assert [s.date for s in response.context["page"]] == [datetime.date(2025, 2, 5)]


def test_a_new_runner_is_guided_to_the_first_session(signed_in):
    assert "Log your first session" in signed_in.get("/log/strength/").content.decode()


@pytest.mark.parametrize("sessions", [1, 20])
def test_the_list_needs_the_same_queries_for_1_or_20_sessions(
    signed_in, runner, squat, deadlift, sessions, django_assert_num_queries
):
    for _ in range(sessions):
        session = StrengthSessionFactory(user=runner)
        StrengthSetFactory(session=session, exercise=squat)
        StrengthSetFactory(session=session, exercise=deadlift)
    get_profile(runner)
    # session, user, profile, page count, page rows with totals, their sets with exercises,
    # personal records
    with django_assert_num_queries(7):
        signed_in.get("/log/strength/")


def test_the_form_needs_the_same_queries_for_3_or_20_rows(
    signed_in, runner, squat, django_assert_num_queries
):
    session = StrengthSessionFactory(user=runner)
    StrengthSetFactory.create_batch(19, session=session, exercise=squat)
    get_profile(runner)
    # session, user, profile, the session, exercise choices, its sets
    with django_assert_num_queries(6):
        response = signed_in.get(f"/log/strength/{session.pk}/edit/")
    assert len(response.context["formset"].forms) == 20


OBJECT_URLS = ["/log/strength/{pk}/", "/log/strength/{pk}/edit/", "/log/strength/{pk}/delete/"]


@pytest.mark.parametrize("url", OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_runners_session_is_a_404_and_stays_unchanged(
    client, runner, other_runner, squat, url, method
):
    theirs = StrengthSetFactory(session__user=other_runner, exercise=squat, reps=5).session
    client.force_login(runner)
    data = session_data([a_set(squat, "1", "1")], notes="mine now")
    response = getattr(client, method)(url.format(pk=theirs.pk), data)
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.notes == ""
    assert [s.reps for s in theirs.sets.all()] == [5]
