"""The load report (what was read, skipped and flagged) and the dataset card (JSON).

Every load fills a :class:`LoadReport`. It is attached to the corpus as a plain dict in
``df.attrs["load_report"]``, logged, and summarised in the dataset card written next to
the outputs of a study: inputs with their sha256, records in, rows out, columns kept and
the public fingerprint of the pseudonymisation key (never the key).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import logging
import os
import re
import uuid
from dataclasses import asdict, dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

__all__ = [
    "CARDS_ENV",
    "TERMS",
    "LoadReport",
    "Skipped",
    "card_markdown",
    "cards_dir",
    "dataset_card",
    "default_card_name",
    "write_card",
]

logger = logging.getLogger("territoire_lab")

#: skipped records and warnings logged one by one before the log summarises
_LOG_LIMIT = 20


@dataclass
class Skipped:
    """One record that is not in the corpus: where it was and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


@dataclass
class LoadReport:
    """What a load read, skipped and flagged.

    Conservation: ``rows_out + len(skipped) == records_in``.

    Attributes
    ----------
    inputs : list of dict
        One entry a file: ``path``, ``name``, ``sha256``, ``bytes``, ``compression``,
        ``format``, ``encoding``, ``delimiter``, ``platform``, ``records``.
    records_in : int
        Records found in the inputs (rows of tables, objects of JSON, lines of NDJSON).
    rows_out : int
        Rows of the returned corpus.
    skipped : list of Skipped
        Records left out, each with file, 1-based line/record and reason.
    warnings : list of str
        Problems that did not cost a record (file:line: message).
    unknown_columns : list of str
        Input columns outside the contract, kept as they are.
    key_id : str or None
        Public fingerprint of the pseudonymisation key.
    options : dict
        The options of the load that change its result (platform, tz, duplicates...).
    card : str or None
        Where the dataset card was written (None: not written).
    """

    inputs: list[dict] = field(default_factory=list)
    records_in: int = 0
    rows_out: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    key_id: str | None = None
    options: dict = field(default_factory=dict)
    card: str | None = None

    def skip(self, file: str, line: int | None, reason: str) -> None:
        """Record a skipped record and log it."""
        item = Skipped(file, line, reason)
        self.skipped.append(item)
        if len(self.skipped) <= _LOG_LIMIT:
            logger.warning("skipped %s", item)

    def warn(self, file: str, line: int | None, message: str) -> None:
        """Record a warning about a kept record (or a file) and log it."""
        text = str(Skipped(file, line, message))
        self.warnings.append(text)
        if len(self.warnings) <= _LOG_LIMIT:
            logger.warning("%s", text)

    def to_dict(self) -> dict:
        """JSON-able form (the one stored in ``df.attrs["load_report"]``)."""
        out = asdict(self)
        out["skipped"] = [asdict(s) for s in self.skipped]
        out["n_skipped"] = len(self.skipped)
        return out

    def summary(self) -> str:
        """One paragraph: inputs, records, rows, skipped and warnings."""
        names = ", ".join(i["name"] for i in self.inputs)
        text = (
            f"read {self.records_in:,} records from {len(self.inputs)} file(s) ({names}): "
            f"{self.rows_out:,} rows kept, {len(self.skipped):,} skipped, "
            f"{len(self.warnings):,} warnings"
        )
        if self.unknown_columns:
            text += f"; columns kept outside the contract: {', '.join(self.unknown_columns)}"
        return text

    def log(self) -> None:
        """Log the summary (and how many messages were not logged one by one)."""
        logger.info("%s", self.summary())
        hidden = max(0, len(self.skipped) - _LOG_LIMIT) + max(0, len(self.warnings) - _LOG_LIMIT)
        if hidden:
            logger.warning(
                "%d more skipped records or warnings: see df.attrs['load_report']", hidden
            )


def sha256_file(path: str | PathLike[str]) -> str:
    """Hex sha256 of a file, read by blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


#: what is known of the terms of use of each source, by mapping or platform (card ``terms``)
TERMS: dict[str, str] = {
    "x": (
        "X Developer Agreement and Policy: share post ids rather than full posts outside "
        "the research team, and honour deletions"
    ),
    "facebook": (
        "Meta terms (CrowdTangle, closed in August 2024, or the Meta Content Library: data "
        "stays in the approved environment); posts belong to their authors"
    ),
    "instagram": "Meta terms of use; posts belong to their authors",
    "tiktok": "TikTok terms of service (collected from the web interface); videos belong to "
    "their authors",
    "mastodon": (
        "statuses belong to their authors; the instance's terms and the authors' "
        "preferences (#nobot, discoverability) apply"
    ),
    "bluesky": "Bluesky terms of service; posts belong to their authors; honour deletions",
    "airbnb": "Inside Airbnb data: Creative Commons Attribution 4.0 (CC BY 4.0)",
    "google_maps": "Google Maps terms of service; reviews belong to their authors",
    "tripadvisor": "Tripadvisor terms of use; reviews belong to their authors",
    "booking": "Booking.com terms; reviews belong to their authors",
    "datatourisme": "Licence Ouverte / Open Licence 2.0 (Etalab): reuse with attribution",
    "web": (
        "texts of the publisher, under its copyright; text and data mining for research is "
        "allowed by art. L122-5-3 of the French Code de la propriété intellectuelle"
    ),
    "rss": (
        "texts of the publisher, under its copyright; text and data mining for research is "
        "allowed by art. L122-5-3 of the French Code de la propriété intellectuelle"
    ),
}

#: skipped records and warnings listed one by one in a card (the load report has them all)
CARD_LIST_LIMIT = 1000

#: environment variable naming the folder of the dataset cards written by default
CARDS_ENV = "TERRITOIRE_LAB_CARDS"


def dataset_card(df: pd.DataFrame, *, licence: str | None = None) -> dict:
    """Return the dataset card of a loaded corpus (a JSON-able dict).

    A dataset card documents a dataset for whoever reuses it (Gebru et al. 2021,
    *Datasheets for datasets*, Communications of the ACM 64(12)): where it comes from,
    what was kept and left out, under which terms, and how it was pseudonymised.

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus returned by :func:`territoire_lab.io.read_corpus` (its
        ``attrs["load_report"]`` is read).
    licence : str, optional
        Licence or terms of the data as you received it (e.g. the data-sharing agreement
        of a partner); default: the ``licence`` given to ``read_corpus``, if any.

    Returns
    -------
    dict
        ``created``, ``library`` (versions), ``inputs`` (file name, sha256, bytes,
        compression, format, encoding, delimiter, platform mapping, records, sheets of
        a workbook, web-page extractor), ``options`` (the options of the load that change
        its result), ``records_in``, ``rows_out``, ``n_skipped``, ``n_warnings``,
        ``skipped`` and ``warnings`` (each listed up to :data:`CARD_LIST_LIMIT`, with file
        and 1-based line), ``columns`` (name and dtype of each kept column),
        ``unknown_columns``, ``platforms`` (rows per platform), ``period`` (first and last
        ``created_at``), ``licence`` and ``terms`` (what is known of each source's terms
        of use) and ``pseudonymisation`` (method and ``key_id``, the key's public
        fingerprint — never the key).

    Examples
    --------
    >>> import territoire_lab as tl
    >>> corpus = tl.read_corpus(tl.datasets.sample_dir() / "posts.csv",
    ...                         key="documentation example key", card=False)
    >>> card = dataset_card(corpus)
    >>> card["rows_out"] + card["n_skipped"] == card["records_in"]
    True
    """
    rep = df.attrs.get("load_report")
    if rep is None:
        raise ValueError(
            "df has no attrs['load_report']: the dataset card describes a table returned by "
            "read_corpus; attrs are lost by some operations (e.g. pd.concat), so write the "
            "card right after loading"
        )
    from territoire_lab import __version__

    created = df["created_at"] if "created_at" in df.columns else pd.Series([], dtype=object)
    period = (
        [created.min().isoformat(), created.max().isoformat()]
        if len(created) and created.notna().any()
        else None
    )
    platforms = (
        {str(k): int(v) for k, v in df["platform"].value_counts().items()}
        if "platform" in df.columns
        else {}
    )
    kinds = [str(i.get("platform")) for i in rep["inputs"]]
    terms = {}
    for name in [*platforms, *kinds]:
        if name in TERMS and name not in terms:
            terms[name] = TERMS[name]
    if licence is None:
        licence = rep.get("options", {}).get("licence")
    return {
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "library": {"territoire_lab": __version__, "pandas": pd.__version__},
        "inputs": [{k: v for k, v in i.items() if k != "path"} for i in rep["inputs"]],
        "options": dict(rep.get("options", {})),
        "records_in": rep["records_in"],
        "rows_out": rep["rows_out"],
        "n_skipped": rep["n_skipped"],
        "n_warnings": len(rep["warnings"]),
        "skipped": rep["skipped"][:CARD_LIST_LIMIT],
        "warnings": rep["warnings"][:CARD_LIST_LIMIT],
        "columns": [{"name": str(c), "dtype": str(df[c].dtype)} for c in df.columns],
        "unknown_columns": rep["unknown_columns"],
        "platforms": platforms,
        "period": period,
        "licence": licence,
        "terms": terms,
        "pseudonymisation": {
            "method": "HMAC-SHA256, 96-bit pseudonyms (territoire_lab.privacy.pseudonymize)",
            "key_id": rep.get("key_id"),
        },
    }


def card_markdown(card: dict) -> str:
    """Render a :func:`dataset_card` as Markdown, for humans (the JSON is the reference)."""
    lines = ["# Dataset card", ""]
    lines.append(
        f"- created: {card['created']} (territoire_lab {card['library']['territoire_lab']})"
    )
    lines.append(
        f"- records in: {card['records_in']:,}; rows out: {card['rows_out']:,}; "
        f"skipped: {card['n_skipped']:,}; warnings: {card['n_warnings']:,}"
    )
    if card["period"]:
        lines.append(f"- period: {card['period'][0]} to {card['period'][1]}")
    plats = ", ".join(f"{k} {v:,}" for k, v in card["platforms"].items()) or "none"
    lines.append(f"- rows per platform: {plats}")
    pseudo = card["pseudonymisation"]
    lines.append(f"- pseudonymisation: {pseudo['method']}; key id {pseudo['key_id']}")
    lines.append(f"- licence: {card['licence'] or 'not stated (pass licence= to read_corpus)'}")
    lines += ["", "## Sources", "", "| file | sha256 | format | encoding | mapping | records |"]
    lines.append("|---|---|---|---|---|---|")
    for i in card["inputs"]:
        lines.append(
            f"| {_md(i['name'])} | `{i['sha256']}` | {i['format']} | {i.get('encoding') or ''} "
            f"| {i.get('platform') or ''} | {i['records']:,} |"
        )
    if card["terms"]:
        lines += ["", "## Terms of use", ""]
        lines += [f"- **{k}**: {v}" for k, v in card["terms"].items()]
    if card["options"]:
        lines += ["", "## Options", ""]
        lines += [f"- {k}: `{v!r}`" for k, v in card["options"].items()]
    for title, items, total in (
        ("Skipped records", [str(Skipped(**s)) for s in card["skipped"]], card["n_skipped"]),
        ("Warnings", card["warnings"], card["n_warnings"]),
    ):
        if items:
            lines += ["", f"## {title}", ""]
            lines += [f"- {_md(t)}" for t in items]
            if total > len(items):
                lines.append(f"- ... and {total - len(items):,} more (see the load report)")
    lines += ["", "## Columns", ""]
    lines += [f"- `{c['name']}` ({c['dtype']})" for c in card["columns"]]
    if card["unknown_columns"]:
        lines.append("")
        lines.append("Kept outside the contract: " + ", ".join(card["unknown_columns"]))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def cards_dir() -> Path:
    """Folder of the dataset cards written by default.

    ``TERRITOIRE_LAB_CARDS`` if set, else ``$XDG_STATE_HOME/territoire_lab/cards``
    (``~/.local/state/territoire_lab/cards``): outside the project and the input folders.
    """
    env = os.environ.get(CARDS_ENV)
    if env:
        return Path(env).expanduser()
    base = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return base / "territoire_lab" / "cards"


def default_card_name(df: pd.DataFrame) -> str:
    """``<first input>[+N more]-<12 hex>.card.json``; the digest is of what the load made.

    Loading the same files with the same options and key gives the same name (the card
    is overwritten, not piled up); anything that changes the result changes the name.
    """
    rep = df.attrs["load_report"]
    what = {
        "inputs": [i["sha256"] for i in rep["inputs"]],
        "options": rep.get("options", {}),
        "rows_out": rep["rows_out"],
        "key_id": rep.get("key_id"),
    }
    digest = hashlib.sha256(json.dumps(what, sort_keys=True, default=str).encode()).hexdigest()
    names = [i["name"] for i in rep["inputs"]]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", names[0] if names else "corpus")[:60]
    more = f"+{len(names) - 1}" if len(names) > 1 else ""
    return f"{stem}{more}-{digest[:12]}.card.json"


def write_card(df: pd.DataFrame, path: str | PathLike[str], *, licence: str | None = None) -> Path:
    """Write :func:`dataset_card` as UTF-8 JSON to ``path``, and its Markdown beside it.

    ``path`` is a ``.json`` file (the Markdown goes to the same name ending in ``.md``)
    or a folder (the card is named by :func:`default_card_name`). Files are written
    atomically (a temporary file then a rename). Returns the path of the JSON.
    """
    path = Path(path)
    if path.suffix.lower() != ".json":
        path = path / default_card_name(df)
    path.parent.mkdir(parents=True, exist_ok=True)
    card = dataset_card(df, licence=licence)
    _atomic_write(path, json.dumps(card, ensure_ascii=False, indent=2) + "\n")
    _atomic_write(path.with_suffix(".md"), card_markdown(card))
    logger.info("dataset card written to %s", path)
    return path


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
