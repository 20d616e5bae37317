"""Seeded generator of the sample corpus of territoire_lab.

There is no openly licensed corpus of French social-media posts about French territories,
so the sample corpus of territoire_lab is **generated**. This script simulates one year of
posts (2025-01-01 to 2025-12-31, UTC) about eight territories of the Loire valley, written
by institutions, residents, visitors and other accounts (media, businesses) on six
platforms, and writes the planted truth beside it so that tests can check that the methods
of the toolkit (topic models, audience classifier, sentiment, burst detection, influencer
detection, place detection) recover it.

Regenerate the committed files with::

    python data/sample/generate.py                # writes next to this script
    python data/sample/generate.py --out /tmp/s --seed 7 --n-posts 5000

The script only uses the standard library and numpy (``numpy.random.default_rng(seed)``),
reads no file and needs no network. Its outputs are **byte-identical** across runs and
processes for a given ``seed`` and ``n_posts``: no set of strings is ever iterated,
rows are sorted, CSV is written by the stdlib ``csv`` module in UTF-8 without BOM with
``\\n`` line endings, coordinates have 6 decimals and timestamps are ISO 8601 UTC
(``2025-07-14T16:03:12Z``).

The world it simulates
----------------------
Territories (INSEE COG codes, as text)
    Tours 37261, Amboise 37003, Chinon 37072, Loches 37132 (Indre-et-Loire), Blois 41018,
    Chambord 41034 (Loir-et-Cher; a 102-inhabitant commune around a huge château; note the
    homonym Chambord 27139 in Eure, and the raspberry liqueur "Chambord" served in Tours
    bars: both appear in texts as traps for place detection), Le Mans 72181 (Sarthe), and
    the département Indre 36 (level ``departement``, chef-lieu Châteauroux 36044). Each
    has hard-coded landmarks with approximate real coordinates, neighbourhoods and
    neighbouring communes, streets, transport networks, nightlife spots, public services,
    festivals at their 2025 dates, local wines and dishes, wildlife.
Platforms
    ``x``, ``instagram``, ``facebook``, ``tiktok``, ``tripadvisor``, ``google_maps``.
    Reviews (tripadvisor, google_maps) are 2-6 sentences with a ``rating`` consistent with
    the tone; X posts are at most 280 characters; Instagram captions carry many hashtags
    and emojis; TikTok descriptions are short with hashtags.
Audiences (author level)
    ``institution`` (town hall and tourism office of each territory on 2-4 platforms;
    Chambord: the town hall and the Domaine national; Indre: the conseil départemental and
    Indre Tourisme), ``resident`` (tens to hundreds of accounts per territory, roughly
    proportional to population with a floor; they post about their own territory over
    several months), ``visitor`` (thousands of accounts posting 1-6 posts during a stay of
    a few days, some from abroad writing in English, German, Spanish or Dutch; a few
    residents of one territory also visit another), ``other`` (local media and
    businesses: hotels, restaurants, wine estates, bike rentals).
Difficulty (what an audience classifier must overcome)
    About 45 % of accounts post once (most visitors; a quarter of residents are
    occasional posters, ``OCCASIONAL_RESIDENTS``), about a third have a blank profile
    location (residents 31 %, visitors 35 %), and audience cues are noisy: 18 % of cues
    (``CROSS_CUE_RATE``) come from a misleading bank (residents writing "vacances",
    "séjour", "de passage"; visitors "chez nous", "notre ville", "mon quartier").
Themes (10)
    ``patrimoine_chateaux``, ``vin_gastronomie``, ``velo_loire``, ``festivals``,
    ``transports_stationnement``, ``travaux_nuisances``, ``prix_foule``,
    ``nature_fleuve``, ``vie_nocturne``, ``services_publics``; the mix depends on the
    audience, the territory, and the day (festival days).
Tone
    ``negative``, ``neutral``, ``positive``, correlated with the theme (roadworks mostly
    negative, heritage mostly positive) and written with real French sentiment words,
    negations, intensifiers, "mais" contrasts, sarcasm, capitals, emojis and emoticons.
Text
    Each post is composed of randomly chosen fragments (opener, theme x tone sentences
    with slots for landmarks, dishes, streets, times, companions..., audience cue,
    closer), then social-media noise is added with set probabilities: typos, missing
    accents, abbreviations (bcp, tkt, stp, mdr, jpp, pk, qd, slt, bjr, cc, tjrs, pcq,
    svp...), stretched letters, elisions written with ``'`` or ``’`` (per author),
    camel-case hashtags, emojis, URLs, @mentions, "St-" for "Saint-", the common noun
    "tours" (les tours du château, à tours de bras, tours de magie, tours de piste).
Accounts and influence
    Followers are log-normal, plus explicit travel and food influencers: macro
    (> 100k followers), micro (10k-100k), nano (1k-10k); engagement (likes, shares,
    replies, views where the platform has them) grows with followers, depends on tone and
    is heavy-tailed. Influencers travel to several territories.
Institutions' responsiveness
    Complaints (negative posts on transport, roadworks, prices, nightlife or public
    services) by residents (50 %) and visitors (22 %) @mention the town hall or the
    département (visitors complaining about prices or transport sometimes the tourism
    office). Each institutional account answers exactly round(rate x n) of the n
    complaints that mention it, drawn at random, after a log-normal delay: Tours 60 %
    within hours (median 1.5 h), Blois 40 % within a day (9 h), Le Mans 30 % (5 h),
    Amboise 25 % (20 h), Loches 10 % after days (70 h), Indre 50 % (14 h), Chinon and
    Chambord never. Tourism offices answer at half the rate of their town hall, 1.5x
    slower. The planned rate is ``responsiveness`` in ``truth_authors.csv``; only
    complaints are answered, so the rate measured from the posts (complaints that mention
    an account and got a reply from it) recovers it.
Replies and reposts
    ``reply_to_id`` points to a post of the same platform, created before the reply.
    Convention for reposts: on X a repost is ``RT @handle: <original text>`` (cut to 280
    characters with "…") with zero engagement of its own; on Facebook a share carries the
    sharer's own comment only. Residents relay institutional posts; tourism offices
    relay visitors' posts. Business owners answer reviews (tripadvisor, google_maps).
Geotags
    About 10 % of posts carry ``lat``/``lon`` (both or neither), near the landmark the
    post talks about (a "carte postale 2.0": visitors geotag landmarks) or near the
    author's neighbourhood, with a jitter of about 150 m.
Bursts (planted events, recorded as ``burst_id`` in the truth)
    ``crue_blois_2025_11``: a Loire flood in Blois, 2025-11-10 to 2025-11-13 (quais and
    pont Jacques-Gabriel closed, quartier Vienne flooded, roads cut, alerts).
    ``festival_tours_2025_07``: the fictional festival "Rives Électriques" goes wrong in
    Tours, 2025-07-11 to 2025-07-13 (queues, no water, cancelled headliner, shuttles).
    Each day of a burst adds ``ceil(m x median)`` posts (m = 5.5 to 8) to the
    territory's median daily count of original posts, so the day is 6 to 14 times the
    median (replies and reposts of burst posts carry the same ``burst_id``); about 70 %
    of burst posts are negative. Burst texts carry their own vocabulary (crue, Vigicrues,
    sacs de sable, pont fermé, quartier Vienne; jauge, navettes, remboursement, tête
    d'affiche annulée) and hashtags (#crue, #CrueLoire, #RivesElectriquesFail).

All accounts, handles, businesses, media and posts are fictional; places, wines, dishes
and festival names are real unless said otherwise ("Rives Électriques" is fictional).

Parameters
----------
``--out`` (default: this script's folder), ``--seed`` (default 20251), ``--n-posts``
(default 30,000; any value >= 2,000). The total number of posts is exactly ``n_posts``:
about 80 % original posts, the bursts, institutional replies, owners' answers to reviews,
and conversation replies and reposts filling the rest.

Outputs (CSV with a header row, in ``--out``)
---------------------------------------------
``posts.csv``
    The corpus in the project's data contract, raw (author handles are not
    pseudonymised; the library does it at load): ``doc_id, platform, text, created_at,
    author_id, lang, territory_code, territory_level, lat, lon, likes, shares, replies,
    views, rating, reply_to_id, repost_of_id, url``. ``territory_code`` is the territory
    whose collection query found the post (the true territory). ``lang`` is filled for X
    only (the API gives it). Counts are empty where the platform lacks them: no views on
    instagram, facebook and reviews, no shares on instagram and reviews, no replies count
    on reviews; ``rating`` only on reviews (not on owners' answers). Sorted by
    ``created_at`` then ``doc_id``. Instagram captions may contain line breaks (quoted).
    Doc ids: X and TikTok snowflake-like 19-digit integers (X ids encode the time and
    are > 2**53: read them as text), Instagram ``<19 digits>_<author numeric id>``,
    Facebook ``<page or profile id>_<post id>`` (comments ``<post id>_<comment id>``),
    TripAdvisor ``r<9 digits>``, Google Maps opaque strings starting with ``Ch``.
``accounts.csv``
    One row an account: ``author_id, platform, display_name, bio, profile_location,
    followers, following, verified, created_at`` (no truth column).
``interactions.csv``
    ``source_author, target_author, kind, doc_id, created_at, platform``, kind in
    mention/reply/repost, derived from the posts: mentions parsed from the texts (for an
    X repost, the quoted ``RT @handle:`` is the repost edge, not a mention, and the quoted
    text's mentions are not the reposter's), replies from ``reply_to_id``, reposts from
    ``repost_of_id``. Sorted.
``institutions.csv``
    The allow-list a user would edit: ``platform, author_id, name, territory_code,
    kind``. One institutional account is left off **on purpose**: the TikTok account
    ``lemans.tourisme`` of Le Mans' tourism office (its bio still says "Compte officiel de
    l'Office de Tourisme du Mans"), so that profile cues are tested.
``truth_posts.csv``
    ``doc_id, territory_code, audience, theme, tone, burst_id`` (``burst_id`` empty when
    none), in the order of ``posts.csv``. ``audience`` is relative to the post's
    territory: ``visitor`` means exogenous (anyone who is neither a resident of that
    territory, nor an institution, nor an "other" account).
``truth_authors.csv``
    ``platform, author_id, audience, home_code, home_name, home_country, tier,
    responsiveness``. ``audience`` is the author's main role (a Tours resident who visits
    Chambord stays ``resident``). ``home_code`` is the INSEE code of the author's commune
    (département code for departmental accounts), empty abroad. ``tier`` comes from
    followers: macro > 100k, micro 10k-100k, nano 1k-10k, none below.
    ``responsiveness`` is the planned reply rate to complaints (institutions only).
"""

from __future__ import annotations

import argparse
import bisect
import csv
import datetime as dt
import logging
import math
import re
import statistics
import time
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np

logger = logging.getLogger("territoire_lab.sample.generate")

__all__ = ["generate", "main"]

T = TypeVar("T")

# ======================================================================================
# Constants
# ======================================================================================

YEAR = 2025
N_DAYS = 365
DAY0 = dt.date(YEAR, 1, 1)
EPOCH = dt.datetime(YEAR, 1, 1, tzinfo=dt.timezone.utc)
T0_UNIX = int(EPOCH.timestamp())
#: local time is UTC+2 from this day index (2025-03-30) to the day before DST_END
DST_START = (dt.date(YEAR, 3, 30) - DAY0).days
DST_END = (dt.date(YEAR, 10, 26) - DAY0).days
LAST_SECOND = N_DAYS * 86400 - 1

PLATFORMS = ("x", "instagram", "facebook", "tiktok", "tripadvisor", "google_maps")
REVIEWS = ("tripadvisor", "google_maps")
SOCIAL = ("x", "instagram", "facebook", "tiktok")
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
TONES = ("negative", "neutral", "positive")
COMPLAINT_THEMES = (
    "transports_stationnement",
    "travaux_nuisances",
    "prix_foule",
    "vie_nocturne",
    "services_publics",
)
MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

BURST_FLOOD = "crue_blois_2025_11"
BURST_FEST = "festival_tours_2025_07"

OUTPUT_FILES = {
    "posts": "posts.csv",
    "accounts": "accounts.csv",
    "interactions": "interactions.csv",
    "institutions": "institutions.csv",
    "truth_posts": "truth_posts.csv",
    "truth_authors": "truth_authors.csv",
}

POSTS_COLUMNS = (
    "doc_id",
    "platform",
    "text",
    "created_at",
    "author_id",
    "lang",
    "territory_code",
    "territory_level",
    "lat",
    "lon",
    "likes",
    "shares",
    "replies",
    "views",
    "rating",
    "reply_to_id",
    "repost_of_id",
    "url",
)
ACCOUNTS_COLUMNS = (
    "author_id",
    "platform",
    "display_name",
    "bio",
    "profile_location",
    "followers",
    "following",
    "verified",
    "created_at",
)
INTERACTIONS_COLUMNS = (
    "source_author",
    "target_author",
    "kind",
    "doc_id",
    "created_at",
    "platform",
)
INSTITUTIONS_COLUMNS = ("platform", "author_id", "name", "territory_code", "kind")
TRUTH_POSTS_COLUMNS = ("doc_id", "territory_code", "audience", "theme", "tone", "burst_id")
TRUTH_AUTHORS_COLUMNS = (
    "platform",
    "author_id",
    "audience",
    "home_code",
    "home_name",
    "home_country",
    "tier",
    "responsiveness",
)


# ======================================================================================
# Random draws
# ======================================================================================


class Dice:
    """Fast scalar draws from a numpy ``Generator``, buffered in blocks.

    Parameters
    ----------
    rng : numpy.random.Generator
        The only source of randomness of the generator.
    block : int
        Number of uniforms / normals drawn at once.
    """

    def __init__(self, rng: np.random.Generator, block: int = 1 << 16) -> None:
        self.rng = rng
        self._block = block
        self._u: list[float] = []
        self._i = 0
        self._z: list[float] = []
        self._j = 0

    def u(self) -> float:
        """Return a uniform float in [0, 1)."""
        if self._i >= len(self._u):
            self._u = self.rng.random(self._block).tolist()
            self._i = 0
        v = self._u[self._i]
        self._i += 1
        return v

    def z(self) -> float:
        """Return a standard normal float."""
        if self._j >= len(self._z):
            self._z = self.rng.standard_normal(self._block).tolist()
            self._j = 0
        v = self._z[self._j]
        self._j += 1
        return v

    def chance(self, p: float) -> bool:
        """Return True with probability ``p``."""
        return self.u() < p

    def randint(self, a: int, b: int) -> int:
        """Return an integer in [a, b], both included."""
        return a + int(self.u() * (b - a + 1))

    def bits(self, n: int) -> int:
        """Return a uniform integer in [0, 2**n)."""
        out = 0
        while n > 0:
            k = min(n, 26)
            out = (out << k) | int(self.u() * (1 << k))
            n -= k
        return out

    def choice(self, seq: Sequence[T]) -> T:
        """Return one element of ``seq`` uniformly."""
        return seq[int(self.u() * len(seq))]

    def wchoice(self, seq: Sequence[T], cum: list[float]) -> T:
        """Return one element of ``seq`` given cumulative weights ``cum``."""
        i = bisect.bisect_right(cum, self.u() * cum[-1])
        return seq[min(i, len(seq) - 1)]

    def weighted(self, pairs: Sequence[tuple[T, float]]) -> T:
        """Return the key of a ``(key, weight)`` sequence, drawn by weight."""
        total = sum(w for _, w in pairs)
        x = self.u() * total
        acc = 0.0
        for key, w in pairs:
            acc += w
            if x < acc:
                return key
        return pairs[-1][0]

    def lognormal(self, mu: float, sigma: float) -> float:
        """Return exp(mu + sigma * Z)."""
        return math.exp(mu + sigma * self.z())

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        """Return ``k`` distinct elements of ``seq`` (partial Fisher-Yates)."""
        pool = list(seq)
        k = min(k, len(pool))
        for i in range(k):
            j = i + int(self.u() * (len(pool) - i))
            pool[i], pool[j] = pool[j], pool[i]
        return pool[:k]

    def poisson(self, lam: float) -> int:
        """Return a Poisson draw (Knuth; for small ``lam``)."""
        limit = math.exp(-lam)
        k, p = 0, self.u()
        while p > limit:
            k += 1
            p *= self.u()
        return k


def _cum(weights: list[float]) -> list[float]:
    out, acc = [], 0.0
    for w in weights:
        acc += w
        out.append(acc)
    return out


# ======================================================================================
# The world
# ======================================================================================


@dataclass(frozen=True)
class Spot:
    """A named place: its French forms (article, locative, genitive), position, weight."""

    forms: tuple[str, ...]
    lat: float
    lon: float
    weight: float = 1.0


def S(art: str, a: str, de: str, lat: float, lon: float, w: float = 1.0) -> Spot:  # noqa: N802
    """Shorthand for a :class:`Spot` with its three French forms."""
    return Spot((art, a, de), lat, lon, w)


@dataclass(frozen=True)
class Festival:
    """An event: French forms (art, au, du), first and last day (month, day), boost."""

    forms: tuple[str, str, str]
    start: tuple[int, int]
    end: tuple[int, int]
    boost: float = 2.0


@dataclass
class Territory:
    """One study territory and everything the texts can say about it."""

    code: str
    name: str
    level: str
    population: int
    dept: str
    a_ville: str
    de_ville: str
    a_region: str
    demonyms: tuple[str, str, str]
    hashtags: tuple[str, ...]
    towns: list[tuple[str, str, str, str, float, float, float]]
    landmarks: list[Spot]
    nature: list[Spot]
    fleuves: list[tuple[str, str, str, str]]
    quartiers: list[Spot]
    voisines: list[tuple[str, str]]
    rues: list[tuple[str, str]]
    tc: list[tuple[str, str]]
    gares: list[tuple[str, str]]
    parkings: list[tuple[str, str]]
    bars: list[tuple[str, str]]
    services: list[tuple[str, str, str]]
    festivals: list[Festival]
    vins: list[str]
    mets: list[str]
    faune: list[str]
    velos: list[tuple[str, str]]
    locations: list[str]
    visitor_weight: float
    institution_weight: float
    other_weight: float
    resident_floor: int = 6
    routes: list[tuple[str, str]] = field(default_factory=list)
    lm_cum: list[float] = field(default_factory=list)
    nat_cum: list[float] = field(default_factory=list)
    town_cum: list[float] = field(default_factory=list)
    fest_days: list[list[int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lm_cum = _cum([s.weight for s in self.landmarks])
        self.nat_cum = _cum([s.weight for s in self.nature])
        self.town_cum = _cum([t[6] for t in self.towns])
        self.fest_days = [[] for _ in range(N_DAYS)]
        for i, fest in enumerate(self.festivals):
            for d in _day_range(fest.start, fest.end):
                self.fest_days[d].append(i)


def _day_index(month: int, day: int) -> int:
    return (dt.date(YEAR, month, day) - DAY0).days


def _day_range(start: tuple[int, int], end: tuple[int, int]) -> range:
    return range(_day_index(*start), _day_index(*end) + 1)


_GENERIC_SERVICES = [
    ("la mairie", "à la mairie", "de la mairie"),
    ("la piscine municipale", "à la piscine municipale", "de la piscine municipale"),
    ("la médiathèque", "à la médiathèque", "de la médiathèque"),
    ("la déchèterie", "à la déchèterie", "de la déchèterie"),
    ("le service état civil", "au service état civil", "du service état civil"),
    ("la crèche municipale", "à la crèche municipale", "de la crèche municipale"),
    ("le service des eaux", "au service des eaux", "du service des eaux"),
]

_NATIONAL_FESTIVALS = [
    Festival(
        ("la Fête de la musique", "à la Fête de la musique", "de la Fête de la musique"),
        (6, 21),
        (6, 21),
        2.5,
    ),
    Festival(
        (
            "le feu d'artifice du 14 Juillet",
            "au feu d'artifice du 14 Juillet",
            "du feu d'artifice du 14 Juillet",
        ),
        (7, 13),
        (7, 14),
        2.0,
    ),
    Festival(
        ("les Journées du patrimoine", "aux Journées du patrimoine", "des Journées du patrimoine"),
        (9, 20),
        (9, 21),
        2.0,
    ),
]


def _territories() -> list[Territory]:
    """Return the eight territories of the study (hard-coded, approximate real data)."""
    tours = Territory(
        code="37261",
        name="Tours",
        level="commune",
        population=139259,
        dept="37",
        a_ville="à Tours",
        de_ville="de Tours",
        a_region="en Touraine",
        demonyms=("les Tourangeaux", "tourangeau", "tourangelle"),
        hashtags=(
            "Tours",
            "VisitTours",
            "Touraine",
            "ToursLoireValley",
            "ValDeLoire",
            "IndreEtLoire",
        ),
        towns=[("Tours", "à Tours", "de Tours", "37261", 47.3941, 0.6848, 1.0)],
        landmarks=[
            S(
                "la cathédrale Saint-Gatien",
                "à la cathédrale Saint-Gatien",
                "de la cathédrale Saint-Gatien",
                47.395785,
                0.695603,
                3,
            ),
            S("le Vieux-Tours", "dans le Vieux-Tours", "du Vieux-Tours", 47.3940, 0.6830, 3),
            S(
                "la basilique Saint-Martin",
                "à la basilique Saint-Martin",
                "de la basilique Saint-Martin",
                47.3934,
                0.6858,
                2,
            ),
            S(
                "le musée des Beaux-Arts",
                "au musée des Beaux-Arts",
                "du musée des Beaux-Arts",
                47.3950,
                0.6945,
                2,
            ),
            S(
                "le prieuré Saint-Cosme",
                "au prieuré Saint-Cosme",
                "du prieuré Saint-Cosme",
                47.387725,
                0.651313,
                1,
            ),
            S(
                "le château de Tours",
                "au château de Tours",
                "du château de Tours",
                47.3964,
                0.6931,
                1,
            ),
            S(
                "la tour Charlemagne",
                "à la tour Charlemagne",
                "de la tour Charlemagne",
                47.3933,
                0.6846,
                1,
            ),
            S(
                "les Halles de Tours",
                "aux Halles de Tours",
                "des Halles de Tours",
                47.3905,
                0.6818,
                1,
            ),
        ],
        nature=[
            S(
                "les bords de Loire",
                "sur les bords de Loire",
                "des bords de Loire",
                47.398839,
                0.685343,
                3,
            ),
            S("l'île Simon", "sur l'île Simon", "de l'île Simon", 47.3985, 0.6905, 2),
            S(
                "le jardin botanique",
                "au jardin botanique",
                "du jardin botanique",
                47.3919,
                0.6697,
                2,
            ),
            S(
                "le lac de la Bergeonnerie",
                "au lac de la Bergeonnerie",
                "du lac de la Bergeonnerie",
                47.3640,
                0.6960,
                1,
            ),
            S(
                "les bords du Cher",
                "sur les bords du Cher",
                "des bords du Cher",
                47.3700,
                0.6950,
                1,
            ),
        ],
        fleuves=[
            ("la Loire", "de la Loire", "au bord de la Loire", "the Loire"),
            ("le Cher", "du Cher", "au bord du Cher", "the Cher"),
        ],
        quartiers=[
            S("le Vieux-Tours", "dans le Vieux-Tours", "du Vieux-Tours", 47.3940, 0.6830, 2),
            S("les Prébendes", "aux Prébendes", "des Prébendes", 47.3838, 0.6838, 2),
            S("Tours Nord", "à Tours Nord", "de Tours Nord", 47.4165, 0.6905, 3),
            S("le Sanitas", "au Sanitas", "du Sanitas", 47.3830, 0.6950, 2),
            S("les Fontaines", "aux Fontaines", "des Fontaines", 47.3650, 0.7050, 1),
            S("les Deux-Lions", "aux Deux-Lions", "des Deux-Lions", 47.3680, 0.6820, 1),
            S("Velpeau", "à Velpeau", "de Velpeau", 47.3880, 0.7040, 2),
            S("Beaujardin", "à Beaujardin", "de Beaujardin", 47.3800, 0.7100, 1),
            S("les Rives du Cher", "aux Rives du Cher", "des Rives du Cher", 47.3700, 0.6900, 1),
            S("Saint-Symphorien", "à Saint-Symphorien", "de Saint-Symphorien", 47.4050, 0.7050, 1),
        ],
        voisines=[
            ("Joué-lès-Tours", "à Joué"),
            ("Saint-Cyr-sur-Loire", "à Saint-Cyr"),
            ("Saint-Pierre-des-Corps", "à Saint-Pierre-des-Corps"),
            ("La Riche", "à La Riche"),
            ("Saint-Avertin", "à Saint-Avertin"),
            ("Chambray-lès-Tours", "à Chambray"),
            ("Fondettes", "à Fondettes"),
        ],
        rues=[
            ("la rue Nationale", "de la rue Nationale"),
            ("l'avenue de Grammont", "de l'avenue de Grammont"),
            ("le boulevard Béranger", "du boulevard Béranger"),
            ("le pont Wilson", "du pont Wilson"),
            ("le boulevard Heurteloup", "du boulevard Heurteloup"),
            ("l'avenue Maginot", "de l'avenue Maginot"),
            ("la rue Colbert", "de la rue Colbert"),
            ("le pont Mirabeau", "du pont Mirabeau"),
            ("la Tranchée", "de la Tranchée"),
        ],
        routes=[("le périph", "du périph"), ("l'A10", "de l'A10")],
        tc=[
            ("le tram", "du tram"),
            ("les bus Fil Bleu", "des bus Fil Bleu"),
            ("la ligne A", "de la ligne A"),
            ("les TER", "des TER"),
        ],
        gares=[
            ("la gare de Tours", "à la gare de Tours"),
            ("la gare de Saint-Pierre-des-Corps", "à la gare de Saint-Pierre-des-Corps"),
        ],
        parkings=[
            ("le parking des Halles", "au parking des Halles"),
            ("le parking de la gare", "au parking de la gare"),
            ("le parking Anatole-France", "au parking Anatole-France"),
        ],
        bars=[
            ("la place Plumereau", "place Plum'"),
            ("la rue du Grand-Marché", "rue du Grand-Marché"),
            ("la guinguette", "à la guinguette"),
            ("le Vieux-Tours", "dans le Vieux-Tours"),
        ],
        services=[
            ("la piscine du Mortier", "à la piscine du Mortier", "de la piscine du Mortier"),
            (
                "la médiathèque François-Mitterrand",
                "à la médiathèque François-Mitterrand",
                "de la médiathèque François-Mitterrand",
            ),
        ],
        festivals=[
            Festival(
                ("Aucard de Tours", "à Aucard de Tours", "d'Aucard de Tours"), (6, 3), (6, 7), 2.0
            ),
            Festival(
                ("la Foire de Tours", "à la Foire de Tours", "de la Foire de Tours"),
                (5, 2),
                (5, 11),
                1.5,
            ),
            Festival(
                (
                    "la foire à l'ail et au basilic",
                    "à la foire à l'ail et au basilic",
                    "de la foire à l'ail et au basilic",
                ),
                (7, 26),
                (7, 26),
                2.0,
            ),
            Festival(("Terres du Son", "à Terres du Son", "de Terres du Son"), (7, 4), (7, 6), 1.8),
            Festival(
                ("les Rives Électriques", "aux Rives Électriques", "des Rives Électriques"),
                (7, 11),
                (7, 13),
                1.5,
            ),
            Festival(
                ("le marché de Noël", "au marché de Noël", "du marché de Noël"),
                (11, 28),
                (12, 31),
                1.2,
            ),
        ],
        vins=[
            "vouvray",
            "montlouis",
            "touraine",
            "bourgueil",
            "saint-nicolas-de-bourgueil",
            "chinon",
            "crémant de Loire",
        ],
        mets=[
            "des rillettes de Tours",
            "des rillons",
            "des fouées",
            "un nougat de Tours",
            "des macarons de Cormery",
            "un sainte-maure-de-touraine",
            "une géline de Touraine",
            "des pruneaux de Tours",
            "un sandre au beurre blanc",
        ],
        faune=["des hérons", "des sternes", "un castor", "des aigrettes", "des cormorans"],
        velos=[
            ("la Loire à Vélo", "sur la Loire à Vélo"),
            ("le Cher à vélo", "sur le Cher à vélo"),
        ],
        locations=[
            "Tours",
            "Tours, France",
            "Tours (37)",
            "Tours 🏰",
            "Touraine 🍷",
            "37",
            "Indre-et-Loire",
            "Tours Nord",
            "Vieux-Tours",
            "Centre-Val de Loire",
        ],
        visitor_weight=16,
        institution_weight=18,
        other_weight=22,
        resident_floor=8,
    )
    amboise = Territory(
        code="37003",
        name="Amboise",
        level="commune",
        population=12937,
        dept="37",
        a_ville="à Amboise",
        de_ville="d'Amboise",
        a_region="en Touraine",
        demonyms=("les Amboisiens", "amboisien", "amboisienne"),
        hashtags=(
            "Amboise",
            "ChateauAmboise",
            "ClosLuce",
            "LeonardDeVinci",
            "ValDeLoire",
            "Touraine",
        ),
        towns=[("Amboise", "à Amboise", "d'Amboise", "37003", 47.4124, 0.9826, 1.0)],
        landmarks=[
            S(
                "le château royal d'Amboise",
                "au château royal d'Amboise",
                "du château royal d'Amboise",
                47.413053,
                0.985795,
                4,
            ),
            S("le Clos Lucé", "au Clos Lucé", "du Clos Lucé", 47.410190, 0.992287, 4),
            S(
                "la pagode de Chanteloup",
                "à la pagode de Chanteloup",
                "de la pagode de Chanteloup",
                47.392013,
                0.979239,
                2,
            ),
            S(
                "le parc des Mini-Châteaux",
                "au parc des Mini-Châteaux",
                "du parc des Mini-Châteaux",
                47.393839,
                0.997964,
                1,
            ),
            S(
                "la chapelle Saint-Hubert",
                "à la chapelle Saint-Hubert",
                "de la chapelle Saint-Hubert",
                47.4134,
                0.9866,
                1,
            ),
            S(
                "la tour de l'Horloge",
                "à la tour de l'Horloge",
                "de la tour de l'Horloge",
                47.4122,
                0.9840,
                1,
            ),
        ],
        nature=[
            S("l'île d'Or", "sur l'île d'Or", "de l'île d'Or", 47.4158, 0.9840, 2),
            S(
                "les bords de Loire",
                "sur les bords de Loire",
                "des bords de Loire",
                47.4145,
                0.9800,
                3,
            ),
            S(
                "la forêt d'Amboise",
                "dans la forêt d'Amboise",
                "de la forêt d'Amboise",
                47.3800,
                1.0100,
                1,
            ),
        ],
        fleuves=[("la Loire", "de la Loire", "au bord de la Loire", "the Loire")],
        quartiers=[
            S(
                "le centre historique",
                "dans le centre historique",
                "du centre historique",
                47.4120,
                0.9830,
                2,
            ),
            S("le Bout-des-Ponts", "au Bout-des-Ponts", "du Bout-des-Ponts", 47.4180, 0.9810, 1),
            S("l'île d'Or", "sur l'île d'Or", "de l'île d'Or", 47.4158, 0.9840, 1),
            S("la Verrerie", "à la Verrerie", "de la Verrerie", 47.4030, 0.9750, 1),
            S("Malétrenne", "à Malétrenne", "de Malétrenne", 47.4060, 0.9950, 1),
        ],
        voisines=[
            ("Nazelles-Négron", "à Nazelles"),
            ("Pocé-sur-Cisse", "à Pocé"),
            ("Chargé", "à Chargé"),
            ("Lussault-sur-Loire", "à Lussault"),
        ],
        rues=[
            ("la rue Nationale", "de la rue Nationale"),
            ("le quai du Général-de-Gaulle", "du quai du Général-de-Gaulle"),
            ("le pont du Maréchal-Leclerc", "du pont du Maréchal-Leclerc"),
            ("la rue Victor-Hugo", "de la rue Victor-Hugo"),
        ],
        routes=[("la D952", "de la D952"), ("la levée", "de la levée")],
        tc=[("les TER", "des TER"), ("la navette", "de la navette")],
        gares=[("la gare d'Amboise", "à la gare d'Amboise")],
        parkings=[
            ("le parking de l'île d'Or", "au parking de l'île d'Or"),
            ("le parking du château", "au parking du château"),
        ],
        bars=[
            ("la guinguette d'Amboise", "à la guinguette d'Amboise"),
            ("les bords de Loire", "sur les bords de Loire"),
            ("la place Michel-Debré", "place Michel-Debré"),
        ],
        services=[],
        festivals=[
            Festival(
                (
                    "la foire aux vins d'Amboise",
                    "à la foire aux vins d'Amboise",
                    "de la foire aux vins d'Amboise",
                ),
                (4, 19),
                (4, 21),
                1.8,
            ),
            Festival(
                ("les fêtes Renaissance", "aux fêtes Renaissance", "des fêtes Renaissance"),
                (6, 6),
                (6, 8),
                2.2,
            ),
            Festival(
                (
                    "le spectacle nocturne du château",
                    "au spectacle nocturne du château",
                    "du spectacle nocturne du château",
                ),
                (7, 4),
                (8, 29),
                1.15,
            ),
            Festival(
                ("le marché de Noël", "au marché de Noël", "du marché de Noël"),
                (12, 6),
                (12, 21),
                1.2,
            ),
        ],
        vins=["montlouis", "vouvray", "touraine-amboise", "touraine", "crémant de Loire"],
        mets=[
            "des fouées",
            "des rillettes de Tours",
            "un nougat de Tours",
            "une tarte Tatin",
            "un sainte-maure-de-touraine",
            "des rillons",
            "un sandre au beurre blanc",
        ],
        faune=["des hérons", "des sternes", "un castor", "des aigrettes"],
        velos=[("la Loire à Vélo", "sur la Loire à Vélo")],
        locations=[
            "Amboise",
            "Amboise, France",
            "Amboise 🏰",
            "Touraine",
            "37",
            "Val de Loire",
            "Indre-et-Loire",
        ],
        visitor_weight=17,
        institution_weight=11,
        other_weight=13,
        resident_floor=8,
    )
    chinon = Territory(
        code="37072",
        name="Chinon",
        level="commune",
        population=8144,
        dept="37",
        a_ville="à Chinon",
        de_ville="de Chinon",
        a_region="en Touraine",
        demonyms=("les Chinonais", "chinonais", "chinonaise"),
        hashtags=("Chinon", "ForteresseDeChinon", "VinDeChinon", "Touraine", "ValDeLoire"),
        towns=[("Chinon", "à Chinon", "de Chinon", "37072", 47.1670, 0.2420, 1.0)],
        landmarks=[
            S(
                "la forteresse royale de Chinon",
                "à la forteresse royale de Chinon",
                "de la forteresse royale de Chinon",
                47.1685,
                0.2362,
                4,
            ),
            S("le vieux Chinon", "dans le vieux Chinon", "du vieux Chinon", 47.1666, 0.2388, 2),
            S(
                "la collégiale Saint-Mexme",
                "à la collégiale Saint-Mexme",
                "de la collégiale Saint-Mexme",
                47.1673,
                0.2448,
                1,
            ),
            S("les caves Painctes", "aux caves Painctes", "des caves Painctes", 47.1677, 0.2398, 1),
            S(
                "la Devinière, la maison de Rabelais",
                "à la Devinière",
                "de la Devinière",
                47.1379,
                0.1807,
                1,
            ),
        ],
        nature=[
            S(
                "les bords de Vienne",
                "sur les bords de Vienne",
                "des bords de Vienne",
                47.1650,
                0.2390,
                3,
            ),
            S(
                "le quai Jeanne-d'Arc",
                "sur le quai Jeanne-d'Arc",
                "du quai Jeanne-d'Arc",
                47.1655,
                0.2415,
                1,
            ),
            S(
                "la forêt de Chinon",
                "dans la forêt de Chinon",
                "de la forêt de Chinon",
                47.1900,
                0.3200,
                1,
            ),
        ],
        fleuves=[("la Vienne", "de la Vienne", "au bord de la Vienne", "the Vienne")],
        quartiers=[
            S("Saint-Jacques", "à Saint-Jacques", "de Saint-Jacques", 47.1630, 0.2420, 1),
            S("Saint-Mexme", "à Saint-Mexme", "de Saint-Mexme", 47.1690, 0.2460, 1),
            S("le vieux Chinon", "dans le vieux Chinon", "du vieux Chinon", 47.1666, 0.2388, 1),
            S("les Hucherolles", "aux Hucherolles", "des Hucherolles", 47.1760, 0.2480, 1),
            S("Saint-Louans", "à Saint-Louans", "de Saint-Louans", 47.1560, 0.2560, 1),
        ],
        voisines=[
            ("Beaumont-en-Véron", "à Beaumont-en-Véron"),
            ("Cravant-les-Côteaux", "à Cravant"),
            ("Avoine", "à Avoine"),
            ("Huismes", "à Huismes"),
        ],
        rues=[
            ("le quai Danton", "du quai Danton"),
            ("la rue Voltaire", "de la rue Voltaire"),
            ("le pont Henri-IV", "du pont Henri-IV"),
            ("la rue Rabelais", "de la rue Rabelais"),
        ],
        routes=[("la D751", "de la D751"), ("la route de Tours", "de la route de Tours")],
        tc=[("le TER Chinon-Tours", "du TER Chinon-Tours"), ("les cars Rémi", "des cars Rémi")],
        gares=[("la gare de Chinon", "à la gare de Chinon")],
        parkings=[
            ("le parking de la forteresse", "au parking de la forteresse"),
            ("le parking du quai Danton", "au parking du quai Danton"),
        ],
        bars=[
            ("la place du Général-de-Gaulle", "place du Général-de-Gaulle"),
            ("le quai", "sur le quai"),
            ("la rue Haute-Saint-Maurice", "rue Haute-Saint-Maurice"),
        ],
        services=[],
        festivals=[
            Festival(
                ("la foire aux vins", "à la foire aux vins", "de la foire aux vins"),
                (3, 14),
                (3, 16),
                2.0,
            ),
            Festival(
                ("le marché médiéval", "au marché médiéval", "du marché médiéval"),
                (8, 2),
                (8, 3),
                2.5,
            ),
        ],
        vins=["chinon", "bourgueil", "saint-nicolas-de-bourgueil", "cabernet franc", "chinon rosé"],
        mets=[
            "des rillons",
            "des fouées",
            "un sainte-maure-de-touraine",
            "des poires tapées de Rivarennes",
            "une fouace rabelaisienne",
            "une matelote d'anguille",
        ],
        faune=["des hérons", "des martins-pêcheurs", "un castor"],
        velos=[("la Loire à Vélo", "sur la Loire à Vélo")],
        locations=["Chinon", "Chinon, France", "Chinon 🍷", "Touraine", "37", "Val de Vienne"],
        visitor_weight=9,
        institution_weight=9,
        other_weight=10,
        resident_floor=8,
    )
    loches = Territory(
        code="37132",
        name="Loches",
        level="commune",
        population=6234,
        dept="37",
        a_ville="à Loches",
        de_ville="de Loches",
        a_region="en Touraine",
        demonyms=("les Lochois", "lochois", "lochoise"),
        hashtags=("Loches", "CiteRoyale", "LochesTouraine", "Touraine", "ValDeLoire"),
        towns=[("Loches", "à Loches", "de Loches", "37132", 47.1283, 0.9953, 1.0)],
        landmarks=[
            S(
                "la Cité royale de Loches",
                "à la Cité royale de Loches",
                "de la Cité royale de Loches",
                47.126863,
                0.998758,
                4,
            ),
            S(
                "le donjon de Loches",
                "au donjon de Loches",
                "du donjon de Loches",
                47.1262,
                0.9950,
                3,
            ),
            S("le logis royal", "au logis royal", "du logis royal", 47.1287, 0.9962, 2),
            S(
                "la collégiale Saint-Ours",
                "à la collégiale Saint-Ours",
                "de la collégiale Saint-Ours",
                47.12707,
                0.998539,
                2,
            ),
            S("la porte Royale", "à la porte Royale", "de la porte Royale", 47.1281, 0.9967, 1),
            S(
                "la maison Lansyer",
                "à la maison Lansyer",
                "de la maison Lansyer",
                47.127082,
                0.997764,
                1,
            ),
        ],
        nature=[
            S(
                "les bords de l'Indre",
                "sur les bords de l'Indre",
                "des bords de l'Indre",
                47.1295,
                0.9995,
                2,
            ),
            S(
                "les jardins publics",
                "aux jardins publics",
                "des jardins publics",
                47.1285,
                0.9985,
                1,
            ),
            S(
                "la forêt de Loches",
                "dans la forêt de Loches",
                "de la forêt de Loches",
                47.1300,
                1.0800,
                1,
            ),
        ],
        fleuves=[("l'Indre", "de l'Indre", "au bord de l'Indre", "the Indre")],
        quartiers=[
            S(
                "la cité médiévale",
                "dans la cité médiévale",
                "de la cité médiévale",
                47.1275,
                0.9960,
                1,
            ),
            S(
                "le quartier de la gare",
                "près de la gare",
                "du quartier de la gare",
                47.1310,
                1.0010,
                1,
            ),
            S("Beaulieu-lès-Loches", "à Beaulieu", "de Beaulieu", 47.1265, 1.0150, 1),
            S(
                "le bas de la ville",
                "dans le bas de la ville",
                "du bas de la ville",
                47.1290,
                0.9975,
                1,
            ),
        ],
        voisines=[
            ("Perrusson", "à Perrusson"),
            ("Ferrière-sur-Beaulieu", "à Ferrière"),
            ("Chanceaux-près-Loches", "à Chanceaux"),
            ("Tauxigny", "à Tauxigny"),
        ],
        rues=[
            ("la Grande Rue", "de la Grande Rue"),
            ("la rue de la République", "de la rue de la République"),
            ("le mail", "du mail"),
        ],
        routes=[("la D943", "de la D943"), ("la D760", "de la D760")],
        tc=[("le TER Loches-Tours", "du TER Loches-Tours"), ("les cars Rémi", "des cars Rémi")],
        gares=[("la gare de Loches", "à la gare de Loches")],
        parkings=[
            ("le parking de la gare", "au parking de la gare"),
            ("le parking du mail", "au parking du mail"),
        ],
        bars=[
            ("la place du Marché-au-Blé", "place du Marché-au-Blé"),
            ("la Grande Rue", "dans la Grande Rue"),
        ],
        services=[],
        festivals=[
            Festival(
                (
                    "les soirées d'été de la Cité royale",
                    "aux soirées d'été de la Cité royale",
                    "des soirées d'été de la Cité royale",
                ),
                (7, 5),
                (8, 30),
                1.15,
            ),
            Festival(
                ("le marché de Noël", "au marché de Noël", "du marché de Noël"),
                (12, 13),
                (12, 14),
                1.5,
            ),
        ],
        vins=["touraine", "vouvray", "montlouis", "touraine rosé"],
        mets=[
            "un sainte-maure-de-touraine",
            "des rillons",
            "une géline de Touraine",
            "des macarons de Cormery",
            "un nougat de Tours",
        ],
        faune=["des hérons", "des martins-pêcheurs", "des chevreuils"],
        velos=[("l'Indre à Vélo", "sur l'Indre à Vélo")],
        locations=["Loches", "Loches, France", "Sud Touraine", "Touraine 🍷", "37"],
        visitor_weight=7,
        institution_weight=8,
        other_weight=7,
        resident_floor=8,
    )
    blois = Territory(
        code="41018",
        name="Blois",
        level="commune",
        population=47219,
        dept="41",
        a_ville="à Blois",
        de_ville="de Blois",
        a_region="dans le Loir-et-Cher",
        demonyms=("les Blésois", "blésois", "blésoise"),
        hashtags=("Blois", "BloisChambord", "ValDeLoire", "LoirEtCher", "ChateauDeBlois"),
        towns=[("Blois", "à Blois", "de Blois", "41018", 47.5861, 1.3359, 1.0)],
        landmarks=[
            S(
                "le château royal de Blois",
                "au château royal de Blois",
                "du château royal de Blois",
                47.586195,
                1.330772,
                4,
            ),
            S(
                "la Maison de la Magie",
                "à la Maison de la Magie",
                "de la Maison de la Magie",
                47.585864,
                1.332294,
                3,
            ),
            S(
                "la cathédrale Saint-Louis",
                "à la cathédrale Saint-Louis",
                "de la cathédrale Saint-Louis",
                47.5876,
                1.3357,
                2,
            ),
            S(
                "l'escalier Denis-Papin",
                "à l'escalier Denis-Papin",
                "de l'escalier Denis-Papin",
                47.5848,
                1.3332,
                1,
            ),
            S(
                "la Fondation du doute",
                "à la Fondation du doute",
                "de la Fondation du doute",
                47.5869,
                1.3318,
                1,
            ),
            S(
                "la vieille ville",
                "dans la vieille ville",
                "de la vieille ville",
                47.5860,
                1.3350,
                1,
            ),
        ],
        nature=[
            S(
                "les quais de Loire",
                "sur les quais de Loire",
                "des quais de Loire",
                47.5835,
                1.3370,
                3,
            ),
            S("le lac de Loire", "au lac de Loire", "du lac de Loire", 47.5500, 1.3600, 1),
            S(
                "la forêt de Blois",
                "dans la forêt de Blois",
                "de la forêt de Blois",
                47.5950,
                1.2800,
                1,
            ),
        ],
        fleuves=[("la Loire", "de la Loire", "au bord de la Loire", "the Loire")],
        quartiers=[
            S(
                "le quartier Vienne",
                "dans le quartier Vienne",
                "du quartier Vienne",
                47.5790,
                1.3390,
                2,
            ),
            S(
                "les quartiers nord",
                "dans les quartiers nord",
                "des quartiers nord",
                47.6010,
                1.3300,
                2,
            ),
            S("Kennedy", "à Kennedy", "de Kennedy", 47.6030, 1.3220, 1),
            S(
                "la Croix-Chevalier",
                "à la Croix-Chevalier",
                "de la Croix-Chevalier",
                47.6060,
                1.3380,
                1,
            ),
            S("Bégon", "à Bégon", "de Bégon", 47.5960, 1.3150, 1),
            S("le centre-ville", "en centre-ville", "du centre-ville", 47.5870, 1.3340, 2),
        ],
        voisines=[
            ("Vineuil", "à Vineuil"),
            ("La Chaussée-Saint-Victor", "à La Chaussée"),
            ("Saint-Gervais-la-Forêt", "à Saint-Gervais"),
            ("Villebarou", "à Villebarou"),
        ],
        rues=[
            ("le pont Jacques-Gabriel", "du pont Jacques-Gabriel"),
            ("la rue Denis-Papin", "de la rue Denis-Papin"),
            ("l'avenue du Président-Wilson", "de l'avenue du Président-Wilson"),
            ("le quai de la Saussaye", "du quai de la Saussaye"),
            ("la levée", "de la levée"),
            ("le pont Charles-de-Gaulle", "du pont Charles-de-Gaulle"),
            ("la rue Porte-Chartraine", "de la rue Porte-Chartraine"),
        ],
        routes=[("la rocade", "de la rocade"), ("l'A10", "de l'A10")],
        tc=[
            ("les bus Azalys", "des bus Azalys"),
            ("la navette Châteaux", "de la navette Châteaux"),
            ("les TER", "des TER"),
        ],
        gares=[("la gare de Blois-Chambord", "à la gare de Blois-Chambord")],
        parkings=[
            ("le parking du château", "au parking du château"),
            ("le parking de la gare", "au parking de la gare"),
            ("le parking du mail", "au parking du mail"),
        ],
        bars=[
            ("la place Louis-XII", "place Louis-XII"),
            ("les quais", "sur les quais"),
            ("la rue Foulerie", "rue Foulerie"),
        ],
        services=[
            (
                "la bibliothèque Abbé-Grégoire",
                "à la bibliothèque Abbé-Grégoire",
                "de la bibliothèque Abbé-Grégoire",
            )
        ],
        festivals=[
            Festival(
                (
                    "les Rendez-vous de l'histoire",
                    "aux Rendez-vous de l'histoire",
                    "des Rendez-vous de l'histoire",
                ),
                (10, 8),
                (10, 12),
                2.5,
            ),
            Festival(
                (
                    "le son et lumière du château",
                    "au son et lumière du château",
                    "du son et lumière du château",
                ),
                (4, 5),
                (9, 21),
                1.1,
            ),
            Festival(
                ("les Lyres d'été", "aux Lyres d'été", "des Lyres d'été"), (7, 1), (8, 31), 1.1
            ),
            Festival(
                ("le marché de Noël", "au marché de Noël", "du marché de Noël"),
                (12, 5),
                (12, 24),
                1.2,
            ),
        ],
        vins=["cheverny", "cour-cheverny", "touraine", "crémant de Loire"],
        mets=[
            "des chocolats de Blois",
            "un selles-sur-cher",
            "une tarte Tatin",
            "des rillettes",
            "un sandre au beurre blanc",
            "une matelote d'anguille",
        ],
        faune=["des hérons", "des sternes", "un castor", "des balbuzards"],
        velos=[
            ("la Loire à Vélo", "sur la Loire à Vélo"),
            ("les Châteaux à vélo", "sur les Châteaux à vélo"),
        ],
        locations=[
            "Blois",
            "Blois, France",
            "Blois 🏰",
            "Loir-et-Cher",
            "41",
            "Blois Vienne",
            "Val de Loire",
        ],
        visitor_weight=13,
        institution_weight=14,
        other_weight=13,
        resident_floor=8,
    )
    lemans = Territory(
        code="72181",
        name="Le Mans",
        level="commune",
        population=146249,
        dept="72",
        a_ville="au Mans",
        de_ville="du Mans",
        a_region="dans la Sarthe",
        demonyms=("les Manceaux", "manceau", "mancelle"),
        hashtags=("LeMans", "Sarthe", "VieuxMans", "CitePlantagenet", "24hLeMans"),
        towns=[("Le Mans", "au Mans", "du Mans", "72181", 48.0061, 0.1996, 1.0)],
        landmarks=[
            S(
                "la cathédrale Saint-Julien",
                "à la cathédrale Saint-Julien",
                "de la cathédrale Saint-Julien",
                48.0106,
                0.1993,
                3,
            ),
            S(
                "la Cité Plantagenêt",
                "dans la Cité Plantagenêt",
                "de la Cité Plantagenêt",
                48.0085,
                0.1975,
                3,
            ),
            S("le Vieux-Mans", "dans le Vieux-Mans", "du Vieux-Mans", 48.0080, 0.1970, 2),
            S(
                "l'enceinte gallo-romaine",
                "au pied de l'enceinte gallo-romaine",
                "de l'enceinte gallo-romaine",
                48.0095,
                0.1955,
                2,
            ),
            S(
                "l'abbaye de l'Épau",
                "à l'abbaye de l'Épau",
                "de l'abbaye de l'Épau",
                47.9917,
                0.2413,
                2,
            ),
            S(
                "le musée des 24 Heures",
                "au musée des 24 Heures",
                "du musée des 24 Heures",
                47.9556,
                0.2122,
                2,
            ),
            S(
                "le circuit des 24 Heures",
                "au circuit des 24 Heures",
                "du circuit des 24 Heures",
                47.9560,
                0.2070,
                3,
            ),
            S(
                "la maison de la Reine Bérengère",
                "à la maison de la Reine Bérengère",
                "de la maison de la Reine Bérengère",
                48.0083,
                0.1985,
                1,
            ),
        ],
        nature=[
            S(
                "le jardin des Plantes",
                "au jardin des Plantes",
                "du jardin des Plantes",
                48.0039,
                0.2054,
                2,
            ),
            S(
                "l'Arche de la Nature",
                "à l'Arche de la Nature",
                "de l'Arche de la Nature",
                47.9870,
                0.2620,
                2,
            ),
            S(
                "les bords de la Sarthe",
                "sur les bords de la Sarthe",
                "des bords de la Sarthe",
                48.0040,
                0.1900,
                2,
            ),
            S(
                "les bords de l'Huisne",
                "sur les bords de l'Huisne",
                "des bords de l'Huisne",
                47.9900,
                0.2150,
                1,
            ),
        ],
        fleuves=[
            ("la Sarthe", "de la Sarthe", "au bord de la Sarthe", "the Sarthe"),
            ("l'Huisne", "de l'Huisne", "au bord de l'Huisne", "the Huisne"),
        ],
        quartiers=[
            S("les Jacobins", "aux Jacobins", "des Jacobins", 48.0078, 0.2003, 2),
            S("Pontlieue", "à Pontlieue", "de Pontlieue", 47.9850, 0.2020, 2),
            S("les Sablons", "aux Sablons", "des Sablons", 47.9960, 0.2240, 1),
            S("Bellevue", "à Bellevue", "de Bellevue", 48.0200, 0.2150, 1),
            S(
                "le quartier de la gare",
                "vers la gare",
                "du quartier de la gare",
                47.9955,
                0.1925,
                2,
            ),
            S("Saint-Pavin", "à Saint-Pavin", "de Saint-Pavin", 48.0250, 0.1800, 1),
            S("le Vieux-Mans", "dans le Vieux-Mans", "du Vieux-Mans", 48.0080, 0.1970, 1),
        ],
        voisines=[
            ("Allonnes", "à Allonnes"),
            ("Coulaines", "à Coulaines"),
            ("Changé", "à Changé"),
            ("Sargé-lès-le-Mans", "à Sargé"),
            ("Arnage", "à Arnage"),
        ],
        rues=[
            ("l'avenue du Général-de-Gaulle", "de l'avenue du Général-de-Gaulle"),
            ("la rue Nationale", "de la rue Nationale"),
            ("l'avenue Jean-Jaurès", "de l'avenue Jean-Jaurès"),
            ("le boulevard Demorieux", "du boulevard Demorieux"),
            ("la rue Gambetta", "de la rue Gambetta"),
            ("le pont Yssoir", "du pont Yssoir"),
        ],
        routes=[("la rocade", "de la rocade"), ("l'A11", "de l'A11")],
        tc=[
            ("le tram", "du tram"),
            ("les bus Setram", "des bus Setram"),
            ("le T2", "du T2"),
            ("les TER", "des TER"),
        ],
        gares=[("la gare du Mans", "à la gare du Mans")],
        parkings=[
            ("le parking des Jacobins", "au parking des Jacobins"),
            ("le parking de la gare", "au parking de la gare"),
            ("le parking République", "au parking République"),
        ],
        bars=[
            ("la place de la République", "place de la République"),
            ("le Vieux-Mans", "dans le Vieux-Mans"),
            ("les quais de la Sarthe", "sur les quais de la Sarthe"),
        ],
        services=[
            (
                "la médiathèque Louis-Aragon",
                "à la médiathèque Louis-Aragon",
                "de la médiathèque Louis-Aragon",
            )
        ],
        festivals=[
            Festival(
                ("les 24 Heures Motos", "aux 24 Heures Motos", "des 24 Heures Motos"),
                (4, 17),
                (4, 20),
                2.0,
            ),
            Festival(("l'Europajazz", "à l'Europajazz", "de l'Europajazz"), (5, 2), (5, 11), 1.4),
            Festival(
                ("les 24 Heures du Mans", "aux 24 Heures du Mans", "des 24 Heures du Mans"),
                (6, 11),
                (6, 15),
                3.0,
            ),
            Festival(
                ("Le Mans Classic", "au Mans Classic", "du Mans Classic"), (7, 3), (7, 6), 1.8
            ),
            Festival(
                ("la Nuit des Chimères", "à la Nuit des Chimères", "de la Nuit des Chimères"),
                (7, 10),
                (9, 20),
                1.1,
            ),
            Festival(
                ("le marché de Noël", "au marché de Noël", "du marché de Noël"),
                (11, 29),
                (12, 28),
                1.15,
            ),
        ],
        vins=["jasnières", "coteaux-du-loir"],
        mets=[
            "des rillettes du Mans",
            "une marmite sarthoise",
            "un pommé",
            "un cidre fermier",
            "des reinettes du Mans",
            "une poule au pot",
        ],
        faune=["des hérons", "des martins-pêcheurs", "des ragondins"],
        velos=[("la Sarthe à vélo", "sur la Sarthe à vélo"), ("la véloroute", "sur la véloroute")],
        locations=[
            "Le Mans",
            "Le Mans, France",
            "Le Mans 🏁",
            "Sarthe",
            "72",
            "Vieux-Mans",
            "Pays de la Loire",
        ],
        visitor_weight=10,
        institution_weight=16,
        other_weight=16,
        resident_floor=8,
    )
    chambord = Territory(
        code="41034",
        name="Chambord",
        level="commune",
        population=102,
        dept="41",
        a_ville="à Chambord",
        de_ville="de Chambord",
        a_region="en Sologne",
        demonyms=("les Chambourdins", "chambourdin", "chambourdine"),
        hashtags=(
            "Chambord",
            "ChateauDeChambord",
            "DomaineDeChambord",
            "ChateauxDeLaLoire",
            "LoirEtCher",
        ),
        towns=[("Chambord", "à Chambord", "de Chambord", "41034", 47.6143, 1.5169, 1.0)],
        landmarks=[
            S(
                "le château de Chambord",
                "au château de Chambord",
                "du château de Chambord",
                47.616126,
                1.517218,
                6,
            ),
            S(
                "l'escalier à double révolution",
                "dans l'escalier à double révolution",
                "de l'escalier à double révolution",
                47.6161,
                1.5172,
                2,
            ),
            S(
                "les terrasses du château",
                "sur les terrasses du château",
                "des terrasses du château",
                47.6164,
                1.5168,
                1,
            ),
            S(
                "les jardins à la française",
                "dans les jardins à la française",
                "des jardins à la française",
                47.6176,
                1.5165,
                2,
            ),
            S(
                "le domaine national de Chambord",
                "au domaine national de Chambord",
                "du domaine national de Chambord",
                47.6100,
                1.5400,
                2,
            ),
        ],
        nature=[
            S(
                "la forêt de Chambord",
                "dans la forêt de Chambord",
                "de la forêt de Chambord",
                47.6050,
                1.5500,
                3,
            ),
            S(
                "les bords du Cosson",
                "sur les bords du Cosson",
                "des bords du Cosson",
                47.6150,
                1.5200,
                2,
            ),
            S(
                "les observatoires du brame",
                "aux observatoires du brame",
                "des observatoires du brame",
                47.6000,
                1.5600,
                1,
            ),
        ],
        fleuves=[
            ("le Cosson", "du Cosson", "au bord du Cosson", "the Cosson"),
            ("le canal", "du canal", "au bord du canal", "the canal"),
        ],
        quartiers=[
            S("le village", "au village", "du village", 47.6140, 1.5160, 2),
            S("Thoury", "à Thoury", "de Thoury", 47.6250, 1.5850, 1),
            S(
                "la route de Bracieux",
                "sur la route de Bracieux",
                "de la route de Bracieux",
                47.6000,
                1.5300,
                1,
            ),
        ],
        voisines=[
            ("Bracieux", "à Bracieux"),
            ("Huisseau-sur-Cosson", "à Huisseau"),
            ("Saint-Dyé-sur-Loire", "à Saint-Dyé"),
            ("Crouy-sur-Cosson", "à Crouy"),
        ],
        rues=[
            ("la route de Bracieux", "de la route de Bracieux"),
            ("l'allée principale", "de l'allée principale"),
        ],
        routes=[("la D112", "de la D112"), ("la D33", "de la D33")],
        tc=[
            ("la navette Blois-Chambord", "de la navette Blois-Chambord"),
            ("les cars Rémi", "des cars Rémi"),
        ],
        gares=[("la gare de Blois-Chambord", "à la gare de Blois-Chambord")],
        parkings=[
            ("le parking du château", "au parking du château"),
            ("le parking P1", "au parking P1"),
        ],
        bars=[
            ("le café du village", "au café du village"),
            ("la terrasse face au château", "en terrasse face au château"),
        ],
        services=[],
        festivals=[
            Festival(
                ("le Festival de Chambord", "au Festival de Chambord", "du Festival de Chambord"),
                (7, 1),
                (7, 17),
                1.5,
            ),
            Festival(
                ("le brame du cerf", "au brame du cerf", "du brame du cerf"), (9, 15), (10, 15), 1.4
            ),
            Festival(
                ("le Noël au château", "au Noël au château", "du Noël au château"),
                (12, 13),
                (12, 31),
                1.3,
            ),
        ],
        vins=["cheverny", "cour-cheverny", "romorantin"],
        mets=[
            "une tarte Tatin",
            "un civet de chevreuil",
            "un selles-sur-cher",
            "une terrine de gibier",
            "des sablés de Sologne",
        ],
        faune=["des cerfs", "des biches", "des sangliers", "un cerf magnifique"],
        velos=[
            ("les Châteaux à vélo", "sur les Châteaux à vélo"),
            ("la Loire à Vélo", "sur la Loire à Vélo"),
        ],
        locations=["Chambord", "Chambord (41)", "Sologne", "Loir-et-Cher", "41"],
        visitor_weight=18,
        institution_weight=10,
        other_weight=7,
        resident_floor=5,
    )
    indre = Territory(
        code="36",
        name="Indre",
        level="departement",
        population=216069,
        dept="36",
        a_ville="dans l'Indre",
        de_ville="de l'Indre",
        a_region="dans le Berry",
        demonyms=("les Berrichons", "berrichon", "berrichonne"),
        hashtags=("Indre", "Berry", "BerryProvince", "Brenne", "Chateauroux", "IndreTourisme"),
        towns=[
            ("Châteauroux", "à Châteauroux", "de Châteauroux", "36044", 46.8103, 1.6913, 43),
            ("Issoudun", "à Issoudun", "d'Issoudun", "36088", 46.9481, 1.9933, 11),
            ("Le Blanc", "au Blanc", "du Blanc", "36018", 46.6336, 1.0628, 6),
            ("Déols", "à Déols", "de Déols", "36063", 46.8289, 1.7036, 7.5),
            ("Argenton-sur-Creuse", "à Argenton", "d'Argenton", "36006", 46.5892, 1.5197, 5),
            ("La Châtre", "à La Châtre", "de La Châtre", "36046", 46.5817, 1.9878, 4),
            ("Buzançais", "à Buzançais", "de Buzançais", "36031", 46.8886, 1.4197, 4),
            ("Valençay", "à Valençay", "de Valençay", "36228", 47.1617, 1.5667, 2.5),
        ],
        landmarks=[
            S(
                "la maison de George Sand à Nohant",
                "à Nohant",
                "de la maison de George Sand",
                46.6357,
                2.0095,
                3,
            ),
            S(
                "le château de Valençay",
                "au château de Valençay",
                "du château de Valençay",
                47.1578,
                1.5635,
                3,
            ),
            S(
                "le village de Gargilesse",
                "à Gargilesse",
                "du village de Gargilesse",
                46.5127,
                1.5981,
                2,
            ),
            S(
                "l'abbaye de Fontgombault",
                "à l'abbaye de Fontgombault",
                "de l'abbaye de Fontgombault",
                46.6714,
                0.9820,
                1,
            ),
            S(
                "le château d'Azay-le-Ferron",
                "au château d'Azay-le-Ferron",
                "du château d'Azay-le-Ferron",
                46.8511,
                1.0706,
                1,
            ),
            S(
                "le couvent des Cordeliers",
                "au couvent des Cordeliers",
                "du couvent des Cordeliers",
                46.8118,
                1.6908,
                1,
            ),
            S(
                "le château de Bouges",
                "au château de Bouges",
                "du château de Bouges",
                47.0431,
                1.6799,
                1,
            ),
            S(
                "Saint-Benoît-du-Sault",
                "à Saint-Benoît-du-Sault",
                "de Saint-Benoît-du-Sault",
                46.4414,
                1.3914,
                1,
            ),
        ],
        nature=[
            S("la Brenne", "en Brenne", "de la Brenne", 46.7200, 1.2200, 4),
            S(
                "le parc naturel régional de la Brenne",
                "dans le parc de la Brenne",
                "du parc naturel régional de la Brenne",
                46.7136,
                1.2104,
                2,
            ),
            S(
                "l'étang de la Mer Rouge",
                "à l'étang de la Mer Rouge",
                "de l'étang de la Mer Rouge",
                46.7160,
                1.2460,
                2,
            ),
            S(
                "la réserve de Chérine",
                "à la réserve de Chérine",
                "de la réserve de Chérine",
                46.7830,
                1.2200,
                1,
            ),
            S("le lac d'Éguzon", "au lac d'Éguzon", "du lac d'Éguzon", 46.4600, 1.5800, 2),
            S(
                "la vallée de la Creuse",
                "dans la vallée de la Creuse",
                "de la vallée de la Creuse",
                46.5500,
                1.5200,
                2,
            ),
        ],
        fleuves=[
            ("la Creuse", "de la Creuse", "au bord de la Creuse", "the Creuse"),
            ("l'Indre", "de l'Indre", "au bord de l'Indre", "the Indre"),
            ("l'étang", "de l'étang", "au bord de l'étang", "the pond"),
        ],
        quartiers=[
            S(
                "le centre de Châteauroux",
                "dans le centre de Châteauroux",
                "du centre de Châteauroux",
                46.8110,
                1.6910,
                2,
            ),
            S("Saint-Jean", "à Saint-Jean", "de Saint-Jean", 46.8200, 1.6800, 1),
            S("Beaulieu", "à Beaulieu", "de Beaulieu", 46.8000, 1.7050, 1),
            S("Saint-Christophe", "à Saint-Christophe", "de Saint-Christophe", 46.8050, 1.6750, 1),
            S(
                "le quartier de la gare",
                "vers la gare",
                "du quartier de la gare",
                46.8090,
                1.7000,
                1,
            ),
        ],
        voisines=[
            ("Déols", "à Déols"),
            ("Le Poinçonnet", "au Poinçonnet"),
            ("Saint-Maur", "à Saint-Maur"),
            ("Ardentes", "à Ardentes"),
        ],
        rues=[
            ("l'avenue de la Châtre", "de l'avenue de la Châtre"),
            ("la rue Grande", "de la rue Grande"),
            ("le boulevard George-Sand", "du boulevard George-Sand"),
            ("la rue Victor-Hugo", "de la rue Victor-Hugo"),
        ],
        routes=[("l'A20", "de l'A20"), ("la N151", "de la N151"), ("la D943", "de la D943")],
        tc=[
            ("le POLT", "du POLT"),
            ("les bus Horizon", "des bus Horizon"),
            ("les cars Rémi", "des cars Rémi"),
            ("le train Paris-Limoges", "du train Paris-Limoges"),
        ],
        gares=[
            ("la gare de Châteauroux", "à la gare de Châteauroux"),
            ("la gare d'Issoudun", "à la gare d'Issoudun"),
        ],
        parkings=[
            ("le parking de la gare", "au parking de la gare"),
            ("le parking Gambetta", "au parking Gambetta"),
        ],
        bars=[
            ("la place Gambetta", "place Gambetta"),
            ("le centre de Châteauroux", "dans le centre de Châteauroux"),
            ("les guinguettes du lac d'Éguzon", "aux guinguettes du lac d'Éguzon"),
        ],
        services=[
            ("la médiathèque Équinoxe", "à la médiathèque Équinoxe", "de la médiathèque Équinoxe")
        ],
        festivals=[
            Festival(
                (
                    "le festival Chopin de Nohant",
                    "au festival Chopin de Nohant",
                    "du festival Chopin de Nohant",
                ),
                (6, 7),
                (7, 20),
                1.15,
            ),
            Festival(
                (
                    "les Rencontres de luthiers et maîtres sonneurs",
                    "aux Rencontres de luthiers et maîtres sonneurs",
                    "des Rencontres de luthiers et maîtres sonneurs",
                ),
                (7, 12),
                (7, 14),
                1.6,
            ),
            Festival(
                ("le festival DARC", "au festival DARC", "du festival DARC"), (8, 10), (8, 23), 1.4
            ),
        ],
        vins=["reuilly", "valençay", "quincy"],
        mets=[
            "un valençay",
            "un pouligny-saint-pierre",
            "des lentilles vertes du Berry",
            "un pâté de Pâques berrichon",
            "une galette aux pommes de terre",
            "une carpe de Brenne",
            "une poule en barbouille",
        ],
        faune=[
            "des guifettes",
            "des hérons pourprés",
            "une cistude",
            "des grèbes",
            "des busards",
            "des cigognes noires",
        ],
        velos=[("l'Indre à Vélo", "sur l'Indre à Vélo"), ("la voie verte", "sur la voie verte")],
        locations=[
            "Châteauroux",
            "Berry",
            "Indre",
            "36",
            "Châteauroux (36)",
            "Berry 🌾",
            "Brenne",
            "Centre-Val de Loire",
        ],
        visitor_weight=10,
        institution_weight=14,
        other_weight=12,
        resident_floor=8,
    )
    out = [tours, amboise, chinon, loches, blois, lemans, chambord, indre]
    for terr in out:
        terr.services = terr.services + list(_GENERIC_SERVICES)
        terr.festivals = terr.festivals + list(_NATIONAL_FESTIVALS)
        terr.__post_init__()
    return out


#: territories one visits together on a trip (neighbours on the route of the châteaux)
NEIGHBOURS = {
    "37261": ("37003", "37072", "37132", "41018"),
    "37003": ("41034", "41018", "37261", "37132"),
    "37072": ("37261", "37132"),
    "37132": ("37003", "37261", "36"),
    "41018": ("41034", "37003", "37261"),
    "41034": ("41018", "37003"),
    "72181": ("37261",),
    "36": ("37132",),
}

#: where visitors come from: name, INSEE code, country, weight, {lang: p}, profile forms
HOMES: list[tuple[str, str, str, float, dict[str, float], tuple[str, ...]]] = [
    (
        "Paris",
        "75056",
        "FR",
        30,
        {"fr": 1.0},
        ("Paris", "Paris, France", "Paris 🇫🇷", "Paris 11e", "Paris 15e", "Paname"),
    ),
    ("Lyon", "69123", "FR", 5, {"fr": 1.0}, ("Lyon", "Lyon, France", "Lyon 🦁")),
    ("Nantes", "44109", "FR", 6, {"fr": 1.0}, ("Nantes", "Nantes 🐘", "Nantes, France")),
    ("Lille", "59350", "FR", 4, {"fr": 1.0}, ("Lille", "Lille 🍟")),
    ("Bordeaux", "33063", "FR", 4, {"fr": 1.0}, ("Bordeaux", "Bordeaux 🍷")),
    ("Rennes", "35238", "FR", 4, {"fr": 1.0}, ("Rennes", "Rennes, Bretagne")),
    ("Orléans", "45234", "FR", 6, {"fr": 1.0}, ("Orléans", "Orléans (45)")),
    ("Toulouse", "31555", "FR", 3, {"fr": 1.0}, ("Toulouse", "Toulouse 💜")),
    ("Marseille", "13055", "FR", 3, {"fr": 1.0}, ("Marseille", "Marseille ☀️")),
    ("Strasbourg", "67482", "FR", 2, {"fr": 1.0}, ("Strasbourg",)),
    ("Angers", "49007", "FR", 4, {"fr": 1.0}, ("Angers", "Angers, Anjou")),
    ("Poitiers", "86194", "FR", 3, {"fr": 1.0}, ("Poitiers",)),
    ("Bourges", "18033", "FR", 2, {"fr": 1.0}, ("Bourges",)),
    ("Limoges", "87085", "FR", 2, {"fr": 1.0}, ("Limoges",)),
    ("Versailles", "78646", "FR", 3, {"fr": 1.0}, ("Versailles", "Versailles (78)")),
    ("Boulogne-Billancourt", "92012", "FR", 2, {"fr": 1.0}, ("Boulogne-Billancourt",)),
    ("Montpellier", "34172", "FR", 2, {"fr": 1.0}, ("Montpellier",)),
    ("Caen", "14118", "FR", 2, {"fr": 1.0}, ("Caen",)),
    ("Dijon", "21231", "FR", 1, {"fr": 1.0}, ("Dijon",)),
    ("Nice", "06088", "FR", 1, {"fr": 1.0}, ("Nice",)),
    ("Le Havre", "76351", "FR", 1, {"fr": 1.0}, ("Le Havre",)),
    ("La Rochelle", "17300", "FR", 1, {"fr": 1.0}, ("La Rochelle",)),
    ("Clermont-Ferrand", "63113", "FR", 1, {"fr": 1.0}, ("Clermont-Ferrand",)),
    ("Grenoble", "38185", "FR", 1, {"fr": 1.0}, ("Grenoble",)),
    (
        "Bruxelles",
        "",
        "BE",
        3,
        {"fr": 0.85, "nl": 0.08, "en": 0.07},
        ("Bruxelles", "Bruxelles 🇧🇪", "Brussels"),
    ),
    ("London", "", "GB", 4, {"en": 0.95, "fr": 0.05}, ("London", "London, UK", "London 🇬🇧")),
    ("Dublin", "", "IE", 1, {"en": 1.0}, ("Dublin", "Dublin, Ireland")),
    (
        "Berlin",
        "",
        "DE",
        1.5,
        {"de": 0.55, "en": 0.35, "fr": 0.1},
        ("Berlin", "Berlin, Deutschland"),
    ),
    (
        "Amsterdam",
        "",
        "NL",
        1.5,
        {"nl": 0.45, "en": 0.45, "fr": 0.1},
        ("Amsterdam", "Amsterdam, NL"),
    ),
    ("Madrid", "", "ES", 1, {"es": 0.6, "en": 0.3, "fr": 0.1}, ("Madrid", "Madrid, España")),
    ("Montréal", "", "CA", 1.5, {"fr": 0.85, "en": 0.15}, ("Montréal", "Montréal, QC")),
    ("Genève", "", "CH", 1, {"fr": 1.0}, ("Genève", "Genève 🇨🇭")),
    ("New York", "", "US", 1.5, {"en": 1.0}, ("New York", "NYC", "Brooklyn, NY")),
]
HOME_CUM = _cum([h[3] for h in HOMES])
N_FR_HOMES = sum(h[2] == "FR" for h in HOMES)
FR_HOME_CUM = _cum([h[3] for h in HOMES[:N_FR_HOMES]])

#: planned institutional reply rate to complaints (town hall / département) and delay
RESPONSIVENESS = {
    # code: (rate of the town hall, median delay in hours, log-sd of the delay)
    "37261": (0.60, 1.5, 0.7),
    "41018": (0.40, 9.0, 0.6),
    "37003": (0.25, 20.0, 0.6),
    "72181": (0.30, 5.0, 0.7),
    "37132": (0.10, 70.0, 0.5),
    "37072": (0.0, 0.0, 0.0),
    "41034": (0.0, 0.0, 0.0),
    "36": (0.50, 14.0, 0.6),
}

# platform, handle, display name, territory, kind, followers, verified, bio, location
_OFFICIAL = "Compte officiel"
INSTITUTIONS: list[tuple[str, str, str, str, str, int, bool, str, str]] = [
    (
        "x",
        "Ville_de_Tours",
        "Ville de Tours",
        "37261",
        "mairie",
        58000,
        True,
        f"{_OFFICIAL} de la Ville de Tours. Infos pratiques, travaux, événements. "
        "Modéré du lundi au vendredi.",
        "Tours, France",
    ),
    (
        "facebook",
        "VilleDeTours.officiel",
        "Ville de Tours",
        "37261",
        "mairie",
        72000,
        True,
        f"{_OFFICIAL} de la Ville de Tours 🏛️",
        "Tours",
    ),
    (
        "instagram",
        "ville.de.tours",
        "Ville de Tours",
        "37261",
        "mairie",
        41000,
        True,
        f"{_OFFICIAL} de la Ville de Tours ✨ #Tours",
        "Tours, France",
    ),
    (
        "x",
        "ToursValDeLoire",
        "Tours Val de Loire Tourisme",
        "37261",
        "office_de_tourisme",
        23000,
        True,
        "Office de Tourisme Tours Val de Loire 🏰🍷🚲 Partagez vos photos avec #VisitTours",
        "Tours",
    ),
    (
        "instagram",
        "tours.valdeloire",
        "Tours Val de Loire Tourisme",
        "37261",
        "office_de_tourisme",
        64000,
        True,
        "Office de Tourisme Tours Val de Loire | #VisitTours",
        "Tours, Val de Loire",
    ),
    (
        "facebook",
        "ToursValDeLoireTourisme",
        "Tours Val de Loire Tourisme",
        "37261",
        "office_de_tourisme",
        52000,
        False,
        "Office de Tourisme Tours Val de Loire",
        "Tours",
    ),
    (
        "tiktok",
        "toursvaldeloire",
        "Tours Val de Loire",
        "37261",
        "office_de_tourisme",
        18000,
        False,
        "Office de Tourisme Tours Val de Loire 🏰",
        "Tours",
    ),
    (
        "x",
        "VilleAmboise",
        "Ville d'Amboise",
        "37003",
        "mairie",
        6200,
        True,
        f"{_OFFICIAL} de la Ville d'Amboise",
        "Amboise",
    ),
    (
        "facebook",
        "VilleAmboise37",
        "Ville d'Amboise",
        "37003",
        "mairie",
        14500,
        False,
        f"{_OFFICIAL} de la Ville d'Amboise 🏰",
        "Amboise, France",
    ),
    (
        "instagram",
        "amboise.valdeloire",
        "Amboise Val de Loire Tourisme",
        "37003",
        "office_de_tourisme",
        31000,
        True,
        "Office de Tourisme Amboise Val de Loire 🏰 #AmboiseValDeLoire",
        "Amboise",
    ),
    (
        "facebook",
        "AmboiseValDeLoire",
        "Amboise Val de Loire Tourisme",
        "37003",
        "office_de_tourisme",
        22000,
        False,
        "Office de Tourisme Amboise Val de Loire",
        "Amboise",
    ),
    (
        "x",
        "AmboiseTourisme",
        "Amboise Tourisme",
        "37003",
        "office_de_tourisme",
        5400,
        False,
        "Office de Tourisme Amboise Val de Loire",
        "Amboise",
    ),
    (
        "facebook",
        "VilleDeChinon",
        "Ville de Chinon",
        "37072",
        "mairie",
        9800,
        False,
        f"{_OFFICIAL} de la Ville de Chinon",
        "Chinon",
    ),
    (
        "instagram",
        "ville_chinon",
        "Ville de Chinon",
        "37072",
        "mairie",
        5100,
        False,
        f"{_OFFICIAL} de la Ville de Chinon 🏰🍷",
        "Chinon",
    ),
    (
        "instagram",
        "azaychinon.tourisme",
        "Azay-Chinon Val de Loire Tourisme",
        "37072",
        "office_de_tourisme",
        12500,
        False,
        "Office de Tourisme Azay-Chinon Val de Loire",
        "Chinon",
    ),
    (
        "facebook",
        "AzayChinonTourisme",
        "Azay-Chinon Val de Loire Tourisme",
        "37072",
        "office_de_tourisme",
        11000,
        False,
        "Office de Tourisme Azay-Chinon Val de Loire",
        "Chinon",
    ),
    (
        "facebook",
        "VilleDeLoches",
        "Ville de Loches",
        "37132",
        "mairie",
        8700,
        False,
        f"{_OFFICIAL} de la Ville de Loches",
        "Loches",
    ),
    (
        "x",
        "Loches_Ville",
        "Ville de Loches",
        "37132",
        "mairie",
        2100,
        False,
        f"{_OFFICIAL} de la Ville de Loches",
        "Loches",
    ),
    (
        "instagram",
        "loches.touraine",
        "Loches Touraine Tourisme",
        "37132",
        "office_de_tourisme",
        9400,
        False,
        "Office de Tourisme Loches Touraine Châteaux de la Loire",
        "Loches",
    ),
    (
        "facebook",
        "LochesTouraineTourisme",
        "Loches Touraine Tourisme",
        "37132",
        "office_de_tourisme",
        7600,
        False,
        "Office de Tourisme Loches Touraine Châteaux de la Loire",
        "Loches",
    ),
    (
        "x",
        "VilleDeBlois",
        "Ville de Blois",
        "41018",
        "mairie",
        21000,
        True,
        f"{_OFFICIAL} de la Ville de Blois",
        "Blois",
    ),
    (
        "facebook",
        "VilleDeBlois41",
        "Ville de Blois",
        "41018",
        "mairie",
        38000,
        True,
        f"{_OFFICIAL} de la Ville de Blois",
        "Blois, France",
    ),
    (
        "instagram",
        "villedeblois",
        "Ville de Blois",
        "41018",
        "mairie",
        17000,
        True,
        f"{_OFFICIAL} de la Ville de Blois 🏰",
        "Blois",
    ),
    (
        "instagram",
        "blois.chambord",
        "Blois Chambord Val de Loire",
        "41018",
        "office_de_tourisme",
        27000,
        True,
        "Office de Tourisme Blois Chambord Val de Loire",
        "Blois",
    ),
    (
        "x",
        "BloisChambord",
        "Blois Chambord Tourisme",
        "41018",
        "office_de_tourisme",
        8900,
        False,
        "Office de Tourisme Blois Chambord Val de Loire",
        "Blois",
    ),
    (
        "facebook",
        "BloisChambordTourisme",
        "Blois Chambord Val de Loire",
        "41018",
        "office_de_tourisme",
        30000,
        False,
        "Office de Tourisme Blois Chambord Val de Loire",
        "Blois",
    ),
    (
        "tiktok",
        "bloischambord",
        "Blois Chambord",
        "41018",
        "office_de_tourisme",
        6400,
        False,
        "Office de Tourisme Blois Chambord Val de Loire 🏰",
        "Blois",
    ),
    (
        "x",
        "LeMans_Ville",
        "Ville du Mans",
        "72181",
        "mairie",
        44000,
        True,
        f"{_OFFICIAL} de la Ville du Mans",
        "Le Mans",
    ),
    (
        "facebook",
        "VilleDuMans",
        "Ville du Mans",
        "72181",
        "mairie",
        61000,
        True,
        f"{_OFFICIAL} de la Ville du Mans",
        "Le Mans, France",
    ),
    (
        "instagram",
        "villedumans",
        "Ville du Mans",
        "72181",
        "mairie",
        29000,
        True,
        f"{_OFFICIAL} de la Ville du Mans 🏁",
        "Le Mans",
    ),
    (
        "x",
        "LeMansTourisme",
        "Le Mans Tourisme",
        "72181",
        "office_de_tourisme",
        12000,
        False,
        "Office de Tourisme Le Mans Métropole",
        "Le Mans",
    ),
    (
        "instagram",
        "lemanstourisme",
        "Le Mans Tourisme",
        "72181",
        "office_de_tourisme",
        21000,
        False,
        "Office de Tourisme Le Mans Métropole 🏁 #LeMans",
        "Le Mans",
    ),
    (
        "facebook",
        "LeMansTourisme",
        "Le Mans Tourisme",
        "72181",
        "office_de_tourisme",
        25000,
        False,
        "Office de Tourisme Le Mans Métropole",
        "Le Mans",
    ),
    (
        "tiktok",
        "lemans.tourisme",
        "Le Mans Tourisme",
        "72181",
        "office_de_tourisme",
        9800,
        False,
        f"{_OFFICIAL} de l'Office de Tourisme du Mans 🏁 Cité Plantagenêt & 24h",
        "Le Mans",
    ),
    (
        "facebook",
        "MairieDeChambord41",
        "Mairie de Chambord",
        "41034",
        "mairie",
        640,
        False,
        f"{_OFFICIAL} de la commune de Chambord",
        "Chambord",
    ),
    (
        "x",
        "Chambord_Domaine",
        "Domaine national de Chambord",
        "41034",
        "domaine_national",
        54000,
        True,
        f"{_OFFICIAL} du Domaine national de Chambord 🏰🦌",
        "Chambord",
    ),
    (
        "instagram",
        "domaine.chambord",
        "Domaine national de Chambord",
        "41034",
        "domaine_national",
        182000,
        True,
        f"{_OFFICIAL} du Domaine national de Chambord",
        "Chambord, France",
    ),
    (
        "facebook",
        "DomaineChambord",
        "Domaine national de Chambord",
        "41034",
        "domaine_national",
        210000,
        True,
        f"{_OFFICIAL} du Domaine national de Chambord",
        "Chambord",
    ),
    (
        "tiktok",
        "domainechambord",
        "Domaine de Chambord",
        "41034",
        "domaine_national",
        45000,
        False,
        f"{_OFFICIAL} du Domaine national de Chambord",
        "Chambord",
    ),
    (
        "x",
        "Indre_Departement",
        "Département de l'Indre",
        "36",
        "departement",
        9800,
        True,
        f"{_OFFICIAL} du Département de l'Indre",
        "Châteauroux",
    ),
    (
        "facebook",
        "DepartementIndre",
        "Département de l'Indre",
        "36",
        "departement",
        27000,
        True,
        f"{_OFFICIAL} du Département de l'Indre",
        "Châteauroux, Indre",
    ),
    (
        "instagram",
        "departement.indre",
        "Département de l'Indre",
        "36",
        "departement",
        8600,
        False,
        f"{_OFFICIAL} du Département de l'Indre #Berry",
        "Indre",
    ),
    (
        "instagram",
        "indre.tourisme",
        "Indre Tourisme",
        "36",
        "agence_tourisme",
        19000,
        False,
        "Indre Tourisme – Berry Province 🌾 Agence départementale du tourisme",
        "Châteauroux",
    ),
    (
        "facebook",
        "IndreTourisme",
        "Indre Tourisme",
        "36",
        "agence_tourisme",
        24000,
        False,
        "Indre Tourisme – Berry Province",
        "Indre",
    ),
    (
        "x",
        "IndreTourisme36",
        "Indre Tourisme",
        "36",
        "agence_tourisme",
        4300,
        False,
        "Indre Tourisme – Berry Province",
        "Châteauroux",
    ),
]
#: the one institutional account left off institutions.csv on purpose
OMITTED_INSTITUTION = ("tiktok", "lemans.tourisme")
MAIN_KINDS = ("mairie", "departement")

# platform, handle, display name, territories covered, followers, verified, bio, location
MEDIA: list[tuple[str, str, str, tuple[str, ...], int, bool, str, str]] = [
    (
        "x",
        "actu_touraine",
        "Actu Touraine",
        ("37261", "37003", "37072", "37132"),
        18500,
        True,
        "L'actu de Tours et de la Touraine, 24h/24 📰",
        "Tours",
    ),
    (
        "facebook",
        "ActuTouraine",
        "Actu Touraine",
        ("37261", "37003", "37072", "37132"),
        41000,
        False,
        "L'actu de Tours et de la Touraine",
        "Tours",
    ),
    (
        "instagram",
        "actu_touraine",
        "Actu Touraine",
        ("37261", "37003", "37072", "37132"),
        12000,
        False,
        "L'actu de Tours et de la Touraine en images",
        "Tours",
    ),
    (
        "x",
        "BloisInfos41",
        "Blois Infos",
        ("41018", "41034"),
        9200,
        False,
        "Toute l'info de Blois et du Loir-et-Cher",
        "Blois",
    ),
    (
        "facebook",
        "BloisInfos",
        "Blois Infos",
        ("41018", "41034"),
        16000,
        False,
        "Toute l'info de Blois et du Loir-et-Cher",
        "Blois",
    ),
    (
        "x",
        "LeMansActu",
        "Le Mans Actu",
        ("72181",),
        15500,
        True,
        "Infos, sport, sorties au Mans et en Sarthe 🏁",
        "Le Mans",
    ),
    (
        "facebook",
        "LeMansActu72",
        "Le Mans Actu",
        ("72181",),
        33000,
        False,
        "Infos, sport, sorties au Mans et en Sarthe",
        "Le Mans",
    ),
    (
        "instagram",
        "lemans.actu",
        "Le Mans Actu",
        ("72181",),
        9800,
        False,
        "L'actu du Mans en images",
        "Le Mans",
    ),
    (
        "x",
        "BerryActu36",
        "Berry Actu",
        ("36",),
        6100,
        False,
        "L'actu de l'Indre et du Berry",
        "Châteauroux",
    ),
    (
        "facebook",
        "BerryActu",
        "Berry Actu",
        ("36",),
        19000,
        False,
        "L'actu de l'Indre",
        "Châteauroux",
    ),
    (
        "x",
        "RadioValDeLoire",
        "Radio Val de Loire",
        ("37261", "37003", "41018", "41034"),
        7400,
        False,
        "La radio du Val de Loire 📻 infos trafic, météo, sorties",
        "Tours - Blois",
    ),
]

# name, territory, kind, platforms, location
BUSINESSES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("Le Comptoir Plumereau", "37261", "bar", ("instagram", "facebook", "google_maps")),
    ("Hôtel des Tanneurs", "37261", "hotel", ("instagram", "facebook", "tripadvisor")),
    ("Cycles Ligériens", "37261", "velo", ("instagram", "facebook", "google_maps")),
    ("Cave des Halles", "37261", "vin", ("instagram", "facebook", "google_maps")),
    ("Le Bistrot de la Victoire", "37261", "restaurant", ("facebook", "tripadvisor")),
    ("Domaine de la Croix Douce", "37003", "vin", ("instagram", "facebook", "google_maps")),
    ("Hôtel Le Logis Renaissance", "37003", "hotel", ("instagram", "facebook", "tripadvisor")),
    ("Amboise Vélo Loisirs", "37003", "velo", ("instagram", "facebook", "google_maps")),
    ("Crêperie du Clos", "37003", "restaurant", ("facebook", "tripadvisor", "google_maps")),
    ("Domaine des Coteaux de Vienne", "37072", "vin", ("instagram", "facebook", "google_maps")),
    ("Auberge de la Forteresse", "37072", "restaurant", ("facebook", "tripadvisor")),
    ("Hôtel du Donjon", "37132", "hotel", ("facebook", "tripadvisor")),
    ("Le Bistrot Lochois", "37132", "restaurant", ("instagram", "google_maps")),
    ("Brasserie du Château", "41018", "restaurant", ("instagram", "facebook", "tripadvisor")),
    ("Hôtel Porte Chartraine", "41018", "hotel", ("facebook", "tripadvisor")),
    ("Blois Vélo Loire", "41018", "velo", ("instagram", "google_maps")),
    ("Brasserie des Jacobins", "72181", "restaurant", ("instagram", "facebook", "tripadvisor")),
    ("Rillettes et Compagnie", "72181", "restaurant", ("instagram", "facebook", "google_maps")),
    ("Hôtel du Circuit", "72181", "hotel", ("facebook", "tripadvisor", "google_maps")),
    ("Le Relais du Cosson", "41034", "restaurant", ("instagram", "tripadvisor", "google_maps")),
    ("Chambord Balades à Vélo", "41034", "velo", ("instagram", "facebook", "google_maps")),
    ("La Table Berrichonne", "36", "restaurant", ("facebook", "tripadvisor", "google_maps")),
    ("Ferme des Étangs de Brenne", "36", "vin", ("instagram", "facebook")),
    ("Gîtes de la Brenne", "36", "hotel", ("facebook", "tripadvisor")),
]

# handle, display name, platform, followers, home index in HOMES, bio, kind (travel/food)
INFLUENCERS: list[tuple[str, str, str, int, int, str]] = [
    (
        "lesvoyagesdeclara",
        "Clara | Voyages ✈️",
        "instagram",
        412000,
        0,
        "✈️ Voyages & bonnes adresses en France | 📍Paris | Collab : DM",
    ),
    (
        "hugo.explore",
        "Hugo Explore",
        "tiktok",
        1240000,
        0,
        "Je te montre la France comme jamais 🇫🇷 | Collab : hugo.explore@mail.com",
    ),
    (
        "lafourchettevoyageuse",
        "La Fourchette Voyageuse 🍷",
        "instagram",
        186000,
        1,
        "Food & wine lover | Lyon ↔️ partout | Les meilleures tables de France",
    ),
    (
        "PetitsWeekends",
        "Petits Week-ends en France",
        "x",
        131000,
        0,
        "Idées de week-ends, châteaux, vélo, bonnes tables 🏰🚲🍷 #weekend",
    ),
    (
        "slowtravel.emma",
        "Emma | Slow travel",
        "instagram",
        264000,
        25,
        "Slow travel in France 🇫🇷 London-based | castles, wine & bikes",
    ),
]


# ======================================================================================
# Names
# ======================================================================================

FIRST_F = (
    "Julie",
    "Camille",
    "Léa",
    "Manon",
    "Chloé",
    "Emma",
    "Sarah",
    "Laura",
    "Marie",
    "Pauline",
    "Clara",
    "Lucie",
    "Inès",
    "Océane",
    "Mathilde",
    "Anaïs",
    "Justine",
    "Élodie",
    "Céline",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Sandrine",
    "Aurélie",
    "Émilie",
    "Charlotte",
    "Margaux",
    "Zoé",
    "Louise",
    "Jade",
    "Alice",
    "Agathe",
    "Lola",
    "Nina",
    "Maëlle",
    "Amandine",
    "Claire",
    "Hélène",
    "Valérie",
    "Christine",
    "Brigitte",
    "Martine",
    "Fatima",
    "Yasmine",
    "Sonia",
)
FIRST_M = (
    "Thomas",
    "Nicolas",
    "Julien",
    "Maxime",
    "Antoine",
    "Alexandre",
    "Kevin",
    "Quentin",
    "Romain",
    "Hugo",
    "Lucas",
    "Théo",
    "Louis",
    "Paul",
    "Mathieu",
    "Guillaume",
    "Pierre",
    "Sébastien",
    "Olivier",
    "Laurent",
    "Philippe",
    "Jean",
    "Marc",
    "Christophe",
    "Stéphane",
    "Benoît",
    "Florian",
    "Baptiste",
    "Clément",
    "Adrien",
    "Yanis",
    "Mehdi",
    "Karim",
    "Bruno",
    "Patrick",
    "Didier",
    "Alain",
    "Gérard",
    "Vincent",
    "Arnaud",
    "Jérémy",
    "Damien",
    "Marco",
    "Enzo",
    "Nathan",
)
LAST = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefebvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Roche",
    "Meunier",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Leroux",
    "Colin",
    "Renard",
    "Caron",
    "Aubert",
    "Giraud",
    "Leclerc",
    "Vidal",
    "Renaud",
    "Picard",
    "Lacroix",
    "Fabre",
    "Hubert",
    "Rivière",
    "Le Gall",
    "Ménard",
    "Fleury",
    "Benoit",
    "Poirier",
    "Charpentier",
    "Breton",
)
FOREIGN_NAMES = {
    "en": (
        (
            "Emily",
            "James",
            "Olivia",
            "Jack",
            "Sophie",
            "Harry",
            "Charlotte",
            "George",
            "Amelia",
            "Oliver",
            "Hannah",
            "Ben",
            "Lucy",
            "Tom",
            "Grace",
            "Daniel",
        ),
        (
            "Smith",
            "Jones",
            "Taylor",
            "Brown",
            "Wilson",
            "Evans",
            "Johnson",
            "Walker",
            "Wright",
            "Green",
            "Hall",
            "Clarke",
            "Miller",
            "Davis",
        ),
    ),
    "de": (
        ("Lena", "Anna", "Felix", "Jonas", "Lukas", "Laura", "Julia", "Max", "Paul"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker"),
    ),
    "nl": (
        ("Sanne", "Daan", "Lotte", "Bram", "Emma", "Sem", "Fleur", "Ruben"),
        ("de Vries", "Jansen", "Bakker", "Visser", "Smit", "de Jong", "van Dijk"),
    ),
    "es": (
        ("Lucía", "Pablo", "Carmen", "Javier", "Marta", "Alejandro", "Elena", "Diego"),
        ("García", "Fernández", "López", "Martínez", "Sánchez", "Romero"),
    ),
}


# ======================================================================================
# Text banks
# ======================================================================================
# Slots in braces are filled per post (see Generator._slot). Prefixes: "R|" residents
# only, "V|" visitors only. Sentences ending with "?" are never used in reviews.

BANK: dict[str, dict[str, list[str]]] = {
    "patrimoine_chateaux": {
        "positive": [
            "Visite {du_lm} {moment}, c'est vraiment magnifique !",
            "On a passé l'après-midi {au_lm} {compagnie}, superbe de bout en bout.",
            "{lm} sous le soleil, j'en reviens toujours pas 😍",
            "Quelle claque en arrivant devant {lm}.",
            "Les salles, les cheminées, la vue… tout est incroyable {au_lm}.",
            "Guide passionnant {au_lm}, on a appris plein de choses sur la Renaissance.",
            "Franchement {lm} vaut largement le détour.",
            "Coup de cœur absolu pour {lm} ❤️",
            "R|Je ne me lasse pas {du_lm}, même après dix visites.",
            "Les enfants ont adoré, surtout les tours et les escaliers {du_lm}.",
            "Petite balade dans les ruelles autour {du_lm}, un vrai voyage dans le temps.",
            "Le coucher de soleil sur {lm}, c'est juste parfait.",
            "On est montés en haut des tours, vue de dingue sur {fleuve} !",
            "R|Patrimoine exceptionnel, on a de la chance d'avoir ça {a_ville}.",
            "Visite très bien organisée, personnel adorable et jardins superbes.",
            "Une merveille d'architecture, on ne sait plus où regarder.",
            "V|Premier château de notre séjour et déjà conquis par {lm}.",
            "Trop beau, on a pris cent photos {au_lm} 📸",
            "Visite nocturne {du_lm}, une ambiance magique à la lueur des bougies.",
        ],
        "negative": [
            "Déçus par la visite {du_lm}, beaucoup de salles fermées.",
            "{lm} en pleine restauration, on n'a presque rien vu 🙄",
            "Franchement pas terrible, la visite {du_lm} se fait en 40 minutes chrono.",
            "Aucune explication, presque aucun panneau, on s'est ennuyés {au_lm}.",
            "Des salles vides et des échafaudages partout, bof bof.",
            "On nous avait vendu {lm} comme incontournable, ça ne vaut pas le détour.",
            "Accueil glacial à l'entrée {du_lm}, dommage.",
            "L'audioguide ne marchait pas, impossible de suivre la visite.",
            "Franchement décevant pour un site aussi connu.",
            "Magnifique de l'extérieur mais l'intérieur est vide, quel dommage.",
            "Trop de monde dans les salles, on n'a rien pu voir {du_lm}.",
            "Les toilettes {du_lm} sont dans un état lamentable.",
            "Aucun accès pour les poussettes et personne pour nous aider, pas top.",
            "R|On laisse {lm} se dégrader depuis des années, c'est honteux.",
            "Visite guidée annulée sans prévenir, on a fait la route pour rien.",
        ],
        "neutral": [
            "Quelqu'un sait si {lm} est ouvert le lundi ?",
            "Visite {du_lm} prévue demain, des conseils ?",
            "{lm} en fin de journée.",
            "Il faut compter combien de temps pour visiter {lm} ?",
            "Visite {du_lm} ce week-end, correct sans plus.",
            "Les horaires {du_lm} ont changé pour l'hiver apparemment.",
            "Vue sur {lm} depuis {nat}.",
            "On hésite entre {lm} et un autre château pour demain, un avis ?",
            "Les Journées du patrimoine, {lm} est en accès libre cette année ?",
            "La visite guidée {du_lm} de {heure}, c'est réservable sur place ?",
            "Prévoir environ deux heures pour faire le tour {du_lm}.",
            "Visite libre ou guidée {au_lm}, vous conseillez quoi ?",
        ],
    },
    "vin_gastronomie": {
        "positive": [
            "Dégustation de {vin} dans une cave troglodyte, un régal 🍷",
            "On a craqué pour {mets}, une tuerie !",
            "Apéro {vin} et {mets} au bord de l'eau, la vie est belle.",
            "Le vigneron nous a fait goûter cinq cuvées, vraiment passionnant.",
            "Meilleur {vin} que j'aie bu depuis longtemps.",
            "Resto génial près {du_lm}, service aux petits soins.",
            "R|Le marché le samedi matin, c'est sacré : {mets} et un petit verre de {vin}.",
            "Mention spéciale pour {mets}, je recommande les yeux fermés.",
            "Rien de tel qu'un verre de {vin} en terrasse après une journée de visite.",
            "V|On repart avec six bouteilles de {vin} dans le coffre 😅",
            "Un {vin} bien frais en terrasse, quel bonheur.",
            "Déjeuner au top : {mets} puis une tarte maison.",
            "Petit resto découvert par hasard {a_ville}, on s'est régalés.",
            "Accueil chaleureux au domaine, le {vin} est une merveille.",
            "Les fromages du marché, {mets}, un verre de {vin} : le bonheur simple.",
        ],
        "negative": [
            "Resto hors de prix près {du_lm}, et franchement pas bon.",
            "Service d'une lenteur… 1h30 pour avoir nos plats.",
            "Le {vin} servi tiède, sérieusement ?",
            "Cave fermée alors qu'elle était annoncée ouverte, on a fait le déplacement pour rien.",
            "Piège à touristes, à éviter absolument.",
            "Pour {mets}, on repassera.",
            "Dégustation payante et expédiée en dix minutes, bof.",
            "Le serveur nous a pris de haut, jamais vu ça.",
            "Addition salée pour une cuisine très moyenne.",
            "Terrasse sympa mais la cuisine ne suit pas du tout.",
            "On a attendu 40 minutes pour un verre de {vin}, inadmissible.",
            "Plats réchauffés au micro-ondes, c'est nul pour ce prix-là.",
            "Carte réduite à trois plats et plus rien à 13h, pas sérieux.",
        ],
        "neutral": [
            "Vous conseillez quelle cave pour goûter du {vin} ?",
            "Un resto ouvert le dimanche soir {a_ville} ?",
            "Les vendanges ont commencé dans les vignes autour {de_ville}.",
            "Marché ce matin : {mets}, fromage et légumes du coin.",
            "Quelqu'un a testé le nouveau bistrot près {du_lm} ?",
            "Petit verre de {vin} en terrasse.",
            "On cherche un domaine qui fait des visites en anglais pour des amis.",
            "Table réservée pour samedi, on verra bien.",
            "Soirée dégustation de {vin} jeudi, il reste des places ?",
            "C'est quoi la spécialité du coin à part {mets} ?",
        ],
    },
    "velo_loire": {
        "positive": [
            "60 km {sur_velo} aujourd'hui, des paysages magnifiques 🚲",
            "Étape {de_ville} à vélo, pistes au top et super bien balisées.",
            "Rouler {bord_fleuve} au lever du soleil, rien de mieux.",
            "V|Vélos loués pour trois jours, on adore {velo} !",
            "Pique-nique {bord_fleuve} après 40 bornes, trop bien.",
            "R|Piste cyclable toute neuve, un vrai plaisir pour aller bosser.",
            "Les enfants ont fait leurs premiers kilomètres {sur_velo}, trop fiers !",
            "Balade à vélo jusqu'au château, génial.",
            "Itinéraire plat, ombragé, parfait pour les familles.",
            "Trois jours de vélo entre châteaux et vignes, le rêve.",
            "On a fait des tours et des détours le long {de_fleuve}, journée parfaite.",
            "Vélo, {vin} et coucher de soleil : vacances réussies.",
            "Super accueil chez le loueur, vélos nickel et conseils au top.",
            "R|Le dimanche matin, petite boucle à vélo {a_nat}, mon rituel.",
        ],
        "negative": [
            "Piste cyclable coupée sans déviation, on a fini sur la départementale 😡",
            "Aucun arceau pour garer son vélo près {du_lm}, c'est pas sérieux.",
            "Balisage inexistant sur ce tronçon, on s'est perdus deux fois.",
            "Loueur injoignable et vélo à plat dès le premier jour.",
            "R|Les voitures garées sur la piste cyclable, tous les jours la même chose.",
            "La piste est pleine de nids-de-poule, dangereux.",
            "Les vélos électriques loués étaient à moitié déchargés, bof.",
            "Impossible de monter avec les vélos dans le TER, pas de place.",
            "Partager la route avec les camions, très peu pour moi.",
            "Vélo volé devant {gare}, deuxième fois cette année.",
            "Piste inondée et boueuse, on a dû faire demi-tour.",
        ],
        "neutral": [
            "Quelqu'un connaît un loueur de vélos {a_ville} ?",
            "Combien de temps pour rejoindre {lm} à vélo depuis {gare} ?",
            "Étape du jour : {ville}, environ 45 km.",
            "La piste le long {de_fleuve} est praticable en ce moment ?",
            "On prévoit {velo} en juin, des conseils d'hébergement ?",
            "Parking vélos sécurisé près de {gare} ?",
            "Les trains acceptent les vélos en été ?",
            "Itinéraire du jour {sur_velo}, 38 km tranquilles.",
        ],
    },
    "festivals": {
        "positive": [
            "Ambiance de folie {au_fest} ce soir 🎉",
            "Trop contente d'avoir fait {fest}, vivement l'année prochaine !",
            "Programmation au top pour {fest}, bravo aux organisateurs.",
            "Quelle soirée {au_fest}, on a dansé jusqu'à 2h.",
            "Les bénévoles {du_fest} sont adorables, merci à eux.",
            "Une ville entière en fête, c'est ça qu'on aime {a_ville} !",
            "Concert génial, son parfait, public au top.",
            "On y retourne demain, trop bien !",
            "Rendez-vous l'an prochain, c'était magique ✨",
            "Le feu d'artifice {bord_fleuve}, magnifique 🎆",
            "Jamais vu autant de monde heureux au même endroit.",
            "Les enfants ont adoré {fest}, nous aussi.",
        ],
        "negative": [
            "Déçu par {fest} cette année, programmation très moyenne.",
            "45 minutes de queue pour une bière {au_fest}, non merci.",
            "Son pourri et scène trop petite, on est partis avant la fin.",
            "Annulation de dernière minute, remboursement toujours pas reçu 😤",
            "Trop de monde, impossible de circuler, pas terrible.",
            "R|Le bruit jusqu'à 3h du matin sous nos fenêtres, ras-le-bol.",
            "Billet à {prix_entree} pour ça ? Franchement non.",
            "Zéro toilettes, zéro ombre, zéro organisation.",
            "Plus aucune navette après minuit, on a dû rentrer à pied.",
            "Les prix des boissons {au_fest}, c'est du vol.",
        ],
        "neutral": [
            "Le programme {du_fest} est sorti.",
            "Quelqu'un va {au_fest} ce week-end ?",
            "Billetterie ouverte pour {fest}.",
            "Des infos sur les navettes pour {fest} ?",
            "Circulation modifiée pendant {fest} apparemment.",
            "Il reste des places pour {fest} ?",
            "Quels concerts vous conseillez {au_fest} ?",
            "Vivement {fest}, on a déjà nos billets.",
        ],
    },
    "transports_stationnement": {
        "negative": [
            "Encore {tc} en retard ce matin, 20 minutes à attendre 😡",
            "Trouver une place {a_quartier} après 19h, mission impossible.",
            "Le stationnement payant jusqu'à 19h, c'est du racket.",
            "Bouchons monstres sur {route}, 45 minutes pour faire 3 km.",
            "PV de 35 € pour 5 minutes de dépassement, merci la ville…",
            "{parking} complet un samedi, comme d'hab.",
            "Train supprimé sans prévenir, on attend tous {a_gare}.",
            "Pourquoi les bus ne passent plus après 21h ?",
            "Aucune place handicapé devant la pharmacie, c'est honteux.",
            "Les trottinettes garées n'importe comment sur {rue}, ras-le-bol.",
            "Plus de {prix_parking} la demi-journée {au_parking}, scandaleux.",
            "R|Ligne de bus supprimée {a_quartier}, on fait comment nous ?",
            "Correspondance ratée {a_gare}, deux heures à attendre le prochain train.",
            "R|Une heure pour traverser la ville en voiture, je craque.",
            "V|Impossible de se garer près {du_lm}, on a tourné une demi-heure.",
        ],
        "positive": [
            "R|Le parking relais est top, je prends {tc} tous les matins maintenant.",
            "Super pratique, {tc} jusqu'au centre en 10 minutes.",
            "Enfin des places vélo et voiture bien pensées {a_quartier}.",
            "Parking gratuit le samedi, merci la mairie 👍",
            "Navette jusqu'au château bien organisée, rien à redire.",
            "Train à l'heure et propre, ça arrive !",
            "V|Venir en train depuis Paris, facile et pas cher.",
        ],
        "neutral": [
            "Quelqu'un sait si {parking} est ouvert la nuit ?",
            "Horaires d'été pour {tc} à partir de lundi.",
            "On se gare où pour visiter {lm} ?",
            "Parking gratuit le dimanche {a_ville} ?",
            "Il y a une navette depuis {gare} ?",
            "Combien coûte le stationnement {a_quartier} ?",
            "Trafic perturbé sur {route} d'après l'appli.",
        ],
    },
    "travaux_nuisances": {
        "negative": [
            "R|Encore des travaux {de_rue}, ça fait trois mois que ça dure 🚧",
            "Marteau-piqueur à 7h du matin, merci pour le réveil…",
            "R|Chantier interminable {de_rue}, les commerçants trinquent.",
            "Déviation mal indiquée, tout le monde tourne en rond {a_quartier}.",
            "Le chantier devait finir en mars, on est en {mois} et rien n'avance.",
            "R|Poussière, bruit, bouchons : ras-le-bol des travaux {a_quartier} !",
            "R|Aucune info des riverains, c'est inadmissible.",
            "Trou dans la chaussée depuis des semaines, quelqu'un va finir par se blesser.",
            "R|Les cris jusqu'à 4h à la sortie des bars, encore une nuit blanche {a_quartier}.",
            "R|Les tags et les dépôts sauvages se multiplient {a_quartier}.",
            "R|Trois jours sans eau chaude à cause des travaux, honteux.",
            "Rue barrée sans prévenir, livraisons impossibles.",
            "Des travaux en plein été {a_ville}, qui a eu cette idée ?",
            "Ça fait des tours et des détours pour contourner le chantier, 20 minutes perdues.",
            "R|Les voisins font la fête tous les week-ends et personne ne dit rien.",
            "V|Tout le centre en travaux pendant nos vacances, pas de chance.",
        ],
        "positive": [
            "Enfin la fin des travaux {de_rue}, c'est vraiment plus joli.",
            "La nouvelle place est réussie, ça valait le coup d'attendre.",
            "Chantier terminé en avance, ça mérite d'être souligné 👏",
            "R|Les nouveaux trottoirs {a_quartier} sont top pour les poussettes.",
        ],
        "neutral": [
            "Travaux {de_rue} jusqu'à quand ?",
            "Quelqu'un sait ce qu'ils construisent {a_quartier} ?",
            "Coupure d'eau prévue demain matin {a_quartier}.",
            "Réunion publique sur les travaux jeudi à 18h30.",
            "Les travaux {de_rue} reprennent lundi apparemment.",
        ],
    },
    "prix_foule": {
        "negative": [
            "{prix_entree} l'entrée {du_lm}, ça commence à faire cher.",
            "Une foule pas possible {au_lm}, impossible de profiter.",
            "Trois cars de touristes en même temps, on ne voyait rien.",
            "Glace à {prix_glace}, on marche sur la tête.",
            "1h de queue pour entrer, pas terrible.",
            "Parking, entrée, resto : la journée nous a coûté une fortune.",
            "Tout est devenu hors de prix {a_ville} l'été.",
            "R|Les loyers ont explosé, les jeunes ne peuvent plus se loger ici.",
            "Bondé, bruyant, cher : on ne reviendra pas en août.",
            "{prix_verre} le verre de {vin} en terrasse, sérieux ?",
            "Des perches à selfie partout, on se croirait au Louvre.",
            "R|Le centre envahi de touristes tout l'été, on ne reconnaît plus notre ville.",
        ],
        "positive": [
            "Tarif famille vraiment intéressant, bravo.",
            "Venus hors saison, personne {au_lm}, un vrai bonheur.",
            "Billet combiné à prix correct, on a tout visité.",
            "Menu du jour à {prix_menu}, copieux et délicieux.",
            "Pas grand monde à l'ouverture, on a eu {lm} presque pour nous seuls.",
        ],
        "neutral": [
            "C'est combien l'entrée {du_lm} cette année ?",
            "Il y a du monde {au_lm} en semaine ?",
            "Mieux vaut réserver les billets en ligne ?",
            "Le billet famille vaut le coup ?",
            "Affluence record ce week-end d'après le gardien.",
        ],
    },
    "nature_fleuve": {
        "positive": [
            "Coucher de soleil sur {fleuve}, magnifique ☀️",
            "Balade {a_nat} ce matin, que du bonheur.",
            "On a vu {faune} {a_nat}, magique !",
            "Les bancs de sable {de_fleuve} en été, on ne s'en lasse pas.",
            "Pique-nique {a_nat}, le calme absolu.",
            "Guinguette {bord_fleuve}, les pieds dans le sable, parfait.",
            "R|Quelle chance d'avoir {nat} à deux pas de chez nous.",
            "Lumière incroyable sur {fleuve} ce soir.",
            "Les bords de l'eau au printemps, c'est vraiment magique.",
            "Sortie nature {a_nat}, on a compté plus de vingt espèces d'oiseaux.",
            "Brume du matin {bord_fleuve}, on dirait un tableau.",
        ],
        "negative": [
            "Déchets partout {a_nat} après le week-end, honteux.",
            "{fleuve} est au plus bas, ça fait mal au cœur.",
            "Les moustiques nous ont dévorés {a_nat} 😩",
            "Baignade interdite et aucun panneau pour expliquer pourquoi.",
            "Les sentiers sont impraticables, de la boue partout.",
            "Quads et motos sur les chemins, pas terrible pour la faune.",
            "Algues et odeurs {bord_fleuve}, dommage.",
            "R|Ils ont coupé les grands arbres {a_quartier}, plus une once d'ombre, triste.",
        ],
        "neutral": [
            "Quelqu'un sait si on peut se baigner {a_nat} ?",
            "Niveau {de_fleuve} assez bas en ce moment.",
            "Balade {a_nat} prévue dimanche, il faut des bottes ?",
            "Sortie ornitho {a_nat} samedi à 8h.",
            "Les guinguettes rouvrent quand cette année ?",
            "Brouillard sur {fleuve} ce matin.",
        ],
    },
    "vie_nocturne": {
        "positive": [
            "Soirée de folie {a_bar} hier 🍻",
            "Concert gratuit à la guinguette, ambiance au top.",
            "On a fini la nuit {a_bar}, trop bien.",
            "Super bar à cocktails découvert {a_ville}, je recommande.",
            "Les soirées d'été {bord_fleuve}, c'est vraiment ce que je préfère.",
            "Karaoké, fous rires et rillettes à minuit, soirée parfaite 😂",
            "Ambiance incroyable pour la Fête de la musique, toute la ville dansait !",
            "R|Afterwork en terrasse avec les collègues, le jeudi c'est sacré.",
        ],
        "negative": [
            "R|Tapage nocturne toutes les nuits {a_bar}, on n'en peut plus.",
            "Bagarre à la sortie des bars encore cette nuit, ça devient grave.",
            "Tout ferme à 22h {a_ville}, ville morte le soir.",
            "Videur désagréable et cocktails à {prix_verre}, bof.",
            "Bouteilles cassées dans les rues le dimanche matin, dégoûtant.",
            "Plus aucun bus après minuit, on rentre comment ?",
            "R|Musique à fond jusqu'à 3h un mardi, inadmissible.",
        ],
        "neutral": [
            "Un bar sympa ouvert tard {a_ville} ?",
            "On sort où ce soir ?",
            "Soirée étudiante jeudi {a_bar}.",
            "La guinguette est ouverte jusqu'à quelle heure ?",
            "Il se passe quoi ce week-end {a_ville} ?",
        ],
    },
    "services_publics": {
        "negative": [
            "R|Trois mois pour un rendez-vous pour la carte d'identité, c'est honteux.",
            "R|Encore une fermeture technique {de_serv}, ras-le-bol.",
            "V|Office de tourisme fermé un samedi de juillet, sérieusement ?",
            "V|Aucune poubelle sur le parking, les déchets s'entassent partout.",
            "R|Poubelles pas ramassées depuis dix jours {a_quartier} 🤢",
            "R|Personne ne décroche au standard de la mairie, jamais.",
            "R|Pas de place en crèche avant 2027, on fait comment ?",
            "R|Les horaires {de_serv} ont encore été réduits.",
            "R|Dépôts sauvages partout et aucune réponse de la mairie.",
            "R|Éclairage public en panne depuis trois semaines {a_quartier}, pas rassurant.",
            "R|Le site de la mairie plante dès qu'on veut faire une démarche.",
            "R|Une heure d'attente {a_serv} pour un simple papier.",
            "R|Les impôts locaux augmentent et les services diminuent.",
            "V|Toilettes publiques fermées partout, c'est la galère avec des enfants.",
            "R|La piscine fermée en plein mois d'août, qui décide de ça ?",
        ],
        "positive": [
            "R|Accueil au top {a_serv}, dossier réglé en 10 minutes.",
            "Merci aux agents qui ont nettoyé la rue si vite 👏",
            "R|La nouvelle médiathèque est superbe, bravo à la ville.",
            "R|Rendez-vous en ligne pour le passeport, super simple.",
            "R|Les horaires élargis {de_serv}, enfin !",
            "V|Des toilettes publiques propres et gratuites, ça mérite d'être signalé 👍",
            "V|Point info tourisme super efficace, plan et bons plans en deux minutes.",
            "V|L'office de tourisme nous a super bien conseillés, merci !",
        ],
        "neutral": [
            "R|Quelqu'un sait les horaires {de_serv} pendant les vacances ?",
            "R|Le ramassage des encombrants c'est quel jour {a_quartier} ?",
            "R|Comment on fait pour inscrire son enfant à la cantine ?",
            "R|Rendez-vous pris {a_serv} pour jeudi.",
            "R|La déchèterie est ouverte le lundi ?",
            "V|L'office de tourisme est ouvert le dimanche ?",
            "V|Il y a des toilettes publiques près {du_lm} ?",
            "V|Où trouver un distributeur de billets près {du_lm} ?",
        ],
    },
}

#: territory-specific sentences added to BANK (places named explicitly)
EXTRA: dict[tuple[str, str, str], list[str]] = {
    ("37261", "vie_nocturne", "positive"): [
        "Un cocktail à la Chambord en terrasse place Plum', parfait pour commencer la soirée 🍸",
        "Apéro rillettes-vouvray à la guinguette, le Tours qu'on aime.",
    ],
    ("37261", "travaux_nuisances", "negative"): [
        "Le chantier de la deuxième ligne de tram, ça va durer encore combien de temps ?",
        "Ils distribuent des amendes à tours de bras mais les travaux, eux, n'avancent pas.",
    ],
    ("37261", "transports_stationnement", "negative"): [
        "On distribue les PV à tours de bras {a_quartier} et toujours pas de parking relais.",
        "Le tram bondé à 8h, on se croirait dans le métro parisien.",
    ],
    ("37261", "patrimoine_chateaux", "positive"): [
        "Les deux tours de la cathédrale Saint-Gatien au coucher du soleil, je ne m'en lasse pas.",
        "Le cloître de la Psalette, un petit bijou caché à Tours.",
    ],
    ("37261", "nature_fleuve", "positive"): [
        "Guinguette, Loire et coucher de soleil : l'été à Tours, quoi.",
    ],
    ("41018", "patrimoine_chateaux", "positive"): [
        "Les tours de magie à la Maison de la Magie, les enfants étaient bluffés 🪄",
        "L'escalier François Ier du château royal de Blois, une merveille.",
        "Les dragons qui sortent des fenêtres de la Maison de la Magie, trop drôle !",
    ],
    ("41018", "festivals", "positive"): [
        "Trois jours de conférences aux Rendez-vous de l'histoire, passionnant du début à la fin.",
    ],
    ("72181", "festivals", "positive"): [
        "Quelques tours de piste avant la course, l'ambiance monte au circuit 🏁",
        "Nuit blanche au bord du circuit pour les 24 Heures, inoubliable !",
    ],
    ("72181", "festivals", "negative"): [
        "Camping des 24 Heures saturé, sanitaires dégoûtants, pas terrible cette année.",
    ],
    ("72181", "travaux_nuisances", "negative"): [
        "Le bruit des moteurs jusqu'à 3h du matin pendant les 24 Heures, chaque année pareil.",
    ],
    ("72181", "vie_nocturne", "positive"): [
        "Cocktail à la Chambord et rillettes du Mans, l'apéro parfait 😂",
    ],
    ("41034", "patrimoine_chateaux", "positive"): [
        "Monter sur les terrasses au milieu des tours et des cheminées de Chambord, vue "
        "incroyable 😍",
        "L'escalier à double révolution, on a fait trois tours pour comprendre le principe 😂",
        "Le vrai Chambord, pas celui de l'Eure 😄 Quel château !",
    ],
    ("41034", "nature_fleuve", "positive"): [
        "Le brame du cerf à la tombée de la nuit, des frissons partout.",
    ],
    ("41034", "prix_foule", "negative"): [
        "Le parking payant en plus de l'entrée, ça fait cher la journée à Chambord.",
    ],
    ("37003", "patrimoine_chateaux", "positive"): [
        "Les maquettes des machines de Léonard au Clos Lucé, fascinant pour petits et grands.",
        "Le tombeau de Léonard de Vinci dans la chapelle Saint-Hubert, très émouvant.",
    ],
    ("37072", "vin_gastronomie", "positive"): [
        "Dégustation de chinon dans les caves sous la forteresse, au frais en plein été 🍷",
    ],
    ("37072", "festivals", "positive"): [
        "Marché médiéval génial, tout le monde en costume, les enfants ont adoré.",
    ],
    ("37132", "patrimoine_chateaux", "positive"): [
        "Le donjon de Loches, un des mieux conservés de France, impressionnant.",
    ],
    ("36", "nature_fleuve", "positive"): [
        "Mille étangs, mille oiseaux : la Brenne au printemps, c'est magique 🐦",
        "Vue sur la Creuse depuis Gargilesse, on comprend pourquoi George Sand adorait ce coin.",
    ],
    ("36", "patrimoine_chateaux", "positive"): [
        "La maison de George Sand à Nohant, on s'attend presque à entendre Chopin au piano.",
    ],
    ("36", "transports_stationnement", "negative"): [
        "Encore un Paris-Limoges en retard, le POLT c'est une blague.",
        "Sans voiture dans l'Indre, tu ne vas nulle part.",
    ],
    ("36", "transports_stationnement", "positive"): [
        "Les bus gratuits à Châteauroux, franchement c'est top.",
    ],
}

REVIEW_EXTRA: dict[str, list[str]] = {
    "positive": [
        "Prévoir au moins deux heures pour tout voir.",
        "Personnel accueillant et souriant.",
        "Très bon rapport qualité-prix.",
        "Parking facile à proximité.",
        "À faire absolument si vous êtes dans la région.",
        "Les enfants comme les adultes y trouvent leur compte.",
        "Réservation en ligne simple et rapide.",
        "Nous avons été très bien reçus.",
    ],
    "negative": [
        "Rapport qualité-prix très décevant.",
        "Personnel peu aimable.",
        "Nous ne recommandons pas.",
        "Expérience à oublier.",
        "Dommage, le lieu a du potentiel.",
        "Aucune réponse à notre réclamation.",
    ],
    "neutral": [
        "Correct sans plus.",
        "Visite d'environ une heure et demie.",
        "Quelques points à améliorer.",
        "Rien d'exceptionnel mais agréable.",
        "Pensez à réserver en haute saison.",
    ],
}

OPENERS: dict[str, list[str]] = {
    "positive": [
        "Quelle journée !",
        "Coup de cœur ❤️",
        "Petit bonheur du jour :",
        "Waouh.",
        "Alors là…",
        "Enfin !",
        "Bonjour à tous,",
        "Trop contente !",
        "Salut !",
        "Coucou tout le monde !",
        "Journée parfaite.",
        "Ça fait du bien.",
    ],
    "negative": [
        "Sérieusement ?",
        "Alors là, bravo…",
        "Coup de gueule 😤",
        "Ras-le-bol.",
        "Franchement…",
        "Je craque.",
        "Encore !",
        "Bonjour,",
        "Petit coup de gueule.",
        "C'est une blague ?",
        "Je suis dégoûté.",
    ],
    "neutral": [
        "Info :",
        "Pour info,",
        "Question :",
        "Petit retour :",
        "Bon à savoir :",
        "Bonjour,",
        "Salut,",
        "Coucou,",
        "Hello !",
        "Petite question :",
    ],
}
CLOSERS: dict[str, list[str]] = {
    "positive": [
        "À refaire !",
        "Je recommande 👌",
        "Foncez !",
        "Vivement la prochaine fois.",
        "Merci pour ce moment.",
        "Bref, on a adoré.",
        "10/10.",
        "Que du bonheur.",
        "On en redemande !",
        "Merci à toute l'équipe.",
    ],
    "negative": [
        "Bref, très déçus.",
        "On ne reviendra pas.",
        "Lamentable.",
        "Ça suffit !",
        "Sérieusement…",
        "Bravo la gestion 👏🙄",
        "Merci pour rien.",
        "Honteux.",
        "Faut que ça change.",
        "Je suis à bout.",
    ],
    "neutral": [
        "À suivre.",
        "Si quelqu'un a l'info…",
        "Merci d'avance !",
        "Affaire à suivre.",
        "Voilà voilà.",
        "Merci !",
        "Bonne journée.",
    ],
}
CUES: dict[str, dict[str, list[str]]] = {
    "resident": {
        "positive": [
            "Fier d'être {demonym_one} ❤️",
            "Vivre {a_ville}, une chance au quotidien.",
            "C'est pour ça que j'aime mon quartier.",
            "Notre ville est belle, il faut le dire aussi !",
            "Chez nous, c'est comme ça qu'on aime la vie.",
            "Trente ans que j'habite {a_quartier} et je ne m'en lasse pas.",
        ],
        "negative": [
            "Notre ville mérite mieux.",
            "Je paie mes impôts ici pour ça ?",
            "Chez nous c'est toujours les mêmes qui trinquent.",
            "Depuis que j'habite {a_quartier}, je n'ai jamais vu ça.",
            "Et après on s'étonne que les gens quittent le centre…",
            "Mon quartier est abandonné par la mairie.",
            "Comme tous les matins, même galère.",
        ],
        "neutral": [
            "Comme tous les matins, même trajet.",
            "Info pour les voisins {a_quartier}.",
            "Je bosse {a_voisine} et j'y vais en vélo.",
            "{demonym} sauront de quoi je parle.",
            "Dans mon quartier, tout le monde en parle.",
            "Chez nous, on appelle ça le quotidien.",
        ],
    },
    "visitor": {
        "positive": [
            "On reviendra, c'est sûr !",
            "Séjour parfait {compagnie}.",
            "Week-end en amoureux réussi 💕",
            "Premières vacances dans le coin et sûrement pas les dernières.",
            "Merci {ville} pour l'accueil !",
            "De passage pour deux jours, on aurait dû rester plus longtemps.",
            "Petite escapade {depuis_home}, ça valait le coup.",
        ],
        "negative": [
            "Pour un week-end en amoureux, c'est raté.",
            "On était en vacances, pas là pour se faire arnaquer.",
            "De passage seulement, heureusement.",
            "Séjour gâché par ce genre de détail.",
            "On a fait la route {depuis_home} pour ça…",
        ],
        "neutral": [
            "De passage {a_ville} ce week-end.",
            "En vacances dans le coin pour la semaine.",
            "Petite escapade {depuis_home}.",
            "Séjour {compagnie} {a_region}.",
            "Jour {jour_n} de notre road trip.",
            "Premier séjour {a_region}.",
        ],
    },
}
#: share of the audience cues drawn from the misleading bank below
CROSS_CUE_RATE = 0.18
#: residents who post once in the year (their posting history is no evidence)
OCCASIONAL_RESIDENTS = 0.25
CROSS_CUES: dict[str, list[str]] = {
    "resident": [
        "Enfin en vacances… à la maison !",
        "Vacances scolaires : on reste ici, c'est très bien.",
        "Petit séjour chez ma sœur la semaine prochaine, mais d'abord ça.",
        "De passage au marché ce matin.",
        "On reviendra samedi avec les enfants.",
        "Week-end en amoureux sans quitter la ville 💕",
    ],
    "visitor": [
        "Chez nous on n'a pas ça, profitez-en !",
        "Comme chez nous, mais en plus beau.",
        "Notre ville devrait s'en inspirer.",
        "Dans mon quartier à la maison, c'est bien moins calme.",
        "On se sent comme chez nous ici.",
        "Comme tous les matins pendant ce séjour, café en terrasse.",
    ],
}
TRIP_CUES = [
    "Après {prev_ville} hier, on continue {a_ville} !",
    "Étape suivante : {ville} 🚗",
    "{prev_ville} hier, {ville} aujourd'hui 😍",
]
TIKTOK_HOOKS = {
    "positive": [
        "POV : tu découvres {lm} 😍",
        "Ce qu'on ne vous dit pas sur {ville} 👀",
        "Le spot le plus sous-coté {du_lm} 👇",
        "Storytime : notre week-end {a_ville} ✨",
        "Tu savais que {lm} cachait ça ?",
    ],
    "negative": [
        "POV : tu fais 2h de route pour ça 🙃",
        "Storytime : le pire moment du séjour 😬",
        "Ne faites pas cette erreur {a_ville} ⚠️",
    ],
    "neutral": [
        "Visite express {du_lm} ⏱️",
        "Combien coûte un week-end {a_ville} ?",
        "3 choses à savoir avant d'aller {a_ville} 👇",
    ],
}

EN: dict[str, dict[str, list[str]]] = {
    "patrimoine_chateaux": {
        "positive": [
            "Spent the afternoon at {lm_en}, absolutely stunning!",
            "The Loire Valley castles are unreal 😍 {lm_en} was our favourite.",
            "Took the guided tour of {lm_en}, loved every minute.",
            "Such a beautiful place, {lm_en} is a must-see.",
            "Climbed the towers for the view, breathtaking.",
        ],
        "negative": [
            "Way too crowded at {lm_en}, couldn't enjoy it.",
            "Half the rooms were closed, quite disappointing.",
            "Overpriced and underwhelming, sorry {lm_en}.",
        ],
        "neutral": [
            "Is {lm_en} open on Mondays?",
            "Any tips for visiting {lm_en}?",
            "Heading to {lm_en} tomorrow.",
        ],
    },
    "vin_gastronomie": {
        "positive": [
            "Wine tasting in {ville}, the {vin} was amazing 🍷",
            "Best goat cheese ever, try the local one!",
            "Lunch by the river with a glass of {vin}, perfect.",
        ],
        "negative": [
            "Tourist trap restaurant near {lm_en}, avoid.",
            "Waited an hour for our food, not great.",
        ],
        "neutral": [
            "Any wine cellar to recommend near {ville}?",
            "Where to eat in {ville} on a Sunday?",
        ],
    },
    "velo_loire": {
        "positive": [
            "Cycling the Loire à Vélo route, 50 km today and loving it 🚲",
            "Bike paths here are so well signposted!",
        ],
        "negative": [
            "Bike path closed with no detour sign, ended up on a busy road.",
            "Rented e-bikes with flat batteries, so annoying.",
        ],
        "neutral": ["Anyone know a bike rental in {ville}?", "Day 3 of our Loire bike trip."],
    },
    "festivals": {
        "positive": ["What a night at {fest_en}!", "Great vibes at the festival tonight 🎉"],
        "negative": ["The festival was so overcrowded, we left early."],
        "neutral": ["Anyone going to {fest_en} this weekend?"],
    },
    "transports_stationnement": {
        "positive": ["Train from Paris was quick and easy."],
        "negative": [
            "Train cancelled, stuck at the station for two hours 😩",
            "Parking near {lm_en} is a nightmare.",
        ],
        "neutral": ["Where do you park to visit {lm_en}?"],
    },
    "travaux_nuisances": {
        "positive": ["The new riverside promenade looks great."],
        "negative": ["Roadworks everywhere in {ville}, took ages to get through."],
        "neutral": ["Lots of construction in the town centre right now."],
    },
    "prix_foule": {
        "positive": ["Off-season visit, we had {lm_en} almost to ourselves."],
        "negative": [
            "€6 for a tiny ice cream?! Crazy prices.",
            "Queued for an hour to get in, not worth it.",
        ],
        "neutral": ["How much are tickets for {lm_en} these days?"],
    },
    "nature_fleuve": {
        "positive": ["Sunset over {fleuve_en}, magical ☀️", "Picnic by the river, so peaceful."],
        "negative": ["Litter everywhere along the river, sad to see."],
        "neutral": ["Can you swim in {fleuve_en}?"],
    },
    "vie_nocturne": {
        "positive": ["Lovely evening at a riverside guinguette 🍻"],
        "negative": ["Everything closes so early here."],
        "neutral": ["Any good bars in {ville}?"],
    },
    "services_publics": {
        "positive": ["Tourist office staff were super helpful!"],
        "negative": ["Public toilets closed everywhere, come on."],
        "neutral": ["Is the tourist office open on Sundays?"],
    },
}
EN_OPENERS = {
    "positive": [
        "Day {jour_n} of our Loire Valley trip!",
        "Greetings from {ville}!",
        "Weekend in {ville} 🇫🇷",
    ],
    "negative": ["Not impressed.", "Well…"],
    "neutral": ["Quick question:", "Weekend in {ville}."],
}
EN_CLOSERS = {
    "positive": ["Highly recommend!", "Can't wait to come back.", "10/10."],
    "negative": ["Would not go back.", "Such a shame."],
    "neutral": ["Thanks in advance!"],
}

#: German, Spanish and Dutch sentences (three themes, two tones)
OTHER_LANGS: dict[str, dict[tuple[str, str], list[str]]] = {
    "de": {
        ("patrimoine_chateaux", "positive"): [
            "Wunderschönes Schloss! {lm_en} ist ein Traum 😍",
            "Toller Tag im Loiretal, so viel Geschichte.",
        ],
        ("patrimoine_chateaux", "negative"): ["Viel zu voll und zu teuer, schade."],
        ("vin_gastronomie", "positive"): ["Leckerer Wein aus der Region 🍷 Prost aus {ville}!"],
        ("vin_gastronomie", "negative"): ["Das Essen war leider enttäuschend."],
        ("velo_loire", "positive"): ["Radtour an der Loire, herrlich! 🚲"],
        ("velo_loire", "negative"): ["Radweg gesperrt, keine Umleitung. Ärgerlich."],
    },
    "es": {
        ("patrimoine_chateaux", "positive"): [
            "¡Qué maravilla {lm_en}! 😍",
            "El valle del Loira es precioso.",
        ],
        ("patrimoine_chateaux", "negative"): ["Demasiada gente, una pena."],
        ("vin_gastronomie", "positive"): ["Vino buenísimo y queso de cabra increíble en {ville}."],
        ("vin_gastronomie", "negative"): ["Comida cara y mala, no lo recomiendo."],
        ("velo_loire", "positive"): ["Ruta en bici por el Loira, ¡genial! 🚲"],
        ("velo_loire", "negative"): ["Carril bici cortado sin desvío, fatal."],
    },
    "nl": {
        ("patrimoine_chateaux", "positive"): [
            "Prachtig kasteel, {lm_en} is echt een aanrader!",
            "Wat een mooie dag in de Loirevallei.",
        ],
        ("patrimoine_chateaux", "negative"): ["Veel te druk en te duur."],
        ("vin_gastronomie", "positive"): ["Heerlijke wijn geproefd in {ville} 🍷"],
        ("vin_gastronomie", "negative"): ["Eten was duur en niet lekker."],
        ("velo_loire", "positive"): ["Fietsen langs de Loire, genieten! 🚲"],
        ("velo_loire", "negative"): ["Fietspad afgesloten zonder omleiding."],
    },
}
OTHER_OPENERS = {
    "de": ["Tag {jour_n} unserer Reise:", "Grüße aus {ville}!"],
    "es": ["Día {jour_n} en el Valle del Loira:", "¡Saludos desde {ville}!"],
    "nl": ["Dag {jour_n} van onze roadtrip:", "Groetjes uit {ville}!"],
}

#: institutional posts: theme -> [(tone, template)]
INST_BANK: dict[str, list[tuple[str, str]]] = {
    "patrimoine_chateaux": [
        ("neutral", "🏰 Ce week-end, {lm} vous ouvre ses portes. Programme complet : {url}"),
        (
            "neutral",
            "Visites guidées {du_lm} tous les samedis à {heure}. Réservation conseillée : {url}",
        ),
        (
            "positive",
            "📸 Merci à @{user} pour cette superbe photo {du_lm} ! Partagez vos "
            "clichés avec #{tag}",
        ),
        (
            "neutral",
            "Nouvelle exposition {au_lm} à partir du {date}. Entrée libre pour les "
            "moins de 26 ans.",
        ),
        (
            "positive",
            "Visite nocturne {du_lm} tous les vendredis de l'été ✨ Un moment "
            "magique à ne pas manquer !",
        ),
        (
            "neutral",
            "Journées européennes du patrimoine : découvrez {lm} autrement les 20 et "
            "21 septembre. {url}",
        ),
        ("positive", "Quelle lumière ce matin sur {lm} ☀️ Belle journée à tous !"),
    ],
    "vin_gastronomie": [
        (
            "neutral",
            "🍷 Les caves ouvrent leurs portes ce week-end : dégustations de {vin} et "
            "animations. Infos : {url}",
        ),
        ("neutral", "Marché de producteurs samedi matin : {mets}, fromages et vins du terroir."),
        ("positive", "Le saviez-vous ? {mets}, c'est l'une des fiertés de notre territoire 😋"),
    ],
    "velo_loire": [
        ("neutral", "🚲 {velo} : itinéraires, loueurs et hébergements labellisés sur {url}"),
        ("neutral", "Nouvelle piste cyclable {de_rue} ouverte à partir du {date}."),
        ("positive", "Plus de 800 km de {velo} à découvrir cet été, à votre rythme 🚴"),
    ],
    "festivals": [
        ("neutral", "📢 Retrouvez le programme complet {du_fest} sur {url}"),
        ("neutral", "J-7 avant {fest} ! Billetterie ouverte : {url}"),
        ("positive", "Merci à toutes et à tous d'être venus si nombreux {au_fest} 🎉"),
        (
            "neutral",
            "Pendant {fest}, la circulation sera modifiée dans le centre-ville. "
            "Plan des déviations : {url}",
        ),
        ("positive", "Quelle ambiance hier soir {au_fest} ! Rendez-vous ce soir pour la suite 🎶"),
    ],
    "transports_stationnement": [
        ("neutral", "🚗 Stationnement gratuit le samedi en décembre dans les parkings du centre."),
        ("neutral", "⚠️ Trafic perturbé sur {rue} jusqu'à {heure} en raison d'un accident."),
        (
            "neutral",
            "Info circulation : perturbations {du_tc} dimanche sur une partie de la ligne. {url}",
        ),
        ("neutral", "Nouveaux horaires {du_tc} à partir du {date} : {url}"),
    ],
    "travaux_nuisances": [
        (
            "neutral",
            "🚧 Travaux : la circulation sera interdite sur {rue} du {date} au {date2}. "
            "Déviation mise en place.",
        ),
        (
            "neutral",
            "🚧 Les travaux {de_rue} avancent : fin prévue en {mois_fin}. Merci pour "
            "votre patience.",
        ),
        ("neutral", "Réunion d'information pour les riverains {a_quartier} le {date} à 18h30."),
        (
            "negative",
            "⚠️ Coupure d'eau {a_quartier} ce {date} de 8h à 12h suite à une fuite. "
            "Nos équipes interviennent.",
        ),
    ],
    "prix_foule": [
        ("neutral", "Billet famille à tarif réduit pour visiter {lm} tout l'été. {url}"),
        ("neutral", "Forte affluence attendue ce week-end {au_lm} : pensez à réserver en ligne."),
    ],
    "nature_fleuve": [
        ("neutral", "🌿 Sortie nature gratuite {a_nat} samedi, inscription obligatoire : {url}"),
        ("positive", "Opération nettoyage {bord_fleuve} dimanche à 10h, venez nombreux ! 💪"),
        ("neutral", "⚠️ Baignade interdite dans {fleuve} : courants dangereux."),
        ("positive", "Le printemps {a_nat} 🌸 Profitez de nos espaces naturels !"),
    ],
    "vie_nocturne": [
        ("positive", "Les guinguettes sont de retour {bord_fleuve} ! 🎶"),
        (
            "neutral",
            "Rappel : le tapage nocturne est verbalisable. Respectons le sommeil de nos voisins 🌙",
        ),
    ],
    "services_publics": [
        (
            "neutral",
            "📢 La mairie sera fermée le {date}. Les démarches en ligne restent "
            "accessibles : {url}",
        ),
        ("neutral", "Inscriptions scolaires ouvertes jusqu'au {date} : {url}"),
        ("neutral", "Collecte des déchets : pas de changement le jour férié."),
        ("neutral", "Nouveau : prenez rendez-vous en ligne pour vos papiers d'identité {url}"),
        ("positive", "La piscine rouvre ses portes lundi après sa rénovation 🏊"),
        ("neutral", "Conseil municipal jeudi à 18h, en direct sur notre chaîne : {url}"),
    ],
}

MEDIA_BANK: list[tuple[str, str, str]] = [
    (
        "travaux_nuisances",
        "neutral",
        "{ville} : les travaux {de_rue} prolongés jusqu'en {mois_fin} {url}",
    ),
    (
        "travaux_nuisances",
        "negative",
        "{ville} : excédés par le bruit, des riverains {a_quartier} lancent une pétition {url}",
    ),
    (
        "prix_foule",
        "neutral",
        "Fréquentation record {au_lm} cet été selon les premiers chiffres {url}",
    ),
    ("prix_foule", "negative", "Locations saisonnières : les loyers flambent {a_ville} {url}"),
    ("festivals", "neutral", "{fest} : ce qu'il faut savoir avant d'y aller {url}"),
    ("festivals", "positive", "{fest} : un bilan très positif pour les organisateurs {url}"),
    (
        "transports_stationnement",
        "neutral",
        "Le prix du stationnement augmente {a_ville} au 1er {mois_fin} {url}",
    ),
    (
        "transports_stationnement",
        "negative",
        "Trains supprimés : la colère des usagers {du_tc} {url}",
    ),
    (
        "vin_gastronomie",
        "positive",
        "Vendanges : les vignerons de l'appellation {vin} satisfaits du millésime {url}",
    ),
    ("velo_loire", "positive", "{velo} : une fréquentation en hausse cette année {url}"),
    (
        "vie_nocturne",
        "negative",
        "Nuisances nocturnes : la mairie {de_ville} envisage un arrêté {url}",
    ),
    ("services_publics", "neutral", "Piscine, médiathèque : les horaires d'été {a_ville} {url}"),
    (
        "services_publics",
        "negative",
        "Crèches : des dizaines de familles sur liste d'attente {a_ville} {url}",
    ),
    ("nature_fleuve", "neutral", "Sécheresse : le niveau {de_fleuve} inquiète {url}"),
    (
        "patrimoine_chateaux",
        "positive",
        "{lm} : les travaux de restauration dévoilent des trésors {url}",
    ),
    (
        "patrimoine_chateaux",
        "neutral",
        "{lm} : ce qui change pour les visiteurs cette saison {url}",
    ),
]

BUSINESS_BANK: dict[str, list[tuple[str, str, str]]] = {
    "vin": [
        (
            "vin_gastronomie",
            "positive",
            "🍷 Portes ouvertes au domaine ce week-end : dégustation gratuite de notre {vin} !",
        ),
        ("vin_gastronomie", "positive", "Nouvelle cuvée de {vin} disponible à la cave 🍇"),
        ("festivals", "neutral", "Retrouvez-nous {au_fest} sur notre stand !"),
        ("nature_fleuve", "positive", "Les vignes au petit matin, on ne s'en lasse pas 🌅"),
    ],
    "restaurant": [
        ("vin_gastronomie", "positive", "Le plat du {jour_semaine} : {mets} 😋"),
        (
            "vin_gastronomie",
            "positive",
            "Terrasse ouverte ! {mets} et un verre de {vin} vous attendent ☀️",
        ),
        ("festivals", "neutral", "Pendant {fest}, la cuisine reste ouverte jusqu'à minuit !"),
        (
            "vie_nocturne",
            "positive",
            "Ce {jour_semaine} soir concert live à partir de {heure_soir} 🎶",
        ),
    ],
    "bar": [
        (
            "vie_nocturne",
            "positive",
            "Ce {jour_semaine} soir concert live dès {heure_soir} 🎶 Happy hour jusqu'à 21h !",
        ),
        ("vie_nocturne", "positive", "Nouveau cocktail de la semaine : le Ligérien 🍸"),
        ("festivals", "positive", "Fête de la musique : scène ouverte devant le bar dès 19h !"),
        ("vin_gastronomie", "neutral", "Planche de {mets} et verre de {vin} à partager 😋"),
    ],
    "hotel": [
        (
            "patrimoine_chateaux",
            "positive",
            "Chambre avec vue sur {lm} 😍 Réservez en direct pour le meilleur tarif.",
        ),
        ("festivals", "neutral", "Il nous reste quelques chambres pour {fest} !"),
        ("nature_fleuve", "positive", "Réveil {bord_fleuve} ce matin ☀️"),
        (
            "velo_loire",
            "positive",
            "Hôtel Accueil Vélo : garage sécurisé et petit-déjeuner copieux pour les cyclistes 🚲",
        ),
    ],
    "velo": [
        (
            "velo_loire",
            "positive",
            "🚲 Location de vélos à la journée ou à la semaine, "
            "livraison possible à votre hébergement : {url}",
        ),
        ("velo_loire", "positive", "Suivez {velo} avec nos vélos électriques, c'est parti !"),
        ("nature_fleuve", "positive", "Balade guidée à vélo {bord_fleuve} samedi 10h 🌿"),
        ("velo_loire", "neutral", "Horaires d'hiver : ouverts du mercredi au dimanche."),
    ],
}

#: conversation replies: reaction + detail, keyed by the parent's tone -> [(tone, text)]
REPLY_REACT: dict[str, list[tuple[str, str]]] = {
    "negative": [
        ("negative", "Carrément d'accord."),
        ("negative", "+1"),
        ("negative", "Pareil."),
        ("negative", "Idem."),
        ("negative", "Tellement vrai…"),
        ("negative", "Ah ça…"),
        ("negative", "Je confirme."),
        ("negative", "C'est clair."),
        ("negative", "Toujours la même histoire."),
        ("negative", "Grave."),
        ("neutral", "Ah bon ?"),
        ("negative", "Ras-le-bol aussi."),
        ("negative", "Pfff."),
        ("negative", "Incroyable qu'on en soit encore là."),
    ],
    "positive": [
        ("positive", "Trop beau 😍"),
        ("positive", "Magnifique !"),
        ("positive", "Superbe photo."),
        ("positive", "Ça donne envie !"),
        ("positive", "Jalouse 😍"),
        ("positive", "Waouh."),
        ("positive", "Sublime."),
        ("positive", "Canon !"),
        ("positive", "Trop bien !"),
        ("positive", "J'adore."),
        ("positive", "Top !"),
        ("positive", "Génial 👏"),
    ],
    "neutral": [
        ("neutral", "Merci pour l'info !"),
        ("neutral", "Bon à savoir."),
        ("neutral", "Bonne question."),
        ("neutral", "Aucune idée."),
        ("neutral", "Ah tiens."),
        ("neutral", "Merci !"),
        ("neutral", "Hello,"),
        ("neutral", "Salut,"),
    ],
    "thanks": [
        ("positive", "Merci pour la réponse rapide 👍"),
        ("negative", "Toujours rien depuis, on attend…"),
        ("neutral", "Merci, j'ai fait le signalement."),
        ("negative", "Ça fait trois fois qu'on me répond ça."),
        ("positive", "Merci, c'est réparé !"),
        ("positive", "Merci beaucoup !"),
        ("negative", "On verra bien…"),
        ("neutral", "C'est noté."),
    ],
}
REPLY_DETAIL: dict[str, list[tuple[str, str]]] = {
    "negative": [
        ("negative", "Pareil {a_quartier}, ça devient grave."),
        ("negative", "Ça fait des mois que ça dure {a_quartier}."),
        ("neutral", "Il faut le signaler à la mairie, sinon rien ne bouge."),
        ("neutral", "Tu as essayé de passer par {rue} ?"),
        ("neutral", "T'inquiète, ça va s'arranger."),
        ("neutral", "Ils ont dit fin des travaux en {mois_fin}."),
        ("positive", "Faut pas exagérer non plus, c'est pas si mal."),
        ("neutral", "C'est pareil partout malheureusement."),
        ("negative", "Et personne ne réagit."),
        ("negative", "J'ai écrit à la mairie, aucune réponse."),
        ("negative", "On devrait lancer une pétition."),
        ("negative", "Même galère {a_gare} la semaine dernière."),
        ("negative", "Et le pire, c'est le week-end."),
        ("neutral", "Courage 💪"),
        ("negative", "On paie pour quoi exactement ?"),
        ("negative", "Hier c'était pire {a_quartier}."),
    ],
    "positive": [
        ("positive", "On y était {moment}, trop bien !"),
        ("positive", "Un de mes coins préférés {a_ville} ❤️"),
        ("positive", "Il faut absolument goûter {mets} la prochaine fois."),
        ("neutral", "Tu conseilles quelle cave ?"),
        ("neutral", "C'était quel jour ?"),
        ("neutral", "C'est combien l'entrée ?"),
        ("positive", "On y va {compagnie} le mois prochain !"),
        ("positive", "Merci pour le partage."),
        ("negative", "Perso j'ai trouvé ça bof."),
        ("neutral", "Vous avez vu {lm} ?"),
        ("positive", "La vue depuis {nat} est top aussi."),
        ("positive", "Ça me rappelle mes vacances {a_region}."),
        ("neutral", "C'est où exactement ?"),
    ],
    "neutral": [
        ("neutral", "Je crois que c'est fermé le lundi."),
        ("neutral", "Il y a un parking gratuit près de {gare}."),
        ("neutral", "Regarde sur le site de l'office de tourisme."),
        ("neutral", "Je me pose la même question."),
        ("neutral", "Demande à la mairie {de_ville}."),
        ("neutral", "C'est ouvert jusqu'à {heure} il me semble."),
        ("neutral", "Il y a une navette depuis {gare}."),
        ("positive", "On y était {moment}, c'était top."),
        ("neutral", "Aucune idée, désolé."),
        ("neutral", "Je te dis ça demain."),
        ("neutral", "Il me semble que c'est gratuit le dimanche."),
    ],
    "thanks": [
        ("neutral", "C'est {a_quartier}."),
        ("neutral", "C'est au niveau {de_rue}."),
        ("negative", "Ça dure depuis {mois}."),
        ("neutral", "J'envoie la photo en MP."),
        ("positive", "Bonne journée à vous aussi."),
    ],
}
INST_REPLY_HEAD = [
    "Bonjour,",
    "Bonjour {prenom},",
    "Bonsoir,",
    "Bonjour et merci pour votre message.",
]
INST_REPLY_BODY = [
    "Merci pour votre signalement. Nos services sont informés et vont intervenir rapidement.",
    "Nous transmettons votre message au service concerné.",
    "Les travaux {de_rue} doivent se terminer fin {mois_fin}. Merci de votre patience.",
    "Pouvez-vous nous envoyer la localisation exacte en message privé ?",
    "Vous pouvez aussi faire un signalement via l'appli de la ville.",
    "Une équipe passera dans la journée.",
    "Nous comprenons votre agacement. Le nécessaire est fait.",
    "Le stationnement est gratuit entre 12h et 14h dans les parkings du centre.",
    "Un agent va prendre contact avec vous.",
    "L'information a été remontée aux services techniques.",
]
INST_REPLY_TAIL = [
    "Bonne journée.",
    "Belle journée à vous.",
    "Cordialement.",
    "",
    "Bonne soirée.",
    "L'équipe web",
]
OWNER_REPLY = {
    "positive": [
        "Merci beaucoup pour ce joli commentaire !",
        "Merci pour votre visite et pour votre note !",
        "Un grand merci, toute l'équipe est ravie.",
        "Quel plaisir de lire votre avis !",
        "Merci pour ces mots qui nous touchent.",
    ],
    "neutral": [
        "Merci pour votre retour, nous en tenons compte.",
        "Merci d'avoir pris le temps de laisser un avis.",
        "Merci pour vos remarques constructives.",
    ],
    "negative": [
        "Nous sommes désolés que votre expérience n'ait pas été à la hauteur.",
        "Merci pour votre retour. Le samedi est notre journée la plus chargée, nous "
        "travaillons à réduire l'attente.",
        "Nous avons transmis vos remarques à l'équipe.",
        "Nous regrettons sincèrement ce moment décevant.",
        "Votre retour nous surprend, ce n'est pas dans nos habitudes.",
    ],
}
OWNER_MIDDLE = [
    "Nous espérons vous revoir bientôt {a_ville}.",
    "Votre avis compte beaucoup pour nous.",
    "Nous avons partagé votre commentaire avec toute l'équipe.",
    "N'hésitez pas à nous contacter directement pour en parler.",
    "Le {vin} du moment vous attend pour votre prochaine visite !",
    "Toute l'équipe vous remercie.",
]
OWNER_TAIL = [
    "Au plaisir de vous accueillir à nouveau.",
    "À bientôt !",
    "La direction.",
    "Cordialement, l'équipe.",
    "Belle journée.",
    "À très bientôt {a_ville} !",
]
RELAY = [
    "À partager 👇",
    "Info importante pour {demonym}",
    "Pour celles et ceux {a_quartier} 👇",
    "Enfin !",
    "On y sera 🎉",
    "Qui vient avec moi ?",
    "Bon à savoir.",
    "Encore des travaux…",
    "Super initiative 👏",
    "Tous {au_fest} !",
    "À lire.",
    "Ça promet…",
    "Merci pour l'info.",
    "Faites passer.",
    "Pour ceux qui passent par {rue}.",
    "Ça concerne {quartier} ?",
    "Je partage pour {demonym}.",
    "Très bonne nouvelle !",
    "Il était temps…",
    "Regardez ça 👀",
    "C'est noté 👍",
    "Ah enfin {a_ville} !",
]
INST_SUFFIX = [
    "Plus d'infos : {url}",
    "Toutes les infos : {url}",
    "👉 {url}",
    "Bon week-end à tous !",
    "Merci de votre compréhension.",
    "Partagez autour de vous !",
    "#{tag}",
    "Infos : {url}",
    "Belle journée à tous !",
    "Le détail sur notre site : {url}",
    "Plus d'informations en mairie.",
]

#: burst sentences: (audience group, theme, tone, text)
FLOOD: list[tuple[str, str, str, str]] = [
    (
        "resident",
        "nature_fleuve",
        "negative",
        "La Loire est sortie de son lit, les quais sont sous l'eau 😱",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "Le pont Jacques-Gabriel fermé à la circulation, 1h pour traverser Blois.",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "Quartier Vienne : les caves sont inondées chez nous, et personne pour nous aider.",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "Routes coupées partout autour de Blois, on fait comment pour bosser ?",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "Sacs de sable devant la porte depuis hier soir, on croise les doigts 🙏",
    ),
    (
        "resident",
        "services_publics",
        "negative",
        "Vigilance orange crue et toujours aucune info claire de la mairie, inadmissible.",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "La levée est fermée, les bus Azalys ne passent plus {a_quartier}.",
    ),
    (
        "resident",
        "services_publics",
        "negative",
        "Écoles fermées à Vienne demain, encore une fois les familles se débrouillent.",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "L'eau monte encore, 4,80 m à l'échelle de Blois ce matin.",
    ),
    ("resident", "nature_fleuve", "negative", "Jamais vu la Loire aussi haute depuis 2016."),
    (
        "resident",
        "services_publics",
        "negative",
        "Plus d'électricité dans le bas de la rue depuis cette nuit à cause de la crue.",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "Les quais fermés, les parkings évacués, c'est le chaos en ville.",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "Cave pleine d'eau, chaudière noyée, on est à bout avec cette inondation.",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "Aucune navette alors que le pont est fermé, honteux.",
    ),
    (
        "resident",
        "services_publics",
        "negative",
        "Les pompiers font ce qu'ils peuvent mais la mairie est où pendant la crue ?",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "Inondation dans le quartier Vienne : l'eau est entrée dans le garage cette nuit 😭",
    ),
    (
        "resident",
        "transports_stationnement",
        "negative",
        "Pont fermé, levée fermée, bus déviés : 2h pour aller au boulot, ras-le-bol de cette crue.",
    ),
    (
        "resident",
        "services_publics",
        "negative",
        "Ramassage des poubelles annulé à Vienne à cause de la crue, ça commence à sentir.",
    ),
    (
        "resident",
        "nature_fleuve",
        "negative",
        "La Loire monte encore, les quais sont sous l'eau et on nous dit de rester calmes…",
    ),
    (
        "resident",
        "services_publics",
        "negative",
        "Évacuation demandée à 22h, sans solution de relogement, c'est honteux.",
    ),
    (
        "resident",
        "nature_fleuve",
        "neutral",
        "Photos de la crue depuis le pont Charles-de-Gaulle, impressionnant.",
    ),
    ("resident", "nature_fleuve", "neutral", "La Loire à 4,50 m ce matin, ça monte doucement."),
    (
        "resident",
        "transports_stationnement",
        "neutral",
        "Quelqu'un sait si le pont Jacques-Gabriel rouvre demain ?",
    ),
    ("resident", "nature_fleuve", "neutral", "Point Vigicrues : pic de crue attendu cette nuit."),
    (
        "resident",
        "nature_fleuve",
        "positive",
        "Bravo aux pompiers et aux bénévoles, solidarité incroyable dans le quartier Vienne 💪",
    ),
    (
        "institution",
        "transports_stationnement",
        "neutral",
        "⚠️ CRUE DE LA LOIRE : le pont "
        "Jacques-Gabriel est fermé jusqu'à "
        "nouvel ordre. Déviation par le pont "
        "Charles-de-Gaulle.",
    ),
    (
        "institution",
        "nature_fleuve",
        "neutral",
        "⚠️ Vigilance orange crue : les quais de Loire "
        "sont fermés. Ne vous approchez pas des berges.",
    ),
    (
        "institution",
        "services_publics",
        "neutral",
        "📢 Crue : distribution de sacs de sable au centre technique municipal de 8h à 18h.",
    ),
    (
        "institution",
        "nature_fleuve",
        "neutral",
        "Point de situation crue à {heure} : la Loire atteint 4,70 m à l'échelle de Blois. {url}",
    ),
    (
        "institution",
        "services_publics",
        "neutral",
        "Crue : les écoles du quartier Vienne seront fermées demain. Accueil organisé en mairie.",
    ),
    (
        "institution",
        "transports_stationnement",
        "neutral",
        "Crue : les bus Azalys sont déviés, infos trafic {url}",
    ),
    (
        "media",
        "nature_fleuve",
        "neutral",
        "Crue de la Loire : Blois sous surveillance, le pont Jacques-Gabriel fermé {url}",
    ),
    (
        "media",
        "nature_fleuve",
        "negative",
        "EN DIRECT – Crue : la Loire atteint 4,80 m à Blois, des habitants évacués {url}",
    ),
    ("media", "nature_fleuve", "negative", "Crue : le quartier Vienne les pieds dans l'eau {url}"),
    (
        "media",
        "nature_fleuve",
        "neutral",
        "Crue de la Loire : les images impressionnantes des quais de Blois {url}",
    ),
    (
        "media",
        "transports_stationnement",
        "negative",
        "Crue : routes coupées et pont fermé, Blois paralysée {url}",
    ),
    (
        "media",
        "services_publics",
        "negative",
        "Crue de la Loire : la colère des sinistrés du quartier Vienne {url}",
    ),
    (
        "outsider",
        "nature_fleuve",
        "neutral",
        "Courage aux Blésois 💙 la crue de la Loire ne rigole pas.",
    ),
    (
        "outsider",
        "nature_fleuve",
        "negative",
        "Les images de la crue à Blois font peur, quartier Vienne sous l'eau, terrible.",
    ),
    (
        "outsider",
        "transports_stationnement",
        "negative",
        "Bloqués sur la route : tous les ponts de Blois fermés ou saturés à cause de la crue 😡",
    ),
    (
        "outsider",
        "nature_fleuve",
        "negative",
        "Mes parents sont inondés à Blois, la cave et le garage sous l'eau, quel cauchemar.",
    ),
    (
        "outsider",
        "nature_fleuve",
        "negative",
        "Week-end à Blois annulé à cause de la crue, dommage.",
    ),
    (
        "outsider",
        "nature_fleuve",
        "neutral",
        "Pensées pour Blois et les habitants du quartier Vienne face à l'inondation.",
    ),
]
FESTIVAL_FAIL: list[tuple[str, str, str, str]] = [
    (
        "public",
        "festivals",
        "negative",
        "2h de queue à l'entrée des Rives Électriques, sous 35°C, sans eau. Honteux.",
    ),
    (
        "public",
        "festivals",
        "negative",
        "Plus d'eau aux buvettes dès 19h, des gens font des malaises, l'orga est où ???",
    ),
    (
        "public",
        "festivals",
        "negative",
        "Concert de la tête d'affiche ANNULÉ à 23h sans explication 😡",
    ),
    (
        "public",
        "prix_foule",
        "negative",
        "Jauge complètement dépassée, on ne pouvait plus bouger devant la grande scène.",
    ),
    (
        "public",
        "transports_stationnement",
        "negative",
        "Navettes saturées, 1h30 pour rentrer à 3h du matin après les Rives Électriques.",
    ),
    ("public", "prix_foule", "negative", "On veut être remboursés. 65 € le pass pour ça ?"),
    ("public", "festivals", "negative", "Toilettes inutilisables dès le premier soir, dégoûtant."),
    (
        "public",
        "transports_stationnement",
        "negative",
        "Les bouchons autour de la Gloriette, tout Tours Sud bloqué.",
    ),
    ("public", "festivals", "negative", "Jamais vu une organisation aussi nulle, plus jamais."),
    (
        "public",
        "prix_foule",
        "negative",
        "Cashless en panne, impossible de payer une bouteille d'eau à 5 €.",
    ),
    (
        "public",
        "festivals",
        "negative",
        "Bousculade à la sortie, on a eu très peur avec les enfants.",
    ),
    ("public", "festivals", "neutral", "Quelqu'un sait si le concert annulé sera reprogrammé ?"),
    (
        "public",
        "festivals",
        "neutral",
        "Conseil pour demain : venez avec une gourde, il n'y a plus d'eau.",
    ),
    (
        "public",
        "transports_stationnement",
        "neutral",
        "Les navettes repartent de la gare à quelle heure ce soir ?",
    ),
    (
        "public",
        "festivals",
        "positive",
        "Malgré le chaos, le set de dimanche sur la prairie était incroyable.",
    ),
    (
        "institution",
        "festivals",
        "neutral",
        "📢 Rives Électriques : la Ville demande aux "
        "organisateurs un plan d'action immédiat (points "
        "d'eau, jauge, navettes).",
    ),
    (
        "institution",
        "festivals",
        "neutral",
        "Points d'eau supplémentaires installés prairie de la Gloriette à partir de 14h.",
    ),
    (
        "institution",
        "transports_stationnement",
        "neutral",
        "Rives Électriques : l'avenue de Grammont est fermée ce soir, suivez les déviations. {url}",
    ),
    (
        "media",
        "festivals",
        "negative",
        "Festival Rives Électriques : chaleur, files d'attente et "
        "concert annulé, la colère des festivaliers {url}",
    ),
    (
        "media",
        "festivals",
        "neutral",
        "Rives Électriques : l'organisateur promet des remboursements partiels {url}",
    ),
    (
        "media",
        "festivals",
        "negative",
        "Rives Électriques : le fiasco du week-end en cinq questions {url}",
    ),
    (
        "public",
        "prix_foule",
        "negative",
        "Des heures debout, serrés comme des sardines, et "
        "même plus d'eau. Les Rives Électriques, plus jamais.",
    ),
    (
        "public",
        "festivals",
        "negative",
        "La tête d'affiche annulée, le son coupé à minuit, bravo l'organisation 👏🙄",
    ),
    (
        "media",
        "prix_foule",
        "negative",
        "Rives Électriques : jauge dépassée et malaises, la préfecture ouvre une enquête {url}",
    ),
]
#: replies to burst posts (parent tone negative)
BURST_REPLY = {
    BURST_FLOOD: [
        ("negative", "Pareil chez nous, la cave est inondée."),
        ("negative", "Toujours pas de navette, c'est une honte."),
        ("negative", "Et personne de la mairie sur place…"),
        ("neutral", "Courage à vous 🙏"),
        ("negative", "Ça monte encore {a_quartier}, on a peur."),
        ("negative", "Une heure de bouchon pour traverser, la galère."),
    ],
    BURST_FEST: [
        ("negative", "Pareil, 2h de queue pour rien."),
        ("negative", "On a demandé le remboursement, aucune réponse."),
        ("negative", "Plus jamais ce festival."),
        ("negative", "Les navettes, c'était n'importe quoi."),
        ("neutral", "Vous êtes rentrés comment ?"),
        ("negative", "Scandaleux, il faisait 35 degrés sans eau."),
    ],
}
#: sentences that only make sense in some months (substring -> months)
SEASONAL: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("devait finir en mars", (5, 6, 7, 8, 9, 10, 11, 12)),
    ("mois d'août", (7, 8, 9)),
    ("20 et 21 septembre", (8, 9)),
    ("en décembre", (11, 12)),
    ("printemps", (3, 4, 5, 6)),
    ("de l'été", (5, 6, 7, 8)),
    ("d'été", (5, 6, 7, 8, 9)),
    ("en plein été", (6, 7, 8)),
    ("l'été", (4, 5, 6, 7, 8, 9)),
    ("sont de retour", (4, 5, 6)),
    ("rouvrent quand", (2, 3, 4, 5)),
    ("endanges", (9, 10)),
    ("brame", (9, 10)),
    ("bancs de sable", (6, 7, 8, 9)),
    ("aignade", (5, 6, 7, 8, 9)),
    ("se baigner", (5, 6, 7, 8, 9)),
    ("moustiques", (5, 6, 7, 8, 9)),
    ("pour l'hiver", (10, 11)),
    ("Horaires d'hiver", (10, 11, 12, 1, 2, 3)),
    ("ique-nique", (4, 5, 6, 7, 8, 9)),
    ("en juin", (1, 2, 3, 4, 5)),
    ("Terrasse ouverte", (4, 5, 6, 7, 8, 9)),
    ("Inscriptions scolaires", (3, 4, 5, 6)),
    ("Sécheresse", (7, 8, 9)),
    ("guinguette", (4, 5, 6, 7, 8, 9)),
    ("Guinguette", (4, 5, 6, 7, 8, 9)),
    ("lever du soleil", (4, 5, 6, 7, 8, 9)),
    ("35°C", (6, 7, 8)),
    ("Brume du matin", (9, 10, 11, 12, 1, 2, 3)),
    ("Brouillard", (10, 11, 12, 1, 2)),
    ("au plus bas", (7, 8, 9, 10)),
    ("assez bas", (7, 8, 9, 10)),
    ("feu d'artifice", (6, 7, 8)),
)


def _in_season(template: str, month: int) -> bool:
    """Return False when ``template`` names a season that ``month`` is not in."""
    return all(needle not in template or month in months for needle, months in SEASONAL)


BURST_TONES = {
    "resident": (("negative", 0.87), ("neutral", 0.10), ("positive", 0.03)),
    "public": (("negative", 0.85), ("neutral", 0.11), ("positive", 0.04)),
    "outsider": (("negative", 0.7), ("neutral", 0.3)),
    "media": (("negative", 0.65), ("neutral", 0.35)),
    "institution": (("neutral", 1.0),),
}
BURST_TAGS = {
    BURST_FLOOD: ("crue", "CrueLoire", "Blois", "Loire", "Vigicrues", "inondation"),
    BURST_FEST: ("RivesElectriques", "RivesElectriquesFail", "Tours", "festival", "remboursement"),
}

# ======================================================================================
# Decorations: emojis, hashtags, noise
# ======================================================================================

EMOJI_TONE = {
    "positive": ["😍", "❤️", "🤩", "✨", "👌", "😊", "🥰", "👏", "💯", "🙌", "😎", "🥂"],
    "negative": ["😡", "🙄", "😤", "🤬", "😒", "😞", "👎", "😩", "🤦‍♂️", "🤦‍♀️", "😠"],
    "neutral": ["🤔", "👉", "📍", "ℹ️", "📅", "👀", "🙂"],
}
EMOJI_THEME = {
    "patrimoine_chateaux": ["🏰", "👑", "🏛️", "📸"],
    "vin_gastronomie": ["🍷", "🧀", "🥖", "🍽️", "🍇", "🥂"],
    "velo_loire": ["🚲", "🚴", "🚴‍♀️", "🗺️"],
    "festivals": ["🎉", "🎶", "🎸", "🎆", "🎭"],
    "transports_stationnement": ["🚗", "🚌", "🚋", "🚆", "🅿️"],
    "travaux_nuisances": ["🚧", "🏗️", "🔨"],
    "prix_foule": ["💸", "💶", "👥"],
    "nature_fleuve": ["🌿", "🌊", "🐦", "🌅", "🦆", "🌳", "☀️"],
    "vie_nocturne": ["🍻", "🍸", "🌙", "🎵", "💃"],
    "services_publics": ["🏛️", "🗑️", "📄", "🏊", "👶"],
}
EMOTICONS = {
    "positive": [":)", ":D", ";)", "^^", "<3"],
    "negative": [":(", ":/", "-_-", ":'("],
    "neutral": [":)", ";)"],
}
TAG_THEME = {
    "patrimoine_chateaux": [
        "ChateauxDeLaLoire",
        "Patrimoine",
        "Chateau",
        "Renaissance",
        "HistoireDeFrance",
        "LoireValley",
    ],
    "vin_gastronomie": [
        "VinsDeLoire",
        "Vin",
        "Gastronomie",
        "Terroir",
        "Apero",
        "Foodie",
        "Fromage",
    ],
    "velo_loire": ["LoireAVelo", "Velo", "Cyclotourisme", "Bikepacking", "SlowTourisme"],
    "festivals": ["Festival", "Concert", "FeteDeLaMusique", "Sortir"],
    "transports_stationnement": ["Transports", "Stationnement", "SNCF", "TER", "Bouchons"],
    "travaux_nuisances": ["Travaux", "Chantier", "RasLeBol"],
    "prix_foule": ["Tourisme", "Surtourisme", "Vacances"],
    "nature_fleuve": ["Loire", "Nature", "SunsetLovers", "Birdwatching", "BordsDeLoire"],
    "vie_nocturne": ["Soiree", "Guinguette", "Apero", "Nightlife"],
    "services_publics": ["Mairie", "ServicePublic", "Proprete"],
}
TAG_INSTA = [
    "igersfrance",
    "france",
    "travel",
    "instatravel",
    "photooftheday",
    "francetourisme",
    "visitfrance",
    "explorefrance",
    "weekend",
    "vacances",
    "travelgram",
    "wanderlust",
    "picoftheday",
    "loirevalley",
    "ValDeLoire",
]
TAG_TIKTOK = [
    "fyp",
    "pourtoi",
    "foryou",
    "voyage",
    "france",
    "tiktokfrance",
    "vlog",
    "travel",
    "roadtrip",
]

ABBREVIATIONS: list[tuple[str, str, float]] = [
    # pattern (case-insensitive, word-bounded), replacement, relative probability
    (r"beaucoup", "bcp", 1.0),
    (r"toujours", "tjrs", 0.9),
    (r"parce que", "pcq", 0.9),
    (r"pourquoi", "pk", 0.9),
    (r"quand", "qd", 0.6),
    (r"s'il vous plaît", "svp", 1.0),
    (r"s'il te plaît", "stp", 1.0),
    (r"bonjour", "bjr", 0.5),
    (r"salut", "slt", 0.7),
    (r"coucou", "cc", 0.7),
    (r"t'inquiète", "tkt", 1.0),
    (r"vraiment", "vrmt", 0.5),
    (r"quelque chose", "qqch", 1.0),
    (r"rendez-vous", "rdv", 0.8),
    (r"aujourd'hui", "ajd", 0.6),
    (r"quelqu'un", "qqn", 0.8),
    (r"tout le monde", "tlm", 0.7),
    (r"je suis", "jsuis", 0.4),
    (r"d'accord", "dac", 0.7),
    (r"week-end", "we", 0.4),
    (r"minutes", "min", 0.5),
    (r"c'est", "c", 0.15),
    (r"trop", "tro", 0.1),
    (r"j'en peux plus", "jpp", 1.0),
]
ABBREV_RE = [
    (re.compile(r"(?<![\w'’])" + p + r"(?![\w])", re.IGNORECASE), r, w) for p, r, w in ABBREVIATIONS
]
LAUGHS = {
    "positive": ["mdr", "ptdr", "lol", "😂", "mdrrr", "haha"],
    "neutral": ["mdr", "lol", "😅"],
    "negative": ["jpp", "mdr", "😂😭", "jpp 😩"],
}
STRETCH_WORDS = (
    "trop",
    "magnifique",
    "génial",
    "super",
    "beau",
    "nul",
    "enfin",
    "merci",
    "incroyable",
    "adoré",
    "dingue",
    "top",
    "grave",
    "bien",
    "belle",
    "bof",
)
CAPS_WORDS = {
    "negative": (
        "inadmissible",
        "honteux",
        "nul",
        "scandaleux",
        "ras-le-bol",
        "lamentable",
        "jamais",
        "encore",
        "annulé",
        "racket",
    ),
    "positive": ("magnifique", "incroyable", "génial", "top", "superbe", "trop bien", "parfait"),
}
AZERTY = {
    "a": "zqs",
    "z": "aes",
    "e": "zrd",
    "r": "etf",
    "t": "ryg",
    "y": "tuh",
    "u": "yij",
    "i": "uok",
    "o": "ipl",
    "p": "om",
    "q": "asw",
    "s": "qdz",
    "d": "sfe",
    "f": "dgr",
    "g": "fht",
    "h": "gjy",
    "j": "hku",
    "k": "jli",
    "l": "kmo",
    "m": "lp",
    "w": "xq",
    "x": "wcs",
    "c": "xvd",
    "v": "cbf",
    "b": "vng",
    "n": "bmh",
}
ACCENTS = str.maketrans("éèêëàâäîïôöûùüçÉÈÊÀÂÎÔÛÇ", "eeeeaaaiioouuucEEEAAIOUC")
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z0-9_])")
SLOT_RE = re.compile(r"\{(\w+)\}")

# ======================================================================================
# Behaviour parameters
# ======================================================================================

#: share of n_posts written as original posts by each audience
ORIGINAL_SHARE = {"resident": 0.31, "visitor": 0.35, "institution": 0.075, "other": 0.055}
#: share of filler posts (what is left after originals, bursts, institution and owner
#: replies) that are conversation replies; the rest are reposts
FILLER_REPLY_SHARE = 0.48

PLATFORM_W = {
    "resident": (
        ("facebook", 26),
        ("x", 27),
        ("instagram", 29),
        ("tiktok", 8),
        ("google_maps", 6),
        ("tripadvisor", 3),
    ),
    "visitor": (
        ("instagram", 31),
        ("x", 11),
        ("facebook", 6),
        ("tiktok", 9),
        ("tripadvisor", 24),
        ("google_maps", 23),
    ),
}
THEME_W = {
    "visitor": (30, 17, 12, 8, 5, 1.5, 12, 9, 4, 1.5),
    "resident": (6, 8, 7, 8, 16, 14, 6, 12, 11, 12),
    "institution_mairie": (8, 3, 6, 22, 16, 20, 1, 8, 4, 20),
    "institution_tourisme": (35, 15, 12, 20, 3, 1, 3, 12, 3, 1),
    "institution_departement": (10, 5, 8, 14, 15, 15, 1, 18, 2, 18),
}
THEME_TERRITORY = {
    "41034": {
        "patrimoine_chateaux": 2.0,
        "nature_fleuve": 1.4,
        "vie_nocturne": 0.15,
        "services_publics": 0.5,
        "travaux_nuisances": 0.5,
    },
    "72181": {"festivals": 1.5, "velo_loire": 0.5, "vin_gastronomie": 0.8},
    "36": {"nature_fleuve": 2.0, "velo_loire": 0.5, "vie_nocturne": 0.6},
    "37261": {"vie_nocturne": 1.4, "travaux_nuisances": 1.3, "transports_stationnement": 1.2},
    "37072": {"vin_gastronomie": 1.6},
    "37003": {"patrimoine_chateaux": 1.3, "prix_foule": 1.3},
    "37132": {"patrimoine_chateaux": 1.2},
    "41018": {"patrimoine_chateaux": 1.1, "festivals": 1.1},
}
THEME_REVIEW = (1.6, 1.6, 1.0, 0.5, 0.5, 0.0, 1.0, 0.8, 0.6, 0.2)
TONE_W = {  # negative, neutral, positive
    "patrimoine_chateaux": (0.08, 0.22, 0.70),
    "vin_gastronomie": (0.10, 0.20, 0.70),
    "velo_loire": (0.12, 0.23, 0.65),
    "festivals": (0.15, 0.30, 0.55),
    "transports_stationnement": (0.62, 0.28, 0.10),
    "travaux_nuisances": (0.78, 0.18, 0.04),
    "prix_foule": (0.62, 0.25, 0.13),
    "nature_fleuve": (0.10, 0.22, 0.68),
    "vie_nocturne": (0.30, 0.25, 0.45),
    "services_publics": (0.48, 0.37, 0.15),
}
HOURS = {  # local-time hour weights
    "resident": (
        1,
        0.5,
        0.3,
        0.2,
        0.2,
        0.4,
        1.5,
        3,
        3.5,
        2.5,
        2,
        2.2,
        3,
        2.8,
        2,
        2,
        2.2,
        2.8,
        3.5,
        4,
        4.2,
        4,
        3.2,
        2,
    ),
    "visitor": (
        0.8,
        0.4,
        0.2,
        0.1,
        0.1,
        0.2,
        0.5,
        1,
        1.8,
        2.5,
        3,
        3.2,
        3.5,
        3.3,
        3.2,
        3.2,
        3.3,
        3.5,
        3.8,
        4.2,
        4.5,
        4,
        3,
        1.8,
    ),
    "institution": (
        0,
        0,
        0,
        0,
        0,
        0,
        0.2,
        1,
        3,
        4,
        4,
        3.5,
        2,
        2.5,
        3.5,
        3.5,
        3,
        2,
        1,
        0.5,
        0.3,
        0.1,
        0,
        0,
    ),
    "other": (
        0.1,
        0,
        0,
        0,
        0,
        0,
        0.3,
        1,
        2,
        3,
        3,
        3.5,
        3,
        2,
        2,
        2.5,
        3,
        3.5,
        3.5,
        3,
        2.5,
        1.5,
        0.8,
        0.3,
    ),
}
HOUR_CUM = {k: _cum(list(v)) for k, v in HOURS.items()}
SEASON = (0.35, 0.4, 0.55, 0.9, 1.1, 1.2, 1.9, 2.1, 1.1, 0.8, 0.45, 0.6)
GEO_P = {
    "instagram": {"visitor": 0.34, "resident": 0.12, "other": 0.15, "institution": 0.05},
    "tiktok": {"visitor": 0.12, "resident": 0.05},
    "x": {"visitor": 0.05, "resident": 0.03, "institution": 0.02},
    "facebook": {"visitor": 0.05, "resident": 0.03},
    "google_maps": {"visitor": 0.36, "resident": 0.3},
}
FOLLOWERS_PERSON = {
    "x": (180, 1.25),
    "instagram": (320, 1.2),
    "facebook": (250, 0.9),
    "tiktok": (150, 1.6),
    "tripadvisor": (8, 1.1),
    "google_maps": (5, 1.2),
}
CREATED_MIN_YEAR = {
    "x": 2009,
    "instagram": 2012,
    "facebook": 2009,
    "tiktok": 2018,
    "tripadvisor": 2008,
    "google_maps": 2013,
}
LOCAL_INFLUENCERS = [
    (
        "tours_insolite",
        "Tours insolite 🏰",
        "instagram",
        46000,
        "37261",
        "Les secrets de Tours et de la Touraine 📍 Tourangelle depuis toujours",
    ),
    (
        "lemans_foodie",
        "Le Mans Foodie 🍽️",
        "instagram",
        22000,
        "72181",
        "Les bonnes adresses du Mans 🏁 Rillettes addict",
    ),
    ("blois.secret", "Blois Secret", "tiktok", 31000, "41018", "Blois comme tu ne l'as jamais vu"),
    (
        "berry_nature36",
        "Berry Nature 🐦",
        "instagram",
        14500,
        "36",
        "Photographe nature en Brenne 📷 Indrien pur jus",
    ),
    (
        "chinon_gourmand",
        "Chinon Gourmand 🍷",
        "facebook",
        12800,
        "37072",
        "Vins, fouées et bonnes tables du Chinonais",
    ),
    (
        "amboise.daily",
        "Amboise Daily",
        "instagram",
        17600,
        "37003",
        "Une photo d'Amboise par jour depuis 2019 📸",
    ),
]
DEPT_SLUG = {
    "37": "Indre_et_Loire_Centre_Val_de_Loire",
    "41": "Loir_et_Cher_Centre_Val_de_Loire",
    "72": "Sarthe_Pays_de_la_Loire",
    "36": "Indre_Centre_Val_de_Loire",
}
B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
STRETCH = {
    "trop": "tro{o}p",
    "magnifique": "magnifi{i}que",
    "génial": "géni{a}l",
    "super": "supe{r}",
    "beau": "bea{u}",
    "nul": "nu{u}l",
    "enfin": "enfi{i}n",
    "merci": "merc{i}",
    "incroyable": "incroya{a}ble",
    "adoré": "ador{é}",
    "dingue": "ding{u}e",
    "top": "to{o}p",
    "grave": "gra{a}ve",
    "bien": "bi{e}n",
    "belle": "be{e}lle",
    "bof": "bo{o}f",
}
STRETCH_RE = re.compile(r"(?<![\w])(" + "|".join(STRETCH) + r")(?![\w])", re.IGNORECASE)


# ======================================================================================
# Accounts and posts
# ======================================================================================


@dataclass(eq=False)
class Account:
    """One account on one platform (with its hidden truth and writing style)."""

    platform: str
    handle: str
    display_name: str
    bio: str
    location: str
    followers: int
    following: int
    verified: bool
    created_at: str
    audience: str
    home_code: str = ""
    home_name: str = ""
    home_country: str = "FR"
    kind: str = "person"
    territory: str = ""
    coverage: tuple[str, ...] = ()
    responsiveness: float | None = None
    delay: tuple[float, float] = (1.0, 0.5)
    numeric_id: int = 0
    casual: float = 0.0
    curly: bool = False
    lang: str = "fr"
    first: str = ""
    quartier: int = -1
    home_idx: int = -1
    used: bool = False


@dataclass(eq=False)
class Post:
    """One document, with its planted truth."""

    doc_id: str
    platform: str
    text: str
    t: int
    author: Account
    lang: str
    territory: str
    audience: str
    theme: str
    tone: str
    kind: str = "original"
    lat: float | None = None
    lon: float | None = None
    rating: int | None = None
    reply_to: Post | None = None
    repost_of: Post | None = None
    url: str = ""
    burst_id: str = ""
    complaint_target: Account | None = None
    num: int = 0
    code: str = ""
    likes: int | None = None
    shares: int | None = None
    replies: int | None = None
    views: int | None = None
    n_replies: int = 0
    n_reposts: int = 0


class Ctx:
    """Per-post context for filling slots: a chosen place is reused within one post."""

    __slots__ = ("author", "cache", "day", "jour_n", "platform", "prev", "spot", "terr")

    def __init__(self, terr: Territory, day: int, author: Account, platform: str) -> None:
        self.terr = terr
        self.day = day
        self.author = author
        self.platform = platform
        self.cache: dict[str, object] = {}
        self.spot: Spot | None = None
        self.prev = ""
        self.jour_n = 1


def _fold(text: str) -> str:
    """ASCII-fold and lowercase (for handles and slugs)."""
    nfkd = unicodedata.normalize("NFKD", text)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower()


def _handle_part(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _fold(text))


def _fmt_time(t: int) -> str:
    return (EPOCH + dt.timedelta(seconds=t)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _strip_article(s: str) -> str:
    for art in ("le ", "la ", "les ", "l'"):
        if s.startswith(art):
            return _cap(s[len(art) :])
    return _cap(s)


def _tier(followers: int) -> str:
    if followers > 100_000:
        return "macro"
    if followers >= 10_000:
        return "micro"
    if followers >= 1_000:
        return "nano"
    return "none"


# ======================================================================================
# The generator
# ======================================================================================


class Generator:
    """Build the world, the accounts and the posts; write the files.

    Parameters
    ----------
    seed : int
        Seed of ``numpy.random.default_rng``.
    n_posts : int
        Exact number of posts to generate (>= 2000).
    """

    def __init__(self, seed: int, n_posts: int) -> None:
        self.d = Dice(np.random.default_rng(seed))
        self.n_posts = n_posts
        self.scale = n_posts / 30000
        self.terrs = _territories()
        self.by_code = {t.code: t for t in self.terrs}
        self.terr_codes = [t.code for t in self.terrs]
        self.accounts: list[Account] = []
        #: lower-cased handles taken per platform (handles are case-insensitive, as on X)
        self.handles: dict[str, set[str]] = {p: set() for p in PLATFORMS}
        self.by_handle: dict[tuple[str, str], Account] = {}
        self.residents: dict[str, list[Account]] = {c: [] for c in self.terr_codes}
        self.inst_by_terr: dict[str, list[Account]] = {c: [] for c in self.terr_codes}
        self.media: list[Account] = []
        self.business: dict[str, list[Account]] = {c: [] for c in self.terr_codes}
        self.visitors: list[Account] = []
        self.influencers: list[Account] = []
        self.posts: list[Post] = []
        self.ids: set[str] = set()
        self.loc_ids: dict[tuple[str, str], int] = {}
        self._banks: dict[tuple[str, str, str, str, bool, int], list[str]] = {}
        days = [DAY0 + dt.timedelta(days=i) for i in range(N_DAYS)]
        self.weekday = [x.weekday() for x in days]
        self.month = [x.month for x in days]
        self.w_res = {t.code: self._day_weights(t, "resident") for t in self.terrs}
        self.w_vis = {t.code: self._day_weights(t, "visitor") for t in self.terrs}
        self.w_inst = {t.code: self._day_weights(t, "institution") for t in self.terrs}
        self.w_other = {t.code: self._day_weights(t, "other") for t in self.terrs}

    # ------------------------------------------------------------------ calendar
    def _day_weights(self, terr: Territory, audience: str) -> list[float]:
        out = []
        for d in range(N_DAYS):
            wd, m = self.weekday[d], self.month[d]
            boost = max([terr.festivals[i].boost for i in terr.fest_days[d]], default=1.0)
            if audience == "resident":
                w = (1.05, 1, 1, 1, 1.05, 0.95, 0.85)[wd] * (0.8 if m == 8 else 1.0)
                w *= 1 + 0.5 * (boost - 1)
            elif audience == "visitor":
                w = SEASON[m - 1] * (0.9, 0.85, 0.85, 0.95, 1.2, 1.5, 1.3)[wd] * boost
                if (
                    terr.code in ("41034", "37003")
                    and m == 12
                    and self.month[d] == 12
                    and d >= N_DAYS - 12
                ):
                    w *= 1.5
            elif audience == "institution":
                w = (1, 1, 1, 1, 1, 0.35, 0.2)[wd]
                ahead = [
                    terr.festivals[i].boost
                    for k in range(d, min(d + 8, N_DAYS))
                    for i in terr.fest_days[k]
                ]
                w *= 1 + 0.4 * (max(ahead, default=1.0) - 1)
            else:
                w = (1, 1, 1, 1, 1.1, 1.1, 0.8)[wd] * (1 + 0.3 * (boost - 1))
            out.append(w)
        return _cum(out)

    def _day_in(self, cum: list[float], start: int = 0, end: int = N_DAYS) -> int:
        lo = cum[start - 1] if start > 0 else 0.0
        hi = cum[end - 1]
        i = bisect.bisect_right(cum, lo + self.d.u() * (hi - lo))
        return min(max(i, start), end - 1)

    def _time(self, day: int, audience: str) -> int:
        key = audience if audience in HOUR_CUM else "other"
        hour = self.d.wchoice(range(24), HOUR_CUM[key])
        offset = 2 if DST_START <= day < DST_END else 1
        t = day * 86400 + (hour - offset) * 3600 + self.d.randint(0, 3599)
        return min(max(t, 0), LAST_SECOND)

    # ------------------------------------------------------------------ accounts
    def _register(self, acc: Account) -> Account:
        self.handles[acc.platform].add(acc.handle.lower())
        self.by_handle[(acc.platform, acc.handle)] = acc
        self.accounts.append(acc)
        return acc

    def _created(self, platform: str) -> str:
        y0 = CREATED_MIN_YEAR[platform]
        start = dt.date(y0, 1, 1).toordinal()
        end = dt.date(2024, 12, 31).toordinal()
        day = dt.date.fromordinal(start + int(self.d.u() * (end - start)))
        return (
            f"{day.isoformat()}T{self.d.randint(6, 23):02d}:{self.d.randint(0, 59):02d}:"
            f"{self.d.randint(0, 59):02d}Z"
        )

    def _unique(self, platform: str, candidates: list[str]) -> str:
        for c in candidates:
            if c and c.lower() not in self.handles[platform]:
                return c
        base = candidates[0] or "user"
        while True:
            c = f"{base}{self.d.randint(2, 9999)}"
            if platform == "x":
                c = c[-15:] if len(c) > 15 else c
            if c.lower() not in self.handles[platform]:
                return c

    def _person_handle(
        self,
        platform: str,
        first: str,
        last: str,
        audience: str,
        terr: Territory | None,
        gender: str,
    ) -> str:
        d = self.d
        fn, ln = _handle_part(first), _handle_part(last)
        yy, nn = (
            f"{d.randint(60, 99) if d.chance(0.5) else d.randint(0, 9):02d}",
            str(d.randint(1, 99)),
        )
        town = _handle_part(terr.name) if terr else ""
        dem = _handle_part(terr.demonyms[2] if gender == "f" else terr.demonyms[1]) if terr else ""
        if platform == "google_maps":
            return str(100000000000000000000 + d.bits(66) % 899999999999999999999)
        pats: list[str]
        if platform == "x":
            pats = [
                f"{fn}_{ln}",
                f"{_cap(fn)}{_cap(ln)}",
                f"{fn}{ln}{yy}",
                f"{fn}_{nn}",
                f"{_cap(fn)}_{ln[:1].upper()}",
            ]
            if audience == "resident" and terr:
                pats = [f"{fn}_{town}{terr.dept}", f"{fn}_{dem}", f"{_cap(fn)}{_cap(town)}", *pats]
            pats = [p[:15] for p in pats]
        elif platform in ("instagram", "tiktok"):
            pats = [f"{fn}.{ln}", f"{fn}_{ln}{yy}", f"{fn}{ln}", f"{fn}.{ln[:1]}_{nn}"]
            if audience == "resident" and terr:
                pats = [
                    f"{fn}.{dem}",
                    f"{fn}_{town}{terr.dept}",
                    f"ma_vie_a_{town}_{fn}",
                    f"{fn}.{town}",
                    *pats,
                ]
            if audience == "visitor" and d.chance(0.3):
                pats = [
                    f"lesvoyagesde{fn}",
                    f"{fn}.travels",
                    f"{fn}_en_vadrouille",
                    f"{fn}wanders",
                    *pats,
                ]
            if platform == "tiktok" and d.chance(0.12):
                pats = [f"user{d.randint(1000000, 999999999)}"]
        elif platform == "facebook":
            pats = [f"{fn}.{ln}", f"{fn}.{ln}.{d.randint(10, 999)}", f"{fn}{ln}{yy}"]
        else:  # tripadvisor
            pats = [
                f"{_cap(fn)}{ln[:1].upper()}{yy}",
                f"{_cap(fn)}_{_cap(ln)[:1]}",
                f"{fn}{ln}{nn}",
                f"voyageur{_handle_part(last)}{nn}",
            ]
            if terr and audience == "resident":
                pats = [f"{_cap(fn)}_{_cap(town)}", *pats]
        start = d.randint(0, len(pats) - 1)
        return self._unique(platform, pats[start:] + pats[:start])

    def _new_person(
        self, platform: str, audience: str, terr: Territory | None = None, home_idx: int = -1
    ) -> Account:
        d = self.d
        lang = "fr"
        country = "FR"
        if audience == "visitor":
            if home_idx < 0:
                home_idx = d.wchoice(range(len(HOMES)), HOME_CUM)
            home = HOMES[home_idx]
            lang = d.weighted(list(home[4].items()))
            country = home[2]
        gender = "f" if d.chance(0.55) else "m"
        if lang in FOREIGN_NAMES and country not in ("FR", "BE", "CH", "CA"):
            firsts, lasts = FOREIGN_NAMES[lang]
        elif country in ("GB", "US", "IE"):
            firsts, lasts = FOREIGN_NAMES["en"]
        elif country in FOREIGN_NAMES_BY_COUNTRY:
            firsts, lasts = FOREIGN_NAMES[FOREIGN_NAMES_BY_COUNTRY[country]]
        else:
            firsts, lasts = (FIRST_F if gender == "f" else FIRST_M), LAST
        first, last = d.choice(firsts), d.choice(lasts)
        handle = self._person_handle(platform, first, last, audience, terr, gender)
        display = self._display(platform, first, last, handle)
        mu, sigma = FOLLOWERS_PERSON[platform]
        followers = min(
            int(d.lognormal(math.log(mu), sigma)), 9500 if platform in REVIEWS else 60000
        )
        following = int(d.lognormal(math.log(280 if platform != "facebook" else 300), 0.8))
        acc = Account(
            platform=platform,
            handle=handle,
            display_name=display,
            bio="",
            location="",
            followers=followers,
            following=following,
            verified=False,
            created_at=self._created(platform),
            audience=audience,
            kind="person",
            lang=lang,
            first=first,
            numeric_id=self._numeric_id(platform),
        )
        if audience == "resident":
            assert terr is not None
            acc.territory = terr.code
            town = (
                terr.towns[0]
                if terr.level == "commune"
                else terr.towns[d.wchoice(range(len(terr.towns)), terr.town_cum)]
            )
            acc.home_code, acc.home_name, acc.home_country = town[3], town[0], "FR"
            acc.quartier = d.randint(0, len(terr.quartiers) - 1)
            acc.casual = min(1.0, max(0.0, d.u() ** 0.8))
            acc.curly = d.chance(0.35)
            acc.location = self._resident_location(terr, acc, town[0])
            acc.bio = self._bio_resident(terr, gender)
        else:
            home = HOMES[home_idx]
            acc.home_idx = home_idx
            acc.home_code, acc.home_name, acc.home_country = home[1], home[0], home[2]
            acc.casual = min(1.0, max(0.0, d.u() ** 1.3))
            acc.curly = d.chance(0.4)
            r = d.u()
            if r < 0.55:
                acc.location = d.choice(home[5])
            elif r < 0.90:
                acc.location = ""
            else:
                acc.location = d.choice(
                    [
                        "France",
                        "🌍",
                        "Voyageuse 🌍",
                        "IDF",
                        "Bretagne",
                        "Sud-Ouest",
                        "Europe",
                        "Everywhere",
                        "Quelque part",
                    ]
                )
            acc.bio = self._bio_visitor(lang, gender)
        if platform in REVIEWS:
            acc.bio = "" if platform == "google_maps" else acc.bio
            acc.casual *= 0.5
        return self._register(acc)

    def _numeric_id(self, platform: str) -> int:
        if platform == "facebook":
            return 100000000000000 + self.d.bits(50) % 899999999999999
        return 10**7 + self.d.bits(36) % (10**11 - 10**7)

    def _display(self, platform: str, first: str, last: str, handle: str) -> str:
        d = self.d
        if platform == "tripadvisor":
            return handle
        if platform in ("facebook", "google_maps"):
            return f"{first} {last}" if d.chance(0.75) else f"{first} {last[:1]}."
        return d.choice(
            [
                f"{first} {last[:1]}.",
                f"{first}",
                f"{first} {last}",
                f"{first} {d.choice(['🌻', '✨', '🌿', '🍷', '☀️', '🚲', '📸'])}",
            ]
        )

    def _resident_location(self, terr: Territory, acc: Account, town: str) -> str:
        d = self.d
        r = d.u()
        if r < 0.45:
            if terr.level == "departement":
                return d.choice([town, f"{town} (36)", f"{town}, Indre", town])
            return d.choice([terr.locations[0], terr.locations[1], terr.locations[2], town])
        if r < 0.57:
            if terr.level == "departement":
                return d.choice(["Berry", "Indre", "36", "Berry 🌾"])
            q = terr.quartiers[acc.quartier].forms[0]
            return d.choice([_strip_article(q), f"{_strip_article(q)}, {terr.name}"])
        if r < 0.62:
            return d.choice(terr.locations[3:] or terr.locations)
        if r < 0.93:
            return ""
        if d.chance(0.6):
            return d.choice(HOMES[d.wchoice(range(len(HOMES)), HOME_CUM)][5])
        return d.choice(
            [
                "🌍",
                "Partout et nulle part",
                "Sur la Lune",
                "Quelque part en France",
                "Chez moi",
                "France",
            ]
        )

    def _bio_resident(self, terr: Territory, gender: str) -> str:
        d = self.d
        if d.chance(0.3):
            return ""
        dem = terr.demonyms[2] if gender == "f" else terr.demonyms[1]
        frags = [
            f"{_cap(dem)} pur jus",
            "Maman de deux loulous" if gender == "f" else "Papa de deux loulous",
            "Râleur professionnel" if gender == "m" else "Râleuse professionnelle",
            "Prof des écoles",
            "Infirmière de nuit 🌙" if gender == "f" else "Infirmier de nuit 🌙",
            "Fan de rugby 🏉",
            "Vélotaf tous les jours 🚲",
            "Photographe amateur 📷",
            "Ici pour râler et pour les photos de chats",
            f"Ancien Parisien, heureux {terr.a_ville}",
            "Jardinage, rando, apéro",
            "Bénévole dans une asso de quartier",
            "Étudiante 📚" if gender == "f" else "Étudiant 📚",
            "Avis perso, pas ceux de mon employeur",
            f"{terr.a_ville.capitalize()} depuis 1998",
            "Amoureux de la Loire 🌊",
        ]
        return " | ".join(d.sample(frags, d.randint(1, 3)))

    def _bio_visitor(self, lang: str, gender: str) -> str:
        d = self.d
        if d.chance(0.35):
            return ""
        if lang == "en":
            return d.choice(
                [
                    "Travel lover 🌍",
                    "Wine & castles 🍷🏰",
                    "Francophile",
                    "Slow travel, good food",
                    "Photos & stories",
                ]
            )
        if lang in ("de", "es", "nl"):
            return d.choice(["🌍✈️", "Travel • Food", "Francophile 🇫🇷"])
        common = [
            "Travel • Food • Wine",
            "Photographe amateur 📷",
            "Retraités curieux",
            "Cycliste du dimanche 🚴",
            "Dev le jour, touriste le week-end",
            "Toujours une valise prête",
            "Randos, châteaux et bonnes tables",
        ]
        if gender == "f":
            common += [
                "Voyageuse 🌍",
                "Maman de 3 ✈️",
                "Globe-trotteuse",
                "Amatrice de vieilles pierres",
                "Toujours partante pour un week-end",
            ]
        else:
            common += [
                "Voyageur 🌍",
                "Papa de 3 ✈️",
                "Globe-trotteur",
                "Amateur de vieilles pierres",
                "Toujours partant pour un week-end",
            ]
        return d.choice(common)

    def _make_institutions(self) -> None:
        for platform, handle, name, code, kind, followers, verified, bio, location in INSTITUTIONS:
            rate, delay_h, sd = RESPONSIVENESS[code]
            if kind not in MAIN_KINDS:
                rate = round(rate / 2, 2)
            acc = Account(
                platform=platform,
                handle=handle,
                display_name=name,
                bio=bio,
                location=location,
                followers=followers,
                following=self.d.randint(80, 900),
                verified=verified,
                created_at=self._created(platform),
                audience="institution",
                home_code=code,
                home_name=self.by_code[code].name,
                kind=kind,
                territory=code,
                responsiveness=rate,
                delay=(max(delay_h, 0.5) * (1.0 if kind in MAIN_KINDS else 1.5), max(sd, 0.3)),
                numeric_id=self._numeric_id(platform),
                curly=True,
                first="",
            )
            self._register(acc)
            self.inst_by_terr[code].append(acc)

    def _make_media(self) -> None:
        for platform, handle, name, coverage, followers, verified, bio, location in MEDIA:
            home = self.by_code[coverage[0]]
            acc = Account(
                platform=platform,
                handle=handle,
                display_name=name,
                bio=bio,
                location=location,
                followers=followers,
                following=self.d.randint(200, 1500),
                verified=verified,
                created_at=self._created(platform),
                audience="other",
                home_code=home.towns[0][3],
                home_name=home.towns[0][0],
                kind="media",
                territory=coverage[0],
                coverage=coverage,
                curly=True,
                numeric_id=self._numeric_id(platform),
                casual=0.0,
            )
            self.media.append(self._register(acc))

    def _make_businesses(self) -> None:
        d = self.d
        for name, code, kind, platforms in BUSINESSES:
            terr = self.by_code[code]
            slug = _handle_part(name)
            for platform in platforms:
                if platform == "google_maps":
                    handle = self._person_handle("google_maps", name, "", "other", None, "f")
                elif platform == "tripadvisor":
                    camel = re.sub(r"[^A-Za-z0-9]", "", _fold(name).title())
                    handle = self._unique(platform, [f"Direction_{camel}"])
                elif platform == "facebook":
                    handle = self._unique(
                        platform, [re.sub(r"[^A-Za-z0-9]", "", _fold(name).title()) + terr.dept]
                    )
                else:
                    handle = self._unique(platform, [f"{slug}_{_handle_part(terr.name)}", slug])
                followers = int(d.lognormal(math.log(1500 if platform not in REVIEWS else 12), 0.8))
                town = terr.towns[0]
                acc = Account(
                    platform=platform,
                    handle=handle,
                    display_name=name,
                    bio=_business_bio(kind, name, terr),
                    location=town[0],
                    followers=followers,
                    following=d.randint(50, 600),
                    verified=False,
                    created_at=self._created(platform),
                    audience="other",
                    home_code=town[3],
                    home_name=town[0],
                    kind=f"business_{kind}",
                    territory=code,
                    curly=d.chance(0.5),
                    casual=0.05,
                    numeric_id=self._numeric_id(platform),
                )
                self.business[code].append(self._register(acc))

    def _make_influencers(self) -> list[Account]:
        out = []
        d = self.d
        for handle, display, platform, followers, home_idx, bio in INFLUENCERS:
            home = HOMES[home_idx]
            acc = Account(
                platform=platform,
                handle=handle,
                display_name=display,
                bio=bio,
                location=home[5][0],
                followers=followers,
                following=d.randint(300, 1500),
                verified=True,
                created_at=self._created(platform),
                audience="visitor",
                home_code=home[1],
                home_name=home[0],
                home_country=home[2],
                kind="influencer",
                lang="en" if home[2] == "GB" else "fr",
                casual=0.15,
                curly=True,
                home_idx=home_idx,
                first=display.split()[0],
                numeric_id=self._numeric_id(platform),
            )
            out.append(self._register(acc))
        n_micro = max(6, round(25 * self.scale**0.5))
        for _ in range(n_micro):
            platform = d.weighted((("instagram", 55), ("tiktok", 20), ("x", 15), ("facebook", 10)))
            acc = self._new_person(platform, "visitor")
            acc.followers = int(math.exp(math.log(10500) + d.u() * math.log(95000 / 10500)))
            acc.kind = "influencer"
            acc.bio = d.choice(
                [
                    "Créatrice de contenu voyage 🌍 | Collab : DM",
                    "Food & travel | Bonnes adresses en France 🍷",
                    "Week-ends et escapades en France 🇫🇷",
                    "Blog voyage en famille ✈️👨‍👩‍👧",
                ]
            )
            out.append(acc)
        return out

    # ------------------------------------------------------------------ slots
    def _slot(self, name: str, ctx: Ctx) -> str:
        d, terr, cache = self.d, ctx.terr, ctx.cache
        if name in ("lm", "au_lm", "du_lm", "lm_en"):
            spot = cache.get("lm")
            if spot is None:
                spot = d.wchoice(terr.landmarks, terr.lm_cum)
                cache["lm"] = spot
                ctx.spot = ctx.spot or spot
            if name == "lm_en":
                return _strip_article(spot.forms[0])
            return spot.forms[("lm", "au_lm", "du_lm").index(name)]
        if name in ("nat", "a_nat"):
            spot = cache.get("nat")
            if spot is None:
                spot = d.wchoice(terr.nature, terr.nat_cum)
                cache["nat"] = spot
                ctx.spot = ctx.spot or spot
            return spot.forms[0 if name == "nat" else 1]
        if name in ("quartier", "a_quartier"):
            spot = cache.get("quartier")
            if spot is None:
                a = ctx.author
                if a.audience == "resident" and a.territory == terr.code and d.chance(0.7):
                    spot = terr.quartiers[a.quartier]
                else:
                    spot = d.choice(terr.quartiers)
                cache["quartier"] = spot
                ctx.spot = ctx.spot or spot
            return spot.forms[0 if name == "quartier" else 1]
        simple = {
            "fleuve": ("fleuves", 0),
            "de_fleuve": ("fleuves", 1),
            "bord_fleuve": ("fleuves", 2),
            "fleuve_en": ("fleuves", 3),
            "rue": ("rues", 0),
            "de_rue": ("rues", 1),
            "tc": ("tc", 0),
            "du_tc": ("tc", 1),
            "gare": ("gares", 0),
            "a_gare": ("gares", 1),
            "parking": ("parkings", 0),
            "au_parking": ("parkings", 1),
            "bar": ("bars", 0),
            "a_bar": ("bars", 1),
            "serv": ("services", 0),
            "a_serv": ("services", 1),
            "de_serv": ("services", 2),
            "velo": ("velos", 0),
            "sur_velo": ("velos", 1),
            "a_voisine": ("voisines", 1),
        }
        if name in ("route", "de_route"):
            item = cache.get("route")
            if item is None:
                item = d.choice(terr.routes + terr.rues[:2])
                cache["route"] = item
            return item[0 if name == "route" else 1]
        if name in simple:
            attr, idx = simple[name]
            item = cache.get(attr)
            if item is None:
                item = d.choice(getattr(terr, attr))
                cache[attr] = item
            return item[idx]
        if name in ("fest", "au_fest", "du_fest", "fest_en"):
            fest = cache.get("fest")
            if fest is None:
                fest = self._festival_for(terr, ctx.day)
                cache["fest"] = fest
            if name == "fest_en":
                return _strip_article(fest.forms[0])
            return fest.forms[("fest", "au_fest", "du_fest").index(name)]
        if name in ("ville", "a_ville", "de_ville"):
            town = cache.get("town")
            if town is None:
                a = ctx.author
                if terr.level == "departement":
                    if a.audience == "resident" and a.territory == terr.code and d.chance(0.7):
                        town = next(t for t in terr.towns if t[3] == a.home_code)
                    else:
                        town = d.wchoice(terr.towns, terr.town_cum)
                    if name != "ville" and d.chance(0.35):
                        return terr.a_ville if name == "a_ville" else terr.de_ville
                else:
                    town = terr.towns[0]
                cache["town"] = town
            return town[("ville", "a_ville", "de_ville").index(name)]
        if name == "vin":
            return d.choice(terr.vins)
        if name == "mets":
            return d.choice(terr.mets)
        if name == "jour_semaine":
            return d.choice(WEEKDAYS_FR[:6])
        if name == "heure_soir":
            return d.choice(["19h", "19h30", "20h", "20h30", "21h", "21h30"])
        if name == "faune":
            return d.choice(terr.faune)
        if name == "a_region":
            return terr.a_region
        if name == "demonym":
            return terr.demonyms[0]
        if name == "demonym_one":
            return terr.demonyms[1]
        if name == "moment":
            return d.choice(
                [
                    "ce matin",
                    "hier soir",
                    "ce midi",
                    "cet après-midi",
                    "ce week-end",
                    "dimanche",
                    "samedi",
                    "tout à l'heure",
                    "aujourd'hui",
                    "hier",
                    "lundi matin",
                    "en fin de journée",
                ]
            )
        if name == "compagnie":
            return d.choice(
                [
                    "en famille",
                    "entre amis",
                    "avec les enfants",
                    "en amoureux",
                    "avec ma mère",
                    "avec les copines",
                    "en solo",
                    "avec mon chéri",
                    "avec ma chérie",
                    "entre collègues",
                    "avec les grands-parents",
                ]
            )
        if name.startswith("prix_"):
            lo, hi = {
                "prix_entree": (9, 22),
                "prix_verre": (5, 9),
                "prix_glace": (4, 7),
                "prix_menu": (15, 24),
                "prix_parking": (4, 9),
            }[name]
            euros = d.randint(lo, hi)
            return f"{euros},50 €" if d.chance(0.3) else f"{euros} €"
        if name == "heure":
            return d.choice(
                ["10h", "10h30", "11h", "14h", "14h30", "15h", "16h", "17h", "18h", "20h30"]
            )
        if name == "mois":
            return MONTHS_FR[self.month[ctx.day] - 1]
        if name == "mois_fin":
            return MONTHS_FR[(self.month[ctx.day] + d.randint(0, 4)) % 12]
        if name in ("date", "date2"):
            k = d.randint(2, 12) if name == "date" else d.randint(15, 60)
            day = DAY0 + dt.timedelta(days=ctx.day + k)
            return (
                f"{WEEKDAYS_FR[day.weekday()]} {day.day} {MONTHS_FR[day.month - 1]}"
                if d.chance(0.5)
                else f"{day.day} {MONTHS_FR[day.month - 1]}"
            )
        if name == "url":
            return self._url_text(ctx.platform)
        if name == "depuis_home":
            a = ctx.author
            if a.home_idx >= 0:
                return f"depuis {HOMES[a.home_idx][0]}"
            if a.home_name:
                return f"depuis {a.home_name}"
            return "depuis Paris"
        if name == "prenom":
            return d.choice(FIRST_F + FIRST_M)
        if name == "prev_ville":
            return ctx.prev
        if name == "jour_n":
            return str(ctx.jour_n)
        if name == "user":
            users = [a for a in self.visitors[-400:] if a.platform == ctx.platform]
            if users:
                u = d.choice(users)
                u.used = True
                return u.handle
            return ctx.author.handle
        if name == "tag":
            return terr.hashtags[0]
        raise KeyError(name)

    def fill(self, template: str, ctx: Ctx) -> str:
        """Fill the ``{slots}`` of a template for one post."""
        return SLOT_RE.sub(lambda m: self._slot(m.group(1), ctx), template)

    def _festival_for(self, terr: Territory, day: int) -> Festival:
        best, best_w = [], []
        for fest in terr.festivals:
            s, e = _day_index(*fest.start), _day_index(*fest.end)
            gap = 0 if s <= day <= e else min(abs(day - s), abs(day - e))
            best.append(fest)
            best_w.append(math.exp(-gap / 20.0) * fest.boost + 0.02)
        return self.d.wchoice(best, _cum(best_w))

    def _url_text(self, platform: str) -> str:
        d = self.d
        if platform == "x":
            return "https://t.co/" + "".join(d.choice(B62) for _ in range(10))
        r = d.u()
        if r < 0.7:
            return "https://bit.ly/" + "".join(d.choice(B62) for _ in range(7))
        if r < 0.85:
            return "https://www.youtube.com/watch?v=" + "".join(d.choice(B64URL) for _ in range(11))
        return "https://urlz.fr/" + "".join(d.choice(B62) for _ in range(4))

    # ------------------------------------------------------------------ text
    def _bank(
        self, terr: Territory, theme: str, tone: str, audience: str, review: bool, month: int = 0
    ) -> list[str]:
        key = (terr.code, theme, tone, audience, review, month)
        bank = self._banks.get(key)
        if bank is None:
            raw = BANK[theme][tone] + EXTRA.get((terr.code, theme, tone), [])
            bank = []
            for s in raw:
                if s.startswith("R|"):
                    if audience != "resident":
                        continue
                    s = s[2:]
                elif s.startswith("V|"):
                    if audience != "visitor":
                        continue
                    s = s[2:]
                if review and s.rstrip().endswith("?"):
                    continue
                if month and not _in_season(s, month):
                    continue
                bank.append(s)
            if not bank:
                bank = [s[2:] if s[1:2] == "|" else s for s in raw]
            self._banks[key] = bank
        return bank

    def _sentences(self, ctx: Ctx, audience: str, theme: str, tone: str, lang: str) -> list[str]:
        d, platform = self.d, ctx.platform
        review = platform in REVIEWS
        if lang == "en":
            bank = EN[theme][tone]
            if review:
                bank = [s for s in bank if not s.endswith("?")]
            k = 1 if platform in ("x", "tiktok") else d.randint(1, 2)
            out = [self.fill(s, ctx) for s in d.sample(bank, k)]
            if review and len(out) < 2:
                fillers = {
                    "positive": ["Worth the trip.", "Lovely staff.", "Highly recommended."],
                    "negative": ["Not worth the price.", "Rude staff.", "Such a shame."],
                    "neutral": ["Average experience.", "It was fine.", "Nothing special."],
                }[tone]
                out += d.sample(fillers, 2 - len(out))
            if d.chance(0.25) and not (review and tone == "neutral"):
                out.insert(0, self.fill(d.choice(EN_OPENERS[tone]), ctx))
            if d.chance(0.25) and not (review and tone == "neutral"):
                out.append(d.choice(EN_CLOSERS[tone]))
            return out
        if lang in OTHER_LANGS:
            bank = OTHER_LANGS[lang][(theme, tone)]
            out = [self.fill(d.choice(bank), ctx)]
            if d.chance(0.4):
                out.insert(0, self.fill(d.choice(OTHER_OPENERS[lang]), ctx))
            if review:
                out.append(
                    d.choice(
                        {
                            "de": ["Sehr empfehlenswert.", "Leider nicht gut."],
                            "es": ["Muy recomendable.", "No volveremos."],
                            "nl": ["Echt een aanrader.", "Jammer."],
                        }[lang]
                    )
                )
            return out
        # French
        if review:
            k = d.randint(1, 3)
        elif platform == "tiktok":
            k = 1
        elif platform == "x":
            k = 1 if d.chance(0.6) else 2
        else:
            k = d.weighted(((1, 0.45), (2, 0.4), (3, 0.15)))
        if review and tone == "neutral":
            month = self.month[ctx.day]
            pos = d.choice(self._bank(ctx.terr, theme, "positive", audience, True, month))
            neg = d.choice(self._bank(ctx.terr, theme, "negative", audience, True, month))
            neg = self.fill(neg, ctx)
            body = [self.fill(pos, ctx), "Mais " + neg[:1].lower() + neg[1:]]
            if d.chance(0.5):
                body.append(d.choice(REVIEW_EXTRA["neutral"]))
        else:
            bank = self._bank(ctx.terr, theme, tone, audience, review, self.month[ctx.day])
            body = [self.fill(s, ctx) for s in d.sample(bank, k)]
        out: list[str] = []
        if platform == "tiktok" and d.chance(0.45):
            out.append(self.fill(d.choice(TIKTOK_HOOKS[tone]), ctx))
        elif d.chance(
            {"x": 0.22, "instagram": 0.25, "facebook": 0.35, "tiktok": 0.0}.get(platform, 0.08)
        ):
            out.append(d.choice(OPENERS[tone]))
        if (
            out
            and out[-1].endswith(",")
            and body
            and body[0].split(" ")[0].lower() in LOWER_AFTER_COMMA
        ):
            body[0] = body[0][:1].lower() + body[0][1:]
            out[-1] = f"{out[-1]} {body.pop(0)}"
        out += body
        if audience in CUES and d.chance(0.32 if platform != "tiktok" else 0.1):
            # cues are noisy: residents also write "vacances", visitors "chez nous"
            bank = CROSS_CUES[audience] if d.chance(CROSS_CUE_RATE) else CUES[audience][tone]
            out.append(self.fill(d.choice(bank), ctx))
        if ctx.prev and d.chance(0.35):
            out.append(self.fill(d.choice(TRIP_CUES), ctx))
        if review:
            for s in d.sample(REVIEW_EXTRA[tone], d.randint(0, 2)):
                out.append(s)
            while len(out) < 2:
                out.append(d.choice(REVIEW_EXTRA[tone]))
            out = out[:6]
        if d.chance(0.28 if not review else 0.4) and platform != "tiktok":
            out.append(d.choice(CLOSERS[tone]))
        return [_cap(s) for s in out]

    def _noise(self, text: str, author: Account, tone: str) -> str:
        d, c = self.d, author.casual
        if c < 0.02:
            return text
        for rx, rep, w in ABBREV_RE:
            if d.chance(0.8 * c * w) and rx.search(text):
                text = rx.sub(
                    lambda m, rep=rep: (
                        rep.upper()[:1] + rep[1:] if m.group(0)[:1].isupper() else rep
                    ),
                    text,
                    count=1,
                )
        if "Saint-" in text and d.chance(0.5 * c):
            text = text.replace("Saint-", d.choice(["St-", "St "]), 1)
        if d.chance(0.4 * c):
            text = " ".join(w.translate(ACCENTS) if d.chance(0.6) else w for w in text.split(" "))
        for _ in range(d.poisson(0.7 * c)):
            text = self._typo(text)
        if tone != "neutral" and d.chance(0.35 * c):
            m = STRETCH_RE.search(text)
            if m:
                form = STRETCH[m.group(1).lower()]
                k = d.randint(2, 5)
                stretched = re.sub(r"\{(.)\}", lambda g: g.group(1) * (k + 1), form)
                if m.group(1)[:1].isupper():
                    stretched = _cap(stretched)
                text = text[: m.start()] + stretched + text[m.end() :]
        if (tone == "negative" and d.chance(0.25 * c + 0.03)) or (
            tone == "positive" and d.chance(0.12 * c)
        ):
            text = self._caps(text, tone)
        if tone != "neutral" and "!" in text and d.chance(0.3 * c):
            text = text.replace("!", d.choice(["!!", "!!!", "!!!!"]), 1)
        if d.chance(0.18 * c):
            text = f"{text} {d.choice(LAUGHS[tone])}"
        if d.chance(0.06 * c):
            text = text.lower()
        if text.endswith(".") and not text.endswith("..") and d.chance(0.4 * c):
            text = text[:-1]
        return text

    def _typo(self, text: str) -> str:
        d = self.d
        words = text.split(" ")
        idx = [i for i, w in enumerate(words) if len(w) >= 4 and w.isalpha()]
        if not idx:
            return text
        i = d.choice(idx)
        w = words[i]
        if w[:1].isupper() and d.chance(0.7):
            return text
        j = d.randint(1, len(w) - 2)
        op = d.randint(0, 3)
        if op == 0:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
        elif op == 1:
            w = w[:j] + w[j + 1 :]
        elif op == 2:
            w = w[:j] + w[j] + w[j:]
        else:
            near = AZERTY.get(w[j].lower())
            if near:
                w = w[:j] + d.choice(near) + w[j + 1 :]
        words[i] = w
        return " ".join(words)

    def _caps(self, text: str, tone: str) -> str:
        low = text.lower()
        for word in CAPS_WORDS[tone]:
            k = low.find(word)
            if k >= 0:
                return text[:k] + text[k : k + len(word)].upper() + text[k + len(word) :]
        if tone == "negative" and self.d.chance(0.3):
            end = text.find(". ")
            end = len(text) if end < 0 else end
            return text[:end].upper() + text[end:]
        return text

    def _emojis(self, platform: str, theme: str, tone: str, author: Account) -> str:
        d = self.d
        n = {
            "instagram": d.randint(1, 4),
            "tiktok": d.randint(1, 3),
            "x": d.randint(1, 2) if d.chance(0.5) else 0,
            "facebook": d.randint(1, 2) if d.chance(0.4) else 0,
        }.get(platform, 1 if d.chance(0.1) else 0)
        if author.audience == "institution":
            n = min(n, 1)
        out = []
        for _ in range(n):
            pool = EMOJI_TONE[tone] if d.chance(0.5) else EMOJI_THEME[theme]
            out.append(d.choice(pool))
        if platform in ("x", "facebook") and d.chance(0.08 * (author.casual + 0.2)):
            out.append(d.choice(EMOTICONS[tone]))
        return "".join(out) if d.chance(0.6) else " ".join(out)

    def _hashtags(self, ctx: Ctx, theme: str, lang: str, extra: tuple[str, ...] = ()) -> list[str]:
        d, platform = self.d, ctx.platform
        a = ctx.author
        if platform == "instagram":
            n = d.randint(4, 15) if a.kind != "institution" else d.randint(2, 5)
        elif platform == "tiktok":
            n = d.randint(3, 6)
        elif platform == "x":
            n = d.weighted(((0, 0.45), (1, 0.3), (2, 0.17), (3, 0.08)))
        elif platform == "facebook":
            n = d.weighted(((0, 0.72), (1, 0.18), (2, 0.1)))
        else:
            return []
        if n == 0:
            return []
        pool: list[str] = list(extra) * 2 + list(ctx.terr.hashtags) * 2 + TAG_THEME[theme]
        if extra:  # a burst: people tag the event, not #wanderlust
            n = min(n, 6)
            pool = list(extra) * 3 + list(ctx.terr.hashtags)
        elif platform == "instagram":
            pool += TAG_INSTA
        if platform == "tiktok":
            pool += TAG_TIKTOK * 2
        if lang == "en":
            pool += ["LoireValley", "France", "travel", "castles"]
        tags: list[str] = []
        for t in d.sample(pool, n + 4):
            if t not in tags:
                tags.append(t)
            if len(tags) >= n:
                break
        return ["#" + (t.lower() if d.chance(0.25) else t) for t in tags]

    def _complaint_target(
        self, terr: Territory, platform: str, theme: str, audience: str
    ) -> Account | None:
        insts = [a for a in self.inst_by_terr[terr.code] if a.platform == platform]
        if not insts:
            return None
        mains = [a for a in insts if a.kind in MAIN_KINDS]
        others = [a for a in insts if a not in mains]
        if (
            audience == "visitor"
            and theme in ("prix_foule", "transports_stationnement")
            and others
            and self.d.chance(0.5)
        ):
            return self.d.choice(others)
        if mains:
            return mains[0]
        if audience == "resident" and terr.code != "41034":
            return None
        return others[0] if others else None

    # ------------------------------------------------------------------ ids and urls
    def _new_id(
        self,
        platform: str,
        t: int,
        author: Account,
        parent: Post | None,
        terr: Territory,
        spot: Spot | None,
    ) -> tuple[str, str, int]:
        d = self.d
        while True:
            ms = (T0_UNIX + t) * 1000 + d.randint(0, 999)
            if platform == "x":
                num = ((ms - 1288834974657) << 22) | d.bits(22)
                doc_id = str(num)
                url = f"https://x.com/{author.handle}/status/{doc_id}"
            elif platform == "tiktok":
                num = ((T0_UNIX + t) << 32) | d.bits(32)
                doc_id = str(num)
                if parent is None:
                    url = f"https://www.tiktok.com/@{author.handle}/video/{doc_id}"
                else:
                    url = f"{parent.url}?comment_id={doc_id}"
            elif platform == "instagram":
                num = ((ms - 1314220021721) << 23) | d.bits(23)
                doc_id = f"{num}_{author.numeric_id}"
                if parent is None:
                    url = f"https://www.instagram.com/p/{_shortcode(num)}/"
                else:
                    url = f"https://www.instagram.com/p/{_shortcode(parent.num)}/c/{num}/"
            elif platform == "facebook":
                num = 10**15 + d.bits(53) % (9 * 10**15)
                if parent is None:
                    doc_id = f"{author.numeric_id}_{num}"
                    url = f"https://www.facebook.com/{author.numeric_id}/posts/{num}"
                else:
                    doc_id = f"{parent.num}_{num}"
                    url = f"{parent.url}?comment_id={num}"
            elif platform == "tripadvisor":
                num = 955_000_000 + int(t * 1.15) + d.randint(0, 999)
                doc_id = f"r{num}"
                place = parent_spot = spot if parent is None else None
                base = self._ta_url(
                    terr, place or parent_spot, num if parent is None else parent.num
                )
                url = base if parent is None else f"{base}#{doc_id}"
            else:  # google_maps
                num = 0
                doc_id = (
                    "Ch"
                    + d.choice("ZdY")
                    + "DSUhNMG9nS0VJQ0FnSUR"
                    + "".join(d.choice(B64URL) for _ in range(14))
                    + d.choice(["EAE", "EAI", "RAB"])
                )
                url = "https://maps.app.goo.gl/" + "".join(d.choice(B62) for _ in range(17))
            if doc_id not in self.ids:
                self.ids.add(doc_id)
                return doc_id, url, num

    def _ta_url(self, terr: Territory, spot: Spot | None, num: int) -> str:
        spot = spot or terr.landmarks[0]
        key = (terr.code, spot.forms[0])
        loc = self.loc_ids.get(key)
        if loc is None:
            loc = 190000 + self.d.randint(0, 25_000_000)
            self.loc_ids[key] = loc
        geo = 187000 + 113 * self.terr_codes.index(terr.code)
        name = "_".join(
            w.capitalize() for w in re.split(r"[\s'-]+", _fold(_strip_article(spot.forms[0]))) if w
        )
        town = re.sub(r"[\s'-]+", "_", _fold(terr.name).title())
        return (
            f"https://www.tripadvisor.fr/ShowUserReviews-g{geo}-d{loc}-r{num}-{name}-"
            f"{town}_{DEPT_SLUG[terr.dept]}.html"
        )

    # ------------------------------------------------------------------ posts
    def _relation(self, acc: Account, code: str) -> str:
        if acc.audience in ("institution", "other"):
            return acc.audience
        if acc.audience == "resident" and acc.territory == code:
            return "resident"
        return "visitor"

    def _pick_theme(
        self, terr: Territory, day: int, audience: str, platform: str, acc: Account
    ) -> str:
        if audience == "institution":
            key = {"mairie": "institution_mairie", "departement": "institution_departement"}.get(
                acc.kind, "institution_tourisme"
            )
            base = THEME_W[key]
        else:
            base = THEME_W["resident" if audience == "resident" else "visitor"]
        mult = THEME_TERRITORY.get(terr.code, {})
        fest_today = bool(terr.fest_days[day])
        weights = []
        for i, th in enumerate(THEMES):
            w = base[i] * mult.get(th, 1.0)
            if th == "festivals" and fest_today:
                w *= 4.0
            if platform in REVIEWS:
                w *= THEME_REVIEW[i]
            weights.append(w)
        return self.d.wchoice(THEMES, _cum(weights))

    def _pick_tone(self, theme: str, audience: str, acc: Account) -> str:
        neg, neu, pos = TONE_W[theme]
        if audience == "visitor":
            pos *= 1.15
        elif audience == "resident":
            neg *= 1.1
        if acc.kind == "influencer":
            pos *= 2.5
            neg *= 0.5
        return self.d.weighted((("negative", neg), ("neutral", neu), ("positive", pos)))

    def _original(
        self, acc: Account, terr: Territory, day: int, *, prev: str = "", jour_n: int = 1
    ) -> Post:
        d = self.d
        platform = acc.platform
        audience = self._relation(acc, terr.code)
        theme = self._pick_theme(terr, day, audience, platform, acc)
        tone = self._pick_tone(theme, audience, acc)
        lang = acc.lang
        if lang in OTHER_LANGS and (theme, tone) not in OTHER_LANGS[lang]:
            theme = d.choice(("patrimoine_chateaux", "vin_gastronomie", "velo_loire"))
            tone = "positive" if d.chance(0.8) else "negative"
        ctx = Ctx(terr, day, acc, platform)
        ctx.prev, ctx.jour_n = prev, jour_n
        sentences = self._sentences(ctx, audience, theme, tone, lang)
        text = " ".join(sentences)
        if lang == "fr":
            text = self._noise(text, acc, tone)
        target = None
        if (
            tone == "negative"
            and theme in COMPLAINT_THEMES
            and platform in SOCIAL
            and audience in ("resident", "visitor")
        ):
            p = 0.5 if audience == "resident" else 0.22
            if d.chance(p):
                target = self._complaint_target(terr, platform, theme, audience)
        mentions: list[str] = []
        if acc.kind == "influencer" and platform in SOCIAL and d.chance(0.45):
            ots = [a for a in self.inst_by_terr[terr.code] if a.platform == platform]
            if ots:
                ot = ots[-1]
                mentions.append(
                    d.choice(
                        [
                            f"En collaboration avec @{ot.handle} #partenariat",
                            f"Merci @{ot.handle} pour l'accueil ! #sponsorisé",
                            f"#ad @{ot.handle}",
                        ]
                    )
                )
                ot.used = True
        elif platform in SOCIAL and tone == "positive" and d.chance(0.02):
            stars = [a for a in self.influencers if a.platform == platform and a is not acc]
            if stars:
                star = d.choice(stars)
                star.used = True
                mentions.append(
                    d.choice(
                        [
                            f"Découvert grâce à @{star.handle} 🙏",
                            f"Merci @{star.handle} pour la reco !",
                            f"Vu chez @{star.handle}, on a testé !",
                        ]
                    )
                )
        elif platform in SOCIAL and tone == "positive" and d.chance(0.07):
            friends = [
                a
                for a in self.visitors[-300:] + self.residents[terr.code][-200:]
                if a.platform == platform and a is not acc
            ]
            if friends:
                f = d.choice(friends)
                f.used = True
                mentions.append(
                    d.choice(
                        [
                            f"avec @{f.handle}",
                            f"@{f.handle} 😘",
                            f"cc @{f.handle}",
                            f"@{f.handle} on y retourne ?",
                        ]
                    )
                )
        elif platform in SOCIAL and tone == "positive" and audience == "visitor" and d.chance(0.05):
            ots = [a for a in self.inst_by_terr[terr.code] if a.platform == platform]
            if ots:
                ots[-1].used = True
                mentions.append(f"@{ots[-1].handle}")
        post = self._assemble(ctx, acc, text, theme, tone, lang, target, mentions)
        post.audience = audience
        self._geotag(post, ctx, audience)
        return post

    def _assemble(
        self,
        ctx: Ctx,
        acc: Account,
        text: str,
        theme: str,
        tone: str,
        lang: str,
        target: Account | None,
        mentions: list[str],
        extra_tags: tuple[str, ...] = (),
        rating: bool = True,
    ) -> Post:
        d, platform = self.d, ctx.platform
        emojis = (
            self._emojis(platform, theme, tone, acc)
            if acc.audience != "institution" or d.chance(0.3)
            else ""
        )
        tags = self._hashtags(ctx, theme, lang, extra_tags)
        url = ""
        if platform in SOCIAL and "http" not in text and acc.kind == "person" and d.chance(0.03):
            url = self._url_text(platform)
        prefix = suffix = ""
        if target is not None:
            target.used = True
            if platform == "x" and d.chance(0.6):
                prefix = f"@{target.handle} "
            else:
                suffix = f" @{target.handle}"
        body = f"{text} {emojis}".strip() if emojis else text
        body = f"{prefix}{body}{suffix}"
        if mentions:
            body = f"{body} {' '.join(mentions)}"
        if platform == "instagram":
            pin = ""
            if ctx.spot is not None and acc.audience != "institution" and d.chance(0.3):
                pin = f"\n📍 {_strip_article(ctx.spot.forms[0])}"
            sep = d.choice(["\n\n", "\n.\n.\n.\n", "\n", " "])
            full = body + pin + (sep + " ".join(tags) if tags else "")
            if url:
                full += f" {url}"
        elif platform == "x":
            full = _fit_x(body, tags, url)
        else:
            full = " ".join(x for x in (body, " ".join(tags), url) if x)
        if acc.curly:
            full = full.replace("'", "’")
        t = self._time(ctx.day, acc.audience if acc.audience != "other" else "other")
        doc_id, purl, num = self._new_id(platform, t, acc, None, ctx.terr, ctx.spot)
        post = Post(
            doc_id=doc_id,
            platform=platform,
            text=full,
            t=t,
            author=acc,
            lang=lang,
            territory=ctx.terr.code,
            audience=acc.audience,
            theme=theme,
            tone=tone,
            url=purl,
            num=num,
            complaint_target=target,
        )
        if platform in REVIEWS and rating:
            post.rating = _rating(d, tone)
        acc.used = True
        self.posts.append(post)
        return post

    def _geotag(self, post: Post, ctx: Ctx, audience: str) -> None:
        d = self.d
        p = GEO_P.get(post.platform, {}).get(audience, 0.0)
        if not p or not d.chance(p):
            return
        spot = ctx.spot
        if spot is None:
            acc = post.author
            if audience == "resident" and acc.quartier >= 0 and d.chance(0.6):
                spot = ctx.terr.quartiers[acc.quartier]
            else:
                spot = d.wchoice(ctx.terr.landmarks, ctx.terr.lm_cum)
        post.lat = spot.lat + 0.0013 * d.z()
        post.lon = spot.lon + 0.0019 * d.z()

    # ------------------------------------------------------------------ schedules
    def _resident_posts(self, budget: int) -> None:
        d = self.d
        weights = {t.code: t.population**0.55 for t in self.terrs}
        total_w = sum(weights.values())
        mean_posts = 8.0
        for terr in self.terrs:
            share = round(budget * weights[terr.code] / total_w)
            n_auth = max(terr.resident_floor, round(share / mean_posts))
            share = max(share, 3 * n_auth)
            accs = [
                self._new_person(d.weighted(PLATFORM_W["resident"]), "resident", terr)
                for _ in range(n_auth)
            ]
            for handle, display, platform, followers, code, bio in LOCAL_INFLUENCERS:
                if code == terr.code:
                    acc = self._new_person(platform, "resident", terr)
                    self.handles[platform].discard(acc.handle.lower())
                    del self.by_handle[(platform, acc.handle)]
                    acc.handle, acc.display_name, acc.followers, acc.bio = (
                        handle,
                        display,
                        followers,
                        bio,
                    )
                    acc.kind, acc.verified, acc.casual = "influencer", followers > 20000, 0.2
                    self.handles[platform].add(handle.lower())
                    self.by_handle[(platform, handle)] = acc
                    accs.append(acc)
            self.residents[terr.code] = accs
            # a quarter of the residents post only once: their history cannot tell them apart
            occasional = [a.kind == "person" and d.chance(OCCASIONAL_RESIDENTS) for a in accs]
            raw = [
                0.0 if occ else d.lognormal(0, 1.0) * (4 if a.kind == "influencer" else 1)
                for a, occ in zip(accs, occasional, strict=True)
            ]
            base = [1 if occ else 3 for occ in occasional]
            extra = share - sum(base)
            counts = self.d.rng.multinomial(max(extra, 0), np.array(raw) / sum(raw)).tolist()
            cum = self.w_res[terr.code]
            for acc, k, k0 in zip(accs, counts, base, strict=True):
                k = k0 + int(k)
                span = d.randint(75, N_DAYS)
                start = d.randint(0, N_DAYS - span)
                days = sorted(self._day_in(cum, start, start + span) for _ in range(k))
                if k > 1 and days[-1] - days[0] < 45:  # residents post over several months
                    days[-1] = min(N_DAYS - 1, days[0] + d.randint(45, span))
                for day in days:
                    self._original(acc, terr, day)

    def _visitor_posts(self, budget: int, influencers: list[Account]) -> None:
        d = self.d
        terr_cum = _cum([t.visitor_weight for t in self.terrs])
        done = 0
        for acc in influencers:
            n_trips = d.randint(4, 7) if acc.followers > 100_000 else d.randint(2, 4)
            for _ in range(n_trips):
                done += self._trip(acc, d.wchoice(self.terrs, terr_cum), d.randint(2, 4))
        repeaters: list[Account] = []
        res_pool = [
            a
            for c in self.terr_codes
            for a in self.residents[c]
            if a.platform in SOCIAL and a.kind == "person"
        ]
        while done < budget:
            r = d.u()
            if repeaters and r < 0.04:
                acc = repeaters.pop()
            elif r < 0.10 and res_pool:
                acc = d.choice(res_pool)
            else:
                acc = self._new_person(d.weighted(PLATFORM_W["visitor"]), "visitor")
                self.visitors.append(acc)
                if d.chance(0.05):
                    repeaters.append(acc)
            primary = d.wchoice(self.terrs, terr_cum)
            if acc.audience == "resident" and primary.code == acc.territory:
                primary = self.by_code[d.choice(NEIGHBOURS[acc.territory])]
            # most visitors post once (>= 40 % of all authors post once, as on real platforms)
            n = d.wchoice((1, 2, 3, 4, 5, 6), _cum([68, 15, 8, 4, 3, 2]))
            if acc.platform in REVIEWS:
                n = min(n, 4)
            done += self._trip(acc, primary, min(n, budget - done))

    def _trip(self, acc: Account, primary: Territory, n_posts: int) -> int:
        d = self.d
        n_terr = d.weighted(((1, 0.72), (2, 0.22), (3, 0.06)))
        if primary.code in ("72181", "36"):
            n_terr = 1 if d.chance(0.85) else n_terr
        route = [primary]
        for code in d.sample(NEIGHBOURS[primary.code], n_terr - 1):
            if code != acc.territory:
                route.append(self.by_code[code])
        duration = max(len(route), d.wchoice((1, 2, 3, 4, 5, 7), _cum([25, 35, 15, 10, 8, 7])))
        start = self._day_in(self.w_vis[primary.code], 0, N_DAYS - duration + 1)
        offsets = sorted(d.randint(0, duration - 1) for _ in range(n_posts))
        for off in offsets:
            seg = min(len(route) - 1, off * len(route) // duration)
            prev = route[seg - 1].name if seg > 0 else ""
            self._original(acc, route[seg], start + off, prev=prev, jour_n=off + 1)
        return n_posts

    def _institution_posts(self, budget: int) -> None:
        d = self.d
        total = sum(t.institution_weight for t in self.terrs)
        for terr in self.terrs:
            share = round(budget * terr.institution_weight / total)
            accs = self.inst_by_terr[terr.code]
            cum = _cum([a.followers**0.3 for a in accs])
            for _ in range(share):
                acc = d.wchoice(accs, cum)
                day = self._day_in(self.w_inst[terr.code])
                theme = self._pick_theme(terr, day, "institution", acc.platform, acc)
                month = self.month[day]
                tone, template = d.choice(
                    [x for x in INST_BANK[theme] if _in_season(x[1], month)] or INST_BANK[theme]
                )
                ctx = Ctx(terr, day, acc, acc.platform)
                text = self.fill(template, ctx)
                if d.chance(0.65):
                    suffixes = [
                        x for x in INST_SUFFIX if "{url}" not in template or "{url}" not in x
                    ]
                    text = f"{text} {self.fill(d.choice(suffixes), ctx)}"
                post = self._assemble(ctx, acc, text, theme, tone, "fr", None, [])
                post.audience = "institution"
                self._geotag(post, ctx, "institution")

    def _other_posts(self, budget: int) -> None:
        d = self.d
        n_media = round(budget * 0.45)
        media_cum = _cum([a.followers**0.4 for a in self.media])
        for _ in range(n_media):
            acc = d.wchoice(self.media, media_cum)
            terr = self.by_code[
                d.wchoice(acc.coverage, _cum([self.by_code[c].other_weight for c in acc.coverage]))
            ]
            day = self._day_in(self.w_other[terr.code])
            theme, tone, template = d.choice(
                [x for x in MEDIA_BANK if _in_season(x[2], self.month[day])]
            )
            ctx = Ctx(terr, day, acc, acc.platform)
            text = _cap(self.fill(template, ctx))
            if "{url}" not in template:
                text = f"{text} {self.fill('{url}', ctx)}"
            post = self._assemble(ctx, acc, text, theme, tone, "fr", None, [])
            post.audience = "other"
        biz = [a for c in self.terr_codes for a in self.business[c] if a.platform in SOCIAL]
        biz_cum = _cum([self.by_code[a.territory].other_weight for a in biz])
        for _ in range(budget - n_media):
            acc = d.wchoice(biz, biz_cum)
            terr = self.by_code[acc.territory]
            day = self._day_in(self.w_other[terr.code])
            options = BUSINESS_BANK[acc.kind.removeprefix("business_")]
            theme, tone, template = d.choice(
                [x for x in options if _in_season(x[2], self.month[day])] or options
            )
            ctx = Ctx(terr, day, acc, acc.platform)
            text = self.fill(template, ctx)
            if d.chance(0.7):
                text += " " + self.fill(
                    d.choice(
                        [
                            "Réservations en message privé.",
                            "À très vite !",
                            "On vous attend !",
                            "Bon week-end à tous !",
                            "Ouvert dès {heure} !",
                            "Infos : {url}",
                            "Ce {jour_semaine}, on vous attend dès {heure_soir} !",
                            "Réservez : {url}",
                            "Merci pour votre fidélité ❤️",
                            "À partir de {prix_menu} le menu.",
                        ]
                    ),
                    ctx,
                )
            post = self._assemble(ctx, acc, text, theme, tone, "fr", None, [])
            post.audience = "other"
            self._geotag(post, ctx, "other")

    # ------------------------------------------------------------------ bursts
    def _bursts(self) -> None:
        counts: dict[str, list[int]] = {c: [0] * N_DAYS for c in self.terr_codes}
        for p in self.posts:
            counts[p.territory][p.t // 86400] += 1
        self._burst(
            BURST_FLOOD,
            self.by_code["41018"],
            _day_index(11, 10),
            (5.5, 8.0, 7.0, 5.5),
            FLOOD,
            statistics.median(counts["41018"]),
            Spot(("les quais de Loire",), 47.5835, 1.3370),
        )
        self._burst(
            BURST_FEST,
            self.by_code["37261"],
            _day_index(7, 11),
            (5.5, 8.0, 6.5),
            FESTIVAL_FAIL,
            statistics.median(counts["37261"]),
            Spot(("la prairie de la Gloriette",), 47.3602, 0.6785),
        )

    def _burst(
        self,
        burst_id: str,
        terr: Territory,
        first_day: int,
        mults: tuple[float, ...],
        bank: list[tuple[str, str, str, str]],
        median: float,
        spot: Spot,
    ) -> None:
        d = self.d
        base = max(1.0, float(median))
        residents = [a for a in self.residents[terr.code] if a.platform in SOCIAL]
        insts = [
            a
            for a in self.inst_by_terr[terr.code]
            if a.platform in ("x", "facebook") and a.kind in (*MAIN_KINDS, "office_de_tourisme")
        ]
        media = [a for a in self.media if terr.code in a.coverage]
        outsiders = [a for a in self.visitors if a.platform in SOCIAL]
        goers: list[Account] = []
        if burst_id == BURST_FLOOD:
            groups = (
                ("resident", 0.76),
                ("institution", 0.05),
                ("media", 0.07),
                ("outsider", 0.12),
            )
        else:
            groups = (("resident", 0.42), ("goer", 0.44), ("institution", 0.05), ("media", 0.09))
        for k, mult in enumerate(mults):
            day = first_day + k
            for _ in range(math.ceil(mult * base)):
                group = d.weighted(groups)
                if group == "resident":
                    acc = d.choice(residents)
                elif group == "institution":
                    acc = d.choice(insts)
                elif group == "media":
                    acc = d.choice(media)
                elif group == "outsider":
                    acc = d.choice(outsiders)
                elif goers and d.chance(0.4):
                    acc = d.choice(goers)
                else:
                    acc = self._new_person(
                        d.weighted(
                            (("x", 35), ("instagram", 30), ("tiktok", 15), ("facebook", 20))
                        ),
                        "visitor",
                        home_idx=d.wchoice(range(N_FR_HOMES), FR_HOME_CUM),
                    )
                    self.visitors.append(acc)
                    goers.append(acc)
                label = {
                    "resident": "resident",
                    "goer": "public",
                    "outsider": "outsider",
                    "institution": "institution",
                    "media": "media",
                }[group]
                if burst_id == BURST_FEST and label == "resident":
                    label = "public"
                options = [b for b in bank if b[0] == label]
                want = d.weighted(BURST_TONES[label])
                first = d.choice([b for b in options if b[2] == want] or options)
                _, theme, tone, template = first
                ctx = Ctx(terr, day, acc, acc.platform)
                ctx.spot = spot
                sents = [self.fill(template, ctx)]
                if group in ("resident", "goer") and d.chance(0.35):
                    second = d.choice(options)
                    if second is not first and second[2] == tone:
                        sents.append(self.fill(second[3], ctx))
                if group in ("resident", "goer") and d.chance(0.2):
                    sents.append(d.choice(CLOSERS[tone]))
                text = " ".join(_cap(s) for s in sents)
                audience = self._relation(acc, terr.code)
                if acc.kind == "person":
                    text = self._noise(text, acc, tone)
                target = None
                if (
                    tone == "negative"
                    and audience in ("resident", "visitor")
                    and d.chance(0.45 if audience == "resident" else 0.25)
                ):
                    target = self._complaint_target(terr, acc.platform, theme, "resident")
                post = self._assemble(
                    ctx, acc, text, theme, tone, "fr", target, [], extra_tags=BURST_TAGS[burst_id]
                )
                post.audience = audience
                post.burst_id = burst_id
                post.t = day * 86400 + (self._time(day, acc.audience) % 86400)
                post.t = min(post.t, LAST_SECOND)
                self._geotag(post, ctx, audience)

    # ------------------------------------------------------------------ replies
    def _reply_post(
        self,
        parent: Post,
        acc: Account,
        text: str,
        theme: str,
        tone: str,
        t: int,
        kind: str,
        audience: str,
    ) -> Post | None:
        if t > LAST_SECOND or t <= parent.t:
            return None
        platform = parent.platform
        if acc.curly:
            text = text.replace("'", "’")
        terr = self.by_code[parent.territory]
        doc_id, url, num = self._new_id(platform, t, acc, parent, terr, None)
        post = Post(
            doc_id=doc_id,
            platform=platform,
            text=text,
            t=t,
            author=acc,
            lang=parent.lang if kind == "owner_reply" else "fr",
            territory=parent.territory,
            audience=audience,
            theme=theme,
            tone=tone,
            kind=kind,
            reply_to=parent,
            url=url,
            num=num,
            burst_id=parent.burst_id,
        )
        acc.used = True
        parent.n_replies += 1
        self.posts.append(post)
        return post

    def _institution_replies(self) -> list[Post]:
        d = self.d
        out = []
        # each account answers round(rate x n) of the complaints that mention it, drawn at
        # random, so that the measured rate equals the planned one
        mentioned: dict[int, list[Post]] = {}
        for parent in self.posts:
            if parent.complaint_target is not None:
                mentioned.setdefault(id(parent.complaint_target), []).append(parent)
        chosen: set[int] = set()
        for inst in self.accounts:
            todo = mentioned.get(id(inst), [])
            if todo and inst.responsiveness:
                k = round(inst.responsiveness * len(todo))
                chosen.update(id(p) for p in d.sample(todo, k))
        for parent in list(self.posts):
            inst = parent.complaint_target
            if inst is None or id(parent) not in chosen:
                continue
            mu, sd = inst.delay
            delay = max(180, int(3600 * d.lognormal(math.log(mu), sd)))
            terr = self.by_code[parent.territory]
            ctx = Ctx(terr, parent.t // 86400, inst, parent.platform)
            head = self.fill(d.choice(INST_REPLY_HEAD), ctx)
            body = self.fill(d.choice(INST_REPLY_BODY), ctx)
            if head.endswith(","):
                body = body[:1].lower() + body[1:]
            parts = [head, body]
            if d.chance(0.4):
                parts.append(self.fill(d.choice(INST_REPLY_BODY), ctx))
            tail = d.choice(INST_REPLY_TAIL)
            if tail:
                parts.append(tail)
            text = " ".join(dict.fromkeys(parts))
            if parent.platform in ("x", "instagram"):
                text = f"@{parent.author.handle} {text}"
            post = self._reply_post(
                parent,
                inst,
                text,
                parent.theme,
                "neutral",
                parent.t + delay,
                "inst_reply",
                "institution",
            )
            if post is not None:
                out.append(post)
        return out

    def _owner_replies(self) -> None:
        d = self.d
        kinds = {
            "vin_gastronomie": ("restaurant", "vin", "bar"),
            "vie_nocturne": ("bar", "restaurant"),
            "velo_loire": ("velo",),
        }
        for parent in list(self.posts):
            if (
                parent.platform not in REVIEWS
                or parent.kind != "original"
                or parent.theme not in kinds
            ):
                continue
            owners = [
                a
                for a in self.business[parent.territory]
                if a.platform == parent.platform
                and a.kind.removeprefix("business_") in kinds[parent.theme]
            ]
            if not owners or not d.chance(0.45 if parent.tone == "negative" else 0.25):
                continue
            owner = d.choice(owners)
            name = parent.author.first or parent.author.display_name.split(" ")[0]
            dear = "Chère" if parent.author.first in FIRST_F else "Cher"
            ctx = Ctx(self.by_code[parent.territory], parent.t // 86400, owner, parent.platform)
            head = d.choice([f"Bonjour {name},", "Bonjour,", f"{dear} {name},", f"Merci {name} !"])
            body = d.choice(OWNER_REPLY[parent.tone])
            if head.endswith(","):
                body = body[:1].lower() + body[1:]
            parts = [head, body]
            if d.chance(0.6):
                parts.append(self.fill(d.choice(OWNER_MIDDLE), ctx))
            parts.append(self.fill(d.choice(OWNER_TAIL), ctx))
            text = " ".join(parts)
            delay = int(3600 * d.lognormal(math.log(30), 0.8))
            self._reply_post(
                parent,
                owner,
                text,
                parent.theme,
                "positive" if parent.tone == "positive" else "neutral",
                parent.t + delay,
                "owner_reply",
                "other",
            )

    def _filler(self, n: int, inst_replies: list[Post]) -> None:
        d = self.d
        n_rep = round(n * FILLER_REPLY_SHARE)
        n_rt = n - n_rep
        originals = [p for p in self.posts if p.kind == "original" and p.platform in SOCIAL]
        by_terr_plat: dict[tuple[str, str], list[Account]] = {}
        for code in self.terr_codes:
            for a in self.residents[code]:
                by_terr_plat.setdefault((code, a.platform), []).append(a)
        any_plat: dict[str, list[Account]] = {p: [] for p in PLATFORMS}
        for a in self.accounts:
            if a.used and a.audience in ("resident", "visitor"):
                any_plat[a.platform].append(a)
        w = [
            math.sqrt(p.author.followers + 50)
            * (1.6 if p.tone == "negative" else 1.0)
            * (3 if p.burst_id else 1)
            for p in originals
        ]
        cum = _cum(w)
        made = 0
        guard = 0
        while made < n_rep and guard < 50 * n + 1000:
            guard += 1
            if inst_replies and d.chance(0.15):
                parent = d.choice(inst_replies)
                acc = parent.reply_to.author if parent.reply_to else None
                if acc is None:
                    continue
                rel = "thanks"
            else:
                parent = d.wchoice(originals, cum)
                pool = by_terr_plat.get((parent.territory, parent.platform), [])
                if pool and d.chance(min(0.6, len(pool) / 60)):
                    acc = d.choice(pool)
                else:
                    acc = d.choice(any_plat[parent.platform])
                rel = parent.tone
            if acc is parent.author:
                continue
            ctx = Ctx(self.by_code[parent.territory], parent.t // 86400, acc, parent.platform)
            r = d.u()
            parts = []
            if (
                parent.burst_id
                and rel != "thanks"
                and d.chance(0.85 if parent.tone == "negative" else 0.5)
            ):
                tone, template = d.choice(BURST_REPLY[parent.burst_id])
                parts.append(self.fill(template, ctx))
                r = 2.0
            if r < 0.7:
                tone, template = d.choice(REPLY_REACT[rel])
                parts.append(self.fill(template, ctx))
            if 0.2 < r <= 1.0 or (r < 0.2 and parts[0].endswith(",")):
                tone, template = d.choice(REPLY_DETAIL[rel])
                parts.append(self.fill(template, ctx))
            text = " ".join(_cap(x) for x in parts)
            text = self._noise(text, acc, tone)
            if d.chance(0.3):
                text += " " + d.choice(EMOJI_TONE[tone])
            if parent.platform == "x" or (parent.platform == "instagram" and d.chance(0.5)):
                text = f"@{parent.author.handle} {text}"
            delay = max(30, int(d.lognormal(math.log(2400), 1.2)))
            post = self._reply_post(
                parent,
                acc,
                text,
                parent.theme,
                tone,
                parent.t + delay,
                "reply",
                self._relation(acc, parent.territory),
            )
            if post is not None:
                made += 1
        x_orig = [p for p in originals if p.platform in ("x", "facebook")]
        w = [
            (
                (4 if p.tone == "negative" else 0.6)
                if p.burst_id
                else (6 if p.author.audience == "institution" else 1)
                * (4 if p.author.kind == "influencer" else 1)
            )
            * math.log(p.author.followers + 3)
            for p in x_orig
        ]
        cum = _cum(w)
        made = 0
        guard = 0
        while made < n_rt and guard < 50 * n + 1000:
            guard += 1
            parent = d.wchoice(x_orig, cum)
            platform = parent.platform
            ots = [
                a
                for a in self.inst_by_terr[parent.territory]
                if a.platform == platform and a.kind not in MAIN_KINDS
            ]
            pool = by_terr_plat.get((parent.territory, platform), [])
            if (
                parent.audience == "visitor"
                and parent.tone == "positive"
                and ots
                and d.chance(0.25)
            ):
                acc = ots[0]
            elif pool and d.chance(min(0.65, len(pool) / 40)):
                acc = d.choice(pool)
            else:
                acc = d.choice(any_plat[platform])
            if acc is parent.author or (platform == "x" and parent.n_reposts >= 2):
                continue
            t = parent.t + max(20, int(d.lognormal(math.log(5400), 1.3)))
            if t > LAST_SECOND:
                continue
            if platform == "x":
                text = _truncate(f"RT @{parent.author.handle}: {parent.text}", 280)
                lang = parent.lang
            else:
                ctx = Ctx(self.by_code[parent.territory], parent.t // 86400, acc, platform)
                text = self.fill(d.choice(RELAY), ctx)
                if d.chance(0.35):
                    text = f"{text} {self.fill(d.choice(RELAY), ctx)}"
                if d.chance(0.5):
                    text = f"{text} {d.choice(EMOJI_TONE[parent.tone] + EMOJI_THEME[parent.theme])}"
                if d.chance(0.25):
                    friends = by_terr_plat.get((parent.territory, platform), [])
                    if friends:
                        friend = d.choice(friends)
                        if friend is not acc:
                            friend.used = True
                            text = f"{text} @{friend.handle}"
                if d.chance(0.2):
                    text = f"{text} #{d.choice(self.by_code[parent.territory].hashtags)}"
                text = self._noise(text, acc, parent.tone)
                if acc.curly:
                    text = text.replace("'", "’")
                lang = "fr"
            doc_id, url, num = self._new_id(
                platform, t, acc, None, self.by_code[parent.territory], None
            )
            post = Post(
                doc_id=doc_id,
                platform=platform,
                text=text,
                t=t,
                author=acc,
                lang=lang,
                territory=parent.territory,
                audience=self._relation(acc, parent.territory),
                theme=parent.theme,
                tone=parent.tone,
                kind="repost",
                repost_of=parent,
                url=url,
                num=num,
                burst_id=parent.burst_id,
            )
            acc.used = True
            parent.n_reposts += 1
            self.posts.append(post)
            made += 1

    # ------------------------------------------------------------------ engagement
    def _engagement(self) -> None:
        d = self.d
        rates = {"x": 0.02, "instagram": 0.06, "facebook": 0.03, "tiktok": 0.09}
        tone_like = {"positive": 1.3, "neutral": 0.8, "negative": 0.9}
        tone_reply = {"positive": 0.04, "neutral": 0.1, "negative": 0.25}
        for p in self.posts:
            f = p.author.followers
            plat = p.platform
            if plat in REVIEWS:
                p.likes = None if p.kind == "owner_reply" else int(d.lognormal(-1.0, 1.1))
                continue
            if p.kind == "repost" and plat == "x":
                p.likes = p.shares = p.replies = p.views = 0
                continue
            base = (f + 30) ** 0.85 * rates[plat] * tone_like[p.tone] * d.lognormal(0, 1.0)
            if p.kind != "original":
                base *= 0.06
            if p.burst_id:
                base *= 2.0
            likes = int(base)
            if plat == "tiktok" and d.chance(0.03):
                likes *= d.randint(10, 60)
            p.likes = likes
            neg = 1.6 if p.tone == "negative" else 1.0
            if plat == "x":
                p.shares = int(likes * (0.05 + 0.25 * d.u()) * neg)
                p.views = int(max(likes * (25 + 65 * d.u()), (f + 30) * (0.05 + 0.45 * d.u())))
            elif plat == "facebook":
                p.shares = int(likes * (0.02 + 0.18 * d.u()) * neg)
            elif plat == "tiktok":
                p.shares = int(likes * (0.01 + 0.07 * d.u()))
                p.views = int(likes * (6 + 24 * d.u())) + d.randint(50, 400)
            p.replies = int(likes * tone_reply[p.tone] * d.lognormal(0, 0.5))
            p.replies = max(p.replies, p.n_replies)
            if p.shares is not None:
                p.shares = max(p.shares, p.n_reposts)

    # ------------------------------------------------------------------ run
    def run(self) -> None:
        """Generate every account and post."""
        n = self.n_posts
        self._make_institutions()
        self._make_media()
        self._make_businesses()
        influencers = self._make_influencers()
        self.influencers = influencers
        self.visitors.extend(influencers)
        self._resident_posts(round(ORIGINAL_SHARE["resident"] * n))
        self._visitor_posts(round(ORIGINAL_SHARE["visitor"] * n), influencers)
        self._institution_posts(round(ORIGINAL_SHARE["institution"] * n))
        self._other_posts(round(ORIGINAL_SHARE["other"] * n))
        self._bursts()
        inst_replies = self._institution_replies()
        self._owner_replies()
        left = n - len(self.posts)
        if left < 0:
            raise RuntimeError(f"planned more posts ({len(self.posts)}) than n_posts ({n})")
        self._filler(left, inst_replies)
        if len(self.posts) != n:
            raise RuntimeError(f"generated {len(self.posts)} posts instead of {n}")
        self._engagement()

    # ------------------------------------------------------------------ output
    def write(self, out_dir: Path) -> dict[str, Path]:
        """Write the six CSV files into ``out_dir`` and return their paths."""
        out_dir.mkdir(parents=True, exist_ok=True)
        posts = sorted(self.posts, key=lambda p: (p.t, p.doc_id))
        paths = {k: out_dir / v for k, v in OUTPUT_FILES.items()}

        def num(v: int | None) -> str:
            return "" if v is None else str(v)

        rows = []
        truth = []
        inter = []
        for p in posts:
            created = _fmt_time(p.t)
            rows.append(
                (
                    p.doc_id,
                    p.platform,
                    p.text,
                    created,
                    p.author.handle,
                    p.lang if p.platform == "x" else "",
                    p.territory,
                    self.by_code[p.territory].level,
                    "" if p.lat is None else f"{p.lat:.6f}",
                    "" if p.lon is None else f"{p.lon:.6f}",
                    num(p.likes),
                    num(p.shares),
                    num(p.replies),
                    num(p.views),
                    num(p.rating),
                    p.reply_to.doc_id if p.reply_to else "",
                    p.repost_of.doc_id if p.repost_of else "",
                    p.url,
                )
            )
            truth.append((p.doc_id, p.territory, p.audience, p.theme, p.tone, p.burst_id))
            src = p.author.handle
            if p.repost_of is not None:
                inter.append(
                    (src, p.repost_of.author.handle, "repost", p.doc_id, created, p.platform)
                )
            else:
                seen = []
                for h in MENTION_RE.findall(p.text):
                    if h not in seen and (p.platform, h) in self.by_handle and h != src:
                        seen.append(h)
                for h in seen:
                    inter.append((src, h, "mention", p.doc_id, created, p.platform))
            if p.reply_to is not None:
                inter.append(
                    (src, p.reply_to.author.handle, "reply", p.doc_id, created, p.platform)
                )
        inter.sort(key=lambda r: (r[4], r[3], r[2], r[1]))
        accounts = sorted(
            (a for a in self.accounts if a.used), key=lambda a: (a.platform, a.handle)
        )
        acc_rows = [
            (
                a.handle,
                a.platform,
                a.display_name,
                a.bio,
                a.location,
                str(a.followers),
                str(a.following),
                "true" if a.verified else "false",
                a.created_at,
            )
            for a in accounts
        ]
        truth_auth = [
            (
                a.platform,
                a.handle,
                a.audience,
                a.home_code,
                a.home_name,
                a.home_country if (a.home_code or a.home_name) else "",
                _tier(a.followers),
                "" if a.responsiveness is None else f"{a.responsiveness:.2f}",
            )
            for a in accounts
        ]
        inst_rows = sorted(
            (
                (a.platform, a.handle, a.display_name, a.territory, a.kind)
                for a in self.accounts
                if a.audience == "institution" and (a.platform, a.handle) != OMITTED_INSTITUTION
            ),
            key=lambda r: (r[3], r[4], r[0], r[1]),
        )
        _write_csv(paths["posts"], POSTS_COLUMNS, rows)
        _write_csv(paths["truth_posts"], TRUTH_POSTS_COLUMNS, truth)
        _write_csv(paths["interactions"], INTERACTIONS_COLUMNS, inter)
        _write_csv(paths["accounts"], ACCOUNTS_COLUMNS, acc_rows)
        _write_csv(paths["truth_authors"], TRUTH_AUTHORS_COLUMNS, truth_auth)
        _write_csv(paths["institutions"], INSTITUTIONS_COLUMNS, inst_rows)
        counts = {
            "posts": len(rows),
            "accounts": len(acc_rows),
            "interactions": len(inter),
            "institutions": len(inst_rows),
            "truth_posts": len(truth),
            "truth_authors": len(truth_auth),
        }
        for key, path in paths.items():
            logger.info("wrote %s: %d rows", path, counts[key])
        return paths


LOWER_AFTER_COMMA = {
    "le",
    "la",
    "les",
    "l'",
    "un",
    "une",
    "des",
    "du",
    "on",
    "il",
    "encore",
    "quelqu'un",
    "ça",
    "trop",
    "visite",
    "petite",
    "petit",
    "merci",
    "trois",
    "deux",
    "plus",
    "pas",
    "aucun",
    "aucune",
    "tout",
    "toute",
    "vue",
    "je",
    "j'ai",
    "franchement",
    "déçus",
    "ambiance",
    "quelle",
    "quel",
    "c'est",
    "dégustation",
    "balade",
    "coucher",
    "enfin",
    "impossible",
    "pourquoi",
    "combien",
    "trouver",
    "parking",
    "rouler",
    "guide",
    "resto",
    "service",
    "apéro",
    "soirée",
    "concert",
    "programmation",
    "billet",
    "zéro",
    "poubelles",
    "accueil",
    "chantier",
    "travaux",
    "marteau-piqueur",
    "poussière",
    "rue",
    "coupure",
    "réunion",
}
FOREIGN_NAMES_BY_COUNTRY = {"DE": "de", "NL": "nl", "ES": "es", "GB": "en", "US": "en", "IE": "en"}


def _business_bio(kind: str, name: str, terr: Territory) -> str:
    return {
        "bar": f"Bar à vins & cocktails {terr.a_ville} 🍸 Concerts le jeudi",
        "hotel": f"{name} ⭐⭐⭐ Hôtel de charme {terr.a_ville}",
        "velo": f"Location de vélos {terr.a_ville} 🚲 Accueil Vélo",
        "vin": f"{name} 🍇 Vins, dégustations, vente directe",
        "restaurant": f"{name} 🍽️ Cuisine locale et produits de saison {terr.a_ville}",
    }[kind]


def _rating(d: Dice, tone: str) -> int:
    if tone == "positive":
        return 5 if d.chance(0.7) else 4
    if tone == "negative":
        return 1 if d.chance(0.55) else 2
    return d.weighted(((3, 0.7), (2, 0.15), (4, 0.15)))


def _shortcode(media_id: int) -> str:
    out = ""
    while media_id:
        media_id, r = divmod(media_id, 64)
        out = B64URL[r] + out
    return out or "A"


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _fit_x(body: str, tags: list[str], url: str) -> str:
    """Assemble an X post of at most 280 characters (drops hashtags, then cuts)."""
    tags = list(tags)
    while True:
        full = " ".join(x for x in (body, " ".join(tags), url) if x)
        if len(full) <= 280:
            return full
        if tags:
            tags.pop()
            continue
        room = 280 - (len(url) + 1 if url else 0)
        return " ".join(x for x in (_truncate(body, room), url) if x)


def _write_csv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# ======================================================================================
# Entry points
# ======================================================================================


def generate(out_dir: Path, *, seed: int = 20251, n_posts: int = 30000) -> dict[str, Path]:
    """Generate the sample corpus and its truth files into ``out_dir``.

    Parameters
    ----------
    out_dir : pathlib.Path
        Folder to write into (created if missing).
    seed : int, default 20251
        Seed of ``numpy.random.default_rng``; same seed and ``n_posts``, same bytes.
    n_posts : int, default 30000
        Exact number of posts (at least 2000).

    Returns
    -------
    dict of str to pathlib.Path
        The written files by name: ``posts``, ``accounts``, ``interactions``,
        ``institutions``, ``truth_posts``, ``truth_authors``.

    Raises
    ------
    ValueError
        If ``n_posts`` is below 2000.
    """
    if n_posts < 2000:
        raise ValueError(f"n_posts must be at least 2000, got {n_posts}")
    start = time.perf_counter()
    gen = Generator(seed, n_posts)
    gen.run()
    paths = gen.write(Path(out_dir))
    logger.info(
        "generated %d posts (seed %d) in %.1f s", n_posts, seed, time.perf_counter() - start
    )
    return paths


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point: ``python data/sample/generate.py [--out DIR] ...``."""
    parser = argparse.ArgumentParser(description="Generate the territoire_lab sample corpus.")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent,
        help="output folder (default: the folder of this script)",
    )
    parser.add_argument("--seed", type=int, default=20251, help="random seed (default 20251)")
    parser.add_argument(
        "--n-posts", type=int, default=30000, help="number of posts, at least 2000 (default 30000)"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    generate(args.out, seed=args.seed, n_posts=args.n_posts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
