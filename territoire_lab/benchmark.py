"""Territory benchmark: presence, responsiveness, co-construction, voice, maturity index.

A consultant's comparison of territories side by side: how present each institution is on
each platform, how it answers the citizens who address it (the *gestion de la relation
usager*, GRU), how much it relays their voice, what share of the conversation it holds,
and a composite *digital maturity index* that ranks territories fairly within population
size classes, with a sensitivity analysis of the ranks to the index's weights.

Every function takes the project's tables (corpus, institutions allow-list, accounts,
interactions, territories) and returns a tidy DataFrame.

References
----------
Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
inference. *Journal of the American Statistical Association*, 22(158), 209-212.
OECD / JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and User
Guide*. OECD Publishing (normalisation, weighting and uncertainty analysis of composites).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from .schema import check_columns

__all__ = [
    "DEFAULT_WEIGHTS",
    "POPULATION_STRATA",
    "addressed_posts",
    "co_construction",
    "institution_presence",
    "maturity_index",
    "population_stratum",
    "rank_sensitivity",
    "responsiveness",
    "share_of_voice",
    "territory_indicators",
    "wilson_interval",
]

logger = logging.getLogger("territoire_lab")

#: population size classes (strates démographiques), upper bounds exclusive
POPULATION_STRATA: tuple[tuple[str, float], ...] = (
    ("moins de 2 000 hab.", 2_000),
    ("2 000 à 10 000 hab.", 10_000),
    ("10 000 à 50 000 hab.", 50_000),
    ("50 000 à 200 000 hab.", 200_000),
    ("200 000 hab. et plus", np.inf),
)

#: default weights of the digital maturity index (indicator -> weight); all "higher is better"
DEFAULT_WEIGHTS: dict[str, float] = {
    "n_platforms": 1.0,
    "institution_posts_per_week": 1.0,
    "followers_per_1000": 1.0,
    "answer_rate": 2.0,
    "relay_share": 1.0,
}


# --------------------------------------------------------------------------- helpers


def wilson_interval(
    successes: np.ndarray, trials: np.ndarray, *, level: float = 0.95
) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of a binomial proportion (Wilson 1927).

    Better than the normal approximation for small samples and proportions near 0 or 1,
    which is the case of a small town's few addressed posts.

    Parameters
    ----------
    successes, trials : array-like of int
        Counts; where ``trials`` is 0 the interval is NaN.
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    (low, high) : tuple of numpy arrays

    Examples
    --------
    >>> low, high = wilson_interval(np.array([6]), np.array([10]))
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.3127, 0.8318)
    """
    k = np.asarray(successes, dtype=float)
    n = np.asarray(trials, dtype=float)
    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = k / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    low = np.where(n > 0, np.where(k == 0, 0.0, centre - half), np.nan)  # exact 0, no rounding
    high = np.where(n > 0, np.where(k == n, 1.0, centre + half), np.nan)
    return np.clip(low, 0, 1), np.clip(high, 0, 1)


def population_stratum(population: pd.Series) -> pd.Series:
    """Population size class of each territory (see :data:`POPULATION_STRATA`).

    Examples
    --------
    >>> population_stratum(pd.Series([102, 139259])).tolist()
    ['moins de 2 000 hab.', '50 000 à 200 000 hab.']
    """
    labels = [name for name, _ in POPULATION_STRATA]
    bounds = [0, *[upper for _, upper in POPULATION_STRATA]]
    cut = pd.cut(population.astype("float64"), bins=bounds, labels=labels, right=False)
    return cut.astype("string")


def _institution_map(institutions: pd.DataFrame) -> pd.DataFrame:
    check_columns(institutions, ["platform", "author_id", "territory_code"], where="benchmark")
    return institutions[["platform", "author_id", "territory_code"]].drop_duplicates()


# --------------------------------------------------------------------------- presence


def institution_presence(
    corpus: pd.DataFrame,
    institutions: pd.DataFrame,
    territories: pd.DataFrame,
    *,
    accounts: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Institutional presence per territory and platform.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Corpus with ``author_id``, ``platform``, ``created_at``.
    institutions : pandas.DataFrame
        Allow-list: ``platform``, ``author_id``, ``territory_code``.
    territories : pandas.DataFrame
        ``code``, ``name``, ``population``.
    accounts : pandas.DataFrame, optional
        Accounts table with ``followers``; adds followers and followers per 1,000
        inhabitants.

    Returns
    -------
    pandas.DataFrame
        One row per territory x platform seen in the corpus: ``code, name, platform,
        n_accounts, n_posts, posts_per_week`` (over the corpus' time span on that
        platform), and with ``accounts``: ``followers, followers_per_1000`` and
        ``engagement_rate`` (median over the institution's posts of (likes + shares +
        replies) / followers of the posting account).
    """
    check_columns(corpus, ["author_id", "platform", "created_at"], where="institution_presence")
    inst = _institution_map(institutions)
    platforms = sorted(corpus["platform"].dropna().unique())
    span_weeks = corpus.groupby("platform")["created_at"].agg(
        lambda s: max((s.max() - s.min()).total_seconds() / (7 * 86400), 1.0)
    )
    posts = corpus[["platform", "author_id"]].merge(inst, on=["platform", "author_id"])
    n_posts = posts.groupby(["territory_code", "platform"]).size()
    n_accounts = inst.groupby(["territory_code", "platform"]).size()
    grid = pd.MultiIndex.from_product(
        [territories["code"].tolist(), platforms], names=["territory_code", "platform"]
    )
    out = pd.DataFrame(
        {
            "n_accounts": n_accounts.reindex(grid, fill_value=0),
            "n_posts": n_posts.reindex(grid, fill_value=0),
        }
    ).reset_index()
    out["posts_per_week"] = out["n_posts"] / out["platform"].map(span_weeks)
    if accounts is not None:
        check_columns(
            accounts, ["author_id", "platform", "followers"], where="institution_presence"
        )
        fol = inst.merge(accounts[["platform", "author_id", "followers"]], how="left")
        followers = fol.groupby(["territory_code", "platform"])["followers"].sum(min_count=1)
        out["followers"] = followers.reindex(
            pd.MultiIndex.from_frame(out[["territory_code", "platform"]])
        ).to_numpy()
        out["followers"] = out["followers"].fillna(0).astype("int64")
        eng_cols = [c for c in ("likes", "shares", "replies") if c in corpus]
        out["engagement_rate"] = np.nan
        if eng_cols:
            own = corpus[["platform", "author_id", *eng_cols]].merge(
                inst, on=["platform", "author_id"]
            )
            own = own.merge(accounts[["platform", "author_id", "followers"]], how="left")
            interactions_sum = own[eng_cols].astype("Float64").fillna(0).sum(axis=1)
            own["rate"] = (
                interactions_sum / own["followers"].astype("Float64").where(lambda f: f > 0)
            ).astype("float64")
            rate = own.groupby(["territory_code", "platform"])["rate"].median()
            out["engagement_rate"] = rate.reindex(
                pd.MultiIndex.from_frame(out[["territory_code", "platform"]])
            ).to_numpy()
    base = territories[["code", "name", "population"]].rename(columns={"code": "territory_code"})
    out = base.merge(out, on="territory_code", how="right")
    if "followers" in out:
        out["followers_per_1000"] = out["followers"] / out["population"].astype("Float64") * 1000
    return out.rename(columns={"territory_code": "code"})


# --------------------------------------------------------------------------- responsiveness


def addressed_posts(
    corpus: pd.DataFrame,
    institutions: pd.DataFrame,
    interactions: pd.DataFrame,
    *,
    per: str = "territory",
) -> pd.DataFrame:
    """Posts by non-institutional authors addressed to an institution, and their answers.

    A post is *addressed* to an institution when it mentions one of its accounts or replies
    to one of its posts (``interactions`` of kind ``mention`` or ``reply``, on the same
    platform). It is *answered* when an institutional account posts a reply to it
    (``reply_to_id``); the delay is that of the first answer.

    Parameters
    ----------
    corpus, institutions, interactions : pandas.DataFrame
        The study's tables; ``institutions`` is the allow-list (``platform``,
        ``author_id``, ``territory_code``).
    per : {"territory", "account"}, default "territory"
        ``"territory"``: one row per (post, territory), answered by any institutional
        account of that territory; ``"account"``: one row per (post, addressed account),
        answered only by that account.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, platform, territory_code`` (+ ``account`` with ``per="account"``),
        ``created_at, answered, first_answer_at, answer_hours, answered_by``.
    """
    if per not in ("territory", "account"):
        raise ValueError(f"per={per!r}; expected 'territory' or 'account'.")
    check_columns(
        corpus,
        ["doc_id", "author_id", "platform", "created_at", "reply_to_id"],
        where="addressed_posts",
    )
    check_columns(
        interactions,
        ["source_author", "target_author", "kind", "doc_id", "platform"],
        where="addressed_posts",
        table="interactions",
    )
    inst = _institution_map(institutions)
    inst_keys = set(zip(inst["platform"], inst["author_id"], strict=True))
    edges = interactions[interactions["kind"].isin(["mention", "reply"])]
    edges = edges.merge(
        inst.rename(columns={"author_id": "account"}),
        left_on=["platform", "target_author"],
        right_on=["platform", "account"],
    )
    from_citizens = [
        (p, a) not in inst_keys
        for p, a in zip(edges["platform"], edges["source_author"], strict=True)
    ]
    edges = edges[np.asarray(from_citizens, dtype=bool)]
    key = ["territory_code"] if per == "territory" else ["territory_code", "account"]
    addressed = edges[["doc_id", "platform", *key]].drop_duplicates()
    addressed = addressed.merge(corpus[["doc_id", "created_at"]], on="doc_id", how="inner")

    replies = corpus.loc[
        corpus["reply_to_id"].notna(), ["platform", "author_id", "reply_to_id", "created_at"]
    ]
    answers = replies.merge(inst, on=["platform", "author_id"], how="inner")
    answers = answers.rename(
        columns={
            "reply_to_id": "doc_id",
            "created_at": "first_answer_at",
            "author_id": "answered_by",
        }
    )
    answers["account"] = answers["answered_by"]
    first = (
        answers.sort_values("first_answer_at", kind="stable")
        .groupby(["doc_id", *key], as_index=False)[["first_answer_at", "answered_by"]]
        .first()
    )
    out = addressed.merge(first, on=["doc_id", *key], how="left")
    out["answered"] = out["first_answer_at"].notna()
    out["answer_hours"] = (out["first_answer_at"] - out["created_at"]).dt.total_seconds() / 3600
    cols = [
        "doc_id",
        "platform",
        *key,
        "created_at",
        "answered",
        "first_answer_at",
        "answer_hours",
        "answered_by",
    ]
    return out[cols].sort_values([*key, "created_at", "doc_id"]).reset_index(drop=True)


def responsiveness(
    corpus: pd.DataFrame,
    institutions: pd.DataFrame,
    interactions: pd.DataFrame,
    *,
    by: str | Sequence[str] = "territory_code",
    per: str = "territory",
    only: pd.Series | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """How institutions answer the citizens who address them (GRU indicator).

    Parameters
    ----------
    corpus, institutions, interactions : pandas.DataFrame
        The study's tables (see :func:`addressed_posts`).
    by : str or sequence of str, default "territory_code"
        Grouping of the addressed posts: ``territory_code``, ``platform``, ``account``
        (with ``per="account"``), or several of them.
    per : {"territory", "account"}, default "territory"
        Unit of an answer (see :func:`addressed_posts`).
    only : pandas.Series of bool, optional
        Indexed like ``corpus`` (or a boolean Series indexed by ``doc_id``): restrict
        addressed posts to some of them, e.g. complaints and questions
        (``corpus["sentiment_label"] == "negative"``).
    level : float, default 0.95
        Level of the Wilson confidence interval of the answer rate.

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``n_addressed, n_answered, answer_rate, answer_rate_low,
        answer_rate_high, median_answer_hours``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    posts = addressed_posts(corpus, institutions, interactions, per=per)
    if only is not None:
        mask = only
        if not mask.index.equals(corpus.index) and mask.index.name != "doc_id":
            raise ValueError(
                "`only` must be a boolean Series indexed like the corpus, or indexed by doc_id; "
                f"got an index named {mask.index.name!r} of length {len(mask)}."
            )
        if mask.index.name != "doc_id":
            mask = pd.Series(mask.to_numpy(dtype=bool), index=corpus["doc_id"].to_numpy())
        keep = set(mask.index[mask.to_numpy(dtype=bool)])
        posts = posts[posts["doc_id"].isin(keep)]
    g = posts.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "n_addressed": g.size(),
            "n_answered": g["answered"].sum().astype("int64"),
            "median_answer_hours": g["answer_hours"].median(),
        }
    ).reset_index()
    out["answer_rate"] = out["n_answered"] / out["n_addressed"]
    low, high = wilson_interval(
        out["n_answered"].to_numpy(), out["n_addressed"].to_numpy(), level=level
    )
    out["answer_rate_low"], out["answer_rate_high"] = low, high
    cols = [
        *keys,
        "n_addressed",
        "n_answered",
        "answer_rate",
        "answer_rate_low",
        "answer_rate_high",
        "median_answer_hours",
    ]
    return out[cols]


# --------------------------------------------------------------------------- voice


def co_construction(corpus: pd.DataFrame, institutions: pd.DataFrame) -> pd.DataFrame:
    """Share of each territory's institutional posts that relay its users' voice.

    An institutional post *relays* when it reposts a post by a non-institutional author
    (``repost_of_id``); answers to citizens are measured by :func:`responsiveness`.

    Returns
    -------
    pandas.DataFrame
        ``territory_code, n_institution_posts, n_relays, relay_share``.
    """
    check_columns(
        corpus, ["doc_id", "author_id", "platform", "repost_of_id"], where="co_construction"
    )
    inst = _institution_map(institutions)
    inst_keys = set(zip(inst["platform"], inst["author_id"], strict=True))
    posts = corpus[["doc_id", "platform", "author_id", "repost_of_id"]].merge(
        inst, on=["platform", "author_id"], how="inner"
    )
    authors = corpus.set_index("doc_id")[["author_id", "platform"]]
    orig = authors.reindex(posts["repost_of_id"].fillna("").to_numpy())
    relays_user = [
        isinstance(a, str) and (p, a) not in inst_keys
        for p, a in zip(orig["platform"], orig["author_id"], strict=True)
    ]
    posts = posts.assign(relay=np.asarray(relays_user, dtype=bool))
    g = posts.groupby("territory_code")
    out = pd.DataFrame({"n_institution_posts": g.size(), "n_relays": g["relay"].sum()})
    out["n_relays"] = out["n_relays"].astype("int64")
    out["relay_share"] = out["n_relays"] / out["n_institution_posts"]
    return out.reset_index()


def share_of_voice(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str] = "territory_code",
    audience_col: str = "audience",
) -> pd.DataFrame:
    """Share of the conversation held by each audience (institution, residents, visitors, ...).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Corpus with an audience column (from the audience classifier, or a ground truth).
    by : str or sequence of str
        Grouping, e.g. ``"territory_code"`` or ``["territory_code", "platform"]``.
    audience_col : str
        Column holding the audience of each post.

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``audience``, ``n_docs``, ``share`` (within the group; shares of a
        group sum to 1).
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(corpus, [*keys, audience_col], where="share_of_voice")
    counts = corpus.groupby([*keys, audience_col], observed=True).size().rename("n_docs")
    out = counts.reset_index().rename(columns={audience_col: "audience"})
    out["share"] = out["n_docs"] / out.groupby(keys)["n_docs"].transform("sum")
    return out


# --------------------------------------------------------------------------- index


def territory_indicators(
    corpus: pd.DataFrame,
    institutions: pd.DataFrame,
    interactions: pd.DataFrame,
    territories: pd.DataFrame,
    *,
    accounts: pd.DataFrame | None = None,
    only: pd.Series | None = None,
    presence: pd.DataFrame | None = None,
    answers: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per territory with the indicators of the digital maturity index.

    Parameters
    ----------
    presence, answers : pandas.DataFrame, optional
        Tables already computed by :func:`institution_presence` and :func:`responsiveness`
        on the same inputs (a study computes them for its report); computed here otherwise.

    Returns
    -------
    pandas.DataFrame
        ``code, name, population, stratum, n_platforms`` (platforms with an institutional
        account), ``institution_posts_per_week``, ``followers_per_1000`` (with
        ``accounts``), ``n_addressed, answer_rate, median_answer_hours``, ``relay_share``.
    """
    if presence is None:
        presence = institution_presence(corpus, institutions, territories, accounts=accounts)
    agg = {
        "n_platforms": ("n_accounts", lambda s: int((s > 0).sum())),
        "institution_posts_per_week": ("posts_per_week", "sum"),
    }
    if "followers" in presence:
        agg["followers"] = ("followers", "sum")
    per_terr = presence.groupby("code").agg(**agg)
    if answers is None:
        answers = responsiveness(corpus, institutions, interactions, only=only)
    resp = answers.set_index("territory_code")
    relay = co_construction(corpus, institutions).set_index("territory_code")
    out = territories[["code", "name", "population"]].copy()
    out["stratum"] = population_stratum(out["population"])
    out = out.join(per_terr, on="code")
    if "followers" in out:
        out["followers_per_1000"] = out["followers"] / out["population"].astype("Float64") * 1000
        out = out.drop(columns="followers")
    out = out.join(resp[["n_addressed", "answer_rate", "median_answer_hours"]], on="code")
    out = out.join(relay[["relay_share"]], on="code")
    out["n_addressed"] = out["n_addressed"].fillna(0).astype("int64")
    return out.reset_index(drop=True)


def _normalise(values: pd.DataFrame, method: str) -> pd.DataFrame:
    """Rescale each indicator to [0, 1]; a constant indicator scores 0.5 everywhere.

    ``"rank"``: percentile rank, (rank - 1) / (n - 1) with ties averaged, robust to the
    outliers of per-inhabitant ratios (a château village of a hundred inhabitants);
    ``"minmax"``: (x - min) / (max - min), which keeps distances but lets one outlier
    crush every other territory to 0.
    """
    if method == "rank":
        ranks = values.rank(method="average")
        n = values.notna().sum()
        out = (ranks - 1) / (n - 1).replace(0, np.nan)
        constant = values.nunique() <= 1
        return (
            out.fillna(0.5)
            .where(values.notna())
            .mask(values.notna() & constant.to_numpy()[None, :], 0.5)
        )
    if method == "minmax":
        lo, hi = values.min(), values.max()
        span = (hi - lo).replace(0, np.nan)
        return ((values - lo) / span).fillna(0.5).where(values.notna())
    raise ValueError(f"normalisation={method!r}; expected 'rank' or 'minmax'.")


def maturity_index(
    indicators: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    strata_col: str | None = "stratum",
    missing: str = "zero",
    normalisation: str = "rank",
) -> pd.DataFrame:
    """Digital maturity index: a weighted mean of normalised indicators.

    Each indicator is rescaled to [0, 1] over all territories (OECD/JRC 2008: percentile
    ranks by default, or min-max), then averaged with the ``weights``. Territories are
    ranked overall and within their population stratum, so that a small town is compared
    with small towns.

    Parameters
    ----------
    indicators : pandas.DataFrame
        One row per territory (:func:`territory_indicators`), with ``code`` and the
        indicator columns named in ``weights``.
    weights : mapping, optional
        Indicator -> non-negative weight; :data:`DEFAULT_WEIGHTS` if omitted.
    strata_col : str or None, default "stratum"
        Column of the population stratum for within-stratum ranks; None to skip.
    missing : {"zero", "skip"}, default "zero"
        A missing indicator (e.g. an answer rate with nobody addressing the institution)
        scores 0 (``"zero"``), or is left out of that territory's mean (``"skip"``).
    normalisation : {"rank", "minmax"}, default "rank"
        How indicators are rescaled (see the module's notes: ranks resist outliers).

    Returns
    -------
    pandas.DataFrame
        ``code`` (and ``name``, ``stratum`` when present), one ``score_<indicator>``
        column per indicator, ``index`` in [0, 1], ``rank`` (1 = most mature) and
        ``rank_in_stratum``.
    """
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    check_columns(indicators, ["code", *weights], where="maturity_index")
    w = pd.Series(weights, dtype="float64")
    if (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"weights must be non-negative with a positive sum; got {weights}.")
    if missing not in ("zero", "skip"):
        raise ValueError(f"missing={missing!r}; expected 'zero' or 'skip'.")
    values = indicators[list(w.index)].astype("float64")
    scores = _normalise(values, normalisation)
    if missing == "zero":
        scores = scores.fillna(0.0)
    present = scores.notna().to_numpy()
    filled = scores.fillna(0.0).to_numpy()
    weight_mat = np.where(present, w.to_numpy(), 0.0)
    index = (filled * weight_mat).sum(axis=1) / weight_mat.sum(axis=1)
    keep = [c for c in ("code", "name", strata_col) if c and c in indicators]
    out = indicators[keep].copy()
    for col in w.index:
        out[f"score_{col}"] = scores[col].to_numpy()
    out["index"] = index
    out["rank"] = out["index"].rank(ascending=False, method="min").astype("int64")
    if strata_col and strata_col in out:
        out["rank_in_stratum"] = (
            out.groupby(strata_col)["index"].rank(ascending=False, method="min").astype("int64")
        )
    return out.sort_values(["rank", "code"]).reset_index(drop=True)


def rank_sensitivity(
    indicators: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    n_draws: int = 1000,
    concentration: float = 20.0,
    random_state: int | None = None,
    missing: str = "zero",
    normalisation: str = "rank",
) -> pd.DataFrame:
    """Sensitivity of the maturity ranks to the weights (Monte Carlo over the weights).

    Weights are drawn from a Dirichlet distribution centred on the given weights
    (``alpha = concentration * w / sum(w)``: higher concentration, smaller
    perturbations), the index recomputed for each draw, and the distribution of each
    territory's rank summarised (OECD/JRC 2008, uncertainty analysis).

    Parameters
    ----------
    indicators : pandas.DataFrame
        As for :func:`maturity_index`.
    weights : mapping, optional
        Central weights; :data:`DEFAULT_WEIGHTS` if omitted.
    n_draws : int, default 1000
        Number of weight draws.
    concentration : float, default 20
        Dirichlet concentration.
    random_state : int, optional
        Seed of the draws.
    missing, normalisation : str
        As for :func:`maturity_index`.

    Returns
    -------
    pandas.DataFrame
        ``code, rank`` (with the central weights), ``median_rank, rank_p05, rank_p95,
        p_first`` (share of draws where the territory ranks first), ``p_same_rank``.
    """
    weights = dict(DEFAULT_WEIGHTS if weights is None else weights)
    base = maturity_index(
        indicators,
        weights=weights,
        strata_col=None,
        missing=missing,
        normalisation=normalisation,
    )
    names = list(weights)
    w = np.array([weights[n] for n in names], dtype=float)
    rng = np.random.default_rng(random_state)
    draws = rng.dirichlet(concentration * w / w.sum() + 1e-9, size=n_draws)
    scores = base[[f"score_{n}" for n in names]].to_numpy()
    present = ~np.isnan(scores)
    filled = np.nan_to_num(scores)
    ranks = np.empty((n_draws, len(base)), dtype=np.int64)
    for i, dw in enumerate(draws):
        wm = np.where(present, dw, 0.0)
        idx = (filled * wm).sum(axis=1) / wm.sum(axis=1)
        ranks[i] = stats.rankdata(-idx, method="min").astype(np.int64)
    out = base[["code", "rank"]].copy()
    out["median_rank"] = np.median(ranks, axis=0)
    out["rank_p05"] = np.percentile(ranks, 5, axis=0)
    out["rank_p95"] = np.percentile(ranks, 95, axis=0)
    out["p_first"] = (ranks == 1).mean(axis=0)
    out["p_same_rank"] = (ranks == base["rank"].to_numpy()).mean(axis=0)
    return out
