"""The semantic layer's exception family.

Why one family: callers (CLI, question engines, notebooks) catch :class:`SemanticLayerError`
and show its message as is, so every message names the file / element / field that is wrong
and says what to do about it.

>>> issubclass(ModelValidationError, SemanticLayerError)
True
"""

from __future__ import annotations

from typing import Any


class SemanticLayerError(Exception):
    """Base class of every error raised by ``semantic_layer``."""


class ModelLoadError(SemanticLayerError):
    """A model directory or YAML file could not be read or parsed; nothing was loaded."""


class ModelValidationError(SemanticLayerError):
    """A model parsed but is inconsistent (unknown reference, missing column...).

    ``issues`` holds one human-readable line per problem (file, element, fix);
    ``structured`` the same problems as :class:`semantic_layer.issues.ValidationIssue` objects
    (level, file, line, element, message, fix) when the loader produced them.
    """

    def __init__(self, issues: list[Any]):
        self.structured = [i for i in issues if not isinstance(i, str)]
        self.issues = [str(i) for i in issues]
        head = f"semantic model is invalid ({len(self.issues)} problem(s)):"
        super().__init__("\n".join([head, *(f"  - {i}" for i in self.issues)]))


class QueryError(SemanticLayerError):
    """A semantic query names something the model does not have, or combines things wrongly."""


class UnknownMetricError(QueryError):
    """The query names a metric the model does not define."""


class UnknownDimensionError(QueryError):
    """The query names a group-by item or filter dimension the model cannot resolve."""


class GrainTooFineError(QueryError):
    """A time grain finer than the time dimension is recorded at; ``recorded`` is its grain."""

    def __init__(self, message: str, recorded: str):
        super().__init__(message)
        self.recorded = recorded


class CompileError(SemanticLayerError):
    """The query is valid but cannot be compiled to SQL (unsupported combination)."""


class PeriodsNeededError(CompileError):
    """A metric that compares periods (an offset) asked without a time grain to compare;
    ``grain`` is the offset's unit (``month`` for a 1-month offset) when it has one."""

    def __init__(self, message: str, grain: str | None = None):
        super().__init__(message)
        self.grain = grain
