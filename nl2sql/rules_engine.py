"""Compatibility name for :mod:`nl2sql.rules` (the rules engine became a package).

Why keep it: code written against ``nl2sql.rules_engine`` (the LLM engine's fallback, notebooks,
other branches) keeps importing the same names; new code imports :mod:`nl2sql.rules`.
"""

from __future__ import annotations

from nl2sql.rules import (
    DEFAULT_TOP_N,
    MAX_QUESTION_CHARS,
    Item,
    Refusal,
    Understanding,
    detect_lang,
    target_plural,
    understand,
)

__all__ = [
    "DEFAULT_TOP_N",
    "MAX_QUESTION_CHARS",
    "Item",
    "Refusal",
    "Understanding",
    "detect_lang",
    "target_plural",
    "understand",
]
