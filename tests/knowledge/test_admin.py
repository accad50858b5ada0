"""Admins edit the guide in the Django admin; the site and the tracker's numbers follow."""

from knowledge.models import Article, Guideline


def article_form(article, **changes):
    data = {
        "title": article.title,
        "slug": article.slug,
        "topic": article.topic_id,
        "status": article.status,
        "order": article.order,
        "summary": article.summary,
        "body": article.body,
        "sources": [s.pk for s in article.sources.all()],
        "muscles": [m.pk for m in article.muscles.all()],
        "exercises": [e.pk for e in article.exercises.all()],
        "related": [r.pk for r in article.related.all()],
    }
    data.update(changes)
    return data


def guideline_form(guideline, **changes):
    data = {
        "name": guideline.name,
        "minimum": guideline.minimum if guideline.minimum is not None else "",
        "maximum": guideline.maximum if guideline.maximum is not None else "",
        "value": guideline.value if guideline.value is not None else "",
        "unit": guideline.unit,
        "article": guideline.article_id,
        "citation": guideline.citation,
        "evidence_grade": guideline.evidence_grade,
        "rationale": guideline.rationale,
        "description": guideline.description,
    }
    data.update(changes)
    return data


def test_an_admin_edit_to_an_article_shows_on_the_site(client, guide, admin_user):
    client.force_login(admin_user)
    article = Article.objects.get(slug="protein-for-runners")
    url = f"/admin/knowledge/article/{article.pk}/change/"
    response = client.post(url, article_form(article, body="## Fresh heading\n\nNew advice."))
    assert response.status_code == 302, response.context["adminform"].errors
    html = client.get("/guide/protein-for-runners/").content.decode()
    assert "<h2>Fresh heading</h2>" in html
    assert "New advice." in html


def test_the_admin_keeps_history_and_can_revert(client, guide, admin_user):
    client.force_login(admin_user)
    article = Article.objects.get(slug="protein-for-runners")
    original = article.body
    client.post(
        f"/admin/knowledge/article/{article.pk}/change/", article_form(article, body="Oops")
    )
    history = list(article.history.order_by("history_date"))
    assert history[-1].body == "Oops"
    assert history[-1].history_user == admin_user
    earlier = history[-2]
    revert_url = f"/admin/knowledge/article/{article.pk}/history/{earlier.history_id}/"
    assert client.get(revert_url).status_code == 200
    client.post(revert_url, article_form(article, body=earlier.body))
    article.refresh_from_db()
    assert article.body == original


def test_an_admin_edit_to_a_guideline_changes_the_number_shown(client, guide, admin_user):
    client.force_login(admin_user)
    guideline = Guideline.objects.get(key="protein_g_per_kg")
    response = client.post(
        f"/admin/knowledge/guideline/{guideline.pk}/change/", guideline_form(guideline, minimum=1.4)
    )
    assert response.status_code == 302
    assert Guideline.objects.by_key()["protein_g_per_kg"].minimum == 1.4
    assert "1.4–2 g/kg/day" in client.get("/guide/protein-for-runners/").content.decode()


def test_a_guideline_minimum_above_its_maximum_is_refused_with_a_message(client, guide, admin_user):
    client.force_login(admin_user)
    guideline = Guideline.objects.get(key="protein_g_per_kg")
    url = f"/admin/knowledge/guideline/{guideline.pk}/change/"
    response = client.post(url, guideline_form(guideline, minimum=2.5, maximum=2.0))
    assert response.status_code == 200
    assert "Must be above the minimum." in response.content.decode()
    response = client.post(url, guideline_form(guideline, minimum=-1))
    assert "Must be above zero." in response.content.decode()
    guideline.refresh_from_db()
    assert (guideline.minimum, guideline.maximum) == (1.2, 2.0)


def test_admin_lists_and_filters_articles(client, guide, admin_user):
    client.force_login(admin_user)
    response = client.get(
        "/admin/knowledge/article/", {"status__exact": "published", "q": "protein"}
    )
    assert response.status_code == 200
    assert "Protein for runners" in response.content.decode()
    for model in ["topic", "source", "muscle", "exercise", "guideline"]:
        assert client.get(f"/admin/knowledge/{model}/").status_code == 200


def test_the_admin_header_names_the_product(client, admin_user, db):
    client.force_login(admin_user)
    assert "legsite administration" in client.get("/admin/").content.decode()


def test_the_admin_shows_a_view_on_site_link(client, guide, admin_user):
    client.force_login(admin_user)
    article = Article.objects.get(slug="protein-for-runners")
    html = client.get(f"/admin/knowledge/article/{article.pk}/change/").content.decode()
    assert "View on site" in html
