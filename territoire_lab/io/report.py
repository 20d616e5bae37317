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
from dataclasses import asdict, dataclass, field
from os import PathLike
from pathlib import Path

import pandas as pd

__all__ = ["LoadReport", "Skipped", "dataset_card", "write_card"]

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
    """

    inputs: list[dict] = field(default_factory=list)
    records_in: int = 0
    rows_out: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)
    key_id: str | None = None

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


def dataset_card(df: pd.DataFrame) -> dict:
    """Return the dataset card of a loaded corpus (a JSON-able dict).

    Parameters
    ----------
    df : pandas.DataFrame
        A corpus returned by :func:`territoire_lab.io.read_corpus` (its
        ``attrs["load_report"]`` is read).

    Returns
    -------
    dict
        ``created``, ``inputs`` (path name, sha256, bytes, format, encoding, platform,
        records), ``records_in``, ``rows_out``, ``n_skipped``, ``n_warnings``,
        ``columns`` (name and dtype of each kept column), ``unknown_columns``,
        ``platforms`` (rows per platform), ``period`` (first and last ``created_at``) and
        ``pseudonymisation`` (method and ``key_id``, the key's public fingerprint).
    """
    rep = df.attrs.get("load_report")
    if rep is None:
        raise ValueError(
            "df has no attrs['load_report']: the dataset card describes a table returned by "
            "read_corpus; attrs are lost by some operations (e.g. pd.concat), so write the "
            "card right after loading"
        )
    created = df["created_at"] if "created_at" in df.columns else pd.Series([], dtype=object)
    period = (
        [created.min().isoformat(), created.max().isoformat()]
        if len(created) and created.notna().any()
        else None
    )
    return {
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "inputs": [{k: v for k, v in i.items() if k != "path"} for i in rep["inputs"]],
        "records_in": rep["records_in"],
        "rows_out": rep["rows_out"],
        "n_skipped": rep["n_skipped"],
        "n_warnings": len(rep["warnings"]),
        "columns": [{"name": str(c), "dtype": str(df[c].dtype)} for c in df.columns],
        "unknown_columns": rep["unknown_columns"],
        "platforms": (
            {str(k): int(v) for k, v in df["platform"].value_counts().items()}
            if "platform" in df.columns
            else {}
        ),
        "period": period,
        "pseudonymisation": {
            "method": "HMAC-SHA256, 96-bit pseudonyms (territoire_lab.privacy.pseudonymize)",
            "key_id": rep.get("key_id"),
        },
    }


def write_card(df: pd.DataFrame, path: str | PathLike[str]) -> Path:
    """Write :func:`dataset_card` as UTF-8 JSON to ``path`` and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(dataset_card(df), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    logger.info("dataset card written to %s", path)
    return path
