"""Shoes in the account export and restore (tracker/transfer/exports.py, restore.py): each pair
as a row, and each run naming its pair (names are unique per runner; ids do not survive)."""

from __future__ import annotations

from tracker.log.models import Shoe
from tracker.log.models.shoes import MAX_SHOE_DISTANCE_M, RETIRE_AT_MESSAGE, SHOE_DISTANCE_MESSAGE

SHOE_FIELDS = [
    "name",
    "brand",
    "started_on",
    "start_distance_m",
    "retire_at_m",
    "retired",
    "default_for_run_type",
    "default_for_surface",
]


def export_rows(user, row) -> list[dict]:
    """``row`` is exports._row (values as JSON)."""
    return [row(shoe, SHOE_FIELDS) for shoe in Shoe.objects.for_user(user).order_by("name")]


def run_shoe_name(run) -> str | None:
    """For a run fetched with select_related("shoe")."""
    return run.shoe.name if run.shoe_id else None


def shoe_problems(shoe: Shoe) -> dict[str, str]:
    problems = {}
    if not 0 <= shoe.start_distance_m <= MAX_SHOE_DISTANCE_M:
        problems["start_distance_m"] = SHOE_DISTANCE_MESSAGE
    if not 0 < shoe.retire_at_m <= MAX_SHOE_DISTANCE_M:
        problems["retire_at_m"] = RETIRE_AT_MESSAGE
    return problems


def restore_rows(user, rows, *, pick, clean, error) -> dict[str, Shoe]:
    """Create the export's shoes (``pick``, ``clean`` and ``error`` are restore's helpers and
    its error class); returns them by name for the runs."""
    shoes = []
    for row in rows or []:
        shoe = Shoe(user=user, **pick(row, SHOE_FIELDS))
        clean(shoe, "pair of shoes", shoe_problems)
        shoes.append(shoe)
    by_name = {shoe.name: shoe for shoe in shoes}
    if len(by_name) != len(shoes):
        raise error("it lists two pairs of shoes with the same name.")
    Shoe.objects.bulk_create(shoes)
    return by_name


def shoe_of(row: dict, shoes: dict[str, Shoe], error) -> Shoe | None:
    name = row.get("shoe")
    if name is None:
        return None
    if name not in shoes:
        raise error("a run names shoes the export does not list.")
    return shoes[name]
