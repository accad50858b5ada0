"""Best efforts: the fastest stretch of each standard distance inside a recorded run, worked out
from its samples by tracker/best_efforts.py (tracker/log/records.py stores them)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber

from tracker import best_efforts
from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.runs import Run


class BestEffortQuerySet(OwnedQuerySet):
    def ranked(self):
        """Each effort with its rank among the runner's efforts at its distance (1 = the
        record; a tie goes to the effort stored first); filter on `rank` for the top few."""
        return self.annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("user_id"), F("distance_m")],
                order_by=[F("elapsed_s").asc(), F("pk").asc()],
            )
        )

    def records(self):
        """The runner's fastest effort at each distance (a tie goes to the one stored first).
        The NOT EXISTS is one probe of the best_effort_ranking index per effort."""
        faster = BestEffort.objects.filter(
            user=models.OuterRef("user"), distance_m=models.OuterRef("distance_m")
        ).filter(
            Q(elapsed_s__lt=models.OuterRef("elapsed_s"))
            | Q(elapsed_s=models.OuterRef("elapsed_s"), pk__lt=models.OuterRef("pk"))
        )
        return self.exclude(models.Exists(faster))


class BestEffort(models.Model):
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="best_efforts")
    # Denormalised from the run so that a runner's records are one indexed scan.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="best_efforts"
    )
    distance_m = models.FloatField()  # one of best_efforts.DISTANCES
    elapsed_s = models.FloatField()  # clock time, pauses included (tracker/best_efforts.py)
    start_offset_s = models.FloatField()  # from the run's first sample

    objects = BestEffortQuerySet.as_manager()

    class Meta:
        ordering = ["distance_m", "elapsed_s"]
        constraints = [
            models.UniqueConstraint(fields=["run", "distance_m"], name="best_effort_unique"),
            models.CheckConstraint(condition=Q(elapsed_s__gt=0), name="best_effort_positive"),
        ]
        indexes = [
            models.Index(fields=["user", "distance_m", "elapsed_s"], name="best_effort_ranking")
        ]

    def __str__(self):
        return f"{self.label} in {self.elapsed_s:.0f} s (run {self.run_id})"

    @property
    def label(self) -> str:
        return best_efforts.LABELS.get(self.distance_m, f"{self.distance_m:g} m")

    @property
    def pace_s_per_km(self) -> float:
        return self.elapsed_s / self.distance_m * 1000
