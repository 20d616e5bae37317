"""Saved web pages of tourism offices: main text by trafilatura, dates never invented."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from territoire_lab.io import read_corpus

from .conftest import TEST_KEY

FIX = Path(__file__).parent / "fixtures" / "io"
PAGE = FIX / "page_ot_chinon_caves.html"
BOILERPLATE = [
    "Nous utilisons des cookies",
    "Tout accepter",
    "Séjourner",
    "Accueil > Découvrir",
    "Partager",
    "Vous aimerez aussi",
    "Inscrivez-vous à notre newsletter",
    "Mentions légales",
]
BODY = [
    "Creusées dans le tuffeau du coteau, les caves de Chinon gardent depuis des siècles",
    "se termine par une dégustation de trois vins",
    "Pendant les Nuits de la Loire",
    "ou au 02 47 93 17 85.",
]


@pytest.fixture(autouse=True)
def _cards(tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITOIRE_LAB_CARDS", str(tmp_path / "cards"))


def test_trafilatura_keeps_the_article_and_drops_the_page_furniture():
    df = read_corpus(PAGE, key=TEST_KEY)  # extractor="auto": trafilatura is installed
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["extractor"] == "trafilatura"
    row = df.iloc[0]
    title = (
        "Caves de Chinon : visites et dégustations - Office de Tourisme Azay-Chinon Val de Loire"
    )
    assert row["title"] == title
    text = row["text"]
    assert text.startswith(title + "\n\nCaves de Chinon : visites et dégustations\nCreusées ")
    assert text.endswith("Renseignements et réservations à l'Office de Tourisme, place "
                         "d'Hofheim, ou au 02 47 93 17 85.")  # fmt: skip
    for part in BODY:
        assert part in text
    for part in BOILERPLATE:
        assert part not in text, part
    assert "  " not in text  # HTML white space collapsed
    # metadata from the page's markup
    assert (
        row["doc_id"]
        == row["url"]
        == ("https://www.azay-chinon-valdeloire.com/decouvrir/caves-de-chinon/")
    )
    assert row["author_id"] == "Office de Tourisme Azay-Chinon Val de Loire"  # kept by name
    assert row["lang"] == "fr"  # from lang="fr-FR"
    assert row["description"].startswith("Visiter les caves troglodytiques de Chinon")
    # JSON-LD datePublished (not dateModified, not the festival dates in the text)
    assert row["created_at"] == pd.Timestamp("2026-04-14 06:00", tz="UTC")


def test_builtin_extractor_on_the_same_page_keeps_the_furniture():
    df = read_corpus(PAGE, key=TEST_KEY, extractor="builtin")
    assert df.attrs["load_report"]["inputs"][0]["extractor"] == "builtin"
    text = df.iloc[0]["text"]
    for part in BODY:
        assert part in text
    # without <nav>/<footer> markup the builtin reader cannot tell menus from content
    assert "Nous utilisons des cookies" in text and "Mentions légales" in text
    assert df.iloc[0]["created_at"] == pd.Timestamp("2026-04-14 06:00", tz="UTC")


def test_dataset_card_records_the_extractor(tmp_path):
    import json

    df = read_corpus(PAGE, key=TEST_KEY, card=tmp_path / "carte.json")
    card = json.loads((tmp_path / "carte.json").read_text(encoding="utf-8"))
    assert card["inputs"][0]["extractor"] == "trafilatura"
    assert card["options"]["extractor"] == "auto"
    assert "L122-5-3" in card["terms"]["web"]
    assert len(df) == 1


def test_page_without_main_text_falls_back_loudly(tmp_path):
    page = tmp_path / "agenda_vide.html"
    page.write_text(
        '<!DOCTYPE html><html lang="fr"><head><title>Agenda | Ville de Loches</title>'
        '<meta property="article:published_time" content="2026-05-02T08:00:00+02:00">'
        '<meta property="og:site_name" content="Ville de Loches"></head>'
        "<body></body></html>",
        encoding="utf-8",
    )
    df = read_corpus(page, key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert rep["inputs"][0]["extractor"] == "builtin (trafilatura found no main text)"
    assert rep["warnings"] == [
        "agenda_vide.html, line 1: trafilatura found no main text in the page: the builtin "
        "extractor's text (article, main or body) is used"
    ]
    assert df.iloc[0]["text"] == "Agenda | Ville de Loches"  # the title only: nothing invented
    assert df.iloc[0]["created_at"] == pd.Timestamp("2026-05-02 06:00", tz="UTC")


def test_microdata_date_and_no_date_at_all(tmp_path):
    dated = tmp_path / "actu.html"
    dated.write_text(
        '<html lang="fr"><head><title>Travaux du pont Wilson</title>'
        '<link rel="canonical" href="https://www.tours.fr/actualites/pont-wilson"></head>'
        '<body><div itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="datePublished" content="2026-09-03T07:30:00Z">'
        "<h1>Travaux du pont Wilson</h1><p>La circulation sera alternée du 7 au 18 septembre "
        "sur le pont Wilson. Les cyclistes et les piétons pourront toujours traverser la Loire "
        "sur le trottoir aval, et les bus de la ligne 2 seront déviés par le pont Napoléon "
        "pendant toute la durée du chantier.</p></div></body></html>",
        encoding="utf-8",
    )
    undated = tmp_path / "mentions.html"
    undated.write_text(
        "<html><head><title>Mentions légales</title></head><body><p>Éditeur : Ville de "
        "Tours. Mise en ligne du programme le 12 juillet 2026.</p></body></html>",
        encoding="utf-8",
    )
    df = read_corpus([dated, undated], key=TEST_KEY)
    rep = df.attrs["load_report"]
    assert df["doc_id"].tolist() == ["https://www.tours.fr/actualites/pont-wilson"]
    assert df.iloc[0]["created_at"] == pd.Timestamp("2026-09-03 07:30", tz="UTC")
    assert "circulation sera alternée du 7 au 18 septembre" in df.iloc[0]["text"]
    assert df.iloc[0]["author_id"] == "www.tours.fr"  # host of the canonical URL
    (skip,) = rep["skipped"]
    assert (skip["file"], skip["line"]) == ("mentions.html", 1)
    assert skip["reason"].startswith("web page without a publication date")
    assert rep["rows_out"] + rep["n_skipped"] == rep["records_in"] == 2


def test_unknown_extractor_is_refused():
    with pytest.raises(ValueError, match="extractor='readability'; expected 'auto'"):
        read_corpus(PAGE, key=TEST_KEY, extractor="readability")


def test_without_trafilatura_auto_says_builtin_and_forced_says_what_to_install(monkeypatch):
    import sys

    from territoire_lab.exceptions import OptionalDependencyError

    monkeypatch.setitem(sys.modules, "trafilatura", None)  # as if not installed
    df = read_corpus(PAGE, key=TEST_KEY)
    assert df.attrs["load_report"]["inputs"][0]["extractor"] == "builtin"
    assert "Nous utilisons des cookies" in df.iloc[0]["text"]
    with pytest.raises(OptionalDependencyError, match=r"territoire-lab\[web\]"):
        read_corpus(PAGE, key=TEST_KEY, extractor="trafilatura")
