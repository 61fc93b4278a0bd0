"""Who is asking, and what they may do: jupyter_server's IdentityProvider and Authorizer.

Why jupyter_server's own hooks: every Jupyter route (kernels, ``/api/contents``, ``/files``,
terminals, sessions) already asks ``Authorizer.is_authorized(handler, user, action, resource)``
through its ``@authorized`` decorator, so one authorizer decides for all of them, including
routes added by other extensions. The identity provider turns a token (a named user's from
:mod:`lab.server.users`, or the server's own ``JUPYTER_TOKEN``) into an :class:`OrderLensUser`
with a :class:`~lab.server.users.Role`:

- ``orderlens serve`` gives the server token the *ask* role: it opens the Ask page and its
  API, never a kernel, a file or a terminal;
- ``orderlens lab`` gives it the *analyst* role (everything, as in plain Jupyter);
- named users get the role they were added with, and their name is what history and planner
  decisions record.

Opening the URL without a token shows the OrderLens sign-in page (:mod:`lab.server.sign_in_page`);
what every response carries is :mod:`lab.server.page_headers`.

Least privilege by default: not every handler a Jupyter server runs asks the Authorizer
(JupyterLab's own routes — workspaces, settings, the extension manager — only check that
*someone* is signed in). So :meth:`OrderLensIdentityProvider.get_user` refuses an ask or
planner user on any handler that is not an OrderLens route (:data:`ORDERLENS_ROUTE`) or
signing in/out, before the handler runs; only the analyst role reaches the rest of the server.
Wrong tokens are counted per client host (:mod:`lab.server.throttle`; an IPv6 /64 block is one
host): too many in a minute and that host gets 429 for a while.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyter_server.auth.authorizer import Authorizer
from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web
from traitlets import Enum, Float, Int, Unicode, default

from lab.server.busy import address_block
from lab.server.errors import UsersFileError
from lab.server.sign_in_page import SignInHandler
from lab.server.sign_outs import SignOuts, sign_outs_path
from lab.server.store_place import RUNTIME_FOLDER, served_store_problem
from lab.server.throttle import FailedTokens
from lab.server.users import (
    SHARED_TOKEN_USER,
    NamedUser,
    Role,
    UserStore,
    default_users_file,
    name_key,
)

log = logging.getLogger("orderlens.server")

#: The least role each OrderLens resource needs; any other resource needs ``analyst``.
RESOURCE_ROLES: dict[str, Role] = {
    "orderlens": Role.ASK,
    "orderlens.recommendations": Role.PLANNER,  # the planners' proposals: least privilege
    "orderlens.decisions": Role.PLANNER,
}
_RANK = {Role.ASK: 0, Role.PLANNER: 1, Role.ANALYST: 2}
#: Class attribute marking a handler as an OrderLens route, open to every role (each of its
#: verbs is ``@authorized`` on an OrderLens resource, so the role is still checked there).
ORDERLENS_ROUTE = "orderlens_route"


@dataclass
class OrderLensUser(User):
    """A Jupyter user with the OrderLens role it was signed in with."""

    role: Role = Role.ASK
    #: False for the server's own token (a shared secret, not a person from the users file)
    named: bool = True
    #: The token (its public id) a named user signed in with; kept in the sign-in cookie
    token_id: str = ""


def _who(user: OrderLensUser) -> tuple[bool, str]:
    """One person: a named user by name (case-folded), the server token as itself."""
    return user.named, name_key(user.username)


def role_allows(role: Role, resource: str) -> bool:
    """Whether ``role`` may use ``resource`` (the same for every action on it).

    >>> role_allows(Role.ASK, "orderlens"), role_allows(Role.ASK, "kernels")
    (True, False)
    >>> role_allows(Role.PLANNER, "orderlens.decisions"), role_allows(Role.ANALYST, "files")
    (True, True)
    """
    needed = RESOURCE_ROLES.get(resource, Role.ANALYST)
    return _RANK[role] >= _RANK[needed]


class OrderLensAuthorizer(Authorizer):
    """Role-based permissions for every ``@authorized`` route of the server."""

    def is_authorized(self, handler: Any, user: User, action: str, resource: str) -> bool:
        """Allow when the user's role reaches the role the resource needs."""
        role = getattr(user, "role", None)
        if role is None:  # a user made by another identity provider: no OrderLens role
            return False
        allowed = role_allows(Role(role), resource)
        if not allowed:
            log.warning(
                "OrderLens: %s (role %s) may not %s %s", user.username, role, action, resource
            )
        return allowed


_PRESENTED_TOKEN = re.compile(r"(?i)\b(token|bearer)([\s=:]+)[^\s'\"&;,]+")


class RedactTokens(logging.Filter):
    """Replace what follows ``token``/``Bearer`` in a log line with ``[redacted]``.

    Why: tornado logs a malformed request with the offending header's value, e.g.
    ``Invalid header value 'token <the token>\\x00'`` — a valid token with a stray byte lands
    in the server log (which more people read than hold the token). Jupyter already scrubs
    ``?token=`` from its access log; this covers tornado's own messages.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = _PRESENTED_TOKEN.sub(r"\1\2[redacted]", message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class OrderLensIdentityProvider(IdentityProvider):
    """Tokens of named users (the users file) and the server token, each with a role."""

    users_file = Unicode(
        "",
        help="JSON file of named users (orderlens users add); empty = $ORDERLENS_USERS_FILE or "
        "orderlens_users.json in Jupyter's config directory.",
    ).tag(config=True)
    token_role = Enum(
        [r.value for r in Role],
        default_value=Role.ASK.value,
        help="Role of requests carrying the server's own token (serve: ask; lab: analyst).",
    ).tag(config=True)
    token_user = Unicode(
        SHARED_TOKEN_USER,
        help="Name recorded for requests that use the server's own token rather than a named "
        "user's token.",
    ).tag(config=True)

    max_failed_tokens = Int(
        20,
        help="Wrong tokens one client address may present within failed_tokens_window_s before "
        "its token checks are refused (429) until the window passes; 0 = no limit.",
    ).tag(config=True)
    failed_tokens_window_s = Float(
        60.0, help="Window (seconds) in which max_failed_tokens wrong tokens are counted."
    ).tag(config=True)

    @default("cookie_options")
    def _default_cookie_options(self) -> dict[str, Any]:
        """``SameSite=Lax``: another site's form or script never carries the sign-in cookie
        (the XSRF check stays; an operator's ``cookie_options`` replace this)."""
        return {"samesite": "Lax"}

    @default("login_handler_class")
    def _default_login_handler(self) -> type[web.RequestHandler]:
        return SignInHandler

    @default("logout_handler_class")
    def _default_logout_handler(self) -> str:
        """Signing out by POST with the XSRF token, never by a GET (session 17). An import
        string (traitlets resolves it): that module builds on this one."""
        return "lab.server.sign_out_page.SignOutHandler"

    _store: UserStore | None = None
    _failed: FailedTokens | None = None
    _sign_outs: SignOuts | None = None

    def __init__(self, **kwargs: Any) -> None:
        """Refuse to start when Jupyter would serve the token stores
        (:mod:`lab.server.store_place`): logged as critical, then exit 1, as Jupyter does
        for its own refusals (running as root)."""
        super().__init__(**kwargs)
        contents = getattr(self.parent, "contents_manager", None)
        root = getattr(contents, "root_dir", None)
        if root:
            users = Path(self.users_file or default_users_file())
            stores = {"users file": users, "sign-outs file": sign_outs_path(users)}
            runtime = getattr(self.parent, "runtime_dir", None)
            if runtime:  # jpserver-*.json there holds the server's token
                stores[RUNTIME_FOLDER] = Path(runtime)
            problem = served_store_problem(
                stores,
                root,
                allow_hidden=bool(getattr(contents, "allow_hidden", False)),
            )
            if problem:
                self.log.critical(problem)
                sys.exit(1)

    @property
    def sign_outs(self) -> SignOuts:
        """Who signed out when (:mod:`lab.server.sign_outs`), in a file beside the users file:
        a restart remembers them (session 16; until then they were kept in the process)."""
        if self._sign_outs is None:
            self._sign_outs = SignOuts(sign_outs_path(self.users_file or default_users_file()))
        return self._sign_outs

    def clear_login_cookie(self, handler: web.RequestHandler) -> None:
        """Sign out: clear the cookie, and void it for good, copies included.

        A named user: every sign-in cookie of theirs issued until now, in every browser
        (session 15: a copy of the cookie still signed in after signing out, since the cookie
        is only signed, never looked up). The server token's shared cookie: that one cookie,
        by the session id it carries (everyone else using the token stays signed in). Both
        are written to the sign-outs file, so a restart does not bring the cookie back
        (session 16). Jupyter also calls this to clear a cookie that signs nobody in: with no
        signed-in user nothing is recorded.
        """
        user = getattr(handler, "_jupyter_current_user", None) or getattr(
            handler, "_current_user", None
        )
        if isinstance(user, OrderLensUser) and user.named:
            self.sign_outs.sign_out_user(user.username)
        elif isinstance(user, OrderLensUser):
            session = self._cookie_session(handler)
            if session is not None:
                self.sign_outs.sign_out_session(session)
        super().clear_login_cookie(handler)

    def _cookie_session(self, handler: web.RequestHandler) -> str | None:
        """The session id of the request's server-token cookie (None without one)."""
        raw = handler.get_secure_cookie(
            self.get_cookie_name(handler), **self.get_secure_cookie_kwargs
        )
        try:
            data = json.loads(raw) if raw else None
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("kind") != "token":
            return None
        session = data.get("session")
        return session if isinstance(session, str) else None

    @property
    def failed_tokens(self) -> FailedTokens:
        """Wrong tokens per client address (made on first use, with the configured limits)."""
        if self._failed is None:
            self._failed = FailedTokens(self.max_failed_tokens, self.failed_tokens_window_s)
        return self._failed

    def checked_token(self, handler: web.RequestHandler, presented: str) -> OrderLensUser | None:
        """The user of ``presented``, counting a wrong token against the client's address.

        Raises 429 while the address has presented too many wrong tokens (even a right token
        is not checked then: otherwise guessing would simply go on).
        """
        address = handler.request.remote_ip or "?"
        # counted per host as the busy cap counts the server token: an IPv6 /64 block is what
        # one host rotates in (25 addresses of one block were 25 fresh allowances until s25)
        host = address_block(address)
        wait = self.failed_tokens.wait_s(host)
        if wait > 0:
            raise web.HTTPError(
                429,
                f"too many wrong tokens from this address: try again in {int(wait) + 1} s "
                "(check the token you were given; a signed-in page is not affected)",
            )
        user = self.user_for_presented_token(presented)
        if user is None:
            self.failed_tokens.fail(host)
            self.log.warning("OrderLens: a wrong token from %s", address)
        return user

    @property
    def store(self) -> UserStore:
        """The users file (read lazily, re-read when it changes)."""
        if self._store is None:
            self._store = UserStore(self.users_file or default_users_file())
        return self._store

    def _token_user(self) -> OrderLensUser:
        return OrderLensUser(self.token_user, role=Role(self.token_role), named=False)

    def user_for_presented_token(self, presented: str) -> OrderLensUser | None:
        """The user a token belongs to: a named user first, then the server token."""
        presented = presented.strip()
        if not presented:
            return None
        try:
            named = self.store.verify(presented)
        except UsersFileError as exc:  # fail closed for named users, keep the server token
            self.log.error("OrderLens: %s", exc)
            named = None
        if named is not None:
            return self._person(named)
        if self.token and hmac.compare_digest(presented.encode(), self.token.encode()):
            return self._token_user()
        return None

    def role_of_token(self, presented: str) -> str | None:
        """The role ``presented`` signs in now, None for nobody (nothing is counted: the
        request's own sign-in counts a wrong token; :mod:`lab.server.body_gate` asks first)."""
        user = self.user_for_presented_token(presented)
        return None if user is None else Role(user.role).value

    def role_of_cookie(self, value: str) -> str | None:
        """The role a sign-in cookie's (already verified) value signs in now, or None."""
        try:
            user = self.user_from_cookie(value)
        except (ValueError, TypeError, AttributeError):  # not our JSON: nobody
            return None
        return None if user is None else Role(getattr(user, "role", Role.ASK)).value

    def get_token(self, handler: web.RequestHandler) -> str | None:
        """The token of ``Authorization: token|bearer ...``, else of the URL's ``?token=``.

        Never a form body's ``token`` field (Jupyter reads it with ``get_argument``, body
        included): a body token made the request token-authenticated, which skips the XSRF and
        Origin checks, so another site's form posting ``token=<eve's>`` signed the browser in
        as eve (session 18). The sign-in form's field is read by :meth:`process_login_form`,
        after the XSRF check.
        """
        match = self.auth_header_pat.match(handler.request.headers.get("Authorization", ""))
        if match:
            return match.group(2)
        return handler.get_query_argument("token", "")

    async def get_user_token(self, handler: web.RequestHandler) -> User | None:
        """The user of ``Authorization: token ...`` or ``?token=``, if the token is known.

        A token in the URL signs in only as the server token, only to open something (GET or
        HEAD), and never switches a browser signed in as someone else; each other case is a
        403 saying what to do. Why (session 18, after JupyterHub 5, which ignores ``?token=``
        by default "because it presents a vulnerability for users to craft links that let
        other users login as them"):

        - a *named* user's token is theirs alone: a link holding it (sent by eve, or pasted
          into a chat by mistake) signed a browser with no cookie in as eve, and the page then
          recorded that browser's questions in eve's history. People paste their token on the
          sign-in page (``orderlens users add`` says so) or scripts send it in a header;
        - the server token's URL is the one Jupyter prints for opening the server (shared by
          everyone who has it, no one's history), so it still opens the page;
        - a POST with a URL token was token-authenticated, which skips Jupyter's XSRF and
          Origin checks: another site's form could act and set the sign-in cookie;
        - session 17: a ``?token=`` of another person than the browser's valid sign-in cookie
          does not switch it (Jupyter prefers the token and re-issued the cookie).
        """
        presented = self.get_token(handler)
        user = self.checked_token(handler, presented) if presented else None
        if user is None or self.auth_header_pat.match(
            handler.request.headers.get("Authorization", "")
        ):
            return user  # a header is sent by a script, not a link: it may switch
        if isinstance(user, OrderLensUser) and user.named:
            raise web.HTTPError(
                403,
                "a personal token does not sign in from a link (anyone who has the link would "
                "be signed in as you): open the sign-in page (/login) and paste your token "
                "there, or send it in an 'Authorization: token ...' header",
            )
        if (handler.request.method or "GET").upper() not in ("GET", "HEAD"):
            raise web.HTTPError(
                403,
                "a token in the URL only opens a page: send it in an "
                "'Authorization: token ...' header instead",
            )
        cookie_user = self.get_user_cookie(handler)
        if isinstance(cookie_user, OrderLensUser) and _who(cookie_user) != _who(user):
            raise web.HTTPError(
                403,
                f"this browser is signed in as {cookie_user.username}: a link with another "
                "token does not switch it; sign out first (/logout), then sign in with that token",
            )
        return user

    async def get_user(self, handler: web.RequestHandler) -> User | None:
        """The request's user, refused (403) on a route their role may not reach at all."""
        try:
            user = await self._get_user(handler)
        except web.HTTPError:
            # a refused token (a 403 of get_user_token, a 429): the error page must not look
            # the user up again, as below (an HTML page's template asks for the current user)
            handler.current_user = handler._jupyter_current_user = None  # type: ignore[attr-defined]
            raise
        if user is None and not self.may_reach_signed_out(handler):
            handler.current_user = handler._jupyter_current_user = None  # type: ignore[attr-defined]
            raise web.HTTPError(
                403, "sign in first: open the OrderLens sign-in page (/login) with your token"
            )
        if isinstance(user, OrderLensUser) and not self.may_reach(user, handler):
            self.log.warning(
                "OrderLens: %s (role %s) may not open %s",
                user.username,
                user.role,
                handler.request.path,
            )
            # as jupyter_server's own Host check does: the error page must not look the user
            # up again (an HTML page's template asks for the current user)
            handler.current_user = handler._jupyter_current_user = None  # type: ignore[attr-defined]
            raise web.HTTPError(
                403,
                f"the {user.role} role opens only the OrderLens Ask page and its API "
                "(/orderlens/); this route needs the analyst role",
            )
        return user

    def may_reach(self, user: OrderLensUser, handler: web.RequestHandler) -> bool:
        """Analysts reach every route; other roles only OrderLens routes and signing in/out.

        Why a deny-list would not do: every extension adds routes, and some (JupyterLab's
        workspaces, settings and extension manager) never ask the Authorizer.
        """
        if Role(user.role) is Role.ANALYST or getattr(handler, ORDERLENS_ROUTE, False):
            return True
        return self.is_sign_in_out(handler)

    def may_reach_signed_out(self, handler: web.RequestHandler) -> bool:
        """Whether a request without any credentials may run ``handler`` at all.

        Yes for the OrderLens routes (each asks for a token itself: the page redirects to the
        sign-in page, the API answers 403), signing in and out, and any handler that asks for
        a sign-in itself. No for the handlers jupyter_server marks ``@allow_unauthenticated``
        because they serve something to anyone: ``/api`` (the server's version), Jupyter's
        static files, ``main.html``, the ``/notebooks/`` redirect (which differs for a file
        that exists). Nobody signed in needs them; an analyst signs in first.
        """
        if getattr(handler, ORDERLENS_ROUTE, False) or self.is_sign_in_out(handler):
            return True
        method = getattr(handler, (handler.request.method or "").lower(), None)
        return not getattr(method, "__allow_unauthenticated", False)

    def is_sign_in_out(self, handler: web.RequestHandler) -> bool:
        """Whether ``handler`` is the sign-in or the sign-out page."""
        # the traits are typed ``object`` (their defaults are import strings); traitlets has
        # resolved them to RequestHandler classes by now, which the check below states
        sign_in_out = (self.login_handler_class, self.logout_handler_class)
        return isinstance(handler, tuple(c for c in sign_in_out if isinstance(c, type)))

    def _person(self, named: NamedUser) -> OrderLensUser | None:
        """The named user, unless their name is the shared token's (then nobody: fail closed).

        Why: per-user history and saved questions are keyed by name, so a person named like
        :attr:`token_user` would share — and could rename or delete — what everyone using the
        server token keeps. ``orderlens users add`` refuses the default name; this also covers
        a hand-edited users file or a configured ``token_user``.
        """
        if name_key(named.name) == name_key(self.token_user):
            self.log.error(
                "OrderLens: user %r has the name of the server token's requests and is refused; "
                "re-add them under another name (orderlens users add)",
                named.name,
            )
            return None
        return OrderLensUser(named.name, role=named.role, token_id=named.token_id)

    def user_to_cookie(self, user: User) -> str:
        """The name, how it signed in and the token's id: the role is looked up again on every
        request, and a cookie of a token that was replaced since no longer signs anyone in."""
        if isinstance(user, OrderLensUser) and user.named:
            return json.dumps(
                {
                    "username": user.username,
                    "kind": "named",
                    "token": user.token_id,
                    "at": time.time(),  # when it signed in: a later sign-out voids it
                }
            )
        # the server token's cookie is shared by everyone using that token: a random session
        # id lets signing out void this one cookie (and its copies) without the others
        return json.dumps(
            {
                "username": user.username,
                "kind": "token",
                "session": secrets.token_urlsafe(16),
                "at": time.time(),
            }
        )

    def user_from_cookie(self, cookie_value: str) -> User | None:
        """The cookie's user with its current role; a removed user is signed out."""
        data = json.loads(cookie_value)
        if data.get("kind") == "token":
            if not isinstance(data.get("session"), str):
                # issued before session 16: signing out could not void its copies (it has no
                # session id), so it signs nobody in; the token's URL signs in again
                return None
            if self.sign_outs.session_cookie_void(data.get("session"), data.get("at")):
                return None  # this cookie (or a copy of it) was signed out
            return self._token_user()
        try:
            named = self.store.get(str(data.get("username", "")))
        except UsersFileError as exc:
            self.log.error("OrderLens: %s", exc)
            return None
        if named is None or data.get("token") != named.token_id:
            return None  # removed, or given a new token since this cookie was set
        if self.sign_outs.user_cookie_void(named.name, data.get("at")):
            return None  # signed in before this person last signed out
        return self._person(named)

    def process_login_form(self, handler: web.RequestHandler) -> User | None:
        """The sign-in page posts ``token`` (Jupyter's own form posts ``password``)."""
        presented = handler.get_argument("token", "") or handler.get_argument("password", "")
        return self.checked_token(handler, presented) if presented.strip() else None

    def cookie_secret_hook(self, h: hmac.HMAC) -> hmac.HMAC:
        """Sign cookies with the server token too, so a new token signs out old cookies."""
        if self.token:
            h.update(self.token.encode())
        return h
