import pytest

from knowledge.models import Article, Exercise, Guideline, Muscle
from knowledge.placeholders import expand_guidelines
from tests.factories import UserFactory


def test_the_guide_index_lists_every_published_article(
    client, guide, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        response = client.get("/guide/")
    html = response.content.decode()
    assert response.status_code == 200
    for article in Article.objects.published():
        assert article.get_absolute_url() in html
    assert 'name="q"' in html


def test_an_article_page_shows_its_body_sources_and_links(client, guide):
    article = Article.objects.get(slug="protein-for-runners")
    response = client.get("/guide/protein-for-runners/")
    html = response.content.decode()
    assert response.status_code == 200
    assert expand_guidelines(article.body_html, Guideline.objects.by_key()) in html
    for source in article.sources.all():
        assert source.title in html
    for muscle in article.muscles.all():
        assert muscle.get_absolute_url() in html
    for exercise in article.exercises.all():
        assert exercise.get_absolute_url() in html
    for related in article.related.all():
        assert related.get_absolute_url() in html
    assert "1.2–2 g/kg/day" in html  # the guideline this article explains


def test_a_draft_is_hidden_from_visitors_and_shown_to_staff(client, guide):
    Article.objects.filter(slug="running-injuries").update(status="draft")
    assert client.get("/guide/running-injuries/").status_code == 404
    assert "/guide/running-injuries/" not in client.get("/guide/").content.decode()
    client.force_login(UserFactory(username="editor", is_staff=True))
    response = client.get("/guide/running-injuries/")
    assert response.status_code == 200
    assert "only staff see this page" in response.content.decode()


def test_an_unknown_article_is_404(client, guide):
    assert client.get("/guide/no-such-article/").status_code == 404


def test_muscle_pages_list_the_exercises_that_train_them(client, guide):
    assert client.get("/guide/muscles/").status_code == 200
    calves = Muscle.objects.get(slug="calves")
    response = client.get(calves.get_absolute_url())
    html = response.content.decode()
    assert calves.stride_phase in html
    for exercise in Exercise.objects.guide().filter(primary_muscles=calves):
        assert exercise.get_absolute_url() in html


def test_exercise_pages_show_how_to_and_muscles(client, guide):
    assert client.get("/guide/exercises/").status_code == 200
    squat = Exercise.objects.get(slug="squat")
    html = client.get("/guide/exercises/squat/").content.decode()
    assert squat.body_html in html
    for muscle in squat.primary_muscles.all():
        assert muscle.get_absolute_url() in html


def test_a_users_private_exercise_is_not_a_guide_page(client, guide):
    owner = UserFactory(username="private")
    mine = Exercise.objects.create(name="My sled push", slug="my-sled-push", owner=owner)
    mine.primary_muscles.add(Muscle.objects.get(slug="quadriceps"))
    assert client.get("/guide/exercises/my-sled-push/").status_code == 404
    assert "My sled push" not in client.get("/guide/exercises/").content.decode()
    client.force_login(owner)
    assert client.get("/guide/exercises/my-sled-push/").status_code == 404


@pytest.mark.parametrize("url", ["/guide/", "/guide/muscles/", "/guide/exercises/"])
def test_guide_pages_work_on_an_empty_database(client, db, url):
    assert client.get(url).status_code == 200


def test_a_guideline_shows_its_range(guide):
    assert Guideline.objects.get(key="protein_g_per_kg").display_value == "1.2–2 g/kg/day"
    assert Guideline.objects.get(key="acwr_danger").display_value == "1.5 ratio"
