"""Markdown to safe HTML for guide pages.

Admins write Markdown; the HTML is rendered on save and sanitised with nh3, so script, event
handler attributes and javascript: links never reach a page, whoever typed them.

Two marks are decorated after sanitising, from fixed patterns (so no author-typed attribute gets
through): `[evidence: moderate]` becomes a labelled evidence grade, and a blockquote opening with
**Myth check:** becomes a myth-check box. Guideline placeholders (`{{ guideline:key }}`) pass
through untouched; knowledge.placeholders fills them in when a page is shown.
"""

import re

import markdown
import nh3

EVIDENCE_GRADES = ("strong", "moderate", "weak", "opinion")
EVIDENCE_MARK = re.compile(r"\[evidence: (" + "|".join(EVIDENCE_GRADES) + r")\]", re.IGNORECASE)
MYTH_CHECK = re.compile(r"<blockquote>(\s*<p><strong>Myth check:?</strong>)")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # `## Heading {#anchor}` (attr_list) lets other pages link to one section.
    "h2": {"id"},
    "h3": {"id"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
}


def render_markdown(text: str) -> str:
    html = markdown.markdown(
        text, extensions=["tables", "sane_lists", "smarty", "attr_list"], output_format="html"
    )
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    clean = EVIDENCE_MARK.sub(
        lambda m: f'<span class="evidence evidence-{m[1].lower()}">Evidence: {m[1].lower()}</span>',
        clean,
    )
    return MYTH_CHECK.sub(r'<blockquote class="myth-check">\1', clean)
