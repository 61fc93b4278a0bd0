"""Comparing semantic-layer results with hand-written SQL results (shared by the semantic tests)."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any


def norm_value(v: Any) -> Any:
    """One comparable form per value: numbers rounded, dates as ISO dates, NaN as None."""
    if v is None or str(v) in ("NaT", "<NA>"):
        return None
    if hasattr(v, "item") and not isinstance(v, str | bytes):
        v = v.item()
    if isinstance(v, Decimal):
        v = float(v)
    if isinstance(v, bool):
        return v
    if isinstance(v, int | float):
        f = float(v)
        return None if math.isnan(f) else round(f, 6)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if v.__class__.__name__ in ("Timestamp", "NaTType"):
        return None if str(v) == "NaT" else norm_value(v.to_pydatetime())
    return str(v)


def norm_rows(rows: list[tuple], ordered: bool) -> list[tuple]:
    out = [tuple(norm_value(v) for v in r) for r in rows]
    return out if ordered else sorted(out, key=repr)


def df_rows(df) -> list[tuple]:
    return [tuple(r) for r in df.itertuples(index=False, name=None)]


def assert_same(got: list[tuple], want: list[tuple], ordered: bool, rel: float = 1e-6) -> None:
    g, w = norm_rows(got, ordered), norm_rows(want, ordered)
    assert len(g) == len(w), f"row count {len(g)} != {len(w)}\n got={g[:5]}\nwant={w[:5]}"
    for rg, rw in zip(g, w, strict=True):
        assert len(rg) == len(rw), f"column count differs: {rg} vs {rw}"
        for a, b in zip(rg, rw, strict=True):
            if isinstance(a, float) and isinstance(b, float):
                assert math.isclose(a, b, rel_tol=rel, abs_tol=1e-6), f"{rg} != {rw}"
            else:
                assert a == b, f"{rg} != {rw}"


def answer_rows(answer: Any) -> list[tuple]:
    """An answer's rows as sorted tuples: the order-free form the nl2sql tests compare."""
    return sorted(tuple(r) for r in answer.df.itertuples(index=False))


def answered_rows(answer: Any) -> list[tuple]:
    """:func:`answer_rows` of an answer that must not be a refusal (its error shown if it is)."""
    assert not answer.refused, answer.error
    return answer_rows(answer)


def ok_rows(answer: Any) -> list[tuple]:
    """:func:`answer_rows` of an answer that must be answered: not refused, no error, a table
    (``Answer.ok``; its error shown if not)."""
    assert answer.ok, answer.error
    return answer_rows(answer)


def rows_in_order(answer: Any) -> list[tuple]:
    """An answer's rows as tuples in the answer's own order (rankings, ordered listings)."""
    return [tuple(r) for r in answer.df.itertuples(index=False)]


def last_two_in_order(answer: Any) -> list[tuple]:
    """The last two columns of each row (a name and its number), in the answer's order, of an
    answer that must not be a refusal (its error shown if it is)."""
    assert not answer.refused, answer.error
    return [tuple(r)[-2:] for r in answer.df.itertuples(index=False)]


def answered_value(answer: Any, ndigits: int | None = None) -> float:
    """The one number of an answer (its first row's last column) that must not be a refusal
    (its error shown if it is), rounded to ``ndigits`` when given."""
    assert not answer.refused, answer.error
    value = float(answer.df.iloc[0, -1])
    return value if ndigits is None else round(value, ndigits)


def answered_pairs(answer: Any, ndigits: int) -> dict[str, float]:
    """Each row's first column (as text) and its last column rounded to ``ndigits``, of an
    answer that must not be a refusal (its error shown if it is)."""
    assert not answer.refused, answer.error
    return {str(r[0]): round(float(r[-1]), ndigits) for r in answer.df.itertuples(index=False)}


def sorted_name_numbers(answer: Any) -> list[tuple[str, float]]:
    """Each row's first column (as text) and its last column as a number, sorted, of an answer
    that must not be a refusal (its error shown if it is): a breakdown compared whole."""
    assert not answer.refused, answer.error
    return sorted((str(r[0]), float(r[-1])) for r in answer.df.itertuples(index=False))


def semantic_rows(model: Any, con: Any, **kw: Any) -> list[tuple]:
    """The rows of a semantic query (``SemanticQuery(**kw)``) run on ``con``, in one comparable
    form (numbers as floats, dates as ISO strings, NaN as None), in the result's order."""
    from semantic_layer import SemanticQuery, query

    return norm_rows(df_rows(query(SemanticQuery(**kw), model=model, con=con).df), ordered=True)


def ok_value(answer: Any) -> float:
    """The one number of an answer (its first row's last column) that must be answered: not
    refused, no error, a table (``Answer.ok``; its error shown if not)."""
    assert answer.ok, answer.error
    return float(answer.df.iloc[0, -1])


def single_cell_value(answer: Any) -> float:
    """The number of an answer that must not be a refusal and must be one cell (one row, one
    column: no breakdown slipped in; the interpretation shown if not)."""
    assert not answer.refused, answer.error
    assert answer.df.shape == (1, 1), answer.interpretation
    return float(answer.df.iloc[0, 0])
