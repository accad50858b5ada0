"""Text a person typed is shown as text: HTML and script in any free-text field come back
escaped on every page that shows it."""

import pytest

from tests.tracker.factories import (
    ExerciseFactory,
    LegMeasurementFactory,
    ProteinEntryFactory,
    RunFactory,
    StrengthSessionFactory,
    StrengthSetFactory,
)

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture
def hostile_log(runner):
    exercise = ExerciseFactory(name=HOSTILE, slug="hostile", owner=runner)
    session = StrengthSessionFactory(user=runner, notes=HOSTILE)
    StrengthSetFactory(session=session, exercise=exercise)
    return {
        "run": RunFactory(user=runner, notes=HOSTILE),
        "session": session,
        "measurement": LegMeasurementFactory(user=runner, notes=HOSTILE),
        "protein": ProteinEntryFactory(user=runner, food=HOSTILE),
        "exercise": exercise,
    }


def pages(log):
    return [
        "/log/",
        f"/log/runs/{log['run'].pk}/",
        f"/log/strength/{log['session'].pk}/",
        "/log/strength/",
        f"/log/measurements/{log['measurement'].pk}/",
        "/log/protein/",
        f"/log/protein/{log['protein'].pk}/",
        "/log/exercises/",
        f"/log/strength/{log['session'].pk}/edit/",
    ]


def test_hostile_text_is_escaped_wherever_it_is_shown(client, runner, hostile_log):
    client.force_login(runner)
    shown_on = 0
    for url in pages(hostile_log):
        html = client.get(url).content.decode()
        assert HOSTILE not in html, url
        assert "<script>alert" not in html, url
        assert "<img src=x onerror" not in html, url
        shown_on += ESCAPED in html
    # The text really is on these pages (escaped), so the checks above looked at it.
    assert shown_on >= 6
