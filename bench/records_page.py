"""Records page benchmark: /log/records/ (and /log/shoes/, /log/runs/ with its PR badges) for a
10-year `seed_demo` user, through Django's test client: query count, median and 95th-percentile
server time. Prints JSON lines.

    .venv/bin/python bench/records_page.py                     # SQLite
    .venv/bin/python bench/records_page.py --database postgres

seed_demo writes no watch recordings, so each of its runs gets the best efforts a recording of
it would have given (its distances up to the run's, at its pace with a few percent of spread),
and three pairs of shoes share its runs: the page then reads what a 10-year log of recorded
runs holds (about 3,000 runs, 13,000 efforts). Starts from an empty database (a temporary
SQLite file, or PostgreSQL database legsite_bench_records, dropped and created again).
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

from serving import configure  # bench/serving.py, beside this script

REPO = Path(__file__).resolve().parent.parent
PAGES = ["/log/records/", "/log/shoes/", "/log/runs/", "/progress/"]
QUERY_BUDGET = {"/log/records/": 10}


def prepare() -> dict:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection

    from tracker import best_efforts
    from tracker.log.models import BestEffort, Run, Shoe

    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("seed_demo", user="bench10y", years=10, verbosity=0)
    user = User.objects.get(username="bench10y")
    rng = random.Random(1)
    shoes = Shoe.objects.bulk_create(
        [Shoe(user=user, name=f"Pair {i}", brand="Bench") for i in range(3)]
    )
    runs = list(Run.objects.for_user(user).order_by("date"))
    efforts = []
    for index, run in enumerate(runs):
        run.shoe = shoes[index * 3 // len(runs)]
        pace = run.duration_s / run.distance_m
        for distance, _ in best_efforts.DISTANCES:
            if distance > run.distance_m:
                break
            efforts.append(
                BestEffort(
                    run=run,
                    user=user,
                    distance_m=distance,
                    elapsed_s=distance * pace * rng.uniform(0.92, 1.0),
                    start_offset_s=0.0,
                )
            )
    Run.objects.bulk_update(runs, ["shoe"], batch_size=1000)
    BestEffort.objects.bulk_create(efforts, batch_size=2000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"runs": len(runs), "efforts": len(efforts)}


def measure(repeat: int) -> list[dict]:
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(User.objects.get(username="bench10y"))
    results = []
    for url in PAGES:
        response = client.get(url)
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        count = len(queries)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        ordered = sorted(times)
        results.append(
            {
                "bench": "records_page",
                "database": connection.vendor,
                "url": url,
                "status": response.status_code,
                "queries": count,
                "query_budget": QUERY_BUDGET.get(url),
                "median_ms": round(statistics.median(ordered), 1),
                "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    configure(args.database, "legsite_bench_records")
    print(json.dumps({"bench": "records_page", "seeded": prepare()}))
    for row in measure(args.repeat):
        print(json.dumps(row))


if __name__ == "__main__":
    main()
