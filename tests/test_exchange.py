"""Exports for Gephi (GEXF, GraphML, pseudonymised) and IRaMuTeQ (text corpus)."""

from __future__ import annotations

import re

import networkx as nx
import pandas as pd
import pytest

from territoire_lab.datasets import sample_dir
from territoire_lab.exceptions import TerritoireLabError
from territoire_lab.exchange import clean_iramuteq_text, to_gexf, to_graphml, to_iramuteq
from territoire_lab.influence import author_metrics, follower_tier, interaction_graph
from territoire_lab.privacy import normalize_handle
from territoire_lab.reinert import read_iramuteq


@pytest.fixture(scope="module")
def raw_tables():
    """The sample's interactions and accounts with their RAW handles (as a careless user
    would pass them), and the set of handles that must never appear in an export."""
    d = sample_dir()
    inter = pd.read_csv(d / "interactions.csv", dtype=str)
    accounts = pd.read_csv(d / "accounts.csv", dtype={"author_id": str, "platform": str})
    institutions = pd.read_csv(d / "institutions.csv", dtype=str)
    allowed = {normalize_handle(a) for a in institutions["author_id"]}
    handles = set(inter["source_author"]) | set(inter["target_author"])
    private = {h for h in handles if normalize_handle(h) not in allowed}
    return inter, accounts, institutions, private


def _tokens(path) -> set[str]:
    return set(re.findall(r"[\w.@-]+", path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_from_raw_handles_is_pseudonymised(raw_tables, sample, key, tmp_path, fmt):
    inter, accounts, institutions, private = raw_tables
    graph = interaction_graph(inter)
    writer = to_gexf if fmt == "gexf" else to_graphml
    path = writer(
        graph, tmp_path / f"g.{fmt}", accounts=accounts, institutions=institutions, key=key
    )
    assert not _tokens(path) & private  # no raw handle, in ids, labels or attributes
    back = nx.read_gexf(path) if fmt == "gexf" else nx.read_graphml(path)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    # the same pseudonyms as the library's loader gives with the same key
    loaded = {
        f"{p}:{a}"
        for p, a in zip(
            sample.interactions["platform"], sample.interactions["source_author"], strict=True
        )
    }
    assert loaded <= set(back.nodes)
    # institutions keep their handle and get their name as label
    node = "facebook:VilleDeChinon"
    assert back.nodes[node]["institution"] in (True, "true", "True")
    assert back.nodes[node]["label"] == "Ville de Chinon"
    others = [n for n, d in back.nodes(data=True) if d["institution"] in (False, "false")]
    assert others and all(re.fullmatch(r"[a-z_]+:u_[0-9a-f]{24}", n) for n in others)
    # tier, from the followers (never the count itself)
    followers = accounts.set_index(["platform", "author_id"])["followers"]
    tier = follower_tier(pd.Series([followers[("facebook", "VilleDeChinon")]])).iloc[0]
    assert back.nodes[node]["tier"] == tier
    assert all("followers" not in d for _, d in back.nodes(data=True))


def test_gexf_attributes_and_edges(sample, truth, key, tmp_path):
    graph = interaction_graph(sample.interactions)
    metrics = author_metrics(
        sample.corpus, sample.accounts, sample.interactions, betweenness_k=50, random_state=0
    )
    audience = truth["authors"][["platform", "author_id", "audience"]]
    nodes = metrics.merge(audience, on=["platform", "author_id"], how="left")
    path = to_gexf(
        graph,
        tmp_path / "influence.gexf",
        nodes=nodes,
        accounts=sample.accounts,
        institutions=sample.institutions,
        key=key,
    )
    back = nx.read_gexf(path)
    # edge weights and kinds, edge by edge
    for u, v, data in list(graph.edges(data=True))[:200]:
        got = back.edges[u, v]
        assert got["weight"] == pytest.approx(data["weight"])
        for kind in ("mention", "reply", "repost"):
            assert got[kind] == data.get(kind, 0)
        main = max(("mention", "reply", "repost"), key=lambda k: data.get(k, 0))
        assert got["kind"] == main
    # node attributes: the author's main territory (most posts), its scores, its audience
    main = nodes.sort_values("n_posts", ascending=False, kind="stable").drop_duplicates(
        ["platform", "author_id"]
    )
    checked = 0
    for row in main.head(300).itertuples():
        n = f"{row.platform}:{row.author_id}"
        if n not in back:
            continue
        attrs = back.nodes[n]
        assert attrs["territory"] == row.territory_code
        assert attrs["pagerank"] == pytest.approx(row.pagerank)
        assert attrs["n_posts"] == row.n_posts
        assert attrs["audience"] == row.audience
        checked += 1
    assert checked > 100
    with pytest.raises(TerritoireLabError, match="identify"):
        to_gexf(graph, tmp_path / "x.gexf", nodes=sample.accounts, attributes=["display_name"])


def test_bad_graph_nodes_are_refused(tmp_path):
    g = nx.DiGraph()
    g.add_edge("alice", "bob", weight=1)
    with pytest.raises(TerritoireLabError, match="platform:author_id"):
        to_gexf(g, tmp_path / "g.gexf", key="a test key of enough length")


# --------------------------------------------------------------------------- IRaMuTeQ

EXPECTED_IRAMUTEQ = """\
**** *territory_37261 *audience_resident *platform_instagram
Les Halles de Tours ce matin : que du bonheur ! 100 pour cent conquise
**** *territory_2A004 *audience_visitor *platform_google-maps
Vue sur la citadelle, 5 étoiles mais l'accès était difficile ... Prix en dollars
**** *territory_36 *audience_NA *platform_x
Indre-et-Loire vs Indre : la question qui fâche #Berry
**** *territory_NA *audience_office-de-tourisme *platform_facebook
Ligne 1 Ligne 2 avec tab
"""


def test_to_iramuteq_matches_hand_written_file(tmp_path):
    corpus = pd.DataFrame(
        {
            "doc_id": ["1", "2", "3", "4", "5"],
            "text": [
                "Les Halles de Tours ce matin : que du bonheur ! 😍😍 100% conquise",
                'Vue sur la citadelle, *****5 étoiles* mais l’accès était "difficile"... '
                "Prix en $dollars$",
                "Indre-et-Loire vs Indre : la question qui fâche #Berry",
                "Ligne 1\r\nLigne 2\tavec tab\x07",
                "🏰✨",
            ],
            "territory_code": ["37261", "2A004", "36", None, "41034"],
            "audience": ["resident", "visitor", None, "office de*tourisme", "resident"],
            "platform": ["instagram", "google_maps", "x", "facebook", "tiktok"],
        }
    )
    path = to_iramuteq(corpus, tmp_path / "corpus.txt")
    assert path.read_bytes() == EXPECTED_IRAMUTEQ.encode("utf-8")
    assert to_iramuteq.last_report["left_out_empty"] == 1  # the post of emojis only
    back = read_iramuteq(path)
    assert back["territory"].tolist()[:3] == ["37261", "2A004", "36"]
    assert back["platform"].tolist() == ["instagram", "google-maps", "x", "facebook"]
    assert back["audience"].isna().tolist() == [False, False, True, False]
    # a mapping name -> column; keep_empty keeps the emoji-only post
    to_iramuteq(
        corpus,
        tmp_path / "c2.txt",
        variables={"ville": "territory_code", "public": "audience"},
        keep_empty=True,
    )
    lines = (tmp_path / "c2.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "**** *ville_37261 *public_resident"
    assert lines[-2:] == ["**** *ville_41034 *public_resident", ""]


def test_iramuteq_on_the_sample_round_trips(sample, tmp_path):
    corpus = sample.corpus[sample.corpus["territory_code"] == "37072"]
    path = to_iramuteq(corpus, tmp_path / "chinon.txt", variables=("territory", "platform"))
    back = read_iramuteq(path)
    assert len(back) + to_iramuteq.last_report["left_out_empty"] == len(corpus)
    assert set(back["territory"]) == {"37072"}
    text = path.read_text(encoding="utf-8")
    body = [line for line in text.splitlines() if not line.startswith("**** ")]
    assert not any("*" in line or '"' in line for line in body)
    assert not re.search(r"[\U00010000-\U0010ffff]", text)
    assert clean_iramuteq_text("  a\u2019b  ") == "a'b"


def test_to_iramuteq_missing_column(tmp_path):
    with pytest.raises(TerritoireLabError, match="audience"):
        to_iramuteq(
            pd.DataFrame({"text": ["x"], "territory_code": ["1"], "platform": ["x"]}),
            tmp_path / "c.txt",
        )
