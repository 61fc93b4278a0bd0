"""Pass: a head noun after a value ("费城店", "late deliveries") belongs to the value's phrase.

Why: Chinese names a thing by a value and a head noun — 费城店 (the Philadelphia store),
华东区 (the East China region) — and the head is often one character: the last character of
the model's own word for what the value belongs to (店 of 门店 for a ``location``, 区 of 地区
for a ``region``). Alone the character is no model term, and the question was refused as
unknown. It is absorbed only when it is the last character of a term for the value's own
entity or dimension, so it can never stand for anything else: 店 after a customer's name stays
unknown (and refused) when no customer term ends in 店.

English does the same with a whole word: "late deliveries" for the value ``late`` of
``delivery_status``, "credit card payments" for ``credit_card`` of ``payment_type``. An
unknown word right after a value is absorbed when its singular is a word of the value's own
dimension name or label (not a generic head such as "status"), and the value then keeps only
the dimensions that word names.

A value typed by its opening English words and the Chinese for the rest — "Facebook广告" for
``Facebook Ads``, "Apple搜索广告" for ``Apple Search Ads`` — is that value: the Chinese word
right after the partial name is absorbed when it spells, word by word, the one or two words of
the value that the partial name left out (each by one of its usual renderings, ``chinese``).
Left unknown, it was refused, or a partial name that fits several values ("Facebook Ads",
"Facebook Organic") stayed ambiguous where the Chinese said which.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Lexicon, Sense
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.chinese import renderings
from nl2sql.vocabulary.english import GENERIC_HEADS, name_words, singular, verb_stems

_CJK = re.compile(r"^[\u3400-\u9fff]$")
_CJK_WORD = re.compile(r"^[\u3400-\u9fff]{2,8}$")
#: the most words of a value the Chinese after its partial name may spell
_MAX_REST = 2


def _names_owner(lex: Lexicon, char: str, owners: set[str], dims: set[str]) -> str | None:
    """A Chinese term ending in ``char`` whose sense is one of ``owners`` (entities) or of
    their dimensions, else None."""
    for key, senses in lex.terms.items():
        if len(key) < 2 or key[-1] != char or not all(_CJK.match(c) for c in key):
            continue
        if any(_owned(s, owners, dims) for s in senses):
            return "".join(key)
    return None


def _owned(s: Sense, owners: set[str], dims: set[str]) -> bool:
    if s.kind == "entity":
        return s.name in owners
    return s.kind == "dimension" and (s.name in dims or s.name.split("__")[0] in owners)


def _dimension_nouns(lex: Lexicon, dim: str) -> set[str]:
    """The content words of a dimension's name and label ("delivery" of ``delivery_status``)."""
    d = lex.catalog.dimension(dim)
    words = name_words(dim.split("__")[-1]) + name_words(d.label if d and d.label else "")
    return {w for w in words if w not in GENERIC_HEADS}


def _absorb_noun(p: ParseState, it, prev) -> None:
    """An English word after a value that names the value's own dimension (see above)."""
    noun = singular(it.text)
    values = [s for s in prev.senses if s.kind == "value"]
    named = [s for s in values if noun in _dimension_nouns(p.lex, s.name)]
    if not named:
        return
    prev.senses = [s for s in prev.senses if s.kind != "value" or s in named]
    it.kind, it.used = "stop", True
    p.result.notes.append(f"'{prev.text} {it.text}': '{it.text}' names {named[0].name}")


def _absorb_chinese_noun(p: ParseState, it, prev) -> bool:
    """A Chinese word after a value that is a usual rendering of a word of the value's own
    dimension name or label ("Pro产品" for ``Pro`` of ``product_line``: 产品 is
    "product"), as ``_absorb_noun`` does for English. The value then keeps only the dimensions
    that word names; a word naming no dimension of the value stays unknown (refused)."""
    values = [s for s in prev.senses if s.kind == "value"]
    named = [
        s
        for s in values
        if any(
            it.text == zh
            for noun in _dimension_nouns(p.lex, s.name)
            for zh, _ in renderings(noun, tuple(verb_stems(noun)))
        )
    ]
    if not named:
        return False
    prev.senses = [s for s in prev.senses if s.kind != "value" or s in named]
    it.kind, it.used = "stop", True
    p.result.notes.append(f"'{prev.text}{it.text}': '{it.text}' names {named[0].name}")
    return True


def _spells(text: str, words: list[str]) -> bool:
    """Whether Chinese ``text`` is one usual rendering of each of ``words``, in order."""
    if not words:
        return not text
    forms = {words[0], singular(words[0])}
    if words[0].endswith("s") and not words[0].endswith("ss"):
        forms.add(words[0][:-1])  # "ads": too short for ``singular``
    # a verb's words too: "search" is glossed only as "to search" (搜索)
    said = {zh for w in forms for zh, _ in renderings(w, tuple(verb_stems(w)))}
    return any(text.startswith(zh) and _spells(text[len(zh) :], words[1:]) for zh in said)


def _absorb_rest_of_value(p: ParseState, i: int, prev) -> bool:
    """The Chinese words after a value's partial English name (at ``i``, adjacent unknown
    words joined: jieba cuts 搜索广告 in two) that spell the rest of it."""
    run = [p.its[i]]
    while (
        (nxt := p.at(i + len(run))) is not None
        and nxt.kind == "unknown"
        and _CJK_WORD.match(nxt.text + "字")  # one character or more, all Chinese
        and nxt.start == run[-1].end
    ):
        run.append(nxt)
    text = "".join(x.text for x in run)
    said = name_words(prev.text)
    named = []
    for s in prev.senses:
        if s.kind != "value" or not s.value or not said:
            continue
        words = name_words(s.value)
        rest = words[len(said) :]
        if words[: len(said)] == said and 0 < len(rest) <= _MAX_REST and _spells(text, rest):
            named.append(s)
    if not named:
        return False
    prev.senses = [s for s in prev.senses if s.kind != "value" or s in named]
    for x in run:
        x.kind, x.used = "stop", True
    p.result.notes.append(f"'{prev.text}{text}': '{text}' spells the rest of {named[0].value}")
    return True


def absorb_value_heads(p: ParseState) -> None:
    """Mark a head noun right after a value (a lone CJK character, an English word)."""
    for i, it in enumerate(p.its):
        if it.kind == "unknown" and it.text.isascii() and it.text.isalpha():
            prev = p.at(i - 1)
            if prev is not None and prev.kind == "domain":
                _absorb_noun(p, it, prev)
            continue
        if it.kind == "unknown" and _CJK_WORD.match(it.text):
            prev = p.at(i - 1)
            if (
                prev is not None
                and prev.kind == "domain"
                and prev.end == it.start
                and prev.text.isascii()
                and _absorb_rest_of_value(p, i, prev)
            ):
                continue
            if (
                prev is not None
                and prev.kind == "domain"
                and prev.end == it.start
                and _absorb_chinese_noun(p, it, prev)
            ):
                continue
        if it.kind != "unknown" or not _CJK.match(it.text):
            continue
        prev = p.at(i - 1)
        if prev is None or prev.kind != "domain" or prev.end != it.start:
            continue
        values = [s for s in prev.senses if s.kind == "value"]
        if not values:
            continue
        owners = {s.name.split("__")[0] for s in values}
        term = _names_owner(p.lex, it.text, owners, {s.name for s in values})
        if term is None:
            continue
        it.kind, it.used = "stop", True
        p.result.notes.append(f"'{prev.text}{it.text}': '{it.text}' is the head of {term}")
