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
# # 00 — Tour: the question, the data contract, the sample at a glance
#
# **Research question.** How does each territory of the Loire valley speak about itself,
# and how do its residents (endogenous audience) and its visitors (exogenous audience)
# speak about it? Before any model, a study needs to know *what it has*: how many posts,
# from whom, on which platforms, over which months, for which territories and for how many
# inhabitants.
#
# This notebook presents:
#
# 1. the **data contract**: the columns every corpus follows, and how a broken table is
#    reported (all problems at once);
# 2. the **bundled sample**: eight territories (Tours, Amboise, Chinon, Loches, Blois,
#    Chambord, Le Mans and the département of Indre), generated posts on six platforms
#    over 2025, and real reference data (INSEE populations, IGN boundaries, the tourism
#    offices' DATAtourisme texts);
# 3. the sample at a glance: posts per territory, platform and month, per inhabitant, and
#    a map.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import territoire_lab as tl
from territoire_lab import describe, schema, viz
from territoire_lab.report import write_table

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample; else a folder laid out like data/sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/00_tour"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)

# %% [markdown]
# ## 1. The data contract
#
# A corpus has one row per document. The contract is data, so it can be read as a table:

# %%
schema.column_dictionary(schema.CORPUS)

# %% [markdown]
# Validation collects **every** problem before raising, and each message says what was
# found, what was expected and how to fix it. Here, a small corpus with three typical
# defects of real exports: ids read as floats (which silently loses digits above 2^53),
# naive local times, and a negative like count.

# %%
broken = pd.DataFrame(
    {
        "doc_id": [1.8752345678901235e18, 1.8752345678901238e18],
        "platform": ["x", "x"],
        "text": [
            "Quelle vue depuis le château d'Amboise 😍",
            "Encore des travaux rue Nationale...",
        ],
        "created_at": pd.to_datetime(["2025-07-14 12:00", "2025-07-15 08:30"]),
        "author_id": ["u_1", "u_2"],
        "likes": pd.array([12, -1], dtype="Int64"),
    }
)
try:
    tl.validate_corpus(broken)
except tl.CorpusSchemaError as err:
    print(err)

# %% [markdown]
# ## 2. The bundled sample
#
# Every file of the sample is listed in a registry with its licence, source, number of
# records and sha256 (checked by the tests).

# %%
tl.list_datasets()

# %% [markdown]
# Authors are pseudonymised at load with a keyed hash: only the allow-listed
# institutional accounts keep their handle.

# %%
sample = tl.load_sample(key=KEY)
corpus = sample.corpus
labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
print(f"{len(corpus):,} posts, {corpus['author_id'].nunique():,} authors")
corpus[["doc_id", "platform", "created_at", "author_id", "territory_code", "text"]].head(8)

# %%
sample.territories

# %% [markdown]
# ## 3. The sample at a glance
#
# ### Posts per territory and platform

# %%
by_platform = describe.count_by(corpus, by=["territory_code", "platform"])
viz.plot_stacked_counts(
    by_platform, index="territory_code", columns="platform", index_labels=labels
)
plt.show()

# %% [markdown]
# ### Posts per month (Paris time)
#
# Visitors' posts peak in summer; the spikes are events (festivals, a flood).

# %%
monthly = describe.activity_by_period(corpus, by="territory_code", period="month")
viz.plot_activity(monthly, labels=labels, title="Publications par mois et par territoire")
plt.show()

# %% [markdown]
# ### Per inhabitant
#
# Raw volumes favour large cities; a comparison of a château village (Chambord, about a
# hundred inhabitants) with a prefecture needs rates per 1,000 inhabitants, and also
# shows why such rates must be read with the population in mind.

# %%
overview = describe.territory_overview(
    corpus, sample.territories, institutions=sample.institutions
).sort_values("docs_per_1000_inhabitants", ascending=False)
write_table(overview, Path(OUTPUT_DIR) / "territory_overview.csv")  # spreadsheet-safe CSV
overview

# %% [markdown]
# ### Map of the territories
#
# Boundaries are IGN's (COG 2018), populations INSEE's (COG 2026): communes merged since
# 2018 are dissolved into their current commune by the loader.

# %%
communes = tl.load_territories("commune")
study = tl.load_territories("study")
viz.plot_territory_map(
    communes,
    highlight=study[study["level"] == "commune"],
    title="Territoires de l'étude et population des communes",
)
plt.show()

# %% [markdown]
# ## 4. The institutions' own voice: DATAtourisme
#
# The tourism offices describe their points of interest and events. These real texts are
# the institutional side of the image gap studied in later notebooks.

# %%
offices = tl.load_datatourisme()
offices.groupby("author_id").size().sort_values(ascending=False).head(10).rename("n_descriptions")

# %%
offices[["title", "author_id", "territory_code", "text"]].head(5)

# %% [markdown]
# ## Next
#
# The next notebooks clean the texts, attribute posts to places and audiences, and compare
# the territories' topics, vocabulary and tone.
