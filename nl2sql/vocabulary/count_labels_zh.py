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

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.chinese import compounds, renderings
from nl2sql.vocabulary.english import verb_stems

#: the English words that close a count label, and the leading words that only sum it
COUNT_HEADS = frozenset({"count"})
SUM_WORDS = frozenset({"total"})
#: the Chinese count words after the counted thing (次数 "number of times" counts events)
COUNT_WORDS_ZH = ("数量", "数", "个数", "次数")
#: a label that opens with "total" is also said with 总数 after the act and the noun (选秀球员总数);
#: after a plain thing 总数 is left to the other rules (比赛总数 is the total of games, whichever
#: count metric names them)
TOTAL_WORDS_ZH = ("总数",)
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
        return _participle_count_anchors(a, words)
    thing = words[1:-1] if words[0] in SUM_WORDS else words[:-1]
    if not 1 <= len(thing) <= 2:
        return []
    found = list(renderings(thing[0])) if len(thing) == 1 else compounds(thing)
    return _anchors(a, found)


def _participle_count_anchors(a: Anchor, words: list[str]) -> list[Anchor]:
    """Chinese for "total <noun> <participle>" (a count: "Total Claims Denied"): the verb's
    Chinese before the noun's, then a count word (拒赔理赔数 style: <verb><noun>数).

    Why: English puts the participle after the counted noun, Chinese the act before it
    (选秀球员总数 for players drafted), and the word-by-word compound kept the English order.
    The act is read from the participle's verb and from the noun of the same stem (a drafted
    player is one of the draft, 选秀), as CC-CEDICT glosses some acts only as nouns.

    >>> a = Anchor("total player drafted", "metric", "m", None, "Total Players Drafted", "name", 1.0)
    >>> "选秀球员总数" in [x.phrase for x in count_label_anchors(a)]
    True
    """
    if len(words) != 3 or words[0] not in SUM_WORDS or not words[2].endswith("ed"):
        return []
    noun, participle = words[1], words[2]
    # the verb: the first stem that is an English word ("scanned" -> scan, not "scann")
    stem = next(
        (v for v in verb_stems(participle) if v != participle and morphology.is_english_word(v)),
        None,
    )
    if stem is None:
        return []
    acts = dict(renderings(stem, (stem,)))
    nouns = renderings(noun)
    found = [(f"{act}{thing}", sa * sn) for act, sa in acts.items() for thing, sn in nouns]
    return _anchors(a, sorted(found, key=lambda kv: -kv[1]), COUNT_WORDS_ZH + TOTAL_WORDS_ZH)


def _anchors(
    a: Anchor, found: list[tuple[str, float]], suffixes: tuple[str, ...] = COUNT_WORDS_ZH
) -> list[Anchor]:
    """The thing's Chinese and each count word, scored by the thing alone."""
    source = "compound" if a.source == "name" else f"{a.source}+compound"
    out: list[Anchor] = []
    for zh, score in found:
        total = a.score * score * COMPOUND
        if total < ACCEPT or zh.endswith(COUNT_WORDS_ZH):
            continue
        out += [Anchor(zh + w, a.kind, a.name, a.value, a.via, source, total) for w in suffixes]
    return out
