#!/usr/bin/env python
"""Benchmark: import throughput of tracker.transfer.imports.import_files on the real sample files.

Imports the 68-file GPX history (tests/data/activity-samples/gpx/history, 11 MB) into a fresh
temporary SQLite database, then the largest sample (the 1 MB multisport FIT) on its own, and
prints one JSON line per run: files, MB, seconds, files/s, MB/s, imported, refused (with names).

    .venv/bin/python bench/import_history.py [--repeat 3]

Times cover import_files only (parsing, dedup checks and writes), not the migrations.
"""

import argparse
import json
import os
import sys
import tempfile
import time
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each benchmark")
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


if __name__ == "__main__":
    main()
