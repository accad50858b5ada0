"""Every drawing has a text alternative; each muscle page highlights its muscle in the diagram."""

import re

from knowledge.figures import EXERCISE_POSES
from knowledge.loading import CONTENT_DIR
from knowledge.models import Exercise, Muscle


def test_every_guide_exercise_has_a_drawing():
    slugs = {path.stem for path in (CONTENT_DIR / "exercises").glob("*.md")}
    assert slugs <= EXERCISE_POSES.keys()


def test_an_exercise_page_shows_its_figure_with_a_text_alternative(client, guide):
    for exercise in Exercise.objects.guide():
        html = client.get(exercise.get_absolute_url()).content.decode()
        svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.DOTALL)[0]
        assert 'role="img"' in svg
        assert f'<title id="figure-{exercise.slug}-title">{exercise.name}' in svg
        assert "<desc" in svg
        assert "style=" not in html


def test_a_muscle_page_highlights_its_muscle_and_links_the_others(client, guide):
    muscles = list(Muscle.objects.all())
    assert len(muscles) == 7
    for muscle in muscles:
        html = client.get(muscle.get_absolute_url()).content.decode()
        figure = html.split('class="guide-figure leg-muscles-figure"', 1)[1].split("</figure>")[0]
        assert figure.count("is-current") == 1
        current = re.search(
            r'<a href="([^"]+)"[^>]*aria-current="page">\s*<g class="muscle is-current"', figure
        )
        assert current
        assert current[1] == muscle.get_absolute_url()
        for other in muscles:
            assert f'href="{other.get_absolute_url()}"' in figure  # in the drawing and the list
        assert "<title" in figure
        assert "<desc" in figure


def test_the_stride_article_shows_the_stride_phases(client, guide):
    html = client.get("/guide/leg-muscles-in-the-stride/").content.decode()
    assert 'aria-labelledby="stride-title stride-desc"' in html
    for phase in ["Landing", "Mid-stance", "Push-off", "Swing"]:
        assert f"<strong>{phase}:</strong>" in html
    assert "{{ figure" not in html


def test_guide_pages_link_the_guide_stylesheet(client, guide):
    for url in ["/guide/", "/guide/muscles/calves/", "/guide/exercises/squat/", "/guide/plan/"]:
        assert "/static/css/guide.css" in client.get(url).content.decode(), url
