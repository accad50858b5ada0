"""Test settings: the real settings with a fast password hasher, in-memory email and plain
static files (the live test server serves them through the finders with their original names)."""

import os

from legsite.settings import *  # noqa: F403

SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test run keeps its files apart from the site's own, and each pytest-xdist worker (gw0,
# gw1...: `make test` runs the suite on every core) apart from the others, as its database is.
_worker = os.environ.get("PYTEST_XDIST_WORKER")
MEDIA_ROOT = VAR_DIR / (f"test-media-{_worker}" if _worker else "test-media")  # noqa: F405
# Serve static files from the finders, so tests need no collectstatic run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A file, not an in-memory database, for SQLite test runs: the live server's threads then open
# and close their own connections as in production (WAL, several connections), instead of
# sharing one in-memory connection that Django never closes, which left an unclosed sqlite3
# connection behind now and then (Python 3.13 warns about it).
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # LEGSITE_TEST_DB names another file, so two test runs on one checkout do not collide.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env_str("LEGSITE_TEST_DB", str(VAR_DIR / "test-db.sqlite3"))  # noqa: F405
    }
