"""Figures of the topic models: top terms, prevalence, image gap, choice of k.

Like :mod:`territoire_lab.viz`, these functions only draw: they take the tidy tables made
by :mod:`territoire_lab.topics` and return matplotlib ``Axes``. Labels are in French.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import check_columns
from .viz import _new_ax

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "plot_choose_n_topics",
    "plot_image_gap",
    "plot_prevalence_heatmap",
    "plot_top_terms",
]

#: French names of the audiences
AUDIENCE_FR = {
    "institution": "Institution",
    "resident": "Résidents",
    "visitor": "Visiteurs",
    "other": "Autres",
}


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    return _new_ax(ax, figsize, layout=None)


def _topic_name(topic: object, names: Mapping[object, str] | None) -> str:
    if names and topic in names:
        return str(names[topic])
    return f"Thème {topic}"


def plot_top_terms(
    terms: pd.DataFrame,
    *,
    n_cols: int = 5,
    value: str = "weight",
    topic_names: Mapping[object, str] | None = None,
    title: str = "Mots les plus représentatifs de chaque thème",
) -> np.ndarray:
    """Grid of horizontal bars: the top terms of each topic.

    Parameters
    ----------
    terms : DataFrame
        From :meth:`territoire_lab.topics.TopicModel.top_terms` (``topic, rank, term`` and
        ``value``).
    n_cols : int, default 5
    value : {"weight", "relevance"}, default "weight"
    topic_names : mapping, optional
        Display name of each topic.
    title : str

    Returns
    -------
    ndarray of Axes
    """
    import matplotlib.pyplot as plt

    check_columns(terms, ["topic", "rank", "term", value], where="plot_top_terms", table="terms")
    topics = sorted(terms["topic"].unique())
    n_rows = int(np.ceil(len(topics) / n_cols))
    n_terms = int(terms.groupby("topic").size().max())
    fig, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(3.2 * n_cols, 0.28 * n_terms * n_rows + 1.2 * n_rows),
        squeeze=False,
    )
    label = "Poids du mot dans le thème" if value == "weight" else "Pertinence (LDAvis)"
    for ax, topic in zip(axes.ravel(), topics, strict=False):
        part = terms[terms["topic"] == topic].sort_values("rank", ascending=False)
        ax.barh(part["term"], part[value], color="#3b6ea5")
        ax.set_title(_topic_name(topic, topic_names), fontsize=10)
        ax.set_xlabel(label, fontsize=8)
        ax.tick_params(labelsize=8)
    for ax in axes.ravel()[len(topics) :]:
        ax.set_visible(False)
    fig.suptitle(title)
    fig.tight_layout()
    return axes


def plot_prevalence_heatmap(
    prevalence: pd.DataFrame,
    *,
    index: str = "territory_code",
    columns: str = "audience",
    topic: object | None = None,
    index_labels: Mapping[object, str] | None = None,
    column_labels: Mapping[object, str] | None = None,
    topic_names: Mapping[object, str] | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of topic shares: rows ``index`` (e.g. territory), columns ``columns``.

    With ``topic``, one topic's share by ``index`` x ``columns``; without, the rows are
    ``index`` x ``columns`` groups and the columns the topics.

    Parameters
    ----------
    prevalence : DataFrame
        From :func:`territoire_lab.topics.prevalence` (``share`` and the ``by`` columns).
    """
    check_columns(
        prevalence,
        [index, columns, "topic", "share"],
        where="plot_prevalence_heatmap",
        table="prevalence",
    )
    index_labels = index_labels or {}
    column_labels = column_labels or AUDIENCE_FR
    if topic is not None:
        part = prevalence[prevalence["topic"] == topic]
        wide = part.pivot_table(index=index, columns=columns, values="share", aggfunc="sum")
        wide.index = [index_labels.get(i, i) for i in wide.index]
        wide.columns = [column_labels.get(c, c) for c in wide.columns]
        default = f"Part de « {_topic_name(topic, topic_names)} » par territoire et public"
    else:
        wide = prevalence.pivot_table(
            index=[index, columns], columns="topic", values="share", aggfunc="sum"
        )
        wide.index = [
            f"{index_labels.get(i, i)} · {column_labels.get(c, c)}" for i, c in wide.index
        ]
        wide.columns = [_topic_name(t, topic_names) for t in wide.columns]
        default = "Part de chaque thème par territoire et public"
    ax = _axes(ax, (max(6, 0.9 * wide.shape[1] + 3), max(3, 0.32 * wide.shape[0] + 1.5)))
    image = ax.imshow(wide.to_numpy(dtype=float), aspect="auto", cmap="viridis")
    ax.set_xticks(range(wide.shape[1]), wide.columns, rotation=45, ha="right")
    ax.set_yticks(range(wide.shape[0]), wide.index)
    ax.figure.colorbar(image, ax=ax, label="Part des publications")
    ax.set_title(title or default)
    return ax


def plot_image_gap(
    gap: pd.DataFrame,
    *,
    by: str = "territory_code",
    index_labels: Mapping[object, str] | None = None,
    public_labels: Mapping[object, str] | None = None,
    title: str = "Écart d'image : institution contre publics",
    ax: Axes | None = None,
) -> Axes:
    """Grouped horizontal bars of the Jensen-Shannon distance per territory and public.

    Parameters
    ----------
    gap : DataFrame
        From :func:`territoire_lab.topics.image_gap`; error bars when it has
        ``ci_low``/``ci_high``.
    """
    check_columns(gap, [by, "public", "js_distance"], where="plot_image_gap", table="gap")
    index_labels = index_labels or {}
    public_labels = public_labels or AUDIENCE_FR
    publics = list(dict.fromkeys(gap["public"]))
    groups = list(gap.groupby(by)["js_distance"].max().sort_values().index)
    ax = _axes(ax, (8, max(3, 0.5 * len(groups) + 1.5)))
    height = 0.8 / max(len(publics), 1)
    for j, public in enumerate(publics):
        part = gap[gap["public"] == public].set_index(by).reindex(groups)
        y = np.arange(len(groups)) + (j - (len(publics) - 1) / 2) * height
        err = None
        if {"ci_low", "ci_high"} <= set(gap.columns):
            err = np.vstack(
                [part["js_distance"] - part["ci_low"], part["ci_high"] - part["js_distance"]]
            ).clip(min=0)
        ax.barh(
            y,
            part["js_distance"],
            height=height,
            xerr=err,
            capsize=2,
            label=public_labels.get(public, public),
        )
    ax.set_yticks(range(len(groups)), [index_labels.get(g, g) for g in groups])
    ax.set_xlabel("Distance de Jensen-Shannon entre les thèmes (0 = identiques, 1 = disjoints)")
    ax.set_title(title)
    ax.legend(
        title="Public comparé à l'institution",
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return ax


def plot_choose_n_topics(
    table: pd.DataFrame,
    *,
    title: str = "Choix du nombre de thèmes",
) -> np.ndarray:
    """Three panels: coherence, diversity and stability against the number of topics k.

    Parameters
    ----------
    table : DataFrame
        From :func:`territoire_lab.topics.choose_n_topics`.

    Returns
    -------
    ndarray of Axes
    """
    import matplotlib.pyplot as plt

    check_columns(table, ["k", "coherence", "diversity", "stability"], where="plot_choose_n_topics")
    measure = str(table["measure"].iloc[0]).upper() if "measure" in table else "NPMI"
    fig, axes = plt.subplots(1, 3, figsize=(13, 3.8), sharex=True)
    panels = [
        ("coherence", f"Cohérence ({measure})"),
        ("diversity", "Diversité des thèmes"),
        ("stability", "Stabilité entre graines"),
    ]
    for ax, (col, label) in zip(axes, panels, strict=True):
        ax.plot(table["k"], table[col], marker="o", color="#3b6ea5")
        ax.set_xlabel("Nombre de thèmes k")
        ax.set_ylabel(label)
        ax.set_title(label)
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    return axes
