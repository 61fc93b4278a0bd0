"""Red team, session 30: a refusal's suggestions no longer carry the asker's odd characters.

Before (probed on main a5bdf0c5 with ``nl2sql.ask`` on the demo warehouse): the engine builds a
suggestion by putting a known measure in place of the unknown word, and keeps the rest of the
question as typed, so ``利润\u202e按 渠道`` was suggested as ``已匹配金额\u202e按 渠道`` (a
right-to-left override: the chip on the page shows its text reversed), and a file separator
``\\x1c``, U+2028, NEL, zero-width and soft-hyphen characters reached the chips the same way.
With a share link that is someone else's page: the link's author chose the characters. Now
the server folds every space, line or control character of a suggestion into one space and
drops the invisible format characters before a suggestion leaves it.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from lab.server.history import QuestionHistory
from lab.server.service import AskService, ServiceSettings
from lab.server.suggestion_text import plain_suggestions

#: Characters a suggestion must not carry: controls, format characters (zero-width, bidi,
#: BOM, soft hyphen), line and paragraph separators, and spaces other than U+0020.
_ODD = {"Cc", "Cf", "Zl", "Zp"}


def _odd(text: str) -> list[str]:
    return [
        c
        for c in text
        if unicodedata.category(c) in _ODD or (unicodedata.category(c) == "Zs" and c != " ")
    ]


@pytest.fixture(scope="module")
def service(demo_db: Path) -> AskService:
    settings = ServiceSettings(db=str(demo_db), engine="rules", today="2026-11-20",
                               chart_svg=False)  # fmt: skip
    answering = AskService(settings, QuestionHistory(None))
    yield answering
    answering.close()


SPACES = ["\x1c", "\u2028", "\x85", "\u00a0", "\u3000", "\n", "\t"]
INVISIBLE = ["\u202e", "\u2066", "\u200b", "\ufeff", "\u00ad"]


@pytest.mark.parametrize("odd", SPACES, ids=[f"U+{ord(c):04X}" for c in SPACES])
@pytest.mark.parametrize("question", ["profit by channel", "what's the weather today"])
def test_a_space_the_asker_typed_is_a_plain_space_in_the_suggestions(
    service: AskService, question: str, odd: str
) -> None:
    status, plain = service.ask(question, record=False)
    assert status == 422 and plain["suggestions"], plain
    status, body = service.ask(question.replace(" ", odd, 1), record=False)
    assert status == 422
    assert body["suggestions"] == plain["suggestions"]  # as if asked with a plain space


@pytest.mark.parametrize("odd", INVISIBLE + SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_no_control_or_format_character_reaches_a_chinese_suggestion(
    service: AskService, odd: str
) -> None:
    status, body = service.ask("利润" + odd + "按 渠道", record=False)
    assert status == 422 and body["suggestions"], body
    assert [s for s in body["suggestions"] if _odd(s)] == []


def test_plain_suggestions_folds_spaces_drops_format_characters_and_repeats() -> None:
    assert plain_suggestions(
        [
            "GMV\x1c\u2028by  channel ",
            "GMV by channel",
            "已匹配\u202e金额\u200b按",
            "\u200b",
            "x\x00y",
        ]
    ) == ["GMV by channel", "已匹配金额按", "x y"]
