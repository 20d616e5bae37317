"""Audience of each author for each territory: institution, resident, visitor or other.

The study's core contrast is the endogenous audience (residents) against the exogenous one
(visitors), and both against the institution's own voice. For each (platform, author,
territory) this module gathers the evidence —

- **institution**: the user's allow-list of official accounts, and profile cues ("compte
  officiel", "Mairie de", "Office de tourisme", "Département de");
- **posting history** about the territory: span in days, distinct months and days
  (Fischer's locals-and-tourists rule: posts spanning a month or more make a local);
- **home** from the profile location, read with the gazetteer (:mod:`territoire_lab.places`):
  inside the territory, in the département around it, elsewhere in France, abroad, unknown;
- **language** of the posts (non-French posts are weak evidence of a visitor);
- **text**: the words of the posts ("chez nous", "mon quartier", "en vacances", "séjour",
  complaints about roadworks or public services, châteaux and wine...)

— and combines them into calibrated probabilities.

How the evidence is combined (weak supervision, then calibration)
-----------------------------------------------------------------
1. *Rules* label the authors whose evidence is clear: allow-listed or self-declared
   institutions; businesses and media from their bio; **residents** whose posts about the
   territory span at least ``min_span_days`` (30, Fischer 2010) over at least
   ``min_months`` months and who post mostly about it (``min_anchoring``: a repeat
   visitor also spans months), or whose home is inside the territory; **visitors** whose posts
   span less than that and whose home is elsewhere or abroad, or who write in another
   language. Conflicting evidence leaves an author unlabelled.
2. A multinomial *logistic regression* is trained on these weak labels, over the TF-IDF
   of the author's posts about the territory and the evidence features. Each labelled
   author also enters the training set as a *masked copy* — one of its posts only, its
   history reduced to that post and its profile location hidden — so the model learns what
   a resident or a visitor looks like when there is little evidence (the single-post
   authors the rules cannot label): the label comes from the full evidence, the features
   from the partial view (a form of feature dropout in weak supervision; Ratner et al.
   2017).
3. Probabilities are *calibrated* by cross-validated sigmoid (Platt) scaling
   (``CalibratedClassifierCV``), so that, e.g., authors given 0.8 are residents about 80 %
   of the time, as long as the rules are right; the allow-list gives institutions a
   probability of 1.

References
----------
Fischer, E. (2010). *Locals and Tourists*. Flickr photo set and maps
(https://www.flickr.com/photos/walkingsf/sets/72157624209158632/): a user is a local
when their photos in a city span a month or more.
García-Palomares, J. C., Gutiérrez, J. and Mínguez, C. (2015). Identification of tourist
hot spots based on social networks. *Applied Geography*, 63, 408-417.
Ratner, A. et al. (2017). Snorkel: rapid training data creation with weak supervision.
*Proceedings of the VLDB Endowment*, 11(3), 269-282.
Platt, J. (1999). Probabilistic outputs for support vector machines and comparisons to
regularized likelihood methods. *Advances in Large Margin Classifiers*, 61-74.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from .schema import check_columns

__all__ = [
    "AUDIENCES",
    "AudienceClassifier",
    "audience_evidence",
    "calibration_table",
    "evaluate_audience",
    "expected_calibration_error",
    "rule_labels",
]

logger = logging.getLogger("territoire_lab")

AUDIENCES = ("institution", "resident", "visitor", "other")
_MODEL_CLASSES = ("other", "resident", "visitor")
HOME_RELATIONS = ("inside", "around", "elsewhere", "abroad", "unknown")

INSTITUTION_CUES = re.compile(
    r"compte officiel|page officielle|\bmairie d|\bville d[e']|office de tourisme|"
    r"\bd[ée]partement d|conseil d[ée]partemental|communaut[ée] de communes|agglo|"
    r"m[ée]tropole|r[ée]gion centre|domaine national|\btourisme\b",
    re.IGNORECASE,
)
OTHER_CUES = re.compile(
    r"\bh[ôo]tel|restaurant|brasserie|\bbistro|\bcave\b|domaine viticole|vignoble|"
    r"\bg[îi]te|chambres? d'h[ôo]tes|location de v[ée]los|\bactu|journal|r[ée]daction|"
    r"\bm[ée]dia\b|\binfos? locale|boutique|\bbar\b|guinguette|camping",
    re.IGNORECASE,
)
_ABROAD = re.compile(
    r"\b(?:uk|usa|u\.s\.|england|london|berlin|deutschland|germany|belgi(?:que|um|ë)|bruxelles|"
    r"brussels|amsterdam|nederland|netherlands|madrid|barcelona|espa[ñn]a|spain|italia|"
    r"italy|roma|suisse|schweiz|gen[èe]ve|montr[ée]al|qu[ée]bec|canada|new york|"
    r"luxembourg)\b|🇬🇧|🇺🇸|🇧🇪|🇩🇪|🇪🇸|🇳🇱|🇨🇦|🇨🇭|🇮🇹|🇱🇺",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- evidence


def _home_relation(
    homes: pd.DataFrame, units: pd.DataFrame, territory_levels: dict[str, str]
) -> pd.Series:
    """Relation between each unit's home (from the gazetteer) and its territory."""
    from .places import load_gazetteer

    gaz = load_gazetteer()
    home = units[["platform", "author_id"]].merge(
        homes[["platform", "author_id", "code", "level"]], how="left", on=["platform", "author_id"]
    )
    rel = []
    for code, level, terr in zip(home["code"], home["level"], units["territory_code"], strict=True):
        if not isinstance(code, str):
            rel.append(None)
            continue
        terr_level = territory_levels.get(terr, "commune")
        up = gaz.roll_up(code, terr_level, code_level=level)
        if up == terr:
            rel.append("inside")
        elif up is None and gaz.roll_up(terr, level, code_level=terr_level) == code:
            rel.append("around")  # home coarser than the territory and containing it
        else:
            rel.append("elsewhere")
    return pd.Series(rel, index=units.index, dtype="string")


def audience_evidence(
    corpus: pd.DataFrame,
    accounts: pd.DataFrame,
    *,
    institutions: pd.DataFrame | None = None,
    territory_levels: dict[str, str] | None = None,
    by: str = "territory_code",
) -> pd.DataFrame:
    """Evidence of each (platform, author, territory): history, home, language, cues.

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``author_id, platform, created_at, text`` and the ``by`` column; ``lang`` if known.
    accounts : pandas.DataFrame
        ``author_id, platform`` and, when known, ``profile_location``, ``bio``,
        ``display_name``.
    institutions : pandas.DataFrame, optional
        The allow-list (``platform``, ``author_id``).
    territory_levels : dict, optional
        Territory code -> level (``commune``, ``departement``, ...); codes of two
        digits are taken as départements, five as communes, when omitted.
    by : str
        The territory of each post.

    Returns
    -------
    pandas.DataFrame
        One row per (``by``, platform, author_id): ``n_posts, span_days, n_months,
        n_days, n_territories, anchoring`` (share of the author's posts about this
        territory), ``foreign_share`` (posts in a known non-French language),
        ``home_code, home_relation`` (inside, around, elsewhere, abroad, unknown),
        ``allow_listed, institution_cue, other_cue``.
    """
    check_columns(corpus, ["author_id", "platform", "created_at", by], where="audience_evidence")
    check_columns(accounts, ["author_id", "platform"], where="audience_evidence", table="accounts")
    from .places import home_locations

    posts = corpus[corpus[by].notna()]
    keys = [by, "platform", "author_id"]
    local = posts["created_at"].dt.tz_convert("Europe/Paris")
    frame = posts[keys].assign(
        _t=posts["created_at"],
        _month=local.dt.strftime("%Y-%m").to_numpy(),
        _day=local.dt.strftime("%Y-%m-%d").to_numpy(),
        _foreign=(posts["lang"].notna() & (posts["lang"] != "fr") if "lang" in posts else False),
    )
    g = frame.groupby(keys, observed=True)
    ev = pd.DataFrame(
        {
            "n_posts": g.size(),
            "span_days": (g["_t"].max() - g["_t"].min()).dt.total_seconds() / 86400,
            "n_months": g["_month"].nunique(),
            "n_days": g["_day"].nunique(),
            "foreign_share": g["_foreign"].mean().astype("float64"),
        }
    ).reset_index()
    per_author = frame.groupby(["platform", "author_id"], observed=True)
    idx = pd.MultiIndex.from_frame(ev[["platform", "author_id"]])
    ev["n_territories"] = per_author[by].nunique().reindex(idx).to_numpy()
    ev["anchoring"] = ev["n_posts"] / per_author.size().reindex(idx).to_numpy()

    acc = accounts.drop_duplicates(["platform", "author_id"])
    profile = acc.set_index(["platform", "author_id"])
    text_cols = [c for c in ("bio", "display_name") if c in profile]
    bio = (
        profile[text_cols].fillna("").astype(str).agg(" ".join, axis=1)
        if text_cols
        else pd.Series("", index=profile.index)
    )
    bio = bio.reindex(idx).fillna("")
    ev["institution_cue"] = bio.str.contains(INSTITUTION_CUES).to_numpy()
    ev["other_cue"] = bio.str.contains(OTHER_CUES).to_numpy() & ~ev["institution_cue"]
    if institutions is not None:
        allow = set(zip(institutions["platform"], institutions["author_id"], strict=True))
        ev["allow_listed"] = [
            (p, a) in allow for p, a in zip(ev["platform"], ev["author_id"], strict=True)
        ]
    else:
        ev["allow_listed"] = False

    levels = territory_levels or {
        code: ("departement" if len(code) in (2, 3) else "commune") for code in ev[by].unique()
    }
    homes = (
        home_locations(acc[["platform", "author_id", "profile_location"]])
        if ("profile_location" in acc)
        else pd.DataFrame(columns=["platform", "author_id", "code", "level"])
    )
    units = ev.rename(columns={by: "territory_code"})
    relation = _home_relation(homes, units, levels)
    location = (
        profile["profile_location"].reindex(idx).fillna("").astype(str)
        if "profile_location" in profile
        else pd.Series("", index=idx)
    )
    abroad = location.str.contains(_ABROAD).to_numpy()
    relation = relation.where(relation.notna(), np.where(abroad, "abroad", "unknown"))
    ev["home_relation"] = relation.astype("string")
    home = units[["platform", "author_id"]].merge(
        homes[["platform", "author_id", "code"]], how="left", on=["platform", "author_id"]
    )
    ev["home_code"] = home["code"].astype("string").to_numpy()
    return ev


def rule_labels(
    evidence: pd.DataFrame,
    *,
    min_span_days: float = 30.0,
    min_months: int = 2,
    min_anchoring: float = 0.5,
) -> pd.DataFrame:
    """Confident labels from the evidence, with the rule that fired (or none).

    Parameters
    ----------
    evidence : pandas.DataFrame
        :func:`audience_evidence` output.
    min_span_days : float, default 30
        Fischer's rule: posts about the territory spanning at least this many days make a
        resident; below, with a home elsewhere, a visitor.
    min_months : int, default 2
        Distinct months of posting also required of a resident by history.
    min_anchoring : float, default 0.5
        Share of the author's posts about this territory also required of a resident by
        history: a repeat visitor (an influencer, a neighbour on day trips) spans months
        but mostly posts about other places.

    Returns
    -------
    pandas.DataFrame
        ``rule_label`` (string, missing when no rule is confident) and ``rule``.
    """
    ev = evidence
    history_local = (ev["span_days"] >= min_span_days) & (ev["n_months"] >= min_months)
    home_in = ev["home_relation"].isin(["inside", "around"])
    home_out = ev["home_relation"].isin(["elsewhere", "abroad"])
    short = ev["span_days"] < min_span_days
    foreign = ev["foreign_share"] > 0.5
    label = pd.Series(pd.NA, index=ev.index, dtype="string")
    rule = pd.Series("", index=ev.index, dtype="string")

    def put(mask: pd.Series, value: str, why: str) -> None:
        free = mask & label.isna()
        label[free] = value
        rule[free] = why

    put(ev["allow_listed"], "institution", "allow-list")
    put(ev["institution_cue"], "institution", "profile cue (institution)")
    put(ev["other_cue"], "other", "profile cue (business or media)")
    anchored = ev["anchoring"] >= min_anchoring
    put(history_local & anchored & ~home_out, "resident", f"history >= {min_span_days:g} days")
    put(
        home_in & ~history_local & ~foreign & (ev["n_posts"] >= 1),
        "resident",
        "home inside the territory",
    )
    put(short & (home_out | foreign) & ~home_in, "visitor", "short stay, home elsewhere")
    return pd.DataFrame({"rule_label": label, "rule": rule})


# --------------------------------------------------------------------------- classifier


def _numeric(ev: pd.DataFrame) -> sparse.csr_matrix:
    cols = [
        np.log1p(ev["n_posts"].astype(float)),
        np.log1p(ev["span_days"].astype(float).clip(lower=0)),
        np.log1p(ev["n_months"].astype(float)),
        np.log1p(ev["n_territories"].astype(float)),
        ev["anchoring"].astype(float),
        ev["foreign_share"].astype(float),
        ev["other_cue"].astype(float),
    ]
    cols += [(ev["home_relation"] == r).astype(float) for r in HOME_RELATIONS]
    return sparse.csr_matrix(np.column_stack(cols))


class AudienceClassifier(BaseEstimator):
    """Classify each author, for each territory, as institution, resident, visitor or other.

    Parameters
    ----------
    min_span_days : float, default 30
        Fischer's locals-and-tourists threshold (see :func:`rule_labels`).
    min_months : int, default 2
        Distinct months required of a resident by history.
    min_anchoring : float, default 0.5
        Share of the author's posts about the territory required of a resident by history.
    masked_copies : bool, default True
        Add single-post, hidden-profile copies of the labelled authors to the training
        set (see the module's notes).
    C : float, default 2.0
        Inverse regularisation of the logistic regression.
    calibration_cv : int, default 5
        Folds of the sigmoid calibration.
    features : {"all", "text"}, default "all"
        ``"text"`` trains on the words of the posts only (no history, home or language
        feature), to measure what the text alone can tell.
    by : str, default "territory_code"
        The territory of each post.
    random_state : int, optional
        Seed (choice of the masked post, calibration folds).

    Attributes
    ----------
    evidence_ : pandas.DataFrame
        :func:`audience_evidence` of the fitted corpus, with the rule labels.
    vectorizer_ : TfidfVectorizer
    model_ : CalibratedClassifierCV
    classes_ : numpy.ndarray
        Classes of the model (``other``, ``resident``, ``visitor``).
    labels_ : pandas.DataFrame
        One row per (territory, platform, author): ``audience``, ``audience_proba``,
        the probability of each class and the rule that fired.

    Examples
    --------
    >>> import territoire_lab as tl
    >>> s = tl.load_sample(key="documentation example key")
    >>> clf = AudienceClassifier(random_state=0).fit(
    ...     s.corpus, accounts=s.accounts, institutions=s.institutions)
    >>> sorted(clf.labels_["audience"].unique())
    ['institution', 'other', 'resident', 'visitor']
    """

    def __init__(
        self,
        *,
        min_span_days: float = 30.0,
        min_months: int = 2,
        min_anchoring: float = 0.5,
        masked_copies: bool = True,
        C: float = 2.0,  # noqa: N803 - scikit-learn's name
        calibration_cv: int = 5,
        features: str = "all",
        by: str = "territory_code",
        random_state: int | None = None,
    ) -> None:
        self.features = features
        self.min_span_days = min_span_days
        self.min_months = min_months
        self.min_anchoring = min_anchoring
        self.masked_copies = masked_copies
        self.C = C
        self.calibration_cv = calibration_cv
        self.by = by
        self.random_state = random_state

    # ------------------------------------------------------------------ helpers
    def _texts(self, corpus: pd.DataFrame, ev: pd.DataFrame) -> pd.Series:
        keys = [self.by, "platform", "author_id"]
        joined = corpus.groupby(keys, observed=True)["text"].agg(lambda s: "\n".join(s))
        return joined.reindex(pd.MultiIndex.from_frame(ev[keys])).fillna("")

    def _masked(self, corpus: pd.DataFrame, ev: pd.DataFrame, labelled: pd.Series):
        """One random post of each labelled author, history and profile hidden."""
        rng = np.random.default_rng(self.random_state)
        keys = [self.by, "platform", "author_id"]
        posts = corpus[[*keys, "text", "lang"] if "lang" in corpus else [*keys, "text"]]
        posts = posts.assign(_r=rng.random(len(posts)))
        one = posts.sort_values("_r").drop_duplicates(keys)
        lab = ev.loc[labelled, [*keys, "rule_label", "n_territories", "other_cue"]]
        sub = lab.merge(one, on=keys, how="inner")
        masked = sub[keys].assign(
            n_posts=1,
            span_days=0.0,
            n_months=1,
            n_days=1,
            n_territories=sub["n_territories"].to_numpy(),
            anchoring=1.0 / sub["n_territories"].to_numpy(),
            foreign_share=(
                (sub["lang"].notna() & (sub["lang"] != "fr")).astype(float).to_numpy()
                if "lang" in sub
                else 0.0
            ),
            other_cue=sub["other_cue"].to_numpy(),
            home_relation="unknown",
        )
        return masked, sub["text"].fillna("").to_numpy(), sub["rule_label"].to_numpy()

    def _design(self, ev: pd.DataFrame, texts) -> sparse.csr_matrix:
        words = self.vectorizer_.transform(texts)
        if self.features == "text":
            return words.tocsr()
        return sparse.hstack([words, _numeric(ev)]).tocsr()

    # ------------------------------------------------------------------ API
    def fit(
        self,
        corpus: pd.DataFrame,
        y: None = None,
        *,
        accounts: pd.DataFrame,
        institutions: pd.DataFrame | None = None,
        territory_levels: dict[str, str] | None = None,
    ) -> AudienceClassifier:
        """Gather the evidence, label by rules, train and calibrate the model."""
        check_columns(corpus, ["text"], where="AudienceClassifier.fit")
        if self.features not in ("all", "text"):
            raise ValueError(f"features={self.features!r}; expected 'all' or 'text'.")
        ev = audience_evidence(
            corpus,
            accounts,
            institutions=institutions,
            territory_levels=territory_levels,
            by=self.by,
        )
        rules = rule_labels(
            ev,
            min_span_days=self.min_span_days,
            min_months=self.min_months,
            min_anchoring=self.min_anchoring,
        )
        ev = pd.concat([ev, rules], axis=1)
        texts = self._texts(corpus, ev).to_numpy()
        labelled = ev["rule_label"].isin(_MODEL_CLASSES).to_numpy()
        train_ev, train_txt = ev[labelled], texts[labelled]
        train_y = ev.loc[labelled, "rule_label"].to_numpy()
        if self.masked_copies:
            m_ev, m_txt, m_y = self._masked(corpus, ev, labelled)
            train_ev = pd.concat([train_ev, m_ev], ignore_index=True)
            train_txt = np.concatenate([train_txt, m_txt])
            train_y = np.concatenate([train_y, m_y])
        counts = pd.Series(train_y).value_counts()
        missing = [c for c in _MODEL_CLASSES if counts.get(c, 0) < self.calibration_cv]
        if missing:
            raise ValueError(
                f"The rules labelled too few authors as {missing} to train the model "
                f"(found {counts.to_dict()}); expected at least {self.calibration_cv} each. "
                "Check the allow-list and the thresholds, or add accounts with profiles."
            )
        self.vectorizer_ = TfidfVectorizer(
            ngram_range=(1, 2),
            min_df=3,
            max_features=20_000,
            sublinear_tf=True,
            strip_accents=None,
            lowercase=True,
        ).fit(train_txt)
        x_train = self._design(train_ev, train_txt)
        # saga: an order of magnitude faster than lbfgs on this wide sparse design
        base = LogisticRegression(
            C=self.C, solver="saga", max_iter=300, tol=1e-3, random_state=self.random_state
        )
        self.model_ = CalibratedClassifierCV(base, method="sigmoid", cv=self.calibration_cv)
        self.model_.fit(x_train, train_y)
        self.classes_ = self.model_.classes_
        self.evidence_ = ev
        self.labels_ = self._label(ev, texts)
        logger.info(
            "AudienceClassifier: %d author-territories, %d labelled by rules, %d training rows",
            len(ev),
            int(labelled.sum()),
            x_train.shape[0],
        )
        return self

    def _label(self, ev: pd.DataFrame, texts) -> pd.DataFrame:
        proba = self.model_.predict_proba(self._design(ev, texts))
        out = ev[[self.by, "platform", "author_id", "rule"]].copy()
        table = pd.DataFrame(proba, columns=[f"p_{c}" for c in self.classes_], index=ev.index)
        table["p_institution"] = 0.0
        inst = (ev["rule_label"] == "institution").fillna(False).to_numpy(dtype=bool)
        table.loc[inst, [f"p_{c}" for c in self.classes_]] = 0.0
        table.loc[inst, "p_institution"] = 1.0
        cols = [f"p_{c}" for c in AUDIENCES]
        table = table[cols]
        out = pd.concat([out, table], axis=1)
        best = table.to_numpy().argmax(axis=1)
        out["audience"] = pd.array([AUDIENCES[i] for i in best], dtype="string")
        out["audience_proba"] = table.to_numpy().max(axis=1)
        return out.reset_index(drop=True)

    def transform(self, corpus: pd.DataFrame) -> pd.DataFrame:
        """Label the posts of the fitted corpus: ``audience`` and ``audience_proba`` columns.

        Returns a copy of ``corpus`` (aligned on it, nothing dropped); posts without a
        territory get a missing audience.
        """
        keys = [self.by, "platform", "author_id"]
        labels = self.labels_.set_index(keys)[["audience", "audience_proba"]]
        idx = pd.MultiIndex.from_frame(corpus[keys])
        out = corpus.copy()
        out["audience"] = labels["audience"].reindex(idx).to_numpy()
        out["audience_proba"] = labels["audience_proba"].reindex(idx).to_numpy()
        out["audience"] = out["audience"].astype("string")
        return out

    def explain(self, author_id: str, *, territory: str | None = None) -> pd.DataFrame:
        """The evidence, the rule and the probabilities behind an author's label."""
        ev = self.evidence_[self.evidence_["author_id"] == author_id]
        lab = self.labels_[self.labels_["author_id"] == author_id]
        if territory is not None:
            ev = ev[ev[self.by] == territory]
            lab = lab[lab[self.by] == territory]
        if ev.empty:
            raise KeyError(f"No author {author_id!r} in the fitted corpus (use its pseudonym).")
        keys = [self.by, "platform", "author_id"]
        return ev.merge(lab.drop(columns="rule"), on=keys)

    def share_by(
        self, corpus: pd.DataFrame, *, by: Sequence[str] = ("territory_code",)
    ) -> pd.DataFrame:
        """Share of posts of each audience per group (e.g. territory x platform).

        The labelled posts' :func:`territoire_lab.benchmark.share_of_voice`.
        """
        from .benchmark import share_of_voice

        return share_of_voice(self.transform(corpus), by=list(by))


# --------------------------------------------------------------------------- evaluation


def expected_calibration_error(
    correct: np.ndarray, confidence: np.ndarray, *, n_bins: int = 10
) -> float:
    """Expected calibration error of top-label confidences (Guo et al. 2017).

    Examples
    --------
    >>> expected_calibration_error(np.array([1, 0, 1, 1]), np.array([0.9, 0.9, 0.6, 0.6]))
    0.4
    """
    correct = np.asarray(correct, dtype=float)
    confidence = np.asarray(confidence, dtype=float)
    bins = np.clip((confidence * n_bins).astype(int), 0, n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        mask = bins == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(round(ece, 12))


def calibration_table(correct: np.ndarray, confidence: np.ndarray, *, n_bins: int = 10):
    """Reliability table: per confidence bin, mean confidence, accuracy and count."""
    bins = np.clip((np.asarray(confidence) * n_bins).astype(int), 0, n_bins - 1)
    frame = pd.DataFrame({"bin": bins, "confidence": confidence, "correct": correct})
    out = frame.groupby("bin").agg(
        confidence=("confidence", "mean"), accuracy=("correct", "mean"), n=("correct", "size")
    )
    return out.reset_index()


def evaluate_audience(
    y_true: Sequence[str], y_pred: Sequence[str], *, confidence: Sequence[float] | None = None
) -> dict[str, object]:
    """Confusion matrix, per-class precision/recall/F1, macro-F1 and (optionally) ECE.

    Returns
    -------
    dict
        ``macro_f1``, ``accuracy``, ``per_class`` (DataFrame), ``confusion`` (DataFrame,
        rows = truth, columns = prediction) and, with ``confidence``, ``ece``.
    """
    y_true = np.asarray(y_true, dtype=object)
    y_pred = np.asarray(y_pred, dtype=object)
    labels = [c for c in AUDIENCES if c in set(y_true) | set(y_pred)]
    p, r, f, n = precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    out: dict[str, object] = {
        "macro_f1": float(f1_score(y_true, y_pred, labels=labels, average="macro")),
        "accuracy": float((y_true == y_pred).mean()),
        "per_class": pd.DataFrame(
            {"audience": labels, "precision": p, "recall": r, "f1": f, "support": n}
        ),
        "confusion": pd.DataFrame(
            confusion_matrix(y_true, y_pred, labels=labels), index=labels, columns=labels
        ),
    }
    if confidence is not None:
        out["ece"] = expected_calibration_error(y_true == y_pred, np.asarray(confidence))
    return out
