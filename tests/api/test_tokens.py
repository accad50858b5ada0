"""API tokens on /settings/api-tokens/: named, the key shown once, stored hashed, revoked."""

from api.models import ApiToken, hash_key


def test_a_new_token_s_key_is_shown_once_and_only_its_hash_is_stored(client, runner):
    client.force_login(runner)
    response = client.post("/settings/api-tokens/", {"name": "spreadsheet"})
    assert response.status_code == 302
    page = client.get("/settings/api-tokens/").content.decode()
    token = ApiToken.objects.get()
    start = page.index('id="new-api-key"')
    key = page[start:].split('value="', 1)[1].split('"', 1)[0]
    assert key.startswith("lgs_")
    assert len(key) > 40
    assert token.key_hash == hash_key(key)
    assert key not in str(ApiToken.objects.values())
    assert "spreadsheet" in page
    again = client.get("/settings/api-tokens/").content.decode()
    assert key not in again  # shown once


def test_a_token_records_when_it_was_last_used(api, runner, runner_key):
    token = ApiToken.objects.get()
    assert token.last_used_at is None
    api.credentials(HTTP_AUTHORIZATION=f"Token {runner_key}")
    api.get("/api/v1/runs/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_token_without_a_name_is_not_created(client, runner):
    client.force_login(runner)
    client.post("/settings/api-tokens/", {"name": ""})
    assert not ApiToken.objects.exists()


def test_another_runner_cannot_revoke_my_token(client, runner, other_runner):
    token, _ = ApiToken.create_for(user=runner, name="phone")
    client.force_login(other_runner)
    assert client.post(f"/settings/api-tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoking_needs_a_post(client, runner):
    token, _ = ApiToken.create_for(user=runner, name="phone")
    client.force_login(runner)
    assert client.get(f"/settings/api-tokens/{token.pk}/revoke/").status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_the_token_page_is_never_cached_because_it_shows_a_new_key(client, runner):
    client.force_login(runner)
    response = client.get("/settings/api-tokens/")
    assert "no-store" in response["Cache-Control"]


def test_settings_links_to_the_token_page(client, runner):
    client.force_login(runner)
    assert 'href="/settings/api-tokens/"' in client.get("/settings/").content.decode()
