"""Daily use in Chromium, at phone (390 px) and desktop width, light and dark: the signed-in
home matches the log, no main page overflows a phone, and strength entry is quick."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.db.models import Sum
from playwright.sync_api import expect

from tests.pages import PASSWORD, PUBLIC_PAGES, seed_demo_runner, seed_site, signed_in_pages
from tracker.log.models import Run, StrengthSession, get_profile

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# Anything wider than the screen, and any table whose box is cut off on the right: the page
# scrolls sideways, or a table hides columns with nothing to say so.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push("page " + document.documentElement.scrollWidth + " > " + width);
  }
  for (const table of document.querySelectorAll("main table")) {
    // Tables in a closed "Show the numbers" are not shown; opened, they scroll with a cue.
    if (!table.offsetParent || table.closest("details:not([open])")) continue;
    const box = table.getBoundingClientRect();
    const holder = table.parentElement.getBoundingClientRect();
    if (box.right > width + 1 || box.width > holder.width + 1) {
      const name = (table.querySelector("caption, th") || table).textContent.trim();
      problems.push("table " + name.slice(0, 40) + " " + Math.round(box.width) + " > "
                    + Math.round(holder.width));
    }
  }
  return problems;
}"""


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")


@pytest.fixture
def demo_runner(transactional_db):
    return seed_demo_runner("demo", PASSWORD)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_homes_week_matches_the_log(live_server, page, demo_runner, viewport):
    page.set_viewport_size(viewport)
    sign_in(page, live_server, "demo")
    today = get_profile(demo_runner).today()
    monday = today - datetime.timedelta(days=today.weekday())
    runs = Run.objects.for_user(demo_runner).filter(date__gte=monday, date__lte=today)
    distance_km = (runs.aggregate(total=Sum("distance_m"))["total"] or 0) / 1000
    sessions = StrengthSession.objects.for_user(demo_runner).filter(
        date__gte=monday, date__lte=today
    )

    expect(page.get_by_role("heading", name="Welcome back, demo.")).to_be_visible()
    expect(page.locator("[data-week=distance]")).to_have_text(f"{distance_km:,.2f} km")
    expect(page.locator("[data-week=runs]")).to_have_text(str(runs.count()))
    expect(page.locator("[data-week=strength]")).to_have_text(str(sessions.count()))
    # The calendar marks today's entries, and the latest entries link to the log.
    assert page.locator(".month-calendar td").count() >= 28
    expect(page.get_by_role("link", name="The whole timeline")).to_be_visible()
    assert page.evaluate(OVERFLOW) == []


# Signed out and signed in are separate tests (four in all with the themes), so both workers of
# `make test` share the 48-page crawls.
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_main_page_overflows_a_phone_signed_out(live_server, page, context, theme):
    seed_site()
    context.add_init_script(f"localStorage.setItem('legsite-theme', '{theme}')")
    page.set_viewport_size(PHONE)
    found = {}
    for url in PUBLIC_PAGES:
        page.goto(live_server.url + url)
        if problems := page.evaluate(OVERFLOW):
            found[url] = problems
    assert found == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_main_page_overflows_a_phone_signed_in(live_server, page, context, theme):
    runner = seed_site()
    context.add_init_script(f"localStorage.setItem('legsite-theme', '{theme}')")
    page.set_viewport_size(PHONE)
    found = {}
    sign_in(page, live_server, runner.username)
    for url in signed_in_pages(runner):
        page.goto(live_server.url + url)
        if url.startswith("/progress/"):
            page.wait_for_load_state("load")  # the charts draw on load
        if problems := page.evaluate(OVERFLOW):
            found[url] = problems
    assert found == {}


def test_the_log_tabs_all_show_on_a_phone(live_server, page):
    runner = seed_site()
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, runner.username)
    page.goto(live_server.url + "/log/")
    nav = page.get_by_role("navigation", name="Training log")
    for name in (
        "Timeline",
        "Runs",
        "Strength",
        "Routines",
        "Measurements",
        "Protein",
        "Exercises",
    ):
        link = nav.get_by_role("link", name=name, exact=True)
        expect(link).to_be_in_viewport()


def test_add_a_set_copies_the_last_one_and_a_routine_starts_a_session(live_server, page):
    runner = seed_site()
    sign_in(page, live_server, runner.username)
    page.set_viewport_size(PHONE)

    # A guide routine fills in its sets with the runner's last weights.
    page.goto(live_server.url + "/log/routines/")
    page.get_by_role("link", name="Start Runner's strength basics").click()
    expect(page.get_by_role("status")).to_contain_text("Runner's strength basics")
    rows = page.locator("[data-set-row]")
    count = rows.count()
    assert count >= 10
    last = rows.nth(count - 1)
    exercise = last.locator("select").input_value()
    weight = last.locator("input[name$='-weight']").input_value()

    page.get_by_role("button", name="Add a set").click()
    added = page.locator("[data-set-row]").nth(count)
    assert added.locator("select").input_value() == exercise
    assert added.locator("input[name$='-weight']").input_value() == weight
    expect(added.locator("input[name$='-reps']")).to_be_focused()

    page.get_by_role("button", name="Save session").click()
    expect(page.get_by_role("heading", name="Strength session")).to_be_visible()
    session = StrengthSession.objects.for_user(runner).order_by("-pk").first()
    assert session.sets.count() == count + 1

    # Repeat it from its page.
    page.get_by_role("link", name="Repeat this session").click()
    assert page.locator("[data-set-row]").count() == count + 1


def test_the_short_form_after_sign_up_takes_the_browsers_time_zone(live_server, browser):
    context = browser.new_context(timezone_id="Europe/Berlin")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Username").fill("newcomer")
    page.locator("#id_password1").fill("a-long-pass-4242")
    page.locator("#id_password2").fill("a-long-pass-4242")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name="Four questions, then you are in")).to_be_visible()
    expect(page.get_by_label("Time zone")).to_have_value("Europe/Berlin")
    page.get_by_label("Build leg muscle").check()
    page.get_by_label("Body weight").fill("68")
    page.get_by_role("button", name="Save and start").click()
    expect(page.get_by_role("heading", name="Welcome back, newcomer.")).to_be_visible()
    profile = get_profile(User.objects.get(username="newcomer"))
    assert profile.time_zone == "Europe/Berlin"
    context.close()
