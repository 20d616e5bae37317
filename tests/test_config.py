"""Study files: checked strictly, and runnable on the sample or on one's own CSV tables."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from territoire_lab.cli import main
from territoire_lab.config import StudyConfigError, load_study_config
from territoire_lab.study import run_study_file

from .conftest import TEST_KEY

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def test_the_sample_study_file():
    cfg = load_study_config(SAMPLE / "study.yaml")
    assert cfg.name == "val_de_loire_sample"
    assert cfg.data == "sample"
    assert cfg.weights["answer_rate"] == 2.0
    assert cfg.output == Path("outputs/val_de_loire_sample")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name: x\nrandom_sate: 3\n", r"unknown key\(s\) \['random_sate'\]"),
        ("name: x\nbenchmark: {weigths: {a: 1}}\n", "weigths"),
        ("name: x\nbenchmark: {weights: {answer_rate: -1}}\n", "weight >= 0"),
        ("name: 'a b'\n", "short name"),
        ("name: x\ndata: {corpus: posts.csv}\n", "lacks"),
        ("name: x\ndata: {corpus: a.csv, institutions: b.csv, territories: c.csv}\n", "not found"),
        ("- just\n- a list\n", "mapping"),
        ("name: x\nrandom_state: zero\n", "integer"),
    ],
)
def test_invalid_study_files_are_refused_with_the_key_named(tmp_path, text, message):
    path = tmp_path / "study.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(StudyConfigError, match=message) as info:
        load_study_config(path)
    assert str(path) in str(info.value)


def test_own_tables_study(tmp_path):
    """A study on one's own CSV files: two territories cut from the sample's raw files."""
    posts = pd.read_csv(SAMPLE / "posts.csv", dtype=str, keep_default_na=False)
    posts = posts[posts["territory_code"].isin(["37261", "37072"])]
    posts.to_csv(tmp_path / "posts.csv", index=False)
    for name in ("accounts", "interactions", "institutions"):
        pd.read_csv(SAMPLE / f"{name}.csv", dtype=str, keep_default_na=False).to_csv(
            tmp_path / f"{name}.csv", index=False
        )
    pd.DataFrame(
        {
            "code": ["37261", "37072"],
            "level": ["commune", "commune"],
            "name": ["Tours", "Chinon"],
            "population": [139259, 8144],
        }
    ).to_csv(tmp_path / "territories.csv", index=False)
    (tmp_path / "study.yaml").write_text(
        "name: deux_villes\ntitle: Tours et Chinon\nrandom_state: 1\n"
        "data:\n  corpus: posts.csv\n  accounts: accounts.csv\n  interactions: interactions.csv\n"
        "  institutions: institutions.csv\n  territories: territories.csv\n"
        "benchmark:\n  sensitivity_draws: 50\n",
        "utf-8",
    )
    report = run_study_file(tmp_path / "study.yaml", out_dir=tmp_path / "out", key=TEST_KEY)
    page = report.read_text("utf-8")
    assert "<h1>Tours et Chinon</h1>" in page
    overview = pd.read_csv(
        tmp_path / "out" / "tables" / "territory_overview.csv",
        encoding="utf-8-sig",
        dtype={"code": str},
    )
    assert overview.set_index("code")["n_docs"].to_dict() == {
        "37261": int((posts["territory_code"] == "37261").sum()),
        "37072": int((posts["territory_code"] == "37072").sum()),
    }
    resp = pd.read_csv(tmp_path / "out" / "tables" / "maturity_index.csv", encoding="utf-8-sig")
    assert resp["rank"].tolist() == [1, 2]
    # the corpus's dataset card sits beside the report, and names the rows it read
    cards = sorted((tmp_path / "out" / "cards").glob("*.card.json"))
    assert [c.name.split("-")[0] for c in cards] == ["posts.csv"]
    card = json.loads(cards[0].read_text("utf-8"))
    assert card["rows_out"] == card["records_in"] == len(posts)


def test_cli_runs_a_study_file(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_SECRET", TEST_KEY)
    assert main(["study", str(SAMPLE / "study.yaml"), "--out", str(tmp_path)]) == 0
    assert str((tmp_path / "report.html").resolve()) in capsys.readouterr().out
    assert main(["study"]) == 2
    assert "study file" in capsys.readouterr().err
