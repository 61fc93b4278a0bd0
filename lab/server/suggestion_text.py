"""A refusal's suggestions as plain text before they leave the server.

Why (session 30): the engine suggests a question by putting a measure the model has in place
of the word it did not know and keeps the rest as typed, so whatever odd character the asker
put between two words came back in every suggestion: a file separator (``\\x1c``), U+2028, a
zero-width space, a soft hyphen, or a right-to-left override that makes the page's chip show
its text reversed while a click asks the text as it is. A share link carries its author's
questions onto someone else's page, so those characters were the author's choice on the
reader's screen. A suggestion is a question to click; nothing in one needs them. The server
is the edge (the page, share links and conversations all take suggestions from here);
the engine's own text is left as it is for its callers (the CLI prints the asker's own).

>>> plain_suggestion("matched amount\\x1cby\\u2028channel")
'matched amount by channel'
>>> plain_suggestion("已匹配金额\\u202e按 渠道")
'已匹配金额按 渠道'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Unicode categories folded into one space: every space separator but U+0020 (no-break,
#: ideographic, thin...), line and paragraph separators, and the controls (tab, line breaks,
#: the C0/C1 separators ``\x1c``-``\x1f``, NEL).
_AS_SPACE = {"Zs", "Zl", "Zp", "Cc"}
#: Dropped outright: format characters (zero-width spaces and joiners, the bidirectional
#: marks, embeddings, overrides and isolates, the byte-order mark, the soft hyphen); a space
#: in their place would split a word the asker wrote as one.
_DROPPED = {"Cf"}
_SPACES = re.compile(" {2,}")


def plain_suggestion(text: str) -> str:
    """``text`` with odd spaces and controls as one plain space and format characters gone."""
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category in _DROPPED:
            continue
        out.append(" " if category in _AS_SPACE else char)
    return _SPACES.sub(" ", "".join(out)).strip()


def plain_suggestions(suggestions: Iterable[str]) -> list[str]:
    """Each suggestion made plain (:func:`plain_suggestion`), in order, without the empty ones
    and without a repeat (two that differed only by such characters are one question)."""
    seen: dict[str, None] = {}
    for suggestion in suggestions:
        text = plain_suggestion(str(suggestion))
        if text:
            seen.setdefault(text, None)
    return list(seen)
