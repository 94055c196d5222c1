"""partnerships.memory.Memo: an answer is worked out once per key, and the least recently used
is forgotten first when the memo is full."""

from partnerships.memory import Memo


def test_an_answer_is_worked_out_once_and_the_least_recently_used_goes_first():
    memo, asked = Memo(2), []

    def answer(key):
        return lambda: asked.append(key) or key.upper()

    assert memo.get("a", answer("a")) == "A"
    assert memo.get("a", answer("a")) == "A"
    assert memo.get("b", answer("b")) == "B"
    assert memo.get("a", answer("a")) == "A"  # "a" is now the most recently used
    assert memo.get("c", answer("c")) == "C"  # full: "b" is forgotten, not "a"
    assert memo.get("a", answer("a")) == "A"
    assert memo.get("b", answer("b")) == "B"
    assert asked == ["a", "b", "c", "b"]
    memo.clear()
    assert memo.get("a", answer("a")) == "A"
    assert asked == ["a", "b", "c", "b", "a"]


def test_many_answers_at_once_work_out_only_the_missing_ones_in_one_call():
    memo, asked = Memo(3), []

    def answers(keys):
        asked.append(keys)
        return {key: key.upper() for key in keys}

    assert memo.get_many(["a", "b"], answers) == {"a": "A", "b": "B"}
    assert memo.get_many(["b", "c", "c"], answers) == {"b": "B", "c": "C"}
    assert asked == [["a", "b"], ["c"]]
    # more than the memo holds: every answer is given, the least recently used are forgotten
    assert memo.get_many(["d", "e", "f", "g"], answers) == {k: k.upper() for k in "defg"}
    assert memo.get("a", lambda: "again") == "again"
    assert memo.get("g", lambda: "again") == "G"
