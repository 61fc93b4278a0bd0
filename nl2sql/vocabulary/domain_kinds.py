"""A Chinese "kind of X" word that names every X of the model: its modifier is the model's field.

Why: CC-CEDICT glosses 球队 "sports team" — a modifier before a character that itself means
"team" (队). Such a word is held back as a *kind* of the thing (``cedict.names_a_kind_of``):
回头客 "repeat customer" is no name of every customer, and answering "回头客的平均订单价值"
for all customers was a wrong answer. But on a model whose teams all play sports, 球队 is
what a Chinese analyst calls every team, and refusing it refused every question about teams.

What tells the two apart is the model itself. CC-CEDICT marks the field a sense belongs to in
a note — 联赛 "(sports) league", 赛季 "season (sports)", 进球 "goal (sport)". When the
modifier of a kind word's gloss ("sports" of "sports team") is the field noted on the Chinese
names of at least :data:`MIN_OTHER_TERMS` *other* model terms, the model is about that field
and the kind is every one of its things: the word is read as the plain thing. A modifier that
picks out a subset ("repeat") is no field any dictionary note gives, so 回头客 stays out. The
link scores as a head gloss would and is shown in the interpretation ("球队 → team").
"""

from __future__ import annotations

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.anchors import ACCEPT, Anchor
from nl2sql.vocabulary.chinese import cedict_factor
from nl2sql.vocabulary.english import singular

#: how many other model terms must carry the field in their Chinese names' notes
MIN_OTHER_TERMS = 2
#: how many times more terms the model's field must carry than any other note word: a model
#: of many terms gathers stray notes ("(computing)", "(military)") from its rarer senses, and
#: none of those is what the model is about
DOMINANCE = 2
#: a head gloss's factor (``chinese_anchors.CEDICT_HOW["head"]``)
HEAD = 0.9
#: the anchor kinds a kind word may name (a data value's name is its word's main sense only)
_KINDS = frozenset({"entity", "dimension", "metric"})


def kinds_of(phrase: str) -> list[tuple[str, int]]:
    """The Chinese words a two-word gloss ties to ``phrase`` by its head that
    :func:`~nl2sql.vocabulary.cedict.names_a_kind_of` holds back from
    :func:`~nl2sql.vocabulary.cedict.chinese_for`, with their gloss position:
    a modifier plus a character meaning ``phrase`` (球队 "sports team" for "team").

    Why apart: such a word names a kind of the thing (回头客 "repeat customer"), unless its
    modifier is what the whole model is about (:func:`domain_kind_anchors`), which only the
    model can tell.

    >>> ("球队", 0) in kinds_of("team"), ("航班", 0) in kinds_of("flight")
    (True, False)
    """
    best: dict[str, int] = {}
    for word, pos, how in cedict.phrase_entries(phrase.lower()):
        if how == "head" and cedict.names_a_kind_of(word, phrase):
            best[word] = min(best.get(word, pos), pos)
    return sorted(best.items())


def model_fields(chinese: list[Anchor]) -> dict[str, set[tuple[str, str]]]:
    """Field word (singular) -> the model terms (kind, name) one of whose accepted Chinese
    names from CC-CEDICT carries it in a gloss note.

    >>> a = [Anchor("联赛", "entity", "league", None, "league", "cedict", 0.9),
    ...      Anchor("赛季", "dimension", "p__season", None, "season", "cedict+ecdict", 0.9)]
    >>> sorted(model_fields(a)["sport"])
    [('dimension', 'p__season'), ('entity', 'league')]
    """
    out: dict[str, set[tuple[str, str]]] = {}
    for a in chinese:
        if "cedict" in a.source and a.score >= ACCEPT and a.kind in _KINDS | {"time"}:
            for w in cedict.notes(a.phrase)[0]:
                out.setdefault(singular(w), set()).add((a.kind, a.name))
    return out


def domain_kind_anchors(anchors: list[Anchor], chinese: list[Anchor]) -> list[Anchor]:
    """Chinese anchors for the kind words of ``anchors`` (the model's own one-word names)
    whose gloss modifier is the model's field: the note word of :func:`model_fields` (over
    ``chinese``, the Chinese names already found) that at least :data:`MIN_OTHER_TERMS` other
    terms carry, and :data:`DOMINANCE` times as many terms as any other note word.

    >>> team = Anchor("team", "entity", "team", None, "team", "name", 1.0)
    >>> named = [Anchor("联赛", "entity", "league", None, "league", "cedict", 0.9),
    ...          Anchor("赛季", "dimension", "p__season", None, "season", "cedict", 0.9)]
    >>> [(x.phrase, x.name, x.source) for x in domain_kind_anchors([team], named)]
    [('球队', 'team', 'field+cedict')]
    >>> domain_kind_anchors([team], named[:1])  # one other term is no field of the model
    []
    """
    fields = model_fields(chinese)
    counts = sorted((len(t) for t in fields.values()), reverse=True)
    if not counts or (len(counts) > 1 and counts[0] < DOMINANCE * counts[1]):
        return []  # no one field stands out: the model is about no one field
    field = {f for f, t in fields.items() if len(t) == counts[0]}
    out = []
    for a in anchors:
        if a.source != "name" or a.kind not in _KINDS or " " in a.phrase:
            continue
        for word, pos in kinds_of(a.phrase):
            modifiers = {singular(m) for m in cedict.notes(word)[1]}
            if not any(
                len(fields[m] - {(a.kind, a.name)}) >= MIN_OTHER_TERMS for m in modifiers & field
            ):
                continue
            score = a.score * cedict_factor(pos, cedict.sense_count(word)) * HEAD
            if score >= ACCEPT:
                out.append(Anchor(word, a.kind, a.name, a.value, a.via, "field+cedict", score))
    return out
