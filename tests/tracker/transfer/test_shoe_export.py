"""Shoes in the account export: each pair, and each run naming its pair, restored into a new
account as they were."""

import io
import json
import zipfile

import pytest

from tests.factories import UserFactory
from tests.tracker.factories import RunFactory, ShoeFactory
from tracker.log.models import Run, Shoe
from tracker.transfer import exports
from tracker.transfer.exports import ExportFileError
from tracker.transfer.restore import restore_account


@pytest.fixture
def shod_runner(runner):
    road = ShoeFactory(
        user=runner,
        name="Pegasus 40",
        start_distance_m=12_000,
        retire_at_m=650_000,
        default_for_surface="road",
    )
    ShoeFactory(user=runner, name="Old trail shoes", retired=True, default_for_run_type="long")
    RunFactory(user=runner, shoe=road, distance_m=8000)
    RunFactory(user=runner, distance_m=5000)
    return runner


def comparable(payload):
    return {k: v for k, v in payload.items() if k not in ("exported_at", "username")}


def test_the_export_lists_the_shoes_and_names_each_runs_pair(shod_runner):
    payload = exports.account_data(shod_runner)
    assert [s["name"] for s in payload["shoes"]] == ["Old trail shoes", "Pegasus 40"]
    assert payload["shoes"][1]["retire_at_m"] == 650_000
    assert sorted(r["shoe"] or "" for r in payload["runs"]) == ["", "Pegasus 40"]


def test_shoes_round_trip_through_export_and_restore(shod_runner):
    data = exports.account_export_zip(shod_runner)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        payload = json.loads(archive.read(exports.EXPORT_MEMBER))
    newcomer = UserFactory(username="nina")
    restore_account(user=newcomer, payload=payload)
    assert comparable(exports.account_data(newcomer)) == comparable(
        exports.account_data(shod_runner)
    )
    pair = Shoe.objects.with_distance().get(user=newcomer, name="Pegasus 40")
    assert pair.distance_m == pytest.approx(20_000)
    assert Run.objects.filter(user=newcomer, shoe=pair).count() == 1


def test_a_run_naming_shoes_the_export_lacks_restores_nothing(shod_runner):
    payload = exports.account_data(shod_runner)
    payload["shoes"] = [s for s in payload["shoes"] if s["name"] != "Pegasus 40"]
    newcomer = UserFactory(username="nina")
    with pytest.raises(ExportFileError):
        restore_account(user=newcomer, payload=payload)
    assert not Run.objects.filter(user=newcomer).exists()
    assert not Shoe.objects.filter(user=newcomer).exists()


def test_an_export_from_before_shoes_still_restores(shod_runner):
    payload = exports.account_data(shod_runner)
    del payload["shoes"]
    for row in payload["runs"]:
        del row["shoe"]
    newcomer = UserFactory(username="nina")
    restore_account(user=newcomer, payload=payload)
    assert Run.objects.filter(user=newcomer).count() == 2


def test_absurd_shoe_distances_are_refused(shod_runner):
    payload = exports.account_data(shod_runner)
    payload["shoes"][0]["retire_at_m"] = 1e12
    with pytest.raises(ExportFileError, match="shoes"):
        restore_account(user=UserFactory(username="nina"), payload=payload)
