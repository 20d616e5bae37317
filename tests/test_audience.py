"""Audience: evidence and rules by hand, and accuracy and calibration on the planted truth."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from territoire_lab import audience as au
from territoire_lab.privacy import pseudonymize

from .conftest import TEST_KEY

KEYS = ["territory_code", "platform", "author_id"]


def _ts(day: str) -> pd.Timestamp:
    return pd.Timestamp(day, tz="UTC")


@pytest.fixture
def tiny():
    corpus = pd.DataFrame(
        {
            "author_id": ["res", "res", "res", "vis", "vis", "far", "mairie", "hotel"],
            "platform": ["x"] * 8,
            "territory_code": ["37261"] * 5 + ["37261", "37261", "37261"],
            "created_at": [
                _ts("2025-01-10"),
                _ts("2025-03-02"),
                _ts("2025-05-20"),
                _ts("2025-07-01"),
                _ts("2025-07-03"),
                _ts("2025-08-01"),
                _ts("2025-02-01"),
                _ts("2025-02-02"),
            ],
            "text": ["a"] * 8,
            "lang": ["fr", "fr", "fr", "fr", "fr", "en", "fr", "fr"],
        }
    )
    accounts = pd.DataFrame(
        {
            "author_id": ["res", "vis", "far", "mairie", "hotel"],
            "platform": ["x"] * 5,
            "profile_location": ["", "Paris 🇫🇷", "London, UK", "Tours", "Tours"],
            "bio": ["", "", "", "Compte officiel de la Ville de Tours", "Hôtel 3* au centre"],
        }
    )
    return corpus, accounts


def test_evidence_and_rules_by_hand(tiny):
    corpus, accounts = tiny
    inst = pd.DataFrame({"platform": ["x"], "author_id": ["mairie"]})
    ev = au.audience_evidence(corpus, accounts, institutions=inst).set_index("author_id")
    assert ev.loc["res", "n_posts"] == 3
    assert ev.loc["res", "span_days"] == pytest.approx(130.0)
    assert ev.loc["res", "n_months"] == 3
    assert ev.loc["vis", "home_relation"] == "elsewhere"
    assert ev.loc["far", "home_relation"] == "abroad"
    assert ev.loc["far", "foreign_share"] == 1.0
    assert ev.loc["res", "home_relation"] == "unknown"
    assert ev.loc["mairie", "home_relation"] == "inside"
    assert bool(ev.loc["mairie", "allow_listed"]) and bool(ev.loc["mairie", "institution_cue"])
    assert bool(ev.loc["hotel", "other_cue"])
    rules = au.rule_labels(ev.reset_index()).set_index(ev.index)
    assert rules["rule_label"].to_dict() == {
        "res": "resident",
        "vis": "visitor",
        "far": "visitor",
        "mairie": "institution",
        "hotel": "other",
    }
    assert rules.loc["mairie", "rule"] == "allow-list"
    # thresholds are parameters: a 200-day rule no longer calls 'res' a resident
    strict = au.rule_labels(ev.reset_index(), min_span_days=200).set_index(ev.index)
    assert pd.isna(strict.loc["res", "rule_label"])


def test_territory_level_around(tiny):
    corpus, accounts = tiny
    accounts = accounts.assign(profile_location=["37", "", "", "", ""])
    ev = au.audience_evidence(corpus, accounts).set_index("author_id")
    assert ev.loc["res", "home_relation"] == "around"  # Indre-et-Loire contains Tours


def test_ece_and_evaluation_by_hand():
    assert au.expected_calibration_error(
        np.array([1, 0, 1, 1]), np.array([0.9, 0.9, 0.6, 0.6])
    ) == pytest.approx(0.5 * 0.4 + 0.5 * 0.4)
    res = au.evaluate_audience(
        ["resident", "resident", "visitor", "visitor"],
        ["resident", "visitor", "visitor", "visitor"],
        confidence=[0.9, 0.6, 0.8, 0.7],
    )
    assert res["accuracy"] == 0.75
    per = res["per_class"].set_index("audience")
    assert per.loc["visitor", "precision"] == pytest.approx(2 / 3)
    assert per.loc["resident", "recall"] == 0.5
    assert res["macro_f1"] == pytest.approx((2 / 3 + 0.8) / 2)
    assert res["confusion"].loc["resident", "visitor"] == 1


@pytest.fixture(scope="module")
def fitted(sample):
    levels = dict(zip(sample.territories["code"], sample.territories["level"], strict=True))
    clf = au.AudienceClassifier(random_state=0).fit(
        sample.corpus,
        accounts=sample.accounts,
        institutions=sample.institutions,
        territory_levels=levels,
    )
    return clf, levels


def _truth_units(sample, truth):
    posts = sample.corpus[["doc_id", *KEYS]].merge(truth["posts"][["doc_id", "audience"]])
    return (
        posts.groupby(KEYS)["audience"]
        .agg(lambda s: s.mode().iloc[0])
        .rename("truth")
        .reset_index()
    )


def test_accuracy_and_calibration_on_the_planted_truth(sample, truth, fitted):
    clf, _ = fitted
    units = _truth_units(sample, truth)
    lab = clf.labels_.merge(units, on=KEYS).merge(clf.evidence_[[*KEYS, "n_posts"]], on=KEYS)
    assert len(lab) == len(clf.labels_)
    overall = au.evaluate_audience(lab["truth"], lab["audience"], confidence=lab["audience_proba"])
    single = lab[lab["n_posts"] == 1]
    one = au.evaluate_audience(single["truth"], single["audience"])
    print(
        f"\naudience: macro-F1 {overall['macro_f1']:.3f} (accuracy {overall['accuracy']:.3f}, "
        f"ECE {overall['ece']:.3f}) on {len(lab)} author-territories; single-post authors "
        f"macro-F1 {one['macro_f1']:.3f} on {len(single)}"
    )
    print(overall["per_class"].to_string(index=False))
    assert overall["macro_f1"] >= 0.85
    assert one["macro_f1"] >= 0.75
    assert overall["ece"] <= 0.08


def test_text_alone_is_reported(sample, truth, fitted):
    _, levels = fitted
    text_only = au.AudienceClassifier(features="text", random_state=0).fit(
        sample.corpus,
        accounts=sample.accounts,
        institutions=sample.institutions,
        territory_levels=levels,
    )
    lab = text_only.labels_.merge(_truth_units(sample, truth), on=KEYS)
    res = au.evaluate_audience(lab["truth"], lab["audience"])
    print(f"\naudience, text classifier alone: macro-F1 {res['macro_f1']:.3f}")
    assert 0.5 <= res["macro_f1"] < 1.0


def test_institution_left_off_the_allow_list_is_found_by_its_profile(sample, fitted):
    clf, _ = fitted
    pseudo = pseudonymize(pd.Series(["lemans.tourisme"]), key=TEST_KEY).iloc[0]
    explained = clf.explain(pseudo)
    assert (explained["audience"] == "institution").all()
    assert explained["rule"].iloc[0] == "profile cue (institution)"
    with pytest.raises(KeyError, match="pseudonym"):
        clf.explain("lemans.tourisme")


def test_posts_get_labels_without_loss(sample, fitted):
    clf, _ = fitted
    out = clf.transform(sample.corpus)
    assert len(out) == len(sample.corpus)
    assert out["text"].equals(sample.corpus["text"])
    assert out["audience"].notna().all()
    assert set(out["audience"]) == set(au.AUDIENCES)
    shares = clf.share_by(sample.corpus, by=["territory_code"])
    assert shares.groupby("territory_code")["share"].sum().round(9).eq(1).all()
