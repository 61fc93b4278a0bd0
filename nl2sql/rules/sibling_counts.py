"""A distinct count another model keeps of the same thing answers where the named one cannot reach.

Why: a model often counts one thing twice — on its own table and on a bridge that links it to
another thing ("Total Books" on the books, "Author Books" on the book x author rows, both
``COUNT(DISTINCT book_id)``). "how many books has author X" / "books per author" named the
first, which cannot reach the author, and was refused. Counting the distinct keys of
the same entity on the rows that reach the dimension is the same count, restricted as asked:
the model's own metric for it, not one the engine makes up.

Only distinct counts of one entity's key qualify: a sum or a plain count on a bridge counts
each thing once per linked row (a book with three authors three times), so a filter on
anything but the link would multiply it — a wrong answer that reads right.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric


def _distinct_count(m: CatalogMetric | None) -> bool:
    return (
        m is not None
        and m.metric_type == "simple"
        and m.agg == "count_distinct"
        and bool(m.counts)
        and not m.filtered
    )


def _groups_by_a_count(p: ParseState) -> bool:
    """ "按作者个数统计": a count word right after the grouped noun groups by how many of it
    there are (a column of counts), not by the thing; read as "by author" the count word was
    dropped, and a switched metric would answer that other question."""
    its = p.its
    return any(
        a.kind == "role"
        and a.role == "group"
        and b.kind == "domain"
        and c.kind == "role"
        and c.role == "howmany"
        for a, b, c in zip(its, its[1:], its[2:], strict=False)
    )


def reach_by_sibling_count(p: ParseState) -> None:
    """Replace each distinct count that cannot reach a grouped or filtered dimension by the one
    other distinct count of the same entity's key that reaches them all (see the module doc);
    with none or several, nothing changes (the reachability check refuses)."""
    needed = [*p.group_by, *(f.dimension for f in p.filters)]
    if not needed or _groups_by_a_count(p):
        return
    for k, name in enumerate(p.metrics):
        if all(p.metric_allows(name, d) for d in needed):
            continue
        m = p.catalog.metric(name)
        if m is None or not _distinct_count(m):
            continue
        siblings = [
            s.name
            for s in p.catalog.metrics
            if s.name != name
            and s.name not in p.metrics
            and _distinct_count(s)
            and s.counts == m.counts
            and s.column_key == m.column_key
            and all(p.metric_allows(s.name, d) for d in needed)
        ]
        if len(siblings) != 1:
            continue
        p.switch_metric(k, siblings[0])
