"""Settings for more than one process: a shared cache, trusted proxies, connection handling."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
READ = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'cache': s.CACHES['default']['BACKEND'], "
    "'location': s.CACHES['default'].get('LOCATION'), "
    "'num_proxies': s.REST_FRAMEWORK['NUM_PROXIES'], 'proxies': s.TRUSTED_PROXY_COUNT, "
    "'axes_ip': s.AXES_CLIENT_IP_CALLABLE, 'axes_handler': s.AXES_HANDLER, "
    "'db': {k: s.DATABASES['default'].get(k) for k in ('CONN_MAX_AGE', 'CONN_HEALTH_CHECKS')}, "
    "'pool': s.DATABASES['default'].get('OPTIONS', {}).get('pool')}))"
)


def production_settings(tmp_path, **env) -> dict:
    environ = {**os.environ, "DJANGO_SETTINGS_MODULE": "legsite.settings"}
    for name in ("DATABASE_URL", "REDIS_URL", "TRUSTED_PROXY_COUNT", "DATABASE_POOL"):
        environ.pop(name, None)
    environ.update(LEGSITE_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "-c", READ], env=environ, cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_cache_is_the_database_by_default_so_every_worker_shares_it(tmp_path):
    found = production_settings(tmp_path)
    assert found["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert found["axes_handler"] == "axes.handlers.database.AxesDatabaseHandler"


def test_redis_url_selects_django_s_redis_cache(tmp_path):
    found = production_settings(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3")
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["location"] == "redis://127.0.0.1:6379/3"


def test_trusted_proxies_reach_axes_and_the_api_throttles(tmp_path):
    assert production_settings(tmp_path)["num_proxies"] is None
    found = production_settings(tmp_path, TRUSTED_PROXY_COUNT="2")
    assert (found["proxies"], found["num_proxies"]) == (2, 2)
    assert found["axes_ip"] == "accounts.client_ip.client_ip"


def test_connections_are_reused_with_health_checks_or_pooled(tmp_path):
    found = production_settings(tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert found["db"] == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    assert found["pool"] is None
    pooled = production_settings(
        tmp_path, DATABASE_URL="postgres://u@127.0.0.1:5432/x", DATABASE_POOL="true"
    )
    assert pooled["db"]["CONN_MAX_AGE"] == 0
    assert pooled["pool"]["max_size"] == 4


@pytest.mark.django_db
def test_the_database_cache_table_exists_after_migrate():
    from django.core.cache import cache

    cache.set("hardening-probe", 1)
    assert cache.get("hardening-probe") == 1
