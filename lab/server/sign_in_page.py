"""The OrderLens sign-in page: a token field instead of Jupyter's developer login page.

Why apart from :mod:`lab.server.auth`: the page (its template, its content security policy)
is presentation; the identity provider only names it as its login handler. The sign-out page
(:mod:`lab.server.sign_out_page`) shares its policy.
"""

from __future__ import annotations

from importlib import resources
from string import Template
from urllib.parse import quote

from jupyter_server.auth.login import LoginFormHandler
from jupyter_server.base.handlers import JupyterHandler
from tornado.escape import url_escape, xhtml_escape

from lab.server.page_headers import set_form_page_headers


def _signin_template() -> Template:
    text = resources.files("lab.server").joinpath("static", "signin.html").read_text("utf-8")
    return Template(text)


#: The sign-in page is one self-contained HTML file (inline CSS, no script, no image): nothing
#: else may load or run on the page where a token is typed, and the form posts back here only.
SIGNIN_CSP = (
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "form-action 'self'",
    "base-uri 'none'",
)


class FormPage(JupyterHandler):
    """What the sign-in and sign-out pages share: OrderLens's headers with a form page's
    referrer policy (``same-origin``: a form's POST must carry the page's Origin) and
    :data:`SIGNIN_CSP` (no script; forms post back here only). Listed before Jupyter's login
    or logout handler in the bases, so these come first in the method order."""

    def set_default_headers(self) -> None:
        """Jupyter's headers plus :data:`ORDERLENS_HEADERS` (a form page's referrer policy)."""
        super().set_default_headers()
        set_form_page_headers(self)

    @property
    def content_security_policy(self) -> str:
        """Jupyter's policy plus :data:`SIGNIN_CSP`; an operator's ``headers`` policy wins."""
        if "Content-Security-Policy" in self.settings.get("headers", {}):
            return str(super().content_security_policy)
        return "; ".join([str(super().content_security_policy), *SIGNIN_CSP])


#: What a redirect target keeps as written: RFC 3986's reserved and unreserved characters and
#: ``%`` (an escape already made); anything else (a control character, a space, non-ASCII) is
#: percent-encoded as UTF-8.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~"


def header_safe_target(url: str) -> str:
    r"""``url`` as a ``Location`` header can carry it: the same target, percent-encoded.

    >>> header_safe_target("/orderlens/?q=a\r\nX-Evil: 1")
    '/orderlens/?q=a%0D%0AX-Evil%3A%201'
    >>> header_safe_target("/orderlens/\u202eabc"), header_safe_target("/orderlens/?q=%E5%95")
    ('/orderlens/%E2%80%AEabc', '/orderlens/?q=%E5%95')

    A ``:`` after the path is sent on as ``%3A`` (the same query to any reader): jupyter_server's
    same-site check rewrites the first ``:`` of a target as ``://`` (against ``scheme:///host``),
    which turned a share link's ``?q=GMV by hour 10:00`` into ``10://00``.

    >>> header_safe_target("/orderlens/?q=GMV by hour 10:00")
    '/orderlens/?q=GMV%20by%20hour%2010%3A00'
    >>> header_safe_target("https://evil.example/?q=a:b")
    'https://evil.example/?q=a%3Ab'
    """
    path, mark, rest = url.partition("?")
    return quote(path, safe=_URL_SAFE) + mark + quote(rest, safe=_URL_SAFE.replace(":", ""))


class SignInHandler(FormPage, LoginFormHandler):
    """The OrderLens sign-in page (a token field) instead of Jupyter's developer login page."""

    def _redirect_safe(self, url: str, default: str | None = None) -> None:
        """Jupyter's same-site check of the ``next`` target, on the target percent-encoded.

        Why (session 26): a ``next`` holding a line break (``/login?next=/orderlens/%0d%0a…``)
        was a 500, for a signed-in browser and after the sign-in form had set its cookie:
        tornado refuses such a header value (nothing was injected), and Jupyter's redirect
        did not expect it. A non-ASCII target went out as raw UTF-8 bytes in ``Location``.
        """
        super()._redirect_safe(header_safe_target(url), default)

    def _render(self, message: dict[str, str] | None = None) -> None:
        error = (
            "令牌无效，请检查后重试。The token is not valid: check it and try again."
            if (message or {}).get("error")
            else ""
        )
        self.set_header("Cache-Control", "no-store")
        self.write(
            _signin_template().substitute(
                next=xhtml_escape(url_escape(self.get_argument("next", default=self.base_url))),
                action=xhtml_escape(self.base_url + "login"),
                xsrf=self.xsrf_form_html(),
                error=xhtml_escape(error),
                error_hidden="" if error else "hidden",
            )
        )
