"""Safe exports of tables to CSV, Excel and Parquet.

Files written for colleagues are opened in spreadsheets, where a cell starting with ``=``
runs as a formula (CSV injection). :func:`export` makes every written file safe:

* **CSV** (UTF-8 with BOM, so that Excel reads accents): text cells starting with ``=``,
  ``+``, ``-``, ``@``, TAB, CR or NUL get a leading apostrophe, which spreadsheets show as
  text (:func:`territoire_lab.io.read_corpus` removes it again when it reads the project's
  own exports); fields holding CR or LF are quoted; NUL characters are removed and
  counted;
* **XLSX**: every text cell is written as a string (never a formula), with Excel's
  "quote prefix" style on cells that start like a formula, so that the value is kept
  exactly; characters XLSX cannot hold (control characters) are removed and counted;
  tz-aware times are written as ISO 8601 UTC text; ids stay text;
* **Parquet**: ids and codes stay strings, times stay UTC; values are written as they are.

The path is resolved inside ``folder``: file and sheet names are sanitised, and a path
that would leave the folder (``../``, absolute paths) is refused.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from datetime import datetime
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from territoire_lab.exceptions import TerritoireLabError

__all__ = ["export", "safe_filename", "safe_sheet_name"]

logger = logging.getLogger("territoire_lab")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# characters that XLSX (XML 1.0) cannot store
_XLSX_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(1, 10)}
_WINDOWS_RESERVED |= {f"lpt{i}" for i in range(1, 10)}
_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet", ".pq": "parquet"}


def safe_filename(name: str, *, max_length: int = 120) -> str:
    """Return a file name safe on Windows, macOS and Linux.

    Path separators, ``<>:"|?*`` and control characters become ``_``; leading dots and
    trailing dots or spaces are removed; Windows reserved names get a ``_`` prefix.

    Examples
    --------
    >>> safe_filename('../Tours: "avis"?.csv')
    '__Tours_ _avis__.csv'
    >>> safe_filename("CON.csv")
    '_CON.csv'
    """
    name = unicodedata.normalize("NFC", str(name))
    name = name.replace("..", "_")
    name = re.sub(r'[\x00-\x1f\x7f<>:"/\\|?*]', "_", name)
    name = name.strip().rstrip(". ").lstrip(".")
    stem = name.split(".")[0].lower()
    if stem in _WINDOWS_RESERVED:
        name = "_" + name
    if len(name) > max_length:
        suffix = Path(name).suffix[:10]
        name = name[: max_length - len(suffix)] + suffix
    return name or "export"


def safe_sheet_name(name: str) -> str:
    """Return a valid Excel sheet name: no ``[]:*?/\\``, not starting or ending with
    an apostrophe, at most 31 characters.

    Examples
    --------
    >>> safe_sheet_name("Avis [Tours] 2026/11: top?")
    'Avis _Tours_ 2026_11_ top_'
    """
    name = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "_", str(name)).strip("'")
    return name[:31] or "Sheet1"


def _resolve(path: str | PathLike[str], folder: str | PathLike[str] | None) -> Path:
    path = Path(path)
    if folder is None:
        folder = path.parent if str(path.parent) else Path(".")
        rel = Path(path.name)
    else:
        if path.is_absolute():
            raise TerritoireLabError(
                f"export path {str(path)!r} is absolute; give a path relative to "
                f"folder={str(folder)!r}"
            )
        rel = path
    if any(part == ".." for part in rel.parts):
        raise TerritoireLabError(
            f"export path {str(path)!r} leaves the folder {str(folder)!r}: '..' is not allowed"
        )
    rel = Path(*[safe_filename(p) for p in rel.parts])
    base = Path(folder).resolve()
    target = (base / rel).resolve()
    if not target.is_relative_to(base):
        raise TerritoireLabError(
            f"export path {str(path)!r} resolves to {target}, outside the folder {base}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def _is_text(s: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(s.dtype) or s.dtype == object


def _neutralise(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _iso_utc(s: pd.Series) -> pd.Series:
    out = s.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return out.astype("string")


def export(
    df: pd.DataFrame,
    path: str | PathLike[str],
    *,
    folder: str | PathLike[str] | None = None,
    fmt: str | None = None,
    sheet_name: str = "corpus",
    index: bool = False,
    extra_sheets: Mapping[str, pd.DataFrame] | None = None,
    widths: Mapping[str, float] | None = None,
) -> Path:
    """Write a table to CSV, XLSX or Parquet, safe to open in a spreadsheet.

    Parameters
    ----------
    df : pandas.DataFrame
        The table; never modified.
    path : str or path-like
        File name (or relative path) inside ``folder``; its suffix gives the format
        (``.csv``, ``.xlsx``, ``.parquet``) unless ``fmt`` is given.
    folder : str or path-like, optional
        Folder every written path must stay in (default: the parent of ``path``).
    fmt : {"csv", "xlsx", "parquet"}, optional
        Force the format.
    sheet_name : str, default "corpus"
        Sheet of the XLSX file (sanitised).
    index : bool, default False
        Write the index as a first column.
    extra_sheets : mapping of str to DataFrame, optional
        XLSX only: more sheets after the first (e.g. a codebook), written the same safe way.
    widths : mapping of str to float, optional
        XLSX only: width of the columns of these names, in every sheet (e.g. ``{"text": 80}``).

    Returns
    -------
    pathlib.Path
        The written file. What was changed (cells neutralised, characters removed) is
        logged at INFO level and kept in ``export.last_report`` (a dict: ``path``,
        ``format``, ``rows``, ``neutralised``, ``removed_characters``).

    Raises
    ------
    TerritoireLabError
        If the path leaves the folder.
    ValueError
        If the format is unknown.

    Examples
    --------
    >>> import tempfile
    >>> t = pd.DataFrame({"doc_id": ["1875234567890123456"], "text": ["=1+1"]})
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = export(t, "t.csv", folder=d)
    ...     p.read_text(encoding="utf-8-sig").splitlines()[1]
    "1875234567890123456,'=1+1"
    """
    target = _resolve(path, folder)
    fmt = fmt or _FORMATS.get(target.suffix.lower())
    if fmt not in ("csv", "xlsx", "parquet"):
        raise ValueError(
            f"cannot tell the format of {target.name!r}; use a .csv, .xlsx or .parquet "
            "suffix, or fmt='csv'|'xlsx'|'parquet'"
        )
    if extra_sheets and fmt != "xlsx":
        raise ValueError(
            f"extra_sheets needs an .xlsx file; {target.name!r} is written as {fmt}: "
            "use a .xlsx name, or export each table to its own file."
        )
    table = df.reset_index() if index else df
    report = {"path": str(target), "format": fmt, "rows": len(table), "neutralised": 0}
    report["removed_characters"] = 0
    if fmt == "parquet":
        table = table.copy()
        table.columns = [str(c) for c in table.columns]
        table.to_parquet(target, index=False)
    elif fmt == "csv":
        out = table.copy()
        for col in out.columns:
            s = out[col]
            if isinstance(s.dtype, pd.DatetimeTZDtype):
                out[col] = _iso_utc(s)
            elif _is_text(s):
                txt = s.astype("string")
                nul = txt.str.count("\x00").fillna(0)
                report["removed_characters"] += int(nul.sum())
                starts = txt.str.startswith(_FORMULA_START).fillna(False)
                report["neutralised"] += int(starts.sum())
                neutral = txt.map(_neutralise, na_action="ignore").astype("string")
                out[col] = neutral.str.replace("\x00", "", regex=False)
        out.columns = [_neutralise(str(c)) for c in out.columns]
        out.to_csv(
            target,
            index=False,
            encoding="utf-8-sig",
            quoting=csv.QUOTE_MINIMAL,
            lineterminator="\r\n",
        )
    else:
        sheets = {safe_sheet_name(sheet_name): table}
        sheets.update({safe_sheet_name(k): v for k, v in (extra_sheets or {}).items()})
        report.update(_write_xlsx(sheets, target, widths or {}))
    export.last_report = report
    logger.info(
        "exported %d rows to %s (%s): %d cells neutralised, %d characters removed",
        report["rows"],
        target,
        fmt,
        report["neutralised"],
        report["removed_characters"],
    )
    return target


export.last_report = {}


def _write_xlsx(
    sheets: Mapping[str, pd.DataFrame], target: Path, widths: Mapping[str, float]
) -> dict:
    from territoire_lab._compat import import_optional

    openpyxl = import_optional("openpyxl", purpose="writing Excel files")

    wb = openpyxl.Workbook(write_only=False)
    wb.remove(wb.active)
    counts = {"neutralised": 0, "removed_characters": 0}
    for sheet, table in sheets.items():
        ws = wb.create_sheet(sheet)
        _fill_sheet(ws, table, counts)
        for j, name in enumerate(table.columns, start=1):
            if str(name) in widths:
                letter = openpyxl.utils.get_column_letter(j)
                ws.column_dimensions[letter].width = widths[str(name)]
    fixed = datetime(2000, 1, 1)  # no timestamp: the same table gives the same bytes
    wb.properties.created = fixed
    wb.properties.modified = fixed
    wb.save(target)
    _freeze_zip_dates(target)
    return counts


def _fill_sheet(ws: Any, table: pd.DataFrame, counts: dict[str, int]) -> None:
    """Write a table into a sheet: text cells are text (never formulas), counted in ``counts``."""
    from openpyxl.cell.cell import TYPE_STRING

    def clean(text: str) -> str:
        new, n = _XLSX_ILLEGAL_RE.subn("", text)
        counts["removed_characters"] += n
        return new

    columns = [str(c) for c in table.columns]
    for j, name in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j)
        cell.value = clean(name)
        cell.data_type = TYPE_STRING
    converted = []
    for col in table.columns:
        s = table[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype):
            converted.append(_iso_utc(s).astype(object).to_numpy())
        else:
            converted.append(s.astype(object).to_numpy())
    for i in range(len(table)):
        for j, values in enumerate(converted, start=1):
            v = values[i]
            if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
                continue
            if v is pd.NaT:
                continue
            cell = ws.cell(row=i + 2, column=j)
            if isinstance(v, str):
                v = clean(v)
                cell.value = v
                cell.data_type = TYPE_STRING  # text, never a formula
                if v.startswith(_FORMULA_START):
                    cell.quotePrefix = True
                    counts["neutralised"] += 1
            elif isinstance(v, (bool, np.bool_)):
                cell.value = bool(v)
            elif isinstance(v, (int, np.integer)):
                if abs(int(v)) >= 2**53:  # Excel numbers are doubles: keep every digit
                    cell.value = str(int(v))
                    cell.data_type = TYPE_STRING
                else:
                    cell.value = int(v)
            elif isinstance(v, (float, np.floating)):
                cell.value = float(v)
            else:
                cell.value = clean(str(v))
                cell.data_type = TYPE_STRING


_MODIFIED_RE = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _freeze_zip_dates(path: Path) -> None:
    """Rewrite a zip container (XLSX) with fixed member dates, so that it is reproducible."""
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save
                data = _MODIFIED_RE.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, data)
