"""Influencers of a territory: interaction graph, tiers, engagement, centrality, anchoring.

Who carries the conversation about each territory? This module builds the interaction
graph (mentions, replies, reposts), measures each author's reach (followers, tier),
engagement, centrality (PageRank, approximate betweenness), community (Louvain) and
*local anchoring* (the share of the author's posts that are about the territory), and
ranks the territory's **ambassadors** (influential and positive) and **detractors**
(influential and negative), micro-influencers first: they have an existing, engaged and
local community, which is what a territory's communication can work with.

References
----------
Page, L., Brin, S., Motwani, R. and Winograd, T. (1999). The PageRank citation ranking:
bringing order to the web. Stanford InfoLab.
Brandes, U. and Pich, C. (2007). Centrality estimation in large networks. *International
Journal of Bifurcation and Chaos*, 17(7), 2303-2318 (sampled betweenness).
Blondel, V. D., Guillaume, J.-L., Lambiotte, R. and Lefebvre, E. (2008). Fast unfolding of
communities in large networks. *J. Stat. Mech.*, P10008 (Louvain).
Campbell, C. and Farrell, J. R. (2020). More than meets the eye: the functional components
underlying influencer marketing. *Business Horizons*, 63(4), 469-479 (influencer tiers).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import check_columns

if TYPE_CHECKING:  # pragma: no cover
    import networkx

__all__ = [
    "DEFAULT_TIERS",
    "author_metrics",
    "follower_tier",
    "interaction_graph",
    "rank_influencers",
]

logger = logging.getLogger("territoire_lab")

#: follower tiers (lower bounds, inclusive): nano < 10k, micro 10k-100k, macro 100k-1M, mega >= 1M
DEFAULT_TIERS: tuple[tuple[str, float], ...] = (
    ("nano", 0),
    ("micro", 10_000),
    ("macro", 100_000),
    ("mega", 1_000_000),
)
_TONE_VALUES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


def _node(platform: str, author: str) -> str:
    return f"{platform}:{author}"


def follower_tier(
    followers: pd.Series, *, scheme: Sequence[tuple[str, float]] = DEFAULT_TIERS
) -> pd.Series:
    """Tier of each account by its number of followers.

    Parameters
    ----------
    followers : pandas.Series
        Follower counts (missing stay missing).
    scheme : sequence of (name, lower bound)
        Tiers in increasing order of their lower bound (inclusive);
        :data:`DEFAULT_TIERS` by default: nano < 10k, micro 10k-100k, macro 100k-1M,
        mega >= 1M.

    Returns
    -------
    pandas.Series
        Tier names (string dtype), aligned on ``followers``.

    Examples
    --------
    >>> follower_tier(pd.Series([950, 46000, 412000, 1240000])).tolist()
    ['nano', 'micro', 'macro', 'mega']
    """
    names = [name for name, _ in scheme]
    bounds = [float(b) for _, b in scheme]
    if bounds != sorted(bounds):
        raise ValueError(f"tier bounds must increase; got {list(scheme)}.")
    values = followers.astype("Float64")
    idx = np.searchsorted(bounds, values.fillna(-1).to_numpy(dtype=float), side="right") - 1
    out = pd.Series(
        [names[i] if i >= 0 else None for i in idx], index=followers.index, dtype="string"
    )
    return out.where(values.notna())


def interaction_graph(
    interactions: pd.DataFrame,
    *,
    kinds: Sequence[str] = ("mention", "reply", "repost"),
) -> networkx.DiGraph:
    """Directed, weighted graph of who addresses, answers or relays whom.

    An edge ``source -> target`` means that ``source`` mentioned, answered or reposted
    ``target``: attention flows to the target, so PageRank credits it. Nodes are
    ``"platform:author_id"``; edge ``weight`` counts the interactions, and edge
    attributes ``mention``, ``reply`` and ``repost`` count them by kind.

    Parameters
    ----------
    interactions : pandas.DataFrame
        ``source_author, target_author, kind, platform``.
    kinds : sequence of str
        Kinds of interaction kept.

    Returns
    -------
    networkx.DiGraph
    """
    import networkx as nx

    check_columns(
        interactions,
        ["source_author", "target_author", "kind", "platform"],
        where="interaction_graph",
        table="interactions",
    )
    edges = interactions[interactions["kind"].isin(list(kinds))]
    edges = edges[edges["source_author"] != edges["target_author"]]
    src = [_node(p, a) for p, a in zip(edges["platform"], edges["source_author"], strict=True)]
    dst = [_node(p, a) for p, a in zip(edges["platform"], edges["target_author"], strict=True)]
    counts = (
        pd.DataFrame({"u": src, "v": dst, "kind": edges["kind"].to_numpy()})
        .groupby(["u", "v", "kind"])
        .size()
        .unstack("kind", fill_value=0)
    )
    graph = nx.DiGraph()
    for (u, v), row in counts.iterrows():
        attrs = {k: int(row[k]) for k in counts.columns}
        graph.add_edge(u, v, weight=int(row.sum()), **attrs)
    return graph


def author_metrics(
    corpus: pd.DataFrame,
    accounts: pd.DataFrame,
    interactions: pd.DataFrame,
    *,
    by: str = "territory_code",
    tone_col: str | None = None,
    audience_col: str | None = None,
    tiers: Sequence[tuple[str, float]] = DEFAULT_TIERS,
    betweenness_k: int | None = 500,
    random_state: int | None = 0,
) -> pd.DataFrame:
    """One row per author and territory: reach, engagement, centrality, anchoring, tone.

    Parameters
    ----------
    corpus : pandas.DataFrame
        Corpus with ``author_id``, ``platform``, the ``by`` column and, when present,
        ``likes``, ``shares``, ``replies``.
    accounts : pandas.DataFrame
        ``author_id``, ``platform``, ``followers``.
    interactions : pandas.DataFrame
        Edges for the graph (see :func:`interaction_graph`).
    by : str, default "territory_code"
        The territory of each post.
    tone_col : str, optional
        Tone of each post: a score in [-1, 1] or labels negative/neutral/positive (e.g.
        ``sentiment_label``); adds ``tone`` (mean tone of the author's posts about the
        territory).
    audience_col : str, optional
        Audience of each post (e.g. ``audience``); adds ``resident_share``.
    tiers : sequence of (name, lower bound)
        Follower tiers (:data:`DEFAULT_TIERS`); the scheme is stored in ``.attrs["tiers"]``.
    betweenness_k : int or None, default 500
        Number of sampled sources of the approximate betweenness (Brandes & Pich 2007);
        None for the exact value (slow on large graphs).
    random_state : int, optional
        Seed of the betweenness sampling and of Louvain.

    Returns
    -------
    pandas.DataFrame
        ``territory_code`` (the ``by`` column), ``platform, author_id, n_posts`` (about the
        territory), ``n_posts_total``, ``local_anchoring`` (share of the author's posts
        about this territory), ``followers, tier, engagement_rate`` (median of (likes +
        shares + replies) / followers over the author's posts about the territory),
        ``pagerank, betweenness, in_degree, community`` and optionally ``tone``,
        ``resident_share``.
    """
    import networkx as nx

    check_columns(corpus, ["author_id", "platform", by], where="author_metrics")
    check_columns(
        accounts, ["author_id", "platform", "followers"], where="author_metrics", table="accounts"
    )
    posts = corpus[corpus[by].notna()].copy()
    keys = [by, "platform", "author_id"]
    followers = accounts.drop_duplicates(["platform", "author_id"]).set_index(
        ["platform", "author_id"]
    )["followers"]
    posts["followers"] = followers.reindex(
        pd.MultiIndex.from_frame(posts[["platform", "author_id"]])
    ).to_numpy()
    eng_cols = [c for c in ("likes", "shares", "replies") if c in posts]
    engagement = posts[eng_cols].astype("Float64").fillna(0).sum(axis=1) if eng_cols else 0
    denom = posts["followers"].astype("Float64").where(lambda s: s > 0)
    posts["engagement_rate"] = (engagement / denom).astype("float64")
    if tone_col is not None:
        check_columns(posts, [tone_col], where="author_metrics")
        tone = posts[tone_col]
        posts["_tone"] = (
            tone.map(_TONE_VALUES) if not pd.api.types.is_numeric_dtype(tone) else tone
        ).astype("float64")
    if audience_col is not None:
        check_columns(posts, [audience_col], where="author_metrics")
        posts["_resident"] = (posts[audience_col] == "resident").astype("float64")

    g = posts.groupby(keys, observed=True)
    out = pd.DataFrame(
        {
            "n_posts": g.size(),
            "followers": g["followers"].first(),
            "engagement_rate": g["engagement_rate"].median(),
        }
    )
    if tone_col is not None:
        out["tone"] = g["_tone"].mean()
    if audience_col is not None:
        out["resident_share"] = g["_resident"].mean()
    out = out.reset_index()
    totals = posts.groupby(["platform", "author_id"]).size()
    out["n_posts_total"] = totals.reindex(
        pd.MultiIndex.from_frame(out[["platform", "author_id"]])
    ).to_numpy()
    out["local_anchoring"] = out["n_posts"] / out["n_posts_total"]
    out["followers"] = out["followers"].astype("Int64")
    out["tier"] = follower_tier(out["followers"], scheme=tiers)

    graph = interaction_graph(interactions)
    logger.info(
        "Interaction graph: %d nodes, %d edges", graph.number_of_nodes(), graph.number_of_edges()
    )
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {}
    k = None if betweenness_k is None else min(betweenness_k, graph.number_of_nodes())
    betweenness = (
        nx.betweenness_centrality(graph, k=k, seed=random_state, normalized=True)
        if graph.number_of_edges()
        else {}
    )
    communities = (
        nx.community.louvain_communities(graph.to_undirected(), weight="weight", seed=random_state)
        if graph.number_of_edges()
        else []
    )
    community_of = {
        node: i
        for i, members in enumerate(sorted(communities, key=lambda c: (-len(c), min(c))))
        for node in members
    }
    nodes = [_node(p, a) for p, a in zip(out["platform"], out["author_id"], strict=True)]
    out["pagerank"] = [pagerank.get(n, 0.0) for n in nodes]
    out["betweenness"] = [betweenness.get(n, 0.0) for n in nodes]
    out["in_degree"] = [
        int(graph.in_degree(n, weight="weight")) if n in graph else 0 for n in nodes
    ]
    out["community"] = pd.array([community_of.get(n) for n in nodes], dtype="Int64")
    out.attrs["tiers"] = [list(t) for t in tiers]
    cols = [
        by,
        "platform",
        "author_id",
        "n_posts",
        "n_posts_total",
        "local_anchoring",
        "followers",
        "tier",
        "engagement_rate",
        "pagerank",
        "betweenness",
        "in_degree",
        "community",
    ]
    cols += [c for c in ("tone", "resident_share") if c in out]
    return out[cols]


def _pct(s: pd.Series) -> pd.Series:
    return s.astype("float64").rank(pct=True, method="average").fillna(0.0)


def rank_influencers(
    metrics: pd.DataFrame,
    *,
    by: str = "territory_code",
    role: str = "influencer",
    tier_order: Sequence[str] = ("micro", "macro", "mega", "nano"),
    min_posts: int = 2,
    min_anchoring: float = 0.5,
    exclude: Sequence[str] = (),
    n: int | None = 10,
) -> pd.DataFrame:
    """Rank each territory's influencers, ambassadors or detractors, micro-influencers first.

    The *influence* of an author about a territory is the mean of four percentile ranks
    among the territory's authors: reach (followers), engagement rate, PageRank in the
    interaction graph and activity about the territory (posts). *Influencers* are all the
    territory's anchored authors, ordered by influence; *ambassadors* those with a positive
    mean tone, *detractors* those with a negative one, ordered by influence x |tone|. Each
    list is ordered by tier first (``tier_order``: micro-influencers first).

    Parameters
    ----------
    metrics : pandas.DataFrame
        :func:`author_metrics` output, with ``tone``.
    by : str
        Territory column.
    role : {"influencer", "ambassador", "detractor"}, default "influencer"
        Which list; ambassadors and detractors need a ``tone`` column.
    tier_order : sequence of str
        Order of the tiers in the ranking; tiers not listed come last.
    min_posts : int, default 2
        Authors with fewer posts about the territory are left out (a single post says
        little about a relation).
    min_anchoring : float, default 0.5
        Minimum local anchoring (share of the author's posts about the territory):
        ambassadors and detractors are anchored in the territory.
    exclude : sequence of str
        Authors left out (e.g. the institutions' own accounts).
    n : int or None, default 10
        Rows kept per territory.

    Returns
    -------
    pandas.DataFrame
        The ``metrics`` rows kept, with ``influence``, ``score`` and ``rank`` (1 = first)
        per territory.
    """
    if role not in ("influencer", "ambassador", "detractor"):
        raise ValueError(f"role={role!r}; expected 'influencer', 'ambassador' or 'detractor'.")
    needed = [by, "author_id", "tier", "followers", "engagement_rate", "pagerank", "n_posts"]
    needed += ["local_anchoring"] + (["tone"] if role != "influencer" else [])
    check_columns(metrics, needed, where="rank_influencers")
    data = metrics[~metrics["author_id"].isin(list(exclude))].copy()
    parts = []
    for _, group in data.groupby(by, observed=True):
        group = group.copy()
        group["influence"] = (
            _pct(group["followers"])
            + _pct(group["engagement_rate"])
            + _pct(group["pagerank"])
            + _pct(group["n_posts"])
        ) / 4
        parts.append(group)
    if not parts:
        return data.assign(influence=[], score=[], rank=[])
    data = pd.concat(parts)
    keep = (data["n_posts"] >= min_posts) & (data["local_anchoring"] >= min_anchoring)
    if role == "influencer":
        data = data[keep].copy()
        data["score"] = data["influence"]
    else:
        sign = 1.0 if role == "ambassador" else -1.0
        data = data[keep & (sign * data["tone"] > 0)].copy()
        data["score"] = data["influence"] * (sign * data["tone"])
    order = {t: i for i, t in enumerate(tier_order)}
    data["_tier_rank"] = data["tier"].map(order).fillna(len(order)).astype(int)
    data = data.sort_values(
        [by, "_tier_rank", "score", "author_id"], ascending=[True, True, False, True]
    )
    data["rank"] = data.groupby(by, observed=True).cumcount() + 1
    if n is not None:
        data = data[data["rank"] <= n]
    return data.drop(columns="_tier_rank").reset_index(drop=True)
