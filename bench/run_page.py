#!/usr/bin/env python
"""Benchmark: what keeping watch recordings costs. A 1-year and a 10-year
`seed_demo --streams` user (every run recorded with 1-second samples and saved through the
importer's code), then JSON lines with:

* seeding: seconds, runs, hours of running recorded;
* the streams' size on disk per hour of running (target 40 KB/h or less), the whole
  database's size (SQLite: the file; PostgreSQL: pg_database_size) and, on PostgreSQL, the
  stream, lap and best-effort tables' pg_total_relation_size;
* the run page of a 3-hour run with 1-second samples: queries (target 10 or fewer) and median
  server time over --repeat requests (target 60 ms or less), first view (which works out and
  keeps the page data) apart;
* /progress/ and /progress/data/ for both users: queries, median time, 10-year / 1-year.

(Import speed is bench/import_history.py's.)

    .venv/bin/python bench/run_page.py [--database postgres] [--repeat 30] [--years 10]

Starts from an empty database (a temporary SQLite file, or PostgreSQL database
legsite_bench_run_page, dropped and created again), with production settings (DEBUG off).
"""

import argparse
import datetime
import json
import os
import random
import statistics
import time
from io import StringIO
from pathlib import Path

from serving import configure  # bench/serving.py, beside this script

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-9876"
PG_DATABASE = "legsite_bench_run_page"
TARGETS = {"queries": 10, "median_ms": 60, "bytes_per_hour": 40_000}


def summary(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
        "requests": len(ordered),
    }


def seed(username: str, years: int) -> dict:
    from django.core.management import call_command

    out = StringIO()
    started = time.perf_counter()
    call_command(
        "seed_demo", user=username, years=years, password=PASSWORD, streams=True, stdout=out
    )
    return {
        "bench": "seed_demo --streams",
        "user": username,
        "years": years,
        "seconds": round(time.perf_counter() - started, 1),
        "output": out.getvalue().strip().splitlines()[-2:],
    }


def stream_sizes(username: str) -> dict:
    from django.db.models import Count, Sum
    from django.db.models.functions import Length

    from tracker.log.models import RunStream

    totals = RunStream.objects.filter(run__user__username=username).aggregate(
        runs=Count("pk"),
        samples=Sum("samples"),
        bytes=Sum(Length("data")),
        moving_s=Sum("run__moving_s"),
    )
    hours = totals["moving_s"] / 3600
    return {
        "bench": "streams on disk",
        "user": username,
        "runs": totals["runs"],
        "samples": totals["samples"],
        "hours": round(hours, 1),
        "stream_bytes": totals["bytes"],
        "bytes_per_hour": round(totals["bytes"] / hours),
        "target_bytes_per_hour": TARGETS["bytes_per_hour"],
    }


def database_sizes() -> dict:
    from django.conf import settings
    from django.db import connection

    from tracker.log.models import BestEffort, Lap, RunStream

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            sizes = {"database_bytes": cursor.fetchone()[0]}
            for model in (RunStream, Lap, BestEffort):
                table = model._meta.db_table
                cursor.execute("SELECT pg_total_relation_size(%s)", [table])
                sizes[f"{table}_total_bytes"] = cursor.fetchone()[0]
        return {"bench": "database size", "database": "postgresql", **sizes}
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the WAL's pages into the file
    name = settings.DATABASES["default"]["NAME"]
    files = {p: os.path.getsize(p) for p in (name, f"{name}-wal") if os.path.exists(p)}
    return {"bench": "database size", "database": "sqlite", "database_bytes": sum(files.values())}


def three_hour_run(username: str):
    """A 3-hour long run recorded second by second, saved as seed_demo saves its runs."""
    from django.contrib.auth.models import User

    from tracker.log.models import Run, get_profile
    from tracker.management.demo_recordings import record_runs

    user = User.objects.get(username=username)
    profile = get_profile(user)
    day = profile.today()
    run = Run.objects.create(
        user=user,
        date=day,
        start_time=datetime.datetime.combine(day, datetime.time(7), tzinfo=profile.zone),
        distance_m=30_000,
        duration_s=3 * 3600,
        run_type="long",
        surface="road",
        avg_hr_bpm=145,
    )
    record_runs(user, profile, [run], random.Random(3))
    run.refresh_from_db()
    return run


def timed(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    first_ms = (time.perf_counter() - started) * 1000
    first_queries = len(queries)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return {
        "url": url,
        "status": response.status_code,
        "first_view_queries": first_queries,
        "first_view_ms": round(first_ms, 1),
        "queries": len(queries),
        **summary(times),
    }


def emit(row: dict) -> dict:
    print(json.dumps(row), flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=30, help="Timed requests a page (>= 20).")
    parser.add_argument("--years", type=int, default=10, help="Years of the long log.")
    options = parser.parse_args()
    configure(options.database, PG_DATABASE)

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    users = {"1y": 1, f"{options.years}y": options.years}
    for name, years in users.items():
        emit(seed(f"bench{name}", years))
        emit(stream_sizes(f"bench{name}"))
    emit(database_sizes())

    long_user = f"bench{options.years}y"
    run = three_hour_run(long_user)
    client = Client()
    client.force_login(User.objects.get(username=long_user))
    page = timed(client, f"/log/runs/{run.pk}/", max(options.repeat, 20))
    emit(
        {
            "bench": "run page, 3 h, 1 s samples",
            "samples": run.recording.samples,
            **page,
            "target_queries": TARGETS["queries"],
            "target_median_ms": TARGETS["median_ms"],
        }
    )

    medians = {}
    for name in users:
        client = Client()
        client.force_login(User.objects.get(username=f"bench{name}"))
        for url in ("/progress/", "/progress/data/"):
            row = emit({"bench": "progress", "user": name, **timed(client, url, options.repeat)})
            medians[(name, url)] = row["median_ms"]
    for url in ("/progress/", "/progress/data/"):
        ratio = medians[(f"{options.years}y", url)] / medians[("1y", url)]
        emit({"bench": f"{options.years}y / 1y", "url": url, "ratio": round(ratio, 2)})


if __name__ == "__main__":
    main()
