"""Grammar words jieba writes as one word: 数最多 in 交易笔数最多 is 笔数 + 最多.

Why: jieba's dictionary holds a few fusions of a count suffix and a superlative (数最多), so
"哪个客户的交易笔数最多" was cut 交易 / 笔 / 数最多 and the count word 笔数 could not be read
(a general word inside a Chinese run must coincide with jieba's word boundaries): the
question was refused as naming no metric, while 交易笔数最多的客户 — the same words — happened
to be cut the same way and also lost 笔数. A jieba word that is no general word itself but
is exactly two general words side by side gets the boundary between them, so each is read as
what it is. A word that is a general word itself (最多, 多少) is never split.

>>> roles = {("数",): "howmany", ("最", "多"): "top", ("多", "少"): "howmany"}
>>> fused_split("数最多", roles), fused_split("多少", roles), fused_split("交易", roles)
(1, None, None)
"""

from __future__ import annotations

from collections.abc import Mapping


def fused_split(word: str, general: Mapping[tuple[str, ...], str]) -> int | None:
    """The offset inside Chinese ``word`` where it splits into two general words, else None
    (``general`` is keyed by units, one per Chinese character)."""
    if len(word) < 3 or tuple(word) in general:
        return None
    cuts = [
        i for i in range(1, len(word)) if tuple(word[:i]) in general and tuple(word[i:]) in general
    ]
    return cuts[0] if len(cuts) == 1 else None
