"""Session load, the one formula every kind of session shares (runs, cross-training, strength)."""

from django.db.models import F, FloatField, Value
from django.db.models.functions import Cast, Coalesce

from tracker import metrics


class SessionLoad:
    """For a model with `effort`, `duration_s` and `hr_load`: perceived effort × minutes where
    an effort was given, else the heart-rate load on the same scale (tracker/heart_rate.py).
    A model with no heart rate (strength sessions) sets HAS_HEART_RATE = False."""

    HAS_HEART_RATE = True

    @classmethod
    def load_expression(cls):
        """The load in SQL (NULL with neither), the one formula the charts and insights sum."""
        by_effort = Cast(F("effort") * F("duration_s"), FloatField()) / 60.0
        if not cls.HAS_HEART_RATE:
            return Coalesce(by_effort, Value(None, output_field=FloatField()))
        return Coalesce(by_effort, F("hr_load"))

    @property
    def session_load(self) -> int | None:
        if self.effort and self.duration_s:
            return metrics.session_load(self.effort, self.duration_s)
        hr_load = getattr(self, "hr_load", None)
        return round(hr_load) if hr_load is not None else None

    @property
    def load_source(self) -> str:
        """ "effort", "heart_rate" or "" : which formula `session_load` used."""
        if self.effort and self.duration_s:
            return "effort"
        return "heart_rate" if getattr(self, "hr_load", None) is not None else ""
