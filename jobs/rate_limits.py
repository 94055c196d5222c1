"""Simple fixed-window rate limits counted in the cache (the database in production, so every
instance shares one count), for the alert, contact and feedback forms."""

import hashlib

from allauth.account.adapter import get_adapter
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

HOUR = 3600


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, as allauth's rate limits see it (trusting the configured proxies)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:
        return request.META.get("REMOTE_ADDR", "")


def allow(action: str, key: str, limit: int, period: int = HOUR) -> bool:
    """Count one more `action` for `key` in the current window; False once over `limit`.
    The key is hashed, so e-mail addresses are not kept in the cache as they are."""
    window = int(timezone.now().timestamp()) // period
    digest = hashlib.sha256(key.lower().encode()).hexdigest()[:32]
    name = f"ratelimit:{action}:{digest}:{window}"
    cache.add(name, 0, timeout=period)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=period)
        count = 1
    return count <= limit
