"""Realistic generated French social-media posts for the benchmarks (issue 4).

``realistic_posts(n, seed=0)`` makes ``n`` posts of 10 to 40 word tokens (``\\w+``
matches, uniform, mean 25.0) whose vocabulary keeps growing with the size of the corpus,
as real text does (Heaps' law), so that the per-token caches of a cleaner, of simplemma
or of spaCy's tokenizer see as many new forms at 1M posts as they would on real posts.
The former benchmark corpus (``bench_clean.make_corpus``: sentences of the 3,000-post
sample recombined) repeats the same sentences: 7,394 distinct forms at 100k posts and
7,504 at 1M, which flatters every cache.

Design
------
Words are drawn one by one (a unigram model: the text is word salad with French
statistics, enough to time a tokenizer and a lemmatizer, not to read):

* **common words** from the package's French frequency list
  (:func:`territoire_lab.clean.load_word_frequencies`, wordfreq 3.1.1, 60,000 words, Zipf
  x 100: probability ``10 ** (zipf / 100) / 1e9``, which sums to 0.955);
* **rare words** past rank 60,000: the French forms of simplemma's dictionary that are not
  in the list (real words, 208k, ordered shortest first with literary verb endings such as
  ``-âtes``/``-assions`` last), with the power law of the list's tail continued
  (``p(r) ~ r ** -a``, ``a`` fitted on ranks 20,000-60,000, about 1.8, the second regime
  of Ferrer i Cancho & Solé 2001);
* **proper names**: commune names of the gazetteer (``territoire_lab`` resources,
  ``communes.csv.gz``), drawn in proportion to population (``Saint-Cyr-sur-Loire``,
  ``L'Île-Bouchard``);
* **@mentions**: handles of accounts whose activity follows a Zipf law (exponent 1.6,
  unbounded: new accounts keep appearing), made of first names, surnames, words, places
  and digits (``@julie_martin72``, ``@OT_Chinon``), as replies (a post starting with
  ``@``) or inline;
* **hashtags**, inline or as an Instagram-style block at the end: generic tags
  (``#igersfrance``), places (``#SaintCyrSurLoire``, ``#chinon``), place + theme
  compositions in camel case or lower case (``#LoireAVelo``, ``#visitchinon``,
  ``#ToursPatrimoine``, ``#velotours``) and words;
* **URLs** with random paths (``https://bit.ly/3xK9aZq``, site + slug of words);
* **emojis**: a Zipf-weighted list of common ones, with skin tones, ZWJ sequences
  (``🤦🏽‍♀️``, ``🏳️‍🌈``), flags, keycaps and repeats (``😂😂😂``);
* **numbers, dates, times, prices** (``14h30``, ``12/07``, ``14 juillet``, ``12,50 €``,
  ``-30%``, ``2e``);
* **elisions** (``l'`` ``d'`` ``qu'`` ``jusqu'``...: the list counts them as written,
  so the next word is drawn among the words starting with a vowel or *h*, and after
  ``c'``, ``j'``, ``qu'``... most often among their usual ones: ``c'est``, ``j'ai``,
  ``qu'il``) with ``'`` or ``’`` (40% of the posts), **hyphenated compounds**
  (simplemma's, weighted by their rarest part, and verb-pronoun inversions:
  ``peut-être``, ``week-end``, ``dites-moi``, ``a-t-il``);
* **social-media spelling**: abbreviations of ``abbreviations_fr.tsv`` in place of their
  expansion (``bcp``, ``tjrs``, ``pk``) or as interjections with the noise words (``mdr``,
  ``tkt``, ``stp``, ``jsp``), stretched letters (``trooop``, ``ouiiii``), typos (letter
  swap, drop, doubling, AZERTY neighbour) and dropped accents, which make new forms;
* **layout**: sentences (geometric length, mean 9 words) with a capital letter (90%) and
  an end mark (``.`` ``!`` ``?`` ``…`` ``!!`` `` !``, emoticons), commas, occasional
  all-caps words and posts, ``&amp;`` (the HTML entity of exported X posts) and line
  breaks.

Rates: the per-slot, per-word and per-post probabilities are :data:`SLOT_RATES`,
:data:`DECO_RATES` and :data:`POST_RATES`; the resulting share of posts with each
phenomenon, measured on 100k posts of seed 0 (``python benchmarks/corpus.py --n 100000``,
checked by ``tests/test_bench_corpus.py`` on 10k posts):

=========================================  =====  ==========================  =====
share of posts with                        share  share of posts with         share
=========================================  =====  ==========================  =====
an emoji                                   0.446  a hyphenated compound       0.234
a hashtag                                  0.386  stretched letters           0.064
an @mention (0.126 replies)                0.197  a digit                     0.355
a URL                                      0.103  a line break                0.205
an elision (``l'``, ``qu'``...)            0.619  ``&amp;``                   0.013
a ``’`` apostrophe                         0.251  all in capitals             0.015
an abbreviation or noise word (10k posts)  0.386
=========================================  =====  ==========================  =====

Calibration
-----------
Vocabulary growth, measured by ``python benchmarks/corpus.py --n 10000 100000 1000000
--sample`` (seed 0; forms: distinct lower-cased ``\\w+`` matches of the texts without
their URLs; chunks: distinct whitespace-separated chunks as written, the keys of spaCy's
tokenizer cache; beta: local slope of log forms against log word tokens since the row
above):

==========  ===========  ========  =========  =====  ===========================
posts       word tokens  forms     chunks     beta   sample recombined: forms
==========  ===========  ========  =========  =====  ===========================
10,000      250,024      33,223    59,242            4,498
100,000     2,499,143    137,607   299,822    0.617  7,394 (beta 0.216)
1,000,000   24,994,818   530,328   1,362,502  0.586  7,504 (beta 0.006)
==========  ===========  ========  =========  =====  ===========================

Heaps' fit over 13 prefixes from 1,000 to 1,000,000 posts: ``forms = 14.0 N ** 0.622``
(chunks: ``9.1 N ** 0.704``); the recombined sample: ``392.9 N ** 0.189``, flat past
100k posts. At 100k posts the forms are 50,306 words of the frequency list, 30,069
rarer dictionary words, 53,028 forms no list knows (typos, accent-less spellings,
stretched words, place names, handles, hashtags) and 4,114 forms with digits. Making
1M posts takes 26 s of CPU plus 2 s to build the distributions (38,600 posts/s).

What is realistic: Heaps' law ``V = K N ** beta`` has ``beta`` between 0.4 and 0.6 and
``K`` between 10 and 100 for edited English text (Manning et al. 2008, ch. 5: ``K = 44``,
``beta = 0.49`` on Reuters-RCV1), and the vocabulary of tweets grows faster than that of
edited text (Bokányi et al. 2019 find Heaps' and Zipf's parameters on Twitter different
from other texts; no numeric value for French social media was found in the sources
searched). Real French reference, edited and of one domain: the 5,567 descriptions of
the open DATAtourisme Centre-Val de Loire feed and Muséofile museum texts (Licence
Ouverte, 527k word tokens) give 13,079 forms at 100k tokens, 23,209 at 300k and
``beta = 0.57``; this generator gives 18,347 and 37,199 at the same sizes (x1.4 and
x1.6: social media adds typos, names, handles and hashtags) and ``beta`` 0.59-0.65.
In a finite Zipf system the exponent is not constant: it decreases as the corpus grows
(Lü et al. 2010; Font-Clos & Corral 2015), as the local slopes above do.

Limits: words are drawn independently (no topics, no bursts: a real author repeats the
words of a thread, which slows the growth a little at small N), and the tail of rare
words is simplemma's dictionary, so rare forms are all known to simplemma; the forms no
list knows come from typos, names, handles and hashtags.

References
----------
Heaps, H. S. (1978). *Information Retrieval: Computational and Theoretical Aspects*.
Academic Press.

Manning, C. D., Raghavan, P., & Schütze, H. (2008). *Introduction to Information
Retrieval*, ch. 5.1.1 (Heaps' law). Cambridge University Press.

Ferrer i Cancho, R., & Solé, R. V. (2001). Two regimes in the frequency of words and the
origins of complex lexicons: Zipf's law revisited. *Journal of Quantitative Linguistics*,
8(3), 165-173.

Lü, L., Zhang, Z.-K., & Zhou, T. (2010). Zipf's law leads to Heaps' law: analyzing their
relation in finite-size systems. *PLoS ONE*, 5(12), e14139.

Font-Clos, F., & Corral, Á. (2015). Log-log convexity of type-token growth in Zipf's
systems. *Physical Review Letters*, 114, 238701 (arXiv:1412.4577).

Bokányi, E., Kondor, D., & Vattay, G. (2019). Scaling in words on Twitter. *Royal Society
Open Science* (PMID 31824682); arXiv:1903.04329.

Speer, R. (2022). *rspeer/wordfreq: v3.0*. Zenodo. doi:10.5281/zenodo.7199437

Usage::

    from corpus import realistic_posts           # benchmarks/ on sys.path
    posts = realistic_posts(100_000, seed=0)     # list of str, ~2.5 s (+2 s once)

    python benchmarks/corpus.py --n 10000 100000 1000000   # calibration figures
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import io
import math
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from territoire_lab.clean import (
    ELISIONS,
    fold_accents,
    load_abbreviations,
    load_word_frequencies,
)

__all__ = [
    "BLOCK",
    "DECO_RATES",
    "PHENOMENA",
    "POST_RATES",
    "SLOT_RATES",
    "heaps_fit",
    "iter_realistic_posts",
    "phenomenon_rates",
    "realistic_posts",
    "vocabulary_growth",
]

#: Posts a block: block ``b`` of seed ``s`` is drawn from ``default_rng([s, b])``, so the
#: first ``n`` posts are the same whatever the total (10k posts are a prefix of 1M).
BLOCK = 10_000

_WORD_RE = re.compile(r"\w+")
_URL_RE = re.compile(r"https?://\S+")
_LETTERS_RE = re.compile(r"[a-zà-öø-ÿœæ]+(?:['-][a-zà-öø-ÿœæ]+)*")

# ---------------------------------------------------------------------------- rates
#: Kinds of a word slot (probabilities; the rest are words of the frequency list).
SLOT_RATES = {
    "place": 0.012,  # commune name
    "number": 0.014,  # number, date, time, price
    "compound": 0.008,  # hyphenated compound or inversion
    "interjection": 0.010,  # mdr, tkt, stp, jsp...
    "mention": 0.004,
    "hashtag": 0.010,
    "emoji": 0.012,
    "url": 0.0015,  # inline URL
}
#: Decorations of a word of the frequency list (probabilities, exclusive).
DECO_RATES = {
    "typo": 0.012,  # letter swap, drop, doubling, neighbour key (words of 4+ letters)
    "accent": 0.012,  # accents dropped (words with an accent)
    "stretch": 0.003,  # trooop
    "caps": 0.006,  # TROP
    "abbrev": 0.25,  # of the words that have an abbreviation (beaucoup -> bcp)
    "comma": 0.05,
}
#: Post-level probabilities.
POST_RATES = {
    "reply": 0.12,  # starts with one to three @mentions
    "tag_block": 0.22,  # ends with a block of hashtags
    "url": 0.085,  # a URL at the end (plus the inline ones)
    "curly": 0.40,  # ’ rather than '
    "newline": 0.12,  # sentences on separate lines (plus the tag blocks)
    "amp": 0.015,
    "all_caps": 0.015,
    "end_emoji": 0.22,  # an emoji run at the end
    "sentence_emoji": 0.08,  # an emoji after a sentence end
    "lower_start": 0.10,  # a sentence starts in lower case
}
_MEAN_SENTENCE = 9.0
_MENTION_ZIPF = 1.6
_TAIL_FIT = (20_000, 60_000)

#: Phenomena checked by :func:`phenomenon_rates`, with the pattern that finds them.
PHENOMENA: dict[str, re.Pattern[str]] = {
    "emoji": re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\u2b50\u2764\u20e3]"),
    "hashtag": re.compile(r"(?<![\w&])#\w"),
    "mention": re.compile(r"(?<!\w)@\w"),
    "url": re.compile(r"https?://"),
    "elision": re.compile(
        r"(?i)(?<![\w'’])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’][aeiouyhàâéèêëîïôûœ]"
    ),
    "curly_apostrophe": re.compile("’"),
    "hyphen_compound": re.compile(r"[^\W\d_]-[^\W\d_]"),
    "stretched": re.compile(r"([^\W\d_])\1\1"),
    "number": re.compile(r"\d"),
    "newline": re.compile("\n"),
    "amp": re.compile("&amp;"),
}


def _words(*lines: str) -> list[str]:
    """The whitespace-separated words of ``lines`` (compact word lists)."""
    return [w for line in lines for w in line.split()]


_FIRST = _words(
    "julie camille léa manon chloé emma sarah laura marie pauline clara lucie inès",
    "océane mathilde anaïs justine élodie céline sophie nathalie isabelle sandrine",
    "aurélie émilie charlotte margaux zoé louise jade alice agathe lola nina maëlle",
    "claire hélène fatima thomas nicolas julien maxime antoine alexandre kevin quentin",
    "romain hugo lucas théo louis paul mathieu guillaume pierre sébastien olivier",
    "laurent philippe jean marc christophe stéphane benoît florian baptiste clément",
    "adrien yanis mehdi karim bruno patrick didier alain vincent arnaud jérémy damien",
    "enzo nathan",
)
_LAST = _words(
    "martin bernard dubois thomas robert richard petit durand leroy moreau simon",
    "laurent lefebvre michel garcia david bertrand roux vincent fournier morel girard",
    "andré lefèvre mercier dupont lambert bonnet françois martinez legrand garnier",
    "faure rousseau blanc guérin muller henry roussel nicolas perrin morin mathieu",
    "clément gauthier dumont lopez fontaine chevalier robin masson sanchez gérard",
    "nguyen boyer denis lemaire duval",
)
_HANDLE_WORDS = _words(
    "ville mairie office tourisme visit balade rando velo photo food vin chateau loire",
    "nature info news actu local resto bistrot gite camping cave ferme marche festival",
    "club asso team officiel live radio journal blog travel",
)
_THEMES = _words(
    "Tourisme Patrimoine Velo AVelo Rando Randonnee Nature Vin Vins Gastronomie Marche",
    "Festival Culture Plage Chateau Chateaux Balade Weekend Vacances Histoire Musee",
    "Architecture Terroir Apero Foodie Sunset Photo Jardin Jardins Loire Riviere Foret",
    "Cyclisme Concert Expo Brocante Noel Ete Printemps Automne Hiver Coucher Centre",
    "Metropole Agglo Sport Foot Rugby Travaux Transports Bouchons Meteo Info Actu",
    "Mairie",
)
_GENERIC_TAGS = _words(
    "france igersfrance travel weekend photooftheday instagood tourisme vacances nature",
    "patrimoine loire valdeloire picoftheday visitfrance travelgram sunset food vin summer",
    "ete noel meteo info actu sport foot rando velo concert marche ValDeLoire",
    "ChateauxDeLaLoire LoireAVelo FeteDeLaMusique JourneesDuPatrimoine BonWeekEnd",
    "MadeInFrance CentreValDeLoire PaysDeLaLoire ToutLeMonde",
)
_URL_SITES = _words(
    "www.lanouvellerepublique.fr www.ouest-france.fr www.francebleu.fr",
    "www.leparisien.fr www.tripadvisor.fr www.facebook.com www.helloasso.com",
    "www.billetweb.fr france3-regions.francetvinfo.fr www.service-public.fr",
)
_INVERSIONS = _words(
    "est-ce peut-être dites-moi a-t-il y a-t-il va-t-on peut-on sait-on allez-y vas-y",
    "voulez-vous pouvez-vous sais-tu dis-moi crois-moi regardez-moi suivez-nous",
    "rejoignez-nous venez-vous est-il faut-il avez-vous as-tu es-tu êtes-vous week-end",
    "rendez-vous c'est-à-dire là-bas au-dessus au-delà vis-à-vis après-midi grand-mère",
    "grand-père celle-ci celui-ci ceux-ci ci-dessous ci-dessus non-stop",
)
_EMOJI_COMMON = _words(
    "😂 ❤️ 😍 🤣 😊 🙏 😭 😘 👍 😅 👏 🔥 🥰 💪 😉 🎉",
    "✨ 😎 🤔 🙌 💯 😁 👌 🤩 😢 🥺 😡 🙄 ☀️ 🌞 🍷 🏰",
    "🚲 📸 📍 👉 ⚠️ 🎶 🌿 🌊 💙 💚 😋 🤗 😱 🤷 🤦 🥂",
    "👀 🌸 🍀 😴 🤞 👋 ✌️ 🌈 🍺 🧀 🥖 🚗 🚆 🚧 🏊 ⛪",
    "🎄 🌻 🍂 ❄️ 💶 😤 😬 🤪 😇 💔 ⭐ 🙂",
)
_EMOJI_RARE = _words(
    "🇫🇷 🇪🇺 🇧🇪 1️⃣ 2️⃣ 3️⃣ 🔟 #️⃣ 🤦‍♀️ 🤦‍♂️ 🤷‍♀️ 🤷‍♂️ 🚴‍♀️ 🚴‍♂️ 👨‍👩‍👧 👨‍👩‍👧‍👦",
    "👩‍🍳 🏳️‍🌈 ❤️‍🔥 🧑‍🤝‍🧑 🏃‍♀️ 👩‍❤️‍👨 🙋‍♀️ 💁‍♂️ 🧑‍🌾 👮‍♂️ 🏰 🦆 🐟 🍇 🍾 🎭",
    "🎸 🏛️ 🗓️ ☕ 🍦 🌅 🏞️ 🗺️",
)
_EMOJI_RARE_NO_DIGIT = [e for e in _EMOJI_RARE if not re.search(r"\w", e)]
_SKIN_OK = set(
    ["👍", "👏", "🙏", "💪", "🙌", "👌", "👉", "🤷", "🤦", "👋", "✌️", "🤞", "🙋", "💁", "🏃", "🚴"]
)
_SKINS = ("\U0001f3fb", "\U0001f3fc", "\U0001f3fd", "\U0001f3fe", "\U0001f3ff")
_ENDS = (
    (".", 40),
    ("!", 14),
    ("", 10),
    ("?", 8),
    ("...", 6),
    ("…", 4),
    ("!!", 5),
    (" !", 5),
    ("!!!", 3),
    ("?!", 2),
    (" ?", 2),
    ("\u202f!", 1),
    (" :)", 2),
    (" ^^", 1),
    (" :(", 1),
    (" ;)", 1),
)
_EXPRESSIVE = _words(
    "trop super bien beau belle génial cool oui non merci top magnifique enfin vraiment",
    "grave trop hâte bravo",
)
_AZERTY = {
    c: n
    for row in ("azertyuiop", "qsdfghjklm", "wxcvbn")
    for c, n in zip(
        row, [(row[i - 1] if i else "") + row[i + 1 : i + 2] for i in range(len(row))], strict=True
    )
}
_RARE_ENDING = re.compile(
    r"(?:âmes|âtes|îmes|îtes|ûmes|ûtes|assent|assiez|assions|asses|isses|issiez"
    r"|ussent|ussiez|ussions|usses|èrent|erions|eriez|eras|erez|eront|erons)$"
)
#: What usually follows an elided clitic, most frequent first (c'est, j'ai, qu'il).
_NEXT_WORDS = {
    "c": "est était en",
    "j": "ai étais avais aime adore en y habite arrive espère imagine",
    "n": "est a ai y en était avait ont es importe",
    "s": "il est en ils était y agit",
    "m": "a ai en appelle avait intéresse",
    "t": "as es en inquiète avais",
    "qu": "il on elle un une ils en à est elles",
    "jusqu": "à au aux en ici",
    "lorsqu": "il on elle ils",
    "puisqu": "il on elle ils",
    "quelqu": "un une",
}
_VOWELS = frozenset("aeiouyhàâäéèêëîïôöûùüœæ")
_VOWEL_NEXT = re.compile("([eE])\x02 (?=[aeiouyhàâäéèêëîïôöûùüœæAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÙÜŒÆ])")
#: elided clitic -> its full form (the cleaner's table, and "quelqu'un")
_ELIDED = {**ELISIONS, "quelqu": "quelque"}


# ---------------------------------------------------------------------------- resources
@dataclass(frozen=True)
class _Vocabulary:
    words: np.ndarray  # object array; elided forms rendered "le\x02"
    counts: np.ndarray  # \w+ matches of each word
    cum: np.ndarray  # cumulative probabilities (last = 1)
    cum_list: list[float]
    n_head: int
    tail_exponent: float
    is_clitic: np.ndarray
    vowel_ids: np.ndarray  # words that start with a vowel or h, and their cumulative probs
    vowel_cum: np.ndarray
    next_of: dict[int, np.ndarray]  # clitic id -> the words that usually follow it
    accented: np.ndarray
    has_abbrev: np.ndarray
    abbrev_of: dict[int, list[str]]  # word id -> abbreviations
    interjections: list[str]
    compounds: list[str]
    compound_cum: list[float]
    places: list[str]
    place_counts: list[int]
    place_cum: list[float]
    tag_places: list[str]  # camel-case slugs, communes then departments and regions
    tag_place_cum: list[float]


def _read_gazetteer(name: str) -> pd.DataFrame:
    data = (resources.files("territoire_lab") / "resources" / "gazetteer" / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def _camel(name: str) -> str:
    """``Saint-Cyr-sur-Loire`` -> ``SaintCyrSurLoire`` (accents dropped)."""
    parts = re.split(r"[^\w]+", fold_accents(name))
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


@lru_cache(maxsize=1)
def _simplemma_forms() -> tuple[str, ...]:
    """The lower-case French word forms of simplemma's dictionary."""
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import (
            DefaultDictionaryFactory,
        )
    except ImportError as err:  # pragma: no cover - simplemma is a core dependency
        raise ImportError(
            "benchmarks/corpus.py needs simplemma >= 1.0 (its French dictionary gives the "
            "rare words): pip install simplemma"
        ) from err
    forms = DefaultDictionaryFactory().get_dictionary("fr").keys()
    return tuple(w for w in forms if _LETTERS_RE.fullmatch(w))


def _cumulative(weights: np.ndarray) -> np.ndarray:
    cum = np.cumsum(np.asarray(weights, dtype=np.float64))
    cum /= cum[-1]
    cum[-1] = 1.0
    return cum


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    """Build the word, name and tag distributions (about 2 s, once a process)."""
    freq = load_word_frequencies()
    head = sorted(freq, key=lambda w: -freq[w])  # stable: the file's order on ties
    p_head = np.array([10 ** (freq[w] / 100) / 1e9 for w in head])
    lo, hi = _TAIL_FIT
    ranks = np.arange(1, len(head) + 1)
    a = -np.polyfit(np.log(ranks[lo:hi]), np.log(p_head[lo:hi]), 1)[0]
    seen = set(head)
    tail = [w for w in _simplemma_forms() if w not in seen and "-" not in w]
    order_rng = np.random.default_rng(20_240_401)  # fixed: the vocabulary is not seeded
    noise = order_rng.normal(0, 1.5, len(tail))
    keys = [len(w) + 6 * bool(_RARE_ENDING.search(w)) + z for w, z in zip(tail, noise, strict=True)]
    tail = [w for _, w in sorted(zip(keys, tail, strict=True), key=lambda t: t[0])]
    r_tail = np.arange(len(head) + 1, len(head) + len(tail) + 1)
    p_tail = p_head[-1] * (r_tail / len(head)) ** -a
    probs = np.concatenate([p_head, p_tail])
    word_list = [(_ELIDED[w] + "\x02") if w in _ELIDED else w for w in head] + tail
    words = np.array(word_list, dtype=object)
    counts = np.array([len(_WORD_RE.findall(w.replace("\x02", ""))) for w in word_list])
    is_clitic = np.array([w.endswith("\x02") for w in word_list])
    vowel = np.array(
        [w[:1] in _VOWELS and not c for w, c in zip(word_list, is_clitic, strict=True)]
    )
    vowel_ids = np.nonzero(vowel)[0]
    # abbreviations: single-word expansions replace their word; the others are interjections
    index = {w: i for i, w in enumerate(word_list)}
    abbrev_of: dict[int, list[str]] = {}
    interjections = ["mdr", "lol", "ptdr", "mdrr", "xd", "haha", "jpp", "oklm"]
    for abbr, expansion in load_abbreviations().items():
        i = index.get(expansion)
        if i is not None:
            abbrev_of.setdefault(i, []).append(abbr)
        else:
            interjections.append(abbr)
    next_of = {
        index[_ELIDED[c] + "\x02"]: np.array([index[w] for w in nxt.split()])
        for c, nxt in _NEXT_WORDS.items()
    }
    has_abbrev = np.zeros(len(words), dtype=bool)
    has_abbrev[list(abbrev_of)] = True
    # compounds: half inversions and common compounds (Zipf over their order), half
    # simplemma's hyphenated forms weighted by the frequency of their rarest part
    hyphenated = [w for w in _simplemma_forms() if "-" in w and "'" not in w]
    comp_w = np.array([10 ** (min(freq.get(p, 0) for p in w.split("-")) / 100) for w in hyphenated])
    inv_w = 1 / np.arange(1, len(_INVERSIONS) + 1)
    comp_weights = np.concatenate([inv_w / inv_w.sum(), comp_w / comp_w.sum()])
    # places
    communes = _read_gazetteer("communes.csv.gz")
    communes = communes[communes["type"] == "commune-actuelle"]
    pop = pd.to_numeric(communes["population"], errors="coerce").fillna(0).to_numpy() + 1
    places = communes["nom"].tolist()
    deps = _read_gazetteer("departements.csv")
    regs = _read_gazetteer("regions.csv")
    tag_places = [_camel(p) for p in places] + [_camel(p) for p in deps["nom"]]
    tag_places += [_camel(p) for p in regs["nom"]]
    dep_pop = pd.to_numeric(deps["population"]).to_numpy()
    reg_pop = pd.to_numeric(regs["population"]).to_numpy()
    tag_weights = np.concatenate([pop, dep_pop * 0.3, reg_pop * 0.1])
    cum = _cumulative(probs)
    return _Vocabulary(
        words=words,
        counts=counts,
        cum=cum,
        cum_list=cum.tolist(),
        n_head=len(head),
        tail_exponent=float(a),
        is_clitic=is_clitic,
        vowel_ids=vowel_ids,
        vowel_cum=_cumulative(probs[vowel_ids]),
        next_of=next_of,
        accented=np.array([not w.isascii() for w in word_list]),
        has_abbrev=has_abbrev,
        abbrev_of=abbrev_of,
        interjections=interjections,
        compounds=list(_INVERSIONS) + hyphenated,
        compound_cum=_cumulative(comp_weights).tolist(),
        places=places,
        place_counts=[len(_WORD_RE.findall(p)) for p in places],
        place_cum=_cumulative(pop).tolist(),
        tag_places=tag_places,
        tag_place_cum=_cumulative(tag_weights).tolist(),
    )


# ---------------------------------------------------------------------------- drawing
class _Stream:
    """Scalar draws from a block of uniforms of a numpy Generator (refilled as needed)."""

    __slots__ = ("_next", "_rng")

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._next = iter(()).__next__

    def u(self) -> float:
        try:
            return self._next()
        except StopIteration:
            self._next = iter(self._rng.random(65_536).tolist()).__next__
            return self._next()

    def pick(self, seq: Sequence[str]) -> str:
        return seq[int(self.u() * len(seq))]

    def weighted(self, seq: Sequence[str], cum: list[float]) -> str:
        return seq[min(bisect.bisect(cum, self.u()), len(seq) - 1)]

    def integer(self, lo: int, hi: int) -> int:
        """Uniform integer in ``[lo, hi]``."""
        return lo + int(self.u() * (hi - lo + 1))

    def geometric(self, p: float) -> int:
        """A count 0, 1, 2... of success probability ``p``."""
        return math.floor(math.log(1 - self.u()) / math.log(1 - p))


_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_MONTHS = _words(
    "janvier février mars avril mai juin juillet août septembre octobre novembre",
    "décembre",
)
_DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


def _code(s: _Stream, k: int) -> str:
    return "".join(_ALNUM[int(s.u() * 62)] for _ in range(k))


def _number(s: _Stream) -> str:
    kind = s.u()
    if kind < 0.25:
        return str(int(10 ** (s.u() * 3.5)))
    if kind < 0.40:
        h = s.integer(7, 23)
        m = ("", "", "00", "15", "30", "45")[s.integer(0, 5)]
        return f"{h}:{m or '00'}" if s.u() < 0.1 else f"{h}h{m}"
    if kind < 0.55:
        d, mo = s.integer(1, 28), s.integer(1, 12)
        r = s.u()
        if r < 0.4:
            return f"{d} {_MONTHS[mo - 1]}" if d > 1 else f"1er {_MONTHS[mo - 1]}"
        if r < 0.55:
            return f"{s.pick(_DAYS)} {d}"
        if r < 0.85:
            return f"{d:02d}/{mo:02d}"
        return f"{d}/{mo}/{s.integer(2015, 2026)}"
    if kind < 0.70:
        euros = int(10 ** (s.u() * 2.5))
        cents = (0, 0, 50, 90, 99, 20)[s.integer(0, 5)]
        body = f"{euros},{cents:02d}" if cents else str(euros)
        return body + ("€", " €", " euros", "e")[s.integer(0, 3)]
    if kind < 0.78:
        return f"{s.integer(2015, 2026)}"
    if kind < 0.85:
        return f"{('', '-', '+')[s.integer(0, 2)]}{s.integer(1, 9) * 10}%"
    if kind < 0.93:
        return f"{s.integer(2, 30)}{('e', 'ème', 'è')[s.integer(0, 2)]}"
    return f"{s.integer(1, 40)}{(' km', ' min', '°C', '°', ' kg', 'km')[s.integer(0, 5)]}"


def _handle(rank: int, v: _Vocabulary) -> str:
    """The handle of the account of activity rank ``rank`` (deterministic)."""
    h = (rank * 2_654_435_761 + 12_345) % 4_294_967_296  # spreads neighbouring ranks
    f = fold_accents(_FIRST[h % len(_FIRST)])
    h //= len(_FIRST)
    last = fold_accents(_LAST[h % len(_LAST)])
    style = (h // len(_LAST)) % 8
    num = str(rank % 97) if rank % 3 else ""
    if style == 0:
        return f"{f}_{last}{num}"
    if style == 1:
        return f"{f}{last}{num}"
    if style == 2:
        return f"{f}.{last[:3]}{num}"
    if style == 3:
        return f"{f.capitalize()}{last.capitalize()}{num}"
    if style == 4:
        return f"{last}_{f}{num}"
    if style == 5:
        return f"{_HANDLE_WORDS[rank % len(_HANDLE_WORDS)]}_{f}{num}"
    place = v.tag_places[(rank * 40_503) % len(v.tag_places)]
    if style == 6:
        return ("OT_", "Ville", "Mairie", "visit")[rank % 4] + place
    return f"{place.lower()}_{_HANDLE_WORDS[rank % len(_HANDLE_WORDS)]}"


def _mention(s: _Stream, v: _Vocabulary) -> str:
    """An @handle; accounts are drawn by a Zipf-Mandelbrot law (exponent 1.6, offset 30)."""
    rank = int(min(30 * (s.u() ** (-1 / (_MENTION_ZIPF - 1)) - 1), 1e9))
    return "@" + _handle(rank, v)


def _plain_word(s: _Stream, v: _Vocabulary, min_rank: int = 0) -> str:
    """A word of the frequency list, letters only (for hashtags and URL slugs)."""
    for _ in range(20):
        i = bisect.bisect(v.cum_list, s.u())
        w = v.words[min(i, len(v.words) - 1)]
        if i >= min_rank and w.isalpha() and len(w) > 2:
            return w
    return "loire"


def _hashtag(s: _Stream, v: _Vocabulary) -> str:
    kind = s.u()
    if kind < 0.30:
        tag = _GENERIC_TAGS[int(s.u() ** 2 * len(_GENERIC_TAGS))]
    elif kind < 0.55:
        place = s.weighted(v.tag_places, v.tag_place_cum)
        tag = place if s.u() < 0.6 else place.lower()
    elif kind < 0.85:
        place = s.weighted(v.tag_places, v.tag_place_cum)
        theme = s.pick(_THEMES)
        r = s.u()
        if r < 0.4:
            tag = place + theme
        elif r < 0.6:
            tag = ("visit" + place).lower()
        elif r < 0.8:
            tag = (theme + place).lower()
        else:
            tag = theme + place
    else:
        tag = _plain_word(s, v, 300)
        if s.u() < 0.4:
            tag = _camel(f"{tag} {_plain_word(s, v, 30)}")
        elif s.u() < 0.5:
            tag = tag.capitalize()
        if s.u() < 0.7:
            tag = fold_accents(tag)
    return "#" + tag


def _url(s: _Stream, v: _Vocabulary) -> str:
    kind = s.u()
    if kind < 0.30:
        return "https://bit.ly/" + _code(s, 7)
    if kind < 0.45:
        return "https://t.co/" + _code(s, 10)
    if kind < 0.55:
        return "https://www.instagram.com/p/" + _code(s, 11) + "/"
    if kind < 0.62:
        return "https://youtu.be/" + _code(s, 11)
    slug = "-".join(fold_accents(_plain_word(s, v)) for _ in range(s.integer(1, 5)))
    if kind < 0.82:
        site = "www." + s.weighted(v.tag_places, v.tag_place_cum).lower() + ".fr"
        return f"https://{site}/{slug}"
    return f"https://{s.pick(_URL_SITES)}/{slug}-{s.integer(1000, 99999)}"


def _emoji(s: _Stream, keycaps: bool = False) -> str:
    """An emoji or a run of them; keycaps (``1️⃣``, a ``\\w`` match) only if asked."""
    if s.u() < 0.85:
        e = _EMOJI_COMMON[int(s.u() ** 2.2 * len(_EMOJI_COMMON))]
    else:
        e = s.pick(_EMOJI_RARE if keycaps else _EMOJI_RARE_NO_DIGIT)
    if e in _SKIN_OK and s.u() < 0.3:
        e += s.pick(_SKINS)
    r = s.u()
    if r < 0.15:
        return e * s.integer(2, 4)
    if r < 0.30:
        return e + _EMOJI_COMMON[int(s.u() ** 2.2 * len(_EMOJI_COMMON))]
    return e


def _typo(w: str, s: _Stream) -> str:
    """Swap, drop, double or mistype a letter (never the first: elisions stay)."""
    i = s.integer(1, len(w) - 2)
    r = s.u()
    if r < 0.35:
        return w[:i] + w[i + 1] + w[i] + w[i + 2 :]
    if r < 0.65:
        return w[:i] + w[i + 1 :]
    if r < 0.80:
        return w[:i] + w[i] + w[i:]
    near = _AZERTY.get(w[i])
    if not near:
        return w[:i] + w[i + 1 :]
    return w[:i] + near[int(s.u() * len(near))] + w[i + 1 :]


def _stretch(w: str, s: _Stream) -> str:
    vowels = [i for i, c in enumerate(w) if c in "aeiouyéèà"]
    i = vowels[-1] if vowels and s.u() < 0.7 else len(w) - 1
    return w[: i + 1] + w[i] * s.integer(2, 5) + w[i + 1 :]


# ---------------------------------------------------------------------------- posts
_KINDS = tuple(SLOT_RATES)
_SLOT_CUM = np.cumsum(list(SLOT_RATES.values()))
_DECOS = ("typo", "accent", "stretch", "caps")
_DECO_CUM = np.cumsum([DECO_RATES[k] for k in _DECOS])


def _slots(
    v: _Vocabulary, s: _Stream, rng: np.random.Generator, m: int
) -> tuple[list[str], np.ndarray]:
    """``m`` word slots: words of the frequency list (decorated) and special items, with
    the number of ``\\w+`` matches of each."""
    ids = np.minimum(np.searchsorted(v.cum, rng.random(m), side="right"), len(v.words) - 1)
    # the word after an elided article, pronoun or conjunction starts with a vowel or h
    # (the frequency list counts "l", "d", "qu"... as they are written, elided); after
    # c', j', n', qu'... it is most often one of a few (c'est, j'ai, qu'il)
    after = np.nonzero(v.is_clitic[ids[:-1]])[0] + 1
    vowel = np.searchsorted(v.vowel_cum, rng.random(len(after)), side="right")
    nxt = v.vowel_ids[np.minimum(vowel, len(v.vowel_ids) - 1)]
    prev = ids[after - 1]
    usual = rng.random(len(after)) < 0.85
    pick = rng.random(len(after))
    for clitic, choices in v.next_of.items():
        sel = np.nonzero((prev == clitic) & usual)[0]
        nxt[sel] = choices[(pick[sel] ** 2 * len(choices)).astype(np.intp)]
    ids[after] = nxt
    kinds = np.searchsorted(_SLOT_CUM, rng.random(m), side="right")
    plain = kinds == len(_KINDS)
    decos = np.searchsorted(_DECO_CUM, rng.random(m), side="right")
    abbrev = plain & v.has_abbrev[ids] & (rng.random(m) < DECO_RATES["abbrev"])
    commas = plain & (rng.random(m) < DECO_RATES["comma"])
    strs: list[str] = v.words[ids].tolist()
    counts = v.counts[ids]
    find = _WORD_RE.findall
    for j in np.nonzero(~plain)[0].tolist():
        name = _KINDS[kinds[j]]
        if name == "place":
            w = s.weighted(v.places, v.place_cum)
        elif name == "number":
            w = _number(s)
        elif name == "compound":
            w = s.weighted(v.compounds, v.compound_cum)
        elif name == "interjection":
            w = v.interjections[int(s.u() ** 1.5 * len(v.interjections))]
        elif name == "mention":
            w = _mention(s, v)
        elif name == "hashtag":
            w = _hashtag(s, v)
        elif name == "url":
            w = _url(s, v)
        else:
            w = _emoji(s, keycaps=True)
        strs[j] = w
        counts[j] = len(find(w))
    for j in np.nonzero(abbrev)[0].tolist():
        strs[j] = w = s.pick(v.abbrev_of[int(ids[j])])
        counts[j] = len(find(w))
    # typos, accents, stretching and capitals keep the count (letters only)
    for j in np.nonzero(plain & ~abbrev & (decos < len(_DECOS)))[0].tolist():
        w = strs[j]
        deco = decos[j]
        if deco == 0 and len(w) >= 4 and w.isalpha():
            strs[j] = _typo(w, s)
        elif deco == 1 and v.accented[ids[j]]:
            strs[j] = fold_accents(w)
        elif deco == 2 and w.isalpha():
            strs[j] = _stretch(s.pick(_EXPRESSIVE) if s.u() < 0.5 else w, s)
        elif deco == 3:
            strs[j] = w.upper()
    for j in np.nonzero(commas)[0].tolist():
        strs[j] += ","
    return strs, counts


def _fillers(v: _Vocabulary, rng: np.random.Generator, m: int) -> list[str]:
    """Words of one ``\\w+`` match (to complete a post to its length exactly)."""
    ids = np.minimum(np.searchsorted(v.cum, rng.random(m), side="right"), len(v.words) - 1)
    keep = (v.counts[ids] == 1) & ~v.is_clitic[ids]
    return v.words[ids[keep]].tolist()


def _block(n: int, rng: np.random.Generator) -> list[str]:
    """``n`` posts drawn from ``rng``."""
    v = _vocabulary()
    s = _Stream(rng)
    lengths = rng.integers(10, 41, n).tolist()
    post_u = rng.random((n, len(POST_RATES))).tolist()
    n_sent = n * 8
    sent_lens = rng.geometric(1 / _MEAN_SENTENCE, n_sent).tolist()
    end_cum = _cumulative(np.array([w for _, w in _ENDS]))
    marks = np.array([mk for mk, _ in _ENDS], dtype=object)
    sent_marks = marks[np.searchsorted(end_cum, rng.random(n_sent), side="right")].tolist()
    sent_lower = (rng.random(n_sent) < POST_RATES["lower_start"]).tolist()
    m = int(sum(lengths) * 1.2) + 1024
    strs, counts = _slots(v, s, rng, m)
    cum = np.cumsum(counts).tolist()
    fillers = _fillers(v, rng, 4096)
    keys = list(POST_RATES)
    rates = list(POST_RATES.values())
    (k_reply, k_block, k_url, k_curly, k_nl, k_amp, k_caps, k_end, k_semo) = (
        keys.index(k)
        for k in (
            "reply",
            "tag_block",
            "url",
            "curly",
            "newline",
            "amp",
            "all_caps",
            "end_emoji",
            "sentence_emoji",
        )
    )
    find = _WORD_RE.findall
    posts: list[str] = []
    slot = 0  # next slot
    done = 0  # \w+ matches of the slots before ``slot``
    sent_i = 0
    fill_i = 0
    for p in range(n):
        target = lengths[p]
        pu = post_u[p]
        head: list[str] = []
        tail: list[str] = []
        used = 0
        if pu[k_reply] < rates[k_reply]:
            for _ in range(1 if s.u() < 0.8 else s.integer(2, 3)):
                mention = _mention(s, v)
                head.append(mention)
                used += len(find(mention))
        url = ""
        if pu[k_url] < rates[k_url]:
            url = _url(s, v)
            k = len(find(url))
            if target - used - k >= 6:
                used += k
            else:
                url = ""
        if pu[k_block] < rates[k_block]:
            for _ in range(min(1 + s.geometric(0.3), 12)):
                if target - used - 1 < 6:
                    break
                tail.append(_hashtag(s, v))
                used += 1
        # the body: the next slots until their \w+ matches make the budget
        goal = done + target - used
        if cum[-1] < goal:  # the slots are used up: draw more
            extra, extra_counts = _slots(v, s, rng, m)
            strs = strs[slot:] + extra
            base = done
            cum = [c - base for c in cum[slot:]]
            goal -= base
            done = 0
            last = cum[-1] if cum else 0
            cum += (np.cumsum(extra_counts) + last).tolist()
            slot = 0
        j = bisect.bisect_left(cum, goal, slot)
        if cum[j] == goal:
            items = strs[slot : j + 1]
        else:  # slot j has more matches than needed: words of one match instead
            items = strs[slot:j]
            for _ in range(goal - (cum[j - 1] if j > slot else done)):
                items.append(fillers[fill_i])
                fill_i = fill_i + 1 if fill_i + 1 < len(fillers) else 0
        slot, done = j + 1, cum[j]
        # layout: sentences with capitals and end marks, emojis, line breaks
        rendered = []
        pos = 0
        while pos < len(items):
            size = sent_lens[sent_i]
            mark = sent_marks[sent_i]
            lower = sent_lower[sent_i]
            sent_i = sent_i + 1 if sent_i + 1 < n_sent else 0
            sent = items[pos : pos + size]
            pos += size
            first = sent[0]
            if not lower and first[:1].isalpha():
                sent[0] = first[:1].upper() + first[1:]
            if pos < len(items) and not mark:
                mark = "."
            text = " ".join(sent)
            if text.endswith(","):
                text = text[:-1]
            text += mark
            if pu[k_semo] < rates[k_semo] and s.u() < 0.5:
                text += " " + _emoji(s)
            rendered.append(text)
        body = ("\n" if pu[k_nl] < rates[k_nl] else " ").join(rendered)
        if pu[k_end] < rates[k_end]:
            body += (" " if s.u() < 0.8 else "") + _emoji(s)
        if pu[k_caps] < rates[k_caps]:
            body = body.upper()
        if pu[k_amp] < rates[k_amp]:
            body = _amp(body)
        text = " ".join(head) + " " + body if head else body
        if url:
            text += " " + url
        if tail:
            text += ("\n\n", "\n.\n.\n.\n", " ", " ")[s.integer(0, 3)] + " ".join(tail)
        text = _VOWEL_NEXT.sub("\x03", text)
        text = text.replace("e\x02", "e").replace("E\x02", "E").replace("\x03", "'")
        if pu[k_curly] < rates[k_curly]:
            text = text.replace("'", "’")
        posts.append(text)
    return posts


def _amp(body: str) -> str:
    """``et`` -> ``&amp;`` (the entity of exported X posts), or a one-match word of the
    body's first half gives way to it (the ``\\w+`` count is kept: ``amp``)."""
    for et in (" et ", " ET "):
        if et in body:
            return body.replace(et, " &amp; ", 1)
    cut = body.rfind(" ", 0, max(1, len(body) // 2))
    if cut > 0:
        j = body.find(" ", cut + 1)
        if j > 0 and len(_WORD_RE.findall(body[cut + 1 : j])) == 1:
            return body[: cut + 1] + "&amp;" + body[j:]
    return body


def iter_realistic_posts(n: int, *, seed: int = 0) -> Iterator[list[str]]:
    """Yield ``n`` realistic posts in lists of :data:`BLOCK` posts (the last shorter).

    Block ``b`` is drawn from ``numpy.random.default_rng([seed, b])``: the posts do not
    depend on how many are asked for (the first 10k of 1M are the 10k), and a consumer
    holds one block at a time.

    Parameters
    ----------
    n : int
        Number of posts (>= 0).
    seed : int
        Seed of the draws (the vocabulary itself is fixed).
    """
    if n < 0:
        raise ValueError(f"n={n} posts: expected a number >= 0")
    done = 0
    b = 0
    while done < n:
        m = min(BLOCK, n - done)
        posts = _block(BLOCK, np.random.default_rng([seed, b]))
        yield posts[:m]
        done += m
        b += 1


def realistic_posts(n: int, *, seed: int = 0) -> list[str]:
    """``n`` generated French social-media posts of 10 to 40 word tokens.

    See the module docstring for the model and its calibration.

    Parameters
    ----------
    n : int
        Number of posts.
    seed : int
        Seed of the draws: the same ``(n, seed)`` gives the same posts, and the posts of
        a smaller ``n`` are a prefix of those of a larger one.

    Returns
    -------
    list of str

    Examples
    --------
    >>> posts = realistic_posts(3, seed=1)
    >>> all(10 <= len(re.findall(r"\\w+", p)) <= 40 for p in posts)
    True
    """
    out: list[str] = []
    for chunk in iter_realistic_posts(n, seed=seed):
        out.extend(chunk)
    return out


# ---------------------------------------------------------------------------- measures
def vocabulary_growth(posts: Iterable[str], checkpoints: Sequence[int]) -> list[dict[str, int]]:
    """Distinct word forms and chunks after each checkpoint (a number of posts).

    Forms are the lower-cased ``\\w+`` matches of the texts without their URLs (the
    tokens a word regex sees, random URL codes aside); chunks are the whitespace-separated
    pieces of the texts, as they are (the keys of spaCy's tokenizer cache). Checkpoints
    past the number of posts are left out.

    Returns
    -------
    list of dict
        ``posts``, ``tokens`` (``\\w+`` matches, URLs included), ``forms``, ``chunks``.
    """
    marks = sorted(set(checkpoints))
    forms: set[str] = set()
    chunks: set[str] = set()
    tokens = 0
    out = []
    k = 0
    find = _WORD_RE.findall
    strip_urls = _URL_RE.sub
    for i, text in enumerate(posts, 1):
        tokens += len(find(text))
        forms.update(find(strip_urls(" ", text).lower()))
        chunks.update(text.split())
        if k < len(marks) and i == marks[k]:
            out.append({"posts": i, "tokens": tokens, "forms": len(forms), "chunks": len(chunks)})
            k += 1
    return out


def heaps_fit(tokens: Sequence[float], forms: Sequence[float]) -> tuple[float, float]:
    """Least-squares fit of Heaps' law ``forms = K * tokens ** beta``: ``(K, beta)``.

    References
    ----------
    Heaps, H. S. (1978). *Information Retrieval: Computational and Theoretical Aspects*.
    Academic Press.
    """
    if len(tokens) < 2:
        raise ValueError(f"{len(tokens)} point(s): Heaps' law needs at least 2 to fit")
    beta, log_k = np.polyfit(np.log(tokens), np.log(forms), 1)
    return float(np.exp(log_k)), float(beta)


_NOT_TEXT_RE = re.compile(r"https?://\S+|[@#]\w+")


def _all_caps(post: str) -> bool:
    """15 letters or more outside mentions, hashtags and URLs, none in lower case."""
    text = _NOT_TEXT_RE.sub(" ", post)
    return sum(c.isalpha() for c in text) >= 15 and not any(c.islower() for c in text)


def phenomenon_rates(posts: Sequence[str]) -> dict[str, float]:
    """Share of the posts in which each pattern of :data:`PHENOMENA` occurs (URLs taken
    out first, but for ``url``), plus ``all_caps`` (15 letters or more outside mentions,
    hashtags and URLs, none in lower case)."""
    n = max(len(posts), 1)
    texts = [_URL_RE.sub(" ", p) if "://" in p else p for p in posts]
    out = {
        name: sum(1 for p in (posts if name == "url" else texts) if pat.search(p)) / n
        for name, pat in PHENOMENA.items()
    }
    out["all_caps"] = sum(1 for p in posts if _all_caps(p)) / n
    return out


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Calibration figures of the realistic corpus.")
    parser.add_argument("--n", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", action="store_true", help="also the sample corpus")
    args = parser.parse_args(argv)
    n = max(args.n)
    t0 = time.process_time()
    posts = realistic_posts(n, seed=args.seed)
    gen = time.process_time() - t0
    print(f"realistic_posts({n:,}, seed={args.seed}): {gen:.1f} s CPU ({n / gen:,.0f} posts/s)")
    lens = np.array([len(_WORD_RE.findall(p)) for p in posts])
    print(f"word tokens a post: mean {lens.mean():.2f}, min {lens.min()}, max {lens.max()}")
    v = _vocabulary()
    print(
        f"vocabulary: {v.n_head:,} listed words + {len(v.words) - v.n_head:,} rare ones, "
        f"tail exponent {v.tail_exponent:.2f}"
    )
    grid = sorted({int(x) for x in np.geomspace(1000, n, 13)} | set(args.n))
    _report("realistic", vocabulary_growth(posts, grid), args.n)
    rates = phenomenon_rates(posts[: min(n, 100_000)])
    print("share of posts with: " + ", ".join(f"{k} {r:.3f}" for k, r in rates.items()))
    for p in posts[:12]:
        print("  " + repr(p))
    if args.sample:
        sys.path.insert(0, str(Path(__file__).parent))
        from bench_clean import make_corpus

        sample = make_corpus(n)
        lens = np.array([len(_WORD_RE.findall(p)) for p in sample])
        print(f"\nsample corpus: mean {lens.mean():.2f} word tokens a post")
        _report("sample", vocabulary_growth(sample, grid), args.n)
    return 0


def _report(name: str, growth: list[dict[str, int]], shown: Sequence[int]) -> None:
    """Print the vocabulary at the ``shown`` sizes, the local exponents between them and
    Heaps' fit over all the prefixes of ``growth``."""
    print(f"\n{name}: posts, word tokens, distinct forms, distinct chunks, beta since previous")
    prev = None
    for g in growth:
        if g["posts"] not in shown:
            continue
        local = ""
        if prev is not None:
            beta = math.log(g["forms"] / prev["forms"]) / math.log(g["tokens"] / prev["tokens"])
            local = f"{beta:.3f}"
        print(
            f"  {g['posts']:>10,} {g['tokens']:>12,} {g['forms']:>10,} {g['chunks']:>10,}  {local}"
        )
        prev = g
    k, beta = heaps_fit([g["tokens"] for g in growth], [g["forms"] for g in growth])
    kc, beta_c = heaps_fit([g["tokens"] for g in growth], [g["chunks"] for g in growth])
    print(
        f"  Heaps fit over {len(growth)} prefixes ({growth[0]['posts']:,} to "
        f"{growth[-1]['posts']:,} posts): forms = {k:.1f} N^{beta:.3f}; "
        f"chunks = {kc:.1f} N^{beta_c:.3f}"
    )


if __name__ == "__main__":
    sys.exit(_main())
