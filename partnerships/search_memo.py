"""The same search, remembered while nothing published changes.

People page through a search's results, sort them and narrow them with filters: each of those
pages asks the database the same questions again (which case studies match the words, which of
them rank best, the highlighted passages of a page). The answers depend only on what is published
and indexed, so they are kept per process, keyed by the finder index's change stamp (which moves
on every change the search index sees, partnerships/change_stamp.py) and the parsed query; an
answer for an older stamp is never used again and ages out.
"""

from collections.abc import Callable, Hashable

from partnerships.memory import Memo

SIZE = 256  # answers kept per process (a bitmap at 100,000 case studies is 12.5 KB)

_memo = Memo(SIZE)


def remembered[T](stamp: int, key: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """compute(), or its answer from an earlier call with the same stamp and key. Answers are
    shared: callers must not change them."""
    return _memo.get((stamp, *key), compute)


def forget() -> None:
    _memo.clear()
