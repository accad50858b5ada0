"""Settings come from the environment. Each case starts a fresh interpreter, as a server would."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

PRINT_SETTINGS = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "csrf_trusted_origins": settings.CSRF_TRUSTED_ORIGINS,
    "secret_key": settings.SECRET_KEY,
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "host": db.get("HOST"),
    "options": {k: v for k, v in db.get("OPTIONS", {}).items()},
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "mailer": settings.MAILERS["default"]["BACKEND"],
    "mailer_options": settings.MAILERS["default"].get("OPTIONS", {}),
    "csp_script": [str(v) for v in settings.SECURE_CSP["script-src"]],
}))
"""


def load_settings(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "legsite.settings", "LEGSITE_VAR_DIR": str(tmp_path)})
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup();" + PRINT_SETTINGS],
        cwd=REPO,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result


def settings_from_env(tmp_path, **env):
    result = load_settings(tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_local_sqlite_with_debug_off(tmp_path):
    values = settings_from_env(tmp_path)
    assert values["debug"] is False
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "db.sqlite3")
    assert values["options"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in values["options"]["init_command"]
    assert values["options"]["timeout"] >= 5
    assert values["allowed_hosts"] == ["127.0.0.1", "localhost", "[::1]"]
    assert values["ssl_redirect"] is False
    assert values["mailer"] == "django.core.mail.backends.console.EmailBackend"
    assert values["csp_script"] == ["'self'"]


def test_secret_key_is_generated_once_and_kept_in_the_var_folder(tmp_path):
    first = settings_from_env(tmp_path)["secret_key"]
    second = settings_from_env(tmp_path)["secret_key"]
    assert len(first) >= 50
    assert first == second
    assert (tmp_path / "secret_key").read_text().strip() == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_secret_key_from_the_environment_wins(tmp_path):
    values = settings_from_env(tmp_path, SECRET_KEY="from-the-environment-" + "x" * 40)
    assert values["secret_key"] == "from-the-environment-" + "x" * 40
    assert not (tmp_path / "secret_key").exists()


def test_database_url_selects_postgresql(tmp_path):
    values = settings_from_env(tmp_path, DATABASE_URL="postgres://postgres@db.example:5432/legsite")
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "legsite"
    assert values["host"] == "db.example"
    assert "transaction_mode" not in values["options"]


def test_hosts_debug_and_https_come_from_the_environment(tmp_path):
    values = settings_from_env(
        tmp_path,
        DEBUG="true",
        ALLOWED_HOSTS="legs.example, www.legs.example",
        CSRF_TRUSTED_ORIGINS="https://legs.example",
        HTTPS="yes",
    )
    assert values["debug"] is True
    assert values["allowed_hosts"] == ["legs.example", "www.legs.example"]
    assert values["csrf_trusted_origins"] == ["https://legs.example"]
    assert values["ssl_redirect"] is True
    assert values["session_cookie_secure"] is True
    assert values["hsts"] == 31_536_000


def test_email_host_switches_to_smtp(tmp_path):
    values = settings_from_env(
        tmp_path, EMAIL_HOST="smtp.example", EMAIL_PORT="2525", EMAIL_HOST_USER="legs"
    )
    assert values["mailer"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["mailer_options"]["host"] == "smtp.example"
    assert values["mailer_options"]["port"] == 2525
    assert values["mailer_options"]["username"] == "legs"


@pytest.mark.parametrize(("name", "value"), [("DEBUG", "maybe"), ("EMAIL_PORT", "twenty")])
def test_a_malformed_value_stops_startup_with_a_message_naming_it(tmp_path, name, value):
    env = {name: value}
    if name == "EMAIL_PORT":
        env["EMAIL_HOST"] = "smtp.example"
    result = load_settings(tmp_path, **env)
    assert result.returncode != 0
    assert name in result.stderr
    assert repr(value) in result.stderr


# Example values for the variables README.md's "Production" section says to set.
PRODUCTION_EXAMPLE = {
    "SECRET_KEY": "a-production-key-" + "k" * 50,
    "ALLOWED_HOSTS": "legs.example",
    "CSRF_TRUSTED_ORIGINS": "https://legs.example",
    "HTTPS": "true",
    "DATABASE_URL": "postgres://legsite:secret@db.legs.example:5432/legsite",
    "EMAIL_HOST": "smtp.legs.example",
}


def readme_production_steps():
    """The variables README.md's "Production" section names, and the command it shows."""
    text = (REPO / "README.md").read_text()
    section = text.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    prose, block = section.split("```bash\n", 1)
    setup = prose.split("then check with", 1)[0]
    names = {name.split("=")[0] for name in re.findall(r"`([A-Z_]+(?:=\w+)?)`", setup)}
    (command,) = [line for line in block.split("```", 1)[0].splitlines() if line.strip()]
    return names, command.split("#", 1)[0].split()


def test_the_readmes_production_steps_pass_the_deployment_check(tmp_path):
    names, command = readme_production_steps()
    assert names == set(PRODUCTION_EXAMPLE)
    assert command[0] == ".venv/bin/python"
    # Only the README's variables (no DJANGO_SETTINGS_MODULE from pytest, no DEBUG, nothing else).
    env = {"PATH": os.environ["PATH"], "LEGSITE_VAR_DIR": str(tmp_path), **PRODUCTION_EXAMPLE}
    result = subprocess.run(
        [sys.executable, *command[1:]],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_hsts_preload_is_checked_once_asked_for(tmp_path):
    # Silencing security.W021 is for sites that have not asked for preload; one that has gets
    # every HSTS check Django makes (W021 cannot fire then: preload is on).
    env = {"PATH": os.environ["PATH"], "LEGSITE_VAR_DIR": str(tmp_path), **PRODUCTION_EXAMPLE}
    show = "from django.conf import settings; print(settings.SILENCED_SYSTEM_CHECKS)"
    for preload, silenced in [("false", "['security.W021']"), ("true", "[]")]:
        result = subprocess.run(
            [sys.executable, "-c", "import django; django.setup();" + show],
            cwd=REPO,
            env={
                **env,
                "DJANGO_SETTINGS_MODULE": "legsite.settings",
                "SECURE_HSTS_PRELOAD": preload,
            },
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == silenced
