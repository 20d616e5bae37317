"""Influence: graph, tiers, metrics by hand, and the sample's planted micro-influencers."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from territoire_lab import influence as inf
from territoire_lab.privacy import pseudonymize

from .conftest import TEST_KEY

#: the sample's planted local micro-influencers (data/sample/generate.py LOCAL_INFLUENCERS)
PLANTED = {
    "tours_insolite": "37261",
    "lemans_foodie": "72181",
    "blois.secret": "41018",
    "berry_nature36": "36",
    "chinon_gourmand": "37072",
    "amboise.daily": "37003",
}


def test_tiers_default_scheme_and_custom():
    s = pd.Series([0, 9_999, 10_000, 99_999, 100_000, 1_000_000, None], dtype="Int64")
    assert inf.follower_tier(s).tolist()[:6] == ["nano", "nano", "micro", "micro", "macro", "mega"]
    assert pd.isna(inf.follower_tier(s).iloc[6])
    custom = inf.follower_tier(s, scheme=[("small", 0), ("big", 50_000)])
    assert custom.tolist()[:6] == ["small", "small", "small", "big", "big", "big"]
    with pytest.raises(ValueError, match="increase"):
        inf.follower_tier(s, scheme=[("a", 10), ("b", 0)])


@pytest.fixture
def toy():
    interactions = pd.DataFrame(
        {
            "source_author": ["a", "b", "c", "a", "a", "d"],
            "target_author": ["b", "c", "b", "b", "a", "b"],
            "kind": ["mention", "reply", "repost", "repost", "mention", "mention"],
            "platform": ["x"] * 6,
        }
    )
    corpus = pd.DataFrame(
        {
            "doc_id": list("123456"),
            "author_id": ["a", "a", "b", "b", "b", "c"],
            "platform": ["x"] * 6,
            "territory_code": ["37261", "37003", "37261", "37261", "37261", "37261"],
            "likes": pd.array([10, 0, 100, 50, 0, 1], dtype="Int64"),
            "shares": pd.array([0, 0, 0, 50, 0, 0], dtype="Int64"),
            "replies": pd.array([0, 0, 0, 0, 0, 0], dtype="Int64"),
            "tone": ["positive", "negative", "positive", "positive", "neutral", "negative"],
        }
    )
    accounts = pd.DataFrame(
        {
            "author_id": list("abcd"),
            "platform": ["x"] * 4,
            "followers": pd.array([500, 20_000, 150_000, 10], dtype="Int64"),
        }
    )
    return corpus, accounts, interactions


def test_graph_by_hand(toy):
    _, _, interactions = toy
    g = inf.interaction_graph(interactions)
    assert set(g.nodes) == {"x:a", "x:b", "x:c", "x:d"}
    assert g["x:a"]["x:b"]["weight"] == 2  # a mention and a repost; the self-mention is dropped
    assert g["x:a"]["x:b"]["repost"] == 1 and g["x:a"]["x:b"]["mention"] == 1
    assert not g.has_edge("x:a", "x:a")
    only_mentions = inf.interaction_graph(interactions, kinds=["mention"])
    assert only_mentions.number_of_edges() == 2


def test_author_metrics_by_hand(toy):
    corpus, accounts, interactions = toy
    m = inf.author_metrics(corpus, accounts, interactions, tone_col="tone", random_state=0)
    row = m.set_index(["territory_code", "author_id"])
    assert row.loc[("37261", "a"), "local_anchoring"] == 0.5
    assert row.loc[("37261", "b"), "n_posts"] == 3
    assert row.loc[("37261", "b"), "engagement_rate"] == pytest.approx(100 / 20_000)
    assert row.loc[("37261", "b"), "tone"] == pytest.approx(2 / 3)
    assert row.loc[("37261", "c"), "tier"] == "macro"
    g = inf.interaction_graph(interactions)
    expected = nx.pagerank(g, weight="weight")
    assert row.loc[("37261", "b"), "pagerank"] == pytest.approx(expected["x:b"])
    assert row.loc[("37261", "b"), "pagerank"] == max(expected.values())
    assert row.loc[("37261", "b"), "in_degree"] == 4
    assert m.attrs["tiers"][1] == ["micro", 10_000]


def test_rank_roles(toy):
    corpus, accounts, interactions = toy
    m = inf.author_metrics(corpus, accounts, interactions, tone_col="tone")
    amb = inf.rank_influencers(m, role="ambassador", min_posts=1)
    assert amb[amb["territory_code"] == "37261"]["author_id"].tolist()[0] == "b"  # micro first
    det = inf.rank_influencers(m, role="detractor", min_posts=1)
    assert set(zip(det["territory_code"], det["author_id"], strict=True)) == {
        ("37261", "c"),
        ("37003", "a"),
    }
    with pytest.raises(ValueError, match="ambassador"):
        inf.rank_influencers(m, role="fan")


@pytest.fixture(scope="module")
def sample_metrics(sample, truth):
    posts = truth["posts"][["doc_id", "tone", "audience"]]
    corpus = sample.corpus.merge(posts, on="doc_id")
    return inf.author_metrics(
        corpus,
        sample.accounts,
        sample.interactions,
        tone_col="tone",
        audience_col="audience",
        random_state=0,
    )


def test_planted_micro_influencers_are_in_their_top_10(sample, sample_metrics):
    ranking = inf.rank_influencers(sample_metrics, exclude=sample.institutions["author_id"])
    handles = pseudonymize(pd.Series(list(PLANTED)), key=TEST_KEY)
    for (name, code), pseudo in zip(PLANTED.items(), handles, strict=True):
        top = ranking[ranking["territory_code"] == code]
        assert pseudo in set(top["author_id"]), f"{name} not in the top 10 of {code}"
        assert top.set_index("author_id").loc[pseudo, "tier"] == "micro"


def test_ambassadors_are_positive_and_detractors_negative(sample, sample_metrics):
    amb = inf.rank_influencers(
        sample_metrics, role="ambassador", exclude=sample.institutions["author_id"]
    )
    det = inf.rank_influencers(
        sample_metrics, role="detractor", exclude=sample.institutions["author_id"]
    )
    assert (amb["tone"] > 0).all() and (det["tone"] < 0).all()
    assert set(amb["territory_code"]) == set(sample.territories["code"])
    assert not set(amb["author_id"]) & set(sample.institutions["author_id"])
    tours = amb[amb["territory_code"] == "37261"]
    assert tours["rank"].tolist() == list(range(1, len(tours) + 1))
    first_nano = tours["tier"].tolist().index("nano") if "nano" in set(tours["tier"]) else None
    if first_nano is not None:
        assert "micro" not in set(tours["tier"].iloc[first_nano:])
