"""Tests of territoire_lab.ca: exact correspondence analysis against hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from scipy import stats

from territoire_lab.ca import CorrespondenceAnalysis, first_axis
from territoire_lab.exceptions import TerritoireLabError

TABLE = pd.DataFrame(
    [[30, 5, 10, 2], [4, 25, 6, 9], [8, 7, 40, 3], [1, 2, 3, 20]],
    index=["Tours", "Blois", "Amboise", "Chinon"],
    columns=["guinguette", "vélo", "château", "vin"],
)


def test_two_by_two_inertia_is_phi_squared():
    t = pd.DataFrame([[30, 20], [70, 180]], index=["A", "B"], columns=["x", "y"])
    ca = CorrespondenceAnalysis(n_components=2).fit(t)
    chi2 = stats.chi2_contingency(t.to_numpy(), correction=False)[0]
    assert ca.eigenvalues_.shape == (1,)
    assert ca.total_inertia_ == pytest.approx(chi2 / 300, abs=1e-12)
    # phi = (ad - bc) / sqrt(row and column margins)
    phi2 = (30 * 180 - 20 * 70) ** 2 / (50 * 250 * 100 * 200)
    assert ca.eigenvalues_[0] == pytest.approx(phi2, abs=1e-12)


def test_eigenvalues_and_coordinates_by_hand():
    ca = CorrespondenceAnalysis(n_components=3).fit(TABLE)
    x = TABLE.to_numpy(float)
    n = x.sum()
    p = x / n
    r, c = p.sum(1), p.sum(0)
    # eigen-decomposition of S'S, written out (not the SVD used by the module)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    eig = np.sort(np.linalg.eigvalsh(s.T @ s))[::-1][:3]
    np.testing.assert_allclose(ca.eigenvalues_, eig, atol=1e-12)
    chi2 = stats.chi2_contingency(x, correction=False)[0]
    assert ca.total_inertia_ == pytest.approx(chi2 / n, abs=1e-12)
    assert ca.explained_inertia_.sum() == pytest.approx(1.0)
    f = ca.row_coordinates_.to_numpy()
    g = ca.column_coordinates_.to_numpy()
    # principal inertia = weighted variance of the coordinates
    np.testing.assert_allclose((r[:, None] * f**2).sum(0), eig, atol=1e-12)
    np.testing.assert_allclose((c[:, None] * g**2).sum(0), eig, atol=1e-12)
    # transition formula: rows at the barycentre of the columns, up to 1/sqrt(lambda)
    prof = x / x.sum(1, keepdims=True)
    np.testing.assert_allclose(prof @ g / np.sqrt(eig), f, atol=1e-10)
    np.testing.assert_allclose(ca.transform(TABLE).to_numpy(), f, atol=1e-10)
    # contributions and cos2
    np.testing.assert_allclose(ca.row_contributions_.sum().to_numpy(), 1.0, atol=1e-12)
    np.testing.assert_allclose(
        ca.row_contributions_.to_numpy(), r[:, None] * f**2 / eig, atol=1e-12
    )
    d2 = ((prof / c - 1) ** 2 * c).sum(1)  # chi2 distance of each row to the centroid
    np.testing.assert_allclose(ca.row_cos2_.to_numpy(), f**2 / d2[:, None], atol=1e-10)
    np.testing.assert_allclose(ca.row_cos2_.sum(axis=1).to_numpy(), 1.0, atol=1e-10)
    # readable structure: Amboise close to château, Tours close to guinguette
    d = ca.row_coordinates_.iloc[:, :2]
    e = ca.column_coordinates_.iloc[:, :2]
    dist = ((d.loc["Amboise"] - e) ** 2).sum(axis=1)
    assert dist.idxmin() == "château"


def test_coordinates_table_for_biplot_and_determinism():
    a = CorrespondenceAnalysis().fit(TABLE)
    b = CorrespondenceAnalysis().fit(TABLE.copy())
    pd.testing.assert_frame_equal(a.coordinates_, b.coordinates_)
    assert set(a.coordinates_["kind"]) == {"row", "column"}
    assert {"label", "mass", "dim1", "dim2", "contrib1"} <= set(a.coordinates_.columns)
    assert len(a.coordinates_) == 8


def test_empty_rows_dropped_and_bad_input():
    t = TABLE.copy()
    t.loc["Vide"] = 0
    ca = CorrespondenceAnalysis().fit(t)
    assert "Vide" not in ca.row_coordinates_.index
    with pytest.raises(TerritoireLabError):
        CorrespondenceAnalysis().fit(-TABLE)


def test_first_axis_sparse_matches_dense():
    rng = np.random.default_rng(0)
    x = (rng.random((200, 60)) < 0.08).astype(float)
    x[:100, :10] += rng.random((100, 10)) < 0.5  # a structure on the first axis
    x = x[x.sum(1) > 0][:, x.sum(0) > 0]
    row, col, lam = first_axis(sp.csr_array(x))
    ca = CorrespondenceAnalysis(n_components=1).fit(x)
    assert lam == pytest.approx(ca.eigenvalues_[0], rel=1e-8)
    ref = ca.row_coordinates_["dim1"].to_numpy()
    sign = np.sign(ref @ row)
    np.testing.assert_allclose(row, sign * ref, atol=1e-7)
    np.testing.assert_allclose(col, sign * ca.column_coordinates_["dim1"].to_numpy(), atol=1e-7)
    row2, _, _ = first_axis(sp.csr_array(x))
    np.testing.assert_array_equal(row, row2)


def test_biplot_draws_rows_and_top_columns():
    import matplotlib.pyplot as plt

    from territoire_lab.viz_vocabulary import plot_ca_biplot

    ca = CorrespondenceAnalysis().fit(TABLE)
    ax = plot_ca_biplot(ca.coordinates_, n_columns=2)
    labels = {t.get_text() for t in ax.texts}
    assert set(TABLE.index) <= labels
    assert len(labels & set(TABLE.columns)) == 2
    assert "inertie" in ax.get_xlabel() and ax.get_title()
    plt.close("all")
