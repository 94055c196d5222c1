"""Settings for the test suite: the production settings with fast, deterministic, local parts."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SESSION_COOKIE_SECURE", "false")
os.environ.setdefault("CSRF_COOKIE_SECURE", "false")
os.environ.setdefault("SECURE_HSTS_SECONDS", "0")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The API's rate limit counts in the default cache here, which each test starts empty.
os.environ.setdefault("API_RATE_LIMIT_CACHE", "default")

from config.settings import *  # noqa: E402,F403
from config.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Rate limits are counted in memory here (tests/conftest.py empties it before each test).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whole pages: off, so that tests read every response's context, but for tests/test_page_cache.py
# and tests/test_page_cache_front.py, which turn it on; always in memory here, emptied before each
# test (tests/conftest.py), even when REDIS_URL is set (those two test Redis with a key prefix of
# their own).
PAGE_CACHE_ENABLED = False
CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"}
# A page must show what a test has just published: the index is rebuilt before answering.
FINDER_BACKGROUND_REBUILD = False
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {**STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
# live_server serves static files through Django, which cannot find hashed manifest names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Tasks run at once, inside the test (tests of the database worker choose its backend themselves).
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
