"""Privacy at load: pseudonyms, allow-list, scrubbing, dataset card, no raw handle in outputs."""

from __future__ import annotations

import hashlib
import json
import logging
import zipfile
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from territoire_lab.export import export
from territoire_lab.io import dataset_card, read_corpus
from territoire_lab.privacy import key_id, pseudonymize, scrub_text

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"


@pytest.fixture(autouse=True)
def _cards_in_tmp(tmp_path, monkeypatch):
    """Dataset cards of these loads go to a temporary folder, not the user's state folder."""
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


#: every raw handle or personal name written in the fixtures below
RAW = [
    "julie_tours37",
    "marc_b",
    "paul_v",
    "drone_paul",
    "julie-tours.bsky.social",
    "paul-v.bsky.social",
    "Julie Martin",
    "Julie M.",
    "c.dupont",
    "Claire Dupont",
    "closluce",
]
FILES = [
    "x_v2_pages.jsonl",
    "zeeschuimer_mixed.ndjson",
    "mastodon_statuses.json",
    "bluesky_search.json",
    "formula_injection.csv",
    "rss_office_tourisme.xml",
    "google_maps_reviews.csv",
]


def test_scrub_text_replaces_mentions_emails_and_french_phones():
    s = pd.Series(
        [
            "Merci @julie_tours37 et @Mairie_Tours ! écrivez à c.dupont@tours-tourisme.fr",
            "Réservation au 02 47 70 37 37, au +33 6 12 34 56 78 ou 06.12.34.56.78",
            "Prix 12 34 56 € ; ticket 0612345678 ; année 2026",
            None,
        ]
    )
    out = scrub_text(s, key=TEST_KEY, allow=["mairie_tours"])
    pj = pseudonymize(pd.Series(["julie_tours37"]), key=TEST_KEY).iloc[0]
    assert out.iloc[0] == f"Merci @{pj} et @Mairie_Tours ! écrivez à <email>"
    assert out.iloc[1] == "Réservation au <tel>, au <tel> ou <tel>"
    assert out.iloc[2] == "Prix 12 34 56 € ; ticket <tel> ; année 2026"
    assert pd.isna(out.iloc[3])
    assert s.iloc[0].startswith("Merci @julie_tours37")  # input untouched


def test_scrub_text_handles_mastodon_and_bluesky_handles():
    s = pd.Series(["Merci @paul_v@mastodon.social et @paul-v.bsky.social !"])
    out = scrub_text(s, key=TEST_KEY).iloc[0]
    p1, p2 = pseudonymize(
        pd.Series(["paul_v@mastodon.social", "paul-v.bsky.social"]), key=TEST_KEY
    ).tolist()
    assert out == f"Merci @{p1} et @{p2} !"


def test_scrub_at_load_adds_a_column_and_keeps_text():
    df = read_corpus(FIX / "x_v2_pages.jsonl", key=TEST_KEY, scrub=True, allow=["mairie_tours"])
    first = df.iloc[0]
    assert first["text"] == "Les illuminations de Tours ce soir @mairie_tours @paul_v 🎄"
    pv = pseudonymize(pd.Series(["paul_v"]), key=TEST_KEY).iloc[0]
    assert first["text_scrubbed"] == f"Les illuminations de Tours ce soir @mairie_tours @{pv} 🎄"


def test_missing_author_stays_missing_and_no_pseudonym_of_none():
    df = read_corpus(FIX / "records_array.json", key=TEST_KEY)
    assert pd.isna(df["author_id"].iloc[2])
    none_pseudo = pseudonymize(pd.Series(["None"]), key=TEST_KEY).iloc[0]
    assert none_pseudo not in set(df["author_id"].dropna())


def test_same_key_same_pseudonyms_across_files_other_key_differs():
    a = read_corpus(FIX / "twarc2_flat.jsonl", key=TEST_KEY)
    b = read_corpus(FIX / "x_v2_pages.jsonl", key=TEST_KEY)
    c = read_corpus(FIX / "x_v2_pages.jsonl", key="another key of at least 16 bytes")
    assert a["author_id"].iloc[0] == b["author_id"].iloc[0]
    assert a["author_id"].iloc[0] != c["author_id"].iloc[0]
    assert len(a["author_id"].iloc[0]) == 2 + 24  # 96 bits


def test_key_from_environment(monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET", TEST_KEY)
    df = read_corpus(FIX / "twarc2_flat.jsonl")
    ref = read_corpus(FIX / "twarc2_flat.jsonl", key=TEST_KEY)
    assert df["author_id"].tolist() == ref["author_id"].tolist()
    assert df.attrs["load_report"]["key_id"] == key_id(TEST_KEY)


def test_dataset_card(tmp_path):
    card_path = tmp_path / "card.json"
    df = read_corpus(
        [FIX / "duplicates.csv", FIX / "x_v2_pages.jsonl"], key=TEST_KEY, card=card_path
    )
    card = json.loads(card_path.read_text(encoding="utf-8"))
    assert card == json.loads(json.dumps(dataset_card(df))) | {"created": card["created"]}
    assert [i["name"] for i in card["inputs"]] == ["duplicates.csv", "x_v2_pages.jsonl"]
    sha = hashlib.sha256((FIX / "duplicates.csv").read_bytes()).hexdigest()
    assert card["inputs"][0]["sha256"] == sha
    assert card["inputs"][0]["records"] == 4 and card["inputs"][1]["platform"] == "x_v2"
    assert (card["records_in"], card["rows_out"], card["n_skipped"]) == (7, 5, 2)
    assert card["platforms"] == {"x": 5}
    assert card["pseudonymisation"]["key_id"] == key_id(TEST_KEY)
    assert {"name": "doc_id", "dtype": "string"} in card["columns"]
    assert card["period"][0].startswith("2026-01-01T00:00:00")
    assert "path" not in card["inputs"][0]


def test_no_raw_handle_nor_secret_in_any_output(tmp_path, caplog):
    out = tmp_path / "out"
    log_file = tmp_path / "load.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    lib_logger = logging.getLogger("territoire_lab")
    lib_logger.addHandler(handler)
    old_level = lib_logger.level
    lib_logger.setLevel(logging.DEBUG)
    try:
        res = read_corpus(
            [FIX / f for f in FILES],
            key=TEST_KEY,
            scrub=True,
            allow=["mairie_tours", "OfficeTourismeTours"],
            card=out / "card.json",
            return_tables=True,
        )
        shared = res.corpus.drop(columns=["text"])  # the published text holds @mentions
        export(shared, "corpus.csv", folder=out)
        export(shared, "corpus.xlsx", folder=out)
        export(shared, "corpus.parquet", folder=out)
        export(res.accounts, "accounts.csv", folder=out)
        export(res.interactions, "interactions.xlsx", folder=out)
        (out / "corpus.html").write_text(shared.to_html(), encoding="utf-8")
    finally:
        lib_logger.removeHandler(handler)
        lib_logger.setLevel(old_level)
        handler.close()
    assert len(res.corpus) == 19 and len(res.accounts) >= 6 and len(res.interactions) >= 5
    texts = {"load.log": log_file.read_text(encoding="utf-8") + caplog.text}
    for path in out.iterdir():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as zf:
                texts[path.name] = "".join(zf.read(n).decode("utf-8") for n in zf.namelist())
        elif path.suffix == ".parquet":
            table = pq.read_table(path)
            texts[path.name] = str(table.to_pylist()) + str(table.schema.metadata)
            texts[path.name + " (bytes)"] = path.read_bytes().decode("latin-1")
        else:
            texts[path.name] = path.read_text(encoding="utf-8-sig")
    assert {"corpus.csv", "corpus.xlsx", "corpus.parquet", "corpus.html", "card.json"} <= set(texts)
    assert "mairie_tours" in texts["corpus.csv"]  # allow-listed institution kept
    for name, text in texts.items():
        low = text.lower()
        for raw in RAW:
            assert raw.lower() not in low, f"{raw!r} found in {name}"
        assert TEST_KEY not in text, f"the secret is in {name}"


def test_allow_list_as_one_handle_or_institutions_file():
    import territoire_lab as tl

    one = read_corpus(FIX / "x_v2_pages.jsonl", key=TEST_KEY, allow="mairie_tours")
    assert one["author_id"].iloc[1] == "mairie_tours"
    sample = tl.datasets.sample_dir()
    df = read_corpus(sample / "posts.csv", key=TEST_KEY, allow=sample / "institutions.csv")
    ref = tl.load_sample_corpus(key=TEST_KEY)
    assert df["author_id"].tolist() == ref["author_id"].tolist()
    assert (df["created_at"] == ref["created_at"]).all()


#: raw handles and names of the side-table fixtures (replies, reposts, quotes, profiles)
SIDE_FILES = [
    "x_v1_reply_retweet_quote.json",
    "zeeschuimer_side_tables.ndjson",
    "mastodon_thread.json",
    "bluesky_feed_reply_quote.json",
]
SIDE_RAW = [
    "julie_tours37",
    "paul_v",
    "marc_b",
    "lea.b_37",
    "drone_paul",
    "chenonceau_officiel",
    "anne_r",
    "tom_41",
    "claire-37.bsky.social",
    "hugo.bsky.social",
    "Julie M.",
    "Paul V.",
    "Marc B",
    "Balades en Touraine",
    "Randonneuse",
    "Tourangelle",
]


def test_side_tables_and_default_card_hold_no_raw_handle(tmp_path):
    out = tmp_path / "out"
    res = read_corpus(
        [FIX / f for f in SIDE_FILES],
        key=TEST_KEY,
        allow=["mairie_tours", "villeamboise", "tourisme_blois", "amboise-tourisme.bsky.social"],
        return_tables=True,
    )
    assert len(res.accounts) >= 12 and len(res.interactions) >= 20
    # institutions keep their names, on both ends of the edges
    assert {"mairie_tours", "villeamboise", "tourisme_blois"} <= set(res.accounts["author_id"])
    assert "amboise-tourisme.bsky.social" in set(res.interactions["target_author"])
    export(res.accounts, "accounts.csv", folder=out)
    export(res.interactions, "interactions.csv", folder=out)
    export(res.corpus.drop(columns=["text"]), "corpus.csv", folder=out)
    card = Path(res.corpus.attrs["load_report"]["card"])
    texts = {p.name: p.read_text(encoding="utf-8-sig") for p in out.iterdir()}
    texts[card.name] = card.read_text(encoding="utf-8")
    texts[card.with_suffix(".md").name] = card.with_suffix(".md").read_text(encoding="utf-8")
    assert len(texts) == 5
    for name, text in texts.items():
        for raw in SIDE_RAW:
            assert raw.lower() not in text.lower(), f"{raw!r} found in {name}"
        assert TEST_KEY not in text
