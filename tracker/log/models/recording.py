"""What a watch recorded for a run: its samples (one row per run, packed), its laps, the
original file, and each runner's dated heart-rate zones."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from tracker import heart_rate, streams
from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.runs import Run


class RunStreamQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(run__user=user)


def original_path(instance, filename: str) -> str:
    return f"originals/{instance.run.user_id}/{filename}"


class RunStream(models.Model):
    """A run's samples, packed by tracker/streams.py (about 3-7 bytes a sample)."""

    run = models.OneToOneField(
        Run, on_delete=models.CASCADE, primary_key=True, related_name="recording"
    )
    data = models.BinaryField()
    samples = models.PositiveIntegerField()
    channels = models.CharField(max_length=100, help_text="The channels the file has.")
    # The highest 30-second average heart rate (heart_rate.highest_sustained_hr): the
    # estimate of a maximum when the profile has none comes from these.
    sustained_max_hr_bpm = models.PositiveSmallIntegerField(null=True, blank=True)
    # The fastest 20 minutes (m/s): the runner's threshold pace comes from these.
    best_20min_speed_ms = models.FloatField(null=True, blank=True)
    # What the run page draws (splits, chart series, route), worked out from the samples on
    # the first view and kept: a 3-hour run's 10,800 samples take ~40 ms to go through.
    page_data = models.JSONField(null=True, blank=True)
    # The file as uploaded, in the default storage; a file with several runs is stored once
    # and named by every run it holds.
    original = models.FileField(upload_to=original_path, max_length=255, blank=True)
    original_name = models.CharField(max_length=255, blank=True, default="")

    objects = RunStreamQuerySet.as_manager()

    def __str__(self):
        return f"Recording of {self.run_id} ({self.samples} samples)"

    def stream(self) -> streams.Stream:
        return streams.unpack(bytes(self.data))


class LapQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(run__user=user)


class Lap(models.Model):
    """A lap as the watch summed it up (TCX <Lap>, FIT lap message)."""

    # What a lap holds besides its run: the export, the restore and the admin show these.
    VALUE_FIELDS = (
        "number",
        "start_s",
        "elapsed_s",
        "moving_s",
        "distance_m",
        "avg_hr_bpm",
        "max_hr_bpm",
    )

    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="laps")
    number = models.PositiveSmallIntegerField()
    start_s = models.FloatField()
    elapsed_s = models.FloatField()
    moving_s = models.FloatField()
    distance_m = models.FloatField()
    avg_hr_bpm = models.PositiveSmallIntegerField(null=True, blank=True)
    max_hr_bpm = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = LapQuerySet.as_manager()

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="lap_unique_number"),
        ]

    def __str__(self):
        return f"Lap {self.number} of run {self.run_id}"

    @property
    def pace_s_per_km(self) -> float | None:
        if self.distance_m <= 0 or self.moving_s <= 0:
            return None
        return self.moving_s / self.distance_m * 1000


class HeartRateZoneSet(models.Model):
    """A runner's five zones from a date on; a run uses the set in force on its date, so
    changing the zones today leaves last year's runs as they were."""

    class Method(models.TextChoices):
        RESERVE = "reserve", "% of heart-rate reserve (Karvonen)"
        MAX = "max", "% of maximum heart rate"
        CUSTOM = "custom", "Set by hand"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="heart_rate_zone_sets"
    )
    valid_from = models.DateField()
    method = models.CharField(max_length=10, choices=Method.choices)
    max_hr_bpm = models.PositiveSmallIntegerField("maximum heart rate")
    resting_hr_bpm = models.PositiveSmallIntegerField("resting heart rate", null=True, blank=True)
    # Where the maximum came from: the profile, or estimated from the runner's recordings.
    max_estimated = models.BooleanField(default=False)
    zone1_bpm = models.PositiveSmallIntegerField("zone 1 from")
    zone2_bpm = models.PositiveSmallIntegerField("zone 2 from")
    zone3_bpm = models.PositiveSmallIntegerField("zone 3 from")
    zone4_bpm = models.PositiveSmallIntegerField("zone 4 from")
    zone5_bpm = models.PositiveSmallIntegerField("zone 5 from")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["user", "valid_from"], name="zone_set_unique_date"),
            models.CheckConstraint(
                condition=Q(zone1_bpm__lt=models.F("zone2_bpm"))
                & Q(zone2_bpm__lt=models.F("zone3_bpm"))
                & Q(zone3_bpm__lt=models.F("zone4_bpm"))
                & Q(zone4_bpm__lt=models.F("zone5_bpm"))
                & Q(zone5_bpm__lte=models.F("max_hr_bpm")),
                name="zone_set_bounds_rise",
            ),
        ]

    def __str__(self):
        return f"Heart-rate zones of {self.user} from {self.valid_from:%Y-%m-%d}"

    @property
    def lower_bpm(self) -> tuple[int, int, int, int, int]:
        return (self.zone1_bpm, self.zone2_bpm, self.zone3_bpm, self.zone4_bpm, self.zone5_bpm)

    def zones(self) -> heart_rate.Zones:
        return heart_rate.Zones(self.lower_bpm, self.method, self.max_hr_bpm, self.resting_hr_bpm)

    @classmethod
    def from_zones(cls, *, user, valid_from, zones: heart_rate.Zones, estimated: bool):
        low = zones.lower_bpm
        return cls(
            user=user,
            valid_from=valid_from,
            method=zones.method,
            max_hr_bpm=zones.max_hr,
            resting_hr_bpm=zones.resting_hr,
            max_estimated=estimated,
            zone1_bpm=low[0],
            zone2_bpm=low[1],
            zone3_bpm=low[2],
            zone4_bpm=low[3],
            zone5_bpm=low[4],
        )
