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
# # 09 — Comparing territories: presence, responsiveness, co-construction, maturity
#
# **The consultant's question.** Of eight Loire-valley territories — a métropole, a
# prefecture, small heritage towns, a château village of a hundred inhabitants and a
# rural département — which handle their "marketing territorial 2.0" best? Do their
# institutions show up on the platforms where people talk about them, answer the citizens
# who address them, and relay their voice? And how robust is a ranking of them?
#
# This notebook builds the benchmark step by step on the bundled sample. Every indicator
# is a documented function of `territoire_lab.benchmark`; the report of
# `territoire-lab study --sample` contains the same tables and figures.

# %%
import matplotlib.pyplot as plt

import territoire_lab as tl
from territoire_lab import benchmark, viz
from territoire_lab.study import run_study

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/09_compare_territories"
KEY = "notebook example key - use your own secret"
WEIGHTS = dict(
    benchmark.DEFAULT_WEIGHTS
)  # the maturity index's weights, to discuss with the client

# %%
sample = tl.load_sample(key=KEY)
labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
sample.institutions.head(10)

# %% [markdown]
# ## 1. Institutional presence, per platform and per inhabitant
#
# The allow-list of official accounts (a CSV the consultant edits with the client) tells
# which accounts speak for each territory. Followers are reported per 1,000 inhabitants:
# a château village with a national estate's accounts is an extreme case, which is why the
# maturity index below uses rank normalisation.

# %%
presence = benchmark.institution_presence(
    sample.corpus, sample.institutions, sample.territories, accounts=sample.accounts
)
presence.pivot_table(index="name", columns="platform", values="n_accounts", aggfunc="sum")

# %%
presence.groupby("name")[["n_posts", "posts_per_week", "followers", "followers_per_1000"]].sum()

# %% [markdown]
# ## 2. Responsiveness to citizens (GRU)
#
# A citizen's post is *addressed* to an institution when it mentions an official account
# or replies to one of its posts; it is *answered* when an official account of the
# territory replies to it. Rates come with Wilson 95 % intervals: for a small town, a
# handful of addressed posts leaves a wide interval.

# %%
resp = benchmark.responsiveness(sample.corpus, sample.institutions, sample.interactions)
resp.assign(territory=resp["territory_code"].map(labels))

# %%
viz.plot_responsiveness(resp, labels=labels)
plt.show()

# %% [markdown]
# Per account, the town halls and tourism offices of the same territory behave
# differently: the tourism offices answer less.

# %%
per_account = benchmark.responsiveness(
    sample.corpus,
    sample.institutions,
    sample.interactions,
    by=["territory_code", "account"],
    per="account",
)
per_account[per_account["n_addressed"] >= 20].sort_values("answer_rate", ascending=False)

# %% [markdown]
# ## 3. Co-construction: do institutions relay their users?

# %%
benchmark.co_construction(sample.corpus, sample.institutions).assign(
    territory=lambda t: t["territory_code"].map(labels)
)

# %% [markdown]
# ## 4. A digital maturity index, fair across population sizes
#
# The index is the weighted mean of the indicators, each rescaled to [0, 1] by its
# percentile rank among the territories (OECD/JRC 2008). Territories are ranked overall
# and within their population stratum.

# %%
indicators = benchmark.territory_indicators(
    sample.corpus,
    sample.institutions,
    sample.interactions,
    sample.territories,
    accounts=sample.accounts,
)
indicators

# %%
index = benchmark.maturity_index(indicators, weights=WEIGHTS)
index

# %%
viz.plot_maturity_radar(index, labels=labels)
plt.show()

# %% [markdown]
# ## 5. How robust is the ranking?
#
# The weights are a choice. Drawing them 1,000 times around the chosen weights (Dirichlet,
# concentration 20) shows which ranks are solid (Loches, Chinon) and which depend on the
# weights (Amboise, Chambord).

# %%
sensitivity = benchmark.rank_sensitivity(
    indicators, weights=WEIGHTS, n_draws=1000, random_state=RANDOM_STATE
)
sensitivity.assign(territory=sensitivity["code"].map(labels))

# %%
viz.plot_rank_sensitivity(sensitivity, labels=labels)
plt.show()

# %% [markdown]
# ## 6. The full report
#
# The same analysis, with the descriptive tables and the maps, in one HTML page with its
# CSV tables and PNG figures:

# %%
report_html = run_study(OUTPUT_DIR, key=KEY, random_state=RANDOM_STATE)
print(report_html)

# %% [markdown]
# Still to come in this comparison (each with its own issue): share of voice by audience
# (institution / residents / visitors, once the audience classifier lands), the tone gap
# (sentiment) and the image gap between the institution's topics and its users' topics.
