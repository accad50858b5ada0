"""Every form on the main pages refuses a POST without its CSRF token, and saves nothing."""

from html.parser import HTMLParser
from urllib.parse import urljoin

from django.apps import apps
from django.test import Client

from tests.pages import PUBLIC_PAGES, seed_site, signed_in_pages


class PostForms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.actions: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method", "get").lower() == "post":
            self.actions.append(attributes.get("action") or "")


def post_forms(client, pages) -> set[str]:
    found = set()
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        parser = PostForms()
        parser.feed(response.content.decode())
        found.update(urljoin(url, action).split("#")[0] for action in parser.actions)
    return found


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_every_form_refuses_a_post_without_its_csrf_token(db):
    runner = seed_site()
    anonymous = Client(enforce_csrf_checks=True)
    signed_in = Client(enforce_csrf_checks=True)
    signed_in.force_login(runner)
    checks = [(anonymous, post_forms(anonymous, PUBLIC_PAGES))]
    checks.append((signed_in, post_forms(signed_in, signed_in_pages(runner))))
    # The crawl really found the forms, the everyday ones included.
    everything = set().union(*(forms for _, forms in checks))
    assert {"/accounts/login/", "/accounts/signup/", "/accounts/logout/"} <= everything
    assert {"/log/runs/new/", "/log/protein/new/", "/log/strength/new/", "/settings/"} <= everything
    assert any(action.endswith("/delete/") for action in everything)

    before = row_counts()
    refused = []
    for client, forms in checks:
        for action in sorted(forms):
            response = client.post(action, {"date": "2026-01-01", "protein_g": "20"})
            refused.append((action, response.status_code))
    assert [a for a, status in refused if status != 403] == []
    assert row_counts() == before
    assert signed_in.get("/log/").status_code == 200  # the refused log-out left us signed in
