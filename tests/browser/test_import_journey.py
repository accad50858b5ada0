"""A runner imports watch files in a real browser: a small upload at once, a ZIP of their
history in the background with the progress page following the worker, then the API docs."""

import re
import zipfile

from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.samples import SAMPLES
from tests.worker import run_worker
from tracker.log.models import Run


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def history_zip(path, count):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))[:count]:
            archive.write(file, f"export/activities/{file.name}")
    return path


def test_a_runner_imports_files_and_a_history_zip_with_progress(live_server, page, tmp_path):
    runner = UserFactory(username="watcher")
    log_in(page, live_server, "watcher")
    page.goto(live_server.url + "/log/")
    page.get_by_role("link", name="Import from a watch").click()

    # Two files and a broken one: imported at once, the report names the broken file.
    page.get_by_label(re.compile(r"^\s*Activity files")).set_input_files(
        [
            SAMPLES / "fit" / "run-fr110-4.8km-hr-gps.fit",
            SAMPLES / "tcx" / "run-4.7km-3laps-hr.tcx",
            SAMPLES / "tcx" / "invalid" / "no-root-element.tcx",
        ]
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.locator("#import-summary")).to_have_text("2 runs imported, 1 refused.")
    expect(page.get_by_text("no-root-element.tcx is not a valid TCX file")).to_be_visible()

    # A ZIP of eight runs goes to the background; the page follows the worker.
    page.get_by_role("link", name="Import more").click()
    page.get_by_label(re.compile(r"^\s*Activity files")).set_input_files(
        history_zip(tmp_path / "strava.zip", 8)
    )
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_role("heading", name="Importing your files")).to_be_visible()
    expect(page.locator("#import-progress-text")).to_contain_text("Waiting to start")
    run_worker()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible(timeout=15_000)
    expect(page.locator("#import-summary")).to_have_text("8 runs imported.")
    assert Run.objects.filter(user=runner).count() == 10

    page.get_by_role("link", name="See your runs").click()
    expect(page.get_by_text("10 runs", exact=False)).to_be_visible()


def test_the_api_docs_load_under_the_content_security_policy(live_server, page):
    UserFactory(username="dev")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator(".swagger-ui .title")).to_contain_text("legsite API")
    expect(page.get_by_text("/api/v1/runs/", exact=True).first).to_be_visible()
    assert violations == []
