"""Reading behind the numbers: concordances, collocations and representative posts.

A researcher never trusts a topic, a keyness score or a classifier without reading the posts
behind it. This module gives the three tools of that reading:

:func:`kwic` / :class:`KwicIndex`
    Keyword in context (a concordance) of words, lemmas, phrases, hashtags and regular
    expressions, case- and accent-insensitive on request, sorted by left or right context,
    filtered on any column. An inverted index (token -> positions, numpy arrays) is built
    once; each query then reads only the positions of its tokens, so that a query on a
    million posts takes milliseconds. Contexts are slices of the original ``text``, never
    of a cleaned or lower-cased copy.
:func:`collocations`, :func:`merge_collocations`, :class:`CollocationMerger`
    Bigrams and trigrams ranked by pointwise mutual information, Dunning's log-likelihood
    ratio and the t-score, with the same counts and formulas as NLTK's collocation finders
    (tested to 1e-9), computed with numpy; then the chosen ones joined into single tokens
    (``château_de_chambord``) before topic models and keyness.
:func:`examples`
    Representative posts of a group (topic, Reinert class, alert, audience, ...): the most
    typical ones (highest score, or closest to the group's TF-IDF centroid) or a seeded
    random sample, authors shown as pseudonyms only and texts scrubbed of mentions, e-mails
    and phone numbers: what a consultant pastes into a report.

Tokens of the index
-------------------
The index reads the original text with one regular expression: URLs, hashtags (``#Loire``),
mentions (``@mairie``), elided articles and pronouns split off with their apostrophe
(``l'été`` -> ``l'`` + ``été``, ``jusqu'à`` -> ``jusqu'`` + ``à``; ``aujourd'hui`` and
``presqu'île`` stay whole), words and numbers with their inner hyphens and apostrophes kept
whole (``Saint-Cyr-sur-Loire``), and emojis. Everything between two tokens (spaces,
punctuation) is kept in the contexts but is not a token. A query is read by the same
expression, so ``"l'été"`` is the phrase ``l'`` + ``été``.

References
----------
Luhn, H. P. (1960). Key word-in-context index for technical literature (KWIC index).
*American Documentation*, 11(4), 288-295.
Church, K. W. and Hanks, P. (1990). Word association norms, mutual information, and
lexicography. *Computational Linguistics*, 16(1), 22-29.
Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics*, 19(1), 61-74.
Manning, C. D. and Schütze, H. (1999). *Foundations of Statistical Natural Language
Processing*, ch. 5 "Collocations". MIT Press.
Bird, S., Klein, E. and Loper, E. (2009). *Natural Language Processing with Python*.
O'Reilly (NLTK's ``collocations`` and ``metrics.association`` modules).
"""

from __future__ import annotations

import html
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Literal

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from .clean import CONTEXT_LEMMAS, EMOJI_PATTERN, fold_accents, load_stopwords
from .schema import check_columns

__all__ = [
    "CollocationMerger",
    "Concordance",
    "KwicIndex",
    "build_index",
    "collocations",
    "examples",
    "kwic",
    "merge_collocations",
    "tokenize_for_index",
]

logger = logging.getLogger("territoire_lab")

Kind = Literal["word", "lemma", "phrase", "hashtag", "regex"]
_KINDS = ("word", "lemma", "phrase", "hashtag", "regex")

# One capturing group around the whole token expression: ``re.split`` then returns
# [gap, token, gap, token, ..., gap], from which character offsets follow by cumulative
# sums of lengths, without a Python loop over match objects.
_TOKEN_PATTERN = (
    r"(?:[Hh][Tt][Tt][Pp][Ss]?://|[Ww][Ww][Ww]\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]}»…]"  # URL
    r"|#\w+"  # hashtag
    r"|@\w+"  # mention
    r"|(?<![\w'’-])(?i:jusqu|lorsqu|puisqu|quoiqu|qu|[ldjmnstc])['’](?=\w)"  # elision
    r"|\w+(?:['’-]\w+)*"  # word or number, inner hyphens and apostrophes kept
    rf"|{EMOJI_PATTERN}"  # emoji
)
_SPLIT_RE = re.compile(f"({_TOKEN_PATTERN})")
_TOKEN_RE = re.compile(_TOKEN_PATTERN)
_WORD_START = re.compile(r"\w")

_FOLD_TABLE = {ord("œ"): "oe", ord("Œ"): "OE", ord("æ"): "ae", ord("Æ"): "AE", ord("’"): "'"}


def tokenize_for_index(text: str) -> list[tuple[str, int, int]]:
    """Tokens of a text as the concordance index reads them, with character offsets.

    Parameters
    ----------
    text : str

    Returns
    -------
    list of (token, start, end)
        ``text[start:end] == token``.

    Examples
    --------
    >>> tokenize_for_index("L'été à Saint-Cyr-sur-Loire, #Touraine 😍")
    [("L'", 0, 2), ('été', 2, 5), ('à', 6, 7), ('Saint-Cyr-sur-Loire', 8, 27), \
('#Touraine', 29, 38), ('😍', 39, 40)]
    """
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def _strip_accents(text: str) -> str:
    """Accent-free text, case kept (``Île`` -> ``Ile``)."""
    text = text.translate(_FOLD_TABLE)
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(form: str, case: bool, accents: bool) -> str:
    """Matching key of a form: lower-cased unless ``case``, accent-free unless ``accents``."""
    if not case and not accents:
        return fold_accents(form)
    form = form.replace("’", "'")
    if not accents:
        form = _strip_accents(form)
    if not case:
        form = form.lower()
    return form


def _texts(values: pd.Series) -> list[str]:
    return [t if isinstance(t, str) else "" for t in values.tolist()]


# --------------------------------------------------------------------------------------
# Concordance table
# --------------------------------------------------------------------------------------

_CONTEXT_COLS = ("left", "match", "right")


class Concordance(pd.DataFrame):
    """A concordance: a DataFrame (``doc_id, left, match, right``, requested columns,
    ``start, end``) that notebooks render as an aligned keyword-in-context table.

    ``left + match + right`` is a slice of the post's original text, ``start`` and ``end``
    the character offsets of the match in it. Everything else is a plain DataFrame: filter
    it, ``pd.DataFrame(conc)`` it, or write it with :func:`territoire_lab.export`.
    """

    _metadata: ClassVar[list[str]] = ["kwic_query"]

    @property
    def _constructor(self) -> Callable[..., Concordance]:
        return Concordance

    def _repr_html_(self) -> str:  # type: ignore[override]
        if not set(_CONTEXT_COLS) <= set(self.columns):
            return pd.DataFrame(self)._repr_html_()  # type: ignore[operator]
        max_rows = pd.get_option("display.max_rows") or 60
        shown = self.head(max_rows)
        extra = [c for c in self.columns if c not in (*_CONTEXT_COLS, "start", "end")]

        def cell(value: object) -> str:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                return ""
            return html.escape(" ".join(str(value).split()))

        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in extra)
        rows = []
        for rec in shown.itertuples(index=False):
            row = dict(zip(self.columns, rec, strict=True))
            others = "".join(f"<td>{cell(row[c])}</td>" for c in extra)
            rows.append(
                f"<tr>{others}"
                f'<td style="text-align:right;white-space:nowrap">{cell(row["left"])}</td>'
                f'<td style="text-align:center;white-space:nowrap"><b>{cell(row["match"])}</b></td>'
                f'<td style="text-align:left;white-space:nowrap">{cell(row["right"])}</td></tr>'
            )
        more = (
            f"<p>{len(self) - len(shown)} more rows (of {len(self)})</p>"
            if len(self) > len(shown)
            else f"<p>{len(self)} rows</p>"
        )
        return (
            '<table class="territoire-lab-kwic" style="font-family:monospace">'
            f'<thead><tr>{head}<th style="text-align:right">left</th><th>match</th>'
            f'<th style="text-align:left">right</th></tr></thead><tbody>'
            + "".join(rows)
            + "</tbody></table>"
            + more
        )


# --------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------


class KwicIndex:
    """Inverted index of a corpus for keyword-in-context queries.

    Built once (one pass of a regular expression over the texts, vectorised with numpy),
    then every :meth:`kwic` query reads only the positions of the tokens it asks for.

    Parameters
    ----------
    corpus : DataFrame
        One row a post, with ``text_col`` and ``id_col``; kept by reference (not copied)
        for the contexts and the ``by`` / ``where`` columns: do not modify it while the
        index is in use.
    text_col : str, default "text"
    id_col : str, default "doc_id"
    lemmatizer : {"simplemma", "snowball", "spacy"}, default "simplemma"
        Lemmatiser of the forms that the corpus's ``tokens`` / ``lemmas`` columns (from
        :func:`territoire_lab.clean.clean_corpus`) do not cover, for lemma queries.
    chunk_size : int, default 10_000
        Posts read at a time (bounds the temporary memory).
    progress : bool or None
        Progress bar (None: only in a terminal or notebook).

    Attributes
    ----------
    vocabulary_ : ndarray of str
        The distinct token forms, as written (id order).
    n_tokens_ : int
    codes_ : ndarray of int32
        Form id of every token, corpus order.
    starts_, ends_ : ndarray of int32
        Character offsets of every token in its post's text.
    doc_offsets_ : ndarray of int64
        Tokens of post ``d`` are ``doc_offsets_[d]:doc_offsets_[d + 1]``.
    positions_, form_offsets_ : ndarray
        The inverted index: the tokens of form ``v`` are
        ``positions_[form_offsets_[v]:form_offsets_[v + 1]]``, in corpus order.

    References
    ----------
    Luhn (1960); Manning, Raghavan and Schütze (2008), *Introduction to Information
    Retrieval*, ch. 1-2 (positional inverted indexes, phrase queries).

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"doc_id": ["1", "2"],
    ...                       "text": ["Le château de Chambord, quelle merveille !",
    ...                                "Les châteaux de la Loire à vélo"]})
    >>> index = KwicIndex(posts)
    >>> conc = index.kwic("chateau*", window=2)
    >>> conc[["doc_id", "left", "match", "right"]].values.tolist()
    [['1', 'Le ', 'château', ' de Chambord'], ['2', 'Les ', 'châteaux', ' de la']]
    """

    def __init__(
        self,
        corpus: pd.DataFrame,
        *,
        text_col: str = "text",
        id_col: str = "doc_id",
        lemmatizer: str = "simplemma",
        chunk_size: int = 10_000,
        progress: bool | None = None,
    ) -> None:
        if not isinstance(corpus, pd.DataFrame):
            raise TypeError(
                f"KwicIndex needs a corpus DataFrame, got {type(corpus).__name__}; "
                "build one with tl.read_corpus or pd.DataFrame({'doc_id': ..., 'text': ...})"
            )
        check_columns(corpus, [text_col, id_col], where="KwicIndex")
        self.corpus = corpus
        self.text_col = text_col
        self.id_col = id_col
        self.lemmatizer = lemmatizer
        self._keys_cache: dict[tuple[bool, bool], dict[str, np.ndarray]] = {}
        self._lemma_cache: dict[bool, tuple[np.ndarray, dict[str, np.ndarray]]] = {}
        self._cleaner: Any = None
        self._build(corpus[text_col], max(1, int(chunk_size)), progress)

    # ------------------------------------------------------------------ building
    def _build(self, texts: pd.Series, chunk_size: int, progress: bool | None) -> None:
        from tqdm.auto import tqdm

        n = len(texts)
        vocab: dict[str, int] = {}
        codes, starts, ends, counts = [], [], [], []
        disable = None if progress is None else not progress
        bar = tqdm(total=n, desc="kwic index", unit="post", disable=disable, leave=False)
        try:
            for lo in range(0, n, chunk_size):
                chunk = _texts(texts.iloc[lo : lo + chunk_size])
                joined = "\n".join(chunk)  # no token spans a line break
                pieces = _SPLIT_RE.split(joined)
                lens = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
                cum = np.cumsum(lens)
                tok_start = cum[0:-1:2]  # a token starts where the gap before it ends
                tok_end = cum[1::2]
                doc_lens = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk)) + 1
                doc_start = np.concatenate([[0], np.cumsum(doc_lens)[:-1]])
                tok_doc = np.searchsorted(doc_start, tok_start, side="right") - 1
                local, uniques = pd.factorize(np.asarray(pieces[1::2], dtype=object))
                ids = np.fromiter(
                    (vocab.setdefault(u, len(vocab)) for u in uniques),
                    dtype=np.int64,
                    count=len(uniques),
                )
                codes.append(ids[local].astype(np.int32))
                starts.append((tok_start - doc_start[tok_doc]).astype(np.int32))
                ends.append((tok_end - doc_start[tok_doc]).astype(np.int32))
                counts.append(np.bincount(tok_doc, minlength=len(chunk)))
                bar.update(len(chunk))
        finally:
            bar.close()
        empty32 = np.zeros(0, dtype=np.int32)
        self.codes_ = np.concatenate(codes) if codes else empty32
        self.starts_ = np.concatenate(starts) if starts else empty32
        self.ends_ = np.concatenate(ends) if ends else empty32
        per_doc = np.concatenate(counts) if counts else np.zeros(0, dtype=np.int64)
        self.doc_offsets_ = np.concatenate([[0], np.cumsum(per_doc)]).astype(np.int64)
        self.n_tokens_ = len(self.codes_)
        self.vocabulary_ = np.array(list(vocab), dtype=object)
        pos_dtype = np.int32 if self.n_tokens_ < 2**31 else np.int64
        self.positions_ = np.argsort(self.codes_, kind="stable").astype(pos_dtype)
        form_counts = np.bincount(self.codes_, minlength=len(vocab))
        self.form_offsets_ = np.concatenate([[0], np.cumsum(form_counts)]).astype(np.int64)
        logger.info(
            "kwic index: %d posts, %d tokens, %d distinct forms",
            n,
            self.n_tokens_,
            len(vocab),
        )

    @property
    def nbytes(self) -> int:
        """Memory held by the index arrays, in bytes (the corpus not included)."""
        arrays = (
            self.codes_,
            self.starts_,
            self.ends_,
            self.doc_offsets_,
            self.positions_,
            self.form_offsets_,
        )
        vocab = sum(len(f) for f in self.vocabulary_) + 57 * len(self.vocabulary_)
        return int(sum(a.nbytes for a in arrays) + self.vocabulary_.nbytes + vocab)

    def __repr__(self) -> str:
        return (
            f"KwicIndex({len(self.corpus)} posts, {self.n_tokens_} tokens, "
            f"{len(self.vocabulary_)} forms)"
        )

    # ------------------------------------------------------------------ form lookup
    def _groups(self, case: bool, accents: bool) -> dict[str, np.ndarray]:
        """Matching key -> form ids, for one (case, accents) setting (cached)."""
        cache_key = (case, accents)
        if cache_key not in self._keys_cache:
            keys = [_key(f, case, accents) for f in self.vocabulary_]
            codes, uniques = pd.factorize(np.asarray(keys, dtype=object))
            order = np.argsort(codes, kind="stable")
            bounds = np.concatenate([[0], np.cumsum(np.bincount(codes))])
            self._keys_cache[cache_key] = {
                u: order[bounds[i] : bounds[i + 1]] for i, u in enumerate(uniques)
            }
        return self._keys_cache[cache_key]

    def _match_forms(self, pattern: re.Pattern[str], case: bool, accents: bool) -> np.ndarray:
        groups = self._groups(case, accents)
        hits = [ids for key, ids in groups.items() if pattern.fullmatch(key)]
        return np.concatenate(hits) if hits else np.zeros(0, dtype=np.int64)

    def _form_ids(self, token: str, kind: str, case: bool, accents: bool) -> np.ndarray | None:
        """Form ids one query token matches (None: any token, the ``*`` of a phrase)."""
        if kind == "regex":
            flags = 0 if case else re.IGNORECASE
            source = token if accents else _strip_accents(token)
            try:
                pattern = re.compile(source, flags)
            except re.error as err:
                raise ValueError(
                    f"the regular expression {token!r} is not valid ({err}); check its "
                    "brackets and escapes, or use kind='word' with * wildcards"
                ) from err
            return self._match_forms(pattern, case, accents)
        if token == "*" and kind in ("word", "phrase"):
            return None
        if kind == "hashtag" and not token.startswith("#"):
            token = "#" + token
        key = _key(token, case, accents)
        if "*" in key:
            parts = (re.escape(p) for p in key.split("*"))
            return self._match_forms(re.compile(".*".join(parts)), case, accents)
        return self._groups(case, accents).get(key, np.zeros(0, dtype=np.int64))

    # ------------------------------------------------------------------ lemmas
    def _lemma_table(self, accents: bool) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """Lemma of every form (object array) and lemma key -> form ids (cached)."""
        if accents in self._lemma_cache:
            return self._lemma_cache[accents]
        if accents is False and True in self._lemma_cache:
            lemmas = self._lemma_cache[True][0]
        else:
            lemmas = self._lemmas_of_forms()
        keys = [_key(lm, False, accents) if lm is not None else "" for lm in lemmas]
        codes, uniques = pd.factorize(np.asarray(keys, dtype=object))
        order = np.argsort(codes, kind="stable")
        bounds = np.concatenate([[0], np.cumsum(np.bincount(codes))])
        table = {u: order[bounds[i] : bounds[i + 1]] for i, u in enumerate(uniques) if u}
        self._lemma_cache[accents] = (lemmas, table)
        return lemmas, table

    def _lemmas_of_forms(self) -> np.ndarray:
        from .clean import FrenchTextCleaner

        known: dict[str, str] = {}
        corpus = self.corpus
        if {"tokens", "lemmas"} <= set(corpus.columns):
            pairs = pd.DataFrame(
                {
                    "token": corpus["tokens"].explode(ignore_index=True),
                    "lemma": corpus["lemmas"].explode(ignore_index=True),
                }
            ).dropna()
            if len(pairs):
                top = pairs.value_counts(sort=True).reset_index()
                top = top.drop_duplicates("token", keep="first")
                known = dict(zip(top["token"], top["lemma"], strict=True))
        if self._cleaner is None:
            self._cleaner = FrenchTextCleaner(lemmatizer=self.lemmatizer).fit()
        cleaner = self._cleaner
        out = np.empty(len(self.vocabulary_), dtype=object)
        for i, form in enumerate(self.vocabulary_):
            if form[0] in "#@" or not _WORD_START.match(form) or "://" in form:
                continue  # hashtags, mentions, URLs and emojis have no lemma
            low = form.lower().replace("’", "'")
            if low in CONTEXT_LEMMAS:
                out[i] = CONTEXT_LEMMAS[low][2]
            else:
                out[i] = known.get(low) or cleaner.lemmatize(low)
        return out

    def _lemma_positions(self, query: str, accents: bool) -> np.ndarray:
        _, table = self._lemma_table(accents)
        targets = self._lemma_targets(query, accents, table)
        ids = [table[t] for t in targets if t in table]
        # homographs whose lemma depends on the previous word (``a été`` -> être)
        ctx_forms = {}
        lower_forms = None
        for form, (prev_words, after, other) in CONTEXT_LEMMAS.items():
            wanted_after = _key(after, False, accents) in targets
            wanted_other = _key(other, False, accents) in targets
            if not (wanted_after or wanted_other):
                continue
            if lower_forms is None:
                lower_forms = np.array([f.lower() for f in self.vocabulary_], dtype=object)
            fids = np.flatnonzero(lower_forms == form)
            if len(fids):
                ids.append(fids)
                ctx_forms[form] = (fids, prev_words, wanted_after, wanted_other)
        form_ids = np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64)
        pos = self._positions(form_ids)
        if not ctx_forms or not len(pos):
            return pos
        keep = np.ones(len(pos), dtype=bool)
        code = self.codes_[pos]
        first = self.doc_offsets_[self._docs(pos)]
        for fids, prev_words, wanted_after, wanted_other in ctx_forms.values():
            at = np.flatnonzero(np.isin(code, fids))
            prev_ok = pos[at] > first[at]
            prev_forms = self.vocabulary_[self.codes_[np.maximum(pos[at] - 1, 0)]]
            after = prev_ok & np.array(
                [f.lower().replace("’", "'") in prev_words for f in prev_forms], dtype=bool
            )
            keep[at] = np.where(after, wanted_after, wanted_other)
        return pos[keep]

    # ------------------------------------------------------------------ positions
    def _positions(self, form_ids: np.ndarray | None) -> np.ndarray:
        """Token positions of the given forms, corpus order."""
        if form_ids is None:
            return np.arange(self.n_tokens_, dtype=np.int64)
        form_ids = np.asarray(form_ids, dtype=np.int64)
        if len(form_ids) == 0:
            return np.zeros(0, dtype=np.int64)
        if len(form_ids) == 1:
            v = form_ids[0]
            return self.positions_[self.form_offsets_[v] : self.form_offsets_[v + 1]].astype(
                np.int64
            )
        parts = [
            self.positions_[self.form_offsets_[v] : self.form_offsets_[v + 1]] for v in form_ids
        ]
        out = np.concatenate(parts).astype(np.int64)
        out.sort()
        return out

    def _count(self, form_ids: np.ndarray | None) -> int:
        if form_ids is None:
            return self.n_tokens_
        form_ids = np.asarray(form_ids, dtype=np.int64)
        return int((self.form_offsets_[form_ids + 1] - self.form_offsets_[form_ids]).sum())

    def _docs(self, positions: np.ndarray) -> np.ndarray:
        return np.searchsorted(self.doc_offsets_, positions, side="right") - 1

    def _phrase(self, sets: list[np.ndarray | None]) -> np.ndarray:
        """First positions of the token sequences matching one form set per token."""
        k = len(sets)
        counts = [self._count(s) for s in sets]
        anchor = int(np.argmin(counts))
        if sets[anchor] is None:  # only wildcards: every run of k tokens
            start = self._positions(None)
        else:
            start = self._positions(sets[anchor]) - anchor
        start = start[(start >= 0) & (start + k <= self.n_tokens_)]
        if not len(start):
            return start
        same = self._docs(start) == self._docs(start + k - 1)
        start = start[same]
        n_forms = len(self.vocabulary_)
        for j, ids in enumerate(sets):
            if j == anchor or ids is None or not len(start):
                continue
            mask = np.zeros(n_forms, dtype=bool)
            mask[ids] = True
            start = start[mask[self.codes_[start + j]]]
        return start

    # ------------------------------------------------------------------ filters
    def _doc_mask(self, where: Mapping[str, Any] | None) -> np.ndarray | None:
        if not where:
            return None
        if not isinstance(where, Mapping):
            raise TypeError(
                f"where must be a dict {{column: value}}, got {type(where).__name__}; e.g. "
                "where={'territory_code': ['37063', '41018'], 'audience': 'visitor'}"
            )
        check_columns(self.corpus, list(where), where="kwic(where=...)")
        mask = np.ones(len(self.corpus), dtype=bool)
        for col, cond in where.items():
            values = self.corpus[col]
            if callable(cond):
                sel = cond(values)
            elif isinstance(cond, tuple):
                if len(cond) != 2:
                    raise ValueError(
                        f"where[{col!r}] is a tuple of {len(cond)} items; a tuple is a range "
                        "(low, high), both included (None: open); use a list for a set of "
                        "values"
                    )
                lo, hi = cond
                sel = pd.Series(True, index=values.index)
                if isinstance(values.dtype, pd.DatetimeTZDtype):
                    lo = _time_bound(lo, values.dt.tz, end=False)
                    hi = _time_bound(hi, values.dt.tz, end=True)
                if lo is not None:
                    sel &= values >= lo
                if hi is not None:
                    sel &= values <= hi
            elif isinstance(cond, (list, set, frozenset, np.ndarray, pd.Index, pd.Series)):
                sel = values.isin(list(cond))
            else:
                sel = values == cond
            mask &= np.asarray(pd.Series(sel).fillna(False), dtype=bool)
        return mask

    # ------------------------------------------------------------------ query
    def kwic(
        self,
        query: str,
        *,
        window: int = 5,
        by: str | Sequence[str] | None = None,
        kind: Kind = "word",
        case: bool = False,
        accents: bool = False,
        sort: Literal["left", "right"] | None = None,
        where: Mapping[str, Any] | None = None,
        limit: int | None = None,
    ) -> Concordance:
        """Keyword in context: every occurrence of ``query`` with ``window`` tokens around.

        Parameters
        ----------
        query : str
            ``kind="word"``: a form; ``*`` stands for any characters (``touris*``); a
            query of several tokens (``"l'été"``) is read as a phrase. ``"phrase"``:
            tokens that must follow each other; a lone ``*`` is any one token
            (``"château * chambord"``). ``"lemma"``: a lemma (``"château"`` finds
            ``châteaux``; a form is lemmatised first); from the corpus's ``tokens`` /
            ``lemmas`` columns when it has them. ``"hashtag"``: a hashtag, with or without
            ``#``. ``"regex"``: a regular expression matched against whole tokens;
            whitespace separates the expressions of consecutive tokens.
        window : int, default 5
            Tokens shown on each side. A context reaching the start or end of the post
            shows it up to its first or last character.
        by : str or list of str, optional
            Corpus columns to add to the table (territory, audience, topic, ...).
        kind : {"word", "lemma", "phrase", "hashtag", "regex"}, default "word"
        case : bool, default False
            Case-sensitive matching.
        accents : bool, default False
            Accent-sensitive matching (``False``: ``chateau`` finds ``château``, through
            :func:`territoire_lab.clean.fold_accents`).
        sort : {"left", "right"} or None
            Order by the left context read backwards from the match (the word just
            before first), or by the match and its right context; None: corpus order.
        where : dict, optional
            Keep the posts whose column matches: a value (equality), a list or set (any
            of), a tuple ``(low, high)`` (range, both included, None for an open end;
            dates as strings are read in the column's time zone, a date alone as the
            upper bound includes that day) or a callable (Series -> boolean Series).
        limit : int, optional
            At most this many rows (after sorting).

        Returns
        -------
        Concordance
            ``doc_id, left, match, right``, the ``by`` columns, ``start, end``. One row an
            occurrence.

        Raises
        ------
        ValueError
            Empty query, unknown ``kind`` or ``sort``, invalid regular expression.
        CorpusSchemaError
            A ``by`` or ``where`` column the corpus does not have.
        """
        if kind not in _KINDS:
            raise ValueError(f"kind={kind!r} is not known; expected one of {list(_KINDS)}")
        if sort not in ("left", "right", None):
            raise ValueError(f"sort={sort!r} is not known; expected 'left', 'right' or None")
        if not isinstance(query, str) or not query.strip():
            raise ValueError(
                f"the query is empty ({query!r}); give a word, a lemma, a phrase, a hashtag "
                "or a regular expression, e.g. kwic(corpus, 'château')"
            )
        if window < 0:
            raise ValueError(f"window={window} must be >= 0")
        by_cols = [by] if isinstance(by, str) else list(by or [])
        check_columns(self.corpus, by_cols, where="kwic(by=...)")
        doc_mask = self._doc_mask(where)

        if kind == "regex":
            parts: list[str] = query.split()
        elif kind == "lemma":
            parts = [t for t, _, _ in tokenize_for_index(query)]
        else:
            parts = [
                "*" if p == "*" else t
                for p in query.split()
                for t in ([p] if p == "*" else self._query_tokens(p, kind))
            ]
        if not parts:
            raise ValueError(
                f"the query {query!r} has no token (only spaces or punctuation); give a word"
            )
        if kind == "lemma":
            if len(parts) == 1:
                start = self._lemma_positions(parts[0], accents)
            else:
                sets = [self._form_ids_lemma(p, accents) for p in parts]
                start = self._phrase(sets)
        else:
            sets = [self._form_ids(p, kind, case, accents) for p in parts]
            start = self._positions(sets[0]) if len(sets) == 1 else self._phrase(sets)
        n_match = len(parts)
        docs = self._docs(start)
        if doc_mask is not None and len(start):
            keep = doc_mask[docs]
            start, docs = start[keep], docs[keep]
        if limit is not None and sort is None:
            start, docs = start[:limit], docs[:limit]
        table = self._contexts(start, docs, n_match, window, by_cols)
        if sort is not None and len(table):
            keys = [
                _sort_key(left, match, right, sort)
                for left, match, right in zip(
                    table["left"], table["match"], table["right"], strict=True
                )
            ]
            order = np.argsort(np.asarray(keys, dtype=object), kind="stable")
            table = table.iloc[order].reset_index(drop=True)
        if limit is not None:
            table = table.head(limit)
        out = Concordance(table)
        out.kwic_query = query
        return out

    def _query_tokens(self, text: str, kind: str) -> list[str]:
        if kind == "hashtag":
            return [text]
        toks = [t for t, _, _ in tokenize_for_index(text)]
        if "*" in text:  # keep globs whole: "touris*" is one token pattern
            return [text]
        return toks

    def _form_ids_lemma(self, token: str, accents: bool) -> np.ndarray | None:
        if token == "*":
            return None
        _, table = self._lemma_table(accents)
        ids = [table[k] for k in self._lemma_targets(token, accents, table) if k in table]
        return np.unique(np.concatenate(ids)) if ids else np.zeros(0, dtype=np.int64)

    def _lemma_targets(self, token: str, accents: bool, table: dict[str, np.ndarray]) -> set[str]:
        """Lemma keys a query token stands for: itself if it is a lemma of the corpus,
        else its lemma (``châteaux`` -> ``château``)."""
        low = token.lower().replace("’", "'")
        key = _key(low, False, accents)
        if key in table:
            return {key}
        if self._cleaner is None:
            from .clean import FrenchTextCleaner

            self._cleaner = FrenchTextCleaner(lemmatizer=self.lemmatizer).fit()
        return {key, _key(self._cleaner.lemmatize(low), False, accents)}

    def _contexts(
        self,
        start: np.ndarray,
        docs: np.ndarray,
        n_match: int,
        window: int,
        by_cols: list[str],
    ) -> pd.DataFrame:
        first = self.doc_offsets_[docs]
        last = self.doc_offsets_[docs + 1] - 1  # last token of the post
        end = start + n_match - 1
        m_start = self.starts_[start].astype(np.int64)
        m_end = self.ends_[end].astype(np.int64) if len(end) else np.zeros(0, dtype=np.int64)
        l_tok = start - window
        left_from = np.where(l_tok <= first, 0, self.starts_[np.maximum(l_tok, 0)])
        r_tok = end + window
        reach_end = r_tok >= last
        right_to = np.where(reach_end, -1, self.ends_[np.minimum(r_tok, self.n_tokens_ - 1)])
        texts = _texts(self.corpus[self.text_col].iloc[docs]) if len(docs) else []
        left, match, right = [], [], []
        for text, lf, ms, me, rt in zip(
            texts,
            left_from.tolist(),
            m_start.tolist(),
            m_end.tolist(),
            right_to.tolist(),
            strict=True,
        ):
            left.append(text[lf:ms])
            match.append(text[ms:me])
            right.append(text[me:] if rt < 0 else text[me:rt])
        rows = self.corpus[list(dict.fromkeys([self.id_col, *by_cols]))].iloc[docs]
        data: dict[str, Any] = {
            "doc_id": rows[self.id_col].to_numpy(),
            "left": pd.array(left, dtype="string"),
            "match": pd.array(match, dtype="string"),
            "right": pd.array(right, dtype="string"),
        }
        for col in by_cols:
            data[col] = rows[col].to_numpy()
        data["start"] = m_start
        data["end"] = m_end
        table = pd.DataFrame(data)
        if "doc_id" in table and len(table) == 0:
            table["doc_id"] = table["doc_id"].astype(self.corpus[self.id_col].dtype)
        for col in by_cols:
            table[col] = table[col].astype(self.corpus[col].dtype)
        table["doc_id"] = table["doc_id"].astype(self.corpus[self.id_col].dtype)
        return table


def _time_bound(value: Any, tz: Any, *, end: bool) -> pd.Timestamp | None:
    """A bound of a time range in the column's time zone; a date alone as an upper bound
    means the end of that day (``("2025-06-01", "2025-08-31")`` keeps August 31)."""
    if value is None:
        return None
    ts = pd.Timestamp(value)
    if ts.tzinfo is None:
        ts = ts.tz_localize(tz)
    if end and isinstance(value, str) and len(value.strip()) <= 10:
        ts = ts + pd.Timedelta(days=1) - pd.Timedelta(nanoseconds=1)
    return ts


def _sort_key(left: str, match: str, right: str, sort: str) -> str:
    if sort == "left":
        words = [fold_accents(t) for t in _TOKEN_RE.findall(left)]
        return " ".join(reversed(words))
    words = [fold_accents(t) for t in _TOKEN_RE.findall(match + " " + right)]
    return " ".join(words)


def build_index(corpus: pd.DataFrame, **options: Any) -> KwicIndex:
    """Build a :class:`KwicIndex` of a corpus (``options`` are passed to it).

    Examples
    --------
    >>> import pandas as pd
    >>> build_index(pd.DataFrame({"doc_id": ["1"], "text": ["Blois, la ville"]}))
    KwicIndex(1 posts, 3 tokens, 3 forms)
    """
    return KwicIndex(corpus, **options)


def kwic(
    corpus: pd.DataFrame | KwicIndex,
    query: str,
    *,
    window: int = 5,
    by: str | Sequence[str] | None = None,
    kind: Kind = "word",
    case: bool = False,
    accents: bool = False,
    sort: Literal["left", "right"] | None = None,
    where: Mapping[str, Any] | None = None,
    limit: int | None = None,
    text_col: str = "text",
    id_col: str = "doc_id",
) -> Concordance:
    """Keyword in context (concordance) of a word, lemma, phrase, hashtag or regex.

    Builds a :class:`KwicIndex` and queries it once: for several queries on a large
    corpus, build the index once with :func:`build_index` and call its ``kwic`` method
    (or pass the index here as ``corpus``). See :meth:`KwicIndex.kwic` for the options.

    Parameters
    ----------
    corpus : DataFrame or KwicIndex
    query : str
    window, by, kind, case, accents, sort, where, limit
        See :meth:`KwicIndex.kwic`.
    text_col, id_col : str
        Columns of the text and of the post id (when a DataFrame is given).

    Returns
    -------
    Concordance
        ``doc_id, left, match, right``, the ``by`` columns, ``start, end``; rendered as an
        aligned table in notebooks; write it with :func:`territoire_lab.export`.

    References
    ----------
    Luhn, H. P. (1960). Key word-in-context index for technical literature (KWIC index).
    *American Documentation*, 11(4), 288-295.

    Examples
    --------
    >>> import pandas as pd
    >>> posts = pd.DataFrame({"doc_id": ["a", "b"], "territory_code": ["41018", "37063"],
    ...     "text": ["Soirée magique à Blois, le château illuminé !", "Tours sous la pluie."]})
    >>> conc = kwic(posts, "chateau", window=2, by="territory_code")
    >>> conc[["doc_id", "left", "match", "right", "territory_code"]].iloc[0].tolist()
    ['a', 'Blois, le ', 'château', ' illuminé !', '41018']
    """
    index = (
        corpus
        if isinstance(corpus, KwicIndex)
        else KwicIndex(corpus, text_col=text_col, id_col=id_col, progress=False)
    )
    return index.kwic(
        query,
        window=window,
        by=by,
        kind=kind,
        case=case,
        accents=accents,
        sort=sort,
        where=where,
        limit=limit,
    )


# --------------------------------------------------------------------------------------
# Collocations
# --------------------------------------------------------------------------------------

_SMALL = 1e-20  # as NLTK's metrics.association
_MEASURES = ("pmi", "llr", "t")


_BLANK = frozenset(" \t\u00a0\u202f\u2009\u2007\u200a")


def _encode_texts(
    texts: Sequence[str], chunk_size: int = 10_000
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lower-case word tokens of texts as ids, cut into segments, and the vocabulary.

    Read with the index's tokeniser; stopwords are kept. A segment ends at any
    punctuation or line break between two words, and at hashtags, mentions, URLs and
    emojis (which are dropped): an n-gram never spans ``Tours, Blois``. Vectorised: one
    ``re.split`` a chunk, then work on the distinct gaps and forms only.

    Returns
    -------
    ids, segment, vocabulary : ndarray
        Token ids and the segment of each token (as the document ids of :func:`_encode`).
    """
    vocab: dict[str, int] = {}
    ids_parts, seg_parts = [], []
    n_seg = 0
    for lo in range(0, len(texts), chunk_size):
        pieces = _SPLIT_RE.split("\n".join(texts[lo : lo + chunk_size]))
        if len(pieces) < 2:
            continue
        gap_codes, gap_uniques = pd.factorize(np.asarray(pieces[0:-1:2], dtype=object))
        gap_cut = np.fromiter(
            (not set(g) <= _BLANK for g in gap_uniques), dtype=bool, count=len(gap_uniques)
        )
        tok_codes, tok_uniques = pd.factorize(np.asarray(pieces[1::2], dtype=object))
        is_word = np.fromiter(
            (
                t[0] not in "#@" and _WORD_START.match(t) is not None and "://" not in t
                for t in tok_uniques
            ),
            dtype=bool,
            count=len(tok_uniques),
        )
        gids = np.fromiter(
            (vocab.setdefault(t.lower().replace("’", "'"), len(vocab)) for t in tok_uniques),
            dtype=np.int64,
            count=len(tok_uniques),
        )
        word = is_word[tok_codes]
        new_seg = gap_cut[gap_codes]
        new_seg[0] = True
        new_seg[1:] |= ~word[:-1]
        seg = np.cumsum(new_seg) + n_seg
        n_seg = int(seg[-1]) + 1
        ids_parts.append(gids[tok_codes][word])
        seg_parts.append(seg[word])
    if not ids_parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, dtype=object)
    ids = np.concatenate(ids_parts)
    used, ids = np.unique(ids, return_inverse=True)  # drop the ids of non-word forms
    vocabulary = np.array(list(vocab), dtype=object)[used]
    return ids.ravel().astype(np.int64), np.concatenate(seg_parts), vocabulary


def _documents(
    corpus_or_tokens: Any, column: str | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, str]:
    """Token ids, document (or segment) of each token, vocabulary, source description."""
    if isinstance(corpus_or_tokens, pd.DataFrame):
        col = column or "text"
        check_columns(corpus_or_tokens, [col], where="collocations")
        values = corpus_or_tokens[col]
        if col == "text" or pd.api.types.is_string_dtype(values.dtype):
            return (*_encode_texts(_texts(values)), col)
        docs = [list(v) if isinstance(v, (list, tuple, np.ndarray)) else [] for v in values]
        return (*_encode(docs), col)
    if isinstance(corpus_or_tokens, pd.Series):
        values = corpus_or_tokens.tolist()
    else:
        values = list(corpus_or_tokens)
    if values and all(isinstance(v, str) or v is None for v in values):
        return (*_encode_texts([v or "" for v in values]), "texts")
    return (*_encode([list(v) if v is not None else [] for v in values]), "token lists")


def _encode(docs: list[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ids, document id of each token, vocabulary."""
    lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    flat = [t for d in docs for t in d]
    ids, vocab = (
        pd.factorize(np.asarray(flat, dtype=object))
        if flat
        else (
            np.zeros(0, dtype=np.int64),
            np.zeros(0, dtype=object),
        )
    )
    doc = np.repeat(np.arange(len(docs)), lengths)
    return np.asarray(ids, dtype=np.int64), doc, np.asarray(vocab, dtype=object)


def _pair_counts(
    ids: np.ndarray, doc: np.ndarray, dist: int, n_vocab: int
) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys ``a * V + b`` of the pairs at distance ``dist`` in one doc, and counts."""
    if len(ids) <= dist:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    same = doc[:-dist] == doc[dist:]
    keys = ids[:-dist][same] * n_vocab + ids[dist:][same]
    return np.unique(keys, return_counts=True)


def _lookup(keys: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    if not len(keys):
        return np.zeros(len(wanted), dtype=np.int64)
    at = np.clip(np.searchsorted(keys, wanted), 0, len(keys) - 1)
    return np.where(keys[at] == wanted, counts[at], 0)


def _llr(cont: np.ndarray, expected: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = cont * np.log(cont / (expected + _SMALL) + _SMALL)
    return 2 * np.where(cont == 0, 0.0, terms).sum(axis=0)


def _bigram_scores(n_ii: np.ndarray, n_ix: np.ndarray, n_xi: np.ndarray, n_xx: float) -> dict:
    n_oi = n_xi - n_ii
    n_io = n_ix - n_ii
    cont = np.vstack([n_ii, n_oi, n_io, n_xx - n_ii - n_oi - n_io]).astype(float)
    total = cont.sum(axis=0)
    expected = np.vstack(
        [(cont[i] + cont[i ^ 1]) * (cont[i] + cont[i ^ 2]) / total for i in range(4)]
    )
    return {
        "pmi": np.log2(n_ii * n_xx) - np.log2(n_ix * n_xi),
        "llr": _llr(cont, expected),
        "t": (n_ii - n_ix * n_xi / n_xx) / np.sqrt(n_ii + _SMALL),
    }


def _trigram_scores(
    n_iii: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    singles: tuple[np.ndarray, np.ndarray, np.ndarray],
    n_xxx: float,
) -> dict:
    n_iix, n_ixi, n_xii = pairs
    n_ixx, n_xix, n_xxi = singles
    n_oii = n_xii - n_iii
    n_ioi = n_ixi - n_iii
    n_iio = n_iix - n_iii
    n_ooi = n_xxi - n_iii - n_oii - n_ioi
    n_oio = n_xix - n_iii - n_oii - n_iio
    n_ioo = n_ixx - n_iii - n_ioi - n_iio
    n_ooo = n_xxx - n_iii - n_oii - n_ioi - n_iio - n_ooi - n_oio - n_ioo
    cont = np.vstack([n_iii, n_oii, n_ioi, n_ooi, n_iio, n_oio, n_ioo, n_ooo]).astype(float)
    total = cont.sum(axis=0)
    expected = []
    for i in range(8):  # NLTK's NgramAssocMeasures._expected_values, n = 3
        prod = np.ones_like(total)
        for j in (1, 2, 4):
            prod = prod * sum(cont[x] for x in range(8) if (x & j) == (i & j))
        expected.append(prod / total**2)
    product = n_ixx * n_xix * n_xxi
    return {
        "pmi": np.log2(n_iii * n_xxx**2) - np.log2(product),
        "llr": _llr(cont, np.vstack(expected)),
        "t": (n_iii - product / n_xxx**2) / np.sqrt(n_iii + _SMALL),
    }


def collocations(
    corpus_or_tokens: pd.DataFrame | pd.Series | Sequence[Any],
    *,
    n: int = 2,
    measures: Sequence[str] = _MEASURES,
    min_freq: int = 3,
    window: int | None = None,
    column: str | None = None,
    stopwords: Iterable[str] | Literal["default"] | None = "default",
    sort_by: str | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Bigrams or trigrams ranked by PMI, log-likelihood ratio and t-score.

    Counts and scores are those of NLTK's ``BigramCollocationFinder.from_documents`` /
    ``TrigramCollocationFinder`` with ``BigramAssocMeasures`` / ``TrigramAssocMeasures``
    (``pmi``, ``likelihood_ratio``, ``student_t``), computed with numpy: n-grams never
    cross a document (nor, for texts, a punctuation mark); ``n_xx`` is the number of
    tokens; with a bigram ``window`` w > 2 the pair count is divided by w - 1 (Church and
    Hanks 1990), as NLTK does.

    Parameters
    ----------
    corpus_or_tokens : DataFrame, Series or sequence
        A corpus (``column`` is read: ``"text"`` by default, or a column of token lists
        such as ``tokens`` / ``lemmas``), texts, or token lists. Texts are read with the
        tokeniser of :func:`tokenize_for_index`, lower-cased, stopwords kept (so that
        *château de Chambord* can be found), and cut at punctuation, hashtags, mentions,
        URLs and emojis.
    n : {2, 3}, default 2
    measures : sequence of {"pmi", "llr", "t"}
        Columns to compute; the table is sorted by the first (or ``sort_by``).
    min_freq : int, default 3
        Drop n-grams seen fewer times (NLTK's ``apply_freq_filter``; the scores of the
        others do not change).
    window : int, optional
        Bigrams only: count pairs up to ``window - 1`` tokens apart (default 2, adjacent).
    column : str, optional
        Column of a corpus to read.
    stopwords : iterable of str, None or "default"
        Drop n-grams whose first or last word is a stopword (NLTK's
        ``apply_ngram_filter``); inner stopwords stay (*office de tourisme*). "default":
        :func:`territoire_lab.clean.load_stopwords`; None: keep all.
    sort_by : str, optional
        A measure or ``"freq"``.
    top : int, optional
        Keep the first ``top`` rows.

    Returns
    -------
    DataFrame
        ``ngram`` (words joined by a space), ``w1, w2[, w3]``, ``freq`` (raw count), then
        one column a measure: ``pmi`` (log2), ``llr`` (Dunning's G2), ``t``.

    References
    ----------
    Church and Hanks (1990); Dunning (1993); Manning and Schütze (1999), ch. 5; NLTK
    (Bird, Klein and Loper 2009), ``nltk.collocations`` and ``nltk.metrics.association``.

    Examples
    --------
    >>> docs = [["office", "de", "tourisme", "de", "blois"],
    ...         ["office", "de", "tourisme", "ouvert"], ["le", "tourisme", "à", "blois"]]
    >>> collocations(docs, n=3, min_freq=2)[["ngram", "freq"]].values.tolist()
    [['office de tourisme', 2]]
    """
    if n not in (2, 3):
        raise ValueError(f"n={n} is not supported; use n=2 (bigrams) or n=3 (trigrams)")
    bad = [m for m in measures if m not in _MEASURES]
    if bad or not measures:
        raise ValueError(f"unknown measure(s) {bad}; expected some of {list(_MEASURES)}")
    if window is None:
        window = n
    if n == 3 and window != 3:
        raise ValueError("window applies to bigrams only; trigrams are contiguous (window=3)")
    if window < 2:
        raise ValueError(f"window={window} must be >= 2")
    ids, doc, vocab, source = _documents(corpus_or_tokens, column)
    n_vocab = max(len(vocab), 1)
    word_fd = np.bincount(ids, minlength=len(vocab)).astype(float)
    n_all = float(len(ids))
    words = [f"w{i + 1}" for i in range(n)]
    if n == 2:
        pair_keys, pair_counts = [], []
        for d in range(1, window):
            k, c = _pair_counts(ids, doc, d, n_vocab)
            pair_keys.append(k)
            pair_counts.append(c)
        keys = np.concatenate(pair_keys) if pair_keys else np.zeros(0, dtype=np.int64)
        cnts = np.concatenate(pair_counts) if pair_counts else np.zeros(0, dtype=np.int64)
        keys, inv = np.unique(keys, return_inverse=True)
        freq = np.bincount(inv.ravel(), weights=cnts, minlength=len(keys)).astype(np.int64)
        a, b = keys // n_vocab, keys % n_vocab
        parts = [a, b]
    else:
        if len(ids) >= 3:
            same = (doc[:-2] == doc[2:]) & (doc[:-2] == doc[1:-1])
            a0, b0, c0 = ids[:-2][same], ids[1:-1][same], ids[2:][same]
        else:
            a0 = b0 = c0 = np.zeros(0, dtype=np.int64)
        tri = np.stack([a0, b0, c0], axis=1) if len(a0) else np.zeros((0, 3), dtype=np.int64)
        uniq, freq = np.unique(tri, axis=0, return_counts=True)
        parts = [uniq[:, 0], uniq[:, 1], uniq[:, 2]] if len(uniq) else [np.zeros(0, np.int64)] * 3
    keep = freq >= min_freq
    sw = frozenset(load_stopwords()) if stopwords == "default" else frozenset(stopwords or ())
    if sw and len(vocab):
        is_stop = np.fromiter((w in sw for w in vocab), dtype=bool, count=len(vocab))
        keep &= ~is_stop[parts[0]] & ~is_stop[parts[-1]]
    parts = [p[keep] for p in parts]
    freq = freq[keep]
    f = freq.astype(float)
    if n == 2:
        scores = _bigram_scores(f / (window - 1), word_fd[parts[0]], word_fd[parts[1]], n_all)
    else:
        ab_k, ab_c = _pair_counts(ids, doc, 1, n_vocab)
        ac_k, ac_c = _pair_counts(ids, doc, 2, n_vocab)
        a, b, c = parts
        pairs = (
            _lookup(ab_k, ab_c, a * n_vocab + b).astype(float),
            _lookup(ac_k, ac_c, a * n_vocab + c).astype(float),
            _lookup(ab_k, ab_c, b * n_vocab + c).astype(float),
        )
        singles = (word_fd[a], word_fd[b], word_fd[c])
        scores = _trigram_scores(f, pairs, singles, n_all)
    data: dict[str, Any] = {}
    cols = [vocab[p] if len(vocab) else np.zeros(0, dtype=object) for p in parts]
    data["ngram"] = [" ".join(t) for t in zip(*cols, strict=True)]
    for name, values in zip(words, cols, strict=True):
        data[name] = values
    data["freq"] = freq.astype(np.int64)
    for m in measures:
        data[m] = scores[m]
    out = pd.DataFrame(data)
    for col in ["ngram", *words]:
        out[col] = out[col].astype("string")
    key = sort_by or measures[0]
    if key not in out.columns:
        raise ValueError(
            f"sort_by={key!r} is not a column; expected 'freq' or one of {list(measures)}"
        )
    out = out.sort_values([key, "freq", "ngram"], ascending=[False, False, True], kind="stable")
    out = out.reset_index(drop=True)
    if top is not None:
        out = out.head(top)
    logger.info(
        "collocations: %d %s-grams kept (min_freq=%d) from %d tokens of %s",
        len(out),
        n,
        min_freq,
        int(n_all),
        source,
    )
    return out


def _patterns(collocations: Any) -> list[tuple[str, ...]]:
    if isinstance(collocations, pd.DataFrame):
        if "ngram" not in collocations.columns:
            raise ValueError(
                "the collocation table has no 'ngram' column; pass the output of "
                "collocations() or a list of strings such as ['château de chambord']"
            )
        items: Iterable[Any] = collocations["ngram"].tolist()
    elif isinstance(collocations, str):
        items = [collocations]
    else:
        items = collocations
    out = []
    for item in items:
        words = tuple(item.split()) if isinstance(item, str) else tuple(item)
        if len(words) >= 2:
            out.append(tuple(w.lower() for w in words))
    return out


def merge_collocations(
    tokens: pd.Series | Sequence[Sequence[str]],
    collocations: pd.DataFrame | Iterable[str | Sequence[str]],
    *,
    sep: str = "_",
    stopwords: Iterable[str] | Literal["default"] | None = "default",
) -> pd.Series | list[list[str]]:
    """Join chosen collocations into single tokens (``château_de_chambord``).

    Each document is read left to right and the longest collocation starting at each
    token is replaced by its words joined with ``sep`` (as NLTK's ``MWETokenizer`` or
    gensim's ``Phraser`` do). The underscore is the default so that the merged token
    stays one word for vectorisers (``\\w+``) and for ``str.split``. A collocation is
    also found without its stopwords, so that *château de Chambord* (found in the texts)
    is merged in the ``tokens`` / ``lemmas`` columns of :func:`clean_corpus`, from which
    ``de`` is gone: ``["château", "chambord"]`` -> ``["château_de_chambord"]``.

    Parameters
    ----------
    tokens : Series or sequence of token lists
    collocations : DataFrame (from :func:`collocations`) or iterable of str / tuples
    sep : str, default "_"
    stopwords : iterable of str, None or "default"
        Words a collocation may lose (default :func:`territoire_lab.clean.load_stopwords`).

    Returns
    -------
    Series (aligned on ``tokens``) or list of lists
        New lists; the input is not modified.

    Examples
    --------
    >>> merge_collocations([["visite", "château", "chambord", "office", "de", "tourisme"]],
    ...                    ["château de chambord", "office de tourisme"])
    [['visite', 'château_de_chambord', 'office_de_tourisme']]
    """
    pats = _patterns(collocations)
    sw = frozenset(load_stopwords()) if stopwords == "default" else frozenset(stopwords or ())
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    seen: set[tuple[str, ...]] = set()
    for pat in pats:
        joined = sep.join(pat)
        short = tuple(w for w in pat if w not in sw)
        for variant in (pat, short):
            if len(variant) >= 2 and variant not in seen:
                seen.add(variant)
                by_first.setdefault(variant[0], []).append((variant, joined))
    for cands in by_first.values():
        cands.sort(key=lambda c: -len(c[0]))
    firsts = frozenset(by_first)

    def merge(doc: Any) -> list[str]:
        if not isinstance(doc, (list, tuple, np.ndarray)):
            return []
        toks = list(doc)
        if firsts.isdisjoint(toks):
            return toks
        out: list[str] = []
        i, n = 0, len(toks)
        while i < n:
            cands = by_first.get(toks[i])
            if cands:
                for pat, joined in cands:
                    k = len(pat)
                    if tuple(toks[i : i + k]) == pat:
                        out.append(joined)
                        i += k
                        break
                else:
                    out.append(toks[i])
                    i += 1
            else:
                out.append(toks[i])
                i += 1
        return out

    if isinstance(tokens, pd.Series):
        values = [merge(d) for d in tokens.tolist()]
        arr = np.empty(len(values), dtype=object)
        arr[:] = values
        return pd.Series(arr, index=tokens.index, name=tokens.name, dtype=object)
    return [merge(d) for d in tokens]


class CollocationMerger(TransformerMixin, BaseEstimator):
    """Find collocations (fit) and join them into single tokens (transform).

    A scikit-learn transformer for a pipeline before a topic model or a keyness table:
    ``fit`` ranks the n-grams of ``find_in`` with :func:`collocations` and keeps the
    best ``max_collocations`` (or those above ``threshold``); ``transform`` merges them
    into the token lists of ``column`` with :func:`merge_collocations`.

    Parameters
    ----------
    n : int or tuple of int, default (2, 3)
        Bigrams, trigrams or both (trigrams are merged first when longer).
    measure : {"llr", "pmi", "t"}, default "llr"
    min_freq : int, default 5
    max_collocations : int, default 100
        Per n.
    threshold : float, optional
        Keep only the n-grams whose ``measure`` is at least this.
    column : str, default "lemmas"
        Column of token lists to merge into.
    find_in : str, optional
        Column where the collocations are looked for (default: ``"text"`` if the corpus
        has it, so that stopwords inside collocations are seen; else ``column``).
    output_col : str, optional
        Column written by ``transform`` (default ``column + "_merged"``; a column is never
        overwritten).
    sep : str, default "_"

    Attributes
    ----------
    collocations_ : DataFrame
        The kept collocations (``n`` column added).

    References
    ----------
    Dunning (1993); Church and Hanks (1990); Mikimoto et al. gensim ``Phrases`` for the
    merging step in topic-model pipelines.

    Examples
    --------
    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"text": ["Office de tourisme de Blois"] * 3,
    ...                        "lemmas": [["office", "tourisme", "blois"]] * 3})
    >>> merger = CollocationMerger(n=3, min_freq=2).fit(corpus)
    >>> merger.transform(corpus)["lemmas_merged"].iloc[0]
    ['office_de_tourisme', 'blois']
    """

    def __init__(
        self,
        n: int | tuple[int, ...] = (2, 3),
        *,
        measure: str = "llr",
        min_freq: int = 5,
        max_collocations: int = 100,
        threshold: float | None = None,
        column: str = "lemmas",
        find_in: str | None = None,
        output_col: str | None = None,
        sep: str = "_",
    ) -> None:
        self.n = n
        self.measure = measure
        self.min_freq = min_freq
        self.max_collocations = max_collocations
        self.threshold = threshold
        self.column = column
        self.find_in = find_in
        self.output_col = output_col
        self.sep = sep

    def fit(self, X: Any, y: Any = None) -> CollocationMerger:  # noqa: N803
        """Find the collocations of ``X`` (a corpus DataFrame or token lists)."""
        ns = (self.n,) if isinstance(self.n, int) else tuple(self.n)
        tables = []
        for n in ns:
            if isinstance(X, pd.DataFrame):
                find_in = self.find_in or ("text" if "text" in X.columns else self.column)
                table = collocations(
                    X, n=n, measures=(self.measure,), min_freq=self.min_freq, column=find_in
                )
            else:
                table = collocations(X, n=n, measures=(self.measure,), min_freq=self.min_freq)
            if self.threshold is not None:
                table = table[table[self.measure] >= self.threshold]
            table = table.head(self.max_collocations).copy()
            table.insert(0, "n", n)
            tables.append(table)
        self.collocations_ = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
        self.n_features_in_ = 1
        return self

    def transform(self, X: Any) -> Any:  # noqa: N803
        """Merge the fitted collocations.

        Returns
        -------
        DataFrame, Series or list
            For a corpus: a copy with ``output_col`` added (aligned, same rows); for a
            Series of token lists: a Series; for a list: a list.
        """
        if not hasattr(self, "collocations_"):
            raise ValueError("this CollocationMerger is not fitted yet; call fit(corpus) first")
        table = self.collocations_
        if isinstance(X, pd.DataFrame):
            check_columns(X, [self.column], where="CollocationMerger.transform")
            out_col = self.output_col or f"{self.column}_merged"
            if out_col in X.columns:
                raise ValueError(
                    f"the corpus already has the column {out_col!r}; a column is never "
                    "overwritten: drop it first or set output_col="
                )
            out = X.copy()
            out[out_col] = merge_collocations(X[self.column], table, sep=self.sep)
            return out
        return merge_collocations(X, table, sep=self.sep)


# --------------------------------------------------------------------------------------
# Representative posts
# --------------------------------------------------------------------------------------

_PSEUDONYM_RE = re.compile(r"^u_[0-9a-f]{24}$")


def _allowed(allow: Any) -> list[str]:
    if allow is None:
        return []
    if isinstance(allow, pd.DataFrame):
        check_columns(allow, ["author_id"], where="examples(allow=...)", table="institutions")
        return allow["author_id"].dropna().astype(str).tolist()
    if isinstance(allow, str):
        return [allow]
    return [str(a) for a in allow]


def examples(
    corpus: pd.DataFrame,
    by: str | pd.Series | None = None,
    *,
    n: int = 5,
    scores: str | pd.Series | pd.DataFrame | None = None,
    method: Literal["typical", "random"] = "typical",
    random_state: int | None = None,
    groups: Sequence[Any] | None = None,
    text_col: str = "text",
    tokens_col: str | None = "lemmas",
    columns: Sequence[str] = ("created_at", "platform", "territory_code"),
    key: bytes | str | None = None,
    allow: Any = None,
    scrub: bool = True,
    unique_text: bool = True,
) -> pd.DataFrame:
    """Representative posts of each group: the most typical ones, or a seeded sample.

    Parameters
    ----------
    corpus : DataFrame
        One row a post, with ``doc_id``, ``author_id`` and ``text_col``.
    by : str or Series, optional
        The groups: a column (``topic``, ``reinert_class``, ``audience``, an alert id) or
        labels aligned on the corpus (a boolean Series for "posts with this term"); None:
        the whole corpus is one group.
    n : int, default 5
        Posts a group.
    scores : str, Series or DataFrame, optional
        ``method="typical"``: how typical a post is. A column or Series (higher is more
        typical: a topic weight, a probability) ranks the posts inside their group; a
        DataFrame with one column a group (the document-topic matrix) ranks every post
        of the corpus (of the group, when ``by`` is given) on its group's column. None:
        cosine similarity to the group's centroid in TF-IDF (Salton and Buckley 1988)
        of ``tokens_col`` (or of ``text_col`` when the corpus has no such column). Ties
        (short posts often have a topic weight of 1) are broken by the similarity to
        the score-weighted TF-IDF centroid of the group: the most central post first.
    method : {"typical", "random"}, default "typical"
    random_state : int, optional
        Seed of ``method="random"``; the same seed gives the same posts.
    groups : sequence, optional
        Only these groups, in this order (default: all, sorted).
    columns : sequence of str
        Corpus columns shown beside the text (those the corpus has).
    key : bytes or str, optional
        Pseudonymisation key (see :func:`territoire_lab.privacy.resolve_key`): used to
        pseudonymise mentions in the texts and any author that is neither a pseudonym
        (``u_`` + 24 hex digits) nor allow-listed.
    allow : iterable of str or DataFrame, optional
        Allow-listed institutional handles shown as they are (the ``institutions`` table
        of :func:`territoire_lab.load_sample` works). Other authors are never shown raw.
    scrub : bool, default True
        Texts through :func:`territoire_lab.privacy.scrub_text` (mentions pseudonymised,
        e-mails and French phone numbers replaced).
    unique_text : bool, default True
        Skip a post whose text repeats one already picked for the group (reposts, bots).

    Returns
    -------
    DataFrame
        ``group`` (named after ``by``), ``rank`` (1 = most typical), ``doc_id``,
        ``author`` (pseudonym or allow-listed handle), the ``columns``, ``score``
        (typical only), ``text``. Ready to paste into a report.

    References
    ----------
    Salton, G. and Buckley, C. (1988). Term-weighting approaches in automatic text
    retrieval. *Information Processing & Management*, 24(5), 513-523.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> s = tl.load_sample(key="doc example key, 16+ bytes")
    >>> ex = examples(s.corpus.head(500), by="platform", n=2, method="random",
    ...               random_state=0, key="doc example key, 16+ bytes", allow=s.institutions)
    >>> list(ex.columns[:4])
    ['platform', 'rank', 'doc_id', 'author']
    """
    if method not in ("typical", "random"):
        raise ValueError(f"method={method!r} is not known; expected 'typical' or 'random'")
    if n < 1:
        raise ValueError(f"n={n} must be >= 1")
    check_columns(corpus, ["doc_id", "author_id", text_col], where="examples")
    if isinstance(by, str):
        check_columns(corpus, [by], where="examples(by=...)")
        labels = corpus[by]
        group_name = by
    elif isinstance(by, pd.Series):
        if len(by) != len(corpus) or not by.index.equals(corpus.index):
            raise ValueError(
                "by is a Series not aligned on the corpus (different length or index); "
                "build it from the corpus, e.g. corpus['lemmas'].map(...)"
            )
        labels = by
        group_name = by.name if by.name is not None else "group"
    elif by is None:
        labels = pd.Series("all", index=corpus.index)
        group_name = "group"
    else:
        raise TypeError(f"by must be a column name, a Series or None, got {type(by).__name__}")
    labels = labels.reset_index(drop=True)
    frame = corpus.reset_index(drop=True)
    present = labels.dropna().unique().tolist()
    if groups is None:
        try:
            order = sorted(present)
        except TypeError:
            order = present
    else:
        order = list(groups)
        missing = [g for g in order if g not in present]
        if missing:
            raise ValueError(
                f"group(s) {missing} not found in {group_name!r}; present: "
                f"{sorted(map(str, present))[:20]}"
            )
    show_cols = [c for c in columns if c in frame.columns and c not in ("doc_id", "author_id")]
    texts = frame[text_col]

    score_matrix: pd.DataFrame | None = None
    score_vec: np.ndarray | None = None
    if method == "typical":
        if isinstance(scores, pd.DataFrame):
            score_matrix = scores.reset_index(drop=True)
            if len(score_matrix) != len(frame):
                raise ValueError(
                    f"scores has {len(score_matrix)} rows, the corpus {len(frame)}: a score "
                    "table must be aligned on the corpus (one row a post)"
                )
            absent = [g for g in order if g not in score_matrix.columns]
            if absent and by is not None:
                raise ValueError(
                    f"scores has no column for group(s) {absent}; its columns: "
                    f"{list(score_matrix.columns)[:20]}"
                )
            if by is None:
                order = list(score_matrix.columns)
        elif isinstance(scores, str):
            check_columns(corpus, [scores], where="examples(scores=...)")
            score_vec = pd.to_numeric(frame[scores], errors="coerce").to_numpy(float)
        elif isinstance(scores, pd.Series):
            score_vec = pd.to_numeric(scores, errors="coerce").to_numpy(float)
            if len(score_vec) != len(frame):
                raise ValueError("scores is not aligned on the corpus (different length)")
        elif scores is not None:
            raise TypeError("scores must be a column name, a Series, a DataFrame or None")
        tfidf = _tfidf(frame, text_col, tokens_col)

    rng = np.random.default_rng(random_state)
    picks: list[tuple[Any, int, int, float]] = []
    for g in order:
        if score_matrix is not None:
            members = (
                np.arange(len(frame)) if by is None else np.flatnonzero((labels == g).to_numpy())
            )
            values = score_matrix[g].to_numpy(float)[members]
        else:
            members = np.flatnonzero((labels == g).fillna(False).to_numpy(dtype=bool))
            values = None if score_vec is None else score_vec[members]
        if method == "random":
            candidates = rng.permutation(members)
            vals = np.full(len(candidates), np.nan)
        else:
            if values is None:  # no score: similarity to the group's centroid
                values = _similarity(tfidf, members, np.ones(len(members)))
                sims = values
            else:
                ok = ~np.isnan(values)
                members, values = members[ok], values[ok]
                sims = _similarity(tfidf, members, np.clip(values, 0, None))
            rank_order = np.lexsort((-sims, -values))  # ties: the most central first
            candidates, vals = members[rank_order], values[rank_order]
        seen: set[str] = set()
        rank = 0
        for row, val in zip(candidates.tolist(), vals.tolist(), strict=True):
            if unique_text:
                t = texts.iloc[row]
                norm = " ".join(str(t).lower().split()) if isinstance(t, str) else ""
                if norm in seen:
                    continue
                seen.add(norm)
            rank += 1
            picks.append((g, rank, row, val))
            if rank >= n:
                break
    rows = [p[2] for p in picks]
    sub = frame.iloc[rows]
    allowed = _allowed(allow)
    authors = sub["author_id"].astype("string")
    from .privacy import normalize_handle, pseudonymize, scrub_text

    allowed_norm = {normalize_handle(a) for a in allowed}
    raw = authors.notna() & ~authors.fillna("").str.match(_PSEUDONYM_RE.pattern)
    raw &= ~authors.fillna("").map(lambda a: normalize_handle(a) in allowed_norm).astype(bool)
    if raw.any():
        authors = authors.copy()
        authors[raw] = pseudonymize(authors[raw], key=key)
    shown = (
        scrub_text(sub[text_col].astype("string"), key=key, allow=allowed)
        if scrub
        else sub[text_col].astype("string")
    )
    out = pd.DataFrame(
        {
            group_name: [p[0] for p in picks],
            "rank": np.array([p[1] for p in picks], dtype=np.int64),
            "doc_id": sub["doc_id"].to_numpy(),
            "author": authors.to_numpy(),
        }
    )
    for col in show_cols:
        out[col] = sub[col].to_numpy()
    if method == "typical":
        out["score"] = np.array([p[3] for p in picks], dtype=float)
    out["text"] = pd.array(shown.to_numpy(), dtype="string")
    out["doc_id"] = out["doc_id"].astype(corpus["doc_id"].dtype)
    out["author"] = out["author"].astype("string")
    for col in show_cols:
        out[col] = out[col].astype(corpus[col].dtype)
    return out


def _tfidf(frame: pd.DataFrame, text_col: str, tokens_col: str | None) -> Any:
    """L2-normalised TF-IDF rows of the posts (``tokens_col`` lists, else the texts)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if tokens_col and tokens_col in frame.columns:
        docs: list[Any] = [
            list(v) if isinstance(v, (list, tuple, np.ndarray)) else [] for v in frame[tokens_col]
        ]
        vec = TfidfVectorizer(analyzer=_identity, min_df=1)
    else:
        docs = _texts(frame[text_col])
        vec = TfidfVectorizer(lowercase=True, min_df=1)
    try:
        return vec.fit_transform(docs)
    except ValueError:  # empty vocabulary
        return None


def _similarity(x: Any, rows: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Cosine similarity of the rows to their weighted centroid."""
    if x is None or not len(rows) or weights.sum() <= 0:
        return np.zeros(len(rows))
    sub = x[rows]
    centroid = np.asarray(sub.T @ weights).ravel() / weights.sum()
    norm = np.linalg.norm(centroid)
    return np.zeros(len(rows)) if norm == 0 else np.asarray(sub @ (centroid / norm)).ravel()


def _identity(tokens: Any) -> Any:
    return tokens
