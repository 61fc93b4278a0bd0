"""Text cells that a spreadsheet must show as text, never run as a formula (OWASP "CSV
injection"), for every CSV and Excel file OrderLens writes for people to open.

Why one module: exported values come from outside — bank memos and counterparty names in the
reconciliation, product and customer names in answers and health findings. A memo
``=HYPERLINK("https://…","refund")`` opened from an export was a live link (a formula in the
reconciliation workbook, where pandas/openpyxl store any text starting with ``=`` as one); the
Ask page's answer export already guarded against it, with its own copy of the rule.

>>> inert("=1+1"), inert("@SUM(A1)"), inert("京东"), inert(-3), inert("-refund")
("'=1+1", "'@SUM(A1)", '京东', -3, "'-refund")
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from connectors.spreadsheet_text import FORMULA_STARTS, inert_parts

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_STARTS", "inert", "inert_frame", "keep_text", "xlsx_frame", "xlsx_text"]

#: Control characters an XLSX cell cannot hold (XML 1.0 forbids them; openpyxl's own rule).
_NOT_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def inert(value: Any) -> Any:
    """A text ``value`` a spreadsheet would run as a formula, prefixed with ``'`` (shown as
    text); likewise each of its ``;``-separated parts, which Excel where ``;`` is the list
    separator reads as cells of their own (:func:`connectors.spreadsheet_text.inert_parts`);
    anything else unchanged (numbers keep their sign).

    >>> inert("x;=HYPERLINK(1)"), inert("a;b")
    ("x;'=HYPERLINK(1)", 'a;b')
    """
    if not isinstance(value, str):
        return value
    value = inert_parts(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def inert_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and column names are :func:`inert` (for a CSV).

    >>> import pandas as pd
    >>> out = inert_frame(pd.DataFrame({"memo": ["=HYPERLINK(1)", "ok"], "amount": [-5.0, 2.0]}))
    >>> out["memo"].tolist(), out["amount"].tolist()
    (["'=HYPERLINK(1)", 'ok'], [-5.0, 2.0])
    """
    return _map_text(df, inert)


def keep_text(sheet: Any) -> None:
    """Type every formula cell of an openpyxl ``sheet`` as text: the workbook shows exactly the
    value, which no spreadsheet runs (openpyxl stores any ``"=..."`` string as a formula)."""
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"


def xlsx_text(value: Any) -> Any:
    """A text ``value`` with the control characters an XLSX cell cannot hold shown as U+FFFD;
    anything else unchanged.

    Why: openpyxl raises ``IllegalCharacterError`` on them, so one product name or bank memo
    carrying a stray ``\\x01`` or form feed failed the whole export (the Ask page's Excel
    download was a 500, the reconciliation workbook was not written; session 10).

    >>> xlsx_text("x\\x01y"), xlsx_text("tab\\tok"), xlsx_text(3)
    ('x\\ufffdy', 'tab\\tok', 3)
    """
    return _NOT_IN_XLSX.sub("\ufffd", value) if isinstance(value, str) else value


def xlsx_frame(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with every text cell and column name passed through :func:`xlsx_text`.

    >>> import pandas as pd
    >>> out = xlsx_frame(pd.DataFrame({"memo\\x0c": ["a\\x01", "ok"], "n": [1, 2]}))
    >>> list(out.columns), out["memo\\ufffd"].tolist(), out["n"].tolist()
    (['memo\\ufffd', 'n'], ['a\\ufffd', 'ok'], [1, 2])
    """
    return _map_text(df, xlsx_text)


def _map_text(df: pd.DataFrame, cell: Callable[[Any], Any]) -> pd.DataFrame:
    """A copy of ``df`` with ``cell`` applied to every text cell and every column name; numbers
    and dates keep their type (why one helper: the CSV and the XLSX guards must look at the same
    cells, or a column one of them skips would escape it)."""
    from pandas.api.types import is_object_dtype, is_string_dtype

    out = df.copy()
    for col in out.columns:
        if is_object_dtype(out[col]) or is_string_dtype(out[col]):
            out[col] = out[col].map(cell)
    out.columns = [cell(c) for c in out.columns]
    return out
