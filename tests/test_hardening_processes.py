"""The processes around the site: the worker's supervisor loop (db_worker exits when
PostgreSQL restarts) and gunicorn's trust in X-Forwarded-Proto."""

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fake_python(tmp_path: Path, exit_status: int) -> tuple[Path, Path]:
    """A stand-in interpreter that logs each command and exits as db_worker does on a
    database error."""
    calls = tmp_path / "calls.log"
    script = tmp_path / "python"
    script.write_text(f'#!/bin/sh\necho "$*" >> {calls}\nexit {exit_status}\n')
    script.chmod(0o755)
    return script, calls


def test_the_worker_loop_restarts_db_worker_after_it_exits_and_reclaims_first(tmp_path):
    python, calls = fake_python(tmp_path, exit_status=1)
    env = {**os.environ, "PYTHON": str(python), "WORKER_RESTART_DELAY": "0.1"}
    loop = subprocess.Popen(
        [ROOT / "scripts" / "run-worker", "--queue-name", "default"],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if calls.exists() and calls.read_text().count("db_worker") >= 3:
                break
            time.sleep(0.05)
    finally:
        loop.send_signal(signal.SIGTERM)
        loop.wait(timeout=10)
    lines = calls.read_text().splitlines()
    assert lines[:2] == [
        "manage.py reclaim_imports",
        "manage.py db_worker --no-reload --queue-name default",
    ]
    assert sum("db_worker" in line for line in lines) >= 3
    stderr = loop.stderr.read()
    loop.stderr.close()
    assert loop.returncode == 0
    assert "starting it again" in stderr


def test_sigterm_stops_a_running_worker_and_the_loop(tmp_path):
    calls = tmp_path / "calls.log"
    python = tmp_path / "python"
    python.write_text(
        f'#!/bin/sh\necho "$*" >> {calls}\n'
        'case "$*" in *db_worker*) trap "echo stopped >> ' + str(calls) + '; exit 0" TERM;'
        " while true; do sleep 0.05; done;; esac\n"
    )
    python.chmod(0o755)
    loop = subprocess.Popen(
        [ROOT / "scripts" / "run-worker"],
        env={**os.environ, "PYTHON": str(python), "WORKER_RESTART_DELAY": "0.1"},
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (calls.exists() and "db_worker" in calls.read_text()):
        time.sleep(0.05)
    loop.send_signal(signal.SIGTERM)
    assert loop.wait(timeout=10) == 0
    assert calls.read_text().splitlines()[-1] == "stopped"


def gunicorn_config(env_overrides) -> dict[str, str]:
    env = {**os.environ, **env_overrides}
    env.pop("FORWARDED_ALLOW_IPS", None)
    out = subprocess.run(
        [
            ROOT / ".venv" / "bin" / "gunicorn",
            "-c",
            ROOT / "scripts" / "gunicorn.conf.py",
            "--print-config",
            "legsite.wsgi",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return {
        name.strip(): value.strip()
        for name, _, value in (line.partition("=") for line in out.splitlines())
    }


def test_gunicorn_ignores_x_forwarded_proto_unless_told_to_trust_it():
    config = gunicorn_config({"TRUST_X_FORWARDED_PROTO": "false"})
    assert config["forwarded_allow_ips"] == "[]"
    assert config["secure_scheme_headers"] == "{}"


def test_gunicorn_trusts_x_forwarded_proto_from_the_proxy_when_told_to():
    config = gunicorn_config({"TRUST_X_FORWARDED_PROTO": "true"})
    assert config["forwarded_allow_ips"] == "['127.0.0.1', '::1']"
    assert "'X-FORWARDED-PROTO': 'https'" in config["secure_scheme_headers"]


def test_make_run_uses_the_config_and_the_worker_loop():
    makefile = (ROOT / "Makefile").read_text()
    assert "-c scripts/gunicorn.conf.py" in makefile
    assert "scripts/run-worker" in makefile
    assert "--forwarded-allow-ips" not in makefile
