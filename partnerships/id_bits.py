"""Sets of ids as bitmaps over the ids themselves (bit k set: id k is in the set), and the
conversions between them and lists, without one Python step per id.

The search index hands its matches over as one packed value rather than as tens of thousands of
Python ints to parse, look up and set one by one (partnerships/search.py): SQLite groups them into
(word number, 32-bit word) pairs, PostgreSQL sends its array of ids in binary. The finder's index
turns such a bitmap into its own (bit i: its i-th case study) with `FacetIndex.mask_of_id_bits`.

A bitmap over the ids takes one bit per id up to the highest: made for ids handed out one after
the other by the database, as Django's primary keys are.
"""

import sys
from array import array
from collections import deque
from collections.abc import Iterable
from itertools import compress, repeat

WORD_BITS = 32  # ids per word: (id >> 5, 1 << (id & 31)); the sum of a word fits SQLite's int64

# A bitmap's binary digits (b"0"/b"1") as selectors for itertools.compress (0/1), and back.
DIGIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")
VALUE_DIGITS = bytes.maketrans(b"\x00\x01", b"01")

assert array("I").itemsize * 8 == WORD_BITS


def from_words(packed: bytes) -> int:
    """The bitmap from (word number, word) pairs packed as big-endian signed 64-bit integers, as
    the search SQL returns them: word n holds ids 32n to 32n + 31, bit k of it id 32n + k."""
    pairs = array("q")
    pairs.frombytes(packed)
    if not pairs:
        return 0
    if sys.byteorder == "little":
        pairs.byteswap()
    numbers, words = pairs[0::2], pairs[1::2]
    table = array("I", bytes(4 * (max(numbers) + 1)))
    deque(map(table.__setitem__, numbers, words), maxlen=0)  # one C-level step per word
    if sys.byteorder == "big":
        table.byteswap()
    return int.from_bytes(table.tobytes(), "little")


def from_array_send(packed: bytes, highest: int | None = None) -> int:
    """The bitmap from a PostgreSQL bigint[] in binary (array_send): a 20-byte header (12 for
    an empty array), then each id as its length (8) and its value, big-endian. `highest`: no id
    is above it (saves looking for the highest)."""
    if len(packed) <= 12:
        return 0
    fields = array("I")
    fields.frombytes(packed[20:])
    if sys.byteorder == "little":
        fields.byteswap()
    high, low = fields[1::3], fields[2::3]
    if any(high):  # ids from 2**32 up
        return from_ids([h << 32 | v for h, v in zip(high, low, strict=True)])
    return from_ids(low, highest)


def from_ids(ids: Iterable[int], highest: int | None = None) -> int:
    """The bitmap of some ids, one C-level step per id. `highest`: no id is above it."""
    ids = ids if isinstance(ids, array) else array("q", ids)
    if not ids:
        return 0
    present = bytearray((max(ids) if highest is None else highest) + 1)
    deque(map(present.__setitem__, ids, repeat(1)), maxlen=0)
    return int(present.translate(VALUE_DIGITS)[::-1], 2)


def digits(bits: int, size: int) -> bytes:
    """b"0"/b"1" for ids 0 to size - 1, in that order (ids from size up are left out)."""
    return format(bits, f"0{size}b").encode()[::-1][:size]


def ids(bits: int) -> list[int]:
    """The ids a bitmap holds, smallest first."""
    if not bits:
        return []
    size = bits.bit_length()
    return list(compress(range(size), digits(bits, size).translate(DIGIT_VALUES)))
