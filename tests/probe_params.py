"""The pytest parameters of a probe set: one per question, a known wrong one as a strict xfail,
and the three checks every probe file makes of its sets (shared by the probe files
``tests/test_nl2sql_probes_*.py``, which each wrote the same checks again)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pytest

from lab.evals.heldout.probes import (
    Probe,
    ProbeSessions,
    failure,
    is_chinese,
    right_and_failures,
    score_probe,
)
from lab.evals.heldout.runner import Question, score_question


def probe_params(sets: Mapping[str, Sequence[Any]], known_wrong: Mapping[str, str]) -> list[Any]:
    """``(set name, probe)`` for every probe of ``sets``, each named "set:question"; a probe in
    ``known_wrong`` fails the run once it is fixed (strict xfail), so the list stays true."""
    return [
        pytest.param(
            name,
            item,
            id=f"{name}:{item.text}",
            marks=[pytest.mark.xfail(strict=True, reason=known_wrong[item.text])]
            if item.text in known_wrong
            else [],
        )
        for name, items in sets.items()
        for item in items
    ]


def assert_right_or_refused(sessions: ProbeSessions, name: str, item: Probe) -> None:
    """One probe of set ``name``, scored by the held-out runner: right or refused, never
    wrong (one without gold must be refused)."""
    why = failure(item, score_probe(sessions, name, item))
    assert why is None, why


def assert_many_and_half_chinese(sets: Mapping[str, Sequence[Probe]], at_least: int) -> None:
    """At least ``at_least`` probes over all ``sets``, between 40% and 60% of them Chinese."""
    items = [item for items in sets.values() for item in items]
    chinese = sum(is_chinese(item.text) for item in items)
    assert len(items) >= at_least, (len(items), at_least)
    assert 0.4 <= chinese / len(items) <= 0.6, (chinese, len(items))


def assert_most_answered(
    sessions: ProbeSessions,
    name: str,
    items: Iterable[Probe],
    right_at_least: int,
    skip: Iterable[str] = (),
) -> None:
    """No answerable probe of set ``name`` answered wrong and at least ``right_at_least``
    answered right (``skip``: the known wrong ones). Why: "right or refused" alone is met by
    refusing everything."""
    right, failures = right_and_failures(sessions, name, items, skip=skip)
    assert not failures, failures
    assert right >= right_at_least, (name, right, right_at_least)


#: one probe as the hunt files write it: the question and its gold SQL readings (none: refuse)
GoldProbe = tuple[str, tuple[str, ...]]


def gold_probe_params(
    sets: Mapping[str, tuple[str, str, Sequence[GoldProbe]]], known_wrong: Mapping[str, str]
) -> list[Any]:
    """``(set name, question, gold)`` for every probe of ``sets`` (model YAML, data SQL,
    probes), named "set:question", a probe in ``known_wrong`` as a strict xfail."""
    return [
        pytest.param(
            name,
            text,
            gold,
            id=f"{name}:{text}",
            marks=[pytest.mark.xfail(strict=True, reason=known_wrong[text])]
            if text in known_wrong
            else [],
        )
        for name, (_, _, probes) in sets.items()
        for text, gold in probes
    ]


def load_probe_models(
    yaml_shop: Any, prefix: str, sets: Mapping[str, tuple[str, str, Any]], today: dt.date
) -> dict[str, tuple[Any, Any, Any]]:
    """Each set's loaded model, its warehouse connection and the ``yaml_shop`` shop holding
    both, built under the name ``<prefix>-<set>`` (the three arguments that open
    :func:`gold_probe_failure`)."""
    from semantic_layer import load_model

    out = {}
    for name, (model, data, _) in sets.items():
        shop = yaml_shop(f"{prefix}-{name}", model, data, today)
        out[name] = (load_model(shop.path, con=shop.con), shop.con, shop)
    return out


def gold_probe_failure(
    model: Any, con: Any, shop: Any, text: str, gold: tuple[str, ...], today: dt.date
) -> str | None:
    """Why the probe fails, or None: scored by the held-out runner, a probe with gold is right
    or refused and never wrong; one without gold must be refused.

    Why the shop's ``db_key``: the shop's warehouse is in memory, so ``ask`` could not tell it
    was the same one and rebuilt the catalog, the lexicon and a jieba tokenizer of the model's
    words for every probe (four fifths of these files' time). Its key names it, as
    :meth:`tests.conftest.YamlShop.ask` does, with this run's cache folder (why: that method's
    docstring).
    """
    zh = any("\u4e00" <= ch <= "\u9fff" for ch in text)
    q = Question(text, text, "zh" if zh else "en", gold, refuse=not gold)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ORDERLENS_CACHE_DIR", str(shop.cache))
        key = f"yaml-shop:{shop.path}"
        outcome = score_question(q, model, con, today.isoformat(), db_key=key)
    if outcome.verdict == "wrong":
        return outcome.detail or "answered wrong"
    if not gold and outcome.verdict != "correct":
        return f"must be refused: {outcome.detail}"
    return None
