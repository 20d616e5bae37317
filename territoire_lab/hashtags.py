"""Hashtag segmentation: ``#citeplantagenet`` -> ``cité``, ``plantagenêt``.

A hashtag is split in two stages:

1. camel case, digits and underscores cut it into *parts* (``#LoireAVelo`` -> ``Loire``,
   ``A``, ``Velo``; ``#24hLeMans`` -> ``24h``, ``Le``, ``Mans``);
2. each lower-case run of letters is segmented into the most probable sequence of words
   (Viterbi over a unigram model, Norvig 2009), over a vocabulary made of

   * the 60,000 most frequent French words of wordfreq (:func:`territoire_lab.clean.
     load_word_frequencies`), which also hold the common English words of tourism tags
     (visit, love, lovers, travel, trip, photo, sunset...);
   * the names of the package's gazetteer (every commune, département, région and the
     curated areas, districts and notable places of ``resources/gazetteer/aliases.csv``:
     Touraine, Chambord, Cité Plantagenêt...), each a known *phrase* that expands into its
     words (``saintcyrsurloire`` -> ``saint cyr sur loire``) and whose words are known
     words, with a frequency estimated from the population;
   * a small curated list (``resources/hashtag_words.tsv``: instagood, igers, hiking...).

A piece of the segmentation is a known word, a known place name, an elided word before a
vowel (``lacdannecy`` -> ``lac d' annecy``) or an *unknown* word of at least ten letters,
whose probability falls tenfold with each letter (Norvig's estimate for unseen words); a
whole run may always stay one unknown word. Known words of two, three and four letters must
be common (the frequency list holds rare abbreviations, ``ti``, ``gi``, ``kt``, that would
cut unknown names apart), and a segmentation made mostly of one- and two-letter words is
refused. So an unknown name is kept whole (``vigicrues``, ``tiktokfrance``, ``nausicaa``
rather than ``n' au si ça à``), a long unknown remainder is one word (``fête des
kerguelenistes``) and a name of the gazetteer is a word (``cité plantagenêt``, not ``cité
plant agen et``). Accents are restored from the most frequent spelling of each word, and
from the spelling of a place name for a sequence of words that makes one (``sable sur
sarthe`` -> ``sablé sur sarthe``). The parameters were set on a hand-written gold table of
French territorial hashtags (``tests/data/hashtags_fr_gold.csv``; exact-match accuracy
0.977 on its 302 tuning rows and 0.944 on 89 rows written afterwards).

Limits: the model is a unigram model, blind to context: ``sortiratours`` gives *sortira
tours*, ``festivaldesjardins`` *festival desjardins* (a surname of the list); an unknown
name that begins or ends with a word can lose it to a neighbour (``visitzythobrasserie``
-> *visitzytho brasserie*).

References
----------
Norvig, P. (2009). Natural language corpus data. In T. Segaran and J. Hammerbacher (eds),
*Beautiful Data*, O'Reilly, pp. 219-242.
Speer, R. (2022). *rspeer/wordfreq: v3.0*. Zenodo. doi:10.5281/zenodo.7199437
INSEE, Code officiel géographique 2026 and populations légales, via
``@etalab/decoupage-administratif`` 6.0.0 (the gazetteer of :mod:`territoire_lab.places`).
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

__all__ = ["HashtagVocabulary", "load_hashtag_vocabulary", "segment_word", "split_hashtag"]

logger = logging.getLogger("territoire_lab")

# --------------------------------------------------------------------------------------
# Parameters of the model (log10 probabilities per word, Zipf scale: log10 p = Zipf - 9)
# --------------------------------------------------------------------------------------

#: an unknown piece of L letters has log10 p = _UNK_A - _UNK_B * L: Norvig's (2009)
#: 10 / (N 10^L) with N = 10^9 (the Zipf scale counts per billion words)
_UNK_A = -8.0
_UNK_B = 1.0
#: unknown pieces shorter than this are refused (a whole run may always stay unknown):
#: #tiktokfrance stays whole instead of "tiktok france", #zythobrasserie instead of
#: "zythobras série", #tourainissime instead of "tour ainissime"
_MIN_UNKNOWN = 10
#: minimum Zipf of a known word by length (1-letter words: only "a" -> "à" and "y")
_MIN_ZIPF = {2: 4.8, 3: 3.8, 4: 3.2}
#: elided words before a vowel or h ("d'", "l'", "j'", "qu'"...), written without apostrophe
#: in hashtags; only a vowel can follow them, which multiplies the probability of the
#: next word by about 1 / 0.35 (share of vowel-initial tokens in French): log10 ~ 0.45
_ELISIONS = ("l", "d", "j", "n", "s", "m", "t", "c", "qu", "jusqu", "lorsqu", "puisqu")
_ELISION_BONUS = 0.45
_VOWELS = frozenset("aeiouyh")
#: ordinal and unit suffixes glued to a number ("1ermai", "24hdumans"), folded
_DIGIT_SUFFIXES = frozenset({"er", "re", "ere", "e", "eme", "h", "km"})
_SUFFIX_LOGP = -4.0
#: a segmentation made mostly of one- and two-letter words whose words (elisions aside)
#: average fewer letters than this is refused: "nausicaa" is not "n' au si ça à"
_MIN_MEAN_LEN = 3.0
#: lower-case runs shorter than this are not segmented
_MIN_RUN = 4
#: Zipf of a place name from its population: 1.1 + 0.5 log10(population), an OLS fit
#: (slope 0.48, intercept 1.08) on the 495 communes of >= 3,000 inhabitants whose one-word
#: name is in the wordfreq list; curated aliases (areas, notable places) get at least 3.0
_PLACE_A = 1.1
_PLACE_B = 0.5
_ALIAS_MIN_ZIPF = 3.0

_CAMEL_RE = re.compile(
    r"\d+(?!\d)(?:[a-zà-ÿ]{1,2}(?![a-zà-ÿ]))?"
    r"|[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ]+"
    r"|[^\W\d_a-zà-ÿ]+(?=[^\W\d_a-zà-ÿ][^\W\d_A-ZÀ-Þ]|\d|_|$)"
    r"|[^\W\d_A-ZÀ-Þ]+"
    r"|[^\W\d_]+"
)
_PART_RE = re.compile(r"[^\W\d_]+'?")


# --------------------------------------------------------------------------------------
# Folding
# --------------------------------------------------------------------------------------


def _build_fold() -> dict[int, str]:
    """Latin letters with diacritics -> base letter; ``œ`` -> ``oe``, ``æ`` -> ``ae``."""
    table = {ord("œ"): "oe", ord("æ"): "ae"}
    for cp in range(0xC0, 0x250):
        base = "".join(
            c for c in unicodedata.normalize("NFD", chr(cp)) if not unicodedata.combining(c)
        )
        if len(base) == 1 and base != chr(cp) and base.isalpha():
            table[cp] = base
    return table


_FOLD_TABLE = _build_fold()


def _fold(text: str) -> str:
    """Matching key: lower case, no accents, ligatures expanded (``Œuvré`` -> ``oeuvre``)."""
    return text.lower().translate(_FOLD_TABLE)


# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HashtagVocabulary:
    """Vocabulary of the hashtag segmenter (see :func:`load_hashtag_vocabulary`).

    Attributes
    ----------
    units : dict
        Folded key -> ``(log10 p, parts)``: ``parts`` is ``None`` for a single word and the
        tuple of words of a place name or curated phrase (``"lemans"`` -> ``("le",
        "mans")``). Holds only the words that may be a piece: short rare words are left out.
    spellings : dict
        Folded key -> most frequent spelling (``"velo"`` -> ``"vélo"``).
    phrases : dict
        Folded key -> words of a multi-word place name, used to restore the accents of a
        sequence of pieces (``"sablesursarthe"`` -> ``("sablé", "sur", "sarthe")``).
    elisions : dict
        Folded elided word -> its log10 p (``"d"``, ``"qu"``...).
    max_len : int
        Length of the longest key of ``units``.
    n_words, n_places : int
        Number of words (frequency list and curated) and of place names read.
    """

    units: dict[str, tuple[float, tuple[str, ...] | None]]
    spellings: dict[str, str]
    phrases: dict[str, tuple[str, ...]]
    elisions: dict[str, float]
    max_len: int
    n_words: int
    n_places: int


def _read_text(*parts: str) -> str:
    path = resources.files("territoire_lab").joinpath("resources", *parts)
    data = path.read_bytes()
    if parts[-1].endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def _rows(*parts: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(_read_text(*parts)))


def _place_zipf(population: float) -> float:
    return _PLACE_A + _PLACE_B * math.log10(max(population, 1.0))


def _place_names() -> Iterator[tuple[str, float]]:
    """(name, Zipf estimate) of every gazetteer name, homonyms pooled by population."""
    pops: dict[str, float] = {}
    by_code: dict[tuple[str, str], float] = {}

    def num(x: str) -> float:
        return float(x) if x else 0.0

    for row in _rows("gazetteer", "communes.csv.gz"):
        pop = num(row["population"])
        by_code["commune", row["code"]] = pop
        pops[row["nom"]] = pops.get(row["nom"], 0.0) + pop
    for level, file in (("departement", "departements.csv"), ("region", "regions.csv")):
        for row in _rows("gazetteer", file):
            pop = num(row["population"])
            by_code[level, row["code"]] = pop
            pops[row["nom"]] = pops.get(row["nom"], 0.0) + pop
    for name, pop in pops.items():
        yield name, _place_zipf(pop)
    for row in _rows("gazetteer", "aliases.csv"):
        pop = by_code.get((row["level"], row["code"]), 1.0)
        yield row["name"], max(_place_zipf(pop), _ALIAS_MIN_ZIPF)


def _name_parts(name: str) -> tuple[str, ...]:
    """Words of a name, elisions kept as ``d'`` (``Côte d'Azur`` -> côte, d', azur)."""
    return tuple(_PART_RE.findall(name.lower().replace("’", "'")))


def _accepted(key: str, zipf: float) -> bool:
    """May a known word be a piece? Short words must be common."""
    if len(key) == 1:
        return key in "ay"
    return zipf >= _MIN_ZIPF.get(len(key), -math.inf)


def _raw_vocabulary() -> tuple[
    dict[str, float], dict[str, str], dict[str, tuple[float, tuple[str, ...]]], int, int
]:
    """Zipf and spelling of every word, place phrases, counts (before the piece rules)."""
    from .clean import load_word_frequencies  # lazy: clean imports this module

    zipf: dict[str, float] = {}
    spell: dict[str, tuple[float, str]] = {}
    phrases: dict[str, tuple[float, tuple[str, ...]]] = {}

    def add_word(word: str, z: float) -> None:
        key = word.translate(_FOLD_TABLE)
        if key.isalpha() and z > zipf.get(key, -math.inf):
            zipf[key] = z
            spell[key] = (z, word)

    def add_phrase(parts: tuple[str, ...], z: float) -> None:
        for w in parts:
            if not w.endswith("'"):
                add_word(w, z)
        if len(parts) > 1:
            key = "".join(_fold(p.rstrip("'")) for p in parts)
            if key.isalpha() and z > phrases.get(key, (-math.inf, ()))[0]:
                phrases[key] = (z, parts)

    freq = load_word_frequencies()
    for word, z100 in freq.items():
        add_word(word, z100 / 100)
    n_words = len(freq)
    for line in _read_text("hashtag_words.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            word, z100 = line.split("\t")
            add_phrase(tuple(word.split()), int(z100) / 100)
            n_words += 1
    n_places = 0
    for name, z in _place_names():
        add_phrase(_name_parts(name), z)
        n_places += 1
    spellings = {k: w for k, (_, w) in spell.items()}
    spellings["a"] = "à"  # in hashtags a lone A is the preposition: #LoireAVelo, #ALaUne
    return zipf, spellings, phrases, n_words, n_places


@cache
def load_hashtag_vocabulary() -> HashtagVocabulary:
    """Vocabulary of :func:`split_hashtag`, built once per process (under a second).

    Words of the French frequency list (:func:`territoire_lab.clean.load_word_frequencies`)
    and of ``resources/hashtag_words.tsv`` with their Zipf frequency, plus every name of the
    gazetteer (``resources/gazetteer``: communes with their former communes, départements,
    régions, curated aliases) as a phrase of its words, with a Zipf frequency of
    ``1.1 + 0.5 log10(population)`` (homonyms pooled; at least 3.0 for a curated alias).
    The words of a place name are known words with the name's frequency (if higher).
    Words too short and rare to be a piece are left out of ``units``.

    Returns
    -------
    HashtagVocabulary

    References
    ----------
    Norvig, P. (2009). Natural language corpus data. In *Beautiful Data*, O'Reilly,
    pp. 219-242.

    Examples
    --------
    >>> vocab = load_hashtag_vocabulary()
    >>> vocab.spellings["plantagenet"], vocab.units["saintcyrsurloire"][1]
    ('plantagenêt', ('saint', 'cyr', 'sur', 'loire'))
    """
    zipf, spellings, phrases, n_words, n_places = _raw_vocabulary()
    units: dict[str, tuple[float, tuple[str, ...] | None]] = {
        k: (z - 9.0, None) for k, z in zipf.items() if _accepted(k, z) and k not in _ELISIONS
    }
    for key, (z, parts) in phrases.items():
        if len(key) >= _MIN_RUN and z - 9.0 > units.get(key, (-math.inf, None))[0]:
            units[key] = (z - 9.0, parts)
    elisions = {e: zipf[e] - 9.0 + _ELISION_BONUS for e in _ELISIONS if e in zipf}
    logger.debug(
        "hashtag vocabulary: %d words, %d place names, %d pieces", n_words, n_places, len(units)
    )
    return HashtagVocabulary(
        units=units,
        spellings=spellings,
        phrases={k: p for k, (_, p) in phrases.items()},
        elisions=elisions,
        max_len=max(map(len, units)),
        n_words=n_words,
        n_places=n_places,
    )


# --------------------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------------------

# a piece: (folded key, original text, kind) with kind "word", "unknown", "elision",
# "number", "suffix" (glued to the preceding number) or "phrase" (a word of a place name)
_Piece = tuple[str, str, str]


def _segment_run(run: str, vocab: HashtagVocabulary, after_digits: bool) -> list[_Piece]:
    """Viterbi segmentation of one lower-case run of letters."""
    if run.isascii():
        folded, starts = run, None
    else:
        chunks = [c.translate(_FOLD_TABLE) for c in run]
        folded = "".join(chunks)
        starts = [0, *accumulate(map(len, chunks))]
    m = len(folded)
    if m < _MIN_RUN and not after_digits:
        return [(folded, run, "word" if folded in vocab.spellings else "unknown")]
    cut = [True] * (m + 1) if starts is None else [False] * (m + 1)
    if starts is not None:
        for s in starts:
            cut[s] = True
    units, elisions = vocab.units, vocab.elisions
    best = [-math.inf] * (m + 1)
    back: list[tuple[int, str]] = [(0, "")] * (m + 1)
    best[0] = 0.0
    unk_b, min_unknown = _UNK_B, _MIN_UNKNOWN
    for i in range(1, m + 1):
        if not cut[i]:
            continue
        top, arg = -math.inf, (0, "")
        for j in range(max(0, i - vocab.max_len), i):
            b = best[j]
            if b == -math.inf:
                continue
            piece = folded[j:i]
            unit = units.get(piece)
            if unit is not None:
                score, kind = b + unit[0], "unit"
            elif piece in elisions and i < m and folded[i] in _VOWELS:
                score, kind = b + elisions[piece], "elision"
            elif j == 0 and after_digits and piece in _DIGIT_SUFFIXES:
                score, kind = b + _SUFFIX_LOGP, "suffix"
            elif i - j >= min_unknown or (j == 0 and i == m):
                score, kind = b + _UNK_A - unk_b * (i - j), "unknown"
            else:
                continue
            if score > top:
                top, arg = score, (j, kind)
        best[i], back[i] = top, arg
    spans: list[tuple[int, int, str]] = []
    i = m
    while i > 0:
        j, kind = back[i]
        spans.append((j, i, kind))
        i = j
    spans.reverse()
    lens = [i - j for j, i, kind in spans if kind not in ("elision", "suffix")]
    if (
        len(lens) > 1
        and sum(lens) < _MIN_MEAN_LEN * len(lens)
        and 2 * sum(n <= 2 for n in lens) > len(lens)
    ):
        return [(folded, run, "unknown")]  # "nausicaa" is not n' au si ça à

    def original(a: int, b: int) -> str:
        return run[a:b] if starts is None else run[starts.index(a) : starts.index(b)]

    out: list[_Piece] = []
    for j, i, kind in spans:
        key = folded[j:i]
        if kind != "unit":
            out.append((key, original(j, i), kind))
            continue
        parts = units[key][1]
        if parts is None:
            out.append((key, original(j, i), "word"))
            continue
        a = j
        for part in parts:
            b = a + len(_fold(part.rstrip("'")))
            out.append((folded[a:b], original(a, b), "phrase"))
            a = b
    return out


def _display(piece: _Piece, vocab: HashtagVocabulary) -> str:
    key, orig, kind = piece
    if kind == "elision":
        return orig + "'"
    if not orig.isascii():
        return orig  # accents as the author wrote them
    return vocab.spellings.get(key, orig)


def _restore_phrases(pieces: list[_Piece], words: list[str], vocab: HashtagVocabulary) -> None:
    """Spell sequences of pieces that form a place name as the name (in place)."""
    phrases = vocab.phrases
    n = len(pieces)
    i = 0
    while i < n:
        end = 0
        key = ""
        for k in range(i, n):
            key += pieces[k][0]
            if pieces[k][2] in ("number", "suffix") or len(key) > vocab.max_len:
                break
            parts = phrases.get(key)
            if parts is not None and len(parts) == k - i + 1:
                end = k + 1
        if end:
            parts = phrases["".join(p[0] for p in pieces[i:end])]
            for k, part in zip(range(i, end), parts, strict=True):
                if pieces[k][1].isascii():
                    words[k] = part
            i = end
        else:
            i += 1


def segment_word(word: str) -> list[str]:
    """Segment one run of letters into words, accents restored (no camel-case step).

    Parameters
    ----------
    word : str
        Letters only (``"citeplantagenet"``); case is ignored.

    Returns
    -------
    list of str
        The words, lower case, accents restored, elided words with their apostrophe.

    See Also
    --------
    split_hashtag : the whole hashtag (camel case, digits, underscores).

    References
    ----------
    Norvig, P. (2009). Natural language corpus data. In *Beautiful Data*, O'Reilly,
    pp. 219-242.

    Examples
    --------
    >>> segment_word("citeplantagenet")
    ['cité', 'plantagenêt']
    >>> segment_word("lacdannecy")
    ['lac', "d'", 'annecy']
    """
    if not word:
        return []
    vocab = load_hashtag_vocabulary()
    pieces = _segment_run(word.lower(), vocab, after_digits=False)
    words = [_display(p, vocab) for p in pieces]
    _restore_phrases(pieces, words, vocab)
    return words


def split_hashtag(tag: str) -> list[str]:
    """Split a hashtag into lower-case words, restoring accents.

    Camel case, digits and underscores split first (``LoireAVelo`` -> ``Loire A Velo``);
    each lower-case run of letters is then segmented into its most probable sequence of
    words: Viterbi search over a unigram model (Norvig 2009) whose vocabulary is the French
    word-frequency list, the place names of the package's gazetteer and a few English
    hashtag words (see :func:`load_hashtag_vocabulary`). An unknown word may be a piece
    only if it has ten letters or more, with a probability that falls tenfold with each
    letter; short known words must be common. So an unknown name is kept whole
    (``vigicrues``) rather than cut into rare words, and a long unknown remainder stays one
    word. Each unaccented piece gets its most frequent spelling (``velo`` -> ``vélo``,
    ``a`` -> ``à``), a sequence that spells a place name gets the name's accents, an elided
    word before a vowel gets its apostrophe (``d'``) and a number keeps its ordinal or
    unit suffix (``1er``, ``24h``).

    Parameters
    ----------
    tag : str
        The hashtag, with or without ``#``.

    Returns
    -------
    list of str
        The words, lower case; numbers as written.

    References
    ----------
    Norvig, P. (2009). Natural language corpus data. In T. Segaran and J. Hammerbacher
    (eds), *Beautiful Data*, O'Reilly, pp. 219-242.

    Examples
    --------
    >>> split_hashtag("#LoireAVelo")
    ['loire', 'à', 'vélo']
    >>> split_hashtag("#24hLeMans")
    ['24h', 'le', 'mans']
    >>> split_hashtag("francetourisme")
    ['france', 'tourisme']
    >>> split_hashtag("#citeplantagenet")
    ['cité', 'plantagenêt']
    >>> split_hashtag("#vigicrues")
    ['vigicrues']
    """
    tag = tag.lstrip("#")
    vocab = load_hashtag_vocabulary()
    pieces: list[_Piece] = []
    for part in _CAMEL_RE.findall(tag):
        if part[0].isdigit():
            pieces.append((part.lower(), part.lower(), "number"))
            continue
        after = bool(pieces) and pieces[-1][2] == "number"
        pieces += _segment_run(part.lower(), vocab, after_digits=after)
    words: list[str] = []
    kept: list[_Piece] = []
    for n, piece in enumerate(pieces):
        key, orig, kind = piece
        if kind == "suffix":
            words[-1] += orig
            continue
        if (
            kind in ("unknown", "word")
            and key in vocab.elisions
            and n + 1 < len(pieces)
            and pieces[n + 1][0][:1] in _VOWELS
        ):
            kind = "elision"  # #CoteDAzur, #LesSablesDOlonne
        piece = (key, orig, kind)
        word = _display(piece, vocab)
        if word == "à" and len(tag) == 1:
            word = "a"
        words.append(word)
        kept.append(piece)
    _restore_phrases(kept, words, vocab)
    return words
