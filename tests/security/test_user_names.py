"""Red team, session 10: user names are case-insensitive and NFKC-normalised.

Before: ``orderlens users add ANA`` next to ``ana`` made a second user with its own token,
history and saved questions (a look-alike account), and a full-width ``ａｎａ`` was refused only
because the name pattern is ASCII. Now every spelling that NFKC + case folding makes equal is
one user, stored under its first spelling; tokens already issued keep working.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lab.commands.users import users_group
from lab.server.errors import UsersFileError
from lab.server.users import Role, UserStore


def test_another_case_of_a_name_is_the_same_user(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    first = store.add("ana", Role.ASK)
    second = store.add("ANA", Role.PLANNER)  # re-issues ana's token with the new role
    assert [(u.name, u.role) for u in store.list()] == [("ana", Role.PLANNER)]
    assert store.verify(first) is None  # the old token was replaced, as for `users add ana`
    user = store.verify(second)
    assert user is not None and user.name == "ana"


def test_full_width_and_compatibility_forms_are_the_same_user(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    store.add("Bo.Li", Role.ASK)
    token = store.add("ｂｏ．ｌｉ", Role.ASK)  # full-width letters and full stop (NFKC: bo.li)
    user = store.verify(token)
    assert user is not None and user.name == "Bo.Li"
    assert [u.name for u in store.list()] == ["Bo.Li"]


def test_get_and_remove_find_any_case(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    store.add("Pia", Role.PLANNER)
    got = store.get("PIA")
    assert got is not None and got.name == "Pia"
    assert store.remove("pia") is True
    assert store.list() == []


def test_the_reserved_name_is_refused_in_any_case_or_width(tmp_path: Path) -> None:
    store = UserStore(tmp_path / "users.json")
    for name in ("SERVER-TOKEN", "ｓｅｒｖｅｒ-token"):
        with pytest.raises(UsersFileError, match="reserved"):
            store.add(name, Role.ASK)


def test_look_alike_letters_of_other_scripts_are_still_refused(tmp_path: Path) -> None:
    """Cyrillic 'а' (U+0430) is not made Latin by NFKC: the ASCII name pattern refuses it."""
    with pytest.raises(UsersFileError, match="not allowed"):
        UserStore(tmp_path / "users.json").add("\u0430na", Role.ASK)


def test_an_older_file_with_two_spellings_keeps_both_tokens(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    store = UserStore(path)
    lower = store.add("ana", Role.ASK)
    data = json.loads(path.read_text())
    data["users"]["ANA"] = dict(data["users"]["ana"], token_id="feedf00d", role="planner")
    path.write_text(json.dumps(data))
    upper = "feedf00d." + lower.partition(".")[2]  # same secret and salt, another id
    assert store.verify(lower).name == "ana"  # type: ignore[union-attr]
    assert store.verify(upper).name == "ANA"  # type: ignore[union-attr]
    assert store.get("ANA").role is Role.PLANNER  # type: ignore[union-attr]  # exact first


def test_users_add_says_it_reissued_the_existing_user(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    runner = CliRunner()
    assert runner.invoke(users_group, ["add", "ana", "--users-file", str(path)]).exit_code == 0
    out = runner.invoke(users_group, ["add", "ANA", "--users-file", str(path)])
    assert out.exit_code == 0, out.output
    assert "ANA is the existing user ana: new token issued" in out.output
    assert [u.name for u in UserStore(path).list()] == ["ana"]


def test_an_unknown_token_id_costs_the_same_hash(tmp_path, monkeypatch) -> None:
    """Session 17: a token whose id is unknown returned before hashing its secret, so the
    check's time told whether an id exists (1.6 us apart); now both hash once."""
    from lab.server import users

    store = users.UserStore(tmp_path / "users.json")
    token = store.add("ana", users.Role.ASK)
    calls: list[str] = []
    real = users._digest
    monkeypatch.setattr(
        users, "_digest", lambda salt, secret: calls.append(secret) or real(salt, secret)
    )
    token_id = token.partition(".")[0]
    assert store.verify(f"{token_id}.wrong") is None
    assert store.verify("ffffffff.wrong") is None
    assert calls == ["wrong", "wrong"]
    assert store.verify(token) is not None


class _CountingUsers(dict):
    """The users table, counting the entries a lookup walks through."""

    walked = 0

    def items(self):  # type: ignore[override]
        for item in super().items():
            type(self).walked += 1
            yield item


def test_a_token_id_is_looked_up_without_telling_where_it_is(tmp_path) -> None:
    """Session 26: the id was found by a scan that stopped at the match, so an unknown id (or
    one far down the file) cost a walk of every user and the first user's almost none:
    measured 15.8 us vs 23.5 us per check with 52 users (median of 5 rounds of 2,000, load
    ~11). Every id now walks the whole table, compared in constant time."""
    from lab.server import users

    store = users.UserStore(tmp_path / "users.json")
    first = store.add("ana", users.Role.ASK)
    for i in range(30):
        store.add(f"user{i}", users.Role.ASK)
    assert store.verify(first) is not None  # the file is read: nothing reloads below
    store._users = _CountingUsers(store._users)
    walked = {}
    for label, token in (
        ("first", f"{first.partition('.')[0]}.wrong"),
        ("unknown", "ffffffff.wrong"),
        ("not ascii", "ｆｆ.wrong"),
    ):
        _CountingUsers.walked = 0
        assert store.verify(token) is None
        walked[label] = _CountingUsers.walked
    assert walked == {"first": 31, "unknown": 31, "not ascii": 31}, walked
    assert store.verify(first) is not None
