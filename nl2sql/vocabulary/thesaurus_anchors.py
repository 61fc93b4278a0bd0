"""Anchors through the English thesaurus: a model phrase with its head word replaced by a neighbour.

Why a module of its own: the bridges add these to the English anchors of a model (names, labels,
descriptions: ``english_anchors``) at a lower score, after those are built; nothing else reads
them.
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import THESAURUS, Anchor
from nl2sql.vocabulary.english import thesaurus


def thesaurus_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """Each anchor's head word (or whole phrase) replaced by its thesaurus neighbours."""
    th = thesaurus()
    out: list[Anchor] = []
    for a in anchors:
        if a.kind == "value":
            continue
        words = a.phrase.split()
        for i in range(len(words)):
            head = " ".join(words[i:])
            for other in th.get(head, ()):
                phrase = " ".join([*words[:i], other])
                source = f"{a.source}+thesaurus" if a.source != "name" else "thesaurus"
                out.append(
                    Anchor(phrase, a.kind, a.name, a.value, a.via, source, a.score * THESAURUS)
                )
    return out
