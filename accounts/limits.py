"""Counters in the shared cache (CACHES: the database, or Redis) for what django-axes does not
cover: wrong passwords typed where a signed-in runner must confirm theirs (password change,
account deletion), and password-reset requests per address and per client address.

Counted in the shared cache, so every gunicorn worker and every machine sees the same count.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

HOUR_S = 3600


def _key(kind: str, value) -> str:
    digest = hashlib.sha256(str(value).strip().lower().encode()).hexdigest()[:32]
    return f"limit:{kind}:{digest}"


def count(kind: str, value, *, window_s: int) -> int:
    """Count one more event for (kind, value) in a window that starts with the first one."""
    key = _key(kind, value)
    cache.add(key, 0, timeout=window_s)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_s)
        return 1


def seen(kind: str, value) -> int:
    return cache.get(_key(kind, value), 0)


def forget(kind: str, value) -> None:
    cache.delete(_key(kind, value))


def cooloff_s() -> int:
    return max(60, round(settings.AXES_COOLOFF_TIME * HOUR_S))


# Password checks by a signed-in runner: counted per user.
def password_checks_locked(user) -> bool:
    return seen("password-check", user.pk) >= settings.PASSWORD_CHECK_FAILURE_LIMIT


def password_check_failed(user) -> None:
    count("password-check", user.pk, window_s=cooloff_s())


def password_check_passed(user) -> None:
    forget("password-check", user.pk)


def locked_message() -> str:
    minutes = cooloff_s() // 60
    return f"Too many wrong passwords. For your account's safety, try again in {minutes} minutes."


# Password-reset requests: per address asked for, and per client address.
def reset_allowed_for_ip(ip: str | None) -> bool:
    used = count("reset-ip", ip or "unknown", window_s=HOUR_S)
    return used <= settings.PASSWORD_RESET_PER_IP_PER_HOUR


def reset_allowed_for_address(email: str) -> bool:
    used = count("reset-address", email, window_s=HOUR_S)
    return used <= settings.PASSWORD_RESET_PER_ADDRESS_PER_HOUR
