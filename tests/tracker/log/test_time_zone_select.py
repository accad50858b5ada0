"""The time-zone select writes the same markup as Django's own Select, only faster."""

import pytest
from django import forms
from pytest_django.asserts import assertHTMLEqual

from tracker.log.form_base import LongSelect
from tracker.log.forms import ProfileForm
from tracker.log.models import get_profile
from tracker.log.onboarding import OnboardingForm


def as_django_would(bound_field) -> str:
    """The field rendered by forms.Select, with the attributes its BoundField adds."""
    field = bound_field.field
    plain = forms.Select(attrs=field.widget.attrs, choices=field.choices)
    return bound_field.as_widget(widget=plain)


@pytest.mark.parametrize(
    "data",
    [None, {"time_zone": "Europe/Oslo"}, {"time_zone": "Mars/Olympus_Mons"}],
    ids=["unbound", "valid", "refused"],
)
def test_the_settings_time_zone_is_the_markup_django_writes(runner, data):
    form = ProfileForm(data, instance=get_profile(runner))
    if data:
        form.is_valid()
    assert isinstance(form.fields["time_zone"].widget, LongSelect)
    ours = form["time_zone"].as_widget()
    assert ours.count("<option") > 400
    assert ours.count(" selected") == (0 if data and "Mars" in data["time_zone"] else 1)
    assertHTMLEqual(ours, as_django_would(form["time_zone"]))


def test_the_sign_up_time_zone_is_the_markup_django_writes(runner):
    form = OnboardingForm(
        {"time_zone": "America/Argentina/Buenos_Aires"}, instance=get_profile(runner)
    )
    form.is_valid()
    assert 'value="America/Argentina/Buenos_Aires" selected' in form["time_zone"].as_widget()
    assertHTMLEqual(form["time_zone"].as_widget(), as_django_would(form["time_zone"]))


def test_labels_values_and_attributes_are_escaped():
    widget = LongSelect(
        attrs={"data-note": 'a "quote"', "required": True, "disabled": False},
        choices=[("<b>", "Fish & <chips>"), ("plain", "Plain")],
    )
    html = widget.render("zone", "<b>")
    assert "<b>" not in html
    assert "<chips>" not in html
    assert 'data-note="a &quot;quote&quot;"' in html
    assert " required" in html
    assert "disabled" not in html
    assertHTMLEqual(
        html, forms.Select(attrs=widget.attrs, choices=widget.choices).render("zone", "<b>")
    )
