"""Red team, session 21: the catalog's value reads pass the guard's deny-lists too.

Before: the catalog read every categorical dimension's values with the model's own expression
(``SELECT DISTINCT <expr> ...``) outside the guard. A model whose dimension was
``current_setting('temp_directory')`` put the server's temp folder among the dimension's
values (``/srv/…/demo.duckdb.tmp``), which the catalog API hands every ask user and the
question engine offers as a value; the answer's own query was refused by the guard, the read
that listed the values was not. The dimension is invented (``kiln_note``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import nl2sql
from nl2sql.catalog_reads import BoundedReader
from nl2sql.errors import GuardError
from tests.server_helpers import builtin_model_with_expr


@pytest.mark.parametrize(
    "expr", ["current_setting('temp_directory')", "current_setting('memory_limit')"]
)
def test_a_hostile_dimension_lists_no_server_setting(tmp_path: Path, demo_db: Path, expr) -> None:
    model = builtin_model_with_expr(tmp_path, expr)
    catalog = nl2sql.catalog_for(str(model), demo_db)
    note = next(d for d in catalog.dimensions if d.name.endswith("kiln_note"))
    assert note.values == ()
    listed = [v for d in catalog.dimensions for v in d.values]
    assert not [v for v in listed if "duckdb" in str(v) or "GiB" in str(v) or "/" in str(v)]
    channel = next(d for d in catalog.dimensions if d.name == "order__channel")
    assert "jd" in {str(v).lower() for v in channel.values}  # the other reads are untouched


def test_the_reader_refuses_what_the_guard_refuses(demo_con) -> None:
    read = BoundedReader(demo_con)
    assert read("SELECT DISTINCT channel AS v FROM orders LIMIT 3", "order__channel")
    for sql in (
        "SELECT DISTINCT getenv('HOME') AS v FROM orders",
        "SELECT DISTINCT current_setting('temp_directory') AS v FROM orders",
        "SELECT 1; SELECT 2",
        "COPY orders TO 'x.csv'",
    ):
        with pytest.raises(GuardError):
            read(sql, "order__x")
