import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from knowledge.loading import CONTENT_DIR, ContentError, load_guidance
from knowledge.models import (
    Article,
    Exercise,
    Guideline,
    Muscle,
    Routine,
    Source,
    StimulusWeight,
    Topic,
)


@pytest.fixture
def guide(db):
    """A load into an empty database: these tests check what loading itself does, so they
    cannot share the suite's once-per-module guide (tests/conftest.py)."""
    return load_guidance()


def files(kind):
    return len(list((CONTENT_DIR / kind).glob("*.md")))


@pytest.fixture
def content_copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def test_loading_creates_one_row_per_content_file(guide):
    assert Source.objects.count() == files("sources")
    assert Topic.objects.count() == files("topics")
    assert Article.objects.count() == files("articles")
    assert Muscle.objects.count() == files("muscles")
    assert Exercise.objects.guide().count() == files("exercises")
    assert Guideline.objects.count() == files("guidelines")
    assert Routine.objects.guide().count() == files("routines")
    kinds = ("sources", "topics", "articles", "muscles", "exercises", "routines", "guidelines")
    # Each muscle's six leg-ledger weights are rows of their own (knowledge/stimulus.py).
    weights = 6 * files("muscles")
    assert StimulusWeight.objects.count() == weights
    assert guide.total("created") == sum(files(k) for k in kinds) + weights


def test_a_guide_routine_loads_its_exercises_in_order(guide):
    routine = Routine.objects.guide().get(slug="runners-strength-basics")
    items = list(routine.items.select_related("exercise"))
    assert [(i.exercise.slug, i.sets, i.reps, i.reps_in_reserve) for i in items][:2] == [
        ("squat", 3, 8, 3),
        ("romanian-deadlift", 3, 8, 3),
    ]
    assert [i.order for i in items] == list(range(len(items)))


def test_loading_twice_changes_nothing(guide):
    before = {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()}
    again = load_guidance()
    assert again.total("created") == again.total("updated") == again.total("kept") == 0
    assert again.total("unchanged") == guide.total("created")
    assert {a.slug: (a.updated_at, a.body_html) for a in Article.objects.all()} == before


def test_links_between_pages_are_loaded(guide):
    protein = Article.objects.get(slug="protein-for-runners")
    assert protein.sources.exists()
    assert protein.related.exists()
    assert Guideline.objects.get(key="protein_g_per_kg").article == protein
    assert Exercise.objects.get(slug="calf-raise").primary_muscles.filter(slug="calves").exists()


def test_an_article_edited_in_the_admin_is_kept_unless_forced(guide, content_copy):
    article = Article.objects.get(slug="protein-for-runners")
    article.body = "Edited by an admin."
    article.save()
    (content_copy / "articles" / "protein-for-runners.md").write_text(
        (content_copy / "articles" / "protein-for-runners.md").read_text() + "\nNew paragraph.\n"
    )

    report = load_guidance(content_copy)
    assert report.kept == ["articles/protein-for-runners"]
    assert Article.objects.get(slug="protein-for-runners").body == "Edited by an admin."

    report = load_guidance(content_copy, force=True)
    assert report.counts[("articles", "updated")] == 1
    assert Article.objects.get(slug="protein-for-runners").body.endswith("New paragraph.")


def test_a_changed_file_updates_a_page_nobody_edited(guide, content_copy):
    path = content_copy / "guidelines" / "protein_g_per_kg.md"
    path.write_text(path.read_text().replace("maximum: 2.0", "maximum: 2.2"))
    report = load_guidance(content_copy)
    assert report.counts[("guidelines", "updated")] == 1
    assert Guideline.objects.get(key="protein_g_per_kg").maximum == 2.2


@pytest.mark.django_db
def test_a_dangling_reference_loads_nothing_and_names_the_file(content_copy):
    path = content_copy / "articles" / "protein-for-runners.md"
    path.write_text(path.read_text().replace("topic: ", "topic: no-such-topic\nold_topic: ", 1))
    with pytest.raises(ContentError, match="protein-for-runners.md: topic names “no-such-topic”"):
        load_guidance(content_copy)
    assert Article.objects.count() == Source.objects.count() == 0


@pytest.mark.django_db
def test_an_invalid_guideline_rolls_back_the_whole_load(content_copy):
    path = content_copy / "guidelines" / "protein_g_per_kg.md"
    path.write_text(path.read_text().replace("minimum: 1.2", "minimum: 3.0"))
    with pytest.raises(ContentError, match="protein_g_per_kg.md"):
        load_guidance(content_copy)
    assert Article.objects.count() == Guideline.objects.count() == 0


def test_the_command_reports_what_it_did(guide):
    out = StringIO()
    call_command("load_guidance", stdout=out)
    assert (
        f"articles    0 created, 0 updated, {files('articles')} unchanged, 0 kept" in out.getvalue()
    )
    assert "Guide loaded: 0 created, 0 updated" in out.getvalue()


@pytest.mark.django_db
def test_the_command_turns_content_errors_into_a_message(content_copy):
    (content_copy / "topics" / "broken.md").write_text("---\norder: 1\n---\nNo title.\n")
    with pytest.raises(
        CommandError, match="nothing was changed.\ntopics/broken.md: missing title."
    ):
        call_command("load_guidance", content_dir=content_copy)
    assert Topic.objects.count() == 0
