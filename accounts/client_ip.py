"""The client's address, the same for django-axes, the API's throttles and the reset limit.

Without proxies (TRUSTED_PROXY_COUNT=0) it is REMOTE_ADDR, and X-Forwarded-For is ignored:
anyone can write that header. Behind N proxies that each append the address they saw, the
client is the Nth entry from the right; entries further left came from the client itself.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    count = settings.TRUSTED_PROXY_COUNT
    if not count:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if not forwarded:
        return remote
    return forwarded[-min(count, len(forwarded))]
