"""Decide how a file is encoded and laid out, from its content (never its extension).

Three questions are answered here, in order:

1. is it compressed (gzip magic ``1f 8b``)? then it is decompressed first;
2. which format: Parquet (``PAR1`` magic), Excel (a ZIP holding ``xl/``), XML feed, HTML
   page, JSON document, NDJSON/JSONL, or delimited text (CSV/TSV);
3. for text, which encoding: a BOM decides (UTF-8, UTF-16 LE/BE); UTF-16 without BOM is
   recognised by its NUL bytes; otherwise each line is decoded as UTF-8 and, when that fails,
   with a single-byte fallback (cp1252, latin-1 or mac-roman, chosen from the bytes). The
   lines that needed the fallback are returned, so that a file mixing encodings is read and
   its odd lines are reported.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

__all__ = [
    "Decoded",
    "decode_text",
    "decompress",
    "iter_lines",
    "sniff_delimiter",
    "sniff_format",
]

_DELIMITERS = (",", ";", "\t", "|")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def iter_lines(text: str) -> Iterator[str]:
    """Yield the physical lines of ``text`` with their ends (CRLF, LF or CR only).

    Unlike ``str.splitlines`` it does not split on U+2028, U+0085 or form feeds, which
    may sit inside a CSV field or a JSON string; unlike ``io.StringIO`` it does not copy
    the text.
    """
    for m in _LINE_RE.finditer(text):
        yield m.group()


# bytes that cp1252 leaves undefined: a file holding them is latin-1 (or mac-roman)
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass
class Decoded:
    """Text of a file, with what it took to decode it.

    Attributes
    ----------
    text : str
        The decoded text (BOM removed).
    encoding : str
        ``"utf-8"``, ``"utf-8-sig"``, ``"utf-16-le"``, ``"utf-16-be"``, ``"cp1252"``,
        ``"latin-1"``, ``"mac-roman"`` or ``"mixed (utf-8 + cp1252)"``.
    fallback_lines : list of int
        1-based physical lines that were not valid UTF-8 and were decoded with the fallback
        encoding (empty when the whole file has one encoding).
    fallback : str or None
        The fallback encoding used for those lines.
    """

    text: str
    encoding: str
    fallback_lines: list[int] = field(default_factory=list)
    fallback: str | None = None


def decompress(data: bytes) -> tuple[bytes, str | None, bool]:
    """Return ``(bytes, compression, truncated)``: gzip is undone, a cut-off stream is kept.

    A truncated gzip stream (an interrupted download) yields the bytes that could be
    decompressed and ``truncated=True``; the caller reports it.
    """
    if data[:2] != b"\x1f\x8b":
        return data, None, False
    try:
        return gzip.decompress(data), "gzip", False
    except (EOFError, zlib.error, gzip.BadGzipFile):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out = d.decompress(data)
        except zlib.error:
            out = b""
        return out, "gzip", True


def sniff_format(data: bytes) -> str:
    """Return the format of (decompressed) bytes.

    Returns
    -------
    str
        ``"parquet"``, ``"xlsx"``, ``"zip"`` (another archive), ``"xml"``, ``"html"``,
        ``"json"`` (one document, object or array), ``"ndjson"``, ``"archive"`` (a
        ``window.YTD...`` file of an X account archive) or ``"csv"`` (any
        delimited text). Empty or blank content gives ``"empty"``.
    """
    if data[:4] == b"PAR1":
        return "parquet"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            return "zip"
        return "xlsx" if any(n.startswith("xl/") for n in names) else "zip"
    head = _head_text(data)
    stripped = head.lstrip()
    if not stripped:
        return "empty"
    low = stripped[:300].lower()
    if low.startswith("<?xml") or low.startswith("<rss") or low.startswith("<feed"):
        return "html" if "<html" in low else "xml"
    if low.startswith("<!doctype html") or low.startswith("<html"):
        return "html"
    if stripped[0] == "[":
        return "json"
    if stripped.startswith("window.YTD."):
        return "archive"
    if stripped[0] == "{":
        # NDJSON: the first line is a complete JSON value followed by another line.
        first, _, rest = stripped.partition("\n")
        if rest.strip().startswith("{") and first.rstrip().endswith("}"):
            return "ndjson"
        return "json"
    return "csv"


def _head_text(data: bytes, n: int = 4096) -> str:
    chunk = data[:n]
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if chunk.startswith(bom):
            return chunk[len(bom) :].decode(enc, errors="ignore")
    if chunk.startswith(codecs.BOM_UTF16_BE):
        return chunk[2:].decode("utf-16-be", errors="ignore")
    utf16 = _utf16_without_bom(chunk)
    if utf16:
        return chunk.decode(utf16, errors="ignore")
    return chunk.decode("latin-1")


def _utf16_without_bom(chunk: bytes) -> str | None:
    if len(chunk) < 4:
        return None
    even = chunk[0::2].count(0)
    odd = chunk[1::2].count(0)
    half = len(chunk) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _fallback_encoding(bad: bytes) -> str:
    """Pick the single-byte encoding of non-UTF-8 bytes (French text).

    cp1252 and latin-1 put French letters (é è à ç ê) in ``0xE0-0xFF``; mac-roman puts
    them in ``0x80-0x9F``. Bytes undefined in cp1252 mean latin-1.
    """
    high = [b for b in bad if b >= 0x80]
    low_band = sum(1 for b in high if b <= 0x9F)
    top_band = sum(1 for b in high if b >= 0xC0)
    if low_band > top_band:
        return "mac-roman"
    if any(b in _CP1252_UNDEFINED for b in high):
        return "latin-1"
    return "cp1252"


def decode_text(data: bytes, *, encoding: str | None = None) -> Decoded:
    """Decode bytes to text, line by line when the file mixes encodings.

    Parameters
    ----------
    data : bytes
        Uncompressed file content.
    encoding : str, optional
        Force an encoding (no detection).

    Returns
    -------
    Decoded
    """
    if encoding is not None:
        return Decoded(data.decode(encoding), encoding)
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return Decoded(body.decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            dec = _per_line(body)
            dec.encoding = "utf-8-sig + " + (dec.fallback or "?")
            return dec
    if data.startswith(codecs.BOM_UTF16_LE):
        return Decoded(data[2:].decode("utf-16-le", errors="replace"), "utf-16-le")
    if data.startswith(codecs.BOM_UTF16_BE):
        return Decoded(data[2:].decode("utf-16-be", errors="replace"), "utf-16-be")
    utf16 = _utf16_without_bom(data[:4096])
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _per_line(data)


def _per_line(data: bytes) -> Decoded:
    lines = data.splitlines(keepends=True)
    bad_idx: list[int] = []
    bad_bytes = bytearray()
    decoded: list[str | None] = []
    n_utf8_nonascii = 0
    for i, raw in enumerate(lines):
        try:
            text = raw.decode("utf-8")
            if not raw.isascii():
                n_utf8_nonascii += 1
            decoded.append(text)
        except UnicodeDecodeError:
            decoded.append(None)
            bad_idx.append(i)
            bad_bytes.extend(raw)
    fallback = _fallback_encoding(bytes(bad_bytes))
    codec = "mac_roman" if fallback == "mac-roman" else fallback
    for i in bad_idx:
        decoded[i] = lines[i].decode(codec, errors="replace")
    text = "".join(t for t in decoded if t is not None)
    if n_utf8_nonascii == 0:
        # the whole file is in the single-byte encoding: nothing to report line by line
        return Decoded(text, fallback)
    return Decoded(text, f"mixed (utf-8 + {fallback})", [i + 1 for i in bad_idx], fallback)


def sniff_delimiter(text: str, *, n_lines: int = 50) -> str:
    """Return the field delimiter of delimited text: ``,``, ``;``, TAB or ``|``.

    Each candidate splits the first records (quotes respected); the delimiter that gives
    the same number (> 1) of fields on most records wins, ties going to the larger count.
    """
    sample_lines = list(itertools.islice(iter_lines(text), n_lines))
    sample = "".join(sample_lines)
    best, best_score = ",", (-1.0, 0)
    for delim in _DELIMITERS:
        try:
            rows = list(csv.reader(io.StringIO(sample, newline=""), delimiter=delim))
        except csv.Error:
            continue
        rows = [r for r in rows if r]
        if len(rows) > 1 and len(sample_lines) >= n_lines:
            rows = rows[:-1]  # the last sampled record may be cut
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        share = sum(1 for r in rows if len(r) == width) / len(rows)
        score = (share, width)
        if score > best_score:
            best, best_score = delim, score
    return best
