"""`address(viewname, *args)`: django.urls.reverse, remembered.

Pages link to the same case studies, organisations and themes again and again (a case study's
page reversed 26 addresses, a page of results over 80), and reversing is a large share of
rendering them. The answer depends only on the view name, its arguments, the URLconf in use and
the script prefix, so all of them are the key.
"""

from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def address(viewname: str, *args) -> str:
    return _reversed(viewname, args, get_urlconf(), settings.ROOT_URLCONF, get_script_prefix())


def addresses(viewname: str, many_args: Iterable[tuple]) -> list[str]:
    """address(viewname, *args) for each of many_args, the URLconf and prefix read once (reading
    them costs more than the remembered answer)."""
    urlconf, root, prefix = get_urlconf(), settings.ROOT_URLCONF, get_script_prefix()
    return [_reversed(viewname, args, urlconf, root, prefix) for args in many_args]


@lru_cache(maxsize=16384)
def _reversed(viewname: str, args: tuple, urlconf, root_urlconf: str, prefix: str) -> str:
    return reverse(viewname, args=args, urlconf=urlconf)
