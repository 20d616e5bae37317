"""Readers of tables (CSV/TSV, Excel, Parquet) and JSON documents into raw records.

Every reader returns records with their 1-based location in the file and never guesses a
type: cells are text, only empty cells are missing (``NA``, ``None``, ``null`` stay words),
and ids keep all their digits. Records that cannot be read (wrong number of fields, a
truncated last line, broken JSON) are reported with their line and left out.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import itertools
import json
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from territoire_lab.exceptions import LoaderError

from .detect import Decoded, iter_lines, sniff_delimiter
from .report import LoadReport

__all__ = [
    "RawTable",
    "iter_json_records",
    "read_delimited",
    "read_json_records",
    "read_parquet",
    "read_xlsx",
    "read_xlsx_sheets",
]

logger = logging.getLogger("territoire_lab")

csv.field_size_limit(2**31 - 1)
_CHUNK = 100_000


@dataclass
class RawTable:
    """A table of text cells read from one file.

    Attributes
    ----------
    frame : pandas.DataFrame
        Cells as ``string`` dtype (empty cells missing), in file order.
    lines : numpy.ndarray
        1-based line (text) or record/row (Excel, Parquet) where each row starts.
    records : int
        Records found in the file (rows kept + rows skipped).
    """

    frame: pd.DataFrame
    lines: np.ndarray
    records: int


def _unique_header(header: list[str], name: str, report: LoadReport) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, col in enumerate(header):
        col = col.strip() or f"unnamed_{i + 1}"
        if col in seen:
            seen[col] += 1
            new = f"{col}.{seen[col]}"
            report.warn(name, 1, f"column {col!r} appears twice; the second is kept as {new!r}")
            col = new
        else:
            seen[col] = 0
        out.append(col)
    return out


def read_delimited(
    decoded: Decoded,
    *,
    name: str,
    report: LoadReport,
    delimiter: str | None = None,
) -> tuple[RawTable, str]:
    """Read delimited text (CSV, TSV, ``;``) with the ``csv`` module.

    CRLF, LF and CR-only line ends and quoted newlines are handled; the start line of each
    record is kept. A record with more or fewer fields than the header is skipped and
    reported, as is a last record cut by the end of the file.

    Returns
    -------
    (RawTable, delimiter)
    """
    text = decoded.text
    delim = delimiter or sniff_delimiter(text)
    reader = csv.reader(iter_lines(text), delimiter=delim, strict=False)
    try:
        header = next(reader)
    except StopIteration:
        raise LoaderError(name, "the file holds no header line", line=1) from None
    header = _unique_header(header, name, report)
    width = len(header)
    rows: list[list[str]] = []
    chunks: list[pd.DataFrame] = []
    lines: list[int] = []
    records = 0
    prev_end = reader.line_num
    ends_clean = text.endswith(("\n", "\r"))
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # e.g. NUL byte inside a field
            records += 1
            report.skip(name, prev_end + 1, f"unreadable record ({exc})")
            prev_end = reader.line_num
            continue
        start = prev_end + 1
        prev_end = reader.line_num
        if not row or (len(row) == 1 and row[0] == "" and width > 1):
            continue  # blank line: not a record
        records += 1
        if len(row) != width:
            last = prev_end >= 0 and not ends_clean and reader.line_num == _count_lines(text)
            if last and len(row) < width:
                reason = (
                    f"truncated last record: {len(row)} fields, expected {width}; the file "
                    "ends in the middle of a record (interrupted download or copy?)"
                )
            else:
                reason = (
                    f"{len(row)} fields, expected {width} (delimiter {delim!r}); an unquoted "
                    "delimiter or quote in a field?"
                )
            report.skip(name, start, reason)
            continue
        rows.append(row)
        lines.append(start)
        if len(rows) >= _CHUNK:  # bounded memory: Python lists become Arrow columns
            chunks.append(_frame_of_rows(rows, header))
            rows = []
    chunks.append(_frame_of_rows(rows, header))
    frame = chunks[0] if len(chunks) == 1 else pd.concat(chunks, ignore_index=True)
    return RawTable(frame, np.asarray(lines, dtype=np.int64), records), delim


def _count_lines(text: str) -> int:
    return sum(1 for _ in iter_lines(text))


def _frame_of_rows(rows: list[list[str]], header: list[str]) -> pd.DataFrame:
    """Columns of text cells (Arrow-backed ``string``); only empty cells are missing."""
    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype="string") for c in header})
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pyarrow is optional (the "scale" extra): slower, same result
        data = {}
        for name, values in zip(header, zip(*rows, strict=True), strict=True):
            col = pd.Series(values, dtype="string")
            data[name] = col.mask(col == "")
        return pd.DataFrame(data)

    width = len(header)
    flat = pa.array(list(itertools.chain.from_iterable(rows)), type=pa.large_string())
    starts = np.arange(len(rows), dtype=np.int64) * width
    null = pa.scalar(None, pa.large_string())
    data = {}
    for j, name in enumerate(header):
        col = flat.take(pa.array(starts + j))
        col = pc.if_else(pc.equal(col, ""), null, col)
        data[name] = pd.Series(pd.array(col, dtype="string"))
    return pd.DataFrame(data)


def _cell_text(value: object) -> str | None:
    """Text of an Excel/Parquet cell: ints exactly, whole floats without '.0', dates ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        return repr(value)
    if isinstance(value, (_dt.datetime, pd.Timestamp)):
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


#: a sheet selection: None (first sheet), an index, a name, "all", or a list of those
SheetArg = int | str | list[int | str] | tuple[int | str, ...] | None


def _select_sheets(titles: list[str], sheet: SheetArg, name: str) -> list[int]:
    """0-based indices of the sheets to read (see :func:`read_xlsx_sheets`)."""
    if sheet is None:
        return [0]
    if isinstance(sheet, str) and sheet == "all":
        return list(range(len(titles)))
    wanted = list(sheet) if isinstance(sheet, (list, tuple)) else [sheet]
    out = []
    for w in wanted:
        if isinstance(w, bool) or not isinstance(w, (int, str)):
            raise ValueError(f"sheet={sheet!r}: expected a sheet name, a 0-based index or 'all'")
        if isinstance(w, int):
            if not -len(titles) <= w < len(titles):
                raise LoaderError(
                    name,
                    f"sheet index {w} is out of range: the workbook has {len(titles)} "
                    f"sheet(s): {titles}",
                )
            idx = w % len(titles)
        elif w in titles:
            idx = titles.index(w)
        else:
            raise LoaderError(
                name,
                f"no sheet named {w!r}; the workbook's sheets are {titles} (names are "
                "case-sensitive; or pass a 0-based index, or sheet='all')",
            )
        if idx not in out:
            out.append(idx)
    return out


def read_xlsx_sheets(
    data: bytes, *, name: str, report: LoadReport, sheet: SheetArg = None
) -> list[tuple[str, RawTable]]:
    """Read sheets of an Excel workbook; rows are numbered as Excel shows them.

    Parameters
    ----------
    data : bytes
        The ``.xlsx`` file.
    name : str
        File name, for messages.
    report : LoadReport
        Where problems are reported.
    sheet : int, str, list or None
        ``None`` (default): the first sheet; when the workbook has others, a warning of the
        load report names them and says how to read them. An index (0-based), a sheet
        name, a list of indices or names, or ``"all"`` for every sheet (empty sheets are
        reported and passed over).

    Returns
    -------
    list of (str, RawTable)
        One entry a sheet read. The name is the file name when only the first sheet is
        read, else ``"<file>[<sheet>]"``: that name is the ``source_file`` of the rows
        and the place named in the load report.

    Numbers stored by Excel as floats above 2^53 (an id typed into Excel) have lost digits:
    they are kept as written (``1.86235e+18``) and flagged by the id checks.
    """
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from territoire_lab.exceptions import OptionalDependencyError

        raise OptionalDependencyError(
            "reading Excel files needs openpyxl: pip install openpyxl"
        ) from exc
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        titles = [ws.title for ws in wb.worksheets]
        chosen = _select_sheets(titles, sheet, name)
        if sheet is None and len(titles) > 1:
            report.warn(
                name,
                None,
                f"workbook has {len(titles)} sheets: read the first, {titles[0]!r}; not read: "
                f"{titles[1:]} (pass sheet='all', a sheet name or a list of names to read them)",
            )
        out = []
        for idx in chosen:
            unit = name if chosen == [0] else f"{name}[{titles[idx]}]"
            table = _read_sheet(wb.worksheets[idx], unit, report, required=sheet != "all")
            if table is not None:
                out.append((unit, table))
    finally:
        wb.close()
    return out


def _read_sheet(ws, unit: str, report: LoadReport, *, required: bool) -> RawTable | None:
    it = ws.iter_rows(values_only=True)
    header_row = next(it, None)
    header = [_cell_text(v) or "" for v in header_row] if header_row is not None else []
    while header and header[-1] == "":
        header.pop()
    if not header:
        if required:
            raise LoaderError(unit, f"sheet {ws.title!r} is empty (no header row)", line=1)
        report.warn(unit, None, f"sheet {ws.title!r} is empty (no header row): nothing read")
        return None
    header = _unique_header(header, unit, report)
    width = len(header)
    rows, lines, records = [], [], 0
    for i, row in enumerate(it, start=2):
        cells = [_cell_text(v) for v in row[:width]]
        extra = [v for v in row[width:] if v is not None]
        if all(c is None for c in cells) and not extra:
            continue
        records += 1
        if extra:
            report.skip(unit, i, f"row {i} has values beyond the {width} header columns")
            continue
        cells += [None] * (width - len(cells))
        rows.append(cells)
        lines.append(i)
    frame = (
        pd.DataFrame(rows, columns=header, dtype="string")
        if rows
        else pd.DataFrame({c: pd.Series([], dtype="string") for c in header})
    )
    return RawTable(frame, np.asarray(lines, dtype=np.int64), records)


def read_xlsx(data: bytes, *, name: str, report: LoadReport) -> RawTable:
    """Read the first sheet of an Excel workbook (see :func:`read_xlsx_sheets`)."""
    return read_xlsx_sheets(data, name=name, report=report)[0][1]


def read_parquet(data: bytes, *, name: str) -> RawTable:
    """Read a Parquet file; text columns stay text, other columns are kept typed."""
    frame = pd.read_parquet(io.BytesIO(data))
    frame = frame.reset_index(drop=True)
    lines = np.arange(1, len(frame) + 1, dtype=np.int64)
    return RawTable(frame, lines, len(frame))


def iter_json_records(
    decoded: Decoded, *, fmt: str, name: str, report: LoadReport, chunk: int | None = None
) -> Iterator[tuple[list[tuple[int, object]], int]]:
    """Parse JSON, JSON arrays or NDJSON into chunks of ``(line, value)`` pairs.

    A JSON document gives one value (line 1); a JSON array gives its elements numbered
    from 1. NDJSON gives one value a non-blank line, in chunks of ``chunk`` lines; a line
    that does not parse (typically the last, cut off) is skipped and reported. A JSON
    array cut off before its end gives the complete elements read before the cut, and the
    cut one is reported.

    Yields
    ------
    (pairs, records)
        ``records`` counts the values found in the chunk, parsed or not.
    """
    text = decoded.text
    if fmt == "ndjson":
        size = chunk or _CHUNK
        pairs: list[tuple[int, object]] = []
        records = 0
        loads = json.loads
        for i, line in enumerate(iter_lines(text), start=1):
            if not line.strip():
                continue
            records += 1
            try:
                pairs.append((i, loads(line)))
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(line.rstrip()) - 1
                what = "truncated JSON (the line ends before the record)" if cut else "bad JSON"
                report.skip(name, i, f"{what}: {exc.msg} at column {exc.colno}")
            if records >= size:
                yield pairs, records
                pairs, records = [], 0
        if records or not pairs:
            yield pairs, records
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        stripped = text.lstrip()
        if not stripped.startswith("["):
            raise LoaderError(
                name,
                f"invalid JSON ({exc.msg} at column {exc.colno}); expected one JSON document, "
                "a JSON array or NDJSON (one object a line)",
                line=exc.lineno,
            ) from None
        yield _salvage_array(text, name=name, report=report)
        return
    if isinstance(value, list):
        yield list(enumerate(value, start=1)), len(value)
        return
    yield [(1, value)], 1


def read_json_records(
    decoded: Decoded, *, fmt: str, name: str, report: LoadReport
) -> tuple[list[tuple[int, object]], int]:
    """All the ``(line, value)`` pairs of :func:`iter_json_records`, and the record count."""
    pairs: list[tuple[int, object]] = []
    records = 0
    for part, n in iter_json_records(decoded, fmt=fmt, name=name, report=report):
        pairs += part
        records += n
    return pairs, records


def _salvage_array(text: str, *, name: str, report: LoadReport) -> tuple[list, int]:
    """Read the complete elements of a JSON array that is cut off or broken."""
    dec = json.JSONDecoder()
    pos = text.index("[") + 1
    pairs: list[tuple[int, object]] = []
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= n or text[pos] == "]":
            break
        record = len(pairs) + 1
        try:
            value, pos = dec.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            report.skip(
                name,
                record,
                f"record {record} of the JSON array is truncated or broken ({exc.msg}, text "
                f"line {exc.lineno}); the array is cut off here and the rest is not read",
            )
            return pairs, record
        pairs.append((record, value))
    return pairs, len(pairs)
