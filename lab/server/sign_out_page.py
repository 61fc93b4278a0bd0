"""Signing out: ``GET /logout`` shows a button, ``POST /logout`` (with the XSRF token) signs out.

Why not jupyter_server's ``LogoutHandler``: it signs out on ``GET``, and a GET carries no XSRF
token. Any page could sign a person out with a link, a redirect or ``<meta refresh>`` (a
top-level navigation sends the ``SameSite=Lax`` cookie), or with an image from a sibling
subdomain; for a named user that voids every cookie of theirs, in every browser (session 16
open item). A POST goes through Jupyter's checks in ``prepare`` (the ``_xsrf`` cookie echoed
in the form, and the Origin check), as the sign-in form does. JupyterLab's *File > Log Out*
opens ``/logout`` in the window: it lands on the button.
"""

from __future__ import annotations

from importlib import resources
from string import Template

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.auth.logout import LogoutHandler
from tornado.escape import xhtml_escape

from lab.server.sign_in_page import FormPage


def _template() -> Template:
    text = resources.files("lab.server").joinpath("static", "signout.html").read_text("utf-8")
    return Template(text)


_CONFIRM = "确定要退出登录吗？Sign out of OrderLens?"
_DONE = "你已退出登录。You are signed out."


class SignOutHandler(FormPage, LogoutHandler):
    """The OrderLens sign-out page: a button on GET, the sign-out itself on POST (headers and
    policy as the sign-in page's, :class:`~lab.server.sign_in_page.FormPage`)."""

    def _render(self, message: str, *, button: bool) -> None:
        self.set_header("Cache-Control", "no-store")
        form = (
            f'<form method="post" action="{xhtml_escape(self.base_url + "logout")}">'
            f"{self.xsrf_form_html()}"
            '<button id="sign-out" type="submit">退出登录 · Sign out</button></form>'
            if button
            else ""
        )
        self.write(
            _template().substitute(
                message=xhtml_escape(message),
                form=form,
                login=xhtml_escape(self.base_url + "login"),
                back=xhtml_escape(self.base_url + "orderlens/"),
            )
        )

    @allow_unauthenticated
    def get(self) -> None:
        """Ask before signing out (nothing changes on a GET)."""
        if self.current_user:
            self._render(_CONFIRM, button=True)
        else:
            self._render(_DONE, button=False)

    @allow_unauthenticated
    def post(self) -> None:
        """Sign out (Jupyter's ``prepare`` has checked the XSRF token and the Origin)."""
        self.identity_provider.clear_login_cookie(self)
        self._render(_DONE, button=False)
