"""Page benchmark: median and 95th-percentile server time and query count for the main pages,
for a 1-year and a 10-year `seed_demo` user, through Django's test client (in process, with the
queries counted) and through gunicorn (over loopback HTTP), the two users' requests interleaved.
Prints JSON lines, then one line per page with the 10-year / 1-year ratio of median times.

    .venv/bin/python bench/pages.py                     # SQLite, 30 timed requests a page
    .venv/bin/python bench/pages.py --database postgres --repeat 50
    .venv/bin/python bench/pages.py --streams           # runs recorded second by second

Starts from an empty database (a temporary SQLite file, or PostgreSQL database legsite_bench,
dropped and created again), with production settings (DEBUG off).
"""

import argparse
import http.cookiejar
import json
import statistics
import time
import urllib.parse
import urllib.request
from pathlib import Path

from serving import configure, gunicorn

REPO = Path(__file__).resolve().parent.parent
PASSWORD = "bench-pass-9876"
PAGES = [
    "/log/",
    "/progress/",
    "/progress/data/",
    "/progress/data/?range=1y",
    "/progress/data/?range=all",
    "/guide/protein-for-runners/",
    "/api/v1/runs/",
]
USERS = {"1y": 1, "10y": 10}


def prepare(streams: bool) -> dict:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_guidance", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    seeded = {}
    for name, years in USERS.items():
        started = time.perf_counter()
        call_command(
            "seed_demo",
            user=f"bench{name}",
            years=years,
            password=PASSWORD,
            streams=streams,
            verbosity=0,
        )
        seeded[name] = round(time.perf_counter() - started, 2)
    return seeded


def summary(times_ms: list[float]) -> dict:
    ordered = sorted(times_ms)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1),
    }


def through_test_client(repeat: int) -> list[dict]:
    """Each page for both users, their timed requests interleaved (1-year, 10-year, 1-year...)
    so that a change in the machine's load falls on both alike, and the ratio holds."""
    from django.contrib.auth.models import User
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {}
    for name in USERS:
        clients[name] = Client()
        clients[name].force_login(User.objects.get(username=f"bench{name}"))
    results = []
    for url in PAGES:
        statuses, query_counts, times = {}, {}, {name: [] for name in USERS}
        for name, client in clients.items():
            statuses[name] = client.get(url).status_code  # warm-up, and the status to report
            # Each request empties the query log; start from an empty one so the count is right.
            reset_queries()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            query_counts[name] = len(queries)  # read now: later requests empty the log
        for _ in range(repeat):
            for name, client in clients.items():
                started = time.perf_counter()
                client.get(url)
                times[name].append((time.perf_counter() - started) * 1000)
        results.extend(
            {
                "bench": "pages",
                "via": "test client",
                "user": name,
                "url": url,
                "status": statuses[name],
                "queries": query_counts[name],
                **summary(times[name]),
            }
            for name in USERS
        )
    return results


def through_gunicorn(repeat: int) -> list[dict]:
    """As through_test_client, over loopback HTTP, signed in through the login form."""
    results = []
    with gunicorn({}) as base:
        openers = {}
        for name in USERS:
            jar = http.cookiejar.CookieJar()
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
            opener.open(base + "/accounts/login/").read()
            token = next(c.value for c in jar if c.name == "csrftoken")
            form = {"username": f"bench{name}", "password": PASSWORD, "csrfmiddlewaretoken": token}
            opener.open(base + "/accounts/login/", urllib.parse.urlencode(form).encode()).read()
            openers[name] = opener
        for url in PAGES:
            times, statuses = {name: [] for name in USERS}, {}
            for attempt in range(repeat + 1):
                for name, opener in openers.items():
                    started = time.perf_counter()
                    try:
                        with opener.open(base + url, timeout=60) as response:
                            response.read()
                            statuses[name] = response.status
                    except urllib.error.HTTPError as error:
                        statuses[name] = error.code
                    if attempt:  # the first one warms the worker up
                        times[name].append((time.perf_counter() - started) * 1000)
            results.extend(
                {
                    "bench": "pages",
                    "via": "gunicorn",
                    "user": name,
                    "url": url,
                    "status": statuses[name],
                    **summary(times[name]),
                }
                for name in USERS
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--streams", action="store_true", help="seed every run with a 1-second recording"
    )
    args = parser.parse_args()
    configure(args.database, "legsite_bench")
    seeded = prepare(args.streams)
    print(json.dumps({"bench": "pages", "database": args.database, "seed_seconds": seeded}))
    results = through_test_client(args.repeat) + through_gunicorn(args.repeat)
    for row in results:
        print(json.dumps({"database": args.database, **row}), flush=True)
    for via in ("test client", "gunicorn"):
        for url in PAGES:
            one, ten = (
                next(r for r in results if r["via"] == via and r["url"] == url and r["user"] == u)
                for u in USERS
            )
            print(
                json.dumps(
                    {
                        "bench": "pages",
                        "database": args.database,
                        "via": via,
                        "url": url,
                        "ratio_10y_to_1y": round(ten["median_ms"] / one["median_ms"], 2),
                    }
                )
            )


if __name__ == "__main__":
    main()
