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
# # 03 — Places and maps: which territory is a post about, and where do people post?
#
# **Research question.** A post belongs to a territory because it names it ("à Tours",
# "#Amboise"), because it is geotagged inside it, or because its author lives there. Once
# each post has a territory, *where* do residents and visitors post, and does the tourism
# offices' official offer (DATAtourisme) cover the places visitors photograph — the
# "carte postale 2.0"?
#
# This notebook:
#
# 1. looks up names in the **gazetteer** of all French territories (INSEE COG 2026, with
#    the communes merged since, demonyms and area names);
# 2. finds **place mentions** in texts, hashtags and profile locations, and shows how
#    ambiguous names are resolved ("les tours du château", "à la Chambord", "au Mans");
# 3. **attributes** one territory per post (geotag, then mention, then thread, then the
#    same author's post of the day, then the author's home) and checks it against the
#    sample's planted truth;
# 4. draws **maps**: posts per 1,000 inhabitants, hotspots of residents and visitors
#    (Fischer's "locals and tourists"), a density surface, and the carte postale 2.0.

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

import territoire_lab as tl
from territoire_lab import geo, places
from territoire_lab.report import write_table

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample; else a folder laid out like data/sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/03_places_and_maps"
KEY = "notebook example key - use your own secret"  # pseudonymisation key (see tl.privacy)

# %%
if DATA:
    import os

    os.environ["TERRITOIRE_LAB_SAMPLE"] = str(DATA)
out = Path(OUTPUT_DIR)
out.mkdir(parents=True, exist_ok=True)
sample = tl.load_sample(key=KEY)
truth = tl.load_sample_truth(key=KEY)  # the planted truth: used for evaluation only
# the corpus's territory_code is the collection's answer: the methods must not read it
corpus = sample.corpus.drop(columns=["territory_code", "territory_level"])
study = tl.load_territories("study", geometry=False)
print(f"{len(corpus):,} posts, {len(sample.accounts):,} accounts")

# %% [markdown]
# ## 1. The gazetteer
#
# Every French commune, arrondissement municipal, département and région, with the former
# communes merged into them, postcodes and populations, shipped with the package (Licence
# Ouverte). Names are matched without accents, case or hyphens, with `St`/`Ste`, the
# contracted articles of "Le Mans" ("au Mans", "du Mans"), demonyms and area names.

# %%
gaz = places.load_gazetteer()
print(f"{len(gaz.territories_):,} territories, {gaz.n_keys_:,} name keys")
gaz.territories_["level"].value_counts()

# %% [markdown]
# One name, several territories: the gazetteer lists them all; the detection picks one
# from the context.

# %%
pd.concat(
    {name: gaz.lookup(name) for name in ["Chambord", "Saint-Denis", "Vienne", "Touraine"]},
    names=["name", "rank"],
)

# %% [markdown]
# Merged communes resolve to their current code, and codes stay text (`2A004`):

# %%
pd.DataFrame(
    {
        "former_code": ["41272", "41167", "2A004"],
        "current_code": [gaz.resolve_code(c) for c in ["41272", "41167", "2A004"]],
        "name": [gaz.name_of(gaz.resolve_code(c)) for c in ["41272", "41167", "2A004"]],
    }
)

# %% [markdown]
# ## 2. Place mentions
#
# The detection walks a token trie over all the names, then accepts or rejects each
# reading from its context. A few sentences where the same words are, or are not, places.
# A lower-case hashtag is split into words first (`#bloischambord`: Blois, Chambord); a
# place inside a tag is kept only if well known (Amboise, 13,000 inhabitants, is not
# read inside `#weekendamboise`; a whole tag `#amboise` would be):

# %%
examples = pd.DataFrame(
    {
        "doc_id": [f"ex{i}" for i in range(1, 10)],
        "text": [
            "Week-end à Tours, les tours de la cathédrale au coucher du soleil.",
            "Cocktail à la Chambord en terrasse, puis visite du château de Chambord.",
            "Chambord (27) : la mairie organise une brocante dimanche.",
            "Les rillettes du Mans, et un week-end au Mans pour les 24 Heures.",
            "Un petit verre de chinon, puis balade à Chinon.",
            "Rue en sens unique à Sens, Jazz à Vienne, pas Vienne en Autriche.",
            "Coucher de soleil sur la Sarthe ; le conseil départemental investit en Sarthe.",
            "Super journée #VisitTours #ValDeLoire #CrueLoire @ToursValDeLoire",
            "#bloischambord #lochestouraine #weekendamboise #coucherdesoleil",
        ],
    }
)
places.find_places(examples)

# %% [markdown]
# On the whole corpus: mentions in texts and hashtags. Hashtags name places far more
# often than texts; demonyms ("les Tourangeaux") and areas ("Touraine") count too.

# %%
mentions = places.find_places(corpus)
print(f"{len(mentions):,} mentions in {mentions['doc_id'].nunique():,} posts")
mentions.groupby(["field", "kind"]).size().unstack(fill_value=0)

# %%
top = (
    mentions.groupby(["code", "level", "name"])
    .size()
    .rename("mentions")
    .sort_values(ascending=False)
    .head(15)
    .reset_index()
)
top

# %% [markdown]
# Profile locations are free text: "Tours, France", "37", "Touraine 🍷", "Paris 15e",
# "Paname". The home of each account is the finest place consistent with all the places
# its location names.

# %%
homes = places.home_locations(sample.accounts)
print(
    f"{len(homes):,} of {len(sample.accounts):,} accounts have a recognised home "
    f"({sample.accounts['profile_location'].notna().sum():,} fill in a location)"
)
homes.groupby(["code", "name"]).size().sort_values(ascending=False).head(10)

# %% [markdown]
# The detection is evaluated on a hand-labelled set of 316 mentions in 307 French texts
# (`tests/fixtures/places/`), a third of them ambiguous names or traps: the test suite
# prints precision and recall (0.98 and 0.99 at the time of writing).
#
# ## 3. One territory per post
#
# Evidence is tried in order — geotag in a polygon, explicit mention, the post answered or
# reposted, the same author's post of the same day (a visitor names the place once and
# posts several times), the author's home — and restricted here to the eight territories
# of the study (a commune mention rolls up to the département of Indre, for instance).

# %%
attributed = places.attribute_territory(corpus, targets=study, accounts=sample.accounts)
shares = attributed["evidence"].value_counts(dropna=False, normalize=True).rename("share")
shares

# %% [markdown]
# **Evaluation against the planted truth** (the generator knows each post's territory):

# %%
check = attributed.merge(truth["posts"][["doc_id", "territory_code"]], on="doc_id")
done = check[check["code"].notna()]
evaluation = (
    done.assign(agrees=done["code"] == done["territory_code"])
    .groupby("evidence")["agrees"]
    .agg(posts="size", agreement="mean")
)
print(
    f"attributed: {len(done) / len(check):.1%} of posts; agreement with the truth: "
    f"{(done['code'] == done['territory_code']).mean():.1%}; "
    f"unattributed: {check['code'].isna().mean():.1%}"
)
write_table(evaluation.reset_index(), out / "attribution_evaluation.csv")
evaluation

# %% [markdown]
# ## 4. Maps
#
# ### Posts per commune, raw and per 1,000 inhabitants
#
# Attributed at the commune level this time (no targets), on the communes of the four
# départements. Raw counts show the cities; rates per inhabitant show the small château
# villages (Chambord has about a hundred inhabitants).

# %%
communes = tl.load_territories("commune")
by_commune = places.attribute_territory(
    corpus, level="commune", accounts=sample.accounts, boundaries=communes, mentions=mentions
)
per_commune = (
    by_commune[by_commune["level"] == "commune"].groupby("code").size().rename("publications")
).reset_index()
fig, axes = plt.subplots(1, 2, figsize=(14, 7))
geo.plot_choropleth(
    per_commune,
    communes,
    value="publications",
    scheme="natural_breaks",
    k=5,
    ax=axes[0],
    title="Publications attribuées par commune",
)
geo.plot_choropleth(
    per_commune,
    communes,
    value="publications",
    per_inhabitants=True,
    scheme="quantiles",
    k=5,
    ax=axes[1],
    title="Publications pour 1 000 habitants",
)
fig.savefig(out / "choropleth_publications.png", dpi=150, bbox_inches="tight")
plt.show()

# %% [markdown]
# ### Residents and visitors: hotspots
#
# Fischer's rule labels an author a resident when their posts about a territory span more
# than a month, a visitor otherwise; it needs no profile. We compare it with the truth,
# then cluster the geotags of each audience separately in Lambert-93 (DBSCAN, 250 m).

# %%
posts = corpus.merge(attributed[["doc_id", "code"]], on="doc_id")
fischer = geo.fischer_audience(posts, by="code")
posts = posts.merge(
    fischer[["author_id", "code", "audience"]], on=["author_id", "code"], how="left"
)
true_aud = truth["posts"].set_index("doc_id")["audience"]
both = posts[posts["audience"].notna()].assign(truth=lambda d: d["doc_id"].map(true_aud))
both = both[both["truth"].isin(["resident", "visitor"])]
agreement = (both["audience"] == both["truth"]).mean()
print(f"Fischer's rule agrees with the true audience for {agreement:.1%} of posts")
pd.crosstab(both["truth"], both["audience"], normalize="index").round(2)

# %%
geotagged = posts[posts["lat"].notna() & posts["audience"].notna()]
spots = geo.hotspots(geotagged, eps_m=250, min_samples=15)
write_table(spots, out / "hotspots.csv")
deps = tl.load_territories("departement")
ax = geo.plot_hotspots(spots, deps, points=geotagged)
ax.figure.set_size_inches(9, 9)
ax.figure.savefig(out / "hotspots.png", dpi=150, bbox_inches="tight")
plt.show()
spots.groupby("audience").head(5)

# %% [markdown]
# ### Density surface of the visitors' geotags

# %%
surface = geo.density_surface(
    geotagged[geotagged["audience"] == "visitor"], cell_m=1000, bandwidth_m=1500
)
ax = geo.plot_density(surface, deps, title="Densité des publications géolocalisées des visiteurs")
ax.figure.savefig(out / "density_visitors.png", dpi=150, bbox_inches="tight")
plt.show()

# %% [markdown]
# ### Carte postale 2.0: what visitors photograph, what the tourism offices promote
#
# Visitor hotspots against the 2,546 points of interest described by the tourism offices
# (DATAtourisme). A hotspot no official point covers is a place visitors made famous on
# their own; an official point nobody posts about is an offer nobody shows. Caveat: the
# 2020 DATAtourisme feed of the sample covers Indre-et-Loire (1,432 points) and
# Loir-et-Cher (899) well, Sarthe (163) and Indre (52) poorly, so hotspots there look
# "uncovered" partly because the feed is thin.

# %%
offices = tl.load_datatourisme()
postcard = geo.carte_postale(geotagged, offices, spots=spots, radius_m=300)
ax = geo.plot_carte_postale(postcard, deps)
ax.figure.set_size_inches(9, 9)
ax.figure.savefig(out / "carte_postale.png", dpi=150, bbox_inches="tight")
plt.show()
write_table(postcard.hotspots, out / "carte_postale_hotspots.csv")
write_table(
    postcard.unposted_poi[["doc_id", "title", "types", "territory_code"]],
    out / "poi_sans_publication.csv",
)
print(
    f"{len(postcard.uncovered_hotspots)} of {len(postcard.hotspots)} visitor hotspots have no "
    f"official point of interest within 300 m; {len(postcard.unposted_poi):,} of "
    f"{len(postcard.poi):,} official points have no visitor post within 300 m."
)
postcard.hotspots[
    ["hotspot", "n_posts", "n_authors", "n_poi", "nearest_poi", "nearest_poi_m", "covered"]
].head(10)

# %% [markdown]
# ## Next
#
# The audience notebook replaces Fischer's rule by a classifier that also reads profiles
# and texts; the comparison notebook puts the territories side by side.
