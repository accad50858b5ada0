"""The insight about worn shoes: a tip at 80 % of a pair's retirement distance, a warning at
100 %, linked to the guide's injuries article."""

import pytest

from tests.tracker.factories import RunFactory, ShoeFactory
from tracker.progress.insights import insights_for


@pytest.fixture
def injuries_article(guideline):
    # The fixture makes a guideline and its article; only the article matters here.
    guideline(key="unused", slug="running-injuries")


def shoe_insight(user):
    return next((i for i in insights_for(user) if i.key == "shoes_worn_out"), None)


def test_a_pair_at_80_percent_is_a_tip_with_the_injuries_article(runner, injuries_article):
    shoe = ShoeFactory(user=runner, name="Ghost 15", retire_at_m=100_000, start_distance_m=70_000)
    RunFactory(user=runner, shoe=shoe, distance_m=12_000)
    insight = shoe_insight(runner)
    assert insight.kind == "tip"
    assert "Ghost 15" in insight.title
    assert "82 %" in insight.title
    assert insight.article_url.endswith("/running-injuries/")


def test_a_pair_at_100_percent_is_a_warning(runner, injuries_article):
    ShoeFactory(user=runner, name="Ghost 15", retire_at_m=100_000, start_distance_m=100_000)
    ShoeFactory(user=runner, retire_at_m=100_000, start_distance_m=85_000)
    insight = shoe_insight(runner)
    assert insight.kind == "warning"
    assert insight.title == "Time to retire Nike Ghost 15"
    assert "1 more pair" in insight.message


def test_pairs_below_80_percent_or_retired_say_nothing(runner, injuries_article):
    ShoeFactory(user=runner, retire_at_m=100_000, start_distance_m=79_000)
    ShoeFactory(user=runner, retire_at_m=100_000, start_distance_m=200_000, retired=True)
    assert shoe_insight(runner) is None
