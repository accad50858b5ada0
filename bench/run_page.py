#!/usr/bin/env python
"""Benchmark: what keeping watch recordings costs. For a 1-year and a 10-year `seed_demo` user
whose every run gets a synthetic 1-second stream (distance, position, altitude, heart rate,
cadence), prints JSON lines with:

* the streams' size on disk (bytes per hour of running) and the whole database's size;
* the run page of a 3-hour run: queries and median server time (first view, which works
  out and keeps the page data, and later views);
* /progress/ and /progress/data/ for both users: queries, median time, 10-year / 1-year;
* the 68-file GPX history imported one file per request (a POST to the import page each):
  files per second.

    .venv/bin/python bench/run_page.py [--database postgres] [--repeat 30]
"""

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import PASSWORD, configure, summary  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
USERS = {"1y": 1, "10y": 10}
HISTORY = REPO / "tests" / "data" / "activity-samples" / "gpx" / "history"


def synthetic_stream(run, rng: random.Random):
    """A 1-second stream with this run's distance and duration: a loop around a park with
    GPS noise, rolling hills, heart rate following the effort, a cadence near 170 spm."""
    from tracker.streams import Stream

    seconds = int(run.duration_s)
    speed = run.distance_m / seconds
    effort = run.effort or 5
    t, d, lat, lon, alt, hr, cad = [], [], [], [], [], [], []
    loop_m = 2500.0
    radius_deg = loop_m / (2 * math.pi) / 111_195
    distance = 0.0
    for i in range(seconds + 1):
        if i:
            distance += speed * (1 + 0.05 * math.sin(i / 37) + rng.uniform(-0.03, 0.03))
        angle = 2 * math.pi * distance / loop_m
        t.append(float(i))
        d.append(distance)
        lat.append(52.37 + radius_deg * math.sin(angle) + rng.gauss(0, 2e-6))
        lon.append(4.89 + radius_deg * math.cos(angle) / 0.61 + rng.gauss(0, 3e-6))
        alt.append(5 + 8 * math.sin(angle * 2) + rng.gauss(0, 0.3))
        hr.append(round(110 + 7 * effort + 12 * (1 - math.exp(-i / 300)) + rng.gauss(0, 1.5)))
        cad.append(round(84 + rng.gauss(0, 1.2)))
    scale = run.distance_m / d[-1]
    return Stream(
        t=t,
        distance=[x * scale for x in d],
        lat=lat,
        lon=lon,
        alt=alt,
        hr=hr,
        cadence=cad,
    )


def attach_streams(username: str, every: int = 1) -> dict:
    """Give every run of the user a recording, as the importer would (with ``every`` > 1,
    only every n-th run, and the others get typical zone times and loads by SQL: the
    progress pages read only those columns, never the samples)."""
    from django.contrib.auth.models import User

    from tracker import heart_rate, streams
    from tracker.log import intensity
    from tracker.log.models import Run, RunStream, get_profile
    from tracker.transfer.recordings import ANALYSED_FIELDS

    user = User.objects.get(username=username)
    profile = get_profile(user)
    profile.max_hr_bpm, profile.resting_hr_bpm = 190, 50
    profile.save()
    zones = intensity.zones_on(user, profile, profile.today())
    rng = random.Random(7)
    started = time.perf_counter()
    runs = list(Run.objects.for_user(user).order_by("date"))[::every]
    if every > 1:
        from django.db.models import F

        shares = {"zone1_s": 0.1, "zone2_s": 0.45, "zone3_s": 0.3, "zone4_s": 0.1, "zone5_s": 0.05}
        Run.objects.for_user(user).update(
            **{name: F("duration_s") * share for name, share in shares.items()},
            hard_s=F("duration_s") * 0.15,
            trimp=F("duration_s") / 60.0 * 1.3,
        )
    rows, hours = [], 0.0
    for run in runs:
        stream = synthetic_stream(run, rng)
        intensity.analyse(run, stream, profile, zones, None)
        rows.append(
            RunStream(
                run=run,
                data=streams.pack(stream),
                samples=len(stream),
                channels=",".join(stream.channels()),
                sustained_max_hr_bpm=heart_rate.highest_sustained_hr(stream),
            )
        )
        hours += run.duration_s / 3600
        if len(rows) >= 200:
            RunStream.objects.bulk_create(rows)
            rows = []
    RunStream.objects.bulk_create(rows)
    Run.objects.bulk_update(runs, ANALYSED_FIELDS, batch_size=500)
    intensity.refresh_hr_loads(user)
    stored = sum(len(r) for r in RunStream.objects.for_user(user).values_list("data", flat=True))
    return {
        "bench": "streams",
        "user": username,
        "every": every,
        "runs": len(runs),
        "hours": round(hours, 1),
        "stream_bytes": stored,
        "bytes_per_hour": round(stored / hours),
        "seconds_to_attach": round(time.perf_counter() - started, 1),
    }


def three_hour_run(username: str):
    from django.contrib.auth.models import User

    from tracker.log.models import Run, get_profile
    from tracker.transfer.parsers.base import ParsedActivity
    from tracker.transfer.recordings import prepare

    user = User.objects.get(username=username)
    profile = get_profile(user)
    run = Run.objects.create(
        user=user, date=profile.today(), distance_m=30_000, duration_s=3 * 3600, moving_s=10_750
    )
    stream = synthetic_stream(run, random.Random(3))
    activity = ParsedActivity(
        sport="running",
        start_time=None,
        distance_m=run.distance_m,
        elapsed_s=run.duration_s,
        moving_s=run.moving_s,
        elevation_gain_m=None,
        avg_hr_bpm=None,
        max_hr_bpm=None,
        has_gps=True,
        name="",
        source_format="fit",
        stream=stream,
    )
    row = prepare(run, activity, profile)
    row.save()
    run.save()
    return run


def timed(client, url: str, repeat: int) -> dict:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    first_ms = (time.perf_counter() - started) * 1000
    count = len(queries)
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
        "first_view_queries": count,
        "first_view_ms": round(first_ms, 1),
        "queries": len(queries),
        **summary(times),
    }


def database_size() -> int:
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    connection.close()  # checkpoint the WAL into the file
    name = settings.DATABASES["default"]["NAME"]
    return sum(os.path.getsize(p) for p in (name, f"{name}-wal") if os.path.exists(p))


def import_rate(repeat_user: str) -> dict:
    """The 68 history files, one POST to the import page each."""
    from django.contrib.auth.models import User
    from django.test import Client

    user = User.objects.create_user(username=repeat_user, password=PASSWORD)
    client = Client()
    client.force_login(user)
    files = sorted(HISTORY.glob("*.gpx"))
    started = time.perf_counter()
    for path in files:  # one small file is imported inline, within its request
        with path.open("rb") as handle:
            client.post("/log/import/", {"files": handle})
    seconds = time.perf_counter() - started
    return {
        "bench": "import one file per request",
        "files": len(files),
        "runs": user.runs.count(),
        "with_streams": user.runs.filter(recording__isnull=False).count(),
        "seconds": round(seconds, 2),
        "files_per_s": round(len(files) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--every",
        type=int,
        default=1,
        help="Record only every n-th run of the 10-year user (quicker; sizes then per hour).",
    )
    options = parser.parse_args()
    configure(options.database)

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    results = []
    for name, years in USERS.items():
        call_command("seed_demo", user=f"bench{name}", years=years, password=PASSWORD, verbosity=0)
        results.append(attach_streams(f"bench{name}", options.every if years > 1 else 1))
        print(json.dumps(results[-1]), flush=True)
    results.append({"bench": "database", "database": options.database, "bytes": database_size()})
    print(json.dumps(results[-1]), flush=True)

    run = three_hour_run("bench10y")
    client = Client()
    client.force_login(User.objects.get(username="bench10y"))
    page = timed(client, f"/log/runs/{run.pk}/", options.repeat)
    print(json.dumps({"bench": "run page, 3 h, 1 s samples", **page}), flush=True)

    medians = {}
    for name in USERS:
        client = Client()
        client.force_login(User.objects.get(username=f"bench{name}"))
        for url in ("/progress/", "/progress/data/"):
            row = timed(client, url, options.repeat)
            medians[(name, url)] = row["median_ms"]
            print(json.dumps({"bench": "progress", "user": name, **row}), flush=True)
    for url in ("/progress/", "/progress/data/"):
        ratio = medians[("10y", url)] / medians[("1y", url)]
        print(json.dumps({"bench": "10y / 1y", "url": url, "ratio": round(ratio, 2)}))
    print(json.dumps(import_rate("bench-import")), flush=True)


if __name__ == "__main__":
    main()
