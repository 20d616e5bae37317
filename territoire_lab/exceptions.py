"""Exceptions raised by territoire_lab.

Every error says what was found, what was expected and how to fix it. They all derive
from :class:`TerritoireLabError` so that a notebook can catch the library's errors in
one ``except`` clause.
"""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

__all__ = [
    "CorpusSchemaError",
    "LoaderError",
    "MissingResourceError",
    "OptionalDependencyError",
    "TerritoireLabError",
]


class TerritoireLabError(Exception):
    """Base class of every error raised by territoire_lab."""


class CorpusSchemaError(TerritoireLabError, ValueError):
    """A table breaks the data contract.

    Validation collects every problem before raising, so one error lists them all.

    Parameters
    ----------
    problems : sequence of str
        One line per problem: what was found, what is expected, and the fix.
    table : str
        Name of the table that was checked (``corpus``, ``accounts``, ...).
    """

    def __init__(self, problems: Sequence[str], table: str = "corpus") -> None:
        self.problems = list(problems)
        self.table = table
        n = len(self.problems)
        head = f"{table} table breaks the data contract ({n} problem{'s' if n != 1 else ''}):"
        body = "\n".join(f"  {i}. {p}" for i, p in enumerate(self.problems, start=1))
        super().__init__(f"{head}\n{body}")


class LoaderError(TerritoireLabError, ValueError):
    """A file could not be read; names the file and the 1-based line or record.

    Parameters
    ----------
    path : str or path-like
        The file being read.
    message : str
        What was found, what was expected and how to fix it.
    line : int, optional
        1-based line (text formats) or record (JSON arrays, Excel rows) number.
    """

    def __init__(self, path: str | PathLike[str], message: str, line: int | None = None) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")


class MissingResourceError(TerritoireLabError, FileNotFoundError):
    """A data file or resource the library needs is not where it should be."""


class OptionalDependencyError(TerritoireLabError, ImportError):
    """An optional dependency is missing; the message names the extra to install."""
