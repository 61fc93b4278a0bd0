"""YAML alias bombs ("billion laughs") and the check that each reader refuses one at once.

Why shared: three red-team files (the model, the readers beyond the model, session 19's
mappings, rules and settings) each built the same nested anchors and timed the same refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest


def alias_levels(key_line: str, indent: str = "  ", levels: int = 9) -> str:
    """``key_line`` then ``levels`` nested anchors indented by ``indent``: ``*l8`` (of the
    default nine levels) stands for 9**9 (387 million) words."""
    lines = [key_line, f'{indent}l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        lines.append(f"{indent}l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def refused_quickly(call: Callable[[], object], error: type[Exception]) -> str:
    """``call()`` raises ``error`` within 5 s (the bomb is never expanded); its message."""
    started = time.perf_counter()
    with pytest.raises(error) as refused:
        call()
    assert time.perf_counter() - started < 5
    return str(refused.value)
