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
# # 10 — Reading behind the numbers, and validating the labels by hand
#
# **Question.** Can we trust the numbers of the study? Two habits of a careful study:
# read the posts behind a surprising number (part 1), and measure the automatic labels
# (audience, tone) against a sample coded by hand, after checking that the coders agree
# with each other (part 2).
#
# Methods: `territoire_lab.reading` (keyword in context, representative posts),
# `territoire_lab.annotation` (stratified annotation sample, coders' files, validation)
# and `territoire_lab.agreement` (Cohen's and Fleiss' kappa, Krippendorff's alpha with
# bootstrap intervals over the posts).

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import territoire_lab as tl
from territoire_lab import annotation, exchange, influence, reading, sentiment, viz
from territoire_lab.agreement import agreement
from territoire_lab.study import AUDIENCE_LABELS

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/10_reading_and_validation"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)
N_SAMPLE = 150  # posts in the hand-coding round
CODER_ERROR = {"A": 0.05, "B": 0.10, "C": 0.15}  # simulated coders' error rates

# %%
sample = tl.load_sample(key=KEY)
corpus = sample.corpus
names = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
levels = dict(zip(sample.territories["code"], sample.territories["level"], strict=True))
out = Path(OUTPUT_DIR)
out.mkdir(parents=True, exist_ok=True)
scored = sentiment.score_sentiment(corpus)

# %% [markdown]
# ## Part 1 — From a surprising number to the posts behind it
#
# The share of negative posts per territory and month: which month stands out?

# %%
monthly = sentiment.sentiment_by(
    scored.assign(month=scored["created_at"].dt.tz_convert("Europe/Paris").dt.strftime("%Y-%m")),
    by=["territory_code", "month"],
)
monthly = monthly[monthly["n_docs"] >= 50]
peak = monthly.sort_values("share_negative", ascending=False).iloc[0]
typical = monthly.loc[monthly["territory_code"] == peak["territory_code"], "share_negative"]
print(
    f"{names[peak['territory_code']]}, {peak['month']}: {peak['share_negative']:.0%} of "
    f"{peak['n_docs']} posts are negative (median month of this territory: "
    f"{typical.median():.0%})"
)

# %% [markdown]
# Which words? The negative posts of that month against the territory's other months
# (keyness, G²), then each word in its context (keyword in context).

# %%
here = scored[scored["territory_code"] == peak["territory_code"]].assign(
    month=lambda d: d["created_at"].dt.tz_convert("Europe/Paris").dt.strftime("%Y-%m")
)
cleaned = tl.clean_corpus(here, detect_lang=False, duplicates=False, bots=False)
period = np.where(here["month"].to_numpy() == peak["month"], "peak", "rest")
top = tl.keyness(cleaned.assign(period=period), by="period", target="peak", n_terms=8)
top[["term", "freq", "freq_ref", "log_ratio", "score"]].round(2)

# %%
word = top["term"].iloc[0]
index = reading.build_index(here)
index.kwic(word, kind="lemma", window=6, where={"month": peak["month"]}, sort="right", limit=12)

# %% [markdown]
# The index is built once; each query then takes milliseconds (`benchmarks/bench_reading.py`).
# It answers phrases (`*` for any one word), hashtags and regular expressions too, matched
# case- and accent-insensitively, filtered on any column, always showing the original text:

# %%
index.kwic("office de tourisme", kind="phrase", window=4, by="platform", limit=8)

# %%
index.kwic(r"ch[aâ]teaux? (de|du) \w+", kind="regex", window=3, by="platform", limit=8)

# %% [markdown]
# Which words travel together? Bigrams and trigrams of the territory's posts ranked by
# log-likelihood (Dunning 1993), with PMI and t-score beside (NLTK's values, tested). The
# best can be joined into single tokens (`château_de_blois`) before topic models and keyness.

# %%
reading.collocations(here, n=3, min_freq=10, sort_by="llr").head(10)

# %%
merger = reading.CollocationMerger(
    n=(2, 3), measure="llr", min_freq=10, max_collocations=30, column="lemmas"
)
merged = merger.fit(cleaned).transform(cleaned)
joined = set(merger.collocations_["ngram"].str.replace(" ", "_"))
merged["lemmas_merged"].explode().loc[lambda t: t.isin(joined)].value_counts().head(10)

# %% [markdown]
# And the most typical negative posts of the month, authors shown as pseudonyms only, to
# quote in a report:

# %%
negative = here[(here["month"] == peak["month"]) & (here["sentiment_label"] == "negative")]
reading.examples(negative, n=5, key=KEY, allow=sample.institutions)

# %% [markdown]
# ## Part 2 — A small hand-coding round and its agreement
#
# ### 1. The annotation sample
#
# A stratified random sample of posts (proportional to each territory's volume), written
# as one spreadsheet per coder: the posts, an empty column per label, and a `codebook`
# sheet with the allowed values and their meaning. Coders see neither the territory code
# of the stratum nor any prediction.

# %%
truth = tl.load_sample_truth(key=KEY)  # read only to simulate the coders
themes = sorted(truth["posts"]["theme"].unique())
round1 = annotation.annotation_sample(
    corpus,
    strata=["territory_code"],
    n=N_SAMPLE,
    codebook={"topic": themes},
    coders=list(CODER_ERROR),
    path="tour1.xlsx",
    folder=out,
    random_state=RANDOM_STATE,
)
print([p.name for p in round1.attrs["paths"]])
round1.groupby("territory_code")["doc_id"].size().rename(index=names).rename("posts")

# %% [markdown]
# ### 2. Three coders (simulated)
#
# Here the coders are simulated: each gives the sample's planted truth, except for a
# share of random errors (5, 10 and 15 %). With real coders, this cell is replaced by the
# files they send back.

# %%
rng = np.random.default_rng(RANDOM_STATE)
truth_posts = truth["posts"].set_index("doc_id")
columns = {"audience": "audience", "tone": "tone", "topic": "theme", "place": "territory_code"}
choices = {label: sorted(truth_posts[col].unique()) for label, col in columns.items()}
filled = []
for (coder, error), path in zip(CODER_ERROR.items(), round1.attrs["paths"], strict=True):
    sheet = pd.read_excel(path, sheet_name="annotation", dtype=str)
    for label, col in columns.items():
        values = truth_posts.loc[sheet["doc_id"], col].to_numpy(dtype=object)
        wrong = rng.random(len(values)) < error
        values[wrong] = [rng.choice([c for c in choices[label] if c != v]) for v in values[wrong]]
        sheet[label] = values
    filled.append(tl.export(sheet, f"tour1_{coder}_rempli.xlsx", folder=out))

# %%
annotations = annotation.read_annotations(filled, ids=round1)
annotations.head()

# %% [markdown]
# ### 3. Do the coders agree?
#
# Krippendorff's alpha is the reference (any number of coders, missing values, and the
# ordinal metric for the tone: negative < neutral < positive); Fleiss' kappa and Cohen's
# kappa for each pair are given beside it. Intervals: 95 % percentile bootstrap over the
# posts (1,000 resamples). Krippendorff's rule of thumb: alpha >= 0.800 to rely on the
# data, >= 0.667 for tentative conclusions.

# %%
agree = agreement(
    annotations,
    by="label_name",
    level={"tone": "ordinal"},
    categories={"tone": list(sentiment.LABELS)},
    n_boot=1000,
    random_state=RANDOM_STATE,
)
alpha = agree[agree["statistic"] == "krippendorff_alpha"]
alpha[["label_name", "level", "n_items", "value", "ci_low", "ci_high"]].round(3)

# %%
agree[agree["statistic"] == "cohen_kappa"].pivot(
    index="coders", columns="label_name", values="value"
).round(3)

# %% [markdown]
# ### 4. How good are the automatic labels, against the coders?
#
# The reference of each post is the coders' majority (posts where all three disagree are
# left out). Precision, recall and F1 per class, with bootstrap intervals; the reference
# itself is imperfect, which lowers the measured scores (Song et al. 2020).

# %%
clf = tl.AudienceClassifier(random_state=RANDOM_STATE).fit(
    corpus,
    accounts=sample.accounts,
    institutions=sample.institutions,
    territory_levels=levels,
)
labelled = clf.transform(corpus)
audience_check = annotation.validate_against(
    annotations, labelled, label="audience", n_boot=1000, random_state=RANDOM_STATE
)
print(
    f"audience: {audience_check['n_items']} posts, accuracy {audience_check['accuracy']:.3f}, "
    f"{audience_check['n_ties']} without a majority"
)
audience_check["scores"].pivot(index="class", columns="metric", values="value").round(3)

# %%
viz.plot_confusion(
    audience_check["confusion"],
    labels=AUDIENCE_LABELS,
    title="Public : codage manuel (lignes) et classifieur (colonnes)",
)
plt.show()

# %%
tone_check = annotation.validate_against(
    annotations,
    scored,
    label="tone",
    column="sentiment_label",
    classes=list(sentiment.LABELS),
    n_boot=1000,
    random_state=RANDOM_STATE,
)
scores = tone_check["scores"]
scores[scores["metric"] == "f1"].round(3)

# %%
tl.export(agree, "accord_codeurs.csv", folder=out)
tl.export(
    pd.concat(
        [
            audience_check["scores"].assign(label="audience"),
            tone_check["scores"].assign(label="tone"),
        ]
    ),
    "validation.csv",
    folder=out,
)

# %% [markdown]
# ## Exports: the influence graph for Gephi, a corpus for IRaMuTeQ
#
# The interaction graph goes to Gephi pseudonymised (institutions keep their name), with
# each author's audience and main territory; the posts of one territory go to IRaMuTeQ
# with their starred variables.

# %%
graph = influence.interaction_graph(sample.interactions)
authors = clf.labels_.sort_values("audience_proba", ascending=False).drop_duplicates(
    ["platform", "author_id"]
)
exchange.to_gexf(
    graph,
    out / "interactions.gexf",
    nodes=authors[["platform", "author_id", "audience", "territory_code"]],
    accounts=sample.accounts,
    institutions=sample.institutions,
    key=KEY,
)
chinon = labelled[labelled["territory_code"] == "37072"]
exchange.to_iramuteq(chinon, out / "chinon_iramuteq.txt")
print((out / "chinon_iramuteq.txt").read_text(encoding="utf-8")[:400])
