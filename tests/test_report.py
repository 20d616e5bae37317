from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from territoire_lab.report import Report, write_table


def test_report_writes_html_tables_and_figures(tmp_path):
    rep = Report("Étude <test>", "Question ?")
    rep.add_text("Intro", "Premier paragraphe.\n\nSecond & dernier.")
    rep.add_table("counts", "Comptes", pd.DataFrame({"territoire": ["Tours", "=cmd"], "n": [3, 4]}))
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    rep.add_figure("line", "Courbe", fig, "Une courbe.")
    index = rep.write(tmp_path)
    page = index.read_text("utf-8")
    assert "Étude &lt;test&gt;" in page
    assert "Second &amp; dernier." in page
    assert "data:image/png;base64," in page
    assert (tmp_path / "figures" / "line.png").stat().st_size > 1000
    assert (tmp_path / "figures" / "line.svg").read_text("utf-8").lstrip().startswith("<?xml")
    assert 'name="viewport"' in page
    csv = (tmp_path / "tables" / "counts.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read the accents right
    back = pd.read_csv(tmp_path / "tables" / "counts.csv", encoding="utf-8-sig")
    assert back["territoire"].tolist() == ["Tours", "'=cmd"]


def test_report_rejects_unsafe_names():
    rep = Report("x")
    with pytest.raises(ValueError, match="file name"):
        rep.add_table("../evil", "t", pd.DataFrame())


def test_write_table_creates_folders(tmp_path):
    path = write_table(pd.DataFrame({"a": ["+1"]}), tmp_path / "a" / "b.csv")
    assert path.read_text("utf-8-sig").splitlines() == ["a", "'+1"]
