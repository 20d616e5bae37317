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
# # 08 — Influencers: who carries the conversation about each territory?
#
# **Question.** Which accounts have an existing, engaged and local community around each
# territory — the micro-influencers a territory can work with — and who speaks for it
# (ambassadors) or against it (detractors)?
#
# Method (`territoire_lab.influence`): the interaction graph of mentions, replies and
# reposts; per author and territory, reach (followers and tier), engagement rate,
# PageRank, sampled betweenness, Louvain community and *local anchoring* (share of the
# author's posts about the territory). Rankings put micro-influencers (10k-100k followers)
# first. Authors appear only as pseudonyms.
#
# *Tone.* Until the sentiment scorer lands (its own issue), the tone of each post comes
# from the sample's planted truth, to show the ambassador / detractor lists; with real
# data, pass `tone_col="sentiment_label"`.

# %%
import matplotlib.pyplot as plt

import territoire_lab as tl
from territoire_lab import influence, viz

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/08_influencers"
KEY = "notebook example key - use your own secret"
TERRITORY = "37261"  # Tours

# %%
sample = tl.load_sample(key=KEY)
truth = tl.load_sample_truth(key=KEY)
labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
corpus = sample.corpus.merge(truth["posts"][["doc_id", "tone"]], on="doc_id")

# %% [markdown]
# ## 1. The interaction graph

# %%
graph = influence.interaction_graph(sample.interactions)
print(f"{graph.number_of_nodes():,} accounts, {graph.number_of_edges():,} edges")

# %% [markdown]
# ## 2. Metrics per author and territory
#
# The tier scheme is reported with the table (`metrics.attrs["tiers"]`).

# %%
metrics = influence.author_metrics(
    corpus, sample.accounts, sample.interactions, tone_col="tone", random_state=RANDOM_STATE
)
print(metrics.attrs["tiers"])
metrics.groupby("tier")[["followers", "engagement_rate", "pagerank"]].median()

# %% [markdown]
# Engagement rates fall as audiences grow: the well-known advantage of micro-influencers.

# %%
metrics.groupby(["territory_code", "tier"]).size().unstack(fill_value=0).rename(index=labels)

# %% [markdown]
# ## 3. The influencers of a territory, micro first
#
# Institutions are left out: they are measured by the benchmark (notebook 09).

# %%
institutions = sample.institutions["author_id"]
ranking = influence.rank_influencers(metrics, exclude=institutions)
top = ranking[ranking["territory_code"] == TERRITORY]
top[["rank", "author_id", "tier", "followers", "n_posts", "local_anchoring", "influence"]]

# %%
viz.plot_influencers(top, title=f"Influenceurs — {labels[TERRITORY]}")
plt.show()

# %% [markdown]
# ## 4. Ambassadors and detractors

# %%
ambassadors = influence.rank_influencers(metrics, role="ambassador", exclude=institutions)
detractors = influence.rank_influencers(metrics, role="detractor", exclude=institutions)
viz.plot_influencers(
    ambassadors[ambassadors["territory_code"] == TERRITORY],
    title=f"Ambassadeurs — {labels[TERRITORY]}",
)
plt.show()

# %%
viz.plot_influencers(
    detractors[detractors["territory_code"] == TERRITORY],
    title=f"Détracteurs — {labels[TERRITORY]}",
)
plt.show()

# %% [markdown]
# ## 5. Every territory's top micro-influencers

# %%
micro = ranking[ranking["tier"] == "micro"]
micro.groupby("territory_code").head(3)[
    ["territory_code", "rank", "author_id", "followers", "n_posts", "influence"]
].assign(territory=lambda t: t["territory_code"].map(labels))
