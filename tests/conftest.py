"""Fixtures shared by the whole suite: people (runner, other_runner, admin_user), the guide,
and the browser.

Browser tests use Debian's Chromium through pytest-playwright: its headless shell
(chromium-headless-shell, the same Blink and V8 built for automation, which is also what
Playwright runs for headless tests) when installed, else the full browser. The shell needs about
half the full browser's CPU for the same tests (the full one also draws its own window's WebUI):
tests/browser, one process, 77.7 -> 42.3 s of Chromium CPU, 84.6 -> 71.1 s. Playwright's own
browser download is not used (these machines cannot fetch it). Without a Chromium the browser
tests are skipped with a loud notice, except on CI (CI=true), where they fail.

`make test` runs the suite in parallel with pytest-xdist (one process per core). Each worker
has its own test database (pytest-django adds _gw0, _gw1... to its name), its own media folder
(legsite/settings_test.py), live server (a free port), browser and tmp_path; a test must not
rely on another test having run first, nor on running alone.
"""

import functools
import gzip
import hashlib
import os
import pickle
import shutil

import pytest

from knowledge.models import Article
from tests.factories import UserFactory
from tests.snapshots import load_guide, remove_guide

# Playwright's sync API runs an event loop in the test thread; the ORM calls our browser tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium tries to reach hosts this machine cannot reach.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def find_chromium() -> str | None:
    names = ("chromium-headless-shell", "chromium", "chromium-browser")
    for name in (os.environ.get("CHROMIUM_PATH"), *names):
        if name and (path := shutil.which(name)):
            return path
    return None


def browser_required() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_collection(session):
    """Every xdist worker must collect the same test ids. Gzip data made when a test module is
    imported (a parametrize value, so part of an id) carries the time in its header, and two
    workers collecting a second apart then differ ("Different tests were collected"), so gzip
    writes mtime 0 while tests are collected. Tests themselves get the real gzip."""
    original = gzip.compress
    gzip.compress = functools.partial(original, mtime=0)
    try:
        return (yield)
    finally:
        gzip.compress = original


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = find_chromium()
    if chromium is None:
        message = "No Chromium (install Debian's chromium-headless-shell, or set CHROMIUM_PATH)"
        if browser_required():
            pytest.fail(f"{message}: CI must run the browser tests.", pytrace=False)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": chromium, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url():
    """Replaces pytest-base-url's fixture, which pytest 9 deprecates; tests use live_server.url."""
    return None


def pytest_terminal_summary(terminalreporter):
    skipped = terminalreporter.stats.get("skipped", [])
    if any("browser" in getattr(report, "keywords", {}) for report in skipped):
        terminalreporter.write_sep(
            "#", "BROWSER TESTS WERE SKIPPED: no Chromium", red=True, bold=True
        )


@pytest.fixture
def runner(db):
    return UserFactory(username="rosa")


@pytest.fixture
def other_runner(db):
    return UserFactory(username="otto")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", is_staff=True, is_superuser=True)


@pytest.fixture(scope="session", autouse=True)
def _render_each_guide_text_once():
    """A guide page renders its Markdown when saved (knowledge.models), and the real guide is
    loaded many times a run (module_guide, seed_site, again after a transactional test): the
    same texts every time. Rendering is a pure function of the text (knowledge.markdown, tested
    on its own), so each process renders each text once; about 40% of a guide load. The models
    call it as markdown.render_markdown, so patching the module reaches them all."""
    from knowledge import markdown

    original = markdown.render_markdown
    markdown.render_markdown = functools.lru_cache(maxsize=4096)(original)
    yield
    markdown.render_markdown = original


@pytest.fixture(scope="session", autouse=True)
def _parse_each_large_fit_file_once():
    """fitdecode reads FIT files in pure Python: the 1 MB multisport sample takes about two
    seconds, and several tests import or parse it (on its own and inside the export archives).
    Parsing is a pure function of the file's name and bytes, so each process parses each large
    FIT file once and hands every caller its own copy of that result (unpickled: nothing one
    test does to it reaches another). Small files, and files that fail to parse, go to the
    parser every time."""
    from tracker.transfer import parsers

    original = parsers._PARSERS["fit"]
    parsed: dict[tuple[str, bytes], bytes] = {}

    def parse_once(filename: str, data: bytes):
        if len(data) < 100_000:
            return original(filename, data)
        key = (filename, hashlib.sha256(data).digest())
        if key not in parsed:
            parsed[key] = pickle.dumps(original(filename, data))
        return pickle.loads(parsed[key])

    parsers._PARSERS["fit"] = parse_once
    yield
    parsers._PARSERS["fit"] = original


@pytest.fixture(scope="module")
def module_guide(django_db_setup, django_db_blocker):
    """The real guide, loaded once for a test module and removed after it: loading parses
    and renders every Markdown file (about a second), and most tests only read it. Each test
    still runs in its own transaction, so edits to the guide roll back. load_guidance() runs
    once a process; later modules get a copy of the rows it wrote (tests/snapshots.py)."""
    with django_db_blocker.unblock():
        report = load_guide()
    yield report
    with django_db_blocker.unblock():
        remove_guide()


@pytest.fixture
def guide(module_guide, db):
    """The real guide, loaded from knowledge/content/ as `make run` loads it."""
    if not Article.objects.exists():  # a transactional test in the module flushed it
        return load_guide()
    return module_guide


@pytest.fixture
def no_guide(db):
    """No guide at all, for a test in a module whose other tests share a loaded guide: the
    rows are deleted inside this test's transaction, so they are back for the next test."""
    remove_guide()
