"""What an import asks of the log before it saves a file: was this file imported already, and
does the log have something starting at the same time? Every imported file asks both, the
second once before parsing and again inside the saving transaction (imports.py), so they are SQL
written once from the models' table and column names: built with the ORM each cost ~1 ms of
Python for ~10 us of database work."""

from __future__ import annotations

import datetime
import functools
from typing import NamedTuple

from django.db import connection

from tracker.log.models import CrossTrainingSession, LegMeasurement, Run

# A run starting this close to one already in the log is the same run.
SAME_START_S = 60

# The condition of the unique source constraints' partial indexes, written out as a literal:
# SQLite uses a partial index only when the query repeats its WHERE term, and a bound "" does
# not count. Without it each check scanned all the runner's rows (5 ms at 3,000 runs).
_HAS_SOURCE = "NOT (source_hash = '')"


def already_imported(user, digest: str) -> bool:
    """Whether a run, session or measurement of the runner's came from this file (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(_checks_sql().already_imported, [user.pk, digest] * 3)
        return cursor.fetchone() is not None


class Nearby(NamedTuple):
    """A run or cross-training session starting close to a new one: what the note names."""

    kind: str  # "a run" or "a cross-training session"
    date: datetime.date
    source_name: str


def starting_near(user, start: datetime.datetime | None) -> Nearby | None:
    """A run or cross-training session of the runner's starting within SAME_START_S (one
    query)."""
    if start is None:
        return None
    window = datetime.timedelta(seconds=SAME_START_S)
    # A row's date is its start's day in the runner's zone, within a day of the UTC date: the
    # date range lets the (user, date) index find the few candidates, not every row.
    first_day = (start - window).date() - datetime.timedelta(days=1)
    last_day = (start + window).date() + datetime.timedelta(days=1)
    ops = connection.ops
    params = [
        user.pk,
        ops.adapt_datefield_value(first_day),
        ops.adapt_datefield_value(last_day),
        ops.adapt_datetimefield_value(start - window),
        ops.adapt_datetimefield_value(start + window),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_checks_sql().starting_near, params * 2)
        found = cursor.fetchone()
    if found is None:
        return None
    kind, day, source_name = found
    if isinstance(day, str):  # SQLite's driver gives the text it stores
        day = datetime.date.fromisoformat(day)
    return Nearby(kind, day, source_name)


class _ChecksSql(NamedTuple):
    already_imported: str
    starting_near: str


@functools.cache
def _checks_sql_for(vendor: str) -> _ChecksSql:
    """The two checks as SQL, written once a process from the models' table and column names:
    the same UNIONs the ORM would build, without ~1 ms of Python each time they run.
    `_HAS_SOURCE` repeats the partial indexes' condition so SQLite uses them.
    """
    quote = connection.ops.quote_name

    def column(model, name):
        return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"

    already = " UNION ALL ".join(
        f"SELECT 1 FROM {quote(model._meta.db_table)} WHERE {column(model, 'user')} = %s "
        f"AND {column(model, 'source_hash')} = %s AND {_HAS_SOURCE}"
        for model in (Run, CrossTrainingSession, LegMeasurement)
    )
    near = " UNION ALL ".join(
        f"SELECT '{kind}', {column(model, 'date')}, {column(model, 'source_name')} "
        f"FROM {quote(model._meta.db_table)} WHERE {column(model, 'user')} = %s "
        f"AND {column(model, 'date')} BETWEEN %s AND %s "
        f"AND {column(model, 'start_time')} BETWEEN %s AND %s"
        for model, kind in ((Run, "a run"), (CrossTrainingSession, "a cross-training session"))
    )
    return _ChecksSql(f"{already} LIMIT 1", f"{near} LIMIT 1")


def _checks_sql() -> _ChecksSql:
    return _checks_sql_for(connection.vendor)
