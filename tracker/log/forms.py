"""Forms for the training log, in the runner's units, checked against tracker/bounds.py."""

import datetime

from crispy_forms.bootstrap import AppendedText
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError

from knowledge.models import Guideline
from tracker import bounds
from tracker.log import shoes
from tracker.log.form_base import (
    EFFORT_CHOICES,
    NUMBER_MESSAGES,
    DateInput,
    DurationField,
    LogForm,
    check_range,
    measure_field,
    time_zone_field,
    use_range_messages,
)
from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    default_time_zone,
)


def predicted_max_hr_bpm(birth_year: int | None, today: datetime.date) -> int | None:
    """Tanaka, Monahan & Seals (2001): 208 − 0.7 × age, rounded; None without a birth year."""
    if not birth_year:
        return None
    return round(208 - 0.7 * (today.year - birth_year))


class RunForm(LogForm):
    start_time = forms.TimeField(
        label="Start time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    distance = measure_field("Distance", required=True)
    duration = DurationField(
        label="Duration",
        help_text="h:mm:ss or mm:ss, for example 45:30 or 1:05:00.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    elevation_gain = measure_field("Elevation gain")
    # Shown only when the run repeats one already logged that day (see clean).
    save_duplicate = forms.BooleanField(label="Save it anyway: it is another run", required=False)

    unit_fields = {
        "distance": ("distance_m", "distance"),
        "elevation_gain": ("elevation_gain_m", "elevation"),
    }
    range_messages = {
        "avg_hr_bpm": bounds.HEART_RATE,
        "max_hr_bpm": bounds.HEART_RATE,
        "effort": bounds.EFFORT_RANGE,
    }

    class Meta:
        model = Run
        fields = [
            "date",
            "run_type",
            "surface",
            "avg_hr_bpm",
            "max_hr_bpm",
            "effort",
            "notes",
            "shoe",
        ]
        labels = {
            "date": "Date",
            "run_type": "Run type",
            "surface": "Surface",
            "avg_hr_bpm": "Average heart rate",
            "max_hr_bpm": "Maximum heart rate",
            "effort": "Perceived effort",
            "shoe": "Shoes",
        }
        help_texts = {"effort": "How hard it felt; used for your training load."}
        widgets = {
            "effort": forms.Select(choices=EFFORT_CHOICES),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.duration_s and "duration" not in self.initial:
            self.initial["duration"] = self.instance.duration_s
        if self.instance.start_time and "start_time" not in self.initial:
            self.initial["start_time"] = self.instance.start_time.astimezone(
                self.profile.zone
            ).time()
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-sm-6"), Column("start_time", css_class="col-sm-6")),
            Row(
                Column(self.appended("distance", "distance"), css_class="col-sm-6"),
                Column("duration", css_class="col-sm-6"),
            ),
            Row(Column("run_type", css_class="col-sm-6"), Column("surface", css_class="col-sm-6")),
            Row(
                Column(self.appended("elevation_gain", "elevation"), css_class="col-sm-4"),
                Column(AppendedText("avg_hr_bpm", "bpm"), css_class="col-sm-4"),
                Column(AppendedText("max_hr_bpm", "bpm"), css_class="col-sm-4"),
            ),
            Field("effort"),
            Field("shoe"),
            Field("notes"),
        )
        shoes.offer_runners_shoes(self)

    def clean(self):
        cleaned = super().clean()
        self.check_bounds("distance", (0, bounds.LONGEST_RUN_M), "a distance", above_zero=True)
        self.check_bounds("elevation_gain", (0, bounds.MOST_ELEVATION_GAIN_M), "an elevation gain")
        duration_s = cleaned.get("duration")
        if duration_s is not None:
            if duration_s <= 0:
                self.add_error("duration", bounds.DURATION_ZERO)
            elif duration_s > bounds.LONGEST_RUN_S:
                self.add_error("duration", bounds.DURATION_TOO_LONG)
            else:
                self.instance.duration_s = duration_s
        distance_m = self.si_value("distance")
        if (
            distance_m
            and duration_s
            and "distance" not in self.errors
            and "duration" not in self.errors
            and duration_s / (distance_m / 1000) < bounds.FASTEST_PACE_S_PER_KM
        ):
            self.add_error("duration", bounds.too_fast(self.units))
        for name in ("avg_hr_bpm", "max_hr_bpm"):
            check_range(self, name, bounds.HEART_RATE_BPM)
        average, maximum = cleaned.get("avg_hr_bpm"), cleaned.get("max_hr_bpm")
        if average and maximum and maximum < average and "max_hr_bpm" not in self.errors:
            self.add_error("max_hr_bpm", bounds.MAX_BELOW_AVERAGE)
        check_range(self, "effort", bounds.EFFORT)
        start = cleaned.get("start_time")
        day = cleaned.get("date")
        if day is not None:
            self.instance.start_time = (
                datetime.datetime.combine(day, start, tzinfo=self.profile.zone) if start else None
            )
        if not self.errors and not cleaned.get("save_duplicate"):
            self.check_duplicate(day, distance_m, duration_s)
        shoes.fill_in_default(self)
        return cleaned

    def check_duplicate(self, day, distance_m, duration_s) -> None:
        """A typed run with the same day, distance and time (within 1 %) as one already in the
        log is most likely saved twice: ask before keeping both."""
        if not (day and distance_m and duration_s):
            return
        same = (
            Run.objects.for_user(self.profile.user_id)
            .filter(
                date=day,
                distance_m__range=(distance_m * 0.99, distance_m * 1.01),
                duration_s__range=(duration_s * 0.99, duration_s * 1.01),
            )
            .exclude(pk=self.instance.pk)
        )
        if same.exists():
            self.add_error(
                None,
                "You already logged a run of this distance and time on this day. Tick “Save it "
                "anyway” if this is another run.",
            )
            self.helper.layout.append(Field("save_duplicate"))


class MeasurementForm(LogForm):
    weight = measure_field("Body weight")
    thigh_left = measure_field("Thigh (left)")
    thigh_right = measure_field("Thigh (right)")
    calf_left = measure_field("Calf (left)")
    calf_right = measure_field("Calf (right)")

    unit_fields = {
        "weight": ("weight_kg", "weight"),
        "thigh_left": ("thigh_left_cm", "length"),
        "thigh_right": ("thigh_right_cm", "length"),
        "calf_left": ("calf_left_cm", "length"),
        "calf_right": ("calf_right_cm", "length"),
    }

    class Meta:
        model = LegMeasurement
        fields = ["date", "body_fat_pct", "notes"]
        labels = {"date": "Date", "body_fat_pct": "Body fat", "notes": "Notes"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body_fat_pct"].widget.attrs.update({"inputmode": "decimal", "step": "0.1"})
        self.helper.layout = Layout(
            Row(
                Column("date", css_class="col-sm-6"),
                Column(self.appended("weight", "weight"), css_class="col-sm-6"),
            ),
            Row(
                Column(self.appended("thigh_left", "length"), css_class="col-6"),
                Column(self.appended("thigh_right", "length"), css_class="col-6"),
            ),
            Row(
                Column(self.appended("calf_left", "length"), css_class="col-6"),
                Column(self.appended("calf_right", "length"), css_class="col-6"),
            ),
            Row(Column(AppendedText("body_fat_pct", "%"), css_class="col-sm-6")),
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        self.check_bounds("weight", bounds.BODY_WEIGHT_KG, "a body weight")
        for side in ("left", "right"):
            self.check_bounds(f"thigh_{side}", bounds.THIGH_CM, "a thigh girth")
            self.check_bounds(f"calf_{side}", bounds.CALF_CM, "a calf girth")
        check_range(
            self, "body_fat_pct", bounds.BODY_FAT_PCT, bounds.between("a body fat", "2", "70", "%")
        )
        values = [*self.unit_fields, "body_fat_pct"]
        if all(cleaned.get(name) is None for name in values) and not any(
            name in self.errors for name in values
        ):
            raise ValidationError("Enter at least one measurement.", code="empty")
        return cleaned


class ProteinEntryForm(LogForm):
    protein_g = forms.DecimalField(
        label="Protein", max_digits=6, decimal_places=1, error_messages=NUMBER_MESSAGES
    )

    class Meta:
        model = ProteinEntry
        fields = ["date", "protein_g", "food", "meal"]
        labels = {"date": "Date", "protein_g": "Protein", "food": "Food", "meal": "Meal"}
        help_texts = {"food": "Optional, for example “Greek yoghurt”."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["protein_g"].widget.attrs.update({"inputmode": "decimal", "min": 0})
        self.fields["meal"].choices = [("", "Not given"), *ProteinEntry.Meal.choices]
        self.helper.layout = Layout(
            Row(
                Column("date", css_class="col-sm-6"),
                Column(AppendedText("protein_g", "g"), css_class="col-sm-6"),
            ),
            Row(Column("food", css_class="col-sm-6"), Column("meal", css_class="col-sm-6")),
        )

    def clean_protein_g(self):
        grams = self.cleaned_data["protein_g"]
        if grams <= 0:
            raise ValidationError(bounds.PROTEIN_NOT_POSITIVE)
        if grams > bounds.PROTEIN_ENTRY_G[1]:
            raise ValidationError(bounds.PROTEIN_TOO_MUCH)
        return float(grams)


class ProfileForm(forms.ModelForm):
    range_messages = {
        "birth_year": "Enter your birth year, for example 1990.",
        "resting_hr_bpm": bounds.RESTING_HR,
        "max_hr_bpm": bounds.MAX_HR,
    }
    protein_g_per_kg = forms.DecimalField(
        label="Protein target",
        max_digits=4,
        decimal_places=2,
        error_messages=NUMBER_MESSAGES,
        help_text="Grams per kg of body weight a day.",
    )

    class Meta:
        model = Profile
        fields = [
            "units",
            "protein_g_per_kg",
            "goal",
            "sex",
            "birth_year",
            "resting_hr_bpm",
            "max_hr_bpm",
            "time_zone",
        ]
        labels = {
            "units": "Units",
            "protein_g_per_kg": "Protein target",
            "goal": "Goal",
            "sex": "Sex",
            "birth_year": "Birth year",
            "resting_hr_bpm": "Resting heart rate",
            "max_hr_bpm": "Maximum heart rate",
            "time_zone": "Time zone",
        }
        widgets = {"units": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["protein_g_per_kg"].widget.attrs.update({"inputmode": "decimal"})
        protein = Guideline.objects.filter(key="protein_g_per_kg").first()
        if protein is not None:
            # The guide's range as an admin last set it, not a number frozen in this form.
            self.fields[
                "protein_g_per_kg"
            ].help_text = (
                f"Grams per kg of body weight a day; the guide suggests {protein.display_value}."
            )
        self.fields["sex"].choices = [("", "Prefer not to say"), *Profile.Sex.choices]
        use_range_messages(self)
        self.fields["time_zone"] = time_zone_field("Decides what “today” is in your log.")
        # Still the server's default: suggest the browser's zone (static/js/time-zone.js).
        self.fields["time_zone"].widget.attrs["data-browser-time-zone"] = (
            "true" if self.instance.time_zone == default_time_zone() else "keep"
        )
        self.fields["sex"].help_text = "Used for the heart-rate training load (TRIMP)."
        self.fields["birth_year"].help_text = "Used for an age-predicted maximum heart rate."
        predicted = predicted_max_hr_bpm(self.instance.birth_year, self.instance.today())
        if predicted:
            self.fields["max_hr_bpm"].help_text = (
                f"Measured is best. Your age predicts about {predicted} bpm "
                "(208 − 0.7 × age, Tanaka 2001)."
            )
        else:
            self.fields[
                "max_hr_bpm"
            ].help_text = "Measured is best; with your birth year we show the age-predicted one."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("units"),
            Row(
                Column(AppendedText("protein_g_per_kg", "g/kg"), css_class="col-sm-6"),
                Column("goal", css_class="col-sm-6"),
            ),
            Row(Column("sex", css_class="col-sm-6"), Column("birth_year", css_class="col-sm-6")),
            Row(
                Column(AppendedText("resting_hr_bpm", "bpm"), css_class="col-sm-6"),
                Column(AppendedText("max_hr_bpm", "bpm"), css_class="col-sm-6"),
            ),
            Field("time_zone"),
        )

    def clean_protein_g_per_kg(self):
        value = float(self.cleaned_data["protein_g_per_kg"])
        if not bounds.PROTEIN_G_PER_KG[0] <= value <= bounds.PROTEIN_G_PER_KG[1]:
            raise ValidationError(bounds.PROTEIN_TARGET)
        return value

    def clean(self):
        cleaned = super().clean()
        check_range(self, "birth_year", (1900, datetime.date.today().year - 5))
        check_range(self, "resting_hr_bpm", bounds.RESTING_HR_BPM)
        check_range(self, "max_hr_bpm", bounds.MAX_HR_BPM)
        resting, maximum = cleaned.get("resting_hr_bpm"), cleaned.get("max_hr_bpm")
        if resting and maximum and maximum <= resting and not self.has_error("max_hr_bpm"):
            self.add_error("max_hr_bpm", bounds.MAX_NOT_ABOVE_RESTING)
        return cleaned


class DateRangeForm(forms.Form):
    start = forms.DateField(label="From", required=False, widget=DateInput())
    end = forms.DateField(label="To", required=False, widget=DateInput())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "“To” must be on or after “From”.")
        return cleaned

    def filter(self, queryset):
        """The queryset limited to the valid dates given; invalid input filters nothing."""
        if not self.is_valid():
            return queryset
        if self.cleaned_data["start"]:
            queryset = queryset.filter(date__gte=self.cleaned_data["start"])
        if self.cleaned_data["end"]:
            queryset = queryset.filter(date__lte=self.cleaned_data["end"])
        return queryset
