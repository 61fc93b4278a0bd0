"""A reading kept only because the metric reaches it, whose label adds a qualifier the question
does not say to a reading the metric cannot reach: refused, never swapped.

Why: on a parcel model the handling ``depot_name`` is a column of the parcel lines, which the
parcels cannot reach, while the senders carry ``nearest_depot_name``. "parcels by depot" reached
both; reachability kept the senders' one, so the answer was grouped by each sender's *nearest*
depot — another concept, shown as "depot → nearest depot name" (the shape of a session-30 final
wrong, reproduced in tests/test_repro30_qualified_dimension.py). A word the label adds that is
an adjective and no noun ("nearest", "closest", "previous": ``rules.headed_dimensions.qualifying``)
changes what the column is — a role's noun ("buying member", "billing club") does not. The
question did not say it, so the metric cannot be broken down by what was asked: the refusal
names both and offers the question with the qualifier said, which runs.
"""

from __future__ import annotations

import re

from nl2sql.lexicon import Sense
from nl2sql.rules.headed_dimensions import qualifying
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.said_qualifier import _said, _words
from nl2sql.rules.view import StateView


def _label(p: StateView, s: Sense) -> str:
    d = p.catalog.dimension(s.name)
    return d.label if d is not None and d.label else s.name.rsplit("__", 1)[-1].replace("_", " ")


def refuse_unsaid_qualifier(p: StateView, it: Item, kept: Sense, dropped: list[Sense]) -> None:
    """Raise :class:`Refusal` when ``kept`` (the one reading the metrics reach) is a dropped
    reading's label plus words the question does not say ("nearest depot name" for "depot",
    where "depot name" is the dropped one); return otherwise."""
    if kept.kind != "dimension":
        return
    own = _words(_label(p, kept))
    for s in dropped:
        if s.kind != "dimension":
            continue
        base = _words(_label(p, s))
        extra = own - base
        if not base or not base < own or any(_said(p, it, w) for w in extra):
            continue
        if not any(qualifying(w) for w in extra):
            continue  # a role's noun ("buying member", "billing club"): reachability
            # picks the role, as a reader would
        asked = _label(p, s)
        said = " ".join(w for w in re.findall(r"[a-z0-9]+", _label(p, kept).lower()) if w in extra)
        question = p.result.question
        offer = re.sub(rf"\b{re.escape(it.text)}\b", f"{said} {it.text}", question, count=1)
        raise Refusal(
            f"the question's metric cannot be read by {asked}; "
            f"{_label(p, kept)} is another column ('{said}'); say '{said} {it.text}' for it",
            zh=f"该指标不能按{asked}统计；{_label(p, kept)}是另一列（“{said}”），如需要请写明",
            words=[offer] if offer != question and question.isascii() else [],
            kind="questions",
        )
