"""The one short form after sign-up: goal, units, body weight and time zone.

The body weight becomes the runner's first measurement (so protein has a target from day one);
the time zone is pre-filled from the browser by static/js/onboarding.js.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from tracker import bounds, units
from tracker.log.form_base import measure_field, time_zone_field
from tracker.log.models import LegMeasurement, Profile, get_profile


class OnboardingForm(forms.ModelForm):
    body_weight = measure_field("Body weight")

    class Meta:
        model = Profile
        fields = ["goal", "units", "time_zone"]
        labels = {"goal": "What do you want from your legs?", "units": "Units"}
        widgets = {"goal": forms.RadioSelect, "units": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No goal is assumed: the runner picks one.
        self.initial.pop("goal", None)
        self.fields["goal"].choices = Profile.Goal.choices
        self.fields[
            "body_weight"
        ].help_text = (
            "In kg, or lb with imperial units. Optional; it sets your daily protein target."
        )
        self.fields["body_weight"].widget.attrs.update({"inputmode": "decimal", "min": 0})
        self.fields["time_zone"] = time_zone_field(
            "Decides what “today” is in your log; filled in from your browser."
        )
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = "true"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("goal"), Field("units"), Field("body_weight"), Field("time_zone")
        )

    def body_weight_kg(self) -> float | None:
        value = self.cleaned_data.get("body_weight")
        if value is None:
            return None
        system = self.cleaned_data.get("units") or units.METRIC
        return units.to_si("weight", float(value), system)

    def clean(self):
        cleaned = super().clean()
        weight_kg = self.body_weight_kg()
        low, high = bounds.BODY_WEIGHT_KG
        if weight_kg is not None and not low <= weight_kg <= high:
            system = cleaned.get("units") or units.METRIC
            label = units.unit_label("weight", system)
            shown = [f"{units.from_si('weight', v, system):,.0f}" for v in (low, high)]
            self.add_error(
                "body_weight", f"Enter a body weight between {shown[0]} and {shown[1]} {label}."
            )
        return cleaned


@login_required
def onboarding(request):
    profile = get_profile(request.user)
    form = OnboardingForm(request.POST or None, instance=profile)
    if request.method == "POST" and "skip" in request.POST:
        Profile.objects.filter(pk=profile.pk).update(onboarded_at=timezone.now())
        return redirect("home")
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            profile = form.save(commit=False)
            profile.onboarded_at = timezone.now()
            profile.save()
            weight_kg = form.body_weight_kg()
            if weight_kg is not None:
                LegMeasurement.objects.create(
                    user=request.user, date=profile.today(), weight_kg=weight_kg
                )
        messages.success(request, "All set. Log your first run or strength session below.")
        return redirect("home")
    return render(request, "tracker/onboarding.html", {"form": form})
