"""A count of *some* things of a kind, asked as the count of all of them: refused, offered.

Why: "how many tools are there?" was answered by ``repaired_tool_count`` — a distinct count of
``tool_id`` over the repair rows — while the tools table holds more: tools never repaired are
not in it, a wrong answer (issue #12, session 26, on an external model's equipment). The
metric's own name says it counts a kind of tool ("repaired" tools), as "new customers" or
"active drivers" do. So when the metric found for a plain count
of a noun

- counts the noun's things by their key in *another* thing's rows (a foreign key), while the
  noun's things have a table of their own (a primary key somewhere in the model), and
- its name is the noun's word with another word besides the counting words ("repaired"),
  a word the question does not say,

the question is refused naming that metric, its runnable form offered. A name that is just
another word for the things ("buyers" counting customers, "visitors" counting patrons) is the
owner's name for the count and stays read, as does a question saying the qualifier ("how many
tools were repaired"), a question counting them once each ("unique readers", 不同的) or
over a period ("… last month": the ones with rows then, the metric's own reading).
"""

from __future__ import annotations

import re

from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import singular

#: words of a metric's name that only say it counts (not a kind of the thing counted)
COUNT_NAME_WORDS = frozenset(
    {"count", "counts", "number", "num", "total", "of", "n", "unique", "distinct"}
)
#: words saying the things are counted once each over rows ("unique readers", 不同的飞机)
_DISTINCT_SAID = ("distinct", "unique", "different", "不同", "去重")
#: letters of a qualifier the question must hold to say it (repair / repaired / repairs)
_STEM = 5


def _qualifiers(name: str, entity: str) -> list[str]:
    """The words of metric ``name`` beside ``entity``'s own words, when it holds all of them."""
    words = [singular(w) for w in name.lower().split("_") if w and w not in COUNT_NAME_WORDS]
    own = [singular(w) for w in entity.lower().split("_") if w]
    if not own or not all(w in words for w in own):
        return []
    return [w for w in words if w not in own]


#: the general words of a bare Chinese count ("机器有多少台", "一共有几个客户"): anything else said
#: may be the qualifier in Chinese words (一共*修理了*多少个工具: the tools repaired), so it is kept
_BARE_COUNT_ZH = re.compile(
    r"有多少|多少|几|一共|总共|总数|数量|共|有|的|是|现在|目前|[个台架位名家条辆件只人]|数"
)


def _more_said_zh(question: str, noun: str) -> bool:
    """Whether a Chinese question says more than its noun and the words of a bare count."""
    rest = _BARE_COUNT_ZH.sub("", question.replace(noun.lower(), ""))
    return any("\u4e00" <= ch <= "\u9fff" for ch in rest)


def refuse_qualified_count(p: ParseState, noun: Item, metric: str) -> None:
    """Refuse counting ``noun`` with ``metric`` when it counts only a kind of those things
    (see the module docstring); otherwise do nothing."""
    m = p.catalog.metric(metric)
    if m is None or not m.counts or m.counts == m.rows_entity or not m.rows_entity:
        return
    entity = next((e for e in p.catalog.entities if e.name == m.counts), None)
    if entity is None or not entity.key_expr:  # no table of its own: the count is all we know
        return
    extra = _qualifiers(m.name, m.counts)
    said = p.result.question.lower()
    if p.result.time is not None or any(w in said for w in _DISTINCT_SAID):
        return  # "unique readers last month": the ones with rows then, the metric's reading
    if not extra or any(w[:_STEM] in said for w in extra) or _more_said_zh(said, noun.text):
        return
    en, zh = metric_label(p.catalog, metric, "en"), metric_label(p.catalog, metric, "zh")
    raise Refusal(
        f"the model has no count of all '{noun.text}': {en} counts only the ones with rows in "
        f"another table ({' '.join(extra)}); ask for {en} if that is what you mean",
        zh=f"模型中没有全部“{noun.text}”的数量：{zh}只统计在另一张表中有记录的那些"
        f"（{' '.join(extra)}）；如要该数量，请问“{zh}”",
        words=[noun.text],
        senses=[Sense("metric", metric)],
    )
