"""A year of demo training on /progress/: every chart draws, and advice leads to the guide."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from knowledge.loading import load_guidance
from tests.factories import PASSWORD
from tracker.log.models import LegMeasurement, Run, get_profile

ALL_CHARTS_DRAWN = """() => {
  if (!window.Chart) return false;
  const charts = Object.values(Chart.instances);
  return charts.length === 7 && charts.every(
    (chart) => chart.data.datasets.some((d) => d.data.some((v) => v !== null && v !== undefined))
  );
}"""


@pytest.fixture
def demo_runner(transactional_db):
    load_guidance()
    call_command("seed_demo", user="demo", years=1, password=PASSWORD, stdout=StringIO())
    user = User.objects.get(username="demo")
    # A lopsided measurement today, so the page has a warning whose link we can follow.
    LegMeasurement.objects.create(
        user=user, date=get_profile(user).today(), thigh_left_cm=60.0, thigh_right_cm=54.0
    )
    return user


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"Welcome back, {username}.")).to_be_visible()


def test_a_demo_runners_progress_draws_every_chart_and_links_to_the_guide(
    live_server, page, demo_runner
):
    log_in(page, live_server, "demo")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Progress").click()
    expect(page.get_by_role("heading", name="Progress", exact=True)).to_be_visible()

    page.wait_for_function(ALL_CHARTS_DRAWN)
    counts = page.evaluate(
        "Object.values(Chart.instances).map((c) => c.data.datasets[0].data.length)"
    )
    assert all(count > 0 for count in counts)

    # Another range redraws from the server; the year shows daily load.
    page.get_by_role("link", name="1 year").click()
    expect(page).to_have_url(re.compile(r"range=1y"))
    page.wait_for_function(ALL_CHARTS_DRAWN)

    # Dark mode redraws the charts in the theme's colours.
    page.get_by_role("button", name="Dark mode").click()
    page.wait_for_function(ALL_CHARTS_DRAWN)

    insight = page.locator("[data-insight=left_right_difference]")
    expect(insight).to_contain_text("Your thighs differ by 10.0 %")
    insight.get_by_role("link", name=re.compile("^Read:")).click()
    expect(page).to_have_url(live_server.url + "/guide/muscle-balance-and-single-leg-work/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Muscle balance and single-leg work")


def test_the_exercise_picker_switches_the_chart(live_server, page, demo_runner):
    log_in(page, live_server, "demo")
    page.goto(live_server.url + "/progress/")
    page.wait_for_function(ALL_CHARTS_DRAWN)
    page.get_by_label("Exercise").select_option(label="Deadlift")
    expect(page).to_have_url(re.compile(r"exercise=\d+"))
    page.wait_for_function(ALL_CHARTS_DRAWN)
    label = page.evaluate(
        "Object.values(Chart.instances).find((c) => c.canvas.id === 'canvas-one_rep_max')"
        ".data.datasets[0].label"
    )
    assert label == "Estimated 1RM (Deadlift)"


CHART_AXES = """() => Object.fromEntries(Object.values(Chart.instances).map((c) => [
  c.canvas.id.replace("canvas-", ""),
  {labels: c.data.labels, y: c.options.scales.y.title.text, first: c.data.datasets[0].label},
]))"""


def test_a_log_over_two_years_long_is_drawn_month_by_month(live_server, page, demo_runner):
    today = get_profile(demo_runner).today()
    Run.objects.create(
        user=demo_runner,
        date=today - datetime.timedelta(days=3 * 365),
        distance_m=10_000,
        duration_s=3000,
        effort=4,
    )
    log_in(page, live_server, "demo")
    page.goto(live_server.url + "/progress/?range=all")
    page.wait_for_function(ALL_CHARTS_DRAWN)

    charts = page.evaluate(CHART_AXES)
    month = re.compile(r"^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}$")
    assert charts["weekly_distance"]["y"] == "km per month"
    assert charts["strength_volume"]["y"] == "kg lifted per month"
    assert charts["training_load"]["first"] == "Monthly load"
    for key in ("weekly_distance", "pace", "training_load", "strength_volume", "protein"):
        assert all(month.match(label) for label in charts[key]["labels"]), key
    # Three years of months, not 157 weeks.
    assert 36 <= len(charts["weekly_distance"]["labels"]) <= 38
    expect(page.get_by_role("heading", name="Monthly running distance by run type")).to_be_visible()

    # A year's range keeps its weeks and days.
    page.get_by_role("link", name="1 year").click()
    page.wait_for_function(ALL_CHARTS_DRAWN)
    charts = page.evaluate(CHART_AXES)
    assert charts["weekly_distance"]["y"] == "km per week"
    assert charts["training_load"]["first"] == "Daily load"
    assert re.match(r"^\d{4}-\d{2}-\d{2}$", charts["weekly_distance"]["labels"][0])


def test_progress_fits_a_phone(live_server, page, demo_runner):
    page.set_viewport_size({"width": 375, "height": 740})
    log_in(page, live_server, "demo")
    for range_key in ("12w", "all"):
        page.goto(live_server.url + f"/progress/?range={range_key}")
        page.wait_for_function(ALL_CHARTS_DRAWN)
        for summary in page.locator("details summary").all():
            summary.click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, range_key
