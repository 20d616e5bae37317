from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

import territoire_lab as tl
from territoire_lab import datasets

from .conftest import TEST_KEY

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_registry_lists_every_data_file():
    reg = datasets.read_registry()
    listed = set(reg["file"])
    on_disk = {
        p.relative_to(SAMPLE).as_posix()
        for p in SAMPLE.rglob("*")
        if p.is_file() and p.suffix in {".csv", ".geojson"} and p.name != "registry.csv"
    }
    assert on_disk == listed
    assert reg["licence"].str.len().gt(0).all()
    assert reg["source"].str.len().gt(0).all()
    assert reg["name"].is_unique


def test_every_sha256_and_row_count_matches_the_registry():
    table = tl.verify_datasets()
    bad = table[~table["ok"]]
    assert bad.empty, f"files differ from registry.csv:\n{bad}"
    assert len(table) >= 12


def test_dataset_path_and_unknown_name():
    assert tl.dataset_path("posts").name == "posts.csv"
    with pytest.raises(KeyError, match="known names"):
        tl.dataset_path("tweets_2019")


def test_sample_corpus_follows_the_contract(sample):
    corpus = sample.corpus
    tl.validate_corpus(corpus)
    assert 20_000 <= len(corpus) <= 60_000
    assert str(corpus["created_at"].dt.tz) == "UTC"
    assert corpus["doc_id"].is_unique
    assert pd.api.types.is_string_dtype(corpus["doc_id"])
    assert str(corpus["likes"].dtype) == "Int64"


def test_sample_rows_match_the_file_exactly(sample):
    """Every record returned, ids exact (X ids > 2^53 survive), text untouched, line right."""
    path = SAMPLE / "posts.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    corpus = sample.corpus
    assert len(corpus) == len(records)
    assert corpus["doc_id"].tolist() == [r["doc_id"] for r in records]
    assert corpus["text"].tolist() == [r["text"] for r in records]
    big = [r["doc_id"] for r in records if r["platform"] == "x"]
    assert any(int(i) > 2**53 for i in big)
    lines = path.read_text("utf-8").split("\n")
    for pos in (0, len(records) // 2, len(records) - 1):
        line = corpus["source_line"].iloc[pos]
        assert lines[line - 1].startswith(records[pos]["doc_id"] + ",")
    assert (corpus["source_file"] == "posts.csv").all()


def test_authors_are_pseudonymised_except_allow_listed_institutions(sample):
    raw_accounts = pd.read_csv(SAMPLE / "accounts.csv", dtype=str, keep_default_na=False)
    allow = set(pd.read_csv(SAMPLE / "institutions.csv", dtype=str)["author_id"])
    raw_people = set(raw_accounts["author_id"]) - allow
    ids = set(sample.corpus["author_id"])
    assert not ids & raw_people
    assert allow & ids  # institutions keep their handle
    pseudo = [i for i in ids if i not in allow]
    assert all(i.startswith("u_") and len(i) == 26 for i in pseudo)
    assert set(sample.interactions["source_author"]) <= set(sample.accounts["author_id"])
    assert TEST_KEY not in "".join(sample.corpus["author_id"])


def test_same_key_same_tables_other_key_other_pseudonyms(sample):
    again = tl.load_sample_corpus(key=TEST_KEY)
    pd.testing.assert_frame_equal(again, sample.corpus)
    other = tl.load_sample_corpus(key="another key for this test only")
    assert (other["author_id"] != again["author_id"]).mean() > 0.5


def test_truth_aligns_with_corpus(sample, truth):
    posts = truth["posts"]
    assert posts["doc_id"].tolist() == sample.corpus["doc_id"].tolist()
    assert set(truth["authors"]["author_id"]) >= set(sample.corpus["author_id"])
    assert set(posts["audience"]) == {"institution", "resident", "visitor", "other"}


def test_territories_communes_real_values():
    communes = tl.load_territories("commune", geometry=False)
    assert len(communes) == 1132
    assert communes["code"].is_unique
    row = communes.set_index("code")
    assert row.loc["37261", "name"] == "Tours"
    assert row.loc["37261", "population"] == 139259
    assert row.loc["41034", "population"] == 102  # Chambord: a château, a hundred inhabitants
    assert set(communes["departement"]) == {"36", "37", "41", "72"}


def test_study_territories():
    study = tl.load_territories("study", geometry=False)
    assert study["code"].tolist() == [
        "37261",
        "37003",
        "37072",
        "37132",
        "41018",
        "41034",
        "72181",
        "36",
    ]
    assert study.set_index("code").loc["36", "level"] == "departement"
    assert study.set_index("code").loc["36", "population"] == 216069


def test_territory_geometries_cover_merged_communes():
    import geopandas as gpd

    communes = tl.load_territories("commune")
    assert isinstance(communes, gpd.GeoDataFrame)
    assert communes.crs.to_epsg() == 4326
    assert communes.geometry.notna().all() and communes.is_valid.all()
    assert len(communes) == 1132
    # Faverolles-en-Berry (36072, COG 2018) merged into 36244 (Valençay area): the current
    # commune's shape contains the former commune's shape.
    raw = gpd.read_file(SAMPLE / "reference" / "communes.geojson").set_index("code")
    current = communes.set_index("code").geometry
    assert current["36244"].area > raw.geometry["36244"].area
    assert current["36244"].buffer(1e-9).contains(raw.geometry["36072"])
    deps = tl.load_territories("departement")
    minx, miny, maxx, maxy = deps.total_bounds
    assert -1.0 < minx < maxx < 3.0 and 46.0 < miny < maxy < 48.5  # Sarthe reaches -0.45°


def test_datatourisme_is_the_unaltered_institutional_voice():
    offices = tl.load_datatourisme()
    raw = pd.read_csv(
        SAMPLE / "reference" / "datatourisme_poi.csv", dtype=str, keep_default_na=False
    )
    assert len(offices) == len(raw) == 2546
    assert offices["doc_id"].is_unique
    first = raw.iloc[0]
    assert offices["text"].iloc[0] == (first["long_description"] or first["short_description"])
    assert (offices["platform"] == "datatourisme").all()
    assert offices["territory_code"].str.fullmatch(r"(36|37|41|72)\d{3}").all()
    assert offices["author_id"].str.contains("Touraine|Blois|Tourisme|Loir", regex=True).any()
