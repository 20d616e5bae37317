"""Safe exports: formula neutralisation, XLSX text cells, control characters, paths."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from territoire_lab.exceptions import TerritoireLabError
from territoire_lab.export import export, safe_filename, safe_sheet_name
from territoire_lab.io import read_corpus

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"

DANGEROUS = [
    '=HYPERLINK("http://evil.example","clic")',
    "+33 6 12 34 56 78",
    "-1+1",
    "@SUM(A1:A9)",
    "\tTAB",
    "\rCR",
    "ok\nsur deux lignes",
    "Tours",
]


def table() -> pd.DataFrame:
    n = len(DANGEROUS)
    return pd.DataFrame(
        {
            "doc_id": pd.array([str(1864427771338227712 + i) for i in range(n)], dtype="string"),
            "platform": ["x"] * n,
            "text": DANGEROUS,
            "created_at": pd.date_range("2026-03-29 00:30", periods=n, freq="h", tz="UTC"),
            "author_id": ["u_" + "a" * 24] * n,
            "likes": pd.array([1, None, 3, 4, 5, 6, 7, 8], dtype="Int64"),
        }
    )


def test_csv_neutralises_formulas_and_quotes_newlines(tmp_path):
    path = export(table(), "corpus.csv", folder=tmp_path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    texts = [r[2] for r in rows[1:]]
    assert texts == [
        "'" + DANGEROUS[0],
        "'+33 6 12 34 56 78",
        "'-1+1",
        "'@SUM(A1:A9)",
        "'\tTAB",
        "'\rCR",
        "ok\nsur deux lignes",
        "Tours",
    ]
    assert b'"ok\nsur deux lignes"' in raw  # quoted field
    assert rows[1][0] == "1864427771338227712"
    assert rows[1][3] == "2026-03-29T00:30:00Z"
    assert export.last_report["neutralised"] == 6


def test_csv_export_round_trips_through_read_corpus(tmp_path):
    src = table()
    path = export(src, "corpus.csv", folder=tmp_path)
    back = read_corpus(path, key=TEST_KEY, pseudonymise=False)
    assert back["text"].tolist() == DANGEROUS  # apostrophes removed on our own export
    assert back["doc_id"].tolist() == src["doc_id"].tolist()
    assert (back["created_at"] == src["created_at"]).all()
    assert back["likes"].tolist()[:3] == [1, pd.NA, 3]


def test_read_corpus_keeps_apostrophes_when_told(tmp_path):
    path = export(table(), "corpus.csv", folder=tmp_path)
    back = read_corpus(path, key=TEST_KEY, pseudonymise=False, unescape=False)
    assert back["text"].iloc[0] == "'" + DANGEROUS[0]


def test_xlsx_text_cells_are_strings_never_formulas(tmp_path):
    t = table()
    t.loc[7, "text"] = "bip\x07 nul\x00 fin"
    path = export(t, "corpus.xlsx", folder=tmp_path, sheet_name="Avis [Tours]: 2026/11")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Avis _Tours__ 2026_11"]
    ws = wb.active
    cells = [ws.cell(row=i, column=3) for i in range(2, 10)]
    assert all(c.data_type == "s" for c in cells)
    assert cells[0].value == DANGEROUS[0] and cells[0].quotePrefix
    assert cells[7].value == "bip nul fin"
    assert export.last_report["removed_characters"] == 2
    assert ws.cell(row=2, column=1).value == "1864427771338227712"
    assert ws.cell(row=2, column=4).value == "2026-03-29T00:30:00Z"
    assert ws.cell(row=2, column=6).value == 1 and ws.cell(row=3, column=6).value is None
    # formulas: none in the file
    formulas = [c for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_xlsx_round_trips_through_read_corpus(tmp_path):
    src = table()
    path = export(src, "corpus.xlsx", folder=tmp_path)
    back = read_corpus(path, key=TEST_KEY, pseudonymise=False)
    assert back["text"].tolist()[:4] == DANGEROUS[:4]
    assert back["doc_id"].tolist() == src["doc_id"].tolist()
    assert (back["created_at"] == src["created_at"]).all()


def test_parquet_keeps_string_ids_and_utc(tmp_path):
    path = export(table(), "corpus.parquet", folder=tmp_path)
    schema = pq.read_schema(path)
    assert str(schema.field("doc_id").type) in ("string", "large_string")
    ts_type = schema.field("created_at").type
    assert str(ts_type).startswith("timestamp[") and str(ts_type.tz) == "UTC"
    back = read_corpus(path, key=TEST_KEY, pseudonymise=False)
    assert back["text"].tolist() == DANGEROUS
    assert back["doc_id"].iloc[0] == "1864427771338227712"


@pytest.mark.parametrize("bad", ["../evil.csv", "sub/../../evil.csv"])
def test_paths_cannot_leave_the_folder(tmp_path, bad):
    with pytest.raises(TerritoireLabError, match="leaves the folder"):
        export(table(), bad, folder=tmp_path / "out")
    assert not (tmp_path / "evil.csv").exists()


def test_absolute_path_with_folder_is_refused(tmp_path):
    with pytest.raises(TerritoireLabError, match="is absolute"):
        export(table(), tmp_path / "x.csv", folder=tmp_path)


def test_file_names_are_sanitised(tmp_path):
    path = export(table(), 'avis: "Tours"?.csv', folder=tmp_path)
    assert path.name == "avis_ _Tours__.csv" and path.parent == tmp_path.resolve()
    assert safe_filename("CON.csv") == "_CON.csv"
    assert safe_filename("a\x00b/c.csv") == "a_b_c.csv"
    assert safe_sheet_name("'x'" + "y" * 40) == "x'" + "y" * 29


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match=r"cannot tell the format of 'corpus\.txt'"):
        export(table(), "corpus.txt", folder=tmp_path)


def test_reloading_an_export_keeps_the_original_provenance(tmp_path):
    corpus = read_corpus(FIX / "duplicates.csv", key=TEST_KEY)
    path = export(corpus, "corpus.csv", folder=tmp_path)
    back = read_corpus(path, key=TEST_KEY, pseudonymise=False)
    assert back["source_file"].tolist() == ["corpus.csv", "corpus.csv"]
    assert back["original_source_file"].tolist() == ["duplicates.csv", "duplicates.csv"]
    assert back["original_source_line"].tolist() == ["2", "3"]
    assert back["author_id"].tolist() == corpus["author_id"].tolist()  # not hashed twice


def test_xlsx_extra_sheets_are_written_as_safely_as_the_first(tmp_path):
    first = pd.DataFrame({"doc_id": ["1875234567890123456"], "text": ["=SUM(A1)"]})
    book = pd.DataFrame({"label": ["tone"], "description": ["@cmd: a value\x07 to check"]})
    path = export(
        first,
        "coding.xlsx",
        folder=tmp_path,
        sheet_name="annotation",
        extra_sheets={"codebook": book},
        widths={"text": 80, "description": 60},
    )
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["annotation", "codebook"]
    cell = wb["codebook"]["B2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("@cmd: a value to check", "s", True)
    assert wb["annotation"]["B2"].quotePrefix and wb["annotation"]["A2"].value == first.iloc[0, 0]
    assert wb["annotation"].column_dimensions["B"].width == 80
    assert wb["codebook"].column_dimensions["B"].width == 60
    assert export.last_report["neutralised"] == 2
    assert export.last_report["removed_characters"] == 1
    with pytest.raises(ValueError, match=r"extra_sheets needs an \.xlsx file"):
        export(first, "coding.csv", folder=tmp_path, extra_sheets={"codebook": book})
