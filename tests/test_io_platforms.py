"""Platform mappings, field by field, on fixture files that imitate each export."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from territoire_lab.io import read_corpus
from territoire_lab.privacy import pseudonymize

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"


@pytest.fixture(autouse=True)
def _cards_in_tmp(tmp_path, monkeypatch):
    """Dataset cards of these loads go to a temporary folder, not the user's state folder."""
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


UTC = "UTC"


def pseudo(handle: str) -> str:
    return pseudonymize(pd.Series([handle]), key=TEST_KEY).iloc[0]


def tables(name: str, **kw):
    kw.setdefault("key", TEST_KEY)
    res = read_corpus(FIX / name, return_tables=True, **kw)
    rep = res.corpus.attrs["load_report"]
    assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"]
    return res


def test_x_v2_pages_with_includes():
    res = tables("x_v2_pages.jsonl", allow=["mairie_tours"])
    df = res.corpus.set_index("doc_id")
    assert df.index.tolist() == [
        "1864427771338227712",
        "1864427771338227999",
        "1864427771338228000",
    ]
    first = df.loc["1864427771338227712"]
    assert first["platform"] == "x"
    assert first["text"] == "Les illuminations de Tours ce soir @mairie_tours @paul_v 🎄"
    assert first["created_at"] == pd.Timestamp("2026-12-05 18:30", tz=UTC)
    assert first["author_id"] == pseudo("julie_tours37")
    assert first["lang"] == "fr"
    assert (first["likes"], first["shares"], first["replies"], first["views"]) == (12, 3, 1, 845)
    assert first["quotes"] == "2"
    assert (first["lat"], first["lon"]) == (47.3941, 0.6848)
    assert first["place_name"] == "Tours, France"
    assert first["conversation_id"] == "1864427771338227712"
    assert first["url"] == "https://x.com/i/status/1864427771338227712"  # no handle
    assert first["source_line"] == 1
    reply = df.loc["1864427771338227999"]
    assert reply["author_id"] == "mairie_tours"  # allow-listed
    assert reply["url"] == "https://x.com/mairie_tours/status/1864427771338227999"
    assert reply["reply_to_id"] == "1864427771338227712"
    assert pd.isna(reply["views"])
    rt = df.loc["1864427771338228000"]
    assert rt["repost_of_id"] == "1864427771338220000" and rt["source_line"] == 2
    # accounts: one row a user, private names dropped
    acc = res.accounts.set_index("author_id")
    julie = acc.loc[pseudo("julie_tours37")]
    assert julie["followers"] == 231 and julie["following"] == 180  # latest page
    assert julie["profile_location"] == "Tours, France"
    assert pd.isna(julie["display_name"]) and not julie["is_institution"]
    assert acc.loc["mairie_tours", "display_name"] == "Ville de Tours"
    assert bool(acc.loc["mairie_tours", "verified"]) is True
    # interactions: mentions, reply, repost with pseudonymised ends
    inter = res.interactions
    got = set(zip(inter["source_author"], inter["target_author"], inter["kind"], strict=True))
    assert got == {
        (pseudo("julie_tours37"), "mairie_tours", "mention"),
        (pseudo("julie_tours37"), pseudo("paul_v"), "mention"),
        ("mairie_tours", pseudo("julie_tours37"), "reply"),
        (pseudo("julie_tours37"), "mairie_tours", "repost"),
    }
    assert str(inter["created_at"].dtype) == "datetime64[ns, UTC]"


def test_twarc2_flat_tweets():
    res = tables("twarc2_flat.jsonl")
    df = res.corpus
    assert df["doc_id"].tolist() == ["1864427771338227712", "1864427771338227999"]
    assert df["author_id"].tolist() == [pseudo("julie_tours37"), pseudo("mairie_tours")]
    assert df["likes"].tolist() == [12, 4]
    assert df["source_line"].tolist() == [1, 2]
    assert res.accounts["followers"].tolist() == [230, 50000]


def test_zeeschuimer_instagram_tiktok_x_and_unknown_platform():
    res = tables("zeeschuimer_mixed.ndjson")
    df = res.corpus.set_index("doc_id")
    ig = df.loc["3535787414281650665_46192524357"]
    assert ig["platform"] == "instagram"
    assert ig["text"] == "Château d'Amboise au coucher du soleil #amboise @paul_v"
    assert ig["created_at"] == pd.Timestamp(1795000000, unit="s", tz=UTC)
    assert ig["author_id"] == pseudo("julie_tours37")
    assert (ig["likes"], ig["replies"]) == (321, 14)
    assert (ig["lat"], ig["lon"]) == (47.4133, 0.9862)
    assert ig["place_name"] == "Château Royal d'Amboise"
    assert ig["url"] == "https://www.instagram.com/p/DEJ8x1ZNaBc/"
    assert ig["collected_at"] == "1795000000000"
    tt = df.loc["7441234567890123456"]
    assert tt["platform"] == "tiktok" and tt["text"] == "Chambord en drone 😍 #chambord #loire"
    assert tt["created_at"] == pd.Timestamp(1794900000, unit="s", tz=UTC)
    assert tt["author_id"] == pseudo("drone_paul")
    assert (tt["likes"], tt["shares"], tt["replies"], tt["views"]) == (10500, 230, 88, 154000)
    assert tt["lang"] == "fr" and tt["place_name"] == "Château de Chambord"
    assert tt["url"] == "https://www.tiktok.com/@/video/7441234567890123456"
    xx = df.loc["1864427771338230000"]
    assert xx["platform"] == "x"
    assert xx["created_at"] == pd.Timestamp("2026-12-05 17:00", tz=UTC)
    assert xx["author_id"] == pseudo("marc_b")
    assert (xx["likes"], xx["shares"], xx["replies"], xx["views"]) == (5, 1, 2, 640)
    assert xx["reply_to_id"] == "1864427771338227712"
    assert xx["source_line"] == 3
    (skip,) = res.corpus.attrs["load_report"]["skipped"]
    assert skip["line"] == 4
    assert skip["reason"].startswith("Zeeschuimer item of source_platform 'linkedin.com'")


def test_fourcat_csv_with_platform_given():
    df = read_corpus(FIX / "fourcat_export.csv", key=TEST_KEY, platform="instagram")
    row = df.iloc[0]
    assert row["doc_id"] == "3535787414281650665_46192524357"
    assert row["platform"] == "instagram" and row["text"] == "Château d'Amboise #amboise"
    assert row["created_at"] == pd.Timestamp("2026-11-18 20:46:40", tz=UTC)  # Paris time
    assert row["author_id"] == pseudo("julie_tours37")
    assert row["author_fullname"] == pseudo("Julie M.")  # a person's name: pseudonymised
    assert row["likes"] == 321


def test_crowdtangle_csv():
    df = read_corpus(FIX / "crowdtangle.csv", key=TEST_KEY, allow=["ToursTourisme"])
    assert df["doc_id"].tolist() == ["112233445566_998877665544", "112233445566_998877665545"]
    assert df["platform"].unique().tolist() == ["facebook"]
    assert df["text"].tolist() == ["Le printemps arrive à Tours 🌷", "Feu d'artifice du 14 juillet"]
    assert df["created_at"].tolist() == [
        pd.Timestamp("2021-03-18 08:37:12", tz=UTC),  # CET
        pd.Timestamp("2021-07-14 20:00:00", tz=UTC),  # CEST
    ]
    assert df["author_id"].tolist() == ["ToursTourisme", "ToursTourisme"]
    assert df["likes"].tolist() == [1000, 10] and df["shares"].tolist() == [150, 5]
    assert df["replies"].tolist() == [34, 5]
    assert df["url"].iloc[0] == "https://www.facebook.com/112233445566/posts/998877665544"
    assert df["total_interactions"].tolist() == ["1,234", "20"]  # kept, snake_cased
    assert "page_category" in df.attrs["load_report"]["unknown_columns"]


def test_meta_content_library_csv():
    df = read_corpus(FIX / "content_library.csv", key=TEST_KEY, allow=["chateauvillandry"])
    assert df["doc_id"].tolist() == ["98765432109876543", "98765432109876544"]
    assert df["text"].iloc[0] == "Les jardins de Villandry rouvrent"
    assert df["created_at"].iloc[0] == pd.Timestamp("2026-04-02 08:15", tz=UTC)
    assert df["author_id"].tolist() == ["chateauvillandry", pseudo("paul_v")]
    assert df["likes"].tolist() == [560, 3] and df["shares"].tolist() == [42, 0]
    assert df["replies"].tolist() == [17, 1] and df["views"].isna().all()
    assert df["lang"].tolist() == ["fr", "fr"]


def test_mastodon_statuses_html_reblog_spoiler():
    res = tables("mastodon_statuses.json")
    df = res.corpus.set_index("doc_id")
    first = df.loc["113590000000000001"]
    assert first["text"] == (
        "Vélo le long de la Loire & pique-nique 🚲\n\nMerci @paul_v\npour l'itinéraire #loire"
    )
    assert first["created_at"] == pd.Timestamp("2026-12-05 18:00", tz=UTC)
    assert first["author_id"] == pseudo("julie_tours37")
    assert (first["likes"], first["shares"], first["replies"]) == (9, 1, 2)
    assert first["lang"] == "fr" and pd.isna(first["spoiler_text"])
    assert pd.isna(first["url"]) and pd.isna(first["uri"])  # they hold the handle
    assert first["instance"] == "piaille.fr"
    cw = df.loc["113590000000000002"]
    assert cw["spoiler_text"] == "avis négatif"
    assert cw["reply_to_id"] == "113590000000000001"
    assert cw["author_id"] == pseudo("paul_v@mastodon.social")
    boost = df.loc["113590000000000003"]
    assert boost["text"] == "Nouvelle saison au Clos Lucé"
    assert boost["repost_of_id"] == "113580000000000009" and boost["lang"] == "fr"
    inter = res.interactions.set_index("kind")
    assert sorted(inter.index) == ["mention", "reply", "repost"]
    assert inter.loc["repost", "target_author"] == pseudo("closluce@mastodon.social")
    # the reply to status 1 goes to its author (found among the loaded statuses)
    assert inter.loc["reply", "source_author"] == pseudo("paul_v@mastodon.social")
    assert inter.loc["reply", "target_author"] == pseudo("julie_tours37")
    assert inter.loc["reply", "doc_id"] == "113590000000000002"


def test_mastodon_url_kept_for_allow_listed_account():
    df = read_corpus(FIX / "mastodon_statuses.json", key=TEST_KEY, allow=["julie_tours37"])
    assert df["url"].iloc[0] == "https://piaille.fr/@julie_tours37/113590000000000001"


def test_bluesky_search_posts():
    res = tables("bluesky_search.json")
    df = res.corpus
    assert df["doc_id"].tolist() == [
        "at://did:plc:julie/app.bsky.feed.post/3lbxa1",
        "at://did:plc:paulv/app.bsky.feed.post/3lbxa2",
    ]
    assert df["text"].iloc[0] == "Blois by night avec @paul-v.bsky.social ✨"
    assert df["created_at"].iloc[1] == pd.Timestamp("2026-12-05 20:30", tz=UTC)
    assert df["author_id"].tolist() == [
        pseudo("julie-tours.bsky.social"),
        pseudo("paul-v.bsky.social"),
    ]
    assert df["likes"].tolist() == [15, 3] and df["shares"].tolist() == [2, 0]
    assert df["replies"].tolist() == [1, 0] and df["lang"].tolist() == ["fr", "fr"]
    assert df["reply_to_id"].iloc[1] == df["doc_id"].iloc[0]
    inter = res.interactions
    assert inter["kind"].tolist() == ["mention", "reply"]
    assert inter["target_author"].iloc[0] == pseudo("paul-v.bsky.social")
    # the parent post's DID is resolved to its author's handle, found in the same response
    assert inter["source_author"].iloc[1] == pseudo("paul-v.bsky.social")
    assert inter["target_author"].iloc[1] == pseudo("julie-tours.bsky.social")
    assert inter["doc_id"].iloc[1] == "at://did:plc:paulv/app.bsky.feed.post/3lbxa2"


def test_bluesky_author_feed_repost_row():
    df = read_corpus(FIX / "bluesky_author_feed.json", key=TEST_KEY)
    rep = df.iloc[1]
    assert rep["doc_id"] == (
        "at://did:plc:paulv/app.bsky.feed.post/3lbxa2#repost-by-did:plc:julie"  # not the handle
    )
    assert rep["repost_of_id"] == "at://did:plc:paulv/app.bsky.feed.post/3lbxa2"
    assert rep["author_id"] == pseudo("julie-tours.bsky.social")
    assert rep["created_at"] == pd.Timestamp("2026-12-06 07:00", tz=UTC)
    assert pd.isna(rep["likes"])


def test_inside_airbnb_reviews():
    df = read_corpus(FIX / "airbnb_reviews.csv", key=TEST_KEY)
    assert df["doc_id"].tolist() == ["720340983", "1012345678901234567", "720368546"]
    assert df["platform"].unique().tolist() == ["airbnb"]
    assert df["text"].tolist() == [
        "Appartement lumineux près de la gare.<br/>Merci Marc !",
        "Très bien situé\n\nRecommandé",
        "",
    ]
    assert df["created_at"].iloc[0] == pd.Timestamp("2026-01-01 23:00", tz=UTC)
    assert df["author_id"].iloc[0] == pseudo("157669965")
    assert df["reviewer_name"].tolist()[2] == pseudo("NA")  # "NA" is a name here
    assert df["url"].iloc[0] == "https://www.airbnb.com/rooms/26244787"
    assert df["listing_id"].tolist() == ["26244787", "26244787", "4675534"]
    assert df["source_line"].tolist() == [2, 3, 6]


def test_real_inside_airbnb_derivative_head():
    df = read_corpus(FIX / "inside_airbnb_review_events_head.csv", key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert rep["rows_out"] == rep["records_in"] == len(df) == 40
    assert rep["inputs"][0]["platform"] == "airbnb"
    assert df["rating"].between(1, 5).all() and df["text"].eq("").all()
    assert df.loc[0, "doc_id"] == "720340983" and df.loc[0, "location"] == "Paris"
    assert df.loc[0, "url"] == "https://www.airbnb.com/rooms/26244787"
    assert df.loc[0, "author_id"] == pseudo("157669965")


def test_google_maps_reviews():
    df = read_corpus(FIX / "google_maps_reviews.csv", key=TEST_KEY)
    assert df["doc_id"].iloc[0] == "ChZDSUhNMG9nS0VJQ0FnSUM0bE5xdVB3EAE"
    assert df["platform"].iloc[0] == "google_maps"
    assert df["text"].tolist() == ["Magnifique et bondé", ""]
    assert df["rating"].tolist() == [5.0, 2.0]
    assert df["likes"].tolist() == [2, 0]
    assert df["author_id"].iloc[0] == pseudo("Julie M.")
    assert df["place_name"].iloc[0] == "Château de Chenonceau"
    assert df["created_at"].iloc[0] == pd.Timestamp("2026-08-10 14:22:31", tz=UTC)
    assert df["url"].iloc[1] == "https://maps.app/r2" and df["placeId"].iloc[0] == "ChIJ123"


def test_tripadvisor_reviews():
    df = read_corpus(FIX / "tripadvisor_reviews.csv", key=TEST_KEY)
    row = df.iloc[0]
    assert row["doc_id"] == "934567890" and row["platform"] == "tripadvisor"
    assert row["text"] == "Superbe visite\n\nGuide passionnant, à faire"
    assert row["rating"] == 5.0 and row["likes"] == 1
    assert row["author_id"] == pseudo("julie_tours37")
    assert row["place_name"] == "Clos Lucé"
    assert row["created_at"] == pd.Timestamp("2026-05-02 22:00", tz=UTC)


def test_booking_reviews_rating_out_of_ten():
    df = read_corpus(FIX / "booking_reviews.csv", key=TEST_KEY)
    row = df.iloc[0]
    assert row["doc_id"] == "b-001" and row["platform"] == "booking"
    assert row["text"] == "Très bien\n\nPetit-déjeuner\n\nBruit de la rue"
    assert row["rating"] == 4.0
    assert row["author_id"] == pseudo("Marc")
    assert row["place_name"] == "Hôtel de l'Univers"


def test_datatourisme_jsonld_real_objects():
    df = read_corpus(FIX / "datatourisme_jsonld.json", key=TEST_KEY)
    row = df.set_index("doc_id").loc["FMACEN037V50K6CR"]
    assert row["platform"] == "datatourisme" and row["lang"] == "fr"
    assert row["text"].startswith("Visitez du chantier de restauration du monument.")
    assert row["title"].startswith("Visite – Le chantier de la chapelle")
    assert row["created_at"] == pd.Timestamp("2020-07-21 22:00", tz=UTC)
    assert row["author_id"] == "Loches Touraine Châteaux de la Loire"  # institution
    assert (row["territory_code"], row["territory_level"]) == ("37132", "commune")
    assert (row["lat"], row["lon"]) == (47.118113, 0.984287)
    assert row["url"] == "https://data.datatourisme.gouv.fr/15/003eb63b-ee8e-316f-b93f-6d58439158e6"
    assert row["types"] == "schema:Event|EntertainmentAndEvent|PointOfInterest"
    assert row["last_update"] == "2020-08-13"


def test_datatourisme_csv_matches_the_sample_loader():
    import territoire_lab as tl

    path = tl.datasets.sample_dir() / "reference" / "datatourisme_poi.csv"
    df = read_corpus(path, key=TEST_KEY)
    ref = tl.load_datatourisme()
    assert len(df) == len(ref) == 2546
    for col in ("doc_id", "text", "author_id", "territory_code", "url"):
        assert df[col].tolist() == ref[col].tolist(), col
    assert (df["created_at"] == ref["created_at"]).all()


def test_rss_feed_latin1():
    df = read_corpus(FIX / "rss_office_tourisme.xml", key=TEST_KEY)
    assert df["doc_id"].tolist() == [
        "https://www.tours-tourisme.fr/?p=101",
        "https://www.tours-tourisme.fr/?p=102",
    ]
    assert df["platform"].unique().tolist() == ["rss"]
    assert df["text"].iloc[0] == (
        "Marché de Noël\n\nDu 28 novembre au 31 décembre, place Jean-Jaurès."
    )
    assert df["created_at"].iloc[0] == pd.Timestamp("2026-11-28 08:00", tz=UTC)
    assert df["author_id"].unique().tolist() == ["Office de Tourisme de Tours"]
    assert df["author"].iloc[0] == pseudo("c.dupont@tours-tourisme.fr (Claire Dupont)")
    assert pd.isna(df["author"].iloc[1])
    assert df["lang"].tolist() == ["fr", "fr"] and df["tags"].iloc[0] == "agenda"
    assert df["url"].iloc[1] == "https://www.tours-tourisme.fr/horaires"


def test_atom_feed():
    df = read_corpus(FIX / "atom_ville.xml", key=TEST_KEY)
    row = df.iloc[0]
    assert row["doc_id"] == "urn:blois:1" and row["author_id"] == "Ville de Blois"
    assert row["text"] == "Travaux rue Denis-Papin\n\nCirculation alternée."
    assert row["created_at"] == pd.Timestamp("2026-11-20 09:00", tz=UTC)
    assert row["url"] == "https://www.blois.fr/actu/1"


def test_x_v1_statuses():
    res = tables("x_v1_user_timeline.json", allow=["mairie_tours"])
    df = res.corpus
    first = df.iloc[0]
    assert first["doc_id"] == "1864427771338230001"
    assert first["text"] == "Vouvray sous la neige ❄️ @mairie_tours"
    assert first["created_at"] == pd.Timestamp("2026-12-05 17:00", tz=UTC)
    assert first["author_id"] == pseudo("julie_tours37")
    assert (first["likes"], first["shares"], first["lang"]) == (8, 2, "fr")
    assert (first["lat"], first["lon"]) == (47.4105, 0.7986)
    assert first["place_name"] == "Vouvray, France"
    assert df["repost_of_id"].iloc[1] == "1864427771338220000"
    assert df["text"].iloc[1] == "RT @mairie_tours: Marché de Noël ouvert !"  # text, not full_text
    assert res.accounts["followers"].tolist() == [230]
    assert res.interactions["target_author"].tolist() == ["mairie_tours"]


def test_x_account_archive_tweets_js():
    df = read_corpus(FIX / "tweets.js", key=TEST_KEY)
    rep = df.attrs["load_report"]["inputs"][0]
    assert (rep["format"], rep["platform"]) == ("archive", "x_v1")
    row = df.iloc[0]
    assert row["doc_id"] == "1700000000000000001"
    assert row["text"] == "Mon premier tweet depuis Blois"
    assert row["created_at"] == pd.Timestamp("2023-09-11 08:00", tz=UTC)
    assert (row["likes"], row["shares"]) == (3, 0)
    assert pd.isna(row["author_id"])  # the archive's items do not name their author


def test_facebook_download_your_information_mojibake():
    df = read_corpus(FIX / "facebook_your_posts_1.json", key=TEST_KEY)
    assert df["text"].tolist() == ["Très beau château à Amboise", "Plain ASCII post"]
    assert df["mojibake_repaired"].tolist() == ["true", "false"]
    assert df.attrs["load_report"]["warnings"] == [
        "facebook_your_posts_1.json, line 1: mojibake repaired (UTF-8 read as latin-1 by the "
        "export)"
    ]
    assert df["doc_id"].iloc[0].startswith("fb_dyi_1795000000_")
    assert df["created_at"].iloc[0] == pd.Timestamp(1795000000, unit="s", tz=UTC)
    assert df["url"].iloc[0] == "https://www.chateau-amboise.fr/"
    assert df["platform"].unique().tolist() == ["facebook"]
    assert "title" not in df.columns and df["author_id"].isna().all()


def test_saved_web_page():
    df = read_corpus(FIX / "page_office_tourisme.html", key=TEST_KEY, extractor="builtin")
    assert df.attrs["load_report"]["inputs"][0]["extractor"] == "builtin"
    row = df.iloc[0]
    assert row["doc_id"] == row["url"] == "https://www.amboise-valdeloire.com/fetes"
    assert row["platform"] == "web" and row["lang"] == "fr"
    assert row["title"] == "Les Fêtes à Amboise | Office de Tourisme"
    assert row["text"] == (
        "Les Fêtes à Amboise | Office de Tourisme\n\nLes Fêtes à Amboise\n\n"
        "Marché de Noël sur le mail,\npatinoire place Michel-Debré.\n\n"
        "Renseignements\u00a0: 02 47 57 09 28."
    )
    assert row["created_at"] == pd.Timestamp("2026-11-25 09:00", tz=UTC)
    assert row["author_id"] == "Amboise Val de Loire Tourisme"  # the publisher, kept
    assert row["description"] == "Programme des fêtes de fin d'année"


def test_web_page_without_date_is_skipped_not_dated_today():
    df = read_corpus(FIX / "page_sans_date.html", key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert len(df) == 0 and rep["records_in"] == 1
    assert rep["skipped"][0]["line"] == 1
    assert rep["skipped"][0]["reason"].startswith("web page without a publication date")


# ------------------------------------------------------- accounts and interactions tables


def edges(res) -> set[tuple[str, str, str, str]]:
    inter = res.interactions
    return set(
        zip(
            inter["source_author"],
            inter["target_author"],
            inter["kind"],
            inter["doc_id"],
            strict=True,
        )
    )


def test_x_v1_reply_retweet_quote_side_tables():
    res = tables("x_v1_reply_retweet_quote.json", allow=["mairie_tours"])
    df = res.corpus.set_index("doc_id")
    assert df.loc["1864427771338240003", "quote_of_id"] == "1864427771338239500"
    assert df.loc["1864427771338240001", "reply_to_id"] == "1864427771338239000"
    julie, paul = pseudo("julie_tours37"), pseudo("paul_v")
    assert edges(res) == {
        (julie, "mairie_tours", "mention", "1864427771338240001"),
        (julie, "mairie_tours", "reply", "1864427771338240001"),
        (paul, "mairie_tours", "mention", "1864427771338240002"),
        (paul, "mairie_tours", "repost", "1864427771338240002"),
        (paul, "mairie_tours", "quote", "1864427771338240003"),
    }
    acc = res.accounts.set_index("author_id")
    assert sorted(acc.index) == sorted([julie, paul, "mairie_tours"])
    # the retweeted and quoted statuses' user is an account too, with its figures
    mairie = acc.loc["mairie_tours"]
    assert (mairie["followers"], mairie["following"]) == (50000, 310)
    assert mairie["display_name"] == "Ville de Tours" and bool(mairie["verified"])
    assert bool(mairie["is_institution"])
    assert acc.loc[julie, "profile_location"] == "Tours, France"
    assert pd.isna(acc.loc[julie, "display_name"]) and pd.isna(acc.loc[julie, "bio"])
    assert pd.isna(acc.loc[paul, "profile_location"])  # "" is no location


def test_x_v2_every_included_user_is_an_account():
    res = tables("x_v2_pages.jsonl", allow=["mairie_tours"])
    acc = res.accounts.set_index("author_id")
    assert acc.loc["mairie_tours", "followers"] == 50000
    assert acc.loc[pseudo("julie_tours37"), "followers"] == 231


def test_zeeschuimer_accounts_and_interactions():
    res = tables("zeeschuimer_side_tables.ndjson", allow=["villeamboise"])
    df = res.corpus.set_index("doc_id")
    assert df.loc["1864427771338250001", "quote_of_id"] == "1864427771338248000"
    assert df.loc["1864427771338250002", "repost_of_id"] == "1864427771338247000"
    julie, lea, marc = pseudo("julie_tours37"), pseudo("lea.b_37"), pseudo("marc_b")
    ig, tt = "3536000000000000001_46192524357", "7442000000000000001"
    x1, x2 = "1864427771338250001", "1864427771338250002"
    assert edges(res) == {
        # Instagram: the tagged account, then the caption's @handles
        (julie, pseudo("chenonceau_officiel"), "mention", ig),
        (julie, pseudo("paul_v"), "mention", ig),
        (julie, lea, "mention", ig),
        # TikTok: textExtra
        (lea, pseudo("drone_paul"), "mention", tt),
        # X GraphQL: mention, reply, quote; mention and repost of a retweet
        (marc, "villeamboise", "mention", x1),
        (marc, "villeamboise", "reply", x1),
        (marc, "villeamboise", "quote", x1),
        (marc, "villeamboise", "mention", x2),
        (marc, "villeamboise", "repost", x2),
    }
    assert str(res.interactions["created_at"].dtype) == "datetime64[ns, UTC]"
    acc = res.accounts.set_index(["author_id", "platform"])
    assert acc.loc[(julie, "instagram"), "followers"] == 1204
    assert not bool(acc.loc[(julie, "instagram"), "verified"])
    assert bool(acc.loc[(pseudo("chenonceau_officiel"), "instagram"), "verified"])
    tiktok = acc.loc[(lea, "tiktok")]
    assert (tiktok["followers"], tiktok["following"]) == (5120, 310)
    assert pd.isna(tiktok["bio"])  # a private person's bio is not kept
    marc_x = acc.loc[(marc, "x")]
    assert (marc_x["followers"], marc_x["following"]) == (310, 120)
    assert marc_x["profile_location"] == "Amboise"
    ville = acc.loc[("villeamboise", "x")]
    assert ville["followers"] == 8800 and bool(ville["verified"])  # is_blue_verified
    assert ville["display_name"] == "Ville d'Amboise" and ville["bio"] == "Compte officiel"


def test_mastodon_thread_replies_profile_fields_and_boosts():
    res = tables("mastodon_thread.json", allow=["tourisme_blois"])
    anne, tom = pseudo("anne_r@framapiaf.org"), pseudo("tom_41")
    assert edges(res) == {
        (anne, "tourisme_blois", "mention", "113600000000000002"),
        (anne, "tourisme_blois", "reply", "113600000000000002"),  # in_reply_to_account_id
        ("tourisme_blois", anne, "mention", "113600000000000003"),
        ("tourisme_blois", anne, "reply", "113600000000000003"),
        (tom, "tourisme_blois", "repost", "113600000000000004"),
        # 113600000000000005 replies to account 98765, absent from the data: no edge
    }
    acc = res.accounts.set_index("author_id")
    assert sorted(acc.index) == sorted(["tourisme_blois", anne, tom])
    office = acc.loc["tourisme_blois"]
    assert office["profile_location"] == "Blois, Loir-et-Cher"  # profile field "Localisation"
    assert (office["followers"], office["following"]) == (2100, 50)
    assert office["bio"] == "Office de tourisme de Blois-Chambord"
    assert acc.loc[anne, "profile_location"] == "Orléans"  # profile field "Ville"
    assert pd.isna(acc.loc[tom, "profile_location"])
    assert res.corpus.set_index("doc_id").loc["113600000000000005", "reply_to_id"] == (
        "113590000000000999"
    )


def test_bluesky_feed_reply_quote_and_repost():
    res = tables("bluesky_feed_reply_quote.json", allow=["amboise-tourisme.bsky.social"])
    df = res.corpus.set_index("doc_id")
    parent = "at://did:plc:otamboise/app.bsky.feed.post/3lc001"
    assert df.loc["at://did:plc:claire/app.bsky.feed.post/3lc003", "quote_of_id"] == parent
    assert df.loc["at://did:plc:claire/app.bsky.feed.post/3lc002", "reply_to_id"] == parent
    claire, office = pseudo("claire-37.bsky.social"), "amboise-tourisme.bsky.social"
    repost_id = "at://did:plc:hugo/app.bsky.feed.post/3lc004#repost-by-did:plc:claire"
    assert edges(res) == {
        (claire, office, "reply", "at://did:plc:claire/app.bsky.feed.post/3lc002"),
        (claire, office, "quote", "at://did:plc:claire/app.bsky.feed.post/3lc003"),
        (claire, pseudo("hugo.bsky.social"), "repost", repost_id),
    }
    acc = res.accounts.set_index("author_id")
    assert sorted(acc.index) == sorted([claire, office, pseudo("hugo.bsky.social")])
    assert (acc.loc[claire, "followers"], acc.loc[claire, "following"]) == (412, 230)
    assert acc.loc[office, "display_name"] == "Amboise Tourisme"
    assert bool(acc.loc[office, "is_institution"])
