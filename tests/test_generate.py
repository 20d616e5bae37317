"""Tests of ``data/sample/generate.py``, the seeded generator of the sample corpus.

The script is not part of the package: it is loaded from its path with importlib. The
tests check that it is deterministic (same bytes across runs and processes, and the
committed files in ``data/sample`` are what it produces) and that the committed sample has
the planted properties the methods' tests rely on (shares, spans, bursts, institutional
responsiveness, ...).
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "data" / "sample" / "generate.py"
SAMPLE = SCRIPT.parent
FILES = (
    "posts.csv",
    "accounts.csv",
    "interactions.csv",
    "institutions.csv",
    "truth_posts.csv",
    "truth_authors.csv",
)
THEMES = (
    "patrimoine_chateaux",
    "vin_gastronomie",
    "velo_loire",
    "festivals",
    "transports_stationnement",
    "travaux_nuisances",
    "prix_foule",
    "nature_fleuve",
    "vie_nocturne",
    "services_publics",
)
COMPLAINT_THEMES = (
    "transports_stationnement",
    "travaux_nuisances",
    "prix_foule",
    "vie_nocturne",
    "services_publics",
)
#: towns visitors come from (never one of the study territories)
HOME_TOWNS = (
    "Paris",
    "Lyon",
    "Nantes",
    "Lille",
    "Bordeaux",
    "Rennes",
    "Orléans",
    "Toulouse",
    "Marseille",
    "Strasbourg",
    "Angers",
    "Poitiers",
    "Bourges",
    "Limoges",
    "Versailles",
    "Boulogne",
    "Montpellier",
    "Caen",
    "Dijon",
    "Nice",
    "Le Havre",
    "La Rochelle",
    "Clermont",
    "Grenoble",
    "Bruxelles",
    "Brussels",
    "London",
    "Berlin",
    "Amsterdam",
    "Madrid",
    "Montréal",
    "Genève",
    "New York",
    "NYC",
    "Brooklyn",
    "Dublin",
)
EMOJI_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
ABBREV_RE = re.compile(
    r"(?<![\w'’])(bcp|tkt|stp|mdr|jpp|pk|qd|slt|bjr|cc|tjrs|pcq|svp|rdv|ptdr|vrmt|ajd|qqch|qqn"
    r"|tlm|dac)(?![\w'’])",
    re.IGNORECASE,
)
STRETCH_RE = re.compile(r"([a-zé])\1\1\1")
TOURS_NOUN_RE = re.compile(
    r"\b(?:des|les|deux|trois|quelques|plusieurs) tours\b|à tours de bras|tours de (?:magie|piste)"
)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("territoire_lab_sample_generate", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up in sys.modules
    spec.loader.exec_module(module)
    return module


def _read(directory: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(directory / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def fresh(script: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh")
    paths = script.generate(out)
    assert sorted(p.name for p in paths.values()) == sorted(FILES)
    return out


@pytest.fixture(scope="module")
def posts() -> pd.DataFrame:
    return _read(SAMPLE, "posts.csv")


@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return _read(SAMPLE, "truth_posts.csv")


@pytest.fixture(scope="module")
def accounts() -> pd.DataFrame:
    return _read(SAMPLE, "accounts.csv")


@pytest.fixture(scope="module")
def authors() -> pd.DataFrame:
    return _read(SAMPLE, "truth_authors.csv")


@pytest.fixture(scope="module")
def merged(posts: pd.DataFrame, truth: pd.DataFrame) -> pd.DataFrame:
    out = posts.join(truth.drop(columns=["doc_id", "territory_code"]))
    out["ts"] = pd.to_datetime(out["created_at"], utc=True)
    return out


# ------------------------------------------------------------------------ determinism


def test_byte_identical_across_runs(script: ModuleType, fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    script.generate(again)
    for name in FILES:
        assert (fresh / name).read_bytes() == (again / name).read_bytes(), name


def test_byte_identical_across_processes(fresh: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    env = dict(os.environ, PYTHONHASHSEED="4242")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(other)],
        check=True,
        env=env,
        capture_output=True,
        timeout=300,
    )
    for name in FILES:
        assert (fresh / name).read_bytes() == (other / name).read_bytes(), name


def test_committed_sample_equals_a_fresh_run(fresh: Path) -> None:
    for name in FILES:
        committed = SAMPLE / name
        assert committed.exists(), f"{committed} missing: run python data/sample/generate.py"
        assert committed.read_bytes() == (fresh / name).read_bytes(), (
            f"{name} differs from a fresh run: regenerate with python data/sample/generate.py"
        )


def test_file_encoding_and_line_endings(fresh: Path) -> None:
    for name in FILES:
        raw = (fresh / name).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), name
        assert b"\r\n" not in raw, name
        raw.decode("utf-8")


def test_small_run_other_seed(script: ModuleType, tmp_path: Path) -> None:
    paths = script.generate(tmp_path, seed=7, n_posts=2000)
    small = _read(tmp_path, "posts.csv")
    assert len(small) == 2000
    assert small["doc_id"].is_unique
    assert len(_read(tmp_path, "truth_posts.csv")) == 2000
    assert paths["posts"] == tmp_path / "posts.csv"
    with pytest.raises(ValueError, match="at least 2000"):
        script.generate(tmp_path, n_posts=1999)


# ------------------------------------------------------------------------ the corpus


def test_size_territories_months_platforms(posts: pd.DataFrame) -> None:
    assert 20_000 <= len(posts) <= 60_000
    assert posts["territory_code"].nunique() >= 6
    assert set(posts["territory_code"]) == {
        "37261",
        "37003",
        "37072",
        "37132",
        "41018",
        "41034",
        "72181",
        "36",
    }
    levels = posts.groupby("territory_code")["territory_level"].unique()
    assert list(levels["36"]) == ["departement"]
    assert list(levels["37261"]) == ["commune"]
    assert posts["created_at"].str[:7].nunique() >= 12
    assert posts["created_at"].str.match(r"^2025-\d\d-\d\dT\d\d:\d\d:\d\dZ$").all()
    assert posts["platform"].nunique() >= 4
    shares = posts["platform"].value_counts(normalize=True)
    for platform, (lo, hi) in {
        "instagram": (0.22, 0.38),
        "x": (0.15, 0.30),
        "facebook": (0.14, 0.30),
        "tiktok": (0.04, 0.12),
        "tripadvisor": (0.05, 0.14),
        "google_maps": (0.05, 0.14),
    }.items():
        assert lo <= shares[platform] <= hi, (platform, shares[platform])


def test_doc_ids(posts: pd.DataFrame) -> None:
    assert posts["doc_id"].is_unique
    x = posts.loc[posts["platform"] == "x", "doc_id"]
    assert x.str.fullmatch(r"\d{19}").all()
    assert (x.map(int) > 2**53).all()
    assert (x.map(lambda s: str(int(s))) == x).all()  # exact strings, no float rounding
    tiktok = posts.loc[posts["platform"] == "tiktok", "doc_id"]
    assert tiktok.str.fullmatch(r"\d{19}").all()
    assert posts.loc[posts["platform"] == "instagram", "doc_id"].str.fullmatch(r"\d{19}_\d+").all()
    assert posts.loc[posts["platform"] == "facebook", "doc_id"].str.fullmatch(r"\d+_\d+").all()
    assert posts.loc[posts["platform"] == "tripadvisor", "doc_id"].str.fullmatch(r"r\d{9}").all()
    assert posts.loc[posts["platform"] == "google_maps", "doc_id"].str.startswith("Ch").all()
    assert posts["url"].str.startswith("https://").all()
    xurl = posts.loc[posts["platform"] == "x"]
    assert (xurl["url"] == "https://x.com/" + xurl["author_id"] + "/status/" + xurl["doc_id"]).all()


def test_sorted_by_time_then_id(posts: pd.DataFrame) -> None:
    keys = list(zip(posts["created_at"], posts["doc_id"], strict=True))
    assert keys == sorted(keys)


def test_geotags(posts: pd.DataFrame) -> None:
    has_lat, has_lon = posts["lat"] != "", posts["lon"] != ""
    assert (has_lat == has_lon).all()
    assert 0.08 <= has_lat.mean() <= 0.12
    lat = posts.loc[has_lat, "lat"].astype(float)
    lon = posts.loc[has_lat, "lon"].astype(float)
    assert lat.between(46.3, 48.3).all() and lon.between(-0.2, 2.3).all()
    assert posts.loc[has_lat, "lat"].str.fullmatch(r"\d+\.\d{6}").all()


def test_texts_are_varied(posts: pd.DataFrame) -> None:
    assert posts["text"].nunique() / len(posts) >= 0.95
    originals = posts[(posts["reply_to_id"] == "") & (posts["repost_of_id"] == "")]
    assert originals["text"].nunique() / len(originals) >= 0.98
    assert (posts["text"].str.len() > 0).all()


def test_social_media_features(posts: pd.DataFrame) -> None:
    text = posts["text"]
    shares = {
        "hashtag": (text.str.contains(r"#[A-Za-zÀ-ÿ]", regex=True).mean(), 0.30),
        "emoji": (text.map(lambda s: bool(EMOJI_RE.search(s))).mean(), 0.40),
        "url": (text.str.contains("https://", regex=False).mean(), 0.05),
        "mention": (text.str.contains(r"(?<![\w.])@\w", regex=True).mean(), 0.08),
        "curly elision": (text.str.contains(r"\b[dlqnjcs]’\w|qu’\w", regex=True).mean(), 0.10),
        "straight elision": (text.str.contains(r"\b[dlqnjcs]'\w|qu'\w", regex=True).mean(), 0.10),
        "abbreviation": (text.map(lambda s: bool(ABBREV_RE.search(s))).mean(), 0.03),
        "noun 'tours'": (text.map(lambda s: bool(TOURS_NOUN_RE.search(s))).mean(), 0.005),
        "St- for Saint-": (text.str.contains(r"\bSt[- ][A-Z]", regex=True).mean(), 0.002),
        "stretched letters": (text.map(lambda s: bool(STRETCH_RE.search(s))).mean(), 0.005),
    }
    for name, (share, minimum) in shares.items():
        assert share >= minimum, (name, share)
    assert text.str.contains(r"#(?:LoireAVelo|ValDeLoire|VisitTours|ChateauxDeLaLoire)").any()
    assert text.str.contains(r"\b(?:au|du) Mans\b").any()
    assert text.str.contains("Chambord de l’Eure|Chambord de l'Eure|à la Chambord").any()


def test_platform_conventions(posts: pd.DataFrame, merged: pd.DataFrame) -> None:
    x = posts[posts["platform"] == "x"]
    assert (x["text"].str.len() <= 280).all()
    assert (x["lang"] != "").all() and set(x["lang"]) <= {"fr", "en", "de", "es", "nl"}
    assert (posts.loc[posts["platform"] != "x", "lang"] == "").all()
    reviews = merged[merged["platform"].isin(["tripadvisor", "google_maps"])]
    answered = reviews["reply_to_id"] != ""
    rated = reviews[~answered]
    assert (rated["rating"] != "").all() and (reviews.loc[answered, "rating"] == "").all()
    assert (
        posts.loc[~posts["platform"].isin(["tripadvisor", "google_maps"]), "rating"] == ""
    ).all()
    rating = rated["rating"].astype(int)
    assert rating.between(1, 5).all()
    assert (rating[rated["tone"] == "positive"] >= 4).all()
    assert (rating[rated["tone"] == "negative"] <= 2).all()
    n_sentences = rated["text"].str.count(r"[.!?…](?:\s|$)")
    assert n_sentences.median() >= 2
    assert (posts.loc[posts["platform"].isin(["facebook", "instagram"]), "views"] == "").all()
    assert (posts.loc[posts["platform"].isin(["tripadvisor", "google_maps"]), "shares"] == "").all()
    assert (posts.loc[posts["platform"].isin(["x", "tiktok"]), "views"] != "").all()
    visitors_x = merged[
        (merged["platform"] == "x")
        & (merged["audience"] == "visitor")
        & (merged["repost_of_id"] == "")
    ]
    assert 0.03 <= (visitors_x["lang"] == "en").mean() <= 0.12
    insta = posts.loc[posts["platform"] == "instagram", "text"]
    assert insta.str.count("#").mean() >= 5


def test_replies_and_reposts(posts: pd.DataFrame) -> None:
    by_id = posts.set_index("doc_id")
    for col in ("reply_to_id", "repost_of_id"):
        child = posts[posts[col] != ""]
        assert len(child) > 500, col
        assert child[col].isin(by_id.index).all(), col
        parent = by_id.loc[child[col]]
        assert (parent["platform"].to_numpy() == child["platform"].to_numpy()).all(), col
        assert (parent.index.to_numpy() != child["doc_id"].to_numpy()).all(), col
        assert (
            pd.to_datetime(child["created_at"]).to_numpy()
            > pd.to_datetime(parent["created_at"]).to_numpy()
        ).all(), col
    assert not ((posts["reply_to_id"] != "") & (posts["repost_of_id"] != "")).any()
    rts = posts[(posts["platform"] == "x") & (posts["repost_of_id"] != "")]
    assert rts["text"].str.startswith("RT @").all()


def test_interactions(posts: pd.DataFrame, accounts: pd.DataFrame) -> None:
    inter = _read(SAMPLE, "interactions.csv")
    assert list(inter.columns) == [
        "source_author",
        "target_author",
        "kind",
        "doc_id",
        "created_at",
        "platform",
    ]
    assert set(inter["kind"]) == {"mention", "reply", "repost"}
    assert inter["doc_id"].isin(posts["doc_id"]).all()
    known = set(zip(accounts["platform"], accounts["author_id"], strict=True))
    for col in ("source_author", "target_author"):
        pairs = zip(inter["platform"], inter[col], strict=True)
        assert all(p in known for p in pairs), col
    assert (inter["kind"] == "reply").sum() == (posts["reply_to_id"] != "").sum()
    assert (inter["kind"] == "repost").sum() == (posts["repost_of_id"] != "").sum()
    keys = list(
        zip(
            inter["created_at"], inter["doc_id"], inter["kind"], inter["target_author"], strict=True
        )
    )
    assert keys == sorted(keys)


def test_handles_are_unique_ignoring_case(accounts: pd.DataFrame) -> None:
    """Handles are case-insensitive (X, TikTok, Instagram): no two may differ by case only."""
    lowered = accounts["author_id"].str.lower()
    assert not pd.concat([accounts["platform"], lowered], axis=1).duplicated().any()


def test_truth_aligns_with_posts_and_accounts(
    posts: pd.DataFrame, truth: pd.DataFrame, accounts: pd.DataFrame, authors: pd.DataFrame
) -> None:
    assert list(truth["doc_id"]) == list(posts["doc_id"])
    assert list(truth["territory_code"]) == list(posts["territory_code"])
    assert set(truth["audience"]) == {"institution", "resident", "visitor", "other"}
    assert list(accounts[["platform", "author_id"]].itertuples(index=False)) == list(
        authors[["platform", "author_id"]].itertuples(index=False)
    )
    assert not accounts.duplicated(["platform", "author_id"]).any()
    known = set(zip(accounts["platform"], accounts["author_id"], strict=True))
    assert all(p in known for p in zip(posts["platform"], posts["author_id"], strict=True))
    assert not {"audience", "tier", "home_code"} & set(accounts.columns)
    assert set(authors["tier"]) == {"macro", "micro", "nano", "none"}
    resp = authors.loc[authors["responsiveness"] != ""]
    assert set(resp["audience"]) == {"institution"}
    assert set(truth["burst_id"]) == {"", "crue_blois_2025_11", "festival_tours_2025_07"}


def test_themes_and_tones(truth: pd.DataFrame, merged: pd.DataFrame) -> None:
    assert set(truth["theme"]) == set(THEMES)
    shares = truth["theme"].value_counts(normalize=True)
    assert (shares >= 0.03).all(), shares.to_dict()
    tones = truth["tone"].value_counts(normalize=True)
    assert set(tones.index) == {"negative", "neutral", "positive"}
    assert (tones >= 0.10).all()
    citizens = merged[merged["audience"].isin(["resident", "visitor"])]
    by_theme = pd.crosstab(citizens["theme"], citizens["tone"], normalize="index")
    assert by_theme.loc["travaux_nuisances", "negative"] > 0.6
    assert by_theme.loc["patrimoine_chateaux", "positive"] > 0.5


def test_audience_behaviour(
    merged: pd.DataFrame, authors: pd.DataFrame, accounts: pd.DataFrame
) -> None:
    role = authors.set_index(["platform", "author_id"])["audience"]
    keyed = merged.set_index(["platform", "author_id"])
    keyed = keyed.assign(role=role.reindex(keyed.index).to_numpy()).reset_index()
    spans = keyed.groupby(["platform", "author_id", "role"])["ts"].agg(["min", "max", "count"])
    spans["days"] = (spans["max"] - spans["min"]).dt.total_seconds() / 86400
    spans = spans.reset_index()
    residents = spans[spans["role"] == "resident"]
    visitors = spans[spans["role"] == "visitor"]
    assert residents["days"].median() >= 60
    regular = residents[residents["count"] >= 3]  # a quarter post once (and may reply once)
    # (some occasional residents also travel to another territory: their span is a trip's)
    assert (regular["days"] >= 31).mean() >= 0.95
    assert (residents["count"] <= 2).mean() >= 0.05  # occasional residents: no history
    assert visitors["days"].median() <= 7
    assert len(visitors) > 3 * len(residents)
    months = (
        keyed[keyed["role"] == "resident"]
        .groupby(["platform", "author_id"])["created_at"]
        .agg(lambda s: s.str[:7].nunique())
    )
    assert months.median() >= 3
    loc = accounts.set_index(["platform", "author_id"])["profile_location"]
    pattern = "|".join(re.escape(t) for t in HOME_TOWNS)
    names_home = loc.str.contains(pattern, regex=True)
    aud = authors.set_index(["platform", "author_id"])["audience"]
    vis_share = names_home[aud == "visitor"].mean()
    res_share = names_home[aud == "resident"].mean()
    assert vis_share >= 0.5 and vis_share >= 4 * res_share, (vis_share, res_share)


def test_followers_are_heavy_tailed(accounts: pd.DataFrame) -> None:
    followers = accounts["followers"].astype(int)
    assert (followers > 100_000).sum() >= 3
    assert followers.between(10_000, 100_000).sum() >= 20
    assert followers.median() < 2_000


def test_engagement_grows_with_followers(merged: pd.DataFrame, accounts: pd.DataFrame) -> None:
    insta = merged[(merged["platform"] == "instagram") & (merged["reply_to_id"] == "")]
    followers = accounts.set_index(["platform", "author_id"])["followers"].astype(int)
    f = followers.reindex(list(zip(insta["platform"], insta["author_id"], strict=True)))
    likes = insta["likes"].astype(int).to_numpy()
    big = likes[f.to_numpy() > 100_000]
    small = likes[f.to_numpy() < 1_000]
    assert len(big) > 10 and pd.Series(big).median() > 20 * max(1, pd.Series(small).median())


@pytest.mark.parametrize(
    ("burst_id", "code", "first", "last"),
    [
        ("crue_blois_2025_11", "41018", "2025-11-10", "2025-11-13"),
        ("festival_tours_2025_07", "37261", "2025-07-11", "2025-07-13"),
    ],
)
def test_bursts(merged: pd.DataFrame, burst_id: str, code: str, first: str, last: str) -> None:
    burst = merged[merged["burst_id"] == burst_id]
    assert (burst["territory_code"] == code).all()
    assert (burst["tone"] == "negative").mean() >= 0.6
    days = pd.date_range("2025-01-01", "2025-12-31", freq="D", tz="UTC")
    local = merged[merged["territory_code"] == code]
    daily = local["ts"].dt.floor("D").value_counts().reindex(days, fill_value=0)
    median = daily.median()
    window = daily[pd.Timestamp(first, tz="UTC") : pd.Timestamp(last, tz="UTC")]
    assert (window >= 4 * median).all(), (window.to_dict(), median)
    originals = burst[(burst["reply_to_id"] == "") & (burst["repost_of_id"] == "")]
    assert originals["ts"].dt.strftime("%Y-%m-%d").between(first, last).all()


def test_institution_responsiveness(merged: pd.DataFrame, authors: pd.DataFrame) -> None:
    """Measured from the posts: complaints that @mention a town hall, answered by it."""
    inst = authors[(authors["audience"] == "institution") & (authors["responsiveness"] != "")]
    inst = inst.merge(
        _read(SAMPLE, "institutions.csv")[["platform", "author_id", "kind", "territory_code"]],
        on=["platform", "author_id"],
    )
    replies = merged[merged["reply_to_id"] != ""]
    replied = set(zip(replies["reply_to_id"], replies["author_id"], strict=True))
    complaints = merged[
        (merged["tone"] == "negative")
        & merged["theme"].isin(COMPLAINT_THEMES)
        & merged["audience"].isin(["resident", "visitor"])
        & (merged["reply_to_id"] == "")
        & (merged["repost_of_id"] == "")
    ]
    observed: dict[str, float] = {}
    planned: dict[str, float] = {}
    for code, group in inst.groupby("territory_code"):
        mains = group[group["kind"].isin(["mairie", "departement"])]
        if code == "41034":  # Chambord: the town hall and the Domaine national
            mains = group
        n = answered = 0
        for row in mains.itertuples(index=False):
            mine = complaints[
                (complaints["platform"] == row.platform)
                & complaints["text"].str.contains(
                    "@" + re.escape(row.author_id) + r"(?![\w.])", regex=True
                )
            ]
            n += len(mine)
            answered += sum((d, row.author_id) in replied for d in mine["doc_id"])
            planned[code] = float(row.responsiveness)
        assert n >= 15, (code, n)
        observed[code] = answered / n
        assert abs(observed[code] - planned[code]) <= 0.12, (code, observed[code], planned[code])
    assert observed["37261"] > observed["41018"] > observed["37132"]
    assert observed["37072"] == 0 and observed["41034"] == 0
    assert observed["37261"] - observed["37072"] >= 0.4
    tours = replies[replies["author_id"] == "Ville_de_Tours"]
    parents = merged.set_index("doc_id").loc[tours["reply_to_id"], "ts"]
    delay_h = (tours["ts"].to_numpy() - parents.to_numpy()) / pd.Timedelta(hours=1)
    assert pd.Series(delay_h).median() < 6
    loches = replies[replies["author_id"].isin(["VilleDeLoches", "Loches_Ville"])]
    parents = merged.set_index("doc_id").loc[loches["reply_to_id"], "ts"]
    delay_h = (loches["ts"].to_numpy() - parents.to_numpy()) / pd.Timedelta(hours=1)
    assert pd.Series(delay_h).median() > 24


def test_one_institution_left_off_the_allow_list(
    authors: pd.DataFrame, accounts: pd.DataFrame
) -> None:
    allow = _read(SAMPLE, "institutions.csv")
    assert list(allow.columns) == ["platform", "author_id", "name", "territory_code", "kind"]
    listed = set(zip(allow["platform"], allow["author_id"], strict=True))
    inst = authors[authors["audience"] == "institution"]
    missing = set(zip(inst["platform"], inst["author_id"], strict=True)) - listed
    assert len(missing) == 1
    ((platform, handle),) = missing
    bio = accounts.set_index(["platform", "author_id"]).loc[(platform, handle), "bio"]
    assert "officiel" in bio.lower()
    assert listed <= set(zip(inst["platform"], inst["author_id"], strict=True))
    assert set(allow["territory_code"]) == {
        "37261",
        "37003",
        "37072",
        "37132",
        "41018",
        "41034",
        "72181",
        "36",
    }


def test_audience_is_not_easy(posts: pd.DataFrame, accounts: pd.DataFrame) -> None:
    """What the audience issue requires of the sample: single posts, blank profiles, noisy cues."""
    per_author = posts.groupby(["platform", "author_id"]).size()
    assert (per_author == 1).mean() >= 0.40
    assert (accounts["profile_location"] == "").mean() >= 0.30
    truth = _read(SAMPLE, "truth_posts.csv").set_index("doc_id")["audience"]
    text = posts.set_index("doc_id")["text"].str.lower()
    chez_nous = truth[text.str.contains("chez nous", regex=False)]
    vacances = truth[text.str.contains("vacances", regex=False)]
    assert (chez_nous == "visitor").mean() >= 0.15  # visitors also write "chez nous"
    assert (vacances == "resident").mean() >= 0.25  # residents also write "vacances"
