"""A reject names the user's own column headers, not the list names they were read as.

Why: a column read by its meaning is renamed to a list name (``預かり金額`` → ``贷方发生额``,
``입금액(원)`` → ``Credit``) so everything downstream is the reader's one strict path; a reject
built from it then named a column the user's file does not have. Split from
:mod:`connectors.sources._bank_meaning` (session 24), which does the renaming.
"""

from __future__ import annotations

import json
import re

import duckdb

#: where a reason's text stops naming columns: the line's own value follows (``…: '1,2345'``)
_VALUE_STARTS = ": '"


def user_headers(reason: str, names: dict[str, str]) -> str:
    """A reject's reason with each renamed column called by the user's own header.

    Why: a column read by its meaning is renamed to a list name (``預かり金額`` → ``贷方发生额``,
    ``입금액(원)`` → ``Credit``), and reasons built from it named a column the user's file does
    not have (``bad amount in 贷方发生额``: session 22). Only the part of each ``; ``-joined
    reason before the line's quoted value is rewritten, so a value is never changed.

    >>> user_headers("bad amount in Credit: 'Credit 1,2'; no amount in Credit or Debit",
    ...              {"Credit": "입금액(원)", "Debit": "출금액(원)"})
    "bad amount in 입금액(원): 'Credit 1,2'; no amount in 입금액(원) or 출금액(원)"
    """
    if not names:
        return reason
    pattern = re.compile(
        r"(?<![\w])("
        + "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
        + r")(?![\w])"
    )
    parts = []
    for part in reason.split("; "):
        head, sep, value = part.partition(_VALUE_STARTS)
        parts.append(pattern.sub(lambda m: names[m.group(1)], head) + sep + value)
    return "; ".join(parts)


def user_raw(raw: str | None, names: dict[str, str]) -> str | None:
    """A reject's raw line (the JSON of its cells) keyed by the user's own headers.

    Why: the rejects CSV's ``raw`` column showed the list names columns were renamed to
    (``{"Transaction Date": …, "Amount": "4.250,00 TL"}``) where the file says ``Tarih`` and
    ``Tutar`` (session 23's note); only keys are renamed, a value is never touched, and text
    that is not a JSON object is left as it is.

    >>> user_raw('{"_line":6,"Amount":"4.250,00","Etiket":"Amount"}', {"Amount": "Tutar"})
    '{"_line":6,"Tutar":"4.250,00","Etiket":"Amount"}'
    """
    if not raw or not names:
        return raw
    try:
        cells = json.loads(raw, object_pairs_hook=list)
    except ValueError:
        return raw
    if not isinstance(cells, list) or not all(isinstance(c, tuple | list) for c in cells):
        return raw
    return json.dumps(
        dict((names.get(k, k), v) for k, v in cells), ensure_ascii=False, separators=(",", ":")
    )


def rename_in_reasons(con: duckdb.DuckDBPyConnection, rejects: str, names: dict[str, str]) -> None:
    """Rewrite the rejects table's reasons by :func:`user_headers` and its raw lines by
    :func:`user_raw` (one statement)."""
    if not names:
        return
    rows = con.execute(f"SELECT line, reason, raw FROM {rejects}").fetchall()
    changed = [
        (line, user_headers(why, names), user_raw(raw, names))
        for line, why, raw in rows
        if user_headers(why, names) != why or user_raw(raw, names) != raw
    ]
    if changed:
        con.execute(
            f"""UPDATE {rejects} SET reason = n.reason, raw = n.raw FROM (SELECT unnest($l) AS
                line, unnest($r) AS reason, unnest($w) AS raw) AS n WHERE {rejects}.line = n.line""",
            {
                "l": [c[0] for c in changed],
                "r": [c[1] for c in changed],
                "w": [c[2] for c in changed],
            },
        )
