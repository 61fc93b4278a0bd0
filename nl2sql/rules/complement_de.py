"""V得最多 / V得最少: the particle 得 between a verb and a superlative complement.

Why: "哪个地区取消得最多" ("which region cancelled the most") and "哪种付款方式用得最多" put the
structural particle 得 between the verb and 最多; 得 was an unknown word and the question was
refused, while "哪个地区取消最多" was answered. 得 there only links the verb to how much; it is a
stop word when the word before it is read (a model term, or a light verb such as 用) and a
superlative or ranking word follows. An unknown verb before it ("涨得最快") stays unknown.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: the particle
DE = "得"


def read_complement_de(p: ParseState) -> None:
    """Make 得 between a read word and a top/bottom word a stop word."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.text.strip() != DE or k == 0 or k + 1 >= len(p.all):
            continue
        before, after = p.all[k - 1], p.all[k + 1]
        if before.kind not in ("domain", "stop") or before.text.strip() in ("的", "了"):
            continue
        if after.kind == "role" and after.role in ("top", "bottom"):
            p.all[k] = Item("stop", it.text, it.start, it.end)
    p.its = [it for it in p.all if it.kind != "stop"]
