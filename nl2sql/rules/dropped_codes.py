"""A one-letter code the parse read as a grammar word: refused, never answered without it.

Why: a dimension whose values are single capital letters (an ABC class A/B/C, a tier I, a grade
B) shares them with the article "a" and the pronoun "I". Typed after a preposition or before a
model noun ("stockout days for A", "for A items") the letter was dropped as the article and the
answer covered every class — a wrong answer that looks right (session 27: "for A items"
answered unfiltered). The lexicon reads the letter beside its dimension's own name ("abc class
A", "A class", "tier I"); anywhere else a capital letter that is some dimension's value, left
unclaimed by every pass, refuses, offering the question with the dimension named (one runnable
suggestion per dimension that has the letter). The article and the pronoun keep their places:
the question's first word, or a letter neither after a preposition nor before a model term
("can I see ...") is grammar, and a question typed all in capitals says nothing by its case.

>>> from nl2sql.rules.items import Item
>>> its = [Item("domain", "units", 0, 5), Item("stop", "for", 6, 9), Item("stop", "a", 10, 11)]
>>> dropped_letters("units for A", "units for a", its, {"A": ["Abc Class"]})
[('A', 10)]
>>> dropped_letters("A list of units", "a list of units", [Item("stop", "a", 0, 1)], {"A": ["x"]})
[]
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nl2sql.lexicon_base import is_letter_value
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.tokenize import VALUE_PREPOSITIONS
from semantic_layer.catalog import Catalog
from semantic_layer.query import SemanticQuery

#: a word of letters (apostrophes and hyphens inside a word keep it one word)
_WORD = re.compile(r"(?<![A-Za-z0-9_'’-])[A-Za-z]+(?![A-Za-z0-9_'’-])")
#: words after which a capital letter is a value, never the article or the pronoun ("for A"):
#: the prepositions of a value slot (:data:`VALUE_PREPOSITIONS`), the article, and copulas and
#: joiners ("is A", "A and B")
_BEFORE_VALUE = VALUE_PREPOSITIONS | {"the", "is", "are", "was", "and", "or"}


def capital_letters(question: str) -> frozenset[str]:
    """The one-letter words typed as capitals, lower-cased, except the question's first word
    (a capital there is the sentence's) and in a question typed all in capitals.

    >>> sorted(capital_letters("A count of units for A and B items"))
    ['a', 'b']
    >>> capital_letters("UNITS FOR A")
    frozenset()
    """
    cased = _cased(question)
    return frozenset(
        m.group(0).lower()
        for m in _WORD.finditer(question)
        if len(m.group(0)) == 1
        and m.group(0).isupper()
        and ((cased and not _opens(question, m)) or before_plural(question, m))
    )


#: plural-looking words that are not plural nouns ("I was", "A plus")
_NOT_PLURAL = frozenset(
    {"was", "has", "does", "goes", "yes", "this", "thus", "its", "plus", "less"}
)
#: nouns a plural modifies in a phrase the article opens ("A sales breakdown by region")
_PHRASE_HEADS = frozenset(
    {
        "breakdown",
        "report",
        "summary",
        "list",
        "chart",
        "table",
        "overview",
        "figure",
        "total",
        "count",
        "number",
        "analysis",
        "trend",
        "graph",
        "plot",
        "split",
        "view",
        "comparison",
    }
)


def before_plural(question: str, m: re.Match[str]) -> bool:
    """Whether the capital letter ``m`` stands before a plural noun: neither the article nor
    the pronoun does ("A parts' revenue", "I parts revenue", "UNITS FOR A PARTS"), so there it
    is a value even as the question's first word or in a question typed all in capitals (where
    its case says nothing). A plural that modifies a noun the article opens ("A sales
    breakdown by region") keeps the article.

    >>> q = "A parts' revenue"
    >>> before_plural(q, _WORD.search(q)), before_plural("A sales breakdown", _WORD.search("A"))
    (True, False)
    >>> before_plural("I was", _WORD.search("I was")), before_plural("A class", _WORD.search("A"))
    (False, False)
    """
    if not m.group(0).isupper():
        return False
    nxt = re.match(r"\s+([A-Za-z]+)(?:['’]s?)?(?:\s+([A-Za-z]+))?", question[m.end() :])
    if nxt is None:
        return False
    word, after = nxt.group(1).lower(), (nxt.group(2) or "").lower()
    return (
        len(word) >= 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _NOT_PLURAL
        and after not in _PHRASE_HEADS
    )


def _cased(question: str) -> bool:
    """Whether the case of the question's letters says something: not all in capitals (a
    Chinese question's Latin letters are codes whatever their case around them)."""
    return any(c.islower() or c > "\u3000" for c in question)


def _opens(question: str, m: re.Match[str]) -> bool:
    """Whether the word ``m`` opens an English sentence (a capital there is the sentence's);
    a letter written onto Chinese ("A类商品") is never an article."""
    return not question[: m.start()].strip() and question[m.end() : m.end() + 1] in ("", " ")


def letter_values(catalog: Catalog) -> dict[str, list[str]]:
    """Single capital-letter values of categorical dimensions: letter -> dimension names."""
    out: dict[str, list[str]] = {}
    for d in catalog.dimensions:
        if d.dim_type != "categorical":
            continue
        for v in d.values:
            v = str(v)
            if is_letter_value(v) and d.name not in out.get(v, []):
                out.setdefault(v, []).append(d.name)
    return out


def _nth_word_start(text: str, word: str, n: int) -> int | None:
    """Start of the ``n``-th (0-based) whole-word occurrence of ``word`` in ``text``."""
    found = [m.start() for m in _WORD.finditer(text) if m.group(0).lower() == word]
    return found[n] if n < len(found) else None


def dropped_letters(
    question: str, text: str, items: Sequence[Item], letters: Mapping[str, Sequence[str]]
) -> list[tuple[str, int]]:
    """The capital letters of ``question`` that are values (``letters``) and that the parse of
    ``text`` (its normalized form) left as unused grammar words, with their start in
    ``question``."""
    if not letters:
        return []
    cased = _cased(question)
    words = list(_WORD.finditer(question))
    by_start = {it.start: it for it in items}
    out: list[tuple[str, int]] = []
    for k, m in enumerate(words):
        letter = m.group(0).upper()
        last = k == len(words) - 1
        opens = _opens(question, m)
        if letter not in letters:
            continue
        # typed all in capitals, "FOR A PART" may be the article or the value: the case
        # that tells them apart is gone, so a letter after a value's preposition is asked
        # back ("REVENUE FOR A PART" was answered for every part, as "for a part" is)
        caps_slot = not cased and k > 0 and words[k - 1].group(0).lower() in VALUE_PREPOSITIONS
        if not before_plural(question, m) and (
            opens or ((m.group(0) != letter or not cased) and not last and not caps_slot)
        ):
            continue  # lower case, or all capitals: a letter is a value only where no
            # article stands, at the end ("stockout days for a")
        nth = sum(1 for w in words[:k] if w.group(0).lower() == letter.lower())
        start = _nth_word_start(text, letter.lower(), nth)
        it = by_start.get(start) if start is not None else None
        if it is None or it.used or it.kind != "stop" or it.end - it.start != 1:
            continue  # inside a term ("abc class a"), or read by a pass
        after = [x for x in items if x.start >= it.end and x.text.strip()]
        before_term = not after or after[0].kind == "domain"
        prev = question[: m.start()].rstrip()
        after_word = k > 0 and words[k - 1].end() == len(prev)
        glued = (bool(prev) and not prev[-1].isascii()) or question[
            m.end() : m.end() + 1
        ] > "\u3000"
        if glued or (after_word and words[k - 1].group(0).lower() in _BEFORE_VALUE) or before_term:
            out.append((letter, m.start()))
    return out


def refuse_dropped_letters(
    question: str, text: str, items: Sequence[Item], catalog: Catalog, query: SemanticQuery
) -> None:
    """Raise :class:`Refusal` when a capital-letter value was dropped as a grammar word; its
    suggestions are the question with the letter's dimension written before it."""
    letters = letter_values(catalog)
    for letter, at in dropped_letters(question, text, items, letters):
        dims = [
            d
            for d in letters[letter]
            if not any(f.dimension == d and letter in f.values for f in query.filters)
        ]
        if not dims:
            continue
        labels = {d.name: d.label or d.name.split("__")[-1] for d in catalog.dimensions}
        rewrites = [
            f"{question[:at]}{labels[d].lower()} {letter}{question[at + 1 :]}" for d in dims
        ]
        named = ", ".join(f"{labels[d]} {letter}" for d in dims)
        raise Refusal(
            f"'{letter}' may be a value ({named}) or a grammar word; name what it is, e.g. "
            f"'{labels[dims[0]].lower()} {letter}'",
            zh=f"“{letter}”可能是取值（{named}），也可能只是虚词；请写明，例如“"
            f"{labels[dims[0]].lower()} {letter}”",
            words=rewrites,
            kind="questions",
        )
