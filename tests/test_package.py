"""Packaging: light import, public API, notebooks paired and without outputs."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_import_is_light():
    # pyarrow is not in the list: pandas 3 imports it itself for its string dtype when present
    code = (
        "import sys, territoire_lab\n"
        "heavy = [m for m in ('geopandas', 'spacy', 'dask', 'distributed', 'shapely')"
        " if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_api_and_version():
    import territoire_lab as tl

    for name in tl.__all__:
        assert hasattr(tl, name), name
    assert tl.__version__.count(".") == 2
    table = tl.show_versions()
    versions = dict(zip(table["component"], table["version"], strict=True))
    assert versions["territoire-lab"] == tl.__version__
    import pandas as pd

    assert versions["pandas"] == pd.__version__


def test_missing_optional_dependency_names_the_extra():
    from territoire_lab import OptionalDependencyError
    from territoire_lab._compat import import_optional

    with pytest.raises(OptionalDependencyError, match=r"territoire-lab\[geo\]"):
        import_optional("geopandas_that_does_not_exist", extra="geo", purpose="maps")


def test_there_are_notebooks():
    assert NOTEBOOKS, "notebooks/*.ipynb are missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_no_outputs_and_is_paired(path):
    import jupytext

    nb = json.loads(path.read_text("utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs", []) == [], f"{path.name}: committed outputs"
            assert cell.get("execution_count") is None, f"{path.name}: execution count"
    paired = path.with_suffix(".py")
    assert paired.exists(), f"{path.name} has no paired .py (jupytext py:percent)"
    from_py = jupytext.read(paired)
    from_nb = jupytext.read(path)
    assert [c.source for c in from_py.cells] == [c.source for c in from_nb.cells], (
        f"{path.name} and {paired.name} differ: run `jupytext --sync {paired}`"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_calls_the_library_and_defines_nothing(path):
    import jupytext

    nb = jupytext.read(path)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    tree = ast.parse(code)
    defs = [n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert defs == [], f"{path.name} defines {defs}: move them into the library"
    assert "import territoire_lab" in code
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    assert any("parameters" in t for t in tags), f"{path.name} has no 'parameters' cell"
