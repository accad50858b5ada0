#!/usr/bin/env python
"""Benchmark: import throughput on the real sample files.

Imports the 68-file GPX history (tests/data/activity-samples/gpx/history, 11 MB) into a fresh
temporary SQLite database, then the largest sample (the 1 MB multisport FIT) on its own, and
prints one JSON line per run: files, MB, seconds, files/s, MB/s, imported, refused (with names).
Then the history again, uploaded one file per request to /log/import/ on gunicorn (one client,
one request after another, signed in, with the form's CSRF token): each request stores its file
and imports it in the request, as a runner's browser or FitTrackee's uploader does.

    .venv/bin/python bench/import_history.py [--repeat 3] [--skip-requests]

The first two time import_files only (parsing, dedup checks and writes), not the migrations;
the per-request one times the requests, from the first sent to the last answered.
"""

import argparse
import json
import os
import re
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "activity-samples"


def setup_django(var_dir: str) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["LEGSITE_VAR_DIR"] = var_dir
    os.environ["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legsite.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(label: str, paths: list[Path], username: str) -> dict:
    from django.contrib.auth.models import User

    from tracker.transfer.imports import import_files

    user = User.objects.create_user(username)
    files = [(path.name, path.read_bytes()) for path in paths]
    size_mb = sum(len(data) for _, data in files) / 1024 / 1024
    started = time.perf_counter()
    report = import_files(user=user, files=files)
    seconds = time.perf_counter() - started
    return {
        "benchmark": label,
        "files": len(files),
        "MB": round(size_mb, 2),
        "seconds": round(seconds, 3),
        "files_per_s": round(len(files) / seconds, 1),
        "MB_per_s": round(size_mb / seconds, 2),
        "imported": len(report.imported),
        "runs": report.runs,
        "duplicates": len(report.duplicates),
        "refused": [
            {"file": outcome.name, "message": " ".join(outcome.messages)}
            for outcome in report.refused
        ],
        "handled_all": len(report.files) == len(files),
    }


def multipart(fields: dict[str, str], name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{name}"\r\n'
        "Content-Type: application/gpx+xml\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def measure_per_request(paths: list[Path], username: str) -> dict:
    """One POST /log/import/ per file through gunicorn (2 workers), one after another."""
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client
    from serving import gunicorn  # bench/serving.py, beside this script

    from tracker.log.models import Run

    call_command("collectstatic", "--noinput", verbosity=0)
    user = User.objects.create_user(username)
    browser = Client()
    browser.force_login(user)
    session = browser.cookies["sessionid"].value
    files = [(path.name, path.read_bytes()) for path in paths]
    with gunicorn({}) as base:
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
        request = urllib.request.Request(
            base + "/log/import/", headers={"Cookie": f"sessionid={session}"}
        )
        with opener.open(request) as page:
            form = page.read().decode()
            cookies = page.headers.get_all("Set-Cookie") or []
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        csrf_cookie = next(c.split(";")[0] for c in cookies if c.startswith("csrftoken="))
        # One opener for the whole upload, as a browser keeps its state: building one per
        # request costs the client 30-40 ms (its HTTPS handler loads the system's CA
        # certificates), which the first version of this script counted as the server's.
        no_redirect = urllib.request.build_opener(NoRedirect)
        statuses = []
        started = time.perf_counter()
        for name, data in files:
            body, content_type = multipart({"csrfmiddlewaretoken": token}, name, data)
            request = urllib.request.Request(
                base + "/log/import/",
                data=body,
                headers={
                    "Content-Type": content_type,
                    "Cookie": f"sessionid={session}; {csrf_cookie}",
                    "Referer": base + "/log/import/",
                },
            )
            try:
                with no_redirect.open(request) as answer:
                    statuses.append(answer.status)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
        seconds = time.perf_counter() - started
    size_mb = sum(len(data) for _, data in files) / 1024 / 1024
    return {
        "benchmark": "history-68-gpx-one-request-each",
        "files": len(files),
        "MB": round(size_mb, 2),
        "seconds": round(seconds, 3),
        "files_per_s": round(len(files) / seconds, 1),
        "statuses": sorted(set(statuses)),
        "runs": Run.objects.for_user(user).count(),
        "vs_fittrackee_1_3_6_at_8_files_per_s": round(len(files) / seconds / 8, 2),
    }


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each benchmark")
    parser.add_argument("--skip-requests", action="store_true", help="only import_files")
    args = parser.parse_args()
    history = sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))
    largest = SAMPLES / "fit" / "multisport-fenix2-7sessions-70km.fit"
    if len(history) != 68 or not largest.exists():
        sys.exit(f"Sample files not found under {SAMPLES} (see its SOURCES.md).")
    with tempfile.TemporaryDirectory(prefix="legsite-bench-") as var_dir:
        setup_django(var_dir)
        for run in range(args.repeat):
            print(json.dumps(measure("history-68-gpx", history, f"history{run}")), flush=True)
            print(json.dumps(measure("largest-file", [largest], f"largest{run}")), flush=True)
            if not args.skip_requests:
                print(json.dumps(measure_per_request(history, f"requests{run}")), flush=True)


if __name__ == "__main__":
    main()
