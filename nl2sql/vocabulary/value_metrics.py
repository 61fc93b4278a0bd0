"""A metric named by the plural of the value that defines it: "signups" for a "Funnel signups"
metric whose measure counts the rows with ``funnel_stage = 'signup'``.

Why: a funnel or event model often defines one count per stage, each a measure over
``case when stage = '<value>' then … end`` and labelled with the stage's plural ("Funnel
signups", "Funnel MQLs"). "How many signups did we get each month?" was refused: "signup" is a
value of the stage (a filter, which a count of other rows would answer wrongly) and "signups"
nothing at all. The plural of the value names the things the metric counts, by the owner's own
definition — the metric is the answer. Only when the metric's measure compares exactly one
column to exactly one string literal, that literal is a value of a dimension over that column,
and the metric's name or label says the value (plural or not); the singular stays the value.
A value of several words ("page_view") is named by its last word's plural ("page views"),
also when the label writes it as one word ("Pageviews").
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words, singular
from semantic_layer.catalog import Catalog, CatalogMetric

#: as sure as the owner's own label with a qualifier left out: the definition says it
DEFINING_VALUE = 0.9


def _defining_literal(measure_expr: str) -> tuple[str, str] | None:
    """(column, literal) of the one ``column = 'literal'`` comparison in a measure expression.

    >>> _defining_literal("case when funnel_stage = 'signup' then user_id end")
    ('funnel_stage', 'signup')
    >>> _defining_literal("case when a = 'x' or a = 'y' then 1 end") is None
    True
    """
    try:
        tree = sqlglot.parse_one(measure_expr, dialect="duckdb")
    except sqlglot.errors.SqlglotError:
        return None
    pairs = []
    for eq in tree.find_all(exp.EQ):
        col, lit = eq.this, eq.expression
        if isinstance(lit, exp.Column) and isinstance(col, exp.Literal):
            col, lit = lit, col
        if isinstance(col, exp.Column) and isinstance(lit, exp.Literal) and lit.is_string:
            pairs.append((col.name.lower(), str(lit.this)))
    return pairs[0] if len(pairs) == 1 else None


def _plural(word: str) -> str:
    """The regular plural of a lower-case English word."""
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _names_value(m: CatalogMetric, value: str) -> bool:
    """Whether the metric's name or label says the value (as a word, singular or plural; a
    value of several words also written as one: "Pageviews" for `page_view`).

    >>> _names_value(CatalogMetric("pageviews", "Pageviews"), "page_view")
    True
    >>> _names_value(CatalogMetric("page_count", "Pages"), "page_view")
    False
    """
    parts = name_words(value)
    words = [singular(w) for text in (m.name, m.label) for w in name_words(text)]
    if len(parts) == 1:
        return parts[0] in words
    n = len(parts)
    runs = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    return "".join(parts) in words or " ".join(parts) in runs


def value_metric_anchors(catalog: Catalog) -> list[Anchor]:
    """One anchor per metric defined by one value of one dimension, on the value's plural.

    >>> from semantic_layer.catalog import CatalogDimension
    >>> stage = CatalogDimension("event__stage", "stage", values=("signup", "visit"), expr="stage")
    >>> m = CatalogMetric("funnel_signups", "Funnel signups", agg="count_distinct",
    ...                   measure_expr="case when stage = 'signup' then user_id end")
    >>> [(a.phrase, a.name) for a in value_metric_anchors(Catalog((m,), (stage,)))]
    [('signups', 'funnel_signups')]
    """
    out: list[Anchor] = []
    for m in catalog.metrics:
        if m.metric_type != "simple" or not m.measure_expr:
            continue
        found = _defining_literal(m.measure_expr)
        if found is None:
            continue
        column, literal = found
        value = literal.lower()
        parts = name_words(value)  # "page_view": a value of several words
        if not (parts and all(w.isascii() and w.isalpha() for w in parts) and len(value) >= 3):
            continue
        dims = [
            d
            for d in catalog.dimensions
            if d.expr.strip().strip('"').lower() == column
            and any(str(v).lower() == value for v in d.values)
        ]
        if not dims or not _names_value(m, value):
            continue
        phrase = " ".join([*parts[:-1], _plural(parts[-1])])  # "page views"
        out.append(Anchor(phrase, "metric", m.name, None, m.label, "value", DEFINING_VALUE))
    return out
