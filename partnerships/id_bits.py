"""Sets of ids as bitmaps over the ids themselves (bit k set: id k is in the set), and the
conversions between them and lists, without one Python step per id.

The search index hands its matches over this way (partnerships/search.py): tens of thousands of
matches become a few thousand (word number, 32-bit word) pairs, which the database groups and
packs into one value, rather than tens of thousands of Python ints to parse, look up and set one
by one. The finder's index turns such a bitmap into its own (bit i: its i-th case study) with
`FacetIndex.mask_of_id_bits`.
"""

import sys
from array import array
from collections import deque
from collections.abc import Iterable
from itertools import compress

WORD_BITS = 32  # ids per word: (id >> 5, 1 << (id & 31)); the sum of a word fits SQLite's int64

# A bitmap's binary digits (b"0"/b"1") as selectors for itertools.compress (0/1), and back.
DIGIT_VALUES = bytes.maketrans(b"01", b"\x00\x01")

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


def from_ids(ids: Iterable[int]) -> int:
    """The bitmap of a list of ids (for the few that do not come from the search SQL)."""
    buffer = bytearray()
    for pk in ids:
        if len(buffer) <= pk >> 3:
            buffer.extend(bytes((pk >> 3) + 1 - len(buffer)))
        buffer[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(buffer, "little")


def digits(bits: int, size: int) -> bytes:
    """b"0"/b"1" for ids 0 to size - 1, in that order (ids from size up are left out)."""
    return format(bits, f"0{size}b").encode()[::-1][:size]


def ids(bits: int) -> list[int]:
    """The ids a bitmap holds, smallest first."""
    if not bits:
        return []
    size = bits.bit_length()
    return list(compress(range(size), digits(bits, size).translate(DIGIT_VALUES)))
