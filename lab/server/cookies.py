"""The cookies the server sets, and why each flag is what it is.

The server sets two cookies, both for its base URL (``path``):

======================  =========  ==========  ====================================================
cookie                  HttpOnly   SameSite    Secure
======================  =========  ==========  ====================================================
sign-in (``username-``  yes        Lax         on HTTPS (the request's scheme, or
``<host>``), signed                            ``IdentityProvider.secure_cookie=True``)
``_xsrf`` (tornado)     **no**     Lax         when the server is HTTPS (``certfile``) or
                                               ``IdentityProvider.secure_cookie=True``
======================  =========  ==========  ====================================================

- *HttpOnly.* The sign-in cookie is never read by a script (a script injected into a page
  could otherwise send it away). The ``_xsrf`` cookie must be read by the Ask page's script
  (and JupyterLab's), which echoes it in ``X-XSRFToken``: that is the double-submit check.
  It is not a credential: it proves only that a request came from a page of this origin.
- *SameSite=Lax.* Another site's form, image or script request carries neither cookie; a
  top-level link to the server does (a person following a link to the Ask page stays signed
  in, and keeps the ``_xsrf`` value the open pages read; ``Strict`` would issue a new one and
  the pages already open would fail their next POST). The ``_xsrf`` cookie had no
  ``SameSite`` until session 26 (browsers that do not default to ``Lax`` sent it with
  cross-site requests).
- *Secure.* Only on HTTPS: over plain HTTP a ``Secure`` cookie is dropped by the browser and
  nobody could sign in. The sign-in cookie follows each request's scheme (jupyter_server);
  tornado's ``_xsrf`` cookie takes fixed settings, so it is ``Secure`` when the server itself
  serves HTTPS or the operator says the deployment is (behind a TLS proxy, set
  ``--IdentityProvider.secure_cookie=True``: both cookies are then ``Secure``).

An operator's own ``xsrf_cookie_kwargs`` (``--ServerApp.tornado_settings``) and
``IdentityProvider.cookie_options`` are kept as they wrote them.
"""

from __future__ import annotations

from typing import Any

#: ``SameSite`` of both cookies (see the module's table)
SAME_SITE = "Lax"


def xsrf_cookie_kwargs(
    configured: dict[str, Any] | None, *, base_url: str, https: bool
) -> dict[str, Any]:
    """The ``xsrf_cookie_kwargs`` setting tornado sets the ``_xsrf`` cookie with.

    ``configured``: what the settings hold already (jupyter_server's ``path``, or the
    operator's own choice, kept); ``https``: whether the deployment is HTTPS.

    >>> xsrf_cookie_kwargs({"path": "/ol/"}, base_url="/ol/", https=False)
    {'path': '/ol/', 'samesite': 'Lax'}
    """
    kwargs = dict(configured or {})
    kwargs.setdefault("path", base_url)
    kwargs.setdefault("samesite", SAME_SITE)
    if https:
        kwargs.setdefault("secure", True)
    return kwargs


def serves_https(serverapp: Any) -> bool:
    """Whether the deployment is HTTPS: the server has a certificate, or the operator set
    ``IdentityProvider.secure_cookie=True`` (a TLS proxy in front)."""
    provider = getattr(serverapp, "identity_provider", None)
    return bool(getattr(serverapp, "certfile", None)) or (
        getattr(provider, "secure_cookie", None) is True
    )
