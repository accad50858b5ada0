"""A year of demo training on /progress/: every chart draws, and advice leads to the guide."""

import datetime
import json
import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.pages import seed_demo_runner
from tracker.log.models import LegMeasurement, Run, get_profile

SEVEN = [
    "weekly_distance",
    "pace",
    "training_load",
    "strength_volume",
    "one_rep_max",
    "measurements",
    "protein",
]
# Charts draw as they near the screen: bring each one that is not drawn yet into view.
ALL_CHARTS_DRAWN = f"""() => {{
  if (!window.Chart) return false;
  const drawnIds = Object.values(Chart.instances).map((c) => c.canvas.id);
  const next = [...document.querySelectorAll("canvas[id^=canvas-]")]
    .find((c) => !drawnIds.includes(c.id) && c.offsetParent);
  if (next) next.scrollIntoView();
  const keys = {json.dumps(SEVEN)};
  const charts = Object.values(Chart.instances).filter(
    (c) => keys.includes(c.canvas.id.replace("canvas-", "")));
  return charts.length === 7 && charts.every(
    (chart) => chart.data.datasets.some((d) => d.data.some((v) => v !== null && v !== undefined))
  );
}}"""
ONE_REP_MAX = "Object.values(Chart.instances).find((c) => c.canvas.id === 'canvas-one_rep_max')"


@pytest.fixture
def demo_runner(transactional_db):
    user = seed_demo_runner("demo", PASSWORD)
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
    # Every x is a date, on a time axis: a gap of a month looks like a month.
    axes = page.evaluate(TIME_AXES)
    assert set(SEVEN) <= set(axes)
    assert all(axis == "time" for axis in axes.values()), axes

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


def test_the_exercise_picker_redraws_in_place_and_survives_a_range_change(
    live_server, page, demo_runner
):
    page.set_viewport_size({"width": 390, "height": 800})
    log_in(page, live_server, "demo")
    page.goto(live_server.url + "/progress/")
    page.wait_for_function(ALL_CHARTS_DRAWN)
    picker = page.get_by_label("Exercise")
    picker.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 500  # far down the page on a phone

    picker.select_option(label="Deadlift")
    expect(page).to_have_url(re.compile(r"exercise=\d+"))
    page.wait_for_function(
        f"() => {ONE_REP_MAX}.data.datasets[0].label === 'Estimated 1RM (Deadlift)'"
    )
    assert page.evaluate("window.scrollY") == scrolled  # no reload to the top
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    exercise_id = re.search(r"exercise=(\d+)", page.url)[1]

    page.get_by_role("link", name="1 year").click()
    expect(page).to_have_url(re.compile(r"range=1y"))
    expect(page).to_have_url(re.compile(rf"exercise={exercise_id}"))
    page.wait_for_function(ALL_CHARTS_DRAWN)
    expect(page.get_by_label("Exercise")).to_have_value(exercise_id)
    assert page.evaluate(f"{ONE_REP_MAX}.data.datasets[0].label") == "Estimated 1RM (Deadlift)"
    # From zero, so a small dip is drawn as small.
    assert page.evaluate(f"{ONE_REP_MAX}.scales.y.min") == 0


TIME_AXES = """() => Object.fromEntries(Object.values(Chart.instances).map((c) => [
  c.canvas.id.replace("canvas-", ""), c.scales.x.type]))"""


CHART_AXES = """() => Object.fromEntries(Object.values(Chart.instances).map((c) => [
  c.canvas.id.replace("canvas-", ""),
  {x: c.scales.x.type, unit: c.options.scales.x.time && c.options.scales.x.time.unit,
   y: c.options.scales.y.title.text, first: c.data.datasets[0].label,
   legend: c.legend.legendItems.map((item) => ({text: item.text, hidden: item.hidden})),
   span: c.scales.x.max - c.scales.x.min},
]))"""


def test_a_log_over_two_years_long_is_drawn_month_by_month_on_time_axes(
    live_server, page, demo_runner
):
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
    assert charts["weekly_distance"]["y"] == "km per month"
    assert charts["strength_volume"]["y"] == "kg lifted per month"
    assert charts["training_load"]["first"] == "Runs"  # the bars are stacked by kind
    assert charts["training_load"]["y"] == "load per month (effort × minutes)"
    assert charts["weekly_distance"]["unit"] == "month"
    for key in SEVEN:
        assert charts[key]["x"] == "time", key
    # The pace chart spans the three years as time, not as a handful of evenly spaced points.
    three_years_ms = 3 * 365 * 24 * 3600 * 1000
    assert charts["pace"]["span"] >= three_years_ms * 0.95
    # One legend item per guide band, none struck through.
    load_legend = charts["training_load"]["legend"]
    assert [item["text"] for item in load_legend if "sweet spot" in item["text"]] == [
        "Ratio sweet spot 0.8–1.3"
    ]
    for key in SEVEN:
        assert not any(item["hidden"] for item in charts[key]["legend"]), key
    protein_legend = [item["text"] for item in charts["protein"]["legend"]]
    assert sum("Guide range" in text for text in protein_legend) == 1
    expect(page.get_by_role("heading", name="Monthly running distance by run type")).to_be_visible()

    # A year is weekly: no daily scribble.
    page.get_by_role("link", name="1 year").click()
    page.wait_for_function(ALL_CHARTS_DRAWN)
    charts = page.evaluate(CHART_AXES)
    assert charts["weekly_distance"]["y"] == "km per week"
    assert charts["training_load"]["y"] == "load per week (effort × minutes)"


def test_progress_fits_a_phone(live_server, page, demo_runner):
    page.set_viewport_size({"width": 390, "height": 740})
    log_in(page, live_server, "demo")
    for range_key in ("12w", "all"):
        page.goto(live_server.url + f"/progress/?range={range_key}")
        page.wait_for_function(ALL_CHARTS_DRAWN)
        for summary in page.locator("details summary").all():
            summary.click()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, range_key
        # Date ticks skip rather than run into each other.
        ticks = page.evaluate("Object.values(Chart.instances).map((c) => c.scales.x.ticks.length)")
        assert max(ticks) <= 5, (range_key, ticks)
