"""The corpus at a glance: tidy counts by territory, platform and period, per inhabitant.

These are the first tables of any study: how many documents and authors each territory
has, on which platforms, over which months, and how that compares with its population.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .schema import check_columns

__all__ = ["activity_by_period", "count_by", "territory_overview"]

_PERIOD_FREQ = {"day": "D", "week": "W-MON", "month": "M", "quarter": "Q", "year": "Y"}


def count_by(
    corpus: pd.DataFrame, *, by: str | Sequence[str], complete: bool = True
) -> pd.DataFrame:
    """Count documents and distinct authors by one or more columns.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (``doc_id``, ``author_id`` and the ``by`` columns).
    by : str or sequence of str
        Grouping columns, e.g. ``["territory_code", "platform"]``.
    complete : bool, default True
        Include combinations with no document (count 0), so that tables and stacked bars
        show absences, which matter in a comparison.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``n_docs``, ``n_authors`` and ``share`` (of all documents).

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1", "2", "3"], "author_id": ["a", "a", "b"],
    ...                    "platform": ["x", "x", "instagram"]})
    >>> count_by(df, by="platform")[["platform", "n_docs", "n_authors"]].values.tolist()
    [['instagram', 1, 1], ['x', 2, 1]]
    """
    keys = [by] if isinstance(by, str) else list(by)
    check_columns(corpus, ["doc_id", "author_id", *keys], where="count_by")
    grouped = corpus.groupby(keys, observed=True, dropna=False)
    out = pd.DataFrame(
        {"n_docs": grouped["doc_id"].size(), "n_authors": grouped["author_id"].nunique()}
    )
    if complete and len(keys) > 1:
        full = pd.MultiIndex.from_product(
            [sorted(corpus[k].dropna().unique()) for k in keys], names=keys
        )
        out = out.reindex(full, fill_value=0)
    out = out.reset_index()
    out["n_docs"] = out["n_docs"].astype("int64")
    out["n_authors"] = out["n_authors"].astype("int64")
    total = out["n_docs"].sum()
    out["share"] = out["n_docs"] / total if total else np.nan
    return out.sort_values(keys, kind="stable").reset_index(drop=True)


def activity_by_period(
    corpus: pd.DataFrame,
    *,
    by: str | Sequence[str] | None = "territory_code",
    period: str = "month",
    tz: str = "Europe/Paris",
) -> pd.DataFrame:
    """Count documents per period (day, week, month, ...), in local French time.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``created_at`` (UTC).
    by : str or sequence of str or None
        Grouping columns besides the period.
    period : {"day", "week", "month", "quarter", "year"}
        Length of the periods; weeks start on Monday.
    tz : str, default "Europe/Paris"
        Time zone in which periods are cut (a post at 23:30 UTC on 31 July is an August
        post in Paris).

    Returns
    -------
    pandas.DataFrame
        ``period`` (start of the period, naive local date), the ``by`` columns and
        ``n_docs``, with every period between the first and the last, zeros included.
    """
    if period not in _PERIOD_FREQ:
        raise ValueError(
            f"period={period!r} is not supported; expected one of {sorted(_PERIOD_FREQ)}."
        )
    keys = [] if by is None else ([by] if isinstance(by, str) else list(by))
    check_columns(corpus, ["created_at", *keys], where="activity_by_period")
    local = corpus["created_at"].dt.tz_convert(tz).dt.tz_localize(None)
    start = local.dt.to_period(_PERIOD_FREQ[period]).dt.start_time
    frame = corpus[keys].assign(period=start.to_numpy())
    counts = frame.groupby(["period", *keys], observed=True).size().rename("n_docs")
    periods = pd.period_range(start.min(), start.max(), freq=_PERIOD_FREQ[period]).start_time
    levels = [periods] + [sorted(corpus[k].dropna().unique()) for k in keys]
    full = pd.MultiIndex.from_product(levels, names=["period", *keys])
    out = counts.reindex(full, fill_value=0).reset_index()
    out["n_docs"] = out["n_docs"].astype("int64")
    return out


def territory_overview(
    corpus: pd.DataFrame,
    territories: pd.DataFrame,
    *,
    institutions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row a territory: activity, authors, geotags, engagement, per 1,000 inhabitants.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus with ``territory_code``.
    territories : pandas.DataFrame
        ``code``, ``name``, ``population`` of the territories to report (a territory
        with no document gets a row of zeros).
    institutions : pandas.DataFrame, optional
        Allow-list of institutional accounts (``author_id``); adds the number and share of
        documents posted by them.

    Returns
    -------
    pandas.DataFrame
        ``code, name, population, n_docs, n_authors, docs_per_1000_inhabitants,
        authors_per_1000_inhabitants, n_platforms, geotagged_share, median_likes``
        and, with ``institutions``, ``n_institution_docs, institution_share``.
    """
    check_columns(corpus, ["doc_id", "author_id", "territory_code"], where="territory_overview")
    check_columns(territories, ["code", "name", "population"], where="territory_overview")
    g = corpus.groupby("territory_code", observed=True)
    stats = pd.DataFrame(
        {
            "n_docs": g.size(),
            "n_authors": g["author_id"].nunique(),
            "n_platforms": g["platform"].nunique() if "platform" in corpus else pd.NA,
        }
    )
    if "lat" in corpus:
        stats["geotagged_share"] = corpus["lat"].notna().groupby(corpus["territory_code"]).mean()
    if "likes" in corpus:
        stats["median_likes"] = g["likes"].median().astype("Float64")
    if institutions is not None:
        is_inst = corpus["author_id"].isin(set(institutions["author_id"].dropna()))
        stats["n_institution_docs"] = is_inst.groupby(corpus["territory_code"]).sum()
    base = territories[["code", "name", "population"]].copy()
    out = base.merge(stats, left_on="code", right_index=True, how="left")
    for col in ("n_docs", "n_authors", "n_institution_docs"):
        if col in out:
            out[col] = out[col].fillna(0).astype("int64")
    pop = out["population"].astype("Float64")
    out["docs_per_1000_inhabitants"] = out["n_docs"] / pop * 1000
    out["authors_per_1000_inhabitants"] = out["n_authors"] / pop * 1000
    if "n_institution_docs" in out:
        out["institution_share"] = out["n_institution_docs"] / out["n_docs"].where(
            out["n_docs"] > 0
        )
    return out.reset_index(drop=True)
