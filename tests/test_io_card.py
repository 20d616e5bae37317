"""The dataset card written with every load: where, what it holds, and what it never holds."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from territoire_lab.io import cards_dir, dataset_card, default_card_name, read_corpus
from territoire_lab.privacy import key_id

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"


@pytest.fixture
def cards(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cards"
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(folder))
    return folder


def test_every_load_writes_its_card_into_the_cards_folder(cards):
    before = sorted(p.name for p in FIX.iterdir())
    df = read_corpus(FIX / "duplicates.csv", key=TEST_KEY)
    rep = df.attrs["load_report"]
    written = sorted(p.name for p in cards.iterdir())
    name = default_card_name(df)
    assert written == [name, name.replace(".json", ".md")]
    assert name.startswith("duplicates.csv-") and name.endswith(".card.json")
    assert rep["card"] == str(cards / name)
    assert sorted(p.name for p in FIX.iterdir()) == before  # nothing in the input folder
    card = json.loads((cards / name).read_text(encoding="utf-8"))
    assert (card["records_in"], card["rows_out"], card["n_skipped"]) == (4, 2, 2)
    # the skipped records, named by file and 1-based line, with the rule applied
    assert card["skipped"] == [
        {
            "file": "duplicates.csv",
            "line": 4,
            "reason": "duplicate doc_id '12001': an identical copy of the row kept at "
            "duplicates.csv, line 2 (rule: keep_first)",
        },
        {
            "file": "duplicates.csv",
            "line": 5,
            "reason": "duplicate doc_id '12002': a different version of the row kept at "
            "duplicates.csv, line 3 (rule: keep_first)",
        },
    ]
    assert card["options"]["duplicates"] == "keep_first" and card["options"]["tz"] == "Europe/Paris"
    assert card["pseudonymisation"]["key_id"] == key_id(TEST_KEY)
    assert card["library"]["territoire_lab"]
    assert card["licence"] is None


def test_the_same_load_overwrites_its_card_another_load_adds_one(cards):
    read_corpus(FIX / "duplicates.csv", key=TEST_KEY)
    read_corpus(FIX / "duplicates.csv", key=TEST_KEY)
    assert len(list(cards.glob("*.card.json"))) == 1
    read_corpus(FIX / "duplicates.csv", key=TEST_KEY, duplicates="keep_last")
    read_corpus(FIX / "duplicates.csv", key="another key for the same files, 2026")
    names = sorted(p.name for p in cards.glob("*.card.json"))
    assert len(names) == 3 and len({n.split("-")[-1] for n in names}) == 3


def test_card_content_for_several_platforms_with_licence_and_terms(cards):
    df = read_corpus(
        [
            FIX / "x_v2_pages.jsonl",
            FIX / "datatourisme_jsonld.json",
            FIX / "mastodon_statuses.json",
        ],
        key=TEST_KEY,
        licence="Convention de partage de données ADT Touraine, 2026",
    )
    path = Path(df.attrs["load_report"]["card"])
    assert path.name.startswith("x_v2_pages.jsonl+2-")
    card = json.loads(path.read_text(encoding="utf-8"))
    assert card == json.loads(json.dumps(dataset_card(df))) | {"created": card["created"]}
    assert [(i["name"], i["platform"]) for i in card["inputs"]] == [
        ("x_v2_pages.jsonl", "x_v2"),
        ("datatourisme_jsonld.json", "datatourisme_jsonld"),
        ("mastodon_statuses.json", "mastodon"),
    ]
    assert (
        card["platforms"]
        == {
            "datatourisme": card["platforms"]["datatourisme"],
            "x": 3,
            "mastodon": 3,
        }
        and card["platforms"]["datatourisme"] >= 1
    )
    assert card["licence"] == "Convention de partage de données ADT Touraine, 2026"
    assert set(card["terms"]) == {"x", "mastodon", "datatourisme"}
    assert card["terms"]["datatourisme"].startswith("Licence Ouverte / Open Licence 2.0")
    assert card["period"][0] <= card["period"][1]
    md = path.with_suffix(".md").read_text(encoding="utf-8")
    assert md.startswith("# Dataset card\n")
    assert "- licence: Convention de partage de données ADT Touraine, 2026" in md
    assert f"| x_v2_pages.jsonl | `{card['inputs'][0]['sha256']}` | ndjson |" in md
    assert f"key id {key_id(TEST_KEY)}" in md
    for text in (path.read_text(encoding="utf-8"), md):
        assert TEST_KEY not in text  # the key id, never the key
        assert "julie_tours37" not in text and "paul_v" not in text


def test_markdown_lists_skipped_records_and_warnings(cards):
    df = read_corpus(FIX / "dates_mixed.csv", key=TEST_KEY)
    rep = df.attrs["load_report"]
    md = Path(rep["card"]).with_suffix(".md").read_text(encoding="utf-8")
    assert rep["n_skipped"] >= 1 and rep["warnings"]
    first = rep["skipped"][0]
    assert f"- dates_mixed.csv, line {first['line']}: " in md
    assert f"- {rep['warnings'][0]}" in md


def test_explicit_file_or_folder_and_no_card(tmp_path, cards):
    df = read_corpus(FIX / "duplicates.csv", key=TEST_KEY, card=tmp_path / "res" / "carte.json")
    assert df.attrs["load_report"]["card"] == str(tmp_path / "res" / "carte.json")
    assert sorted(p.name for p in (tmp_path / "res").iterdir()) == ["carte.json", "carte.md"]
    df = read_corpus(FIX / "duplicates.csv", key=TEST_KEY, card=tmp_path / "cartes")
    assert Path(df.attrs["load_report"]["card"]).parent == tmp_path / "cartes"
    df = read_corpus(FIX / "duplicates.csv", key=TEST_KEY, card=False)
    assert df.attrs["load_report"]["card"] is None
    assert not cards.exists()  # no default card was written by these loads


def test_default_folder_is_the_user_state_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("TERRITOIRE_LAB_CARDS", raising=False)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert cards_dir() == tmp_path / "state" / "territoire_lab" / "cards"
    df = read_corpus(FIX / "utf8_bom.csv", key=TEST_KEY)
    assert Path(df.attrs["load_report"]["card"]).parent == cards_dir()


def test_cards_folder_that_is_a_file_does_not_stop_the_load(tmp_path, monkeypatch, caplog):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("un fichier, pas un dossier", encoding="utf-8")
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(blocker))
    with caplog.at_level(logging.WARNING, logger="territoire_lab"):
        df = read_corpus(FIX / "utf8_bom.csv", key=TEST_KEY)
    assert len(df) > 0 and df.attrs["load_report"]["card"] is None
    assert f"dataset card not written to {blocker}" in caplog.text
    assert blocker.read_text(encoding="utf-8") == "un fichier, pas un dossier"
