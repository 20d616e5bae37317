"""Figures: titled, labelled, one mark per row of the tidy table, French labels."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from territoire_lab import benchmark, describe, viz


@pytest.fixture(autouse=True)
def _close():
    yield
    plt.close("all")


def test_stacked_counts_one_bar_per_territory(sample):
    counts = describe.count_by(sample.corpus, by=["territory_code", "platform"])
    labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
    ax = viz.plot_stacked_counts(
        counts, index="territory_code", columns="platform", index_labels=labels
    )
    assert ax.get_title() == "Publications par territoire et par plateforme"
    assert {t.get_text() for t in ax.get_yticklabels()} == set(labels.values())
    assert len(ax.patches) == 8 * sample.corpus["platform"].nunique()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "X (Twitter)" in legend and "Google Maps" in legend
    widths = sum(p.get_width() for p in ax.patches)
    assert widths == len(sample.corpus)


def test_activity_lines(sample):
    monthly = describe.activity_by_period(sample.corpus, by="territory_code")
    ax = viz.plot_activity(monthly)
    assert ax.get_ylabel() == "Nombre de publications"
    assert len(ax.get_lines()) >= 8


def test_benchmark_plots(sample):
    labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
    resp = benchmark.responsiveness(sample.corpus, sample.institutions, sample.interactions)
    ax = viz.plot_responsiveness(resp, labels=labels)
    assert len(ax.patches) == len(resp) == 8
    assert "Wilson" in ax.get_xlabel()
    ind = benchmark.territory_indicators(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        sample.territories,
        accounts=sample.accounts,
    )
    sens = benchmark.rank_sensitivity(ind, random_state=0, n_draws=100)
    ax = viz.plot_rank_sensitivity(sens, labels=labels)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == labels[
        sens.sort_values("rank")["code"].iloc[0]
    ]
    ax = viz.plot_maturity_radar(benchmark.maturity_index(ind), labels=labels)
    assert ax.name == "polar" and len(ax.get_legend().get_texts()) == 8


def test_map_needs_geometry():
    with pytest.raises(Exception, match="geometry"):
        viz.plot_territory_map(pd.DataFrame({"population": [1]}))


def test_influencers_plot_shows_pseudonyms_and_tiers():
    ranking = pd.DataFrame(
        {
            "rank": [1, 2],
            "score": [0.9, 0.8],
            "tier": ["micro", "nano"],
            "author_id": ["u_aaa", "u_bbb"],
            "followers": pd.array([46000, 900], dtype="Int64"),
        }
    )
    ax = viz.plot_influencers(ranking, title="Influenceurs — Tours")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["2. u_bbb (900 abonnés)", "1. u_aaa (46 000 abonnés)"]
    assert [p.get_width() for p in ax.patches] == [0.8, 0.9]


def test_calibration_and_confusion_plots():
    table = pd.DataFrame(
        {"confidence": [0.55, 0.75, 0.95], "accuracy": [0.5, 0.8, 0.97], "n": [10, 40, 400]}
    )
    ax = viz.plot_calibration(table)
    assert ax.get_xlim() == (0.0, 1.0)
    assert "Part de bonnes" in ax.get_ylabel()
    conf = pd.DataFrame(
        [[8, 2], [1, 9]], index=["resident", "visitor"], columns=["resident", "visitor"]
    )
    ax = viz.plot_confusion(conf, labels={"resident": "Résidents", "visitor": "Visiteurs"})
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["8\n80.0 %", "2\n20.0 %", "1\n10.0 %", "9\n90.0 %"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Résidents", "Visiteurs"]
