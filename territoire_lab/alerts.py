"""Early alerts per territory: bursts of negativity and of threat words, explained.

Social media as "a microphone in every café of the town": a territory wants to know early
when a problem rises — a flood, a strike, a festival gone wrong. This module finds

- **bursts of negative posts**: Kleinberg's two-state automaton over the daily number of a
  territory's negative posts among all its posts (a burst is a run of days whose negative
  share is ``s`` times the territory's usual share, paid for by a transition cost
  ``gamma * ln(n_days)``);
- **bursts of threat words**: the same automaton over the daily number of a territory's
  posts that use a word of a French threat vocabulary (inondation, grève, fermeture,
  travaux, pollution, insécurité, incendie, canicule, surtourisme...) that users extend;
- **spikes of the negative share** against a rolling baseline, with a one-sided binomial
  test and Benjamini-Hochberg correction (a simpler, test-based view of the same signal);
- **new terms**: words of a recent window never used about the territory before;

and explains every alert by the keyness (G², :func:`territoire_lab.keyness.keyness`) of
its window against the territory's baseline, and by example posts.

References
----------
Kleinberg, J. (2002). Bursty and hierarchical structure in streams. *Proceedings of the
8th ACM SIGKDD*, 91-101 (section 4: enumerating bursts in batched arrivals).
Benjamini, Y. and Hochberg, Y. (1995). Controlling the false discovery rate. *JRSS B*,
57(1), 289-300.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .clean import fold_accents
from .schema import check_columns

__all__ = [
    "THREAT_VOCABULARY",
    "alert_events",
    "daily_counts",
    "detect_alerts",
    "explain_alert",
    "kleinberg_bursts",
    "negative_spikes",
    "new_terms",
]

logger = logging.getLogger("territoire_lab")

#: French words that announce a problem or a threat (lower case, accents as written);
#: matched on accent-folded words and their plural/feminine forms. Extend with ``threats=``.
#: Ambiguous words are left out on purpose: "feu" (feu d'artifice, feu vert), "vol" (a
#: flight), "bouchon" stays (traffic jams outnumber corks in complaints).
THREAT_VOCABULARY: tuple[str, ...] = (
    "inondation",
    "inondé",
    "crue",
    "débordement",
    "submergé",
    "évacuation",
    "évacué",
    "grève",
    "grèves",
    "manifestation",
    "blocage",
    "bloqué",
    "annulé",
    "annulation",
    "fermeture",
    "fermé",
    "coupure",
    "panne",
    "travaux",
    "chantier",
    "déviation",
    "bouchon",
    "embouteillage",
    "accident",
    "pollution",
    "pollué",
    "insécurité",
    "agression",
    "cambriolage",
    "incendie",
    "canicule",
    "sécheresse",
    "tempête",
    "orage",
    "surtourisme",
    "bondé",
    "saturé",
    "arnaque",
    "scandale",
    "honteux",
    "inadmissible",
    "danger",
    "dangereux",
    "alerte",
    "sinistré",
    "dégâts",
)

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)


def _tag_set(tags: object) -> set[str]:
    """Lower-cased hashtags of a post, whatever the container (list, array, string, None)."""
    if tags is None or isinstance(tags, float):
        return set()
    if isinstance(tags, str):
        tags = [tags]
    return {str(t).lower().lstrip("#") for t in tags}


def _stem_set(words: Iterable[str]) -> set[str]:
    out = set()
    for w in words:
        f = fold_accents(w)
        out.update({f, f + "s", f + "e", f + "es", f + "x"})
    return out


# --------------------------------------------------------------------------- Kleinberg


def kleinberg_bursts(
    counts: Sequence[int] | np.ndarray,
    totals: Sequence[int] | np.ndarray,
    *,
    s: float = 2.0,
    gamma: float = 1.0,
) -> pd.DataFrame:
    """Bursts of a batched stream by Kleinberg's two-state automaton.

    State 0 emits relevant documents at the base rate ``p0 = sum(counts) / sum(totals)``,
    state 1 at ``p1 = min(s * p0, 0.9999)``. The cost of a batch in a state is
    ``-ln Binomial(counts_t; totals_t, p)``; moving up costs ``gamma * ln(n)`` (n batches),
    moving down is free. The cheapest state sequence (Viterbi) gives the bursts: maximal
    runs in state 1.

    Parameters
    ----------
    counts : array-like of int
        Relevant documents per batch (e.g. negative posts per day).
    totals : array-like of int
        All documents per batch (same length; ``counts <= totals``).
    s : float, default 2
        Ratio of the burst rate to the base rate.
    gamma : float, default 1
        Cost of entering a burst, in units of ``ln(n)``.

    Returns
    -------
    pandas.DataFrame
        One row per burst: ``start``, ``end`` (inclusive batch positions), ``weight`` (cost
        saved by the burst: its strength), ``count``, ``total``.

    Examples
    --------
    >>> counts = [1, 2, 1, 1, 9, 10, 8, 1, 2, 1]
    >>> totals = [10] * 10
    >>> kleinberg_bursts(counts, totals, s=2)[["start", "end"]].values.tolist()
    [[4, 6]]
    """
    r = np.asarray(counts, dtype=float)
    d = np.asarray(totals, dtype=float)
    if r.shape != d.shape:
        raise ValueError(f"counts and totals differ in length: {r.shape} and {d.shape}.")
    if (r > d).any() or (r < 0).any():
        raise ValueError("counts must lie between 0 and totals for every batch.")
    n = len(r)
    empty = pd.DataFrame(columns=["start", "end", "weight", "count", "total"])
    if n == 0 or d.sum() == 0 or r.sum() == 0:
        return empty
    p0 = r.sum() / d.sum()
    p1 = min(s * p0, 0.9999)
    if p1 <= p0:
        return empty
    cost = np.vstack([-stats.binom.logpmf(r, d, p0), -stats.binom.logpmf(r, d, p1)])  # 2 x n
    up = gamma * np.log(n)
    total = np.zeros((2, n))
    back = np.zeros((2, n), dtype=int)
    total[0, 0], total[1, 0] = cost[0, 0], cost[1, 0] + up
    for t in range(1, n):
        stay0, from1 = total[0, t - 1], total[1, t - 1]
        back[0, t] = 0 if stay0 <= from1 else 1
        total[0, t] = min(stay0, from1) + cost[0, t]
        from0, stay1 = total[0, t - 1] + up, total[1, t - 1]
        back[1, t] = 0 if from0 < stay1 else 1
        total[1, t] = min(from0, stay1) + cost[1, t]
    states = np.zeros(n, dtype=int)
    states[-1] = int(np.argmin(total[:, -1]))
    for t in range(n - 1, 0, -1):
        states[t - 1] = back[states[t], t]
    rows = []
    t = 0
    while t < n:
        if states[t] == 1:
            start = t
            while t + 1 < n and states[t + 1] == 1:
                t += 1
            seg = slice(start, t + 1)
            weight = float((cost[0, seg] - cost[1, seg]).sum())
            rows.append((start, t, weight, int(r[seg].sum()), int(d[seg].sum())))
        t += 1
    return pd.DataFrame(rows, columns=["start", "end", "weight", "count", "total"])


# --------------------------------------------------------------------------- series


def daily_counts(
    corpus: pd.DataFrame,
    *,
    by: str = "territory_code",
    mask: pd.Series | None = None,
    tz: str = "Europe/Paris",
) -> pd.DataFrame:
    """Posts per local day and group: all of them (``total``) and those in ``mask`` (``count``).

    Every day between the corpus' first and last is present (zeros included).
    """
    check_columns(corpus, ["created_at", by], where="daily_counts")
    day = corpus["created_at"].dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    flag = pd.Series(True, index=corpus.index) if mask is None else mask.astype(bool)
    frame = pd.DataFrame(
        {"day": day.to_numpy(), by: corpus[by].to_numpy(), "count": flag.to_numpy(dtype=int)}
    )
    grouped = frame.groupby([by, "day"], observed=True)["count"].agg(["sum", "size"])
    days = pd.date_range(day.min(), day.max(), freq="D")
    groups = sorted(corpus[by].dropna().unique())
    full = pd.MultiIndex.from_product([groups, days], names=[by, "day"])
    out = grouped.reindex(full, fill_value=0).rename(columns={"sum": "count", "size": "total"})
    return out.reset_index()


def _bursts_per_group(
    daily: pd.DataFrame,
    *,
    by: str,
    kind: str,
    s: float,
    gamma: float,
    min_count: int,
    detail: str = "",
) -> list[dict]:
    rows = []
    for group, sub in daily.groupby(by, observed=True):
        sub = sub.reset_index(drop=True)
        bursts = kleinberg_bursts(sub["count"], sub["total"], s=s, gamma=gamma)
        for b in bursts.itertuples(index=False):
            if b.count < min_count:
                continue
            rows.append(
                {
                    by: group,
                    "kind": kind,
                    "detail": detail,
                    "start": sub["day"].iloc[b.start],
                    "end": sub["day"].iloc[b.end],
                    "n_days": b.end - b.start + 1,
                    "n_docs": int(b.count),
                    "n_total": int(b.total),
                    "share": b.count / b.total if b.total else np.nan,
                    "baseline_share": sub["count"].sum() / max(sub["total"].sum(), 1),
                    "weight": b.weight,
                }
            )
    return rows


def negative_spikes(
    corpus: pd.DataFrame,
    *,
    by: str = "territory_code",
    label_col: str = "sentiment_label",
    window: int = 28,
    alpha: float = 0.01,
    min_docs: int = 5,
) -> pd.DataFrame:
    """Days whose negative share exceeds the rolling baseline (binomial test, BH-corrected).

    The baseline of a day is the negative share of the ``window`` previous days of the same
    territory. Consecutive significant days are merged into one spike.

    Returns
    -------
    pandas.DataFrame
        ``by, kind ("negative_spike"), start, end, n_days, n_docs, n_total, share,
        baseline_share, p_value`` (smallest adjusted p-value of the spike).
    """
    check_columns(corpus, [label_col], where="negative_spikes")
    daily = daily_counts(corpus, by=by, mask=corpus[label_col] == "negative")
    rows = []
    for group, sub in daily.groupby(by, observed=True):
        sub = sub.reset_index(drop=True)
        base_k = sub["count"].shift(1).rolling(window, min_periods=7).sum()
        base_n = sub["total"].shift(1).rolling(window, min_periods=7).sum()
        p0 = (base_k / base_n).clip(lower=1e-3)
        test = (sub["total"] >= min_docs) & p0.notna()
        pvals = np.ones(len(sub))
        idx = np.flatnonzero(test.to_numpy())
        pvals[idx] = stats.binom.sf(
            sub["count"].to_numpy()[idx] - 1, sub["total"].to_numpy()[idx], p0.to_numpy()[idx]
        )
        from .keyness import benjamini_hochberg

        adj = np.ones(len(sub))
        if len(idx):
            adj[idx] = benjamini_hochberg(pvals[idx])
        hit = adj < alpha
        t = 0
        while t < len(sub):
            if hit[t]:
                start = t
                while t + 1 < len(sub) and hit[t + 1]:
                    t += 1
                seg = slice(start, t + 1)
                k, n = int(sub["count"][seg].sum()), int(sub["total"][seg].sum())
                rows.append(
                    {
                        by: group,
                        "kind": "negative_spike",
                        "detail": "",
                        "start": sub["day"].iloc[start],
                        "end": sub["day"].iloc[t],
                        "n_days": t - start + 1,
                        "n_docs": k,
                        "n_total": n,
                        "share": k / n,
                        "baseline_share": float(p0.iloc[start]),
                        "p_value": float(adj[seg].min()),
                    }
                )
            t += 1
    return pd.DataFrame(rows)


def new_terms(
    corpus: pd.DataFrame,
    *,
    by: str = "territory_code",
    tokens_col: str = "lemmas",
    window_days: int = 7,
    min_count: int = 5,
    end: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Words used at least ``min_count`` times in the last window, never before, per group.

    Returns
    -------
    pandas.DataFrame
        ``by, term, count, first_seen``.
    """
    check_columns(corpus, ["created_at", by, tokens_col], where="new_terms")
    end = end or corpus["created_at"].max()
    start = end - pd.Timedelta(days=window_days)
    recent = corpus[(corpus["created_at"] > start) & (corpus["created_at"] <= end)]
    before = corpus[corpus["created_at"] <= start]
    rows = []
    for group, sub in recent.groupby(by, observed=True):
        seen = set(before.loc[before[by] == group, tokens_col].explode().dropna())
        exploded = sub[[tokens_col, "created_at"]].explode(tokens_col).dropna()
        fresh = exploded[~exploded[tokens_col].isin(seen)]
        stats_ = fresh.groupby(tokens_col)["created_at"].agg(["size", "min"])
        stats_ = stats_[stats_["size"] >= min_count]
        rows += [(group, term, int(n), first) for term, (n, first) in stats_.iterrows()]
    return (
        pd.DataFrame(rows, columns=[by, "term", "count", "first_seen"])
        .sort_values([by, "count"], ascending=[True, False], kind="stable")
        .reset_index(drop=True)
    )


# --------------------------------------------------------------------------- explanation


def explain_alert(
    corpus: pd.DataFrame,
    alert: pd.Series | dict,
    *,
    by: str = "territory_code",
    tokens_col: str = "lemmas",
    baseline_days: int = 60,
    n_terms: int = 10,
    n_examples: int = 3,
    tz: str = "Europe/Paris",
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Why an alert fired: keyness of its window against the baseline, and example posts.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Corpus with ``tokens_col`` (from :func:`territoire_lab.clean_corpus`).
    alert : mapping
        A row of :func:`detect_alerts` (``by`` value, ``start``, ``end``).
    baseline_days : int, default 60
        Days before the alert that form the reference.
    n_terms, n_examples : int
        Terms and posts returned.

    Returns
    -------
    (terms, examples) : tuple of DataFrames
        ``terms``: G² keyness of the window's vocabulary against the baseline (over-used
        terms only); ``examples``: the window's posts using the most of those terms
        (``doc_id, created_at, author_id, text``; authors as pseudonyms).
    """
    from .keyness import keyness

    check_columns(corpus, ["created_at", by, tokens_col, "text"], where="explain_alert")
    day = corpus["created_at"].dt.tz_convert(tz).dt.tz_localize(None).dt.normalize()
    start, end = pd.Timestamp(alert["start"]), pd.Timestamp(alert["end"])
    same = corpus[by] == alert[by]
    window = same & (day >= start) & (day <= end)
    base = same & (day < start) & (day >= start - pd.Timedelta(days=baseline_days))
    part = corpus[window | base].assign(_period=np.where(window[window | base], "alerte", "avant"))
    if window.sum() == 0 or base.sum() == 0:
        return pd.DataFrame(), corpus[window].head(0)
    terms = keyness(part, by="_period", target="alerte", tokens_col=tokens_col, min_freq=2)
    terms = terms[terms["score"] > 0].sort_values("score", ascending=False).head(n_terms)
    top = set(terms["term"])
    docs = corpus[window]
    hits = pd.Series(
        [0 if toks is None else len(top.intersection(list(toks))) for toks in docs[tokens_col]],
        index=docs.index,
    )
    examples = docs.assign(_hits=hits.to_numpy()).sort_values(
        ["_hits", "created_at"], ascending=[False, True], kind="stable"
    )
    cols = [c for c in ("doc_id", "created_at", "author_id", "platform", "text") if c in docs]
    return terms.reset_index(drop=True), examples[cols].head(n_examples).reset_index(drop=True)


def detect_alerts(
    corpus: pd.DataFrame,
    *,
    by: str = "territory_code",
    label_col: str = "sentiment_label",
    kinds: Sequence[str] = ("negative", "threat"),
    hashtags_col: str = "hashtags",
    topic_col: str = "topic",
    max_series: int = 500,
    threats: Iterable[str] = (),
    s: float = 2.0,
    gamma: float = 2.0,
    threat_s: float = 4.0,
    min_docs: int = 10,
    tokens_col: str | None = "lemmas",
    explain: bool = True,
    n_terms: int = 8,
) -> pd.DataFrame:
    """All alerts of a corpus, per territory, with their explanation.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Corpus with ``created_at``, ``by``, ``text``; ``label_col`` (from
        :func:`territoire_lab.score_sentiment`) for negative bursts; ``tokens_col`` for the
        explanations.
    kinds : sequence of {"negative", "threat", "hashtag", "topic", "volume"}
        ``negative``: bursts of negative posts among the territory's posts; ``threat``:
        bursts of posts using a threat word (:data:`THREAT_VOCABULARY` plus ``threats``),
        one series per word; ``hashtag``: bursts of each hashtag used at least
        ``min_docs`` times (``hashtags_col``, from :func:`territoire_lab.clean_corpus`);
        ``topic``: bursts of each topic (``topic_col``, from a topic model); ``volume``:
        bursts of the territory's share of all posts. Hashtags, topics and volume also
        burst for happy events (a festival): they are opt-in, the defaults watch problems.
    hashtags_col, topic_col : str
        Columns of the hashtags (lists) and of the topic of each post.
    max_series : int, default 500
        Most hashtags watched (the most frequent first).
    threats : iterable of str
        Words added to the threat vocabulary.
    s, gamma : float
        Kleinberg's parameters for the negative and volume bursts (defaults chosen so that
        seasonal and weekly rhythms do not fire; see the notebook's sensitivity table).
    threat_s : float
        Kleinberg's ``s`` for the threat-word bursts (rarer words need a higher ratio).
    min_docs : int, default 10
        Bursts with fewer matching posts are dropped.
    tokens_col : str or None
        Token column used by the explanations; None (or a missing column) skips them.
    explain : bool, default True
        Add ``top_terms`` (G² keyness of the window against the 60 days before) and
        ``example_ids``.
    n_terms : int
        Terms listed in ``top_terms``.

    Returns
    -------
    pandas.DataFrame
        One row per alert: ``by, kind, detail`` (the threat word), ``start, end, n_days,
        n_docs, n_total, share, baseline_share, weight`` and, when explained,
        ``top_terms``, ``example_ids``; sorted by start.
    """
    check_columns(corpus, ["created_at", by, "text"], where="detect_alerts")
    unknown = sorted(set(kinds) - {"negative", "threat", "volume", "hashtag", "topic"})
    if unknown:
        raise ValueError(f"Unknown alert kinds {unknown}; expected negative, threat or volume.")
    rows: list[dict] = []
    if "negative" in kinds:
        check_columns(corpus, [label_col], where="detect_alerts (negative)")
        daily = daily_counts(corpus, by=by, mask=corpus[label_col] == "negative")
        rows += _bursts_per_group(
            daily, by=by, kind="negative", s=s, gamma=gamma, min_count=min_docs
        )
    if "threat" in kinds:
        vocab = sorted({fold_accents(w) for w in (*THREAT_VOCABULARY, *threats)})
        # plain lists: Series.map may turn sets into arrays with Arrow-backed strings
        words = [
            set(_WORD.findall(fold_accents(str(t)))) for t in corpus["text"].fillna("").tolist()
        ]
        for word in vocab:
            forms = _stem_set([word])
            mask = pd.Series([not ws.isdisjoint(forms) for ws in words], index=corpus.index)
            if mask.sum() < min_docs:
                continue
            daily = daily_counts(corpus, by=by, mask=mask)
            rows += _bursts_per_group(
                daily,
                by=by,
                kind="threat",
                s=threat_s,
                gamma=gamma,
                min_count=min_docs,
                detail=word,
            )
    if "hashtag" in kinds:
        check_columns(corpus, [hashtags_col], where="detect_alerts (hashtag)")
        tags = [_tag_set(ts) for ts in corpus[hashtags_col].tolist()]
        counts = pd.Series([t for ts in tags for t in ts], dtype="object").value_counts()
        ranked = sorted(counts[counts >= min_docs].items(), key=lambda kv: (-kv[1], kv[0]))
        for tag, _ in ranked[:max_series]:
            mask = pd.Series([tag in ts for ts in tags], index=corpus.index)
            daily = daily_counts(corpus, by=by, mask=mask)
            rows += _bursts_per_group(
                daily,
                by=by,
                kind="hashtag",
                s=threat_s,
                gamma=gamma,
                min_count=min_docs,
                detail=f"#{tag}",
            )
    if "topic" in kinds:
        check_columns(corpus, [topic_col], where="detect_alerts (topic)")
        for topic in sorted(corpus[topic_col].dropna().unique(), key=str):
            daily = daily_counts(corpus, by=by, mask=corpus[topic_col] == topic)
            rows += _bursts_per_group(
                daily, by=by, kind="topic", s=s, gamma=gamma, min_count=min_docs, detail=str(topic)
            )
    if "volume" in kinds:
        all_days = daily_counts(corpus, by=by)
        totals = all_days.groupby("day")["total"].transform("sum")
        vol = all_days.assign(count=all_days["total"], total=totals)
        rows += _bursts_per_group(vol, by=by, kind="volume", s=s, gamma=gamma, min_count=min_docs)
    alerts = pd.DataFrame(rows)
    if alerts.empty:
        return pd.DataFrame(
            columns=[
                by,
                "kind",
                "detail",
                "start",
                "end",
                "n_days",
                "n_docs",
                "n_total",
                "share",
                "baseline_share",
                "weight",
            ]
        )
    alerts = alerts.sort_values(["start", by, "kind", "detail"], kind="stable").reset_index(
        drop=True
    )
    if explain and tokens_col and tokens_col in corpus:
        top_terms, examples = [], []
        for _, alert in alerts.iterrows():
            terms, ex = explain_alert(corpus, alert, by=by, tokens_col=tokens_col, n_terms=n_terms)
            top_terms.append(", ".join(terms["term"]) if len(terms) else "")
            examples.append(", ".join(ex["doc_id"].astype(str)) if "doc_id" in ex else "")
        alerts["top_terms"] = top_terms
        alerts["example_ids"] = examples
    logger.info("detect_alerts: %d alerts", len(alerts))
    return alerts


def alert_events(alerts: pd.DataFrame, *, by: str = "territory_code") -> pd.DataFrame:
    """Merge overlapping alerts of a territory into events (a flood fires several series).

    Returns
    -------
    pandas.DataFrame
        ``by, start, end, n_alerts, kinds, details`` (threat words), ``max_weight``.
    """
    if alerts.empty:
        return pd.DataFrame(
            columns=[by, "start", "end", "n_alerts", "kinds", "details", "max_weight"]
        )
    rows = []
    for group, sub in alerts.sort_values("start").groupby(by, observed=True):
        current: list[pd.Series] = []
        end = None
        for _, alert in sub.iterrows():
            if current and alert["start"] > end:
                rows.append(_event(group, current, by))
                current = []
            current.append(alert)
            end = alert["end"] if end is None or not current[:-1] else max(end, alert["end"])
        rows.append(_event(group, current, by))
    return pd.DataFrame(rows).sort_values(["start", by], kind="stable").reset_index(drop=True)


def _event(group: object, alerts: list[pd.Series], by: str) -> dict:
    frame = pd.DataFrame(alerts)
    details = sorted({d for d in frame["detail"] if d})
    return {
        by: group,
        "start": frame["start"].min(),
        "end": frame["end"].max(),
        "n_alerts": len(frame),
        "kinds": ", ".join(sorted(set(frame["kind"]))),
        "details": ", ".join(details),
        "max_weight": float(frame["weight"].max()) if "weight" in frame else np.nan,
    }
