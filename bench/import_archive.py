#!/usr/bin/env python
"""Benchmark: a 1 GB archive of about 3,000 real-shaped activities, uploaded and imported by
the background worker as in production.

    .venv/bin/python bench/import_archive.py [--database sqlite|postgres] [--files 3000]
        [--archive /tmp/legsite-bench-archive.zip] [--rebuild] [--pg-url URL]

The archive is built once (and reused while its parameters match) from the real sample files
in tests/data/activity-samples: the 68-run GPX history, three more GPX runs and three TCX runs.
Each activity gets its own start (one a day from 2016, at varying times), and the GPX runs are
made out-and-back (the track run back to its start, the times mirrored), so a run is about an
hour of 1-second points, as a watch records. It is laid out as a Strava bulk export
(activities.csv, then activities/<id>.gpx|tcx), members stored (not deflated): XML deflates
about 15x, so only stored members make 3,000 runs of this length a 1 GB archive.

The run: an empty temporary database (SQLite under /tmp, or PostgreSQL at --pg-url, dropped
and created again), production settings, `manage.py db_worker` started as its own process
(what scripts/run-worker runs), the archive copied into a TemporaryUploadedFile in 64 KB
chunks (what Django's upload handler does with the request body) and handed to
tasks.start_import (what the import view and the API do). While the worker imports, one JSON
line every 5 s gives the job's progress (done_files/total_files) and the worker's memory; the
last line the figures: files/s, wall time, the worker's peak RSS, database and storage size.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "activity-samples"
MB = 1024 * 1024
FIRST_START = datetime.datetime(2016, 1, 4, 6, 0, tzinfo=datetime.UTC)

TIMESTAMP = re.compile(rb"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")
POINT = re.compile(rb"<trkpt\b.*?</trkpt>", re.S)
POINT_TIME = re.compile(rb"<time>([^<]+)</time>")


# ------------------------------------------------------------------------------------------
# Building the archive
# ------------------------------------------------------------------------------------------


def parse_time(text: bytes) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(text.decode())
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def out_and_back(data: bytes) -> bytes:
    """The last track segment run back to its start: its points in reverse order after the
    turn, each at the time mirrored about the turn (the same pace back)."""
    end = data.rindex(b"</trkseg>")
    start = data.rindex(b"<trkseg>", 0, end)
    points = POINT.findall(data, start, end)
    times = [POINT_TIME.search(point) for point in points]
    if len(points) < 2 or any(found is None for found in times):
        return data
    moments = [parse_time(found.group(1)) for found in times]
    turn = moments[-1]
    back = []
    for point, moment in zip(reversed(points[:-1]), reversed(moments[:-1]), strict=True):
        mirrored = (turn + (turn - moment)).strftime("%Y-%m-%dT%H:%M:%S.%fZ").encode()
        back.append(POINT_TIME.sub(b"<time>" + mirrored + b"</time>", point, count=1))
    return data[:end] + b"\n".join(back) + b"\n" + data[end:]


def first_time(data: bytes) -> datetime.datetime:
    found = re.search(rb"<(?:time|Time|Id)>(\d{4}-[^<]+)</", data)
    return parse_time(found.group(1))


def shifted(data: bytes, seconds: int) -> bytes:
    """Every timestamp in the file moved by whole seconds (fractions and zones kept)."""
    delta = datetime.timedelta(seconds=seconds)

    def move(match: re.Match) -> bytes:
        moment = datetime.datetime.fromisoformat(match.group(1).decode()) + delta
        return moment.strftime("%Y-%m-%dT%H:%M:%S").encode()

    return TIMESTAMP.sub(move, data)


def templates() -> list[tuple[str, bytes]]:
    """(extension, bytes) of each real activity the archive repeats."""
    history = sorted((SAMPLES / "gpx" / "history").glob("*.gpx"))
    if len(history) != 68:
        sys.exit(f"Sample files not found under {SAMPLES} (see its SOURCES.md).")
    found = [("gpx", out_and_back(path.read_bytes())) for path in history]
    for name, doubled in [
        ("run-strava-12km-hr-pauses.gpx", False),
        ("run-strava-3.6km-gap.gpx", True),
        ("run-garmin-3.1km-hr.gpx", True),
    ]:
        data = (SAMPLES / "gpx" / name).read_bytes()
        found.append(("gpx", out_and_back(data) if doubled else data))
    for name in ["run-12km-3laps-hr-pauses.tcx", "run-4.7km-3laps-hr.tcx"]:
        found.append(("tcx", (SAMPLES / "tcx" / name).read_bytes()))
    return found


def build_archive(path: Path, files: int) -> dict:
    started = time.perf_counter()
    sources = [(ext, data, first_time(data)) for ext, data in templates()]
    rows = []
    partial = path.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as archive:
        names = []
        for number in range(files):
            ext, data, begins = sources[number % len(sources)]
            start = FIRST_START + datetime.timedelta(days=number, minutes=(number * 53) % 420)
            name = f"activities/{10_000_000 + number}.{ext}"
            names.append((name, data, int((start - begins).total_seconds())))
            rows.append([10_000_000 + number, f"{start:%b %d, %Y, %I:%M:%S %p}", "Run", name])
        table = io.StringIO()
        writer = csv.writer(table)
        writer.writerow(["Activity ID", "Activity Date", "Activity Type", "Filename"])
        writer.writerows(rows)
        archive.writestr("export_bench/activities.csv", table.getvalue())
        for name, data, offset in names:
            archive.writestr(f"export_bench/{name}", shifted(data, offset))
    partial.rename(path)
    info = {"files": files, "bytes": path.stat().st_size}
    path.with_suffix(".json").write_text(json.dumps(info))
    info["build_seconds"] = round(time.perf_counter() - started, 1)
    return info


def archive_for(path: Path, files: int, rebuild: bool) -> dict:
    sidecar = path.with_suffix(".json")
    if not rebuild and path.exists() and sidecar.exists():
        info = json.loads(sidecar.read_text())
        if info == {"files": files, "bytes": path.stat().st_size}:
            return info
    return build_archive(path, files)


# ------------------------------------------------------------------------------------------
# The run
# ------------------------------------------------------------------------------------------


def reset_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as db:
        db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        db.execute(f'CREATE DATABASE "{name}"')


def kb_from_proc(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a live process (/proc/<pid>/stat, in clock ticks)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_bytes(database: str, var_dir: str) -> int:
    from django.db import connection

    if database == "postgres":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in Path(var_dir).glob("bench.sqlite3*"))


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def run(database: str, archive: Path, pg_url: str) -> dict:
    var_dir = tempfile.mkdtemp(prefix="legsite-bench-archive-", dir="/tmp")
    os.environ["LEGSITE_VAR_DIR"] = var_dir
    if database == "postgres":
        reset_postgres(pg_url)
        os.environ["DATABASE_URL"] = pg_url
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{var_dir}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "legsite.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import TemporaryUploadedFile
    from django.core.management import call_command

    from tracker.log.models import Run
    from tracker.transfer.models import ImportJob, ImportUpload
    from tracker.transfer.report import ImportReport
    from tracker.transfer.tasks import start_import

    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench-archive")
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--interval", "0.2"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=open(Path(var_dir) / "worker.log", "w"),  # noqa: SIM115 -- closed with the process
    )
    time.sleep(3)  # the worker is up and waiting, as in production

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    # The request: Django's upload handler writes the body to a temporary file in chunks.
    size = archive.stat().st_size
    upload = TemporaryUploadedFile("strava-export.zip", "application/zip", size, None)
    with archive.open("rb") as source:
        shutil.copyfileobj(source, upload, 64 * 1024)
    upload.seek(0)
    job, inline = start_import(user=user, files=[("strava-export.zip", upload)])
    stored_s = time.perf_counter() - started
    print(json.dumps({"phase": "stored", "job": job.pk, "seconds": round(stored_s, 2)}))

    last_print = 0.0
    while True:
        state = ImportJob.objects.filter(pk=job.pk).values("status", "done_files", "total_files")
        state = state.get()
        now = time.perf_counter()
        if state["status"] in {"done", "failed"} or worker.poll() is not None:
            break
        if now - last_print >= 5:
            last_print = now
            print(
                json.dumps(
                    {
                        "phase": "importing",
                        "seconds": round(now - started, 1),
                        "status": state["status"],
                        "progress": f"{state['done_files']}/{state['total_files']}",
                        "worker_rss_mb": round(kb_from_proc(worker.pid, "VmRSS") / 1024),
                    }
                ),
                flush=True,
            )
        time.sleep(0.5)
    wall = time.perf_counter() - started
    peak_hwm = kb_from_proc(worker.pid, "VmHWM")
    worker_cpu = cpu_seconds(worker.pid)
    worker.terminate()
    worker.wait(timeout=60)
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux

    job.refresh_from_db()
    report = ImportReport.from_dict(job.report)
    importing = (job.finished_at - job.started_at).total_seconds() if job.finished_at else None
    media = Path(settings.MEDIA_ROOT)
    result = {
        "benchmark": "archive-through-worker",
        "database": database,
        "archive_MB": round(size / MB, 1),
        "status": job.status,
        "error": job.error,
        "files": job.total_files,
        "progress": f"{job.done_files}/{job.total_files}",
        "imported": len(report.imported),
        "runs": Run.objects.for_user(user).count(),
        "duplicates": len(report.duplicates),
        "refused": [" ".join(f.messages)[:160] for f in report.refused][:5],
        "refused_count": len(report.refused),
        "store_upload_s": round(stored_s, 2),
        "import_s": round(importing, 1) if importing else None,
        "wall_s": round(wall, 1),
        "files_per_s": round(job.total_files / importing, 1) if importing else None,
        "files_per_s_wall": round(job.total_files / wall, 1),
        "worker_peak_rss_mb": round(max(peak_hwm, peak_children) / 1024),
        # The machine is shared: the worker's own CPU time says what it costs without the
        # others' load (files per CPU-second of the worker, startup included).
        "worker_cpu_s": round(worker_cpu, 1),
        "files_per_worker_cpu_s": round(job.total_files / worker_cpu, 1) if worker_cpu else None,
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "db_MB": round(database_bytes(database, var_dir) / MB, 1),
        "originals_MB": round(folder_bytes(media / "originals") / MB, 1),
        "uploads_left_in_storage": folder_bytes(media / "imports")
        if (media / "imports").exists()
        else 0,
        "upload_rows_left": ImportUpload.objects.count(),
        "cpus": os.cpu_count(),
    }
    shutil.rmtree(var_dir, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--archive", type=Path, default=Path("/tmp/legsite-bench-archive.zip"))
    parser.add_argument("--rebuild", action="store_true", help="build the archive again")
    parser.add_argument(
        "--pg-url",
        default="postgres://postgres@127.0.0.1:5432/legsite_bench_archive",
        help="PostgreSQL database to drop, create and use",
    )
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    info = archive_for(args.archive, args.files, args.rebuild)
    print(json.dumps({"phase": "archive", "path": str(args.archive), **info}), flush=True)
    if not args.build_only:
        print(json.dumps(run(args.database, args.archive, args.pg_url)), flush=True)


if __name__ == "__main__":
    main()
