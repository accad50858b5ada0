"""Forms for strength sessions, their sets, and a runner's own exercises."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.text import slugify

from knowledge.models import Exercise, Muscle, Routine
from tracker import bounds, units
from tracker.log.form_base import (
    EFFORT_CHOICES,
    DurationField,
    LogForm,
    check_range,
    measure_field,
)
from tracker.log.models import (
    PrivateExercise,
    StrengthSession,
    StrengthSet,
)
from tracker.log.models.strength import SECONDS_PER_SET


class StrengthSessionForm(LogForm):
    """The session's date, effort, duration and notes. A blank duration is filled in from the
    number of sets when the session is saved (StrengthSession.suggested_duration_s), so the
    session still counts in the training load."""

    duration = DurationField(
        label="Duration",
        required=False,
        help_text=f"h:mm:ss or minutes. Left blank: {SECONDS_PER_SET // 60} minutes a set, "
        "rests included.",
    )
    range_messages = {"effort": bounds.EFFORT_RANGE}

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
        if self.instance.duration_s and "duration" not in self.initial:
            self.initial["duration"] = self.instance.duration_s
        self.fields["duration"].widget.attrs.update(
            {"placeholder": "e.g. 45:00", "data-seconds-per-set": SECONDS_PER_SET}
        )
        self.helper.layout = Layout(
            Row(
                Column("date", css_class="col-sm-4"),
                Column("effort", css_class="col-sm-4"),
                Column("duration", css_class="col-sm-4"),
            ),
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        check_range(self, "effort", bounds.EFFORT)
        duration_s = cleaned.get("duration")
        if duration_s is not None:
            if duration_s <= 0:
                self.add_error("duration", bounds.DURATION_ZERO)
            elif duration_s > bounds.LONGEST_STRENGTH_S:
                self.add_error("duration", bounds.STRENGTH_TOO_LONG)
            else:
                self.instance.duration_s = duration_s
        else:
            self.instance.duration_s = None  # the view fills it in from the sets
        return cleaned


class StrengthSetForm(LogForm):
    weight = measure_field("Weight", required=True)
    unit_fields = {"weight": ("weight_kg", "weight")}
    range_messages = {
        "reps": bounds.REPS,
        "reps_in_reserve": bounds.RESERVE,
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
        low, high = bounds.SET_WEIGHT_KG
        if weight_kg is not None and not low <= weight_kg <= high:
            most = units.from_si("weight", high, self.units)
            self.add_error("weight", bounds.set_weight(f"{most:,.0f}", self.unit("weight")))
        check_range(self, "reps", bounds.SET_REPS)
        check_range(self, "reps_in_reserve", bounds.REPS_IN_RESERVE)
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


MAX_SETS = 50


def strength_set_formset(extra: int):
    return inlineformset_factory(
        StrengthSession,
        StrengthSet,
        form=StrengthSetForm,
        formset=BaseSetFormSet,
        extra=extra,
        min_num=1,
        validate_min=True,
        max_num=MAX_SETS,
        validate_max=True,
        # The browser says how many rows it sent (TOTAL_FORMS): without this cap Django builds
        # and shows up to max_num + 1,000 of them for a forged count (a 2.6 MB error page).
        absolute_max=MAX_SETS,
        can_delete=True,
    )


class ExerciseForm(forms.ModelForm):
    """A runner's own exercise (PrivateExercise), beside the guide's."""

    class Meta:
        model = PrivateExercise
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
        mine = PrivateExercise.objects.for_user(self.user).filter(slug=slug)
        mine = mine.exclude(pk=self.instance.pk)
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


class RoutineNameForm(forms.Form):
    """The name under which a session is saved as the runner's own routine."""

    name = forms.CharField(label="Routine name", max_length=100)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        self.slug = slugify(name)[:120]
        if not self.slug:
            raise ValidationError("Use letters or numbers in the name.")
        if Routine.objects.filter(owner=self.user, slug=self.slug).exists():
            raise ValidationError(f"You already have a routine called “{name}”.")
        return name
