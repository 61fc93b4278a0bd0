"""OrderLens question engine: ask in plain Chinese or English, get a checked answer.

>>> from nl2sql import Answer
>>> Answer(question="?", refused=True, error="no metric").to_json()
{'error': 'no metric', 'reason': 'no metric', 'suggestions': []}
"""

from __future__ import annotations

from nl2sql.answer import Answer
from nl2sql.ask import ask, catalog_for
from nl2sql.errors import ExecutionError, GuardError, LLMConfigError, NL2SQLError

__all__ = [
    "Answer",
    "ExecutionError",
    "GuardError",
    "LLMConfigError",
    "NL2SQLError",
    "ask",
    "catalog_for",
]
