"""`Memo`: answers kept per process, the least recently used forgotten first, safe across threads.

Used for what is expensive to work out and depends only on its key: rendered markup
(templatetags/cards.py, templatetags/memo.py), a search's answers for one change stamp
(search_memo.py), the open-data records of case studies (opendata/records.py), a case study
page's data (views/case_study_extras.py) and a theme's or an organisation's own page data
(themes/views.py, views/organisations.py).
Answers are shared between callers, who must not change them.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

_MISSING = object()  # no answer remembered (None can be an answer)


class Memo:
    def __init__(self, size: int) -> None:
        self.size = size
        self._answers: OrderedDict[Hashable, object] = OrderedDict()
        self._lock = threading.Lock()

    def get[T](self, key: Hashable, compute: Callable[[], T]) -> T:
        """compute(), or its answer from an earlier call with an equal key."""
        with self._lock:
            value = self._answers.get(key, _MISSING)
            if value is not _MISSING:
                self._answers.move_to_end(key)
                return value
        value = compute()  # outside the lock: two threads may both compute, one answer is kept
        with self._lock:
            self._answers[key] = value
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return value

    def get_many[K: Hashable, T](
        self, keys: list[K], compute: Callable[[list[K]], dict[K, T]]
    ) -> dict[K, T]:
        """{key: answer} for these keys: the remembered answers, and for the others one call of
        compute(those keys), which returns an answer for each of them."""
        found: dict[K, T] = {}
        with self._lock:
            answers = self._answers
            for key in keys:
                value = answers.get(key, _MISSING)
                if value is not _MISSING:
                    answers.move_to_end(key)
                    found[key] = value
        if len(found) == len(keys):  # every key remembered (and none given twice)
            return found
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if not missing:
            return found
        computed = compute(missing)  # outside the lock, as in get()
        with self._lock:
            for key in missing:
                self._answers[key] = found[key] = computed[key]
            while len(self._answers) > self.size:
                self._answers.popitem(last=False)
        return found

    def clear(self) -> None:
        with self._lock:
            self._answers.clear()
