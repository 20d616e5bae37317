"""Tests of territoire_lab.reading: concordances, collocations, representative posts."""

from __future__ import annotations

import math
import random
import re

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder
from nltk.metrics.association import BigramAssocMeasures, TrigramAssocMeasures
from sklearn.pipeline import Pipeline

import territoire_lab as tl
from territoire_lab.clean import fold_accents
from territoire_lab.exceptions import CorpusSchemaError
from territoire_lab.reading import (
    CollocationMerger,
    Concordance,
    KwicIndex,
    build_index,
    collocations,
    examples,
    kwic,
    merge_collocations,
    tokenize_for_index,
)

TEXTS = [
    "Le château de Chambord, quelle merveille !",
    "Les châteaux de la Loire à vélo #LoireAVelo",
    "L'été a été chaud à Blois. Nous sommes allés au Château de Blois",
    "CHATEAU fermé ? Info : https://www.chateau-blois.fr @mairie_blois",
]


@pytest.fixture()
def posts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.array(["d1", "d2", "d3", "d4"], dtype="string"),
            "text": TEXTS,
            "territory_code": pd.array(["41029", "37261", "41018", "41018"], dtype="string"),
            "audience": pd.array(["visitor", "resident", "visitor", "institution"], dtype="string"),
            "created_at": pd.to_datetime(
                ["2025-06-01 10:00", "2025-07-14 12:00", "2025-08-15 18:00", "2025-09-01 08:00"],
                utc=True,
            ),
        }
    )


@pytest.fixture()
def index(posts) -> KwicIndex:
    return build_index(posts, progress=False)


def rows(conc: pd.DataFrame) -> list[tuple]:
    return list(
        zip(conc["doc_id"], conc["left"], conc["match"], conc["right"], strict=True),
    )


# ------------------------------------------------------------------ tokens and index


def test_tokenizer_splits_elisions_keeps_compounds_offsets_exact():
    text = "D'Amboise à Saint-Cyr-sur-Loire aujourd'hui, jusqu'à #Touraine @OT_Tours 😍"
    toks = tokenize_for_index(text)
    assert [t for t, _, _ in toks] == [
        "D'",
        "Amboise",
        "à",
        "Saint-Cyr-sur-Loire",
        "aujourd'hui",
        "jusqu'",
        "à",
        "#Touraine",
        "@OT_Tours",
        "😍",
    ]
    assert all(text[s:e] == t for t, s, e in toks)


def test_index_arrays_match_per_text_tokenisation(sample):
    corpus = sample.corpus.head(3000)
    index = KwicIndex(corpus, chunk_size=700, progress=False)  # several chunks
    expected = [tokenize_for_index(t) for t in corpus["text"]]
    assert index.n_tokens_ == sum(map(len, expected))
    d = 1234
    lo, hi = index.doc_offsets_[d], index.doc_offsets_[d + 1]
    got = [
        (index.vocabulary_[c], s, e)
        for c, s, e in zip(
            index.codes_[lo:hi], index.starts_[lo:hi], index.ends_[lo:hi], strict=True
        )
    ]
    assert got == expected[d]
    # the inverted index lists, for a form, exactly its positions
    v = int(np.flatnonzero(index.vocabulary_ == "Loire")[0])
    pos = index.positions_[index.form_offsets_[v] : index.form_offsets_[v + 1]]
    assert (index.codes_[pos] == v).all()
    assert len(pos) == sum(t == "Loire" for doc in expected for t, _, _ in doc)
    assert index.nbytes > index.codes_.nbytes


# ------------------------------------------------------------------ kwic, by hand


def test_kwic_word_case_and_accent_folding(index):
    conc = index.kwic("château", window=2)
    assert isinstance(conc, Concordance)
    assert list(conc.columns[:4]) == ["doc_id", "left", "match", "right"]
    assert rows(conc) == [
        ("d1", "Le ", "château", " de Chambord"),
        ("d3", "allés au ", "Château", " de Blois"),
        ("d4", "", "CHATEAU", " fermé ? Info"),
    ]
    # accent-sensitive: CHATEAU has no accent; case-sensitive too: only the lower-case one
    assert list(index.kwic("château", accents=True)["doc_id"]) == ["d1", "d3"]
    assert list(index.kwic("château", accents=True, case=True)["doc_id"]) == ["d1"]
    assert list(index.kwic("Chateau", case=True)["doc_id"]) == ["d3"]
    # the word inside a URL or a plural is another token
    assert "d2" not in set(conc["doc_id"])


def test_kwic_windows_and_offsets(index, posts):
    # window reaching the end of the post shows its last characters ("!")
    conc = index.kwic("merveille", window=3)
    assert rows(conc) == [("d1", "de Chambord, quelle ", "merveille", " !")]
    assert (conc["start"].iloc[0], conc["end"].iloc[0]) == (31, 40)
    assert TEXTS[0][31:40] == "merveille"
    conc0 = index.kwic("chambord", window=0)
    assert rows(conc0) == [("d1", "", "Chambord", "")]
    big = index.kwic("de", window=50)
    for rec in big.itertuples():
        text = posts.set_index("doc_id").loc[rec.doc_id, "text"]
        assert rec.left + rec.match + rec.right == text  # the whole post, never altered


def test_kwic_phrases_wildcards_and_elisions(index):
    assert rows(index.kwic("château de blois", kind="phrase", window=1)) == [
        ("d3", "au ", "Château de Blois", "")
    ]
    assert rows(index.kwic("château * chambord", kind="phrase", window=1)) == [
        ("d1", "Le ", "château de Chambord", ", quelle")
    ]
    # a phrase runs over the punctuation between its tokens
    assert rows(index.kwic("blois nous", kind="phrase", window=1)) == [
        ("d3", "à ", "Blois. Nous", " sommes")
    ]
    # "l'été" is read as the phrase l' + été
    assert rows(index.kwic("l'été", window=1)) == [("d3", "", "L'été", " a")]
    assert rows(index.kwic("chat*", window=1)) == [
        ("d1", "Le ", "château", " de"),
        ("d2", "Les ", "châteaux", " de"),
        ("d3", "au ", "Château", " de"),
        ("d4", "", "CHATEAU", " fermé"),
    ]


def test_kwic_hashtag_and_regex(index):
    assert rows(index.kwic("loireavelo", kind="hashtag", window=3)) == [
        ("d2", "Loire à vélo ", "#LoireAVelo", "")
    ]
    assert rows(index.kwic("#LoireAVelo", kind="hashtag", window=1, case=True)) == [
        ("d2", "vélo ", "#LoireAVelo", "")
    ]
    assert index.kwic("loireavelo", kind="hashtag", case=True).empty
    conc = index.kwic(r"ch[aâ]teaux?", kind="regex", window=0)
    assert list(conc["match"]) == ["château", "châteaux", "Château", "CHATEAU"]
    # whitespace separates the patterns of consecutive tokens
    assert list(index.kwic(r"ch\w+ (de|du) \w+", kind="regex")["match"]) == [
        "château de Chambord",
        "châteaux de la",
        "Château de Blois",
    ]
    with pytest.raises(ValueError, match="regular expression"):
        index.kwic("ch(teau", kind="regex")


def test_kwic_lemmas_and_context_homographs(index):
    conc = index.kwic("château", kind="lemma", window=0)
    assert list(conc["match"]) == ["château", "châteaux", "Château", "CHATEAU"]
    # a form is lemmatised first: "châteaux" finds the same posts
    assert list(index.kwic("châteaux", kind="lemma")["doc_id"]) == ["d1", "d2", "d3", "d4"]
    # "été" after avoir is être; "l'été" is the season
    assert rows(index.kwic("être", kind="lemma", window=1)) == [
        ("d3", "a ", "été", " chaud"),
        ("d3", "Nous ", "sommes", " allés"),
    ]
    assert rows(index.kwic("été", kind="lemma", window=1)) == [("d3", "L'", "été", " a")]


def test_kwic_lemmas_come_from_clean_corpus_columns(posts):
    corpus = posts.assign(
        tokens=[["château", "chambord", "merveille"], [], [], []],
        lemmas=[["château", "chambord", "émerveillement"], [], [], []],
    )
    conc = kwic(corpus, "émerveillement", kind="lemma", window=1)
    assert rows(conc) == [("d1", "quelle ", "merveille", " !")]


def test_kwic_sort_filters_by_and_limit(index):
    # left: the word just before the match first (au < le < les)
    assert list(index.kwic("de", window=2, sort="left")["doc_id"]) == ["d3", "d1", "d2"]
    # right: blois < chambord < la
    assert list(index.kwic("de", window=2, sort="right")["doc_id"]) == ["d3", "d1", "d2"]
    assert list(index.kwic("de", window=2, sort="right", limit=2)["doc_id"]) == ["d3", "d1"]
    assert list(index.kwic("de", limit=1)["doc_id"]) == ["d1"]
    conc = index.kwic("château", by=["territory_code", "audience"], where={"audience": "visitor"})
    assert list(conc["doc_id"]) == ["d1", "d3"]
    assert list(conc["territory_code"]) == ["41029", "41018"]
    assert conc["territory_code"].dtype == "string"
    where = {"territory_code": ["41018", "41029"], "created_at": ("2025-08-01", "2025-09-30")}
    assert list(index.kwic("château", where=where)["doc_id"]) == ["d3", "d4"]
    # a date alone as the upper bound includes that day (d4 is 2025-09-01 08:00)
    assert list(
        index.kwic("château", where={"created_at": ("2025-08-01", "2025-09-01")})["doc_id"]
    ) == ["d3", "d4"]
    where = {"created_at": (None, "2025-06-30")}
    assert list(index.kwic("château", where=where)["doc_id"]) == ["d1"]
    keep_long = {"text": lambda s: s.str.len() > 50}
    assert list(index.kwic("château", where=keep_long)["doc_id"]) == ["d3", "d4"]


def test_kwic_errors_name_the_problem(index, posts):
    with pytest.raises(ValueError, match="query is empty"):
        index.kwic("  ")
    with pytest.raises(ValueError, match="no token"):
        index.kwic("?!")
    with pytest.raises(CorpusSchemaError, match="territoire"):
        index.kwic("château", by="territoire")
    with pytest.raises(CorpusSchemaError, match="topic"):
        index.kwic("château", where={"topic": 3})
    with pytest.raises(ValueError, match="kind='bad' is not known"):
        index.kwic("château", kind="bad")
    with pytest.raises(ValueError, match="sort="):
        index.kwic("château", sort="middle")
    with pytest.raises(ValueError, match="tuple is a range"):
        index.kwic("château", where={"created_at": ("2025", "2026", "2027")})
    with pytest.raises(CorpusSchemaError, match="text"):
        kwic(posts.drop(columns="text"), "château")
    assert index.kwic("inconnu").empty
    assert list(index.kwic("inconnu").columns) == [
        "doc_id",
        "left",
        "match",
        "right",
        "start",
        "end",
    ]


def test_concordance_renders_html_and_exports(tmp_path, posts):
    corpus = pd.concat(
        [posts, pd.DataFrame({"doc_id": ["d5"], "text": ["=SOMME(A1) château <script>x"]})],
        ignore_index=True,
    )
    conc = kwic(corpus, "château", by="territory_code")
    page = conc._repr_html_()
    assert "<b>château</b>" in page and "<b>CHATEAU</b>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "territory_code" in page and "4 rows" in page
    path = tl.export(conc, "kwic.csv", folder=tmp_path)
    back = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    assert list(back["match"]) == ["château", "Château", "CHATEAU", "château"]
    assert back["left"].iloc[3] == "'=SOMME(A1) "  # formula neutralised by tl.export
    assert back["right"].iloc[3] == " <script>x"
    assert conc.kwic_query == "château"


def test_kwic_on_sample_agrees_with_a_scan(sample):
    corpus = sample.corpus
    index = KwicIndex(corpus, progress=False)
    conc = index.kwic("loire", window=3, by="territory_code")
    texts = corpus["text"].tolist()
    expected = sum(
        fold_accents(t) == "loire" for text in texts for t, _, _ in tokenize_for_index(text)
    )
    assert len(conc) == expected > 100
    by_id = dict(zip(corpus["doc_id"], texts, strict=True))
    for rec in conc.sample(200, random_state=0).itertuples():
        text = by_id[rec.doc_id]
        assert text[rec.start : rec.end] == rec.match
        assert text[rec.start - len(rec.left) : rec.end + len(rec.right)] == (
            rec.left + rec.match + rec.right
        )
    phrase = index.kwic("office de tourisme", kind="phrase")
    scan = sum(len(re.findall(r"(?<!\w)office de tourisme(?!\w)", fold_accents(t))) for t in texts)
    assert len(phrase) == scan > 10


# ------------------------------------------------------------------ collocations

DOCS = [
    ["office", "de", "tourisme"],
    ["office", "de", "tourisme", "ouvert"],
    ["le", "tourisme", "local"],
]


def test_bigram_counts_and_measures_by_hand():
    table = collocations(DOCS, n=2, min_freq=1, stopwords=None).set_index("ngram")
    # N = 10 tokens; office 2, de 2, tourisme 3
    assert table["freq"].to_dict() == {
        "office de": 2,
        "de tourisme": 2,
        "tourisme ouvert": 1,
        "le tourisme": 1,
        "tourisme local": 1,
    }
    od = table.loc["office de"]
    assert od["pmi"] == pytest.approx(math.log2(2 * 10 / (2 * 2)), abs=1e-12)
    # contingency (2, 0, 0, 8), expected (0.4, 1.6, 1.6, 6.4)
    assert od["llr"] == pytest.approx(2 * (2 * math.log(2 / 0.4) + 8 * math.log(8 / 6.4)), abs=1e-9)
    assert od["t"] == pytest.approx((2 - 2 * 2 / 10) / math.sqrt(2), abs=1e-9)
    dt = table.loc["de tourisme"]
    assert dt["pmi"] == pytest.approx(math.log2(2 * 10 / (2 * 3)), abs=1e-12)
    # contingency (2, 1, 0, 7), expected (0.6, 2.4, 1.4, 5.6)
    llr = 2 * (2 * math.log(2 / 0.6) + 1 * math.log(1 / 2.4) + 7 * math.log(7 / 5.6))
    assert dt["llr"] == pytest.approx(llr, abs=1e-9)
    assert dt["t"] == pytest.approx((2 - 2 * 3 / 10) / math.sqrt(2), abs=1e-9)
    # ranked by the first measure (PMI), ties by frequency then alphabetically
    assert list(table.index) == [
        "office de",
        "de tourisme",
        "le tourisme",
        "tourisme local",
        "tourisme ouvert",
    ]


def test_trigram_counts_and_measures_by_hand():
    table = collocations(DOCS, n=3, min_freq=1, stopwords=None).set_index("ngram")
    assert table["freq"].to_dict() == {
        "office de tourisme": 2,
        "de tourisme ouvert": 1,
        "le tourisme local": 1,
    }
    row = table.loc["office de tourisme"]
    # n_iii 2; pairs (2, 2, 2); words (2, 2, 3); N 10
    assert row["pmi"] == pytest.approx(math.log2(2 * 10**2 / (2 * 2 * 3)), abs=1e-12)
    assert row["t"] == pytest.approx((2 - 12 / 100) / math.sqrt(2), abs=1e-9)
    # non-empty cells: iii 2 (expected .2*.2*.3*10), ooi 1 (.8*.8*.3*10), ooo 7 (.8*.8*.7*10)
    llr = 2 * (2 * math.log(2 / 0.12) + 1 * math.log(1 / 1.92) + 7 * math.log(7 / 4.48))
    assert row["llr"] == pytest.approx(llr, abs=1e-9)


def _random_docs(seed: int, n_docs: int = 60) -> list[list[str]]:
    rnd = random.Random(seed)
    words = ["le", "château", "de", "blois", "office", "tourisme", "la", "loire", "à"]
    words += ["vélo", "val", "vue", "belle"]
    weights = [8, 5, 9, 4, 3, 4, 6, 5, 4, 3, 2, 2, 1]
    return [rnd.choices(words, weights, k=rnd.randint(1, 14)) for _ in range(n_docs)]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("window", [2, 3])
def test_bigrams_equal_nltk(seed, window):
    docs = _random_docs(seed)
    finder = BigramCollocationFinder.from_words(
        BigramCollocationFinder._build_new_documents(docs, window, pad_right=True),
        window_size=window,
    )
    finder.apply_freq_filter(2)
    ours = collocations(docs, n=2, min_freq=2, window=window, stopwords=None)
    keys = list(zip(ours["w1"], ours["w2"], strict=True))
    m = BigramAssocMeasures
    for name, fn in (("pmi", m.pmi), ("llr", m.likelihood_ratio), ("t", m.student_t)):
        ref = dict(finder.score_ngrams(fn))
        got = dict(zip(keys, ours[name], strict=True))
        assert set(ref) == set(got)
        for ngram, value in ref.items():
            assert got[ngram] == pytest.approx(value, rel=1e-9, abs=1e-9)
    assert dict(finder.ngram_fd) == dict(zip(keys, ours["freq"], strict=True))


@pytest.mark.parametrize("seed", [0, 3])
def test_trigrams_equal_nltk(seed):
    docs = _random_docs(seed, 200)
    finder = TrigramCollocationFinder.from_documents(docs)
    finder.apply_freq_filter(2)
    stop = {"le", "de", "la", "à"}
    finder.apply_ngram_filter(lambda a, b, c: a in stop or c in stop)
    ours = collocations(docs, n=3, min_freq=2, stopwords=stop)
    keys = list(zip(ours["w1"], ours["w2"], ours["w3"], strict=True))
    m = TrigramAssocMeasures
    for name, fn in (("pmi", m.pmi), ("llr", m.likelihood_ratio), ("t", m.student_t)):
        ref = dict(finder.score_ngrams(fn))
        got = dict(zip(keys, ours[name], strict=True))
        assert len(ref) > 5 and set(ref) == set(got)
        for ngram, value in ref.items():
            assert got[ngram] == pytest.approx(value, rel=1e-9, abs=1e-9)


def test_collocations_of_texts_stop_at_punctuation_and_stopwords():
    texts = ["Office de Tourisme, de Blois !", "L'office de tourisme de Blois #Loire ouvert"]
    table = collocations(texts, n=2, min_freq=1, stopwords=None)
    pairs = set(table["ngram"])
    assert "tourisme de" in pairs  # from the second text only
    assert table.set_index("ngram").loc["tourisme de", "freq"] == 1  # not across ", "
    assert "blois ouvert" not in pairs  # a hashtag cuts the segment
    assert "l' office" in pairs
    tri = collocations(texts, n=3, min_freq=2)
    assert list(tri["ngram"]) == ["office de tourisme"]  # stopwords inside kept, at edges not


def test_collocations_on_sample_find_place_names(sample):
    table = collocations(sample.corpus, n=3, min_freq=20, sort_by="llr")
    assert table["llr"].is_monotonic_decreasing
    rank = {g: i for i, g in enumerate(table["ngram"])}
    assert rank["château de chambord"] < 50
    assert "office de tourisme" in rank
    assert (table["llr"] > 0).all() and (table["freq"] >= 20).all()


def test_collocations_bad_input():
    with pytest.raises(ValueError, match="n=4"):
        collocations(DOCS, n=4)
    with pytest.raises(ValueError, match="unknown measure"):
        collocations(DOCS, measures=("dice",))
    with pytest.raises(ValueError, match="bigrams only"):
        collocations(DOCS, n=3, window=5)
    with pytest.raises(CorpusSchemaError, match="lemmes"):
        collocations(pd.DataFrame({"text": ["a"]}), column="lemmes")


# ------------------------------------------------------------------ merging


def test_merge_collocations_longest_first_and_without_stopwords():
    docs = pd.Series(
        [
            ["visite", "château", "de", "chambord", "office", "de", "tourisme"],
            ["château", "chambord", "magnifique"],  # tokens of clean_corpus: no "de"
            ["château", "royal"],
        ],
        index=[10, 11, 12],
    )
    merged = merge_collocations(docs, ["château de chambord", "office de tourisme", "château de"])
    assert merged.index.tolist() == [10, 11, 12]
    assert merged.tolist() == [
        ["visite", "château_de_chambord", "office_de_tourisme"],
        ["château_de_chambord", "magnifique"],
        ["château", "royal"],
    ]
    assert docs.iloc[0][1] == "château"  # input untouched
    assert merge_collocations([["a", "b", "c"]], [("a", "b")], sep=" ", stopwords=None) == [
        ["a b", "c"]
    ]


def test_collocation_merger_fit_transform_and_pipeline(sample):
    corpus = tl.clean_corpus(
        sample.corpus.head(3000), detect_lang=False, duplicates=False, bots=False, progress=False
    )
    merger = CollocationMerger(n=3, min_freq=5, max_collocations=30, column="lemmas")
    out = merger.fit(corpus).transform(corpus)
    assert "château de chambord" in set(merger.collocations_["ngram"])
    assert len(out) == len(corpus) and out.index.equals(corpus.index)
    assert out["lemmas_merged"].map(lambda t: "château_de_chambord" in t).sum() > 5
    assert "lemmas_merged" not in corpus.columns
    with pytest.raises(ValueError, match="never"):
        merger.transform(out)
    pipe = Pipeline(
        [
            ("merge", CollocationMerger(n=3, min_freq=5, column="lemmas")),
            (
                "topics",
                tl.TopicModel(n_topics=4, tokens_col="lemmas_merged", random_state=0, max_iter=400),
            ),
        ]
    )
    pipe.fit(corpus)
    vocab = set(pipe.named_steps["topics"].feature_names_)
    assert any("_" in term for term in vocab)


# ------------------------------------------------------------------ examples


def test_examples_typical_by_score_column():
    corpus = pd.DataFrame(
        {
            "doc_id": [f"p{i}" for i in range(6)],
            "author_id": ["u_" + f"{i:024x}" for i in range(6)],
            "text": ["a", "b", "c", "d", "e", "b"],
            "topic": [0, 0, 0, 1, 1, 0],
            "weight": [0.2, 0.9, 0.5, 0.1, 0.7, 0.95],
        }
    )
    ex = examples(corpus, by="topic", n=2, scores="weight", key="test key 0123456789abcdef")
    assert ex[["topic", "rank", "doc_id"]].values.tolist() == [
        [0, 1, "p5"],
        [0, 2, "p2"],  # p1 repeats p5's text: skipped
        [1, 1, "p4"],
        [1, 2, "p3"],
    ]
    assert ex["score"].tolist() == [0.95, 0.5, 0.7, 0.1]
    doc_topic = pd.DataFrame({0: [0.1, 0.2, 0.9, 0.0, 0.3, 0.0], 1: [0.9, 0, 0, 0.8, 0, 0]})
    ex = examples(corpus, scores=doc_topic, n=1, key="test key 0123456789abcdef")
    assert ex[["group", "doc_id"]].values.tolist() == [[0, "p2"], [1, "p0"]]


def test_examples_typical_by_tfidf_centroid():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "author_id": ["u_" + "0" * 24] * 4,
            "text": [
                "château loire vélo",
                "château loire",
                "loire vélo",
                "marché producteurs fromage",
            ],
        }
    )
    ex = examples(corpus, n=1, tokens_col=None, key="test key 0123456789abcdef")
    assert ex["doc_id"].tolist() == ["a"]  # shares the most with the others
    assert 0 < ex["score"].iloc[0] <= 1


def test_examples_random_is_seeded_and_pseudonymous(sample, key):
    corpus = sample.corpus
    ex1 = examples(
        corpus,
        by="territory_code",
        n=3,
        method="random",
        random_state=7,
        key=key,
        allow=sample.institutions,
    )
    ex2 = examples(
        corpus,
        by="territory_code",
        n=3,
        method="random",
        random_state=7,
        key=key,
        allow=sample.institutions,
    )
    ex3 = examples(
        corpus,
        by="territory_code",
        n=3,
        method="random",
        random_state=8,
        key=key,
        allow=sample.institutions,
    )
    pd.testing.assert_frame_equal(ex1, ex2)
    assert not ex1["doc_id"].equals(ex3["doc_id"])
    assert len(ex1) == 3 * corpus["territory_code"].nunique()
    assert "score" not in ex1.columns
    allowed = set(sample.institutions["author_id"])
    assert all(re.fullmatch(r"u_[0-9a-f]{24}", a) or a in allowed for a in ex1["author"])
    # no raw @mention survives in the texts
    mentions = ex1["text"].str.findall(r"@(\w+)").explode().dropna()
    assert all(m.startswith("u_") or m in allowed for m in mentions)
    assert key not in ex1.to_csv()


def test_examples_pseudonymise_raw_handles_and_scrub():
    corpus = pd.DataFrame(
        {
            "doc_id": ["1", "2"],
            "author_id": ["julie_tours", "OT_Blois"],
            "text": ["Merci @OT_Blois et @paul_37, appelez 06 12 34 56 78", "Bienvenue !"],
        }
    )
    ex = examples(corpus, n=2, method="random", random_state=0, key="k" * 20, allow=["OT_Blois"])
    ex = ex.set_index("doc_id")
    assert ex.loc["1", "author"].startswith("u_") and "julie" not in ex.to_csv()
    assert ex.loc["2", "author"] == "OT_Blois"
    assert re.fullmatch(r"Merci @OT_Blois et @u_[0-9a-f]{24}, appelez <tel>", ex.loc["1", "text"])


def test_examples_bad_input(sample):
    with pytest.raises(CorpusSchemaError, match="reinert_class"):
        examples(sample.corpus, by="reinert_class")
    with pytest.raises(ValueError, match="not found"):
        examples(sample.corpus, by="platform", groups=["myspace"], key="k" * 20)
    with pytest.raises(ValueError, match="method="):
        examples(sample.corpus, by="platform", method="best")
    with pytest.raises(ValueError, match="aligned"):
        examples(sample.corpus, scores=pd.DataFrame({0: [1.0]}))
