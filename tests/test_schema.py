"""Tests of the data contract (territoire_lab.schema)."""

from __future__ import annotations

import dataclasses
import logging

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from territoire_lab import schema
from territoire_lab.exceptions import CorpusSchemaError
from territoire_lab.schema import (
    ACCOUNTS,
    CORPUS,
    INTERACTIONS,
    KNOWN_PLATFORMS,
    SPECS,
    TERRITORIES,
    ColumnSpec,
    TableSpec,
    check_columns,
    coerce_accounts,
    coerce_corpus,
    coerce_table,
    coerce_territories,
    column_dictionary,
    validate_accounts,
    validate_corpus,
    validate_interactions,
    validate_table,
    validate_territories,
)

STRING_DTYPES = ["object", "str", "string"]
BIG_X_ID = "1875234567890123456"  # above 2**53: a float cannot hold it
STRING_COLUMNS = [
    "doc_id",
    "platform",
    "text",
    "author_id",
    "lang",
    "territory_code",
    "territory_level",
]


def _problems(err: pytest.ExceptionInfo[CorpusSchemaError], column: str) -> list[str]:
    """Problems of an error that are about ``column``."""
    return [p for p in err.value.problems if p.startswith(f"column {column!r}")]


def _corpus(string_dtype: str = "object") -> pd.DataFrame:
    """A small valid corpus: X posts, a Google Maps review, a tourism-office page."""
    df = pd.DataFrame(
        {
            "doc_id": [BIG_X_ID, "1875234567890123457", "ChdDSUhNMG9nS0VJQ0FnSUR", "dt-0042"],
            "platform": ["x", "x", "google_maps", "datatourisme"],
            "text": [
                "Quelle belle journée au bord de la Loire à Tours ! #Touraine",
                "",
                "Plage magnifique, eau turquoise. On reviendra à Ajaccio 🌞",
                "Bourg-en-Bresse, ville d'art et d'histoire.",
            ],
            "created_at": pd.to_datetime(
                [
                    "2025-07-14T10:00:00Z",
                    "2025-07-14T10:05:00Z",
                    "2025-08-02T16:30:00Z",
                    "2024-12-31T23:00:00Z",
                ],
                utc=True,
            ),
            "author_id": ["12345678", "987654321098765432", "g-author-7", None],
            "lang": ["fr", "fr", "fr", None],
            "territory_code": ["37261", "37", "2A004", "01053"],
            "territory_level": ["commune", "departement", "commune", "commune"],
            "lat": [47.394, np.nan, 41.919, 46.205],
            "lon": [0.684, np.nan, 8.738, 5.226],
            "likes": pd.array([12, 0, None, None], dtype="Int64"),
            "rating": [np.nan, np.nan, 5.0, np.nan],
            "text_clean": ["quelle belle journée", "", "plage magnifique", "bourg"],
        }
    )
    for col in STRING_COLUMNS:
        df[col] = df[col].astype(string_dtype)
    return df


# --------------------------------------------------------------------------- specs


def test_specs_are_frozen_data():
    assert set(SPECS) == {"corpus", "accounts", "interactions", "territories"}
    assert SPECS["corpus"] is CORPUS
    assert CORPUS.required_columns == [
        "doc_id",
        "platform",
        "text",
        "created_at",
        "author_id",
    ]
    assert CORPUS["doc_id"].unique and not CORPUS["doc_id"].nullable
    assert CORPUS["author_id"].nullable
    assert ACCOUNTS.unique_together == (("author_id", "platform"),)
    assert TERRITORIES.unique_together == (("code", "level"),)
    with pytest.raises(dataclasses.FrozenInstanceError):
        CORPUS["doc_id"].nullable = True  # type: ignore[misc]
    with pytest.raises(KeyError, match="no column 'nope'"):
        CORPUS["nope"]
    with pytest.raises(ValueError, match="dtype"):
        ColumnSpec("x", dtype="int32")


def test_column_dictionary_is_tidy():
    table = column_dictionary(CORPUS)
    assert list(table.columns) == ["column", "dtype", "required", "nullable", "rule", "description"]
    assert table["column"].tolist() == CORPUS.column_names
    row = table.set_index("column").loc["doc_id"]
    assert row["dtype"] == "string"
    assert bool(row["required"]) and not bool(row["nullable"])
    assert "unique" in row["rule"] and "never float" in row["rule"]
    assert "integer >= 0" in table.set_index("column").loc["likes", "rule"]
    assert "[1, 5]" in table.set_index("column").loc["rating", "rule"]
    for name in SPECS:
        assert len(column_dictionary(name)) == len(SPECS[name].columns)


def test_unknown_table_name():
    with pytest.raises(KeyError, match="known tables"):
        validate_table(_corpus(), "posts")


def test_validate_rejects_non_dataframe():
    with pytest.raises(TypeError, match="DataFrame"):
        validate_corpus([{"doc_id": "1"}])  # type: ignore[arg-type]


# --------------------------------------------------------------------------- valid tables


@pytest.mark.parametrize("string_dtype", STRING_DTYPES)
def test_valid_corpus_passes_and_is_returned_unchanged(string_dtype):
    df = _corpus(string_dtype)
    before = df.copy(deep=True)
    out = validate_corpus(df)
    assert out is df
    pd.testing.assert_frame_equal(df, before)
    assert validate_table(df, "corpus") is df


def test_minimal_and_empty_corpora_pass():
    minimal = _corpus()[["doc_id", "platform", "text", "created_at", "author_id"]]
    validate_corpus(minimal)
    empty = pd.DataFrame(columns=["doc_id", "platform", "text", "created_at", "author_id"])
    validate_corpus(empty)


def test_all_missing_optional_column_read_as_float_passes():
    # read_csv reads an empty reply_to_id column as float64 NaN: no digit is lost
    df = _corpus().assign(reply_to_id=np.nan, source_line=np.nan)
    validate_corpus(df)


def test_unknown_lowercase_platform_is_accepted(caplog):
    df = _corpus().assign(platform="pixelfed")
    with caplog.at_level(logging.INFO, logger="territoire_lab"):
        validate_corpus(df)
    assert "pixelfed" in caplog.text


def test_datetime_resolution_does_not_matter():
    df = _corpus()
    df["created_at"] = df["created_at"].dt.as_unit("s")
    validate_corpus(df)


# --------------------------------------------------------------------------- problems


@pytest.mark.parametrize("string_dtype", STRING_DTYPES)
def test_three_problems_are_reported_together(string_dtype):
    df = _corpus(string_dtype)
    df["doc_id"] = [1875234567890123456.0, 1875234567890123457.0, 3.0, 4.0]
    df["created_at"] = pd.to_datetime(
        ["2025-07-14 12:00", "2025-07-14 12:05", "2025-08-02 18:30", "2025-01-01 00:00"]
    )
    df["likes"] = pd.array([12, -3, None, 4], dtype="Int64")
    before = df.copy(deep=True)

    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)

    assert err.value.table == "corpus"
    assert len(err.value.problems) == 3, err.value.problems
    (doc_id,) = _problems(err, "doc_id")
    assert "float64" in doc_id
    assert "ids were read as floats, which loses digits above 2^53; read with dtype=str" in doc_id
    assert "row label 0" in doc_id
    # the two big ids collapsed into one float: said within the same problem
    assert "share an id" in doc_id
    (created,) = _problems(err, "created_at")
    assert "naive datetimes" in created and "4 rows" in created
    assert "Europe/Paris" in created and "coerce_corpus" in created
    (likes,) = _problems(err, "likes")
    assert "1 negative value" in likes and "-3 (row label 1)" in likes
    assert "fix:" in likes
    # one message lists them all, numbered
    assert "3 problems" in str(err.value) and "  3. column" in str(err.value)
    assert isinstance(err.value, ValueError)
    pd.testing.assert_frame_equal(df, before)


def test_missing_required_columns_with_rename_hint():
    df = _corpus().drop(columns=["text"]).rename(columns={"created_at": "created"})
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    assert len(err.value.problems) == 2
    (text,) = _problems(err, "text")
    assert "no such column" in text and "doc_id" in text
    (created,) = _problems(err, "created_at")
    assert "rename 'created' to 'created_at'" in created


def test_duplicates_show_values_and_row_labels():
    df = _corpus()
    df.loc[3, "doc_id"] = BIG_X_ID
    df.index = [10, 11, 12, 13]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (dup,) = _problems(err, "doc_id")
    assert "1 duplicated value shared by 2 rows" in dup
    assert f"'{BIG_X_ID}' in row label 10, row label 13" in dup
    assert "drop_duplicates" in dup


def test_non_unique_index_uses_one_based_positions():
    df = pd.concat([_corpus(), _corpus().assign(doc_id=list("abcd"))])
    df["likes"] = pd.array([1, 2, 3, 4, 5, 6, -7, 8], dtype="Int64")
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (likes,) = _problems(err, "likes")
    assert "-7 (position 7 (1-based))" in likes


def test_examples_name_source_file_and_line():
    df = _corpus().assign(source_file="posts.csv", source_line=pd.array([2, 3, 4, 5], "Int64"))
    df.loc[2, "rating"] = 0.0
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (rating,) = _problems(err, "rating")
    assert "0.0 (row label 2, posts.csv:line 4)" in rating
    assert "Booking" in rating


def test_nulls_in_non_nullable_columns():
    df = _corpus()
    df["text"] = [None, "ok", "ok", "ok"]
    df["doc_id"] = ["1", "", "3", "4"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (text,) = _problems(err, "text")
    assert "1 missing value" in text and "fillna('')" in text
    (doc_id,) = _problems(err, "doc_id")
    assert "1 empty string" in doc_id and "row label 1" in doc_id


@pytest.mark.parametrize("string_dtype", STRING_DTYPES)
def test_code_that_lost_its_leading_zero(string_dtype):
    df = _corpus(string_dtype)
    df["territory_code"] = pd.Series(["37261", "37", "2A004", "1053"], dtype=string_dtype)
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (code,) = _problems(err, "territory_code")
    assert "1 code that lost its leading zero" in code
    assert "'1053' (row label 3)" in code
    assert "dtype=str" in code and "zfill(5)" in code


def test_codes_stored_as_integers():
    df = _corpus().assign(territory_code=[37261, 37, 41018, 1053])
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (code,) = _problems(err, "territory_code")
    assert "codes stored as numbers (int64" in code
    assert "lost their leading zero" in code and "1053 (row label 3)" in code
    assert "read codes as text: dtype=str" in code and "zfill(5)" in code


def test_code_invalid_for_its_level_and_level_required():
    df = _corpus()
    df["territory_code"] = ["37000", "2a", "2A004", "200069052"]
    df["territory_level"] = ["region", "departement", None, "epci"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (code,) = _problems(err, "territory_code")
    assert "2 codes that are not valid COG codes for their territory_level" in code
    assert "'37000' (row label 0), '2a' (row label 1)" in code
    (level,) = _problems(err, "territory_level")
    assert "1 row with a territory_code but no territory_level" in level


def test_destination_codes_are_free_form():
    df = _corpus().assign(territory_code="val-de-loire", territory_level="destination")
    validate_corpus(df)


def test_lat_without_lon():
    df = _corpus().drop(columns=["lon"])
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (prob,) = err.value.problems
    assert "'lat' column but no 'lon' column" in prob

    df = _corpus()
    df.loc[1, "lat"] = 47.39
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (prob,) = err.value.problems
    assert "lat" in prob and "lon" in prob
    assert "1 lat without lon" in prob and "row label 1" in prob


def test_out_of_range_coordinates_hint_at_projection():
    df = _corpus()
    df.loc[0, "lat"] = 6_701_000.0  # Lambert-93 northing
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (lat,) = _problems(err, "lat")
    assert "outside [-90, 90]" in lat and "Lambert-93" in lat


def test_vocabulary_and_pattern_problems():
    df = _corpus()
    df["platform"] = ["X", "x", "google maps", "datatourisme"]
    df["lang"] = ["fr", "fr-FR", "FR", None]
    df["territory_level"] = ["Commune", "departement", "commune", "commune"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (platform,) = _problems(err, "platform")
    assert "2 values not matching" in platform and ".str.lower()" in platform
    (lang,) = _problems(err, "lang")
    assert "'fr-FR' (row label 1), 'FR' (row label 2)" in lang
    (level,) = _problems(err, "territory_level")
    assert "'Commune' -> 'commune'" in level


def test_float_counts_and_text_dates():
    df = _corpus()
    df["likes"] = [12.0, 0.5, np.nan, np.nan]
    df["created_at"] = ["2025-07-14 12:00", "hier", "2025-08-02T18:30:00+02:00", "2025-01-01"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (likes,) = _problems(err, "likes")
    assert "not whole numbers" in likes and "0.5 (row label 1)" in likes
    (created,) = _problems(err, "created_at")
    assert "1 value cannot be parsed as ISO 8601" in created and "'hier' (row label 1)" in created


def test_epoch_numbers_and_other_time_zones():
    df = _corpus().assign(created_at=[1752487200, 1752487500, 1754152200, 1735686000])
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    assert "unit='s'" in _problems(err, "created_at")[0]

    df = _corpus()
    df["created_at"] = df["created_at"].dt.tz_convert("Europe/Paris")
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    assert "tz_convert('UTC')" in _problems(err, "created_at")[0]


def test_integer_ids_are_a_dtype_problem_fixed_by_coercion():
    df = _corpus().assign(doc_id=[1875234567890123456, 1875234567890123457, 3, 4])
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(df)
    (doc_id,) = _problems(err, "doc_id")
    assert "int64" in doc_id and "coerce_corpus" in doc_id
    validate_corpus(coerce_corpus(df))


# --------------------------------------------------------------------------- coercion


@pytest.mark.parametrize("string_dtype", STRING_DTYPES)
def test_coerce_naive_paris_times(string_dtype):
    raw = _corpus().drop(columns=["created_at"])
    raw["created_at"] = pd.Series(
        [
            "2025-07-14 12:00:00",  # summer: UTC+2
            "2025-01-15 12:00",  # winter: UTC+1
            "2025-08-02T18:30:00+02:00",  # explicit offset
            "2024-12-31T23:00:00Z",  # already UTC
        ],
        dtype=string_dtype,
    )
    out = coerce_corpus(raw)
    assert str(out["created_at"].dtype) == "datetime64[ns, UTC]"
    assert out["created_at"].tolist() == [
        pd.Timestamp("2025-07-14 10:00", tz="UTC"),
        pd.Timestamp("2025-01-15 11:00", tz="UTC"),
        pd.Timestamp("2025-08-02 16:30", tz="UTC"),
        pd.Timestamp("2024-12-31 23:00", tz="UTC"),
    ]
    validate_corpus(out)


def test_coerce_naive_datetime64_and_other_tz():
    raw = _corpus().assign(created_at=pd.to_datetime(["2025-07-14 12:00"] * 4))
    assert coerce_corpus(raw)["created_at"].iloc[0] == pd.Timestamp("2025-07-14 10:00", tz="UTC")
    martinique = coerce_corpus(raw, tz="America/Martinique")["created_at"].iloc[0]
    assert martinique == pd.Timestamp("2025-07-14 16:00", tz="UTC")


def test_coerce_handles_daylight_saving_changes():
    raw = _corpus().assign(
        created_at=["2025-10-26 02:30", "2025-03-30 02:30", "2025-10-26 01:30", "2025-10-26 03:30"]
    )
    out = coerce_corpus(raw)
    assert out["created_at"].iloc[0] == pd.Timestamp("2025-10-26 00:30", tz="UTC")  # summer
    assert out["created_at"].iloc[1] == pd.Timestamp("2025-03-30 01:00", tz="UTC")  # shifted
    validate_corpus(out)


def test_coerce_mixed_datetime_objects():
    import datetime as dt

    raw = _corpus()
    raw["created_at"] = pd.Series(
        [
            dt.datetime(2025, 7, 14, 12, 0),
            dt.datetime(2025, 7, 14, 12, 0, tzinfo=dt.timezone.utc),
            "2025-01-15 12:00",
            None,
        ],
        dtype=object,
    )
    raw = raw.iloc[:3]
    out = coerce_corpus(raw)
    assert out["created_at"].tolist() == [
        pd.Timestamp("2025-07-14 10:00", tz="UTC"),
        pd.Timestamp("2025-07-14 12:00", tz="UTC"),
        pd.Timestamp("2025-01-15 11:00", tz="UTC"),
    ]


def test_coerce_leaves_unparseable_dates_for_validation(caplog):
    raw = _corpus().assign(created_at=["2025-07-14 12:00", "hier à 14h", "2025-01-01", None])
    with caplog.at_level(logging.WARNING, logger="territoire_lab"):
        out = coerce_corpus(raw)
    assert out["created_at"].tolist() == raw["created_at"].tolist()  # no silent NaT
    assert "cannot be parsed" in caplog.text
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(out)
    unparsed, missing = _problems(err, "created_at")
    assert "1 value cannot be parsed as ISO 8601 dates" in unparsed
    assert "'hier à 14h' (row label 1)" in unparsed
    assert "1 missing value" in missing and "row label 3" in missing


def test_coerce_keeps_big_integer_ids_exact():
    raw = _corpus().assign(
        doc_id=np.array([1875234567890123456, 1875234567890123457, 3, 4], dtype="int64"),
        author_id=pd.array([987654321098765432, None, 5, 6], dtype="Int64"),
    )
    out = coerce_corpus(raw)
    assert out["doc_id"].tolist() == [BIG_X_ID, "1875234567890123457", "3", "4"]
    assert out["author_id"].tolist()[0] == "987654321098765432"
    assert out["author_id"].isna().tolist() == [False, True, False, False]
    assert isinstance(out["doc_id"].dtype, pd.StringDtype)
    validate_corpus(out)


def test_coerce_mixed_str_and_int_ids():
    raw = _corpus().assign(doc_id=pd.Series([BIG_X_ID, 42, "abc", 7], dtype=object))
    out = coerce_corpus(raw)
    assert out["doc_id"].tolist() == [BIG_X_ID, "42", "abc", "7"]


def test_coerce_does_not_convert_float_ids():
    raw = _corpus().assign(doc_id=[1875234567890123456.0, 2.0, 3.0, 4.0])
    out = coerce_corpus(raw)
    assert out["doc_id"].dtype == np.float64
    with pytest.raises(CorpusSchemaError, match="2\\^53"):
        validate_corpus(out)


@pytest.mark.parametrize("string_dtype", STRING_DTYPES)
def test_coerce_never_touches_text_nor_input(string_dtype):
    raw = _corpus(string_dtype)
    raw["text"] = pd.Series(["  Tours ❤️  ", "", "À Ajaccio", "l'été"], dtype=string_dtype)
    raw["likes"] = [12.0, 0.0, np.nan, np.nan]
    raw["created_at"] = ["2025-07-14 12:00"] * 4
    before = raw.copy(deep=True)
    out = coerce_corpus(raw)
    assert out is not raw
    pd.testing.assert_frame_equal(raw, before)
    pd.testing.assert_series_equal(out["text"], raw["text"])
    pd.testing.assert_series_equal(out["text_clean"], raw["text_clean"])  # extra column
    assert out["likes"].dtype == "Int64"
    assert list(out.columns) == list(raw.columns)
    validate_corpus(out)


def test_coerce_numbers_from_text():
    raw = _corpus()
    raw["lat"] = ["47,394", None, "41.919", "46,205"]
    raw["lon"] = ["0,684", None, "8.738", "5.226"]
    raw["likes"] = ["12", "0", None, "3"]
    raw["rating"] = [None, None, "4,5", None]
    out = coerce_corpus(raw)
    assert out["lat"].tolist()[0] == pytest.approx(47.394)
    assert out["lat"].dtype == np.float64
    assert out["likes"].tolist()[:2] == [12, 0] and out["likes"].dtype == "Int64"
    assert out["rating"].iloc[2] == 4.5
    validate_corpus(out)


def test_coerce_leaves_non_integral_counts():
    raw = _corpus().assign(likes=[1.5, 2.0, np.nan, np.nan])
    assert coerce_corpus(raw)["likes"].dtype == np.float64
    raw = _corpus().assign(likes=["1,2k", "3", None, None])
    assert coerce_corpus(raw)["likes"].tolist()[0] == "1,2k"


def test_coerce_never_pads_codes():
    raw = _corpus().assign(territory_code=[37261, 37, 41018, 1053])
    out = coerce_corpus(raw)
    assert out["territory_code"].tolist() == ["37261", "37", "41018", "1053"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(out)
    (code,) = _problems(err, "territory_code")
    assert "'1053'" in code and "zfill(5)" in code


def test_coerce_booleans_and_accounts():
    raw = pd.DataFrame(
        {
            "author_id": ["tours_tourisme", "12345", "12345"],
            "platform": ["instagram", "x", "mastodon"],
            "followers": ["15200", "87", None],
            "verified": ["oui", "non", None],
            "is_institution": ["True", "0", "false"],
            "home_code": ["37261", None, "2A004"],
            "audience": ["institution", "resident", "visitor"],
        }
    )
    out = coerce_accounts(raw)
    assert out["verified"].dtype == "boolean"
    assert out["verified"].tolist()[:2] == [True, False] and out["verified"].isna().iloc[2]
    assert out["is_institution"].tolist() == [True, False, False]
    assert out["followers"].dtype == "Int64"
    validate_accounts(out)
    assert coerce_accounts(raw.assign(verified=["oui", "peut-être", None]))["verified"].dtype != (
        "boolean"
    )


# --------------------------------------------------------------------------- other tables


def _accounts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "author_id": ["tours_tourisme", "12345", "12345"],
            "platform": ["instagram", "x", "mastodon"],
            "followers": pd.array([15200, 87, None], dtype="Int64"),
            "verified": pd.array([True, False, None], dtype="boolean"),
            "home_code": ["37261", None, "2A004"],
            "audience": ["institution", "resident", "visitor"],
        }
    )


def test_accounts_unique_per_platform():
    validate_accounts(_accounts())  # same author_id on two platforms is fine
    df = pd.concat([_accounts(), _accounts().iloc[[1]]], ignore_index=True)
    with pytest.raises(CorpusSchemaError) as err:
        validate_accounts(df)
    assert err.value.table == "accounts"
    (prob,) = err.value.problems
    assert prob.startswith("column ('author_id', 'platform')")
    assert "('12345', 'x') in row label 1, row label 3" in prob


def test_accounts_problems():
    df = _accounts()
    df["followers"] = pd.array([-1, 87, None], dtype="Int64")
    df["home_code"] = ["37261", "1053", "2A004"]
    df["audience"] = ["institution", "touriste", "visitor"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_accounts(df)
    assert len(err.value.problems) == 3
    assert "negative" in _problems(err, "followers")[0]
    assert "leading zero" in _problems(err, "home_code")[0]
    assert "'touriste'" in _problems(err, "audience")[0]


def test_interactions_kind():
    df = pd.DataFrame(
        {
            "source_author": ["12345", "67890"],
            "target_author": ["tours_tourisme", "12345"],
            "kind": ["mention", "Repost"],
            "doc_id": [BIG_X_ID, "1875234567890123457"],
            "created_at": pd.to_datetime(["2025-07-14T10:00Z", None], utc=True),
            "platform": ["x", "x"],
        }
    )
    with pytest.raises(CorpusSchemaError) as err:
        validate_interactions(df)
    (kind,) = err.value.problems
    assert "'Repost' (row label 1)" in kind and "'Repost' -> 'repost'" in kind
    df.loc[1, "kind"] = "repost"
    assert validate_interactions(df) is df
    assert validate_table(df.drop(columns=["created_at", "platform"]), INTERACTIONS) is not None


def _territories() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "code": ["37261", "2A004", "01053", "37", "24", "24", "200069052"],
            "level": [
                "commune",
                "commune",
                "commune",
                "departement",
                "departement",
                "region",
                "epci",
            ],
            "name": [
                "Tours",
                "Ajaccio",
                "Bourg-en-Bresse",
                "Indre-et-Loire",
                "Dordogne",
                "Centre-Val de Loire",
                "CA du Pays Ajaccien",
            ],
            "population": pd.array(
                [137087, 71361, 41248, 610079, 413223, 2573180, None], dtype="Int64"
            ),
        }
    )


def test_territories_code_unique_within_level():
    validate_territories(_territories())  # '24' is both Dordogne and Centre-Val de Loire
    df = _territories()
    df.loc[1, "code"] = "37261"
    df.loc[3, "level"] = "département"
    with pytest.raises(CorpusSchemaError) as err:
        validate_territories(df)
    assert err.value.table == "territories"
    (dup,) = [p for p in err.value.problems if p.startswith("column ('code', 'level')")]
    assert "('37261', 'commune') in row label 0, row label 1" in dup
    (level,) = _problems(err, "level")
    assert "'département' -> 'departement'" in level


def test_territories_geometry_checked_only_if_present():
    class FakeShape:  # stands for a shapely geometry: geopandas is an optional extra
        @property
        def __geo_interface__(self) -> dict:
            return {"type": "Point", "coordinates": (0.68, 47.39)}

    df = _territories().assign(geometry=[FakeShape()] * 7)
    validate_territories(df)
    df = _territories().assign(geometry=["POINT (0.68 47.39)"] + [FakeShape()] * 6)
    with pytest.raises(CorpusSchemaError) as err:
        validate_territories(df)
    (geom,) = err.value.problems
    assert "'POINT (0.68 47.39)' (row label 0)" in geom and "from_wkt" in geom


def test_coerce_territories_codes_as_text():
    raw = _territories().assign(population=[137087.0, 71361.0, 41248.0, 1, 2, 3, np.nan])
    out = coerce_territories(raw)
    assert out["population"].dtype == "Int64"
    assert out["code"].tolist() == _territories()["code"].tolist()
    validate_territories(out)


# --------------------------------------------------------------------------- check_columns


def test_check_columns_hint():
    df = _corpus()
    assert check_columns(df, ["doc_id", "text_clean"], where="sentiment.score") is None
    with pytest.raises(CorpusSchemaError) as err:
        check_columns(df, ["doc_id", "text_clena", "topic"], where="sentiment.score")
    assert len(err.value.problems) == 2
    (typo,) = _problems(err, "text_clena")
    assert "did you mean 'text_clean'" in typo and "sentiment.score" in typo
    assert "columns present: doc_id, platform" in typo
    (topic,) = _problems(err, "topic")
    assert "run the step that adds 'topic'" in topic


# --------------------------------------------------------------------------- properties

_CODES = [
    ("37261", "commune"),
    ("2A004", "commune"),
    ("01001", "commune"),
    ("37", "departement"),
    ("974", "departement"),
    ("24", "region"),
    ("200069052", "epci"),
    ("val-de-loire", "destination"),
    (None, None),
]


@st.composite
def raw_corpora(draw: st.DrawFn) -> pd.DataFrame:
    """Raw corpora as a loader may produce them: valid once coerced."""
    ids = st.one_of(
        st.integers(0, 2**63 - 1),
        st.from_regex(r"[0-9]{1,19}|[A-Za-z0-9_-]{1,24}", fullmatch=True),
    )
    when = st.one_of(
        st.datetimes(
            min_value=pd.Timestamp("2006-01-01"), max_value=pd.Timestamp("2030-12-31")
        ).map(lambda d: d.isoformat(sep=" ")),
        st.datetimes(
            min_value=pd.Timestamp("2006-01-01"),
            max_value=pd.Timestamp("2030-12-31"),
            timezones=st.sampled_from([pd.Timestamp.now("UTC").tz]),
        ).map(lambda d: d.isoformat()),
    )
    count = st.one_of(st.none(), st.integers(0, 10**12))
    row = st.fixed_dictionaries(
        {
            "doc_id": ids,
            "platform": st.sampled_from(KNOWN_PLATFORMS),
            "text": st.text(max_size=40),
            "created_at": when,
            "author_id": st.one_of(st.none(), ids),
            "lang": st.sampled_from(["fr", "en", "de", None]),
            "place": st.sampled_from(_CODES),
            "coords": st.one_of(st.none(), st.tuples(st.floats(-90, 90), st.floats(-180, 180))),
            "likes": count,
            "shares": count,
            "rating": st.one_of(st.none(), st.floats(1, 5)),
        }
    )
    rows = draw(st.lists(row, min_size=1, max_size=25, unique_by=lambda r: str(r["doc_id"])))
    for r in rows:
        r["territory_code"], r["territory_level"] = r.pop("place")
        coords = r.pop("coords")
        r["lat"], r["lon"] = coords if coords else (None, None)
    df = pd.DataFrame(rows, dtype=object)  # as raw as it gets: every column object
    string_dtype = draw(st.sampled_from(STRING_DTYPES))
    for col in ["platform", "text", "lang", "territory_code", "territory_level"]:
        df[col] = df[col].astype(string_dtype) if string_dtype != "object" else df[col]
    return df


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_corpora())
def test_property_coerce_then_validate_round_trip(raw):
    before = raw.copy(deep=True)
    out = coerce_corpus(raw)
    assert validate_corpus(out) is out
    pd.testing.assert_frame_equal(raw, before)  # input untouched
    assert out["text"].tolist() == raw["text"].tolist()  # text untouched
    assert out["doc_id"].tolist() == [str(v) for v in raw["doc_id"]]  # ids exact
    assert str(out["created_at"].dtype) == "datetime64[ns, UTC]"
    # validating twice, or coercing twice, changes nothing
    pd.testing.assert_frame_equal(coerce_corpus(out), out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_corpora(), st.sampled_from(["likes", "shares"]), st.integers(-(10**9), -1), st.data())
def test_property_negative_count_always_reported(raw, column, value, data):
    out = coerce_corpus(raw)
    pos = data.draw(st.integers(0, len(out) - 1))
    out.loc[out.index[pos], column] = value
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(out)
    (prob,) = err.value.problems
    assert prob.startswith(f"column {column!r}") and "negative" in prob
    assert f"{value} (row label {out.index[pos]})" in prob


def test_schema_module_exports():
    for name in schema.__all__:
        assert hasattr(schema, name), name
    assert isinstance(CORPUS, TableSpec)
    assert coerce_table(_corpus(), "corpus") is not None


def test_fix_names_the_coerce_function_of_the_table():
    df = pd.DataFrame(
        {
            "source_author": ["12345"],
            "target_author": ["tours_tourisme"],
            "kind": ["mention"],
            "doc_id": [BIG_X_ID],
            "created_at": pd.to_datetime(["2025-07-14 12:00"]),
        }
    )
    with pytest.raises(CorpusSchemaError) as err:
        validate_interactions(df)
    (created,) = _problems(err, "created_at")
    assert "coerce_interactions(df)" in created
    out = schema.coerce_interactions(df)
    assert out["created_at"].iloc[0] == pd.Timestamp("2025-07-14 10:00", tz="UTC")
    validate_interactions(out)


def test_missing_level_of_territory_reported_once():
    df = _territories()
    df.loc[0, "level"] = None
    with pytest.raises(CorpusSchemaError) as err:
        validate_territories(df)
    (level,) = err.value.problems
    assert "1 missing value" in level and "row label 0" in level


def test_text_holding_numbers_is_reported_not_coerced():
    raw = _corpus().assign(text=pd.Series(["Tours", 2025, "", "Ajaccio"], dtype=object))
    out = coerce_corpus(raw)
    assert out["text"].tolist() == ["Tours", 2025, "", "Ajaccio"]
    with pytest.raises(CorpusSchemaError) as err:
        validate_corpus(out)
    (text,) = _problems(err, "text")
    assert "2025 (row label 1)" in text and "never modifies text" in text
