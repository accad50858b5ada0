"""Template filters for guide pages: guideline numbers and drawings filled in at view time."""

from django import template
from django.template.defaultfilters import force_escape
from django.utils.safestring import mark_safe

from knowledge import figures
from knowledge.placeholders import expand_guidelines

register = template.Library()


@register.filter
def with_guidelines(html, guidelines):
    """Sanitised HTML (rendered on save) with its guideline placeholders and figures filled in.

    `guidelines` is `Guideline.objects.by_key()`, fetched once per page. Inserted numbers are
    escaped and figures are built from fixed data, so the result is as safe as the HTML that
    went in.
    """
    return mark_safe(figures.expand_figures(expand_guidelines(str(html), guidelines or {})))


@register.filter
def text_with_guidelines(text, guidelines):
    """Plain text (a summary, a guideline's note) escaped, then its placeholders filled in."""
    return mark_safe(expand_guidelines(str(force_escape(text)), guidelines or {}))


@register.simple_tag
def exercise_figure(exercise):
    return figures.exercise_figure(exercise.slug, exercise.name)
