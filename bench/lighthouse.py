"""Front-end benchmark: Lighthouse scores (performance, accessibility, best practices) and bytes
transferred for the home page, an article, the run form and the progress page, in Debian's
Chromium, against gunicorn with production settings. Prints one JSON line per page.

    .venv/bin/python bench/lighthouse.py

Needs Node.js/npm (Lighthouse 13.5.0 is installed into var/tools/lighthouse/ on first use) and
Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Signed-in pages get the session cookie of a
`seed_demo` user. Lighthouse's default mobile profile (throttled 4G, a mid-range phone) is used.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from serving import gunicorn

REPO = Path(__file__).resolve().parent.parent
TOOLS = REPO / "var" / "tools" / "lighthouse"
LIGHTHOUSE_VERSION = "13.5.0"
PAGES = [
    ("home", "/", False),
    ("home, signed in", "/", True),
    ("article", "/guide/protein-for-runners/", False),
    ("run form", "/log/runs/new/", True),
    ("progress", "/progress/", True),
    ("progress, all", "/progress/?range=all", True),
]
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)


def lighthouse_binary() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(TOOLS),
                "--no-audit",
                "--no-fund",
                "--silent",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def main() -> None:
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        sys.exit("Chromium is needed: apt-get install chromium, or set CHROMIUM_PATH.")
    binary = lighthouse_binary()
    env = {
        **os.environ,
        "LEGSITE_VAR_DIR": tempfile.mkdtemp(prefix="legsite-bench-"),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    python = [sys.executable, "manage.py"]
    for command in (
        ["migrate"],
        ["load_guidance"],
        ["collectstatic", "--noinput"],
        ["seed_demo", "--user", "lighthouse", "--years", "1"],
    ):
        subprocess.run(python + command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    session = (
        subprocess.run(
            python
            + [
                "shell",
                "--no-imports",
                "-c",
                "from django.contrib.auth.models import User\n"
                "from django.test import Client\n"
                "c = Client(); c.force_login(User.objects.get(username='lighthouse'))\n"
                "print(c.cookies['sessionid'].value)",
            ],
            cwd=REPO,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )

    with gunicorn(env) as base:
        for name, path, signed_in in PAGES:
            report = Path(env["LEGSITE_VAR_DIR"]) / f"lighthouse-{name.replace(' ', '-')}.json"
            command = [
                str(binary),
                base + path,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS}",
                "--only-categories=performance,accessibility,best-practices",
            ]
            if signed_in:
                command.append("--extra-headers=" + json.dumps({"Cookie": f"sessionid={session}"}))
            run = subprocess.run(
                command, env={**env, "CHROME_PATH": chromium}, capture_output=True, text=True
            )
            if run.returncode != 0 or not report.exists():
                error = (run.stderr.strip().splitlines() or ["no report"])[-1]
                print(
                    json.dumps({"bench": "lighthouse", "page": name, "url": path, "error": error})
                )
                continue
            result = json.loads(report.read_text())
            print(
                json.dumps(
                    {
                        "bench": "lighthouse",
                        "page": name,
                        "url": path,
                        "final_url": result["finalDisplayedUrl"].removeprefix(base),
                        "performance": result["categories"]["performance"]["score"],
                        "accessibility": result["categories"]["accessibility"]["score"],
                        "best_practices": result["categories"]["best-practices"]["score"],
                        "bytes": int(result["audits"]["total-byte-weight"]["numericValue"]),
                        "lcp_ms": round(
                            result["audits"]["largest-contentful-paint"]["numericValue"]
                        ),
                    }
                ),
                flush=True,
            )


if __name__ == "__main__":
    main()
