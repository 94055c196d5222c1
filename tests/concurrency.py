"""Run the same request from several threads at once, for tests of double clicks and races.

Each thread has its own database connection (Django's connections are per thread), so the
requests really overlap in the database. Tests that use this need
`pytest.mark.django_db(transaction=True)`: the threads must see the data the test made, and
what each of them commits. A 500 inside a request shows up as the exception it raised.
"""

import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections
from django.test import Client

# SQLite takes one writer at a time (every transaction begins IMMEDIATE here, see
# config/settings.py), so requests there cannot interleave the way these tests need; on
# PostgreSQL they can, which is where these races were found.
postgresql_only = pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite serialises writers (transactions begin IMMEDIATE), so these races cannot "
    "happen there; they run on PostgreSQL",
)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def at_once(count: int, request: Callable[[int], object]) -> list:
    """Call request(i) for i in range(count), each in its own thread, all released together.
    Returns each call's result, or the exception it raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = request(i)
        except Exception as error:  # noqa: BLE001 - the test looks at it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def statuses(results: list) -> list:
    """Each response's status code, or the exception's class name where a request failed."""
    return [type(r).__name__ if isinstance(r, BaseException) else r.status_code for r in results]
