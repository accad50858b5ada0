"""A person's first visit, in a real browser: home page, sign up, signed in, log out."""

import re

from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.factories import PASSWORD


def test_a_visitor_signs_up_lands_signed_in_and_logs_out(live_server, page):
    page.goto(live_server.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Does running make your legs bigger?"
    )

    page.get_by_role("link", name="Start tracking, free").click()
    page.get_by_label("Username").fill("journey")
    page.get_by_role("textbox", name=re.compile(r"^Password\*?$")).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()

    # A new account starts with the short onboarding form; skipping it leads home.
    expect(page).to_have_url(live_server.url + "/settings/start/")
    expect(page.get_by_role("status")).to_contain_text("Welcome, journey")
    assert User.objects.filter(username="journey").exists()
    page.get_by_role("button", name="Skip for now").click()
    expect(page).to_have_url(live_server.url + "/")

    page.get_by_role("button", name=re.compile("^Account")).click()
    page.get_by_role("button", name="Log out").click()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    ).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^Account"))).to_have_count(0)


def test_the_theme_switch_turns_dark_mode_on_and_remembers_it(live_server, page):
    page.goto(live_server.url)
    page.get_by_role("button", name="Dark mode").click()
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    page.reload()
    expect(page.locator("html")).to_have_attribute("data-bs-theme", "dark")
    expect(page.get_by_role("button", name="Light mode")).to_have_attribute("aria-pressed", "true")


def test_the_menu_works_on_a_phone_screen(live_server, page):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url)
    log_in = page.get_by_role("navigation", name="Main").get_by_role("link", name="Log in")
    expect(log_in).to_be_hidden()
    page.get_by_role("button", name="Show navigation").click()
    expect(log_in).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
