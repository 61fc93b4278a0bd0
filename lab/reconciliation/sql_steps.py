"""The matcher's SQL, as named step files (``lab/reconciliation/sql/NN_step.sql``).

Why files: the matching rules are mostly SQL, and SQL kept in Python strings can neither be read
as SQL nor checked on its own. Each file holds the statements of one step, in the order they
run (the number in the name is that order); ``matching.STEPS`` lists the steps, including the
few that need Python in between. A file is split into statements with sqlglot's tokenizer (a
``;`` inside a string literal does not split), and each statement is bound only to the
``$parameters`` it uses — DuckDB parameters, never text pasted into SQL. The parse test
(``tests/test_recon_sql_steps.py``) parses every file with sqlglot, so a syntax error is caught
without a warehouse.

>>> [sorted(s.params) for s in load_step("16_duplicates")]
[[], ['end', 'start']]
>>> sorted(load_step("05_fuzzy_candidates")[0].params)
['core', 'edge', 'ref_length', 'tail']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.tokens import TokenType

from lab.reconciliation.errors import ReconciliationError

SQL_DIR = Path(__file__).parent / "sql"


@dataclass(frozen=True)
class Statement:
    """One statement of a step file with the names of the ``$parameters`` it uses."""

    text: str
    params: frozenset[str]


def step_path(name: str) -> Path:
    """The file of step ``name`` (e.g. ``01_load_flows``)."""
    return SQL_DIR / f"{name}.sql"


@cache
def load_step(name: str) -> tuple[Statement, ...]:
    """Read a step file and split it into statements (cached: the files ship with the code)."""
    path = step_path(name)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ReconciliationError(
            f"reconciliation step file {path} is missing; every step in "
            "lab/reconciliation/matching.py STEPS needs its sql/NN_step.sql file"
        ) from exc
    tokens = sqlglot.Dialect.get_or_raise("duckdb").tokenize(text)
    statements: list[Statement] = []
    start, params = 0, set()
    for i, tok in enumerate(tokens):
        if tok.token_type == TokenType.PARAMETER and i + 1 < len(tokens):
            params.add(tokens[i + 1].text)
        if tok.token_type == TokenType.SEMICOLON:
            statements.append(Statement(text[start : tok.start].strip(), frozenset(params)))
            start, params = tok.end + 1, set()
    statements.append(Statement(text[start:].strip(), frozenset(params)))
    statements = [s for s in statements if _has_code(s.text)]
    if not statements:
        raise ReconciliationError(f"reconciliation step file {path} has no SQL statement")
    return tuple(statements)


def _has_code(text: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in text.splitlines())


def parse_step(name: str) -> list[exp.Expr]:
    """Parse a step file with sqlglot (DuckDB dialect); a syntax error names the file."""
    path = step_path(name)
    try:
        trees = sqlglot.parse(path.read_text(encoding="utf-8"), read="duckdb")
    except sqlglot.errors.ParseError as exc:
        raise ReconciliationError(f"{path}: cannot parse the step SQL: {exc}") from exc
    return [t for t in trees if t is not None]


def run_step(
    con: duckdb.DuckDBPyConnection, name: str, params: Mapping[str, Any]
) -> duckdb.DuckDBPyConnection:
    """Run every statement of step ``name``; returns the connection after the last one.

    A parameter the SQL uses but ``params`` lacks is an error naming the step and the name,
    not a DuckDB message about positional arguments.
    """
    statements = load_step(name)
    missing = set().union(*(s.params for s in statements)) - params.keys()
    if missing:  # checked before any statement runs, so a step never stops half-way
        raise ReconciliationError(
            f"{step_path(name)} uses parameter(s) {sorted(missing)} that the matcher does "
            "not bind; add them to matching.step_params"
        )
    result = con
    for stmt in statements:
        bound = {k: params[k] for k in stmt.params}
        result = con.execute(stmt.text, bound) if bound else con.execute(stmt.text)
    return result
