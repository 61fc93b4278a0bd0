"""Headers and page config of every OrderLens response: no referrer, no caching, no server
version, no server token in JupyterLab's page.

Why apart from :mod:`lab.server.auth`: who may do what (identity, roles) and what every response
carries are separate concerns; the sign-in and sign-out pages and every OrderLens handler use
these without needing the identity provider.
"""

from __future__ import annotations

from typing import Any

from tornado import httputil, web
from tornado.web import OutputTransform

#: Headers of every OrderLens response (the sign-in page, the Ask page, the API) unless the
#: operator's ``headers`` setting names them: the page URL may carry ``?token=`` (never sent on
#: as a Referer), and answers, history and exports are business data no browser or proxy
#: cache should keep.
ORDERLENS_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def set_orderlens_headers(handler: web.RequestHandler) -> None:
    """Add :data:`ORDERLENS_HEADERS` and drop tornado's ``Server: TornadoServer/<version>``."""
    configured = handler.settings.get("headers", {})
    for name, value in ORDERLENS_HEADERS.items():
        if name not in configured:
            handler.set_header(name, value)
    handler.clear_header("Server")


def set_form_page_headers(handler: web.RequestHandler) -> None:
    """:func:`set_orderlens_headers` for the sign-in and sign-out pages, whose forms post back
    to the server: ``Referrer-Policy: same-origin`` instead of ``no-referrer``.

    Why (session 18): under ``no-referrer`` a browser sends ``Origin: null`` with a form's
    POST (the Fetch standard's rule), and Jupyter's Origin check answers it 404, so the
    sign-out button did nothing in a real browser, and the sign-in form worked only because a
    token in the body skipped that check (which is closed now). ``same-origin`` sends the
    page's origin to the server itself and nothing to any other site; neither page's URL
    carries a person's token (a named token in a URL is refused before a page is rendered).
    """
    set_orderlens_headers(handler)
    if "Referrer-Policy" not in handler.settings.get("headers", {}):
        handler.set_header("Referrer-Policy", "same-origin")


def page_config_without_token(handler: Any, page_config: dict[str, Any]) -> dict[str, Any]:
    """JupyterLab's page config without the server token (a ``page_config_hook``).

    Why (session 18): JupyterLab writes ``identity_provider.token`` into every ``/lab`` page,
    so a named analyst who signed in with their own token received the server's token (the
    analyst role under ``orderlens lab``) and kept it after ``orderlens users remove``; and
    JupyterLab then sent it in ``Authorization``, so their requests were the shared token's,
    not theirs. JupyterLab signs in by cookie and XSRF header without it, as under JupyterHub,
    which blanks this field for the same reason.
    """
    return {**page_config, "token": ""}


class NoServerHeader(OutputTransform):
    """Drop ``Server: TornadoServer/<version>`` from every response of the server.

    Why a transform and not :func:`set_orderlens_headers` alone: that covers OrderLens's own
    handlers, but Jupyter's 403/404 pages, its static files and ``/api`` are answered by
    handlers OrderLens does not own, and each named tornado's version to anyone (session 11).
    """

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        """The response as it was, without its ``Server`` header."""
        headers.pop("Server", None)
        return status_code, headers, chunk


class JsonCharset(OutputTransform):
    """Name ``charset=utf-8`` on every JSON response of the server.

    Why a transform (session 26): jupyter_server's ``APIHandler.finish`` sets
    ``Content-Type: application/json`` on every body it sends, over the charset OrderLens's
    handlers had named, and Jupyter's own API routes answer the same. JSON is UTF-8 (RFC 8259)
    and so are these bodies (Chinese questions and answers), but a client reading text by the
    header (an old proxy, a script) took them for Latin-1. A JSON type whose writer named a
    charset, and every other type, are left as they were written.
    """

    def transform_first_chunk(
        self, status_code: int, headers: httputil.HTTPHeaders, chunk: bytes, finishing: bool
    ) -> tuple[int, httputil.HTTPHeaders, bytes]:
        """The response as it was, with ``; charset=utf-8`` after a bare JSON type."""
        media = headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
        if media == "application/json" and "charset=" not in headers["Content-Type"].lower():
            headers["Content-Type"] = "application/json; charset=utf-8"
        return status_code, headers, chunk
