"""A ratio's part metric is named by its short description, not by its role label.

Why: MetricFlow builds a ratio from two simple metrics, and generated models label those parts
by their role — "Waste Per Batch - numerator", "... - denominator" — while the description
says what they are: "Wasted loaves", "Batches". No one asks for "the numerator of waste per
batch"; "how many batches" (or its Chinese) asks for the part, and was refused as unknown. The
description of such a part is anchored as its label (English, and through it its Chinese
renderings) when it is a short noun phrase (at most :data:`MAX_WORDS` words, no sentence).

Why one name for identical parts: two ratios often share a denominator written twice (two
metrics counting ``batch_id`` over the same rows, both described "Batches"); they are the
same number, so the phrase names the first of them rather than asking which. Parts that differ
(batches baked and batches audited, both "Batches") keep both readings, and the question is
clarified.

>>> part_role("Waste Per Batch - denominator", "waste_per_batch_denominator")
'denominator'
>>> part_role("Batches", "batches"), short_phrase("The number of batches we baked.")
(None, None)
>>> short_phrase("Audited batches")
'audited batch'
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.anchors import LABEL, Anchor
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import Catalog, CatalogMetric

#: the most words of a description read as a name
MAX_WORDS = 4
_ROLE_LABEL = re.compile(r"\s[-–—:]\s*(numerator|denominator)\s*$", re.IGNORECASE)
_ROLE_NAME = re.compile(r"_(numerator|denominator)$")
_PHRASE = re.compile(r"^[A-Za-z][A-Za-z\- ]*$")


def part_role(label: str, name: str) -> str | None:
    """``numerator`` / ``denominator`` when the label (or else the name) says the metric is
    that part of a ratio."""
    m = _ROLE_LABEL.search(label or "") or _ROLE_NAME.search(name or "")
    return m.group(1).lower() if m else None


def short_phrase(description: str) -> str | None:
    """The description as a lower-case phrase of singular words, when it is a short noun
    phrase (letters, spaces and hyphens only: no sentence, no number)."""
    text = " ".join((description or "").split())
    if not text or not _PHRASE.match(text):
        return None
    words = text.lower().replace("-", " ").split()
    if len(words) > MAX_WORDS:
        return None
    return " ".join(singular(w) for w in words)


def _same_number(a: CatalogMetric, b: CatalogMetric) -> bool:
    return (
        a.metric_type == b.metric_type == "simple"
        and not a.filtered
        and not b.filtered
        and bool(a.agg)
        and a.agg == b.agg
        and bool(a.measure_expr)
        and a.measure_expr.strip().lower() == b.measure_expr.strip().lower()
        and a.agg_time_dimension == b.agg_time_dimension
    )


def part_description_anchors(catalog: Catalog) -> list[Anchor]:
    """The short description of each ratio part, as sure as a label."""
    kept: dict[str, list[CatalogMetric]] = {}
    for m in catalog.metrics:
        if part_role(m.label, m.name) is None:
            continue
        phrase = short_phrase(m.description)
        if phrase is None:
            continue
        same = kept.setdefault(phrase, [])
        if not any(_same_number(m, o) for o in same):
            same.append(m)
    return [
        Anchor(phrase, "metric", m.name, None, m.label or m.name, "label", LABEL)
        for phrase, metrics in kept.items()
        for m in metrics
    ]
