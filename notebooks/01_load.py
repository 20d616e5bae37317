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
# # 01 — Load: real exports into one corpus, with a load report and a dataset card
#
# **Research question.** Before comparing how territories speak and are spoken about, a
# study must know exactly what it read: which files, which platforms, how many records,
# which ones were left out and why, and whether the personal data were protected at
# load.
#
# Since the X API closed, researchers collect from many places: Zeeschuimer captures,
# CrowdTangle and Meta Content Library CSVs, Mastodon and Bluesky APIs, review exports,
# the territories' own RSS feeds and DATAtourisme. Real files are messy (French Excel
# CSVs in cp1252 with semicolons, truncated downloads, ids above 2^53) and hold personal
# data. This notebook shows `read_corpus` on such files:
#
# 1. the sample corpus, with its allow-list of institutional accounts;
# 2. several platform exports at once, recognised from their content;
# 3. a damaged French Excel file, read with an explicit column mapping;
# 4. the load report (every skipped record named by file and line) and the dataset card;
# 5. a safe export for colleagues who open files in a spreadsheet.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import territoire_lab as tl
from territoire_lab.export import export
from territoire_lab.io import dataset_card, read_corpus

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample; else a folder laid out like data/sample
RANDOM_STATE = 0  # nothing is random here; kept for the notebook convention
OUTPUT_DIR = "results/01_load"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)

# %% [markdown]
# ## 1. The sample corpus
#
# The allow-list (`institutions.csv`) names the official accounts, which keep their
# handle; every other author becomes a keyed pseudonym (HMAC-SHA256, 96 bits). The key
# never appears in an output: the dataset card records only its public fingerprint.

# %%
sample_dir = Path(DATA) if DATA else tl.datasets.sample_dir()
fixtures = Path(tl.__file__).resolve().parents[1] / "tests" / "fixtures" / "io"
out = Path(OUTPUT_DIR)
out.mkdir(parents=True, exist_ok=True)

corpus = read_corpus(
    sample_dir / "posts.csv",
    key=KEY,
    allow=sample_dir / "institutions.csv",
    card=out / "sample_card.json",
)
report = corpus.attrs["load_report"]
print(
    f"{report['records_in']:,} records, {report['rows_out']:,} rows, {report['n_skipped']} skipped"
)
corpus[["doc_id", "platform", "created_at", "author_id", "text"]].head(5)

# %% [markdown]
# ## 2. Several platform exports at once
#
# The format (CSV, JSON, NDJSON, gzip, Excel, RSS) and the platform are decided from the
# content, not the file name. Each row keeps `source_file` and `source_line`.

# %%
exports = [
    "x_v2_pages.jsonl",
    "zeeschuimer_mixed.ndjson",
    "mastodon_statuses.json",
    "bluesky_search.json",
    "crowdtangle.csv",
    "airbnb_reviews.csv",
    "rss_office_tourisme.xml",
    "truncated_download.csv.gz",
    "dates_mixed.csv",
    "duplicates.csv",
]
loaded = read_corpus(
    [fixtures / name for name in exports],
    key=KEY,
    allow=["mairie_tours", "ToursTourisme"],
    scrub=True,
    return_tables=True,
    card=out / "exports_card.json",
)
multi = loaded.corpus
pd.DataFrame(multi.attrs["load_report"]["inputs"])[
    ["name", "format", "compression", "encoding", "platform", "records"]
]

# %% [markdown]
# Conservation: every record is either a row of the corpus or a line of the report.

# %%
rep = multi.attrs["load_report"]
assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"]
skipped = pd.DataFrame(rep["skipped"])
skipped

# %% [markdown]
# Problems that did not cost a record (daylight-saving times, mixed encodings, columns
# naming people that were pseudonymised) are warnings, also with their file and line.

# %%
pd.Series(rep["warnings"], name="warning").to_frame()

# %% [markdown]
# ### Rows kept and skipped per file

# %%
kept = multi.groupby("source_file").size().rename("lignes gardées")
lost = skipped.groupby("file").size().rename("enregistrements écartés")
per_file = pd.concat([kept, lost], axis=1).fillna(0).astype(int).sort_values("lignes gardées")
ax = per_file.plot.barh(stacked=True, figsize=(8, 5), color=["#4C72B0", "#DD8452"])
ax.set_title("Chargement : enregistrements gardés et écartés par fichier")
ax.set_xlabel("Nombre d'enregistrements")
ax.set_ylabel("Fichier source")
plt.tight_layout()
plt.show()

# %% [markdown]
# The side tables: accounts (followers, profile location; names of private persons are
# dropped) and interactions (mentions, replies, reposts), all pseudonymised.

# %%
loaded.accounts.head()

# %%
loaded.interactions.head()

# %% [markdown]
# ## 3. A French Excel export (cp1252, semicolons, day-first dates, decimal commas)
#
# Columns that do not follow the contract are mapped explicitly; the encoding, delimiter
# and date format are detected.

# %%
french = read_corpus(
    fixtures / "excel_fr_cp1252_semicolon.csv",
    key=KEY,
    columns={
        "Identifiant": "doc_id",
        "Réseau": "platform",
        "Texte": "text",
        "Date": "created_at",
        "Compte": "author_id",
        "Latitude": "lat",
        "Longitude": "lon",
    },
    card=out / "excel_card.json",  # by default: the cards folder (see the README)
)
french[["doc_id", "text", "created_at", "lat", "lon", "author_id"]]

# %% [markdown]
# ## 3b. A tourism office's web page
#
# Saved pages are reduced to their main text by trafilatura (extra `web`): menus, cookie
# banner, share buttons and footer are left out; the date comes from the page's markup,
# never from dates written in the text (a festival's dates are not the page's).

# %%
page = read_corpus(fixtures / "page_ot_chinon_caves.html", key=KEY, card=out / "page_card.json")
{
    "extractor": page.attrs["load_report"]["inputs"][0]["extractor"],
    "created_at": page.loc[0, "created_at"],
    "text": page.loc[0, "text"][:300],
}

# %% [markdown]
# ## 4. The dataset card
#
# Written next to the results: inputs with their sha256, records in and rows out, the
# columns kept and the fingerprint of the pseudonymisation key.

# %%
card = dataset_card(multi)
{k: card[k] for k in ("records_in", "rows_out", "n_skipped", "platforms", "pseudonymisation")}

# %% [markdown]
# ## 5. A safe export for colleagues
#
# Cells that a spreadsheet would run as formulas are neutralised, XLSX text cells are
# text, ids stay text, and the file cannot be written outside `OUTPUT_DIR`. The published
# `text` holds @mentions, so the shared table carries the scrubbed text only.

# %%
shared = multi.drop(columns=["text"])
for name in ("corpus.csv", "corpus.xlsx", "corpus.parquet"):
    print(export(shared, name, folder=out))
