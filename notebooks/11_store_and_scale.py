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
# # 11 — A corpus larger than memory: the Parquet store, chunks and Dask
#
# **Question.** A national study (every département, two years, several platforms) holds tens
# of millions of posts: it does not fit in pandas. Can the same study run from a store on
# disk, chunk by chunk on a laptop, or on a university cluster, and give the *same* numbers?
#
# `CorpusStore` keeps the corpus as Parquet files partitioned by platform and month, appended
# to by loads (a post already stored is never duplicated) and queried with DuckDB without
# loading everything. `run_chunked` cleans, attributes places, vectorises (a vocabulary
# fitted on a seeded sample) and fits a mini-batch topic model (Mairal et al. 2010;
# `MiniBatchNMF.partial_fit`) chunk by chunk, so memory depends on the chunk, not the corpus;
# with `client=` the same steps run on Dask workers. Here on the bundled sample; the figures
# on 100k to 5M generated posts come from `make bench` (README, "Performance").

# %%
import tempfile
from pathlib import Path

import pandas as pd
from distributed import Client, LocalCluster

import territoire_lab as tl
from territoire_lab.topics import align_topics

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)
N_TOPICS = 10
CHUNKSIZE = 5_000

# %%
sample = tl.load_sample(key=KEY)
workdir = Path(tempfile.mkdtemp(prefix="territoire_lab_store_"))
store = tl.CorpusStore(workdir / "store")

# %% [markdown]
# ## 1. Appending to the store, twice
# The second append of the same posts writes nothing: the report says why.

# %%
first = store.append(sample.corpus)
again = store.append(sample.corpus.head(2_000))
pd.Series(
    {
        "first append": str(first),
        "second append": str(again),
        "posts": len(store),
        "Parquet files": len(store.files()),
    }
)

# %% [markdown]
# ## 2. Asking DuckDB, not pandas
# Counts, filters and samples run on the Parquet files; only the answer reaches pandas.

# %%
store.count(by=["platform", "month"]).pivot(
    index="month", columns="platform", values="n_docs"
).head(6)

# %%
store.query(
    "SELECT territory_code, count(*) AS n_docs, avg(likes) AS mean_likes "
    "FROM corpus GROUP BY territory_code ORDER BY n_docs DESC"
)

# %%
november_blois = store.filter(territory="41018", start="2025-11-01", end="2025-11-30")
len(november_blois), november_blois["created_at"].min(), november_blois["created_at"].max()

# %%
store.sample(3, by="territory_code", random_state=RANDOM_STATE)[
    ["territory_code", "platform", "text"]
].head(9)

# %% [markdown]
# ## 3. The study's steps, chunk by chunk
# Cleaning, places and a mini-batch topic model over chunks of the store; the results are
# written per chunk to Parquet beside the store.

# %%
chunked = tl.run_chunked(
    store, n_topics=N_TOPICS, chunksize=CHUNKSIZE, random_state=RANDOM_STATE, show_progress=False
)
pd.Series(chunked.timings).round(1).rename("seconds")

# %%
chunked.topic_model.top_terms(8).groupby("topic")["term"].agg(" ".join)

# %%
chunked.read("places").groupby(["name", "evidence"]).size().unstack(fill_value=0)

# %% [markdown]
# ## 4. The same numbers in memory and on Dask
# The in-memory path and a Dask cluster (2 workers, local here; a Slurm cluster with
# dask-jobqueue in the README) give the same topics at the same seed: each topic of one run
# is matched to the other's (Hungarian matching of the term weights) with cosine 1.

# %%
in_memory = tl.run_in_memory(store.to_pandas(), n_topics=N_TOPICS, random_state=RANDOM_STATE)
with (
    LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster,
    Client(cluster) as client,
):
    on_dask = tl.run_chunked(
        store,
        n_topics=N_TOPICS,
        chunksize=CHUNKSIZE,
        output=workdir / "dask_results",
        client=client,
        random_state=RANDOM_STATE,
        show_progress=False,
    )

# %%
pd.concat(
    {
        "chunked vs in memory": align_topics(
            in_memory.topic_model.components_, chunked.topic_model.components_
        ),
        "Dask vs in memory": align_topics(
            in_memory.topic_model.components_, on_dask.topic_model.components_
        ),
    }
).groupby(level=0)["similarity"].agg(["min", "mean"])

# %% [markdown]
# What the chunked path leaves out, by design: steps that compare posts with each other
# (near-duplicates and bots, the *thread* and *same author's day* evidence of places) need
# the whole corpus; `run_chunked` refuses them with an error that says so.
