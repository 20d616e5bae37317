"""Tests of territoire_lab.keyness: hand-computed tables, BH, Lafon, planted Amboise words."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from territoire_lab.exceptions import TerritoireLabError
from territoire_lab.keyness import (
    MEASURES,
    benjamini_hochberg,
    count_terms,
    keyness,
    keyness_stats,
    lafon_scores,
    specificities,
)

TOL = 1e-9


def _corpus(counts: dict[str, dict[str, int]], docs_per_group: int = 3) -> pd.DataFrame:
    """A corpus whose token lists give exactly ``counts[group][term]`` occurrences."""
    rows = []
    for g, terms in counts.items():
        tokens = [t for t, n in terms.items() for _ in range(n)]
        for i in range(docs_per_group):
            rows.append({"doc_id": f"{g}{i}", "grp": g, "lemmas": tokens[i::docs_per_group]})
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------------------
# Hand computations (explicit formulas, independent of the module)
# --------------------------------------------------------------------------------------


def hand_g2(a: float, b: float, c: float, d: float) -> float:
    n = c + d
    cells = [
        (a, c * (a + b) / n),
        (b, d * (a + b) / n),
        (c - a, c * (n - a - b) / n),
        (d - b, d * (n - a - b) / n),
    ]
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0)


def hand_chi2(a: float, b: float, c: float, d: float) -> float:
    # shortcut formula of the 2 x 2 table [[a, b], [c - a, d - b]]
    x, y, z, w = a, b, c - a, d - b
    n = x + y + z + w
    return n * (x * w - y * z) ** 2 / ((x + y) * (z + w) * (x + z) * (y + w))


def hand_log_ratio(a: float, b: float, c: float, d: float) -> float:
    a = a if a else 0.5
    b = b if b else 0.5
    return math.log2((a / c) / (b / d))


def hand_logodds(a, b, c, d, alpha, alpha0) -> tuple[float, float]:
    delta = math.log((a + alpha) / (c + alpha0 - a - alpha)) - math.log(
        (b + alpha) / (d + alpha0 - b - alpha)
    )
    z = delta / math.sqrt(1 / (a + alpha) + 1 / (b + alpha))
    return delta, z


def hand_lafon(f: int, t: int, big_f: int, big_t: int) -> tuple[float, float]:
    dist = stats.hypergeom(big_t, big_f, t)
    sup = dist.sf(f - 1)  # P(X >= f)
    inf = dist.cdf(f)  # P(X <= f)
    mode = math.floor((big_f + 1) * (t + 1) / (big_t + 2))
    score = -math.log10(sup) if f >= mode else math.log10(inf)
    return score, min(1.0, 2 * min(sup, inf))


def _row(table: pd.DataFrame, group, term, reference="(reste)") -> pd.Series:
    sel = table[(table.group == group) & (table.term == term) & (table.reference == reference)]
    assert len(sel) == 1, (group, term, reference)
    return sel.iloc[0]


# --------------------------------------------------------------------------------------
# 2 x 2
# --------------------------------------------------------------------------------------

TWO = {"A": {"loire": 30, "vin": 0, "autre": 70}, "B": {"loire": 20, "vin": 12, "autre": 168}}


@pytest.mark.parametrize("measure", MEASURES)
def test_two_by_two_every_measure(measure):
    table = keyness(_corpus(TWO), by="grp", target="A", measure=measure, min_freq=1)
    c, d = 100, 200
    for term, (a, b) in {"loire": (30, 20), "vin": (0, 12), "autre": (70, 168)}.items():
        r = _row(table, "A", term)
        assert (r.freq, r.freq_ref, r.total, r.total_ref) == (a, b, c, d)
        assert r.rel_freq == pytest.approx(1e4 * a / c, abs=TOL)
        assert r.expected == pytest.approx(c * (a + b) / (c + d), abs=TOL)
        assert r.log_ratio == pytest.approx(hand_log_ratio(a, b, c, d), abs=TOL)
        sign = 1 if a / c > b / d else -1
        if measure == "g2":
            g2 = hand_g2(a, b, c, d)
            assert r.score == pytest.approx(sign * g2, abs=TOL)
            assert r.p_value == pytest.approx(stats.chi2.sf(g2, 1), abs=TOL)
        elif measure == "chi2":
            x2 = hand_chi2(a, b, c, d)
            assert r.score == pytest.approx(sign * x2, abs=TOL)
            assert r.p_value == pytest.approx(stats.chi2.sf(x2, 1), abs=TOL)
        elif measure == "log_ratio":
            assert r.score == pytest.approx(hand_log_ratio(a, b, c, d), abs=TOL)
            assert r.p_value == pytest.approx(stats.chi2.sf(hand_g2(a, b, c, d), 1), abs=TOL)
        elif measure == "logodds_dirichlet":
            # prior = corpus frequency of the term (prior_scale=1), alpha0 = corpus size
            _, z = hand_logodds(a, b, c, d, alpha=a + b, alpha0=c + d)
            assert r.score == pytest.approx(z, abs=TOL)
            assert r.p_value == pytest.approx(2 * stats.norm.sf(abs(z)), abs=TOL)
        else:
            score, p = hand_lafon(a, c, a + b, c + d)
            assert r.score == pytest.approx(score, abs=TOL)
            assert r.p_value == pytest.approx(p, abs=TOL)


def test_two_by_two_against_scipy_contingency():
    """G2 and chi2 also agree with scipy's own 2 x 2 tests (no continuity correction)."""
    table_g2 = keyness(_corpus(TWO), by="grp", target="A", measure="g2", min_freq=1)
    table_x2 = keyness(_corpus(TWO), by="grp", target="A", measure="chi2", min_freq=1)
    obs = np.array([[30, 20], [70, 180]])
    g2 = stats.chi2_contingency(obs, correction=False, lambda_="log-likelihood")[0]
    x2 = stats.chi2_contingency(obs, correction=False)[0]
    assert _row(table_g2, "A", "loire").score == pytest.approx(g2, abs=TOL)
    assert _row(table_x2, "A", "loire").score == pytest.approx(x2, abs=TOL)


def test_prior_scale_changes_logodds_as_formula():
    table = keyness(
        _corpus(TWO), by="grp", target="A", measure="logodds_dirichlet", min_freq=1, prior_scale=0.1
    )
    _, z = hand_logodds(30, 20, 100, 200, alpha=0.1 * 50, alpha0=0.1 * 300)
    assert _row(table, "A", "loire").score == pytest.approx(z, abs=TOL)


# --------------------------------------------------------------------------------------
# 3 groups: one-vs-rest, pairwise, reference, BH
# --------------------------------------------------------------------------------------

THREE = {
    "Tours": {"guinguette": 40, "vélo": 10, "château": 20, "x": 130},
    "Amboise": {"guinguette": 5, "vélo": 15, "château": 60, "x": 70},
    "Blois": {"guinguette": 5, "vélo": 25, "château": 30, "x": 190},
}
SIZES = {g: sum(t.values()) for g, t in THREE.items()}


@pytest.mark.parametrize("measure", MEASURES)
def test_three_groups_one_vs_rest(measure):
    table = keyness(_corpus(THREE), by="grp", measure=measure, min_freq=1)
    n = sum(SIZES.values())
    assert len(table) == 3 * 4
    for g in THREE:
        for term in THREE[g]:
            a = THREE[g][term]
            b = sum(THREE[h][term] for h in THREE if h != g)
            c, d = SIZES[g], n - SIZES[g]
            r = _row(table, g, term)
            assert (r.freq, r.freq_ref, r.total, r.total_ref) == (a, b, c, d)
            sign = 1 if a / c > b / d else -1
            expected = {
                "g2": sign * hand_g2(a, b, c, d),
                "chi2": sign * hand_chi2(a, b, c, d),
                "log_ratio": hand_log_ratio(a, b, c, d),
                "logodds_dirichlet": hand_logodds(a, b, c, d, a + b, n)[1],
                "lafon": hand_lafon(a, c, a + b, n)[0],
            }[measure]
            assert r.score == pytest.approx(expected, abs=TOL)
    # BH within each comparison, by hand
    for g in THREE:
        sub = table[table.group == g]
        p = sub.p_value.to_numpy()
        m = len(p)
        hand = [
            min(1.0, min(m * p[j] / (np.sum(p <= p[j])) for j in range(m) if p[j] >= pi))
            for pi in p
        ]
        np.testing.assert_allclose(sub.p_adj.to_numpy(), hand, atol=TOL)


@pytest.mark.parametrize("measure", MEASURES)
def test_three_groups_pairwise(measure):
    corpus = _corpus(THREE)
    table = keyness(corpus, by="grp", measure=measure, pairwise=True, min_freq=1)
    pairs = set(zip(table.group, table.reference, strict=True))
    # groups sorted: Amboise, Blois, Tours; each unordered pair once
    assert pairs == {("Amboise", "Blois"), ("Amboise", "Tours"), ("Blois", "Tours")}
    for g, h in pairs:
        for term in THREE[g]:
            a, b, c, d = THREE[g][term], THREE[h][term], SIZES[g], SIZES[h]
            n = sum(SIZES.values())
            sign = 1 if a / c > b / d else -1
            expected = {
                "g2": sign * hand_g2(a, b, c, d),
                "chi2": sign * hand_chi2(a, b, c, d),
                "log_ratio": hand_log_ratio(a, b, c, d),
                # the prior comes from the whole corpus, all groups
                "logodds_dirichlet": hand_logodds(
                    a, b, c, d, sum(THREE[k][term] for k in THREE), n
                )[1],
                "lafon": hand_lafon(a, c, a + b, c + d)[0],
            }[measure]
            assert _row(table, g, term, h).score == pytest.approx(expected, abs=TOL)
    # target + pairwise: the target against every other group, in both orientations
    t = keyness(corpus, by="grp", target="Tours", pairwise=True, min_freq=1, measure=measure)
    assert set(t.reference) == {"Amboise", "Blois"} and set(t.group) == {"Tours"}
    r = _row(t, "Tours", "guinguette", "Amboise")
    a, b, c, d = 40, 5, SIZES["Tours"], SIZES["Amboise"]
    if measure == "g2":
        assert r.score == pytest.approx(hand_g2(a, b, c, d), abs=TOL)


def test_reference_group_and_min_freq_and_n_terms():
    corpus = _corpus(THREE)
    t = keyness(corpus, by="grp", target="Amboise", reference="Blois", min_freq=1)
    assert set(t.reference) == {"Blois"} and set(t.group) == {"Amboise"}
    r = _row(t, "Amboise", "château", "Blois")
    assert r.score == pytest.approx(hand_g2(60, 30, 150, 250), abs=TOL)
    # min_freq on the two compared parts together: guinguette has 5 + 5 = 10
    t2 = keyness(corpus, by="grp", target="Amboise", reference="Blois", min_freq=11)
    assert "guinguette" not in set(t2.term) and "vélo" in set(t2.term)
    # n_terms keeps the highest scores, sorted
    t3 = keyness(corpus, by="grp", n_terms=2, min_freq=1)
    assert t3.groupby("group").size().tolist() == [2, 2, 2]
    assert _row(t3, "Amboise", "château").score > 0
    for _, sub in t3.groupby("group"):
        assert sub.score.is_monotonic_decreasing


def test_tokens_col_and_missing_column_message():
    corpus = _corpus(TWO).rename(columns={"lemmas": "tokens"})
    assert len(keyness(corpus, by="grp", tokens_col="tokens", min_freq=1)) == 6
    with pytest.raises(TerritoireLabError, match="clean_corpus"):
        keyness(corpus, by="grp")
    with pytest.raises(TerritoireLabError, match="not found"):
        keyness(_corpus(TWO), by="grp", target="Chinon")
    with pytest.raises(ValueError, match="measure"):
        keyness(_corpus(TWO), by="grp", measure="tfidf")


def test_missing_groups_and_empty_token_lists_are_skipped():
    corpus = _corpus(TWO)
    extra = pd.DataFrame(
        {"doc_id": ["n1", "n2"], "grp": [None, "A"], "lemmas": [["loire"] * 50, None]}
    )
    counts = count_terms(pd.concat([corpus, extra], ignore_index=True), by="grp")
    assert counts.to_frame().loc["loire"].tolist() == [30, 20]


# --------------------------------------------------------------------------------------
# BH and Lafon
# --------------------------------------------------------------------------------------


def test_benjamini_hochberg_hand_example():
    # m = 5 (NaN ignored): sorted 0.005, 0.01, 0.03, 0.04, 0.5
    # raw m p / rank: 0.025, 0.025, 0.05, 0.05, 0.5 -> already monotone
    p = [0.01, 0.04, 0.03, 0.005, 0.5, float("nan")]
    out = benjamini_hochberg(p)
    np.testing.assert_allclose(out[:5], [0.025, 0.05, 0.05, 0.025, 0.5], atol=1e-15)
    assert math.isnan(out[5])
    # step-up: a larger p can lower the adjusted value of smaller ones
    np.testing.assert_allclose(benjamini_hochberg([0.02, 0.03, 0.031]), [0.031] * 3, atol=1e-15)
    # the same values as statsmodels' fdr_bh formula, written out
    np.testing.assert_allclose(benjamini_hochberg([0.9, 0.2]), [0.9, 0.4], atol=1e-15)


@pytest.mark.parametrize(
    ("f", "t", "big_f", "big_t"),
    [
        (12, 100, 20, 1000),
        (0, 300, 40, 1000),
        (3, 250, 12, 1000),
        (7, 70, 7, 500),
        (2, 100, 20, 1000),
    ],
)
def test_lafon_against_scipy_hypergeom(f, t, big_f, big_t):
    score, p = lafon_scores(np.array([f]), t, big_f, big_t)
    hand_score, hand_p = hand_lafon(f, t, big_f, big_t)
    assert score[0] == pytest.approx(hand_score, rel=1e-9, abs=1e-12)
    assert p[0] == pytest.approx(hand_p, rel=1e-9, abs=1e-15)


def test_lafon_far_tail_does_not_underflow():
    # P(X >= 400) underflows to 0 in double precision; the log tail is still exact
    score, _ = lafon_scores(np.array([400]), 1000, 400, 100000)
    log_sup = stats.hypergeom(100000, 400, 1000).logsf(399)
    assert np.isfinite(score[0])
    assert score[0] == pytest.approx(-log_sup / math.log(10), rel=1e-8)


def test_specificities_matrix_is_lafon_part_vs_corpus():
    corpus = _corpus(THREE)
    spec = specificities(corpus, by="grp", min_freq=1)
    assert list(spec.columns) == ["Amboise", "Blois", "Tours"]
    n = sum(SIZES.values())
    for g in THREE:
        for term in THREE[g]:
            big_f = sum(THREE[h][term] for h in THREE)
            expected = hand_lafon(THREE[g][term], SIZES[g], big_f, n)[0]
            assert spec.loc[term, g] == pytest.approx(expected, abs=TOL)
    assert spec.max(axis=1).is_monotonic_decreasing
    # the same numbers as the one-vs-rest keyness with measure="lafon"
    k = keyness(corpus, by="grp", measure="lafon", min_freq=1)
    assert _row(k, "Tours", "guinguette").score == pytest.approx(spec.loc["guinguette", "Tours"])
    top = specificities(corpus, by="grp", min_freq=1, n_terms=1)
    # n_terms=1: the union of each group's most specific term
    assert set(top.index) == {spec[g].idxmax() for g in spec.columns}
    assert set(top.index) == {"guinguette", "château", "x"}


def test_keyness_stats_vectorised_matches_table():
    st = keyness_stats([30, 0], [20, 12], 100, 200, measure="g2")
    assert st.score.iloc[0] == pytest.approx(hand_g2(30, 20, 100, 200), abs=TOL)
    assert st.score.iloc[1] == pytest.approx(-hand_g2(0, 12, 100, 200), abs=TOL)


# --------------------------------------------------------------------------------------
# Planted truth on the sample
# --------------------------------------------------------------------------------------

#: Words of the generator's Amboise landmarks, hashtags and specialities (generate.py).
AMBOISE_WORDS = {
    "amboise",
    "clos",
    "lucé",
    "léonard",
    "vinci",
    "chanteloup",
    "pagode",
    "saint-hubert",
    "mini-châteaux",
    "horloge",
    "touraine-amboise",
}


@pytest.fixture(scope="module")
def cleaned(sample):
    corpus = sample.posts if hasattr(sample, "posts") else sample.corpus
    try:
        from territoire_lab.clean import clean_corpus

        return clean_corpus(corpus, detect_lang=False, duplicates=False, progress=False)
    except Exception:  # pragma: no cover - only while clean.py is being rewritten
        stop = {"le", "la", "les", "de", "des", "du", "un", "une", "et", "à", "au", "en"}
        toks = corpus["text"].str.lower().map(lambda t: re.findall(r"\w+(?:-\w+)*", t))
        return corpus.assign(lemmas=toks.map(lambda ts: [x for x in ts if x not in stop]))


def test_amboise_against_the_rest_top20_has_planted_words(cleaned):
    top = keyness(cleaned, by="territory_code", target="37003", measure="g2", n_terms=20)
    words = set(top["term"])
    found = AMBOISE_WORDS & words
    # the landmarks of the generator: Clos Lucé, Léonard de Vinci, pagode de Chanteloup
    assert {"amboise", "clos", "léonard", "vinci", "chanteloup", "pagode"} <= words
    assert len(found) >= 8, sorted(words)
    assert (top["p_adj"] < 1e-10).all()
    assert (top["score"] > 0).all() and (top["log_ratio"] > 0.5).all()
    # and the other measures agree on the core landmarks
    for measure in ("logodds_dirichlet", "lafon", "chi2"):
        t = keyness(cleaned, by="territory_code", target="37003", measure=measure, n_terms=20)
        assert {"clos", "léonard", "vinci", "chanteloup"} <= set(t["term"]), measure


def test_specificities_on_sample_put_each_landmark_in_its_territory(cleaned):
    spec = specificities(cleaned, by="territory_code", min_freq=20)
    assert spec.loc["clos"].idxmax() == "37003"
    assert spec.loc["forteresse"].idxmax() == "37072"
    assert spec.loc["clos", "37003"] > 100
    assert spec.loc["clos", "37261"] < 0


# --------------------------------------------------------------------------------------
# Plots
# --------------------------------------------------------------------------------------


def test_keyness_plots_draw_the_table():
    import matplotlib.pyplot as plt

    from territoire_lab import viz_vocabulary as vv

    table = keyness(_corpus(THREE), by="grp", min_freq=1)
    one = table[table.group == "Amboise"]
    ax = vv.plot_keyness_scatter(one, n_labels=2)
    assert len(ax.collections[0].get_offsets()) == 4
    assert {t.get_text() for t in ax.texts} >= {"château"}
    assert "Amboise" in ax.get_title() and "10 000" in ax.get_xlabel()
    ax = vv.plot_keyness_bars(one, n_terms=2)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == one.iloc[0].term
    ax = vv.plot_keyness_heatmap(table, n_terms=1, labels={"Amboise": "Ambo."})
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Ambo.", "Blois", "Tours"]
    image = ax.images[0].get_array()
    assert image.shape == (3, 3)
    # the wide matrix of specificities is accepted too
    ax = vv.plot_keyness_heatmap(specificities(_corpus(THREE), by="grp", min_freq=1), n_terms=1)
    assert ax.images[0].get_array().shape[1] == 3
    with pytest.raises(ValueError, match="comparisons"):
        vv.plot_keyness_scatter(table)
    plt.close("all")


# --------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(
    a=st.integers(0, 500),
    b=st.integers(0, 500),
    extra_c=st.integers(1, 5000),
    extra_d=st.integers(1, 5000),
)
def test_swapping_the_groups_flips_the_sign(a, b, extra_c, extra_d):
    if a + b == 0:
        return
    c, d = a + extra_c, b + extra_d
    for measure in ("g2", "chi2", "log_ratio"):
        ab = keyness_stats(a, b, c, d, measure=measure)
        ba = keyness_stats(b, a, d, c, measure=measure)
        assert ab.score[0] == pytest.approx(-ba.score[0], rel=1e-9, abs=1e-9)
        assert ab.p_value[0] == pytest.approx(ba.p_value[0], rel=1e-9, abs=1e-12)
        assert 0 <= ab.p_value[0] <= 1
    g2 = keyness_stats(a, b, c, d, measure="g2").score[0]
    assert abs(g2) == pytest.approx(hand_g2(a, b, c, d), rel=1e-9, abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=40))
def test_bh_properties(p):
    p = np.array(p)
    q = benjamini_hochberg(p)
    assert (q >= p - 1e-15).all() and (q <= 1).all()
    order = np.argsort(p, kind="stable")
    assert (np.diff(q[order]) >= -1e-15).all()  # same order as the p-values
    assert q.min() == pytest.approx(min(1.0, (p * len(p) / (np.argsort(np.argsort(p)) + 1)).min()))
