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
     words, with a frequency estimated from the population; a name that begins with an
     article is also a phrase without it (``iledyeu``, ``sablesdolonne``);
   * a small curated list (``resources/hashtag_words.tsv``: instagood, igers, hiking, and
     the English words of complaint and praise tags: ``travauxfail``, ``loirevibes``).

A piece of the segmentation is a known word, a known place name, an elided word before a
vowel (``lacdannecy`` -> ``lac d' annecy``) or an *unknown* word of at least ten letters,
whose probability falls tenfold with each letter (Norvig's estimate for unseen words); a
whole run may always stay one unknown word. Elision is compulsory in French, so a bigram
constraint holds between pieces: an elidable full form (``de``, ``le``, ``la``, ``que``...)
is never followed by a word that begins with a vowel sound (``coupuredeau`` is
``coupure d' eau``, not ``coupure de au``; ``visitorleans`` is ``visit orléans``, not
``visitor le ans``) and an elided word only by one (an aspirated h is a consonant:
``château de hautefort``, ``match de handball``; so are onze, oui, yacht). Known words of
two, three and four letters must be common (the frequency list holds rare abbreviations,
``ti``, ``gi``, ``kt``, that would cut unknown names apart), and a segmentation made mostly
of one- and two-letter words is refused. So an unknown name is kept whole (``vigicrues``,
``tiktokfrance``, ``nausicaa`` rather than ``n' au si ça à``), a long unknown remainder is
one word (``fête des kerguelenistes``) and a name of the gazetteer is a word
(``cité plantagenêt``, not ``cité plant agen et``). Accents are restored from the most
frequent spelling of each word, and from the spelling of a place name for a sequence of
words that makes one (``sable sur sarthe`` -> ``sablé sur sarthe``). The parameters were set
on a hand-written gold table of French territorial hashtags
(``tests/data/hashtags_fr_gold.csv``; exact-match accuracy 0.980 on its 302 tuning rows,
0.966 on 89 rows written after them and 0.948 on 77 rows of elisions and complaint and
praise tags written before the constraint of elision).

Limits: the model is a unigram model, blind to context: ``sortiratours`` gives *sortira
tours*, ``festivaldesjardins`` *festival desjardins* (a surname of the list); an unknown
name that begins or ends with a word can lose it to a neighbour (``visitzythobrasserie``
-> *visitzytho brasserie*); a frequent word beats a rarer elision (``chateaudangers`` gives
*château dangers*, ``dunedupilat`` *d' une du pilat*); short names of small communes are
not pieces (``chateaudazay``, ``chateaudusse`` stay whole).

References
----------
Norvig, P. (2009). Natural language corpus data. In T. Segaran and J. Hammerbacher (eds),
*Beautiful Data*, O'Reilly, pp. 219-242.
Grevisse, M. and Goosse, A. (2016). *Le Bon Usage*, 16th ed., De Boeck Supérieur (elision,
aspirated h).
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
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import accumulate

from .folding import fold_accents as _fold

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
#: full forms of the elided words: French elision is compulsory (Grevisse and Goosse, *Le Bon
#: Usage*, 2016), so none of them precedes a word that begins with a vowel sound ("coupuredeau"
#: is coupure d' eau, not coupure de au) and an elided word precedes only such a word (bigram
#: constraint of the Viterbi search)
_ELIDABLE = frozenset(
    {"de", "le", "la", "je", "me", "te", "se", "ne", "ce", "que", "jusque", "lorsque", "puisque"}
)
#: words that begin with a vowel letter but not with a vowel sound, or before which elision
#: is not made (le onze, le oui, le yacht)
_NO_ELISION = frozenset(
    {"onze", "onzieme", "onziemes", "oui", "ouistiti", "ouistitis", "uhlan", "uhlans", "ululer",
     "yacht", "yachts", "yaourt", "yaourts", "yoga", "yeti", "yetis", "yourte", "yourtes"}
)  # fmt: skip
#: a numeral keeps its article: "à la une" (the front page), not "à l' une"
_NO_ELISION_AFTER = {"une": "la"}
#: aspirated h (le hameau, la haute, de handball; Le Bon Usage lists them): words and
#: prefixes, folded; English h-words (le hashtag, le home) behave alike. Any other h is mute.
_H_ASPIRATED = frozenset(
    {"hache", "haie", "haies", "haine", "haines", "haineux", "haineuse", "hair", "hais", "hait",
     "hall", "halls", "halle", "halles", "halte", "haltes", "hamac", "hamacs", "hameau",
     "hameaux", "hamster", "hanche", "hanches", "handball", "hangar", "hangars", "hanneton",
     "haras", "harpe", "harpes", "hate", "hater", "havre", "hennir", "hernie", "heron", "herons",
     "heros", "hetre", "hetres", "hibou", "hiboux", "hic", "hideux", "hideuse", "hippie",
     "hippies", "hobby", "hoche", "hocher", "homard", "homards", "hors", "hotte", "hottes",
     "housse", "housses", "houx", "hublot", "hublots", "huer", "hutte", "huttes", "hussard",
     "hussards", "huit", "huitieme", "huitiemes", "huitaine", "happy", "hard", "head", "heart",
     "heavy", "hell", "hello", "hey", "high", "hike", "hikers", "hiking", "hip", "hit", "hits",
     "holiday", "holidays", "home", "hood", "hop", "hot", "hour", "hours", "house", "hub", "hype"}
)  # fmt: skip
_H_ASPIRATED_PREFIXES = (
    "haut", "hach", "handica", "hant", "harcel", "hardi", "hardcore", "hareng", "hargn", "haricot",
    "harnach", "hasard", "hauss", "herisson", "heurt", "hierarch", "hiss", "hockey", "holland",
    "hongr", "hont", "hoquet", "houblon", "houill", "houl", "hurl", "hamburger", "hashtag",
)  # fmt: skip
#: onset of a piece: a consonant (no elided word before it), a vowel sound (no elidable full
#: form before it), either (y + vowel: le yoga but l'île d'Yeu; unknown names in h)
_CONSONANT, _VOWEL, _EITHER = 0, 1, 2
#: state after a piece: another word, an elidable full form (de, le...), an elided word (d')
_FREE, _FULL, _ELIDED = 0, 1, 2
#: ordinal and unit suffixes glued to a number ("1ermai", "24hdumans"), folded
_DIGIT_SUFFIXES = frozenset({"er", "re", "ere", "e", "eme", "h", "km"})
_SUFFIX_LOGP = -4.0
#: a segmentation of which half the words or more have one or two letters, and whose words
#: (elisions aside) average fewer letters than this, is refused: "nausicaa" is not "n' au
#: si ça à", "cinescenie" is not "ci nés ce nie"
_MIN_MEAN_LEN = 3.0
#: articles of place names (L'Île-d'Yeu, Les Sables-d'Olonne), dropped in tags as in "aux
#: Sables-d'Olonne": the name without its article is a phrase too
_ARTICLES = frozenset({"l'", "le", "la", "les"})
#: pieces that end at a position are looked for up to the longest key that ends with the
#: same _SUFFIX_KEY letters (a fifth fewer dictionary look-ups than up to the longest key)
_SUFFIX_KEY = 4
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


def _onset(key: str, common: bool = True) -> int:
    """Does a folded word begin with a consonant, a vowel sound or either (see ``_VOWEL``)?

    A vowel letter is a vowel sound but for ``_NO_ELISION`` (onze, oui, yacht); an ``h`` is
    mute but for ``_H_ASPIRATED`` (hameau, haut...), and either when the word is not
    ``common`` (a place name of the gazetteer: Haguenau, Hazebrouck have an aspirated h);
    ``y`` before a consonant is a vowel (Yvelines), before a vowel either (yoga, Yeu).
    """
    c = key[:1]
    if c in ("a", "e", "i", "o", "u"):
        return _CONSONANT if key in _NO_ELISION else _VOWEL
    if c == "h":
        if key in _H_ASPIRATED or key.startswith(_H_ASPIRATED_PREFIXES):
            return _CONSONANT
        return _VOWEL if common else _EITHER
    if c == "y":
        if key in _NO_ELISION:
            return _CONSONANT
        return _VOWEL if key[1:2] not in ("a", "e", "i", "o", "u", "y") else _EITHER
    return _CONSONANT


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
    full_forms : frozenset
        Keys of ``units`` that are, or whose last word is, an elidable full form (``de``,
        ``le``, ``que``...): no word that begins with a vowel sound follows them.
    h_names : frozenset
        Folded words in h known only as place names, whose h may be aspirated (Hazebrouck)
        or mute (Hérouville): either form of an elided word may precede them.
    max_len_ending : dict
        Last four letters -> length of the longest key of ``units`` or ``elisions`` that ends
        with them (keys of one to three letters aside): bounds the search of the pieces that
        end at a position.
    n_words, n_places : int
        Number of words (frequency list and curated) and of place names read.
    """

    units: dict[str, tuple[float, tuple[str, ...] | None]]
    spellings: dict[str, str]
    phrases: dict[str, tuple[str, ...]]
    elisions: dict[str, float]
    full_forms: frozenset[str]
    h_names: frozenset[str]
    max_len: int
    max_len_ending: dict[str, int]
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
    dict[str, float], dict[str, str], dict[str, tuple[float, tuple[str, ...]]], set[str], int, int
]:
    """Zipf and spelling of every word, place phrases, the words in h known only as place
    names (not in the frequency list nor the curated list), counts (before the piece rules)."""
    from .clean import load_word_frequencies  # lazy: clean imports this module

    zipf: dict[str, float] = {}
    spell: dict[str, tuple[float, str]] = {}
    phrases: dict[str, tuple[float, tuple[str, ...]]] = {}

    def add_word(word: str, z: float) -> None:
        key = _fold(word)
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
    common_h = {k for k in zipf if k[:1] == "h"}  # the onset of the others needs no more
    n_places = 0
    for name, z in _place_names():
        parts = _name_parts(name)
        add_phrase(parts, z)
        if len(parts) > 2 and parts[0] in _ARTICLES:
            add_phrase(parts[1:], z)  # île d'yeu, sables d'olonne: tags drop the article
        n_places += 1
    spellings = {k: w for k, (_, w) in spell.items()}
    spellings["a"] = "à"  # in hashtags a lone A is the preposition: #LoireAVelo, #ALaUne
    h_names = {k for k in zipf if k[:1] == "h" and k not in common_h}
    return zipf, spellings, phrases, h_names, n_words, n_places


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
    zipf, spellings, phrases, h_names, n_words, n_places = _raw_vocabulary()
    units: dict[str, tuple[float, tuple[str, ...] | None]] = {
        k: (z - 9.0, None) for k, z in zipf.items() if _accepted(k, z) and k not in _ELISIONS
    }
    for key, (z, parts) in phrases.items():
        if len(key) >= _MIN_RUN and z - 9.0 > units.get(key, (-math.inf, None))[0]:
            if parts[-1].endswith("'"):
                continue  # not a piece: an elided word is followed by another word
            units[key] = (z - 9.0, parts)
    full_forms = {k for k in _ELIDABLE if k in units}
    full_forms |= {k for k, (_, p) in units.items() if p and _fold(p[-1]) in _ELIDABLE}
    elisions = {e: zipf[e] - 9.0 + _ELISION_BONUS for e in _ELISIONS if e in zipf}
    max_len_ending: dict[str, int] = {}
    for key in (*units, *elisions):
        if len(key) >= _SUFFIX_KEY and len(key) > max_len_ending.get(key[-_SUFFIX_KEY:], 0):
            max_len_ending[key[-_SUFFIX_KEY:]] = len(key)
    logger.debug(
        "hashtag vocabulary: %d words, %d place names, %d pieces", n_words, n_places, len(units)
    )
    return HashtagVocabulary(
        units=units,
        spellings=spellings,
        phrases={k: p for k, (_, p) in phrases.items()},
        elisions=elisions,
        full_forms=frozenset(full_forms),
        h_names=frozenset(h_names),
        max_len=max(map(len, units)),
        max_len_ending=max_len_ending,
        n_words=n_words,
        n_places=n_places,
    )


# --------------------------------------------------------------------------------------
# Segmentation
# --------------------------------------------------------------------------------------

# a piece: (folded key, original text, kind) with kind "word", "unknown", "elision",
# "number", "suffix" (glued to the preceding number) or "phrase" (a word of a place name)
_Piece = tuple[str, str, str]


def _keeps_full(piece: str, j: int, back: tuple[int, str, int], folded: str) -> bool:
    """May ``piece``, which begins with a vowel, follow the full form that ends at ``j``?"""
    return folded[back[0] : j] == _NO_ELISION_AFTER.get(piece)  # "à la une"


#: segmentations of the runs already seen: the runs of distinct hashtags repeat (``Plage``,
#: ``Tourisme``, ``saintcyr``...): 29k distinct runs in the 75k runs of the 43k distinct
#: hashtags of 100k benchmark posts
_RUN_CACHE: dict[tuple[str, bool], tuple[_Piece, ...]] = {}
_RUN_CACHE_MAX = 200_000


def _segment_run_cached(
    run: str, vocab: HashtagVocabulary, after_digits: bool, memo: dict | None = None
) -> tuple[_Piece, ...]:
    """:func:`_segment_run`, memoised in ``memo`` (default: the module's; the vocabulary
    is the one of the process)."""
    cache = _RUN_CACHE if memo is None else memo
    key = (run, after_digits)
    found = cache.get(key)
    if found is None:
        if len(cache) >= _RUN_CACHE_MAX:
            cache.clear()
        found = cache[key] = tuple(_segment_run(run, vocab, after_digits))
    return found


def _segment_run(run: str, vocab: HashtagVocabulary, after_digits: bool) -> list[_Piece]:
    """Viterbi segmentation of one lower-case run of letters.

    Three states: the last piece is free, an elidable full form (``de``, ``le``...) or an
    elided word (``d'``). Any piece may follow a free one; a full form is not followed by a
    piece that begins with a vowel sound, an elided word by one that begins with a
    consonant (see :func:`_onset`). A rare state is kept at a position only where it beats
    the free state there (else it is dominated), so the constrained search adds little.
    """
    if run.isascii():
        folded, starts = run, None
    else:
        chunks = [_fold(c) for c in run]
        folded = "".join(chunks)
        starts = [0, *accumulate(map(len, chunks))]
    m = len(folded)
    if m < _MIN_RUN and not after_digits:
        return [(folded, run, "word" if folded in vocab.spellings else "unknown")]
    cut = [True] * (m + 1) if starts is None else [False] * (m + 1)
    if starts is not None:
        for s in starts:
            cut[s] = True
    units, elisions, full_forms, h_names = (
        vocab.units,
        vocab.elisions,
        vocab.full_forms,
        vocab.h_names,
    )
    get_unit, vowels, neg = units.get, _VOWELS, -math.inf
    # best log10 p of folded[:i] whose last piece is free, its back-pointer (start of the
    # last piece, its kind, the state before it); rare[i]: the (score, state, back-pointer)
    # of the rare states that beat the free state at i, for the few such i (in order)
    best_free = [neg] * (m + 1)
    best_free[0] = 0.0
    back_free: list[tuple[int, str, int]] = [(0, "", 0)] * (m + 1)
    rare: dict[int, list[tuple[float, int, tuple[int, str, int]]]] = {}
    unk_b, min_unknown, free, no_arg = _UNK_B, _MIN_UNKNOWN, _FREE, (0, "", 0)
    max_len, max_len_ending, suffix_key = vocab.max_len, vocab.max_len_ending, _SUFFIX_KEY
    # an unknown piece folded[j:i] of min_unknown letters or more after a free piece scores
    # best_free[j] + unk_b j + _UNK_A - unk_b i: the best j is a running maximum
    unk_base, unk_j = neg, 0
    for i in range(1, m + 1):
        k = i - min_unknown
        if k >= 0 and best_free[k] + unk_b * k > unk_base:
            unk_base, unk_j = best_free[k] + unk_b * k, k
        if not cut[i]:
            continue
        # best after a free piece, after a full form (de, le...), after an elided word (d')
        top, top_full, top_elided = neg, neg, neg
        arg = arg_full = arg_elided = no_arg
        # pieces end at i: keys that end with the same four letters, or of three letters
        if i >= suffix_key:
            lo = i - max_len_ending.get(folded[i - suffix_key : i], suffix_key - 1)
        else:
            lo = 0
        for j in range(lo if lo > 0 else 0, i):
            b = best_free[j]
            if b == neg:
                continue
            piece = folded[j:i]
            unit = get_unit(piece)
            if unit is not None:
                score = b + unit[0]
                if piece in full_forms:  # de, le...
                    if score > top_full:
                        top_full, arg_full = score, (j, "unit", free)
                    continue
                kind = "unit"
            elif piece in elisions and i < m and folded[i] in vowels:
                score = b + elisions[piece]
                if score > top_elided:
                    top_elided, arg_elided = score, (j, "elision", free)
                continue
            elif j == 0 and after_digits and piece in _DIGIT_SUFFIXES:
                score, kind = b + _SUFFIX_LOGP, "suffix"
            else:
                continue
            if score > top:
                top, arg = score, (j, kind, free)
        if i == m and m < min_unknown and _UNK_A - unk_b * m > top:
            top, arg = _UNK_A - unk_b * m, (0, "unknown", free)  # a run may stay whole
        if unk_base + _UNK_A - unk_b * i > top:
            top, arg = unk_base + _UNK_A - unk_b * i, (unk_j, "unknown", free)
        if rare:  # pieces after de, le... or d', l'... (constrained)
            for j, states in rare.items():
                if j < lo and (i - j < min_unknown or i - j > max_len):
                    continue  # too long for a key, too short for an unknown word
                piece = folded[j:i]  # j > 0: not a digit suffix, not the whole run
                unit = units.get(piece) if j >= lo else None
                if unit is not None:
                    logp, parts = unit
                    first = piece if parts is None else _fold(parts[0])
                    onset = _onset(first, first not in h_names)
                    after, kind = _FULL if piece in full_forms else _FREE, "unit"
                elif piece in elisions and i < m and folded[i] in _VOWELS:
                    logp, kind, onset, after = elisions[piece], "elision", _CONSONANT, _ELIDED
                elif i - j >= min_unknown:
                    logp, kind, after = _UNK_A - unk_b * (i - j), "unknown", _FREE
                    onset = _onset(piece, common=False)  # an unknown name
                else:
                    continue
                for b, state, back in states:
                    if state == _FULL and onset == _VOWEL:
                        if not _keeps_full(piece, j, back, folded):
                            continue
                    elif state == _ELIDED and onset == _CONSONANT:
                        continue
                    score = b + logp
                    if after == _FREE:
                        if score > top:
                            top, arg = score, (j, kind, state)
                    elif after == _FULL:
                        if score > top_full:
                            top_full, arg_full = score, (j, kind, state)
                    elif score > top_elided:
                        top_elided, arg_elided = score, (j, kind, state)
        best_free[i], back_free[i] = top, arg
        if top_full > top or top_elided > top:
            rare[i] = [
                (score, state, back)
                for score, state, back in (
                    (top_full, _FULL, arg_full),
                    (top_elided, _ELIDED, arg_elided),
                )
                if score > top
            ]
    spans: list[tuple[int, int, str]] = []
    i, state = m, _FREE
    if m in rare and rare[m][0][1] == _FULL:
        state = _FULL
    while i > 0:
        if state == _FREE:
            j, kind, prev = back_free[i]
        else:
            j, kind, prev = next(bk for _, s, bk in rare[i] if s == state)
        spans.append((j, i, kind))
        i, state = j, prev
    spans.reverse()
    lens = [i - j for j, i, kind in spans if kind not in ("elision", "suffix")]
    if (
        len(lens) > 1
        and sum(lens) < _MIN_MEAN_LEN * len(lens)
        and 2 * sum(n <= 2 for n in lens) >= len(lens)
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
    phrases, max_len = vocab.phrases, vocab.max_len
    n = len(pieces)
    i = 0
    while i < n:
        end = 0
        key = ""
        for k in range(i, n):
            key += pieces[k][0]
            if pieces[k][2] in ("number", "suffix") or len(key) > max_len:
                break
            if k == i:
                continue  # a phrase has two words or more
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


def split_hashtag(tag: str, *, memo: dict | None = None) -> list[str]:
    """Split a hashtag into lower-case words, restoring accents.

    Camel case, digits and underscores split first (``LoireAVelo`` -> ``Loire A Velo``);
    each lower-case run of letters is then segmented into its most probable sequence of
    words: Viterbi search over a unigram model (Norvig 2009) whose vocabulary is the French
    word-frequency list, the place names of the package's gazetteer and a few English
    hashtag words (see :func:`load_hashtag_vocabulary`). An unknown word may be a piece
    only if it has ten letters or more, with a probability that falls tenfold with each
    letter; short known words must be common. So an unknown name is kept whole
    (``vigicrues``) rather than cut into rare words, and a long unknown remainder stays one
    word. Elision is compulsory: ``de``, ``le``, ``que``... never precede a word that begins
    with a vowel sound, an elided word never precedes a consonant or an aspirated h
    (``coupuredeau`` -> ``coupure d' eau``, ``matchdehandball`` -> ``match de handball``).
    Each unaccented piece gets its most frequent spelling (``velo`` -> ``vélo``,
    ``a`` -> ``à``), a sequence that spells a place name gets the name's accents, an elided
    word before a vowel gets its apostrophe (``d'``) and a number keeps its ordinal or
    unit suffix (``1er``, ``24h``).

    Parameters
    ----------
    tag : str
        The hashtag, with or without ``#``.
    memo : dict, optional
        Where to memoise the segmentation of each run of letters (the runs of distinct
        hashtags repeat: ``Plage``, ``Tourisme``...); by default a memo of the module,
        bounded. :class:`~territoire_lab.clean.FrenchTextCleaner` passes its own, emptied
        with its other caches.

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
    >>> split_hashtag("#coupuredeau")
    ['coupure', "d'", 'eau']
    """
    tag = tag.lstrip("#")
    vocab = load_hashtag_vocabulary()
    pieces: list[_Piece] = []
    for part in _CAMEL_RE.findall(tag):
        if part[0].isdigit():
            pieces.append((part.lower(), part.lower(), "number"))
            continue
        after = bool(pieces) and pieces[-1][2] == "number"
        pieces += _segment_run_cached(part.lower(), vocab, after, memo)
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
            and _onset(pieces[n + 1][0]) != _CONSONANT
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
