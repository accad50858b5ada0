import pytest

from knowledge.models import Article, Topic
from tests.factories import UserFactory


def titles(response):
    return [a.title for a in response.context["articles"]]


def test_a_title_match_ranks_above_body_mentions(client, guide):
    response = client.get("/guide/search/", {"q": "protein"})
    found = titles(response)
    assert found[0] == "Protein for runners"
    assert len(found) > 3  # many articles mention protein in their text
    title_matches = [t for t in found if "protein" in t.lower()]
    assert found[: len(title_matches)] == title_matches


def test_every_word_must_match(client, guide):
    both = titles(client.get("/guide/search/", {"q": "hill sprints"}))
    assert both
    for title in both:
        article = Article.objects.get(title=title)
        text = (article.title + article.summary + article.body).lower()
        assert "hill" in text
        assert "sprint" in text


@pytest.mark.django_db
def test_search_ranks_with_hand_made_articles(client, no_guide):
    from knowledge.models import Source

    topic = Topic.objects.create(slug="t", title="T")
    source = Source.objects.create(slug="s", title="S", file_name="000.txt")
    body_only = Article.objects.create(
        topic=topic,
        slug="b",
        title="Recovery days",
        summary="Rest.",
        body="Calves need rest.",
        status="published",
    )
    titled = Article.objects.create(
        topic=topic,
        slug="c",
        title="Calves and running",
        summary="About calves.",
        body="Text.",
        status="published",
    )
    Article.objects.create(
        topic=topic, slug="d", title="Calf draft", summary="Calves", body="calves", status="draft"
    )
    for article in Article.objects.all():
        article.sources.add(source)
    assert list(Article.objects.published().search("calves")) == [titled, body_only]
    assert titles(client.get("/guide/search/", {"q": "calves"})) == [titled.title, body_only.title]


def test_staff_also_find_drafts(client, guide):
    Article.objects.filter(slug="running-injuries").update(status="draft")
    assert "Running injuries" not in " ".join(
        titles(client.get("/guide/search/", {"q": "injuries"}))
    )
    client.force_login(UserFactory(username="editor", is_staff=True))
    assert any(
        "injur" in t.lower() for t in titles(client.get("/guide/search/", {"q": "injuries"}))
    )


def test_an_empty_or_odd_query_gives_a_page_not_an_error(client, guide):
    assert titles(client.get("/guide/search/", {"q": ""})) == []
    for query in ["%", "'; DROP TABLE knowledge_article; --", "x" * 5000, "🦵", "a & b | !c"]:
        response = client.get("/guide/search/", {"q": query})
        assert response.status_code == 200
    assert Article.objects.exists()


def test_no_match_says_so(client, guide):
    response = client.get("/guide/search/", {"q": "zzzzqqq"})
    assert "Nothing in the guide matches" in response.content.decode()


# Stemming, names, typos and counts: on SQLite and on PostgreSQL -----------------------------


def found(client, query):
    response = client.get("/guide/search/", {"q": query})
    return response, response.content.decode()


def test_a_plural_finds_the_singular_page(client, guide):
    response, page = found(client, "squats")
    assert "Squat" in [e.name for e in response.context["exercises"]]
    assert 'href="/guide/exercises/squat/">Squat</a>' in page
    assert response.context["articles"]  # articles that say "squat" count too


def test_bigger_calves_finds_the_calves_page_and_calf_raises(client, guide):
    response, page = found(client, "bigger calves")
    assert [m.name for m in response.context["muscles"]] == ["Calves"]
    assert "Calf raise" in [e.name for e in response.context["exercises"]]
    assert 'href="/guide/muscles/calves/">Calves</a>' in page


def test_a_typo_is_corrected_and_its_results_shown(client, guide):
    response, page = found(client, "protien")
    assert response.context["results"].suggestion == "protein"
    assert titles(response)[0] == "Protein for runners"
    assert 'Showing results for “<a href="?q=protein">protein</a>”' in page


def test_the_counts_say_what_is_listed(client, guide):
    response, page = found(client, "calves")
    results = response.context["results"]
    pages = len(results.muscles) + len(results.exercises)
    assert pages >= 1
    articles = len(results.articles)
    assert (
        f"{articles} article{'s' if articles != 1 else ''}, {pages} muscle or exercise "
        f"page{'s' if pages != 1 else ''} for “calves”" in page
    )
    assert " 0 muscle or exercise pages" not in page


def test_words_that_match_nothing_get_no_made_up_suggestion(client, guide):
    response, page = found(client, "zzqxv")
    assert response.context["results"].suggestion == ""
    assert "Nothing in the guide matches “zzqxv”" in page


def test_stemming_rules():
    from knowledge.search import stem

    assert [stem(w) for w in ("squats", "calves", "raises", "muscles", "injuries")] == [
        "squat",
        "calf",
        "raise",
        "muscle",
        "injury",
    ]
    assert [stem(w) for w in ("running", "hills", "this", "less", "legs")] == [
        "run",
        "hill",
        "this",
        "less",
        "leg",
    ]
