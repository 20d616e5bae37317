"""Figures of the vocabulary analyses: keyness, specificities, Reinert, correspondence analysis.

Like :mod:`territoire_lab.viz`, these functions only draw: they take the tidy tables made by
:mod:`territoire_lab.keyness`, :mod:`territoire_lab.reinert` and :mod:`territoire_lab.ca`
and return a matplotlib ``Axes`` (``ax=None`` draws on a new figure). Labels are in French.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import check_columns
from .viz import _new_ax

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_ca_biplot",
    "plot_keyness_bars",
    "plot_keyness_heatmap",
    "plot_keyness_scatter",
    "plot_reinert_dendrogram",
]


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    return _new_ax(ax, figsize, layout=None)


def _one_comparison(table: pd.DataFrame, where: str) -> pd.DataFrame:
    pairs = table[["group", "reference"]].drop_duplicates()
    if len(pairs) != 1:
        raise ValueError(
            f"{where}: the table holds {len(pairs)} comparisons; select one, e.g. "
            "table[table.group == '37003']"
        )
    return table


def plot_keyness_scatter(
    table: pd.DataFrame,
    *,
    n_labels: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Scattertext-like plot of one two-group comparison.

    Each term is a point at its relative frequency in the reference (x) and in the group
    (y), per 10,000 tokens, on log scales; the colour is the keyness score. The
    ``n_labels`` most over- and under-represented terms are labelled.

    Parameters
    ----------
    table : DataFrame
        One comparison of :func:`territoire_lab.keyness.keyness` (``group``,
        ``reference``, ``term``, ``rel_freq``, ``rel_freq_ref``, ``score``).
    n_labels : int, default 15
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Kessler, J. S. (2017). Scattertext: a browser-based tool for visualizing how corpora
    differ. *ACL System Demonstrations*.
    """
    check_columns(
        table,
        ["group", "reference", "term", "rel_freq", "rel_freq_ref", "score"],
        where="plot_keyness_scatter",
    )
    t = _one_comparison(table, "plot_keyness_scatter")
    ax = _axes(ax, (8, 7))
    positive = np.r_[t["rel_freq"].to_numpy(float), t["rel_freq_ref"].to_numpy(float)]
    positive = positive[positive > 0]
    floor = 0.5 * float(positive.min()) if positive.size else 0.5
    x = t["rel_freq_ref"].clip(lower=floor)
    y = t["rel_freq"].clip(lower=floor)
    from matplotlib.colors import SymLogNorm

    lim = float(np.nanmax(np.abs(t["score"]))) or 1.0
    norm = SymLogNorm(linthresh=min(1.0, lim), vmin=-lim, vmax=lim)
    pts = ax.scatter(x, y, c=t["score"], cmap="RdBu_r", norm=norm, s=12, alpha=0.8, linewidths=0)
    lo, hi = min(x.min(), y.min()), max(x.max(), y.max())
    ax.plot([lo, hi], [lo, hi], color="grey", lw=0.8, ls="--")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ranked = t.sort_values("score")
    for _, r in pd.concat([ranked.tail(n_labels), ranked.head(n_labels // 2)]).iterrows():
        ax.annotate(
            str(r.term),
            (max(r.rel_freq_ref, floor), max(r.rel_freq, floor)),
            fontsize=8,
            xytext=(3, 3),
            textcoords="offset points",
        )
    group, ref = t["group"].iloc[0], t["reference"].iloc[0]
    ax.set_xlabel(f"Fréquence relative dans {ref} (pour 10 000 mots)")
    ax.set_ylabel(f"Fréquence relative dans {group} (pour 10 000 mots)")
    measure = t["measure"].iloc[0] if "measure" in t.columns else "score"
    ax.figure.colorbar(pts, ax=ax, label=f"Score ({measure})")
    ax.set_title(title or f"Vocabulaire spécifique : {group} contre {ref}")
    return ax


def plot_keyness_bars(
    table: pd.DataFrame,
    *,
    n_terms: int = 15,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Horizontal bars of the ``n_terms`` highest scores of one comparison.

    Parameters
    ----------
    table : DataFrame
        One comparison of :func:`territoire_lab.keyness.keyness`.
    n_terms : int, default 15
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(table, ["group", "reference", "term", "score"], where="plot_keyness_bars")
    t = _one_comparison(table, "plot_keyness_bars").nlargest(n_terms, "score")[::-1]
    ax = _axes(ax, (6, 0.3 * len(t) + 1.5))
    ax.barh(t["term"].astype(str), t["score"], color="#b2182b")
    measure = t["measure"].iloc[0] if "measure" in t.columns else "score"
    ax.set_xlabel(f"Score ({measure})")
    ax.set_ylabel("Terme")
    ax.set_title(
        title or f"Termes les plus spécifiques de {t['group'].iloc[0]} ({t['reference'].iloc[0]})"
    )
    return ax


def plot_keyness_heatmap(
    table: pd.DataFrame,
    *,
    n_terms: int = 8,
    ax: Axes | None = None,
    title: str | None = None,
    labels: dict | None = None,
) -> Axes:
    """Heatmap of the top terms of N groups (rows: terms, columns: groups).

    Parameters
    ----------
    table : DataFrame
        Either the one-against-the-rest output of :func:`territoire_lab.keyness.keyness`
        (long: ``group``, ``term``, ``score``) or the wide term x group matrix of
        :func:`territoire_lab.keyness.specificities`.
    n_terms : int, default 8
        Terms shown per group (the highest scores).
    ax : matplotlib Axes, optional
    title : str, optional
    labels : dict, optional
        Display names of the groups (``{"37003": "Amboise"}``).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if {"group", "term", "score"} <= set(table.columns):
        wide = table.pivot_table(index="term", columns="group", values="score", aggfunc="first")
    else:
        wide = table
    terms: list = []
    for g in wide.columns:
        for term in wide[g].nlargest(n_terms).index:
            if term not in terms:
                terms.append(term)
    m = wide.loc[terms].rename(columns=labels or {})
    ax = _axes(ax, (1.1 * m.shape[1] + 3, 0.28 * len(terms) + 1.5))
    values = m.to_numpy(dtype=float)
    lim = float(np.nanpercentile(np.abs(values), 98)) or 1.0
    im = ax.imshow(values, aspect="auto", cmap="RdBu_r", vmin=-lim, vmax=lim)
    ax.set_yticks(range(len(terms)), [str(t) for t in terms], fontsize=8)
    ax.set_xticks(range(m.shape[1]), [str(c) for c in m.columns], rotation=45, ha="right")
    ax.set_xlabel("Groupe")
    ax.set_ylabel("Terme")
    ax.figure.colorbar(im, ax=ax, label="Score (positif : sur-emploi)")
    ax.set_title(title or "Vocabulaire spécifique de chaque groupe")
    return ax


def plot_reinert_dendrogram(
    tree: pd.DataFrame,
    profiles: pd.DataFrame,
    *,
    n_terms: int = 8,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Dendrogram of a Reinert classification with each class's top words.

    Parameters
    ----------
    tree : DataFrame
        ``Reinert.tree_`` (``node``, ``parent``, ``step``, ``split_step``, ``size``,
        ``left``, ``right``, ``class``).
    profiles : DataFrame
        ``Reinert.profiles_`` (``class``, ``term``, ``chi2``), sorted by class then
        decreasing chi2.
    n_terms : int, default 8
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(
        tree,
        ["node", "step", "split_step", "size", "left", "right", "class"],
        where="plot_reinert_dendrogram",
    )
    check_columns(profiles, ["class", "term", "chi2"], where="plot_reinert_dendrogram")
    rows = {int(r.node): r for r in tree.itertuples(index=False)}
    n_steps = int(tree["split_step"].max()) if tree["split_step"].notna().any() else 0
    leaves = tree.dropna(subset=["class"]).sort_values("class")
    ypos = {int(r.node): i for i, r in enumerate(leaves.itertuples(index=False))}
    ax = _axes(ax, (11, 0.6 * len(ypos) + 1.5))

    def height(node: int) -> float:
        r = rows[node]
        return float(n_steps + 1 - r.split_step) if not pd.isna(r.split_step) else 0.0

    def place(node: int) -> float:
        r = rows[node]
        if pd.isna(r.left):
            return ypos[node]
        y1, y2 = place(int(r.left)), place(int(r.right))
        h = height(node)
        for child, y in ((int(r.left), y1), (int(r.right), y2)):
            ax.plot([-height(child), -h], [y, y], color="black", lw=1.2)
        ax.plot([-h, -h], [y1, y2], color="black", lw=1.2)
        return (y1 + y2) / 2

    place(0)
    total = leaves["size"].sum()
    colors = [f"C{i % 10}" for i in range(len(leaves))]
    for color, (_, r) in zip(colors, leaves.iterrows(), strict=True):
        k = int(r["class"])
        words = profiles.loc[profiles["class"] == k].head(n_terms)["term"].astype(str)
        y = ypos[int(r["node"])]
        ax.text(
            0.2,
            y,
            f"classe {k} ({100 * r['size'] / total:.1f} %) : " + ", ".join(words),
            va="center",
            fontsize=9,
            color=color,
        )
    ax.set_xlim(-(n_steps + 1.2), n_steps + 6)
    ax.set_ylim(-0.8, len(ypos) - 0.2)
    ax.invert_yaxis()
    ax.set_xticks([])
    ax.set_yticks([])
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_xlabel("Ordre des partitions (les premières à gauche)")
    ax.set_title(title or "Classification descendante hiérarchique (méthode Reinert)")
    return ax


def plot_ca_biplot(
    coordinates: pd.DataFrame,
    *,
    dims: tuple[int, int] = (1, 2),
    n_columns: int | None = 40,
    ax: Axes | None = None,
    title: str | None = None,
) -> Axes:
    """Symmetric biplot of a correspondence analysis.

    Parameters
    ----------
    coordinates : DataFrame
        ``CorrespondenceAnalysis.coordinates_`` (``label``, ``kind``, ``dim1``...,
        ``contrib1``...); its ``attrs["explained_inertia"]`` labels the axes.
    dims : (int, int), default (1, 2)
    n_columns : int or None, default 40
        Show the columns (terms) with the largest contributions to the two axes only.
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Greenacre, M. (2017). *Correspondence Analysis in Practice*, ch. 13.
    """
    i, j = dims
    dx, dy = f"dim{i}", f"dim{j}"
    check_columns(coordinates, ["label", "kind", dx, dy], where="plot_ca_biplot")
    rows = coordinates[coordinates["kind"] == "row"]
    cols = coordinates[coordinates["kind"] == "column"]
    if n_columns is not None and f"contrib{i}" in cols.columns and len(cols) > n_columns:
        weight = cols[f"contrib{i}"] + cols[f"contrib{j}"]
        cols = cols.loc[weight.nlargest(n_columns).index]
    ax = _axes(ax, (9, 8))
    ax.axhline(0, color="grey", lw=0.6)
    ax.axvline(0, color="grey", lw=0.6)
    ax.scatter(cols[dx], cols[dy], marker="^", s=14, color="#2166ac", label="termes / modalités")
    for _, r in cols.iterrows():
        ax.annotate(
            str(r.label),
            (r[dx], r[dy]),
            fontsize=8,
            color="#2166ac",
            xytext=(2, 2),
            textcoords="offset points",
        )
    ax.scatter(rows[dx], rows[dy], s=40, color="#b2182b", label="groupes")
    for _, r in rows.iterrows():
        ax.annotate(
            str(r.label),
            (r[dx], r[dy]),
            fontsize=10,
            fontweight="bold",
            color="#b2182b",
            xytext=(3, 3),
            textcoords="offset points",
        )
    inertia = coordinates.attrs.get("explained_inertia", [])

    def lab(k: int) -> str:
        share = f" ({100 * inertia[k - 1]:.1f} % de l'inertie)" if len(inertia) >= k else ""
        return f"Axe {k}{share}"

    ax.set_xlabel(lab(i))
    ax.set_ylabel(lab(j))
    ax.legend(loc="best", fontsize=8)
    ax.set_title(title or "Analyse des correspondances")
    return ax
