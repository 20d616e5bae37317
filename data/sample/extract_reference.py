"""Extract the real, openly licensed reference data of the sample from ``shared/data``.

The sample study covers four départements of the Loire valley: Indre (36),
Indre-et-Loire (37), Loir-et-Cher (41) and Sarthe (72). This script copies, unchanged
except for the row selection and the column subset, the parts of the shared reference
data that concern them, and writes them to ``data/sample/reference/``:

- ``communes.geojson``: commune boundaries (IGN Admin Express, COG 2018, simplified),
  from github gregoiredavid/france-geojson @5d34ee6 — Licence Ouverte / Etalab;
- ``departements.geojson``: département boundaries, same source and licence;
- ``communes_population.csv``, ``departements_population.csv``: INSEE populations légales,
  postcodes and former codes (COG 2026), from npm ``@etalab/decoupage-administratif@6.0.0``
  — data Licence Ouverte, code MIT;
- ``datatourisme_poi.csv``: the tourism offices' own descriptions of 2,550 points of
  interest and events (DATAtourisme feed, 2020), from github AlexChanson/Datatourisme_CED
  @314bf94 — Licence Ouverte / Etalab 2.0.

It is run once by a maintainer (``python data/sample/extract_reference.py SHARED_DATA``);
the outputs are committed and their sha256 recorded in ``data/sample/registry.csv``.
Output is deterministic: same input, same bytes.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
from pathlib import Path

DEPARTEMENTS = ("36", "37", "41", "72")
OUT = Path(__file__).resolve().parent / "reference"
logger = logging.getLogger("extract_reference")


def _write_geojson(features: list[dict], path: Path) -> int:
    features = sorted(features, key=lambda f: f["properties"]["code"])
    doc = {"type": "FeatureCollection", "features": features}
    path.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    return len(features)


def _filter_csv(src: Path, dst: Path, keep) -> int:
    with src.open(encoding="utf-8", newline="") as fin:
        reader = csv.DictReader(fin)
        rows = [row for row in reader if keep(row)]
        fields = reader.fieldnames
    with dst.open("w", encoding="utf-8", newline="") as fout:
        writer = csv.DictWriter(fout, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)


def extract(shared: Path, out: Path = OUT) -> dict[str, int]:
    """Write the reference subsets; return the number of rows (features) of each file."""
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    communes = json.loads((shared / "boundaries/communes-simplified.geojson").read_text("utf-8"))
    counts["communes.geojson"] = _write_geojson(
        [f for f in communes["features"] if f["properties"]["code"][:2] in DEPARTEMENTS],
        out / "communes.geojson",
    )
    deps = json.loads(
        (shared / "boundaries/departements-version-simplifiee.geojson").read_text("utf-8")
    )
    counts["departements.geojson"] = _write_geojson(
        [f for f in deps["features"] if f["properties"]["code"] in DEPARTEMENTS],
        out / "departements.geojson",
    )
    counts["communes_population.csv"] = _filter_csv(
        shared / "population/communes_population.csv",
        out / "communes_population.csv",
        lambda r: r["departement"] in DEPARTEMENTS,
    )
    counts["departements_population.csv"] = _filter_csv(
        shared / "population/departements_population.csv",
        out / "departements_population.csv",
        lambda r: r["code"] in DEPARTEMENTS,
    )
    counts["datatourisme_poi.csv"] = _filter_csv(
        shared / "institutions/datatourisme_centre_val_de_loire/datatourisme_poi.csv",
        out / "datatourisme_poi.csv",
        lambda r: r["insee_departement"] in DEPARTEMENTS,
    )
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", type=Path, help="path to shared/data")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    for name, n in extract(args.shared).items():
        logger.info("%s: %d rows", name, n)


if __name__ == "__main__":
    main()
