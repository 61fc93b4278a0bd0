"""Warehouse tables whose rows an answer may show only to some roles.

Why: the planners' shipping-window proposals (the expected saving of each order, the lanes, the
decisions) are behind the ``orderlens.recommendations`` resource, so the recommendations routes
answer the ask role with 403. But the built-in model also describes that table (issue 8: a
planner may ask "how much freight can we save on delayed shipments to Germany this week" in
words), and until session 24 the Ask API answered every role alike: an ask user who got 403 on
``/orderlens/api/recommendations`` read the same proposals through ``/orderlens/api/ask``
("expected saving by order": each order's saving; "recommendation count by recommendation
status": the planners' decisions), through the export and chart routes too.

The rule is checked on the SQL of each answer, after the answer cache (answers are shared by
every role, so a planner's cached answer must not reach an ask user either) and before the
history records it. It reads the tables the SQL names, so a question that only filters or
joins on a restricted table, or a model view that reads one, is covered as well; a CTE that
happens to share a restricted table's name is refused too (fail closed, never a leak).

>>> needed_role("SELECT SUM(expected_saving) FROM shipping_recommendations")
<Role.PLANNER: 'planner'>
>>> needed_role("WITH a AS (SELECT * FROM orders) SELECT COUNT(*) FROM a") is None
True
>>> may_read(Role.ASK, "SELECT 1 FROM main.shipping_recommendation_events AS e")
False
"""

from __future__ import annotations

from typing import Any

import sqlglot
from sqlglot import exp

from lab.server.users import Role
from lab.shipping.review import EVENT_TABLE, REC_TABLE

#: The least role an answer reading each table needs: the planners' proposals and decisions
#: need what their own routes need (``RESOURCE_ROLES["orderlens.recommendations"]``).
TABLE_ROLES: dict[str, Role] = {REC_TABLE: Role.PLANNER, EVENT_TABLE: Role.PLANNER}
_RANK = {Role.ASK: 0, Role.PLANNER: 1, Role.ANALYST: 2}


def needed_role(sql: str | None) -> Role | None:
    """The least role that may see the result of ``sql`` (None: every role).

    SQL that does not parse needs the analyst role: what it reads cannot be told.
    """
    if not sql:
        return None
    try:
        trees = [t for t in sqlglot.parse(sql, read="duckdb") if t is not None]
    except sqlglot.errors.SqlglotError:
        return Role.ANALYST
    needed: Role | None = None
    for tree in trees:
        for table in tree.find_all(exp.Table):
            role = TABLE_ROLES.get(table.name.lower())
            if role is not None and (needed is None or _RANK[role] > _RANK[needed]):
                needed = role
    return needed


def may_read(role: Role | str, sql: str | None) -> bool:
    """Whether ``role`` may see the rows of an answer computed by ``sql``."""
    needed = needed_role(sql)
    return needed is None or _RANK[Role(role)] >= _RANK[needed]


def refusal(role: Role | str, sql: str | None, lang: str = "en") -> dict[str, object] | None:
    """The refusal body for ``role`` when the answer of ``sql`` is not theirs to see, else None.

    A refusal (422, like any question the engine will not answer), not a 403: the Ask page
    takes a 403 for "sign in again", and the person is signed in; what they need is the role.
    ``lang``: the question's (``zh`` or ``en``).
    """
    if may_read(role, sql):
        return None
    shown = _shown(needed_role(sql))
    if lang == "zh":
        message = (
            f"这个回答读取的数据需要 {shown} 角色（你现在的角色是 {Role(role).value}）："
            f"请找有这个角色的同事，或请管理员为你开通（orderlens users add NAME --role {shown}）。"
        )
    else:
        message = (
            f"This answer reads data that needs the {shown} role (you are signed in with the "
            f"{Role(role).value} role): ask someone with that role, or ask an administrator "
            f"for it (orderlens users add NAME --role {shown})."
        )
    return {"error": message, "reason": message, "suggestions": [], "refused": True}


def role_note(role: Role | str, needed: Role | None, lang: str = "en") -> str:
    """One line telling ``role`` that a refused question may be about data of ``needed``.

    Why it names the role and nothing else (session 26): until then this refusal said "reads
    the planners' shipping-window recommendations" with no suggestion, also when the word the
    question shared with that data was general language ("建议", "suggestion"), so it told an
    ask user which table exists and offered nothing to ask. The roles themselves are no secret
    (each route says which one it needs); what the planners' data is called and holds is.

    >>> role_note("ask", Role.PLANNER)[:46]
    'If this is about data only the planner role ma'
    """
    shown, mine = _shown(needed), Role(role).value
    if lang == "zh":
        return (
            f"如果你问的是只有 {shown} 角色才能看到的数据（你现在的角色是 {mine}），"
            f"请找有这个角色的同事，或请管理员为你开通（orderlens users add NAME --role {shown}）。"
        )
    return (
        f"If this is about data only the {shown} role may see (you are signed in with the "
        f"{mine} role), ask someone with that role, or ask an administrator for it "
        f"(orderlens users add NAME --role {shown})."
    )


def _shown(needed: Role | None) -> str:
    return needed.value if needed is not None else Role.ANALYST.value


def hidden_models(model: Any, role: Role | str) -> set[str]:
    """Names of the semantic models of ``model`` whose table (or view) ``role`` may not read."""
    hidden: set[str] = set()
    for name, node in (getattr(model, "nodes", None) or {}).items():
        view = getattr(node, "view_sql", None)
        sql = view.sql(dialect="duckdb") if view is not None else f"SELECT 1 FROM {node.table}"
        if not may_read(role, sql):
            hidden.add(name)
    return hidden


def catalog_for_role(catalog: dict[str, Any], role: Role | str, model: Any) -> dict[str, Any]:
    """``catalog`` (the ``/orderlens/api/catalog`` body) without what ``role`` may not ask about.

    Why: the catalog listed the planners' metrics ("expected freight saving") and the values of
    their dimensions (which recommendation statuses exist: whether anything was accepted) to
    the ask role, and invited questions that are now refused. The entities kept only by hidden
    semantic models, their dimensions (``recommendation__…``) and the metrics counted on their
    rows go; everything else is the catalog as every role gets it.
    """
    models = hidden_models(model, role)
    if not models:
        return catalog
    entities = {
        e["name"]
        for e in catalog.get("entities", [])
        if e.get("models") and set(e["models"]) <= models
    }

    def hidden_dim(name: str) -> bool:
        return name in entities or name.split("__", 1)[0] in entities

    def hidden_metric(m: dict[str, Any]) -> bool:
        rows_on = str(m.get("agg_time_dimension") or "").split("__", 1)[0]
        return rows_on in entities or bool(set(m.get("own_entities") or ()) & entities)

    dropped = {m["name"] for m in catalog.get("metrics", []) if hidden_metric(m)}
    out = dict(catalog)
    out["entities"] = [e for e in catalog.get("entities", []) if e["name"] not in entities]
    out["metrics"] = [
        {**m, "dimensions": [d for d in m.get("dimensions", []) if not hidden_dim(d)]}
        for m in catalog.get("metrics", [])
        if m["name"] not in dropped
    ]
    out["dimensions"] = [d for d in catalog.get("dimensions", []) if not hidden_dim(d["name"])]
    out["saved_queries"] = [
        q
        for q in catalog.get("saved_queries", [])
        if not set(q.get("metrics") or ()) & dropped
        and not any(hidden_dim(str(g)) for g in q.get("group_by") or ())
    ]
    browse = catalog.get("browse")
    if isinstance(browse, dict):
        out["browse"] = {
            **browse,
            "metrics": [m for m in browse.get("metrics", []) if m.get("name") not in dropped],
            "dimensions": [
                d for d in browse.get("dimensions", []) if not hidden_dim(str(d.get("name")))
            ],
        }
    return out
