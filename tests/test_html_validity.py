"""Every main page is valid HTML, as the Nu HTML checker (the W3C's validator) sees it.

The checker is Java (vnu.jar from the npm registry's vnu-jar package, fetched into var/tools/ by
scripts/ensure-test-tools). All pages go through one checker run: Java starts once.
"""

import json
import os
import shutil
import subprocess

import pytest
from django.conf import settings

from tests.pages import PUBLIC_PAGES, seed_site, signed_in_pages

VNU = settings.BASE_DIR / "var" / "tools" / "vnu.jar"
# A run is a few seconds of work, so the JVM's first, quick compiler alone is faster than
# waiting for its optimising one (48 pages: 2.0 s instead of 4.9 s); that compiler's deeper
# stack frames overflow the default thread stack while the checker reads its HTML schema,
# hence a larger one (without, the checker prints StackOverflowError and checks nothing).
JAVA_OPTIONS = ["-Xss4m", "-XX:TieredStopAtLevel=1"]
# --no-langdetect: guessing each page's language only ever gives a warning ("appears to be
# written in..."), which --errors-only leaves out anyway; it took about a second a run.
CHECKER_OPTIONS = ["--errors-only", "--no-langdetect", "--format", "json"]


def checker_missing() -> str | None:
    if shutil.which("java") is None:
        return "Java is missing"
    if not VNU.exists():
        return f"{VNU} is missing (run scripts/ensure-test-tools)"
    return None


def validate(pages: dict[str, bytes], folder) -> list[str]:
    """Nu checker errors as 'URL: line N: message', for every page at once."""
    paths = {}
    for number, (url, html) in enumerate(pages.items()):
        path = folder / f"page{number}.html"
        path.write_bytes(html)
        paths[str(path)] = url
    result = subprocess.run(
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), *CHECKER_OPTIONS, *paths],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The checker writes its JSON report to stderr, even with no errors; without one it did not
    # check anything (it prints a Java stack overflow to stdout, for one), so no report fails.
    if not result.stderr.startswith("{"):
        pytest.fail(f"The HTML checker gave no report: {result.stdout}{result.stderr}")
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{paths.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: "
        f"line {m.get('lastLine')}: {m['message']}"
        for m in messages
    ]


@pytest.fixture
def checker():
    missing = checker_missing()
    if missing:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{missing}: CI must run the HTML checks.", pytrace=False)
        pytest.skip(missing)


def test_the_checker_reports_broken_html(checker, tmp_path):
    errors = validate({"/broken": b"<!doctype html><title>x</title><p><div></p></span>"}, tmp_path)
    assert errors
    assert all(e.startswith("/broken: ") for e in errors)


def test_main_pages_are_valid_html_signed_out_and_signed_in(checker, client, db, tmp_path):
    runner = seed_site()
    pages = {}
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content
    client.force_login(runner)
    for url in signed_in_pages(runner):
        response = client.get(url)
        assert response.status_code == 200, url
        pages["signed in " + url] = response.content
    assert validate(pages, tmp_path) == []
