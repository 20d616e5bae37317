"""Study reports: one self-contained HTML page, with its tables (CSV) and figures (PNG).

A :class:`Report` collects sections (text, tables, figures) and writes them to a folder:
``report.html`` (figures embedded, so the page can be e-mailed as one file),
``tables/NAME.csv`` (UTF-8 with BOM so that spreadsheets detect the encoding, cells
protected against formula injection) and ``tables/NAME.xlsx`` (text cells are text, never
formulas; see :func:`territoire_lab.export`) and ``figures/NAME.png`` (200 dpi) and
``figures/NAME.svg`` (vector, for papers).
"""

from __future__ import annotations

import base64
import html
import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from .export import export
from .privacy import safe_for_spreadsheet

__all__ = ["Report", "write_table"]

logger = logging.getLogger("territoire_lab")

_NAME = re.compile(r"^[a-z0-9_]+$")

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { border-bottom: 3px solid #8c2d04; padding-bottom: .3em; }
h2 { color: #8c2d04; margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.9em; margin: 1em 0; }
th, td { border: 1px solid #ddd; padding: 4px 8px; text-align: right; }
th { background: #f6f0ea; }
td:first-child, th:first-child { text-align: left; }
figure { margin: 1.5em 0; } figcaption { color: #555; font-size: .9em; }
img { max-width: 100%; height: auto; } .meta { color: #666; font-size: .85em; }
.table-wrap { overflow-x: auto; max-width: 100%; }
"""


def _esc(text: str) -> str:
    """Escape text for an element's content (apostrophes stay readable in the source)."""
    return html.escape(text, quote=False)


def _check_name(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(
            f"Report item name {name!r} is not usable as a file name; expected lower-case "
            "letters, digits and underscores, e.g. 'posts_by_platform'."
        )
    return name


def write_table(df: pd.DataFrame, path: Path) -> Path:
    """Write a table as CSV that is safe to open in a spreadsheet.

    UTF-8 with BOM (Excel then reads accents right), text cells starting with
    ``= + - @`` prefixed with an apostrophe (see :func:`territoire_lab.privacy.safe_cell`).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_for_spreadsheet(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")
    return path


@dataclass
class _Item:
    kind: str
    title: str
    body: object
    caption: str = ""
    name: str = ""


@dataclass
class Report:
    """A study report built section by section.

    Parameters
    ----------
    title : str
        Title of the page.
    subtitle : str
        One line under the title (the study's question, the data).

    Examples
    --------
    >>> rep = Report("Étude")
    >>> rep.add_text("Question", "Comment les habitants parlent-ils de leur ville ?")
    >>> len(rep.items)
    1
    """

    title: str
    subtitle: str = ""
    items: list[_Item] = field(default_factory=list)

    def add_text(self, title: str, text: str) -> None:
        """Add a section of plain text (paragraphs separated by blank lines)."""
        self.items.append(_Item("text", title, text))

    def add_table(
        self,
        name: str,
        title: str,
        table: pd.DataFrame,
        caption: str = "",
        *,
        max_rows: int = 50,
        float_format: str = "{:,.2f}",
    ) -> None:
        """Add a table: shown in the page (first ``max_rows`` rows), written whole as CSV."""
        self.items.append(
            _Item("table", title, (table, max_rows, float_format), caption, _check_name(name))
        )

    def add_figure(self, name: str, title: str, figure: plt.Figure, caption: str = "") -> None:
        """Add a matplotlib figure; it is closed once written."""
        self.items.append(_Item("figure", title, figure, caption, _check_name(name)))

    def write(self, out_dir: str | Path) -> Path:
        """Write ``report.html``, ``tables/*.csv`` and ``figures/*.png|svg``; return the page."""
        out = Path(out_dir)
        (out / "tables").mkdir(parents=True, exist_ok=True)
        (out / "figures").mkdir(parents=True, exist_ok=True)
        parts = [
            "<!DOCTYPE html>",
            '<html lang="fr"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{_esc(self.title)}</title><style>{_CSS}</style></head><body>",
            f"<h1>{_esc(self.title)}</h1>",
        ]
        if self.subtitle:
            parts.append(f"<p>{_esc(self.subtitle)}</p>")
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        parts.append(f'<p class="meta">Produit par territoire_lab le {stamp}.</p>')
        for item in self.items:
            parts.append(f"<h2>{_esc(item.title)}</h2>")
            if item.kind == "text":
                for para in str(item.body).split("\n\n"):
                    parts.append(f"<p>{_esc(para.strip())}</p>")
            elif item.kind == "table":
                table, max_rows, float_format = item.body  # type: ignore[misc]
                csv_path = write_table(table, out / "tables" / f"{item.name}.csv")
                export(table, f"{item.name}.xlsx", folder=out / "tables", sheet_name=item.name)
                shown = table.head(max_rows)
                parts.append('<div class="table-wrap">')
                parts.append(
                    shown.to_html(
                        index=False,
                        na_rep="–",
                        float_format=float_format.format,
                        border=0,
                        escape=True,
                    )
                )
                parts.append("</div>")
                more = (
                    f" ({len(table) - max_rows} lignes de plus dans le CSV)"
                    if len(table) > max_rows
                    else ""
                )
                parts.append(
                    f'<p class="meta">{_esc(item.caption)}{more} — '
                    f'<a href="tables/{csv_path.name}">CSV</a> · '
                    f'<a href="tables/{item.name}.xlsx">XLSX</a></p>'
                )
            elif item.kind == "figure":
                fig = item.body
                png = out / "figures" / f"{item.name}.png"
                fig.savefig(png, dpi=200, bbox_inches="tight")  # type: ignore[attr-defined]
                fig.savefig(  # type: ignore[attr-defined]
                    out / "figures" / f"{item.name}.svg",
                    bbox_inches="tight",
                    metadata={"Date": None},  # no timestamp: same input, same bytes
                )
                buf = io.BytesIO()
                fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")  # type: ignore[attr-defined]
                plt.close(fig)  # type: ignore[arg-type]
                data = base64.b64encode(buf.getvalue()).decode("ascii")
                parts.append(
                    f'<figure><img alt="{html.escape(item.title)}" '
                    f'src="data:image/png;base64,{data}">'
                    f"<figcaption>{_esc(item.caption)} — "
                    f'<a href="figures/{png.name}">figures/{png.name}</a></figcaption></figure>'
                )
        parts.append("</body></html>")
        index = out / "report.html"
        index.write_text("\n".join(parts), encoding="utf-8")
        logger.info("Report written to %s", index)
        return index
