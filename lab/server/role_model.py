"""The model a role's questions are understood with: without the semantic models it may not read.

Why: session 24 refused the ask role every *answer* reading the planners' shipping-window
recommendations (:mod:`lab.server.role_data`) and left their dimensions' values out of that
role's catalog. But the question engine still understood the ask role's questions with the
whole model, values read from the planners' table included, so its *refusals* told what that
table holds: "order count for lane CN-US" was refused as "ambiguous: it could be freight quote
lane CN-US or recommendation lane CN-US or shipment lane CN-US", CN-FR without the
recommendation lane (red team, session 25), so every lane with a proposal could be read off.

So a role's questions are understood with :func:`model_for_role`: the model without the
semantic models whose table (or view) the role may not read, the metrics computed on their rows
and the saved queries asking for those. Nothing the engine says to that role (answers,
ambiguities, unknown words, suggestions) then depends on the hidden rows. A question that
names the hidden data (:func:`names_hidden_data`: a name, label or synonym that only the hidden
part of the model has, such as "expected saving" or "发货建议") and is refused gets the refusal
naming the role it needs, whatever the data holds, as before.

The derived model is made once per loaded model and role set (the loaded model is shared by
every server of the process), so the engine's catalog for it is built once per process.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from typing import Any

from lab.server.role_data import hidden_models, needed_role, refusal, role_note
from lab.server.users import Role
from nl2sql.rules.items import detect_lang


class _Manifest:
    """The dbt manifest of a derived model: its lists without the hidden parts, the rest the
    original's (the engine reads ``semantic_models`` and ``metrics`` of it)."""

    def __init__(self, base: Any, models: set[str], metrics: set[str]) -> None:
        self._base = base
        self.semantic_models = [s for s in base.semantic_models if s.name not in models]
        self.metrics = [m for m in base.metrics if m.name not in metrics]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._base, name)


@dataclasses.dataclass(frozen=True)
class RoleView:
    """What one role's questions are understood with."""

    model: Any  #: the model the engine uses (the loaded one itself when nothing is hidden)
    hidden: frozenset[str]  #: names of the semantic models left out
    terms: frozenset[str]  #: lower-case words only the hidden part of the model has
    needs: Role | None = None  #: the role the hidden part needs

    def refusal(self, role: Role | str, question: str, status: int, body: dict) -> dict | None:
        """The refusal naming the role an answer needs: one reading a table ``role`` may not
        (:func:`~lab.server.role_data.refusal`), or a refused ``question`` naming hidden data:
        the engine's own refusal on this view (its words and suggestions depend on nothing
        hidden, and each suggestion is one ``role`` can ask) with a line naming the role that
        data may need, in the question's language (:func:`~lab.server.role_data.role_note`)."""
        lang = detect_lang(question)
        if status == 200:
            return refusal(role, body.get("sql"), lang)
        if not self.hidden or not body.get("refused"):
            return None
        if not names_hidden_data(question, self.terms):
            return None
        note = role_note(role, self.needs, lang)
        error = str(body.get("error") or "")
        return {
            "error": _then(error, note),
            "reason": _then(str(body.get("reason") or error), note),
            "suggestions": list(body.get("suggestions") or []),
            "refused": True,
        }


def _then(text: str, note: str) -> str:
    """``text`` as a sentence, then ``note``.

    >>> _then("I don't know 'x'", "Ask."), _then("不知道“x”", "问。"), _then("", "Ask.")
    ("I don't know 'x'. Ask.", '不知道“x”。问。', 'Ask.')
    """
    text = text.strip()
    if not text:
        return note
    if text[-1] not in ".。!?！？)）":
        text += "." if text[-1].isascii() else "。"
    return f"{text} {note}" if text[-1].isascii() else text + note


def _words_of(thing: Any) -> set[str]:
    """Name, label and synonyms of a node, entity, dimension or metric, lower-cased."""
    meta = getattr(thing, "meta", None) or {}
    synonyms = meta.get("synonyms") if isinstance(meta, dict) else None
    out = {str(getattr(thing, "name", "") or ""), str(getattr(thing, "label", "") or "")}
    out |= {str(s) for s in synonyms or () if isinstance(s, str)}
    return {w.strip().lower().replace("_", " ") for w in out if w and w.strip()}


def _model_words(nodes: list[Any], metrics: list[Any]) -> set[str]:
    words: set[str] = set()
    for node in nodes:
        words |= _words_of(node)
        for part in [*node.entities.values(), *node.dimensions.values()]:
            words |= _words_of(part)
    for metric in metrics:
        words |= _words_of(metric)
    return words


def _derive(model: Any, hidden: set[str]) -> RoleView:
    gone = {n for n in model.metrics if set(model.leaf_nodes(n)) & hidden}
    kept_nodes = {n: v for n, v in model.nodes.items() if n not in hidden}
    kept_metrics = {n: m for n, m in model.metrics.items() if n not in gone}
    only_hidden = _entities_of(model, hidden)
    saved = {
        n: q
        for n, q in model.saved_queries.items()
        if not {str(x) for x in (q.query_params.metrics or [])} & gone
        and not {e for g in q.query_params.group_by or [] for e in _ENTITY.findall(str(g))}
        & only_hidden
    }
    derived = dataclasses.replace(
        model,
        nodes=kept_nodes,
        metrics=kept_metrics,
        manifest=_Manifest(model.manifest, hidden, gone),
        saved_queries=saved,
        _paths={},  # join paths through a hidden model must not be reused
    )
    hidden_words = _model_words([model.nodes[n] for n in hidden], [model.metrics[n] for n in gone])
    kept_words = _model_words(list(kept_nodes.values()), list(kept_metrics.values()))
    needs = [needed_role(_reads(model.nodes[n])) for n in hidden]
    top = max((r for r in needs if r is not None), key=_RANKS.index, default=None)
    return RoleView(derived, frozenset(hidden), frozenset(hidden_words - kept_words), top)


_RANKS = [Role.ASK, Role.PLANNER, Role.ANALYST]
#: the entity of a group-by name (``recommendation__lane``, ``Dimension('order__channel')``)
_ENTITY = re.compile(r"(\w+?)__")


def _reads(node: Any) -> str:
    view = getattr(node, "view_sql", None)
    return view.sql(dialect="duckdb") if view is not None else f"SELECT 1 FROM {node.table}"


def _entities_of(model: Any, hidden: set[str]) -> set[str]:
    """Entities only the hidden semantic models have."""
    own = {e for n in hidden for e in model.nodes[n].entities}
    kept = {e for n, node in model.nodes.items() if n not in hidden for e in node.entities}
    return own - kept


_lock = threading.Lock()
#: (id of the loaded model, role) -> (the loaded model, its view); the loaded model is kept so
#: its id cannot be reused by another object while the entry lives
_views: dict[tuple[int, Role], tuple[Any, RoleView]] = {}
_MAX_VIEWS = 8


def model_for_role(model: Any, role: Role | str) -> RoleView:
    """The view ``role`` asks with (made once per loaded model and role)."""
    role = Role(role)
    key = (id(model), role)
    with _lock:
        hit = _views.get(key)
        if hit is not None and hit[0] is model:
            return hit[1]
    hidden = hidden_models(model, role) if hasattr(model, "nodes") else set()
    view = _derive(model, hidden) if hidden else RoleView(model, frozenset(), frozenset())
    with _lock:
        hit = _views.get(key)
        if hit is not None and hit[0] is model:  # made meanwhile by another thread: keep one
            return hit[1]  # object, so the engine builds one catalog for it
        if len(_views) >= _MAX_VIEWS:  # an edited model reloads as a new object: drop the oldest
            _views.pop(next(iter(_views)))
        _views[key] = (model, view)
    return view


def warm_ask_view(model: Any, db: Any, con: Any) -> None:
    """Build the ask role's catalog and lexicon of ``model`` now (the server's warm-up), not
    in its first question: 1.8 s of lexicon at load ~13 took a test's first answer past
    tornado's 20 s request timeout."""
    from nl2sql import catalog_for
    from nl2sql.lexicon import lexicon_for

    view = model_for_role(model, Role.ASK).model
    if view is not model:
        lexicon_for(catalog_for(view, db, con=con))


def names_hidden_data(question: str, terms: frozenset[str]) -> bool:
    """Whether ``question`` names something only the hidden part of the model has.

    Latin words match whole (an ``s`` plural too), Chinese as written.

    >>> names_hidden_data("expected savings by order", frozenset({"expected saving"}))
    True
    >>> names_hidden_data("各建议状态的发货建议数", frozenset({"发货建议"}))
    True
    >>> names_hidden_data("unexpected saving", frozenset({"expected saving"}))
    False
    """
    text = " ".join(question.lower().replace("_", " ").split())
    for term in terms:
        if not term.isascii():
            if term in text:
                return True
        elif re.search(rf"(?<![a-z0-9]){re.escape(term)}(?:e?s)?(?![a-z0-9])", text):
            return True
    return False
