"""The cross-training form, in the runner's units, checked against tracker/bounds.py."""

import datetime

from crispy_forms.bootstrap import AppendedText
from crispy_forms.layout import Column, Field, Layout, Row
from django import forms

from tracker import bounds
from tracker.log.form_base import EFFORT_CHOICES, DurationField, LogForm, check_range, measure_field
from tracker.log.models import CrossTrainingSession


class CrossTrainingForm(LogForm):
    start_time = forms.TimeField(
        label="Start time",
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    distance = measure_field("Distance")
    duration = DurationField(
        label="Duration",
        help_text="h:mm:ss or mm:ss, for example 45:30 or 1:05:00.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    unit_fields = {"distance": ("distance_m", "distance")}
    range_messages = {
        "avg_hr_bpm": bounds.HEART_RATE,
        "max_hr_bpm": bounds.HEART_RATE,
        "effort": bounds.EFFORT_RANGE,
    }

    class Meta:
        model = CrossTrainingSession
        fields = ["date", "sport", "avg_hr_bpm", "max_hr_bpm", "effort", "notes"]
        labels = {
            "date": "Date",
            "sport": "Sport",
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
        self.fields["distance"].help_text = "Optional: an elliptical or a class has none."
        if self.instance.duration_s and "duration" not in self.initial:
            self.initial["duration"] = self.instance.duration_s
        if self.instance.start_time and "start_time" not in self.initial:
            self.initial["start_time"] = self.instance.start_time.astimezone(
                self.profile.zone
            ).time()
        self.helper.layout = Layout(
            Row(Column("date", css_class="col-sm-6"), Column("start_time", css_class="col-sm-6")),
            Row(Column("sport", css_class="col-sm-6"), Column("duration", css_class="col-sm-6")),
            Row(
                Column(self.appended("distance", "distance"), css_class="col-sm-4"),
                Column(AppendedText("avg_hr_bpm", "bpm"), css_class="col-sm-4"),
                Column(AppendedText("max_hr_bpm", "bpm"), css_class="col-sm-4"),
            ),
            Field("effort"),
            Field("notes"),
        )

    def clean(self):
        cleaned = super().clean()
        self.check_bounds(
            "distance", (0, bounds.LONGEST_CROSS_TRAINING_M), "a distance", above_zero=True
        )
        duration_s = cleaned.get("duration")
        if duration_s is not None:
            distance_m = None if "distance" in self.errors else self.si_value("distance")
            # The distance's own bounds are checked above, in the runner's units.
            problems = bounds.cross_training_problems(distance_m=distance_m, duration_s=duration_s)
            problems.pop("distance_m", None)
            if "duration_s" in problems:
                self.add_error("duration", problems["duration_s"])
            else:
                self.instance.duration_s = duration_s
        for name in ("avg_hr_bpm", "max_hr_bpm"):
            check_range(self, name, bounds.HEART_RATE_BPM)
        average, maximum = cleaned.get("avg_hr_bpm"), cleaned.get("max_hr_bpm")
        if average and maximum and maximum < average and "max_hr_bpm" not in self.errors:
            self.add_error("max_hr_bpm", bounds.MAX_BELOW_AVERAGE)
        check_range(self, "effort", bounds.EFFORT)
        start, day = cleaned.get("start_time"), cleaned.get("date")
        if day is not None:
            self.instance.start_time = (
                datetime.datetime.combine(day, start, tzinfo=self.profile.zone) if start else None
            )
        return cleaned
