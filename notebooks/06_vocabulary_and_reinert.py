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
# # 06 — Vocabulary of each territory: keyness, specificities, Reinert classification
#
# **Research question.** Which words are typical of each territory, against the other
# territories of the study? And, without any prior grid, which *lexical worlds* structure
# what is said about the Loire valley?
#
# The tools are those of French textometry (IRaMuTeQ, TXM, the R package rainette) and of
# corpus linguistics:
#
# 1. **keyness** of one territory against the rest (log-likelihood G², Dunning 1993; log
#    ratio, Hardie 2014; log-odds with an informative Dirichlet prior, Monroe et al. 2008)
#    and pairwise, with Benjamini-Hochberg adjusted p-values;
# 2. **Lafon specificities** (hypergeometric model, Lafon 1980), the territory x term
#    table TXM shows;
# 3. a **correspondence analysis** of the territories x specific terms table
#    (Benzécri 1973; Greenacre 2017);
# 4. the **Reinert descending hierarchical classification** (Reinert 1983, 1990) of the
#    text segments, its dendrogram and the chi² profile of each class, compared with the
#    themes the sample generator planted;
# 5. the export of the corpus in the **IRaMuTeQ format**, to redo the analysis in
#    IRaMuTeQ or rainette.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import adjusted_rand_score

import territoire_lab as tl
from territoire_lab import viz_vocabulary as vv
from territoire_lab.ca import CorrespondenceAnalysis
from territoire_lab.clean import clean_corpus
from territoire_lab.keyness import count_terms, keyness, specificities
from territoire_lab.reinert import Reinert, read_iramuteq, to_iramuteq

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0  # the methods of this notebook are deterministic
OUTPUT_DIR = "results/06_vocabulary_and_reinert"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)
TARGET = "37003"  # Amboise
N_CLASSES = 12

# %%
out_dir = Path(OUTPUT_DIR)
out_dir.mkdir(parents=True, exist_ok=True)
sample = tl.load_sample(key=KEY)
names = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))

# %% [markdown]
# ## 1. Words
#
# The methods never tokenise: they read the `lemmas` column made by `tl.clean_corpus`
# (stopwords removed, elisions split, lemmatised with simplemma). For the vocabulary of the
# posts we drop hashtags and emojis (the platforms' hashtag clouds, `#travel`
# `#igersfrance`, would otherwise dominate), and keep French posts only.

# %%
cleaned = clean_corpus(sample.corpus, duplicates=False, hashtags="drop", emojis="drop")
french = cleaned[cleaned["lang"].eq("fr").fillna(False).to_numpy(bool)].reset_index(drop=True)
french["territoire"] = french["territory_code"].map(names)
print(f"{len(french):,} French posts of {len(cleaned):,}")
french[["territoire", "text", "lemmas"]].head(5)

# %% [markdown]
# ## 2. Keyness: Amboise against the seven other territories
#
# One row a term; `score` is the signed G² (positive: over-used in Amboise), `log_ratio`
# the effect size (log2 of the ratio of relative frequencies), `p_adj` the
# Benjamini-Hochberg adjusted p-value.

# %%
amboise = keyness(french, by="territoire", target=names[TARGET], measure="g2", min_freq=10)
amboise.head(20)[
    ["term", "freq", "freq_ref", "rel_freq", "rel_freq_ref", "log_ratio", "score", "p_adj"]
]

# %%
vv.plot_keyness_scatter(amboise, n_labels=15)
plt.show()

# %% [markdown]
# The measures agree on the landmarks (Clos Lucé, Léonard de Vinci, pagode de Chanteloup);
# the log-odds with a Dirichlet prior shrinks rare words more than G² does.

# %%
tops = {
    m: keyness(french, by="territoire", target=names[TARGET], measure=m, n_terms=15)[
        "term"
    ].reset_index(drop=True)
    for m in ("g2", "log_ratio", "logodds_dirichlet", "lafon")
}
pd.DataFrame(tops)

# %% [markdown]
# Pairwise: Amboise against Chinon only (two château towns of Touraine).

# %%
pair = keyness(french, by="territoire", target=names[TARGET], reference="Chinon", min_freq=10)
vv.plot_keyness_bars(pair, n_terms=15)
plt.show()

# %% [markdown]
# ## 3. Lafon specificities, territory by territory
#
# The score of a term in a territory is `-log10 P(X >= f)` when it is over-used and
# `log10 P(X <= f)` when it is under-used: 3 means "a frequency this high would happen by
# chance once in a thousand".

# %%
spec = specificities(french, by="territoire", min_freq=20)
spec.to_csv(out_dir / "specificites.csv")
vv.plot_keyness_heatmap(spec, n_terms=6, title="Spécificités lexicales (Lafon) par territoire")
plt.show()

# %% [markdown]
# ## 4. Correspondence analysis of territories x specific terms

# %%
counts = count_terms(french, by="territoire").to_frame()
terms = [t for g in spec.columns for t in spec[g].nlargest(15).index]
table = counts.loc[sorted(set(terms))].T
ca = CorrespondenceAnalysis(n_components=2).fit(table)
print("inertia of the axes:", ca.explained_inertia_[:4].round(3))
vv.plot_ca_biplot(ca.coordinates_, n_columns=45)
plt.show()

# %% [markdown]
# ## 5. Reinert classification of the segments
#
# Segments of about 40 words (most posts are a single segment); units with fewer than 5
# full words are left unclassified, as IRaMuTeQ does. The classes are numbered from top
# to bottom of the dendrogram.

# %%
reinert = Reinert(n_classes=N_CLASSES, min_terms=5, min_df=20).fit(french)
vv.plot_reinert_dendrogram(reinert.tree_, reinert.profiles_, n_terms=8)
plt.show()

# %%
reinert.profiles_.groupby("class").head(5)

# %% [markdown]
# The sample generator planted ten themes: how well do the lexical classes recover them?
# (adjusted Rand index on the classified segments; 1 is a perfect match, 0 chance).

# %%
truth = tl.load_sample_truth(key=KEY)["posts"].set_index("doc_id")
seg = reinert.segments_.dropna(subset=["class"])
planted = french["doc_id"].map(truth["theme"]).to_numpy()[seg["doc_pos"]]
print(f"classified segments: {len(seg) / len(reinert.segments_):.0%}")
print(f"ARI class / planted theme: {adjusted_rand_score(planted, seg['class']):.3f}")
pd.crosstab(seg["class"], planted)

# %% [markdown]
# Which territories speak in which lexical world? A correspondence analysis of the
# classes x territories table.

# %%
cross = pd.crosstab(
    seg["class"].map(lambda k: f"classe {k}"), french["territoire"].to_numpy()[seg["doc_pos"]]
)
vv.plot_ca_biplot(CorrespondenceAnalysis().fit(cross).coordinates_, title="Classes x territoires")
plt.show()

# %% [markdown]
# The double classification (two unit sizes, 5 and 8 full words, crossed) keeps only the
# stable classes: fewer segments classified, purer classes.

# %%
double = Reinert(n_classes=N_CLASSES, min_terms=(5, 8), min_df=20).fit(french)
ok = double.labels_ > 0
planted_all = french["doc_id"].map(truth["theme"]).to_numpy()[double.segments_["doc_pos"]]
ari_double = adjusted_rand_score(planted_all[ok], double.labels_[ok])
print(f"classified: {ok.mean():.0%}; ARI: {ari_double:.3f}")
double.crossings_

# %% [markdown]
# ## 6. Export for IRaMuTeQ and rainette
#
# One document a post, with starred variables; the file opens in IRaMuTeQ ("Ouvrir un
# corpus texte") and in R with `rainette::import_corpus_iramuteq()`.

# %%
path = out_dir / "corpus_iramuteq.txt"
to_iramuteq(french, path, variables={"territoire": "territoire", "platform": "plateforme"})
print(path.read_text(encoding="utf-8")[:400])
back = read_iramuteq(path)
assert back["text"].tolist() == french["text"].str.replace("*", " ").str.strip("\n").tolist()
back.head()
