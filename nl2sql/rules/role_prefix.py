"""A role's own word right before a dimension of a role-playing table: "buyer city".

Why: one people table may play the seller, the buyer and the referrer of a sale, so "city"
is three dimensions. "by buyer person city" named the role, but the shorter "by buyer city"
left "buyer" unknown (refused), and a role word spelt like a value (a person whose first name
is "Seller") was worse: it read as that name, and the answer was the sales of the people of
that name by city — a wrong answer (issue #12). The word that sets a role apart is read from
the entity names the model gives the paths (``seller_person``, ``buyer_person``: "seller",
"buyer"), no vocabulary of any domain: when
the word right before the dimension is exactly one role's own word, the dimension is that
role's copy, and the word joins its item. A word fitting no role, or several, leaves both items as
they were (asked back or refused as before).

A verb form of the role's word ("sending city", "receiving city" for the ``send_member`` and
``receive_member`` roles) is that role too, even where the form alone is also a loose reading of
a metric ("sending" of Sending Charges): on a held-out retail model a question of this shape was
answered as that metric by the first role's dimension — a wrong answer (issue #12) — where the
words say the other role's. Only a loose metric reading gives way (a bridge or clipped name,
``Sense.strong`` false); a word that is a metric's own name stays the metric.
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.lexicon import Lexicon
from nl2sql.rules.items import Item
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.morphology import verb_lemmas


def _role_words(names: list[str]) -> dict[str, str] | None:
    """Each role entity's own word (the one word of its name no other role shares), keyed by
    that word; None when some role has no single own word."""
    parts = {n.split("__")[0]: n.split("__")[0].split("_") for n in names}
    if len(parts) != len(names) or len(parts) < 2:
        return None
    shared = set.intersection(*(set(p) for p in parts.values()))
    out: dict[str, str] = {}
    for name in names:
        own = [w for w in parts[name.split("__")[0]] if w not in shared]
        if len(own) != 1 or own[0] in out:
            return None
        out[own[0]] = name
    return out


def _copies(it: Item, lex: Lexicon) -> list[str]:
    """The dimension names of ``it`` when they are one dimension's copies in several roles."""
    if it.kind != "domain" or not it.senses or any(s.kind != "dimension" for s in it.senses):
        return []
    names = [s.name for s in it.senses]
    if len(names) < 2 or not any(set(names) <= set(g) for g in lex.roles.values()):
        return []
    return names


def read_role_prefixes(items: list[Item], lex: Lexicon, text: str) -> list[Item]:
    """``items`` with each "<role word> <role-copied dimension>" read as that role's copy.

    >>> from nl2sql.lexicon import Sense
    >>> lex = Lexicon(catalog=None)
    >>> lex.roles = {"payer_party__city": ("payer_party__city", "payee_party__city")}
    >>> city = [Sense("dimension", "payer_party__city"), Sense("dimension", "payee_party__city")]
    >>> its = [Item("unknown", "payee", 0, 5), Item("domain", "city", 6, 10, senses=city)]
    >>> out = read_role_prefixes(its, lex, "payee city")
    >>> [(i.kind, [s.name for s in i.senses]) for i in out]
    [('domain', ['payee_party__city'])]
    """
    if not lex.roles:
        return items
    out: list[Item | None] = list(items)
    for k in range(1, len(out)):
        word, dim = out[k - 1], out[k]
        if word is None or dim is None:
            continue
        names = _copies(dim, lex)
        if not names or not word.text.isascii() or text[word.end : dim.start].strip():
            continue
        own = _role_words(names)
        if own is None:
            continue
        said = word.text.strip().lower()
        name = own.get(said) or own.get(singular(said))
        loose_metric = False
        if name is None:
            forms = {own[v] for v in verb_lemmas(said) if v in own}
            if len(forms) != 1:
                continue
            name = forms.pop()
            loose_metric = word.kind == "domain" and all(
                s.kind == "metric" and not s.strong for s in word.senses
            )
        entity = name.split("__")[0]
        if (
            word.kind == "domain"
            and not loose_metric
            and (
                any(s.kind not in ("entity", "value") for s in word.senses)
                or any(s.kind == "entity" and s.name != entity for s in word.senses)
                or all(s.kind == "entity" for s in word.senses)
            )
        ):
            # the word names a metric, a dimension or another entity, or only the role's own
            # entity (the role rules read "by origin time zone" as they always did); a value
            # spelt like the role word ("Bill", a first name) is no reading right before the
            # role's dimension
            continue
        if word.kind not in ("domain", "unknown"):
            continue
        sense = next(s for s in dim.senses if s.name == name)
        out[k - 1] = None
        out[k] = replace(dim, text=text[word.start : dim.end], start=word.start, senses=[sense])
    return [it for it in out if it is not None]
