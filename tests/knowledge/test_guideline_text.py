"""Guideline numbers in guide text come from the guideline, filled in when the page is shown."""

import re

import frontmatter
import pytest

from knowledge.loading import CONTENT_DIR, ContentError, load_guidance
from knowledge.markdown import render_markdown
from knowledge.models import Article, Exercise, Guideline, Muscle, Source
from knowledge.placeholders import expand_guidelines

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 14: "fourteen"}
# Words that show a paragraph is about the guideline, so a bare number in it is the guideline's.
CONTEXT = {
    "protein_g_per_kg": r"protein|g per kg|g/kg",
    "acwr_sweet_spot": r"ratio|load",
    "acwr_danger": r"ratio|load|spike",
    "weekly_distance_increase_pct": r"distance|mileage|weekly",
    "hard_running_share_pct": r"hard|intens|tempo|interval",
    "girth_difference_pct": r"girth|side|left|right",
    "strength_sessions_per_week": r"strength|lift|session",
    "strength_gap_days": r"strength|lift|gap|break",
    "rest_days_per_week": r"rest",
    "form_training_pct": r"form|fatigue|fitness",
    "form_fresh_pct": r"form|fresh|taper",
    "monotony_high": r"monoton",
}


def number_re(number: float) -> str:
    text = f"{number:g}".replace(".", r"\.")
    spelled = NUMBER_WORDS.get(number)
    either = f"(?:{text}(?:\\.0)?|{spelled})" if spelled else f"{text}(?:\\.0)?"
    return rf"(?<![\d.]){either}(?![\d])"


def unit_re(unit: str) -> str:
    """What follows a number stated in prose: "10%", "14 days", "2 to 3 strength sessions"."""
    if "%" in unit:
        return r"\s*(?:%|percent|per cent)"
    if unit.startswith("g/"):
        return r"\s*(?:g|grams?)\b"
    if unit.startswith("day"):
        return r"[\s-]+(?:[\w-]+[\s-]+)?days?\b"
    if unit.startswith("session"):
        return r"\s+(?:[\w-]+\s+){0,2}(?:sessions?|times)\b"
    return ""  # a ratio: the bare number


def typed_patterns(guideline) -> list[str]:
    unit = unit_re(guideline.unit)
    # "Two strength sessions" or "one rest day" is ordinary advice; a counted range is the rule.
    counted = guideline.unit.startswith(("day", "session"))
    patterns = []
    if guideline.minimum is not None and guideline.maximum is not None:
        between = r"\s*(?:–|-|—|to|or|and)\s*"
        patterns.append(
            number_re(guideline.minimum)
            + between
            + number_re(guideline.maximum)
            + (unit if counted else "")
        )
    for number in (guideline.minimum, guideline.maximum, guideline.value):
        if number is not None and not (counted and guideline.value is None):
            patterns.append(number_re(number) + unit)
    return patterns


def prose_paragraphs(path) -> list[str]:
    post = frontmatter.load(path)
    text = post.content.split("## References", 1)[0]
    fields = [v for k, v in post.metadata.items() if isinstance(v, str) and k != "citation"]
    text = "\n\n".join([*fields, text])
    text = re.sub(r"\{\{.*?\}\}", " ", text)  # placeholders are what we want
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets are not prose
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_no_guideline_number_is_typed_into_prose(guide):
    found = []
    for guideline in Guideline.objects.all():
        patterns = [re.compile(p, re.IGNORECASE) for p in typed_patterns(guideline)]
        context = re.compile(CONTEXT.get(guideline.key, "."), re.IGNORECASE)
        for path in sorted(CONTENT_DIR.rglob("*.md")):
            if path.name == "README.md":
                continue
            for paragraph in prose_paragraphs(path):
                if not context.search(paragraph):
                    continue
                for pattern in patterns:
                    for match in pattern.finditer(paragraph):
                        found.append(
                            f"{path.relative_to(CONTENT_DIR)}: “{match[0]}” is "
                            f"{guideline.key}; write a placeholder"
                        )
    assert found == []


def test_the_scan_catches_a_typed_range(guide):
    protein = Guideline.objects.get(key="protein_g_per_kg")
    text = "Eat 1.2 to 2.0 g of protein per kg."
    assert any(re.search(p, text) for p in typed_patterns(protein))


def test_placeholders_show_the_current_numbers(guide):
    guidelines = Guideline.objects.by_key()
    html = render_markdown(
        "Eat {{ guideline:protein_g_per_kg }}: {{ guideline:protein_g_per_kg.min }} to "
        "{{ guideline:protein_g_per_kg.max }}, or {{ guideline:protein_g_per_kg.min×70 }} g "
        "for 70 kg. Danger at {{ guideline:acwr_danger.value }}; {{ guideline:nope }}; "
        "{{ guideline:acwr_danger.min }}."
    )
    assert "{{ guideline:protein_g_per_kg }}" in html  # kept on save, filled in on view
    shown = expand_guidelines(html, guidelines)
    assert "Eat 1.2–2 g/kg/day: 1.2 to 2, or 84 g for 70 kg." in shown
    assert "Danger at 1.5;" in shown
    assert "[unknown guideline: nope]" in shown
    assert "[guideline acwr_danger has no min]" in shown


def test_changing_a_guideline_changes_the_article_text_and_table(client, guide):
    before = client.get("/guide/protein-for-runners/").content.decode()
    assert "1.2–2 g/kg/day" in before
    Guideline.objects.filter(key="protein_g_per_kg").update(minimum=1.4, maximum=2.2)
    html = client.get("/guide/protein-for-runners/").content.decode()
    prose = html.split('id="numbers"')[0]
    assert "1.4–2.2 g/kg/day" in prose  # a sentence in the article
    assert "1.4×" not in prose
    assert "{{" not in html
    assert re.search(r"<td data-label=\"Value now\">1\.4–2\.2 g/kg/day</td>", html)  # the table
    assert "1.2–2 g" not in html


def test_one_query_fetches_every_guideline_on_an_article_page(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(9):
        assert client.get("/guide/protein-for-runners/").status_code == 200


def test_loading_refuses_a_placeholder_for_a_missing_guideline(tmp_path, db):
    import shutil

    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    article = content / "articles" / "protein-for-runners.md"
    article.write_text(
        article.read_text() + "\nEat {{ guideline:protien }} and {{ guideline:acwr_danger.min }}.\n"
    )
    with pytest.raises(ContentError) as error:
        load_guidance(content)
    assert "“protien”, which is not in guidelines/" in str(error.value)
    assert "“acwr_danger” has no min" in str(error.value)


def test_the_admin_previews_the_article_with_current_numbers(client, guide, admin_user):
    client.force_login(admin_user)
    Guideline.objects.filter(key="protein_g_per_kg").update(minimum=1.4, maximum=2.2)
    article = Article.objects.get(slug="protein-for-runners")
    html = client.get(f"/admin/knowledge/article/{article.pk}/change/").content.decode()
    preview = html.split('class="guide-preview"', 1)[1]
    assert "1.4–2.2 g/kg/day" in preview
    assert "<h2" in preview  # rendered HTML, not escaped Markdown


def guide_pages():
    yield "/guide/"
    yield "/guide/muscles/"
    yield "/guide/exercises/"
    yield "/guide/sources/"
    for article in Article.objects.all():
        yield article.get_absolute_url()
    for muscle in Muscle.objects.all():
        yield muscle.get_absolute_url()
    for exercise in Exercise.objects.guide():
        yield exercise.get_absolute_url()


def test_no_guide_page_shows_a_source_file_name(client, guide):
    file_names = list(Source.objects.values_list("file_name", flat=True))
    for url in guide_pages():
        html = client.get(url).content.decode()
        assert not re.search(r"\d{3}_[0-9a-f]{16}", html), url
        assert ".txt" not in html, url
        assert not any(name in html for name in file_names), url
        assert "[unknown guideline" not in html, url
        assert "{{" not in html, url


def test_the_sources_page_gives_each_source_title_author_and_standing(client, guide):
    html = client.get("/guide/sources/").content.decode()
    for source in Source.objects.all():
        assert source.title.replace("'", "&#x27;") in html or source.title in html
        assert source.standing in html.replace("&#x27;", "'")
    assert "Harold P" in html
    assert "product" in html
