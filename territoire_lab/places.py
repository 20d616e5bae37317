"""Places: a French gazetteer, place-mention detection and territory attribution.

A post belongs to a territory because it is geotagged inside it, because it names it
("à Tours", "#Amboise", "les bords de Loire à Blois") or because its author lives there.
This module ships a gazetteer of every French commune, arrondissement municipal,
département and région (INSEE COG 2026, with the former communes merged since), finds
the place mentions of a corpus with a token trie, resolves ambiguous names, and attributes
one territory to each post.

Main entry points
-----------------
:class:`Gazetteer`
    Names, variants and codes of French territories (a scikit-learn transformer whose
    ``transform`` adds ``place_codes`` to a corpus).
:func:`find_places`
    One row a place mention (``doc_id, field, start, end, surface, code, level, name,
    kind, confidence``).
:func:`attribute_territory`
    One row a document: the territory and the evidence used (geotag, mention, thread,
    the same author's post of the day, author's home).
:func:`home_locations`
    The home territory of each account from its free-text profile location.

Matching is accent-, case- and hyphen-insensitive (``Saint-Pierre-des-Corps``,
``st pierre des corps``), then each candidate is accepted or rejected from its context:
capitalisation, the word before (``à``, ``de``, ``depuis``, ``en``...), the words after
(``tours de magie``), blocked common-word readings (``les tours``, ``à la Chambord``,
``un chinon``), a population prior and the other places named in the same document.

References
----------
INSEE, Code officiel géographique 2026 and populations légales, via
``@etalab/decoupage-administratif`` 6.0.0 (Licence Ouverte; code MIT).
Aho, A. V. and Corasick, M. J. (1975). Efficient string matching: an aid to
bibliographic search. *Communications of the ACM*, 18(6), 333-340 (the matcher is a
word-level trie walked from every token, the dictionary-matching idea without failure
links: names are at most a few words long).
Speer, R. (2022). wordfreq 3.0 (the French word frequencies that flag common-word names).
"""

from __future__ import annotations

import functools
import gzip
import io
import logging
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin

from .clean import load_word_frequencies
from .hashtags import split_hashtag
from .schema import check_columns

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "EVIDENCE",
    "LEVELS",
    "MENTION_COLUMNS",
    "Gazetteer",
    "attribute_territory",
    "find_places",
    "home_locations",
    "load_gazetteer",
    "normalize",
]

logger = logging.getLogger("territoire_lab")

#: administrative levels, finest first
LEVELS = ("arrondissement_municipal", "commune", "departement", "region")
_RANK = {lvl: i for i, lvl in enumerate(LEVELS)}

MENTION_COLUMNS = [
    "doc_id",
    "field",
    "start",
    "end",
    "surface",
    "code",
    "level",
    "name",
    "kind",
    "confidence",
]

# --------------------------------------------------------------------------- text folding


def _build_fold() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x00, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch:
            table[cp] = base
    for ch in "’‘ʼ`´":
        table[ord(ch)] = "'"
    for ch in "‐‑‒–—":
        table[ord(ch)] = "-"
    table[ord("ß")] = "s"
    return table


_FOLD = _build_fold()
_TOKEN_RE = re.compile(r"[^\W_]+")
_MASK_RE = re.compile(r"https?://\S+|www\.\S+|@\w[\w.]*")
_HASHTAG_RE = re.compile(r"#(\w+)")
_CAMEL_RE = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+|[a-zà-ÿ]+|[A-ZÀ-Ý]+(?![a-zà-ÿ])|\d+")
_PLAIN_RE = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Fold a string for matching: lower case, no accents, same length as the input.

    The output has exactly one character per input character, so the offsets of a match
    in the folded string are the offsets in the original text.

    Examples
    --------
    >>> normalize("Châteauroux – Saint-Étienne")
    'chateauroux - saint-etienne'
    """
    out = text.translate(_FOLD)
    low = out.lower()
    if len(low) == len(out):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in out)


def _key(name: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(normalize(name)))


def _plain(text: str) -> str:
    return _PLAIN_RE.sub("", text.lower())


# --------------------------------------------------------------------------- context words

#: determiners and numerals before a commune name that give a common-noun reading
#: ("les tours", "des tours", "trois tours", "à la Chambord", "un chinon", "du champagne")
BLOCK_BEFORE_COMMUNE = frozenset(
    [
        "le",
        "les",
        "des",
        "ces",
        "mes",
        "tes",
        "ses",
        "nos",
        "vos",
        "leurs",
        "quelques",
        "plusieurs",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "douze",
        "vingt",
        "cent",
        "mille",
        "la",
        "une",
        "cette",
        "un",
        "ce",
        "du",
        "aux",
        "the",
        "my",
        "our",
    ]
)
#: phrases after a name that give a common-noun reading ("tours de magie", "Nice view")
BLOCK_AFTER: dict[str, tuple[tuple[str, ...], ...]] = {
    "tours": (
        ("de", "bras"),
        ("de", "magie"),
        ("de", "piste"),
        ("de", "manege"),
        ("de", "cartes"),
        ("de", "passe"),
        ("de", "table"),
        ("de", "garde"),
        ("de", "roue"),
        ("de", "reins"),
        ("du", "chateau"),
        ("de", "la", "cathedrale"),
        ("de", "l", "escalier"),
        ("et", "les"),
        ("et", "des"),
        ("et", "cheminees"),
        ("medievales",),
        ("jumelles",),
        ("operators",),
        ("operator",),
        ("guides",),
        ("are",),
        ("of",),
        ("were",),
    ),
    "nice": (
        ("view",),
        ("day",),
        ("place",),
        ("time",),
        ("trip",),
        ("one",),
        ("and",),
        ("to",),
        ("weather",),
        ("people",),
        ("food",),
        ("walk",),
        ("little",),
        ("but",),
        ("town",),
        ("city",),
    ),
    "vienne": (("en", "autriche"), ("autriche",), ("austria",), ("capitale", "autrichienne")),
    "orange": (("mecanique",), ("juice",), ("pressee",), ("telecom",), ("money",)),
    "sens": (("unique",), ("interdit",), ("giratoire",), ("de", "l"), ("du",), ("dessus",)),
}
#: place names that are also common words although the place explains their frequency
AMBIGUOUS_NAMES = frozenset(
    [
        "tours",
        "nice",
        "paris",
        "laval",
        "ham",
        "mans",
        "nord",
        "sud",
        "centre",
        "ouest",
        "est",
        "foix",
        "mer",
        "bar",
        "luc",
        "grand",
        "lens",
    ]
)
#: expected word frequency of a place name from its population (see Gazetteer)
FREQ_INTERCEPT, FREQ_SLOPE = 34.0, 65.0
#: words after which a name is read as a place ("à Tours", "depuis Nice", "in Tours")
LOCATIVE = frozenset(
    [
        "a",
        "de",
        "d",
        "depuis",
        "vers",
        "sur",
        "pres",
        "entre",
        "pour",
        "direction",
        "destination",
        "visite",
        "visiter",
        "in",
        "at",
        "from",
        "to",
        "near",
        "visit",
        "visiting",
    ]
)
#: English words that some common-word commune names also are ("a nice day")
ENGLISH_WORDS = frozenset(
    [
        "nice",
        "orange",
        "bar",
        "son",
        "plan",
        "long",
        "job",
        "bus",
        "bio",
        "us",
        "by",
        "y",
        "don",
        "grand",
        "pure",
        "mars",
        "vers",
        "rue",
        "mer",
        "vert",
        "salon",
        "luc",
        "port",
        "beaux",
        "doux",
    ]
)
#: street and district words: "rue de Tours", "quartier Vienne" name a street, not a town
STREET_WORDS = frozenset(
    [
        "cours",
        "place",
        "parc",
        "rue",
        "avenue",
        "av",
        "boulevard",
        "bd",
        "quai",
        "allee",
        "impasse",
        "quartier",
        "faubourg",
        "route",
        "chaussee",
        "square",
    ]
)
#: buildings and ways named after a saint: "cathédrale Sainte-Cécile", "chemin de Saint-Jacques"
DEDICATION_WORDS = frozenset(
    {
        "cathedrale",
        "eglise",
        "basilique",
        "chapelle",
        "abbaye",
        "abbatiale",
        "collegiale",
        "prieure",
        "chemin",
        "chemins",
        "hopital",
        "clinique",
        "college",
        "lycee",
        "ecole",
        "fete",
        "pont",
        "tour",
        "porte",
        "canal",
        "quartier",
        "rue",
        "place",
    }
)
#: words that say a profile location is abroad ("Montréal, QC", "Paris, Texas")
FOREIGN_MARKERS = frozenset(
    [
        "qc",
        "quebec",
        "canada",
        "usa",
        "us",
        "uk",
        "england",
        "belgique",
        "belgium",
        "suisse",
        "switzerland",
        "schweiz",
        "deutschland",
        "germany",
        "espana",
        "spain",
        "italia",
        "italy",
        "nederland",
        "netherlands",
        "nl",
        "texas",
        "ontario",
        "luxembourg",
        "ireland",
    ]
)
#: products named after their place of origin: "nougat de Tours", "rillettes du Mans"
#: (still a mention, with confidence 0.5, below the default threshold of attribution)
PRODUCT_WORDS = frozenset(
    [
        "nougat",
        "nougats",
        "rillettes",
        "rillons",
        "macarons",
        "fouace",
        "fouaces",
        "fouees",
        "sables",
        "reinettes",
        "pruneaux",
        "moutarde",
        "jambon",
        "crottin",
        "calissons",
        "berlingots",
        "betises",
        "andouille",
        "andouillette",
        "saucisse",
        "saucisson",
        "biscuits",
        "galettes",
        "quenelles",
        "pastilles",
        "caramels",
        "bergamotes",
        "madeleines",
    ]
)
#: communes whose name is also a product (wine, cheese, spirit, liqueur): "un chinon",
#: "du champagne", "à la Chambord"
PRODUCT_NAMES = frozenset(
    [
        "chinon",
        "vouvray",
        "bourgueil",
        "saumur",
        "sancerre",
        "chablis",
        "champagne",
        "cognac",
        "armagnac",
        "roquefort",
        "camembert",
        "chambord",
        "cheverny",
        "montlouis",
        "pouilly",
        "meursault",
        "pommard",
        "margaux",
        "pauillac",
        "tavel",
        "bandol",
        "cassis",
        "cahors",
        "gaillac",
        "madiran",
        "jurancon",
        "banyuls",
        "morgon",
        "fleurie",
        "julienas",
        "chenas",
        "sauternes",
        "barsac",
        "gigondas",
        "vacqueyras",
        "valencay",
        "laguiole",
        "vichy",
        "evian",
        "rocamadour",
        "reuilly",
        "quincy",
        "menetou",
        "chavignol",
        "selles",
    ]
)
#: départements and régions also named after a river or a mountain range: accepted only
#: with a départemental cue ("en Sarthe", "dans l'Indre", "(36)", a profile location)
GEO_HOMONYMS = frozenset(
    [
        "loire",
        "vienne",
        "indre",
        "sarthe",
        "cher",
        "creuse",
        "marne",
        "dordogne",
        "lot",
        "tarn",
        "aude",
        "oise",
        "somme",
        "orne",
        "meuse",
        "moselle",
        "allier",
        "eure",
        "gard",
        "var",
        "ain",
        "aisne",
        "charente",
        "doubs",
        "yonne",
        "mayenne",
        "ardeche",
        "drome",
        "isere",
        "herault",
        "aveyron",
        "ariege",
        "gers",
        "vendee",
        "loiret",
        "jura",
        "vosges",
        "landes",
        "nord",
        "manche",
        "savoie",
    ]
)
#: geographic homonyms never read as the département in a hashtag (#CrueLoire is the river)
HASHTAG_RIVERS = frozenset({"loire", "seine", "vienne", "cher", "indre", "creuse"})
DEPT_CUES = frozenset(
    {"en", "dans", "departement", "departemental", "prefecture", "dep", "dpt", "conseil"}
)
#: hashtag prefixes and suffixes around a place name (#VisitTours, #chateaudechambord)
HASHTAG_PREFIXES = (
    "visit",
    "ilove",
    "jaime",
    "igers",
    "villede",
    "vinde",
    "vinsde",
    "chateaude",
    "chateau",
    "cathedralede",
    "welcometo",
    "24hdu",
    "24h",
    "destination",
    "officedetourisme",
    "tourisme",
)
HASHTAG_SUFFIXES = (
    "tourisme",
    "ville",
    "france",
    "city",
    "metropole",
    "loirevalley",
    "valdeloire",
    "igers",
    "lovers",
    "classic",
    "officiel",
)
_SENTENCE_END = set(".!?\n\r…")
_DEPT_CODE_RE = re.compile(r"^(?:\d{2}|2[ab]|97[1-6])$")

KIND_PRIOR = {
    "commune": 1.0,
    "arrondissement_municipal": 0.9,
    "departement": 1.0,
    "region": 1.0,
    "former": 0.55,
    "variant": 0.8,
    "area": 0.9,
    "nickname": 0.9,
    "district": 1.0,
    "notable": 1.0,
    "station": 1.0,
    "demonym": 0.9,
}


# --------------------------------------------------------------------------- resources


def _read_resource(name: str) -> pd.DataFrame:
    root = resources.files("territoire_lab") / "resources" / "gazetteer"
    data = (root / name).read_bytes()
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)


def _read_wordfreq() -> dict[str, int]:
    """The cleaner's French word frequencies, keyed like the gazetteer's names."""
    out: dict[str, int] = {}
    for word, zipf in load_word_frequencies().items():
        for tok in _key(word):
            out[tok] = max(out.get(tok, 0), zipf)
    return out


# --------------------------------------------------------------------------- gazetteer


class Gazetteer(TransformerMixin, BaseEstimator):
    """Gazetteer of French territories with a token trie over all their names.

    Built from the INSEE tables shipped with the package (all communes of COG 2026 with
    the former communes merged into them, the arrondissements municipaux of Paris, Lyon
    and Marseille, the départements and régions, postcodes, populations) plus curated
    aliases (``resources/gazetteer/aliases.csv``: areas such as Touraine, Val de Loire,
    Pays basque, Côte d'Azur with their level; demonyms; nicknames; districts; notable
    homonyms such as Chambord the château).

    Parameters
    ----------
    aliases : pandas.DataFrame, optional
        Extra aliases with columns ``name, code, level, kind`` (and optionally ``prior``),
        added to the shipped ones.
    blocked : iterable of str, optional
        Extra names never read as places (folded before comparison).
    common_zipf : int, default 300
        A single-word name whose French word frequency (wordfreq Zipf x 100) reaches this
        value, and exceeds by ``common_excess`` what the population of the place explains
        (``34 + 65 log10(population)``, fitted on the communes of more than 5,000
        inhabitants), is a *common-word* name (Sens, Vienne, Vers, Plaisir, Orange...) and
        needs stronger context to be read as a place. Names of ``AMBIGUOUS_NAMES`` (Tours,
        Nice...), rivers and names of one or two letters are common-word names too.
    common_excess : int, default 100
        See ``common_zipf``.
    big_population : int, default 20000
        Common-word communes below this population are read as places only after a
        locative word with their exact capitalised spelling ("à Vue").
    segment_hashtags : bool, default True
        A lower-case hashtag that is no place name as a whole, nor with a tourism prefix
        or suffix (``#visittours``), is split into words by
        :func:`territoire_lab.hashtags.split_hashtag` (``#weekendamboise`` -> weekend
        amboise) and read as a camel-case tag: a place inside it is kept only if well
        known (a big commune, a département, région, area or notable place).

    Attributes
    ----------
    territories_ : pandas.DataFrame
        ``code, level, name, population, departement, region, parent`` of every current
        territory (codes as text).
    names_ : pandas.DataFrame
        Every name variant: ``key, name, code, level, kind, prior, lead``.
    former_codes_ : dict
        Former commune code (merged communes) to current code.
    postcodes_ : dict
        Postcode to the current communes it serves.
    n_keys_ : int
        Number of distinct folded keys in the trie.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.resolve_code("41272")  # Veuves, merged into Veuzain-sur-Loire in 2017
    '41167'
    >>> gaz.lookup("Saint-Pierre-des-Corps")[["code", "level"]].iloc[0].tolist()
    ['37233', 'commune']
    """

    def __init__(
        self,
        *,
        aliases: pd.DataFrame | None = None,
        blocked: Iterable[str] | None = None,
        common_zipf: int = 300,
        common_excess: int = 100,
        big_population: int = 20000,
        segment_hashtags: bool = True,
    ) -> None:
        self.aliases = aliases
        self.blocked = blocked
        self.common_zipf = common_zipf
        self.common_excess = common_excess
        self.big_population = big_population
        self.segment_hashtags = segment_hashtags

    # ..................................................................... fitting

    def fit(self, X: Any = None, y: Any = None) -> Gazetteer:  # noqa: N803
        """Build the tables and the trie from the shipped INSEE data (``X`` is ignored)."""
        communes = _read_resource("communes.csv.gz")
        deps = _read_resource("departements.csv")
        regs = _read_resource("regions.csv")
        pop = pd.to_numeric(communes["population"], errors="coerce")
        communes["pop"] = pop.fillna(0).astype("int64")

        current = communes[communes["type"] == "commune-actuelle"]
        arr = communes[communes["type"] == "arrondissement-municipal"]
        former = communes[communes["type"].isin(["commune-deleguee", "commune-associee"])]
        terr = pd.concat(
            [
                pd.DataFrame(
                    {
                        "code": current["code"],
                        "level": "commune",
                        "name": current["nom"],
                        "population": current["pop"],
                        "departement": current["departement"],
                        "region": current["region"],
                        "parent": current["departement"],
                    }
                ),
                pd.DataFrame(
                    {
                        "code": arr["code"],
                        "level": "arrondissement_municipal",
                        "name": arr["nom"],
                        "population": arr["pop"],
                        "departement": arr["departement"],
                        "region": arr["region"],
                        "parent": arr["commune_parent"],
                    }
                ),
                pd.DataFrame(
                    {
                        "code": deps["code"],
                        "level": "departement",
                        "name": deps["nom"],
                        "population": pd.to_numeric(deps["population"]).astype("int64"),
                        "departement": deps["code"],
                        "region": deps["region"],
                        "parent": deps["region"],
                    }
                ),
                pd.DataFrame(
                    {
                        "code": regs["code"],
                        "level": "region",
                        "name": regs["nom"],
                        "population": pd.to_numeric(regs["population"]).astype("int64"),
                        "departement": "",
                        "region": regs["code"],
                        "parent": "",
                    }
                ),
            ],
            ignore_index=True,
        )
        terr = terr.astype({c: "string" for c in terr.columns if c != "population"})
        self.territories_ = terr
        self._info: dict[tuple[str, str], tuple[str, str, int, str]] = {
            (c, lvl): (n, d, int(p), r)
            for c, lvl, n, d, p, r in terr[
                ["code", "level", "name", "departement", "population", "region"]
            ].itertuples(index=False)
        }
        self._parent = dict(zip(terr["code"] + "|" + terr["level"], terr["parent"], strict=True))

        # former codes -> current code
        mapping: dict[str, str] = {c: c for c in current["code"]}
        for code, parent in former[["code", "commune_parent"]].itertuples(index=False):
            if parent:
                mapping.setdefault(code, parent)
        for code, olds in current[["code", "anciens_codes"]].itertuples(index=False):
            for old in filter(None, (o.strip() for o in olds.split(";"))):
                mapping.setdefault(old, code)
        self.former_codes_ = mapping

        postcodes: dict[str, list[str]] = {}
        for code, cps in current[["code", "codes_postaux"]].itertuples(index=False):
            for cp in filter(None, cps.split(";")):
                postcodes.setdefault(cp, []).append(code)
        self.postcodes_ = postcodes

        rows: list[tuple[str, str, str, str, float]] = []
        for name, code in current[["nom", "code"]].itertuples(index=False):
            rows.append((name, code, "commune", "commune", 0.0))
        for name, parent in former[["nom", "commune_parent"]].itertuples(index=False):
            if parent:
                rows.append((name, parent, "commune", "former", 0.0))
        for name, code in arr[["nom", "code"]].itertuples(index=False):
            rows.append((name, code, "arrondissement_municipal", "arrondissement_municipal", 0))
        for name, code in deps[["nom", "code"]].itertuples(index=False):
            rows.append((name, code, "departement", "departement", 0.0))
        for name, code in regs[["nom", "code"]].itertuples(index=False):
            rows.append((name, code, "region", "region", 0.0))
        alias_tables = [_read_resource("aliases.csv")]
        if self.aliases is not None:
            check_columns(self.aliases, ["name", "code", "level", "kind"], where="Gazetteer")
            alias_tables.append(self.aliases.astype(str))
        for tab in alias_tables:
            prior = pd.to_numeric(tab.get("prior", 0), errors="coerce")
            prior = pd.Series(prior, index=tab.index).fillna(0.0)
            for name, code, level, kind, pr in zip(
                tab["name"], tab["code"], tab["level"], tab["kind"], prior, strict=True
            ):
                rows.append((name, code, level, kind, float(pr)))

        wordfreq = _read_wordfreq()
        blocked = {" ".join(_key(b)) for b in (self.blocked or ())}
        names: list[tuple[str, str, str, str, str, float, int, str]] = []
        for name, code, level, kind, prior in rows:
            for variant, lead, vkind in self._variants(name, kind):
                key = " ".join(variant)
                if key and key not in blocked:
                    names.append((key, name, code, level, vkind, prior, lead, _plain(name)))
        names_df = pd.DataFrame(
            names, columns=["key", "name", "code", "level", "kind", "prior", "lead", "plain"]
        )
        names_df = names_df.drop_duplicates(["key", "code", "level", "kind"]).reset_index(drop=True)
        self.names_ = names_df.astype(
            {c: "string" for c in ("key", "name", "code", "level", "kind", "plain")}
        )

        trie: dict[str, Any] = {}
        compact: dict[str, list[tuple]] = {}
        for key, name, code, level, kind, prior, lead, plain in names:
            if key in blocked:
                continue
            node = trie
            for tok in key.split(" "):
                node = node.setdefault(tok, {})
            entry = (code, level, kind, float(prior), int(lead), plain, name)
            bucket = node.setdefault("", [])
            if not any(e[0] == code and e[1] == level and e[2] == kind for e in bucket):
                bucket.append(entry)
            if lead == 0:
                compact.setdefault(key.replace(" ", ""), []).append(entry)
        self.trie_ = trie
        self.notable_codes_ = frozenset(
            names_df.loc[names_df["prior"] > 0, "code"].astype(str).tolist()
        )
        self.compact_ = compact
        self.n_keys_ = int(names_df["key"].nunique())

        # common-word keys: a French word more frequent than its population explains
        key_pop: dict[str, int] = {}
        notable: set[str] = set()
        for key, code, level, kind in names_df[["key", "code", "level", "kind"]].itertuples(
            index=False
        ):
            info = self._info.get((code, level))
            if info is not None:
                key_pop[key] = max(key_pop.get(key, 0), info[2])
            if kind in ("notable", "district", "nickname"):
                notable.add(key)
        common: set[str] = set()
        excess_of: dict[str, float] = {}
        for key, pop in key_pop.items():
            if " " in key or key in notable:
                continue  # "Le Blanc", "La Flèche": capitalisation of the name decides
            zipf = wordfreq.get(key, 0)
            excess = zipf - (FREQ_INTERCEPT + FREQ_SLOPE * math.log10(pop + 1))
            excess_of[key] = excess
            if (
                len(key) <= 2
                or key in AMBIGUOUS_NAMES
                or key in GEO_HOMONYMS
                or (zipf >= self.common_zipf and excess >= self.common_excess)
            ):
                common.add(key)
        self.common_excess_ = excess_of
        self.common_keys_ = frozenset(common)
        self.dept_codes_ = frozenset(deps["code"].str.lower())
        logger.info(
            "Gazetteer: %d territories, %d name keys (%d common-word)",
            len(terr),
            self.n_keys_,
            len(common),
        )
        return self

    @staticmethod
    def _variants(name: str, kind: str) -> list[tuple[tuple[str, ...], int, str]]:
        toks = _key(name)
        if not toks:
            return []
        out: list[tuple[tuple[str, ...], int, str]] = [(toks, 0, kind)]
        if "saint" in toks or "sainte" in toks:
            st = tuple({"saint": "st", "sainte": "ste"}.get(t, t) for t in toks)
            out.append((st, 0, kind))
        more = []
        for var, _, _ in out:
            if var[0] == "le" and len(var) > 1:
                more += [(("au", *var[1:]), 1, kind), (("du", *var[1:]), 1, kind)]
            elif var[0] == "les" and len(var) > 1:
                more += [(("aux", *var[1:]), 1, kind), (("des", *var[1:]), 1, kind)]
            if var[0] in ("le", "la", "les", "l") and len(var) > 2:
                more.append((var[1:], 0, "variant" if kind == "commune" else kind))
        return out + more

    def _check(self) -> None:
        if not hasattr(self, "trie_"):
            self.fit()

    # ..................................................................... queries

    def lookup(self, name: str) -> pd.DataFrame:
        """Return every territory a name can refer to, most likely first.

        Parameters
        ----------
        name : str
            A name as written ("St-Pierre-des-Corps", "Le Mans", "Touraine").

        Returns
        -------
        pandas.DataFrame
            ``code, level, name, kind, population, departement`` sorted by prior then
            population.
        """
        self._check()
        node = self.trie_
        for tok in _key(name):
            node = node.get(tok, {})
        rows = []
        for code, level, kind, prior, _lead, _pl, _name in node.get("", []):
            nm, dep, pop, _reg = self._info.get((code, level), (_name, "", 0, ""))
            rows.append((code, level, nm, kind, pop, dep, prior))
        out = pd.DataFrame(
            rows, columns=["code", "level", "name", "kind", "population", "departement", "p"]
        )
        out = out.sort_values(["p", "population"], ascending=False).drop(columns="p")
        return out.reset_index(drop=True)

    def resolve_code(self, code: str) -> str:
        """Return the current COG code of a commune code (merged communes resolve).

        Codes unknown to the gazetteer (départements, régions, foreign) come back unchanged.

        Examples
        --------
        >>> load_gazetteer().resolve_code("2A004")
        '2A004'
        """
        self._check()
        return self.former_codes_.get(str(code), str(code))

    def level_of(self, code: str) -> str | None:
        """Return the level of a current code: commune first, then département, région."""
        self._check()
        code = str(code)
        for lvl in ("commune", "arrondissement_municipal", "departement", "region"):
            if (code, lvl) in self._info:
                return lvl
        return None

    def roll_up(self, code: str, level: str, *, code_level: str | None = None) -> str | None:
        """Return the territory of ``level`` that contains ``code``.

        Parameters
        ----------
        code : str
            A COG code (commune, arrondissement municipal, département or région).
        level : {"commune", "departement", "region"}
            The target level.
        code_level : str, optional
            The level of ``code`` (needed for codes that exist at several levels, such as
            a région and a département both coded ``24``); guessed when omitted.

        Returns
        -------
        str or None
            The containing code, or None when ``code`` is coarser than ``level``.

        Examples
        --------
        >>> gaz = load_gazetteer()
        >>> gaz.roll_up("75115", "departement"), gaz.roll_up("37261", "region")
        ('75', '24')
        """
        self._check()
        if level not in _RANK:
            raise ValueError(f"level={level!r}; expected one of {LEVELS}.")
        code = self.resolve_code(code)
        cur_level = code_level or self.level_of(code)
        while cur_level is not None and _RANK[cur_level] < _RANK[level]:
            parent = self._parent.get(f"{code}|{cur_level}", "")
            if not parent:
                return None
            code = parent
            cur_level = LEVELS[_RANK[cur_level] + 1]
        if cur_level is None or _RANK[cur_level] > _RANK[level]:
            return None
        return code

    def name_of(self, code: str, level: str | None = None) -> str | None:
        """Return the official name of a current code."""
        self._check()
        level = level or self.level_of(code)
        info = self._info.get((str(code), level or ""))
        return info[0] if info else None

    # ..................................................................... matching

    def transform(self, X: pd.DataFrame) -> pd.DataFrame:  # noqa: N803
        """Add the codes of the places each document names, aligned on the input.

        Parameters
        ----------
        X : pandas.DataFrame
            A corpus with ``text`` (and ``doc_id``), or an accounts table with
            ``profile_location``.

        Returns
        -------
        pandas.DataFrame
            Same index as ``X``: ``place_codes`` (list of the distinct codes named, in
            order of first mention) and ``n_place_mentions``. See :func:`find_places`
            for the mentions themselves.
        """
        self._check()
        flat = X.reset_index(drop=True).assign(_row=lambda d: d.index.astype(str))
        found = find_places(flat, id_col="_row", gazetteer=self, show_progress=False)
        codes: list[list[str]] = [[] for _ in range(len(flat))]
        counts = np.zeros(len(flat), dtype="int64")
        for row, code in found[["doc_id", "code"]].itertuples(index=False):
            i = int(row)
            counts[i] += 1
            if code not in codes[i]:
                codes[i].append(code)
        return pd.DataFrame({"place_codes": codes, "n_place_mentions": counts}, index=X.index)

    def find(self, text: str, *, field: str = "text") -> list[dict[str, Any]]:
        """Find the place mentions of one string.

        Parameters
        ----------
        text : str
            The string to scan.
        field : {"text", "location"}
            ``"location"`` for profile locations ("Tours, France", "37", "Paris 15e"):
            bare département numbers and postcodes are read, common words need less context.

        Returns
        -------
        list of dict
            One dict a mention with ``field, start, end, surface, code, level, name, kind,
            confidence``; hashtags come with ``field="hashtag"`` and the span of the tag.
        """
        self._check()
        if not isinstance(text, str) or not text:
            return []
        location = field == "location"
        masked = list(_MASK_RE.finditer(text))
        tags = [] if location else list(_HASHTAG_RE.finditer(text))
        skip = [(m.start(), m.end()) for m in masked] + [(m.start(), m.end()) for m in tags]
        norm = normalize(text)
        for a, b in skip:  # URLs, @handles and hashtags are not read as words
            norm = norm[:a] + " " * (b - a) + norm[b:]
        toks = [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(norm)]
        if location and any(t[2] in FOREIGN_MARKERS for t in toks):
            return []
        matches = self._scan(text, norm, toks, location=location)
        for tag in tags:
            matches += self._hashtag(tag)
        if not matches:
            return []
        return self._resolve(
            matches, text, norm, toks, field="profile_location" if location else field
        )

    def _scan(
        self, text: str, norm: str, toks: list[tuple[int, int, str]], *, location: bool
    ) -> list[dict[str, Any]]:
        """Walk the trie from every token; return every name ending there, longest first."""
        trie = self.trie_
        out: list[dict[str, Any]] = []
        n = len(toks)
        for i in range(n):
            node = trie.get(toks[i][2])
            if node is None:
                if location:
                    hit = self._number(toks, i, text)
                    if hit:
                        out.append(hit)
                continue
            ends: list[tuple[int, list]] = []
            j = i
            while True:
                if "" in node:
                    ends.append((j, node[""]))
                j += 1
                if j >= n:
                    break
                # names do not run across a sentence end or a wide gap
                gap = norm[toks[j - 1][1] : toks[j][0]]
                if any(c in _SENTENCE_END for c in gap) or len(gap) > 3:
                    break
                node = node.get(toks[j][2])
                if node is None:
                    break
            for best_j, best in reversed(ends):
                lead = best[0][4]
                if lead and any(e[4] == 0 for e in best):
                    lead = 0
                s_idx = i + lead
                out.append(
                    {
                        "i": i,
                        "s_idx": s_idx,
                        "j": best_j,
                        "start": toks[s_idx][0],
                        "end": toks[best_j][1],
                        "key": " ".join(t[2] for t in toks[s_idx : best_j + 1]),
                        "entries": best,
                        "hashtag": None,
                        "location": location,
                    }
                )
        return out

    def _number(self, toks: list[tuple[int, int, str]], i: int, text: str) -> dict | None:
        tok = toks[i][2]
        if _DEPT_CODE_RE.match(tok) and tok in self.dept_codes_:
            code = tok.upper()
            return {
                "start": toks[i][0],
                "end": toks[i][1],
                "fixed": (code, "departement", "departement_number", 0.8),
            }
        if len(tok) == 5 and tok.isdigit() and tok in self.postcodes_:
            codes = self.postcodes_[tok]
            code = max(codes, key=lambda c: self._info[(c, "commune")][2])
            return {
                "start": toks[i][0],
                "end": toks[i][1],
                "fixed": (code, "commune", "postcode", 0.85 if len(codes) == 1 else 0.7),
            }
        return None

    def _hashtag(self, tag: re.Match) -> list[dict[str, Any]]:
        body = tag.group(1)
        cache = self.__dict__.setdefault("_tag_cache", {})
        hits = cache.get(body)
        if hits is None:
            if len(cache) > 200_000:
                cache.clear()
            hits = cache[body] = self._hashtag_body(body)
        return [{**h, "start": tag.start(), "end": tag.end()} for h in hits]

    def _hashtag_body(self, body: str) -> list[dict[str, Any]]:
        words = _CAMEL_RE.findall(body)
        if len(words) > 1:
            found = self._hashtag_words(words)
            if found:
                return found
        found = self._hashtag_compact(body)
        if found or len(words) != 1 or not self.segment_hashtags:
            return found
        # one lower-case run (#weekendamboise): split into words by the hashtag segmenter,
        # then read as a camel-case tag; a place is then only a part of the tag, accepted
        # only if well known (see _accept_hashtag); results are cached by tag in _hashtag
        pieces = [w.rstrip("'") for w in split_hashtag(body)]
        if len(pieces) < 2:
            return []
        found = self._hashtag_words(pieces)
        for hit in found:
            hit["lowercase_tag"] = body == body.lower()
        return found

    def _hashtag_words(self, words: list[str]) -> list[dict[str, Any]]:
        """Place names among the words of a hashtag, longest first, left to right."""
        keys = [normalize(w) for w in words]
        n = len(keys)
        found: list[dict[str, Any]] = []
        i = 0
        while i < n:
            node = self.trie_.get(keys[i])
            best_j, best, j = -1, None, i
            while node is not None:
                if "" in node:
                    best_j, best = j, node[""]
                j += 1
                if j >= n:
                    break
                node = node.get(keys[j])
            if best is None:
                i += 1
                continue
            whole = i == 0 and best_j == n - 1
            affix = "".join(keys[:i]) in (*HASHTAG_PREFIXES, "") and (
                "".join(keys[best_j + 1 :]) in (*HASHTAG_SUFFIXES, "")
            )
            found.append(
                {
                    "start": 0,
                    "end": 0,
                    "key": " ".join(keys[i : best_j + 1]),
                    "entries": best,
                    "hashtag": "whole" if whole else ("affix" if affix else "part"),
                    "location": False,
                }
            )
            i = best_j + 1
        return found

    def _hashtag_compact(self, body: str) -> list[dict[str, Any]]:
        """The whole tag, or the tag without a tourism prefix or suffix, as a place."""
        span = (0, 0)
        folded = "".join(_TOKEN_RE.findall(normalize(body)))
        candidates = [(folded, "whole")]
        for pre in HASHTAG_PREFIXES:
            if folded.startswith(pre) and len(folded) > len(pre) + 2:
                candidates.append((folded[len(pre) :], "affix"))
        for suf in HASHTAG_SUFFIXES:
            if folded.endswith(suf) and len(folded) > len(suf) + 2:
                candidates.append((folded[: -len(suf)], "affix"))
        for key, how in candidates:
            if key in self.compact_:
                return [
                    {
                        "start": span[0],
                        "end": span[1],
                        "key": key,
                        "entries": self.compact_[key],
                        "hashtag": how,
                        "location": False,
                        "lowercase_tag": body == body.lower(),
                    }
                ]
        return []

    # ..................................................................... resolution

    def _is_big(self, entries: list[tuple]) -> bool:
        """A well-known reading: a big commune, a département, région, area or notable."""
        for e in entries:
            if e[1] in ("departement", "region") or e[3] > 0 or e[0] in self.notable_codes_:
                return True
            if e[2] in ("area", "district", "nickname", "notable", "station"):
                return True
            info = self._info.get((e[0], e[1]))
            if info is not None and info[2] >= self.big_population:
                return True
        return False

    def _accept(
        self, m: dict[str, Any], text: str, toks: list[tuple[int, int, str]]
    ) -> tuple[list[tuple], float]:
        """Return the entries kept for a match and the confidence of its place reading."""
        keep, conf = self._accept_reading(m, text, toks)
        if keep and m.get("hashtag") is None and m["i"] >= 1:
            # "nougat de Tours", "rillettes du Mans": the place names a product's origin
            k = m["i"] if m["i"] < m["s_idx"] else m["i"] - 1
            if (
                k >= 1
                and toks[k][2] in ("de", "du", "d", "des")
                and toks[k - 1][2] in PRODUCT_WORDS
            ):
                conf = min(conf, 0.5)
        return keep, conf

    def _accept_reading(
        self, m: dict[str, Any], text: str, toks: list[tuple[int, int, str]]
    ) -> tuple[list[tuple], float]:
        entries = m["entries"]
        key = m["key"]
        common = key in self.common_keys_
        key_toks = key.split(" ")
        last = key_toks[-1]
        kinds = {e[2] for e in entries}
        if m.get("hashtag"):
            return self._accept_hashtag(m, entries, key, last, common)

        s_idx, j = m["s_idx"], m["j"]
        surface = text[m["start"] : m["end"]]
        # capitalisation of the name itself, not of a leading article ("Les étangs")
        content = [t for t in toks[s_idx : j + 1] if t[2] not in ("le", "la", "les", "l")]
        cap = text[(content or toks[s_idx : s_idx + 1])[0][0]].isupper()
        contraction = m["i"] < s_idx  # "au Mans", "du Mans"
        prev = [toks[k][2] if k >= 0 else "" for k in (m["i"] - 1, m["i"] - 2, m["i"] - 3)]
        prev1, prev2 = prev[0], prev[1]
        if contraction:
            prev1, prev2 = toks[m["i"]][2], prev[0]
        before = text[toks[m["i"] - 1][1] : toks[m["i"]][0]] if m["i"] >= 1 else ""
        sentence_start = m["i"] == 0 or any(c in _SENTENCE_END for c in before)
        nxt = tuple(t[2] for t in toks[j + 1 : j + 4])
        after = text[m["end"] : m["end"] + 3].lstrip(" ")
        accent_a = m["i"] >= 1 and before.strip() == "" and text[toks[m["i"] - 1][0]] in "àÀ"
        locative = contraction or (prev1 in LOCATIVE and (prev1 != "a" or accent_a or cap))
        if prev1 in ("l", "la", "le") and prev2 in LOCATIVE:
            locative = True
        # a street or a square named after a place ("rue de Paris", "quartier Vienne")
        if prev1 in STREET_WORDS or (prev1 in ("de", "du", "d", "des") and prev2 in STREET_WORDS):
            return [], 0.0
        if m["location"]:
            big = self._is_big(entries)
            if common and not cap and (len(toks) > 3 or not big):
                return [], 0.0
            return list(entries), 0.9 if cap else 0.75

        # phrases after the name that give a common-noun reading ("tours de magie")
        for phrase in BLOCK_AFTER.get(last, ()):
            if nxt[: len(phrase)] == phrase:
                return [], 0.0

        # a church or a way named after a saint ("cathédrale Sainte-Cécile")
        if key_toks[0] in ("saint", "sainte", "st", "ste") and (
            prev1 in DEDICATION_WORDS or (prev1 in ("de", "du", "d") and prev2 in DEDICATION_WORDS)
        ):
            return [], 0.0
        # "la Trinité", "la Creuse": a lower-case article reads as the sentence's article
        if key_toks[0] in ("la", "le", "les", "l") and text[m["start"]].islower():
            entries = [e for e in entries if self._is_big([e]) or e[1] != "commune"]
            if not entries:
                return [], 0.0
        keep = []
        for e in entries:
            level, kind = e[1], e[2]
            if kind in ("area", "region", "departement") and not cap and not locative:
                continue
            if level in ("departement", "region") and key in GEO_HOMONYMS and kind != "area":
                # the river or the mountains unless a départemental cue says otherwise
                cue = (
                    any(p in DEPT_CUES for p in prev)
                    or prev1 in DEPT_CUES
                    or "departement" in nxt
                    or after.startswith("(")
                )
                if not cue:
                    continue
            if kind == "demonym":
                if prev1 == "la" and prev2 == "a":  # "à la lyonnaise", "à la niçoise"
                    continue
                if prev1 == "salade" or (last == "marseillaise" and prev1 == "la"):
                    continue
            keep.append(e)
        if not keep:
            return [], 0.0
        big = self._is_big(keep)
        communal = all(e[1] in ("commune", "arrondissement_municipal") for e in keep)
        if (
            communal
            and not contraction
            and prev1 in BLOCK_BEFORE_COMMUNE
            and "demonym" not in kinds
        ):
            return [], 0.0
        if last.isdigit() and len(key_toks) == 1:
            return [], 0.0
        if key.replace(" ", "") in PRODUCT_NAMES or last in PRODUCT_NAMES:
            # "un chinon", "dégustation de vouvray", "à la Chambord": the product
            if not cap and not (locative and prev1 not in ("de", "d")):
                return [], 0.0
            if prev2 in ("verre", "bouteille", "coupe", "cocktail", "kir", "degustation"):
                return [], 0.0
        if "demonym" in kinds:
            if common and not cap:
                return [], 0.0
            return keep, 0.7
        if common:
            if not big:
                exact = _plain(surface) in {e[5] for e in keep}
                if cap and exact and ((prev1 == "a" and accent_a) or prev1 == "depuis"):
                    return keep, 0.55
                return [], 0.0
            if not cap:
                if last in ENGLISH_WORDS:
                    return [], 0.0
                return (keep, 0.65) if locative and not sentence_start else ([], 0.0)
            if sentence_start and not locative:
                arr_next = bool(nxt) and re.fullmatch(r"\d{1,2}(?:e|er|eme|ieme)", nxt[0])
                punct = after[:1] in (":", ",", "!", "(", ")", "") or after.startswith("-")
                if punct or arr_next:
                    return keep, 0.7
                if self.common_excess_.get(key, 999) < 150 and last not in ENGLISH_WORDS:
                    return keep, 0.6
                return [], 0.0
            return keep, 0.9 if locative else 0.8
        if not cap and not locative:
            # lower case without a locative word: only for towns people write in lower case
            pops = [
                self._info.get((e[0], e[1]), ("", "", 0, ""))[2] for e in keep if e[2] != "former"
            ]
            if not communal or max(pops, default=0) < 5000:
                return [], 0.0
        conf = 0.9 if cap else 0.75
        if locative:
            conf = min(1.0, conf + 0.05)
        return keep, conf

    def _accept_hashtag(
        self, m: dict[str, Any], entries: list[tuple], key: str, last: str, common: bool
    ) -> tuple[list[tuple], float]:
        how = m["hashtag"]
        single = " " not in key
        keep = [
            e
            for e in entries
            if e[2] != "demonym"
            and not (e[2] in ("departement", "region") and single and last in HASHTAG_RIVERS)
        ]
        if not keep:
            return [], 0.0
        big = self._is_big(keep)
        if how == "part" and not big:
            return [], 0.0
        if common:
            lower = m.get("lowercase_tag", False)
            if not big or (lower and last in ENGLISH_WORDS):
                return [], 0.0
            return keep, 0.6 if lower else 0.75
        return keep, {"whole": 0.9, "affix": 0.85, "part": 0.7}[how]

    def _resolve(
        self,
        matches: list[dict[str, Any]],
        text: str,
        norm: str,
        toks: list[tuple[int, int, str]],
        *,
        field: str,
    ) -> list[dict[str, Any]]:
        candidates = []
        for m in matches:
            if "fixed" in m:
                candidates.append((m, [m["fixed"]], m["fixed"][3]))
                continue
            keep, conf = self._accept(m, text, toks)
            if keep:
                candidates.append((m, keep, conf))
        # overlapping readings: the longest name wins, then the leftmost
        n_tok = {id(m): (m.get("j", 0) - m.get("s_idx", 0)) for m, _, _ in candidates}
        candidates.sort(key=lambda t: (-n_tok[id(t[0])], t[0]["start"]))
        accepted = []
        taken: list[tuple[int, int]] = []
        for m, keep, conf in candidates:
            if m.get("hashtag") is None:
                if any(m["start"] < e and s < m["end"] for s, e in taken):
                    continue
                taken.append((m["start"], m["end"]))
            accepted.append((m, keep, conf))
        accepted.sort(key=lambda t: t[0]["start"])
        if not accepted:
            return []
        # "Tours (37)": the number disambiguates, it is not a mention of its own
        named_deps = {
            self._info.get((e[0], e[1]), ("", "", 0, ""))[1]
            for m, keep, _ in accepted
            if "fixed" not in m
            for e in keep
        }
        accepted = [
            (m, keep, c)
            for m, keep, c in accepted
            if not (
                "fixed" in m
                and m["fixed"][2] == "departement_number"
                and text[max(m["start"] - 1, 0)] == "("
                and m["fixed"][0] in named_deps
            )
        ]
        out = []
        for m, keep0, conf in accepted:
            keep, seen = [], {}
            for e in sorted(keep0, key=lambda e: -KIND_PRIOR.get(e[2], 0.8) - e[3]):
                code_e = self.resolve_code(e[0]) if e[1] == "commune" else e[0]
                if (code_e, e[1]) not in seen:
                    seen[(code_e, e[1])] = e
                    keep.append(e)
            if len(keep) == 1:
                best, margin = keep[0], 1.0
            else:
                scored = []
                for e in keep:
                    info = self._info.get((e[0], e[1]), ("", "", 0, ""))
                    s = KIND_PRIOR.get(e[2], 0.8) + e[3] + math.log10(info[2] + 1) / 6
                    # another place of the document pins this département
                    if info[1] and _other_hint(info[1], m, accepted, self):
                        s += 1.0
                    if re.match(r"\s*\(" + re.escape(info[1]) + r"\)", text[m["end"] :]):
                        s += 2.0
                    scored.append((s, e))
                scored.sort(key=lambda t: -t[0])
                best = scored[0][1]
                margin = scored[0][0] - scored[1][0]
            code, level = best[0], best[1]
            if level == "commune" and best[2] in ("commune", "former", "variant", "notable"):
                code = self.resolve_code(code)
                # Paris 15e, Lyon 3e, Marseille 8e
                arr = _ARRONDISSEMENT_BASE.get(code)
                if arr and "fixed" not in m and m.get("hashtag") is None:
                    k = m["j"] + 1
                    if k < len(toks):
                        num = re.fullmatch(r"(\d{1,2})(?:e|er|eme|ieme|em)?", toks[k][2])
                        if num and 1 <= int(num.group(1)) <= arr[1]:
                            code = f"{arr[0]}{int(num.group(1)):0{5 - len(arr[0])}d}"
                            level = "arrondissement_municipal"
                            m = {**m, "end": toks[k][1]}
            factor = 1.0 if margin >= 0.5 else 0.85
            kind = best[2] if best[2] != "former" else "former_name"
            name = self.name_of(code, level) or best[6]
            out.append(
                {
                    "field": "hashtag" if m.get("hashtag") else field,
                    "start": int(m["start"]),
                    "end": int(m["end"]),
                    "surface": text[m["start"] : m["end"]],
                    "code": code,
                    "level": level,
                    "name": name,
                    "kind": kind,
                    "confidence": round(float(conf * factor), 3),
                }
            )
        return out


def _other_hint(dep: str, m: dict, accepted: list, gaz: Gazetteer) -> bool:
    """True when a place other than ``m`` pins département ``dep``."""
    for m2, keep, _ in accepted:
        if m2 is m:
            continue
        deps = {gaz._info.get((e[0], e[1]), ("", "", 0, ""))[1] for e in keep}
        deps |= {e[0] for e in keep if e[1] == "departement"}
        if deps == {dep}:
            return True
    return False


#: arrondissements municipaux: commune -> (code prefix, number of arrondissements)
_ARRONDISSEMENT_BASE = {"75056": ("751", 20), "69123": ("6938", 9), "13055": ("132", 16)}


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Return the default :class:`Gazetteer`, built once per process (about a second).

    Examples
    --------
    >>> load_gazetteer().lookup("Le Mans")["code"].iloc[0]
    '72181'
    """
    return Gazetteer().fit()


# --------------------------------------------------------------------------- find_places


def _progress(iterable: Iterable, *, total: int, show: bool | None, desc: str) -> Iterable:
    if show is False or (show is None and total < 20000):
        return iterable
    from tqdm.auto import tqdm

    return tqdm(iterable, total=total, desc=desc, disable=None if show is None else not show)


def find_places(
    corpus: pd.DataFrame,
    *,
    columns: Sequence[str] | None = None,
    location_columns: Sequence[str] = ("profile_location",),
    id_col: str | None = None,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = 0.5,
    show_progress: bool | None = None,
) -> pd.DataFrame:
    """Find every place mention of a corpus (text, hashtags, profile locations).

    Names are matched with a token trie over all the names of the gazetteer (every
    French commune, former commune, arrondissement municipal, département, région, area,
    demonym), accent-, case- and hyphen-insensitively, longest match first; each match is
    then accepted or rejected from its context (capitalisation, the words before and after,
    an explicit list of blocked common-word readings such as "les tours", "tours de
    magie", "à la Chambord", "un chinon"), and ambiguous names are resolved with a
    population prior, curated notability (Chambord the château) and the other places
    named in the same document.

    Parameters
    ----------
    corpus : pandas.DataFrame
        A corpus (``doc_id``, ``text``) or an accounts table (``author_id``,
        ``profile_location``).
    columns : sequence of str, optional
        Columns to scan; default ``text`` and/or ``profile_location``, whichever exist.
    location_columns : sequence of str, default ("profile_location",)
        Columns read as locations: bare département numbers ("37") and postcodes are
        places, and common-word names need less context ("Nice", "Tours, France").
    id_col : str, optional
        Identifier column; default ``doc_id``, else ``author_id``, else the index.
    gazetteer : Gazetteer, optional
        Default :func:`load_gazetteer`.
    min_confidence : float, default 0.5
        Mentions below this confidence are dropped.
    show_progress : bool, optional
        tqdm progress bar; by default shown for 20,000 rows or more, when a terminal or
        notebook is attached.

    Returns
    -------
    pandas.DataFrame
        One row a mention: ``doc_id`` (the identifier, whatever ``id_col``), ``field``
        (``text``, ``hashtag`` or ``profile_location``, i.e. the column, with hashtags
        found in a text column reported as ``hashtag``), ``start``, ``end`` (character
        offsets in that column; a hashtag's span is the whole tag), ``surface``, ``code``
        (current COG code, text), ``level`` (``commune``, ``arrondissement_municipal``,
        ``departement``, ``region``), ``name`` (official name), ``kind`` (how it was
        named: ``commune``, ``former_name``, ``variant``, ``area``, ``demonym``,
        ``postcode``, ``departement_number``...), ``confidence`` in [0, 1].

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1"], "text": ["Week-end au Mans puis à Tours #Amboise"]})
    >>> find_places(df)[["surface", "code"]].values.tolist()
    [['Mans', '72181'], ['Tours', '37261'], ['#Amboise', '37003']]
    """
    gaz = gazetteer or load_gazetteer()
    gaz._check()
    if columns is None:
        columns = [c for c in ("text", "profile_location") if c in corpus.columns]
        if not columns:
            check_columns(corpus, ["text"], where="places.find_places")
    check_columns(corpus, list(columns), where="places.find_places")
    if id_col is None:
        id_col = next((c for c in ("doc_id", "author_id") if c in corpus.columns), None)
    ids = corpus[id_col].astype("string").to_numpy() if id_col else corpus.index.to_numpy()
    rows: list[tuple] = []
    for col in columns:
        mode = "location" if col in location_columns else col
        values = corpus[col].to_numpy(dtype=object)
        it = _progress(
            zip(ids, values, strict=True), total=len(values), show=show_progress, desc=col
        )
        for doc_id, value in it:
            if not isinstance(value, str):
                continue
            for hit in gaz.find(value, field=mode):
                if hit["confidence"] < min_confidence:
                    continue
                fld = col if hit["field"] in (col, "text", "profile_location") else hit["field"]
                rows.append(
                    (
                        doc_id,
                        fld,
                        hit["start"],
                        hit["end"],
                        hit["surface"],
                        hit["code"],
                        hit["level"],
                        hit["name"],
                        hit["kind"],
                        hit["confidence"],
                    )
                )
    out = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    out = out.astype(
        {
            "doc_id": "string",
            "field": "string",
            "start": "int64",
            "end": "int64",
            "surface": "string",
            "code": "string",
            "level": "string",
            "name": "string",
            "kind": "string",
            "confidence": "float64",
        }
    )
    logger.info("find_places: %d mentions in %d rows", len(out), len(corpus))
    return out


# --------------------------------------------------------------------------- attribution

EVIDENCE = ("geotag", "mention", "thread", "author_stay", "author_home")


def _target_table(targets: Any, gaz: Gazetteer) -> list[tuple[str, str]]:
    if isinstance(targets, pd.DataFrame):
        check_columns(targets, ["code"], where="places.attribute_territory(targets=...)")
        if "level" in targets:
            return [
                (str(c), str(lv)) for c, lv in targets[["code", "level"]].itertuples(index=False)
            ]
        return [(str(c), gaz.level_of(str(c)) or "commune") for c in targets["code"]]
    return [(str(c), gaz.level_of(str(c)) or "commune") for c in targets]


def attribute_territory(
    corpus: pd.DataFrame,
    *,
    level: str = "commune",
    targets: Any = None,
    accounts: pd.DataFrame | None = None,
    boundaries: geopandas.GeoDataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    evidence: Sequence[str] = EVIDENCE,
    gazetteer: Gazetteer | None = None,
    min_confidence: float = 0.6,
    stay_hours: float = 24.0,
    show_progress: bool | None = None,
) -> pd.DataFrame:
    """Attribute one territory to each document, saying which evidence was used.

    Evidence is tried in order, the first that gives a territory wins:

    1. ``geotag``: the ``lat``/``lon`` point falls in a polygon of ``boundaries``
       (spatial join, :func:`territoire_lab.geo.spatial_join`);
    2. ``mention``: the places named in the text and hashtags (:func:`find_places`),
       rolled up to the level asked; when several territories are named, the one with the
       highest summed confidence wins (ties: the first named);
    3. ``thread``: a reply or repost takes the territory of the post it answers or
       reposts (``reply_to_id``, ``repost_of_id``), when that one is attributed;
    4. ``author_stay``: the territory of the same author's nearest post in time, within
       ``stay_hours``, attributed by one of the steps above (a visitor posts several times
       during a stay and names the place only once);
    5. ``author_home``: the author's profile location (``accounts.profile_location``).

    Posts with none stay in the table, unattributed (``evidence`` is missing); their
    number is logged.

    Parameters
    ----------
    corpus : pandas.DataFrame
        ``doc_id`` and ``text``; ``lat``, ``lon``, ``author_id``, ``platform``,
        ``reply_to_id``, ``repost_of_id`` are used when present. The corpus's own
        ``territory_code`` (the collection's answer) is never read.
    level : {"commune", "departement", "region"}, default "commune"
        Level of the attributed territory; finer evidence rolls up (commune ->
        département -> région). Evidence coarser than ``level`` (a post naming only
        "Touraine" when communes are asked) is kept at its own level, said in
        ``level``.
    targets : iterable of str or pandas.DataFrame, optional
        Restrict attribution to these territories (codes, possibly of mixed levels, e.g.
        the eight territories of a study, or a table with ``code`` and ``level``): each
        piece of evidence is rolled up to the target that contains it; evidence outside
        every target is ignored. Overrides ``level``.
    accounts : pandas.DataFrame, optional
        ``author_id`` and ``profile_location`` (and ``platform`` to match on both); needed
        for the ``author_home`` evidence.
    boundaries : geopandas.GeoDataFrame, optional
        Polygons with a ``code`` column (WGS84) for the ``geotag`` evidence; default the
        communes of the bundled sample (:func:`territoire_lab.load_territories`) when the
        corpus has geotags.
    mentions : pandas.DataFrame, optional
        Output of :func:`find_places` on this corpus, to avoid computing it twice.
    evidence : sequence of str
        The evidence to use, in order of priority (any ordered subset of ``EVIDENCE``).
    gazetteer : Gazetteer, optional
        Default :func:`load_gazetteer`.
    min_confidence : float, default 0.6
        Mentions below this confidence are not used.
    stay_hours : float, default 24
        Time window of the ``author_stay`` evidence (needs ``author_id`` and
        ``created_at``).
    show_progress : bool, optional
        Progress bar of the mention search.

    Returns
    -------
    pandas.DataFrame
        Aligned on the input (same index and order): ``doc_id``, ``code`` (text, missing
        when unattributed), ``level``, ``name``, ``evidence`` (``geotag``, ``mention``,
        ``thread``, ``author_home`` or missing), ``detail`` (the surface, the home
        location, or the parent doc_id), ``confidence``.

    Examples
    --------
    >>> df = pd.DataFrame({"doc_id": ["1", "2"], "text": ["Balade à Amboise", "Super"]})
    >>> attribute_territory(df, level="departement", evidence=["mention"])["code"].tolist()
    ['37', <NA>]
    """
    check_columns(corpus, ["doc_id", "text"], where="places.attribute_territory")
    unknown = [e for e in evidence if e not in EVIDENCE]
    if unknown:
        raise ValueError(f"Unknown evidence {unknown}; expected a subset of {EVIDENCE}.")
    gaz = gazetteer or load_gazetteer()
    gaz._check()
    if level not in ("commune", "departement", "region"):
        raise ValueError(f"level={level!r}; expected 'commune', 'departement' or 'region'.")
    target_list = _target_table(targets, gaz) if targets is not None else None

    @functools.cache
    def to_target(code: str, code_level: str) -> tuple[str, str] | None:
        if target_list is None:
            if _RANK[code_level] >= _RANK[level]:
                return code, code_level
            up = gaz.roll_up(code, level, code_level=code_level)
            return (up, level) if up else None
        best = None
        for tcode, tlevel in target_list:
            if tlevel not in _RANK or _RANK[tlevel] < _RANK[code_level]:
                continue
            up = gaz.roll_up(code, tlevel, code_level=code_level)
            if up == tcode and (best is None or _RANK[tlevel] < _RANK[best[1]]):
                best = (tcode, tlevel)
        return best

    n = len(corpus)
    doc_ids = corpus["doc_id"].astype("string").to_numpy()
    code = np.full(n, None, dtype=object)
    lvl = np.full(n, None, dtype=object)
    how = np.full(n, None, dtype=object)
    detail = np.full(n, None, dtype=object)
    conf = np.full(n, np.nan)
    pos = {d: i for i, d in enumerate(doc_ids)}

    def fill(i: int, hit: tuple[str, str] | None, kind: str, what: str, c: float) -> None:
        if hit is not None and how[i] is None:
            code[i], lvl[i], how[i], detail[i], conf[i] = hit[0], hit[1], kind, what, c

    for step in evidence:
        if step == "geotag" and {"lat", "lon"} <= set(corpus.columns):
            from .geo import spatial_join

            has = corpus["lat"].notna() & corpus["lon"].notna()
            if has.any():
                joined = spatial_join(corpus.loc[has, ["doc_id", "lat", "lon"]], boundaries)
                for d, c in joined[["doc_id", "code"]].dropna().itertuples(index=False):
                    i = pos[d]
                    cl = gaz.level_of(c) or "commune"
                    fill(i, to_target(gaz.resolve_code(c), cl), "geotag", f"{c}", 1.0)
        elif step == "mention":
            ment = mentions
            if ment is None:
                ment = find_places(
                    corpus[["doc_id", "text"]],
                    columns=["text"],
                    gazetteer=gaz,
                    show_progress=show_progress,
                )
            ment = ment[
                (ment["confidence"] >= min_confidence) & ment["field"].isin(["text", "hashtag"])
            ]
            scores: dict[int, dict[tuple[str, str], list]] = {}
            texts = corpus["text"].to_numpy(dtype=object)
            for d, c, cl, s, cf, st, en, fld in ment[
                ["doc_id", "code", "level", "surface", "confidence", "start", "end", "field"]
            ].itertuples(index=False):
                i = pos.get(d)
                if i is None or how[i] is not None:
                    continue
                hit = to_target(c, cl)
                if hit is None:
                    continue
                if fld == "text" and isinstance(texts[i], str):
                    cf *= _mention_weight(texts[i], st, en)
                entry = scores.setdefault(i, {}).setdefault(hit, [0.0, st, s])
                entry[0] += cf
                entry[1] = min(entry[1], st)
            for i, cand in scores.items():
                # finer territories first, then summed confidence, then first named
                (hit, (total, _st, surf)) = min(
                    cand.items(), key=lambda kv: (_RANK[kv[0][1]], -kv[1][0], kv[1][1])
                )
                fill(i, hit, "mention", surf, min(1.0, total))
        elif step == "thread":
            parents = [c for c in ("reply_to_id", "repost_of_id") if c in corpus.columns]
            for _ in range(5):  # follow chains of replies a few levels up
                changed = False
                for col in parents:
                    for i, p in enumerate(corpus[col].astype("string").to_numpy()):
                        if how[i] is not None or p is None or p is pd.NA:
                            continue
                        j = pos.get(p)
                        if j is not None and how[j] is not None:
                            fill(i, (code[j], lvl[j]), "thread", str(p), 0.8 * conf[j])
                            changed = True
                if not changed:
                    break
        elif step == "author_stay" and {"author_id", "created_at"} <= set(corpus.columns):
            _author_stay(corpus, how, code, lvl, conf, fill, hours=stay_hours)
        elif step == "author_home" and accounts is not None and "author_id" in corpus.columns:
            check_columns(accounts, ["author_id", "profile_location"], where="attribute_territory")
            homes = home_locations(accounts, gazetteer=gaz)
            on = (
                ["platform", "author_id"]
                if ("platform" in accounts.columns and "platform" in corpus.columns)
                else ["author_id"]
            )
            home_map = {
                tuple(r[:-3]): (r[-3], r[-2], r[-1])
                for r in homes[[*on, "code", "level", "location"]].itertuples(index=False)
            }
            keys = corpus[on].astype("string").itertuples(index=False)
            for i, k in enumerate(keys):
                if how[i] is not None:
                    continue
                h = home_map.get(tuple(k))
                if h is not None:
                    fill(i, to_target(h[0], h[1]), "author_home", h[2], 0.7)

    out = pd.DataFrame(
        {
            "doc_id": pd.array(doc_ids, dtype="string"),
            "code": pd.array(code, dtype="string"),
            "level": pd.array(lvl, dtype="string"),
            "evidence": pd.array(how, dtype="string"),
            "detail": pd.array(detail, dtype="string"),
            "confidence": conf,
        },
        index=corpus.index,
    )
    out.insert(
        3,
        "name",
        pd.array(
            [
                gaz.name_of(c, lv) if isinstance(c, str) else None
                for c, lv in zip(code, lvl, strict=True)
            ],
            dtype="string",
        ),
    )
    n_none = int(out["evidence"].isna().sum())
    logger.info(
        "attribute_territory: %d of %d documents attributed (%s); %d (%.1f%%) unattributed",
        n - n_none,
        n,
        out["evidence"].value_counts().to_dict(),
        n_none,
        100 * n_none / max(n, 1),
    )
    return out


def _author_stay(
    corpus: pd.DataFrame,
    how: np.ndarray,
    code: np.ndarray,
    lvl: np.ndarray,
    conf: np.ndarray,
    fill: Any,
    *,
    hours: float,
) -> None:
    """Give unattributed posts the territory of the author's nearest attributed post."""
    t = pd.to_datetime(corpus["created_at"], utc=True).to_numpy(dtype="datetime64[s]")
    t = t.astype("int64")
    authors = corpus["author_id"].astype("string").to_numpy(dtype=object)
    known = np.array([h in ("geotag", "mention", "thread") for h in how])
    order = np.lexsort((t, authors.astype(str)))
    limit = hours * 3600
    start = 0
    n = len(order)
    while start < n:
        end = start
        author = authors[order[start]]
        while end < n and authors[order[end]] == author:
            end += 1
        idx = order[start:end]
        start = end
        if author is None or author is pd.NA:
            continue
        src = idx[known[idx]]
        if len(src) == 0 or len(src) == len(idx):
            continue
        ts = t[src]
        for i in idx[~known[idx]]:
            k = np.searchsorted(ts, t[i])
            best, gap = None, limit + 1
            for cand in (k - 1, k):
                if 0 <= cand < len(src) and abs(ts[cand] - t[i]) < gap:
                    best, gap = src[cand], abs(ts[cand] - t[i])
            if best is not None and gap <= limit:
                fill(
                    i,
                    (code[best], lvl[best]),
                    "author_stay",
                    str(corpus["doc_id"].iat[best]),
                    0.7 * conf[best],
                )


_ORIGIN_RE = re.compile(
    r"(?:depuis|from|venant de|venus? de|venue?s? de|retour de|originaires? de|"
    r"habite(?:nt)? (?:à|a)|on vient de|je viens de|nous venons de)\s*(?:l'|la |le )?$",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(r"^\W{0,3}(?:hier|la veille|yesterday|avant-hier)\b", re.IGNORECASE)


def _mention_weight(text: str, start: int, end: int) -> float:
    """Down-weight the place one comes from ("depuis Le Mans") or was at ("Blois hier")."""
    if _ORIGIN_RE.search(text[max(0, start - 24) : start]):
        return 0.3
    if _BEFORE_RE.match(text[end : end + 16]):
        return 0.4
    return 1.0


def home_locations(accounts: pd.DataFrame, *, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """Read each account's home territory from its profile location.

    When a location names several places ("Saint-Pavin, Le Mans", "Angers, Anjou"), the
    finest place contained in all the others wins; when they disagree, the most confident
    then most populous one.

    Parameters
    ----------
    accounts : pandas.DataFrame
        ``author_id``, ``profile_location`` (and ``platform``).
    gazetteer : Gazetteer, optional
        Default :func:`load_gazetteer`.

    Returns
    -------
    pandas.DataFrame
        One row an account with a recognised location: ``author_id`` (and ``platform``),
        ``location``, ``code``, ``level``, ``name``, ``confidence``.

    Examples
    --------
    >>> acc = pd.DataFrame({"author_id": ["a", "b"], "profile_location": ["Tours, France", "37"]})
    >>> home_locations(acc)["code"].tolist()
    ['37261', '37']
    """
    gaz = gazetteer or load_gazetteer()
    keys = [c for c in ("platform", "author_id") if c in accounts.columns]
    acc = accounts.reset_index(drop=True)
    acc = acc.assign(_row=pd.array([str(i) for i in range(len(acc))], dtype="string"))
    ment = find_places(acc, columns=["profile_location"], id_col="_row", gazetteer=gaz)
    rows = []
    for rid, grp in ment.groupby("doc_id", sort=False):
        cands = list(grp[["code", "level", "confidence", "name"]].itertuples(index=False))
        best = None
        for c in cands:
            inside_all = all(
                gaz.roll_up(c.code, o.level, code_level=c.level) == o.code
                for o in cands
                if _RANK[o.level] >= _RANK[c.level]
            )
            if inside_all and (best is None or _RANK[c.level] < _RANK[best.level]):
                best = c
        if best is None:
            best = max(
                cands,
                key=lambda c: (c.confidence, gaz._info.get((c.code, c.level), ("", "", 0))[2]),
            )
        row = acc.loc[int(rid)]
        rows.append(
            (
                *[row[k] for k in keys],
                row["profile_location"],
                best.code,
                best.level,
                best.name,
                best.confidence,
            )
        )
    out = pd.DataFrame(rows, columns=[*keys, "location", "code", "level", "name", "confidence"])
    return out.astype({c: "string" for c in out.columns if c != "confidence"})
