"""Correspondence analysis of a contingency table (group x term, class x variable).

An exact correspondence analysis by singular value decomposition of the standardised
residuals (Benzécri 1973; Greenacre 2017), dense for the small tables of a study
(territories x terms) and by a sparse truncated SVD for the first axes of large sparse
tables (the segment x lemma tables of the Reinert classification).

References
----------
Benzécri, J.-P. (1973). *L'Analyse des données. Tome 2 : L'Analyse des correspondances*.
Paris, Dunod.

Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.). Chapman &
Hall/CRC.
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy import linalg
from scipy.sparse import linalg as splinalg
from sklearn.base import BaseEstimator

from .exceptions import TerritoireLabError

__all__ = ["CorrespondenceAnalysis", "first_axis"]

logger = logging.getLogger("territoire_lab")


def _fix_signs(u: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Deterministic signs: the largest absolute column loading of each axis is > 0."""
    idx = np.argmax(np.abs(v), axis=0)
    signs = np.sign(v[idx, np.arange(v.shape[1])])
    signs[signs == 0] = 1.0
    return u * signs, v * signs


def first_axis(x: sp.spmatrix | sp.sparray | np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """First axis of the correspondence analysis of a (sparse) non-negative table.

    The standardised residual matrix ``S = D_r^-1/2 (P - r c') D_c^-1/2`` is never formed:
    a :class:`scipy.sparse.linalg.LinearOperator` applies it, and ARPACK (``svds``) with
    a fixed start vector finds its largest singular triplet, so the result is
    deterministic.

    Parameters
    ----------
    x : sparse or dense array, shape (n_rows, n_cols)
        Counts with no empty row or column.

    Returns
    -------
    row_coord, col_coord : ndarray
        Principal coordinates of the rows and columns on the first axis (signs fixed:
        the column of largest absolute standard coordinate is positive).
    eigenvalue : float
        Inertia of the first axis (0, with zero coordinates, when every row has the same
        profile).

    References
    ----------
    Greenacre, M. (2017). *Correspondence Analysis in Practice*, ch. 13.
    """
    x = sp.csr_array(x, dtype=float)
    n = x.sum()
    r = np.asarray(x.sum(axis=1)).ravel() / n
    c = np.asarray(x.sum(axis=0)).ravel() / n
    if (r <= 0).any() or (c <= 0).any():
        raise TerritoireLabError("first_axis: the table has an empty row or column")
    p = x / n
    inertia = float((p.multiply(p) @ (1.0 / c)) @ (1.0 / r)) - 1.0
    if inertia <= 1e-12 * max(1.0, float(n)):
        logger.debug("first_axis: the table has no inertia (all profiles are equal)")
        return np.zeros(x.shape[0]), np.zeros(x.shape[1]), 0.0
    sr, sc = np.sqrt(r), np.sqrt(c)
    dr, dc = sp.diags_array(1.0 / sr), sp.diags_array(1.0 / sc)
    s = (dr @ p @ dc).tocsr()
    st = s.T.tocsr()

    def matvec(v: np.ndarray) -> np.ndarray:
        v = np.ravel(v)
        return s @ v - sr * (sc @ v)

    def rmatvec(u: np.ndarray) -> np.ndarray:
        u = np.ravel(u)
        return st @ u - sc * (sr @ u)

    op = splinalg.LinearOperator(s.shape, matvec=matvec, rmatvec=rmatvec, dtype=float)
    if min(s.shape) <= 3:
        dense = s.toarray() - np.outer(sr, sc)
        uu, ss, vt = linalg.svd(dense, full_matrices=False)
        u1, s1, v1 = uu[:, :1], ss[0], vt[:1].T
    else:
        v0 = np.linspace(1.0, 2.0, min(s.shape))
        uu, ss, vt = splinalg.svds(op, k=1, v0=v0, tol=1e-10, random_state=0)
        u1, s1, v1 = uu[:, :1], ss[0], vt[:1].T
    u1, v1 = _fix_signs(u1, v1)
    row = u1[:, 0] / sr * s1
    col = v1[:, 0] / sc * s1
    return row, col, float(s1**2)


class CorrespondenceAnalysis(BaseEstimator):
    """Correspondence analysis (CA) of a contingency table, exact (SVD).

    Parameters
    ----------
    n_components : int, default 2
        Number of axes kept.

    Attributes
    ----------
    eigenvalues_ : ndarray
        Principal inertias of all axes (``sigma_k ** 2``).
    explained_inertia_ : ndarray
        Share of the total inertia of each axis.
    total_inertia_ : float
        ``chi2 / n`` of the table.
    row_coordinates_, column_coordinates_ : DataFrame
        Principal coordinates (``F = D_r^-1/2 U Sigma``, ``G = D_c^-1/2 V Sigma``),
        columns ``dim1``, ``dim2``, ...
    row_contributions_, column_contributions_ : DataFrame
        Contribution of each row/column to each axis (each column sums to 1).
    row_cos2_, column_cos2_ : DataFrame
        Quality of representation on each axis.
    row_masses_, column_masses_ : Series
    coordinates_ : DataFrame
        Tidy table for :func:`territoire_lab.viz_vocabulary.plot_ca_biplot`: ``label``,
        ``kind`` (``row``/``column``), ``mass``, ``dim1``..., ``contrib1``....

    References
    ----------
    Benzécri, J.-P. (1973). *L'Analyse des données. Tome 2 : L'Analyse des
    correspondances*. Paris, Dunod.

    Greenacre, M. (2017). *Correspondence Analysis in Practice* (3rd ed.). Chapman &
    Hall/CRC.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame([[30, 5, 5], [5, 30, 5], [5, 5, 30]],
    ...                      index=["Tours", "Blois", "Amboise"],
    ...                      columns=["vin", "vélo", "château"])
    >>> ca = CorrespondenceAnalysis(n_components=2).fit(table)
    >>> float(round(ca.explained_inertia_.sum(), 6))
    1.0
    """

    def __init__(self, *, n_components: int = 2) -> None:
        self.n_components = n_components

    def fit(self, X: pd.DataFrame | np.ndarray, y: object = None) -> CorrespondenceAnalysis:  # noqa: N803
        """Fit the CA on a non-negative table (DataFrame: its labels are kept)."""
        if isinstance(X, pd.DataFrame):
            rows, cols = X.index, X.columns
            x = X.to_numpy(dtype=float)
        else:
            x = np.asarray(X.toarray() if sp.issparse(X) else X, dtype=float)
            rows, cols = pd.RangeIndex(x.shape[0]), pd.RangeIndex(x.shape[1])
        if (x < 0).any() or not np.isfinite(x).all():
            raise TerritoireLabError("CorrespondenceAnalysis: the table must be finite and >= 0")
        keep_r, keep_c = x.sum(axis=1) > 0, x.sum(axis=0) > 0
        if not keep_r.all() or not keep_c.all():
            logger.info(
                "CA: %d empty rows and %d empty columns left out",
                int((~keep_r).sum()),
                int((~keep_c).sum()),
            )
            x, rows, cols = x[keep_r][:, keep_c], rows[keep_r], cols[keep_c]
        n = x.sum()
        p = x / n
        r, c = p.sum(axis=1), p.sum(axis=0)
        s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
        u, sv, vt = linalg.svd(s, full_matrices=False)
        rank = max(1, min(x.shape) - 1)
        u, sv, v = u[:, :rank], sv[:rank], vt[:rank].T
        u, v = _fix_signs(u, v)
        k = min(self.n_components, rank)
        eig = sv**2
        self.eigenvalues_ = eig
        self.total_inertia_ = float(eig.sum())
        self.explained_inertia_ = eig / eig.sum() if eig.sum() > 0 else eig
        dims = [f"dim{i + 1}" for i in range(k)]
        f = u[:, :k] / np.sqrt(r)[:, None] * sv[:k]
        g = v[:, :k] / np.sqrt(c)[:, None] * sv[:k]
        self.row_masses_ = pd.Series(r, index=rows, name="mass")
        self.column_masses_ = pd.Series(c, index=cols, name="mass")
        self.row_coordinates_ = pd.DataFrame(f, index=rows, columns=dims)
        self.column_coordinates_ = pd.DataFrame(g, index=cols, columns=dims)
        self.row_contributions_ = pd.DataFrame(u[:, :k] ** 2, index=rows, columns=dims)
        self.column_contributions_ = pd.DataFrame(v[:, :k] ** 2, index=cols, columns=dims)
        d_r = (s**2).sum(axis=1) / r
        d_c = (s**2).sum(axis=0) / c
        with np.errstate(invalid="ignore", divide="ignore"):
            self.row_cos2_ = pd.DataFrame(f**2 / d_r[:, None], index=rows, columns=dims)
            self.column_cos2_ = pd.DataFrame(g**2 / d_c[:, None], index=cols, columns=dims)
        self._v = v[:, :k]
        self._sv = sv[:k]
        self.n_components_ = k
        parts = []
        for kind, coords, contrib, mass in (
            ("row", self.row_coordinates_, self.row_contributions_, self.row_masses_),
            ("column", self.column_coordinates_, self.column_contributions_, self.column_masses_),
        ):
            t = coords.copy()
            for i, dname in enumerate(dims):
                t[f"contrib{i + 1}"] = contrib[dname]
            t.insert(0, "mass", mass)
            t.insert(0, "kind", kind)
            t.insert(0, "label", coords.index.astype(str))
            parts.append(t.reset_index(drop=True))
        self.coordinates_ = pd.concat(parts, ignore_index=True)
        self.coordinates_.attrs["explained_inertia"] = self.explained_inertia_[:k].tolist()
        return self

    def transform(self, X: pd.DataFrame | np.ndarray) -> pd.DataFrame:  # noqa: N803
        """Principal coordinates of supplementary rows (same columns as the fitted table).

        ``f = (row profile) G / sigma`` (transition formula).
        """
        if isinstance(X, pd.DataFrame):
            index = X.index
            x = X.reindex(columns=self.column_coordinates_.index, fill_value=0).to_numpy(float)
        else:
            x = np.asarray(X, dtype=float)
            index = pd.RangeIndex(x.shape[0])
        with np.errstate(invalid="ignore", divide="ignore"):
            prof = x / x.sum(axis=1, keepdims=True)
        f = prof @ self.column_coordinates_.to_numpy() / self._sv
        return pd.DataFrame(f, index=index, columns=self.column_coordinates_.columns)

    def fit_transform(self, X: pd.DataFrame | np.ndarray, y: object = None) -> pd.DataFrame:  # noqa: N803
        """Fit and return the row principal coordinates."""
        return self.fit(X).row_coordinates_
