"""Accent folding: the accent-free, lower-case matching key of a word.

Used only to *compare* words (stopwords of territory names, duplicates, alert terms, hashtag
segmentation, concordance queries); the cleaned text and tokens keep their accents.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold_accents"]


_FOLD_TABLE = {
    ord("œ"): "oe",
    ord("Œ"): "OE",
    ord("æ"): "ae",
    ord("Æ"): "AE",
    ord("’"): "'",
}


def fold_accents(text: str) -> str:
    """Accent-free, lower-case matching key (``Île-Bouchard`` -> ``ile-bouchard``).

    Used only to *compare* words; the cleaned text and tokens keep their accents.

    Examples
    --------
    >>> fold_accents("Cœur de Châteaux à l’Île")
    "coeur de chateaux a l'ile"
    """
    if text.isascii():
        return text.lower()
    quick = text.translate(_STRIP_TABLE)  # the Latin letters of French, one lookup each
    if quick.isascii():
        return quick.lower()
    decomposed = unicodedata.normalize("NFD", text.translate(_FOLD_TABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _strip_table() -> dict[int, str]:
    """:data:`_FOLD_TABLE` plus every Latin letter of U+00C0-U+024F mapped to itself
    without its combining marks (NFD): the same result as the general path of
    :func:`fold_accents`, character by character."""
    table = dict(_FOLD_TABLE)
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if cp not in table and base != ch:
            table[cp] = base
    return table


_STRIP_TABLE = _strip_table()
