"""Markup written in ASCII: each character beyond ASCII as a numeric character reference
(“ as &#8220;), which a browser reads as that very character, in text and in attribute values.

Why: Python stores a string whose characters are all ASCII at one byte a character, and a single
character beyond Latin-1 (a curly quote, a dash, an ellipsis) anywhere in a page makes the whole
page two bytes a character: every join that builds it copies twice the bytes, and encoding the
response to UTF-8 walks it character by character instead of copying it. The parts of a finder
page that are made once and remembered (cards, the filter panel's fieldsets, the fixed texts) and
the <head> are written in ASCII, so that a finder page is ASCII as a whole unless what a request
itself brings (the words searched for, a chosen option's name, a notice) is not.

For HTML text and attribute values only: never for the contents of <script> or <style> (a
reference is not read there) or for anything that is not HTML.
"""

from django.utils.safestring import SafeData, mark_safe


def ascii_html(markup: str) -> str:
    """`markup` with every character beyond ASCII written as &#N; (safe stays safe)."""
    if markup.isascii():
        return markup
    written = markup.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return mark_safe(written) if isinstance(markup, SafeData) else written
