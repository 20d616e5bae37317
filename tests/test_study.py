"""The one-command study: complete, reproducible to the byte, and private."""

from __future__ import annotations

import pandas as pd

from territoire_lab.privacy import key_id
from territoire_lab.study import run_study

from .conftest import TEST_KEY


def test_two_runs_give_byte_identical_tables(tmp_path, sample):
    a = run_study(tmp_path / "a", sample=sample, key=TEST_KEY, maps=False)
    b = run_study(tmp_path / "b", sample=sample, key=TEST_KEY, maps=False)
    tables_a = sorted(p.name for p in (a.parent / "tables").glob("*.*"))
    tables_b = sorted(p.name for p in (b.parent / "tables").glob("*.*"))
    assert sum(name.endswith(".xlsx") for name in tables_a) == len(tables_a) // 2
    assert tables_a == tables_b
    expected = {
        "territory_overview.csv",
        "maturity_index.csv",
        "benchmark_indicators.csv",
        "share_of_voice.csv",
        "tone_gap.csv",
        "typical_words.csv",
        "alerts.csv",
        "influencers.csv",
    }
    assert expected <= set(tables_a)
    assert (a.parent / "tables" / "alerts.xlsx").stat().st_size > 1000
    for name in tables_a:
        assert (a.parent / "tables" / name).read_bytes() == (
            b.parent / "tables" / name
        ).read_bytes(), name


def test_methods_appendix_names_parameters_and_never_the_key(tmp_path):
    index = run_study(tmp_path, key=TEST_KEY, maps=False, random_state=7)
    params = pd.read_csv(tmp_path / "tables" / "methods_parameters.csv", encoding="utf-8-sig")
    values = dict(zip(params["paramètre"], params["valeur"].astype(str), strict=True))
    assert values["random_state"] == "7"
    assert values["empreinte de la clé (key_id)"] == key_id(TEST_KEY)
    inputs = pd.read_csv(tmp_path / "tables" / "methods_inputs.csv", encoding="utf-8-sig")
    assert "posts.csv" in set(inputs["file"]) and inputs["sha256"].str.len().eq(64).all()
    outputs = [index.read_text("utf-8")] + [
        p.read_text("utf-8-sig") for p in (tmp_path / "tables").glob("*.csv")
    ]
    assert not any(TEST_KEY in text for text in outputs)
    assert "Annexe : paramètres" in outputs[0]
