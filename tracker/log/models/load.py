"""Session load, the one formula every kind of session shares (runs, cross-training)."""

from django.db.models import F, FloatField
from django.db.models.functions import Cast, Coalesce

from tracker import metrics


class SessionLoad:
    """For a model with `effort`, `duration_s` and `hr_load`: perceived effort × minutes where
    an effort was given, else the heart-rate load on the same scale (tracker/heart_rate.py)."""

    @staticmethod
    def load_expression():
        """The load in SQL (NULL with neither), the one formula the charts and insights sum."""
        return Coalesce(Cast(F("effort") * F("duration_s"), FloatField()) / 60.0, F("hr_load"))

    @property
    def session_load(self) -> int | None:
        if self.effort:
            return metrics.session_load(self.effort, self.duration_s)
        return round(self.hr_load) if self.hr_load is not None else None

    @property
    def load_source(self) -> str:
        """ "effort", "heart_rate" or "" : which formula `session_load` used."""
        if self.effort:
            return "effort"
        return "heart_rate" if self.hr_load is not None else ""
