"""Django looks for the app's models here; each lives in the part of the app that owns it.

Import them from there: `tracker.log.models` (the log) and `tracker.transfer.models` (uploads
being imported).
"""

from tracker.log.models import (  # noqa: F401
    BestEffort,
    CrossTrainingSession,
    HeartRateZoneSet,
    Lap,
    LegMeasurement,
    PrivateRoutine,
    Profile,
    ProteinEntry,
    Run,
    RunStream,
    Shoe,
    StrengthSession,
    StrengthSet,
)
from tracker.transfer.models import ImportJob, ImportUpload  # noqa: F401
