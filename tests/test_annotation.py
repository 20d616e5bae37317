"""Annotation rounds: stratified samples, coders' files read back, validation of labels."""

from __future__ import annotations

import numpy as np
import openpyxl
import pandas as pd
import pytest
from sklearn.metrics import precision_recall_fscore_support

from territoire_lab.agreement import agreement
from territoire_lab.annotation import (
    _allocate,
    annotation_sample,
    read_annotations,
    validate_against,
)
from territoire_lab.exceptions import LoaderError, TerritoireLabError
from territoire_lab.export import export

LABELS = ["audience", "tone", "topic", "place"]


def test_allocation_by_hand():
    # proportional: shares 5, 3, 2
    assert _allocate(np.array([50, 30, 20]), 10, "proportional").tolist() == [5, 3, 2]
    # shares 3.5, 1, 0.5: one seat left, tie of remainders broken by stratum order
    assert _allocate(np.array([7, 2, 1]), 5, "proportional").tolist() == [4, 1, 0]
    # equal: 3 each, capped at 2 and 1, the 3 left go to the only stratum with room
    assert _allocate(np.array([7, 2, 1]), 9, "equal").tolist() == [6, 2, 1]
    assert _allocate(np.array([7, 2, 1]), 99, "equal").tolist() == [7, 2, 1]


def test_sample_is_stratified_seeded_and_weighted(sample):
    corpus = sample.corpus
    sizes = corpus["territory_code"].value_counts()
    s = annotation_sample(corpus, strata=["territory_code"], n=150, random_state=4)
    assert len(s) == 150 and s["doc_id"].is_unique
    # proportional: n_h within 1 of 150 * N_h / N, and weights add up to the corpus
    n_h = s.groupby("territory_code")["doc_id"].size()
    expected = 150 * sizes / sizes.sum()
    assert ((n_h - expected.loc[n_h.index]).abs() < 1).all()
    assert s["weight"].sum() == pytest.approx(len(corpus))
    assert (s["stratum_size"] == s["territory_code"].map(sizes)).all()
    assert s[[*LABELS, "coder"]].isna().all().all()
    again = annotation_sample(corpus, strata=["territory_code"], n=150, random_state=4)
    assert again["doc_id"].tolist() == s["doc_id"].tolist()
    other = annotation_sample(corpus, strata=["territory_code"], n=150, random_state=5)
    assert other["doc_id"].tolist() != s["doc_id"].tolist()
    equal = annotation_sample(
        corpus, strata=["territory_code"], n=80, allocation="equal", random_state=4
    )
    assert equal.groupby("territory_code").size().eq(10).all()
    assert equal["weight"].sum() == pytest.approx(len(corpus))
    # rows are shuffled, not in blocks of strata
    assert (s["territory_code"] != s["territory_code"].shift()).sum() > 60


def test_written_files_are_spreadsheet_safe(sample, tmp_path):
    corpus = sample.corpus.head(30).copy()
    corpus.loc[corpus.index[0], "text"] = '=HYPERLINK("http://example.org","clic")'
    corpus.loc[corpus.index[1], "doc_id"] = "1875234567890123456"  # > 2**53: stays text
    s = annotation_sample(
        corpus, strata=[], n=30, random_state=0, path="round.xlsx", folder=tmp_path
    )
    (path,) = s.attrs["paths"]
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["annotation", "codebook"]
    ws = wb["annotation"]
    header = [c.value for c in ws[1]]
    assert header == ["doc_id", "platform", "created_at", "text", "coder", *LABELS]
    cells = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=4) for r in range(2, 32)}
    formula = cells[corpus["doc_id"].iloc[0]]
    assert formula.data_type == "s" and formula.quotePrefix
    assert formula.value == '=HYPERLINK("http://example.org","clic")'
    assert "1875234567890123456" in cells
    book = pd.read_excel(path, sheet_name="codebook", dtype=str)
    tones = book.loc[book["label"] == "tone", "value"].tolist()
    assert tones == ["negative", "neutral", "positive"]
    places = book.loc[book["label"] == "place", "value"].tolist()
    assert places == [*sorted(corpus["territory_code"].unique()), "other", "none"]
    # CSV: the codebook goes to a sibling file, the formula is neutralised
    s = annotation_sample(corpus, strata=[], n=30, random_state=0, path="r.csv", folder=tmp_path)
    text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text
    assert (tmp_path / "r_codebook.csv").exists()


def _noisy(values: pd.Series, choices: list[str], rate: float, rng) -> pd.Series:
    """Each value replaced, with probability ``rate``, by another of ``choices``."""
    out = values.astype(str).to_numpy(copy=True)
    flip = rng.random(len(out)) < rate
    for i in np.flatnonzero(flip):
        out[i] = rng.choice([c for c in choices if c != out[i]])
    return pd.Series(out, index=values.index)


@pytest.fixture(scope="module")
def coded_round(sample, truth, tmp_path_factory):
    """A sample written for 3 coders, filled from the truth with seeded noise, read back."""
    folder = tmp_path_factory.mktemp("round")
    themes = sorted(truth["posts"]["theme"].unique())
    s = annotation_sample(
        sample.corpus,
        strata=["territory_code"],
        n=120,
        codebook={"topic": themes},
        coders=["A", "B", "C"],
        path="tour1.xlsx",
        folder=folder,
        random_state=7,
    )
    gold = s[["doc_id"]].merge(truth["posts"], on="doc_id", how="left")
    assert gold["audience"].notna().all()
    choices = {
        "audience": ["institution", "resident", "visitor", "other"],
        "tone": ["negative", "neutral", "positive"],
        "topic": themes,
        "place": sorted(sample.corpus["territory_code"].unique()),
    }
    truth_col = {
        "audience": "audience",
        "tone": "tone",
        "topic": "theme",
        "place": "territory_code",
    }
    rates = {"A": 0.05, "B": 0.10, "C": 0.15}
    rng = np.random.default_rng(42)
    memory, paths = [], []
    for coder, path in zip("ABC", s.attrs["paths"], strict=True):
        sheet = pd.read_excel(path, sheet_name="annotation", dtype=str)
        assert (sheet["coder"] == coder).all()
        by_id = gold.set_index("doc_id").loc[sheet["doc_id"]]
        for label in LABELS:
            vals = _noisy(
                by_id[truth_col[label]].reset_index(drop=True), choices[label], rates[coder], rng
            )
            if label == "tone":
                vals = vals.str.upper()  # coders' spelling: case does not matter
            sheet[label] = vals.to_numpy()
        if coder == "C":
            sheet.loc[:4, "topic"] = None  # C left 5 topics undecided
            target = export(sheet, "tour1_C_filled.csv", folder=folder)
        else:
            target = export(sheet, f"tour1_{coder}_filled.xlsx", folder=folder)
        paths.append(target)
        long = sheet.melt(
            id_vars=["doc_id", "coder"], value_vars=LABELS, var_name="label_name"
        ).dropna(subset=["value"])
        memory.append(long)
    memory = pd.concat(memory, ignore_index=True)
    memory["value"] = memory["value"].str.lower()
    ann = read_annotations(paths, ids=s)
    return {"sample": s, "gold": gold, "ann": ann, "memory": memory, "paths": paths}


def test_round_trip_reads_every_value_back(coded_round):
    ann, memory = coded_round["ann"], coded_round["memory"]
    assert len(ann) == 120 * 4 * 3 - 5
    assert ann.attrs["n_empty"] == 5
    assert set(ann["coder"]) == {"A", "B", "C"}
    # coders wrote NEUTRAL, Positive...: returned as spelled in the codebook
    tones = ann.loc[ann["label_name"] == "tone", "value"]
    assert set(tones) == {"negative", "neutral", "positive"}
    key = ["doc_id", "coder", "label_name"]
    merged = ann.merge(memory, on=key, suffixes=("", "_mem"))
    assert len(merged) == len(ann)
    assert (merged["value"] == merged["value_mem"]).all()
    csv_rows = ann[ann["source"].str.endswith(".csv")]
    assert csv_rows["row"].min() == 2 and csv_rows["row"].max() == 121


def test_round_trip_agreement_and_validation(coded_round):
    ann, memory, gold = coded_round["ann"], coded_round["memory"], coded_round["gold"]
    table = agreement(ann, by="label_name", n_boot=300, random_state=0)
    direct = agreement(memory, by="label_name", n_boot=300, random_state=0)
    pd.testing.assert_frame_equal(table, direct)
    alpha = table[table["statistic"] == "krippendorff_alpha"].set_index("label_name")
    # noise of 5 / 10 / 15 %: alpha well above chance but below 1, intervals around it
    assert alpha["value"].between(0.6, 0.95).all(), alpha["value"].to_dict()
    assert (alpha["ci_low"] < alpha["value"]).all() and (alpha["value"] < alpha["ci_high"]).all()
    assert alpha.loc["topic", "n_items"] == 120  # C's 5 blanks: still 2 values per item

    # validation of the truth itself against the coders' majority: errors are the coders'
    pred = gold[["doc_id", "tone"]]
    out = validate_against(ann, pred, label="tone", n_boot=300, random_state=0)
    tone = ann[ann["label_name"] == "tone"].pivot(index="doc_id", columns="coder", values="value")
    majority = tone.mode(axis=1)
    clear = majority[1].isna() if 1 in majority else pd.Series(True, index=majority.index)
    ref = majority.loc[clear, 0]
    y_pred = gold.set_index("doc_id").loc[ref.index, "tone"]
    assert out["n_items"] == len(ref) and out["n_ties"] == int((~clear).sum())
    labels = ["negative", "neutral", "positive"]
    p, r, f, n = precision_recall_fscore_support(ref, y_pred, labels=labels, zero_division=0)
    scores = out["scores"].set_index(["class", "metric"])
    for j, c in enumerate(labels):
        assert scores.loc[(c, "precision"), "value"] == pytest.approx(p[j])
        assert scores.loc[(c, "recall"), "value"] == pytest.approx(r[j])
        assert scores.loc[(c, "f1"), "value"] == pytest.approx(f[j])
        assert scores.loc[(c, "f1"), "support"] == n[j]
    assert scores.loc[("macro", "f1"), "value"] == pytest.approx(f.mean())
    assert out["accuracy"] > 0.9


def test_validate_against_by_hand():
    # reference from 2 coders; the third item has a tie and is left out
    ann = pd.DataFrame(
        {
            "doc_id": ["a", "a", "b", "b", "c", "c", "d", "d", "e", "e"],
            "coder": ["X", "Y"] * 5,
            "value": [
                "resident",
                "resident",
                "visitor",
                "visitor",
                "visitor",
                "resident",
                "visitor",
                "visitor",
                "resident",
                "resident",
            ],
        }
    )
    pred = pd.DataFrame(
        {
            "doc_id": list("abcdef"),
            "audience": ["resident", "resident", "visitor", "visitor", "visitor", "resident"],
        }
    )
    out = validate_against(ann, pred, label="audience", n_boot=0)
    assert (out["n_items"], out["n_ties"], out["n_unmatched"]) == (4, 1, 0)
    # reference a=res, b=vis, d=vis, e=res; predicted res, res, vis, vis
    conf = out["confusion"]
    assert conf.loc["resident", "resident"] == 1 and conf.loc["resident", "visitor"] == 1
    assert conf.loc["visitor", "resident"] == 1 and conf.loc["visitor", "visitor"] == 1
    scores = out["scores"].set_index(["class", "metric"])["value"]
    assert scores[("resident", "precision")] == pytest.approx(0.5)
    assert scores[("micro", "f1")] == pytest.approx(0.5)
    by_x = validate_against(ann, pred, column="audience", reference="X", n_boot=0)
    assert by_x["n_items"] == 5 and by_x["accuracy"] == pytest.approx(3 / 5)
    with pytest.raises(TerritoireLabError, match="not a coder"):
        validate_against(ann, pred, column="audience", reference="Z", n_boot=0)


def test_bootstrap_interval_of_validation_covers_value():
    rng = np.random.default_rng(0)
    truth = rng.choice(["negative", "neutral", "positive"], size=400)
    pred = np.where(rng.random(400) < 0.8, truth, rng.choice(truth, size=400))
    ann = pd.DataFrame({"doc_id": np.arange(400).astype(str), "coder": "X", "value": truth})
    out = validate_against(ann, pd.Series(pred, index=ann["doc_id"]), n_boot=500, random_state=3)
    s = out["scores"]
    assert ((s["ci_low"] <= s["value"]) & (s["value"] <= s["ci_high"])).all()
    micro = s[(s["class"] == "micro") & (s["metric"] == "f1")].iloc[0]
    se = np.sqrt(micro["value"] * (1 - micro["value"]) / 400)
    assert micro["ci_high"] - micro["ci_low"] == pytest.approx(2 * 1.96 * se, rel=0.2)


def test_read_errors_name_file_and_row(coded_round, tmp_path):
    path = coded_round["paths"][0]
    sheet = pd.read_excel(path, dtype=str)
    bad = sheet.copy()
    bad.loc[6, "tone"] = "plutôt content"
    p = export(bad, "bad_value.xlsx", folder=tmp_path, sheet_name="annotation")
    with pytest.raises(LoaderError, match=r"bad_value\.xlsx, line 8: tone = 'plutôt content'"):
        read_annotations(p, labels=["tone"])
    bad = sheet.copy()
    bad.loc[2, "doc_id"] = "n'existe pas"
    p = export(bad, "bad_id.csv", folder=tmp_path)
    with pytest.raises(LoaderError, match=r"bad_id\.csv, line 4: doc_id \"n'existe pas\""):
        read_annotations(p, ids=coded_round["sample"], labels=["tone"])
    bad = sheet.copy()
    bad.loc[0, "coder"] = None
    with pytest.raises(LoaderError, match=r"table 1, line 2: coder is empty"):
        read_annotations(bad, labels=["tone"])
    with pytest.raises(LoaderError, match="coded twice"):
        read_annotations([sheet, sheet], labels=["tone"])
    with pytest.raises(LoaderError, match="not found"):
        read_annotations(sheet.drop(columns="coder"), labels=["tone"])
