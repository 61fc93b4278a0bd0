"""Answerers that a higher layer plugs into :func:`nl2sql.ask` for questions no metric answers.

Why a registry: some questions are about one thing in the warehouse rather than a metric
("where is order JD20260210001?"). Answering them needs domain analytics that live above the
question engine (the status trace lives in ``lab.trace``, next to its notebook and CLI), and the
layers import one way only (connectors → semantic_layer → nl2sql → lab). So ``nl2sql`` only
defines the shape of such an answerer and asks each registered one, in name order, before the
rules engine runs; ``lab`` registers its answerers through the ``orderlens.answerers`` entry
point group in ``pyproject.toml`` (any installed package can add one) or, at run time, with
:func:`register_answerer`.

>>> def nothing(question, con, **kw):
...     return None
>>> register_answerer("nothing", nothing)
>>> "nothing" in registered_answerers()
True
>>> unregister_answerer("nothing")
>>> "nothing" in registered_answerers()
False
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any, Protocol

import pandas as pd

#: The entry point group installed packages register answerers under.
ENTRY_POINT_GROUP = "orderlens.answerers"


@dataclass
class SpecialAnswer:
    """What an answerer fills into the :class:`~nl2sql.answer.Answer`.

    Either a refusal (``refused`` with ``error`` saying why, in the question's language) or an
    answer with the guarded ``sql`` it ran, its rows, and optionally a card (JSON-safe dict and
    its self-contained HTML) that the surfaces show instead of a chart.
    """

    engine: str
    interpretation: str = ""
    sql: str | None = None
    df: pd.DataFrame | None = None
    truncated: bool = False
    card: dict[str, Any] | None = None
    card_html: str | None = None
    refused: bool = False
    error: str | None = None


class Answerer(Protocol):
    """Answer ``question`` if it is the answerer's kind, else return None (the cheap case).

    ``known_values`` are the model's dimension values in upper case: a token that is one of them
    belongs to the semantic query, not to the answerer. ``max_rows`` and ``timeout_s`` are the
    guard's limits, which every SQL the answerer runs must respect.
    """

    def __call__(
        self,
        question: str,
        con: Any,
        *,
        lang: str,
        known_values: frozenset[str],
        max_rows: int,
        timeout_s: float,
    ) -> SpecialAnswer | None: ...


_registered: dict[str, Answerer] = {}
_entry_points_loaded = False


def _load_entry_points() -> None:
    """Register the installed packages' answerers once per process (explicit ones win)."""
    global _entry_points_loaded
    if _entry_points_loaded:
        return
    _entry_points_loaded = True
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            answerer = ep.load()
        except (ImportError, AttributeError) as exc:  # a stale or broken install of a plug-in
            warnings.warn(
                f"OrderLens answerer {ep.name!r} ({ep.value}) could not be loaded: {exc}; "
                "reinstall the package that provides it (pip install -e .)",
                stacklevel=2,
            )
            continue
        _registered.setdefault(ep.name, answerer)


def register_answerer(name: str, answerer: Answerer) -> None:
    """Add (or replace) the answerer called ``name``."""
    _load_entry_points()
    _registered[name] = answerer


def unregister_answerer(name: str) -> None:
    """Remove the answerer called ``name`` (no error when there is none)."""
    _load_entry_points()
    _registered.pop(name, None)


def registered_answerers() -> dict[str, Answerer]:
    """The answerers :func:`nl2sql.ask` consults, by name (sorted: a stable order)."""
    _load_entry_points()
    return dict(sorted(_registered.items()))
