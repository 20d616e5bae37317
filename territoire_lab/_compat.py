"""Optional dependencies, imported lazily with an install hint when missing."""

from __future__ import annotations

import importlib
from types import ModuleType

from .exceptions import OptionalDependencyError

__all__ = ["import_optional"]

#: which extra of ``territoire-lab`` brings each optional module
EXTRAS: dict[str, str] = {
    "geopandas": "geo",
    "mapclassify": "geo",
    "shapely": "geo",
    "pyogrio": "geo",
    "pyarrow": "scale",
    "duckdb": "scale",
    "dask": "scale",
    "distributed": "scale",
    "jupytext": "notebooks",
    "spacy": "nlp",
}


def import_optional(
    name: str, *, extra: str | None = None, purpose: str | None = None
) -> ModuleType:
    """Import an optional dependency or raise an error that says how to install it.

    Parameters
    ----------
    name : str
        Module to import, e.g. ``"geopandas"``.
    extra : str, optional
        The ``territoire-lab`` extra that provides it; looked up in :data:`EXTRAS` if omitted.
    purpose : str, optional
        What the caller needs it for, quoted in the error message.

    Returns
    -------
    module
        The imported module.

    Raises
    ------
    OptionalDependencyError
        If the module cannot be imported; the message names the extra to install.

    Examples
    --------
    >>> np = import_optional("numpy")
    >>> np.__name__
    'numpy'
    """
    try:
        return importlib.import_module(name)
    except ImportError as err:
        extra = extra or EXTRAS.get(name.split(".")[0])
        why = f" for {purpose}" if purpose else ""
        hint = f'pip install "territoire-lab[{extra}]"' if extra else f"pip install {name}"
        raise OptionalDependencyError(
            f"{name} is needed{why} but could not be imported ({err}). Install it with: {hint}"
            " (or `conda env create -f environment.yml`)."
        ) from err
