"""Pass: an unknown Chinese compound read part by part as the one model term it spells.

Why: 新建建筑 ("new building") is in no dictionary and no bridge, but 新建 glosses "new
construction; newly built" and 建筑 "building", and the model has a value ``new_building``.
A run of unknown Chinese words is split into parts that each gloss one English word of a model
term (``nl2sql.vocabulary.compose_zh``), in the order the term says them (Chinese compounds are
head-final like English ones). The reading is taken only when every part glosses the word in
its place and every word of the term is glossed — nothing of the compound is left over to be a
condition — and only when exactly one term fits; two terms that fit are asked about, never
guessed. The interpretation shows the reading ("新建建筑 → new_building").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nl2sql.lexicon import Sense, normalize
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.compose_zh import MAX_TERM_WORDS, model_term_words
from semantic_layer.catalog import Catalog

_CJK = re.compile(r"^[\u3400-\u9fff]+$")
#: the longest unknown run read as one compound (characters)
MAX_RUN = 8


@dataclass(frozen=True)
class _Term:
    """A model term and its English words, in order."""

    sense: Sense
    words: tuple[str, ...]


def _terms(catalog: Catalog) -> list[_Term]:
    """Every model term of two to four words (a one-word term needs no composition)."""
    out = []
    for kind, name, value, text in model_term_words(catalog):
        sense = Sense(kind, name, value, strong=False, via=value or text)
        out.append(_Term(sense, tuple(text.split())))
    return [t for t in out if 2 <= len(t.words) <= MAX_TERM_WORDS]


def splits(text: str, n: int, parts: dict[str, set[str]]) -> list[list[str]]:
    """Every way to cut ``text`` into ``n`` pieces that are all known parts.

    >>> splits("新建建筑", 2, {"新建": {"new"}, "建筑": {"building"}, "新": {"new"}})
    [['新建', '建筑']]
    """
    if n == 1:
        return [[text]] if text in parts else []
    out = []
    for i in range(1, len(text)):
        if text[:i] in parts:
            out += [[text[:i], *rest] for rest in splits(text[i:], n - 1, parts)]
    return out


def readings(text: str, parts: dict[str, set[str]], terms: list[_Term]) -> list[_Term]:
    """The terms whose words the pieces of ``text`` gloss one by one, in order."""
    found = []
    for t in terms:
        if any(
            all(w in parts[piece] for piece, w in zip(cut, t.words, strict=True))
            for cut in splits(text, len(t.words), parts)
        ):
            found.append(t)
    return found


def _runs(items: list[Item]) -> list[tuple[int, int]]:
    """(first, last + 1) of each run of adjacent unknown Chinese items."""
    out, i = [], 0
    while i < len(items):
        j = i
        while (
            j < len(items)
            and items[j].kind == "unknown"
            and _CJK.match(items[j].text)
            and (j == i or items[j].start == items[j - 1].end)
        ):
            j += 1
        if j > i:
            out.append((i, j))
        i = max(j, i + 1)
    return out


def _weak_elsewhere(p: ParseState, run: list[Item], text: str, found: list[_Term]) -> bool:
    """Whether the compound or one of its words has a weak bridge reading (offered in a
    clarification) to a term the parts do not spell: then that clarification stays, since
    the two readings disagree and neither is sure."""
    fits = {(t.sense.kind, t.sense.name, t.sense.value) for t in found}
    for word in dict.fromkeys([text, *(it.text for it in run)]):
        for s in p.lex.clarify.get(normalize(word), []):
            if (s.kind, s.name, s.value) not in fits:
                return True
    return False


def read_compounds(p: ParseState) -> None:
    """Replace each unknown Chinese run that spells exactly one model term by that term; a run
    that spells several is refused with them as options."""
    parts = getattr(p.lex, "parts", None)
    if not parts or not any(it.kind == "unknown" for it in p.all):
        return
    terms: list[_Term] | None = None
    for first, end in reversed(_runs(p.all)):
        run = p.all[first:end]
        text = "".join(it.text for it in run)
        if not 2 <= len(text) <= MAX_RUN:
            continue
        terms = terms if terms is not None else _terms(p.catalog)
        found = readings(text, parts, terms)
        names = list(dict.fromkeys(" ".join(t.words) for t in found))
        if len(names) > 1:
            shown = [t.sense.via for t in found]
            raise Refusal(
                f"'{text}' could mean {' or '.join(dict.fromkeys(shown))}; say which one",
                zh=f"「{text}」可能指：{'、'.join(dict.fromkeys(shown))}，请说明是哪一个",
                words=[text],
                senses=[t.sense for t in found],
            )
        if names and not _weak_elsewhere(p, run, text, found):
            senses = [t.sense for t in found]
            p.all[first:end] = [Item("domain", text, run[0].start, run[-1].end, senses=senses)]
    p.its = [it for it in p.all if it.kind != "stop"]
