"""Requests that cannot be served are 4xx, never a server error, on every route of the server.

Why: a sweep of every route x method x role (session 15) found jupyter_server answering 500
to an analyst for requests that are the client's mistake, each an upstream slip:

- ``HEAD /api/spec.yaml``: ``APISpecHandler.head`` calls its ``get`` with an argument ``get``
  does not take (``TypeError``);
- ``POST /nbconvert/<format>`` with a format nbconvert does not know: nbconvert raises its own
  ``ExporterNameError`` where jupyter_server expects a ``KeyError`` (meant as a 404);
- ``POST /api/kernels/<unknown id>/restart``: the 404 "kernel does not exist" is wrapped in a
  500 "Exception restarting kernel";
- ``POST /api/contents/<missing file>/checkpoints``: the copy of a file that is not there is a
  ``PermissionError`` ("File is not writable");
- (session 26) a value from the request that a response header cannot carry (a line break in
  a redirect target): tornado refuses it with ``ValueError("Unsafe header value …")``, which
  is the client's text, not a bug (400).

A 500 says the server is broken (monitoring pages someone, the client retries); these are
answered with what they are instead: HEAD where GET's headers cannot be given is 405 (as on
every route without a HEAD), an unknown thing 404, a refused file operation 403. Each
handler class of the routing table gets a subclass that maps these exceptions in
``send_error``; anything else stays a 500, so a real bug is still seen. Installed once the
server listens, when every extension has added its routes.
"""

from __future__ import annotations

from typing import Any

from tornado import web

#: exception class names (nbconvert's is not imported: nbconvert loads slowly) and the status
_BY_NAME = {"ExporterNameError": 404, "FileNotFoundError": 404, "PermissionError": 403}
#: how tornado's ``RequestHandler`` refuses a header value with a control character
_UNSAFE_HEADER = "Unsafe header value"
_MESSAGES = {
    400: "the request holds a value a response header cannot carry (a control character)",
    403: "the file operation was refused (the file is missing or not writable)",
    404: "not found (no such kernel, file or export format)",
    405: "HEAD is not answered here; use GET",
}


def client_status(method: str, status: int, exc: BaseException | None) -> int:
    """The status a request that failed with ``exc`` (sent as ``status``) should get.

    >>> client_status("HEAD", 500, TypeError("get() got an unexpected keyword argument"))
    405
    >>> cause = web.HTTPError(404, "Kernel does not exist")
    >>> wrapped = web.HTTPError(500, "Exception restarting kernel"); wrapped.__cause__ = cause
    >>> client_status("POST", 500, wrapped)
    404
    >>> client_status("POST", 500, PermissionError(13, "File is not writable"))
    403
    >>> client_status("GET", 500, RuntimeError("a real bug"))
    500
    >>> client_status("GET", 500, ValueError("Unsafe header value '/x\\r\\n'"))
    400
    """
    if status != 500 or exc is None:
        return status
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, web.HTTPError) and exc.status_code < 500:
            return exc.status_code
        for cls in type(exc).__mro__:
            if cls.__name__ in _BY_NAME:
                return _BY_NAME[cls.__name__]
        if isinstance(exc, ValueError) and str(exc).startswith(_UNSAFE_HEADER):
            return 400
        exc = exc.__cause__  # raised `from` it (not merely while handling it)
    return 405 if method == "HEAD" else status


class _ClientErrors:
    """Mixed in before a route's handler class: its client errors are sent as 4xx."""

    def send_error(self, status_code: int = 500, **kwargs: Any) -> None:
        exc_info = kwargs.get("exc_info")
        exc = exc_info[1] if exc_info else None
        method = self.request.method or ""  # type: ignore[attr-defined]
        mapped = client_status(method, status_code, exc)
        if mapped != status_code:
            # the reply names what happened, not an "Unhandled error" (nor the exception)
            # (a fixed text: the exception's may hold a '%', which tornado formats with no args)
            cause = exc.__cause__ if exc is not None else None
            error = (
                cause
                if isinstance(cause, web.HTTPError) and cause.status_code == mapped
                else web.HTTPError(mapped, _MESSAGES.get(mapped, ""))
            )
            kwargs["exc_info"] = (web.HTTPError, error, None)
        super().send_error(mapped, **kwargs)  # type: ignore[misc]


_PATCHED: dict[type, type] = {}


def _patched(cls: type) -> type:
    if issubclass(cls, _ClientErrors):
        return cls
    if cls not in _PATCHED:
        _PATCHED[cls] = type(cls.__name__, (_ClientErrors, cls), {"__module__": cls.__module__})
    return _PATCHED[cls]


def install(web_app: Any) -> int:
    """Give every handler class routed by ``web_app`` the mapping; how many rules it changed."""
    changed = 0
    rules = [*web_app.default_router.rules, *web_app.wildcard_router.rules]
    while rules:
        rule = rules.pop()
        target = rule.target
        if hasattr(target, "rules"):  # a host's or an extension's router
            rules.extend(target.rules)
        elif isinstance(target, type) and issubclass(target, web.RequestHandler):
            patched = _patched(target)
            if patched is not target:
                rule.target = patched
                changed += 1
    return changed
