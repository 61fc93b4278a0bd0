"""The users file as an editor leaves it: a BOM, CRLF line ends, a name written twice.

Red team, session 28. Before: a file saved with a UTF-8 BOM (Notepad) was "not a valid users
file", so no named token signed in until it was re-saved; a second ``"ana"`` entry (pasted from
ali's, an analyst) was kept without a word, so ali's token signed in as ana with the analyst
role and ana's own token stopped working. Now the BOM and CRLF read as the same file and a key
written twice is the invalid-file error, naming it (no guess which entry was meant).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lab.server.errors import UsersFileError
from lab.server.users import Role, UserStore


def _two_users(path: Path) -> tuple[str, str, dict]:
    store = UserStore(path)
    ana, ali = store.add("ana", Role.ASK), store.add("ali", Role.ANALYST)
    return ana, ali, json.loads(path.read_text())["users"]


def test_a_bom_and_crlf_read_as_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    ana, ali, _ = _two_users(path)
    raw = path.read_text()
    path.write_bytes(b"\xef\xbb\xbf" + raw.replace("\n", "\r\n").encode())
    store = UserStore(path)
    found = store.verify(ana)
    assert found is not None and (found.name, found.role) == ("ana", Role.ASK)
    assert store.verify(ali) is not None and store.verify(ali).role is Role.ANALYST  # type: ignore[union-attr]


def test_a_name_written_twice_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    _, ali, users = _two_users(path)
    ana_entry, ali_entry = json.dumps(users["ana"]), json.dumps(users["ali"])
    path.write_text('{"users": {"ana": ' + ana_entry + ', "ana": ' + ali_entry + "}}")
    store = UserStore(path)
    with pytest.raises(UsersFileError, match=r"'ana' is written twice in one object; keep one"):
        store.verify(ali)  # before: signed in as ana, role analyst


def test_a_field_written_twice_in_an_entry_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "u.json"
    ana, _, users = _two_users(path)
    entry = json.dumps(users["ana"])[:-1] + ', "role": "analyst"}'  # ask, then analyst
    path.write_text('{"users": {"ana": ' + entry + "}}")
    with pytest.raises(UsersFileError, match=r"'role' is written twice"):
        UserStore(path).verify(ana)
