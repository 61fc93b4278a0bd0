"""Red team, session 24 (session 23's open item): sign-outs keyed by ``str.lower()`` while the
users file finds people by NFKC + case folding (:func:`lab.server.users.name_key`).

For the ASCII names ``orderlens users add`` stores the two agree (checked below, also across a
restart), so no sign-out of one person voided or missed another's cookie. They differ for
names a key may hold (``ß`` folds to ``ss``, ``ﬀ`` to ``ff``, the Kelvin sign to ``k``), so the
sign-outs now use the same key; the last test failed on 29d6991.
"""

from __future__ import annotations

from pathlib import Path

from lab.server.sign_outs import SignOuts


def test_a_sign_out_voids_that_person_in_any_case_and_no_one_else(tmp_path: Path) -> None:
    path = tmp_path / "u.sign-outs.json"
    outs = SignOuts(path)
    outs.sign_out_user("ANA", at=100.0)
    assert outs.user_cookie_void("ana", 99.0) and outs.user_cookie_void("Ana", 100.0)
    assert not outs.user_cookie_void("ana", 101.0)  # signed in again after
    assert not outs.user_cookie_void("anna", 50.0) and not outs.user_cookie_void("an", 50.0)
    again = SignOuts(path)  # a restart reads the file
    assert again.user_cookie_void("aNa", 99.0) and not again.user_cookie_void("bob", 1.0)


def test_sign_outs_use_the_users_files_key(tmp_path: Path) -> None:
    outs = SignOuts(tmp_path / "u.sign-outs.json")
    outs.sign_out_user("stra\u00dfe", at=100.0)
    outs.sign_out_user("\ufb00", at=100.0)
    outs.sign_out_user("\u212a", at=100.0)
    assert outs.user_cookie_void("STRASSE", 99.0)
    assert outs.user_cookie_void("FF", 99.0) and outs.user_cookie_void("k", 99.0)
