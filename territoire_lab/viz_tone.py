"""Figures of the tone of posts: a tidy table in, a matplotlib ``Axes`` out.

The tables come from :func:`territoire_lab.sentiment.sentiment_by` and
:func:`territoire_lab.sentiment.evaluate_sentiment`; functions here only plot. Labels are in
French by default.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .schema import check_columns
from .viz import _new_ax as _shared_new_ax

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "LABELS_FR",
    "TONE_COLORS",
    "plot_tone_evaluation",
    "plot_tone_shares",
    "plot_tone_timeline",
]

#: French names of the labels
LABELS_FR = {"negative": "négatif", "neutral": "neutre", "positive": "positif"}
#: colours of the labels (colour-blind safe: vermillion, grey, blue)
TONE_COLORS = {"negative": "#D55E00", "neutral": "#BBBBBB", "positive": "#0072B2"}
_METRICS_FR = {
    "accuracy": "exactitude",
    "macro_f1": "F1 macro",
    "precision": "précision",
    "recall": "rappel",
    "f1": "F1",
}


def _new_ax(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    return _shared_new_ax(ax, figsize, layout=None)  # callers may tight_layout() the figure


def plot_tone_shares(
    table: pd.DataFrame,
    *,
    by: str,
    labels: dict[str, str] | None = None,
    sort: bool = True,
    title: str = "Tonalité des publications",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal stacked bars of the shares of negative / neutral / positive posts per group.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`~territoire_lab.sentiment.sentiment_by` with one grouping column
        ``by`` (columns ``share_negative``, ``share_neutral``, ``share_positive``, ``n_docs``).
    by : str
        The grouping column shown on the y axis.
    labels : dict, optional
        Display names of the groups (e.g. territory code -> name).
    sort : bool, default True
        Order groups by net sentiment (most positive on top).
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    cols = ["share_negative", "share_neutral", "share_positive"]
    check_columns(table, [by, *cols], where="viz_tone.plot_tone_shares", table="tone table")
    df = table.copy()
    if sort:
        df = df.assign(_net=df["share_positive"] - df["share_negative"]).sort_values("_net")
    names = [str((labels or {}).get(v, v)) for v in df[by]]
    if "n_docs" in df.columns:
        counts = [f"{k:,}".replace(",", "\u202f") for k in df["n_docs"]]
        names = [f"{n} (n = {k})" for n, k in zip(names, counts, strict=True)]
    ax = _new_ax(ax, (8, 0.45 * len(df) + 1.5))
    left = pd.Series(0.0, index=df.index)
    for col in cols:
        lab = col.removeprefix("share_")
        ax.barh(
            names,
            df[col] * 100,
            left=left * 100,
            color=TONE_COLORS[lab],
            label=LABELS_FR[lab],
            edgecolor="white",
        )
        left = left + df[col]
    ax.set_xlim(0, 100)
    ax.set_xlabel("Part des publications (%)")
    ax.set_ylabel("")
    ax.set_title(title)
    ax.legend(title="Tonalité", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize="small")
    return ax


def plot_tone_timeline(
    table: pd.DataFrame,
    *,
    time_col: str,
    group_col: str | None = None,
    value: str = "net_sentiment",
    labels: dict[str, str] | None = None,
    title: str = "Évolution de la tonalité",
    ax: Axes | None = None,
) -> Axes:
    """Lines of a tone measure over time, one line a group.

    Parameters
    ----------
    table : pandas.DataFrame
        Output of :func:`~territoire_lab.sentiment.sentiment_by` with ``by=[time_col,
        group_col]`` (or ``by=time_col``).
    time_col : str
        Period column (e.g. a month as a timestamp or a string ``2025-03``).
    group_col : str, optional
        One line per value of this column.
    value : str, default "net_sentiment"
        ``net_sentiment`` (share positive - share negative), ``mean_sentiment`` or a share.
    labels : dict, optional
        Display names of the groups.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    need = [time_col, value] + ([group_col] if group_col else [])
    check_columns(table, need, where="viz_tone.plot_tone_timeline", table="tone table")
    ax = _new_ax(ax, (10, 5))
    groups = table.groupby(group_col, sort=True) if group_col else [(None, table)]
    for key, g in groups:
        g = g.sort_values(time_col)
        name = (labels or {}).get(key, key) if key is not None else value
        ax.plot(g[time_col], g[value], marker="o", markersize=3, label=str(name))
    ax.axhline(0, color="black", linewidth=0.6)
    ylabels = {
        "net_sentiment": "Solde de tonalité (% positifs - % négatifs)",
        "mean_sentiment": "Score moyen de tonalité (-1 à 1)",
        "share_negative": "Part de publications négatives",
        "share_positive": "Part de publications positives",
    }
    ax.set_ylabel(ylabels.get(value, value))
    ax.set_xlabel("Mois")
    ax.set_title(title)
    if group_col:
        ax.legend(fontsize="small", ncol=2, loc="best")
    ax.figure.autofmt_xdate()
    return ax


def plot_tone_evaluation(
    table: pd.DataFrame,
    *,
    method_col: str = "method",
    metrics: tuple[str, ...] = ("accuracy", "macro_f1"),
    title: str = "Évaluation des méthodes de tonalité",
    ax: Axes | None = None,
) -> Axes:
    """Grouped bars of evaluation figures, one group a metric, one bar a method.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`~territoire_lab.sentiment.evaluate_sentiment` (columns ``metric``,
        ``label``, ``value``) stacked with a ``method_col`` column naming the method (e.g.
        "lexique", "classifieur (VC 5 plis)").
    method_col : str, default "method"
    metrics : tuple of str
        Overall metrics (``label == "all"``) or per-class ones given as ``"f1:negative"``.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(
        table,
        [method_col, "metric", "label", "value"],
        where="viz_tone.plot_tone_evaluation",
        table="evaluation table",
    )
    rows = []
    for m in metrics:
        metric, _, label = m.partition(":")
        sel = table[(table["metric"] == metric) & (table["label"] == (label or "all"))]
        name = _METRICS_FR.get(metric, metric) + (
            f" {LABELS_FR.get(label, label)}" if label else ""
        )
        rows.append(sel.assign(_name=name))
    df = pd.concat(rows, ignore_index=True)
    wide = df.pivot_table(index="_name", columns=method_col, values="value", sort=False)
    ax = _new_ax(ax, (8, 4.5))
    wide.plot.bar(ax=ax, rot=0, width=0.75)
    for cont in ax.containers:
        ax.bar_label(cont, fmt="%.2f", fontsize="small")
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("")
    ax.set_ylabel("Valeur (0 à 1)")
    ax.set_title(title)
    ax.legend(title="Méthode", fontsize="small", loc="lower right")
    return ax
