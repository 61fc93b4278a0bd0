"""Unknown Chinese characters reported as the word they belong to, not one by one.

Why: the question is cut character by character where no dictionary knows the word, so a name
the model does not hold came out in pieces — "复购率" as '复', '购', '率', and "天猫" as the
grain word 天 ("by day") followed by an unknown 猫. The refusal then named single characters,
and its runnable suggestion dropped only them: "按天猫统计订单数" was offered "按天统计订单数"
(orders by day), a different question. A run of touching unknown characters is one unknown
word, and when that word is one lone character, a grain character glued to it is part of it
(Chinese words are rarely one character; an unknown word of two or more characters — 每月饼干,
monthly biscuits — keeps its grain apart). Only the refusal's words
change: the question is refused either way.
"""

from __future__ import annotations

from nl2sql.rules.items import Item


def _cjk(text: str) -> bool:
    return bool(text) and all("\u3400" <= ch <= "\u9fff" for ch in text)


def _glued_grain(it: Item) -> bool:
    """A one-character grain word (天, 月, 年...) that may be the start or end of a name."""
    return it.kind == "role" and it.role.startswith("grain:") and len(it.text) == 1


def _grain_tail(it: Item) -> bool:
    """A grain word ending in its one grain character (天, 按天, 每月) before a glued name."""
    return (
        it.kind == "role"
        and it.role.startswith(("grain:", "grainadj:"))
        and 1 <= len(it.text) <= 2
        and _cjk(it.text)
    )


def join_unknown_runs(items: list[Item]) -> list[Item]:
    """``items`` with each run of touching unknown Chinese characters (and a one-character
    grain word touching it) made one unknown item.

    >>> its = [Item("role", "按", 0, 1, role="group"), Item("role", "天", 1, 2, role="grain:day"),
    ...        Item("unknown", "猫", 2, 3), Item("domain", "订单数", 3, 6)]
    >>> [(i.kind, i.text) for i in join_unknown_runs(its)]
    [('role', '按'), ('unknown', '天猫'), ('domain', '订单数')]
    >>> its = [Item("role", "按天", 0, 2, role="grainadj:day"), Item("unknown", "猫", 2, 3)]
    >>> [(i.kind, i.text) for i in join_unknown_runs(its)]
    [('stop', '按'), ('unknown', '天猫')]
    >>> its = [Item("unknown", "复", 0, 1), Item("unknown", "购", 1, 2), Item("unknown", "率", 2, 3)]
    >>> [i.text for i in join_unknown_runs(its)]
    ['复购率']
    >>> its = [Item("role", "每", 0, 1, role="each"), Item("role", "天", 1, 2, role="grain:day"),
    ...        Item("domain", "订单数", 2, 5)]
    >>> [i.text for i in join_unknown_runs(its)]
    ['每', '天', '订单数']
    >>> its = [Item("role", "每月", 0, 2, role="grain:month"), Item("unknown", "饼干", 2, 4)]
    >>> [i.text for i in join_unknown_runs(its)]  # a word of its own: the grain stays apart
    ['每月', '饼干']
    """
    out: list[Item] = []
    k = 0
    while k < len(items):
        it = items[k]
        if not (it.kind == "unknown" and _cjk(it.text)):
            out.append(it)
            k += 1
            continue
        start, end, texts = it.start, it.end, [it.text]
        j = k + 1
        while (
            j < len(items)
            and items[j].start == end
            and items[j].kind == "unknown"
            and _cjk(items[j].text)
        ):
            texts.append(items[j].text)
            end = items[j].end
            j += 1
        if end - start == 1:  # one lone character is rarely a word: its grain neighbour joins
            if out and out[-1].end == start and _grain_tail(out[-1]):
                before = out.pop()
                if len(before.text) > 1:  # 按天猫: 按 stays the word it is, 天 starts the name
                    out.append(Item("stop", before.text[:-1], before.start, before.end - 1))
                start, texts = before.end - 1, [before.text[-1], *texts]
            elif j < len(items) and items[j].start == end and _glued_grain(items[j]):
                texts.append(items[j].text)  # 青年: the grain character ends the name
                end = items[j].end
                j += 1
        out.append(Item("unknown", "".join(texts), start, end))
        k = j
    return out
