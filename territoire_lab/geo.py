"""Maps: spatial joins, choropleths per inhabitant, hotspots of residents and visitors.

Everything spatial is computed in Lambert-93 (EPSG:2154, metres), the official projection
of metropolitan France; maps are drawn in it too. geopandas, shapely, mapclassify and pyproj
are imported lazily, inside the functions (the ``geo`` extra): ``import territoire_lab``
does not import them.

Main entry points
-----------------
:func:`spatial_join`
    The territory whose polygon contains each geotag.
:func:`per_inhabitants` and :func:`plot_choropleth`
    Any per-territory metric, raw or per 1,000 inhabitants, classified with mapclassify.
:func:`fischer_audience`
    Residents and visitors from the time span of each author's posts (Fischer's rule).
:func:`hotspots`, :func:`plot_hotspots`, :func:`density_surface`
    Where people post, computed separately for residents and visitors.
:func:`carte_postale` and :func:`plot_carte_postale`
    The "carte postale 2.0": visitor hotspots against the tourism offices' points of
    interest (DATAtourisme): hotspots no official point covers, official points nobody
    posts about.

References
----------
Fischer, E. (2010). *Locals and Tourists* (Flickr geotag maps of world cities; a
photographer is a local who took pictures in a city over more than a month, a tourist
otherwise). https://www.flickr.com/photos/walkingsf/sets/72157624209158632/
Ester, M., Kriegel, H.-P., Sander, J. and Xu, X. (1996). A density-based algorithm for
discovering clusters in large spatial databases with noise. *KDD-96*, 226-231.
Campello, R. J. G. B., Moulavi, D. and Sander, J. (2013). Density-based clustering based
on hierarchical density estimates. *PAKDD 2013*, 160-172.
Jenks, G. F. (1967). The data model concept in statistical mapping. *International
Yearbook of Cartography*, 7, 186-190 (natural breaks, via mapclassify).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._compat import import_optional
from .schema import check_columns

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    from matplotlib.axes import Axes

__all__ = [
    "LAMBERT93",
    "CartePostale",
    "carte_postale",
    "cluster_points",
    "density_surface",
    "fischer_audience",
    "hotspots",
    "per_inhabitants",
    "plot_carte_postale",
    "plot_choropleth",
    "plot_density",
    "plot_hotspots",
    "spatial_join",
    "to_points",
]

logger = logging.getLogger("territoire_lab")

#: Lambert-93, the official projection of metropolitan France (metres)
LAMBERT93 = "EPSG:2154"
WGS84 = "EPSG:4326"
AUDIENCE_LABELS = {"resident": "résidents", "visitor": "visiteurs"}


def _gpd() -> Any:
    return import_optional("geopandas", extra="geo", purpose="maps and spatial joins")


def _default_boundaries() -> geopandas.GeoDataFrame:
    from .datasets import load_territories

    logger.info("No boundaries given: using the communes of the bundled sample.")
    return load_territories("commune")


# --------------------------------------------------------------------------- points


def to_points(
    corpus: pd.DataFrame,
    *,
    lat_col: str = "lat",
    lon_col: str = "lon",
    crs: str = LAMBERT93,
) -> geopandas.GeoDataFrame:
    """Turn the geotagged rows of a corpus into points (Lambert-93 by default).

    Parameters
    ----------
    corpus : pandas.DataFrame
        Any table with WGS84 ``lat`` and ``lon`` columns; rows without both are left out.
    lat_col, lon_col : str
        Coordinate columns.
    crs : str, default "EPSG:2154"
        Output projection.

    Returns
    -------
    geopandas.GeoDataFrame
        The geotagged rows (original index kept) with a point ``geometry`` and ``x``,
        ``y`` in the output projection.

    Examples
    --------
    >>> pts = to_points(pd.DataFrame({"lat": [47.39, None], "lon": [0.69, None]}))
    >>> len(pts), round(float(pts["x"].iloc[0]), -3)
    (1, 526000.0)
    """
    gpd = _gpd()
    check_columns(corpus, [lat_col, lon_col], where="geo.to_points")
    lat = pd.to_numeric(corpus[lat_col], errors="coerce")
    lon = pd.to_numeric(corpus[lon_col], errors="coerce")
    ok = lat.notna() & lon.notna()
    sub = corpus.loc[ok]
    pts = gpd.GeoDataFrame(
        sub.copy(),
        geometry=gpd.points_from_xy(lon[ok].astype(float), lat[ok].astype(float)),
        crs=WGS84,
    ).to_crs(crs)
    pts["x"] = pts.geometry.x
    pts["y"] = pts.geometry.y
    return pts


def spatial_join(
    corpus: pd.DataFrame,
    boundaries: geopandas.GeoDataFrame | None = None,
    *,
    id_col: str = "doc_id",
    lat_col: str = "lat",
    lon_col: str = "lon",
    code_col: str = "code",
) -> pd.DataFrame:
    """Find the territory whose polygon contains each geotag (point in polygon).

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``doc_id``, ``lat``, ``lon`` (WGS84).
    boundaries : geopandas.GeoDataFrame, optional
        Polygons with a ``code`` column; default the communes of the bundled sample
        (:func:`territoire_lab.load_territories`).
    id_col, lat_col, lon_col, code_col : str
        Column names.

    Returns
    -------
    pandas.DataFrame
        One row a geotagged document: ``doc_id``, ``code`` (missing when the point falls
        in no polygon). A point on a shared border goes to the first polygon.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["a"], "lat": [47.3941], "lon": [0.6848]})
    >>> spatial_join(df)["code"].tolist()
    ['37261']
    """
    gpd = _gpd()
    check_columns(corpus, [id_col, lat_col, lon_col], where="geo.spatial_join")
    if boundaries is None:
        boundaries = _default_boundaries()
    check_columns(boundaries, [code_col, "geometry"], where="geo.spatial_join", table="boundaries")
    pts = to_points(corpus[[id_col, lat_col, lon_col]], lat_col=lat_col, lon_col=lon_col)
    polys = boundaries[[code_col, "geometry"]].to_crs(LAMBERT93)
    joined = gpd.sjoin(pts, polys, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    out = pd.DataFrame(
        {
            "doc_id": pd.array(joined[id_col].astype(object), dtype="string"),
            "code": pd.array(joined[code_col].astype(object), dtype="string"),
        }
    )
    logger.info(
        "spatial_join: %d geotags, %d inside a polygon", len(out), int(out["code"].notna().sum())
    )
    return out


# --------------------------------------------------------------------------- choropleths


def per_inhabitants(
    table: pd.DataFrame,
    territories: pd.DataFrame,
    *,
    value: str,
    code_col: str = "code",
    per: int = 1000,
) -> pd.DataFrame:
    """Add the population and the value per ``per`` inhabitants to a per-territory table.

    Parameters
    ----------
    table : pandas.DataFrame
        One row a territory: ``code`` and the ``value`` column.
    territories : pandas.DataFrame
        ``code`` and ``population`` (e.g. :func:`territoire_lab.load_territories`).
    value : str
        The metric column.
    code_col : str, default "code"
        Territory code column of ``table``.
    per : int, default 1000
        Denominator.

    Returns
    -------
    pandas.DataFrame
        ``table`` with ``population`` and ``{value}_per_{per}`` (missing where the
        population is unknown or zero).

    Examples
    --------
    >>> t = pd.DataFrame({"code": ["a"], "n": [50]})
    >>> per_inhabitants(t, pd.DataFrame({"code": ["a"], "population": [10000]}), value="n")
    ... # doctest: +NORMALIZE_WHITESPACE
      code   n  population  n_per_1000
    0    a  50       10000         5.0
    """
    check_columns(table, [code_col, value], where="geo.per_inhabitants")
    check_columns(territories, ["code", "population"], where="geo.per_inhabitants")
    pop = territories[["code", "population"]].drop_duplicates("code")
    out = table.drop(columns=[c for c in ("population",) if c in table.columns]).merge(
        pop.rename(columns={"code": code_col}), on=code_col, how="left"
    )
    denom = pd.to_numeric(out["population"], errors="coerce").astype("float64")
    denom = denom.where(denom > 0)
    out[f"{value}_per_{per}"] = pd.to_numeric(out[value], errors="coerce") / denom * per
    return out


def plot_choropleth(
    table: pd.DataFrame,
    territories: geopandas.GeoDataFrame | None = None,
    *,
    value: str,
    code_col: str = "code",
    per_inhabitants: bool = False,
    per: int = 1000,
    scheme: str | None = "quantiles",
    k: int = 5,
    cmap: str = "YlOrRd",
    ax: Axes | None = None,
    title: str | None = None,
    legend_title: str | None = None,
    missing_label: str = "pas de données",
) -> Axes:
    """Draw a choropleth of a per-territory metric, raw or per inhabitants.

    Parameters
    ----------
    table : pandas.DataFrame
        One row a territory: ``code`` and ``value``.
    territories : geopandas.GeoDataFrame, optional
        Polygons with ``code`` and ``population``; default the communes of the sample.
    value : str
        The metric column.
    per_inhabitants : bool, default False
        Map ``value`` per ``per`` inhabitants (:func:`per_inhabitants`).
    scheme : str or None, default "quantiles"
        A mapclassify scheme (``"quantiles"``, ``"natural_breaks"`` (Jenks),
        ``"equal_interval"``, ``"fisher_jenks"``, ``"headtail_breaks"``...); None for a
        continuous colour bar.
    k : int, default 5
        Number of classes.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure otherwise.
    title, legend_title : str, optional
        French defaults from the value name.

    Returns
    -------
    matplotlib.axes.Axes
        The map, in Lambert-93, titled, with a legend; territories without a value are
        grey.
    """
    import matplotlib.pyplot as plt

    gpd = _gpd()
    if territories is None:
        territories = _default_boundaries()
    check_columns(table, [code_col, value], where="geo.plot_choropleth")
    data = table[[code_col, value]].rename(columns={code_col: "code"})
    column = value
    if per_inhabitants:
        data = globals()["per_inhabitants"](data, territories, value=value, per=per)
        column = f"{value}_per_{per}"
    gdf = territories[["code", "geometry"]].merge(data, on="code", how="left")
    gdf = gpd.GeoDataFrame(gdf, geometry="geometry", crs=territories.crs).to_crs(LAMBERT93)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    values = pd.to_numeric(gdf[column], errors="coerce")
    n_distinct = int(values.nunique())
    use_scheme = scheme if (scheme and n_distinct > k) else None
    if use_scheme:
        import_optional("mapclassify", extra="geo", purpose="classified choropleths")
    gdf = gdf.assign(_value=values.astype("float64"))
    gdf.plot(
        column="_value",
        ax=ax,
        cmap=cmap,
        scheme=use_scheme,
        k=k,
        legend=True,
        edgecolor="white",
        linewidth=0.2,
        missing_kwds={"color": "lightgrey", "label": missing_label},
        legend_kwds=(
            {
                "title": legend_title or _label(value, per_inhabitants, per),
                "loc": "lower left",
                "fmt": "{:.0f}" if float(values.max()) >= 100 else "{:.2f}",
            }
            if use_scheme
            else {"label": legend_title or _label(value, per_inhabitants, per), "shrink": 0.6}
        ),
    )
    ax.set_axis_off()
    ax.set_title(title or f"{_label(value, per_inhabitants, per)} par territoire")
    return ax


def _lambert_axes(ax: Axes) -> None:
    ax.set_xlabel("x Lambert-93 (km)")
    ax.set_ylabel("y Lambert-93 (km)")
    ax.xaxis.set_major_formatter(lambda v, _pos: f"{v / 1000:,.0f}".replace(",", "\u202f"))
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{v / 1000:,.0f}".replace(",", "\u202f"))


def _label(value: str, per_inh: bool, per: int) -> str:
    base = value.replace("_", " ")
    return f"{base} pour {per:,} habitants".replace(",", "\u202f") if per_inh else base


# --------------------------------------------------------------------------- audiences


def fischer_audience(
    corpus: pd.DataFrame,
    *,
    by: str | None = None,
    author_col: str = "author_id",
    time_col: str = "created_at",
    window_days: float = 30.0,
) -> pd.DataFrame:
    """Label authors residents or visitors from the time span of their posts.

    Eric Fischer's rule for his "Locals and Tourists" maps: someone whose posts in a
    place span more than a month is a local; someone whose posts all fall within a month
    is a tourist. It needs no profile and no text; it is a heuristic (a resident who posts
    rarely looks like a visitor).

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``author_id`` and ``created_at``.
    by : str, optional
        A territory column (e.g. the ``code`` of :func:`territoire_lab.attribute_territory`
        merged in): the rule is applied per author and territory.
    window_days : float, default 30
        Span above which an author is a resident.

    Returns
    -------
    pandas.DataFrame
        One row an author (and territory): ``author_id`` (``by``), ``n_posts``, ``first``,
        ``last``, ``span_days``, ``audience`` (``resident`` or ``visitor``).

    References
    ----------
    Fischer, E. (2010). Locals and Tourists. Flickr map series.
    """
    keys = [author_col] + ([by] if by else [])
    check_columns(corpus, [*keys, time_col], where="geo.fischer_audience")
    t = pd.to_datetime(corpus[time_col], utc=True)
    g = corpus.assign(_t=t).dropna(subset=keys).groupby(keys, observed=True)["_t"]
    out = g.agg(n_posts="size", first="min", last="max").reset_index()
    out["span_days"] = (out["last"] - out["first"]).dt.total_seconds() / 86400
    out["audience"] = np.where(out["span_days"] > window_days, "resident", "visitor")
    out["audience"] = out["audience"].astype("string")
    return out


# --------------------------------------------------------------------------- hotspots


def cluster_points(
    corpus: pd.DataFrame,
    *,
    method: str = "dbscan",
    eps_m: float = 250.0,
    min_samples: int = 10,
    min_cluster_size: int | None = None,
    lat_col: str = "lat",
    lon_col: str = "lon",
) -> pd.Series:
    """Cluster the geotags of a corpus in Lambert-93 (DBSCAN or HDBSCAN).

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``lat``, ``lon``.
    method : {"dbscan", "hdbscan"}
        DBSCAN (Ester et al. 1996) with ``eps_m`` metres and ``min_samples``; or HDBSCAN
        (Campello et al. 2013) with ``min_cluster_size`` (default ``min_samples``).
    eps_m : float, default 250
        DBSCAN neighbourhood radius in metres.
    min_samples : int, default 10
        Minimum number of posts around a core point.

    Returns
    -------
    pandas.Series
        Aligned on ``corpus``: the cluster number (``Int64``, ``-1`` for noise, missing
        without a geotag). Deterministic.
    """
    from sklearn.cluster import DBSCAN, HDBSCAN

    flat = corpus.reset_index(drop=True)
    pts = to_points(flat, lat_col=lat_col, lon_col=lon_col)
    values = np.full(len(flat), -2, dtype="int64")  # -2: no geotag
    if len(pts):
        xy = np.column_stack([pts["x"].to_numpy(), pts["y"].to_numpy()])
        if method == "dbscan":
            model = DBSCAN(eps=eps_m, min_samples=min_samples)
        elif method == "hdbscan":
            model = HDBSCAN(
                min_cluster_size=min_cluster_size or min_samples,
                min_samples=min_samples,
                copy=True,
            )
        else:
            raise ValueError(f"method={method!r}; expected 'dbscan' or 'hdbscan'.")
        if len(xy) < max(2, min_samples):
            values[pts.index.to_numpy()] = -1
        else:
            values[pts.index.to_numpy()] = model.fit_predict(xy)
    labels = pd.Series(values, index=corpus.index, dtype="Int64")
    return labels.mask(labels == -2)


def hotspots(
    corpus: pd.DataFrame,
    *,
    audience_col: str | None = "audience",
    method: str = "dbscan",
    eps_m: float = 250.0,
    min_samples: int = 10,
    min_cluster_size: int | None = None,
    author_col: str = "author_id",
    lat_col: str = "lat",
    lon_col: str = "lon",
) -> pd.DataFrame:
    """Find the hotspots of geotagged posts, separately for each audience.

    Points are clustered in Lambert-93 (:func:`cluster_points`) within each audience
    group (residents and visitors, after Fischer's locals and tourists), so that a place
    crowded with visitors is not hidden by the residents' everyday geotags, and
    conversely.

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``lat``, ``lon`` and, if ``audience_col`` is given, an audience per post (from
        :func:`fischer_audience`, an audience classifier, or a truth table in evaluation).
    audience_col : str or None, default "audience"
        Group column; None clusters all posts together (``audience`` = ``"all"``).
    method, eps_m, min_samples, min_cluster_size
        See :func:`cluster_points`.

    Returns
    -------
    pandas.DataFrame
        One row a hotspot: ``audience``, ``hotspot`` (number within the audience),
        ``n_posts``, ``n_authors``, ``x``, ``y`` (Lambert-93 centroid, metres), ``lon``,
        ``lat`` (WGS84), ``radius_m`` (90th percentile distance to the centroid); sorted by
        audience then decreasing ``n_posts``.

    References
    ----------
    Ester et al. (1996); Campello et al. (2013); Fischer (2010).
    """
    gpd = _gpd()
    if audience_col is not None:
        check_columns(corpus, [audience_col], where="geo.hotspots")
        groups = corpus[audience_col].astype("string").fillna("inconnu")
    else:
        groups = pd.Series("all", index=corpus.index, dtype="string")
    rows = []
    if method not in ("dbscan", "hdbscan"):
        raise ValueError(f"method={method!r}; expected 'dbscan' or 'hdbscan'.")
    for aud in sorted(groups.unique()):
        sub = corpus.loc[(groups == aud).to_numpy()].reset_index(drop=True)
        labels = cluster_points(
            sub,
            method=method,
            eps_m=eps_m,
            min_samples=min_samples,
            min_cluster_size=min_cluster_size,
            lat_col=lat_col,
            lon_col=lon_col,
        )
        pts = to_points(sub, lat_col=lat_col, lon_col=lon_col)
        if pts.empty:
            continue
        pts["_label"] = labels.to_numpy()[pts.index.to_numpy()]
        for lab, grp in pts[pts["_label"] >= 0].groupby("_label"):
            cx, cy = float(grp["x"].mean()), float(grp["y"].mean())
            dist = np.hypot(grp["x"] - cx, grp["y"] - cy)
            n_auth = grp[author_col].nunique() if author_col in grp else np.nan
            rows.append((aud, int(lab), len(grp), n_auth, cx, cy, float(np.quantile(dist, 0.9))))
    out = pd.DataFrame(
        rows, columns=["audience", "hotspot", "n_posts", "n_authors", "x", "y", "radius_m"]
    )
    if out.empty:
        return out.assign(lon=pd.Series(dtype=float), lat=pd.Series(dtype=float))
    ll = gpd.GeoSeries(gpd.points_from_xy(out["x"], out["y"]), crs=LAMBERT93).to_crs(WGS84)
    out["lon"], out["lat"] = ll.x.to_numpy(), ll.y.to_numpy()
    out = out.sort_values(["audience", "n_posts"], ascending=[True, False])
    # renumber by size within each audience
    out["hotspot"] = out.groupby("audience").cumcount()
    out["audience"] = out["audience"].astype("string")
    return out.reset_index(drop=True)[
        ["audience", "hotspot", "n_posts", "n_authors", "x", "y", "lon", "lat", "radius_m"]
    ]


def density_surface(
    corpus: pd.DataFrame,
    *,
    cell_m: float = 500.0,
    bandwidth_m: float = 1000.0,
    bounds: Sequence[float] | None = None,
    lat_col: str = "lat",
    lon_col: str = "lon",
    max_cells: int = 250_000,
) -> pd.DataFrame:
    """Estimate a kernel density surface of geotags on a Lambert-93 grid.

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``lat``, ``lon``.
    cell_m : float, default 500
        Grid cell size in metres.
    bandwidth_m : float, default 1000
        Gaussian kernel bandwidth in metres.
    bounds : (xmin, ymin, xmax, ymax), optional
        Lambert-93 extent; default the points' extent plus two bandwidths.

    Returns
    -------
    pandas.DataFrame
        One row a cell centre: ``x``, ``y`` (Lambert-93), ``density`` (posts per km²,
        the kernel density times the number of points).
    """
    from sklearn.neighbors import KernelDensity

    pts = to_points(corpus, lat_col=lat_col, lon_col=lon_col)
    if pts.empty:
        return pd.DataFrame(columns=["x", "y", "density"])
    xy = np.column_stack([pts["x"], pts["y"]])
    if bounds is None:
        pad = 2 * bandwidth_m
        bounds = (
            xy[:, 0].min() - pad,
            xy[:, 1].min() - pad,
            xy[:, 0].max() + pad,
            xy[:, 1].max() + pad,
        )
    xmin, ymin, xmax, ymax = bounds
    xs = np.arange(xmin + cell_m / 2, xmax, cell_m)
    ys = np.arange(ymin + cell_m / 2, ymax, cell_m)
    if len(xs) * len(ys) > max_cells:
        raise ValueError(
            f"The grid would have {len(xs) * len(ys):,} cells (> max_cells={max_cells:,}); "
            "increase cell_m or pass smaller bounds."
        )
    gx, gy = np.meshgrid(xs, ys)
    kde = KernelDensity(bandwidth=bandwidth_m).fit(xy)
    dens = np.exp(kde.score_samples(np.column_stack([gx.ravel(), gy.ravel()])))
    return pd.DataFrame({"x": gx.ravel(), "y": gy.ravel(), "density": dens * len(xy) * 1e6})


def plot_density(
    surface: pd.DataFrame,
    territories: geopandas.GeoDataFrame | None = None,
    *,
    ax: Axes | None = None,
    title: str = "Densité des publications géolocalisées",
    cmap: str = "magma_r",
) -> Axes:
    """Draw a density surface from :func:`density_surface` over territory outlines."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    xs, ys = np.sort(surface["x"].unique()), np.sort(surface["y"].unique())
    grid = surface.pivot_table(index="y", columns="x", values="density").reindex(
        index=ys, columns=xs
    )
    step = (xs[1] - xs[0]) / 2 if len(xs) > 1 else 0
    im = ax.imshow(
        grid.to_numpy(),
        origin="lower",
        extent=(xs.min() - step, xs.max() + step, ys.min() - step, ys.max() + step),
        cmap=cmap,
        alpha=0.85,
    )
    if territories is not None:
        territories.to_crs(LAMBERT93).boundary.plot(ax=ax, color="grey", linewidth=0.3)
    plt.colorbar(im, ax=ax, shrink=0.6, label="publications par km²")
    ax.set_title(title)
    _lambert_axes(ax)
    return ax


def plot_hotspots(
    spots: pd.DataFrame,
    territories: geopandas.GeoDataFrame | None = None,
    *,
    points: pd.DataFrame | None = None,
    audience_col: str = "audience",
    ax: Axes | None = None,
    title: str = "Points chauds des publications : résidents et visiteurs",
    colors: dict[str, str] | None = None,
) -> Axes:
    """Map hotspots by audience (Fischer's colours: residents blue, visitors red).

    Parameters
    ----------
    spots : pandas.DataFrame
        Output of :func:`hotspots`.
    territories : geopandas.GeoDataFrame, optional
        Outlines drawn underneath.
    points : pandas.DataFrame, optional
        The geotagged posts (``lat``, ``lon``, ``audience``) drawn as small dots.
    """
    import matplotlib.pyplot as plt

    colors = colors or {"resident": "tab:blue", "visitor": "tab:red", "all": "tab:purple"}
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    if territories is not None:
        territories.to_crs(LAMBERT93).plot(
            ax=ax, facecolor="whitesmoke", edgecolor="grey", linewidth=0.3
        )
    if points is not None:
        pts = to_points(points)
        for aud, grp in pts.groupby(pts[audience_col].astype("string")):
            ax.scatter(grp["x"], grp["y"], s=2, alpha=0.3, color=colors.get(aud, "grey"))
    for aud, grp in spots.groupby("audience"):
        ax.scatter(
            grp["x"],
            grp["y"],
            s=20 + 400 * grp["n_posts"] / max(spots["n_posts"].max(), 1),
            facecolor="none",
            edgecolor=colors.get(aud, "black"),
            linewidth=1.5,
            label=f"{AUDIENCE_LABELS.get(aud, aud)} ({len(grp)} points chauds)",
        )
    ax.legend(loc="lower left", title="Public")
    ax.set_title(title)
    _lambert_axes(ax)
    ax.set_aspect("equal")
    return ax


# --------------------------------------------------------------------------- carte postale


@dataclass(frozen=True)
class CartePostale:
    """Result of :func:`carte_postale`.

    Attributes
    ----------
    hotspots : pandas.DataFrame
        The hotspots with ``n_poi`` (official points of interest within ``radius_m``),
        ``nearest_poi``, ``nearest_poi_m`` and ``covered`` (at least one point nearby).
    poi : pandas.DataFrame
        The points of interest with ``x``, ``y``, ``n_posts`` (posts of the audience within
        ``radius_m``) and ``posted`` (``n_posts > 0``).
    """

    hotspots: pd.DataFrame
    poi: pd.DataFrame

    @property
    def uncovered_hotspots(self) -> pd.DataFrame:
        """Hotspots that no official point of interest covers."""
        return self.hotspots[~self.hotspots["covered"]].reset_index(drop=True)

    @property
    def unposted_poi(self) -> pd.DataFrame:
        """Official points of interest that nobody of the audience posts about."""
        return self.poi[~self.poi["posted"]].reset_index(drop=True)


def carte_postale(
    corpus: pd.DataFrame,
    poi: pd.DataFrame,
    *,
    spots: pd.DataFrame | None = None,
    audience_col: str | None = "audience",
    audience: str = "visitor",
    radius_m: float = 300.0,
    name_col: str = "title",
    **hotspot_options: Any,
) -> CartePostale:
    """Compare where visitors post with what the tourism offices promote ("carte postale 2.0").

    Parameters
    ----------
    corpus : pandas.DataFrame
        Geotagged posts (``lat``, ``lon``) with an audience column.
    poi : pandas.DataFrame
        Official points of interest with ``lat``, ``lon`` (e.g.
        :func:`territoire_lab.load_datatourisme`).
    spots : pandas.DataFrame, optional
        Hotspots from :func:`hotspots`; computed from ``corpus`` when omitted.
    audience : str, default "visitor"
        The audience compared with the official points.
    radius_m : float, default 300
        A hotspot is covered when an official point lies within ``radius_m`` of its
        centroid plus its radius; an official point is posted about when a post of the
        audience lies within ``radius_m``.
    hotspot_options
        Passed to :func:`hotspots` (``eps_m``, ``min_samples``, ``method``).

    Returns
    -------
    CartePostale
        ``.hotspots``, ``.poi``, ``.uncovered_hotspots``, ``.unposted_poi``.
    """
    from scipy.spatial import cKDTree

    sub = corpus
    if audience_col is not None:
        check_columns(corpus, [audience_col], where="geo.carte_postale")
        sub = corpus[corpus[audience_col].astype("string") == audience]
    if spots is None:
        spots = hotspots(sub, audience_col=audience_col, **hotspot_options)
    spots = spots[spots["audience"].isin([audience, "all"])].reset_index(drop=True)
    ppts = to_points(poi)
    tree = cKDTree(np.column_stack([ppts["x"], ppts["y"]])) if len(ppts) else None
    names = ppts[name_col].astype("string").to_numpy() if name_col in ppts else None
    n_poi, nearest, nearest_m = [], [], []
    for x, y, r in spots[["x", "y", "radius_m"]].itertuples(index=False):
        if tree is None:
            n_poi.append(0)
            nearest.append(None)
            nearest_m.append(np.nan)
            continue
        n_poi.append(len(tree.query_ball_point((x, y), r + radius_m)))
        d, i = tree.query((x, y))
        nearest.append(names[i] if names is not None else str(ppts.index[i]))
        nearest_m.append(float(d))
    spots = spots.assign(
        n_poi=n_poi,
        nearest_poi=pd.array(nearest, dtype="string"),
        nearest_poi_m=nearest_m,
    )
    spots["covered"] = spots["n_poi"] > 0
    vpts = to_points(sub)
    if len(vpts) and len(ppts):
        vtree = cKDTree(np.column_stack([vpts["x"], vpts["y"]]))
        counts = [
            len(v)
            for v in vtree.query_ball_point(np.column_stack([ppts["x"], ppts["y"]]), radius_m)
        ]
    else:
        counts = [0] * len(ppts)
    keep = [c for c in ppts.columns if c != "geometry"]
    poi_out = pd.DataFrame(ppts[keep]).assign(n_posts=counts)
    poi_out["posted"] = poi_out["n_posts"] > 0
    logger.info(
        "carte_postale: %d/%d %s hotspots uncovered, %d/%d points of interest without posts",
        int((~spots["covered"]).sum()),
        len(spots),
        audience,
        int((~poi_out["posted"]).sum()),
        len(poi_out),
    )
    return CartePostale(spots, poi_out.reset_index(drop=True))


def plot_carte_postale(
    result: CartePostale,
    territories: geopandas.GeoDataFrame | None = None,
    *,
    ax: Axes | None = None,
    title: str = "Carte postale 2.0 : points chauds des visiteurs et offre touristique officielle",
) -> Axes:
    """Map visitor hotspots (covered or not) over the official points of interest."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 8))
    if territories is not None:
        territories.to_crs(LAMBERT93).plot(
            ax=ax, facecolor="whitesmoke", edgecolor="grey", linewidth=0.3
        )
    poi = result.poi
    posted = poi[poi["posted"]]
    unposted = poi[~poi["posted"]]
    ax.scatter(
        unposted["x"],
        unposted["y"],
        s=4,
        color="grey",
        alpha=0.5,
        label=f"points d'intérêt sans publication ({len(unposted)})",
    )
    ax.scatter(
        posted["x"],
        posted["y"],
        s=8,
        color="tab:green",
        label=f"points d'intérêt photographiés ({len(posted)})",
    )
    hs = result.hotspots
    size = 30 + 400 * hs["n_posts"] / max(hs["n_posts"].max(), 1) if len(hs) else 30
    cov = hs["covered"] if len(hs) else pd.Series(dtype=bool)
    ax.scatter(
        hs.loc[cov, "x"],
        hs.loc[cov, "y"],
        s=size[cov] if len(hs) else 30,
        facecolor="none",
        edgecolor="tab:red",
        linewidth=1.5,
        label=f"points chauds couverts par l'offre ({int(cov.sum())})",
    )
    ax.scatter(
        hs.loc[~cov, "x"],
        hs.loc[~cov, "y"],
        s=size[~cov] if len(hs) else 30,
        marker="X",
        color="tab:red",
        label=f"points chauds hors offre officielle ({int((~cov).sum())})",
    )
    ax.legend(loc="lower left", fontsize="small")
    ax.set_title(title)
    _lambert_axes(ax)
    ax.set_aspect("equal")
    return ax
