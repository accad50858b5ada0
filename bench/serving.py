"""What the bench scripts share: a fresh database with production settings (configure), and
serving the site with gunicorn on a free loopback port."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def configure(database: str, pg_database: str) -> None:
    """Production settings (DEBUG off) on an empty database: a temporary SQLite file, or the
    PostgreSQL database `pg_database`, dropped and created again; then django.setup()."""
    os.environ.update(
        {
            "LEGSITE_VAR_DIR": tempfile.mkdtemp(prefix="legsite-bench-"),
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,testserver",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "legsite.settings",
        }
    )
    if database == "postgres":
        import psycopg

        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as db:
            db.execute(f"DROP DATABASE IF EXISTS {pg_database} WITH (FORCE)")
            db.execute(f"CREATE DATABASE {pg_database}")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_database}"
    else:
        os.environ.pop("DATABASE_URL", None)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


@contextlib.contextmanager
def gunicorn(env: dict, workers: int = 2):
    """Serve the site with `env`'s settings; yields its base URL once /healthz answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [
            str(REPO / ".venv" / "bin" / "gunicorn"),
            "legsite.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--no-control-socket",
        ],
        cwd=REPO,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not answer on /healthz within 20 s")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
