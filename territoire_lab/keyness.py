"""Keyness: which words are typical of a territory, an audience or a period.

Compare the vocabulary of the groups of a corpus (territories, audiences, months, ...)
one group against the rest (N groups at once) or pairwise, with the classic measures of
corpus linguistics and French textometry:

``g2``
    Log-likelihood ratio G² of the 2 x 2 table term / other terms x group / reference
    (Dunning 1993; Rayson & Garside 2000).
``chi2``
    Pearson's chi-squared of the same 2 x 2 table, without continuity correction.
``log_ratio``
    Binary logarithm of the ratio of relative frequencies (Hardie 2014), zero counts
    replaced by 0.5; its p-value is the G² one.
``logodds_dirichlet``
    Log-odds ratio with an informative Dirichlet prior, z-scored (Monroe, Colaresi &
    Quinn 2008).
``lafon``
    Specificities: hypergeometric model of the term's frequency in the part (Lafon 1980),
    the score TXM and IRaMuTeQ show.

Every measure returns the same tidy table (one row a term x comparison) with the counts,
relative frequencies, the log ratio as effect size, a signed score (positive: the term
is over-represented in the group), a p-value and its Benjamini-Hochberg adjustment
within each comparison. Words are read from a column of token lists made by
:func:`territoire_lab.clean.clean_corpus` (``tokens`` or ``lemmas``): this module never
tokenises.

References
----------
Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate: a practical
and powerful approach to multiple testing. *JRSS B*, 57(1), 289-300.

Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence.
*Computational Linguistics*, 19(1), 61-74.

Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for Corpus Approaches
to Social Science (CASS), Lancaster University.

Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus. *Mots*,
1, 127-165.

Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: lexical feature
selection and evaluation for identifying the content of political conflict. *Political
Analysis*, 16(4), 372-403.

Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling. In
*Proceedings of the Workshop on Comparing Corpora*, ACL, 1-6.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import special, stats

from .exceptions import TerritoireLabError
from .schema import check_columns

__all__ = [
    "MEASURES",
    "TermCounts",
    "benjamini_hochberg",
    "count_terms",
    "keyness",
    "keyness_stats",
    "lafon_scores",
    "specificities",
]

logger = logging.getLogger("territoire_lab")

Measure = Literal["g2", "chi2", "log_ratio", "logodds_dirichlet", "lafon"]

#: The keyness measures, in the order of the documentation.
MEASURES: tuple[str, ...] = ("g2", "chi2", "log_ratio", "logodds_dirichlet", "lafon")

#: Columns of the table returned by :func:`keyness`, in order.
KEYNESS_COLUMNS: tuple[str, ...] = (
    "group",
    "reference",
    "term",
    "freq",
    "freq_ref",
    "total",
    "total_ref",
    "rel_freq",
    "rel_freq_ref",
    "expected",
    "log_ratio",
    "score",
    "p_value",
    "p_adj",
    "measure",
)

_REST = "(reste)"


# --------------------------------------------------------------------------------------
# Counting
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermCounts:
    """Group x term frequency table, sparse.

    Attributes
    ----------
    counts : scipy.sparse.csr_array of int64, shape (n_groups, n_terms)
        Frequency of each term in each group.
    groups : pandas.Index
        Group labels (rows), sorted.
    terms : pandas.Index
        Terms (columns), sorted.
    """

    counts: sp.csr_array
    groups: pd.Index
    terms: pd.Index

    def to_frame(self) -> pd.DataFrame:
        """Dense term x group DataFrame (only for small tables)."""
        return pd.DataFrame(
            self.counts.toarray().T, index=self.terms.rename("term"), columns=self.groups
        )


def _token_column(corpus: pd.DataFrame, tokens_col: str, where: str) -> pd.Series:
    if tokens_col not in corpus.columns:
        raise TerritoireLabError(
            f"{where}: the corpus has no column {tokens_col!r} of token lists. Run "
            "`tl.clean_corpus(corpus)` first: it adds the `tokens` and `lemmas` columns "
            f"(columns found: {', '.join(map(str, corpus.columns[:12]))})."
        )
    return corpus[tokens_col]


def _flatten(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return (lengths, flat tokens) of a column of token lists (None/NaN: empty)."""
    lists = [x if isinstance(x, (list, tuple, np.ndarray)) else () for x in series.tolist()]
    lengths = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(itertools.chain.from_iterable(lists), dtype=object, count=lengths.sum())
    return lengths, flat


def count_terms(
    corpus: pd.DataFrame,
    *,
    by: str,
    tokens_col: str = "lemmas",
    chunk_size: int = 200_000,
    progress: bool | None = None,
) -> TermCounts:
    """Count each term in each group of a corpus (sparse group x term table).

    Parameters
    ----------
    corpus : DataFrame
        A corpus with a column of token lists (see :func:`territoire_lab.clean.clean_corpus`).
    by : str
        Column of the groups (``territory_code``, ``audience``, ...). Rows with a missing
        group are left out (logged).
    tokens_col : str, default "lemmas"
        Column of token lists (``lemmas`` or ``tokens``).
    chunk_size : int, default 200000
        Documents counted at once; memory grows with the chunk, not the corpus.
    progress : bool or None
        tqdm bar over the chunks (None: in a terminal or notebook, from 3 chunks).

    Returns
    -------
    TermCounts

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"g": ["a", "b"], "lemmas": [["loire", "vélo"], ["loire"]]})
    >>> count_terms(df, by="g").to_frame()  # doctest: +NORMALIZE_WHITESPACE
    g      a  b
    term
    loire  1  1
    vélo   1  0
    """
    check_columns(corpus, [by], where="count_terms")
    tokens = _token_column(corpus, tokens_col, "count_terms")
    groups = corpus[by]
    keep = groups.notna().to_numpy()
    if not keep.all():
        logger.info("count_terms: %d rows without %r left out", int((~keep).sum()), by)
        groups, tokens = groups[keep], tokens[keep]
    group_codes, group_labels = pd.factorize(groups, sort=True)
    n_groups = len(group_labels)
    vocab: dict[object, int] = {}
    parts: list[np.ndarray] = []  # (group * n_local + local term) counts, chunk by chunk
    chunks = range(0, len(tokens), max(1, chunk_size))
    from tqdm.auto import tqdm

    disable = (not progress) if progress is not None else (len(chunks) < 3 or None)
    for start in tqdm(chunks, desc="count_terms", unit="chunk", disable=disable, leave=False):
        lengths, flat = _flatten(tokens.iloc[start : start + chunk_size])
        local_codes, local_terms = pd.factorize(flat)
        if len(local_terms) == 0:
            continue
        glob = np.fromiter(
            (vocab.setdefault(t, len(vocab)) for t in local_terms),
            dtype=np.int64,
            count=len(local_terms),
        )
        rows = np.repeat(group_codes[start : start + chunk_size], lengths)
        n_local = len(local_terms)
        cell = np.bincount(rows * n_local + local_codes, minlength=n_groups * n_local)
        cell = cell.reshape(n_groups, n_local)
        g, j = np.nonzero(cell)
        parts.append(np.stack([g, glob[j], cell[g, j]]))
        del flat, local_codes, rows, cell
    trip = np.concatenate(parts, axis=1) if parts else np.zeros((3, 0), dtype=np.int64)
    terms = np.array(list(vocab), dtype=object)
    order = np.argsort(terms.astype(str), kind="stable") if len(terms) else np.array([], int)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    counts = sp.csr_array(
        (trip[2].astype(np.int64), (trip[0], rank[trip[1]] if len(order) else trip[1])),
        shape=(n_groups, len(terms)),
    )
    counts.sum_duplicates()
    return TermCounts(counts, pd.Index(group_labels, name=by), pd.Index(terms[order], name="term"))


# --------------------------------------------------------------------------------------
# Statistics of 2 x 2 tables
# --------------------------------------------------------------------------------------


def benjamini_hochberg(p_values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Benjamini-Hochberg adjusted p-values (false discovery rate).

    ``p_adj[i] = min_{j: p_j >= p_i} min(1, m p_j / rank_j)``; NaN stays NaN and is not
    counted in ``m``.

    Parameters
    ----------
    p_values : array-like of float

    Returns
    -------
    ndarray of float

    References
    ----------
    Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B*,
    57(1), 289-300.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    if q.size:
        out[ok] = stats.false_discovery_control(q, method="bh")
    return out


def _xlogy_ratio(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """o * ln(o / e), 0 when o == 0."""
    return special.xlogy(o, o) - special.xlogy(o, e)


def _log_comb(n: np.ndarray, k: np.ndarray) -> np.ndarray:
    return special.gammaln(n + 1) - special.gammaln(k + 1) - special.gammaln(n - k + 1)


def _log_tail(
    f: np.ndarray, big_t: np.ndarray, big_f: np.ndarray, t: np.ndarray, *, upper: bool
) -> np.ndarray:
    """log P(X >= f) (``upper``) or log P(X <= f) for X ~ H(T, F, t), vectorised.

    scipy's (Boost) ``sf``/``cdf`` are used where they do not underflow; the far tails
    are summed in log space from the log pmf (scipy's ``logsf`` is exact too but orders
    of magnitude slower).
    """
    arrays = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (f, big_t, big_f, t)))
    shape = arrays[0].shape
    f, big_t, big_f, t = (x.ravel() for x in arrays)
    dist = stats.hypergeom
    with np.errstate(divide="ignore"):
        direct = dist.sf(f - 1, big_t, big_f, t) if upper else dist.cdf(f, big_t, big_f, t)
        out = np.log(direct)
    far = np.flatnonzero(~(direct > 1e-250))
    if far.size:
        ff, tt_, bf, tt = f[far], big_t[far], big_f[far], t[far]
        lo = np.maximum(0.0, tt - (tt_ - bf))
        hi = np.minimum(bf, tt)
        log_den = _log_comb(tt_, tt)
        acc = np.full(far.size, -np.inf)
        start = ff.copy()
        step = -1.0 if not upper else 1.0
        active = np.ones(far.size, dtype=bool)
        chunk = np.arange(256, dtype=float)
        while active.any():
            idx = np.flatnonzero(active)
            k = start[idx, None] + step * chunk[None, :]
            valid = (k >= lo[idx, None]) & (k <= hi[idx, None])
            kk = np.where(valid, k, lo[idx, None])
            lp = (
                _log_comb(bf[idx, None], kk)
                + _log_comb(tt_[idx, None] - bf[idx, None], tt[idx, None] - kk)
                - log_den[idx, None]
            )
            lp = np.where(valid, lp, -np.inf)
            new = np.logaddexp(acc[idx], special.logsumexp(lp, axis=1))
            last = lp[:, -1]
            done = ~valid[:, -1] | (last < new - 45.0)
            acc[idx] = new
            start[idx] += step * chunk.size
            active[idx[done]] = False
        out[far] = acc
    return out.reshape(shape)


def lafon_scores(
    freq: np.ndarray, part_size: np.ndarray, term_total: np.ndarray, corpus_size: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Lafon specificity scores and two-sided p-values (hypergeometric model).

    The frequency ``f`` of a term in a part of ``t`` tokens, when the term has ``F``
    occurrences in a corpus of ``T`` tokens, follows the hypergeometric law
    ``H(T, F, t)``. When ``f`` is at least the mode, the score is
    ``-log10 P(X >= f)`` (positive specificity); below the mode it is
    ``log10 P(X <= f)`` (negative specificity), as in TXM. The p-value is twice the
    smaller tail, capped at 1.

    Parameters
    ----------
    freq, part_size, term_total, corpus_size : array-like of int
        ``f``, ``t``, ``F`` and ``T``, broadcast together.

    Returns
    -------
    score, p_value : ndarray of float

    References
    ----------
    Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus.
    *Mots*, 1, 127-165.
    """
    f, t, big_f, big_t = np.broadcast_arrays(
        *(np.asarray(x, dtype=np.int64) for x in (freq, part_size, term_total, corpus_size))
    )
    log_sup = _log_tail(f, big_t, big_f, t, upper=True)  # log P(X >= f)
    log_inf = _log_tail(f, big_t, big_f, t, upper=False)  # log P(X <= f)
    mode = np.floor((big_f + 1) * (t + 1) / (big_t + 2))
    upper = f >= mode
    ln10 = np.log(10.0)
    score = np.where(upper, -log_sup / ln10, log_inf / ln10)
    p_value = np.minimum(1.0, 2.0 * np.exp(np.minimum(log_sup, log_inf)))
    return score + 0.0, p_value


def keyness_stats(
    freq: np.ndarray,
    freq_ref: np.ndarray,
    total: np.ndarray,
    total_ref: np.ndarray,
    *,
    measure: Measure = "g2",
    prior: np.ndarray | None = None,
    alpha0: float | None = None,
) -> pd.DataFrame:
    """Keyness statistics of 2 x 2 tables given as arrays (vectorised).

    For each term: ``a = freq`` occurrences among the ``c = total`` tokens of the
    group, ``b = freq_ref`` among the ``d = total_ref`` tokens of the reference;
    ``N = c + d``, expected ``E1 = c (a + b) / N`` and ``E2 = d (a + b) / N``.

    - ``g2``: ``2 sum O ln(O / E)`` over the four cells (a, b, c - a, d - b), chi2(1)
      p-value (Dunning 1993).
    - ``chi2``: ``sum (O - E)^2 / E`` over the four cells, chi2(1) p-value.
    - ``log_ratio``: ``log2((a / c) / (b / d))`` with zeros replaced by 0.5 (Hardie 2014);
      G² p-value.
    - ``logodds_dirichlet``: with prior ``alpha_w`` (``prior``; default: the term's
      pooled count ``a + b``) and ``alpha0 = sum alpha_w``,
      ``delta = ln((a + alpha_w) / (c + alpha0 - a - alpha_w)) -
      ln((b + alpha_w) / (d + alpha0 - b - alpha_w))``,
      ``z = delta / sqrt(1 / (a + alpha_w) + 1 / (b + alpha_w))``, two-sided normal
      p-value (Monroe, Colaresi & Quinn 2008).
    - ``lafon``: :func:`lafon_scores` with ``f = a``, ``t = c``, ``F = a + b``,
      ``T = N`` (Lafon 1980).

    Scores are signed: positive when the term is relatively more frequent in the group
    (``a / c > b / d``); for ``logodds_dirichlet`` and ``lafon`` the sign is their own.

    Parameters
    ----------
    freq, freq_ref, total, total_ref : array-like
        ``a``, ``b``, ``c``, ``d``, broadcast together.
    measure : {"g2", "chi2", "log_ratio", "logodds_dirichlet", "lafon"}
    prior : array-like, optional
        Dirichlet prior counts ``alpha_w`` of ``logodds_dirichlet`` (one a term).
    alpha0 : float, optional
        Total prior mass of ``logodds_dirichlet`` over the whole vocabulary; default
        ``sum(prior)``.

    Returns
    -------
    DataFrame
        Columns ``expected``, ``log_ratio``, ``score``, ``p_value`` (no BH adjustment).

    References
    ----------
    Dunning (1993); Rayson & Garside (2000); Hardie (2014); Monroe, Colaresi & Quinn
    (2008); Lafon (1980): see the module docstring.
    """
    if measure not in MEASURES:
        raise ValueError(f"measure={measure!r}; expected one of {', '.join(MEASURES)}")
    a, b, c, d = np.broadcast_arrays(
        *(np.atleast_1d(np.asarray(x, dtype=float)) for x in (freq, freq_ref, total, total_ref))
    )
    n = c + d
    k = a + b
    e1 = c * k / n
    with np.errstate(divide="ignore", invalid="ignore"):
        a_z = np.where(a == 0, 0.5, a)
        b_z = np.where(b == 0, 0.5, b)
        log_ratio = np.log2((a_z / c) / (b_z / d))
        sign = np.sign(a * d - b * c)
        if measure in ("g2", "log_ratio", "chi2"):
            cells = ((a, e1), (b, d * k / n), (c - a, c * (n - k) / n), (d - b, d * (n - k) / n))
            if measure == "chi2":
                stat = sum(np.where(e > 0, (o - e) ** 2 / e, 0.0) for o, e in cells)
            else:
                stat = 2.0 * sum(_xlogy_ratio(o, e) for o, e in cells)
                stat = np.maximum(stat, 0.0)
            p_value = stats.chi2.sf(stat, 1)
            score = log_ratio if measure == "log_ratio" else sign * stat
        elif measure == "logodds_dirichlet":
            alpha = k if prior is None else np.broadcast_to(np.asarray(prior, float), a.shape)
            alpha0 = float(alpha.sum()) if alpha0 is None else float(alpha0)
            delta = np.log((a + alpha) / (c + alpha0 - a - alpha)) - np.log(
                (b + alpha) / (d + alpha0 - b - alpha)
            )
            z = delta / np.sqrt(1.0 / (a + alpha) + 1.0 / (b + alpha))
            score = z
            p_value = 2.0 * stats.norm.sf(np.abs(z))
        else:
            score, p_value = lafon_scores(a, c, k, n)
    return pd.DataFrame(
        {
            "expected": e1,
            "log_ratio": log_ratio,
            "score": np.asarray(score, dtype=float) + 0.0,
            "p_value": np.asarray(p_value, dtype=float),
        }
    )


# --------------------------------------------------------------------------------------
# keyness and specificities
# --------------------------------------------------------------------------------------


def _comparisons(
    groups: pd.Index,
    target: Hashable | Sequence[Hashable] | None,
    reference: Hashable | None,
    pairwise: bool,
) -> list[tuple[Hashable, Hashable | None]]:
    labels = list(groups)

    def _known(g: Hashable) -> Hashable:
        if g not in labels:
            raise TerritoireLabError(
                f"keyness: group {g!r} not found; groups are {', '.join(map(str, labels))}"
            )
        return g

    if target is None:
        targets = labels
    elif isinstance(target, (list, tuple, set, pd.Index, np.ndarray)):
        targets = [_known(t) for t in target]
    else:
        targets = [_known(target)]
    if reference is not None:
        _known(reference)
        return [(t, reference) for t in targets if t != reference]
    if pairwise:
        if target is None:
            return list(itertools.combinations(labels, 2))
        return [(t, g) for t in targets for g in labels if g != t]
    if len(labels) < 2:
        raise TerritoireLabError("keyness: at least two groups are needed")
    return [(t, None) for t in targets]


def keyness(
    corpus: pd.DataFrame | TermCounts,
    *,
    by: str | None = None,
    target: Hashable | Sequence[Hashable] | None = None,
    reference: Hashable | None = None,
    measure: Measure = "g2",
    tokens_col: str = "lemmas",
    pairwise: bool = False,
    min_freq: int = 5,
    n_terms: int | None = None,
    prior_scale: float = 1.0,
) -> pd.DataFrame:
    """Keyness of terms: one group against the rest, against a reference, or pairwise.

    Parameters
    ----------
    corpus : DataFrame or TermCounts
        A corpus with a column of token lists (run :func:`territoire_lab.clean_corpus`
        first) or the output of :func:`count_terms`.
    by : str
        Column of the groups (``territory_code``, ``audience``, ...); not needed with a
        :class:`TermCounts`.
    target : label or list of labels, optional
        Group(s) to describe; default: every group.
    reference : label, optional
        Compare the target(s) with this group only, instead of the rest of the corpus.
    measure : {"g2", "chi2", "log_ratio", "logodds_dirichlet", "lafon"}, default "g2"
        Score column (see :func:`keyness_stats`). ``log_ratio`` is always given as the
        effect size.
    tokens_col : str, default "lemmas"
        Column of token lists (``lemmas`` or ``tokens``).
    pairwise : bool, default False
        Compare groups two by two (each unordered pair once; with ``target``, the target
        against each other group) instead of one against the rest.
    min_freq : int, default 5
        Keep terms with at least this frequency in the two compared parts together.
    n_terms : int, optional
        Keep the ``n_terms`` highest scores (most over-represented terms) of each
        comparison; default: every term, sorted by decreasing score.
    prior_scale : float, default 1.0
        ``logodds_dirichlet`` only: the prior of a term is ``prior_scale`` times its
        frequency in the whole corpus (all groups), as in Monroe et al. (2008, sec.
        3.5.1); smaller values shrink less.

    Returns
    -------
    DataFrame
        One row a term x comparison: ``group``, ``reference`` (``"(reste)"`` for the rest
        of the corpus), ``term``, ``freq`` and ``freq_ref`` (occurrences), ``total`` and
        ``total_ref`` (tokens of each part), ``rel_freq`` and ``rel_freq_ref`` (per 10,000
        tokens), ``expected`` (frequency expected in the group under independence),
        ``log_ratio`` (effect size, log2, Hardie 2014), ``score`` (signed: > 0 when
        over-represented in ``group``), ``p_value``, ``p_adj`` (Benjamini-Hochberg within
        the comparison), ``measure``.

    References
    ----------
    Dunning, T. (1993). *Computational Linguistics*, 19(1), 61-74.
    Rayson, P. & Garside, R. (2000). Comparing corpora using frequency profiling.
    Hardie, A. (2014). Log Ratio: an informal introduction. CASS, Lancaster.
    Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). *Political Analysis*, 16(4).
    Lafon, P. (1980). *Mots*, 1, 127-165.
    Benjamini, Y. & Hochberg, Y. (1995). *JRSS B*, 57(1), 289-300.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> from territoire_lab.clean import clean_corpus
    >>> corpus = clean_corpus(tl.load_sample_corpus(key="doc example key 0123456789").head(3000),
    ...                       detect_lang=False, duplicates=False)
    >>> top = keyness(corpus, by="territory_code", target="37003", n_terms=20)
    >>> "amboise" in set(top["term"])
    True
    """
    if measure not in MEASURES:
        raise ValueError(f"measure={measure!r}; expected one of {', '.join(MEASURES)}")
    if isinstance(corpus, TermCounts):
        tc = corpus
    else:
        if by is None:
            raise TypeError("keyness: give the group column with by=...")
        tc = count_terms(corpus, by=by, tokens_col=tokens_col)
    counts = tc.counts.tocsr()
    totals = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    corpus_freq = np.asarray(counts.sum(axis=0)).ravel()
    corpus_total = float(totals.sum())
    pairs = _comparisons(tc.groups, target, reference, pairwise)
    index = {g: i for i, g in enumerate(tc.groups)}
    frames = []
    for g, ref in pairs:
        gi = index[g]
        a = counts[[gi], :].toarray().ravel()
        if ref is None:
            b = corpus_freq - a
            d = corpus_total - totals[gi]
            ref_label: Hashable = _REST
        else:
            b = counts[[index[ref]], :].toarray().ravel()
            d = totals[index[ref]]
            ref_label = ref
        c = totals[gi]
        keep = np.flatnonzero((a + b) >= max(min_freq, 1))
        a_k, b_k = a[keep], b[keep]
        prior = prior_scale * corpus_freq[keep] if measure == "logodds_dirichlet" else None
        st = keyness_stats(
            a_k, b_k, c, d, measure=measure, prior=prior, alpha0=prior_scale * corpus_total
        )
        frame = pd.DataFrame(
            {
                "group": g,
                "reference": ref_label,
                "term": tc.terms[keep],
                "freq": a_k.astype(np.int64),
                "freq_ref": b_k.astype(np.int64),
                "total": np.int64(c),
                "total_ref": np.int64(d),
                "rel_freq": 1e4 * a_k / c if c else np.nan,
                "rel_freq_ref": 1e4 * b_k / d if d else np.nan,
            }
        )
        frame = pd.concat([frame, st], axis=1)
        frame["p_adj"] = benjamini_hochberg(frame["p_value"].to_numpy())
        frame["measure"] = measure
        frame = frame.sort_values(["score", "term"], ascending=[False, True], kind="stable")
        if n_terms is not None:
            frame = frame.head(n_terms)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=list(KEYNESS_COLUMNS))
    out = pd.concat(frames, ignore_index=True)[list(KEYNESS_COLUMNS)]
    logger.info(
        "keyness (%s): %d comparisons, %d rows (min_freq=%d)",
        measure,
        len(pairs),
        len(out),
        min_freq,
    )
    return out


def specificities(
    corpus: pd.DataFrame | TermCounts,
    *,
    by: str | None = None,
    tokens_col: str = "lemmas",
    min_freq: int = 5,
    n_terms: int | None = None,
) -> pd.DataFrame:
    """Term x group matrix of Lafon specificity scores, as TXM shows it.

    Each group (part) is compared with the whole corpus: the frequency ``f`` of a term
    in a part of ``t`` tokens follows ``H(T, F, t)`` (``F`` its frequency in the corpus of
    ``T`` tokens). The cell is ``-log10 P(X >= f)`` when ``f`` is at least the mode
    (over-use) and ``log10 P(X <= f)`` below it (under-use); see :func:`lafon_scores`.

    Parameters
    ----------
    corpus : DataFrame or TermCounts
        A corpus with token lists (run :func:`territoire_lab.clean_corpus` first) or the
        output of :func:`count_terms`.
    by : str
        Column of the parts (groups).
    tokens_col : str, default "lemmas"
    min_freq : int, default 5
        Keep terms with at least this frequency in the corpus.
    n_terms : int, optional
        Keep the union of the ``n_terms`` most specific terms of each part.

    Returns
    -------
    DataFrame
        Index ``term``; one column a group; rows sorted by decreasing maximum score.

    References
    ----------
    Lafon, P. (1980). Sur la variabilité de la fréquence des formes dans un corpus.
    *Mots*, 1, 127-165.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 3,
    ...                    "lemmas": [["loire", "vin"]] * 3 + [["loire", "vélo"]] * 3})
    >>> specificities(df, by="g", min_freq=1).round(2)  # doctest: +NORMALIZE_WHITESPACE
    g         a     b
    term
    vin    1.04 -1.04
    vélo  -1.04  1.04
    loire  0.14  0.14
    """
    if isinstance(corpus, TermCounts):
        tc = corpus
    else:
        if by is None:
            raise TypeError("specificities: give the group column with by=...")
        tc = count_terms(corpus, by=by, tokens_col=tokens_col)
    counts = tc.counts.tocsr()
    totals = np.asarray(counts.sum(axis=1)).ravel()
    corpus_freq = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero(corpus_freq >= max(min_freq, 1))
    f = counts[:, keep].toarray()
    score, _ = lafon_scores(f, totals[:, None], corpus_freq[keep][None, :], totals.sum())
    out = pd.DataFrame(score.T, index=tc.terms[keep].rename("term"), columns=tc.groups)
    if n_terms is not None:
        top = set()
        for g in out.columns:
            top.update(out[g].nlargest(n_terms).index)
        out = out.loc[sorted(top)]
    order = np.lexsort((out.index.to_numpy(dtype=str), -out.max(axis=1).to_numpy()))
    return out.iloc[order]
