"""Named users of an OrderLens server: a small JSON file of roles and salted token hashes.

Why a file of our own rather than Jupyter's single shared token: history, feedback and planner
decisions must say *who* did something, and a business user must not get the rights of the
analyst who started the server. Each user gets a random token printed once by
``orderlens users add NAME --role ask|planner|analyst``; the file keeps only a salted SHA-256 of
it. Why not a slow password hash (scrypt, bcrypt): the tokens are 256-bit random values, not
passwords people chose, so a guess is hopeless anyway, and a fast hash keeps every API call
(``Authorization: token ...``) cheap. A token is ``<id>.<secret>``: the id finds the user
without trying every hash, the secret is what is checked (in constant time).

>>> store = UserStore(None)
>>> token = store.add("ana", Role.PLANNER)
>>> store.verify(token).name, store.verify(token).role
('ana', <Role.PLANNER: 'planner'>)
>>> store.verify(token + "x") is None
True

Names are case-insensitive and compared after Unicode NFKC normalisation, so ``ANA`` and the
full-width ``ａｎａ`` are ana, not two look-alike accounts:

>>> store.get("ANA").name, store.verify(store.add("ａｎａ", Role.ASK)).name
('ana', 'ana')
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from lab.server.errors import UsersFileError

USERS_FILE_ENV = "ORDERLENS_USERS_FILE"
USERS_FILE_NAME = "orderlens_users.json"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$")
#: The name recorded for requests with the server's own (shared) token. No person may have it:
#: they would read and rename the saved questions and history of everyone using that token.
SHARED_TOKEN_USER = "server-token"
_HEX = re.compile(r"^(?:[0-9a-f]{2})+$")
_log = logging.getLogger(__name__)


class Role(StrEnum):
    """What a signed-in person may do; each role includes the rights of the ones before it."""

    ASK = "ask"  # ask questions, read the catalog, recommendations and own history
    PLANNER = "planner"  # ... and accept / reject shipping-window recommendations
    ANALYST = "analyst"  # ... and everything Jupyter offers: kernels, files, terminals


@dataclass(frozen=True)
class NamedUser:
    """One entry of the users file (without its token hash)."""

    name: str
    role: Role
    created: str
    #: The public half of the user's current token: a sign-in cookie records it, so issuing a
    #: new token (``users add`` again, e.g. after a leak) signs out the old token's cookies too.
    token_id: str = ""


def default_users_file() -> Path:
    """``$ORDERLENS_USERS_FILE``, else ``orderlens_users.json`` in Jupyter's config directory."""
    env = os.environ.get(USERS_FILE_ENV)
    if env:
        return Path(env).expanduser()
    # jupyter_core loads only for the default path: every `orderlens` start imports this module
    from jupyter_core.paths import jupyter_config_dir

    return Path(jupyter_config_dir()) / USERS_FILE_NAME


def name_key(name: str) -> str:
    """What two spellings of one user name share: NFKC, then case-folded.

    Why: before session 10 ``ANA`` and ``ana`` were two users with their own history and saved
    questions, so a look-alike account could be made next to a real one (and a full-width
    ``ａｎａ`` was refused only by accident of the name pattern).

    >>> name_key("ANA") == name_key("ana") == name_key("ａｎａ")
    True
    """
    return unicodedata.normalize("NFKC", name).casefold()


def _digest(salt: str, secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(salt) + secret.encode("utf-8")).hexdigest()


#: A salt and hash no token matches: what a token of an unknown id is checked against
_UNKNOWN_SALT = "00" * 16
_UNKNOWN_HASH = "0" * 64


class UserStore:
    """The users file, re-read when it changes on disk (so ``users add`` needs no restart)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._users: dict[str, dict[str, Any]] = {}
        #: entries of a hand-edited file that sign nobody in: name -> (raw entry, what is
        #: wrong); kept so that saving the file never drops what its owner wrote
        self._invalid: dict[str, tuple[Any, str]] = {}

    def _refresh(self) -> None:
        """Reload the file when its mtime/size changed (called under the lock)."""
        if self.path is None:
            return
        try:
            st = self.path.stat()
        except FileNotFoundError:
            self._users, self._invalid, self._stamp = {}, {}, None
            return
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp == self._stamp:
            return
        try:
            # utf-8-sig: a file saved by an editor that writes a BOM (Notepad) still reads
            text = self.path.read_text(encoding="utf-8-sig")
            data = json.loads(text, object_pairs_hook=_no_twice_written_key)
            users = data["users"]
            if not isinstance(users, dict):
                raise TypeError("'users' is not an object")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UsersFileError(
                f"{self.path}: not a valid OrderLens users file ({exc}); fix or delete it and "
                "add the users again with `orderlens users add`"
            ) from None
        valid, invalid = _checked(users)
        for name, why in invalid.values():
            _log.error("OrderLens: %s: user %r signs nobody in: %s", self.path, name, why)
        self._users, self._invalid, self._stamp = valid, invalid, stamp

    def _save(self) -> None:
        """Write the file atomically, readable by its owner only (it holds token hashes)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        try:
            kept = {name: entry for name, (entry, _) in self._invalid.items()}
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"users": {**kept, **self._users}}, fh, indent=1, sort_keys=True)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        st = self.path.stat()
        self._stamp = (st.st_mtime_ns, st.st_size)

    def _key_of(self, name: str) -> str | None:
        """The stored spelling of ``name`` (exact first, then the same :func:`name_key`);
        called under the lock. A file written before names were case-insensitive may hold two
        spellings of one name: each keeps its own token, and the exact one is found first."""
        if name in self._users:
            return name
        key = name_key(name)
        return next((stored for stored in sorted(self._users) if name_key(stored) == key), None)

    def add(self, name: str, role: Role | str) -> str:
        """Create (or re-issue) ``name`` with ``role``; returns the new token (shown once).

        ``name`` is NFKC-normalised first; a user already stored under another case of it is
        the same user (re-issued under the stored spelling), not a second one.
        """
        name = unicodedata.normalize("NFKC", name)
        if not _NAME.fullmatch(name):
            raise UsersFileError(
                f"user name {name!r} is not allowed: use 1-64 letters, digits, '_', '.', '@' "
                "or '-', starting with a letter or digit"
            )
        if name_key(name) == SHARED_TOKEN_USER:
            raise UsersFileError(
                f"user name {name!r} is reserved for requests with the server's own token; "
                "choose another name"
            )
        try:
            role = Role(role)
        except ValueError:
            raise UsersFileError(
                f"role {role!r} is unknown: use one of {', '.join(r.value for r in Role)}"
            ) from None
        token_id, secret, salt = (
            secrets.token_hex(4),
            secrets.token_urlsafe(32),
            secrets.token_hex(16),
        )
        with self._lock:
            self._refresh()
            name = self._key_of(name) or name
            self._invalid.pop(name, None)  # the operator's fix of a hand-edited entry
            self._users[name] = {
                "role": role.value,
                "token_id": token_id,
                "salt": salt,
                "hash": _digest(salt, secret),
                "created": datetime.now(UTC).isoformat(timespec="seconds"),
            }
            self._save()
        return f"{token_id}.{secret}"

    def remove(self, name: str) -> bool:
        """Delete ``name``; its token stops working at once. False when there was no such user."""
        with self._lock:
            self._refresh()
            stored = self._key_of(name)
            if stored is not None:
                del self._users[stored]
            elif name in self._invalid:
                del self._invalid[name]
            else:
                return False
            self._save()
        return True

    def list(self) -> list[NamedUser]:
        """Every user, by name."""
        with self._lock:
            self._refresh()
            return [_named(name, u) for name, u in sorted(self._users.items())]

    def invalid(self) -> builtins.list[tuple[str, str]]:
        """Entries of the file that sign nobody in, by name, with what is wrong with each."""
        with self._lock:
            self._refresh()
            return [(name, why) for name, (_, why) in sorted(self._invalid.items())]

    def get(self, name: str) -> NamedUser | None:
        """The user called ``name`` (any case, NFKC) now; None for a removed user, even with a
        valid cookie. The returned name is the stored spelling (what history is keyed by)."""
        with self._lock:
            self._refresh()
            stored = self._key_of(name)
            u = None if stored is None else self._users[stored]
        return None if u is None or stored is None else _named(stored, u)

    def verify(self, token: str) -> NamedUser | None:
        """The user whose token this is, or None."""
        token_id, dot, secret = token.partition(".")
        if not dot or not secret:
            return None
        with self._lock:
            self._refresh()
            match = _by_token_id(self._users, token_id)
        if match is None:
            # the same hash and comparison as a known id, so the time taken does not tell
            # whether an id exists (session 17: 1.6 us apart, measured on 20,000 checks)
            hmac.compare_digest(_digest(_UNKNOWN_SALT, secret), _UNKNOWN_HASH)
            return None
        name, u = match
        if not hmac.compare_digest(_digest(u["salt"], secret), u["hash"]):
            return None
        return _named(name, u)


def _no_twice_written_key(pairs: builtins.list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object of the users file, refused when a key is written twice.

    Why (session 28): JSON readers keep the last of two equal keys without a word. A second
    ``"ana"`` entry pasted from ali's (an analyst's) made ali's token sign in *as ana* with the
    analyst role while ana's own token stopped working, and nothing said so; two ``"role"``
    fields in one entry likewise. Which one was meant is not guessed: the file is refused as
    a file that does not parse is, naming the key.
    """
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"{key!r} is written twice in one object; keep one")
        out[key] = value
    return out


def _by_token_id(
    table: dict[str, dict[str, Any]], token_id: str
) -> tuple[str, dict[str, Any]] | None:
    """The (name, entry) whose token id is ``token_id``, found without telling where it is.

    Why every entry, each compared in constant time (session 26): the scan stopped at the
    match, so the first user's id cost one comparison and an unknown id (or the last user's)
    one per user: 15.8 us against 23.5 us per check with 52 users, enough to tell an id in the
    file from one that is not, and its place. Now the time depends on the number of users only.
    """
    wanted = token_id.encode("utf-8", "surrogatepass")
    match = None
    for name, entry in table.items():
        stored = str(entry.get("token_id", "")).encode("utf-8", "surrogatepass")
        if hmac.compare_digest(stored, wanted) and match is None:
            match = (name, entry)
    return match


def entry_problem(name: Any, entry: Any) -> str | None:
    """What keeps an entry of the users file from signing anyone in, or None when it may.

    Why check on reading, not only in :meth:`UserStore.add`: the file is JSON an operator may
    edit by hand. A role typed ``Analyst`` or ``ａnalyst`` was a ``ValueError`` on every
    request of that person (a 500), an entry that is not an object broke every wrong token's
    check (500s, so the wrong-token throttle never counted), and a name ``add`` refuses (a
    Cyrillic look-alike, a full-width or combining form) signed in as written (session 23).
    A role is never guessed from a look-alike spelling: the entry signs nobody in until fixed.

    >>> entry_problem("ana", {"role": "Analyst", "token_id": "ab", "salt": "00", "hash": "ab"})
    "role 'Analyst' is not one of ask, planner, analyst (spelled exactly)"
    >>> entry_problem("\u0430na", {"role": "ask", "token_id": "ab", "salt": "00", "hash": "ab"})
    "the name is not one `orderlens users add` stores (1-64 ASCII letters, digits, '_', '.', '@' or '-')"
    """
    if not isinstance(entry, dict):
        return "the entry is not an object with a role and a token"
    if (
        not isinstance(name, str)
        or not _NAME.fullmatch(name)
        or unicodedata.normalize("NFKC", name) != name
    ):
        return (
            "the name is not one `orderlens users add` stores (1-64 ASCII letters, digits, "
            "'_', '.', '@' or '-')"
        )
    role = entry.get("role")
    if not isinstance(role, str) or role not in {r.value for r in Role}:
        return f"role {role!r} is not one of {', '.join(r.value for r in Role)} (spelled exactly)"
    for field in ("token_id", "salt", "hash"):
        if not isinstance(entry.get(field), str) or not entry[field]:
            return f"its {field!r} is missing (re-add the user to issue a token)"
    if not _HEX.fullmatch(entry["salt"]):
        return "its 'salt' is not hexadecimal (re-add the user to issue a token)"
    return None


def _checked(users: dict[str, Any]) -> tuple[dict[str, Any], dict[str, tuple[Any, str]]]:
    """The entries that may sign in, and the others with what is wrong with each."""
    valid: dict[str, Any] = {}
    invalid: dict[str, tuple[Any, str]] = {}
    for name, entry in users.items():
        why = entry_problem(name, entry)
        if why is None:
            valid[name] = entry
        else:
            invalid[name] = (entry, why)
    return valid, invalid


def _named(name: str, entry: dict[str, Any]) -> NamedUser:
    return NamedUser(name, Role(entry["role"]), entry.get("created", ""), entry.get("token_id", ""))
