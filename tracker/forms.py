"""Forms for the training log, in the runner's units, with plausibility bounds.

The bounds (in SI, shown in the runner's units) refuse typos, not unusual athletes:

* pace faster than 1:30 per km: quicker than any sprinter holds even for 400 m;
* a run longer than 48 h or 500 km: beyond a 48-hour race, which is the longest we log in one go;
* elevation gain above 15,000 m: more than a 48-hour mountain ultra climbs;
* heart rate outside 30-250 bpm: sensor garbage, as in the importers;
* a set above 1,000 kg or 100 reps: above leg-press records, and no longer strength work;
* body weight outside 20-400 kg, thigh outside 25-120 cm, calf outside 15-80 cm, body fat
  outside 2-70 %: outside the range of adult humans measured with a tape;
* more than 300 g of protein in one entry: several days' worth in one meal;
* any date more than a day after today in the runner's time zone (a day's grace for travel).
"""

import datetime

from crispy_forms.bootstrap import AppendedText
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify

from knowledge.models import Exercise, Guideline, Muscle
from tracker import units
from tracker.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    time_zone_choices,
)

EARLIEST_DATE = datetime.date(1950, 1, 1)
FASTEST_PACE_S_PER_KM = 90
LONGEST_RUN_S = 48 * 3600
LONGEST_RUN_M = 500_000
MOST_ELEVATION_GAIN_M = 15_000
HEART_RATE_BPM = (30, 250)
SET_WEIGHT_KG = (0, 1000)
SET_REPS = (1, 100)
REPS_IN_RESERVE = (0, 10)
BODY_WEIGHT_KG = (20, 400)
THIGH_CM = (25, 120)
CALF_CM = (15, 80)
BODY_FAT_PCT = (2, 70)
PROTEIN_ENTRY_G = (0, 300)
PROTEIN_G_PER_KG = (0.5, 3.5)
RESTING_HR_BPM = (25, 120)
MAX_HR_BPM = (100, 240)

EFFORT_CHOICES = [
    ("", "Not given"),
    (1, "1 · very easy"),
    (2, "2 · easy"),
    (3, "3 · moderate"),
    (4, "4 · somewhat hard"),
    (5, "5 · hard"),
    (6, "6"),
    (7, "7 · very hard"),
    (8, "8"),
    (9, "9"),
    (10, "10 · all-out"),
]


NUMBER_MESSAGES = {
    "max_digits": "Enter a smaller number.",
    "max_whole_digits": "Enter a smaller number.",
    "max_decimal_places": "Use fewer decimal places (at most %(max)s).",
}


def measure_field(label: str, required: bool = False) -> forms.DecimalField:
    # Decimal, not float: "nan", "inf" and "1e999" are refused before the bounds are checked.
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=8,
        decimal_places=2,
        error_messages=NUMBER_MESSAGES,
    )


class DurationField(forms.CharField):
    """Seconds, typed as h:mm:ss, mm:ss or whole minutes."""

    default_error_messages = {
        "invalid": "Enter the duration as h:mm:ss or mm:ss, for example 45:30 or 1:05:00.",
    }

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return units.parse_duration(value)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, int):
            return units.format_duration(value)
        return value


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class LogForm(forms.ModelForm):
    """A form in the runner's units.

    `unit_fields` maps a form field (in the runner's units) to the model's SI field and the
    quantity; clean() converts, so the model only ever sees SI values.
    """

    unit_fields: dict[str, tuple[str, str]] = {}
    # Whole-number fields: their range message, also used for Django's own min/max checks.
    range_messages: dict[str, str] = {}

    def __init__(self, *args, profile: Profile, **kwargs):
        self.profile = profile
        self.units = profile.units
        super().__init__(*args, **kwargs)
        use_range_messages(self)
        for name, (model_field, quantity) in self.unit_fields.items():
            value = getattr(self.instance, model_field)
            if value is not None and name not in self.initial:
                self.initial[name] = round(units.from_si(quantity, value, self.units), 2)
        if "date" in self.fields:
            self.fields["date"].widget = DateInput()
            if not self.instance.pk and self.initial.get("date") is None:
                self.initial["date"] = profile.today()
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def unit(self, quantity: str) -> str:
        return units.unit_label(quantity, self.units)

    def appended(self, name: str, quantity: str) -> AppendedText:
        return AppendedText(name, self.unit(quantity))

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > self.profile.today() + datetime.timedelta(days=1):
            raise ValidationError("That date is more than a day ahead. Log what you have done.")
        if day < EARLIEST_DATE:
            raise ValidationError(f"Enter a date after {EARLIEST_DATE.year}.")
        return day

    def si_value(self, name: str) -> float | None:
        """The cleaned value of a unit field in SI, or None when empty or invalid."""
        value = self.cleaned_data.get(name)
        if value is None:
            return None
        return units.to_si(self.unit_fields[name][1], float(value), self.units)

    def shown(self, quantity: str, si_value: float) -> str:
        return f"{round(units.from_si(quantity, si_value, self.units), 1):,g}"

    def check_bounds(
        self, name: str, bounds: tuple[float, float], what: str, above_zero: bool = False
    ) -> None:
        """Adds "Enter <what> between <low> and <high> <unit>." when the SI value is outside."""
        value = self.si_value(name)
        if value is None:
            return
        low, high = bounds
        if (value > 0 if above_zero else value >= low) and value <= high:
            return
        quantity = self.unit_fields[name][1]
        unit = self.unit(quantity)
        if above_zero:
            text = f"Enter {what} above 0 and up to {self.shown(quantity, high)} {unit}."
        else:
            text = (
                f"Enter {what} between {self.shown(quantity, low)} and "
                f"{self.shown(quantity, high)} {unit}."
            )
        self.add_error(name, text)

    def clean(self):
        cleaned = super().clean()
        for name, (model_field, _) in self.unit_fields.items():
            if name not in self.errors:
                setattr(self.instance, model_field, self.si_value(name))
        return cleaned


def use_range_messages(form) -> None:
    for name, message in form.range_messages.items():
        if name in form.fields:
            form.fields[name].error_messages.update(min_value=message, max_value=message)


def check_range(form, name: str, bounds: tuple[float, float], message: str | None = None) -> None:
    value = form.cleaned_data.get(name)
    if value is not None and not bounds[0] <= value <= bounds[1]:
        form.add_error(name, message or form.range_messages[name])


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

    unit_fields = {
        "distance": ("distance_m", "distance"),
        "elevation_gain": ("elevation_gain_m", "elevation"),
    }
    range_messages = {
        "avg_hr_bpm": "Enter a heart rate between 30 and 250 bpm.",
        "max_hr_bpm": "Enter a heart rate between 30 and 250 bpm.",
        "effort": "Choose an effort from 1 to 10.",
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
        ]
        labels = {
            "date": "Date",
            "run_type": "Run type",
            "surface": "Surface",
            "avg_hr_bpm": "Average heart rate",
            "max_hr_bpm": "Maximum heart rate",
            "effort": "Perceived effort",
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
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        self.check_bounds("distance", (0, LONGEST_RUN_M), "a distance", above_zero=True)
        self.check_bounds("elevation_gain", (0, MOST_ELEVATION_GAIN_M), "an elevation gain")
        duration_s = cleaned.get("duration")
        if duration_s is not None:
            if duration_s <= 0:
                self.add_error("duration", "Enter a duration above zero.")
            elif duration_s > LONGEST_RUN_S:
                self.add_error("duration", "A run can last at most 48 hours (48:00:00).")
            else:
                self.instance.duration_s = duration_s
        distance_m = self.si_value("distance")
        if (
            distance_m
            and duration_s
            and "distance" not in self.errors
            and "duration" not in self.errors
            and duration_s / (distance_m / 1000) < FASTEST_PACE_S_PER_KM
        ):
            fastest = "1:30 per km" if self.units == units.METRIC else "2:25 per mile"
            self.add_error(
                "duration", f"That is faster than {fastest}: check the distance and the duration."
            )
        for name in ("avg_hr_bpm", "max_hr_bpm"):
            check_range(self, name, HEART_RATE_BPM)
        average, maximum = cleaned.get("avg_hr_bpm"), cleaned.get("max_hr_bpm")
        if average and maximum and maximum < average and "max_hr_bpm" not in self.errors:
            self.add_error("max_hr_bpm", "The maximum heart rate cannot be below the average.")
        check_range(self, "effort", (1, 10))
        start = cleaned.get("start_time")
        day = cleaned.get("date")
        if day is not None:
            self.instance.start_time = (
                datetime.datetime.combine(day, start, tzinfo=self.profile.zone) if start else None
            )
        return cleaned


class StrengthSessionForm(LogForm):
    range_messages = {"effort": "Choose an effort from 1 to 10."}

    class Meta:
        model = StrengthSession
        fields = ["date", "effort", "notes"]
        labels = {"date": "Date", "effort": "Perceived effort", "notes": "Notes"}
        widgets = {
            "effort": forms.Select(choices=EFFORT_CHOICES),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-sm-6"), Column("effort", css_class="col-sm-6")),
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        check_range(self, "effort", (1, 10))
        return cleaned


class StrengthSetForm(LogForm):
    weight = measure_field("Weight", required=True)
    unit_fields = {"weight": ("weight_kg", "weight")}
    range_messages = {
        "reps": "Enter from 1 to 100 reps.",
        "reps_in_reserve": "Enter from 0 to 10 reps in reserve.",
    }

    class Meta:
        model = StrengthSet
        fields = ["exercise", "reps", "reps_in_reserve"]
        labels = {"exercise": "Exercise", "reps": "Reps", "reps_in_reserve": "Reps in reserve"}
        widgets = {
            "reps": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "reps_in_reserve": forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
        }

    def __init__(self, *args, user, exercise_choices, **kwargs):
        super().__init__(*args, **kwargs)
        exercise = self.fields["exercise"]
        exercise.queryset = Exercise.objects.available_to(user)
        exercise.error_messages["invalid_choice"] = "Choose an exercise from the list."
        # Choices built once per formset, so rendering 20 rows is not 20 queries.
        exercise.choices = exercise_choices
        self.fields["weight"].help_text = "0 for body weight."
        self.fields["weight"].widget.attrs.update({"inputmode": "decimal", "min": 0})
        self.helper.render_hidden_fields = True
        self.helper.layout = Layout(
            Row(
                Column("exercise", css_class="col-12 col-md-5"),
                Column("reps", css_class="col-4 col-md-2"),
                Column(self.appended("weight", "weight"), css_class="col-8 col-md-3"),
                Column("reps_in_reserve", css_class="col-6 col-md-2"),
            ),
            Field("DELETE", data_set_delete="true"),
        )

    def clean(self):
        cleaned = super().clean()
        weight_kg = self.si_value("weight")
        if weight_kg is not None and not SET_WEIGHT_KG[0] <= weight_kg <= SET_WEIGHT_KG[1]:
            most = units.from_si("weight", SET_WEIGHT_KG[1], self.units)
            self.add_error(
                "weight",
                f"Enter a weight from 0 (body weight) up to {most:,.0f} {self.unit('weight')}.",
            )
        check_range(self, "reps", SET_REPS)
        check_range(self, "reps_in_reserve", REPS_IN_RESERVE)
        return cleaned


class BaseSetFormSet(BaseInlineFormSet):
    default_error_messages = {
        **BaseInlineFormSet.default_error_messages,
        "too_few_forms": "Add at least one set.",
        "too_many_forms": "A session can have at most %(num)d sets.",
    }

    def __init__(self, *args, profile, user, **kwargs):
        self.profile = profile
        self.user = user
        available = Exercise.objects.available_to(user).order_by("name")
        guide, own = [], []
        for exercise_id, name, owner_id in available.values_list("pk", "name", "owner_id"):
            (own if owner_id else guide).append((exercise_id, name))
        self.exercise_choices = [("", "Choose an exercise")]
        if guide:
            self.exercise_choices.append(("Guide exercises", guide))
        if own:
            self.exercise_choices.append(("Your exercises", own))
        super().__init__(*args, **kwargs)

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this set"

    def get_form_kwargs(self, index):
        return {
            "profile": self.profile,
            "user": self.user,
            "exercise_choices": self.exercise_choices,
        }

    def kept_forms(self):
        """Forms holding a set to keep, in the order they were entered."""
        return [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]


def strength_set_formset(extra: int):
    return inlineformset_factory(
        StrengthSession,
        StrengthSet,
        form=StrengthSetForm,
        formset=BaseSetFormSet,
        extra=extra,
        min_num=1,
        validate_min=True,
        max_num=50,
        validate_max=True,
        can_delete=True,
    )


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
        self.check_bounds("weight", BODY_WEIGHT_KG, "a body weight")
        for side in ("left", "right"):
            self.check_bounds(f"thigh_{side}", THIGH_CM, "a thigh girth")
            self.check_bounds(f"calf_{side}", CALF_CM, "a calf girth")
        check_range(self, "body_fat_pct", BODY_FAT_PCT, "Enter a body fat between 2 and 70 %.")
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
            raise ValidationError("Enter the grams of protein, above 0.")
        if grams > PROTEIN_ENTRY_G[1]:
            raise ValidationError(
                "Enter at most 300 g in one entry; split a big day into several entries."
            )
        return float(grams)


class ProfileForm(forms.ModelForm):
    range_messages = {
        "birth_year": "Enter your birth year, for example 1990.",
        "resting_hr_bpm": "Enter a resting heart rate between 25 and 120 bpm.",
        "max_hr_bpm": "Enter a maximum heart rate between 100 and 240 bpm.",
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
        self.fields["time_zone"] = forms.ChoiceField(
            label="Time zone",
            choices=time_zone_choices(),
            help_text="Decides what “today” is in your log.",
            error_messages={"invalid_choice": "Choose a time zone from the list."},
        )
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
        if not PROTEIN_G_PER_KG[0] <= value <= PROTEIN_G_PER_KG[1]:
            raise ValidationError("Enter a protein target between 0.5 and 3.5 g/kg.")
        return value

    def clean(self):
        cleaned = super().clean()
        check_range(self, "birth_year", (1900, datetime.date.today().year - 5))
        check_range(self, "resting_hr_bpm", RESTING_HR_BPM)
        check_range(self, "max_hr_bpm", MAX_HR_BPM)
        resting, maximum = cleaned.get("resting_hr_bpm"), cleaned.get("max_hr_bpm")
        if resting and maximum and maximum <= resting and not self.has_error("max_hr_bpm"):
            self.add_error("max_hr_bpm", "The maximum heart rate must be above the resting one.")
        return cleaned


class ExerciseForm(forms.ModelForm):
    """A private exercise: a knowledge.Exercise owned by the runner who adds it."""

    class Meta:
        model = Exercise
        fields = ["name", "kind", "equipment", "primary_muscles", "secondary_muscles"]
        labels = {
            "name": "Name",
            "kind": "Kind",
            "equipment": "Equipment",
            "primary_muscles": "Target muscles",
            "secondary_muscles": "Also works",
        }
        widgets = {
            "primary_muscles": forms.CheckboxSelectMultiple,
            "secondary_muscles": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        muscles = Muscle.objects.order_by("order", "name")
        self.fields["primary_muscles"].queryset = muscles
        self.fields["secondary_muscles"].queryset = muscles
        self.fields["primary_muscles"].error_messages["required"] = "Tick at least one muscle."
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        slug = slugify(name)[:120]
        if not slug:
            raise ValidationError("Use letters or numbers in the name.")
        if Exercise.objects.guide().filter(slug=slug).exists():
            raise ValidationError(f"The guide already has “{name}”: choose it when you log a set.")
        mine = Exercise.objects.filter(owner=self.user, slug=slug).exclude(pk=self.instance.pk)
        if mine.exists():
            raise ValidationError(f"You already have an exercise called “{name}”.")
        self.instance.slug = slug
        return name

    def clean(self):
        cleaned = super().clean()
        primary = set(cleaned.get("primary_muscles") or [])
        secondary = set(cleaned.get("secondary_muscles") or [])
        if primary & secondary:
            self.add_error("secondary_muscles", "A muscle is either a target or “also works”.")
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
