"""Excel workbooks with several sheets: the first by default (the others named), or chosen."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from territoire_lab.exceptions import LoaderError
from territoire_lab.io import read_corpus

from .conftest import TEST_KEY

CONTRACT = ["doc_id", "platform", "text", "created_at", "author_id", "likes"]
GOOGLE = ["reviewId", "title", "name", "stars", "text", "publishedAtDate", "likesCount"]


@pytest.fixture(autouse=True)
def _cards(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


@pytest.fixture
def workbook(tmp_path):
    """A consultant's workbook: posts, Google reviews, a notes sheet and an empty sheet."""
    wb = openpyxl.Workbook()
    posts = wb.active
    posts.title = "Posts Facebook"
    posts.append(CONTRACT)
    posts.append(["1864427771338227712", "facebook", "Fête de la Loire", "28/11/2026 21:30",
                  "marc_b", 3])  # fmt: skip
    posts.append(["1864427771338227713", "facebook", "Marché de Noël", "29/11/2026 10:00",
                  "julie_tours37", 12])  # fmt: skip
    reviews = wb.create_sheet("Avis Google")
    reviews.append(GOOGLE)
    reviews.append(["ChZDSUhNMG9nS0VJQ0FnSUM0", "Château de Chenonceau", "Julie M.", 5,
                    "Magnifique et bondé", "2026-08-10T14:22:31.000Z", 2])  # fmt: skip
    reviews.append([None] * 7)  # blank row: not a record
    reviews.append(["ChdDSUhNMG9nS0VJQ0FnSUM1", "Château de Chenonceau", "Paul V.", 2,
                    "Trop de monde", "2026-08-11T09:00:00.000Z", 0, "en trop"])  # fmt: skip
    reviews.append(["ChdDSUhNMG9nS0VJQ0FnSUM2", "Château d'Amboise", "Léa B.", 4,
                    "Belle vue sur la Loire", "2026-08-12T16:45:00.000Z", 1])  # fmt: skip
    notes = wb.create_sheet("Notes")
    notes.append(["Extraction faite le 28/11/2026 par le cabinet"])
    notes.append(["Ne pas diffuser"])
    wb.create_sheet("Vide")
    path = tmp_path / "etude_touraine.xlsx"
    wb.save(path)
    return path


def test_default_reads_the_first_sheet_and_names_the_others(workbook):
    df = read_corpus(workbook, key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert df["doc_id"].tolist() == ["1864427771338227712", "1864427771338227713"]
    assert df["source_file"].unique().tolist() == ["etude_touraine.xlsx"]
    assert df["source_line"].tolist() == [2, 3]
    assert rep["inputs"][0]["sheets"] == ["etude_touraine.xlsx"]
    (warning,) = rep["warnings"]
    assert warning == (
        "etude_touraine.xlsx: workbook has 4 sheets: read the first, 'Posts Facebook'; not "
        "read: ['Avis Google', 'Notes', 'Vide'] (pass sheet='all', a sheet name or a list "
        "of names to read them)"
    )


def test_one_named_sheet_with_its_own_mapping(workbook):
    df = read_corpus(workbook, key=TEST_KEY, sheet="Avis Google")
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["platform"] == "google_maps"
    assert df["doc_id"].tolist() == ["ChZDSUhNMG9nS0VJQ0FnSUM0", "ChdDSUhNMG9nS0VJQ0FnSUM2"]
    assert df["platform"].unique().tolist() == ["google_maps"]
    assert df["rating"].tolist() == [5.0, 4.0]
    assert df["text"].tolist() == ["Magnifique et bondé", "Belle vue sur la Loire"]
    assert df["source_file"].unique().tolist() == ["etude_touraine.xlsx[Avis Google]"]
    assert df["source_line"].tolist() == [2, 5]  # Excel row numbers; row 3 is blank
    # the row with a cell beyond the header is skipped, named by sheet and row
    (skip,) = rep["skipped"]
    assert (skip["file"], skip["line"]) == ("etude_touraine.xlsx[Avis Google]", 4)
    assert skip["reason"] == "row 4 has values beyond the 7 header columns"
    assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"] == 3
    assert rep["warnings"] == []


def test_a_list_of_sheets_by_name_and_index(workbook):
    df = read_corpus(workbook, key=TEST_KEY, sheet=[1, "Posts Facebook"])
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["sheets"] == [
        "etude_touraine.xlsx[Avis Google]",
        "etude_touraine.xlsx[Posts Facebook]",
    ]
    assert rep["inputs"][0]["platform"] == "google_maps+contract"
    assert rep["inputs"][0]["records"] == 5 and rep["records_in"] == 5
    assert len(df) == 4 and rep["n_skipped"] == 1
    by_file = df.groupby("source_file")["platform"].first().to_dict()
    assert by_file == {
        "etude_touraine.xlsx[Avis Google]": "google_maps",
        "etude_touraine.xlsx[Posts Facebook]": "facebook",
    }
    fb = df.set_index("doc_id").loc["1864427771338227712"]
    assert fb["created_at"] == pd.Timestamp("2026-11-28 20:30", tz="UTC")
    assert fb["source_line"] == 2 and fb["likes"] == 3


def test_all_sheets_refuses_a_sheet_that_is_not_a_corpus(workbook):
    with pytest.raises(LoaderError) as err:
        read_corpus(workbook, key=TEST_KEY, sheet="all")
    msg = str(err.value)
    assert "etude_touraine.xlsx[Notes]" in msg
    assert "missing required columns 'doc_id', 'platform', 'text', 'created_at'" in msg


def test_all_sheets_passes_over_empty_sheets(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Vide"
    ws = wb.create_sheet("Janvier")
    ws.append(CONTRACT)
    ws.append(["101", "instagram", "Neige sur Chambord", "2026-01-12T09:00:00Z", "a", 40])
    ws = wb.create_sheet("Février")
    ws.append(CONTRACT)
    ws.append(["102", "instagram", "Carnaval de Tours", "2026-02-14T15:00:00Z", "b", 7])
    ws.append(["103", "instagram", "Crue du Cher", "il y a 3 jours", "c", 2])
    path = tmp_path / "instagram_2026.xlsx"
    wb.save(path)
    df = read_corpus(path, key=TEST_KEY, sheet="all")
    rep = df.attrs["load_report"]
    assert df["doc_id"].tolist() == ["101", "102"]
    assert df["source_file"].tolist() == [
        "instagram_2026.xlsx[Janvier]",
        "instagram_2026.xlsx[Février]",
    ]
    assert rep["warnings"] == [
        "instagram_2026.xlsx[Vide]: sheet 'Vide' is empty (no header row): nothing read"
    ]
    (skip,) = rep["skipped"]
    assert (skip["file"], skip["line"]) == ("instagram_2026.xlsx[Février]", 3)
    assert skip["reason"].startswith("created_at: relative date 'il y a 3 jours' is not resolved")
    assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"] == 3


def test_unknown_sheet_names_the_sheets(workbook):
    with pytest.raises(LoaderError, match=r"no sheet named 'Avis google'; the workbook's "):
        read_corpus(workbook, key=TEST_KEY, sheet="Avis google")
    with pytest.raises(LoaderError, match=r"sheet index 7 is out of range: the workbook has 4"):
        read_corpus(workbook, key=TEST_KEY, sheet=7)
    with pytest.raises(ValueError, match="expected a sheet name, a 0-based index or 'all'"):
        read_corpus(workbook, key=TEST_KEY, sheet=[1.5])


def test_a_chosen_empty_sheet_is_an_error(workbook):
    with pytest.raises(LoaderError, match=r"etude_touraine.xlsx\[Vide\].*sheet 'Vide' is empty"):
        read_corpus(workbook, key=TEST_KEY, sheet="Vide")
