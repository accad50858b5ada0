"""The pieces every log form shares: fields in the runner's units, bounds checks, choices."""

import datetime

from crispy_forms.bootstrap import AppendedText
from crispy_forms.helper import FormHelper
from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join

from tracker import bounds, units
from tracker.log.models import Profile, time_zone_choices

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


class LongSelect(forms.Select):
    """A select of many options, each written by format_html rather than its own template.

    Django's Select renders every option through an included template: for the ~600 time
    zones that was most of the settings page's time (tests/tracker/log/test_time_zone_select.py
    checks the markup against Django's own). Flat choices only: it writes no <optgroup>.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _, group, _ in widget["optgroups"]
                for option in group
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


def time_zone_field(help_text: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label="Time zone",
        choices=time_zone_choices(),
        widget=LongSelect,
        help_text=help_text,
        error_messages={"invalid_choice": "Choose a time zone from the list."},
    )


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
            raise ValidationError(bounds.DATE_AHEAD)
        if day < bounds.EARLIEST_DATE:
            raise ValidationError(bounds.DATE_TOO_EARLY)
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
        self, name: str, limits: tuple[float, float], what: str, above_zero: bool = False
    ) -> None:
        """Adds "Enter <what> between <low> and <high> <unit>." when the SI value is outside."""
        value = self.si_value(name)
        if value is None:
            return
        low, high = limits
        if (value > 0 if above_zero else value >= low) and value <= high:
            return
        quantity = self.unit_fields[name][1]
        unit = self.unit(quantity)
        if above_zero:
            text = bounds.above_zero_up_to(what, self.shown(quantity, high), unit)
        else:
            text = bounds.between(what, self.shown(quantity, low), self.shown(quantity, high), unit)
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


def check_range(form, name: str, limits: tuple[float, float], message: str | None = None) -> None:
    value = form.cleaned_data.get(name)
    if value is not None and not limits[0] <= value <= limits[1]:
        form.add_error(name, message or form.range_messages[name])
