"""The data contract: the four tables territoire_lab reads and writes.

Every stage of the toolkit exchanges pandas DataFrames that follow one of four table
contracts:

``corpus``
    One row a document (post, comment, review, tourism-office text).
``accounts``
    One row an author on a platform.
``interactions``
    One row a mention, reply, repost or quote between two authors.
``territories``
    One row a territory (commune, EPCI, département, région or destination).

The contracts are written **as data** (:class:`ColumnSpec`, :class:`TableSpec`) so that
the same objects drive validation, coercion and the documentation
(:func:`column_dictionary`).

Validation (:func:`validate_table` and the ``validate_*`` shortcuts) never changes its
input. It collects every problem in the table and raises a single
:class:`~territoire_lab.exceptions.CorpusSchemaError` listing them all; each problem
names the column, what was found (counts and up to three example values), what is
expected and how to fix it. Example rows are given by their **row label** (the value
you pass to ``df.loc``); when the index has duplicate labels they are given as 1-based
**positions** instead (``df.iloc[position - 1]``). When the table carries
``source_file``/``source_line`` the original file and line are added. On success the
validators return the very same DataFrame, so they can be chained::

    corpus = validate_corpus(coerce_corpus(raw))

Coercion (:func:`coerce_table` and the ``coerce_*`` shortcuts) returns a new DataFrame
with only *safe* conversions applied (integers to exact strings, ISO 8601 text to UTC
datetimes, whole-number floats to ``Int64``, ...). Anything that could lose or invent
information (float ids, codes that lost their leading zero, unparseable dates) is left
as it is, for validation to report.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pandas.api.types import (
    infer_dtype,
    is_bool_dtype,
    is_datetime64_dtype,
    is_float_dtype,
    is_integer_dtype,
    is_numeric_dtype,
    is_object_dtype,
)

from territoire_lab.exceptions import CorpusSchemaError

__all__ = [
    "ACCOUNTS",
    "AUDIENCES",
    "COG_PATTERNS",
    "CORPUS",
    "INTERACTIONS",
    "INTERACTION_KINDS",
    "KNOWN_PLATFORMS",
    "SPECS",
    "TERRITORIES",
    "TERRITORY_LEVELS",
    "ColumnSpec",
    "TableSpec",
    "check_columns",
    "coerce_accounts",
    "coerce_corpus",
    "coerce_interactions",
    "coerce_table",
    "coerce_territories",
    "column_dictionary",
    "validate_accounts",
    "validate_corpus",
    "validate_interactions",
    "validate_table",
    "validate_territories",
]

logger = logging.getLogger("territoire_lab")

# --------------------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------------------

#: Platforms the toolkit knows. Other lowercase ``[a-z0-9_]+`` tokens are accepted.
KNOWN_PLATFORMS: tuple[str, ...] = (
    "x",
    "instagram",
    "facebook",
    "tiktok",
    "mastodon",
    "bluesky",
    "threads",
    "youtube",
    "tripadvisor",
    "google_maps",
    "airbnb",
    "booking",
    "web",
    "rss",
    "datatourisme",
    "museofile",
)

#: Territory levels, from the smallest to the largest (``destination`` is free-form).
TERRITORY_LEVELS: tuple[str, ...] = ("commune", "epci", "departement", "region", "destination")

#: Audience classes of an account.
AUDIENCES: tuple[str, ...] = ("institution", "resident", "visitor", "other")

#: Kinds of interaction between two authors.
INTERACTION_KINDS: tuple[str, ...] = ("mention", "reply", "repost", "quote")

#: Regular expressions (full match) of the INSEE COG codes, by territory level.
#: ``destination`` codes are free identifiers and are not listed.
COG_PATTERNS: dict[str, str] = {
    "commune": r"\d{5}|2[AB]\d{3}",
    "epci": r"\d{9}",
    "departement": r"\d{2}|2[AB]|97\d",
    "region": r"\d{2}",
}

#: Length of a numeric code of each level, used to spot codes that lost leading zeros.
_CODE_WIDTH: dict[str, int] = {"commune": 5, "epci": 9, "departement": 2, "region": 2}

_ANY_COG = "|".join(f"(?:{p})" for p in COG_PATTERNS.values())
_PLATFORM_PATTERN = r"[a-z0-9_]+"
_LANG_PATTERN = r"[a-z]{2}"
_TWO_POW_53 = 2**53

# Offset at the end of an ISO 8601 time: Z, +02, +0200, +02:00.
_OFFSET_RE = re.compile(r"\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[zZ]|[+-]\d{2}(?::?\d{2})?)\s*$")
_DECIMAL_COMMA_RE = re.compile(r"^\s*[+-]?\d+,\d+\s*$")
_BOOL_WORDS: dict[str, bool] = {
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "oui": True,
    "non": False,
    "yes": True,
    "no": False,
    "vrai": True,
    "faux": False,
    "t": True,
    "f": False,
}

# Logical dtypes a ColumnSpec can declare.
STRING = "string"
DATETIME = "datetime64[ns, UTC]"
FLOAT = "float64"
INT = "Int64"
BOOLEAN = "boolean"
GEOMETRY = "geometry"
_DTYPES = (STRING, DATETIME, FLOAT, INT, BOOLEAN, GEOMETRY)
_ROLES = ("data", "id", "code", "text", "count")


# --------------------------------------------------------------------------------------
# Specs
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnSpec:
    """Contract of one column.

    Parameters
    ----------
    name : str
        Column name.
    dtype : str
        Target dtype: ``"string"``, ``"datetime64[ns, UTC]"``, ``"float64"``,
        ``"Int64"``, ``"boolean"`` or ``"geometry"``. Validation accepts compatible
        physical dtypes (see :func:`validate_table`).
    required : bool
        The column must be present.
    nullable : bool
        Missing values are allowed.
    unique : bool
        Non-missing values must be unique.
    allowed : tuple of str, optional
        Closed vocabulary of the values.
    pattern : str, optional
        Regular expression every non-missing value must fully match.
    minimum, maximum : float, optional
        Inclusive bounds of numeric values.
    description : str
        One-line description, used by :func:`column_dictionary`.
    role : str
        ``"id"`` (platform identifiers, must stay exact text), ``"code"`` (COG codes),
        ``"text"`` (never modified by coercion), ``"count"`` (non-negative integers) or
        ``"data"``.
    known : tuple of str, optional
        Expected values that are *not* enforced (unknown values are only logged).
    hint : str
        Column-specific advice appended to the fix of value problems.
    """

    name: str
    dtype: str = STRING
    required: bool = False
    nullable: bool = True
    unique: bool = False
    allowed: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""
    role: str = "data"
    known: tuple[str, ...] | None = None
    hint: str = ""

    def __post_init__(self) -> None:
        if self.dtype not in _DTYPES:
            raise ValueError(f"ColumnSpec {self.name!r}: dtype {self.dtype!r} not in {_DTYPES}")
        if self.role not in _ROLES:
            raise ValueError(f"ColumnSpec {self.name!r}: role {self.role!r} not in {_ROLES}")


#: A table-level check: receives the DataFrame, returns a list of problem strings.
TableCheck = Callable[[pd.DataFrame], list[str]]


@dataclass(frozen=True)
class TableSpec:
    """Contract of one table.

    Parameters
    ----------
    name : str
        Table name (``corpus``, ``accounts``, ``interactions``, ``territories``).
    columns : tuple of ColumnSpec
        Column contracts. Columns not listed are allowed and left untouched.
    unique_together : tuple of tuple of str
        Groups of columns whose combined values must be unique.
    checks : tuple of callables
        Table-level checks ``check(df) -> list[str]`` run after the column checks.
    """

    name: str
    columns: tuple[ColumnSpec, ...]
    unique_together: tuple[tuple[str, ...], ...] = ()
    checks: tuple[TableCheck, ...] = field(default=(), compare=False)

    def __getitem__(self, name: str) -> ColumnSpec:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"{self.name} has no column {name!r}; columns: {self.column_names}")

    @property
    def column_names(self) -> list[str]:
        """Names of the columns, in contract order."""
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        """Names of the required columns."""
        return [c.name for c in self.columns if c.required]


# --------------------------------------------------------------------------------------
# Formatting helpers
# --------------------------------------------------------------------------------------


def _problem(column: str, found: str, expected: str, fix: str) -> str:
    return f"column {column!r}: found {found}; expected {expected}; fix: {fix}"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (plural or word + 's')}"


def _short(value: object, limit: int = 60) -> str:
    """Readable, bounded representation of one cell value."""
    if isinstance(value, (pd.Timestamp, _dt.datetime, _dt.date)):
        text = repr(value.isoformat())
    else:
        if isinstance(value, np.generic):
            value = value.item()
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _row_ref(df: pd.DataFrame, pos: int) -> str:
    """Where row ``pos`` (0-based position) is: row label, or 1-based position."""
    if df.index.is_unique:
        ref = f"row label {_short(df.index[pos], 30)}"
    else:
        ref = f"position {pos + 1} (1-based)"
    if "source_line" in df.columns:
        line = df["source_line"].iloc[pos]
        if not pd.isna(line):
            src = df["source_file"].iloc[pos] if "source_file" in df.columns else None
            src = "" if src is None or pd.isna(src) else f"{src}:"
            if isinstance(line, (int, float, np.integer, np.floating)) and np.isfinite(line):
                line = int(line)
            ref += f", {src}line {line}"
    return ref


def _examples(df: pd.DataFrame, values: pd.Series, mask: np.ndarray, limit: int = 3) -> str:
    """``e.g. v1 (row label 4), v2 (row label 9)`` for the first ``limit`` flagged rows."""
    positions = np.flatnonzero(mask)[:limit]
    parts = [f"{_short(values.iloc[p])} ({_row_ref(df, int(p))})" for p in positions]
    return "e.g. " + ", ".join(parts)


def _as_bool(mask: object) -> np.ndarray:
    """Boolean numpy array from a Series/array that may hold <NA> (taken as False)."""
    if isinstance(mask, pd.Series):
        if mask.dtype != bool:
            mask = mask.fillna(False)
        return mask.to_numpy(dtype=bool)
    return np.asarray(mask, dtype=bool)


def _close_matches(word: str, candidates: Iterable[str], n: int = 1) -> list[str]:
    cands = [str(c) for c in candidates]
    lowered = {c.lower(): c for c in cands}
    hits = difflib.get_close_matches(str(word).lower(), list(lowered), n=n, cutoff=0.6)
    return [lowered[h] for h in hits]


# --------------------------------------------------------------------------------------
# Dtype classification
# --------------------------------------------------------------------------------------


def _is_string_dtype(dtype: object) -> bool:
    if isinstance(dtype, pd.StringDtype):
        return True
    if isinstance(dtype, pd.ArrowDtype):
        import pyarrow as pa  # pandas' own dependency when ArrowDtype is in use

        return pa.types.is_string(dtype.pyarrow_dtype) or pa.types.is_large_string(
            dtype.pyarrow_dtype
        )
    if isinstance(dtype, pd.CategoricalDtype):
        return infer_dtype(dtype.categories, skipna=True) in ("string", "empty")
    return False


def _is_text_column(s: pd.Series) -> bool:
    """String dtype, or object dtype whose values are all ``str``."""
    if isinstance(s.dtype, pd.CategoricalDtype):
        return False
    return _is_string_dtype(s.dtype) or (
        is_object_dtype(s.dtype) and infer_dtype(s, skipna=True) in ("string", "empty")
    )


def _object_kind(s: pd.Series) -> str:
    """``infer_dtype`` of the non-missing values of an object column."""
    return infer_dtype(s, skipna=True)


def _is_utc(tz: object) -> bool:
    if tz is _dt.timezone.utc:
        return True
    return str(tz) in {
        "UTC",
        "Etc/UTC",
        "utc",
        "UTC+00:00",
        "tzutc()",
        "Etc/UCT",
        "UCT",
        "Zulu",
        "Etc/Zulu",
        "Universal",
        "Etc/Universal",
        "Etc/GMT",
        "GMT",
    }


# --------------------------------------------------------------------------------------
# Datetime parsing (shared by coercion and validation)
# --------------------------------------------------------------------------------------


def _localize(naive: pd.Series, tz: str) -> pd.Series:
    """Localise naive wall-clock times in ``tz`` and convert them to UTC.

    Ambiguous times (the repeated hour in October) are taken as summer time, the first
    occurrence; non-existent times (the skipped hour in March) are shifted forward. Both
    are logged.
    """
    try:
        return naive.dt.tz_localize(tz).dt.tz_convert("UTC")
    except ValueError:
        flags = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="NaT")
        n_odd = int((flags.isna() & naive.notna()).sum())
        logger.warning(
            "%s naive datetimes fall in a daylight-saving change of %s; ambiguous times "
            "are read as summer time and non-existent times are shifted forward",
            n_odd,
            tz,
        )
        amb = np.ones(len(naive), dtype=bool)
        return naive.dt.tz_localize(tz, ambiguous=amb, nonexistent="shift_forward").dt.tz_convert(
            "UTC"
        )


def _to_ns(s: pd.Series) -> pd.Series:
    try:
        return s.dt.as_unit("ns")
    except (ValueError, OverflowError):  # dates outside 1677-2262: keep the coarser unit
        return s


def _parse_datetimes(s: pd.Series, tz: str) -> tuple[pd.Series | None, np.ndarray, int]:
    """Parse a column to UTC datetimes without ever inventing missing values.

    Returns
    -------
    parsed : Series or None
        ``datetime64[ns, UTC]`` values (``None`` if nothing could be parsed).
    bad : ndarray of bool
        Non-missing values that could not be parsed (numbers, non-ISO text).
    n_naive : int
        Number of values without a timezone, localised in ``tz``.
    """
    n = len(s)
    dtype = s.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        return _to_ns(s.dt.tz_convert("UTC")), np.zeros(n, dtype=bool), 0
    if is_datetime64_dtype(dtype):
        n_naive = int(s.notna().sum())
        return _to_ns(_localize(s, tz)), np.zeros(n, dtype=bool), n_naive
    notna = s.notna().to_numpy(dtype=bool)
    if is_numeric_dtype(dtype) or is_bool_dtype(dtype):
        return None, notna, 0
    values = s[notna]
    if _is_string_dtype(dtype) or _object_kind(values) in ("string", "empty"):
        text = values.astype(object) if isinstance(dtype, pd.CategoricalDtype) else values
        parseable = np.ones(len(values), dtype=bool)
        aware = _as_bool(text.str.contains(_OFFSET_RE.pattern, regex=True))
    else:
        parseable = np.zeros(len(values), dtype=bool)
        aware = np.zeros(len(values), dtype=bool)
        for i, v in enumerate(values.to_numpy(dtype=object)):
            if isinstance(v, str):
                parseable[i] = True
                aware[i] = _OFFSET_RE.search(v) is not None
            elif isinstance(v, _dt.datetime):
                parseable[i] = True
                aware[i] = v.tzinfo is not None
            elif isinstance(v, _dt.date):
                parseable[i] = True
        text = values.astype(object)
    if not parseable.any():
        return None, notna.copy(), 0
    sub = text[parseable]
    parsed = pd.to_datetime(sub, utc=True, format="ISO8601", errors="coerce")
    # Work on naive-UTC numpy values: vectorised and indifferent to duplicate labels.
    utc_values = parsed.dt.tz_localize(None).to_numpy(copy=True)
    naive_idx = ~aware[parseable] & ~np.isnat(utc_values)
    n_naive = int(naive_idx.sum())
    if n_naive:
        wall = pd.Series(utc_values[naive_idx])
        utc_values[naive_idx] = _localize(wall, tz).dt.tz_localize(None).to_numpy()
    full = np.full(n, np.datetime64("NaT"), dtype=utc_values.dtype)
    full[np.flatnonzero(notna)[parseable]] = utc_values
    out = pd.Series(full, index=s.index, name=s.name).dt.tz_localize("UTC")
    bad = notna & np.isnat(full)
    return _to_ns(out), bad, n_naive


# --------------------------------------------------------------------------------------
# Column checks
# --------------------------------------------------------------------------------------


def _bad_value_mask(s: pd.Series, ok: Callable[[object], bool]) -> np.ndarray | None:
    """Rows whose non-missing value fails ``ok``; tested once per distinct value."""
    notna = s.notna()
    if not notna.any():
        return None
    uniques = list(s[notna].unique())
    bad = [u for u in uniques if not ok(u)]
    if not bad:
        return None
    return _as_bool(s.isin(bad)) & notna.to_numpy(dtype=bool)


def _check_dtype(
    df: pd.DataFrame, spec: ColumnSpec, coerce: str = "coerce_table(df, spec)"
) -> tuple[list[str], bool]:
    """Return (problems, values_checkable); ``coerce`` names the coercion call in fixes."""
    s = df[spec.name]
    dtype = s.dtype
    col = spec.name
    notna = s.notna().to_numpy(dtype=bool)
    n_values = int(notna.sum())
    if n_values == 0:
        return [], False  # an all-missing column carries no wrong values
    dname = str(dtype)

    if spec.dtype == STRING:
        if _is_string_dtype(dtype):
            return [], True
        if is_object_dtype(dtype):
            kind = _object_kind(s)
            if kind == "string":
                return [], True
            non_str = notna & ~_as_bool(s.map(lambda v: isinstance(v, str), na_action="ignore"))
            if spec.role == "code":
                return [_code_number_problem(df, col, s, non_str, dname)], False
            found = (
                f"{_plural(int(non_str.sum()), 'non-text value')} in an object column "
                f"({kind}), {_examples(df, s, non_str)}"
            )
            return [_problem(col, found, "text (string dtype)", _string_fix(spec, coerce))], False
        if spec.role == "code" and is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
            return [_code_number_problem(df, col, s, notna, dname)], False
        if spec.role == "id" and is_float_dtype(dtype):
            dup = _as_bool(s.duplicated(keep=False)) & notna
            found = f"{dname} dtype ({_plural(n_values, 'value')}, {_examples(df, s, notna)})"
            if dup.any():
                found += (
                    f"; {_plural(int(dup.sum()), 'row')} now share an id, probably because "
                    "of that rounding"
                )
            fix = (
                "ids were read as floats, which loses digits above 2^53; read with dtype=str "
                f"(e.g. pd.read_csv(path, dtype={{{col!r}: str}})) and reload: converting the "
                "floats back cannot restore the lost digits"
            )
            return [_problem(col, found, "exact text ids (string dtype)", fix)], False
        found = f"{dname} dtype ({_plural(n_values, 'value')}, {_examples(df, s, notna)})"
        return [_problem(col, found, "text (string dtype)", _string_fix(spec, coerce))], False

    if spec.dtype == DATETIME:
        if isinstance(dtype, pd.DatetimeTZDtype):
            if _is_utc(dtype.tz):
                return [], False
            found = f"datetimes in time zone {dtype.tz} ({_plural(n_values, 'value')})"
            fix = f"convert with df[{col!r}].dt.tz_convert('UTC') ({coerce} does it)"
            return [_problem(col, found, "tz-aware UTC datetimes", fix)], False
        if is_datetime64_dtype(dtype):
            found = (
                f"naive datetimes without time zone in {_plural(n_values, 'row')}, "
                f"{_examples(df, s, notna)}"
            )
            fix = (
                f"{coerce} localises naive times as Europe/Paris and converts them to "
                f"UTC (df[{col!r}].dt.tz_localize('Europe/Paris').dt.tz_convert('UTC')); "
                "pass tz=... to the coerce function if they are in another time zone"
            )
            return [_problem(col, found, "tz-aware UTC datetimes", fix)], False
        if is_numeric_dtype(dtype) or is_bool_dtype(dtype):
            found = f"numbers ({dname}) instead of datetimes, {_examples(df, s, notna)}"
            fix = (
                "if these are Unix timestamps use "
                f"pd.to_datetime(df[{col!r}], unit='s', utc=True) (unit='ms' for milliseconds)"
            )
            return [_problem(col, found, "tz-aware UTC datetimes", fix)], False
        _parsed, bad, n_naive = _parse_datetimes(s, "Europe/Paris")
        n_bad = int(bad.sum())
        found = f"{dname} values instead of datetimes ({_plural(n_values, 'value')}"
        if n_bad:
            found += (
                f"; {_plural(n_bad, 'value')} cannot be parsed as ISO 8601 dates, "
                f"{_examples(df, s, bad)})"
            )
            fix = (
                "fix or drop the unparseable values, or parse them with an explicit format "
                f"(e.g. X API v1 dates: pd.to_datetime(df[{col!r}], "
                f"format='%a %b %d %H:%M:%S %z %Y', utc=True)), then run {coerce}"
            )
        else:
            found += f", {n_naive:,} of them without time zone)"
            fix = f"{coerce} parses ISO 8601 text to UTC (naive times are read as Europe/Paris)"
        return [_problem(col, found, "tz-aware UTC datetimes", fix)], False

    if spec.dtype == INT:
        if is_integer_dtype(dtype):
            return [], True
        if is_float_dtype(dtype):
            vals = s.to_numpy(dtype=float, na_value=np.nan)
            frac = notna & ~(np.isfinite(vals) & (np.mod(vals, 1) == 0))
            if frac.any():
                found = (
                    f"{dname} dtype with {_plural(int(frac.sum()), 'value')} that "
                    f"{'is' if frac.sum() == 1 else 'are'} not whole numbers, "
                    f"{_examples(df, s, frac)}"
                )
                fix = (
                    f"{col} holds whole numbers: check the parser (thousands separators, "
                    "'1.2k' style abbreviations, averages) and store integers as Int64"
                )
            else:
                found = f"{dname} dtype (whole numbers stored as floats)"
                fix = f"{coerce} converts whole-number floats to Int64"
            return [_problem(col, found, "integers (Int64 dtype)", fix)], True
        found = f"{dname} dtype ({_examples(df, s, notna)})"
        fix = (
            f"convert with pd.to_numeric(...).astype('Int64'); {coerce} does it when "
            "every value is a whole number written with digits"
        )
        return [_problem(col, found, "integers (Int64 dtype)", fix)], False

    if spec.dtype == FLOAT:
        if is_numeric_dtype(dtype) and not is_bool_dtype(dtype):
            return [], True
        found = f"{dname} dtype ({_examples(df, s, notna)})"
        fix = (
            f"convert with pd.to_numeric ({coerce} does it, including French decimal "
            "commas such as '47,39')"
        )
        return [_problem(col, found, "numbers (float64 dtype)", fix)], False

    if spec.dtype == BOOLEAN:
        if is_bool_dtype(dtype):
            return [], False
        if is_object_dtype(dtype) and _object_kind(s) == "boolean":
            return [], False
        found = f"{dname} dtype ({_examples(df, s, notna)})"
        fix = f"{coerce} converts true/false, 1/0 and oui/non to the boolean dtype"
        return [_problem(col, found, "booleans (boolean dtype)", fix)], False

    if spec.dtype == GEOMETRY:
        vals = s[notna].to_numpy(dtype=object)
        not_geom = np.array([not hasattr(v, "__geo_interface__") for v in vals], dtype=bool)
        if not_geom.any():
            mask = notna.copy()
            mask[np.flatnonzero(notna)[~not_geom]] = False
            found = f"{_plural(int(not_geom.sum()), 'value')} that are not geometries, " + (
                _examples(df, s, mask)
            )
            fix = (
                "parse WKT text with geopandas.GeoSeries.from_wkt or GeoJSON with "
                "shapely.geometry.shape"
            )
            return [_problem(col, found, "shapely geometries", fix)], False
        return [], False
    return [], False  # pragma: no cover - dtype validated in ColumnSpec


def _string_fix(spec: ColumnSpec, coerce: str) -> str:
    if spec.role == "id":
        return (
            f"ids must be exact text: read with dtype=str; {coerce} converts integer ids "
            "to strings without loss"
        )
    if spec.role == "text":
        return (
            f"read the file with dtype={{{spec.name!r}: str}}, or convert explicitly with "
            f"df[{spec.name!r}].astype('string'): coercion never modifies {spec.name}"
        )
    return f"store text: read with dtype=str, or {coerce} for integer values"


def _code_number_problem(
    df: pd.DataFrame, col: str, s: pd.Series, mask: np.ndarray, dname: str
) -> str:
    nums = pd.to_numeric(s.where(pd.Series(mask, index=s.index)), errors="coerce")
    short = _as_bool(nums < 10_000) & mask
    found = f"codes stored as numbers ({dname}, {_plural(int(mask.sum()), 'value')}"
    if short.any():
        found += (
            f"; {_plural(int(short.sum()), 'code')} lost {'its' if short.sum() == 1 else 'their'}"
            f" leading zero, {_examples(df, s, short)})"
        )
    else:
        found += f", {_examples(df, s, mask)})"
    fix = (
        f"read codes as text: dtype=str (pd.read_csv(path, dtype={{{col!r}: str}})); if the "
        "zeros are already lost, restore them explicitly with .astype(str).str.zfill(5) for "
        "communes (zfill(2) for départements, zfill(9) for EPCI SIREN)"
    )
    return _problem(col, found, "COG codes as text (e.g. '01001', '2A004')", fix)


def _check_values(df: pd.DataFrame, spec: ColumnSpec) -> list[str]:
    """Vocabulary, pattern and range checks (the dtype is known to be right)."""
    s = df[spec.name]
    col = spec.name
    problems: list[str] = []
    if spec.allowed is not None:
        allowed = set(spec.allowed)
        mask = _bad_value_mask(s, lambda v: v in allowed)
        if mask is not None:
            bad_vals = list(s[mask].unique())
            suggestions = []
            for v in bad_vals[:3]:
                close = _close_matches(_strip_accents(str(v)), spec.allowed)
                if close:
                    suggestions.append(f"{_short(v)} -> {close[0]!r}")
            fix = "map the values to the vocabulary"
            if suggestions:
                fix += " (" + ", ".join(suggestions) + ")"
            if spec.hint:
                fix += f"; {spec.hint}"
            found = (
                f"{_plural(int(mask.sum()), 'value')} outside the vocabulary "
                f"({_plural(len(bad_vals), 'distinct value')}), {_examples(df, s, mask)}"
            )
            problems.append(_problem(col, found, "one of " + ", ".join(spec.allowed), fix))
    if spec.pattern is not None:
        rx = re.compile(spec.pattern)
        mask = _bad_value_mask(s, lambda v: isinstance(v, str) and rx.fullmatch(v) is not None)
        if mask is not None:
            found = (
                f"{_plural(int(mask.sum()), 'value')} not matching {spec.pattern!r}, "
                f"{_examples(df, s, mask)}"
            )
            fix = spec.hint or "clean the values"
            problems.append(_problem(col, found, spec.description or spec.pattern, fix))
    if spec.known is not None and spec.pattern is not None:
        known = set(spec.known)
        rx = re.compile(spec.pattern)
        uniques = list(s.dropna().unique())
        unknown = [u for u in uniques if u not in known and rx.fullmatch(str(u))]
        if unknown:
            logger.info("%s: values outside the known list (accepted): %s", col, unknown[:10])
    if spec.dtype in (INT, FLOAT) and (spec.minimum is not None or spec.maximum is not None):
        problems.extend(_check_range(df, spec))
    return problems


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _check_range(df: pd.DataFrame, spec: ColumnSpec) -> list[str]:
    s = df[spec.name]
    col = spec.name
    lo, hi = spec.minimum, spec.maximum
    if spec.role == "count" and lo == 0 and hi is None:
        mask = _as_bool(s < 0)
        if not mask.any():
            return []
        found = f"{_plural(int(mask.sum()), 'negative value')}, {_examples(df, s, mask)}"
        fix = (
            "counts cannot be negative: check the parser (a '-' placeholder read as a sign, a "
            "difference between two snapshots) and store unknown counts as <NA>"
        )
        return [_problem(col, found, "integers >= 0", fix)]
    mask = np.zeros(len(s), dtype=bool)
    if lo is not None:
        mask |= _as_bool(s < lo)
    if hi is not None:
        mask |= _as_bool(s > hi)
    if not mask.any():
        return []
    bounds = _bounds_text(spec)
    found = f"{_plural(int(mask.sum()), 'value')} outside {bounds}, {_examples(df, s, mask)}"
    fix = spec.hint or f"values must lie in {bounds}"
    return [_problem(col, found, f"values in {bounds}", fix)]


def _bounds_text(spec: ColumnSpec) -> str:
    lo, hi = spec.minimum, spec.maximum

    def fmt(v: float) -> str:
        return str(int(v)) if float(v).is_integer() else str(v)

    if lo is not None and hi is not None:
        return f"[{fmt(lo)}, {fmt(hi)}]"
    if lo is not None:
        return f">= {fmt(lo)}"
    return f"<= {fmt(hi)}"  # type: ignore[arg-type]


def _check_nulls(df: pd.DataFrame, spec: ColumnSpec) -> list[str]:
    s = df[spec.name]
    isna = s.isna().to_numpy(dtype=bool)
    empty = np.zeros(len(s), dtype=bool)
    if spec.role in ("id", "code") and spec.dtype == STRING and _is_text_column(s):
        empty = _as_bool(s.str.strip().eq(""))
    bad = isna | empty
    if not bad.any():
        return []
    parts = []
    if isna.any():
        parts.append(_plural(int(isna.sum()), "missing value"))
    if empty.any():
        parts.append(_plural(int(empty.sum()), "empty string"))
    positions = np.flatnonzero(bad)[:3]
    rows = ", ".join(_row_ref(df, int(p)) for p in positions)
    found = f"{' and '.join(parts)} (e.g. {rows})"
    expected = "a value in every row" + (
        " (the empty string is allowed)" if spec.role == "text" else ""
    )
    if spec.role == "text":
        fix = (
            f"use '' for documents without text: df[{spec.name!r}].fillna(''); if texts such "
            "as 'NA' or 'null' were read as missing, read the file with keep_default_na=False"
        )
    elif spec.role == "id":
        fix = "drop the rows without id, or build an id (e.g. from the url or a hash of the text)"
    else:
        fix = f"fill or drop the rows where {spec.name} is missing"
    return [_problem(spec.name, found, expected, fix)]


def _check_unique(df: pd.DataFrame, cols: Sequence[str], label: str) -> list[str]:
    sub = df[list(cols)]
    notna = sub.notna().all(axis=1).to_numpy(dtype=bool)
    dup = _as_bool(sub.duplicated(keep=False)) & notna
    if not dup.any():
        return []
    positions = np.flatnonzero(dup)
    keys = sub.iloc[positions]
    single = len(cols) == 1
    key_values = keys.iloc[:, 0].tolist() if single else list(keys.itertuples(index=False))
    groups: dict[object, list[int]] = {}
    for key, pos in zip(key_values, positions[:5000], strict=False):
        key = key if single else tuple(key)
        if key not in groups and len(groups) >= 3:
            continue
        groups.setdefault(key, []).append(int(pos))
    n_keys = int(keys.drop_duplicates().shape[0])
    examples = "; ".join(
        (_short(k) if single else "(" + ", ".join(_short(x, 30) for x in k) + ")")
        + " in "
        + ", ".join(_row_ref(df, p) for p in ps[:3])
        + (" ..." if len(ps) > 3 else "")
        for k, ps in groups.items()
    )
    what_dup = "duplicated value" if single else "duplicated combination"
    found = (
        f"{_plural(n_keys, what_dup)} shared by {_plural(int(dup.sum()), 'row')}, e.g. {examples}"
    )
    what = "unique values" if single else "unique combinations of " + ", ".join(cols)
    fix = (
        "drop repeated rows after checking they are the same record collected twice, e.g. "
        f"df.drop_duplicates({list(cols)!r})"
    )
    return [f"column {label}: found {found}; expected {what}; fix: {fix}"]


# --------------------------------------------------------------------------------------
# Table-level checks
# --------------------------------------------------------------------------------------


def _lost_zero(code: str, level: str | None) -> bool:
    if not code.isdigit():
        return False
    if level in _CODE_WIDTH:
        return len(code) < _CODE_WIDTH[level]
    return len(code) in (1, 4, 8)


def _codes_check(
    code_col: str, level_col: str | None, *, level_checked_elsewhere: bool = False
) -> TableCheck:
    """Check COG codes against the pattern of their level (or of any level).

    ``level_checked_elsewhere``: the level column is required and non-null in the spec, so
    a missing level is already reported by the column checks.
    """

    def check(df: pd.DataFrame) -> list[str]:
        if code_col not in df.columns:
            return []
        s = df[code_col]
        notna = s.notna().to_numpy(dtype=bool)
        if not notna.any():
            return []
        problems: list[str] = []
        has_level = level_col is not None and level_col in df.columns
        if level_col is not None and not level_checked_elsewhere:
            if not has_level:
                problems.append(
                    _problem(
                        level_col,
                        f"no {level_col!r} column while {code_col!r} holds "
                        f"{_plural(int(notna.sum()), 'code')}",
                        f"{level_col} given wherever {code_col} is",
                        f"add a {level_col!r} column ({', '.join(TERRITORY_LEVELS)})",
                    )
                )
            else:
                no_level = notna & df[level_col].isna().to_numpy(dtype=bool)
                if no_level.any():
                    problems.append(
                        _problem(
                            level_col,
                            f"{_plural(int(no_level.sum()), 'row')} with a {code_col} but no "
                            f"{level_col}, {_examples(df, s, no_level)}",
                            f"{level_col} given wherever {code_col} is",
                            f"set {level_col} ({', '.join(TERRITORY_LEVELS)}) for these rows",
                        )
                    )
        ok_dtype = _is_string_dtype(s.dtype) or (
            is_object_dtype(s.dtype) and _object_kind(s) in ("string", "empty")
        )
        if not ok_dtype:
            return problems  # reported by the dtype check
        if has_level:
            frame = pd.DataFrame({"c": s, "l": df[level_col]})
            frame = frame[notna]
            pairs = frame.drop_duplicates()
        else:
            pairs = pd.DataFrame({"c": list(s[notna].unique())})
            pairs["l"] = None
        lost: list[tuple[object, object]] = []
        wrong: list[tuple[object, object]] = []
        for code, level in zip(pairs["c"], pairs["l"], strict=True):
            level = None if level is None or pd.isna(level) else str(level)
            if level == "destination":
                continue
            pattern = COG_PATTERNS.get(level, _ANY_COG) if level else _ANY_COG
            if level is not None and level not in COG_PATTERNS:
                continue  # unknown level: reported by the vocabulary check
            if re.fullmatch(pattern, str(code)):
                continue
            (lost if _lost_zero(str(code), level) else wrong).append((code, level))
        levels = df[level_col].astype(object) if has_level else None

        def rows_of(bad: list[tuple[object, object]]) -> np.ndarray:
            if not has_level:
                return _as_bool(s.isin([c for c, _ in bad])) & notna
            keys = pd.MultiIndex.from_tuples(bad)
            idx = pd.MultiIndex.from_arrays([s.astype(object), levels])
            return np.asarray(idx.isin(keys), dtype=bool) & notna

        if lost:
            mask = rows_of(lost)
            found = (
                f"{_plural(int(mask.sum()), 'code')} that lost "
                f"{'its' if mask.sum() == 1 else 'their'} leading zero, {_examples(df, s, mask)}"
            )
            fix = (
                "read codes as text: dtype=str (pd.read_csv(path, dtype={"
                f"{code_col!r}: str}})); if the zeros are already lost restore them with "
                ".str.zfill(5) for communes (zfill(2) départements and régions, zfill(9) EPCI)"
            )
            problems.append(
                _problem(code_col, found, "COG codes as text (e.g. '01001', '2A004')", fix)
            )
        if wrong:
            mask = rows_of(wrong)
            ctx = f" for their {level_col}" if has_level else ""
            found = (
                f"{_plural(int(mask.sum()), 'code')} that are not valid COG codes{ctx}, "
                f"{_examples(df, s, mask)}"
            )
            expected = (
                "commune '37261' or '2A004', EPCI SIREN '200069052', département '37', '2A' or "
                "'974', région '24'"
            )
            fix = (
                "check the level of each code and the source column (postal codes are not COG "
                "codes: '37000' is the postcode of Tours, its COG code is '37261'); Corsica "
                "uses uppercase '2A'/'2B'"
            )
            problems.append(_problem(code_col, found, expected, fix))
        return problems

    check.__name__ = f"check_codes_{code_col}"
    return check


def _check_lat_lon(df: pd.DataFrame) -> list[str]:
    has_lat, has_lon = "lat" in df.columns, "lon" in df.columns
    if not (has_lat or has_lon):
        return []
    if has_lat != has_lon:
        present, absent = ("lat", "lon") if has_lat else ("lon", "lat")
        return [
            _problem(
                absent,
                f"a {present!r} column but no {absent!r} column",
                "lat and lon together, or neither",
                f"add {absent!r} or drop {present!r}",
            )
        ]
    lat_na = df["lat"].isna().to_numpy(dtype=bool)
    lon_na = df["lon"].isna().to_numpy(dtype=bool)
    odd = lat_na != lon_na
    if not odd.any():
        return []
    only_lat = int((~lat_na & lon_na).sum())
    only_lon = int((lat_na & ~lon_na).sum())
    found = (
        f"{_plural(int(odd.sum()), 'row')} with only one coordinate ({only_lat:,} lat without "
        f"lon, {only_lon:,} lon without lat), "
        f"e.g. {', '.join(_row_ref(df, int(p)) for p in np.flatnonzero(odd)[:3])}"
    )
    return [
        _problem(
            "lat/lon",
            found,
            "both coordinates or neither",
            "set the lone coordinate to missing, or geocode the row again",
        )
    ]


# --------------------------------------------------------------------------------------
# Table specs
# --------------------------------------------------------------------------------------

_PLATFORM_HINT = (
    "platforms are lowercase tokens [a-z0-9_]+: "
    "df['platform'].str.strip().str.lower().str.replace(' ', '_')"
)
_COORD_HINT = (
    "coordinates are WGS84 degrees (EPSG:4326): check lat and lon are not swapped and not "
    "projected (Lambert-93 metres must be reprojected)"
)


def _platform(required: bool, nullable: bool) -> ColumnSpec:
    return ColumnSpec(
        "platform",
        STRING,
        required=required,
        nullable=nullable,
        pattern=_PLATFORM_PATTERN,
        description="lowercase platform token [a-z0-9_]+",
        known=KNOWN_PLATFORMS,
        hint=_PLATFORM_HINT,
    )


def _count(name: str, what: str) -> ColumnSpec:
    return ColumnSpec(name, INT, minimum=0, role="count", description=what)


CORPUS = TableSpec(
    name="corpus",
    columns=(
        ColumnSpec(
            "doc_id",
            STRING,
            required=True,
            nullable=False,
            unique=True,
            role="id",
            description="platform id of the document, exact text",
        ),
        _platform(required=True, nullable=False),
        ColumnSpec(
            "text",
            STRING,
            required=True,
            nullable=False,
            role="text",
            description="raw text of the document ('' when there is none)",
        ),
        ColumnSpec(
            "created_at",
            DATETIME,
            required=True,
            nullable=False,
            description="publication time, tz-aware UTC",
        ),
        ColumnSpec(
            "author_id",
            STRING,
            required=True,
            nullable=True,
            role="id",
            description="platform id of the author (missing for anonymous pages)",
        ),
        ColumnSpec(
            "lang",
            STRING,
            pattern=_LANG_PATTERN,
            description="ISO 639-1 two-letter lowercase language code",
            hint="map to ISO 639-1: 'FR' -> 'fr', 'fr-FR' -> 'fr', 'und' -> <NA>",
        ),
        ColumnSpec(
            "territory_code",
            STRING,
            role="code",
            description="COG code as text, matching territory_level",
        ),
        ColumnSpec(
            "territory_level",
            STRING,
            allowed=TERRITORY_LEVELS,
            description="level of territory_code (required when it is given)",
            hint="levels are lowercase without accents ('département' -> 'departement')",
        ),
        ColumnSpec(
            "lat", FLOAT, minimum=-90, maximum=90, description="WGS84 latitude", hint=_COORD_HINT
        ),
        ColumnSpec(
            "lon", FLOAT, minimum=-180, maximum=180, description="WGS84 longitude", hint=_COORD_HINT
        ),
        _count("likes", "likes / favourites"),
        _count("shares", "shares / reposts"),
        _count("replies", "replies / comments"),
        _count("views", "views / impressions"),
        ColumnSpec(
            "rating",
            FLOAT,
            minimum=1,
            maximum=5,
            description="review rating, 1 to 5",
            hint="ratings are 1-5 stars: rescale other scales (Booking's /10: divide "
            "by 2) and use <NA>, not 0, for 'no rating'",
        ),
        ColumnSpec("reply_to_id", STRING, role="id", description="doc_id this replies to"),
        ColumnSpec("repost_of_id", STRING, role="id", description="doc_id this reposts"),
        ColumnSpec("url", STRING, description="permalink"),
        ColumnSpec("source_file", STRING, description="file the row was read from"),
        ColumnSpec(
            "source_line",
            INT,
            minimum=1,
            description="1-based line or record in source_file",
            hint="source_line is 1-based: add 1 to 0-based positions",
        ),
    ),
    checks=(_codes_check("territory_code", "territory_level"), _check_lat_lon),
)

ACCOUNTS = TableSpec(
    name="accounts",
    columns=(
        ColumnSpec(
            "author_id",
            STRING,
            required=True,
            nullable=False,
            role="id",
            description="platform id of the author",
        ),
        _platform(required=True, nullable=False),
        _count("followers", "number of followers"),
        _count("following", "number of accounts followed"),
        ColumnSpec("display_name", STRING, description="display name"),
        ColumnSpec("bio", STRING, role="text", description="profile description"),
        ColumnSpec(
            "profile_location", STRING, role="text", description="free-text location of the profile"
        ),
        ColumnSpec("verified", BOOLEAN, description="verified badge"),
        ColumnSpec(
            "is_institution",
            BOOLEAN,
            description="account of an institution (tourism office, town hall...)",
        ),
        ColumnSpec("home_code", STRING, role="code", description="COG code of the home territory"),
        ColumnSpec(
            "audience", STRING, allowed=AUDIENCES, description="audience class of the account"
        ),
    ),
    unique_together=(("author_id", "platform"),),
    checks=(_codes_check("home_code", None),),
)

INTERACTIONS = TableSpec(
    name="interactions",
    columns=(
        ColumnSpec(
            "source_author",
            STRING,
            required=True,
            nullable=False,
            role="id",
            description="author who mentions / replies / reposts / quotes",
        ),
        ColumnSpec(
            "target_author",
            STRING,
            required=True,
            nullable=False,
            role="id",
            description="author mentioned / replied to / reposted / quoted",
        ),
        ColumnSpec(
            "kind",
            STRING,
            required=True,
            nullable=False,
            allowed=INTERACTION_KINDS,
            description="kind of interaction",
        ),
        ColumnSpec(
            "doc_id",
            STRING,
            required=True,
            nullable=False,
            role="id",
            description="document carrying the interaction",
        ),
        ColumnSpec("created_at", DATETIME, description="time of the interaction, tz-aware UTC"),
        _platform(required=False, nullable=True),
    ),
)

TERRITORIES = TableSpec(
    name="territories",
    columns=(
        ColumnSpec(
            "code",
            STRING,
            required=True,
            nullable=False,
            role="code",
            description="COG code as text (unique within level)",
        ),
        ColumnSpec(
            "level",
            STRING,
            required=True,
            nullable=False,
            allowed=TERRITORY_LEVELS,
            description="territory level",
            hint="levels are lowercase without accents ('département' -> 'departement')",
        ),
        ColumnSpec("name", STRING, required=True, nullable=False, description="official name"),
        _count("population", "population"),
        ColumnSpec("geometry", GEOMETRY, description="shape (shapely geometry), if any"),
    ),
    unique_together=(("code", "level"),),
    checks=(_codes_check("code", "level", level_checked_elsewhere=True),),
)

#: The four table specs by name.
SPECS: dict[str, TableSpec] = {s.name: s for s in (CORPUS, ACCOUNTS, INTERACTIONS, TERRITORIES)}


def _resolve(spec: TableSpec | str) -> TableSpec:
    if isinstance(spec, TableSpec):
        return spec
    try:
        return SPECS[spec]
    except KeyError:
        raise KeyError(f"unknown table {spec!r}; known tables: {', '.join(SPECS)}") from None


# --------------------------------------------------------------------------------------
# Documentation
# --------------------------------------------------------------------------------------


def _rule(spec: ColumnSpec) -> str:
    parts: list[str] = []
    if spec.required:
        parts.append("required")
    if not spec.nullable:
        parts.append("non-null" + (" (may be '')" if spec.role == "text" else ""))
    if spec.unique:
        parts.append("unique")
    if spec.role == "id":
        parts.append("exact text, never float")
    if spec.role == "code":
        parts.append(
            "COG code as text, never int: commune 5 chars ('37261', '2A004'), epci 9 digits, "
            "departement 2 chars or 97x, region 2 digits"
        )
    if spec.allowed is not None:
        parts.append("one of " + ", ".join(spec.allowed))
    if spec.pattern is not None:
        parts.append(f"matches {spec.pattern}")
    if spec.known is not None:
        parts.append("known: " + ", ".join(spec.known))
    if spec.dtype == INT and spec.role == "count":
        parts.append("integer >= 0")
    elif spec.minimum is not None or spec.maximum is not None:
        parts.append(_bounds_text(spec))
    return "; ".join(parts)


def column_dictionary(spec: TableSpec | str) -> pd.DataFrame:
    """Tidy description of a table contract, for documentation.

    Parameters
    ----------
    spec : TableSpec or str
        The table spec, or its name (``"corpus"``, ``"accounts"``, ...).

    Returns
    -------
    pandas.DataFrame
        One row a column, with columns ``column``, ``dtype``, ``required``, ``nullable``,
        ``rule`` and ``description``.

    Examples
    --------
    >>> column_dictionary("interactions")["column"].tolist()[:3]
    ['source_author', 'target_author', 'kind']
    """
    spec = _resolve(spec)
    rows = [
        {
            "column": c.name,
            "dtype": c.dtype,
            "required": c.required,
            "nullable": c.nullable,
            "rule": _rule(c),
            "description": c.description,
        }
        for c in spec.columns
    ]
    return pd.DataFrame(
        rows, columns=["column", "dtype", "required", "nullable", "rule", "description"]
    )


# --------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------


def _collect_problems(df: pd.DataFrame, spec: TableSpec) -> list[str]:
    problems: list[str] = []
    coerce = f"coerce_{spec.name}(df)" if spec.name in SPECS else f"coerce_table(df, {spec.name!r})"
    if not df.columns.is_unique:
        dups = sorted({str(c) for c in df.columns[df.columns.duplicated()]})
        problems.append(
            f"columns {dups}: found duplicated column names; expected each column once; "
            "fix: rename or drop the repeated columns"
        )
        return problems
    missing = [c for c in spec.required_columns if c not in df.columns]
    for name in missing:
        close = _close_matches(name, [str(c) for c in df.columns])
        fix = f"rename {close[0]!r} to {name!r}" if close else f"add a {name!r} column"
        problems.append(
            _problem(
                name,
                "no such column (columns present: "
                + ", ".join(map(str, df.columns[:30]))
                + (", ..." if len(df.columns) > 30 else "")
                + ")",
                f"a {name!r} column ({_rule(spec[name])})",
                fix,
            )
        )
    for col_spec in spec.columns:
        if col_spec.name not in df.columns:
            continue
        dtype_problems, checkable = _check_dtype(df, col_spec, coerce)
        problems.extend(dtype_problems)
        if not col_spec.nullable:
            problems.extend(_check_nulls(df, col_spec))
        if col_spec.unique and not (dtype_problems and is_float_dtype(df[col_spec.name].dtype)):
            problems.extend(_check_unique(df, [col_spec.name], repr(col_spec.name)))
        if checkable:
            problems.extend(_check_values(df, col_spec))
    for group in spec.unique_together:
        if all(c in df.columns for c in group):
            problems.extend(_check_unique(df, group, "(" + ", ".join(map(repr, group)) + ")"))
    for check in spec.checks:
        problems.extend(check(df))
    return problems


def validate_table(df: pd.DataFrame, spec: TableSpec | str) -> pd.DataFrame:
    """Check a table against its contract and report every problem at once.

    Checks, for the columns of the spec (other columns are ignored): required columns
    present; dtypes (ids and codes as text, UTC datetimes, integer counts...); missing
    values in non-nullable columns (and empty ids); duplicates in unique columns and
    ``unique_together`` groups; vocabularies, patterns and numeric ranges; then the
    table-level checks (COG codes against their level, lat/lon pairs).

    Accepted physical dtypes: text columns may be ``object`` (all values ``str``),
    ``str``/``string`` or string categoricals; integer columns any integer dtype; float
    columns any numeric dtype; datetime columns any resolution, tz UTC; boolean columns
    ``bool``, ``boolean`` or ``object`` of bools. A column with no value at all passes
    the dtype check whatever its dtype (``read_csv`` reads empty columns as float).

    Parameters
    ----------
    df : pandas.DataFrame
        The table; never modified.
    spec : TableSpec or str
        The contract, or its name in :data:`SPECS`.

    Returns
    -------
    pandas.DataFrame
        ``df`` itself (the same object), so that calls can be chained.

    Raises
    ------
    CorpusSchemaError
        With one entry in ``.problems`` per problem, each naming the column, what was
        found (counts and up to 3 examples with their row label), what is expected and
        the fix.
    TypeError
        If ``df`` is not a DataFrame.
    """
    spec = _resolve(spec)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"validate_table expects a pandas DataFrame, got {type(df).__name__}")
    problems = _collect_problems(df, spec)
    if problems:
        logger.debug("%s: %d schema problems", spec.name, len(problems))
        raise CorpusSchemaError(problems, table=spec.name)
    logger.debug("%s: %d rows pass the data contract", spec.name, len(df))
    return df


def validate_corpus(df: pd.DataFrame) -> pd.DataFrame:
    """Validate a corpus table; see :func:`validate_table`. Returns ``df`` unchanged."""
    return validate_table(df, CORPUS)


def validate_accounts(df: pd.DataFrame) -> pd.DataFrame:
    """Validate an accounts table; see :func:`validate_table`. Returns ``df`` unchanged."""
    return validate_table(df, ACCOUNTS)


def validate_interactions(df: pd.DataFrame) -> pd.DataFrame:
    """Validate an interactions table; see :func:`validate_table`. Returns ``df`` unchanged."""
    return validate_table(df, INTERACTIONS)


def validate_territories(df: pd.DataFrame) -> pd.DataFrame:
    """Validate a territories table; see :func:`validate_table`. Returns ``df`` unchanged."""
    return validate_table(df, TERRITORIES)


def check_columns(
    df: pd.DataFrame, required: Iterable[str], *, where: str, table: str = "corpus"
) -> None:
    """Fail early, with a helpful message, when a function lacks input columns.

    Parameters
    ----------
    df : pandas.DataFrame
        The input table.
    required : iterable of str
        Columns the caller needs.
    where : str
        Who needs them, e.g. ``"sentiment.score"``; named in the message.
    table : str, default "corpus"
        Table name used in the error header.

    Raises
    ------
    CorpusSchemaError
        One problem per missing column, with the columns present and the closest
        matches as a hint.
    """
    present = [str(c) for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    if not missing:
        return
    shown = ", ".join(present[:30]) + (", ..." if len(present) > 30 else "")
    problems = []
    for name in missing:
        close = _close_matches(name, present, n=3)
        if close:
            fix = (
                "did you mean "
                + " or ".join(repr(c) for c in close)
                + "? rename it to "
                + (f"{name!r}, or run the step that adds {name!r} first")
            )
        else:
            fix = f"run the step that adds {name!r} before {where}"
        problems.append(
            _problem(
                name,
                f"no such column (columns present: {shown or 'none'})",
                f"a {name!r} column, needed by {where}",
                fix,
            )
        )
    raise CorpusSchemaError(problems, table=table)


# --------------------------------------------------------------------------------------
# Coercion
# --------------------------------------------------------------------------------------


def _coerce_string(s: pd.Series, spec: ColumnSpec) -> pd.Series | None:
    dtype = s.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return None
    if s.notna().sum() == 0:
        return s.astype("string")
    if isinstance(dtype, pd.StringDtype):
        return None if dtype.na_value is pd.NA else s.astype("string")
    if _is_string_dtype(dtype):
        return s.astype("string")
    if is_integer_dtype(dtype):
        return s.astype("string")
    if is_object_dtype(dtype):
        kind = _object_kind(s)
        if kind == "string":
            return s.astype("string")
        if kind in ("integer", "mixed-integer"):
            vals = s.dropna().to_numpy(dtype=object)
            if all(
                isinstance(v, (str, int, np.integer)) and not isinstance(v, (bool, np.bool_))
                for v in vals
            ):
                return s.map(
                    lambda v: v if isinstance(v, str) else str(v), na_action="ignore"
                ).astype("string")
        return None
    return None  # floats (ids losing digits), booleans, datetimes: leave for validation


def _coerce_int(s: pd.Series) -> pd.Series | None:
    dtype = s.dtype
    if is_bool_dtype(dtype):
        return None
    if is_integer_dtype(dtype):
        return None if dtype == "Int64" else s.astype("Int64")
    if is_float_dtype(dtype):
        num = s
    elif is_object_dtype(dtype) or _is_string_dtype(dtype):
        if isinstance(dtype, pd.CategoricalDtype):
            return None
        vals = s.dropna()
        if len(vals) and not all(
            isinstance(v, (str, int, float, np.integer, np.floating))
            and not isinstance(v, (bool, np.bool_))
            for v in vals.to_numpy(dtype=object)
        ):
            return None
        num = pd.to_numeric(s.astype(object), errors="coerce")
        if int(num.notna().sum()) != int(s.notna().sum()):
            return None
    else:
        return None
    arr = num.to_numpy(dtype=float, na_value=np.nan)
    finite = np.isfinite(arr)
    present = ~np.isnan(arr)
    if (present & ~finite).any() or (np.mod(arr[finite], 1) != 0).any():
        return None
    if finite.any() and np.abs(arr[finite]).max() >= 2**63:
        return None
    return num.astype("Int64")


def _coerce_float(s: pd.Series) -> pd.Series | None:
    dtype = s.dtype
    if is_bool_dtype(dtype):
        return None
    if is_numeric_dtype(dtype):
        if dtype == np.float64:
            return None
        return pd.Series(s.to_numpy(dtype=float, na_value=np.nan), index=s.index, name=s.name)
    if is_object_dtype(dtype) or _is_string_dtype(dtype):
        if isinstance(dtype, pd.CategoricalDtype):
            return None
        obj = s.astype(object)
        obj = obj.map(
            lambda v: (
                v.replace(",", ".") if isinstance(v, str) and _DECIMAL_COMMA_RE.match(v) else v
            ),
            na_action="ignore",
        )
        num = pd.to_numeric(obj, errors="coerce")
        if int(num.notna().sum()) != int(s.notna().sum()):
            return None
        return num.astype("float64")
    return None


def _coerce_bool(s: pd.Series) -> pd.Series | None:
    dtype = s.dtype
    if is_bool_dtype(dtype):
        return None if dtype == "boolean" else s.astype("boolean")
    uniques = pd.unique(s.dropna().astype(object))
    mapping: dict[object, bool] = {}
    for u in uniques:
        if isinstance(u, (bool, np.bool_, int, float, np.integer, np.floating)) and u in (0, 1):
            mapping[u] = bool(u)
        elif isinstance(u, str) and u.strip().lower() in _BOOL_WORDS:
            mapping[u] = _BOOL_WORDS[u.strip().lower()]
        else:
            return None
    out = s.astype(object).map(mapping, na_action="ignore")
    return out.astype("boolean")


def coerce_table(
    df: pd.DataFrame, spec: TableSpec | str, *, tz: str = "Europe/Paris"
) -> pd.DataFrame:
    """Return a new DataFrame with the safe dtype conversions of the contract applied.

    Only conversions that cannot lose or invent information are made; everything else
    is left as it is for :func:`validate_table` to report:

    * text / id / code columns to the ``"string"`` dtype (from ``object``, ``str`` or
      integers; integer ids such as ``1875234567890123456`` become exact strings).
      **Float** id or code columns are left alone (their digits may already be lost),
      codes are never zero-padded, and ``text``-role columns (``text``, ``bio``,
      ``profile_location``) are never touched at all;
    * datetime columns to ``datetime64[ns, UTC]``: aware values are converted to UTC;
      naive values and ISO 8601 text without offset are read as wall-clock time in
      ``tz`` (ambiguous autumn times as summer time, skipped spring times shifted
      forward). If any value cannot be parsed the column is left unchanged;
    * integer columns to ``Int64`` when every value is a whole number;
    * float columns to ``float64`` (decimal commas such as ``'47,39'`` accepted);
    * boolean columns to ``boolean`` from ``true/false``, ``1/0``, ``oui/non``,
      ``yes/no``, ``vrai/faux`` (case-insensitive).

    Columns missing from ``df`` and columns not in the spec are left alone. The input
    is never modified.

    Parameters
    ----------
    df : pandas.DataFrame
        The table.
    spec : TableSpec or str
        The contract, or its name in :data:`SPECS`.
    tz : str, default "Europe/Paris"
        Time zone of naive datetimes.

    Returns
    -------
    pandas.DataFrame
        A new DataFrame (same index, same column order).
    """
    spec = _resolve(spec)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"coerce_table expects a pandas DataFrame, got {type(df).__name__}")
    out = df.copy(deep=False)
    if not df.columns.is_unique:
        logger.warning("%s: duplicated column names, nothing coerced", spec.name)
        return df.copy()
    for col_spec in spec.columns:
        name = col_spec.name
        if name not in df.columns or col_spec.role == "text":
            continue
        s = df[name]
        new: pd.Series | None = None
        if col_spec.dtype == STRING:
            new = _coerce_string(s, col_spec)
            if new is None and is_float_dtype(s.dtype) and s.notna().any():
                logger.warning(
                    "%s.%s: float values left as they are (digits may be lost); "
                    "read the column with dtype=str",
                    spec.name,
                    name,
                )
        elif col_spec.dtype == DATETIME:
            if s.notna().sum() == 0:
                new = pd.Series(pd.NaT, index=s.index, name=name, dtype="datetime64[ns, UTC]")
            else:
                parsed, bad, n_naive = _parse_datetimes(s, tz)
                if parsed is None or bad.any():
                    logger.warning(
                        "%s.%s: %d values cannot be parsed as dates; column left unchanged",
                        spec.name,
                        name,
                        int(bad.sum()),
                    )
                else:
                    new = parsed.rename(name)
                    if n_naive:
                        logger.info(
                            "%s.%s: %d naive datetimes read as %s and converted to UTC",
                            spec.name,
                            name,
                            n_naive,
                            tz,
                        )
        elif col_spec.dtype == INT:
            new = _coerce_int(s)
        elif col_spec.dtype == FLOAT:
            new = _coerce_float(s)
        elif col_spec.dtype == BOOLEAN:
            new = _coerce_bool(s)
        if new is not None:
            out[name] = new
    return out


def coerce_corpus(df: pd.DataFrame, *, tz: str = "Europe/Paris") -> pd.DataFrame:
    """Safe conversions for a corpus table; see :func:`coerce_table`."""
    return coerce_table(df, CORPUS, tz=tz)


def coerce_accounts(df: pd.DataFrame, *, tz: str = "Europe/Paris") -> pd.DataFrame:
    """Safe conversions for an accounts table; see :func:`coerce_table`."""
    return coerce_table(df, ACCOUNTS, tz=tz)


def coerce_interactions(df: pd.DataFrame, *, tz: str = "Europe/Paris") -> pd.DataFrame:
    """Safe conversions for an interactions table; see :func:`coerce_table`."""
    return coerce_table(df, INTERACTIONS, tz=tz)


def coerce_territories(df: pd.DataFrame, *, tz: str = "Europe/Paris") -> pd.DataFrame:
    """Safe conversions for a territories table; see :func:`coerce_table`."""
    return coerce_table(df, TERRITORIES, tz=tz)
