"""Figures for papers and reports: a tidy table in, a matplotlib ``Axes`` out.

Functions here only plot; statistics are computed by the analysis modules. Every figure
has a title, labelled axes (French by default) and readable sizes. Pass ``ax`` to draw
into an existing figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns

from .schema import check_columns

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "INDICATOR_LABELS",
    "PLATFORM_LABELS",
    "plot_activity",
    "plot_alert_timeline",
    "plot_calibration",
    "plot_confusion",
    "plot_influencers",
    "plot_maturity_radar",
    "plot_rank_sensitivity",
    "plot_responsiveness",
    "plot_stacked_counts",
    "plot_territory_map",
]

#: display names of platforms in figures
PLATFORM_LABELS = {
    "x": "X (Twitter)",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "tiktok": "TikTok",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "tripadvisor": "Tripadvisor",
    "google_maps": "Google Maps",
    "airbnb": "Airbnb",
    "datatourisme": "DATAtourisme",
    "web": "Web",
    "rss": "RSS",
}


#: display names of the benchmark's indicators
INDICATOR_LABELS = {
    "n_platforms": "Plateformes",
    "institution_posts_per_week": "Publications / semaine",
    "followers_per_1000": "Abonnés / 1 000 hab.",
    "answer_rate": "Taux de réponse",
    "relay_share": "Relais des usagers",
}


def _new_ax(
    ax: Axes | None, figsize: tuple[float, float], *, layout: str | None = "constrained"
) -> Axes:
    """The given Axes, or a new figure's (shared by every ``viz*`` module)."""
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout=layout)
    return ax


def plot_activity(
    table: pd.DataFrame,
    *,
    x: str = "period",
    y: str = "n_docs",
    hue: str | None = "territory_code",
    labels: dict[str, str] | None = None,
    title: str = "Publications par mois",
    ylabel: str = "Nombre de publications",
    ax: Axes | None = None,
) -> Axes:
    """Line chart of activity over time, one line per group.

    Parameters
    ----------
    table : pandas.DataFrame
        Tidy table such as :func:`territoire_lab.describe.activity_by_period` returns.
    x, y, hue : str
        Columns of time, count and group.
    labels : dict, optional
        Display names of the groups (e.g. territory code to name).
    title, ylabel : str
        Title and y-axis label.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(table, [x, y] + ([hue] if hue else []), where="plot_activity")
    ax = _new_ax(ax, (10, 5))
    data = table
    if hue and labels:
        data = table.assign(**{hue: table[hue].map(lambda v: labels.get(v, v))})
    sns.lineplot(data=data, x=x, y=y, hue=hue, marker="o", ax=ax)
    ax.set_title(title)
    ax.set_xlabel("Période")
    ax.set_ylabel(ylabel)
    if hue:
        ax.legend(title="Territoire", bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    ax.grid(alpha=0.3)
    return ax


def plot_stacked_counts(
    table: pd.DataFrame,
    *,
    index: str,
    columns: str,
    values: str = "n_docs",
    index_labels: dict[str, str] | None = None,
    column_labels: dict[str, str] | None = None,
    title: str = "Publications par territoire et par plateforme",
    xlabel: str = "Nombre de publications",
    legend_title: str = "Plateforme",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal stacked bars: one bar per ``index`` value, stacked by ``columns``.

    Parameters
    ----------
    table : pandas.DataFrame
        Tidy counts (e.g. :func:`territoire_lab.describe.count_by` by territory and platform).
    index, columns, values : str
        Bar, stack and length columns.
    index_labels, column_labels : dict, optional
        Display names.
    title, xlabel, legend_title : str
        Texts of the figure.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(table, [index, columns, values], where="plot_stacked_counts")
    ax = _new_ax(ax, (10, 5))
    wide = table.pivot_table(
        index=index, columns=columns, values=values, aggfunc="sum", fill_value=0
    )
    wide = wide.loc[wide.sum(axis=1).sort_values().index]
    if index_labels:
        wide.index = [index_labels.get(i, i) for i in wide.index]
    labels = column_labels or PLATFORM_LABELS
    wide.columns = [labels.get(c, c) for c in wide.columns]
    wide.plot.barh(stacked=True, ax=ax, width=0.8, colormap="tab10")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("")
    ax.legend(title=legend_title, bbox_to_anchor=(1.01, 1), loc="upper left", frameon=False)
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_territory_map(
    gdf: pd.DataFrame,
    *,
    column: str = "population",
    highlight: pd.DataFrame | None = None,
    label_col: str = "name",
    title: str = "Population des communes (INSEE)",
    legend_label: str = "Habitants",
    scheme: str | None = "NaturalBreaks",
    k: int = 6,
    ax: Axes | None = None,
) -> Axes:
    """Choropleth of a territory table, with optional outlined and labelled territories.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Territories with ``geometry`` and the ``column`` to map.
    column : str
        Variable mapped to colour.
    highlight : geopandas.GeoDataFrame, optional
        Territories outlined in black and labelled (e.g. the study's territories).
    label_col : str
        Column of ``highlight`` used for labels.
    title, legend_label : str
        Texts of the figure.
    scheme : str or None, default "NaturalBreaks"
        mapclassify classification scheme (Jenks natural breaks suit skewed populations);
        None for a continuous colour scale.
    k : int
        Number of classes.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(gdf, ["geometry", column], where="plot_territory_map")
    ax = _new_ax(ax, (8, 8))
    data = gdf.assign(**{column: gdf[column].astype("float64")})
    data.plot(
        column=column,
        cmap="YlOrRd",
        scheme=scheme,
        k=k,
        legend=True,
        legend_kwds={"title": legend_label, "loc": "lower left", "fontsize": 8, "fmt": "{:,.0f}"}
        if scheme
        else {"label": legend_label, "shrink": 0.6},
        linewidth=0.1,
        edgecolor="white",
        ax=ax,
    )
    if highlight is not None and len(highlight):
        highlight.boundary.plot(ax=ax, color="black", linewidth=1.2)
        for _, row in highlight.iterrows():
            point = row.geometry.representative_point()
            ax.annotate(
                row[label_col],
                xy=(point.x, point.y),
                ha="center",
                fontsize=9,
                fontweight="bold",
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.7, "lw": 0},
            )
    ax.set_title(title)
    ax.set_axis_off()
    return ax


def plot_responsiveness(
    table: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    group: str = "territory_code",
    title: str = "Réponse des institutions aux usagers qui les interpellent",
    ax: Axes | None = None,
) -> Axes:
    """Answer rate per territory with its confidence interval, and the median delay.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`territoire_lab.benchmark.responsiveness` output.
    labels : dict, optional
        Display names of the groups.
    group : str
        Column of the groups.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(
        table,
        [group, "answer_rate", "answer_rate_low", "answer_rate_high", "n_addressed"],
        where="plot_responsiveness",
    )
    ax = _new_ax(ax, (9, 5))
    data = table.sort_values("answer_rate").reset_index(drop=True)
    names = [(labels or {}).get(g, g) for g in data[group]]
    y = range(len(data))
    err = [
        data["answer_rate"] - data["answer_rate_low"],
        data["answer_rate_high"] - data["answer_rate"],
    ]
    ax.barh(y, data["answer_rate"], color="#8c2d04", alpha=0.8)
    ax.errorbar(data["answer_rate"], y, xerr=err, fmt="none", ecolor="black", capsize=3)
    for i, row in data.iterrows():
        delay = row.get("median_answer_hours")
        note = f"n = {row['n_addressed']}"
        if delay is not None and pd.notna(delay):
            note += f", délai médian {delay:.0f} h"
        ax.text(row["answer_rate_high"] + 0.01, i, note, va="center", fontsize=8)
    ax.set_yticks(list(y), names)
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(plt.matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel("Part des publications adressées qui reçoivent une réponse (IC 95 % de Wilson)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_rank_sensitivity(
    table: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    title: str = "Indice de maturité numérique : rang et sensibilité aux pondérations",
    ax: Axes | None = None,
) -> Axes:
    """Rank of each territory with the 5-95 % interval of its rank under perturbed weights.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`territoire_lab.benchmark.rank_sensitivity` output.
    labels : dict, optional
        Display names of the territory codes.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(
        table, ["code", "rank", "rank_p05", "rank_p95", "p_first"], where="plot_rank_sensitivity"
    )
    ax = _new_ax(ax, (8, 5))
    data = table.sort_values("rank", ascending=False).reset_index(drop=True)
    names = [(labels or {}).get(c, c) for c in data["code"]]
    y = range(len(data))
    ax.hlines(
        y,
        data["rank_p05"],
        data["rank_p95"],
        color="grey",
        linewidth=4,
        alpha=0.5,
        label="rangs 5-95 % (pondérations perturbées)",
    )
    ax.plot(
        data["rank"], y, "o", color="#8c2d04", markersize=9, label="rang (pondérations de base)"
    )
    ax.set_yticks(list(y), names)
    ax.set_xlabel("Rang (1 = le plus mature)")
    ax.invert_xaxis()
    ax.set_title(title)
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncol=2,
        fontsize=8,
        frameon=False,
        numpoints=1,
    )
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_maturity_radar(
    index: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    indicator_labels: dict[str, str] | None = None,
    title: str = "Profil de maturité numérique des territoires",
    ax: Axes | None = None,
) -> Axes:
    """Radar chart of the normalised indicators (``score_*`` columns) of each territory.

    Parameters
    ----------
    index : pandas.DataFrame
        :func:`territoire_lab.benchmark.maturity_index` output.
    labels : dict, optional
        Display names of the territory codes.
    indicator_labels : dict, optional
        Display names of the indicators (:data:`INDICATOR_LABELS` by default).
    title : str
    ax : matplotlib Axes, optional
        Must be a polar Axes if given.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import numpy as np

    cols = [c for c in index.columns if c.startswith("score_")]
    check_columns(index, ["code", *cols], where="plot_maturity_radar")
    if ax is None:
        _, ax = plt.subplots(
            figsize=(8, 8), subplot_kw={"projection": "polar"}, layout="constrained"
        )
    names = indicator_labels or INDICATOR_LABELS
    angles = np.linspace(0, 2 * np.pi, len(cols), endpoint=False).tolist()
    palette = sns.color_palette("tab10", len(index))
    for color, (_, row) in zip(palette, index.iterrows(), strict=False):
        values = row[cols].astype(float).fillna(0).tolist()
        ax.plot(
            angles + angles[:1],
            values + values[:1],
            color=color,
            linewidth=1.8,
            label=(labels or {}).get(row["code"], row["code"]),
        )
        ax.fill(angles + angles[:1], values + values[:1], color=color, alpha=0.05)
    ax.set_xticks(angles, [names.get(c.removeprefix("score_"), c) for c in cols])
    ax.set_ylim(0, 1)
    ax.set_title(title, pad=20)
    ax.legend(bbox_to_anchor=(1.1, 1.05), loc="upper left", frameon=False, title="Territoire")
    return ax


TIER_COLOURS = {"nano": "#fdae6b", "micro": "#e6550d", "macro": "#a63603", "mega": "#4a1486"}


def plot_influencers(
    ranking: pd.DataFrame,
    *,
    title: str = "Influenceurs du territoire",
    label_col: str = "author_id",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of the influence score of a territory's ranked authors, by tier.

    Parameters
    ----------
    ranking : pandas.DataFrame
        One territory's rows of :func:`territoire_lab.influence.rank_influencers`.
    title : str
    label_col : str
        Column used as bar labels (pseudonyms by default: never raw handles).
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(ranking, ["rank", "score", "tier", label_col], where="plot_influencers")
    ax = _new_ax(ax, (9, 0.45 * max(len(ranking), 4) + 1.5))
    data = ranking.sort_values("rank", ascending=False)
    colours = [TIER_COLOURS.get(t, "grey") for t in data["tier"]]
    ax.barh(range(len(data)), data["score"], color=colours)
    labels = [
        f"{r}. {a} ({f:,} abonnés)".replace(",", " ") if pd.notna(f) else f"{r}. {a}"
        for r, a, f in zip(data["rank"], data[label_col], data["followers"], strict=True)
    ]
    ax.set_yticks(range(len(data)), labels, fontsize=8)
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in TIER_COLOURS.values()]
    ax.legend(
        handles,
        list(TIER_COLOURS),
        title="Palier",
        loc="lower left",
        bbox_to_anchor=(1.01, 0),
        frameon=False,
    )
    ax.set_xlabel("Score (influence, pondérée par la tonalité pour ambassadeurs et détracteurs)")
    ax.set_title(title)
    ax.grid(axis="x", alpha=0.3)
    return ax


def plot_calibration(
    table: pd.DataFrame,
    *,
    title: str = "Calibration des probabilités d'audience",
    ax: Axes | None = None,
) -> Axes:
    """Reliability diagram: accuracy against mean confidence per bin, with the diagonal.

    Parameters
    ----------
    table : pandas.DataFrame
        :func:`territoire_lab.audience.calibration_table` output (``confidence``,
        ``accuracy``, ``n``).
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(table, ["confidence", "accuracy", "n"], where="plot_calibration")
    ax = _new_ax(ax, (6, 6))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="calibration parfaite")
    sizes = 20 + 200 * table["n"] / table["n"].max()
    ax.plot(table["confidence"], table["accuracy"], color="#8c2d04", linewidth=1.5)
    ax.scatter(
        table["confidence"],
        table["accuracy"],
        s=sizes,
        color="#8c2d04",
        zorder=3,
        label="classes de confiance (taille : effectif)",
    )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("Probabilité annoncée (moyenne de la classe)")
    ax.set_ylabel("Part de bonnes réponses")
    ax.set_title(title)
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    return ax


def plot_confusion(
    confusion: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    title: str = "Matrice de confusion",
    ax: Axes | None = None,
) -> Axes:
    """Heatmap of a confusion matrix (rows: truth, columns: prediction), row-normalised.

    Parameters
    ----------
    confusion : pandas.DataFrame
        Counts, truth in rows and predictions in columns (e.g. from
        :func:`territoire_lab.audience.evaluate_audience`).
    labels : dict, optional
        Display names of the classes.
    title : str
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    ax = _new_ax(ax, (6, 5))
    shares = confusion.div(confusion.sum(axis=1).replace(0, 1), axis=0)
    names = [(labels or {}).get(c, c) for c in confusion.index]
    cols = [(labels or {}).get(c, c) for c in confusion.columns]
    annot = confusion.astype(int).astype(str) + "\n" + (shares * 100).round(1).astype(str) + " %"
    sns.heatmap(
        shares.to_numpy(),
        annot=annot.to_numpy(),
        fmt="",
        cmap="Oranges",
        vmin=0,
        vmax=1,
        xticklabels=cols,
        yticklabels=names,
        cbar=False,
        ax=ax,
    )
    ax.set_xlabel("Prédiction")
    ax.set_ylabel("Vérité")
    ax.set_title(title)
    return ax


def plot_alert_timeline(
    daily: pd.DataFrame,
    alerts: pd.DataFrame,
    *,
    group: str,
    by: str = "territory_code",
    label: str | None = None,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Daily posts and negative posts of one territory, with its alerts shaded.

    Parameters
    ----------
    daily : pandas.DataFrame
        :func:`territoire_lab.alerts.daily_counts` with ``mask`` = negative posts
        (``day``, ``count``, ``total``).
    alerts : pandas.DataFrame
        :func:`territoire_lab.alerts.detect_alerts` or :func:`~territoire_lab.alerts.alert_events`.
    group : str
        The territory to draw.
    label : str, optional
        Its display name.
    title : str, optional
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    check_columns(daily, [by, "day", "count", "total"], where="plot_alert_timeline")
    ax = _new_ax(ax, (11, 4))
    sub = daily[daily[by] == group]
    ax.plot(sub["day"], sub["total"], color="grey", linewidth=0.8, label="toutes les publications")
    ax.plot(
        sub["day"], sub["count"], color="#b30000", linewidth=1.2, label="publications négatives"
    )
    shown = False
    for _, alert in alerts[alerts[by] == group].iterrows():
        ax.axvspan(
            alert["start"],
            alert["end"] + pd.Timedelta(days=1),
            color="#fdbb84",
            alpha=0.6,
            label=None if shown else "alerte",
        )
        shown = True
    name = label or group
    ax.set_title(title or f"Alertes — {name}")
    ax.set_xlabel("Jour (heure de Paris)")
    ax.set_ylabel("Publications par jour")
    ax.legend(loc="upper left", frameon=False, fontsize=8)
    ax.grid(alpha=0.3)
    return ax
