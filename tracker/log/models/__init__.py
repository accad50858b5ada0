"""Each runner's training log: runs, strength sessions and their sets, leg measurements, protein.

Values are stored in SI units (metres, seconds, kilograms, centimetres) under names that say so
(`distance_m`, `duration_s`); tracker/units.py converts them for people who think in miles.
Every model reaches its rows through `for_user(user)`, and views fetch single objects with
`get_object_or_404(Model.objects.for_user(request.user), pk=pk)`.
"""

from tracker.log.models.body import (
    MEASUREMENT_VALUE_FIELDS,
    LegMeasurement,
    ProteinEntry,
    latest_body_weight_kg,
    protein_day_summary,
    protein_days,
    with_protein_target,
)
from tracker.log.models.cross_training import CrossTrainingSession
from tracker.log.models.owned import OwnedQuerySet
from tracker.log.models.profile import (
    Profile,
    default_protein_g_per_kg,
    default_time_zone,
    get_profile,
    time_zone_choices,
    validate_time_zone,
)
from tracker.log.models.recording import HeartRateZoneSet, Lap, RunStream
from tracker.log.models.records import BestEffort
from tracker.log.models.routines import PrivateRoutine
from tracker.log.models.runs import SOURCE_FORMAT_CHOICES, Run
from tracker.log.models.shoes import DEFAULT_RETIRE_AT_M, Shoe
from tracker.log.models.strength import (
    LiftHistory,
    PrivateExercise,
    StrengthSession,
    StrengthSet,
)

__all__ = [
    "DEFAULT_RETIRE_AT_M",
    "BestEffort",
    "Shoe",
    "CrossTrainingSession",
    "MEASUREMENT_VALUE_FIELDS",
    "SOURCE_FORMAT_CHOICES",
    "HeartRateZoneSet",
    "Lap",
    "LegMeasurement",
    "LiftHistory",
    "OwnedQuerySet",
    "PrivateExercise",
    "PrivateRoutine",
    "Profile",
    "ProteinEntry",
    "Run",
    "RunStream",
    "StrengthSession",
    "StrengthSet",
    "default_protein_g_per_kg",
    "default_time_zone",
    "get_profile",
    "latest_body_weight_kg",
    "protein_day_summary",
    "protein_days",
    "time_zone_choices",
    "validate_time_zone",
    "with_protein_target",
]
