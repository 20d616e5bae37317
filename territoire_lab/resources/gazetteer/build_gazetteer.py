"""Rebuild the INSEE tables of the gazetteer (maintainers only).

Run offline from a checkout, pointing at the shared reference data::

    python territoire_lab/resources/gazetteer/build_gazetteer.py PATH/TO/shared/data

It copies, with a subset of columns and no row changed, the communes table (gzip written
with ``mtime=0`` so that the bytes are deterministic), the départements and the régions
of ``@etalab/decoupage-administratif@6.0.0`` (INSEE COG 2026).
"""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).parent
COMMUNE_COLUMNS = [
    "code",
    "nom",
    "type",
    "commune_parent",
    "departement",
    "region",
    "population",
    "codes_postaux",
    "anciens_codes",
]


def main(shared: Path) -> None:
    """Copy the INSEE tables from ``shared/population`` into this folder."""
    src = shared / "population"
    with (src / "communes_population.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(COMMUNE_COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in COMMUNE_COLUMNS])
    with (
        (HERE / "communes.csv.gz").open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(buf.getvalue().encode("utf-8"))
    shutil.copyfile(src / "departements_population.csv", HERE / "departements.csv")
    shutil.copyfile(src / "regions_population.csv", HERE / "regions.csv")
    shutil.copyfile(src / "LICENSE_code_MIT.txt", HERE / "LICENSE_decoupage-administratif_MIT.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
