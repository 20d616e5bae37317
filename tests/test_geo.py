"""Tests of territoire_lab.geo: spatial joins, choropleths, hotspots, carte postale 2.0."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

import territoire_lab as tl
from territoire_lab import geo

#: approximate coordinates (WGS84) used below
TOURS = (47.3941, 0.6848)  # place Jean-Jaurès, Tours (37261)
CHAMBORD = (47.6162, 1.5170)  # the château, Chambord (41034)
BLOIS = (47.5857, 1.3311)  # the château, Blois (41018)


@pytest.fixture(scope="module")
def communes():
    return tl.load_territories("commune")


def _cloud(center, n, *, spread_m=60.0, seed=0, prefix="p", audience="visitor"):
    """n points around a centre, with a spread in metres (deterministic)."""
    rng = np.random.default_rng(seed)
    lat0, lon0 = center
    dlat = rng.normal(0, spread_m / 111_000, n)
    dlon = rng.normal(0, spread_m / (111_000 * np.cos(np.radians(lat0))), n)
    return pd.DataFrame(
        {
            "doc_id": [f"{prefix}{i}" for i in range(n)],
            "author_id": [f"{prefix}a{i % max(n // 2, 1)}" for i in range(n)],
            "lat": lat0 + dlat,
            "lon": lon0 + dlon,
            "audience": audience,
        }
    )


def test_spatial_join_points_in_polygons(communes) -> None:
    df = pd.DataFrame(
        {
            "doc_id": ["tours", "chambord", "blois", "atlantic", "none"],
            "lat": [TOURS[0], CHAMBORD[0], BLOIS[0], 46.0, None],
            "lon": [TOURS[1], CHAMBORD[1], BLOIS[1], -5.0, None],
        }
    )
    out = geo.spatial_join(df, communes)
    assert out["doc_id"].tolist() == ["tours", "chambord", "blois", "atlantic"]
    codes = [None if pd.isna(c) else c for c in out["code"]]
    assert codes == ["37261", "41034", "41018", None]
    assert str(out["code"].dtype).startswith("string")


def test_sample_geotags_fall_in_the_true_territory(sample, truth, communes) -> None:
    geotagged = sample.corpus[sample.corpus["lat"].notna()]
    joined = geo.spatial_join(geotagged, communes).merge(truth["posts"], on="doc_id")
    deps = tl.load_territories("commune", geometry=False).set_index("code")["departement"]
    joined["dep"] = joined["code"].map(deps)
    ok = (joined["code"] == joined["territory_code"]) | (joined["dep"] == joined["territory_code"])
    # geotags are near landmarks and neighbourhoods: a few fall in a neighbouring commune
    assert len(joined) > 2000
    assert ok.mean() >= 0.95


def test_per_inhabitants_values() -> None:
    table = pd.DataFrame({"code": ["a", "b", "c"], "n_posts": [50, 10, 3]})
    terr = pd.DataFrame({"code": ["a", "b", "c"], "population": [10_000, 500, 0]})
    out = geo.per_inhabitants(table, terr, value="n_posts")
    assert out["n_posts_per_1000"].tolist()[:2] == [5.0, 20.0]
    assert pd.isna(out["n_posts_per_1000"].iloc[2])  # no inhabitants: no rate


def test_choropleth_raw_and_per_inhabitants(communes) -> None:
    rng = np.random.default_rng(0)
    table = pd.DataFrame({"code": communes["code"], "n_posts": rng.integers(0, 100, len(communes))})
    table = table.iloc[: len(table) // 2]  # half the communes have no value
    ax = geo.plot_choropleth(table, communes, value="n_posts", scheme="quantiles", k=5)
    assert "n posts" in ax.get_title()
    assert ax.get_legend() is not None
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "pas de données" in legend and len(legend) == 6
    plt.close("all")
    ax = geo.plot_choropleth(
        table, communes, value="n_posts", per_inhabitants=True, scheme="natural_breaks", k=4
    )
    assert "pour 1\u202f000 habitants" in ax.get_title()
    plt.close("all")


def test_fischer_audience() -> None:
    t0 = pd.Timestamp("2025-01-01", tz="UTC")
    df = pd.DataFrame(
        {
            "author_id": ["local", "local", "tourist", "tourist", "tourist"],
            "created_at": [t0, t0 + pd.Timedelta(days=90), t0, t0 + pd.Timedelta(days=2), t0],
        }
    )
    out = geo.fischer_audience(df).set_index("author_id")
    assert out.loc["local", "audience"] == "resident"
    assert out.loc["tourist", "audience"] == "visitor"
    assert out.loc["tourist", "n_posts"] == 3
    assert out.loc["local", "span_days"] == pytest.approx(90)


def test_fischer_audience_recovers_sample_audiences(sample, truth) -> None:
    posts = sample.corpus.merge(truth["posts"][["doc_id", "audience"]], on="doc_id")
    posts = posts[posts["audience"].isin(["resident", "visitor"])]
    guess = geo.fischer_audience(posts)
    truth_auth = truth["authors"].set_index(["platform", "author_id"])["audience"]
    main = posts.groupby("author_id")["platform"].first()
    guess["truth"] = [truth_auth.get((main[a], a)) for a in guess["author_id"]]
    guess = guess[guess["truth"].isin(["resident", "visitor"])]
    acc = (guess["audience"] == guess["truth"]).mean()
    print(f"\nFischer's rule on the sample authors: accuracy {acc:.3f} on {len(guess)} authors")
    assert acc >= 0.75


def test_hotspots_separate_audiences() -> None:
    visitors = pd.concat(
        [
            _cloud(CHAMBORD, 40, seed=1, prefix="v1"),
            _cloud(BLOIS, 25, seed=2, prefix="v2"),
            _cloud(TOURS, 3, seed=3, prefix="v3"),  # too few for a hotspot
        ]
    )
    residents = _cloud(TOURS, 30, seed=4, prefix="r", audience="resident")
    spots = geo.hotspots(pd.concat([visitors, residents]), eps_m=200, min_samples=8)
    assert spots.groupby("audience").size().to_dict() == {"resident": 1, "visitor": 2}
    top = spots[spots["audience"] == "visitor"].iloc[0]
    assert top["n_posts"] == 40 and top["hotspot"] == 0
    assert top["lat"] == pytest.approx(CHAMBORD[0], abs=0.002)
    assert top["lon"] == pytest.approx(CHAMBORD[1], abs=0.003)
    assert 30 < top["radius_m"] < 250
    res = spots[spots["audience"] == "resident"].iloc[0]
    assert res["lat"] == pytest.approx(TOURS[0], abs=0.002)
    hd = geo.hotspots(pd.concat([visitors, residents]), method="hdbscan", min_samples=8)
    assert (hd["audience"] == "visitor").sum() == 2
    with pytest.raises(ValueError, match="method"):
        geo.hotspots(visitors, method="kmeans")


def test_hotspots_on_the_sample_find_chambord(sample, truth, communes) -> None:
    posts = sample.corpus.merge(truth["posts"][["doc_id", "audience"]], on="doc_id")
    posts = posts[posts["audience"].isin(["resident", "visitor"]) & posts["lat"].notna()]
    spots = geo.hotspots(posts, eps_m=250, min_samples=15)
    vis = spots[spots["audience"] == "visitor"]
    near = np.hypot(vis["lat"] - CHAMBORD[0], (vis["lon"] - CHAMBORD[1]) * 0.67) < 0.01
    assert near.any(), vis.head()
    assert {"resident", "visitor"} <= set(spots["audience"])
    ax = geo.plot_hotspots(spots, communes, points=posts)
    assert ax.get_title().startswith("Points chauds")
    plt.close("all")


def test_carte_postale_overlay() -> None:
    visitors = pd.concat(
        [_cloud(CHAMBORD, 40, seed=1, prefix="c"), _cloud(BLOIS, 30, seed=2, prefix="b")]
    )
    poi = pd.DataFrame(
        {
            "title": ["Château de Chambord", "Lac perdu"],
            "lat": [CHAMBORD[0] + 0.0005, 47.0],
            "lon": [CHAMBORD[1], 1.0],
        }
    )
    res = geo.carte_postale(visitors, poi, eps_m=200, min_samples=8, radius_m=300)
    assert len(res.hotspots) == 2
    covered = res.hotspots.set_index("n_posts")["covered"].to_dict()
    assert covered == {40: True, 30: False}  # Blois' hotspot has no official point
    assert res.uncovered_hotspots["n_posts"].tolist() == [30]
    assert res.poi.set_index("title")["posted"].to_dict() == {
        "Château de Chambord": True,
        "Lac perdu": False,
    }
    assert res.unposted_poi["title"].tolist() == ["Lac perdu"]
    assert res.hotspots.loc[0, "nearest_poi"] == "Château de Chambord"
    ax = geo.plot_carte_postale(res)
    assert "Carte postale" in ax.get_title()
    plt.close("all")


def test_density_surface_peaks_at_the_cluster() -> None:
    pts = pd.concat([_cloud(CHAMBORD, 50, seed=1), _cloud(TOURS, 5, seed=2, prefix="t")])
    surf = geo.density_surface(pts, cell_m=1000, bandwidth_m=1500)
    peak = surf.loc[surf["density"].idxmax()]
    cx = geo.to_points(pd.DataFrame({"lat": [CHAMBORD[0]], "lon": [CHAMBORD[1]]}))
    assert abs(peak["x"] - cx["x"].iloc[0]) <= 1000 and abs(peak["y"] - cx["y"].iloc[0]) <= 1000
    assert (surf["density"] >= 0).all()
    ax = geo.plot_density(surf)
    assert ax.get_title() == "Densité des publications géolocalisées"
    plt.close("all")
    with pytest.raises(ValueError, match="max_cells"):
        geo.density_surface(pts, cell_m=10, bandwidth_m=1500)
