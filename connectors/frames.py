"""Append a pandas frame to a warehouse table by column name.

Why one helper: the shipping review's audit trail and the toy warehouse both appended frames
the same way (register, ``INSERT ... SELECT`` by the frame's columns, unregister even when the
insert fails); one copy keeps the unregistering right in both. Table and column names come
from the code, never from user text.

>>> import duckdb
>>> con = duckdb.connect()
>>> _ = con.execute("create table t (a int, b varchar, c int)")
>>> insert_frame(con, "t", pd.DataFrame({"b": ["x"], "a": [1]}))
1
>>> con.execute("select * from t").fetchall()
[(1, 'x', None)]
"""

from __future__ import annotations

import duckdb
import pandas as pd

_VIEW = "_orderlens_frame_rows"


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame) -> int:
    """Append ``frame`` to ``table`` by column name (columns it lacks stay NULL); the number of
    rows appended."""
    con.register(_VIEW, frame)
    try:
        cols = ", ".join(frame.columns)
        con.execute(f"insert into {table} ({cols}) select {cols} from {_VIEW}")
    finally:
        con.unregister(_VIEW)
    return len(frame)
