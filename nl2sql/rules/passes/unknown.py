"""Pass: refuse a question with a word the engine cannot place, naming the word.

Why first: answering while skipping an unknown word ("颜色") risks answering a different
question; the closest model terms are offered instead.
"""

from __future__ import annotations

from nl2sql.lexicon import clarification
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState


def refuse_unknown_words(p: ParseState) -> None:
    """Raise :class:`Refusal` listing every unknown word with the closest model terms."""
    unknown = [it for it in p.its if it.kind == "unknown"]
    if unknown:
        words = [it.text for it in unknown]
        asked = clarification(words, p.lex)
        if asked is not None:  # every unknown word has weak readings: ask which one
            reason, zh, senses = asked
            raise Refusal(reason, zh=zh, words=words[:1], senses=senses)
        quoted = ", ".join(f"'{w}'" for w in words)
        # nothing of the model named at all: a greeting or another topic
        offtopic = not any(it.kind in ("domain", "time", "num") for it in p.its)
        raise Refusal(
            f"I don't know {quoted} in this semantic model",
            zh=f"语义模型中没有 {'、'.join(f'“{w}”' for w in words)}",
            words=words,
            kind="offtopic" if offtopic else "",
        )
