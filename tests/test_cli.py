from __future__ import annotations

import pandas as pd

from territoire_lab.cli import main

from .conftest import TEST_KEY

GOOD = pd.DataFrame(
    {
        "doc_id": ["1875234567890123456", "1875234567890123457"],
        "platform": ["x", "x"],
        "text": [
            "Vue magnifique sur la Loire depuis le pont Wilson",
            "=1+1 bouchons place Jean-Jaurès",
        ],
        "created_at": ["2025-07-14T10:00:00Z", "2025-07-14T11:00:00Z"],
        "author_id": ["u_0123456789abcdef", "u_fedcba9876543210"],
        "territory_code": ["37261", "37261"],
        "territory_level": ["commune", "commune"],
        "likes": ["3", "0"],
    }
)


def test_validate_good_file(tmp_path, capsys):
    path = tmp_path / "ok.csv"
    GOOD.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 0
    assert "2 rows, valid corpus table" in capsys.readouterr().out


def test_validate_lists_every_problem(tmp_path, capsys):
    bad = GOOD.copy()
    bad.loc[1, "doc_id"] = bad.loc[0, "doc_id"]  # duplicate id
    bad.loc[0, "likes"] = "-4"  # negative count
    bad.loc[1, "territory_code"] = "7261"  # code that lost a digit
    path = tmp_path / "bad.csv"
    bad.to_csv(path, index=False)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().err
    assert "3 problems" in out
    for column in ("doc_id", "likes", "territory_code"):
        assert column in out


def test_datasets_commands(capsys):
    assert main(["datasets", "list"]) == 0
    assert "posts.csv" in capsys.readouterr().out
    assert main(["datasets", "path", "posts"]) == 0
    assert capsys.readouterr().out.strip().endswith("posts.csv")
    assert main(["datasets", "verify"]) == 0


def test_show_versions(capsys):
    assert main(["show-versions"]) == 0
    assert "pandas" in capsys.readouterr().out


def test_study_on_the_sample_writes_a_report(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET", TEST_KEY)
    assert main(["study", "--sample", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert str((tmp_path / "report.html").resolve()) in printed
    page = (tmp_path / "report.html").read_text("utf-8")
    assert "Vue d'ensemble par territoire" in page
    assert "Amboise" in page and "Chambord" in page
    overview = pd.read_csv(
        tmp_path / "tables" / "territory_overview.csv", encoding="utf-8-sig", dtype={"code": str}
    )
    assert len(overview) == 8 and overview["n_docs"].gt(0).all()
    for name in ("posts_by_platform", "activity_by_month", "map_population", "tone_by_territory"):
        assert (tmp_path / "figures" / f"{name}.png").stat().st_size > 10_000
    everything = "".join(p.read_text("utf-8", errors="ignore") for p in tmp_path.rglob("*.csv"))
    assert TEST_KEY not in everything and TEST_KEY not in page
