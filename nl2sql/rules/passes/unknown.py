"""Pass: refuse a question with a word the engine cannot place, naming the word.

Why first: answering while skipping an unknown word ("颜色") risks answering a different
question; the closest model terms are offered instead.
"""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState


def refuse_unknown_words(p: ParseState) -> None:
    """Raise :class:`Refusal` listing every unknown word with the closest model terms."""
    unknown = [it for it in p.its if it.kind == "unknown"]
    if unknown:
        words = [it.text for it in unknown]
        sugg: list[str] = []
        for w in words:
            sugg.extend(s for s in p.lex.suggest(w) if s not in sugg)
        quoted = ", ".join(f"'{w}'" for w in words)
        raise Refusal(f"I don't know {quoted} in this semantic model", sugg[:8])
