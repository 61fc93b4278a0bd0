"""Reading a question with the rule engine's ``understand`` in tests that check the semantic
query it builds (no warehouse).

Why shared: fourteen question files (Chinese value owners, occasions, kind words, dictionary
bridges, initialisms, verb derivations, party roles, the wrong-answer classes, ...) each wrote
this same reader; each passes its own catalog and its own ``today``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from nl2sql.rules import understand
from semantic_layer.catalog import Catalog


def understood_query(question: str, catalog: Catalog, today: dt.date) -> Any:
    """The semantic query ``question`` is read as on ``catalog`` as of ``today``; a refusal
    fails the test with the question and the reason."""
    u = understand(question, catalog, today)
    assert not u.refused, (question, u.reason_en)
    assert u.query is not None, question
    return u.query


def reading(question: str, catalog: Catalog, today: dt.date) -> tuple | str:
    """``"refused"``, or the metrics and the filters (dimension, operator, values) ``question``
    is read as on ``catalog``: one value to compare a whole reading with."""
    u = understand(question, catalog, today)
    if u.refused:
        return "refused"
    return (u.query.metrics, [(f.dimension, f.op, f.values) for f in u.query.filters])
