"""The one exception family of the question engine.

Why one family: callers (CLI, magics, the Jupyter page) catch ``NL2SQLError`` and show its
message; the subclasses say which stage failed so the message can name the fix.
"""

from __future__ import annotations


class NL2SQLError(Exception):
    """Base class of every error the question engine raises on purpose."""


class GuardError(NL2SQLError):
    """A statement was refused by the SQL guard, or stopped by its row/time limits."""


class LLMConfigError(NL2SQLError):
    """The LLM engine was requested but is not configured (no key, no model)."""


class ExecutionError(NL2SQLError):
    """The query passed the guard but the execution engine (e.g. Spark) could not run it."""
