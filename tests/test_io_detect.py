"""Format, encoding and delimiter sniffing (territoire_lab.io.detect) and date parsing."""

from __future__ import annotations

import codecs
import gzip
import io

import pandas as pd
import pytest

from territoire_lab.io import parse_datetimes
from territoire_lab.io.detect import decode_text, decompress, sniff_delimiter, sniff_format


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"PAR1\x00\x00", "parquet"),
        (b'  \n[{"a": 1}]', "json"),
        (b'{"a": 1}\n{"a": 2}\n', "ndjson"),
        (b'{"a":\n 1}', "json"),
        (b'<?xml version="1.0"?><rss version="2.0"></rss>', "xml"),
        (b"<!DOCTYPE html><html></html>", "html"),
        (b"window.YTD.tweets.part0 = [", "archive"),
        (b"a;b\n1;2\n", "csv"),
        (codecs.BOM_UTF8, "empty"),
        (codecs.BOM_UTF16_LE + '{"a": 1}'.encode("utf-16-le"), "json"),
    ],
)
def test_sniff_format(data, fmt):
    assert sniff_format(data) == fmt


def test_sniff_format_xlsx_and_other_zip(tmp_path):
    import zipfile

    import openpyxl

    path = tmp_path / "w.xlsx"
    openpyxl.Workbook().save(path)
    assert sniff_format(path.read_bytes()) == "xlsx"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("posts.csv", "a,b\n")
    assert sniff_format(buf.getvalue()) == "zip"


def test_decompress_whole_and_truncated():
    payload = ("ligne\n" * 1000).encode()
    assert decompress(gzip.compress(payload)) == (payload, "gzip", False)
    cut, comp, truncated = decompress(gzip.compress(payload)[:-10])
    assert comp == "gzip" and truncated and payload.startswith(cut)
    assert decompress(b"plain") == (b"plain", None, False)


@pytest.mark.parametrize(
    ("raw", "encoding", "text"),
    [
        ("été".encode(), "utf-8", "été"),
        (codecs.BOM_UTF8 + "été".encode(), "utf-8-sig", "été"),
        (codecs.BOM_UTF16_LE + "été\n".encode("utf-16-le"), "utf-16-le", "été\n"),
        ("a,b\nétait,ça\n".encode("utf-16-le"), "utf-16-le", "a,b\nétait,ça\n"),
        ("café à l'œil €".encode("cp1252"), "cp1252", "café à l'œil €"),
        ("Noël\x81".encode("latin-1"), "latin-1", "Noël\x81"),
        ("Pâté été à Noël".encode("mac_roman"), "mac-roman", "Pâté été à Noël"),
    ],
)
def test_decode_text(raw, encoding, text):
    dec = decode_text(raw)
    assert (dec.encoding, dec.text, dec.fallback_lines) == (encoding, text, [])


def test_decode_mixed_lines_lists_the_odd_ones():
    raw = "ok é\n".encode() + "cp è\r\n".encode("cp1252") + b"ascii\n" + "cp à\n".encode("cp1252")
    dec = decode_text(raw)
    assert dec.text == "ok é\ncp è\r\nascii\ncp à\n"
    assert dec.fallback_lines == [2, 4] and dec.fallback == "cp1252"


@pytest.mark.parametrize(
    ("text", "delim"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),
        ("a\tb\n1\t2\n", "\t"),
        ('a|b\n"x|y"|2\n', "|"),
        ('id;texte\n1;"un, deux, trois"\n', ";"),
    ],
)
def test_sniff_delimiter(text, delim):
    assert sniff_delimiter(text) == delim


def test_parse_datetimes_reports_bad_values_by_position():
    s = pd.Series(["2026-01-01T00:00:00Z", "il y a 2 h", "3 days ago", "n'importe quoi", None])
    parsed, bad, odd = parse_datetimes(s)
    assert parsed.iloc[0] == pd.Timestamp("2026-01-01", tz="UTC")
    assert sorted(bad) == [1, 2, 3] and odd == {}
    assert bad[2].startswith("relative date '3 days ago' is not resolved")
    assert bad[3].startswith('date "n\'importe quoi" is not in a known format')
    assert parsed.isna().tolist() == [False, True, True, True, True]
