# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 — Cleaning French social-media text
#
# **Research question.** Every later comparison of territories (topics, specific
# vocabulary, tone) counts words. Which words? French posts mix elisions (*l'été*,
# *d'Amboise*, *jusqu'au*), hyphenated place names (*Saint-Cyr-sur-Loire*), camel-case
# hashtags (*#LoireAVelo*), emojis, abbreviations (*bcp*, *tkt*, *mdr*), stretched letters
# (*troooop*), URLs and mentions, and sometimes broken encodings. This notebook shows each
# cleaning step on real-looking examples, then what the whole pipeline does to the
# sample's vocabulary, and which posts it flags (other languages, duplicates, bots).
#
# The raw `text` is never altered: cleaning adds columns (`text_clean`, `tokens`,
# `lemmas`, `hashtags`, `mentions`, `urls`, `emojis`, `flags`).

# %%
import io
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.feature_extraction.text import CountVectorizer

import territoire_lab as tl
from territoire_lab import clean, dedup, hashtags, langid

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample; else a CSV of posts with a `text` column
RANDOM_STATE = 0
OUTPUT_DIR = "results/02_clean"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)

# %%
out_dir = Path(OUTPUT_DIR)
out_dir.mkdir(parents=True, exist_ok=True)
if DATA is None:
    corpus = tl.load_sample_corpus(key=KEY)
else:
    corpus = pd.read_csv(DATA, dtype={"doc_id": "string"})
print(f"{len(corpus):,} posts")

# %% [markdown]
# ## 1. The normalisation steps, one by one
#
# Each step is a plain `str -> str` function; `clean.DEFAULT_STEPS` lists them in order.
# Steps that repair something also *flag* the post. Here, each step on a string that
# needs it:

# %%
examples = {
    clean.decode_html: "Tours &amp; Blois<br/>c&#39;est <b>top</b> &amp;amp;",
    clean.remove_control_chars: "Chi\u200bnon\u00ad la nuit\ufeff",
    clean.fix_mojibake: "ChÃ¢teau de Chinon, câ€™est gÃ©nial Ã  voir",
    clean.normalize_unicode: "e\u0301te\u0301 a\u0300 Blois",
    clean.normalize_apostrophes: "l’été dʼAmboise, jusqu`au bout",
    clean.reduce_stretched: "Troooop beeeelle la vue, cooool !! www.blois.fr",
    clean.normalize_whitespace: "Loches\u202f!   Trop beau\u00a0!\n\n\n#Touraine",
}
pd.DataFrame(
    [
        {
            "étape": step.__name__,
            "drapeau": getattr(step, "flag", ""),
            "avant": repr(text),
            "après": repr(step(text)),
        }
        for step, text in examples.items()
    ]
)

# %% [markdown]
# ## 2. Tokens and lemmas
#
# Tokenisation is one compiled regular expression; elisions are split, hyphenated words
# and place names kept whole, verb-pronoun inversions split, abbreviations expanded,
# hashtags split into words, emojis kept (their lemma is their French CLDR name).
# Stopwords (spaCy's French list minus words that matter for places, such as *ouvert*,
# *retour*, *proche*), social-media noise words and every form of *être*/*avoir* are
# removed. Lemmas come from simplemma, cached per unique token.

# %%
cleaner = clean.FrenchTextCleaner().fit()
posts = [
    "L’été à Saint-Cyr-sur-Loire, jusqu'au bout de la nuit 🌙 #LoireAVelo",
    "Pk les bus passent plus après 21h ??? bcp de monde, tkt on arrive @fil_bleu",
    "Troooop beaux les châteaux d'Amboise 😍😍 https://t.co/xYz",
    "A-t-il vu les remparts de Loches ? Visite guidée ce week-end #ChateauxDeLaLoire",
    "mdr le resto était fermé, nous sommes allés à Tours 🍷👍🏽",
]
pd.DataFrame([dict(zip(clean.CLEAN_COLUMNS, cleaner.process(p), strict=True)) for p in posts])[
    ["text_clean", "tokens", "lemmas", "hashtags", "mentions", "urls", "flags"]
]

# %% [markdown]
# Hashtag segmentation (`territoire_lab.hashtags`) uses camel case first, then a Viterbi
# search (Norvig 2009) over a French word-frequency list (wordfreq, CC BY-SA 4.0), the
# names of every commune, département, région and tourist area of the gazetteer, and a few
# English words of tourism tags; it restores the accents. A name it does not know stays
# whole rather than being cut into rare words (*#vigicrues*).

# %%
tags = [
    "#LoireAVelo",
    "#chateauxdelaloire",
    "#24hLeMans",
    "#citeplantagenet",
    "#lacdannecy",
    "#saintcyrsurloire",
    "#VisitTours",
    "#vigicrues",
    "#ete2025",
    "#Touraine_Loire",
]
pd.DataFrame({"hashtag": tags, "mots": [" ".join(hashtags.split_hashtag(t)) for t in tags]})

# %% [markdown]
# Its exact-match accuracy on the hand-written gold table of French territorial hashtags
# shipped with the tests (`tests/data/hashtags_fr_gold.csv`; the `dev` rows were used to
# set its parameters, the `heldout` rows were written afterwards):

# %%
repo = Path(tl.__file__).resolve().parents[1]  # the gold table is in the repository's tests
lines = (repo / "tests" / "data" / "hashtags_fr_gold.csv").read_text(encoding="utf-8").splitlines()
rows = "\n".join(line for line in lines if not line.startswith("# "))  # header comments
gold = pd.read_csv(io.StringIO(rows), dtype=str)
gold["found"] = gold["hashtag"].map(lambda t: " ".join(hashtags.split_hashtag(t)))
gold["right"] = gold["found"] == gold["expected"]
gold.groupby("split")["right"].agg(["size", "mean"]).rename(
    columns={"size": "hashtags", "mean": "exact match"}
)

# %% [markdown]
# ## 3. Cleaning the corpus
#
# `clean_corpus` adds the columns, fills missing languages (py3langid, offline) and
# flags duplicates; nothing is dropped and `text` is untouched.

# %%
cleaned = clean.clean_corpus(corpus, n_jobs=1)
assert len(cleaned) == len(corpus) and cleaned["text"].equals(corpus["text"])
cleaned[["text", "text_clean", "tokens", "lemmas", "lang", "flags"]].sample(
    6, random_state=RANDOM_STATE
)

# %% [markdown]
# On a large corpus, `n_jobs=2` cleans chunks in a worker process while the main process
# cleans others; the output is identical.

# %%
two = clean.clean_corpus(corpus, n_jobs=2)
pd.testing.assert_frame_equal(cleaned, two)

# %% [markdown]
# ## 4. Effect on vocabulary size
#
# Distinct word types at each stage: raw whitespace-separated strings, lower-case
# `\w+` words, the pipeline's tokens with all words kept, after stopwords, after
# lemmatisation, and after removing the study's territory names (which otherwise top
# every list, see section 5).

# %%
territories = tl.load_territories("study", geometry=False)
keep_all = clean.FrenchTextCleaner(stopwords=None, stop_lemmas=None, noise=False).fit()
no_places = clean.FrenchTextCleaner(drop_territories=territories).fit()
texts = corpus["text"].fillna("")
stages = {
    "bruts (espaces)": {w for t in texts for w in t.split()},
    "mots \\w+ en minuscules": set(texts.str.lower().str.findall(r"\w+").explode().dropna()),
    "tokens (tous)": {w for t in texts for w in keep_all.process(t)[1]},
    "tokens sans mots vides": {w for ws in cleaned["tokens"] for w in ws},
    "lemmes": {w for ws in cleaned["lemmas"] for w in ws},
    "lemmes sans noms de lieux": {w for t in texts for w in no_places.process(t)[2]},
}
vocab = pd.DataFrame(
    {"étape": list(stages), "taille du vocabulaire": [len(v) for v in stages.values()]}
)
vocab.to_csv(out_dir / "vocabulary_sizes.csv", index=False)
ax = vocab.plot.barh(x="étape", y="taille du vocabulaire", legend=False, figsize=(8, 4))
ax.invert_yaxis()
ax.set_xlabel("nombre de types distincts")
ax.set_ylabel("")
ax.set_title("Taille du vocabulaire à chaque étape du nettoyage")
for i, v in enumerate(vocab["taille du vocabulaire"]):
    ax.text(v, i, f" {v:,}".replace(",", " "), va="center")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 5. Most frequent lemmas, with and without territory names
#
# Place names dominate raw counts; `drop_territories=` removes them so that topics and
# keyness speak about what is said of the places.

# %%
with_places = cleaned["lemmas"].explode().dropna().value_counts().head(20)
without_places = (
    pd.Series([w for t in texts for w in no_places.process(t)[2]]).value_counts().head(20)
)
fig, axes = plt.subplots(1, 2, figsize=(11, 6))
with_places.sort_values().plot.barh(ax=axes[0], color="tab:blue")
axes[0].set_title("Avec les noms de territoires")
without_places.sort_values().plot.barh(ax=axes[1], color="tab:green")
axes[1].set_title("Sans les noms de territoires")
for ax in axes:
    ax.set_xlabel("occurrences")
    ax.set_ylabel("")
fig.suptitle("Les 20 lemmes les plus fréquents du corpus")
plt.tight_layout()
plt.show()

# %% [markdown]
# ## 6. What the cleaning flagged
#
# Flags never remove a post: a study decides what to do with them.

# %%
flag_counts = cleaned["flags"].explode().dropna().value_counts()
ax = flag_counts.sort_values().plot.barh(figsize=(7, 4), color="tab:orange")
ax.set_xlabel("nombre de publications")
ax.set_title("Publications signalées par le nettoyage")
plt.tight_layout()
plt.show()
flag_counts.rename("publications").to_frame()

# %% [markdown]
# Languages (given by the platform or detected), and a few duplicate groups: copy-paste
# campaigns and templated answers of institutions.

# %%
print(cleaned["lang"].value_counts(dropna=False).rename("publications").to_string())
groups = cleaned[cleaned["dup_cluster"].notna()]
biggest = groups["dup_cluster"].value_counts().index[:3]
groups[groups["dup_cluster"].isin(biggest)].sort_values("dup_cluster")[
    ["dup_cluster", "dup_kind", "author_id", "text"]
].head(9)

# %% [markdown]
# Simple bot heuristics per author: posting rate, repeated texts, link-only posts.

# %%
bots = dedup.bot_scores(corpus)
print(f"{int(bots['suspect'].sum())} suspect authors out of {len(bots):,}")
bots.sort_values("share_repeated", ascending=False).head(8)

# %% [markdown]
# ## 7. The same tokens in scikit-learn
#
# `FrenchTextCleaner.build_analyzer()` plugs the cleaning into `CountVectorizer` or
# `TfidfVectorizer`, so that a document-term matrix counts exactly the lemmas above.

# %%
vectorizer = CountVectorizer(analyzer=no_places.build_analyzer(), min_df=5)
dtm = vectorizer.fit_transform(texts)
print(f"document-term matrix: {dtm.shape[0]:,} posts x {dtm.shape[1]:,} lemmas")
print(
    "language detected offline for", int(cleaned["lang_detected"].sum()), "posts;",
    "French list:", langid.DEFAULT_LANGUAGES,
)  # fmt: skip

# %% [markdown]
# ## Next
#
# The next notebooks attribute posts to places and audiences, then compare the
# territories' topics, specific vocabulary and tone on these lemmas.
