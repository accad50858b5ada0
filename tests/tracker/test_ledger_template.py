"""The Progress page's leg-ledger partial (templates/tracker/_ledger.html): the numbers of
tests/tracker/test_ledger.py's log as tables, in the runner's units, valid HTML."""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils.html import escape

from tests.test_html_validity import checker_missing, validate
from tests.tracker.ledger_log import build_log, set_weights
from tracker.progress.ledger import leg_ledger
from tracker.progress.periods import range_start
from tracker.progress.rows import read_rows

TODAY = datetime.date(2026, 11, 25)


@pytest.fixture
def ledger(guide, runner):
    set_weights()
    build_log(runner, TODAY)
    return leg_ledger(read_rows(runner, range_start("4w", TODAY), TODAY), "week")


def squashed(html: str) -> str:
    return " ".join(html.split())


def test_the_partial_shows_each_muscles_points_by_source_and_girths(ledger):
    html = squashed(render_to_string("tracker/_ledger.html", {"ledger": ledger, "units": "metric"}))
    # Hamstrings over the range: 5 hard, 1.8 easy, 1.5 hills, 3 main sets, 2 assisting, 0.6
    # cycling, 13.9 in all; thigh +0.6 cm left, 0.0 right.
    hamstrings = '<th scope="row"><a href="/guide/muscles/hamstrings/">Hamstrings</a></th>'
    row = html.split(hamstrings, 1)[1].split("</tr>", 1)[0]
    assert re.findall(r"<td[^>]*>(.*?)</td>", row) == [
        "5.0",
        "1.8",
        "1.5",
        "3.0",
        "2.0",
        "0.6",
        "13.9",
        "thigh +0.6 cm",
        "thigh 0.0 cm",
    ]
    assert "Hamstrings, week by week" in html
    assert "Week of 16 Nov 2026" in html
    assert escape(ledger["scale"]) in html
    assert f'href="{ledger["article_url"]}"' in html


def test_girths_follow_the_runners_units(ledger):
    html = squashed(
        render_to_string("tracker/_ledger.html", {"ledger": ledger, "units": "imperial"})
    )
    # 0.6 cm is 0.24 in, shown to one place.
    assert "thigh +0.2 in" in html


def test_an_empty_ledger_says_what_to_log(guide, other_runner):
    ledger = leg_ledger(read_rows(other_runner, range_start("4w", TODAY), TODAY), "week")
    html = render_to_string("tracker/_ledger.html", {"ledger": ledger, "units": "metric"})
    assert "Nothing to count yet" in html
    assert "<table" not in html


def test_the_partial_is_valid_html(ledger, tmp_path):
    missing = checker_missing()
    if missing:
        pytest.skip(missing)
    body = render_to_string("tracker/_ledger.html", {"ledger": ledger, "units": "metric"})
    head = '<!doctype html><html lang="en"><head><title>Ledger</title></head>'
    page = f"{head}<body>{body}</body></html>"
    assert validate({"/progress/ ledger": page.encode()}, tmp_path) == []
