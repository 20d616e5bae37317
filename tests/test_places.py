"""Tests of territoire_lab.places: gazetteer, place mentions, territory attribution."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import territoire_lab as tl
from territoire_lab import places
from territoire_lab.datasets import former_codes

FIXTURE = Path(__file__).parent / "fixtures" / "places" / "hand_labelled_mentions.jsonl"


@pytest.fixture(scope="module")
def gaz() -> places.Gazetteer:
    return places.load_gazetteer()


def _lst(series: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in series]


def _codes(gaz: places.Gazetteer, text: str, field: str = "text") -> list[str]:
    return [h["code"] for h in gaz.find(text, field=field) if h["confidence"] >= 0.5]


# --------------------------------------------------------------------------- package


def test_import_does_not_import_geopandas() -> None:
    code = (
        "import sys, territoire_lab, territoire_lab.places; "
        "bad = [m for m in ('geopandas', 'shapely', 'pyproj', 'mapclassify') if m in sys.modules]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_gazetteer_covers_france(gaz: places.Gazetteer) -> None:
    terr = gaz.territories_
    counts = terr["level"].value_counts()
    assert counts["commune"] > 34_000
    assert counts["arrondissement_municipal"] == 45
    assert counts["departement"] == 109 and counts["region"] == 26
    assert str(terr["code"].dtype).startswith("string")
    assert terr.set_index("code").loc["2A004", "name"] == "Ajaccio"
    assert gaz.name_of("01001") == "L'Abergement-Clémenciat"
    assert gaz.n_keys_ > 40_000


# --------------------------------------------------------------------------- hand-labelled


def _evaluate(gaz: places.Gazetteer, records: list[dict]) -> tuple[int, int, int, list]:
    tp = fp = fn = 0
    errors = []
    for rec in records:
        mode = "location" if rec["field"] == "profile_location" else "text"
        pred = [h for h in gaz.find(rec["text"], field=mode) if h["confidence"] >= 0.5]
        used: set[int] = set()
        for m in rec["mentions"]:
            hit = [
                k
                for k, h in enumerate(pred)
                if k not in used
                and h["code"] == m["code"]
                and h["start"] < m["end"]
                and m["start"] < h["end"]
            ]
            if hit:
                used.add(hit[0])
                tp += 1
            else:
                fn += 1
                errors.append(("FN", rec["id"], m["surface"], m["code"]))
        for k, h in enumerate(pred):
            if k not in used:
                fp += 1
                errors.append(("FP", rec["id"], h["surface"], h["code"]))
    return tp, fp, fn, errors


def test_hand_labelled_fixture_is_well_formed() -> None:
    records = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    mentions = [m for r in records for m in r["mentions"]]
    assert len(mentions) >= 300
    assert sum(m["ambiguous"] for m in mentions) >= 60
    assert sum(len(r["traps"]) for r in records) >= 50  # non-place readings of place names
    assert len({r["id"] for r in records}) == len(records)
    for rec in records:
        for m in rec["mentions"]:
            assert rec["text"][m["start"] : m["end"]] == m["surface"], rec["id"]
            assert isinstance(m["code"], str)


def test_hand_labelled_precision_recall(gaz: places.Gazetteer) -> None:
    records = [json.loads(line) for line in FIXTURE.read_text("utf-8").splitlines()]
    tp, fp, fn, errors = _evaluate(gaz, records)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    amb = [r for r in records if any(m["ambiguous"] for m in r["mentions"]) or r["traps"]]
    atp, afp, afn, _ = _evaluate(gaz, amb)
    print(
        f"\nhand-labelled place mentions: {tp + fn} mentions in {len(records)} texts; "
        f"precision={precision:.3f} recall={recall:.3f} (tp={tp} fp={fp} fn={fn}); "
        f"on the {len(amb)} texts with ambiguous names or traps: "
        f"precision={atp / (atp + afp):.3f} recall={atp / (atp + afn):.3f}"
    )
    for err in errors:
        print("  ", *err)
    assert precision >= 0.95
    assert recall >= 0.90


# --------------------------------------------------------------------------- variants


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Je bosse à St-Pierre-des-Corps", "37233"),
        ("je bosse a saint pierre des corps", "37233"),
        ("Ste-Maure-de-Touraine et son fromage", "37226"),
        ("Week-end au Mans", "72181"),
        ("Les bonnes adresses du Mans", "72181"),
        ("Un week-end à Chateauroux", "36044"),
        ("On s'installe en Indre et Loire", "37"),
        ("Un séjour en Touraine", "37"),
        ("Balade au Pays basque", "64"),
        ("Vacances sur la Côte d'Azur", "06"),
        ("Les Tourangeaux adorent leur guinguette", "37261"),
        ("Rentrée à Paris 11e", "75111"),
        ("J'habite Lyon 3e", "69383"),
        ("Escale à Ajaccio", "2A004"),
        ("Vélo sur l'île de Ré cet été", "17"),  # an island of ten communes: its département
        ("Vacances sur l'Ile-de-Ré", "17"),
        ("Cinéscénie au Puy du Fou hier soir", "85082"),  # the park, in Les Epesses
    ],
)
def test_name_variants(gaz: places.Gazetteer, text: str, code: str) -> None:
    assert code in _codes(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "Les tours de la cathédrale sont en travaux.",
        "Trois tours de manège plus tard.",
        "Ils distribuent des amendes à tours de bras.",
        "Cocktail à la Chambord en terrasse.",
        "Un petit verre de chinon avec le fromage.",
        "Dégustation de vouvray à la cave.",
        "Rue en sens unique, impossible de se garer.",
        "Un week-end à Vienne en Autriche.",
        "Nice view from the bridge!",
        "Coucher de soleil sur la Sarthe.",
        "Les bords de Loire au printemps.",
        "C'est cher pour ce que c'est.",
        "Quel plaisir de se balader ici.",
        "Vers midi on mange.",
        "Travaux rue de Paris, encore.",
        "Le quartier Vienne a été inondé.",
        "Une salade niçoise en terrasse.",
        "La cathédrale Sainte-Cécile en brique.",
    ],
)
def test_blocked_common_word_readings(gaz: places.Gazetteer, text: str) -> None:
    assert _codes(gaz, text) == []


def test_homonyms_resolved_by_context_and_prior(gaz: places.Gazetteer) -> None:
    assert _codes(gaz, "Visite du château de Chambord") == ["41034"]  # notable prior
    assert _codes(gaz, "Chambord (27) : brocante dimanche") == ["27139"]  # département hint
    assert _codes(gaz, "Je vis à Saint-Denis de La Réunion") == ["97411", "974"]  # co-mention
    assert _codes(gaz, "Ciné à Allonnes, à côté du Mans") == ["72003", "72181"]
    assert _codes(gaz, "Le festival Jazz à Vienne") == ["38544"]
    assert _codes(gaz, "Le département investit dans la Vienne") == ["86"]


def test_hashtags(gaz: places.Gazetteer) -> None:
    hits = gaz.find("Super journée #VisitTours #ValDeLoire #CrueLoire #vieuxmans #24hLeMans")
    got = [(h["surface"], h["code"], h["field"]) for h in hits]
    assert got == [
        ("#VisitTours", "37261", "hashtag"),
        ("#ValDeLoire", "24", "hashtag"),
        ("#vieuxmans", "72181", "hashtag"),
        ("#24hLeMans", "72181", "hashtag"),
    ]
    text = "Merci @ToursValDeLoire https://www.tours.fr/agenda"
    assert gaz.find(text) == []
    # one lower-case run, split by the hashtag segmenter: well-known places only
    got = [(h["surface"], h["code"]) for h in gaz.find("#bloischambord #lochestouraine")]
    assert got == [
        ("#bloischambord", "41018"),
        ("#bloischambord", "41034"),
        ("#lochestouraine", "37"),
    ]
    assert [h["code"] for h in gaz.find("#weekendatours #vieuxlyon")] == ["37261", "69123"]
    assert gaz.find("#weekendamboise #tourdumonde #petitdejeuner #coucherdesoleil") == []
    assert places.Gazetteer(segment_hashtags=False).fit().find("#bloischambord") == []
    hits = gaz.find("#iledere #PuyDuFou")
    assert [(h["surface"], h["code"]) for h in hits] == [("#iledere", "17"), ("#PuyDuFou", "85082")]


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ("Tours, France", "37261"),
        ("37", "37"),
        ("Touraine 🍷", "37"),
        ("Paris 🇫🇷", "75056"),
        ("Paris 15e", "75115"),
        ("Paname", "75056"),
        ("Orléans (45)", "45234"),
        ("Châteauroux, Indre", "36044"),
        ("Saint-Pavin, Le Mans", "72181"),
        ("Angers, Anjou", "49007"),
        ("Quartier Vienne, Blois", "41018"),
        ("37000", "37261"),
    ],
)
def test_home_locations(location: str, code: str) -> None:
    homes = places.home_locations(
        pd.DataFrame({"author_id": ["a"], "profile_location": [location]})
    )
    assert homes["code"].tolist() == [code]


@pytest.mark.parametrize("location", ["London, UK", "Montréal, QC", "Quelque part", "🌍", ""])
def test_home_locations_abroad_or_nowhere(location: str) -> None:
    homes = places.home_locations(
        pd.DataFrame({"author_id": ["a"], "profile_location": [location]})
    )
    assert homes.empty


# --------------------------------------------------------------------------- codes


def test_merged_communes_resolve_to_current_codes(gaz: places.Gazetteer) -> None:
    # every former code of the sample's four départements maps as the sample says
    sample_map = former_codes()
    assert {k: gaz.resolve_code(k) for k in sample_map} == sample_map
    # a few merged communes by name: Montrichard, Onzain, Conques
    assert _codes(gaz, "Le donjon de Montrichard") == ["41151"]
    assert _codes(gaz, "Le marché d'Onzain") == ["41167"]
    assert _codes(gaz, "Conques et son abbatiale") == ["12218"]
    hits = gaz.find("Le marché d'Onzain")
    assert hits[0]["kind"] == "former_name" and hits[0]["name"] == "Veuzain-sur-Loire"
    # former codes in the anciens_codes column of the INSEE table
    assert gaz.resolve_code("41059") == gaz.resolve_code(gaz.resolve_code("41059"))


def test_codes_stay_strings_and_roll_up(gaz: places.Gazetteer) -> None:
    assert gaz.roll_up("2A004", "departement") == "2A"
    assert gaz.roll_up("2A004", "region") == "94"
    assert gaz.roll_up("75115", "commune") == "75056"
    assert gaz.roll_up("75115", "region") == "11"
    assert gaz.roll_up("01001", "departement") == "01"
    assert gaz.roll_up("37", "commune") is None  # a département has no commune
    df = pd.DataFrame(
        {"doc_id": ["1", "2"], "text": ["Escale à Ajaccio", "Né à L'Abergement-Clémenciat"]}
    )
    found = places.find_places(df)
    assert found["code"].tolist() == ["2A004", "01001"]
    for col in ("doc_id", "field", "surface", "code", "level", "name", "kind"):
        assert str(found[col].dtype).startswith("string"), col
    assert list(found.columns) == places.MENTION_COLUMNS


def test_find_places_on_accounts_and_progress_off(sample) -> None:
    acc = sample.accounts.head(300)
    found = places.find_places(acc, show_progress=False)
    assert set(found["field"]) == {"profile_location"}
    assert set(found["doc_id"]) <= set(acc["author_id"])
    tours = acc.loc[acc["profile_location"] == "Tours", "author_id"]
    assert (found.loc[found["doc_id"].isin(tours), "code"] == "37261").all()


def test_custom_aliases_and_blocked_names() -> None:
    extra = pd.DataFrame(
        {"name": ["Pays des châteaux"], "code": ["41"], "level": ["departement"], "kind": ["area"]}
    )
    gaz = places.Gazetteer(aliases=extra, blocked=["Amboise"]).fit()
    assert _codes(gaz, "Un week-end au Pays des châteaux") == ["41"]
    assert _codes(gaz, "Un week-end à Amboise") == []


# --------------------------------------------------------------------------- attribution


@pytest.fixture(scope="module")
def attribution(sample):
    corpus = sample.corpus.drop(columns=["territory_code", "territory_level"])
    targets = tl.load_territories("study", geometry=False)
    return places.attribute_territory(corpus, targets=targets, accounts=sample.accounts)


def test_attribution_agrees_with_the_truth(attribution, truth, sample) -> None:
    out = attribution
    assert out.index.equals(sample.corpus.index)
    assert out["doc_id"].tolist() == sample.corpus["doc_id"].tolist()
    merged = out.merge(truth["posts"][["doc_id", "territory_code"]], on="doc_id")
    done = merged[merged["code"].notna()]
    agree = (done["code"] == done["territory_code"]).mean()
    unattributed = merged["code"].isna().mean()
    by_evidence = (
        done.assign(ok=done["code"] == done["territory_code"])
        .groupby("evidence")["ok"]
        .agg(["size", "mean"])
    )
    print(
        f"\nattribution on the sample: {len(done)} of {len(merged)} posts attributed, "
        f"agreement with the truth {agree:.3f}; unattributed {unattributed:.3f}\n{by_evidence}"
    )
    assert agree >= 0.95
    assert unattributed <= 0.30
    assert set(by_evidence.index) == set(places.EVIDENCE)
    assert by_evidence.loc["geotag", "mean"] >= 0.99
    assert by_evidence.loc["mention", "mean"] >= 0.97
    # evidence columns are consistent
    assert out.loc[out["code"].isna(), "evidence"].isna().all()
    assert out.loc[out["code"].notna(), "evidence"].notna().all()


def test_attribution_ignores_the_collection_column(sample) -> None:
    corpus = sample.corpus.head(400)
    a = places.attribute_territory(corpus.drop(columns=["territory_code"]), evidence=["mention"])
    b = places.attribute_territory(corpus.assign(territory_code="99999"), evidence=["mention"])
    pd.testing.assert_frame_equal(a, b)


def test_attribution_evidence_order_and_levels() -> None:
    corpus = pd.DataFrame(
        {
            "doc_id": ["g", "m", "r", "h", "n"],
            "platform": ["x"] * 5,
            "author_id": ["u1", "u2", "u3", "u4", "u5"],
            # the geotag is in Tours, the text names Blois: the geotag wins
            "text": ["Super soirée à Blois", "Balade à Amboise", "Trop bien", "Bof", "Rien"],
            "lat": [47.3941, None, None, None, None],
            "lon": [0.6848, None, None, None, None],
            "reply_to_id": [None, None, "m", None, None],
        }
    )
    accounts = pd.DataFrame(
        {
            "platform": ["x"] * 5,
            "author_id": ["u1", "u2", "u3", "u4", "u5"],
            "profile_location": ["Paris", "Lyon", "Lille", "Châteauroux (36)", "Europe"],
        }
    )
    out = places.attribute_territory(corpus, accounts=accounts)
    assert _lst(out["code"]) == ["37261", "37003", "37003", "36044", None]
    assert _lst(out["evidence"]) == ["geotag", "mention", "thread", "author_home", None]
    dep = places.attribute_territory(corpus, accounts=accounts, level="departement")
    assert _lst(dep["code"]) == ["37", "37", "37", "36", None]
    reg = places.attribute_territory(corpus, accounts=accounts, level="region")
    assert _lst(reg["code"]) == ["24", "24", "24", "24", None]
    assert reg["level"].dropna().eq("region").all()
    # targets of mixed levels: the commune of Amboise and the département of Indre
    tgt = places.attribute_territory(corpus, accounts=accounts, targets=["37003", "36"])
    assert _lst(tgt["code"]) == [None, "37003", "37003", "36", None]
    # only the evidence asked for
    only = places.attribute_territory(corpus, evidence=["mention"])
    assert _lst(only["code"]) == ["41018", "37003", None, None, None]
    with pytest.raises(ValueError, match="Unknown evidence"):
        places.attribute_territory(corpus, evidence=["telepathy"])


def test_attribution_weights_places_of_origin() -> None:
    corpus = pd.DataFrame(
        {
            "doc_id": ["1", "2"],
            "text": [
                "Petite escapade depuis Le Mans, on adore Blois",
                "Chambord hier, Amboise aujourd'hui",
            ],
        }
    )
    out = places.attribute_territory(corpus, evidence=["mention"])
    assert _lst(out["code"]) == ["41018", "37003"]


def test_gazetteer_is_a_transformer(gaz: places.Gazetteer) -> None:
    from sklearn.base import clone

    df = pd.DataFrame(
        {"doc_id": ["1", "2", "3"], "text": ["Tours puis Amboise puis Tours", "Rien", "#Blois"]},
        index=[10, 20, 30],
    )
    out = gaz.transform(df)
    assert out.index.tolist() == [10, 20, 30]
    assert out["place_codes"].tolist() == [["37261", "37003"], [], ["41018"]]
    assert out["n_place_mentions"].tolist() == [3, 0, 1]
    assert clone(places.Gazetteer(common_zipf=350)).get_params()["common_zipf"] == 350


def test_attribution_author_stay() -> None:
    t0 = pd.Timestamp("2025-07-01 10:00", tz="UTC")
    corpus = pd.DataFrame(
        {
            "doc_id": ["a1", "a2", "a3", "b1"],
            "author_id": ["a", "a", "a", "b"],
            "created_at": [t0, t0 + pd.Timedelta(hours=3), t0 + pd.Timedelta(days=20), t0],
            "text": ["Arrivés à Chinon !", "Quelle vue ce soir", "Retour au boulot", "Top"],
        }
    )
    out = places.attribute_territory(corpus, evidence=["mention", "author_stay"])
    assert _lst(out["code"]) == ["37072", "37072", None, None]
    assert _lst(out["evidence"]) == ["mention", "author_stay", None, None]
    assert out.loc[1, "detail"] == "a1"


def test_bad_and_empty_inputs() -> None:
    empty = pd.DataFrame({"doc_id": pd.Series([], dtype="string"), "text": []})
    found = places.find_places(empty)
    assert found.empty and list(found.columns) == places.MENTION_COLUMNS
    assert places.attribute_territory(empty).empty
    gaps = pd.DataFrame({"doc_id": ["1", "2", "3"], "text": [None, float("nan"), "à Tours"]})
    assert places.find_places(gaps)["doc_id"].tolist() == ["3"]
    with pytest.raises(tl.CorpusSchemaError, match="text"):
        places.find_places(pd.DataFrame({"doc_id": ["1"], "body": ["à Tours"]}))
    with pytest.raises(ValueError, match="level"):
        places.attribute_territory(gaps, level="canton")
