"""axe-core finds no accessibility violation on the main pages, signed out and signed in,
in the light theme and (for a sample) the dark one."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.pages import PASSWORD, PUBLIC_PAGES, seed_site, signed_in_pages

axe = Axe()


def violations(page, url: str) -> list[str]:
    page.goto(url)
    results = axe.run(page)
    return [
        f"{url}: {v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


def sign_in(page, live_server, user):
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(live_server.url + "/")


def test_axe_finds_a_violation_on_a_broken_page(page, live_server):
    page.goto(live_server.url + "/")
    page.evaluate("document.querySelector('main').innerHTML += '<img src=x><input type=text>'")
    found = axe.run(page).response["violations"]
    assert {"image-alt", "label"} <= {v["id"] for v in found}


# The signed-in pages in three parts, so both workers of `make test` share the crawl (axe takes
# about half a second a page): one test of all 48 pages was the suite's longest, and the other
# worker sat idle when it came last.
SIGNED_IN_PARTS = 3


def test_main_pages_signed_out_have_no_accessibility_violations(page, live_server):
    seed_site()
    found = [v for url in PUBLIC_PAGES for v in violations(page, live_server.url + url)]
    assert found == []


@pytest.mark.parametrize("part", range(SIGNED_IN_PARTS))
def test_main_pages_signed_in_have_no_accessibility_violations(page, live_server, part):
    runner = seed_site()
    sign_in(page, live_server, runner)
    urls = signed_in_pages(runner)[part::SIGNED_IN_PARTS]
    found = [v for url in urls for v in violations(page, live_server.url + url)]
    assert found == []


def test_the_dark_theme_has_no_accessibility_violations(page, context, live_server):
    runner = seed_site()
    context.add_init_script("localStorage.setItem('legsite-theme', 'dark')")
    found = [
        v
        for url in ["/", "/guide/protein-for-runners/"]
        for v in violations(page, live_server.url + url)
    ]
    sign_in(page, live_server, runner)
    for url in ["/", "/log/", "/log/runs/", "/log/strength/new/", "/progress/?range=all"]:
        found += violations(page, live_server.url + url)
    assert found == []
