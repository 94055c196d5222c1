"""`Memo`: answers kept per process, the least recently used forgotten first, safe across threads.

Used for what is expensive to work out and depends only on its key: rendered markup
(templatetags/cards.py, templatetags/memo.py) and a search's answers for one change stamp
(search_memo.py). Answers are shared between callers, who must not change them.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable


class Memo:
    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get[T](self, key: Hashable, compute: Callable[[], T]) -> T:
        """compute(), or its answer from an earlier call with an equal key."""
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        value = compute()  # outside the lock: two threads may both compute, one answer is kept
        with self._lock:
            self._answers[key] = value
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
