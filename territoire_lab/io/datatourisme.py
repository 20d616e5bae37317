"""DATAtourisme: the tourism offices' own descriptions (JSON-LD objects and flat CSV).

JSON-LD object -> corpus: ``dc:identifier`` -> ``doc_id``; the French long description
(``hasDescription[0].dc:description.fr``), else the short one (``shortDescription.fr``),
else ``rdfs:comment.fr`` -> ``text``; ``rdfs:label.fr`` -> ``title``; ``creationDate`` ->
``created_at`` (a day, Europe/Paris midnight); ``hasBeenCreatedBy.schema:legalName`` ->
``author_id`` (an institution: kept by name); ``isLocatedAt[0].schema:address[0].
hasAddressCity[0].insee`` -> ``territory_code`` (``territory_level`` = ``commune``);
``isLocatedAt[0].schema:geo.schema:latitude``/``longitude`` -> ``lat``/``lon``; ``@id`` ->
``url``; ``@type`` joined by ``|`` -> ``types``; ``lastUpdate`` -> ``last_update``.

The flat CSV (``datatourisme_poi.csv`` of the sample) maps ``identifier``, ``label``,
``long_description``/``short_description``/``comment``, ``creation_date``, ``creator``,
``insee_commune``, ``latitude``, ``longitude``, ``uri``, ``types``, as
:func:`territoire_lab.load_datatourisme` does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._mapped import Mapped, frame_of_rows, get

__all__ = ["is_datatourisme_csv", "is_datatourisme_jsonld", "map_datatourisme_csv"]
__all__ += ["map_datatourisme_jsonld"]


def is_datatourisme_jsonld(obj: object) -> bool:
    """A DATAtourisme JSON-LD object."""
    return isinstance(obj, dict) and "dc:identifier" in obj and "@id" in obj


def is_datatourisme_csv(columns: list[str]) -> bool:
    """The flat DATAtourisme CSV header."""
    return {"identifier", "label", "creation_date", "insee_commune"} <= set(columns)


def _fr(obj: object) -> str | None:
    if isinstance(obj, dict):
        vals = obj.get("fr") or next(iter(obj.values()), None)
        if isinstance(vals, list):
            return vals[0] if vals else None
        return vals
    return obj if isinstance(obj, str) else None


def map_datatourisme_jsonld(pairs: list[tuple[int, object]]) -> Mapped:
    """Map DATAtourisme JSON-LD objects given as ``(record, object)`` pairs."""
    rows, lines = [], []
    for line, obj in pairs:
        desc = (obj.get("hasDescription") or [{}])[0]
        text = (
            _fr(desc.get("dc:description"))
            or _fr(desc.get("shortDescription"))
            or _fr(obj.get("rdfs:comment"))
            or ""
        )
        creator = obj.get("hasBeenCreatedBy")
        if isinstance(creator, list):
            creator = creator[0] if creator else {}
        place = (obj.get("isLocatedAt") or [{}])[0]
        types = obj.get("@type") or []
        rows.append(
            {
                "doc_id": obj.get("dc:identifier"),
                "platform": "datatourisme",
                "text": text,
                "title": _fr(obj.get("rdfs:label")),
                "created_at": obj.get("creationDate"),
                "author_id": (creator or {}).get("schema:legalName"),
                "lang": "fr",
                "territory_code": get(place, "schema:address.0.hasAddressCity.0.insee"),
                "territory_level": "commune",
                "lat": get(place, "schema:geo.schema:latitude"),
                "lon": get(place, "schema:geo.schema:longitude"),
                "url": obj.get("@id"),
                "types": "|".join(types) if isinstance(types, list) else types,
                "last_update": obj.get("lastUpdate"),
            }
        )
        lines.append(line)
    rows_frame = frame_of_rows(rows)
    if len(rows_frame):
        rows_frame["territory_level"] = rows_frame["territory_level"].where(
            rows_frame["territory_code"].notna()
        )
    return Mapped(rows_frame, np.asarray(lines, dtype=np.int64), len(rows))


def map_datatourisme_csv(raw: pd.DataFrame) -> pd.DataFrame:
    """Map the flat DATAtourisme CSV to contract columns, keeping the other columns."""
    text = raw["long_description"].fillna(raw["short_description"]).fillna(raw["comment"])
    mapped = pd.DataFrame(
        {
            "doc_id": raw["identifier"],
            "platform": "datatourisme",
            "text": text.fillna(""),
            "title": raw["label"],
            "created_at": raw["creation_date"],
            "author_id": raw["creator"],
            "lang": "fr",
            "territory_code": raw["insee_commune"],
            "territory_level": pd.Series("commune", index=raw.index, dtype="string").where(
                raw["insee_commune"].notna()
            ),
            "lat": raw["latitude"],
            "lon": raw["longitude"],
            "url": raw["uri"],
        }
    )
    used = {"identifier", "long_description", "short_description", "comment", "label"}
    used |= {"creation_date", "creator", "insee_commune", "latitude", "longitude", "uri"}
    rest = raw[[c for c in raw.columns if c not in used]]
    return pd.concat([mapped, rest], axis=1)
