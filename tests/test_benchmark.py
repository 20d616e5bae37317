"""Benchmark indicators, checked against hand-made tables and the sample's planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from territoire_lab import benchmark as bm

COMPLAINT_THEMES = {
    "transports_stationnement",
    "travaux_nuisances",
    "prix_foule",
    "vie_nocturne",
    "services_publics",
}


def _ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


@pytest.fixture
def tiny():
    """Two territories; the mairie of Tours answers one of two citizens, Chinon nobody."""
    corpus = pd.DataFrame(
        {
            "doc_id": ["c1", "c2", "c3", "a1", "i1", "i2", "r1"],
            "author_id": ["u_a", "u_b", "u_c", "ville_tours", "ville_tours", "ville_chinon", "u_a"],
            "platform": ["x"] * 7,
            "created_at": [
                _ts("2025-03-01 10:00"),
                _ts("2025-03-02 10:00"),
                _ts("2025-03-03 10:00"),
                _ts("2025-03-01 12:30"),
                _ts("2025-03-05 09:00"),
                _ts("2025-03-06 09:00"),
                _ts("2025-03-07 09:00"),
            ],
            "reply_to_id": [None, None, None, "c1", None, None, None],
            "repost_of_id": [None, None, None, None, "r1", None, None],
            "territory_code": ["37261", "37261", "37072", "37261", "37261", "37072", "37261"],
        }
    )
    corpus["reply_to_id"] = corpus["reply_to_id"].astype("string")
    corpus["repost_of_id"] = corpus["repost_of_id"].astype("string")
    institutions = pd.DataFrame(
        {
            "platform": ["x", "x"],
            "author_id": ["ville_tours", "ville_chinon"],
            "territory_code": ["37261", "37072"],
        }
    )
    interactions = pd.DataFrame(
        {
            "source_author": ["u_a", "u_b", "u_c", "ville_tours", "ville_tours"],
            "target_author": ["ville_tours", "ville_tours", "ville_chinon", "u_a", "u_a"],
            "kind": ["mention", "mention", "mention", "reply", "repost"],
            "doc_id": ["c1", "c2", "c3", "a1", "i1"],
            "platform": ["x"] * 5,
        }
    )
    territories = pd.DataFrame(
        {
            "code": ["37261", "37072"],
            "name": ["Tours", "Chinon"],
            "population": pd.array([139259, 8144], dtype="Int64"),
        }
    )
    accounts = pd.DataFrame(
        {
            "author_id": ["ville_tours", "ville_chinon"],
            "platform": ["x", "x"],
            "followers": pd.array([50000, 2000], dtype="Int64"),
        }
    )
    return corpus, institutions, interactions, territories, accounts


def test_wilson_interval_matches_the_formula():
    low, high = bm.wilson_interval(np.array([6, 0, 3]), np.array([10, 10, 0]))
    z = stats.norm.ppf(0.975)
    p, n = 0.6, 10
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert low[0] == pytest.approx(centre - half, abs=1e-12)
    assert high[0] == pytest.approx(centre + half, abs=1e-12)
    assert low[1] == pytest.approx(0.0, abs=1e-12) and high[1] == pytest.approx(0.2775, abs=1e-4)
    assert np.isnan(low[2]) and np.isnan(high[2])


def test_addressed_and_answered_by_hand(tiny):
    corpus, inst, inter, *_ = tiny
    posts = bm.addressed_posts(corpus, inst, inter).set_index("doc_id")
    assert set(posts.index) == {"c1", "c2", "c3"}  # the institution's own reply is not addressed
    assert bool(posts.loc["c1", "answered"]) and not bool(posts.loc["c2", "answered"])
    assert posts.loc["c1", "answer_hours"] == pytest.approx(2.5)
    assert posts.loc["c1", "answered_by"] == "ville_tours"
    resp = bm.responsiveness(corpus, inst, inter).set_index("territory_code")
    assert resp.loc["37261", ["n_addressed", "n_answered"]].tolist() == [2, 1]
    assert resp.loc["37261", "answer_rate"] == 0.5
    assert resp.loc["37261", "median_answer_hours"] == pytest.approx(2.5)
    assert resp.loc["37072", "answer_rate"] == 0.0
    assert np.isnan(resp.loc["37072", "median_answer_hours"])


def test_responsiveness_only_filters_by_doc_id(tiny):
    corpus, inst, inter, *_ = tiny
    only = pd.Series([False, True, True], index=pd.Index(["c1", "c2", "c3"], name="doc_id"))
    resp = bm.responsiveness(corpus, inst, inter, only=only).set_index("territory_code")
    assert resp.loc["37261", ["n_addressed", "n_answered"]].tolist() == [1, 0]


def test_co_construction_counts_relays_of_citizens(tiny):
    corpus, inst, *_ = tiny
    out = bm.co_construction(corpus, inst).set_index("territory_code")
    assert out.loc["37261", "n_institution_posts"] == 2
    assert out.loc["37261", "n_relays"] == 1
    assert out.loc["37261", "relay_share"] == 0.5
    assert out.loc["37072", "relay_share"] == 0.0


def test_presence_per_platform_and_inhabitant(tiny):
    corpus, inst, _, territories, accounts = tiny
    out = bm.institution_presence(corpus, inst, territories, accounts=accounts).set_index("code")
    assert out.loc["37261", "n_posts"] == 2
    assert out.loc["37261", "followers_per_1000"] == pytest.approx(50000 / 139259 * 1000)
    assert pd.isna(out.loc["37261", "engagement_rate"])  # the toy corpus has no counts
    span_weeks = (_ts("2025-03-07 09:00") - _ts("2025-03-01 10:00")).total_seconds() / (7 * 86400)
    assert out.loc["37261", "posts_per_week"] == pytest.approx(2 / max(span_weeks, 1.0))


def test_share_of_voice_sums_to_one():
    df = pd.DataFrame(
        {
            "territory_code": ["a", "a", "a", "b"],
            "audience": ["resident", "visitor", "visitor", "x"],
        }
    )
    out = bm.share_of_voice(df).set_index(["territory_code", "audience"])
    assert out.loc[("a", "visitor"), "share"] == pytest.approx(2 / 3)
    assert out.groupby(level=0)["share"].sum().tolist() == [1.0, 1.0]


def test_population_strata():
    got = bm.population_stratum(pd.Series([102, 2000, 8144, 47219, 146249, 216069])).tolist()
    assert got == [
        "moins de 2 000 hab.",
        "2 000 à 10 000 hab.",
        "2 000 à 10 000 hab.",
        "10 000 à 50 000 hab.",
        "50 000 à 200 000 hab.",
        "200 000 hab. et plus",
    ]


def test_maturity_index_by_hand():
    ind = pd.DataFrame(
        {
            "code": ["a", "b", "c"],
            "stratum": ["s", "s", "t"],
            "x": [1.0, 2.0, 4.0],
            "y": [10.0, 0.0, np.nan],
        }
    )
    out = bm.maturity_index(ind, weights={"x": 1, "y": 3}, normalisation="minmax").set_index("code")
    # minmax x: 0, 1/3, 1 ; y: 1, 0, missing -> 0
    assert out.loc["a", "index"] == pytest.approx((0 * 1 + 1 * 3) / 4)
    assert out.loc["b", "index"] == pytest.approx((1 / 3) / 4)
    assert out.loc["c", "index"] == pytest.approx(1 / 4)
    assert out["rank"].to_dict() == {"a": 1, "c": 2, "b": 3}
    assert out["rank_in_stratum"].to_dict() == {"a": 1, "b": 2, "c": 1}
    skip = bm.maturity_index(
        ind, weights={"x": 1, "y": 3}, normalisation="minmax", missing="skip"
    ).set_index("code")
    assert skip.loc["c", "index"] == pytest.approx(1.0)  # y left out of c's mean
    ranked = bm.maturity_index(ind, weights={"x": 1, "y": 1}).set_index("code")
    assert ranked.loc["c", "score_x"] == 1.0 and ranked.loc["b", "score_x"] == 0.5


def test_maturity_index_rejects_bad_weights():
    ind = pd.DataFrame({"code": ["a"], "x": [1.0]})
    with pytest.raises(ValueError, match="non-negative"):
        bm.maturity_index(ind, weights={"x": -1})


def test_rank_sensitivity_is_reproducible_and_consistent():
    ind = pd.DataFrame({"code": list("abcd"), "x": [4.0, 3.0, 2.0, 1.0], "y": [1.0, 2.0, 3.0, 4.0]})
    a = bm.rank_sensitivity(ind, weights={"x": 3, "y": 1}, random_state=3, n_draws=400)
    b = bm.rank_sensitivity(ind, weights={"x": 3, "y": 1}, random_state=3, n_draws=400)
    pd.testing.assert_frame_equal(a, b)
    row = a.set_index("code")
    assert row.loc["a", "rank"] == 1 and row.loc["a", "p_first"] > 0.8
    assert (a["rank_p05"] <= a["median_rank"]).all() and (a["median_rank"] <= a["rank_p95"]).all()


def test_planted_responsiveness_is_recovered(sample, truth):
    """Each institution answers its planned share of the complaints that mention it."""
    posts = truth["posts"].set_index("doc_id")
    complaints = (posts["tone"] == "negative") & posts["theme"].isin(COMPLAINT_THEMES)
    resp = bm.responsiveness(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        by="account",
        per="account",
        only=complaints.rename_axis("doc_id"),
    )
    planned = truth["authors"].drop_duplicates("author_id").set_index("author_id")
    resp["planned"] = resp["account"].map(planned["responsiveness"]).astype("float64")
    enough = resp[resp["n_addressed"] >= 20]
    assert len(enough) >= 12
    inside = (enough["planned"] >= enough["answer_rate_low"]) & (
        enough["planned"] <= enough["answer_rate_high"]
    )
    assert inside.all(), enough[~inside]
    never = resp[resp["planned"] == 0]
    assert (never["n_answered"] == 0).all()


def test_planted_ranking_of_territories(sample, truth):
    posts = truth["posts"].set_index("doc_id")
    complaints = (posts["tone"] == "negative") & posts["theme"].isin(COMPLAINT_THEMES)
    resp = bm.responsiveness(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        only=complaints.rename_axis("doc_id"),
    ).set_index("territory_code")
    rate = resp["answer_rate"]
    # planned town-hall rates: Tours .6 > Indre .5 > Blois .4 > Le Mans .3 > Amboise .25 > Loches .1
    order = ["37261", "36", "41018", "72181", "37003", "37132"]
    assert rate[order].is_monotonic_decreasing
    assert rate["37072"] == 0 and rate["41034"] == 0
    fast, slow = resp.loc["37261", "median_answer_hours"], resp.loc["37132", "median_answer_hours"]
    assert fast < 3 and slow > 48


def test_indicators_and_index_on_the_sample(sample):
    ind = bm.territory_indicators(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        sample.territories,
        accounts=sample.accounts,
    )
    assert ind["code"].tolist() == sample.territories["code"].tolist()
    row = ind.set_index("code")
    assert row.loc["41034", "stratum"] == "moins de 2 000 hab."
    assert row.loc["37072", "answer_rate"] == 0.0
    assert row.loc["37261", "n_platforms"] == 4
    index = bm.maturity_index(ind)
    assert index["index"].between(0, 1).all()
    assert index.set_index("code").loc["37072", "rank"] == 8  # never answers, two platforms
    again = bm.maturity_index(ind)
    pd.testing.assert_frame_equal(index, again)
    # the study passes the tables it already computed: same indicators, no second pass
    presence = bm.institution_presence(
        sample.corpus, sample.institutions, sample.territories, accounts=sample.accounts
    )
    answers = bm.responsiveness(sample.corpus, sample.institutions, sample.interactions)
    reused = bm.territory_indicators(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        sample.territories,
        accounts=sample.accounts,
        presence=presence,
        answers=answers,
    )
    pd.testing.assert_frame_equal(reused, ind)


def test_engagement_rate_of_institutions(tiny):
    corpus, inst, _, territories, accounts = tiny
    corpus = corpus.assign(
        likes=pd.array([0, 0, 0, 10, 500, 20, 0], dtype="Int64"),
        shares=pd.array([0, 0, 0, 0, 0, 0, 0], dtype="Int64"),
    )
    out = bm.institution_presence(corpus, inst, territories, accounts=accounts).set_index("code")
    # ville_tours: posts a1 (10) and i1 (500) over 50,000 followers -> median 255 / 50,000
    assert out.loc["37261", "engagement_rate"] == pytest.approx(255 / 50_000)
    assert out.loc["37072", "engagement_rate"] == pytest.approx(20 / 2_000)
