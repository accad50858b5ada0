"""The home page: the pitch for visitors, the top insights for a signed-in runner."""

import datetime

from knowledge.loading import load_guidance
from tests.tracker.factories import LegMeasurementFactory, RunFactory
from tracker.log.models import get_profile


def test_a_visitor_is_invited_to_sign_up(client, db):
    page = client.get("/").content.decode()

    assert "Start tracking, free" in page
    assert "What your log says" not in page


def test_a_signed_in_runner_sees_their_top_insights_with_links(client, runner):
    load_guidance()
    today = get_profile(runner).today()
    LegMeasurementFactory(user=runner, date=today, thigh_left_cm=60.0, thigh_right_cm=54.0)
    for n in range(7):  # no rest day, never lifted, a posterior-chain gap is not yet due
        RunFactory(user=runner, date=today - datetime.timedelta(days=n))
    client.force_login(runner)

    page = client.get("/").content.decode()

    assert "What your log says" in page
    assert "Your thighs differ by 10.0 %" in page  # a warning comes first
    assert 'href="/guide/muscle-balance-and-single-leg-work/"' in page
    assert page.count('class="alert alert-') == 3  # the top three of four
    assert 'href="/progress/"' in page


def test_a_signed_in_runner_with_nothing_to_flag_sees_no_insight_list(client, runner):
    client.force_login(runner)

    page = client.get("/").content.decode()

    assert "Welcome back, rosa." in page
    assert "What your log says" not in page
