"""Settings for legsite, read from environment variables.

Every setting that differs between a laptop and production comes from the environment through
the small typed helpers below; README.md ("Configuration") lists them. With nothing set, the site
runs locally on SQLite under var/ with DEBUG off.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Local state that is never committed: the SQLite database, the generated secret key,
# collected static files.
VAR_DIR = Path(env_str("LEGSITE_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def read_or_create_secret_key(path: Path) -> str:
    """Return the key kept at `path`, creating it once (safe when several workers start)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text().strip()
    key = get_random_secret_key()
    with os.fdopen(fd, "w") as secret_file:
        secret_file.write(key)
    return key


SECRET_KEY = env_str("SECRET_KEY") or read_or_create_secret_key(VAR_DIR / "secret_key")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "accounts",
    "knowledge",
    "tracker",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "legsite.urls"
WSGI_APPLICATION = "legsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file under var/. WAL, a busy timeout and IMMEDIATE
# transactions let several gunicorn workers write without "database is locked".
# Connections: each process keeps its connection for CONN_MAX_AGE seconds and checks it before
# reuse (conn_health_checks), so a PostgreSQL restart costs one reconnect, not an error page.
# DATABASE_POOL=true uses psycopg's connection pool instead (one pool per process, at most
# DATABASE_POOL_MAX connections each; see README, "Running on several machines").
DATABASE_POOL = env_bool("DATABASE_POOL", False)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=0 if DATABASE_POOL else env_int("CONN_MAX_AGE", 60),
        conn_health_checks=not DATABASE_POOL,
    )
}
if DATABASE_POOL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_POOL=true needs a PostgreSQL DATABASE_URL.")
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": env_int("DATABASE_POOL_MIN", 1),
        "max_size": env_int("DATABASE_POOL_MAX", 4),
        "timeout": 10,
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Behind reverse proxies: TRUSTED_PROXY_COUNT is how many proxies in front of the site append
# to X-Forwarded-For (0: none, the client's address is REMOTE_ADDR). The client is then the
# address that many entries from the right; anything further left was written by the client
# and is not believed. django-axes, the API's throttles and the password-reset limit all key
# on that address (accounts/client_ip.py). See README, "HTTPS and proxies".
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")

# Brute-force protection: after AXES_FAILURE_LIMIT failed logins for one username from one
# address, that pair is locked out for AXES_COOLOFF_MINUTES. Attempts are stored in the
# database (django-axes' database handler), so every worker and machine sees them.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "accounts.client_ip.client_ip"
# Password checks outside the login (password change, account deletion) and password-reset
# requests are counted in the shared cache (accounts/limits.py).
PASSWORD_CHECK_FAILURE_LIMIT = AXES_FAILURE_LIMIT
PASSWORD_RESET_PER_ADDRESS_PER_HOUR = env_int("PASSWORD_RESET_PER_ADDRESS_PER_HOUR", 3)
PASSWORD_RESET_PER_IP_PER_HOUR = env_int("PASSWORD_RESET_PER_IP_PER_HOUR", 10)

# The cache holds what is counted across requests (API throttles, password-check and reset
# limits), so it must be shared by every worker and machine: the database by default (no extra
# server; `migrate` creates its table), Redis when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "legsite"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "legsite_cache",
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "legsite"),
        }
    }

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
# Uploaded and kept files (original watch files, uploads waiting for the worker): on the local
# disk under var/ by default. Several machines need shared storage here (see README): a shared
# MEDIA_ROOT, or another backend by STORAGE_BACKEND and its STORAGE_OPTIONS (a JSON object),
# e.g. S3-compatible object storage with django-storages (installed separately):
# STORAGE_BACKEND=storages.backends.s3.S3Storage
# STORAGE_OPTIONS='{"bucket_name": "legsite", "endpoint_url": "https://s3.example"}'
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"  # never served directly: files are handed out by views that check the owner


def env_json_object(name: str) -> dict:
    value = os.environ.get(name, "").strip()
    if not value:
        return {}
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = None
    if not isinstance(parsed, dict):
        raise ImproperlyConfigured(f"{name} must be a JSON object, not {value!r}.")
    return parsed


STORAGES = {
    "default": {
        "BACKEND": env_str("STORAGE_BACKEND") or "django.core.files.storage.FileSystemStorage",
        "OPTIONS": env_json_object("STORAGE_OPTIONS"),
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploads: files above FILE_UPLOAD_MAX_MEMORY_SIZE spool to a temporary file on disk, so a big
# import never sits in memory while the request is read; the import then moves (or copies, in
# chunks) each file into the default storage above, under imports/<user>/<job>/, where the
# worker opens it and reads a ZIP member by member. The files are deleted once imported, with
# their job and with their user; a failed job's are kept IMPORT_FAILED_UPLOAD_KEEP_DAYS for the
# admin's "retry". IMPORT_MAX_UPLOAD_MB caps one import request (all its files together; the
# temporary file and the stored copy each need that much disk); the import view and the API
# refuse more with a message, before the body is read when the request says its length, and
# while reading when it does not.
IMPORT_MAX_UPLOAD_MB = env_int("IMPORT_MAX_UPLOAD_MB", 4096)
IMPORT_FAILED_UPLOAD_KEEP_DAYS = env_int("IMPORT_FAILED_UPLOAD_KEEP_DAYS", 7)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # 2.5 MB, Django's default, said out loud
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # non-file form data only
# One import may pick many files by hand; a Strava export is better uploaded as its ZIP.
DATA_UPLOAD_MAX_NUMBER_FILES = 1000
# Limits on a ZIP upload (a Strava bulk export), checked while unpacking: ZIP bombs stop here.
# Members are read one at a time, so memory holds at most one member (MEMBER_MB, also the
# largest plain file) whatever the totals; the totals bound the work. A 1 GB export of 3,000
# activities passes; a bomb is refused by the member cap, the total cap (counted as it unpacks,
# not as declared), the nesting depth (2) or the gzip-member count. The worst a bomb can cost
# is unpacking TOTAL_MB: about 35 s of one worker's CPU for 4 GB of zeros, here.
IMPORT_ZIP_MAX_FILES = env_int("IMPORT_ZIP_MAX_FILES", 10_000)
IMPORT_ZIP_MAX_TOTAL_MB = env_int("IMPORT_ZIP_MAX_TOTAL_MB", 4096)
IMPORT_ZIP_MAX_MEMBER_MB = env_int("IMPORT_ZIP_MAX_MEMBER_MB", 50)
IMPORT_MIN_RUN_M = 200  # shorter imports are refused as too short (what damaged files leave)
IMPORT_MIN_RUN_S = 60

# Background jobs (large imports) with Django's Tasks framework, stored in the database;
# `manage.py db_worker` runs them (make run starts it beside gunicorn, scripts/run-worker
# restarts it when it exits). A running import writes a heartbeat after each file; one whose
# heartbeat is older than IMPORT_JOB_STALE_MINUTES lost its worker (killed, machine gone) and
# is queued again, up to IMPORT_JOB_MAX_ATTEMPTS runs in all, then marked failed.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
IMPORT_JOB_STALE_MINUTES = env_int("IMPORT_JOB_STALE_MINUTES", 5)
IMPORT_JOB_MAX_ATTEMPTS = env_int("IMPORT_JOB_MAX_ATTEMPTS", 2)

# The REST API (api/): token or session auth, every call signed in, paginated, throttled.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First, so an anonymous call gets 401 with WWW-Authenticate: Token.
        "api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PageNumberPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "api.throttling.SharedAnonRateThrottle",
        "api.throttling.SharedUserRateThrottle",
    ],
    # Throttle counts live in the shared cache (CACHES above); NUM_PROXIES picks the client's
    # address out of X-Forwarded-For as accounts/client_ip.py does.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT or None,
    "EXCEPTION_HANDLER": "api.exceptions.json_exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "60/minute"),
        "user": env_str("API_USER_RATE", "600/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "legsite API",
    "DESCRIPTION": (
        "Your training log: runs, strength sessions with sets, leg measurements, protein, "
        "and the guide's exercises and articles. Values are in SI units named with their unit "
        "(distance_m, duration_s, weight_kg). Authenticate with `Authorization: Token <key>` "
        "(create a key on /settings/) or a signed-in session."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and ReDoc from the drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: printed to the console unless EMAIL_HOST names an SMTP server.
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "legsite <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if env_str("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER") or None,
                "password": env_str("EMAIL_HOST_PASSWORD") or None,
                "use_tls": env_bool("EMAIL_USE_TLS", True),
                "timeout": 10,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# HTTPS: set HTTPS=true when the site is served over TLS (directly or behind a proxy that
# sets X-Forwarded-Proto, then also TRUST_X_FORWARDED_PROTO=true; scripts/gunicorn.conf.py
# then lets gunicorn believe that header from the proxy, and from nobody when it is false).
HTTPS = env_bool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# HSTS preload is opt-in: once a domain is on the browsers' preload lists it is hard to take off
# (months, for every browser), so ask only when the domain is meant for them. Until then
# security.W021 ("not preloaded") is expected, not a problem, and `check --deploy` stays quiet.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: everything from our own origin; no inline script or style.
# data: images are Bootstrap's inline SVG icons (select arrows, the navbar toggler).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
