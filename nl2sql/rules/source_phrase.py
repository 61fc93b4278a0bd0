"""通过 / 经 / 从 X 来的: the frame that says where something came from is the condition X.

Why: "有多少患者是通过转介绍来的" ("how many patients came via referral") and "从必应来的用户"
("users who came from Bing") wrap a value in a preposition of means or origin and the verb 来
("come"). The value alone is the condition ("来自X" already read so); 通过 and 来 were unknown
words and the question was refused. The frame is taken only whole — the preposition (通过, 经,
经由, 经过, 从, 由), one or two model words of which one is a value, then 来 / 而来 / 过来 — so
that 通过 in its other sense ("审核通过的申请": approved) or 来 elsewhere stays unknown.
"""

from __future__ import annotations

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: prepositions of means or origin that open the frame
OPENERS = frozenset({"通过", "经", "经由", "经过", "从", "由"})
#: the verb of coming that closes it
CLOSERS = frozenset({"来", "而来", "过来"})
#: the most model words between the two
MAX_INSIDE = 2


def _is_value(it: Item) -> bool:
    return it.kind == "domain" and any(s.kind == "value" for s in it.senses)


def read_source_phrases(p: ParseState) -> None:
    """Make the opener and the closer of a whole 通过…来的 frame stop words."""
    for k, it in enumerate(p.all):
        if it.kind not in ("unknown", "stop") or it.text.strip() not in OPENERS:
            continue
        inside: list[Item] = []
        end = None
        for j in range(k + 1, min(len(p.all), k + 2 + MAX_INSIDE)):
            nxt = p.all[j]
            if nxt.kind == "unknown" and nxt.text.strip() in CLOSERS:
                end = j
                break
            if nxt.kind != "domain":
                break
            inside.append(nxt)
        if end is None or not inside or not any(_is_value(x) for x in inside):
            continue
        for idx in (k, end):
            old = p.all[idx]
            p.all[idx] = Item("stop", old.text, old.start, old.end)
    p.its = [it for it in p.all if it.kind != "stop"]
