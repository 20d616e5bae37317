"""Command line: ``territoire-lab study | validate | datasets | show-versions``.

Examples
--------
::

    territoire-lab study data/sample/study.yaml
    territoire-lab study --sample --out outputs/sample
    territoire-lab validate posts.csv --table corpus
    territoire-lab datasets list
    territoire-lab datasets path posts
    territoire-lab datasets verify
    territoire-lab show-versions
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from . import __version__
from .exceptions import TerritoireLabError

__all__ = ["main"]

logger = logging.getLogger("territoire_lab")

_TABLES = ("corpus", "accounts", "interactions", "territories")


def _out(text: str, *, err: bool = False) -> None:
    (sys.stderr if err else sys.stdout).write(text + "\n")


def _cmd_study(args: argparse.Namespace) -> int:
    from .study import run_study, run_study_file

    if args.config:
        index = run_study_file(args.config, out_dir=args.out)
    elif args.sample:
        index = run_study(args.out or "outputs/val_de_loire_sample", maps=not args.no_maps)
    else:
        _out(
            "territoire-lab study: give a study file (e.g. data/sample/study.yaml) or --sample.",
            err=True,
        )
        return 2
    _out(f"Study report written to: {Path(index).resolve()}")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from . import schema

    path = Path(args.file)
    if not path.is_file():
        _out(f"{path}: no such file. Expected a CSV file of a {args.table} table.", err=True)
        return 2
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    table = schema.coerce_table(df, args.table)
    getattr(schema, f"validate_{args.table}")(table)
    _out(f"{path}: {len(table)} rows, valid {args.table} table.")
    return 0


def _cmd_datasets(args: argparse.Namespace) -> int:
    from . import datasets

    if args.action == "list":
        table = datasets.list_datasets()
        _out(table[["name", "file", "rows", "licence"]].to_string(index=False))
    elif args.action == "path":
        if not args.name:
            _out("territoire-lab datasets path NAME: give a dataset name (see `datasets list`).")
            return 2
        _out(str(datasets.dataset_path(args.name)))
    else:
        table = datasets.verify_datasets(update=args.update)
        _out(table.to_string(index=False))
        if not table["ok"].all() and not args.update:
            _out("Some files differ from the registry (sha256 or rows): see the table above.")
            return 1
    return 0


def _cmd_versions(args: argparse.Namespace) -> int:
    from .versions import show_versions

    _out(show_versions().to_string(index=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``territoire-lab``."""
    parser = argparse.ArgumentParser(
        prog="territoire-lab",
        description="Comparative territorial-marketing studies of French territories.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress details")
    sub = parser.add_subparsers(dest="command", required=True)

    study = sub.add_parser("study", help="run a whole study and write its report")
    study.add_argument("config", nargs="?", help="study file (YAML), e.g. data/sample/study.yaml")
    study.add_argument("--sample", action="store_true", help="use the bundled Loire-valley sample")
    study.add_argument("--out", default=None, help="report folder (default: outputs/<name>)")
    study.add_argument("--no-maps", action="store_true", help="skip maps (no geopandas needed)")
    study.set_defaults(func=_cmd_study)

    validate = sub.add_parser("validate", help="check a CSV table against the data contract")
    validate.add_argument("file")
    validate.add_argument("--table", choices=_TABLES, default="corpus")
    validate.set_defaults(func=_cmd_validate)

    data = sub.add_parser("datasets", help="list, locate or verify the bundled datasets")
    data.add_argument("action", choices=("list", "path", "verify"))
    data.add_argument("name", nargs="?")
    data.add_argument("--update", action="store_true", help="rewrite the registry (maintainers)")
    data.set_defaults(func=_cmd_datasets)

    versions = sub.add_parser("show-versions", help="versions of the library and its dependencies")
    versions.set_defaults(func=_cmd_versions)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``territoire-lab``; returns the exit code."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except TerritoireLabError as err:
        _out(f"territoire-lab {args.command}: {err}", err=True)
        return 1


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
