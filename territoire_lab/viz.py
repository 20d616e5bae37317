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

__all__ = ["PLATFORM_LABELS", "plot_activity", "plot_stacked_counts", "plot_territory_map"]

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


def _new_ax(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
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
