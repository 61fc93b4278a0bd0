"""What the vocabulary bridges contributed to one understanding, read off the parsed items.

Why apart from the lexicon: these read the rules engine's items after parsing (their resolved
senses and the bridge each came through), not the vocabulary; the lexicon builds terms, this
module reports on how a question used them — the "word → model term" lines of the answer and
the refusal of a bridged word that only repeats its neighbour.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any


def redundant_bridge(items: list[Any]) -> tuple[str, str, str] | None:
    """A refusal (English, Chinese, the word) when a bridged word repeats its neighbour.

    In "business customers" both words may reach the customer entity (one through a bridge);
    the bridged one then adds nothing, so it most likely qualifies the other ("B2B") and
    dropping it would answer a different question.
    """
    domain = [it for it in items if getattr(it, "kind", "") in ("domain", "unknown", "role")]
    for a, b in itertools.pairwise(domain):
        if a.kind != "domain" or b.kind != "domain" or a.sense is None or b.sense is None:
            continue
        same = (a.sense.kind, a.sense.name, a.sense.value) == (
            b.sense.kind,
            b.sense.name,
            b.sense.value,
        )
        if same and (a.sense.via or b.sense.via):
            word, other = (a.text, b.text) if a.sense.via else (b.text, a.text)
            via = a.sense.via or b.sense.via
            if _model_phrase(f"{a.text} {b.text}", via):
                continue  # "parking sessions": the model's own phrase, said whole
            if _kind_then_thing(a.sense.via, b.sense.via or b.text):
                continue  # 鳄鱼观测: the kind word, then the thing, both bridged
            if a.sense.kind == "metric" and (_narrows(a, b) or _narrows(b, a)):
                continue  # 起飞延误的中位数: the statistic picks one of the column's metrics
            return (
                f"'{word}' reads as the same thing as '{other}' ({via}); "
                f"say what '{word}' should filter or group by",
                f"「{word}」与「{other}」读成了同一个东西（{via}）；请说明「{word}」要筛选或分组的是什么",
                word,
            )
    return None


def _narrows(wide: Any, one: Any) -> bool:
    """Whether ``wide`` names several metrics and ``one`` names only the one both were read
    as: the column and its statistic ("取车等待" for Average and Median Pickup Wait, then
    "中位数"), one phrase, not a word that repeats its neighbour."""
    wide_metrics = {s.name for s in wide.senses if s.kind == "metric"}
    one_metrics = {s.name for s in one.senses if s.kind == "metric"}
    return len(wide_metrics) > 1 and one_metrics == {one.sense.name}


def _model_phrase(said: str, via: str) -> bool:
    """Whether two words said together are the model's own phrase the bridge came from.

    >>> _model_phrase("parking sessions", "parking session"), _model_phrase("B2B customers", "customer")
    (True, False)
    """
    return said.lower().rstrip("s") == via.lower().rstrip("s")


def _kind_then_thing(first: str, second: str) -> bool:
    """Whether the first word's model phrase is a kind word before the second's ("crocodile
    observation" then "observation"): said in another language ("鳄鱼观测"), the two words are
    that phrase, as "parking sessions" is in English.

    >>> _kind_then_thing("crocodile observation", "observation"), _kind_then_thing("", "customer")
    (True, False)
    """
    head = second.lower().rstrip("s")
    return bool(first and head) and first.lower().rstrip("s").endswith(" " + head)


def bridged_words(items: Iterable[Any]) -> list[str]:
    """ "word → model term" for every matched item whose reading came only from a bridge.

    ``items`` are the rules engine's items (``kind``, ``text``, ``sense``, ``senses``); an
    item counts when its resolved sense — or, unresolved, each of its senses — has ``via``.
    """
    out: list[str] = []
    for it in items:
        if getattr(it, "role", "") == "verb" and it.sense is not None:
            out.append(f"{it.text} → {it.sense.via}")  # an absorbed verb ("flown → Flights")
            continue
        if getattr(it, "kind", "") != "domain":
            continue
        senses = [it.sense] if it.sense is not None else list(it.senses)
        if senses and all(s.via for s in senses):
            vias = list(dict.fromkeys(s.via for s in senses))
            line = f"{it.text} → {' / '.join(vias)}"
            if line not in out:
                out.append(line)
    return out
