"""Compression and JSON bombs against the import, before and after the hardening.

    .venv/bin/python bench/bombs.py [--skip-before]

Each case runs in a fresh subprocess and reports wall time and peak RSS (ru_maxrss): the
"before" code is this repository's HEAD version of the module (git show), the "after" code
the working tree's. Prints one JSON object per case. The 8 MB gzip bomb takes about a minute
before; the 49 MB one (an estimated 35-40 min before) is only run after.
"""

import argparse
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024

RUNNER = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.environ["BENCH_MODULES"])
sys.path.insert(0, os.environ["BENCH_ROOT"])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legsite.settings")
import django
django.setup()
case, version, path = sys.argv[1:4]
data = open(path, "rb").read()
if version == "before":
    import old_archive as archive, old_restore as restore
else:
    from tracker.transfer.parsers import archive
    from tracker.transfer import restore
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
outcome = "accepted"
try:
    if case.startswith("gzip-in-zip"):
        list(archive.iter_zip_members(data, max_files=2000, max_total_bytes=500 * 2**20,
                                      max_member_bytes=50 * 2**20))
    elif case.startswith("gzip"):
        archive.decompress_gzip(data, max_bytes=50 * 2**20, name="run.gpx.gz")
    else:
        restore.read_account_export(data)
except Exception as error:
    outcome = f"refused: {str(error)[:90]}"
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": round(seconds, 3), "rss_before_mb": round(base / 1024),
                  "peak_rss_mb": round(peak / 1024), "outcome": outcome}))
"""


def old_modules(directory: Path) -> None:
    """HEAD's archive.py and restore.py, importable as old_archive and old_restore."""
    for name, path in (
        ("old_archive", "tracker/transfer/parsers/archive.py"),
        ("old_restore", "tracker/transfer/restore.py"),
    ):
        text = subprocess.run(
            ["git", "show", f"HEAD:{path}"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
        text = text.replace("from .base import", "from tracker.transfer.parsers.base import")
        (directory / f"{name}.py").write_text(text)


def zip_of(name: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return buffer.getvalue()


def cases() -> dict[str, bytes]:
    empty = gzip.compress(b"")
    rows = "{}," * (40 * MB // 3)
    export = '{"format": "legsite-account-export", "runs": [' + rows + "{}]}"
    return {
        "gzip-2MB-alone": empty * (2 * MB // len(empty)),
        "gzip-in-zip-8MB-member": zip_of("a/1.gpx.gz", empty * (8 * MB // len(empty))),
        "gzip-in-zip-49MB-member": zip_of("a/1.gpx.gz", empty * (49 * MB // len(empty))),
        "json-40MB-of-empty-rows": zip_of("legsite-export.json", export),
        # Under the byte cap: refused by counting its containers, before json.loads.
        "json-30MB-of-empty-rows": zip_of("legsite-export.json", export[: 30 * MB] + "{}]}"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-before", action="store_true")
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument(
        "--before-only-for", nargs="*", default=None, help="run HEAD's code only for these cases"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        old_modules(tmp_path)
        env = {
            **os.environ,
            "BENCH_MODULES": tmp,
            "BENCH_ROOT": str(ROOT),
            "LEGSITE_VAR_DIR": str(tmp_path / "var"),
        }
        env.pop("DATABASE_URL", None)
        for case, data in cases().items():
            if args.only and case not in args.only:
                continue
            path = tmp_path / f"{case}.bin"
            path.write_bytes(data)
            skip_before = args.skip_before or "49MB" in case
            if args.before_only_for is not None and case not in args.before_only_for:
                skip_before = True
            versions = ["after"] if skip_before else ["before", "after"]
            for version in versions:
                result = subprocess.run(
                    [sys.executable, "-c", RUNNER, case, version, str(path)],
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=1800,
                )
                line = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
                figures = json.loads(line) if line else {"error": result.stderr[-300:]}
                print(
                    json.dumps(
                        {"case": case, "upload_kb": len(data) // 1024, "code": version, **figures}
                    ),
                    flush=True,
                )


if __name__ == "__main__":
    main()
