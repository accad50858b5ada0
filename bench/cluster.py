"""Two app servers and two workers against one PostgreSQL and one Redis, on this machine.

    .venv/bin/python bench/cluster.py                 # about two minutes
    .venv/bin/python bench/cluster.py --skip-kill     # without the kill -9 phase (about 70 s)

What "Running on several machines" in the README promises, checked end to end:

* writes: API writers spread over both nodes; every write acknowledged (201) is stored;
* throttles: one user hammers both nodes; the accepted count is the configured rate, not the
  rate times the number of gunicorn workers (counts are shared through Redis);
* jobs: import jobs, each enqueued twice (a duplicate delivery), picked by two workers; each
  job runs once (attempts == 1) and its runs are saved once;
* kill -9: the worker running a large import is killed; the job is queued again when its
  heartbeat is older than IMPORT_JOB_STALE_MINUTES (1 here) and finished by a worker;
* database connections dropped (what a PostgreSQL restart does to the clients, done with
  pg_terminate_backend on this benchmark's database only): the workers exit, scripts/run-worker
  starts them again, and a new job is imported.

Uses the database `legsite_cluster` (dropped and created again) and Redis database 14 under a
fresh key prefix. Prints one JSON object with the figures. Only loopback addresses are used.
"""

import argparse
import http.cookiejar
import io
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent
PYTHON = str(REPO / ".venv" / "bin" / "python")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
DB_NAME = "legsite_cluster"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
PASSWORD = "cluster-pass-9876"
RATE_PER_MINUTE = 100
HISTORY = sorted((REPO / "tests" / "data" / "activity-samples" / "gpx" / "history").glob("*.gpx"))

SETUP = """
import json
from django.contrib.auth.models import User
from api.models import ApiToken
out = {}
for name in ["throttled"] + [f"writer{n}" for n in range(WRITERS)] + ["jobs", "killed", "after"]:
    user = User.objects.create_user(name, f"{name}@example.com", PASSWORD)
    out[name] = ApiToken.create_for(user=user, name="bench")[1]
print(json.dumps(out))
"""

ENQUEUE = """
import json, sys
from django.contrib.auth.models import User
from tracker.transfer.models import ImportJob, ImportUpload
from tracker.transfer.tasks import import_job
spec = json.load(open(SPEC))
ids = []
for job in spec["jobs"]:
    user = User.objects.get(username=job["user"])
    row = ImportJob.objects.create(user=user, total_files=1, upload_names=job["name"])
    ImportUpload.objects.create(job=row, name=job["name"], data=open(job["path"], "rb").read())
    for _ in range(spec["deliveries"]):
        import_job.enqueue(row.pk)
    ids.append(row.pk)
print(json.dumps(ids))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, code: str | None = None) -> str:
    command = [PYTHON, "manage.py", *args] + (["-c", code] if code else [])
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, check=True
    ).stdout


def fresh_database() -> None:
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            (DB_NAME,),
        )
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def sql(query: str, params=()):
    with psycopg.connect(DB_URL.replace("postgres://", "postgresql://")) as conn:
        return conn.execute(query, params).fetchall()


def zip_of(files: list[Path]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.writestr(f"export/activities/{path.name}", path.read_bytes())
    return buffer.getvalue()


class Node:
    """One "machine": a gunicorn with two workers and a supervised db_worker."""

    def __init__(self, name: str, env: dict, logs: Path):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        log = open(logs / f"{name}.log", "w")  # noqa: SIM115 -- closed in stop()
        self.log = log
        self.web = subprocess.Popen(
            [
                str(REPO / ".venv" / "bin" / "gunicorn"),
                "-c",
                "scripts/gunicorn.conf.py",
                "legsite.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--no-control-socket",
            ],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.worker = subprocess.Popen(
            [str(REPO / "scripts" / "run-worker"), "--worker-id", f"worker-{name}"],
            cwd=REPO,
            env={**env, "WORKER_RESTART_DELAY": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self) -> None:
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=2).read()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not answer within 30 s")

    def db_worker_pid(self) -> int | None:
        out = subprocess.run(
            ["pgrep", "-P", str(self.worker.pid), "-f", "db_worker"],
            capture_output=True,
            text=True,
        ).stdout.split()
        return int(out[0]) if out else None

    def stop(self) -> None:
        for process in (self.worker, self.web):
            process.send_signal(signal.SIGTERM)
        for process in (self.worker, self.web):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        self.log.close()


def api(base: str, key: str, method: str = "GET", path: str = "/api/v1/runs/", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"Authorization": f"Token {key}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, None


class Browser:
    """A signed-in session, to watch a job's status page as the runner does."""

    def __init__(self, base: str, username: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.opener.open(base + "/accounts/login/").read()
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        ).encode()
        self.opener.open(
            urllib.request.Request(
                base + "/accounts/login/", data=body, headers={"Referer": base + "/"}
            )
        ).read()

    def status(self, job_id: int) -> dict:
        return json.loads(self.opener.open(f"{self.base}/log/import/{job_id}/status/").read())


def writes_phase(nodes, keys, per_writer: int) -> dict:
    writers = [name for name in keys if name.startswith("writer")]

    def write(index: int):
        writer = writers[index % len(writers)]
        node = nodes[index % len(nodes)]
        body = {
            "date": f"2026-{1 + index % 11:02d}-{1 + index % 28:02d}",
            "distance_m": 5000 + index,
            "duration_s": 1800 + index,
            "run_type": "easy",
            "surface": "road",
            "notes": f"cluster write {index}",
        }
        return api(node.base, keys[writer], "POST", body=body)

    started = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(write, range(per_writer * len(writers))))
    seconds = time.perf_counter() - started
    acked = [body["id"] for status, body in results if status == 201]
    stored = {
        row[0] for row in sql("SELECT id FROM tracker_run WHERE notes LIKE 'cluster write %%'")
    }
    return {
        "requests": len(results),
        "seconds": round(seconds, 1),
        "requests_per_s": round(len(results) / seconds),
        "acknowledged": len(acked),
        "stored": len(stored),
        "acknowledged_but_lost": len(set(acked) - stored),
        "errors": sum(1 for status, _ in results if status >= 500),
    }


def throttle_phase(nodes, key: str, requests: int) -> dict:
    def call(index: int) -> int:
        return api(nodes[index % len(nodes)].base, key)[0]

    with ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(call, range(requests)))
    return {
        "requests": requests,
        "limit_per_minute": RATE_PER_MINUTE,
        "gunicorn_workers": 2 * len(nodes),
        "accepted": statuses.count(200),
        "throttled_429": statuses.count(429),
        "other": len(statuses) - statuses.count(200) - statuses.count(429),
    }


def enqueue(env, tmp: Path, jobs: list[dict], deliveries: int) -> list[int]:
    spec = tmp / f"spec-{uuid.uuid4().hex}.json"
    spec.write_text(json.dumps({"jobs": jobs, "deliveries": deliveries}))
    code = ENQUEUE.replace("SPEC", repr(str(spec)))
    return json.loads(manage(env, "shell", code=code).strip().splitlines()[-1])


def job_rows(ids: list[int]) -> dict[int, tuple]:
    rows = sql(
        "SELECT id, status, attempts, report FROM tracker_importjob WHERE id = ANY(%s)", (ids,)
    )
    return {row[0]: row[1:] for row in rows}


def wait_for_jobs(ids: list[int], timeout: float, watch=None) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if watch:
            for job_id in ids:
                watch(job_id)
        if all(status in ("done", "failed") for status, _, _ in job_rows(ids).values()):
            return time.perf_counter() - started
        time.sleep(1)
    raise RuntimeError(f"jobs {ids} did not finish in {timeout} s")


def jobs_phase(env, tmp: Path, files_per_job: int, count: int) -> dict:
    jobs = []
    for n in range(count):
        path = tmp / f"job-{n}.zip"
        path.write_bytes(zip_of(HISTORY[n * files_per_job : (n + 1) * files_per_job]))
        jobs.append({"user": "jobs", "name": f"job-{n}.zip", "path": str(path)})
    ids = enqueue(env, tmp, jobs, deliveries=2)
    seconds = wait_for_jobs(ids, timeout=300)
    rows = job_rows(ids)
    reported_runs = sum(
        outcome.get("runs", 0) for *_, report in rows.values() for outcome in report["files"]
    )
    runs = sql(
        "SELECT count(*) FROM tracker_run r JOIN auth_user u ON u.id = r.user_id "
        "WHERE u.username = 'jobs'"
    )[0][0]
    workers = sql(
        "SELECT worker_ids, return_value FROM django_tasks_database_dbtaskresult "
        "WHERE task_path LIKE %s",
        ("%import_job",),
    )
    skipped = sum(1 for _, value in workers if value and "skipped" in value)
    by_worker: dict[str, int] = {}
    for ids_, value in workers:
        if value and "skipped" not in value:
            for worker in ids_:
                by_worker[worker] = by_worker.get(worker, 0) + 1
    return {
        "jobs": count,
        "tasks_enqueued": 2 * count,
        "seconds": round(seconds, 1),
        "done": sum(1 for status, _, _ in rows.values() if status == "done"),
        "ran_once": sum(1 for _, attempts, _ in rows.values() if attempts == 1),
        "duplicate_deliveries_skipped": skipped,
        "runs_reported": reported_runs,
        "runs_stored": runs,
        "jobs_run_by_worker": by_worker,
    }


def kill_phase(env, tmp: Path, nodes) -> dict:
    path = tmp / "big.zip"
    path.write_bytes(zip_of(HISTORY))
    [job_id] = enqueue(env, tmp, [{"user": "killed", "name": "big.zip", "path": str(path)}], 1)
    deadline = time.time() + 60
    while time.time() < deadline:
        rows = sql(
            "SELECT j.status, j.done_files, t.worker_ids FROM tracker_importjob j, "
            "django_tasks_database_dbtaskresult t WHERE j.id = %s AND t.status = 'RUNNING' "
            "AND t.args_kwargs::text LIKE %s",
            (job_id, f"%[{job_id}]%"),
        )
        if rows and rows[0][0] == "running" and rows[0][1] >= 3:
            break
        time.sleep(0.05)
    else:
        raise RuntimeError("the big job never got going")
    status, done_before, worker_ids = rows[0]
    victim = next(node for node in nodes if f"worker-{node.name}" in worker_ids)
    pid = victim.db_worker_pid()
    os.kill(pid, signal.SIGKILL)
    killed_at = time.perf_counter()
    browser = Browser(nodes[0].base, "killed")
    seen = []

    def watch(job):
        state = browser.status(job)
        if not seen or seen[-1] != state["status"]:
            seen.append(state["status"])

    wait_for_jobs([job_id], timeout=240, watch=watch)
    seconds = time.perf_counter() - killed_at
    final_status, attempts, report = job_rows([job_id])[job_id]
    return {
        "killed": f"db_worker of node {victim.name} (pid {pid}) at file {done_before} of "
        f"{len(HISTORY)}",
        "stale_after_minutes": 1,
        "seconds_from_kill_to_finished": round(seconds, 1),
        "final_status": final_status,
        "attempts": attempts,
        "statuses_seen_by_the_runner": seen,
        "files_in_report": len(report.get("files", [])),
    }


def dropped_connections_phase(env, tmp: Path, nodes, keys) -> dict:
    before = [node.db_worker_pid() for node in nodes]
    terminated = sql(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = %s AND pid <> pg_backend_pid()",
        (DB_NAME,),
    )[0][0]
    time.sleep(4)  # the workers notice, exit, and run-worker starts them again
    after = [node.db_worker_pid() for node in nodes]
    path = tmp / "after.zip"
    path.write_bytes(zip_of(HISTORY[:2]))
    started = time.perf_counter()
    [job_id] = enqueue(env, tmp, [{"user": "after", "name": "after.zip", "path": str(path)}], 1)
    wait_for_jobs([job_id], timeout=120)
    web = [api(node.base, keys["after"])[0] for node in nodes]
    return {
        "connections_terminated": terminated,
        "db_worker_pids_before": before,
        "db_worker_pids_after": after,
        "workers_restarted": sum(1 for b, a in zip(before, after, strict=True) if b != a),
        "new_job_status": job_rows([job_id])[job_id][0],
        "new_job_seconds": round(time.perf_counter() - started, 1),
        "web_status_after": web,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-kill", action="store_true")
    parser.add_argument("--writes-per-writer", type=int, default=40)
    args = parser.parse_args()
    fresh_database()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {
            **os.environ,
            "DATABASE_URL": DB_URL,
            "REDIS_URL": "redis://127.0.0.1:6379/14",
            "CACHE_KEY_PREFIX": f"cluster-{uuid.uuid4().hex[:8]}",
            "DEBUG": "false",
            "SECRET_KEY": "cluster-bench-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Both "machines" share this folder, as they would share a network volume.
            "LEGSITE_VAR_DIR": str(tmp / "shared-var"),
            "API_USER_RATE": f"{RATE_PER_MINUTE}/minute",
            "IMPORT_JOB_STALE_MINUTES": "1",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "legsite.settings",
        }
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        keys = json.loads(
            manage(
                env,
                "shell",
                code=SETUP.replace("WRITERS", "8").replace("PASSWORD", repr(PASSWORD)),
            )
            .strip()
            .splitlines()[-1]
        )
        nodes = [Node(name, env, tmp) for name in ("a", "b")]
        try:
            for node in nodes:
                node.wait_ready()
            figures = {
                "setup": "2 gunicorn nodes x 2 workers, 2 supervised db_workers, "
                "PostgreSQL + Redis on 127.0.0.1",
                "writes": writes_phase(nodes, keys, args.writes_per_writer),
                "throttle": throttle_phase(nodes, keys["throttled"], 3 * RATE_PER_MINUTE),
                "jobs": jobs_phase(env, tmp, files_per_job=2, count=20),
            }
            if not args.skip_kill:
                figures["kill_9"] = kill_phase(env, tmp, nodes)
            figures["dropped_connections"] = dropped_connections_phase(env, tmp, nodes, keys)
        finally:
            for node in nodes:
                node.stop()
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    threading.excepthook = lambda hook_args: None
    sys.exit(main())
