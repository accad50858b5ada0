"""A new runner's first training log, in a real browser and in imperial units."""

import re

from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.factories import PASSWORD
from tests.tracker.factories import ExerciseFactory
from tracker.log.models import LegMeasurement, ProteinEntry, Run, StrengthSet


def label(text):
    """Crispy marks required fields with an asterisk ("Distance*") and pads labels with
    whitespace, which get_by_label matches as it is."""
    return re.compile(rf"^\s*{re.escape(text)}\*?\s*$")


def sign_up(page, live_server, username):
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Username").fill(username)
    page.get_by_role("textbox", name=re.compile(r"^Password\*?$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("status")).to_contain_text(f"Welcome, {username}")
    # The onboarding form comes next; this journey sets its units in Settings instead.
    page.get_by_role("button", name="Skip for now").click()


def test_a_new_runner_logs_a_week_in_imperial_units_and_sees_it_in_the_log(live_server, page):
    ExerciseFactory(name="Squat")
    ExerciseFactory(name="Deadlift")
    sign_up(page, live_server, "imperial_ivy")

    # Settings: imperial units.
    page.get_by_role("button", name=re.compile("^Account")).click()
    page.get_by_role("link", name="Settings").click()
    page.get_by_label("Imperial (miles, lb, inches)").check()
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Settings saved.")

    # An empty log guides to the first entry.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Log").click()
    expect(page.get_by_role("heading", name="Start your training log")).to_be_visible()

    # A run, in miles.
    page.get_by_role("link", name="Log a run").click()
    page.get_by_label(label("Distance")).fill("3.1")
    page.get_by_label(label("Duration")).fill("25:00")
    page.get_by_label(label("Run type")).select_option(label="Tempo")
    page.get_by_label("Perceived effort").select_option("7")
    page.get_by_role("button", name="Save run").click()
    expect(page.get_by_role("status")).to_contain_text("Run saved.")
    expect(page.get_by_text("3.10 mi", exact=True)).to_be_visible()
    expect(page.get_by_text("8:04 /mi", exact=True)).to_be_visible()

    # A strength session with three sets; a fourth row is added, then removed again.
    page.goto(live_server.url + "/log/")
    page.get_by_role("link", name="Log strength").click()
    for number, (exercise, reps, pounds) in enumerate(
        [("Squat", "5", "135"), ("Squat", "5", "135"), ("Deadlift", "5", "185")], start=1
    ):
        row = page.get_by_role("group", name=f"Set {number}")
        row.get_by_label(label("Exercise")).select_option(label=exercise)
        row.get_by_label(label("Reps")).fill(reps)
        row.get_by_label(label("Weight")).fill(pounds)
    page.get_by_role("button", name="Add a set").click()
    extra = page.get_by_role("group", name="Set 4")
    expect(extra).to_be_visible()
    extra.get_by_label("Remove this set").check()
    expect(extra).to_be_hidden()
    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("status")).to_contain_text("Strength session saved.")
    expect(page.get_by_text("2,275.0 lb", exact=True)).to_be_visible()  # 2 × 675 + 925

    # A measurement, in pounds and inches.
    page.goto(live_server.url + "/log/measurements/new/")
    page.get_by_label("Body weight").fill("154")
    page.get_by_label("Thigh (left)").fill("22")
    page.get_by_label("Thigh (right)").fill("21.8")
    page.get_by_role("button", name="Save measurement").click()
    expect(page.get_by_role("status")).to_contain_text("Measurement saved.")

    # Two protein entries: one with details, one with a quick-add button.
    page.goto(live_server.url + "/log/protein/new/")
    page.get_by_label(label("Protein")).fill("25")
    page.get_by_label("Food").fill("Greek yoghurt")
    page.get_by_role("button", name="Save protein").click()
    page.goto(live_server.url + "/log/")
    page.get_by_role("button", name="+20 g").click()
    expect(page).to_have_url(live_server.url + "/log/")

    # The log shows everything, in imperial units.
    latest = page.get_by_role("region", name="Latest entries")
    expect(latest).to_contain_text("3.10 mi in 25:00")
    expect(latest).to_contain_text("3 sets, volume 2,275.0 lb")
    expect(latest).to_contain_text("body weight 154.0 lb")
    expect(latest).to_contain_text("thighs 22.0 in / 21.8 in")
    expect(latest).to_contain_text("45 g protein of 111.8 g target")  # 1.6 g/kg × 69.85 kg
    expect(latest).to_contain_text("25 g Greek yoghurt")
    expect(latest).to_contain_text("20 g")
    today = page.get_by_role("region", name="Protein today")
    expect(today).to_contain_text("45 g of 111.8 g target (40 %)")

    user = User.objects.get(username="imperial_ivy")
    assert Run.objects.for_user(user).count() == 1
    assert StrengthSet.objects.for_user(user).count() == 3
    assert LegMeasurement.objects.for_user(user).count() == 1
    assert ProteinEntry.objects.for_user(user).count() == 2


def test_the_log_and_the_strength_form_fit_a_phone(live_server, page):
    ExerciseFactory(name="Squat")
    page.set_viewport_size({"width": 375, "height": 740})
    sign_up(page, live_server, "phone_pat")
    for path in ("/log/", "/log/strength/new/", "/log/runs/new/", "/log/protein/"):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
