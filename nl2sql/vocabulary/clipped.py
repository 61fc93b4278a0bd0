"""A metric label word clipped from an entity's name ("opps" for opportunities).

Why: owners label metrics with the short forms they say every day ("Won opps", "Open reqs"),
while users write the word whole: "lost opportunities by team", "open requisitions". A label
word of three letters or more that is no English word and begins exactly one entity's name
(at least three letters shorter) is read as that name: the label with the whole word is a
bridge to the metric. Shown in the interpretation ("lost opportunities → Lost opps").
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.anchors import Anchor

#: as sure as a suffix of the name: the clipped word is the owner's own shorthand
CLIPPED = 0.9


def clipped_anchors(anchors: list[Anchor], entity_words: set[str]) -> list[Anchor]:
    """Anchors of the metric names and labels in ``anchors`` with clipped words made whole.

    >>> a = [Anchor("won opp", "metric", "won_opps", None, "Won opps", "name", 1.0)]
    >>> [x.phrase for x in clipped_anchors(a, {"opportunity", "account"})]
    ['won opportunity']
    >>> clipped_anchors(a, {"opportunity", "opposition"})  # two entities begin so: no guess
    []
    """
    out: list[Anchor] = []
    seen: set[tuple[str, str]] = set()
    for a in anchors:
        if a.kind != "metric" or a.source not in ("name", "label"):
            continue
        words = a.phrase.split()
        whole = list(words)
        for i, w in enumerate(words):
            if len(w) < 3 or not w.isalpha() or w in entity_words or morphology.is_english_word(w):
                continue
            fits = [e for e in entity_words if e.startswith(w) and len(e) >= len(w) + 3]
            if len(fits) == 1:
                whole[i] = fits[0]
        phrase = " ".join(whole)
        if phrase != a.phrase and (phrase, a.name) not in seen:
            seen.add((phrase, a.name))
            out.append(Anchor(phrase, "metric", a.name, None, a.via, "clipped", CLIPPED * a.score))
    return out
