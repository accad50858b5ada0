"""intensity.refresh_hr_loads: every run's TRIMP on the runner's effort × minutes scale, in one
update of the runs that are off it."""

import pytest

from tests.tracker.factories import RunFactory
from tracker import heart_rate
from tracker.log import intensity
from tracker.log.models import Run


def test_runs_off_the_scale_are_put_on_it_and_a_run_without_trimp_loses_its_load(runner):
    factor = heart_rate.DEFAULT_LOAD_PER_TRIMP
    new = RunFactory(user=runner, effort=None, trimp=80.0, hr_load=None)
    stale = RunFactory(user=runner, effort=None, trimp=50.0, hr_load=999.0)
    kept = RunFactory(user=runner, effort=None, trimp=40.0, hr_load=40.0 * factor)
    lost = RunFactory(user=runner, effort=None, trimp=None, hr_load=120.0)
    typed = RunFactory(user=runner, effort=6, trimp=None, hr_load=None)
    other = RunFactory(effort=None, trimp=None, hr_load=77.0)

    assert intensity.refresh_hr_loads(runner) == factor

    loads = dict(Run.objects.values_list("pk", "hr_load"))
    assert loads[new.pk] == pytest.approx(80.0 * factor)
    assert loads[stale.pk] == pytest.approx(50.0 * factor)
    assert loads[kept.pk] == pytest.approx(40.0 * factor)
    assert loads[lost.pk] is None
    assert loads[typed.pk] is None
    assert loads[other.pk] == 77.0  # another runner's log is not touched
