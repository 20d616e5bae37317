"""From mapped records to a validated corpus: dates, ids, duplicates, privacy, contract.

Shared by every source family: a mapping gives a table with the contract's column names
(text cells), the 1-based location of each row, and this module does the rest, reporting
every record it leaves out and every value it flags.
"""

from __future__ import annotations

import datetime as _dt
import email.utils
import re
from collections.abc import Iterable

import numpy as np
import pandas as pd

from territoire_lab.privacy import key_id, pseudonymize, scrub_text
from territoire_lab.schema import CORPUS, coerce_table, validate_corpus

from .report import LoadReport

__all__ = ["finalize", "parse_datetimes", "unescape_formulas"]

ID_COLUMNS = ("doc_id", "author_id", "reply_to_id", "repost_of_id")
COUNT_COLUMNS = ("likes", "shares", "replies", "views")
#: extra columns that hold handles or names of people: pseudonymised like author_id
PERSON_COLUMNS = frozenset(
    {
        "author",
        "author_name",
        "author_handle",
        "author_fullname",
        "author_username",
        "username",
        "user_name",
        "screen_name",
        "user_id",
        "user",
        "handle",
        "display_name",
        "reviewer_id",
        "reviewer_name",
        "reviewer",
        "account",
        "account_handle",
        "account_name",
        "owner_username",
    }
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\x00")

_MANGLED_ID_RE = r"^\s*[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+\s*$"
_ISO_RE = r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?"
_SUFFIX_RE = r"(?:[zZ]|[+-]\d\d(?::?\d\d)?)$"
_EPOCH_S_RE = r"^\d{9,10}(?:\.\d+)?$"
_EPOCH_MS_RE = r"^\d{12,13}$"
_FR_RE = (
    r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})"
    r"(?:(?:\s+|\s*[àa]\s*|T)(?P<H>\d{1,2})[:hH](?P<M>\d{2})(?::(?P<S>\d{2}))?)?$"
)
_TZNAME_RE = r"\s*\b(?P<tz>CEST|CET|UTC|GMT)$"
_TZ_OFFSETS = {"CET": "+01:00", "CEST": "+02:00", "UTC": "+00:00", "GMT": "+00:00"}
_RELATIVE_RE = re.compile(
    r"(\bil y a\b|\bago\b|\bhier\b|\bavant-hier\b|\baujourd|\byesterday\b|\btoday\b|"
    r"\bà l'instant\b|\bjust now\b|^\d+\s*(?:s|sec|min|mn|h|j|d|w|sem|mois|ans?|y)\.?$)",
    re.IGNORECASE,
)


def _localize_report(naive: pd.Series, tz: str) -> tuple[pd.Series, dict[int, str]]:
    """Localise naive wall-clock times; report ambiguous and non-existent ones by position."""
    odd: dict[int, str] = {}
    if naive.empty:
        return naive.dt.tz_localize("UTC"), odd
    probe_amb = naive.dt.tz_localize(tz, ambiguous="NaT", nonexistent="shift_forward")
    amb = probe_amb.isna().to_numpy() & naive.notna().to_numpy()
    probe_gap = naive.dt.tz_localize(tz, ambiguous=True, nonexistent="NaT")
    gap = probe_gap.isna().to_numpy() & naive.notna().to_numpy()
    for pos in np.flatnonzero(amb):
        odd[int(pos)] = (
            f"local time {naive.iloc[pos]:%Y-%m-%d %H:%M} is ambiguous in {tz} (the hour "
            "repeated when clocks go back): read as summer time, the first occurrence"
        )
    for pos in np.flatnonzero(gap):
        odd[int(pos)] = (
            f"local time {naive.iloc[pos]:%Y-%m-%d %H:%M} does not exist in {tz} (the hour "
            "skipped when clocks go forward): shifted forward to the first valid time"
        )
    out = naive.dt.tz_localize(
        tz, ambiguous=np.ones(len(naive), dtype=bool), nonexistent="shift_forward"
    )
    return out.dt.tz_convert("UTC"), odd


def _parse_other(value: str) -> tuple[pd.Timestamp | None, bool, str | None]:
    """RFC 2822 / X API v1 / free text: (timestamp, is_naive, reason if not parsed)."""
    if _RELATIVE_RE.search(value):
        return (
            None,
            False,
            f"relative date {value!r} is not resolved against today (that would date the "
            "post to the day you load the file); give the collection time and resolve it "
            "explicitly, or drop the record",
        )
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is None:
        try:
            parsed = _dt.datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y")  # X API v1.1
        except ValueError:
            parsed = None
    if parsed is None:
        return (
            None,
            False,
            f"date {value!r} is not in a known format (ISO 8601, RFC 2822, epoch seconds or "
            "milliseconds, French dd/mm/yyyy hh:mm)",
        )
    ts = pd.Timestamp(parsed)
    return ts, ts.tzinfo is None, None


def parse_datetimes(
    values: pd.Series, *, tz: str = "Europe/Paris"
) -> tuple[pd.Series, dict[int, str], dict[int, str]]:
    """Parse dates written in the formats found in French exports to UTC.

    Accepted: ISO 8601 (with or without offset), RFC 2822 (RSS, e-mail), X API v1.1
    (``Wed Oct 10 20:19:24 +0000 2018``), epoch seconds (9-10 digits) and milliseconds
    (12-13 digits), French day-first ``28/11/2026 21:30`` (also ``28/11/2026 à 21h30``),
    each optionally followed by ``CET``, ``CEST``, ``UTC`` or ``GMT``. Naive times are
    wall-clock times in ``tz``.

    Parameters
    ----------
    values : pandas.Series
        Text, or already-parsed datetimes.
    tz : str, default "Europe/Paris"
        Time zone of naive times.

    Returns
    -------
    parsed : pandas.Series
        ``datetime64[ns, UTC]``, NaT where the value is missing or not parsed.
    bad : dict
        0-based position -> reason, for values that could not be parsed (relative dates
        such as ``il y a 3 jours`` are never resolved).
    odd : dict
        0-based position -> message, for ambiguous or non-existent local times (parsed,
        but worth a warning).
    """
    n = len(values)
    out = np.full(n, np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    bad: dict[int, str] = {}
    odd: dict[int, str] = {}
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.as_unit("ns").reset_index(drop=True), bad, odd
    if pd.api.types.is_datetime64_dtype(values.dtype):
        loc, odd = _localize_report(values.reset_index(drop=True), tz)
        return loc.dt.as_unit("ns"), bad, odd
    s = values.astype("string").str.strip().reset_index(drop=True)
    present = s.notna() & (s != "")
    # zone names (CET, CEST, UTC, GMT) are rare: only those values go through the regex
    named_mask = s.str.endswith(tuple(_TZ_OFFSETS)).fillna(False).to_numpy(dtype=bool)
    tzname = pd.Series(pd.NA, index=s.index, dtype="string")
    base = s
    if named_mask.any():
        sub = s[named_mask]
        tzname[named_mask] = sub.str.extract(_TZNAME_RE)["tz"]
        base = s.copy()
        base[named_mask] = sub.str.replace(_TZNAME_RE, "", regex=True)
    has_name = tzname.notna().to_numpy()
    naive_vals = np.full(n, np.datetime64("NaT", "ns"), dtype="datetime64[ns]")
    is_naive = np.zeros(n, dtype=bool)
    done = ~present.to_numpy(dtype=bool)

    def _mask(pattern: str) -> np.ndarray:
        """Values not yet parsed that match ``pattern`` (evaluated on those only)."""
        pattern = re.sub(r"\(\?P<\w+>", "(?:", pattern)
        todo = np.flatnonzero(~done)
        out_mask = np.zeros(n, dtype=bool)
        if len(todo):
            hit = base.iloc[todo].str.contains(pattern, regex=True).fillna(False)
            out_mask[todo[hit.to_numpy(dtype=bool)]] = True
        return out_mask

    # ISO 8601 (the common case, first)
    m = _mask(_ISO_RE)
    if m.any():
        text = base[m]
        names = tzname[m]
        has_time = text.str.contains(r"\d\d:\d\d", regex=True).to_numpy(dtype=bool)
        suffix = text.str.contains(_SUFFIX_RE, regex=True).to_numpy(dtype=bool)
        aware = has_time & suffix
        named = names.notna().to_numpy()
        text = text.astype(object)
        if named.any():
            text = text.where(~named, text + names.astype(object).map(_TZ_OFFSETS))
        aware |= named
        parsed = pd.to_datetime(text, format="ISO8601", errors="coerce", utc=True)
        vals = parsed.dt.tz_localize(None).to_numpy()
        idx = np.flatnonzero(m)
        out[idx[aware]] = vals[aware]
        naive_vals[idx[~aware]] = vals[~aware]
        is_naive[idx[~aware]] = True
        done |= m
    # epoch seconds / milliseconds
    for pattern, unit in ((_EPOCH_S_RE, "s"), (_EPOCH_MS_RE, "ms")):
        m = _mask(pattern)
        if m.any():
            nums = pd.to_numeric(base[m].astype(object))
            out[m] = pd.to_datetime(nums, unit=unit, utc=True).dt.tz_localize(None).to_numpy()
            done |= m
    # French day-first
    m = _mask(_FR_RE)
    if m.any():
        g = base[m].str.extract(_FR_RE)
        iso = (
            g["y"]
            + "-"
            + g["m"].str.zfill(2)
            + "-"
            + g["d"].str.zfill(2)
            + "T"
            + g["H"].fillna("0").str.zfill(2)
            + ":"
            + g["M"].fillna("00")
            + ":"
            + g["S"].fillna("00")
        )
        parsed = pd.to_datetime(iso.astype(object), format="%Y-%m-%dT%H:%M:%S", errors="coerce")
        vals = parsed.to_numpy()
        idx = np.flatnonzero(m)
        named = has_name[idx]
        if named.any():
            offs = pd.to_timedelta(
                tzname.iloc[idx[named]]
                .map({"CET": 1, "CEST": 2, "UTC": 0, "GMT": 0})
                .astype(float),
                unit="h",
            ).to_numpy()
            out[idx[named]] = vals[named] - offs
        naive_vals[idx[~named]] = vals[~named]
        is_naive[idx[~named]] = True
        done |= m
    # anything else, value by value (RFC 2822, X v1.1, relative, garbage)
    rest = np.flatnonzero(~done)
    cache: dict[str, tuple[pd.Timestamp | None, bool, str | None]] = {}
    for pos in rest:
        value = s.iloc[pos]
        if value not in cache:
            cache[value] = _parse_other(value)
        ts, naive, reason = cache[value]
        if ts is None:
            bad[int(pos)] = reason or f"date {value!r} not understood"
        elif naive:
            naive_vals[pos] = ts.to_datetime64()
            is_naive[pos] = True
        else:
            out[pos] = ts.tz_convert("UTC").tz_localize(None).to_datetime64()
    if is_naive.any():
        idx = np.flatnonzero(is_naive)
        loc, odd_sub = _localize_report(pd.Series(naive_vals[idx]), tz)
        out[idx] = loc.dt.tz_localize(None).to_numpy()
        odd = {int(idx[k]): v for k, v in odd_sub.items()}
    # values matched by a pattern but refused by the parser (e.g. 31/02/2026)
    failed = np.flatnonzero(present.to_numpy(dtype=bool) & np.isnat(out))
    for pos in failed:
        bad.setdefault(int(pos), f"date {s.iloc[pos]!r} is not a valid date")
    result = pd.Series(out).dt.tz_localize("UTC")
    return result, bad, odd


def _normalise_counts(df: pd.DataFrame, report: LoadReport, files, lines) -> None:
    for col in COUNT_COLUMNS:
        if col not in df.columns or not (
            pd.api.types.is_string_dtype(df[col]) or df[col].dtype == object
        ):
            continue
        s = df[col].astype("string")
        num = pd.to_numeric(s, errors="coerce")
        retry = (s.notna() & num.isna()).to_numpy(dtype=bool)
        if retry.any():  # thousands separators: "1 234", "1\u202f234"
            s = s.copy()
            s[retry] = s[retry].str.replace(r"[\s\u00a0\u202f]", "", regex=True)
            num = pd.to_numeric(s, errors="coerce")
        wrong = (s.notna() & (num.isna() | (num < 0) | (num % 1 != 0))).to_numpy(dtype=bool)
        for pos in np.flatnonzero(wrong)[:200]:
            report.warn(
                files[pos],
                int(lines[pos]),
                f"{col} value {df[col].iloc[pos]!r} is not a non-negative whole number; "
                "left missing",
            )
        num[wrong] = np.nan
        df[col] = num.astype("Float64").astype("Int64")


def _unescape(value: object) -> object:
    if (
        isinstance(value, str)
        and len(value) > 1
        and value[0] == "'"
        and (value[1] in _FORMULA_START or value[1] in "\uff1d\uff0b\uff0d\uff20\n")
    ):
        return value[1:]
    return value


def unescape_formulas(df: pd.DataFrame) -> pd.DataFrame:
    """Remove the apostrophe that :func:`territoire_lab.export.export` puts before cells
    starting like a formula (``'=...``, ``'+...``, ``'-...``, ``'@...``, TAB, CR)."""
    df = df.copy()
    for col in df.columns:
        if isinstance(df[col].dtype, pd.StringDtype):
            quoted = df[col].str.startswith("'").fillna(False).to_numpy(dtype=bool)
            if quoted.any():
                values = df[col].astype(object).to_numpy(copy=True)
                values[quoted] = [_unescape(v) for v in values[quoted]]
                df[col] = pd.array(values, dtype="string")
    return df


def finalize(
    df: pd.DataFrame,
    *,
    files: np.ndarray,
    lines: np.ndarray,
    report: LoadReport,
    key: bytes | str | None,
    allow: Iterable[str],
    pseudonymise: bool,
    tz: str,
    duplicates: str,
    scrub: bool,
) -> pd.DataFrame:
    """Turn a mapped table into a validated corpus (see the module docstring)."""
    df = df.reset_index(drop=True).copy()
    files = np.asarray(files, dtype=object)
    lines = np.asarray(lines, dtype=np.int64)
    keep = np.ones(len(df), dtype=bool)

    # platform and lang: light normalisation of the vocabulary
    if "platform" in df.columns:
        df["platform"] = df["platform"].astype("string").str.strip().str.lower()
    if "lang" in df.columns:
        lang = df["lang"].astype("string")
        ok = lang.str.fullmatch(r"[a-z]{2}").fillna(True).to_numpy(dtype=bool)
        if not ok.all():
            odd = lang[~ok].str.strip().str.lower().str.split(r"[-_]").str[0]
            lang = lang.copy()
            lang[~ok] = odd.where(odd.str.fullmatch(r"[a-z]{2}").fillna(False))
        df["lang"] = lang

    # ids: present, exact, not mangled
    for col in ID_COLUMNS:
        if col in df.columns and not isinstance(df[col].dtype, pd.StringDtype):
            df[col] = (
                df[col]
                .map(lambda v: v if isinstance(v, str) else str(v), na_action="ignore")
                .astype("string")
            )
    if "doc_id" in df.columns:
        df["doc_id"] = df["doc_id"].str.strip()
        missing = (df["doc_id"].isna() | (df["doc_id"] == "")).to_numpy(dtype=bool)
        for pos in np.flatnonzero(missing):
            report.skip(files[pos], int(lines[pos]), "no doc_id: a document needs its id")
        keep &= ~missing
    mangled = np.zeros(len(df), dtype=bool)
    for col in ID_COLUMNS:
        if col not in df.columns:
            continue
        m = df[col].str.contains("e", case=False, regex=False).fillna(False).to_numpy(dtype=bool)
        if m.any():
            sub = df[col][m].str.contains(_MANGLED_ID_RE, regex=True).fillna(False)
            m[np.flatnonzero(m)] = sub.to_numpy(dtype=bool)
        for pos in np.flatnonzero(m & keep):
            report.warn(
                files[pos],
                int(lines[pos]),
                f"{col} {df[col].iloc[pos]!r} looks mangled by a spreadsheet (scientific "
                "notation: the last digits are lost); kept as written and flagged in "
                "id_mangled, not fixed: re-export the source with the column as text",
            )
        mangled |= m
    if mangled.any():
        df["id_mangled"] = pd.array(mangled, dtype="boolean")

    # dates
    if "created_at" in df.columns:
        parsed, bad, odd = parse_datetimes(df["created_at"], tz=tz)
        for pos, reason in bad.items():
            if keep[pos]:
                report.skip(files[pos], int(lines[pos]), f"created_at: {reason}")
                keep[pos] = False
        empty = parsed.isna().to_numpy() & keep
        for pos in np.flatnonzero(empty):
            report.skip(files[pos], int(lines[pos]), "created_at is empty: a document needs a date")
        keep &= ~empty
        for pos, message in odd.items():
            if keep[pos]:
                report.warn(files[pos], int(lines[pos]), f"created_at: {message}")
        df["created_at"] = parsed

    _normalise_counts(df, report, files, lines)

    df["source_file"] = pd.array(files, dtype="string")
    df["source_line"] = pd.array(lines, dtype="Int64")
    df = df[keep].reset_index(drop=True)
    files, lines = files[keep], lines[keep]

    # duplicates: never merged silently
    if "doc_id" in df.columns and len(df):
        dup = df["doc_id"].duplicated(keep="first" if duplicates != "keep_last" else "last")
        if dup.any():
            if duplicates == "error":
                pos = int(np.flatnonzero(dup.to_numpy())[0])
                from territoire_lab.exceptions import LoaderError

                raise LoaderError(
                    files[pos],
                    f"doc_id {df['doc_id'].iloc[pos]!r} appears more than once "
                    f"({int(dup.sum())} duplicated rows); pass duplicates='keep_first' or "
                    "'keep_last' to keep one and report the others",
                    line=int(lines[pos]),
                )
            kept_at = {}
            kept_rows = df.loc[~dup.to_numpy(), ["doc_id"]]
            for i, d in zip(kept_rows.index, kept_rows["doc_id"], strict=True):
                kept_at[d] = i
            for pos in np.flatnonzero(dup.to_numpy()):
                d = df["doc_id"].iloc[pos]
                k = kept_at[d]
                same = df.drop(columns=["source_file", "source_line"]).iloc[[pos, k]]
                identical = same.iloc[0].equals(same.iloc[1])
                how = "an identical copy" if identical else "a different version"
                report.skip(
                    files[pos],
                    int(lines[pos]),
                    f"duplicate doc_id {d!r}: {how} of the row kept at {files[k]}, line "
                    f"{int(lines[k])} (rule: {duplicates})",
                )
            df = df[~dup.to_numpy()].reset_index(drop=True)

    # privacy: pseudonyms at load
    if pseudonymise:
        report.key_id = key_id(key)
        allow = list(allow)
        if "author_id" in df.columns:
            df["author_id"] = pseudonymize(df["author_id"].astype("string"), key=key, allow=allow)
        for col in df.columns:
            if col in PERSON_COLUMNS:
                df[col] = pseudonymize(df[col].astype("string"), key=key, allow=allow)
                report.warn("(all inputs)", None, f"column {col!r} names people: pseudonymised too")
    if scrub and "text" in df.columns:
        df["text_scrubbed"] = scrub_text(df["text"], key=key, allow=list(allow))

    df = coerce_table(df, CORPUS, tz=tz)
    order = [c for c in CORPUS.column_names if c in df.columns]
    order += [c for c in df.columns if c not in order]
    df = df[order]
    validate_corpus(df)
    return df
