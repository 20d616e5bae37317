"""Table-driven test: tricky French social-media strings, expected tokens and lemmas.

Every row was written by hand. The cleaner is the default one (spaCy stopword list minus
content words, noise words, être/avoir removed, numbers dropped, emojis kept with their
French CLDR name as lemma, hashtags split, simplemma lemmas). ``TABLE_ALL`` uses
``stopwords=None`` and ``stop_lemmas=None`` to show elisions and clitics.
"""

from __future__ import annotations

import pytest

from territoire_lab.clean import FrenchTextCleaner

# (text, expected tokens, expected lemmas)
TABLE: list[tuple[str, list[str], list[str]]] = [
    # --- elisions, with ' ’ ʼ
    ("L'été à Amboise", ["été", "amboise"], ["été", "amboise"]),
    ("L’été à Amboise", ["été", "amboise"], ["été", "amboise"]),
    ("Lʼété à Amboise", ["été", "amboise"], ["été", "amboise"]),
    ("le château d'Amboise", ["château", "amboise"], ["château", "amboise"]),
    ("jusqu'au bout de la nuit", ["bout", "nuit"], ["bout", "nuit"]),
    ("lorsqu’il pleut sur Blois", ["pleut", "blois"], ["pleuvoir", "blois"]),
    ("puisqu'on vous le dit", [], []),
    (
        "J'adore l'ambiance des guinguettes",
        ["adore", "ambiance", "guinguettes"],
        ["adorer", "ambiance", "guinguette"],
    ),
    ("Qu'est-ce qu'on mange ?", ["mange"], ["manger"]),
    ("C'était génial, n'hésitez pas !", ["génial", "hésitez"], ["génial", "hésiter"]),
    ("s'il fait beau on ira", ["beau", "ira"], ["beau", "aller"]),
    ("m'enfin, t'as vu la Loire ?", ["loire"], ["loire"]),
    ("aujourd'hui c'est la fête", ["aujourd'hui", "fête"], ["aujourd'hui", "fête"]),
    ("la presqu'île de Rochecorbon", ["presqu'île", "rochecorbon"], ["presqu'île", "rochecorbon"]),
    (
        "quelqu'un connaît un bon resto ?",
        ["connaît", "bon", "restaurant"],
        ["connaître", "bon", "restaurant"],
    ),
    # --- hyphenated compounds, place names, inversions
    (
        "Balade à Saint-Cyr-sur-Loire",
        ["balade", "saint-cyr-sur-loire"],
        ["balade", "saint-cyr-sur-loire"],
    ),
    ("Joué-lès-Tours sous la pluie", ["joué-lès-tours", "pluie"], ["joué-lès-tours", "pluie"]),
    ("rendez-vous au marché", ["rendez-vous", "marché"], ["rendez-vous", "marché"]),
    ("Y a-t-il un parking ?", ["parking"], ["parking"]),
    ("Dites-moi où dormir", ["dites", "dormir"], ["dire", "dormir"]),
    ("Peut-on visiter le château ?", ["visiter", "château"], ["visiter", "château"]),
    ("un week-end à Chinon", ["week-end", "chinon"], ["week-end", "chinon"]),
    ("Allez-y les yeux fermés", ["allez", "yeux", "fermés"], ["aller", "œil", "fermé"]),
    ("le Val-de-Loire en vélo", ["val-de-loire", "vélo"], ["val-de-loire", "vélo"]),
    # --- stretched letters
    ("troooop beau", ["trop", "beau"], ["trop", "beau"]),
    ("Cooool la guinguette", ["cool", "guinguette"], ["cool", "guinguette"]),
    ("superbeeeee vue", ["superbe", "vue"], ["superbe", "vue"]),
    ("belllle journée", ["belle", "journée"], ["beau", "journée"]),
    ("ouiiiii enfin les vacances", ["oui", "vacances"], ["oui", "vacances"]),
    ("nooooon le pont est fermé", ["non", "pont", "fermé"], ["non", "pont", "fermé"]),
    ("Merciiii Chambord", ["merci", "chambord"], ["merci", "chambord"]),
    # --- abbreviations
    ("bcp de monde", ["beaucoup", "monde"], ["beaucoup", "monde"]),
    ("tkt on arrive", ["inquiète", "arrive"], ["inquiéter", "arriver"]),
    ("stp réponds", ["plaît", "réponds"], ["plaire", "répondre"]),
    ("pk les bus passent plus ?", ["bus", "passent"], ["bus", "passer"]),
    (
        "rdv dem au château",
        ["rendez-vous", "demain", "château"],
        ["rendez-vous", "demain", "château"],
    ),
    (
        "slt, dispo ce wknd ?",
        ["salut", "disponible", "week-end"],
        ["salut", "disponible", "week-end"],
    ),
    ("mdr le resto était fermé", ["restaurant", "fermé"], ["restaurant", "fermé"]),
    ("ptdr lol trop bien", ["trop", "bien"], ["trop", "bien"]),
    ("jsp quoi faire ce soir", ["sais", "faire", "soir"], ["savoir", "faire", "soir"]),
    ("tjrs autant de bouchons", ["autant", "bouchons"], ["autant", "bouchon"]),
    # --- hashtags
    ("#LoireAVelo", ["loire", "vélo"], ["loire", "vélo"]),
    (
        "Trop bien #ChateauxDeLaLoire",
        ["trop", "bien", "châteaux", "loire"],
        ["trop", "bien", "château", "loire"],
    ),
    ("#francetourisme", ["france", "tourisme"], ["france", "tourisme"]),
    (
        "Alerte #vigicrues à Blois",
        ["alerte", "vigicrues", "blois"],
        ["alerte", "vigicrues", "blois"],
    ),
    ("#vacancesenfamille", ["vacances", "famille"], ["vacances", "famille"]),
    ("#24hLeMans", ["mans"], ["mans"]),
    ("#photooftheday #instagood", [], []),
    ("#Touraine_Loire", ["touraine", "loire"], ["touraine", "loire"]),
    ("#SNCF en retard", ["sncf", "retard"], ["sncf", "retard"]),
    ("#Chambord2025", ["chambord"], ["chambord"]),
    ("#été #vacances", ["été", "vacances"], ["été", "vacances"]),
    # --- emojis
    (
        "Magnifique 😍",
        ["magnifique", "😍"],
        ["magnifique", "visage_souriant_avec_yeux_en_forme_de_cœur"],
    ),
    ("Coup de cœur ❤️", ["coup", "cœur", "❤️"], ["coup", "cœur", "cœur_rouge"]),
    ("Top 👍🏽", ["top", "👍🏽"], ["top", "pouce_vers_le_haut"]),
    ("🏰🍷", ["🏰", "🍷"], ["château", "verre_de_vin"]),
    (
        "Famille 👨‍👩‍👧 au zoo",
        ["famille", "👨‍👩‍👧", "zoo"],
        ["famille", "famille_homme_femme_et_fille", "zoo"],
    ),
    ("Allez les Bleus 🇫🇷", ["allez", "bleus", "🇫🇷"], ["aller", "bleus", "drapeau_france"]),
    ("☀️ sur la Loire", ["☀️", "loire"], ["soleil", "loire"]),
    # --- URLs, mentions, e-mails, numbers
    ("Infos sur https://www.amboise.fr/agenda.", ["informations"], ["information"]),
    ("Voir www.chambord.org !", ["voir"], ["voir"]),
    ("Merci @ToursTourisme pour l'accueil", ["merci", "accueil"], ["merci", "accueil"]),
    ("Contact : info@chinon.fr", ["contact"], ["contact"]),
    ("Ouvert de 9h30 à 18h, 12€ l'entrée", ["ouvert", "entrée"], ["ouvert", "entrée"]),
    ("Le 14 juillet 2025 à Blois", ["juillet", "blois"], ["juillet", "blois"]),
    ("3,5 km de balade", ["km", "balade"], ["km", "balade"]),
    # --- HTML, mojibake, unicode, control characters
    ("Entre Tours &amp; Blois", ["tours", "blois"], ["tours", "blois"]),
    # a capitalised known word opening a sentence is read as a common noun
    ("Tours sous la neige", ["tours", "neige"], ["tour", "neige"]),
    ("<p>Super <b>spectacle</b></p>", ["super", "spectacle"], ["super", "spectacle"]),
    ("c&#39;est g&eacute;nial", ["génial"], ["génial"]),
    ("ChÃ¢teau de Chinon", ["château", "chinon"], ["château", "chinon"]),
    ("Ã‰tÃ© Ã  Loches", ["été", "loches"], ["été", "loches"]),
    ("câ€™est trop beau", ["trop", "beau"], ["trop", "beau"]),
    ("e\u0301te\u0301 a\u0300 Blois", ["été", "blois"], ["été", "blois"]),
    ("Chi\u200bnon\u00ad la nuit", ["chinon", "nuit"], ["chinon", "nuit"]),
    ("À Loches\u202f! Trop beau\u00a0!", ["loches", "trop", "beau"], ["loches", "trop", "beau"]),
    # --- proper nouns, case, sentences
    ("Nous sommes allés à Tours", ["allés", "tours"], ["aller", "tours"]),
    ("Les tours du château", ["tours", "château"], ["tour", "château"]),
    (
        "MAGNIFIQUE COUCHER DE SOLEIL",
        ["magnifique", "coucher", "soleil"],
        ["magnifique", "coucher", "soleil"],
    ),
    (
        "Visite guidée des remparts",
        ["visite", "guidée", "remparts"],
        ["visite", "guider", "rempart"],
    ),
    (
        "Vue sur la Loire depuis la terrasse",
        ["vue", "loire", "terrasse"],
        ["vue", "loire", "terrasse"],
    ),
    ("L'été a été chaud", ["été", "chaud"], ["été", "chaud"]),
    ("Il n'a jamais été aussi beau", ["jamais", "beau"], ["jamais", "beau"]),
    ("Été 2025 à Chinon", ["été", "chinon"], ["été", "chinon"]),
    ("Les trains ont du retard !!! Encore...", ["trains", "retard"], ["train", "retard"]),
    (
        "Vous avez aimé les caves troglodytes ?",
        ["aimé", "caves", "troglodytes"],
        ["aimer", "cave", "troglodyte"],
    ),
    (
        "Les producteurs locaux du marché",
        ["producteurs", "locaux", "marché"],
        ["producteur", "local", "marché"],
    ),
    ("RT @LeMans_Ville: Fête de la musique", ["fête", "musique"], ["fête", "musique"]),
    ("", [], []),
    ("   \n\t ", [], []),
    ("😍😍😍", ["😍", "😍", "😍"], ["visage_souriant_avec_yeux_en_forme_de_cœur"] * 3),
]

# Same cleaner without stopwords: elisions and clitics stay visible.
TABLE_ALL: list[tuple[str, list[str], list[str]]] = [
    ("L'été à Amboise", ["l'", "été", "à", "amboise"], ["le", "été", "à", "amboise"]),
    ("jusqu'au bout", ["jusqu'", "au", "bout"], ["jusque", "au", "bout"]),
    (
        "Qu'est-ce qu'il fait",
        ["qu'", "est", "ce", "qu'", "il", "fait"],
        ["que", "être", "ce", "que", "il", "faire"],
    ),
    ("A-t-il vu Tours ?", ["il", "vu", "tours"], ["il", "voir", "tours"]),
    ("Dites-le-moi", ["dites-le-moi"], ["dites-le-moi"]),
    (
        "d’Amboise et lorsqu’on part",
        ["d'", "amboise", "et", "lorsqu'", "on", "part"],
        ["de", "amboise", "et", "lorsque", "on", "part"],
    ),
    ("tkt", ["t'", "inquiète"], ["te", "inquiéter"]),
    ("aujourd'hui", ["aujourd'hui"], ["aujourd'hui"]),
]


@pytest.fixture(scope="module")
def cleaner() -> FrenchTextCleaner:
    return FrenchTextCleaner().fit()


@pytest.fixture(scope="module")
def cleaner_all() -> FrenchTextCleaner:
    return FrenchTextCleaner(stopwords=None, stop_lemmas=None, noise=False).fit()


def test_table_is_large_enough() -> None:
    assert len(TABLE) + len(TABLE_ALL) >= 80
    assert len({row[0] for row in TABLE}) == len(TABLE)


@pytest.mark.parametrize(("text", "tokens", "lemmas"), TABLE, ids=[r[0][:40] for r in TABLE])
def test_tokens_and_lemmas(cleaner, text, tokens, lemmas) -> None:
    _, got_tokens, got_lemmas, *_ = cleaner.process(text)
    assert got_tokens == tokens
    assert got_lemmas == lemmas
    assert len(got_tokens) == len(got_lemmas)


@pytest.mark.parametrize(
    ("text", "tokens", "lemmas"), TABLE_ALL, ids=[r[0][:40] for r in TABLE_ALL]
)
def test_tokens_and_lemmas_without_stopwords(cleaner_all, text, tokens, lemmas) -> None:
    _, got_tokens, got_lemmas, *_ = cleaner_all.process(text)
    assert got_tokens == tokens
    assert got_lemmas == lemmas
