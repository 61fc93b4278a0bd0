"""A preposition left dangling after a metric phrase that another metric's name continues with:
"goals for by team", "expected goals for by team".

Why: "for" / "against" with no object after a metric word is the end of that metric's name in
the question ("goals for" — a team's goals scored; "goals against" — conceded), and the model
has a metric whose name goes on with exactly those words (Team Goals For). Read as a stop word,
the preposition was dropped and the question answered the shorter metric (Total Goals by team):
another number under the same words. The question is asked back with the metric that continues
the name offered; with an object after the preposition ("goals for team X") or no such metric,
nothing changes.
"""

from __future__ import annotations

import itertools

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import name_words, singular

#: prepositions that end a metric's name ("Goals For", "Goals Against", "Shots Against")
_TRAILING = frozenset({"for", "against"})


def _continues(label: str, name: str, head: str, prep: str) -> bool:
    """Whether ``label`` or ``name`` writes ``head`` right before ``prep`` ("Team Goals For").

    >>> _continues("Team Goals For", "team_total_goals_for", "goal", "for")
    True
    >>> _continues("Total Goals", "total_goals", "goal", "for")
    False
    """
    for text in (label, name):
        words = [singular(w) for w in name_words(text)]
        if any(a == head and b == prep for a, b in itertools.pairwise(words)):
            return True
    return False


def _next_said(p: ParseState, k: int) -> Item | None:
    return next((x for x in p.all[k + 1 :] if x.text.strip()), None)


def refuse_dangling_prepositions(p: ParseState) -> None:
    """Refuse "<metric phrase> for|against" with no object when another metric's name goes on
    with those words (see the module docstring)."""
    for k, it in enumerate(p.all):
        prep = it.text.strip().lower()
        if it.kind not in ("stop", "role") or prep not in _TRAILING or k == 0:
            continue
        prev = p.all[k - 1]
        if prev.kind != "domain" or not any(s.kind == "metric" for s in prev.senses):
            continue
        nxt = _next_said(p, k)
        if nxt is not None and nxt.kind not in ("role", "time"):
            continue  # "goals for team X": an object follows
        words = name_words(prev.text)
        if not words or not prev.text.isascii():
            continue
        head = singular(words[-1])
        named = {s.name for s in prev.senses}
        others = [
            m
            for m in p.catalog.metrics
            if m.name not in named and _continues(m.label or "", m.name, head, prep)
        ]
        if not others:
            continue
        said = f"{prev.text} {it.text}"
        labels = [m.label or m.name for m in others]
        raise Refusal(
            f"'{said}' continues the name of " + " or ".join(labels) + f", not '{prev.text}' "
            "with the word dropped; ask for it by name",
            zh=f"“{said}”是" + "或".join(labels) + "的名称的一部分；请直接问该指标",
            words=[said],
            senses=[Sense("metric", m.name) for m in others],
            kind="ambiguous",
        )
