"""Study files: one YAML file says what a study reads, its parameters and where it writes.

Example (``data/sample/study.yaml``)::

    name: val_de_loire_sample
    title: "Étude comparative de territoires — échantillon du Val de Loire"
    data: sample                 # the bundled sample, or a mapping of files (see below)
    random_state: 0
    maps: true
    benchmark:
      weights: {n_platforms: 1, institution_posts_per_week: 1, followers_per_1000: 1,
                answer_rate: 2, relay_share: 1}
      sensitivity_draws: 1000

With your own data, ``data`` maps each table to a file (paths relative to the study
file): the corpus in any format :func:`territoire_lab.read_corpus` reads, the other tables
as CSV in the project's data contract::

    data:
      corpus: exports/posts.csv
      accounts: exports/accounts.csv
      interactions: exports/interactions.csv
      institutions: allow_list.csv
      territories: territories.csv     # code, level, name, population

Unknown keys are refused (a typo must not silently fall back to a default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .exceptions import TerritoireLabError

__all__ = ["StudyConfig", "load_study_config"]

_TOP_KEYS = {"name", "title", "data", "random_state", "maps", "benchmark", "output"}
_BENCH_KEYS = {"weights", "sensitivity_draws"}
_DATA_KEYS = {"corpus", "accounts", "interactions", "institutions", "territories"}
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


class StudyConfigError(TerritoireLabError, ValueError):
    """A study file is invalid; the message names the file, the key and the fix."""


@dataclass(frozen=True)
class StudyConfig:
    """A study's definition, read from a YAML file by :func:`load_study_config`.

    Attributes
    ----------
    name : str
        Short name, used for the output folder ``outputs/<name>``.
    title : str
        Title of the report.
    data : str or dict
        ``"sample"`` or a mapping table name -> absolute path.
    random_state : int
        Seed of every random step.
    maps : bool
        Draw maps.
    weights : dict or None
        Weights of the maturity index (None: the library's defaults).
    sensitivity_draws : int
        Number of weight draws of the rank sensitivity analysis.
    output : Path
        Output folder.
    source : Path or None
        The YAML file.
    """

    name: str
    title: str = "Étude comparative de territoires"
    data: str | dict[str, Path] = "sample"
    random_state: int = 0
    maps: bool = True
    weights: dict[str, float] | None = None
    sensitivity_draws: int = 1000
    output: Path = field(default_factory=lambda: Path("outputs"))
    source: Path | None = None


def _fail(path: Path, message: str) -> StudyConfigError:
    return StudyConfigError(f"{path}: {message}")


def _check_keys(path: Path, found: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(found) - allowed)
    if unknown:
        raise _fail(
            path,
            f"unknown key(s) {unknown} in {where}; expected some of {sorted(allowed)}. "
            "Fix the spelling or remove them.",
        )


def load_study_config(path: str | Path) -> StudyConfig:
    """Read and check a study file.

    Parameters
    ----------
    path : str or Path
        The YAML file.

    Returns
    -------
    StudyConfig

    Raises
    ------
    StudyConfigError
        Naming the file, the key, what was found and what is expected.
    """
    import yaml

    path = Path(path)
    if not path.is_file():
        raise StudyConfigError(
            f"{path}: no such study file. Expected a YAML file, e.g. data/sample/study.yaml."
        )
    try:
        raw = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as err:
        raise _fail(path, f"not valid YAML ({err}).") from err
    if not isinstance(raw, dict):
        raise _fail(path, f"expected a mapping of keys at the top, found {type(raw).__name__}.")
    _check_keys(path, raw, _TOP_KEYS, "the study file")
    name = raw.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise _fail(path, f"name={name!r}; expected a short name of letters, digits, _ . -")
    data = raw.get("data", "sample")
    if isinstance(data, dict):
        _check_keys(path, data, _DATA_KEYS, "data")
        missing = sorted({"corpus", "institutions", "territories"} - set(data))
        if missing:
            raise _fail(
                path,
                f"data lacks {missing}; a study needs at least the corpus, "
                "the institutions allow-list and the territories.",
            )
        data = {k: (path.parent / v).resolve() for k, v in data.items()}
        absent = [f"{k}: {v}" for k, v in data.items() if not v.is_file()]
        if absent:
            raise _fail(path, f"data files not found: {absent}.")
    elif data != "sample":
        raise _fail(path, f"data={data!r}; expected 'sample' or a mapping of table files.")
    bench = raw.get("benchmark") or {}
    if not isinstance(bench, dict):
        raise _fail(path, "benchmark must be a mapping (weights, sensitivity_draws).")
    _check_keys(path, bench, _BENCH_KEYS, "benchmark")
    weights = bench.get("weights")
    if weights is not None:
        if not isinstance(weights, dict) or not all(
            isinstance(v, (int, float)) and v >= 0 for v in weights.values()
        ):
            raise _fail(path, f"benchmark.weights={weights!r}; expected indicator: weight >= 0.")
        weights = {str(k): float(v) for k, v in weights.items()}
    random_state = raw.get("random_state", 0)
    if not isinstance(random_state, int):
        raise _fail(path, f"random_state={random_state!r}; expected an integer.")
    draws = bench.get("sensitivity_draws", 1000)
    if not isinstance(draws, int) or draws < 1:
        raise _fail(path, f"benchmark.sensitivity_draws={draws!r}; expected a positive integer.")
    output = Path(raw.get("output", Path("outputs") / name))
    return StudyConfig(
        name=name,
        title=str(raw.get("title", StudyConfig.title)),
        data=data,
        random_state=random_state,
        maps=bool(raw.get("maps", True)),
        weights=weights,
        sensitivity_draws=draws,
        output=output,
        source=path.resolve(),
    )
