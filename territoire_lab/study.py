"""The one-command study: load, validate, describe, and write the report.

``territoire-lab study --sample`` runs it on the bundled Loire-valley sample. Each later
step of the library (audiences, topics, keyness, tone, alerts, influence, benchmark) adds
its section here as it lands.
"""

from __future__ import annotations

import logging
from pathlib import Path

import matplotlib
import pandas as pd
from tqdm import tqdm

from . import benchmark, describe, viz
from .audience import AudienceClassifier
from .clean import clean_corpus
from .config import StudyConfig, load_study_config
from .datasets import Sample, load_sample, load_tables, load_territories, read_registry
from .exceptions import OptionalDependencyError
from .privacy import key_id
from .report import Report
from .versions import show_versions

__all__ = ["run_study", "run_study_file"]

logger = logging.getLogger("territoire_lab")

AUDIENCE_LABELS = {
    "institution": "Institution",
    "resident": "Résidents",
    "visitor": "Visiteurs",
    "other": "Autres (médias, commerces)",
}


def _fr(n: int) -> str:
    """French thousands separator (narrow no-break space): 30 000."""
    return f"{n:,}".replace(",", "\u202f")


def _territory_labels(sample: Sample) -> dict[str, str]:
    return dict(zip(sample.territories["code"], sample.territories["name"], strict=True))


def _benchmark_section(
    report: Report,
    sample: Sample,
    labels: dict[str, str],
    *,
    random_state: int,
    weights: dict[str, float],
    draws: int,
) -> None:
    """Responsiveness, co-construction and the maturity index with its sensitivity."""
    presence = benchmark.institution_presence(
        sample.corpus, sample.institutions, sample.territories, accounts=sample.accounts
    )
    report.add_table(
        "institution_presence",
        "Présence institutionnelle par plateforme",
        presence,
        "Comptes officiels (liste blanche), publications par semaine, abonnés pour 1 000 "
        "habitants et taux d'engagement médian de leurs publications ((j'aime + partages + "
        "réponses) / abonnés).",
        max_rows=60,
    )
    resp = benchmark.responsiveness(sample.corpus, sample.institutions, sample.interactions)
    ax = viz.plot_responsiveness(resp, labels=labels)
    report.add_figure(
        "responsiveness",
        "Réponse aux usagers (GRU)",
        ax.figure,
        "Publications d'usagers qui mentionnent un compte officiel ou lui répondent, et part "
        "d'entre elles auxquelles un compte officiel du territoire répond.",
    )
    indicators = benchmark.territory_indicators(
        sample.corpus,
        sample.institutions,
        sample.interactions,
        sample.territories,
        accounts=sample.accounts,
        presence=presence,
        answers=resp,
    )
    report.add_table(
        "benchmark_indicators",
        "Indicateurs du benchmark",
        indicators,
        "Présence institutionnelle, activité, abonnés pour 1 000 habitants, réponse aux "
        "usagers, relais de leurs publications ; strates démographiques INSEE-like.",
    )
    index = benchmark.maturity_index(indicators, weights=weights)
    sensitivity = benchmark.rank_sensitivity(
        indicators, weights=weights, n_draws=draws, random_state=random_state
    )
    report.add_table(
        "maturity_index",
        "Indice de maturité numérique",
        index.merge(sensitivity.drop(columns="rank"), on="code"),
        "Moyenne pondérée des indicateurs normalisés en rangs centiles (pondérations : "
        + ", ".join(f"{k} {v:g}" for k, v in weights.items())
        + f") ; rang global et rang dans la strate ; rangs 5-95 % sous {draws} tirages de "
        "Dirichlet des pondérations.",
    )
    ax = viz.plot_rank_sensitivity(sensitivity, labels=labels)
    report.add_figure("maturity_ranking", "Classement et sensibilité", ax.figure)
    ax = viz.plot_maturity_radar(index, labels=labels)
    report.add_figure("maturity_radar", "Profils de maturité", ax.figure)


def _audience_section(
    report: Report, sample: Sample, labels: dict[str, str], *, random_state: int
) -> pd.DataFrame:
    """Who speaks about each territory: institution, residents, visitors, others."""
    levels = dict(zip(sample.territories["code"], sample.territories["level"], strict=True))
    clf = AudienceClassifier(random_state=random_state).fit(
        sample.corpus,
        accounts=sample.accounts,
        institutions=sample.institutions,
        territory_levels=levels,
    )
    labelled = clf.transform(sample.corpus)
    voice = benchmark.share_of_voice(labelled)
    ax = viz.plot_stacked_counts(
        voice,
        index="territory_code",
        columns="audience",
        index_labels=labels,
        column_labels=AUDIENCE_LABELS,
        title="Qui parle de chaque territoire ?",
        legend_title="Public",
    )
    report.add_figure(
        "share_of_voice",
        "Part de voix : institution, résidents, visiteurs",
        ax.figure,
        "Public de chaque publication estimé par le classifieur d'audience (historique de "
        "publication, lieu du profil, langue, texte ; probabilités calibrées).",
    )
    report.add_table(
        "share_of_voice",
        "Part de voix par territoire (table)",
        voice.assign(territory=voice["territory_code"].map(labels)),
        "Part des publications de chaque public, par territoire.",
    )
    return labelled


def _tone_section(report: Report, labelled: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Tone of each territory and audience, and the institution's tone gap."""
    from . import viz_tone
    from .sentiment import score_sentiment, sentiment_by

    scored = score_sentiment(labelled, progress=False)
    by_territory = sentiment_by(scored, by="territory_code")
    ax = viz_tone.plot_tone_shares(
        by_territory, by="territory_code", labels=labels, title="Tonalité des publications"
    )
    report.add_figure(
        "tone_by_territory",
        "Tonalité par territoire",
        ax.figure,
        "Score lexical français (négations, intensifieurs, « mais », émojis) ; seuils -0,15 "
        "et 0,25 ; macro-F1 0,88 sur 407 publications annotées à la main.",
    )
    by_audience = sentiment_by(scored, by=["territory_code", "audience"])
    net = by_audience.pivot(index="territory_code", columns="audience", values="net_sentiment")
    gap = pd.DataFrame(
        {
            "code": net.index,
            "territory": [labels.get(c, c) for c in net.index],
            "net_institution": net.get("institution"),
            "net_residents": net.get("resident"),
            "net_visitors": net.get("visitor"),
        }
    ).reset_index(drop=True)
    gap["tone_gap_residents"] = gap["net_institution"] - gap["net_residents"]
    gap["tone_gap_visitors"] = gap["net_institution"] - gap["net_visitors"]
    report.add_table(
        "tone_gap",
        "Écart de tonalité entre l'institution et ses publics",
        gap,
        "Tonalité nette (part positive - part négative) des publications de chaque public ; "
        "écart = institution - public : plus il est grand, plus la communication officielle "
        "est éloignée de ce que vivent les habitants ou les visiteurs.",
    )
    return scored


def _vocabulary_section(report: Report, cleaned: pd.DataFrame, labels: dict[str, str]) -> None:
    """The words typical of each territory (G² keyness, one against the rest)."""
    from .keyness import keyness

    table = keyness(cleaned, by="territory_code", measure="g2", min_freq=10, n_terms=12)
    table = table[table["score"] > 0]
    top = (
        table.sort_values(["group", "score"], ascending=[True, False])
        .groupby("group")["term"]
        .agg(lambda t: ", ".join(t.head(12)))
        .reset_index()
    )
    top.insert(1, "territory", top["group"].map(labels))
    report.add_table(
        "typical_words",
        "Les mots de chaque territoire",
        top.rename(columns={"group": "code", "term": "mots_specifiques"}),
        "Lemmes sur-représentés dans les publications de chaque territoire face aux autres "
        "(log-vraisemblance G², Dunning 1993 ; p ajustées de Benjamini-Hochberg).",
    )


def _topics_section(
    report: Report,
    cleaned: pd.DataFrame,
    labels: dict[str, str],
    *,
    random_state: int,
    n_topics: int = 10,
) -> None:
    """What each public talks about, and the image gap between institution and publics."""
    from . import viz_topics
    from .topics import TopicModel, image_gap

    model = TopicModel(method="nmf", n_topics=n_topics, random_state=random_state).fit(cleaned)
    terms = model.top_terms(10)
    axes = viz_topics.plot_top_terms(terms, title="Les thèmes de la conversation (NMF)")
    report.add_figure(
        "topics_top_terms",
        "Thèmes",
        axes.flat[0].figure,
        f"Factorisation en matrices non négatives (Lee & Seung 1999 ; divergence de "
        f"Kullback-Leibler), {n_topics} thèmes, sur les lemmes sans noms de territoires ; "
        "réponses et partages lus avec la publication à laquelle ils répondent.",
    )
    with_topics = cleaned.join(model.transform(cleaned)[["topic", "topic_weight"]])
    gap = image_gap(with_topics)
    ax = viz_topics.plot_image_gap(gap, index_labels=labels)
    report.add_figure(
        "image_gap",
        "Écart d'image",
        ax.figure,
        "Distance de Jensen-Shannon entre la distribution des thèmes de l'institution et "
        "celle des résidents et des visiteurs, par territoire.",
    )
    report.add_table(
        "image_gap",
        "Écart d'image (table)",
        gap.assign(territory=gap["territory_code"].map(labels)),
        "0 : l'institution parle des mêmes thèmes que le public ; 1 : de thèmes disjoints.",
    )


def _alerts_section(report: Report, cleaned: pd.DataFrame, labels: dict[str, str]) -> None:
    """Bursts of negativity and of threat words, explained."""
    from .alerts import alert_events, daily_counts, detect_alerts

    found = detect_alerts(cleaned)
    events = alert_events(found)
    if events.empty:
        report.add_text("Alertes", "Aucune alerte sur la période avec les réglages par défaut.")
        return
    report.add_table(
        "alerts",
        "Alertes",
        found.assign(territory=found["territory_code"].map(labels)).drop(
            columns=["example_ids"], errors="ignore"
        ),
        "Salves (Kleinberg 2002) de publications négatives et de mots de menace, expliquées "
        "par les mots sur-représentés de la fenêtre face aux 60 jours précédents.",
    )
    daily = daily_counts(cleaned, mask=cleaned["sentiment_label"] == "negative")
    for code in events["territory_code"].unique():
        ax = viz.plot_alert_timeline(daily, events, group=code, label=labels.get(code, code))
        report.add_figure(f"alerts_{code}", f"Alertes — {labels.get(code, code)}", ax.figure)


def _influence_section(
    report: Report,
    scored: pd.DataFrame,
    sample: Sample,
    labels: dict[str, str],
    *,
    random_state: int,
) -> None:
    """Micro-influencers, ambassadors and detractors of each territory (pseudonyms)."""
    from .influence import author_metrics, rank_influencers

    metrics = author_metrics(
        scored,
        sample.accounts,
        sample.interactions,
        tone_col="sentiment_label",
        audience_col="audience",
        random_state=random_state,
    )
    exclude = sample.institutions["author_id"]
    cols = [
        "territory_code",
        "rank",
        "author_id",
        "tier",
        "followers",
        "n_posts",
        "local_anchoring",
        "engagement_rate",
        "tone",
    ]
    for role, title in (
        ("influencer", "Influenceurs (micro d'abord)"),
        ("ambassador", "Ambassadeurs"),
        ("detractor", "Détracteurs"),
    ):
        ranking = rank_influencers(metrics, role=role, exclude=exclude, n=5)
        report.add_table(
            f"{role}s",
            title,
            ranking[cols].assign(territory=ranking["territory_code"].map(labels)),
            "Cinq premiers par territoire ; auteurs pseudonymisés ; paliers : nano < 10 k, "
            "micro 10 k-100 k, macro 100 k-1 M, méga >= 1 M abonnés.",
            max_rows=40,
        )


def _places_section(
    report: Report, labelled: pd.DataFrame, sample: Sample, communes: pd.DataFrame
) -> None:
    """Attribution of posts to places, posts per inhabitant, hotspots, carte postale 2.0."""
    import matplotlib.pyplot as plt

    from . import geo, places
    from .datasets import load_datatourisme

    unlabelled = labelled.drop(columns=["territory_code", "territory_level"])
    mentions = places.find_places(unlabelled, show_progress=False)
    attributed = places.attribute_territory(
        unlabelled,
        targets=load_territories("study", geometry=False),
        accounts=sample.accounts,
        mentions=mentions,
        show_progress=False,
    )
    evidence = (
        attributed["evidence"]
        .fillna("non attribuée")
        .value_counts()
        .rename_axis("preuve")
        .reset_index(name="publications")
    )
    report.add_table(
        "place_attribution",
        "Attribution des publications aux territoires",
        evidence,
        "Sans utiliser la requête de collecte : géolocalisation dans un contour, mention "
        "explicite (texte, hashtags), fil de discussion, publication du même auteur le même "
        "jour, lieu déclaré dans le profil ; les publications sans preuve restent non "
        "attribuées.",
    )
    by_commune = places.attribute_territory(
        unlabelled,
        accounts=sample.accounts,
        boundaries=communes,
        mentions=mentions,
        show_progress=False,
    )
    per_commune = (
        by_commune[by_commune["level"] == "commune"]
        .groupby("code")
        .size()
        .rename("publications")
        .reset_index()
    )
    fig, ax = plt.subplots(figsize=(8, 8), layout="constrained")
    geo.plot_choropleth(
        per_commune,
        communes,
        value="publications",
        per_inhabitants=True,
        ax=ax,
        title="Publications pour 1 000 habitants, par commune",
    )
    report.add_figure(
        "map_posts_per_inhabitant",
        "Publications par habitant",
        fig,
        "Publications attribuées à chaque commune, pour 1 000 habitants.",
    )
    geotagged = labelled[
        labelled["lat"].notna() & labelled["audience"].isin(["resident", "visitor"])
    ]
    spots = geo.hotspots(geotagged, eps_m=250, min_samples=15)
    deps = load_territories("departement")
    fig, ax = plt.subplots(figsize=(8, 8), layout="constrained")
    geo.plot_hotspots(spots, deps, points=geotagged, ax=ax)
    report.add_figure(
        "map_hotspots",
        "Points chauds des résidents et des visiteurs",
        fig,
        "DBSCAN (250 m, 15 publications) en Lambert-93, résidents et visiteurs séparés "
        "(publics estimés par le classifieur d'audience).",
    )
    postcard = geo.carte_postale(geotagged, load_datatourisme(), spots=spots)
    fig, ax = plt.subplots(figsize=(8, 8), layout="constrained")
    geo.plot_carte_postale(postcard, deps, ax=ax)
    report.add_figure(
        "map_carte_postale",
        "Carte postale 2.0",
        fig,
        "Points chauds des visiteurs et points d'intérêt DATAtourisme à moins de 300 m.",
    )
    report.add_table(
        "carte_postale_hotspots",
        "Points chauds des visiteurs et offre officielle",
        postcard.hotspots.drop(columns=["x", "y"], errors="ignore"),
        "covered : au moins un point d'intérêt officiel à moins de 300 m.",
    )


def _methods_appendix(
    report: Report,
    *,
    key: bytes | str | None,
    random_state: int,
    bundled: bool,
    weights: dict[str, float],
    draws: int,
) -> None:
    """Parameters of the run and checksums of its inputs."""
    params = pd.DataFrame(
        [
            ("random_state", str(random_state)),
            ("pseudonymisation", "HMAC-SHA256, 96 bits, clé identifiée par son empreinte"),
            ("empreinte de la clé (key_id)", key_id(key)),
            ("normalisation de l'indice", "rangs centiles"),
            *((f"poids {name}", f"{w:g}") for name, w in weights.items()),
            ("tirages de sensibilité", f"{draws} (Dirichlet, concentration 20)"),
            ("fuseau des périodes", "Europe/Paris"),
        ],
        columns=["paramètre", "valeur"],
    )
    report.add_table("methods_parameters", "Annexe : paramètres", params)
    if bundled:
        inputs = read_registry()[["file", "sha256", "rows", "licence", "source"]]
        report.add_table(
            "methods_inputs",
            "Annexe : données d'entrée",
            inputs,
            "Empreintes SHA-256 des fichiers lus (registre de l'échantillon).",
        )


def run_study_file(
    config: str | Path | StudyConfig,
    *,
    out_dir: str | Path | None = None,
    key: bytes | str | None = None,
) -> Path:
    """Run the study described by a YAML study file (see :mod:`territoire_lab.config`).

    Parameters
    ----------
    config : str, Path or StudyConfig
        The study file, or an already loaded configuration.
    out_dir : str or Path, optional
        Output folder; the study file's ``output`` (default ``outputs/<name>``) if omitted.
    key : bytes or str, optional
        Pseudonymisation key.

    Returns
    -------
    Path
        The report's ``report.html``.
    """
    cfg = config if isinstance(config, StudyConfig) else load_study_config(config)
    out = Path(out_dir or cfg.output)
    sample = None
    if cfg.data != "sample":  # the dataset card of the corpus sits beside the report
        sample = load_tables(cfg.data, key=key, card=out / "cards")
    logger.info("Running study %s", cfg.name)
    return run_study(
        out,
        sample=sample,
        key=key,
        maps=cfg.maps and cfg.data == "sample",
        random_state=cfg.random_state,
        title=cfg.title,
        weights=cfg.weights,
        sensitivity_draws=cfg.sensitivity_draws,
    )


def run_study(
    out_dir: str | Path,
    *,
    sample: Sample | None = None,
    key: bytes | str | None = None,
    maps: bool = True,
    random_state: int = 0,
    title: str = "Étude comparative de territoires — échantillon du Val de Loire",
    weights: dict[str, float] | None = None,
    sensitivity_draws: int = 1000,
) -> Path:
    """Run the study and write its report.

    Parameters
    ----------
    out_dir : str or Path
        Folder of the report (created; files in it are overwritten).
    sample : Sample, optional
        The study's tables; the bundled sample (:func:`territoire_lab.load_sample`) if omitted.
    key : bytes or str, optional
        Pseudonymisation key used when loading the bundled sample.
    maps : bool, default True
        Draw maps (needs the ``geo`` extra; skipped with a note in the report if missing).
    random_state : int, default 0
        Seed of the random steps (the sensitivity analysis of the maturity ranks).
    title : str
        Title of the report.
    weights : dict, optional
        Weights of the maturity index (:data:`territoire_lab.benchmark.DEFAULT_WEIGHTS`).
    sensitivity_draws : int, default 1000
        Weight draws of the rank sensitivity analysis.

    Returns
    -------
    Path
        The report's ``report.html``.
    """
    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bundled = sample is None
    sample = sample or load_sample(key=key)
    corpus, labels = sample.corpus, _territory_labels(sample)
    first, last = corpus["created_at"].min(), corpus["created_at"].max()
    weights = dict(benchmark.DEFAULT_WEIGHTS if weights is None else weights)
    report = Report(
        title,
        "Comment chaque territoire parle-t-il de lui-même, et comment ses habitants et ses "
        "visiteurs en parlent-ils ?",
    )
    report.add_text(
        "Données",
        f"{_fr(len(corpus))} publications de {_fr(corpus['author_id'].nunique())} comptes sur "
        f"{corpus['platform'].nunique()} plateformes, du {first:%d/%m/%Y} au {last:%d/%m/%Y}, "
        f"à propos de {len(sample.territories)} territoires. Corpus validé selon le contrat de "
        "données de territoire_lab ; auteurs pseudonymisés au chargement (HMAC-SHA256 à clé), "
        f"sauf les {len(sample.institutions)} comptes institutionnels de la liste blanche.\n\n"
        "Les publications de l'échantillon sont générées (script data/sample/generate.py, graine "
        "fixe) ; populations (INSEE), contours (IGN) et textes des offices de tourisme "
        "(DATAtourisme) sont réels, sous Licence Ouverte.",
    )

    overview = describe.territory_overview(
        corpus, sample.territories, institutions=sample.institutions
    )
    report.add_table(
        "territory_overview",
        "Vue d'ensemble par territoire",
        overview,
        "Publications, comptes, part géolocalisée et part institutionnelle ; "
        "rapportés à 1 000 habitants (populations légales INSEE).",
    )

    by_platform = describe.count_by(corpus, by=["territory_code", "platform"])
    ax = viz.plot_stacked_counts(
        by_platform, index="territory_code", columns="platform", index_labels=labels
    )
    report.add_figure("posts_by_platform", "Publications par territoire et plateforme", ax.figure)
    report.add_table(
        "posts_by_territory_platform",
        "Publications par territoire et plateforme (table)",
        by_platform.assign(territory=by_platform["territory_code"].map(labels)),
        "Zéros inclus : l'absence d'un territoire sur une plateforme est une information.",
        max_rows=20,
    )

    monthly = describe.activity_by_period(corpus, by="territory_code", period="month")
    ax = viz.plot_activity(monthly, labels=labels, title="Publications par mois et par territoire")
    report.add_figure(
        "activity_by_month",
        "Activité mensuelle",
        ax.figure,
        "Mois calendaires à l'heure de Paris.",
    )

    communes = None
    if maps:
        try:
            communes = load_territories("commune")
            study = load_territories("study")
            fig, ax = plt.subplots(figsize=(8, 8), layout="constrained")
            viz.plot_territory_map(
                communes,
                highlight=study[study["level"] == "commune"],
                title="Les territoires de l'étude et la population des communes",
                ax=ax,
            )
            report.add_figure(
                "map_population",
                "Carte des territoires",
                fig,
                "Communes d'Indre, d'Indre-et-Loire, de Loir-et-Cher et de la Sarthe "
                "(contours IGN Admin Express COG 2018 simplifiés, communes fusionnées depuis "
                "regroupées ; populations légales INSEE).",
            )
        except OptionalDependencyError as err:
            report.add_text("Carte des territoires", f"Carte non produite : {err}")

    steps = tqdm(total=9, desc="Étude", unit="étape", disable=None)

    def done(name: str) -> None:
        steps.set_postfix_str(name)
        steps.update()
        logger.info("study: %s done", name)

    labelled = _audience_section(report, sample, labels, random_state=random_state)
    done("publics")
    scored = _tone_section(report, labelled, labels)
    done("tonalité")
    # one cleaning for vocabulary, topics and alerts; territory names are dropped from the
    # tokens, or they would make the topics and the typical words of each territory
    cleaned = clean_corpus(scored, drop_territories=sample.territories, progress=False)
    _vocabulary_section(report, cleaned, labels)
    done("vocabulaire")
    _topics_section(report, cleaned, labels, random_state=random_state)
    done("thèmes")
    _alerts_section(report, cleaned, labels)
    done("alertes")
    _influence_section(report, scored, sample, labels, random_state=random_state)
    done("influenceurs")
    if maps:
        try:
            _places_section(
                report,
                labelled,
                sample,
                communes if communes is not None else load_territories("commune"),
            )
        except OptionalDependencyError as err:
            report.add_text("Lieux et cartes", f"Cartes non produites : {err}")
    done("lieux")
    _benchmark_section(
        report, sample, labels, random_state=random_state, weights=weights, draws=sensitivity_draws
    )
    done("benchmark")
    _methods_appendix(
        report,
        key=key,
        random_state=random_state,
        bundled=bundled,
        weights=weights,
        draws=sensitivity_draws,
    )
    done("annexe")
    steps.close()
    report.add_table("versions", "Versions", show_versions(), "Pour la reproductibilité.")
    return report.write(out_dir)
