"""Problems found in profile files, collected as values and reported together at the end."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors fail the build, warnings fail only ``--strict`` builds."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: ``profiles/song-han.yml:12: topics: expected a list of text, got a number``."""

    file: str
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def is_error(self) -> bool:
        """Whether this problem fails every build, not only strict ones."""
        return self.severity is Severity.ERROR


def errors(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """The problems that are errors, in the order they were found."""
    return [p for p in problems if p.is_error]


def warnings(problems: list[Problem] | tuple[Problem, ...]) -> list[Problem]:
    """The problems that are warnings, in the order they were found."""
    return [p for p in problems if not p.is_error]
