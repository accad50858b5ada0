"""WSGI entry point, served by gunicorn (see the Makefile's `run` target)."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "legsite.settings")

application = get_wsgi_application()

# What loading made (Django, the apps, the URL conf, loaded here rather than by the first
# request) lives as long as the process: gc.freeze() takes it out of the garbage collector's
# passes, which otherwise walk those ~120,000 objects again in each full collection. A
# one-file import: 2.9 -> 1.2 ms of collection a request (bench/import_history.py figures in
# the commit that added this).
get_resolver().url_patterns  # noqa: B018 -- imports every view module now
gc.freeze()
