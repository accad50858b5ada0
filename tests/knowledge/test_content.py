"""The guide's text is ours: facts carry over from the sources, sentences do not.

The sources are not in the repository: scripts/make-shingles keeps only hashes of their 8-word
runs, and these tests compare the guide's runs against them.
"""

import re

import frontmatter
import pytest

from knowledge.loading import CONTENT_DIR
from knowledge.models import Article, Guideline, Source
from knowledge.shingles import (
    SHINGLE_FILE,
    copied_runs,
    load_source_hashes,
    runs,
    shingle_hash,
    words,
)

# The guidelines the tracker's code reads; the guide must define each one.
TRACKER_GUIDELINES = {
    "protein_g_per_kg",
    "acwr_sweet_spot",
    "acwr_danger",
    "weekly_distance_increase_pct",
    "strength_sessions_per_week",
    "strength_gap_days",
    "girth_difference_pct",
    "hard_running_share_pct",
    "rest_days_per_week",
    "form_training_pct",
    "form_fresh_pct",
    "monotony_high",
}


def content_files():
    return [p for p in sorted(CONTENT_DIR.rglob("*.md")) if p.name != "README.md"]


def source_titles() -> list[str]:
    return [frontmatter.load(p)["title"] for p in sorted((CONTENT_DIR / "sources").glob("*.md"))]


def our_text(path) -> str:
    """A file's words, leaving out the sources' titles: naming a source is citing, not copying."""
    post = frontmatter.load(path)
    meta = dict(post.metadata)
    if path.parent.name == "sources":
        # A source's title is the article's own title, quoted to cite it.
        meta.pop("title", None)
    values = [str(v) for v in meta.values() if isinstance(v, (str, int, float))]
    text = " ".join(values) + "\n" + post.content
    for title in source_titles():
        text = re.sub(r"\W+".join(map(re.escape, words(title))), " ", text, flags=re.IGNORECASE)
    return text


@pytest.fixture(scope="module")
def source_hashes() -> set[str]:
    return load_source_hashes()


def test_the_source_fingerprints_are_in_the_repository(source_hashes):
    # Five articles of about 6,300 words hold about that many distinct 8-word runs.
    assert SHINGLE_FILE.is_relative_to(CONTENT_DIR.parent.parent)
    assert 5_000 < len(source_hashes) < 8_000
    assert all(re.fullmatch(r"[0-9a-f]{16}", h) for h in source_hashes)


def test_no_run_of_eight_words_is_copied_from_a_source(source_hashes):
    copied = [
        f"{path.relative_to(CONTENT_DIR)}: “{run}”"
        for path in content_files()
        for run in copied_runs(our_text(path), source_hashes)
    ]
    assert copied == []


def test_the_checker_catches_a_copied_sentence():
    # A sentence of the guide stands in for a source: its own hashes must be found in it.
    sentence = words(our_text(CONTENT_DIR / "articles" / "protein-for-runners.md"))[40:52]
    pretend_source = {shingle_hash(run) for run in runs(sentence)}
    assert copied_runs("We wrote: " + " ".join(sentence) + ".", pretend_source)
    assert copied_runs("A sentence we wrote ourselves from scratch today.", pretend_source) == []


def test_every_published_article_names_a_source(guide):
    for article in Article.objects.published().prefetch_related("sources"):
        assert article.sources.exists(), article.slug


def test_every_source_says_who_wrote_it_and_how_far_to_trust_it(guide):
    for source in Source.objects.all():
        assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", source.file_name), source.slug
        assert len(source.standing) > 80, source.slug


def test_the_guide_defines_every_guideline_the_tracker_reads(guide):
    assert set(Guideline.objects.values_list("key", flat=True)) >= TRACKER_GUIDELINES


def test_every_guideline_cites_research_or_says_why_it_is_a_rule_of_thumb(guide):
    for guideline in Guideline.objects.all():
        guideline.full_clean()  # the model refuses one with neither
        if guideline.evidence_grade == Guideline.Evidence.RULE_OF_THUMB:
            assert len(guideline.rationale) > 40, guideline.key
        else:
            assert re.search(r"(19|20)\d\d", guideline.citation), guideline.key
            assert "doi" in guideline.citation.lower() or "http" in guideline.citation


@pytest.mark.parametrize("slug", ["protein-for-runners", "when-sources-disagree", "plan"])
def test_key_articles_exist_and_are_published(guide, slug):
    assert Article.objects.published().filter(slug=slug).exists()


def test_every_article_ends_with_a_tracker_check_and_references():
    for path in sorted((CONTENT_DIR / "articles").glob("*.md")):
        body = frontmatter.load(path).content
        check = body.split("## Check it in your tracker", 1)
        assert len(check) == 2, path.name
        assert re.search(r"\]\(/(progress|log)/", check[1]), path.name  # links a tracker page
        assert re.search(r"\d", check[1]), path.name  # a worked example in numbers
        assert "## References" in body, path.name
