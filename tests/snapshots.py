"""Expensive test data written once a process and put back, row for row, when a test asks for
it again: the real guide (load_guidance) and the audits' seeded site (tests/pages.py).

A live-server test flushes the database after it, and a module's guide is deleted after the
module, so the same guide and the same year of training were written again and again (about a
second each time). `recorded(key, write)` runs `write` the first time and keeps a copy of every
row it wrote; later calls with the same key insert those rows again, with the same ids, and
check their foreign keys. The real code still writes the data once in every process, and
a test that changes the rows changes its own copy only.

Only tables that were empty before the first write are recorded, and rows are put back only
into empty tables; otherwise `write` runs again (a guide already loaded, a user of the same
name): the result is then what the real code gives in that state.
"""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class Snapshot:
    tables: dict[str, tuple[list[str], list[tuple]]]  # table -> (columns, rows)
    models: list
    result: Any


_snapshots: dict[Any, Snapshot | None] = {}  # None: could not be recorded, always write


def _models_by_table() -> dict[str, type]:
    return {
        model._meta.db_table: model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def _row_counts(tables) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [
            column.name for column in connection.introspection.get_table_description(cursor, table)
        ]


def _select_raw(table: str, columns: list[str]) -> str:
    """Every row as the database stores it, without the driver's conversions, so it goes back
    unchanged: SQLite's unary + keeps the value but drops the column's declared type (which
    picks the sqlite3 converters); PostgreSQL gives text, which it casts back on insert."""
    quote = connection.ops.quote_name
    if connection.vendor == "sqlite":
        selected = ", ".join(f"+{quote(c)}" for c in columns)
    else:
        selected = ", ".join(f"{quote(c)}::text" for c in columns)
    return f"SELECT {selected} FROM {quote(table)}"


def _take(tables: list[str]) -> dict[str, tuple[list[str], list[tuple]]]:
    taken = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns = _columns(table)
            cursor.execute(_select_raw(table, columns))
            taken[table] = (columns, cursor.fetchall())
    return taken


def _put_back(snapshot: Snapshot) -> None:
    quote = connection.ops.quote_name
    max_params = connection.features.max_query_params or 999
    with transaction.atomic(), connection.cursor() as cursor:
        for table, (columns, rows) in snapshot.tables.items():
            per_statement = max(1, min(500, max_params // len(columns)))
            names = ", ".join(quote(c) for c in columns)
            one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
            for start in range(0, len(rows), per_statement):
                batch = rows[start : start + per_statement]
                cursor.execute(
                    f"INSERT INTO {quote(table)} ({names}) VALUES "
                    + ", ".join([one_row] * len(batch)),
                    [value for row in batch for value in row],
                )
        for sql in connection.ops.sequence_reset_sql(no_style(), snapshot.models):
            cursor.execute(sql)
        connection.check_constraints(table_names=list(snapshot.tables))


def recorded(key, write: Callable[[], Any]) -> Any:
    """write()'s result; its rows are written by write() the first time a process asks for
    `key`, and copied back from that first time afterwards (see the module's docstring)."""
    models = _models_by_table()
    if key in _snapshots:
        snapshot = _snapshots[key]
        if snapshot is not None and not any(_row_counts(snapshot.tables).values()):
            _put_back(snapshot)
            return copy.deepcopy(snapshot.result)
        return write()
    before = _row_counts(models)
    result = write()
    after = _row_counts(models)
    written = sorted(table for table in models if after[table] != before[table])
    if any(before[table] for table in written):
        _snapshots[key] = None  # it changed rows that were there already: not a clean copy
    else:
        _snapshots[key] = Snapshot(
            tables=_take(written),
            models=[models[table] for table in written],
            result=copy.deepcopy(result),
        )
    return result


def load_guide():
    """The real guide, as load_guidance() loads it from knowledge/content/ into an empty
    database (its LoadReport too): loaded once a process, copied back after that."""
    from knowledge.loading import load_guidance

    return recorded("guide", load_guidance)


def remove_guide() -> None:
    """Deletes every guide row and its history (load_guide() puts them back)."""
    from knowledge.models import (
        Article,
        Exercise,
        Guideline,
        Muscle,
        Routine,
        Source,
        StimulusWeight,
        Topic,
    )

    for model in (StimulusWeight, Guideline, Article, Routine, Exercise, Muscle, Topic, Source):
        model._base_manager.all().delete()  # in an order each can be deleted in
        if hasattr(model, "history"):
            model.history.model.objects.all().delete()
