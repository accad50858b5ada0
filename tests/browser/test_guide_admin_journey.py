"""An editor changes an article in the admin and readers see the change."""

from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.snapshots import load_guide


def test_an_admin_edits_an_article_and_the_site_shows_it(live_server, page):
    load_guide()
    UserFactory(username="editor", is_staff=True, is_superuser=True)

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Articles").click()
    page.get_by_role("link", name="Protein for runners").click()
    page.get_by_label("Summary").fill("Edited in the admin: aim for your range every day.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/guide/protein-for-runners/")
    expect(page.locator(".lead")).to_have_text("Edited in the admin: aim for your range every day.")


def test_a_reader_searches_the_guide_and_opens_an_article(live_server, page):
    load_guide()
    page.goto(live_server.url + "/guide/")
    page.get_by_label("Search the guide").fill("protein")
    page.get_by_role("button", name="Search").click()
    page.locator(".search-results a").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protein for runners")
    expect(page.get_by_role("heading", name="Sources", exact=True)).to_be_visible()


def test_an_admin_changes_the_protein_guideline_and_the_text_table_and_tracker_follow(
    live_server, page
):
    load_guide()
    UserFactory(username="editor", is_staff=True, is_superuser=True)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(live_server.url + "/guide/protein-for-runners/")
    article = page.locator("article, main").first
    expect(article).to_contain_text("1.2–2 g/kg/day")
    expect(article).to_contain_text("84–140 g")  # 70 kg × 1.2 and × 2.0

    page.goto(live_server.url + "/admin/knowledge/guideline/")
    page.get_by_role("link", name="protein_g_per_kg", exact=True).click()
    page.get_by_label("Minimum").fill("1.4")
    page.get_by_label("Maximum").fill("2.2")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + "/guide/protein-for-runners/")
    article = page.locator("article, main").first
    expect(article).to_contain_text("1.4–2.2 g/kg/day")
    expect(article).to_contain_text("98–154 g")  # 70 kg × 1.4 and × 2.2
    expect(article).not_to_contain_text("1.2–2 g/kg/day")

    # The tracker's advice reads the same guideline: the settings hint names the new range.
    page.goto(live_server.url + "/settings/")
    expect(page.get_by_text("the guide suggests 1.4–2.2 g/kg/day")).to_be_visible()
