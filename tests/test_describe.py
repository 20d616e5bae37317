from __future__ import annotations

import pandas as pd
import pytest

from territoire_lab import CorpusSchemaError
from territoire_lab.describe import activity_by_period, count_by, territory_overview


@pytest.fixture
def tiny() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": ["1", "2", "3", "4", "5"],
            "author_id": ["a", "a", "b", "c", "c"],
            "platform": ["x", "x", "instagram", "x", "facebook"],
            "territory_code": ["37261", "37261", "37261", "37003", "37003"],
            # 23:30 UTC on 31 July is 01:30 on 1 August in Paris
            "created_at": pd.to_datetime(
                [
                    "2025-07-31T23:30:00Z",
                    "2025-07-15T10:00:00Z",
                    "2025-09-02T10:00:00Z",
                    "2025-07-01T10:00:00Z",
                    "2025-07-02T10:00:00Z",
                ],
                utc=True,
            ),
            "lat": [47.39, None, None, 47.41, None],
            "likes": pd.array([10, 2, 4, 0, None], dtype="Int64"),
        }
    )


def test_count_by_completes_missing_combinations(tiny):
    out = count_by(tiny, by=["territory_code", "platform"])
    assert len(out) == 6  # 2 territories x 3 platforms
    row = out.set_index(["territory_code", "platform"])
    assert row.loc[("37261", "x"), "n_docs"] == 2
    assert row.loc[("37261", "x"), "n_authors"] == 1
    assert row.loc[("37003", "instagram"), "n_docs"] == 0
    assert out["share"].sum() == pytest.approx(1.0)


def test_count_by_reports_missing_columns(tiny):
    with pytest.raises(CorpusSchemaError, match="platfrom"):
        count_by(tiny, by="platfrom")


def test_activity_by_period_cuts_months_in_paris_time(tiny):
    out = activity_by_period(tiny, by="territory_code", period="month")
    tours = out[out["territory_code"] == "37261"].set_index("period")["n_docs"]
    assert tours[pd.Timestamp("2025-07-01")] == 1
    assert tours[pd.Timestamp("2025-08-01")] == 1  # the 31 July 23:30 UTC post
    assert tours[pd.Timestamp("2025-09-01")] == 1
    assert set(out["period"]) == {pd.Timestamp(f"2025-0{m}-01") for m in (7, 8, 9)}
    assert out["n_docs"].sum() == len(tiny)


def test_activity_by_period_rejects_unknown_period(tiny):
    with pytest.raises(ValueError, match="fortnight"):
        activity_by_period(tiny, period="fortnight")


def test_territory_overview_per_inhabitant(tiny):
    territories = pd.DataFrame(
        {
            "code": ["37261", "37003", "37072"],
            "name": ["Tours", "Amboise", "Chinon"],
            "population": pd.array([139259, 12937, 8144], dtype="Int64"),
        }
    )
    inst = pd.DataFrame({"author_id": ["c"]})
    out = territory_overview(tiny, territories, institutions=inst).set_index("code")
    assert out.loc["37261", "n_docs"] == 3
    assert out.loc["37261", "docs_per_1000_inhabitants"] == pytest.approx(3 / 139259 * 1000)
    assert out.loc["37003", "authors_per_1000_inhabitants"] == pytest.approx(1 / 12937 * 1000)
    assert out.loc["37261", "geotagged_share"] == pytest.approx(1 / 3)
    assert out.loc["37261", "median_likes"] == 4
    assert out.loc["37003", "institution_share"] == 1.0
    assert out.loc["37072", "n_docs"] == 0
    assert pd.isna(out.loc["37072", "institution_share"])
