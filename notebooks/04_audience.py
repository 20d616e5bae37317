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
# # 04 — Audience: the institution, residents and visitors
#
# **Question.** Who speaks about each territory: its institutions, its residents
# (endogenous audience) or its visitors (exogenous audience)? How does the split change by
# platform and by season? And how far can we trust the classifier that makes the split?
#
# Method (`territoire_lab.audience.AudienceClassifier`): for each author and territory,
# evidence from the allow-list and the profile (institutions, businesses, media), the
# posting history (Fischer's rule: a month or more of posts makes a local), the home read
# from the profile location with the gazetteer, the language and the words of the posts;
# confident rules label part of the authors, a logistic regression trained on them (with
# single-post, hidden-profile copies) labels the others, and probabilities are calibrated.
# The sample's planted truth measures the result.

# %%
import matplotlib.pyplot as plt

import territoire_lab as tl
from territoire_lab import audience, benchmark, viz
from territoire_lab.study import AUDIENCE_LABELS

tl.show_versions()

# %% tags=["parameters"]
DATA = None  # None: the bundled sample
RANDOM_STATE = 0
OUTPUT_DIR = "results/04_audience"
KEY = "notebook example key - use your own secret"
MIN_SPAN_DAYS = 30  # Fischer's locals-and-tourists threshold

# %%
sample = tl.load_sample(key=KEY)
labels = dict(zip(sample.territories["code"], sample.territories["name"], strict=True))
levels = dict(zip(sample.territories["code"], sample.territories["level"], strict=True))

# %% [markdown]
# ## 1. Fit the classifier

# %%
clf = tl.AudienceClassifier(min_span_days=MIN_SPAN_DAYS, random_state=RANDOM_STATE).fit(
    sample.corpus,
    accounts=sample.accounts,
    institutions=sample.institutions,
    territory_levels=levels,
)
clf.evidence_["rule"].replace("", "(aucune règle : modèle)").value_counts()

# %% [markdown]
# The evidence behind one author's label (an institutional account missing from the
# allow-list, found by its profile):

# %%
clf.labels_[clf.labels_["rule"] == "profile cue (institution)"].head(3)

# %% [markdown]
# ## 2. Who speaks about each territory?

# %%
labelled = clf.transform(sample.corpus)
voice = benchmark.share_of_voice(labelled)
viz.plot_stacked_counts(
    voice,
    index="territory_code",
    columns="audience",
    index_labels=labels,
    column_labels=AUDIENCE_LABELS,
    title="Qui parle de chaque territoire ?",
    legend_title="Public",
)
plt.show()

# %% [markdown]
# ### By platform: reviews are the visitors' medium, Facebook the residents'

# %%
by_platform = clf.share_by(sample.corpus, by=["platform"])
by_platform.pivot_table(index="platform", columns="audience", values="share").round(3)

# %% [markdown]
# ### By season: the visitors' summer

# %%
monthly = labelled.assign(
    month=labelled["created_at"].dt.tz_convert("Europe/Paris").dt.strftime("%Y-%m")
)
season = monthly.groupby(["month", "audience"]).size().rename("n_docs").reset_index()
viz.plot_activity(
    season,
    x="month",
    hue="audience",
    labels=AUDIENCE_LABELS,
    title="Publications par mois et par public",
)
plt.xticks(rotation=45)
plt.show()

# %% [markdown]
# ## 3. How good is it? Against the sample's planted truth
#
# The truth is only read here, to measure: the classifier never sees it.

# %%
truth = tl.load_sample_truth(key=KEY)
keys = ["territory_code", "platform", "author_id"]
posts = sample.corpus[["doc_id", *keys]].merge(truth["posts"][["doc_id", "audience"]])
units = posts.groupby(keys)["audience"].agg(lambda s: s.mode().iloc[0]).rename("truth")
scored = clf.labels_.merge(units.reset_index(), on=keys).merge(
    clf.evidence_[[*keys, "n_posts"]], on=keys
)
result = audience.evaluate_audience(
    scored["truth"], scored["audience"], confidence=scored["audience_proba"]
)
print(
    f"macro-F1 {result['macro_f1']:.3f}, accuracy {result['accuracy']:.3f}, ECE {result['ece']:.3f}"
)
result["per_class"]

# %%
viz.plot_confusion(
    result["confusion"], labels=AUDIENCE_LABELS, title="Audience : vérité et prédiction"
)
plt.show()

# %% [markdown]
# Authors with a single post have no history: only their profile, language and words speak.

# %%
single = scored[scored["n_posts"] == 1]
one = audience.evaluate_audience(single["truth"], single["audience"])
print(f"single-post authors: macro-F1 {one['macro_f1']:.3f} on {len(single):,}")
one["per_class"]

# %% [markdown]
# ### Calibration: does a probability of 0.8 mean right 80 % of the time?

# %%
table = audience.calibration_table(
    (scored["truth"] == scored["audience"]).to_numpy(), scored["audience_proba"].to_numpy()
)
viz.plot_calibration(table)
plt.show()
