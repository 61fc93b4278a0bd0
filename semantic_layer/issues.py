"""Structured validation issues: what is wrong with a model, where, and how to fix it.

Why structured (like dbt-semantic-interfaces' ``ValidationIssue``): ``orderlens validate --json``
and editors need the level, file and line as fields, while people read one line per problem.
Errors stop a load; warnings (keys dbt accepts that OrderLens does not use) never do.

>>> col = IssueCollector()
>>> col.add("m.yml", 3, "metric `x`", "unknown measure `y`", "did you mean `z`?")
>>> col.warn("m.yml", 1, "top-level key `groups`", "is not used by OrderLens", "none needed")
>>> [i.level for i in col.issues], col.errors[0].line
(['error', 'warning'], 3)
>>> str(col.errors[0])
'm.yml:3: metric `x`: unknown measure `y`. Fix: did you mean `z`?'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class ValidationIssue:
    """One problem found while loading a model."""

    level: Level
    file: str
    line: int | None
    element: str
    message: str
    fix: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.element}: {self.message}. Fix: {self.fix}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (``orderlens validate --json``)."""
        return asdict(self)


@dataclass
class IssueCollector:
    """Collects every problem of a load so all of them are reported at once."""

    issues: list[ValidationIssue] = field(default_factory=list)

    def add(self, file: str, line: int | None, element: str, problem: str, fix: str) -> None:
        """Record an error (the model will not load)."""
        self.issues.append(ValidationIssue("error", file, line, element, problem, fix))

    def warn(self, file: str, line: int | None, element: str, problem: str, fix: str) -> None:
        """Record a warning (reported, never blocks the load)."""
        self.issues.append(ValidationIssue("warning", file, line, element, problem, fix))

    @property
    def errors(self) -> list[ValidationIssue]:
        """The issues that block loading."""
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[ValidationIssue]:
        """The issues that are only reported."""
        return [i for i in self.issues if i.level == "warning"]
