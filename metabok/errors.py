"""Input errors that stop the build with one clear Swedish message."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from metabok.config import PROJECT_ROOT

MAX_MESSAGE = 1000  # characters


def display_path(path: Path | str) -> str:
    """The path as the analyst knows it: relative to the project when inside it."""
    absolute = Path(os.path.abspath(path))  # a symbolic link is named, not where it leads
    for candidate in (absolute, absolute.resolve()):
        if candidate.is_relative_to(PROJECT_ROOT):
            return str(candidate.relative_to(PROJECT_ROOT))
    return str(absolute)


@dataclass
class InputError(Exception):
    """A problem in an input file, located by file, sheet, row and column.

    `row` is the row number as the analyst sees it in Excel or a text editor
    (1-based, header row included).
    """

    message: str
    file: Path | str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        if len(self.message) > MAX_MESSAGE:  # a message never floods the report
            self.message = self.message[:MAX_MESSAGE] + " … (meddelandet är förkortat)"
        # The fields as arguments: cheap to make (the message is formatted only when shown) and the
        # error survives pickling whole (it may be raised in a worker process).
        super().__init__(self.message, self.file, self.sheet, self.row, self.column)

    def location(self) -> str:
        parts = []
        if self.file is not None:
            parts.append(f"fil {display_path(self.file)}")
        if self.sheet is not None:
            parts.append(f"blad {self.sheet!r}")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column is not None:
            parts.append(f"kolumn {self.column!r}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


class InputErrors(Exception):
    """Several input errors found in one pass (validate lists them all)."""

    def __init__(self, errors: list[InputError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
