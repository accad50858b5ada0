"""The runner's heart-rate zones: see the zones in force, and set new ones from a date on
(runs before that date keep the zones they were worked out with)."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render

from tracker import bounds, heart_rate
from tracker.log import intensity, recompute
from tracker.log.form_base import DateInput
from tracker.log.models import HeartRateZoneSet, get_profile


class ZoneSetForm(forms.Form):
    valid_from = forms.DateField(
        label="From",
        widget=DateInput(),
        help_text="Runs on and after this day use these zones; earlier runs keep theirs.",
    )
    max_hr_bpm = forms.IntegerField(
        label="Maximum heart rate",
        min_value=bounds.MAX_HR_BPM[0],
        max_value=bounds.MAX_HR_BPM[1],
        error_messages={"min_value": bounds.MAX_HR, "max_value": bounds.MAX_HR},
    )
    resting_hr_bpm = forms.IntegerField(
        label="Resting heart rate",
        min_value=bounds.RESTING_HR_BPM[0],
        max_value=bounds.RESTING_HR_BPM[1],
        error_messages={"min_value": bounds.RESTING_HR, "max_value": bounds.RESTING_HR},
        required=False,
        help_text="With it, zones are % of heart-rate reserve (Karvonen); without, % of maximum.",
    )
    zone2_bpm = forms.IntegerField(label="Zone 2 from (bpm)", required=False, min_value=40)
    zone3_bpm = forms.IntegerField(label="Zone 3 from (bpm)", required=False, min_value=40)
    zone4_bpm = forms.IntegerField(label="Zone 4 from (bpm)", required=False, min_value=40)
    zone5_bpm = forms.IntegerField(label="Zone 5 from (bpm)", required=False, min_value=40)

    BOUNDS = ("zone2_bpm", "zone3_bpm", "zone4_bpm", "zone5_bpm")

    def clean(self):
        data = super().clean()
        given = [data.get(name) for name in self.BOUNDS]
        if any(v is not None for v in given):
            if any(v is None for v in given):
                raise forms.ValidationError("Give all four zone starts, or none of them.")
            if given != sorted(set(given)) or given[-1] > (data.get("max_hr_bpm") or 0):
                raise forms.ValidationError(
                    "Each zone must start above the one before, and zone 5 at or below your "
                    "maximum."
                )
        return data

    def zones(self) -> heart_rate.Zones:
        data = self.cleaned_data
        computed = heart_rate.zones_for(data["max_hr_bpm"], data.get("resting_hr_bpm"))
        if data.get("zone2_bpm") is None:
            return computed
        low = (computed.lower_bpm[0], *(data[name] for name in self.BOUNDS))
        if low[0] >= low[1]:
            low = (low[1] - 1, *low[1:])
        return heart_rate.Zones(low, "custom", data["max_hr_bpm"], data.get("resting_hr_bpm"))


def save_zone_set(user, form: ZoneSetForm) -> recompute.Recompute:
    """Save the zones from the form's date on (replacing a set of the same date) and work out
    again the runs they now cover."""
    day = form.cleaned_data["valid_from"]
    zone_set = HeartRateZoneSet.from_zones(
        user=user, valid_from=day, zones=form.zones(), estimated=False
    )
    HeartRateZoneSet.objects.for_user(user).filter(valid_from=day).delete()
    zone_set.save()
    following = (
        HeartRateZoneSet.objects.for_user(user)
        .filter(valid_from__gt=day)
        .order_by("valid_from")
        .first()
    )
    # Earlier runs keep theirs unless this is now the first set (it then covers them).
    first = not HeartRateZoneSet.objects.for_user(user).filter(valid_from__lt=day).exists()
    return recompute.start_recompute(
        user,
        since=None if first else day,
        until=following.valid_from - datetime.timedelta(days=1) if following else None,
    )


@login_required
def heart_rate_zones(request):
    profile = get_profile(request.user)
    today = profile.today()
    current = intensity.zones_on(request.user, profile, today)
    if request.method == "POST":
        form = ZoneSetForm(request.POST)
        if form.is_valid():
            with transaction.atomic():  # the set, and the runs it changes, or nothing
                outcome = save_zone_set(request.user, form)
            messages.success(request, outcome.message("Zones saved"))
            return redirect("tracker:heart_rate_zones")
    else:
        initial = {"valid_from": today}
        if current is not None:
            initial |= {
                "max_hr_bpm": current.zones.max_hr,
                "resting_hr_bpm": current.zones.resting_hr,
            }
        form = ZoneSetForm(initial=initial)
    return render(
        request,
        "tracker/heart_rate_zones.html",
        {
            "form": form,
            "current": current,
            "sets": HeartRateZoneSet.objects.for_user(request.user),
        },
    )
