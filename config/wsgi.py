"""The site's WSGI application: Django's, behind the page cache's front, which answers an
anonymous visitor's GET from the cache before Django's request handling starts
(partnerships/page_cache.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django_application = get_wsgi_application()

from partnerships.page_cache import PageCacheFront  # noqa: E402 (needs Django set up)

application = PageCacheFront(django_application)
