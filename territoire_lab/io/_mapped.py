"""What a platform mapping returns: contract-named rows, their locations, side tables."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["Mapped", "frame_of_rows", "get"]


@dataclass
class Mapped:
    """Rows mapped to the corpus contract (text cells), with their 1-based locations.

    Attributes
    ----------
    frame : pandas.DataFrame
        Contract column names (``doc_id``, ``platform``, ``text``, ``created_at``,
        ``author_id``, ...) plus kept extra columns.
    lines : numpy.ndarray
        1-based line (NDJSON, CSV) or record (JSON array) of each row.
    records : int
        Records found (rows + records skipped by the mapping).
    accounts, interactions : list of dict
        Rows of the side tables, when the source has them.
    unmapped : list of str
        Source fields not carried into the corpus (listed in the load report).
    institutions : list of str
        Authors that are institutions by nature of the source (a feed's publisher): they
        keep their name like allow-listed accounts.
    extractor : str or None
        How the text was extracted, when there is a choice (web pages).
    """

    frame: pd.DataFrame
    lines: np.ndarray
    records: int
    accounts: list[dict] = field(default_factory=list)
    interactions: list[dict] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    institutions: list[str] = field(default_factory=list)
    extractor: str | None = None


def get(obj: object, path: str, default: object = None) -> object:
    """``get(d, "a.b.0.c")``: nested dict/list access that returns ``default`` on a miss."""
    cur = obj
    for part in path.split("."):
        if isinstance(cur, dict):
            cur = cur.get(part)
        elif isinstance(cur, list) and part.isdigit():
            idx = int(part)
            cur = cur[idx] if idx < len(cur) else None
        else:
            return default
        if cur is None:
            return default
    return cur


def _text(v: object) -> str | None:
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def frame_of_rows(rows: list[dict], columns: list[str] | None = None) -> pd.DataFrame:
    """DataFrame of text cells from a list of dicts (ints become exact strings)."""
    if columns is None:
        columns = []
        for r in rows:
            for k in r:
                if k not in columns:
                    columns.append(k)
    data = {c: pd.array([_text(r.get(c)) for r in rows], dtype="string") for c in columns}
    return pd.DataFrame(data, columns=columns)
