"""Red team, session 17: a query that fails while it runs names no server path in ``reason``.

Before: :mod:`lab.server.redact` replaced server paths in a 422's ``error`` only; the body's
``reason`` (the same text for a query that failed while it ran) kept them. A DuckDB I/O error
("Could not read from file "/srv/.../prod.duckdb"") reached an ask-role user whole.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from tornado.httpclient import HTTPClientError

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture()
def io_error(monkeypatch: pytest.MonkeyPatch, demo_db: Path) -> str:
    """Every guarded query fails as a disk read error naming the warehouse file does."""
    import nl2sql.guard

    def failing(*_args: Any, **_kw: Any) -> Any:
        raise duckdb.IOException(
            f'IO Error: Could not read from file "{demo_db}": Input/output error'
        )

    monkeypatch.setattr(nl2sql.guard, "first_rows", failing)
    return str(demo_db.parent)


async def _ask(jp_fetch: Any, token: str) -> tuple[int, dict[str, Any]]:
    try:
        resp = await jp_fetch(
            "orderlens", "api", "ask", method="POST", body='{"question": "各渠道的GMV"}',
            headers={"Authorization": f"token {token}"}, request_timeout=120,
        )  # fmt: skip
    except HTTPClientError as exc:
        assert exc.response is not None
        return exc.code, json.loads(exc.response.body)
    return resp.code, json.loads(resp.body)


@pytest.mark.parametrize("user", ["ana", "pia"])
async def test_a_failed_query_names_no_server_path(jp_fetch, tokens, io_error, user) -> None:
    code, body = await _ask(jp_fetch, tokens[user])
    assert code == 422, body
    for key in ("error", "reason"):
        assert "Could not read from file" in body[key], body
        assert io_error not in body[key] and "<server path>" in body[key], body


async def test_an_analyst_reads_the_whole_reason(jp_fetch, tokens, io_error) -> None:
    code, body = await _ask(jp_fetch, tokens["ali"])
    assert code == 422 and io_error in body["reason"], body
