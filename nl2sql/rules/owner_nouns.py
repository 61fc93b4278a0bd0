"""The owner's noun beside its own attribute says whose attribute it is, nothing more.

Why: "which product category had the highest backorder rate" and "units shipped by product
lifecycle status" were asked back ("'product' could be brand or category"), and "the
substitution rate on private label products" too: "product" reached two columns only weakly,
through their descriptions ("Fictional product label", "Product family"), while the model
names its own rows "products" — the semantic model whose primary entity (``sku``) owns the
category, the lifecycle status and the private-label flag. Said right before one of its
entity's columns, or right after one of its values, the noun names the owner of that column:
it adds no condition and no grouping, and it picks that entity's copy of a column several
entities carry ("category" of the products, not of the demand weeks).

What is read: a word with only weak readings (or none) equal, in the singular, to an entity's
name or to a semantic model whose primary entity it is, right before an item reading as one of
that entity's dimensions, or right after an item reading only as that entity's values or
columns. The two become one item keeping only that entity's readings (shown as a bridge). A
word that is itself a column or an entity by name ("brand") is not touched, nor a column reached
by several join paths (a role-playing table: "airport time zone" of origin or destination).
"""

from __future__ import annotations

from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog


def _owners(catalog: Catalog, word: str) -> set[str]:
    """The entities ``word`` names by their own name or one of their models' names."""
    w = singular(word)
    return {
        e.name
        for e in catalog.entities
        if w
        in {singular(e.name.replace("_", " ")), *(singular(m.replace("_", " ")) for m in e.models)}
    }


def _owned(item: Item, owners: set[str], kinds: tuple[str, ...]) -> list[Sense]:
    return [s for s in item.senses if s.kind in kinds and s.name.partition("__")[0] in owners]


def _by_roles(catalog: Catalog, item: Item, kept: list[Sense]) -> bool:
    """Whether a dropped reading of ``item`` is the same column through another role of the
    owner's table (an entity with no model of its own: the airports' time zone as the origin's
    or the destination's). The owner's noun names the table, not the path, so it must not pick
    one ("flights by airport time zone" stays asked)."""
    columns = {k.name.partition("__")[2] for k in kept}
    roles_only = {e.name for e in catalog.entities if not e.models}
    return any(
        s.name.partition("__")[0] in roles_only and s.name.partition("__")[2] in columns
        for s in item.senses
        if s not in kept
    )


def _neighbour(items: list[Item], k: int, step: int) -> int | None:
    j = k + step
    while 0 <= j < len(items) and not items[j].text.strip():
        j += step
    return j if 0 <= j < len(items) else None


def absorb_owner_nouns(p: ParseState) -> None:
    """Absorb an entity's own noun said beside one of its columns or values."""
    for k, it in enumerate(p.all):
        word = it.text.strip().lower()
        if not word.isascii() or not word.isalpha():
            continue
        if it.kind not in ("domain", "unknown") or any(s.strong for s in it.senses):
            continue
        owners = _owners(p.catalog, word)
        if not owners:
            continue
        for step, kinds in ((1, ("dimension",)), (-1, ("value", "dimension"))):
            j = _neighbour(p.all, k, step)
            nb = p.all[j] if j is not None else None
            if j is None or nb is None or nb.kind != "domain":
                continue
            kept = _owned(nb, owners, kinds)
            if not kept or (step == -1 and len(kept) != len(nb.senses)):
                continue
            if _by_roles(p.catalog, nb, kept):
                continue
            a, b = sorted((j, k))
            first, last = p.all[a], p.all[b]
            text = p.result.question[first.start : last.end]
            p.all[a : b + 1] = [Item("domain", text, first.start, last.end, kept)]
            p.result.bridged.append(f"{text.strip()} → {nb.text.strip()}")
            p.its = [x for x in p.all if x.kind != "stop"]
            return
