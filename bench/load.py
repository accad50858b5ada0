"""Load benchmark: gunicorn with 4 workers, 32 concurrent signed-in clients for 60 s, mixing
reads and writes, on SQLite and on PostgreSQL. Prints one JSON line per database.

    .venv/bin/python bench/load.py                       # both databases, 32 clients, 60 s
    .venv/bin/python bench/load.py --database sqlite --clients 8 --seconds 10

Each run starts from an empty database (a temporary SQLite file, or the PostgreSQL database
`legsite_bench`, dropped and created again), migrates, loads the guide, gives the first client a
year of demo data, and serves the site with production settings (DEBUG off, whitenoise). Every
write the server acknowledged (a redirect after the form) is counted and compared with the rows
stored afterwards: `lost` must be 0. Only loopback addresses are used; the run stops by itself.
"""

import argparse
import http.cookiejar
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from serving import gunicorn

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PASSWORD = "bench-pass-9876"
PG_URL = "postgres://postgres@127.0.0.1:5432/legsite_bench"

# (weight, name, method, path); writes are the POSTs
ACTIONS = [
    (25, "timeline", "GET", "/log/"),
    (15, "runs", "GET", "/log/runs/"),
    (10, "protein", "GET", "/log/protein/"),
    (10, "article", "GET", "/guide/protein-for-runners/"),
    (10, "guide", "GET", "/guide/"),
    (15, "add protein", "POST", "/log/protein/new/"),
    (15, "add run", "POST", "/log/runs/new/"),
]


def manage(env, *args, stdin=None):
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=REPO,
        env=env,
        check=True,
        input=stdin,
        text=True,
        stdout=subprocess.DEVNULL,
    )


def prepare(env, clients: int) -> None:
    manage(env, "migrate", "--noinput")
    manage(env, "load_guidance")
    manage(env, "collectstatic", "--noinput")
    manage(env, "seed_demo", "--user", "bench0", "--years", "1", "--password", PASSWORD)
    create_users = (
        "from django.contrib.auth.models import User\n"
        f"for n in range(1, {clients}):\n"
        f"    User.objects.create_user(f'bench{{n}}', password='{PASSWORD}')\n"
    )
    manage(env, "shell", "--no-imports", "-c", create_users)


def reset_postgres() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute("DROP DATABASE IF EXISTS legsite_bench WITH (FORCE)")
        db.execute("CREATE DATABASE legsite_bench")


class Client:
    def __init__(self, base: str, username: str, seed: int):
        self.base = base
        self.username = username
        self.random = random.Random(seed)
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.latencies_ms: list[float] = []
        self.statuses: dict[int, int] = {}
        self.failures = 0  # connection errors and timeouts
        self.writes_acknowledged = 0

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, method: str, path: str, data: dict | None = None) -> int:
        body = None
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self.csrf()}).encode()
        request = urllib.request.Request(self.base + path, data=body, method=method)
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            self.failures += 1
            return 0
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        return status

    def log_in(self) -> None:
        self.request("GET", "/accounts/login/")
        status = self.request(
            "POST", "/accounts/login/", {"username": self.username, "password": PASSWORD}
        )
        if status != 302:
            raise RuntimeError(f"{self.username} could not log in (HTTP {status})")

    def write(self, path: str) -> None:
        day = time.strftime("%Y-%m-%d")
        if path == "/log/protein/new/":
            data = {"date": day, "protein_g": "22", "food": "Bench yoghurt", "meal": ""}
        else:
            data = {
                "date": day,
                "distance": "5.2",
                "duration": "27:30",
                "run_type": "easy",
                "surface": "road",
                "effort": "4",
                "notes": "bench",
            }
        if self.request("POST", path, data) == 302:
            self.writes_acknowledged += 1

    def run(self, deadline: float) -> None:
        weights = [a[0] for a in ACTIONS]
        while time.perf_counter() < deadline:
            _, _, method, path = self.random.choices(ACTIONS, weights)[0]
            if method == "GET":
                self.request("GET", path)
            else:
                self.write(path)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def count_rows(env) -> int:
    script = (
        "from tracker.log.models import ProteinEntry, Run\n"
        "runs = Run.objects.filter(user__username__startswith='bench', notes='bench')\n"
        "protein = ProteinEntry.objects.filter("
        "user__username__startswith='bench', food='Bench yoghurt')\n"
        "print(runs.count() + protein.count())"
    )
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def bench(database: str, clients: int, seconds: int, workers: int) -> dict:
    var_dir = tempfile.mkdtemp(prefix="legsite-bench-")
    env = {
        **os.environ,
        "LEGSITE_VAR_DIR": var_dir,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "AXES_FAILURE_LIMIT": "1000",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database == "postgres":
        reset_postgres()
        env["DATABASE_URL"] = PG_URL
    else:
        env.pop("DATABASE_URL", None)
    prepare(env, clients)

    with gunicorn(env, workers) as base:
        people = [Client(base, f"bench{n}", seed=n) for n in range(clients)]
        for person in people:
            person.log_in()
            person.latencies_ms.clear()
            person.statuses.clear()
        started = time.perf_counter()
        deadline = started + seconds
        threads = [threading.Thread(target=p.run, args=(deadline,)) for p in people]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started

    latencies = [ms for p in people for ms in p.latencies_ms]
    statuses: dict[int, int] = {}
    for person in people:
        for status, n in person.statuses.items():
            statuses[status] = statuses.get(status, 0) + n
    written = sum(p.writes_acknowledged for p in people)
    stored = count_rows(env)
    return {
        "bench": "load",
        "database": database,
        "workers": workers,
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "latency_ms": {
            "p50": round(statistics.median(latencies), 1),
            "p95": round(percentile(latencies, 0.95), 1),
            "p99": round(percentile(latencies, 0.99), 1),
            "max": round(max(latencies), 1),
        },
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "errors": sum(n for s, n in statuses.items() if s >= 500) + sum(p.failures for p in people),
        "writes_acknowledged": written,
        "rows_stored": stored,
        "lost": written - stored,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    databases = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    for database in databases:
        print(json.dumps(bench(database, args.clients, args.seconds, args.workers)), flush=True)


if __name__ == "__main__":
    main()
