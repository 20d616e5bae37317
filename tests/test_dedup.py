"""Tests of territoire_lab.dedup: exact and near duplicates, bot heuristics."""

from __future__ import annotations

import numpy as np
import pandas as pd

from territoire_lab.dedup import (
    bot_scores,
    flag_bots,
    flag_duplicates,
    is_link_only,
    matching_key,
    minhash_signatures,
)

CAMPAIGN = (
    "Grand jeu concours : gagnez un séjour de deux nuits à Blois avec visite du château "
    "royal et dîner en bord de Loire, tentez votre chance avant dimanche"
)


def test_matching_key() -> None:
    assert matching_key("RT @blois_off: Été À BLOIS !!! 😍 https://t.co/x") == "ete a blois"
    assert matching_key(None) == ""


def test_minhash_estimates_jaccard() -> None:
    a = " ".join(f"mot{i}" for i in range(40))
    b = " ".join(f"mot{i}" for i in range(40) if i != 20)
    c = " ".join(f"autre{i}" for i in range(40))
    sig = minhash_signatures([a, b, c], num_perm=128)
    assert sig.shape == (3, 128) and sig.dtype == np.uint64
    # true Jaccard of 3-word shingles of a and b: 35 / 38 + ... about 0.92
    assert 0.8 < (sig[0] == sig[1]).mean() <= 1.0
    assert (sig[0] == sig[2]).mean() < 0.1
    again = minhash_signatures([a, b, c], num_perm=128)
    assert (sig == again).all()


def test_copy_paste_campaign_is_clustered() -> None:
    texts = [
        CAMPAIGN,
        "Bouchons sur le pont Wilson ce matin",
        CAMPAIGN + " #concours #Blois",
        "RT @blois: " + CAMPAIGN,
        CAMPAIGN.upper() + " 🎉🎉",
        "Magnifique !",
        "Magnifique !",
        "Une tout autre histoire sur le marché de Tours ce samedi matin",
    ]
    df = pd.DataFrame(
        {"text": texts, "repost_of_id": [None, None, None, "1", None, None, None, None]}
    )
    out = flag_duplicates(df)
    campaign = out["dup_cluster"].iloc[[0, 2, 3, 4]]
    assert campaign.notna().all() and campaign.nunique() == 1
    assert out["dup_cluster"].iloc[0] == 0  # ids in order of first appearance
    assert pd.isna(out["dup_cluster"].iloc[1]) and pd.isna(out["dup_cluster"].iloc[7])
    assert out["dup_kind"].fillna("-").tolist() == [
        "exact", "-", "near", "exact", "exact", "-", "-", "-",
    ]  # fmt: skip
    assert out["flags"].tolist() == [
        [], [], ["near_duplicate"], [], ["duplicate"], [], [], [],
    ]  # fmt: skip
    # short texts are left out, even when identical
    assert out["dup_cluster"].iloc[5:].isna().all()
    assert len(out) == len(df) and "dup_cluster" not in df.columns


def test_sample_reposts_are_grouped_not_flagged(sample) -> None:
    corpus = sample.corpus.iloc[:8000]
    out = flag_duplicates(corpus)
    reposts = out[out["repost_of_id"].notna() & out["text"].str.startswith("RT @")]
    assert len(reposts) > 20
    assert reposts["dup_cluster"].notna().mean() > 0.9
    assert not reposts["flags"].map(bool).any()
    flagged = out["flags"].map(bool)
    assert 0.01 < flagged.mean() < 0.3


def test_bot_heuristics() -> None:
    t0 = pd.Timestamp("2025-08-01 10:00", tz="UTC")
    rows = []
    for m in range(30):  # a link spammer: 30 posts in 30 minutes
        rows.append(("spam", t0 + pd.Timedelta(minutes=m), f"#gite https://x.co/{m}"))
    for d in range(6):  # a repeater, slow
        rows.append(("repeat", t0 + pd.Timedelta(days=d), "Venez à la fête du vin de Chinon"))
    for d in range(6):
        rows.append(("human", t0 + pd.Timedelta(days=d), f"Jour {d} : balade à vélo, super"))
    df = pd.DataFrame(rows, columns=["author_id", "created_at", "text"])
    scores = bot_scores(df).set_index("author_id")
    assert scores.loc["spam", "max_per_hour"] == 30
    assert scores.loc["spam", "reasons"] == "rate;repeat;link_only"  # same text bar the URL
    assert scores.loc["repeat", "reasons"] == "repeat"
    assert scores.loc["repeat", "share_repeated"] == 5 / 6
    assert not scores.loc["human", "suspect"]
    flagged = flag_bots(df)
    assert flagged["flags"].iloc[0] == ["bot_rate", "bot_repeat", "bot_link_only", "link_only"]
    assert flagged["flags"].iloc[30] == ["bot_repeat"]
    assert flagged["flags"].iloc[-1] == []


def test_link_only() -> None:
    assert is_link_only("https://gite.fr")
    assert is_link_only("RT @x: #promo https://gite.fr 👉")
    assert not is_link_only("Belle vue https://gite.fr")
    assert not is_link_only("Pas de lien ici")
