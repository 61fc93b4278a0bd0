"""A word that names part of one metric's label, said right before the more general metric
that label extends: together they are that metric ("休息室的升级率" is "Upgrade rate —
lounge").

Why: a model that breaks one rate down into published per-kind metrics labels them "<general
label> — <kind>" beside the general "<general label> (<note>)". The kind word alone (休息室,
"lounge") is only a partial name of the per-kind metric, so it was asked back ("'休息室' could
mean Upgrade rate — lounge; say which one") although the general metric it
stands before says which rate. Only when the word's only reading is one metric, the item
after it (的 may stand between) reads only metrics, and that metric's label holds every word
of one of them without its bracketed note, plus words of its own; anything else is asked back
as before. The answer names the metric taken.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import key_of, normalize
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

_NOTE = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[a-z0-9]+")
#: what may stand between the word and the metric it qualifies
_BETWEEN = frozenset({"的"})


def label_words(label: str, *, core: bool = False) -> set[str]:
    """A label's lower-case words; ``core`` leaves out a bracketed note.

    >>> sorted(label_words("Upgrade rate (first week)", core=True))
    ['rate', 'upgrade']
    """
    text = _NOTE.sub(" ", label) if core else label
    return set(_WORD.findall(text.lower()))


def _general_after(p: ParseState, k: int) -> tuple[int, list]:
    """(index of the last item, metric senses) of the general metric said after item ``k``:
    the next item when it reads only metrics, or the next few items that spell one metric
    term with 的 left out ("舱位的升级率" for a term 舱位升级率); (k, []) otherwise."""
    text = ""
    for j in range(k + 1, min(len(p.all), k + 5)):
        x = p.all[j]
        if x.kind == "stop" and x.text.strip() in _BETWEEN:
            continue
        if x.kind != "domain" or not x.senses:
            return k, []
        first = j == k + 1 or (j == k + 2 and p.all[k + 1].kind == "stop")
        if first and all(s.kind == "metric" for s in x.senses):
            return j, list(x.senses)
        text += x.text
        senses = p.lex.terms.get(key_of(text), [])
        if senses and all(s.kind == "metric" for s in senses):
            return j, list(senses)
    return k, []


def settle_partial_before_metric(p: ParseState) -> None:
    """Join an unknown partial name of one metric with the general metric after it."""
    for k, it in enumerate(p.all):
        if it.kind != "unknown" or it.text.isascii():
            continue
        senses = p.lex.clarify.get(normalize(it.text), [])
        if len({s.name for s in senses}) != 1 or any(s.kind != "metric" for s in senses):
            continue
        specific = p.catalog.metric(senses[0].name)
        if specific is None:
            continue
        j, general_senses = _general_after(p, k)
        if not general_senses:
            continue
        nxt = p.all[j]
        own = label_words(specific.label or specific.name)
        fits = False
        for s in general_senses:
            general = p.catalog.metric(s.name)
            if general is None or general.name == specific.name:
                continue
            base = label_words(general.label or general.name, core=True)
            if base and base < own:
                fits = True
        if not fits:
            continue
        joined = Item(
            "domain",
            p.result.question[it.start : nxt.end] if hasattr(p, "result") else it.text,
            it.start,
            nxt.end,
            senses=[senses[0]],
        )
        p.all[k : j + 1] = [joined]
        p.its = [x for x in p.all if x.kind != "stop"]
        return
