"""Every word of an answered question is accounted for: used by the reading, a known light
word, or named to the user as not used.

Why: a wrong answer most often looks like a right one with a word missing ("non-duplicate
refunds" answered without "refunds", a status value answered without its filter). The passes
claim what they read (``Item.used``), grammar words are ``stop`` items, unknown words are
refused before any pass runs; this module closes the last gap. After the reading is complete:

- a model term (metric, dimension, entity, value) or a time expression nothing claimed is a
  refusal naming it — the question said something about the data the answer would leave out;
- a general word with a role that nothing read ("average" beside a metric that already is one)
  is shown in the interpretation ("not used: average" / "未使用：平均"), so the user sees which
  words the answer does not reflect;
- a list joiner ("and", "、", a comma) and a "by" whose grouping another word already made are
  light words;
- "than" is a stop word only so that the comparison rules may read it ("more than 5"): left
  unread, it compared two things the answer does not compare ("players with fewer goals than
  assists" answered both totals), so it is refused like a model term (:data:`COMPARING`).

Measured on every dev half (session 27, docs/measuring.md): of 695 answered dev questions none
left a model term, a time or "than" unclaimed, 20 left a light role word and 1 an average word
(all right), and neither wrong answer there dropped a word — so the refusals remove no right
answer there; the "than" case came from a trap asked after the measurement.

>>> from nl2sql.rules.items import Item
>>> its = [Item("role", "average", 0, 7, role="avg"), Item("stop", "the", 8, 11),
...        Item("role", "and", 12, 15, role="and"), Item("domain", "GMV", 16, 19, used=True)]
>>> unused_words(its)
['average']
>>> ignored_note(["average"], "en"), ignored_note(["平均"], "zh")
(' (not used: average)', '（未使用：平均）')
"""

from __future__ import annotations

from collections.abc import Sequence

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal

#: roles of words that join or mark what other words already say: never a condition
LIGHT_ROLES = frozenset({"and", "group"})
#: stop words that only a comparison rule reads; left unread, a comparison was dropped
COMPARING = frozenset({"than"})


def unused_words(items: Sequence[Item]) -> list[str]:
    """The words of ``items`` no pass used that are neither stop words nor light roles."""
    out: list[str] = []
    for it in items:
        text = it.text.strip()
        if it.used or not text or it.kind == "stop":
            continue
        if it.kind == "role" and it.role in LIGHT_ROLES:
            continue
        if text not in out:
            out.append(text)
    return out


def refuse_unused_terms(items: Sequence[Item], metrics: Sequence[str] = ()) -> None:
    """Raise :class:`Refusal` naming the first model term, time or comparing word no pass
    claimed; ``metrics`` (the reading's) are offered one by one for a comparing word."""
    for it in items:
        if not it.used and it.kind == "stop" and it.text.strip().lower() in COMPARING:
            raise Refusal(
                f"'{it.text.strip()}' compares two things, and the answer would not compare "
                "them; ask for each figure and compare them in the answer",
                zh=f"“{it.text.strip()}”是在比较两样东西，而答案不会比较它们；请分别查询各个数值",
                senses=[Sense("metric", m) for m in metrics],
                kind="metrics",
            )
    for it in items:
        if it.used or it.kind not in ("domain", "time") or not it.text.strip():
            continue
        raise Refusal(
            f"the answer would leave out '{it.text.strip()}'; I can't tell what it says here",
            zh=f"答案会漏掉“{it.text.strip()}”；看不出它在这里指什么",
            words=[it.text.strip()],
        )


def ignored_note(words: Sequence[str], lang: str) -> str:
    """The interpretation's note naming the words the answer does not use."""
    if not words:
        return ""
    if lang == "zh":
        return f"（未使用：{'、'.join(words)}）"
    return f" (not used: {', '.join(words)})"
