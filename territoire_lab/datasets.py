"""Bundled sample data: a Loire-valley study, with a registry of checksums and licences.

The sample (``data/sample/`` in the repository, ``territoire_lab/_sample`` in a wheel)
holds real, openly licensed reference data for four départements (Indre, Indre-et-Loire,
Loir-et-Cher, Sarthe: boundaries, INSEE populations, the tourism offices' DATAtourisme
texts) and a generated corpus of French posts about eight territories, with its accounts
and interactions tables and a separate ground truth (true audience, theme and tone of each
post) that methods never read. ``registry.csv`` lists every file with its sha256, number
of records, licence and source.

Authors are pseudonymised at load (:func:`territoire_lab.privacy.pseudonymize`); the
sample's institutional accounts listed in ``institutions.csv`` keep their handles.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pandas as pd

from .exceptions import MissingResourceError, TerritoireLabError
from .io.datatourisme import map_datatourisme_csv
from .privacy import pseudonymize
from .schema import (
    coerce_table,
    validate_accounts,
    validate_corpus,
    validate_interactions,
    validate_territories,
)

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "Sample",
    "dataset_path",
    "list_datasets",
    "load_datatourisme",
    "load_sample",
    "load_sample_corpus",
    "load_sample_truth",
    "load_tables",
    "load_territories",
    "read_registry",
    "record_lines",
    "sample_dir",
    "verify_datasets",
]

logger = logging.getLogger("territoire_lab")

REGISTRY_FILE = "registry.csv"
REGISTRY_COLUMNS = ["name", "file", "sha256", "rows", "licence", "source", "description"]
TerritoryLevel = Literal["commune", "departement", "study"]


# --------------------------------------------------------------------------- locations


def sample_dir() -> Path:
    """Return the folder of the bundled sample.

    Looked up, in order: the ``TERRITOIRE_LAB_SAMPLE`` environment variable, the copy
    inside an installed wheel (``territoire_lab/_sample``), and ``data/sample`` of a
    source checkout (editable install).

    Raises
    ------
    MissingResourceError
        If none of them holds a ``registry.csv``.
    """
    candidates = []
    env = os.environ.get("TERRITOIRE_LAB_SAMPLE")
    if env:
        candidates.append(Path(env).expanduser())
    here = Path(__file__).resolve().parent
    candidates += [here / "_sample", here.parent / "data" / "sample"]
    for cand in candidates:
        if (cand / REGISTRY_FILE).is_file():
            return cand
    raise MissingResourceError(
        "The bundled sample was not found; looked in "
        + ", ".join(str(c) for c in candidates)
        + ". Expected a folder with registry.csv. Reinstall territoire-lab from a full "
        "checkout (`pip install -e .`) or set TERRITOIRE_LAB_SAMPLE to the data/sample folder."
    )


def read_registry(directory: Path | None = None) -> pd.DataFrame:
    """Read ``registry.csv``: one row a file of the sample (name, file, sha256, rows, ...)."""
    directory = directory or sample_dir()
    reg = pd.read_csv(directory / REGISTRY_FILE, dtype=str, keep_default_na=False)
    reg["rows"] = reg["rows"].astype("Int64")
    return reg


def list_datasets() -> pd.DataFrame:
    """List the datasets of the sample with their licence, source and size.

    Returns
    -------
    pandas.DataFrame
        Columns ``name, file, rows, licence, source, description``.

    Examples
    --------
    >>> "posts" in set(list_datasets()["name"])
    True
    """
    return read_registry()[["name", "file", "rows", "licence", "source", "description"]]


def dataset_path(name: str) -> Path:
    """Return the path of a dataset of the sample, by its registry name or file name.

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the known names.
    """
    reg = read_registry()
    hit = reg[(reg["name"] == name) | (reg["file"] == name)]
    if hit.empty:
        raise KeyError(
            f"No dataset named {name!r} in the sample; known names: "
            + ", ".join(reg["name"])
            + ". Run `territoire-lab datasets list` to see them."
        )
    return sample_dir() / hit["file"].iloc[0]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def count_records(path: Path) -> int:
    """Count the records of a sample file: CSV data rows (quoted newlines handled), features."""
    if path.suffix == ".geojson":
        return len(json.loads(path.read_text("utf-8"))["features"])
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            return sum(1 for _ in csv.reader(fh)) - 1
    return sum(1 for _ in path.open("rb"))


def verify_datasets(*, update: bool = False) -> pd.DataFrame:
    """Check the sha256 and record count of every file of the sample against the registry.

    Parameters
    ----------
    update : bool, default False
        Rewrite ``registry.csv`` with the measured values (for maintainers, after
        regenerating the sample).

    Returns
    -------
    pandas.DataFrame
        Columns ``name, file, sha256_ok, rows_expected, rows_found, ok``.
    """
    directory = sample_dir()
    reg = read_registry(directory)
    out = []
    for row in reg.itertuples(index=False):
        path = directory / row.file
        if not path.exists():
            out.append((row.name, row.file, False, row.rows, pd.NA, False, ""))
            continue
        digest, n = _sha256(path), count_records(path)
        sha_ok = digest == row.sha256
        out.append((row.name, row.file, sha_ok, row.rows, n, sha_ok and n == row.rows, digest))
    table = pd.DataFrame(
        out,
        columns=["name", "file", "sha256_ok", "rows_expected", "rows_found", "ok", "sha256"],
    )
    if update:
        reg["sha256"] = table["sha256"].to_numpy()
        reg["rows"] = table["rows_found"].astype("Int64").to_numpy()
        reg.to_csv(directory / REGISTRY_FILE, index=False, lineterminator="\n")
        logger.info("Updated %s", directory / REGISTRY_FILE)
    return table.drop(columns="sha256")


# --------------------------------------------------------------------------- reading


def record_lines(path: Path, *, encoding: str = "utf-8") -> list[int]:
    """Return the 1-based line on which each data record of a CSV file starts.

    Records may span several lines (quoted newlines), so the record index and the line
    number differ; this is the provenance written to ``source_line``.
    """
    starts = []
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh)
        next(reader, None)
        previous_end = reader.line_num
        for _ in reader:
            starts.append(previous_end + 1)
            previous_end = reader.line_num
    return starts


def _read_text_csv(path: Path, **kwargs: object) -> pd.DataFrame:
    """Read a CSV with every column as text, only empty cells missing ("NA" stays a string)."""
    if not path.exists():
        raise MissingResourceError(
            f"{path} does not exist. The sample may be incomplete: run "
            "`territoire-lab datasets verify`, or regenerate with `make sample`."
        )
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], **kwargs)


def _with_provenance(df: pd.DataFrame, path: Path) -> pd.DataFrame:
    lines = record_lines(path)
    if len(lines) != len(df):
        raise TerritoireLabError(
            f"{path}: pandas read {len(df)} records but the csv module found {len(lines)}; "
            "the file is damaged. Run `territoire-lab datasets verify`."
        )
    df = df.copy()
    df["source_file"] = pd.Series(path.name, index=df.index, dtype="string")
    df["source_line"] = pd.array(lines, dtype="Int64")
    return df


def _institution_handles(directory: Path) -> list[str]:
    return _read_text_csv(directory / "institutions.csv")["author_id"].dropna().tolist()


def load_sample_corpus(*, key: bytes | str | None = None) -> pd.DataFrame:
    """Load the sample corpus of generated French posts, validated and pseudonymised.

    Parameters
    ----------
    key : bytes or str, optional
        Pseudonymisation key (see :func:`territoire_lab.privacy.resolve_key`); the same key
        gives the same ``author_id`` values.

    Returns
    -------
    pandas.DataFrame
        A corpus following the data contract (``territoire_lab.schema.CORPUS``) plus
        ``rating`` (reviews) and the provenance columns ``source_file`` and ``source_line``.

    Examples
    --------
    >>> corpus = load_sample_corpus(key="documentation example key")
    >>> corpus["doc_id"].is_unique, str(corpus["created_at"].dt.tz)
    (True, 'UTC')
    """
    directory = sample_dir()
    path = directory / "posts.csv"
    raw = _with_provenance(_read_text_csv(path), path)
    raw["author_id"] = pseudonymize(
        raw["author_id"], key=key, allow=_institution_handles(directory)
    )
    corpus = coerce_table(raw, "corpus")
    validate_corpus(corpus)
    logger.info("Loaded %d posts from %s", len(corpus), path)
    return corpus


@dataclass(frozen=True)
class Sample:
    """The tables of the sample study.

    Attributes
    ----------
    corpus : pandas.DataFrame
        One row a post (see :func:`load_sample_corpus`).
    accounts : pandas.DataFrame
        One row an account (``author_id, platform, display_name, bio, profile_location,
        followers, following, verified, created_at``).
    interactions : pandas.DataFrame
        Mentions, replies and reposts between authors.
    institutions : pandas.DataFrame
        The allow-list of official accounts (``platform, author_id, name,
        territory_code, kind``), as a user would edit it.
    territories : pandas.DataFrame
        The eight territories of the study with their population (no geometry; see
        :func:`load_territories` for maps).
    """

    corpus: pd.DataFrame
    accounts: pd.DataFrame
    interactions: pd.DataFrame
    institutions: pd.DataFrame
    territories: pd.DataFrame


def load_sample(*, key: bytes | str | None = None) -> Sample:
    """Load every table of the sample study, validated, with authors pseudonymised.

    Examples
    --------
    >>> s = load_sample(key="documentation example key")
    >>> set(s.corpus["author_id"]) <= set(s.accounts["author_id"])
    True
    """
    directory = sample_dir()
    allow = _institution_handles(directory)
    corpus = load_sample_corpus(key=key)

    accounts = _read_accounts(directory / "accounts.csv", key=key, allow=allow)
    interactions = _read_interactions(directory / "interactions.csv", key=key, allow=allow)

    institutions = coerce_table(_read_text_csv(directory / "institutions.csv"), "accounts")
    return Sample(
        corpus, accounts, interactions, institutions, load_territories("study", geometry=False)
    )


def _read_accounts(path: Path | None, *, key: bytes | str | None, allow: list[str]) -> pd.DataFrame:
    """An accounts CSV in the contract, pseudonymised and validated (empty if no path)."""
    if path is None:
        accounts = pd.DataFrame({"author_id": [], "platform": [], "followers": []})
    else:
        accounts = _read_text_csv(Path(path))
        accounts["author_id"] = pseudonymize(accounts["author_id"], key=key, allow=allow)
    return validate_accounts(coerce_table(accounts, "accounts"))


def _read_interactions(
    path: Path | None, *, key: bytes | str | None, allow: list[str]
) -> pd.DataFrame:
    """An interactions CSV in the contract, pseudonymised and validated (empty if no path)."""
    if path is None:
        cols = ("source_author", "target_author", "kind", "doc_id", "platform")
        interactions = pd.DataFrame({c: [] for c in cols})
    else:
        interactions = _read_text_csv(Path(path))
        for col in ("source_author", "target_author"):
            interactions[col] = pseudonymize(interactions[col], key=key, allow=allow)
    return validate_interactions(coerce_table(interactions, "interactions"))


def load_tables(
    paths: dict[str, Path],
    *,
    key: bytes | str | None = None,
    card: bool | str | Path = True,
) -> Sample:
    """Load a study's own tables, pseudonymised and validated.

    Parameters
    ----------
    paths : dict
        Table name -> path: ``corpus`` (any export :func:`territoire_lab.read_corpus`
        reads), ``institutions`` and ``territories`` (CSV) required; ``accounts`` and
        ``interactions`` (CSV in the data contract) optional (empty tables if absent).
    key : bytes or str, optional
        Pseudonymisation key.
    card : bool, str or Path, default True
        Where the corpus's dataset card goes (see :func:`territoire_lab.read_corpus`); a study
        passes its output folder so the card sits beside the report.

    Returns
    -------
    Sample
        The same tables as :func:`load_sample`, validated.
    """
    institutions = coerce_table(_read_text_csv(Path(paths["institutions"])), "accounts")
    allow = institutions["author_id"].dropna().tolist()
    from .io import read_corpus  # any export read_corpus knows, not only contract CSVs

    corpus = read_corpus(paths["corpus"], key=key, allow=allow, card=card)
    accounts = _read_accounts(paths.get("accounts"), key=key, allow=allow)
    interactions = _read_interactions(paths.get("interactions"), key=key, allow=allow)
    territories = coerce_table(_read_text_csv(Path(paths["territories"])), "territories")
    territories = validate_territories(territories)
    return Sample(corpus, accounts, interactions, institutions, territories)


def load_sample_truth(*, key: bytes | str | None = None) -> dict[str, pd.DataFrame]:
    """Load the planted truth of the sample: what the methods should recover.

    Methods never read it; tests and evaluation notebooks do.

    Parameters
    ----------
    key : bytes or str, optional
        Must be the key used to load the corpus, so that ``author_id`` values match.

    Returns
    -------
    dict
        ``"posts"``: ``doc_id, territory_code, audience, theme, tone, burst_id``;
        ``"authors"``: ``platform, author_id, audience, home_code, home_name,
        home_country, tier, responsiveness``.
    """
    directory = sample_dir()
    posts = _read_text_csv(directory / "truth_posts.csv").astype("string")
    authors = _read_text_csv(directory / "truth_authors.csv")
    authors["author_id"] = pseudonymize(
        authors["author_id"], key=key, allow=_institution_handles(directory)
    )
    authors = authors.astype("string")
    if "responsiveness" in authors:
        authors["responsiveness"] = pd.to_numeric(authors["responsiveness"]).astype("Float64")
    return {"posts": posts, "authors": authors}


# --------------------------------------------------------------------------- territories


def _communes_table(directory: Path) -> pd.DataFrame:
    pop = _read_text_csv(directory / "reference" / "communes_population.csv")
    current = pop[pop["type"] == "commune-actuelle"]
    out = pd.DataFrame(
        {
            "code": current["code"],
            "level": "commune",
            "name": current["nom"],
            "population": pd.to_numeric(current["population"]).astype("Int64"),
            "departement": current["departement"],
            "region": current["region"],
            "postcodes": current["codes_postaux"].fillna(""),
        }
    )
    return out.astype({c: "string" for c in out.columns if c != "population"}).reset_index(
        drop=True
    )


def former_codes(directory: Path | None = None) -> dict[str, str]:
    """Map former commune codes (merged communes) to the current COG code.

    Built from the ``commune-deleguee`` / ``commune-associee`` rows and the
    ``anciens_codes`` column of the INSEE table; current codes map to themselves.
    """
    directory = directory or sample_dir()
    pop = _read_text_csv(directory / "reference" / "communes_population.csv")
    mapping: dict[str, str] = {}
    current = pop[pop["type"] == "commune-actuelle"]
    for code in current["code"]:
        mapping[code] = code
    for code, parent in pop.loc[
        pop["type"] != "commune-actuelle", ["code", "commune_parent"]
    ].itertuples(index=False):
        if isinstance(parent, str):
            mapping.setdefault(code, parent)
    for code, olds in current[["code", "anciens_codes"]].itertuples(index=False):
        if isinstance(olds, str):
            for old in olds.split(";"):
                mapping.setdefault(old.strip(), code)
    return mapping


def _departements_table(directory: Path) -> pd.DataFrame:
    pop = _read_text_csv(directory / "reference" / "departements_population.csv")
    out = pd.DataFrame(
        {
            "code": pop["code"],
            "level": "departement",
            "name": pop["nom"],
            "population": pd.to_numeric(pop["population"]).astype("Int64"),
            "departement": pop["code"],
            "region": pop["region"],
            "postcodes": "",
        }
    )
    return out.astype({c: "string" for c in out.columns if c != "population"}).reset_index(
        drop=True
    )


def _geometries(directory: Path, level: str) -> geopandas.GeoDataFrame:
    from ._compat import import_optional

    gpd = import_optional("geopandas", purpose="territory boundaries")
    file = "communes.geojson" if level == "commune" else "departements.geojson"
    shapes = gpd.read_file(directory / "reference" / file)
    shapes["code"] = shapes["code"].astype("string")
    if level == "commune":
        # Boundaries are COG 2018, populations COG 2026: merge the communes that merged since.
        mapping = former_codes(directory)
        unknown = sorted(set(shapes["code"]) - set(mapping))
        if unknown:
            logger.warning(
                "%d boundary codes unknown to the INSEE table: %s", len(unknown), unknown[:5]
            )
        shapes["code"] = shapes["code"].map(lambda c: mapping.get(c, c)).astype("string")
        shapes = shapes.dissolve(by="code", as_index=False)
    return shapes[["code", "geometry"]]


def load_territories(
    level: TerritoryLevel = "commune", *, geometry: bool = True
) -> pd.DataFrame | geopandas.GeoDataFrame:
    """Load the territories of the sample's four départements, with INSEE populations.

    Parameters
    ----------
    level : {"commune", "departement", "study"}
        ``"commune"``: the 1,132 current communes of Indre, Indre-et-Loire, Loir-et-Cher and
        Sarthe (COG 2026); ``"departement"``: the four départements; ``"study"``: the eight
        territories of the sample study (``study_territories.csv``).
    geometry : bool, default True
        Return a GeoDataFrame (WGS84) with boundaries; needs the ``geo`` extra. Boundaries
        are COG 2018: communes merged since are dissolved into their current commune.

    Returns
    -------
    pandas.DataFrame or geopandas.GeoDataFrame
        Columns ``code, level, name, population, departement, region, postcodes``
        (+ ``geometry``), codes as text.

    Examples
    --------
    >>> deps = load_territories("departement", geometry=False)
    >>> deps.set_index("code").loc["37", "name"]
    'Indre-et-Loire'
    """
    directory = sample_dir()
    if level == "commune":
        table = _communes_table(directory)
    elif level == "departement":
        table = _departements_table(directory)
    elif level == "study":
        study = _read_text_csv(directory / "study_territories.csv")
        both = pd.concat([_communes_table(directory), _departements_table(directory)])
        table = study[["code", "level"]].merge(both, on=["code", "level"], how="left")
        missing = table.loc[table["name"].isna(), "code"].tolist()
        if missing:
            raise TerritoireLabError(
                f"study_territories.csv names codes absent from the INSEE tables: {missing}; "
                "expected current COG codes of the four départements."
            )
        table = table.reset_index(drop=True)
    else:
        raise ValueError(
            f"level={level!r} is not supported; expected 'commune', 'departement' or 'study'."
        )
    validate_territories(table)
    if not geometry:
        return table
    if level == "study":
        shapes = pd.concat(
            [_geometries(directory, "commune"), _geometries(directory, "departement")]
        )
    else:
        shapes = _geometries(directory, level)
    gdf = shapes.merge(table, on="code", how="right")
    if level == "study":
        gdf = gdf.drop_duplicates(subset=["code", "level"]).reset_index(drop=True)
    gdf = gdf[[*table.columns, "geometry"]]
    return gdf.set_crs("EPSG:4326", allow_override=True)


# --------------------------------------------------------------------------- institutions


def load_datatourisme() -> pd.DataFrame:
    """Load the tourism offices' own descriptions (DATAtourisme) as a corpus.

    These are the institutions' voice: 2,546 points of interest and events of the four
    départements described by their tourism offices (real texts, Licence Ouverte).

    Returns
    -------
    pandas.DataFrame
        A validated corpus: ``doc_id`` (DATAtourisme identifier), ``platform`` =
        ``"datatourisme"``, ``text`` (long description, else short description, else
        comment, unaltered), ``title`` (label), ``created_at`` (creation date, Europe/Paris
        midnight in UTC), ``author_id`` (the authoring tourism office, an institution, kept
        by name), ``territory_code`` (INSEE commune), ``lat``, ``lon``, ``url``, ``types``,
        ``datatourisme_object`` (path of the JSON-LD object in the feed), ``source_file``,
        ``source_line``.

    Examples
    --------
    >>> dt = load_datatourisme()
    >>> (dt["platform"] == "datatourisme").all() and dt["doc_id"].is_unique
    True
    """
    directory = sample_dir()
    path = directory / "reference" / "datatourisme_poi.csv"
    raw = _read_text_csv(path).rename(columns={"source_file": "datatourisme_object"})
    mapped = map_datatourisme_csv(_with_provenance(raw, path))  # the loaders' own mapping
    keep = [
        "doc_id",
        "platform",
        "text",
        "title",
        "created_at",
        "author_id",
        "lang",
        "territory_code",
        "territory_level",
        "lat",
        "lon",
        "url",
        "types",
        "datatourisme_object",
        "source_file",
        "source_line",
    ]
    corpus = mapped[keep]
    corpus = coerce_table(corpus, "corpus")
    validate_corpus(corpus)
    return corpus
