"""Agreement statistics against published worked examples and reference implementations."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from territoire_lab.agreement import agreement, cohen_kappa, fleiss_kappa, krippendorff_alpha
from territoire_lab.exceptions import TerritoireLabError

NAN = float("nan")
# Krippendorff (2011), "Computing Krippendorff's alpha-reliability", section C: reliability
# data of 4 observers (rows) on 12 units (columns), with missing values.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]
# the values the paper reports for this example
KRIPPENDORFF_2011_ALPHA = {"nominal": 0.743, "ordinal": 0.815, "interval": 0.849, "ratio": 0.797}

# Fleiss (1971) kappa, worked example of Wikipedia's "Fleiss' kappa" article: 10 subjects,
# 14 raters, 5 categories, kappa = 0.210 (P-bar = 0.378, P-bar_e = 0.213).
FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def _long(matrix, coders=None) -> pd.DataFrame:
    """Coders x units matrix -> tidy annotations (doc_id, coder, value), missing dropped."""
    rows = []
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if not (isinstance(v, float) and np.isnan(v)) and v is not None:
                rows.append({"doc_id": f"u{j:02d}", "coder": (coders or "ABCDEFGH")[i], "value": v})
    return pd.DataFrame(rows)


def _alpha_brute_force(matrix, level: str) -> float:
    """Independent, pair-by-pair Krippendorff's alpha with exact fractions.

    D_o averages the differences of all ordered pairs of values within each unit (weight
    1 / (m_u - 1)); D_e those of all ordered pairs of pairable values across units.
    """
    units = [
        [v for v in col if not (isinstance(v, float) and np.isnan(v))]
        for col in zip(*matrix, strict=False)
    ]
    units = [[Fraction(v) for v in u] for u in units if len(u) >= 2]
    values = [v for u in units for v in u]
    n = len(values)
    freq = {v: values.count(v) for v in set(values)}
    order = sorted(freq)

    def delta(c, k):
        if level == "nominal":
            return Fraction(int(c != k))
        if level == "interval":
            return (c - k) ** 2
        if level == "ratio":
            return ((c - k) / (c + k)) ** 2
        lo, hi = sorted((order.index(c), order.index(k)))
        return (sum(freq[g] for g in order[lo : hi + 1]) - Fraction(freq[c] + freq[k], 2)) ** 2

    observed = sum(
        sum(delta(a, b) for a, b in itertools.permutations(u, 2)) / (len(u) - 1) for u in units
    )
    expected = sum(delta(a, b) for a, b in itertools.permutations(values, 2))
    return float(1 - (n - 1) * observed / expected)


# --------------------------------------------------------------------------- published values


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_2011_published_example(level):
    published = KRIPPENDORFF_2011_ALPHA[level]
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(published, abs=1e-3)
    table = agreement(_long(KRIPPENDORFF_2011), level=level, n_boot=0)
    alpha = table.set_index("statistic").loc["krippendorff_alpha"]
    assert alpha["value"] == pytest.approx(published, abs=1e-3)
    # unit 12 has a single value: not pairable; 11 units, 4 coders
    assert (alpha["n_items"], alpha["n_coders"], alpha["level"]) == (11, 4, level)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_krippendorff_alpha_equals_pairwise_definition(level):
    exact = _alpha_brute_force(KRIPPENDORFF_2011, level)
    assert krippendorff_alpha(KRIPPENDORFF_2011, level=level) == pytest.approx(exact, abs=1e-12)
    rng = np.random.default_rng(3)
    data = rng.integers(1, 6, size=(3, 25)).astype(float)
    data[rng.random(data.shape) < 0.2] = np.nan
    exact = _alpha_brute_force(data.tolist(), level)
    assert krippendorff_alpha(data, level=level) == pytest.approx(exact, abs=1e-12)


def test_krippendorff_nominal_coincidences_by_hand():
    # Krippendorff (2011): 40 pairable values; coincidence marginals n_1..n_5 = 9, 13, 10,
    # 5, 3; off-diagonal coincidences unit by unit: unit 6 (1, 2, 3, 4) gives 12 ordered
    # disagreeing pairs / (4 - 1) = 4; units 2 and 8 (three alike, one different) give
    # 6 / 3 = 2 each; every other unit agrees.
    d_o = Fraction(4 + 2 + 2, 40)
    marg = [9, 13, 10, 5, 3]
    d_e = Fraction(40**2 - sum(m * m for m in marg), 40 * 39)
    assert float(1 - d_o / d_e) == pytest.approx(0.743, abs=1e-3)
    assert krippendorff_alpha(KRIPPENDORFF_2011) == pytest.approx(float(1 - d_o / d_e), abs=1e-12)


def test_fleiss_1971_wikipedia_example():
    assert fleiss_kappa(FLEISS_TABLE) == pytest.approx(0.210, abs=1e-3)
    # the same data as 14 coders' ratings: agreement() gives the same kappa
    rows = []
    for i, counts in enumerate(FLEISS_TABLE):
        ratings = [c for c, k in enumerate(counts, start=1) for _ in range(k)]
        rows += [
            {"doc_id": f"s{i}", "coder": f"r{r:02d}", "value": v} for r, v in enumerate(ratings)
        ]
    table = agreement(pd.DataFrame(rows), n_boot=0).set_index("statistic")
    fleiss = table.loc["fleiss_kappa"]
    assert fleiss["value"] == pytest.approx(0.210, abs=1e-3)
    assert (fleiss["n_items"], fleiss["n_coders"]) == (10, 14)
    assert (table.index == "cohen_kappa").sum() == 14 * 13 // 2


def test_fleiss_needs_fixed_number_of_ratings():
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([[3, 0], [1, 1]])


def test_cohen_textbook_example():
    # 50 grant proposals read by two readers: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no;
    # p_o = 0.70, p_e = 0.50, kappa = 0.40 (Wikipedia, "Cohen's kappa", worked example).
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.40, abs=1e-12)
    ann = pd.DataFrame(
        {"doc_id": [*range(50), *range(50)], "coder": ["A"] * 50 + ["B"] * 50, "value": a + b}
    )
    row = agreement(ann, n_boot=0).set_index("statistic").loc["cohen_kappa"]
    assert row["value"] == pytest.approx(0.40, abs=1e-12)
    assert row["coders"] == "A, B"


# --------------------------------------------------------------------------- reference code


def test_against_sklearn_and_nltk():
    rng = np.random.default_rng(11)
    truth = rng.choice(["resident", "visitor", "institution", "other"], size=120)
    coded = {
        c: np.where(rng.random(120) < 0.75, truth, rng.choice(truth, size=120))
        for c in ("A", "B", "C")
    }
    a, b = coded["A"], coded["B"]
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)
    triples = [(c, str(i), v) for c, vals in coded.items() for i, v in enumerate(vals)]
    task = AnnotationTask(data=triples)
    ann = pd.DataFrame(triples, columns=["coder", "doc_id", "value"])
    table = agreement(ann, n_boot=0)
    stats = table.set_index("statistic")
    # nltk's multi-pi is Siegel & Castellan's K, i.e. Fleiss' kappa
    assert stats.loc["fleiss_kappa", "value"] == pytest.approx(task.pi(), abs=1e-9)
    assert stats.loc["krippendorff_alpha", "value"] == pytest.approx(task.alpha(), abs=1e-9)
    cohen = table[table["statistic"] == "cohen_kappa"].set_index("coders")["value"]
    for x, y in itertools.combinations("ABC", 2):
        expected = cohen_kappa_score(coded[x], coded[y])
        assert cohen[f"{x}, {y}"] == pytest.approx(expected, abs=1e-12)
        assert cohen[f"{x}, {y}"] == pytest.approx(task.kappa_pairwise(x, y), abs=1e-9)


# --------------------------------------------------------------------------- the tidy table


def _simulated(n_items: int, q: float, rng: np.random.Generator, k: int = 4) -> pd.DataFrame:
    """Three coders who each give the true category with probability q, else a uniform draw.

    Population agreement: kappa = q^2 for every coefficient (uniform categories)."""
    truth = rng.integers(0, k, size=n_items)
    rows = []
    for coder in "ABC":
        vals = np.where(rng.random(n_items) < q, truth, rng.integers(0, k, size=n_items))
        rows.append(pd.DataFrame({"doc_id": np.arange(n_items), "coder": coder, "value": vals}))
    return pd.concat(rows, ignore_index=True)


def test_bootstrap_interval_is_reproducible_and_covers_population_value():
    ann = _simulated(300, 0.8, np.random.default_rng(5))
    t1 = agreement(ann, n_boot=500, random_state=1)
    t2 = agreement(ann, n_boot=500, random_state=1)
    pd.testing.assert_frame_equal(t1, t2)
    assert (t1["ci_low"] < t1["value"]).all() and (t1["value"] < t1["ci_high"]).all()
    assert ((t1["ci_low"] < 0.64) & (t1["ci_high"] > 0.64)).all()
    assert (t1["n_boot_undefined"] == 0).all()
    assert set(t1["statistic"]) == {"cohen_kappa", "fleiss_kappa", "krippendorff_alpha"}


def test_bootstrap_interval_coverage_and_width():
    # coverage of the 95 % interval over 80 simulated studies of 60 items (kappa = 0.49)
    rng = np.random.default_rng(8)
    hits = {"fleiss_kappa": 0, "krippendorff_alpha": 0}
    for r in range(80):
        t = agreement(_simulated(60, 0.7, rng), n_boot=400, random_state=r)
        t = t.set_index("statistic").loc[list(hits)]
        for stat, row in t.iterrows():
            hits[stat] += int(row["ci_low"] <= 0.49 <= row["ci_high"])
    for stat, h in hits.items():
        assert 0.85 <= h / 80 <= 1.0, (stat, h)
    # width shrinks about as 1 / sqrt(n items)
    small = agreement(_simulated(50, 0.7, rng), n_boot=500, random_state=0)
    large = agreement(_simulated(800, 0.7, rng), n_boot=500, random_state=0)
    ratio = (small["ci_high"] - small["ci_low"]) / (large["ci_high"] - large["ci_low"])
    assert ratio.between(2.5, 6.0).all(), ratio.tolist()


def test_missing_values_fleiss_on_complete_items_alpha_on_all():
    ann = _long(KRIPPENDORFF_2011)
    table = agreement(ann, n_boot=0).set_index("statistic")
    # units 2-9 are coded by all four observers
    assert table.loc["fleiss_kappa", "n_items"] == 8
    complete = [col for col in zip(*KRIPPENDORFF_2011, strict=False) if not any(np.isnan(col))]
    counts = [[col.count(v) for v in (1, 2, 3, 4, 5)] for col in complete]
    assert table.loc["fleiss_kappa", "value"] == pytest.approx(fleiss_kappa(counts), abs=1e-12)
    cohen = table.loc["cohen_kappa"].set_index("coders")
    assert cohen.loc["A, B", "n_items"] == 9  # A coded units 1-9, B units 1-10 and 12


def test_by_label_with_levels_and_categories():
    tone = ["negative", "neutral", "positive"]
    rows = []
    rng = np.random.default_rng(2)
    for i in range(80):
        t = rng.integers(0, 3)
        for coder in ("A", "B"):
            noisy = int(np.clip(t + rng.choice([-1, 0, 0, 0, 1]), 0, 2))
            rows.append({"doc_id": i, "coder": coder, "label_name": "tone", "value": tone[noisy]})
            aud = ["resident", "visitor"][(i + (coder == "B" and i % 7 == 0)) % 2]
            rows.append({"doc_id": i, "coder": coder, "label_name": "audience", "value": aud})
    ann = pd.DataFrame(rows)
    with pytest.raises(TerritoireLabError, match="by='label_name'"):
        agreement(ann)
    table = agreement(
        ann,
        by="label_name",
        level={"tone": "ordinal"},
        categories={"tone": tone},
        n_boot=200,
        random_state=0,
    )
    alpha = table[table["statistic"] == "krippendorff_alpha"].set_index("label_name")
    assert alpha.loc["tone", "level"] == "ordinal" and alpha.loc["audience", "level"] == "nominal"
    wide = ann[ann["label_name"] == "tone"].pivot(index="coder", columns="doc_id", values="value")
    expected = krippendorff_alpha(wide, level="ordinal", categories=tone)
    assert alpha.loc["tone", "value"] == pytest.approx(expected, abs=1e-12)
    # ordinal credits near misses: higher than the nominal alpha of the same data
    assert expected > krippendorff_alpha(wide) + 0.05
    # 12 of 80 items disagree on audience (i % 7 == 0)
    aud = ann[ann["label_name"] == "audience"].pivot(
        index="doc_id", columns="coder", values="value"
    )
    assert (aud["A"] != aud["B"]).sum() == 12
    cohen = table[table["statistic"] == "cohen_kappa"].set_index("label_name")
    assert cohen.loc["audience", "value"] == pytest.approx(
        cohen_kappa_score(aud["A"], aud["B"]), abs=1e-12
    )


def test_bad_inputs_have_clear_errors():
    ann = _long(KRIPPENDORFF_2011)
    with pytest.raises(TerritoireLabError, match="second value"):
        agreement(pd.concat([ann, ann.iloc[:1]]), n_boot=0)
    with pytest.raises(TerritoireLabError, match="at least two coders"):
        agreement(ann[ann["coder"] == "A"], n_boot=0)
    with pytest.raises(TerritoireLabError, match="not in categories"):
        agreement(ann, categories=[1, 2, 3], n_boot=0)
    words = ann.assign(value=ann["value"].map({1: "a", 2: "b", 3: "c", 4: "d", 5: "e"}))
    with pytest.raises(TerritoireLabError, match="categories"):
        agreement(words, level="ordinal", n_boot=0)
    with pytest.raises(ValueError, match="level"):
        agreement(ann, level="circular", n_boot=0)
    with pytest.raises(TerritoireLabError, match="coder"):
        agreement(ann.drop(columns="coder"), n_boot=0)
