""" "show the islands in the north zone", "islands in the north zone": the things, listed.

Why: on an external model both shapes were answered with a number: the model publishes no count
of the things, and the engine's distinct count of their key over yearly summary rows answered a
question that asks *which* ones — a wrong answer
(issue #12, session 26). "list …" was read as a listing already (session 25). Here:

- a display verb (show, display, 显示, 展示) before things, with no count word, lists them;
- a bare noun phrase with no verb and no count word ("islands in the north zone") lists them
  when the noun's count would be a distinct count of things kept on *other* rows (islands
  over yearly summaries): such a count is not the thing the rows record. A noun whose rows are
  its own ("orders in March") is still their count, as before.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState

#: verbs that ask to see things, not a number of them ("show me the stations")
DISPLAY_VERBS = frozenset({"show", "display", "显示", "展示"})
#: roles that make a question ask for a number of the things named
_COUNT_ROLES = frozenset({"howmany"})


def _count_said(p: ParseState) -> bool:
    return any(it.kind == "role" and it.role in _COUNT_ROLES for it in p.all)


def _things_on_other_rows(p: ParseState) -> bool:
    """Whether every context noun's count counts things kept on other things' rows."""
    if not p.context_entities:
        return False
    for it in p.context_entities:
        metric = p.count_metric(it)
        m = p.catalog.metric(metric) if metric else None
        counted = m.counts or m.counts_some if m is not None else None
        # a metric that sums a column ("All Loans" = sum of loan_count on the loans' own rows)
        # counts no entity: its rows are the things' own, and the noun stays a count
        if m is None or not m.rows_entity or not counted or m.rows_entity == counted:
            return False
    return True


def lists_shown_things(p: ParseState) -> bool:
    """Whether the question asks to see the things it names rather than their number."""
    if _count_said(p) or not p.context_entities:
        return False
    own = {p.group_name(it) for it in p.context_entities}
    if any(g not in own for g in p.group_by):
        # a dimension named too ("which sea zones are the islands in"): the things
        # are the context of that breakdown, not the list asked for
        return False
    words = [it.text.strip().lower() for it in p.all if it.text.strip()]
    if any(w in DISPLAY_VERBS for w in words):
        return True
    verbs = [it for it in p.all if it.kind == "role" and it.role == "verb"]
    return not verbs and _things_on_other_rows(p)
