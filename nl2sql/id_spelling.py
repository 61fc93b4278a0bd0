"""An id typed in another case than the data spells it: read as the data's spelling, or refused.

Why: "nights of kennel qk12" read the id as typed (``passes.identifiers`` keeps an id code's
case, since ids are compared as written) and the warehouse holds ``QK12``: the answer was an
empty table, NULL read by a user as "no nights" — a wrong answer (issue #12, session 26, on an
external model's client ids) — and "kennels other than qk12" would have kept every kennel, QK12
included. An id's letters carry no meaning of their own, so where the data holds exactly one spelling of the typed id, equal
but for case, that spelling is the id meant. Before the answer's SQL runs, each id filter's
values are looked up in the column the compiled SQL compares them with (one small
``SELECT DISTINCT`` per filtered column, through the guard):

- one spelling in the data: the SQL and the interpretation use it (a note says so);
- none: the answer (empty) stands, and a note says no row holds that id in any case, so the
  empty answer is not read as a figure of a thing the data has;
- several spellings, none as typed: refused, asking which (each offered as a runnable question).

Only ids of an entity (the thing the rows are about, keyed by an id column) with letters in them
are looked up: digits have no case, and a categorical dimension's values are read from the
catalog already (the lexicon matches them case-insensitively).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlglot
from sqlglot import exp

from nl2sql.guard import run_guarded
from semantic_layer.catalog import Catalog

#: spellings read per typed id (more than one is already a question to ask back)
MAX_SPELLINGS = 5


@dataclass(frozen=True)
class Respelt:
    """The outcome for one typed id: the data's spellings of it, case aside."""

    entity: str
    typed: str
    spellings: tuple[str, ...]


def _entity_values(plan: Any, catalog: Catalog) -> list[tuple[str, str]]:
    """(entity, typed value) of every id filter whose value has letters in it."""
    entities = {e.name for e in catalog.entities}
    out: list[tuple[str, str]] = []
    for f in getattr(plan.query, "filters", ()) or ():
        if f.dimension not in entities or f.op not in ("=", "!=", "in", "not in"):
            continue
        for v in f.values:
            if isinstance(v, str) and any(ch.isalpha() for ch in v):
                out.append((f.dimension, v))
    return out


def _compared(tree: exp.Expr, typed: str) -> list[tuple[exp.Literal, exp.Column, exp.Select]]:
    """Each string literal equal to ``typed`` compared (=, <>, IN) with a column, that
    column, and the SELECT whose WHERE holds the comparison."""
    found = []
    for lit in tree.find_all(exp.Literal):
        if not lit.is_string or lit.this != typed:
            continue
        parent = lit.parent
        if isinstance(parent, exp.In):
            column = parent.this
        elif isinstance(parent, exp.EQ | exp.NEQ):
            column = parent.left if parent.right is lit else parent.right
        else:
            continue
        select = lit.find_ancestor(exp.Select)
        if isinstance(column, exp.Column) and select is not None:
            found.append((lit, column, select))
    return found


def _lookup(column: exp.Column, select: exp.Select, typed: str, tables: Any) -> exp.Select | None:
    """``SELECT DISTINCT column FROM <the same tables> WHERE LOWER(column) = LOWER(typed)``,
    where the SELECT reads the model's own tables (not a wrapper's CTE over the answer)."""
    key = "from_" if select.args.get("from_") is not None else "from"
    source = select.args.get(key)
    if source is None or not isinstance(source.this, exp.Table):
        return None
    if source.this.name.lower() not in {str(t).lower().split(".")[-1] for t in tables or ()}:
        return None
    query = exp.select(column.copy()).distinct()
    query.set(key, source.copy())
    for join in select.args.get("joins") or []:
        query.append("joins", join.copy())
    cond = exp.EQ(this=exp.Lower(this=column.copy()), expression=exp.Literal.string(typed.lower()))
    return query.where(cond).limit(MAX_SPELLINGS)


def respell_ids(
    answer: Any, plan: Any, catalog: Catalog, con: Any, sql: str, timeout_s: float
) -> str:
    """``sql`` with each id typed in another case as the data spells it; notes on ``answer``
    what was read and which ids no row holds; refuses it when the data spells the id several
    ways, none as typed (see the module docstring)."""
    typed_ids = _entity_values(plan, catalog)
    if not typed_ids:
        return sql
    tree = sqlglot.parse_one(sql, read="duckdb")
    outcomes: list[Respelt] = []
    for entity, typed in typed_ids:
        places = _compared(tree, typed)
        if not places:
            continue
        lookup = next(
            (
                q
                for _, column, select in places
                if (q := _lookup(column, select, typed, plan.tables))
            ),
            None,
        )
        if lookup is None:
            continue
        got = run_guarded(
            con,
            lookup.sql(dialect="duckdb"),
            plan.tables,
            max_rows=MAX_SPELLINGS,
            timeout_s=timeout_s,
        )
        spellings = tuple(str(v) for v in got.df.iloc[:, 0].tolist())
        outcomes.append(Respelt(entity, typed, spellings))
        if _moved(outcomes[-1]):
            for lit, _, _ in places:
                lit.replace(exp.Literal.string(spellings[0]))
    for one in outcomes:
        if typed_refusal(answer, plan.lang, one):
            return sql
    said = _notes(outcomes, plan.lang)
    answer.notes = [*answer.notes, *said]
    for note in said[1 if any(_moved(o) for o in outcomes) else 0 :]:  # held by no row: shown
        answer.interpretation = f"{answer.interpretation or ''} ({note})".strip()
    for one in filter(_moved, outcomes):
        word = re.compile(rf"(?<![\w]){re.escape(one.typed)}(?![\w])")
        answer.interpretation = word.sub(one.spellings[0], answer.interpretation or "")
    return tree.sql(dialect="duckdb")


def _moved(one: Respelt) -> bool:
    """Whether the data spells the typed id one way, other than typed."""
    return len(one.spellings) == 1 and one.spellings[0] != one.typed


def _notes(outcomes: list[Respelt], lang: str) -> list[str]:
    """What the answer says about the ids: read in the data's spelling, or held by no row."""
    notes = []
    moved = [o for o in outcomes if _moved(o)]
    if moved:
        pairs = ", ".join(f"{o.typed} → {o.spellings[0]}" for o in moved)
        notes.append(
            f"id 按数据中的写法读取：{pairs}"
            if lang == "zh"
            else f"ids as the data spells them: {pairs}"
        )
    for o in outcomes:
        if not o.spellings:  # an empty answer that must say why
            notes.append(
                f"数据中没有{o.entity}“{o.typed}”的行（不区分大小写）"
                if lang == "zh"
                else f"no rows of {o.entity} '{o.typed}' in the data (in any case)"
            )
    return notes


def typed_refusal(answer: Any, lang: str, one: Respelt) -> bool:
    """Refuse ``answer`` when the data holds several spellings of the typed id, none as typed
    (which one is meant cannot be told); returns whether it did."""
    if one.typed in one.spellings or len(one.spellings) < 2:
        return False
    error = (
        f"'{one.typed}' is spelt {len(one.spellings)} ways in the data "
        f"({', '.join(one.spellings)}); which {one.entity} is meant?"
    )
    zh = f"数据中“{one.typed}”有{len(one.spellings)}种写法（{'、'.join(one.spellings)}）；请问是哪一个？"
    at = answer.question.lower().find(one.typed.lower())
    answer.suggestions = (
        [answer.question[:at] + s + answer.question[at + len(one.typed) :] for s in one.spellings]
        if at >= 0
        else []
    )
    answer.refused, answer.error = True, error
    answer.reason = zh if lang == "zh" else error
    answer.df = None
    return True
