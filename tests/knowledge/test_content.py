"""The guide's text is ours: facts carry over from the sources, sentences do not."""

import re

import frontmatter
import pytest
from django.conf import settings

from knowledge.loading import CONTENT_DIR
from knowledge.models import Article, Guideline

SOURCES_DIR = settings.BASE_DIR.parent / "shared" / "sources"
RUN = 8  # no run of this many words may be copied

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
}


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'")
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)


def runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def our_text(path) -> str:
    post = frontmatter.load(path)
    meta = dict(post.metadata)
    if path.parent.name == "sources":
        # A source's title is the article's own title, quoted to cite it.
        meta.pop("title", None)
    values = [str(v) for v in meta.values() if isinstance(v, (str, int, float))]
    return " ".join(values) + "\n" + post.content


def test_the_sources_are_beside_the_repository():
    assert len(list(SOURCES_DIR.glob("*.txt"))) == 5


def test_no_run_of_eight_words_is_copied_from_a_source():
    source_runs: dict[tuple[str, ...], str] = {}
    for source in sorted(SOURCES_DIR.glob("*.txt")):
        for run in runs(words(source.read_text(encoding="utf-8"))):
            source_runs.setdefault(run, source.name)
    copied = []
    for path in sorted(CONTENT_DIR.rglob("*.md")):
        if path.name == "README.md":
            continue
        for run in runs(words(our_text(path))) & source_runs.keys():
            copied.append(
                f"{path.relative_to(CONTENT_DIR)}: “{' '.join(run)}” ({source_runs[run]})"
            )
    assert copied == []


def test_the_checker_catches_a_copied_sentence():
    source = next(SOURCES_DIR.glob("000_*.txt")).read_text(encoding="utf-8")
    sentence = " ".join(words(source)[200:212])
    assert runs(words("We wrote: " + sentence)) & runs(words(source))


def test_every_published_article_names_a_source(guide):
    for article in Article.objects.published().prefetch_related("sources"):
        assert article.sources.exists(), article.slug


def test_every_source_file_named_exists(guide):
    from knowledge.models import Source

    for source in Source.objects.all():
        assert (SOURCES_DIR / source.file_name).exists(), source.file_name


def test_the_guide_defines_every_guideline_the_tracker_reads(guide):
    assert set(Guideline.objects.values_list("key", flat=True)) >= TRACKER_GUIDELINES


@pytest.mark.parametrize("slug", ["protein-for-runners", "when-sources-disagree"])
def test_key_articles_exist_and_are_published(guide, slug):
    assert Article.objects.published().filter(slug=slug).exists()
