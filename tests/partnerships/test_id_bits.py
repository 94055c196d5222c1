"""Sets of ids as bitmaps over the ids (partnerships/id_bits.py), as the search SQL gives them."""

import struct

import pytest

from partnerships import id_bits


def packed(ids: list[int]) -> bytes:
    """What the search SQL returns: (id >> 5, its 32-bit word) pairs, big-endian int64s."""
    words: dict[int, int] = {}
    for pk in ids:
        words[pk >> 5] = words.get(pk >> 5, 0) | 1 << (pk & 31)
    return b"".join(struct.pack(">qq", number, word) for number, word in words.items())


@pytest.mark.parametrize(
    "ids",
    [[], [0], [1], [31], [32], [1, 2, 3, 31, 32, 33, 63, 64], list(range(1, 3000, 7)), [10**7]],
)
def test_the_words_of_the_search_sql_give_the_same_ids(ids):
    bits = id_bits.from_words(packed(ids))
    assert bits == id_bits.from_ids(ids) == sum(1 << pk for pk in ids)
    assert id_bits.ids(bits) == sorted(ids)


def test_words_may_come_in_any_order():
    ids = [5, 4000, 70, 33]
    shuffled = b"".join(reversed([packed([pk]) for pk in ids]))
    assert id_bits.ids(id_bits.from_words(shuffled)) == sorted(ids)


def test_digits_say_which_ids_are_held_in_id_order():
    bits = id_bits.from_ids([0, 2, 5])
    assert id_bits.digits(bits, 7) == b"1010010"
    assert id_bits.digits(bits, 3) == b"101"  # ids from 3 up left out
    assert id_bits.digits(0, 2) == b"00"


def array_send(ids: list[int]) -> bytes:
    """What PostgreSQL's array_send() gives for a bigint[]."""
    if not ids:
        return struct.pack(">iii", 0, 0, 20)
    header = struct.pack(">iiiii", 1, 0, 20, len(ids), 1)
    return header + b"".join(struct.pack(">iq", 8, pk) for pk in ids)


@pytest.mark.parametrize("ids", [[], [7], [3, 1, 2], list(range(1, 5000, 3))])
def test_a_postgresql_array_sent_in_binary_gives_the_same_ids(ids):
    assert id_bits.ids(id_bits.from_array_send(array_send(ids))) == sorted(ids)


def test_the_highest_id_may_be_given_rather_than_looked_for():
    assert id_bits.ids(id_bits.from_array_send(array_send([9, 2, 40]), 50)) == [2, 9, 40]
    assert id_bits.ids(id_bits.from_ids([9, 2, 40], 40)) == [2, 9, 40]
