"""A user's model read where the warehouse of the question holds its relations, once.

Why a cache of its own: ``ask`` and the server's warm-up (``nl2sql.ask.catalog_for``) must look
up the very same re-pointed model object, or the warm-up built a catalog on dbt's default names
(no dimension values from a warehouse that built ``+schema: core`` into ``core``) that ``ask``
never used. The copy keeps the model's content key (``nl2sql.startup_cache``): content and
warehouse decide it, so its catalog is read from disk like the model's own.
"""

from __future__ import annotations

from typing import Any

from nl2sql import startup_cache
from nl2sql.identity_cache import IdentityCache
from semantic_layer.rehome import rehome

#: (model, warehouse key) -> the model with its relations re-read; each entry keeps a model alive
_rehomed: IdentityCache[Any] = IdentityCache(maxsize=32)


def rehomed(model: Any, con: Any, db_key: str) -> Any:
    """``model`` with its relations read where this warehouse holds them
    (``semantic_layer.rehome``), once per model and warehouse; a model of the user's own (not
    the built-in one, which is always in ``main``) loaded without a connection needs it."""
    if getattr(model, "path", None) is None or not hasattr(model, "nodes"):
        return model
    if not db_key:
        return rehome(model, con)
    hit = _rehomed.get(model, db_key)
    if hit is not None:
        return hit
    out = rehome(model, con)
    content = startup_cache.key_of(model)
    if out is not model and content is not None:
        startup_cache.remember_model(out, content)
    _rehomed.put(model, out, db_key)
    return out
