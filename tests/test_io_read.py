"""read_corpus on damaged and unusual files: formats, encodings, values, dates, refusals."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

import pandas as pd
import pytest

from territoire_lab.exceptions import CorpusSchemaError, LoaderError
from territoire_lab.io import read_corpus
from territoire_lab.privacy import pseudonymize

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"


@pytest.fixture(autouse=True)
def _cards_in_tmp(tmp_path, monkeypatch):
    """Dataset cards of these loads go to a temporary folder, not the user's state folder."""
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


def load(name: str | Path, **kw) -> pd.DataFrame:
    kw.setdefault("key", TEST_KEY)
    path = name if isinstance(name, Path) else FIX / name
    df = read_corpus(path, **kw)
    rep = df.attrs["load_report"]
    assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"]  # conservation
    assert rep["rows_out"] == len(df)
    return df


def pseudo(handle: str) -> str:
    return pseudonymize(pd.Series([handle]), key=TEST_KEY).iloc[0]


def skipped(df: pd.DataFrame) -> list[tuple[int, str]]:
    return [(s["line"], s["reason"]) for s in df.attrs["load_report"]["skipped"]]


# ----------------------------------------------------------------------------- encodings


def test_cp1252_semicolon_french_excel_with_generic_mapping():
    cols = {
        "Identifiant": "doc_id",
        "Réseau": "platform",
        "Texte": "text",
        "Date": "created_at",
        "Compte": "author_id",
        "Latitude": "lat",
        "Longitude": "lon",
    }
    df = load("excel_fr_cp1252_semicolon.csv", columns=cols, allow=["OfficeTourismeTours"])
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["encoding"] == "cp1252"
    assert rep["inputs"][0]["delimiter"] == ";"
    assert df["doc_id"].tolist() == ["1001", "1002", "1003"]
    assert df.loc[0, "text"] == "Très belle journée à Amboise, château superbe ! €5 l'entrée"
    assert df.loc[1, "text"] == 'Marché de Noël à Tours ; vin chaud "maison"'
    assert df.loc[2, "text"] == "Fermé le lundi… dommage"
    # day-first French local time -> UTC (CET = UTC+1)
    assert df.loc[0, "created_at"] == pd.Timestamp("2026-11-28 20:30", tz="UTC")
    assert df.loc[2, "created_at"] == pd.Timestamp("2026-12-01 23:00", tz="UTC")
    assert df.loc[0, "lat"] == pytest.approx(47.4133) and df.loc[1, "lon"] == pytest.approx(0.6848)
    assert df.loc[1, "author_id"] == "OfficeTourismeTours"  # allow-listed
    assert df.loc[0, "author_id"] == pseudo("julie_tours37")
    assert df["source_line"].tolist() == [2, 3, 4]


def test_generic_mapping_names_absent_source_columns():
    with pytest.raises(LoaderError, match=r"names source columns absent from the file: \['Id'\]"):
        read_corpus(FIX / "excel_fr_cp1252_semicolon.csv", columns={"Id": "doc_id"}, key=TEST_KEY)


def test_french_excel_without_mapping_is_refused_naming_the_columns():
    with pytest.raises(LoaderError) as exc:
        read_corpus(FIX / "excel_fr_cp1252_semicolon.csv", key=TEST_KEY)
    msg = str(exc.value)
    assert "excel_fr_cp1252_semicolon.csv, line 1" in msg
    assert "missing required columns 'doc_id', 'platform', 'text', 'created_at'" in msg
    assert "Identifiant, Réseau, Texte" in msg


def test_utf8_bom_is_removed_from_the_first_column():
    df = load("utf8_bom.csv")
    assert df.attrs["load_report"]["inputs"][0]["encoding"] == "utf-8-sig"
    assert df["doc_id"].tolist() == ["2001"]
    assert df.loc[0, "text"] == "Coucher de soleil sur la Loire 🌅"
    assert df.loc[0, "created_at"] == pd.Timestamp("2026-06-21 19:45", tz="UTC")


def test_utf16le_tab_separated_unicode_text_export():
    df = load("utf16le_unicode_text.txt")
    rep = df.attrs["load_report"]["inputs"][0]
    assert (rep["encoding"], rep["delimiter"]) == ("utf-16-le", "\t")
    assert df["text"].tolist() == ["Balade à Chinon, vin de Loire", "Été à Loches"]
    # naive summer time in Paris -> UTC+2
    assert df.loc[1, "created_at"] == pd.Timestamp("2026-07-01 07:00", tz="UTC")


def test_utf16be_with_an_unquoted_comma_skips_that_record_only():
    df = load("utf16be.csv")
    assert df.attrs["load_report"]["inputs"][0]["encoding"] == "utf-16-be"
    assert df["doc_id"].tolist() == ["3002"]
    assert skipped(df) == [
        (2, "6 fields, expected 5 (delimiter ','); an unquoted delimiter or quote in a field?")
    ]


def test_mixed_utf8_and_cp1252_lines_are_read_and_reported(caplog):
    with caplog.at_level(logging.WARNING, logger="territoire_lab"):
        df = load("mixed_utf8_cp1252.csv")
    assert df["text"].tolist() == [
        "Première ligne en UTF-8 é",
        "Deuxième ligne en cp1252 è",
        "Troisième en UTF-8 ç",
        "Quatrième en cp1252 à € œ",
    ]
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["encoding"] == "mixed (utf-8 + cp1252)"
    expected = (
        "mixed_utf8_cp1252.csv, line 3: mixed encodings: 2 line(s) are not UTF-8 and were "
        "decoded as cp1252 (lines 3, 5)"
    )
    assert rep["warnings"] == [expected]
    assert expected in caplog.text


def test_mac_roman_file():
    df = load("mac_roman.csv", allow=["OfficeTourismeTours"])
    assert df.attrs["load_report"]["inputs"][0]["encoding"] == "mac-roman"
    assert df.loc[0, "text"] == "Pâté de Tours et rillettes - été à Vouvray"


def test_forced_encoding_and_delimiter(tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes(
        "doc_id|platform|text|created_at|author_id\n1|web|Noël|2026-12-24|a\n".encode("latin-1")
    )
    df = load(p, encoding="latin-1", delimiter="|")
    assert df.loc[0, "text"] == "Noël"
    assert df.attrs["load_report"]["inputs"][0]["encoding"] == "latin-1"


# ----------------------------------------------------------------------------- layout


def test_cr_only_line_ends_with_a_quoted_newline():
    df = load("cr_only_lines.csv")
    assert df["text"].tolist() == ["Ligne un\rligne deux", "Suite"]
    assert df["source_line"].tolist() == [2, 4]


def test_quoted_crlf_newlines_keep_text_and_start_lines():
    df = load("quoted_newlines_crlf.csv")
    assert df.loc[0, "text"] == 'Super séjour.\r\n\r\nChambre propre, accueil "top".'
    assert df["source_line"].tolist() == [2, 5]
    assert df["territory_code"].tolist() == ["37261", "37261"]


def test_pipe_delimited_and_date_only():
    df = load("pipe_delimited.csv")
    assert df.attrs["load_report"]["inputs"][0]["delimiter"] == "|"
    assert df.loc[0, "text"] == "A, B et C"
    assert df.loc[0, "created_at"] == pd.Timestamp("2025-12-31 23:00", tz="UTC")


def test_truncated_last_record_is_skipped_with_its_line():
    df = load("truncated_last_record.csv")
    assert df["doc_id"].tolist() == ["10001", "10002"]
    assert skipped(df) == [
        (
            4,
            "truncated last record: 3 fields, expected 8; the file ends in the middle of a "
            "record (interrupted download or copy?)",
        )
    ]


def test_record_with_extra_field_is_skipped():
    df = load("extra_field.csv")
    assert df["doc_id"].tolist() == ["11001", "11003"]
    assert skipped(df)[0][0] == 3
    assert "9 fields, expected 8" in skipped(df)[0][1]


def test_duplicate_header_names_are_kept_and_reported():
    df = load("duplicate_header.csv")
    assert df.loc[0, "note"] == "un" and df.loc[0, "note.1"] == "deux"
    assert df.attrs["load_report"]["warnings"] == [
        "duplicate_header.csv, line 1: column 'note' appears twice; the second is kept as 'note.1'"
    ]


def test_unknown_columns_are_kept_and_listed():
    df = load("unknown_columns.csv")
    assert df.loc[0, "campagne"] == "noel2026" and df.loc[0, "Humeur"] == "joie"
    assert df.attrs["load_report"]["unknown_columns"] == ["campagne", "Humeur"]
    assert list(df.columns[-2:]) == ["campagne", "Humeur"]


def test_gzip_content_is_detected_whatever_the_name():
    df = load("posts_csv.gz")
    rep = df.attrs["load_report"]["inputs"][0]
    assert (rep["compression"], rep["format"]) == ("gzip", "csv")
    assert df.loc[0, "text"] == "gzippé"


def test_truncated_gzip_download_reads_the_readable_part():
    df = load("truncated_download.csv.gz")
    rep = df.attrs["load_report"]
    assert rep["warnings"] == [
        "truncated_download.csv.gz: gzip stream is truncated: only its readable part is read"
    ]
    assert len(df) == 98 and rep["records_in"] == 99
    assert df["doc_id"].iloc[-1] == "18097"
    assert "truncated last record" in rep["skipped"][0]["reason"]


def test_xlsx_renamed_csv_with_mangled_id_and_formula_text(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["doc_id", "platform", "text", "created_at", "author_id", "likes"])
    ws.append(["1864427771338227712", "facebook", "texte", "28/11/2026 21:30", "marc_b", 3])
    ws.append([1.86235e18, "facebook", "id saisi dans Excel", "2026-11-28T21:31:00Z", "a", None])
    ws.append([None, None, None, None, None, None])  # blank row: not a record
    ws.append([1001, "facebook", "NA", "2026-11-28T21:32:00Z", None, 0])
    path = tmp_path / "export.csv"  # an xlsx with a .csv name
    wb.save(path)
    df = load(path)
    assert df.attrs["load_report"]["inputs"][0]["format"] == "xlsx"
    assert df["doc_id"].tolist() == ["1864427771338227712", "1.86235e+18", "1001"]
    assert df["id_mangled"].tolist() == [False, True, False]
    assert df["source_line"].tolist() == [2, 3, 5]
    assert df.loc[2, "text"] == "NA" and pd.isna(df.loc[2, "author_id"])
    assert df["likes"].tolist()[0] == 3
    assert df.loc[0, "created_at"] == pd.Timestamp("2026-11-28 20:30", tz="UTC")


def test_parquet_is_detected_by_content(tmp_path):
    src = pd.DataFrame(
        {
            "doc_id": ["1864427771338227712", "2"],
            "platform": ["x", "x"],
            "text": ["a", "b"],
            "created_at": pd.to_datetime(["2026-01-01T10:00Z", "2026-01-02T10:00Z"]),
            "author_id": ["marc_b", None],
        }
    )
    path = tmp_path / "corpus.bin"
    src.to_parquet(path)
    df = load(path)
    assert df.attrs["load_report"]["inputs"][0]["format"] == "parquet"
    assert df["doc_id"].tolist() == ["1864427771338227712", "2"]
    assert df.loc[1, "created_at"] == pd.Timestamp("2026-01-02 10:00", tz="UTC")
    assert df.loc[0, "author_id"] == pseudo("marc_b") and pd.isna(df.loc[1, "author_id"])


# ----------------------------------------------------------------------------- JSON


def test_json_array_of_records():
    df = load("records_array.json", allow=["OfficeTourismeTours"])
    assert df["doc_id"].tolist() == ["19001", "19002", "19003"]
    assert df["source_line"].tolist() == [1, 2, 3]  # record numbers
    assert df.loc[0, "text"] == "Programme des Fêtes"
    assert pd.isna(df.loc[2, "author_id"])  # a missing author stays missing


def test_truncated_json_array_keeps_complete_records():
    df = load("records_array_truncated.json")
    assert df["doc_id"].tolist() == ["19001", "19002"]
    ((line, reason),) = skipped(df)
    assert line == 3
    assert reason.startswith("record 3 of the JSON array is truncated or broken")


def test_truncated_ndjson_last_line():
    df = load("records_truncated.ndjson")
    assert df["doc_id"].tolist() == ["19001", "19002"]
    assert skipped(df) == [(3, "bad JSON: Unterminated string starting at at column 72")]


def test_broken_json_document_names_the_line():
    with pytest.raises(LoaderError, match=r"broken_document\.json, line 3: invalid JSON"):
        read_corpus(FIX / "broken_document.json", key=TEST_KEY)


def test_json_of_unknown_kind_is_refused_with_its_keys():
    with pytest.raises(LoaderError, match=r"unknown kind \(keys: \['type', 'features'\]\)"):
        read_corpus(FIX / "not_corpus.json", key=TEST_KEY)


def test_single_line_20mb_json_response(tmp_path):
    import json

    posts = [
        {
            "doc_id": str(10**18 + i),
            "platform": "web",
            "text": "é" * 2000,
            "created_at": "2026-01-01T00:00:00Z",
            "author_id": f"user{i % 50}",
        }
        for i in range(5000)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(posts, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    df = load(path)
    assert len(df) == 5000 and df["doc_id"].iloc[-1] == str(10**18 + 4999)


_READ_IN_CHILD = """
import json, sys, time
from pathlib import Path
from territoire_lab.io import read_corpus
t0 = time.perf_counter()
res = read_corpus(sys.argv[1], key=sys.argv[2], return_tables=True, card=False)
seconds = time.perf_counter() - t0
peak = next(
    float(line.split()[1])
    for line in Path("/proc/self/status").read_text().splitlines()
    if line.startswith("VmHWM:")
)
df, rep = res.corpus, res.corpus.attrs["load_report"]
last = df.iloc[-1]
print(json.dumps({
    "rows": len(df), "accounts": len(res.accounts), "interactions": len(res.interactions),
    "records_in": rep["records_in"], "n_skipped": rep["n_skipped"], "seconds": seconds,
    "peak_mib": peak / 1024, "last_id": last["doc_id"], "last_len": len(last["text"]),
    "last_views": int(last["views"]), "platform": rep["inputs"][0]["platform"],
}))
"""


def test_single_line_20mb_x_api_response_under_a_minute_and_2gb(tmp_path):
    """One X API v2 search response of 20 MB on a single line (data + includes.users).

    Read in a child process, so that its peak resident memory (VmHWM) is its own.
    """
    import subprocess
    import sys

    n_users, n = 2000, 20_000
    users = [
        {
            "id": str(10**18 + u),
            "username": f"visiteur_{u}",
            "name": f"Visiteur {u}",
            "description": "Amoureux de la Loire, des châteaux et du vélo",
            "location": "Tours, France",
            "public_metrics": {"followers_count": u, "following_count": 100},
        }
        for u in range(n_users)
    ]
    phrase = (
        "Balade à vélo le long de la Loire entre Tours et Amboise, pique-nique au bord de l'eau "
    )
    data = [
        {
            "id": str(1864427771338227712 + i),
            "text": f"{phrase * 8}n°{i} @visiteur_{(i + 1) % n_users}",
            "created_at": f"2026-07-14T10:{i % 60:02d}:00.000Z",
            "author_id": str(10**18 + i % n_users),
            "lang": "fr",
            "public_metrics": {"like_count": i % 50, "retweet_count": i % 7,
                               "reply_count": i % 3, "impression_count": 100 + i},
            "entities": {"mentions": [{"username": f"visiteur_{(i + 1) % n_users}"}]},
        }
        for i in range(n)
    ]  # fmt: skip
    page = {"data": data, "includes": {"users": users}, "meta": {"result_count": n}}
    path = tmp_path / "x_search_response.json"
    path.write_text(json.dumps(page, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    raw = path.read_bytes()
    assert len(raw) > 20_000_000 and raw.count(b"\n") == 0
    out = subprocess.run(
        [sys.executable, "-c", _READ_IN_CHILD, str(path), TEST_KEY],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["platform"] == "x_v2"
    assert (got["rows"], got["records_in"], got["n_skipped"]) == (n, n, 0)
    assert (got["accounts"], got["interactions"]) == (n_users, n)
    assert got["last_id"] == str(1864427771338227712 + n - 1)  # exact beyond 2^53
    assert got["last_len"] == len(phrase) * 8 + len(f"n°{n - 1} @visiteur_0")
    assert got["last_views"] == 100 + n - 1
    assert got["seconds"] < 60, got
    assert got["peak_mib"] < 2048, got


def test_one_megabyte_post_keeps_its_length(tmp_path):
    text = ("Tours, " * 150_000)[:1_000_000]
    path = tmp_path / "long.csv"
    pd.DataFrame(
        {
            "doc_id": ["1"],
            "platform": ["web"],
            "text": [text],
            "created_at": ["2026-01-01"],
            "author_id": ["a"],
        }
    ).to_csv(path, index=False)
    df = load(path)
    assert len(df.loc[0, "text"]) == 1_000_000 and df.loc[0, "text"] == text


# ----------------------------------------------------------------------------- values


def test_na_like_words_stay_text():
    df = load("na_words.csv")
    assert df["text"].tolist() == ["NA", "None", "N/A", "null", "nan"]
    authors = df["author_id"].tolist()
    assert authors[0] == pseudo("None") and authors[2] == pseudo("nan")
    assert pd.isna(authors[3])  # the empty cell only
    assert df["author_id"].isna().sum() == 1


def test_ids_above_2_pow_53_stay_exact_beside_blanks():
    df = load("big_ids.csv")
    assert df["doc_id"].tolist() == [
        "1864427771338227712",
        "1864427771338227713",
        "9007199254740993",
    ]
    assert df.loc[1, "reply_to_id"] == "1864427771338227712"
    assert pd.isna(df.loc[0, "reply_to_id"])
    assert df.loc[0, "author_id"] == pseudo("1500000000000000001")
    assert df["likes"].tolist()[0] == 3 and pd.isna(df["likes"].tolist()[1])
    assert skipped(df) == [(4, "no doc_id: a document needs its id")]


def test_excel_mangled_ids_are_flagged_not_fixed(caplog):
    with caplog.at_level(logging.WARNING, logger="territoire_lab"):
        df = load("excel_mangled_ids.csv")
    assert df["doc_id"].tolist() == ["1,86235E+18", "1864427771338227712", "1,86442E+18"]
    assert df["id_mangled"].tolist() == [True, False, True]
    warns = df.attrs["load_report"]["warnings"]
    assert len(warns) == 2
    assert warns[0].startswith(
        "excel_mangled_ids.csv, line 2: doc_id '1,86235E+18' looks mangled by a spreadsheet"
    )
    assert "not fixed" in caplog.text


def test_formula_like_text_is_read_as_text():
    df = load("formula_injection.csv")
    assert df["text"].tolist() == [
        '=HYPERLINK("http://evil.example","clic")',
        "+33 6 12 34 56 78 appelez",
        "-1+1",
        "@SUM(A1:A9)",
    ]
    assert df.loc[3, "author_id"] == pseudo("julie_tours37")  # "@" is not part of the handle


def test_duplicates_keep_first_and_report_the_rule():
    df = load("duplicates.csv")
    assert df["text"].tolist() == ["original", "autre"]
    assert skipped(df) == [
        (
            4,
            "duplicate doc_id '12001': an identical copy of the row kept at duplicates.csv, "
            "line 2 (rule: keep_first)",
        ),
        (
            5,
            "duplicate doc_id '12002': a different version of the row kept at duplicates.csv, "
            "line 3 (rule: keep_first)",
        ),
    ]


def test_duplicates_keep_last_and_error():
    df = load("duplicates.csv", duplicates="keep_last")
    assert sorted(df["text"]) == ["autre (modifié)", "original"]
    assert "(rule: keep_last)" in skipped(df)[0][1]
    with pytest.raises(LoaderError, match=r"duplicates\.csv, line 4: doc_id '12001' appears"):
        read_corpus(FIX / "duplicates.csv", key=TEST_KEY, duplicates="error")


def test_duplicates_across_files_name_both_files(tmp_path):
    other = tmp_path / "again.csv"
    shutil.copy(FIX / "duplicates.csv", other)
    df = read_corpus([FIX / "duplicates.csv", other], key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert rep["records_in"] == 8 and len(df) == 2 and rep["n_skipped"] == 6
    assert "again.csv" in [s["file"] for s in rep["skipped"]]
    assert "kept at duplicates.csv, line 2" in rep["skipped"][-2]["reason"]


# ----------------------------------------------------------------------------- dates


def test_dates_in_every_format_with_dst_and_relative():
    df = load("dates_mixed.csv")
    got = dict(zip(df["doc_id"], df["created_at"], strict=True))
    utc = pd.Timestamp("2026-11-28 20:30", tz="UTC")
    for doc in ("13001", "13002", "13003", "13004", "13005", "13006"):
        assert got[doc] == utc, doc
    assert got["13007"] == pd.Timestamp("2026-07-14 19:30", tz="UTC")  # CEST
    assert got["13010"] == pd.Timestamp("2026-10-25 00:30", tz="UTC")  # ambiguous: summer
    assert got["13011"] == pd.Timestamp("2026-03-29 01:00", tz="UTC")  # gap: shifted
    assert got["13012"] == pd.Timestamp("2026-07-14 10:00", tz="UTC")
    lines = skipped(df)
    assert [ln for ln, _ in lines] == [9, 10, 14]
    assert lines[0][1].startswith(
        "created_at: relative date 'il y a 3 jours' is not resolved against today"
    )
    assert "relative date 'hier'" in lines[1][1]
    assert lines[2][1] == "created_at is empty: a document needs a date"
    warns = df.attrs["load_report"]["warnings"]
    assert warns[0].startswith(
        "dates_mixed.csv, line 11: created_at: local time 2026-10-25 02:30 is ambiguous"
    )
    assert warns[1].startswith(
        "dates_mixed.csv, line 12: created_at: local time 2026-03-29 02:30 does not exist"
    )


def test_other_time_zone(tmp_path):
    p = tmp_path / "nyc.csv"
    p.write_text("doc_id,platform,text,created_at,author_id\n1,x,t,2026-01-01 12:00,a\n")
    df = load(p, tz="America/New_York")
    assert df.loc[0, "created_at"] == pd.Timestamp("2026-01-01 17:00", tz="UTC")


# ----------------------------------------------------------------------------- refusals


def test_zero_byte_file_is_refused():
    with pytest.raises(LoaderError, match=r"zero_byte\.csv: zero-byte file"):
        read_corpus(FIX / "zero_byte.csv", key=TEST_KEY)


def test_bom_only_file_is_refused():
    with pytest.raises(LoaderError, match=r"bom_only\.csv: the file holds only blanks"):
        read_corpus(FIX / "bom_only.csv", key=TEST_KEY)


def test_missing_required_column_is_named():
    with pytest.raises(LoaderError) as exc:
        read_corpus(FIX / "missing_column.csv", key=TEST_KEY)
    assert exc.value.line == 1
    assert "missing required column 'created_at'" in str(exc.value)


def test_missing_platform_column_can_be_filled():
    with pytest.raises(LoaderError, match="pass platform='<name>' to fill it"):
        read_corpus(FIX / "fourcat_export.csv", key=TEST_KEY)


def test_header_only_gives_zero_rows_with_the_contract_columns():
    from territoire_lab.schema import CORPUS

    df = load("header_only.csv")
    assert len(df) == 0
    assert list(df.columns) == CORPUS.column_names
    assert str(df["created_at"].dtype) == "datetime64[ns, UTC]"


def test_value_out_of_range_names_file_and_line():
    with pytest.raises(
        CorpusSchemaError, match=r"473\.9 \(row label 1, bad_latitude\.csv:line 3\)"
    ):
        read_corpus(FIX / "bad_latitude.csv", key=TEST_KEY)


def test_missing_file():
    with pytest.raises(LoaderError, match="no such file"):
        read_corpus(FIX / "nope.csv", key=TEST_KEY)


def test_several_files_and_provenance(tmp_path):
    df = read_corpus(
        [FIX / "utf8_bom.csv", FIX / "records_array.json", FIX / "posts_csv.gz"],
        key=TEST_KEY,
        progress=False,
    )
    assert df["source_file"].tolist() == [
        "utf8_bom.csv",
        "records_array.json",
        "records_array.json",
        "records_array.json",
        "posts_csv.gz",
    ]
    rep = df.attrs["load_report"]
    assert [i["format"] for i in rep["inputs"]] == ["csv", "json", "csv"]
    assert rep["records_in"] == 5


def test_many_skipped_records_are_summarised_in_the_log(tmp_path, caplog):
    rows = "".join(f"{i},x,t,il y a {i} jours,a\n" for i in range(30))
    p = tmp_path / "rel.csv"
    p.write_text("doc_id,platform,text,created_at,author_id\n" + rows + "99,x,t,2026-01-01,a\n")
    with caplog.at_level(logging.INFO, logger="territoire_lab"):
        df = load(p)
    assert len(df) == 1 and df.attrs["load_report"]["n_skipped"] == 30
    assert "10 more skipped records or warnings" in caplog.text
    assert "31 records from 1 file(s) (rel.csv): 1 rows kept, 30 skipped" in caplog.text


def test_gzip_of_ndjson(tmp_path):
    p = tmp_path / "dump.gz"
    p.write_bytes(gzip.compress((FIX / "records_truncated.ndjson").read_bytes()))
    df = load(p)
    assert df["doc_id"].tolist() == ["19001", "19002"]
    assert df.attrs["load_report"]["inputs"][0]["format"] == "ndjson"


def test_chunked_csv_reading_gives_the_same_table(monkeypatch):
    from territoire_lab.io import tabular

    whole = load("quoted_newlines_crlf.csv")
    monkeypatch.setattr(tabular, "_CHUNK", 1)
    chunked = load("quoted_newlines_crlf.csv")
    pd.testing.assert_frame_equal(whole, chunked)


def test_unicode_line_separators_inside_fields_do_not_split_records(tmp_path):
    text = "avant\u2028après\x0cfin\x85"
    p = tmp_path / "sep.csv"
    p.write_text(f"doc_id,platform,text,created_at,author_id\n1,web,{text},2026-01-01,a\n")
    q = tmp_path / "sep.ndjson"
    rec = {"doc_id": "1", "platform": "web", "text": text, "created_at": "2026-01-01"}
    import json

    q.write_text(json.dumps(rec | {"author_id": "a"}, ensure_ascii=False) + "\n")
    assert load(p)["text"].tolist() == [text]
    assert load(q)["text"].tolist() == [text]


def test_json_records_keep_numbers_exact_and_nested_values_as_json(tmp_path):
    import json

    p = tmp_path / "rec.json"
    rec = {
        "doc_id": 1864427771338227712,
        "platform": "web",
        "text": "t",
        "created_at": "2026-01-01",
        "author_id": None,
        "likes": 3,
        "tags": ["a", "b"],
        "sponsored": False,
    }
    p.write_text(json.dumps([rec]))
    df = load(p)
    assert df.loc[0, "doc_id"] == "1864427771338227712" and df.loc[0, "likes"] == 3
    assert df.loc[0, "tags"] == '["a", "b"]' and df.loc[0, "sponsored"] == "false"


def test_chunked_ndjson_reading_gives_the_same_tables(monkeypatch):
    from territoire_lab.io import tabular

    whole = read_corpus(FIX / "x_v2_pages.jsonl", key=TEST_KEY, return_tables=True)
    trunc = load("records_truncated.ndjson")
    monkeypatch.setattr(tabular, "_CHUNK", 1)
    chunked = read_corpus(FIX / "x_v2_pages.jsonl", key=TEST_KEY, return_tables=True)
    pd.testing.assert_frame_equal(whole.corpus, chunked.corpus)
    pd.testing.assert_frame_equal(whole.interactions, chunked.interactions)
    pd.testing.assert_frame_equal(load("records_truncated.ndjson"), trunc)
    assert chunked.corpus.attrs["load_report"]["inputs"][0]["platform"] == "x_v2"
