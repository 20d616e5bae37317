"""CorpusStore: Parquet partitions, idempotent appends, DuckDB queries against pandas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from territoire_lab.exceptions import CorpusSchemaError
from territoire_lab.store import CorpusStore

N = 4000


@pytest.fixture(scope="module")
def corpus(sample) -> pd.DataFrame:
    return sample.corpus.head(N).copy()


@pytest.fixture(scope="module")
def store(corpus, tmp_path_factory) -> CorpusStore:
    s = CorpusStore(tmp_path_factory.mktemp("store"))
    s.append(corpus)
    return s


def _month(corpus: pd.DataFrame) -> pd.Series:
    return corpus["created_at"].dt.tz_convert("UTC").dt.strftime("%Y-%m")


def test_append_is_idempotent_and_reports_duplicates(corpus, tmp_path):
    s = CorpusStore(tmp_path / "s")
    first = s.append(corpus)
    assert (first.n_input, first.n_written, first.n_skipped) == (N, N, 0)
    again = s.append(corpus)
    assert (again.n_written, again.n_already_stored, again.n_repeated_in_input) == (0, N, 0)
    assert again.files == []
    assert "already stored" in str(again) and "first occurrence" in again.rule
    assert len(s) == N
    # an overlapping batch: 500 stored + 300 new, with 10 new rows repeated in the input
    more = pd.concat([corpus.iloc[-500:], _fresh(corpus.iloc[:300]), _fresh(corpus.iloc[:10])])
    rep = s.append(more)
    assert (rep.n_input, rep.n_written, rep.n_already_stored, rep.n_repeated_in_input) == (
        810,
        300,
        500,
        10,
    )
    assert len(s) == N + 300
    assert s.query("SELECT count(DISTINCT doc_id) AS n FROM corpus")["n"].iloc[0] == N + 300


def _fresh(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["doc_id"] = ("new_" + out["doc_id"].astype("string")).astype("string")
    return out


def test_stored_row_is_kept_when_a_duplicate_differs(corpus, tmp_path):
    s = CorpusStore(tmp_path / "s")
    s.append(corpus.head(5))
    changed = corpus.head(5).copy()
    changed["text"] = "texte modifié"
    assert s.append(changed).n_already_stored == 5
    back = s.to_pandas().set_index("doc_id")["text"]
    assert back.to_dict() == corpus.head(5).set_index("doc_id")["text"].to_dict()


def test_partitions_on_disk(store, corpus):
    files = store.files()
    expected = set(zip(corpus["platform"], _month(corpus), strict=True))
    on_disk = {(f.parent.parent.name, f.parent.name) for f in files}
    assert on_disk == {(f"platform={p}", f"month={m}") for p, m in expected}
    assert len(files) == len(expected)  # one file a partition for one append
    parts = store.partitions()
    assert len(parts) == len(expected) and set(parts["n_files"]) == {1}
    # partition columns are not repeated inside the files
    import pyarrow.parquet as pq

    assert "platform" not in pq.read_schema(files[0]).names


def test_ids_stay_strings_and_times_utc(store, corpus):
    back = store.to_pandas()
    assert back["doc_id"].dtype == "string" and back["author_id"].dtype == "string"
    assert back["territory_code"].dtype == "string"
    assert str(back["created_at"].dtype) == "datetime64[ns, UTC]"
    big = corpus.loc[corpus["doc_id"].str.fullmatch(r"\d{17,}"), "doc_id"]
    assert len(big) > 100  # ids beyond 2**53 survive exactly
    assert set(big) <= set(back["doc_id"])
    assert back["territory_code"].str.len().isin([2, 5]).all()


def test_full_read_equals_corpus(store, corpus):
    back = store.to_pandas().set_index("doc_id").sort_index()
    ref = corpus.set_index("doc_id").sort_index()
    assert list(back.columns) == list(ref.columns)
    for col in ref.columns:
        a, b = back[col], ref[col]
        if col == "text":
            b = b.astype("string")
        pd.testing.assert_series_equal(a, b, check_dtype=col != "text", check_names=False)


def test_chunked_read_equals_full_read(store):
    full = store.to_pandas()
    chunks = list(store.iter_chunks(1500))
    assert [len(c) for c in chunks] == [1500, 1500, 1000]
    pd.testing.assert_frame_equal(pd.concat(chunks), full)
    cols = list(store.iter_chunks(999, columns=["doc_id", "month"]))
    assert sum(map(len, cols)) == N and list(cols[0].columns) == ["doc_id", "month"]
    assert pd.concat(cols)["doc_id"].tolist() == full["doc_id"].tolist()


def test_count_matches_pandas(store, corpus):
    assert store.count() == N == len(store)
    by = store.count(by=["territory_code", "platform"])
    ref = corpus.groupby(["territory_code", "platform"]).size()
    got = by.set_index(["territory_code", "platform"])["n_docs"]
    assert got.to_dict() == ref.to_dict()
    months = store.count(by="month", platform="instagram")
    ref_m = _month(corpus)[corpus["platform"] == "instagram"].value_counts()
    assert months.set_index("month")["n_docs"].to_dict() == ref_m.to_dict()


def test_filter_matches_pandas(store, corpus):
    start, end = "2025-01-05", pd.Timestamp("2025-01-09 12:00", tz="Europe/Paris")
    got = store.filter(territory=["37261", "36"], start=start, end=end)
    when = corpus["created_at"]
    mask = (
        corpus["territory_code"].isin(["37261", "36"])
        & (when >= pd.Timestamp(start, tz="UTC"))
        & (when < end)
    )
    assert len(got) > 50
    assert sorted(got["doc_id"]) == sorted(corpus.loc[mask, "doc_id"])
    only = store.filter(platform="x", columns=["doc_id", "likes"])
    assert list(only.columns) == ["doc_id", "likes"]
    ref = corpus.loc[corpus["platform"] == "x"].set_index("doc_id")["likes"]
    pd.testing.assert_series_equal(
        only.set_index("doc_id")["likes"].sort_index(), ref.sort_index(), check_names=False
    )


def test_sample_by_territory(store, corpus):
    s1 = store.sample(25, by="territory_code", random_state=3)
    sizes = corpus["territory_code"].value_counts()
    assert s1.groupby("territory_code").size().to_dict() == {
        t: min(25, n) for t, n in sizes.items()
    }
    # rows are real rows of the corpus, unchanged
    ref = corpus.set_index("doc_id")
    assert (ref.loc[s1["doc_id"], "territory_code"].to_numpy() == s1["territory_code"]).all()
    assert (ref.loc[s1["doc_id"], "text"].to_numpy() == s1["text"].to_numpy()).all()
    again = store.sample(25, by="territory_code", random_state=3)
    pd.testing.assert_frame_equal(s1, again)
    other = store.sample(25, by="territory_code", random_state=4)
    assert len(set(other["doc_id"]) & set(s1["doc_id"])) < len(s1) // 2
    small = store.sample(7, by=None, random_state=0, columns=["doc_id"])
    assert len(small) == 7 and small["doc_id"].is_unique


def test_sample_does_not_depend_on_append_order(corpus, store, tmp_path):
    other = CorpusStore(tmp_path / "rev")
    other.append(corpus.iloc[::-1].iloc[:2000])
    other.append(corpus.iloc[::-1].iloc[2000:])
    a = store.sample(10, by=["platform", "month"], random_state=1)
    b = other.sample(10, by=["platform", "month"], random_state=1)
    assert a["doc_id"].tolist() == b["doc_id"].tolist()


def test_query_sql(store, corpus):
    got = store.query(
        "SELECT territory_code, avg(likes) AS mean_likes FROM corpus "
        "WHERE platform = ? GROUP BY 1 ORDER BY 1",
        ["facebook"],
    )
    ref = corpus[corpus["platform"] == "facebook"].groupby("territory_code")["likes"].mean()
    np.testing.assert_allclose(got["mean_likes"].to_numpy(dtype=float), ref.to_numpy(dtype=float))


def test_schema_errors_are_clear(corpus, tmp_path):
    s = CorpusStore(tmp_path / "s")
    with pytest.raises(ValueError, match="empty"):
        s.query("SELECT 1")
    bad = corpus.head(3).copy()
    bad["created_at"] = bad["created_at"].dt.tz_localize(None)
    with pytest.raises(CorpusSchemaError, match="created_at"):
        s.append(bad)
    s.append(corpus.head(3))
    with pytest.raises(ValueError, match="unknown column"):
        s.count(by="territoire")
    other = _fresh(corpus.head(2))
    other["likes"] = ["beaucoup", "peu"]
    with pytest.raises((ValueError, CorpusSchemaError), match="likes"):
        s.append(other)


def test_extra_columns_grow_the_schema(corpus, tmp_path):
    s = CorpusStore(tmp_path / "s")
    s.append(corpus.head(10))
    more = _fresh(corpus.head(10))
    more["campaign"] = pd.array(["été"] * 10, dtype="string")
    s.append(more)
    back = s.to_pandas()
    assert "campaign" in back.columns and back["campaign"].notna().sum() == 10
    assert s.query("SELECT count(campaign) AS n FROM corpus")["n"].iloc[0] == 10
