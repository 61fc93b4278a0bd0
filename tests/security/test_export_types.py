"""Red team, session 13: what the server says a response is, and says back about a request.

Probes on a running ``orderlens serve``:

- ``POST /orderlens/api/export`` answered a CSV or an Excel workbook labelled
  ``Content-Type: application/json`` (jupyter_server's ``APIHandler.finish`` sets JSON on every
  body it finishes), with ``nosniff``: the header named neither the file's format nor its
  encoding, so any client trusting it (a proxy's scanner, a mail gateway, a script saving it)
  handled the wrong thing.
- A 404 for ``/orderlens/api/..%2f..%2fetc`` named the path ``..%%2F..%%2Fetc``: tornado
  doubles every ``%`` of a message raised without arguments, and the handler sent that text.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from tornado.httpclient import HTTPClientError

from lab.server.presentation import EXPORT_TYPES
from tests.server_helpers import REQUEST_TIMEOUT_S, token_headers

pytest_plugins = ["pytest_jupyter.jupyter_server"]


async def test_exports_say_what_they_are(jp_fetch, tokens) -> None:
    """One server: the CSV and the workbook of one answer, each with its own media type."""
    seen = {}
    for fmt in ("csv", "xlsx"):
        resp = await jp_fetch(
            "orderlens", "api", "export", method="POST", headers=token_headers(tokens["ana"]),
            body=f'{{"question": "GMV by channel", "format": "{fmt}"}}',
            request_timeout=REQUEST_TIMEOUT_S,
        )  # fmt: skip
        assert resp.code == 200
        assert resp.headers["Content-Type"] == EXPORT_TYPES[fmt]
        assert resp.headers["Content-Disposition"] == (
            f'attachment; filename="orderlens-answer.{fmt}"'
        )
        assert resp.headers["X-Content-Type-Options"] == "nosniff"
        assert resp.headers["Cache-Control"] == "no-store"
        seen[fmt] = resp.body
    assert EXPORT_TYPES["csv"] == "text/csv; charset=utf-8"
    header = seen["csv"].decode("utf-8-sig").splitlines()[0]
    assert "GMV" in header or "销售额" in header
    sheet = load_workbook(io.BytesIO(seen["xlsx"])).active
    assert sheet.max_row > 1  # one row per channel under the header


async def test_a_not_found_names_the_path_as_it_was_sent(jp_fetch, tokens) -> None:
    with pytest.raises(HTTPClientError) as caught:
        await jp_fetch("orderlens", "api", "100%-sure", headers=token_headers(tokens["ana"]))
    assert caught.value.code == 404
    message = caught.value.response.body.decode()
    assert "/orderlens/api/100%25-sure:" in message  # jp_fetch sends the % escaped, once
    assert "%%" not in message
