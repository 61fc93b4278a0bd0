"""Pass: a stored value that reads as "all <things>" ("All Docks", a port's every-dock
code in a public docks table) is asked back, not filtered on.

Why: "average wait across all docks" matched the dock named "All Docks" and
answered the wait of no crossing (empty), where every dock was meant; "crossings
to all docks" counted the crossings to that one name. Both readings are real — the value is
data — so the question is asked back with each: the value named with its dimension
("Dock Name All Docks") keeps the filter; without the words the figure is over every
dock. A value named right after its dimension is read as the value, as written.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import morphology

#: quantifiers that take every thing of a kind together (general language)
_ALL_WORDS = frozenset({"all", "every", "each"})


def _words(name: str) -> set[str]:
    """The words of a dimension's qualified name and label, lower case."""
    return {w for w in re.split(r"[^a-z0-9]+", name.lower()) if w}


def _quantified(p: ParseState, it: Item) -> tuple[str, str] | None:
    """(dimension, value) when ``it`` is a value spelled "all <noun>" whose noun names the
    value's own dimension or entity, and its dimension is not named right before it."""
    words = it.text.strip().lower().split()
    if len(words) != 2 or words[0] not in _ALL_WORDS:
        return None
    noun = {words[1], *morphology.noun_lemmas(words[1])}
    for s in it.senses:
        if s.kind != "value" or s.value is None:
            continue
        dim = p.catalog.dimension(s.name)
        own = _words(s.name) | (_words(dim.label) if dim is not None else set())
        if noun & own:
            k = p.all.index(it)
            prev = next((x for x in reversed(p.all[:k]) if x.text.strip()), None)
            if prev is not None and any(
                x.kind == "dimension" and x.name == s.name for x in prev.senses
            ):
                return None  # "dock name All Docks": the value as written
            return s.name, s.value
    return None


def ask_quantified_values(p: ParseState) -> None:
    """Refuse a value item that reads as "all <things>" with both readings (module doc)."""
    for it in p.its:
        if it.kind != "domain" or not it.is_kind("value"):
            continue
        found = _quantified(p, it)
        if found is None:
            continue
        dim, value = found
        dim_label = p.catalog.dimension(dim)
        label = dim_label.label if dim_label is not None else dim
        said = it.text.strip()
        raise Refusal(
            f"'{said}' is a stored {label} ('{value}') and also reads as every one of them; "
            f"for the stored one say '{label} {value}', for every one ask without '{said}'",
            zh=f"“{said}”既是{label}中存储的值（{value}），也可理解为全部；"
            f"指该值请说“{label} {value}”，指全部请去掉“{said}”再问",
            words=[said],
        )
