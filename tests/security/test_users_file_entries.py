"""Red team, session 23: a hand-edited users file (roles and names `users add` never writes).

Probes on a running ``orderlens serve``: an entry whose role was typed ``Analyst`` (or the
full-width ``ａnalyst``) made that person's every request a 500 with a traceback in the log,
and ``orderlens users list`` a traceback. An entry that is not an object (``"bob": "analyst"``)
made every *wrong* token a 500, so the wrong-token throttle never counted: 25 guesses in a
row, all 500, none refused with 429 (and every user stored after it got a 500 too). Names
that ``users add`` refuses (Cyrillic look-alikes, full-width or combining forms, spaces) were
signed in as written, so an audit line could read "ali" for another person.

Now each entry is checked when the file is read: only an object with one of the three roles
spelled exactly, a well-formed token record and a name ``users add`` would store signs in
(a role is never guessed from a look-alike: least privilege); the others sign nobody in, stay
in the file, are logged and listed by ``orderlens users list`` with what is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from tornado.httpclient import HTTPClientError

from lab.commands.users import users_group
from lab.server.users import Role, UserStore

pytest_plugins = ["pytest_jupyter.jupyter_server"]


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data["users"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    "role", ["Analyst", "ANALYST", "\uff41nalyst", "analyst ", "an\u00adalyst", "admin", 1, None]
)
def test_a_role_not_spelled_exactly_signs_nobody_in(tmp_path: Path, role) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    token = store.add("zed", Role.ASK)
    ana = store.add("ana", Role.ASK)
    _edit(path, lambda users: users["zed"].update(role=role))
    assert store.verify(token) is None  # before: ValueError (a 500 on the server)
    assert store.get("zed") is None
    assert [u.name for u in store.list()] == ["ana"]
    assert [name for name, _ in store.invalid()] == ["zed"]
    assert "role" in store.invalid()[0][1]
    assert store.verify(ana).name == "ana"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "entry",
    [
        "analyst",
        ["analyst"],
        {"role": "analyst"},  # no token record
        {"role": "analyst", "token_id": "feedf00d", "salt": "zz", "hash": "0" * 64},  # not hex
        {"role": "analyst", "token_id": 7, "salt": "00" * 16, "hash": "0" * 64},
    ],
)
def test_a_malformed_entry_breaks_no_one_elses_sign_in(tmp_path: Path, entry) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    ana = store.add("ana", Role.ASK)
    _edit(path, lambda users: users.update({"bob": entry}))
    zed = store.add("zed", Role.PLANNER)  # stored after the bad entry
    assert store.verify(ana).name == "ana"  # type: ignore[union-attr]
    assert store.verify(zed).name == "zed"  # type: ignore[union-attr]
    # before: AttributeError / TypeError / ValueError for every token not found before it
    assert store.verify("deadbeef.guess") is None
    assert store.verify("feedf00d.guess") is None
    assert [name for name, _ in store.invalid()] == ["bob"]
    # the hand-edited entry stays in the file for its owner to fix; it is not dropped
    assert "bob" in json.loads(path.read_text())["users"]


@pytest.mark.parametrize(
    "name",
    [
        "\u0430li",  # Cyrillic a: looks like "ali"
        "\uff41\uff4c\uff49",  # full-width "ali" (users add stores its NFKC form)
        "ali\u0301",  # a combining accent
        "ali ",
        "al i",
        "",
        "ali\u200b",
        "-ali",
        "ali\n",  # the name pattern's "$" matched before a final line break
    ],
)
def test_a_name_users_add_would_refuse_signs_nobody_in(tmp_path: Path, name: str) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    token = store.add("zed", Role.ANALYST)
    _edit(path, lambda users: users.update({name: users.pop("zed")}))
    assert store.verify(token) is None
    assert store.list() == []
    assert [n for n, _ in store.invalid()] == [name]
    assert "name" in store.invalid()[0][1]


def test_users_add_refuses_a_name_ending_in_a_line_break(tmp_path: Path) -> None:
    """``orderlens users add $'ali\\n'`` stored "ali\\n" (``$`` matches before a final newline)."""
    from lab.server.errors import UsersFileError

    with pytest.raises(UsersFileError, match="not allowed"):
        UserStore(tmp_path / "users.json").add("ali\n", Role.ASK)


def test_users_add_replaces_an_invalid_entry_and_keeps_the_others(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    store.add("zed", Role.ASK)
    _edit(path, lambda users: (users["zed"].update(role="Planner"), users.update(bob="x")))
    token = store.add("zed", Role.PLANNER)  # the operator's fix
    assert store.verify(token).role is Role.PLANNER  # type: ignore[union-attr]
    assert [n for n, _ in store.invalid()] == ["bob"]
    assert json.loads(path.read_text())["users"]["bob"] == "x"
    assert store.remove("bob") is True  # an invalid entry can be removed by its name
    assert store.invalid() == []


def test_users_list_names_what_is_wrong_instead_of_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    store.add("ana", Role.ASK)
    store.add("zed", Role.ASK)
    _edit(path, lambda users: users["zed"].update(role="Analyst"))
    out = CliRunner().invoke(users_group, ["list", "--users-file", str(path)])
    assert out.exit_code == 0, out.output
    assert out.exception is None
    assert "ana\task" in out.output
    assert "zed" in out.output and "'Analyst'" in out.output
    assert "signs nobody in" in out.output


async def _code(jp_fetch, token: str) -> int:
    try:
        resp = await jp_fetch(
            "orderlens", "api", "me", method="GET", headers={"Authorization": f"token {token}"}
        )
    except HTTPClientError as exc:
        return exc.code
    return resp.code


@pytest.fixture()
def few_guesses(jp_server_config: dict) -> dict:
    jp_server_config["OrderLensIdentityProvider"]["max_failed_tokens"] = 5
    return jp_server_config


async def test_a_malformed_entry_does_not_switch_off_the_throttle(
    few_guesses, jp_fetch, tokens, users_file: Path
) -> None:
    """Before: every wrong token was a 500 once the file held ``"bob": "analyst"``, and the
    throttle (counted after the check) never refused a guess."""
    _edit(users_file, lambda users: users.update({"bob": "analyst"}))
    assert await _code(jp_fetch, tokens["pia"]) == 200
    codes = [await _code(jp_fetch, f"deadbeef.guess{i}") for i in range(7)]
    assert codes == [403] * 5 + [429] * 2


async def test_a_mistyped_role_is_a_403_not_a_500(jp_fetch, tokens, users_file: Path) -> None:
    _edit(users_file, lambda users: users["ali"].update(role="Analyst"))
    assert await _code(jp_fetch, tokens["ali"]) == 403
    assert await _code(jp_fetch, tokens["ana"]) == 200
