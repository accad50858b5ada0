"""/progress/: the charts page, its tables, empty states, insights and outlook."""

import datetime
import json
import re

from django.urls import reverse

from tests.tracker.factories import (
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSetFactory,
)
from tracker.log.models import get_profile

URL = reverse("tracker:progress")


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_a_new_runner_sees_what_to_log_for_each_chart(signed_in):
    page = signed_in.get(URL).content.decode()

    assert page.count('class="progress-empty') == 10  # the nine charts and time in zone
    assert "<canvas" not in page
    for url_name in ("run_create", "strength_create", "measurement_create", "protein_create"):
        assert f'href="{reverse(f"tracker:{url_name}")}"' in page
    assert "Not enough in your log yet" in page


def test_a_runners_charts_come_with_tables_in_their_units(signed_in, runner, squat):
    profile = get_profile(runner)
    profile.units = "imperial"
    profile.save()
    today = profile.today()
    RunFactory(user=runner, date=today, distance_m=16_093.44, duration_s=4800, effort=5)
    StrengthSetFactory(
        session__user=runner, session__date=today, exercise=squat, reps=1, weight_kg=100
    )
    LegMeasurementFactory(user=runner, date=today, weight_kg=80, thigh_left_cm=60.96)
    ProteinEntryFactory(user=runner, date=today, protein_g=160)

    page = signed_in.get(URL).content.decode()

    assert page.count("<canvas") == 9  # with fitness and strain: the run has a load
    assert 'role="img"' in page
    assert page.count("<details") == 9
    assert "10.00 mi" in page  # the week's distance
    assert "8:00 /mi" in page  # 4800 s over 10 miles
    assert "220.5 lb" in page  # the squat's 1RM
    assert "24.0 in" in page  # the thigh
    assert "2.00 g/kg" in page  # 160 g / 80 kg
    assert 'id="progress-data"' in page
    assert '<script src="/static/js/progress.js"' in page


def log_everything(runner, squat, days):
    for date in days:
        RunFactory(user=runner, date=date, effort=5)
        StrengthSetFactory(session__user=runner, session__date=date, exercise=squat)
        LegMeasurementFactory(user=runner, date=date, weight_kg=80)
        ProteinEntryFactory(user=runner, date=date, protein_g=160)


def table_headings(page: str) -> list[str]:
    return re.findall(r'<th scope="col">([^<]*)</th>', page)


def test_a_short_log_shows_all_of_it_week_by_week(signed_in, runner, squat):
    today = get_profile(runner).today()
    log_everything(runner, squat, [today - datetime.timedelta(weeks=30), today])

    page = signed_in.get(URL, {"range": "all"}).content.decode()

    assert "Weekly running distance by run type" in page
    headings = table_headings(page)
    assert headings.count("Week of") == 3  # distance, pace, strength volume
    assert "Week ending" in headings
    assert "Week of (daily average)" in headings
    assert "Month" not in headings
    assert "month by month" not in page


def test_a_log_over_two_years_long_shows_all_of_it_month_by_month(signed_in, runner, squat):
    today = get_profile(runner).today()
    three_years_ago = today - datetime.timedelta(days=3 * 365)
    log_everything(runner, squat, [three_years_ago, today])

    response = signed_in.get(URL, {"range": "all"})
    page = response.content.decode()

    assert response.context["data"]["range"]["resolution"] == "month"
    assert "month by month" in page
    assert "Monthly running distance by run type" in page
    assert "Monthly strength volume per muscle group" in page
    assert "each bar is a month&#x27;s load" in page
    headings = table_headings(page)
    assert headings.count("Month") == 4  # distance, pace, strength volume, the leg ledger
    assert "Month ending" in headings
    assert "Month&#x27;s load" in headings
    assert "Month (daily average)" in headings
    assert "Week of" not in headings
    # Month rows read "Mar 2025"; the load rows keep each month's last day.
    this_month = today.strftime("%b %Y")
    # distance, pace, volume; not protein: its only day this month is today, which is not over
    assert page.count(f'<th scope="row">{this_month}</th>') == 3
    assert f'<th scope="row">{three_years_ago.strftime("%b %Y")}</th>' in page
    assert f'<th scope="row">{today.isoformat()}</th>' in page
    # The script gets the same dict, months and all.
    script_data = json.loads(
        re.search(r'<script id="progress-data" type="application/json">(.*?)</script>', page)[1]
    )
    assert script_data["charts"]["weekly_distance"]["resolution"] == "month"
    assert (
        script_data["charts"]["weekly_distance"]["periods"][-1] == today.replace(day=1).isoformat()
    )


def test_the_exercise_picker_lists_logged_exercises_and_survives_a_strange_id(
    signed_in, runner, squat, deadlift
):
    today = get_profile(runner).today()
    StrengthSetFactory(session__user=runner, session__date=today, exercise=squat)
    StrengthSetFactory(session__user=runner, session__date=today, exercise=deadlift)

    page = signed_in.get(URL, {"exercise": deadlift.pk}).content.decode()
    assert f'<option value="{deadlift.pk}" selected>Deadlift</option>' in page
    assert f'<option value="{squat.pk}">Squat</option>' in page
    assert '<label class="form-label small mb-1" for="exercise-select">Exercise</label>' in page

    assert signed_in.get(URL, {"exercise": "x"}).status_code == 200
    assert signed_in.get(URL, {"exercise": "123456"}).status_code == 200


def test_the_range_picker_links_work_without_javascript(signed_in):
    page = signed_in.get(URL, {"range": "1y"}).content.decode()

    for key, label in (("4w", "4 weeks"), ("12w", "12 weeks"), ("all", "All")):
        assert f'href="?range={key}">{label}</a>' in page
    assert 'aria-current="page" href="?range=1y">1 year</a>' in page


def test_an_unknown_range_shows_the_default_twelve_weeks(signed_in):
    response = signed_in.get(URL, {"range": "forever"})

    assert response.status_code == 200
    assert 'aria-current="page" href="?range=12w">12 weeks</a>' in response.content.decode()


def test_insights_and_the_outlook_link_to_the_guide(guide, signed_in, runner):
    today = get_profile(runner).today()
    LegMeasurementFactory(user=runner, date=today, thigh_left_cm=60.0, thigh_right_cm=54.0)

    page = signed_in.get(URL).content.decode()

    assert "Your thighs differ by 10.0 %" in page
    assert 'href="/guide/muscle-balance-and-single-leg-work/"' in page
    assert "Leg outlook" in page


def test_another_runners_log_stays_out_of_the_page(guide, signed_in, other_runner):
    today = get_profile(other_runner).today()
    RunFactory(user=other_runner, date=today, distance_m=12_345)
    LegMeasurementFactory(user=other_runner, date=today, thigh_left_cm=60.0, thigh_right_cm=54.0)

    page = signed_in.get(URL).content.decode()

    assert "12.35 km" not in page
    assert "differ by" not in page
    assert page.count('class="progress-empty') == 10  # the nine charts and time in zone


def test_the_progress_nav_item_is_marked_current(signed_in):
    page = signed_in.get(URL).content.decode()

    assert 'active" aria-current="page" href="/progress/">Progress</a>' in page
    assert 'active" aria-current="page" href="/log/">Log</a>' not in page


def test_the_page_costs_the_same_queries_for_a_short_and_a_long_log(
    client, runner, guide, django_assert_num_queries
):
    import datetime

    from tests.tracker.factories import RunFactory, StrengthSetFactory

    client.force_login(runner)
    RunFactory(user=runner)
    client.get(URL)  # the profile is created on the first visit
    # The data endpoint's 12 (test_progress_data.py), less the two that need sets, and the
    # articles, worn shoes and best efforts: 13, and 15 with sets (the budget is 15).
    with django_assert_num_queries(13) as short:
        client.get(URL)
    for day in range(60):
        date = datetime.date.today() - datetime.timedelta(days=day)  # inside the range
        RunFactory(user=runner, date=date)
        StrengthSetFactory(session__user=runner, session__date=date)
    # + the strength chart's exercises and the 1RM series, which only run once there are sets
    with django_assert_num_queries(len(short.captured_queries) + 2):
        client.get(URL)
