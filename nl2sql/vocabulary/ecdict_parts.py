"""Compound parts from ECDICT: the Chinese an English→Chinese dictionary gives a model word.

Why a second source of parts: the compound reader (``nl2sql.rules.passes.compose``) reads an
unknown Chinese compound as the one model term whose English words its pieces gloss in order.
Its parts came from CC-CEDICT alone, written from the Chinese side: 响应 is glossed "to
respond" (the verb, not the model's noun "response") and 填充 "to fill up; to stuff", so 响应率
and 填充率 stayed unknown beside a model with "Response Rate" and "Fill Rate". ECDICT lists,
from the English side, the Chinese a reader is taught for the model's own word ("response":
n. 反应, 回答, 响应; "fill": [计] 填充), which is the direction a compound is written in.

Which translations are parts, and why that is safe:

* noun and adjective lines and the economics / computing / law lines (``[经]`` ``[计]``
  ``[法]``), each line read on its own: a domain line is the word's sense in that domain, so its
  first item counts as first (``fill``: 填充 leads the ``[计]`` line though the general noun
  line lists 满足 first); verb, adverb and web-usage lines are not read;
* only the first :data:`MAX_POSITION` items of a line (later ones are rare senses);
* an item that is not first in its line and is the main sense of another, unrelated headword
  (and of no form of this one: 渗透 leads "penetrative" too) is that word's, not this one's
  (规则 is "order"'s second sense but "rule"'s first: 规则数 must never spell an "order
  count");
* one to four characters, no adverb / pronoun / numeral / particle by jieba's tag;
* an everyday Chinese word (jieba frequency :data:`COMMON` or more) only when CC-CEDICT gives
  it for the word too: ECDICT's first noun for "fill" is 满足 (one's fill), a user's 满足率 is
  a satisfaction rate.

A part never names a term by itself: the reader takes a reading only when every piece of the
compound glosses the word in its place, every word of the term is glossed and exactly one term
fits, so a compound with one piece that matches nothing (渗透 beside a term with no
"penetration") stays unknown and is refused.
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

    >>> line_items("n. 满足, 装满, 充分, 填方\\\\nvt. 填充\\\\n[计] 填充")
    [('满足', 0), ('装满', 1), ('充分', 2), ('填方', 3), ('填充', 0)]
    >>> line_items("a. 有资格当选的, 合格的")
    [('有资格当选', 0), ('合格', 1)]
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
            continue  # another word's main sense (规则 is "rule"'s, not "order"'s)
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
    part only when CC-CEDICT agrees: ECDICT lists 满足 first for "fill" (one's fill), but a
    user's 满足率 is a satisfaction rate, never a fill rate.

    >>> "响应" in parts("response"), "填充" in parts("fill"), "规则" in parts("order")
    (True, True, False)
    >>> "满足" in parts("fill", freq_of=lambda w: 4725 if w == "满足" else 231)
    False
    """
    out = []
    for zh in _parts(word):
        tag = tag_of(zh) if tag_of else "n"
        if tag in _NON_PART_TAGS or tag[:1] in _NON_PART_TAGS:
            continue
        if zh not in confirmed and freq_of is not None and freq_of(zh) >= COMMON:
            continue
        out.append(zh)
    return tuple(out)
