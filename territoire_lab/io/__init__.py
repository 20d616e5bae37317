"""Loaders: real exports and API responses into one validated, pseudonymised corpus.

:func:`read_corpus` reads any number of files, decides each file's format and encoding
from its content (:mod:`~territoire_lab.io.detect`), maps the platform's fields to the data
contract (one module a source family: :mod:`~territoire_lab.io.x`,
:mod:`~territoire_lab.io.zeeschuimer`, :mod:`~territoire_lab.io.meta`,
:mod:`~territoire_lab.io.mastodon`, :mod:`~territoire_lab.io.bluesky`,
:mod:`~territoire_lab.io.reviews`, :mod:`~territoire_lab.io.feeds`,
:mod:`~territoire_lab.io.datatourisme`), then parses dates, checks ids, resolves
duplicates, pseudonymises authors and validates the corpus. Nothing is dropped without a
line in the load report (``df.attrs["load_report"]``, also logged):
``rows + skipped == records``. Every load writes its dataset card (JSON and Markdown:
sources with sha256, counts, period, skipped records, licence and terms, key id) into the
cards folder, or where ``card=`` says (:func:`dataset_card`, :func:`cards_dir`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

import numpy as np
import pandas as pd

from territoire_lab.exceptions import LoaderError
from territoire_lab.privacy import normalize_handle, pseudonymize
from territoire_lab.schema import (
    ACCOUNTS,
    CORPUS,
    INTERACTIONS,
    coerce_table,
    validate_accounts,
    validate_interactions,
)

from . import bluesky, datatourisme, feeds, mastodon, meta, reviews, web, x, zeeschuimer
from ._contract import finalize, parse_datetimes, unescape_formulas
from ._mapped import Mapped
from .detect import decode_text, decompress, sniff_format
from .report import (
    CARDS_ENV,
    LoadReport,
    card_markdown,
    cards_dir,
    dataset_card,
    default_card_name,
    sha256_file,
    write_card,
)
from .tabular import SheetArg, iter_json_records, read_delimited, read_parquet, read_xlsx_sheets

__all__ = [
    "LoadReport",
    "LoadResult",
    "card_markdown",
    "cards_dir",
    "dataset_card",
    "default_card_name",
    "parse_datetimes",
    "read_corpus",
    "write_card",
]

logger = logging.getLogger("territoire_lab")

PathArg = str | PathLike[str]

#: mappings that can be forced with ``platform=``
TABLE_MAPPINGS = ("contract", "crowdtangle", "content_library", "datatourisme", "fourcat")
TABLE_MAPPINGS += tuple(reviews.REVIEW_FORMATS)
JSON_MAPPINGS = ("x_v2", "x_v1", "zeeschuimer", "mastodon", "bluesky", "datatourisme_jsonld")
JSON_MAPPINGS += ("facebook_dyi", "records")

_FOURCAT_COLUMNS = {"id", "body", "author", "timestamp"}
_FOURCAT_MAP = {"id": "doc_id", "body": "text", "author": "author_id", "timestamp": "created_at"}
_CONTRACT_CORE = {"doc_id", "text", "created_at"}


@dataclass
class LoadResult:
    """The tables of a load: ``corpus``, ``accounts``, ``interactions`` and the report."""

    corpus: pd.DataFrame
    accounts: pd.DataFrame
    interactions: pd.DataFrame
    report: LoadReport


def _allow_list(allow: object) -> list[str]:
    if allow is None:
        return []
    if isinstance(allow, pd.DataFrame):
        col = "author_id" if "author_id" in allow.columns else allow.columns[0]
        return allow[col].dropna().astype(str).tolist()
    if isinstance(allow, PathLike) or (isinstance(allow, str) and Path(allow).is_file()):
        frame = pd.read_csv(Path(allow), dtype=str, keep_default_na=False, na_values=[""])
        return _allow_list(frame)
    if isinstance(allow, str):  # one handle
        return [allow]
    return [str(a) for a in allow]


def _json_text(value: object) -> str:
    """Text of a JSON value: numbers exactly, booleans lower-case, objects as JSON."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _json_kind(value: object) -> str | None:
    if x.is_x_v2_page(value) or x.is_x_v2_flat(value):
        return "x_v2"
    if x.is_x_v1(value):
        return "x_v1"
    if zeeschuimer.is_zeeschuimer(value):
        return "zeeschuimer"
    if mastodon.is_mastodon_status(value):
        return "mastodon"
    if bluesky.is_bluesky(value):
        return "bluesky"
    if datatourisme.is_datatourisme_jsonld(value):
        return "datatourisme_jsonld"
    if isinstance(value, dict) and set(value) >= _CONTRACT_CORE:
        return "records"
    if meta.is_facebook_dyi(value):
        return "facebook_dyi"
    return None


def _map_json(
    pairs: list, *, name: str, report: LoadReport, platform: str, kind: str | None = None
) -> Mapped:
    """Map ``(line, value)`` pairs; ``kind`` (from an earlier chunk) skips the detection."""
    if not pairs:
        return Mapped(pd.DataFrame(), np.zeros(0, dtype=np.int64), 0)
    if kind is None:
        kind = platform if platform in JSON_MAPPINGS else _json_kind(pairs[0][1])
    if kind is None:
        sample = pairs[0][1]
        keys = list(sample)[:15] if isinstance(sample, dict) else type(sample).__name__
        raise LoaderError(
            name,
            f"JSON records of an unknown kind (keys: {keys}); known: X API v2 pages and "
            "twarc2 tweets, Zeeschuimer/4CAT items, Mastodon statuses, Bluesky posts, "
            "DATAtourisme JSON-LD, or records with doc_id, text and created_at",
            line=pairs[0][0],
        )
    good = []
    kinds: dict[object, str | None] = {}  # records with the same keys are of the same kind
    for line, value in pairs:  # records of another kind are reported, not guessed
        sig = tuple(value) if isinstance(value, dict) else type(value)
        if sig not in kinds:
            kinds[sig] = _json_kind(value)
        if kinds[sig] == kind or platform in JSON_MAPPINGS:
            good.append((line, value))
        else:
            report.skip(name, line, f"record is not a {kind} object like the first one")
    skipped = len(pairs) - len(good)
    if kind == "x_v2":
        out = x.map_x_v2(good)
    elif kind == "x_v1":
        out = x.map_x_v1(good)
    elif kind == "facebook_dyi":
        out = meta.map_facebook_dyi(good, name=name, report=report)
    elif kind == "zeeschuimer":
        out = zeeschuimer.map_zeeschuimer(good, name=name, report=report)
    elif kind == "mastodon":
        out = mastodon.map_mastodon(good)
    elif kind == "bluesky":
        out = bluesky.map_bluesky(good)
    elif kind == "datatourisme_jsonld":
        out = datatourisme.map_datatourisme_jsonld(good)
        out.institutions = list(out.frame["author_id"].dropna().unique())
    else:
        rows = [v for _, v in good]
        keys = list(dict.fromkeys(k for r in rows[:1000] for k in r))
        keys += [k for k in dict.fromkeys(k for r in rows for k in r) if k not in keys]
        frame = pd.DataFrame(
            {
                k: pd.array(
                    [
                        v if isinstance(v, str) or v is None else _json_text(v)
                        for v in (r.get(k) for r in rows)
                    ],
                    dtype="string",
                )
                for k in keys
            }
        )
        out = Mapped(frame, np.asarray([ln for ln, _ in good], dtype=np.int64), len(good))
    out.records += skipped
    return out


def _merge(parts: list[Mapped]) -> Mapped:
    """One Mapped from the Mapped of successive chunks of a file."""
    if len(parts) == 1:
        return parts[0]
    frames = [p.frame for p in parts if len(p.frame.columns)]
    out = Mapped(
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(),
        np.concatenate([p.lines for p in parts]) if parts else np.zeros(0, dtype=np.int64),
        sum(p.records for p in parts),
    )
    for p in parts:
        out.accounts += p.accounts
        out.interactions += p.interactions
        out.institutions += [i for i in p.institutions if i not in out.institutions]
    return out


def _map_table(
    raw: pd.DataFrame,
    *,
    name: str,
    platform: str,
    columns: Mapping[str, str] | None,
) -> tuple[pd.DataFrame, str, list[str]]:
    """Return (mapped frame, mapping used, institutions)."""
    cols = [str(c) for c in raw.columns]
    if columns:
        absent = [src for src in columns if src not in cols]
        if absent:
            raise LoaderError(
                name,
                f"columns={dict(columns)} names source columns absent from the file: "
                f"{absent} (columns present: {', '.join(cols[:30])})",
                line=1,
            )
        mapped = raw.rename(columns=dict(columns))
        kind = "columns"
    else:
        kind = platform if platform in TABLE_MAPPINGS else None
        if kind is None:
            if set(cols) >= _CONTRACT_CORE:
                kind = "contract"
            elif meta.is_crowdtangle(cols):
                kind = "crowdtangle"
            elif meta.is_content_library(cols):
                kind = "content_library"
            elif datatourisme.is_datatourisme_csv(cols):
                kind = "datatourisme"
            elif reviews.detect_review_format(cols):
                kind = reviews.detect_review_format(cols)
            elif set(cols) >= _FOURCAT_COLUMNS:
                kind = "fourcat"
            else:
                kind = "contract"
        if kind == "crowdtangle":
            mapped = meta.map_crowdtangle(raw)
        elif kind == "content_library":
            mapped = meta.map_content_library(raw)
        elif kind == "datatourisme":
            mapped = datatourisme.map_datatourisme_csv(raw)
        elif kind in reviews.REVIEW_FORMATS:
            mapped = reviews.map_reviews(raw, kind)
        elif kind == "fourcat":
            mapped = raw.rename(columns=_FOURCAT_MAP)
        else:
            mapped = raw
    if "platform" not in mapped.columns and platform not in ("auto", *TABLE_MAPPINGS):
        mapped = mapped.assign(platform=platform)
    missing = [c for c in CORPUS.required_columns if c not in mapped.columns]
    if missing:
        hint = (
            "pass platform='<name>' to fill it"
            if missing == ["platform"]
            else "map your column names with columns={'<source column>': '<contract column>'}"
        )
        raise LoaderError(
            name,
            f"missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(m) for m in missing)} (read as {kind}; columns present: "
            f"{', '.join(cols[:30]) or 'none'}); {hint}",
            line=1,
        )
    institutions = []
    if kind == "datatourisme":
        institutions = list(mapped["author_id"].dropna().unique())
    return mapped, kind, institutions


def _private_urls(frame: pd.DataFrame, allowed: set[str]) -> pd.DataFrame:
    """URLs that hold a handle are kept only for allow-listed authors."""

    def _allowed(values: pd.Series) -> pd.Series:
        flags = [isinstance(h, str) and normalize_handle(h) in allowed for h in values]
        return pd.Series(flags, index=values.index, dtype=bool)

    if "_url_handle" in frame.columns:  # X
        handle = frame["_url_handle"].astype("string")
        doc = frame["doc_id"].astype("string")
        ok = _allowed(handle)
        url = ("https://x.com/" + handle + "/status/" + doc).astype(object)
        frame["url"] = url.where(ok, ("https://x.com/i/status/" + doc).astype(object))
    if "_url" in frame.columns:  # Mastodon
        ok = _allowed(frame["author_id"])
        frame["url"] = frame["_url"].astype(object).where(ok)
        uri = frame["uri"].astype("string")
        frame["instance"] = uri.str.extract(r"^https?://([^/]+)/")[0]
        frame["uri"] = uri.astype(object).where(ok)
    return frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])


def _typed_empty(spec_col, n: int) -> pd.Series:
    dtype = {"datetime64[ns, UTC]": "datetime64[ns, UTC]", "float64": "float64"}.get(
        spec_col.dtype, spec_col.dtype
    )
    if dtype == "geometry":
        dtype = object
    return pd.Series([pd.NA if dtype not in ("float64",) else np.nan] * n, dtype=dtype)


def _side_tables(
    accounts: list[dict],
    interactions: list[dict],
    corpus: pd.DataFrame,
    *,
    key: bytes | str | None,
    allow: list[str],
    pseudonymise: bool,
    tz: str,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    allowed = {normalize_handle(a) for a in allow}
    acc = pd.DataFrame(accounts, columns=[c.name for c in ACCOUNTS.columns][:8])
    if len(acc):
        acc = acc.dropna(subset=["author_id"])
        acc["author_id"] = acc["author_id"].astype(str)
        # one row an account: the latest non-missing value of each field
        acc = acc.groupby(["author_id", "platform"], sort=False, as_index=False).last()
        public = acc["author_id"].map(lambda h: normalize_handle(h) in allowed)
        for col in ("display_name", "bio"):  # personal data of private persons
            acc[col] = acc[col].where(public)
        acc["is_institution"] = public.astype("boolean")
        if pseudonymise:
            acc["author_id"] = pseudonymize(acc["author_id"], key=key, allow=allow)
    acc = coerce_table(acc, ACCOUNTS, tz=tz)
    validate_accounts(acc)
    inter = pd.DataFrame(interactions, columns=[c.name for c in INTERACTIONS.columns])
    inter = inter.dropna(subset=["source_author", "target_author"])
    inter = inter[inter["doc_id"].astype(str).isin(set(corpus["doc_id"].dropna()))]
    inter = inter.reset_index(drop=True)
    for col in ("source_author", "target_author", "doc_id"):
        inter[col] = inter[col].astype("string")
    if pseudonymise and len(inter):
        for col in ("source_author", "target_author"):
            inter[col] = pseudonymize(inter[col], key=key, allow=allow)
    if len(inter):
        parsed, _bad, _odd = parse_datetimes(inter["created_at"], tz=tz)
        inter["created_at"] = parsed.to_numpy()
    inter = coerce_table(inter, INTERACTIONS, tz=tz)
    validate_interactions(inter)
    return acc, inter


def _collect_unit(
    unit: str,
    mapped: Mapped,
    *,
    report: LoadReport,
    allow_list: list[str],
    frames: list[pd.DataFrame],
    file_arrays: list[np.ndarray],
    line_arrays: list[np.ndarray],
    accounts: list[dict],
    interactions: list[dict],
) -> None:
    """Add the rows of one file (or one sheet of a workbook) to the load."""
    report.records_in += mapped.records
    allow_list += [i for i in mapped.institutions if i not in allow_list]
    frame = _private_urls(mapped.frame.copy(), {normalize_handle(a) for a in allow_list})
    # provenance of a re-read table (e.g. our own export) is kept, not overwritten
    frame = frame.rename(
        columns={c: f"original_{c}" for c in ("source_file", "source_line") if c in frame}
    )
    frames.append(frame)
    file_arrays.append(np.full(len(frame), unit, dtype=object))
    line_arrays.append(mapped.lines)
    accounts += mapped.accounts
    interactions += mapped.interactions


def read_corpus(
    paths: PathArg | Iterable[PathArg],
    *,
    platform: str = "auto",
    columns: Mapping[str, str] | None = None,
    key: bytes | str | None = None,
    allow: Iterable[str] | PathArg | pd.DataFrame | None = None,
    pseudonymise: bool = True,
    tz: str = "Europe/Paris",
    encoding: str | None = None,
    delimiter: str | None = None,
    duplicates: str = "keep_first",
    scrub: bool = False,
    unescape: bool | str = "auto",
    sheet: SheetArg = None,
    extractor: str = "auto",
    card: PathArg | bool | None = True,
    licence: str | None = None,
    return_tables: bool = False,
    progress: bool | None = None,
) -> pd.DataFrame | LoadResult:
    """Read exports and API responses into one validated, pseudonymised corpus.

    The format of each file is decided by its content, not its name: CSV/TSV (delimiter
    and quoting sniffed; CRLF, LF or CR-only lines; quoted newlines), Excel ``.xlsx``
    (also renamed ``.csv``), JSON documents and arrays, NDJSON/JSONL, RSS/Atom, HTML,
    Parquet, and gzip of any of them. Encodings: UTF-8 with or without BOM, UTF-16, cp1252, latin-1,
    mac-roman; a file mixing UTF-8 and cp1252 lines is read and the odd lines are
    reported. The platform is recognised from the fields (X API v2 pages and twarc2 flat
    tweets, X API v1.1 and account-archive ``tweets.js``, Zeeschuimer/4CAT items of
    Instagram, TikTok and X, Mastodon statuses, Bluesky posts and feeds, CrowdTangle and
    Meta Content Library CSVs, Facebook "Download your information" JSON (mojibake
    repaired and flagged), Inside Airbnb, Google Maps, TripAdvisor and Booking reviews,
    DATAtourisme JSON-LD and CSV, RSS/Atom feeds, saved web pages, tables already in the
    contract format); ``columns`` maps any other table.

    Cells are read as text: ``NA``, ``None``, ``null``, ``nan``, ``N/A`` stay words, ids
    keep all their digits; ids mangled by a spreadsheet (``1,86235E+18``) are flagged in
    ``id_mangled``, never "fixed". Dates in ISO 8601, RFC 2822, epoch seconds or
    milliseconds, French ``28/11/2026 21:30`` (with ``CET``/``CEST`` if given) are parsed
    to UTC; naive times are wall-clock times in ``tz``, ambiguous or non-existent ones are
    reported; relative dates (``il y a 3 jours``) are never resolved: the record is
    skipped and reported.

    Parameters
    ----------
    paths : path or iterable of paths
        Files to read; rows keep ``source_file`` (file name) and ``source_line``
        (1-based line, or record for JSON documents and Excel rows).
    platform : str, default "auto"
        ``"auto"`` (recognise), the name of a mapping (JSON: ``"x_v2"``, ``"x_v1"``,
        ``"zeeschuimer"``, ``"mastodon"``, ``"bluesky"``, ``"datatourisme_jsonld"``,
        ``"facebook_dyi"``, ``"records"``; tables: ``"contract"``, ``"crowdtangle"``,
        ``"content_library"``, ``"airbnb"``, ``"google_maps"``, ``"tripadvisor"``,
        ``"booking"``, ``"datatourisme"``, ``"fourcat"``), or a platform name to fill
        the ``platform`` column of a table that lacks it.
    columns : mapping, optional
        Generic mapping ``{source column: contract column}`` for other tables.
    key : bytes or str, optional
        Pseudonymisation key (see :func:`territoire_lab.privacy.resolve_key`).
    allow : iterable of str, path or DataFrame, optional
        Allow-list of institutional accounts that keep their handle: handles, or an
        ``institutions.csv`` (column ``author_id``).
    pseudonymise : bool, default True
        Replace ``author_id`` (and columns naming people: ``author``, ``username``,
        ``reviewer_name``...) by keyed pseudonyms. A missing author stays missing.
    tz : str, default "Europe/Paris"
        Time zone of naive times.
    encoding, delimiter : str, optional
        Force the encoding or the CSV delimiter instead of detecting them.
    duplicates : {"keep_first", "keep_last", "error"}
        Rule for repeated ``doc_id``: keep one and report the others (file, line, and
        whether the copy is identical), or raise.
    scrub : bool, default False
        Add ``text_scrubbed``: ``text`` with @mentions pseudonymised, e-mails and French
        phone numbers replaced (``text`` itself is never altered).
    unescape : bool or "auto"
        Remove the apostrophe :func:`territoire_lab.export.export` puts before cells
        starting with ``= + - @``; ``"auto"``: only for tables in the contract format
        (the project's own exports).
    sheet : int, str, list or None
        Sheets of Excel workbooks to read: ``None`` (default) reads the first sheet and,
        when there are others, names them in a warning of the load report; a 0-based
        index, a sheet name, a list of them, or ``"all"``. When any sheet but the first
        alone is read, rows have ``source_file`` ``"<file>[<sheet>]"``. Each sheet is
        mapped on its own (a workbook may hold one platform a sheet); a chosen sheet
        without the required columns is refused, with the sheet named.
    extractor : {"auto", "trafilatura", "builtin"}
        Main-text extraction of saved web pages: trafilatura (Barbaresi 2021), which
        removes menus, cookie banners and share buttons that are not marked up as such;
        the standard-library ``"builtin"`` reader (``<article>``, else ``<main>``, else
        ``<body>``, without ``nav``/``header``/``footer``/``aside``); ``"auto"``:
        trafilatura when installed, else builtin. The extractor used is in the load
        report (``inputs[i]["extractor"]``) and the dataset card.
    card : bool or path, default True
        The dataset card (:func:`dataset_card`: sources and sha256, counts, period,
        skipped records, warnings, licence and terms, key id — never the key) of this
        load, written as JSON with a Markdown copy beside it. ``True``: into the cards
        folder (``TERRITOIRE_LAB_CARDS``, else ``~/.local/state/territoire_lab/cards``,
        never an input folder), named ``<first input>-<digest>.card.json`` where the
        digest changes with the inputs, options, rows and key (the same load
        overwrites its card); if that folder cannot be written, the load goes on and a
        warning is logged. A path ending in ``.json``: that file (errors raise). Another
        path: a folder to write into. ``False`` or ``None``: no file. The path written
        is ``attrs["load_report"]["card"]``.
    licence : str, optional
        Licence or terms of the data as received (recorded in the dataset card beside
        what is known of each platform's terms).
    return_tables : bool, default False
        Return a :class:`LoadResult` with ``accounts`` and ``interactions`` too.
    progress : bool, optional
        Progress bar over files (default: when several files and a terminal).

    Returns
    -------
    pandas.DataFrame or LoadResult
        The corpus (every contract column, then kept extra columns), validated, with
        ``attrs["load_report"]`` (see :class:`LoadReport`).

    Raises
    ------
    LoaderError
        Zero-byte or unreadable file, missing required column (named), unknown JSON
        records; the message names the file and the line.
    CorpusSchemaError
        Values that break the contract (e.g. latitude 470), with file and line.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> path = tl.datasets.sample_dir() / "posts.csv"
    >>> corpus = read_corpus(path, key="documentation example key", card=False)
    >>> rep = corpus.attrs["load_report"]
    >>> rep["rows_out"] + rep["n_skipped"] == rep["records_in"]
    True

    Without ``card=False`` the dataset card is written into the cards folder
    (``TERRITOIRE_LAB_CARDS``, else ``~/.local/state/territoire_lab/cards``) and
    ``rep["card"]`` is its path.
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    paths = [Path(p) for p in paths]
    if not paths:
        raise ValueError("read_corpus needs at least one path")
    if duplicates not in ("keep_first", "keep_last", "error"):
        raise ValueError(
            f"duplicates={duplicates!r}; expected 'keep_first', 'keep_last' or 'error'"
        )
    if extractor not in ("auto", "trafilatura", "builtin"):
        raise ValueError(f"extractor={extractor!r}; expected 'auto', 'trafilatura' or 'builtin'")
    allow_list = _allow_list(allow)
    report = LoadReport()
    report.options = {
        "platform": platform,
        "columns": dict(columns) if columns else None,
        "pseudonymise": pseudonymise,
        "allow_list_size": len(allow_list),
        "tz": tz,
        "encoding": encoding,
        "delimiter": delimiter,
        "duplicates": duplicates,
        "scrub": scrub,
        "unescape": unescape,
        "sheet": list(sheet) if isinstance(sheet, tuple) else sheet,
        "extractor": extractor,
        "licence": licence,
    }
    frames: list[pd.DataFrame] = []
    file_arrays, line_arrays = [], []
    accounts: list[dict] = []
    interactions: list[dict] = []
    from tqdm.auto import tqdm

    # tqdm: disable=None shows the bar only on a terminal or in a notebook
    disable = {True: False, False: True}.get(progress, None if len(paths) > 1 else True)
    for path in tqdm(paths, desc="read_corpus", unit="file", disable=disable):
        name = path.name
        if not path.exists():
            raise LoaderError(path, "no such file")
        raw = path.read_bytes()
        if not raw:
            raise LoaderError(
                path, "zero-byte file: nothing to read (an interrupted download or export?)"
            )
        data, compression, truncated = decompress(raw)
        if truncated:
            report.warn(name, None, "gzip stream is truncated: only its readable part is read")
        fmt = sniff_format(data)
        info = {
            "path": str(path),
            "name": name,
            "sha256": sha256_file(path),
            "bytes": len(raw),
            "compression": compression,
            "format": fmt,
            "encoding": None,
            "delimiter": None,
            "platform": None,
            "records": 0,
        }
        report.inputs.append(info)
        if fmt == "empty":
            raise LoaderError(path, "the file holds only blanks (or a bare BOM): no header")
        if fmt == "zip":
            raise LoaderError(
                path,
                "a ZIP archive that is not an Excel workbook: unzip it and read its files "
                "(expected CSV/TSV, Excel, JSON, NDJSON, RSS/Atom, HTML or Parquet)",
            )
        units: list[tuple[str, Mapped, str]] = []  # (name in the report, rows, mapping)
        if fmt in ("csv", "xlsx", "parquet"):
            if fmt == "csv":
                dec = decode_text(data, encoding=encoding)
                _report_encoding(dec, name, report)
                table, delim = read_delimited(dec, name=name, report=report, delimiter=delimiter)
                info.update(encoding=dec.encoding, delimiter=delim)
                tables = [(name, table)]
            elif fmt == "xlsx":
                tables = read_xlsx_sheets(data, name=name, report=report, sheet=sheet)
                info["sheets"] = [unit for unit, _ in tables]
            else:
                tables = [(name, read_parquet(data, name=name))]
            for unit, table in tables:
                mapped_frame, kind, found = _map_table(
                    table.frame, name=unit, platform=platform, columns=columns
                )
                if unescape is True or (unescape == "auto" and kind == "contract" and not columns):
                    mapped_frame = unescape_formulas(mapped_frame)
                mapped = Mapped(mapped_frame, table.lines, table.records)
                mapped.institutions = found
                units.append((unit, mapped, kind))
        elif fmt == "html":
            dec = decode_text(data, encoding=encoding)
            info["encoding"] = dec.encoding
            mapped = web.map_web_page(dec.text, name=name, report=report, extractor=extractor)
            info["extractor"] = mapped.extractor
            units.append((name, mapped, "web"))
        elif fmt == "xml":
            dec = decode_text(data, encoding=encoding)
            info["encoding"] = dec.encoding
            units.append((name, feeds.map_feed(dec.text, name=name, report=report), "rss"))
        else:
            dec = decode_text(data, encoding=encoding)
            _report_encoding(dec, name, report)
            info["encoding"] = dec.encoding
            if fmt == "archive":  # X account archive: tweets.js
                dec.text = re.sub(x.ARCHIVE_PREFIX_RE, "", dec.text, count=1)
                fmt = "json"
            parts: list[Mapped] = []
            kind = None
            # NDJSON is parsed and mapped by chunks of lines: memory stays bounded
            for pairs, n_values in iter_json_records(dec, fmt=fmt, name=name, report=report):
                n_bad = n_values - len(pairs)
                # a single document holding a list of statuses/items: one record each
                if len(pairs) == 1 and isinstance(pairs[0][1], list):
                    pairs = list(enumerate(pairs[0][1], start=1))
                if kind is None and pairs:
                    kind = platform if platform in JSON_MAPPINGS else _json_kind(pairs[0][1])
                part = _map_json(pairs, name=name, report=report, platform=platform, kind=kind)
                part.records += n_bad
                parts.append(part)
            del dec, data, raw  # free a large response's text before the next file is read
            units.append((name, _merge(parts), kind or "json"))
        info.update(
            platform="+".join(dict.fromkeys(k for _, _, k in units)) or None,
            records=sum(m.records for _, m, _ in units),
        )
        for unit, mapped, _kind in units:
            _collect_unit(
                unit,
                mapped,
                report=report,
                allow_list=allow_list,
                frames=frames,
                file_arrays=file_arrays,
                line_arrays=line_arrays,
                accounts=accounts,
                interactions=interactions,
            )

    nonempty = [f for f in frames if len(f.columns)]
    frame = pd.concat(nonempty, ignore_index=True) if nonempty else pd.DataFrame()
    for spec_col in CORPUS.columns:
        if spec_col.name not in frame.columns and spec_col.name not in (
            "source_file",
            "source_line",
        ):
            frame[spec_col.name] = _typed_empty(spec_col, len(frame)).to_numpy()
    contract = set(CORPUS.column_names)
    report.unknown_columns = [str(c) for c in frame.columns if c not in contract]
    corpus = finalize(
        frame,
        files=np.concatenate(file_arrays) if file_arrays else np.zeros(0, dtype=object),
        lines=np.concatenate(line_arrays) if line_arrays else np.zeros(0, dtype=np.int64),
        report=report,
        key=key,
        allow=allow_list,
        pseudonymise=pseudonymise,
        tz=tz,
        duplicates=duplicates,
        scrub=scrub,
    )
    report.rows_out = len(corpus)
    if report.rows_out + len(report.skipped) != report.records_in:  # pragma: no cover
        raise AssertionError(
            f"conservation broken: {report.rows_out} rows + {len(report.skipped)} skipped "
            f"!= {report.records_in} records; please report this bug"
        )
    corpus.attrs["load_report"] = report.to_dict()
    report.log()
    if card is True:
        folder = cards_dir()
        try:
            report.card = str(write_card(corpus, folder))
        except OSError as exc:
            logger.warning(
                "dataset card not written to %s (%s): set %s to a writable folder or pass "
                "card=<path>; the card is still available with dataset_card(df)",
                folder,
                exc,
                CARDS_ENV,
            )
    elif card is not None and card is not False:
        report.card = str(write_card(corpus, card))
    corpus.attrs["load_report"]["card"] = report.card
    if not return_tables:
        return corpus
    acc, inter = _side_tables(
        accounts,
        interactions,
        corpus,
        key=key,
        allow=allow_list,
        pseudonymise=pseudonymise,
        tz=tz,
    )
    return LoadResult(corpus, acc, inter, report)


def _report_encoding(dec, name: str, report: LoadReport) -> None:
    if dec.fallback_lines:
        shown = ", ".join(map(str, dec.fallback_lines[:10]))
        more = f" and {len(dec.fallback_lines) - 10} more" if len(dec.fallback_lines) > 10 else ""
        report.warn(
            name,
            dec.fallback_lines[0],
            f"mixed encodings: {len(dec.fallback_lines)} line(s) are not UTF-8 and were "
            f"decoded as {dec.fallback} (lines {shown}{more})",
        )
    elif dec.encoding not in ("utf-8", "utf-8-sig"):
        logger.info("%s: decoded as %s", name, dec.encoding)
