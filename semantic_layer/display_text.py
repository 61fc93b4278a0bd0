"""Text a person reads, without the characters that change how it reads.

Why: a model's labels and descriptions, and the data's values, are written by others and
shown as the answer's words (interpretation, suggestions, chart titles, export headers). A
right-to-left override (U+202E) in a label made the page's interpretation read backwards, and
a zero-width space showed two different labels as one (session 20's open item). These
characters carry no meaning in a label; they are removed wherever a label enters the model
(``build_model``, the catalog's saved queries) and from every text of an answer. Questions
drop the same characters before they are read (``nl2sql.normalize``), so a suggestion that
holds a value keeps matching it.

>>> shown("GMV \\u202edetnuoc ton\\u202c by\\u200b channel")
'GMV detnuoc ton by channel'
>>> shown(None) is None
True
"""

from __future__ import annotations

import re
from typing import overload

#: soft hyphen, combining grapheme joiner, Arabic letter mark, Mongolian vowel separator,
#: zero-width space/joiners, direction marks, bidi embeddings/overrides/isolates, word joiner
#: and invisible operators, variation selectors, BOM
HIDDEN = re.compile(
    "[\u00ad\u034f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff]"
)


@overload
def shown(text: str) -> str: ...
@overload
def shown(text: None) -> None: ...
def shown(text: str | None) -> str | None:
    """``text`` without :data:`HIDDEN` characters (None stays None)."""
    return HIDDEN.sub("", text) if text else text
