"""The API's per-IP rate limit: at most settings.API_RATE_LIMIT requests a minute from one
address (a fixed one-minute window), counted in the cache settings.API_RATE_LIMIT_CACHE names."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.throttling import BaseThrottle

WINDOW = 60


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind trusted proxies the address they saw."""
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR", "")


class PerAddressThrottle(BaseThrottle):
    def __init__(self) -> None:
        self._wait: float | None = None

    def allow_request(self, request: HttpRequest) -> bool:
        window = int(time.time() // WINDOW)
        key = f"api-rate:{client_address(request)}:{window}"
        cache = caches[settings.API_RATE_LIMIT_CACHE]
        cache.add(key, 0, WINDOW + 5)
        try:
            used = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, WINDOW + 5)
            used = 1
        if used > settings.API_RATE_LIMIT:
            self._wait = (window + 1) * WINDOW - time.time()
            return False
        return True

    def wait(self) -> float | None:
        return self._wait
