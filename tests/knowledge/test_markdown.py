import pytest

from knowledge.markdown import render_markdown
from knowledge.models import Article

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<p onclick="alert(1)">para</p>',
    "<iframe src='https://evil.example'></iframe>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<style>body{display:none}</style>",
]


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_never_reaches_the_page(markdown):
    html = render_markdown(markdown).lower()
    for dangerous in ("<script", "onerror", "onclick", "javascript:", "<iframe", "data:", "<style"):
        assert dangerous not in html


def test_ordinary_markdown_keeps_its_structure():
    html = render_markdown(
        "## Heading\n\nSome **bold** text and a [link](/guide/protein-for-runners/).\n\n"
        "- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="/guide/protein-for-runners/" rel="noopener noreferrer">link</a>' in html
    assert "<li>one</li>" in html
    assert "<td>1</td>" in html


def test_saving_an_article_renders_its_body_safely(guide):
    article = Article.objects.get(slug="protein-for-runners")
    article.body = "Eat well.<script>steal()</script>"
    article.save()
    article.refresh_from_db()
    assert "Eat well." in article.body_html
    assert "<script" not in article.body_html
