"""tests/snapshots.py puts back exactly the rows the real code wrote, and gives way to the real
code when the database is not empty."""

from django.contrib.auth.models import User

from knowledge.loading import load_guidance
from knowledge.models import Article
from tests.pages import seed_site
from tests.snapshots import _models_by_table, _take, load_guide, recorded, remove_guide


def every_row() -> dict[str, list[tuple]]:
    tables = _take(_models_by_table())
    return {table: sorted(map(repr, rows)) for table, (_, rows) in tables.items()}


def test_a_recorded_guide_comes_back_row_for_row_and_as_the_loader_left_it(db):
    report = load_guide()
    loaded = every_row()
    remove_guide()
    assert not Article.objects.exists()

    assert load_guide() == report
    assert every_row() == loaded
    # The loader finds every row as it would have written it.
    again = load_guidance()
    assert again.total("unchanged") == report.total("created") > 0
    assert again.total("created") == again.total("updated") == 0


def test_the_seeded_site_comes_back_with_its_runner_and_foreign_keys(db):
    runner = seed_site("snapshot_runner")
    seeded = every_row()
    User.objects.all().delete()
    remove_guide()

    assert seed_site("snapshot_runner").pk == runner.pk
    assert every_row() == seeded


def test_the_real_code_runs_again_when_its_tables_are_not_empty(db):
    calls = []

    def write():
        calls.append(1)
        return User.objects.create(username=f"writer{len(calls)}").username

    assert recorded("test-writer", write) == "writer1"
    # The row is still there: putting it back would collide, so write() runs again.
    assert recorded("test-writer", write) == "writer2"
    assert len(calls) == 2
