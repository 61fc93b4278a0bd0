"""WordNet's other everyday names of a thing the model names: "cab" for a ``taxi`` entity.

Why: English questions were refused on everyday synonyms of a model's words ("cabs" where the
model says taxi, "riders" where it says passenger, "writers" for author). The general business
thesaurus (``thesaurus.yml``) is short by design; WordNet 3.0 covers the long tail, but its
synonym sets merge notions a business keeps apart (price = cost, revenue = gross, booking =
engagement). So only *things* get WordNet neighbours (``lab/tools/wordnet_nouns.py`` keeps
artifacts, places and people whose first sense is dominant), only for the model's own entity
and dimension names (never a metric, a value or a description word), only in English (no
Chinese is chained onto them), at a score below the thesaurus's: a word that reaches two model
terms is clarified, a word the model already has is never bridged (``nl2sql.lexicon``), and the
answer shows the bridge ("cabs → taxi").

>>> neighbours("taxi")
('cab', 'hack', 'taxicab')
>>> neighbours("price")  # an attribute, not a thing: price is not cost
()
"""

from __future__ import annotations

import functools
import hashlib
import lzma
from importlib import resources

from nl2sql.vocabulary.anchors import Anchor

DATA_FILE = "wordnet_nouns.tsv.xz"
#: a WordNet neighbour is a weaker link than a thesaurus word (x0.85): still above ACCEPT
#: (0.65) from a model name, so "cabs" answers, but a tie with any closer word is clarified
WORDNET = 0.8
#: only names of things: a metric word's neighbour may be another quantity
_KINDS = ("entity", "dimension")


def _data() -> bytes:
    try:
        return resources.files("nl2sql.vocabulary").joinpath(DATA_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return b""


@functools.cache
def resource_version() -> str:
    """A hash of the shipped table ("absent" without it): part of the vocabulary cache key."""
    data = _data()
    return hashlib.sha256(data).hexdigest()[:16] if data else "absent"


@functools.cache
def _table() -> dict[str, tuple[str, ...]]:
    data = _data()
    if not data:
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for line in lzma.decompress(data).decode("utf-8").splitlines():
        head, _, others = line.partition("\t")
        out[head] = tuple(others.split("|"))
    return out


def neighbours(word: str) -> tuple[str, ...]:
    """The other names of the thing ``word`` (lower case, singular) names, or ()."""
    return _table().get(word, ())


def wordnet_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """The model's own entity and dimension names with their head replaced by its neighbours.

    >>> a = Anchor("taxi", "entity", "taxi", None, "taxi", "name", 1.0)
    >>> sorted((x.phrase, x.source, x.score) for x in wordnet_anchors([a]))[:2]
    [('cab', 'wordnet', 0.8), ('hack', 'wordnet', 0.8)]
    """
    out: list[Anchor] = []
    for a in anchors:
        if a.kind not in _KINDS or a.source != "name" or not a.phrase.isascii():
            continue
        words = a.phrase.split()
        for i in range(len(words)):
            for other in neighbours(" ".join(words[i:])):
                phrase = " ".join([*words[:i], other])
                out.append(
                    Anchor(phrase, a.kind, a.name, a.value, a.via, "wordnet", a.score * WORDNET)
                )
    return out
