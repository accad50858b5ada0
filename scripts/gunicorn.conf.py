"""gunicorn's settings for legsite (`make run` and the README's deploy lines pass `-c` this file).

X-Forwarded-Proto decides whether Django sees a request as HTTPS. gunicorn believes it from
127.0.0.1 by default, so any local client could claim HTTPS; here it is believed only when
TRUST_X_FORWARDED_PROTO=true (a proxy in front sets it), and then only from the addresses in
FORWARDED_ALLOW_IPS (the proxy's; default the local machine).
"""

import os


def _true(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


if _true("TRUST_X_FORWARDED_PROTO"):
    forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
else:
    forwarded_allow_ips = ""
    secure_scheme_headers = {}

# Survive a slow request without killing the worker mid-import; the lease reclaims it if so.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
