"""Tests of territoire_lab.langid: offline language detection, planted truth."""

from __future__ import annotations

import pandas as pd
import pytest

from territoire_lab.exceptions import CorpusSchemaError
from territoire_lab.langid import detect_language, identify_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Quelle vue depuis le château d'Amboise, on y retourne cet été !", "fr"),
        ("Pk les bus ne passent plus après 21h ? Ras-le-bol #SNCF", "fr"),
        ("Lovely day at Chambord, the gardens were stunning #photooftheday", "en"),
        ("Fietsen langs de Loire, genieten van het mooie weer!", "nl"),
        ("Wunderschönes Schloss, wir kommen bestimmt wieder!", "de"),
        ("Un castillo precioso, volveremos sin duda el año que viene", "es"),
    ],
)
def test_identify_language(text: str, lang: str) -> None:
    assert identify_language(text)[0] == lang


def test_short_or_empty_texts_stay_unknown() -> None:
    assert identify_language("😍😍 #Chambord @ville") == (None, 0.0)
    assert identify_language("Top !")[0] is None
    assert identify_language("")[0] is None


def test_planted_truth_on_the_sample(sample) -> None:
    """X posts carry their language: hide it and detect it back."""
    corpus = sample.corpus
    known = corpus[corpus["lang"].notna()]
    assert len(known) > 6000
    hidden = known.assign(lang=pd.NA)
    out = detect_language(hidden)
    detected = out["lang"].notna()
    assert detected.mean() > 0.95
    assert (out.loc[detected, "lang"] == known.loc[detected, "lang"]).mean() > 0.99
    foreign = known["lang"] != "fr"
    found = out["flags"].map(lambda f: "non_fr" in f)
    assert (found & foreign).sum() / foreign.sum() > 0.85
    assert (found & ~foreign).sum() < 10


def test_source_languages_are_kept_and_rows_never_dropped() -> None:
    df = pd.DataFrame(
        {
            "text": ["The castle was beautiful and the gardens too", "Vive Tours", ""],
            "lang": ["fr", None, None],  # the source says fr: it is not overruled
            "flags": [["html"], [], []],
        },
        index=[10, 20, 30],
    )
    out = detect_language(df)
    assert out.index.tolist() == [10, 20, 30]
    assert out["lang"].iloc[0] == "fr" and out["lang"].iloc[1:].isna().all()
    assert out["lang_detected"].tolist() == [False, False, False]
    assert out["flags"].tolist() == [["html"], [], []]
    assert df["flags"].tolist() == [["html"], [], []]  # input untouched
    with pytest.raises(CorpusSchemaError):
        detect_language(df, text_col="body")
