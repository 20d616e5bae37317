"""Versions of territoire_lab and of the libraries it uses, for bug reports and papers."""

from __future__ import annotations

import importlib.metadata
import platform
import sys

import pandas as pd

__all__ = ["show_versions", "versions"]

PACKAGES = (
    "territoire-lab",
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "nltk",
    "matplotlib",
    "seaborn",
    "tqdm",
    "geopandas",
    "shapely",
    "pyogrio",
    "mapclassify",
    "pyarrow",
    "duckdb",
    "dask",
    "jupyterlab",
    "jupytext",
)


def versions() -> dict[str, str]:
    """Return the versions of Python, the platform and the related packages.

    Packages that are not installed are reported as ``"not installed"``; nothing is
    imported, so this is safe to call without the optional extras.

    Returns
    -------
    dict of str to str
    """
    out = {"python": sys.version.split()[0], "platform": platform.platform()}
    for name in PACKAGES:
        try:
            out[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def show_versions() -> pd.DataFrame:
    """Return a table of versions, to paste in a bug report or a paper's methods section.

    Returns
    -------
    pandas.DataFrame
        Columns ``component`` and ``version``, one row per entry of :func:`versions`.

    Examples
    --------
    >>> table = show_versions()
    >>> "pandas" in set(table["component"])
    True
    """
    items = versions()
    return pd.DataFrame({"component": list(items), "version": list(items.values())})
