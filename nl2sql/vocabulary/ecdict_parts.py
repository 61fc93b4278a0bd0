"""Compound parts from ECDICT: the Chinese an English→Chinese dictionary gives a model word.

Why a second source of parts: the compound reader (``nl2sql.rules.passes.compose``) reads an
unknown Chinese compound as the one model term whose English words its pieces gloss in order.
Its parts came from CC-CEDICT alone, written from the Chinese side: 转换 is glossed "to
change; to switch; to convert" (verbs, not the model's noun "conversion"), so 转换率 could not
reach a model term "Conversion Rate" through its parts. ECDICT lists, from the English side, the
Chinese a reader is taught for the model's own word ("conversion": n. 转变, 转换, …; [计] 转换),
which is the direction a compound is written in.

Which translations are parts, and why that is safe:

* noun and adjective lines and the economics / computing / law lines (``[经]`` ``[计]``
  ``[法]``), each line read on its own: a domain line is the word's sense in that domain, so its
  first item counts as first (``conversion``: 转换 leads the ``[计]`` line though the general
  noun line lists 转变 first); verb, adverb and web-usage lines are not read;
* only the first :data:`MAX_POSITION` items of a line (later ones are rare senses);
* an item that is not first in its line and is the main sense of another, unrelated headword
  (and of no form of this one) is that word's, not this one's (位置 is "station"'s second
  sense but the main sense of "location" and "position": 位置数 must never spell a "station
  count");
* one to four characters, no adverb / pronoun / numeral / particle by jieba's tag;
* an everyday Chinese word (jieba frequency :data:`COMMON` or more) only when CC-CEDICT gives
  it for the word too: ECDICT's first noun for "conversion" is 转变 (a change of mind or
  form), and a user's 转变率 is not said of conversions.

A part never names a term by itself: the reader takes a reading only when every piece of the
compound glosses the word in its place, every word of the term is glossed and exactly one term
fits, so a compound with one piece that matches nothing (转换时间 beside terms without
"time") stays unknown and is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from nl2sql.vocabulary import ecdict
from nl2sql.vocabulary.ecdict_anchors import COMMON, family
from nl2sql.vocabulary.english import singular

#: a translation item at this position or later in its line is a rare sense: no part
MAX_POSITION = 3
#: the longest Chinese part read (longer items are explanations: "booking" -> 预约演出合同)
MAX_CHARS = 4
#: line markers read, and how they count: every domain line is its own list of senses
_READ = ("n.", "a.", "adj.", "[经]", "[计]", "[法]")
#: jieba tags of words that never spell a model word (adverbs, pronouns, numerals, measure
#: words, prepositions, conjunctions, particles, idioms, set phrases)
_NON_PART_TAGS = frozenset("ad d r m q p c u e y o i l".split())  # noqa: SIM905


def line_items(translation: str) -> list[tuple[str, int]]:
    """``(chinese, position in its line)`` of the read lines of one ECDICT translation.

    >>> line_items("n. 转变, 转换, 改变宗教信仰, 换位法\\\\nvt. 转化\\\\n[计] 转换")
    [('转变', 0), ('转换', 1), ('改变宗教信仰', 2), ('换位法', 3), ('转换', 0)]
    >>> line_items("a. 可兑换的, 可转换的")
    [('可兑换', 0), ('可转换', 1)]
    """
    out: list[tuple[str, int]] = []
    for raw in translation.split("\\n"):
        line = raw.strip()
        mark = next((m for m in _READ if line.startswith(m)), None)
        if mark is None:
            continue
        pos = 0
        for item in ecdict.split_items(line[len(mark) :]):
            word = ecdict.clean_item(item)
            if word is None:
                continue
            out.append((word, pos))
            pos += 1
    return out


@functools.cache
def _parts(word: str) -> tuple[str, ...]:
    found: dict[str, None] = {}
    # the plural's own entry only when the word has none ("reviews" reads as "review")
    form = word.lower() if ecdict.translation(word) else singular(word.lower())
    for zh, pos in line_items(ecdict.translation(form)):
        if pos >= MAX_POSITION or len(zh) > MAX_CHARS:
            continue
        owners = ecdict.owners(zh)
        mine = any(family(form, o) for o in owners)
        if pos > 0 and not mine and any(not family(form, o) for o in owners):
            continue  # another word's main sense (位置 is "location"'s, not "station"'s)
        found[zh] = None
    return tuple(found)


def parts(
    word: str,
    tag_of: Callable[[str], str] | None = None,
    freq_of: Callable[[str], int] | None = None,
    confirmed: frozenset[str] = frozenset(),
) -> tuple[str, ...]:
    """The Chinese words ECDICT gives ``word`` that may spell it inside a compound.

    ``tag_of`` / ``freq_of`` give a word's jieba tag and frequency; ``confirmed`` are the parts
    CC-CEDICT already gives the word. An everyday word (frequency :data:`COMMON` or more) is a
    part only when CC-CEDICT agrees: ECDICT lists 转变 first for "conversion", an everyday
    word for any change.

    >>> "转换" in parts("conversion"), "位置" in parts("station")
    (True, False)
    >>> "转变" in parts("conversion", freq_of=lambda w: 3510 if w == "转变" else 231)
    False
    """
    out = []
    attributive = _attributive(word)
    for zh in _parts(word):
        tag = tag_of(zh) if tag_of else "n"
        if tag in _NON_PART_TAGS or tag[:1] in _NON_PART_TAGS:
            continue
        if (
            zh not in confirmed
            and zh != attributive
            and freq_of is not None
            and freq_of(zh) >= COMMON
        ):
            continue
        out.append(zh)
    return tuple(out)


def _attributive(word: str) -> str | None:
    """X when ECDICT's adjective line for ``word`` opens with "X的" (therapeutic: "a. 治疗的").

    Why an everyday X is then a part without CC-CEDICT's word for it: "X的" is how Chinese
    makes the noun X an attribute, and before another noun the 的 is dropped (治疗类别 is the
    "therapeutic class"), so the adjective's own first translation says which sense of X is
    meant; the everyday-word check is for loose noun lists (转变 for "conversion"). CC-CEDICT
    glosses 治疗 "therapy", never "therapeutic": without this 治疗类别 stayed unknown.

    >>> _attributive("therapeutic"), _attributive("conversion")
    ('治疗', None)
    """
    form = word.lower() if ecdict.translation(word) else singular(word.lower())
    for raw in ecdict.translation(form).split("\\n"):
        line = raw.strip()
        mark = next((m for m in ("a.", "adj.") if line.startswith(m)), None)
        if mark is None:
            continue
        items = ecdict.split_items(line[len(mark) :])
        first = items[0].strip() if items else ""
        if first.endswith("的"):
            return ecdict.clean_item(first)
        return None
    return None
