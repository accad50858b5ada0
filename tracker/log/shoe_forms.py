"""The shoe form, in the runner's units."""

from crispy_forms.layout import Column, Field, Layout, Row

from tracker import units
from tracker.log.form_base import DateInput, LogForm, measure_field
from tracker.log.models import Shoe
from tracker.log.models.shoes import (
    DUPLICATE_NAME_MESSAGE,
    MAX_SHOE_DISTANCE_M,
    RETIRE_AT_MESSAGE,
    SHOE_DISTANCE_MESSAGE,
)


class ShoeForm(LogForm):
    start_distance = measure_field("Starting distance")
    retire_at = measure_field("Retire at", required=True)

    unit_fields = {
        "start_distance": ("start_distance_m", "distance"),
        "retire_at": ("retire_at_m", "distance"),
    }

    class Meta:
        model = Shoe
        fields = ["name", "brand", "started_on", "default_for_run_type", "default_for_surface"]
        labels = {
            "name": "Name",
            "brand": "Brand",
            "started_on": "First run on",
            "default_for_run_type": "Default for run type",
            "default_for_surface": "Default for surface",
        }
        help_texts = {
            "name": "As your watch app names them (Strava's gear name), to match on import.",
            "default_for_run_type": "New runs of this type get these shoes unless you choose.",
            "default_for_surface": "Used when no pair is the default for the run's type.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["started_on"].widget = DateInput()
        self.fields["start_distance"].help_text = "What they had run before you added them here."
        self.fields["retire_at"].help_text = "You get a warning at 80 % of this, and at 100 %."
        if self.instance.pk is None and "retire_at" not in self.initial:
            metres = self.instance.retire_at_m
            self.initial["retire_at"] = round(units.from_si("distance", metres, self.units), 2)
        self.helper.layout = Layout(
            Row(Column("name", css_class="col-sm-6"), Column("brand", css_class="col-sm-6")),
            Row(
                Column("started_on", css_class="col-sm-4"),
                Column(self.appended("start_distance", "distance"), css_class="col-sm-4"),
                Column(self.appended("retire_at", "distance"), css_class="col-sm-4"),
            ),
            Row(
                Column(Field("default_for_run_type"), css_class="col-sm-6"),
                Column(Field("default_for_surface"), css_class="col-sm-6"),
            ),
        )

    def clean(self):
        cleaned = super().clean()
        start = self.si_value("start_distance")
        if start is not None and not 0 <= start <= MAX_SHOE_DISTANCE_M:
            self.add_error("start_distance", SHOE_DISTANCE_MESSAGE)
        if start is None and "start_distance" not in self.errors:
            self.instance.start_distance_m = 0
        retire = self.si_value("retire_at")
        if retire is not None and not 0 < retire <= MAX_SHOE_DISTANCE_M:
            self.add_error("retire_at", RETIRE_AT_MESSAGE)
        name = cleaned.get("name")
        if name:
            taken = Shoe.objects.filter(user_id=self.profile.user_id, name__iexact=name.strip())
            if taken.exclude(pk=self.instance.pk).exists():
                self.add_error("name", DUPLICATE_NAME_MESSAGE)
        return cleaned
