"""Chinese for a count metric's label: the counted thing's Chinese and a count word.

Why: a metric labelled "Total Timeout Count" is rendered word by word (总 + 超时 + 数量), and
every word's score multiplies into the compound's, so a thing whose Chinese is less than a main
sense (超时 is CC-CEDICT's second sense of "timeout") fell below the lexicon's bar with two
certain words around it, and 超时次数 was refused. The opening "total" and the closing "count"
say nothing to guess: a count of X is X followed by a Chinese count word, whichever one the
analyst types (数, 数量, 个数 for things, 次数 for events). So the compound is scored by the
counted thing alone.
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.chinese import compounds, renderings

#: the English words that close a count label, and the leading words that only sum it
COUNT_HEADS = frozenset({"count"})
SUM_WORDS = frozenset({"total"})
#: the Chinese count words after the counted thing (次数 "number of times" counts events)
COUNT_WORDS_ZH = ("数量", "数", "个数", "次数")
#: a guessed compound: slightly below a dictionary word (as chinese_anchors.COMPOUND)
COMPOUND = 0.95


def count_label_anchors(a: Anchor) -> list[Anchor]:
    """Chinese anchors for a metric phrase "[total] <thing> count" (one or two thing words).

    >>> a = Anchor("total timeout count", "metric", "m", None, "Total Timeout Count", "name", 1.0)
    >>> [x.phrase for x in count_label_anchors(a)]
    ['超时数量', '超时数', '超时个数', '超时次数']
    >>> count_label_anchors(Anchor("timeout rate", "metric", "r", None, "Timeout Rate", "name", 1.0))
    []
    """
    words = a.phrase.split()
    if a.kind != "metric" or "thesaurus" in a.source or len(words) < 2:
        return []
    if words[-1] not in COUNT_HEADS:
        return []
    thing = words[1:-1] if words[0] in SUM_WORDS else words[:-1]
    if not 1 <= len(thing) <= 2:
        return []
    found = list(renderings(thing[0])) if len(thing) == 1 else compounds(thing)
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    out: list[Anchor] = []
    for zh, score in found:
        total = a.score * score * COMPOUND
        if total < ACCEPT or zh.endswith(COUNT_WORDS_ZH):
            continue
        out += [
            Anchor(zh + w, a.kind, a.name, a.value, a.via, source, total) for w in COUNT_WORDS_ZH
        ]
    return out
