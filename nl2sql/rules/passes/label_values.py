"""Pass: a value named right before a metric whose label holds that value's words is part of the
label, not a filter.

Why: say "Ticket Agent Reply Coverage" is the share of support tickets that got a reply from an
agent, and ``agent_reply`` is also a value of the ticket's closing method. 坐席回复的覆盖率 read
坐席回复 as that value and 覆盖率 as the metric, and filtered the coverage to the tickets closed
by an agent reply — 100 %, a wrong answer (issue #12; the English phrase, one item, was
right). A value written just before a metric's words (的 or "the" may stand between) whose
words lie inside that metric's label, beside more label words, repeats the label: it is
absorbed, and the metric is asked as it is defined. Any other value before a metric stays a
filter ("customer name的覆盖率"), as does a value whose words are the whole label.
"""

from __future__ import annotations

import re

from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState

#: words that may stand between the value and the metric's words
_BETWEEN = frozenset({"的", "the"})


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[a-z0-9]+", text.lower()))


def inside(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    """Whether ``part`` is a run of ``whole``'s words, shorter than ``whole``.

    >>> inside(("agent", "reply"), ("ticket", "agent", "reply", "coverage"))
    True
    >>> inside(("agent", "reply"), ("agent", "reply")), inside(("name",), ("a", "b"))
    (False, False)
    """
    n = len(part)
    return 0 < n < len(whole) and any(whole[i : i + n] == part for i in range(len(whole) - n + 1))


def read_label_values(p: ParseState) -> None:
    """Absorb a value whose words repeat part of the label of the metric named right after it."""
    items = p.all
    for k in range(len(items) - 1):
        v = items[k]
        if v.kind != "domain" or not v.senses or any(s.kind != "value" for s in v.senses):
            continue
        j = k + 1
        while j < len(items) - 1 and items[j].kind == "stop" and items[j].text in _BETWEEN:
            j += 1
        m = items[j]
        if m.kind != "domain" or len(m.senses) != 1 or m.senses[0].kind != "metric":
            continue
        metric = p.catalog.metric(m.senses[0].name)
        label = _words(metric.label or "") if metric is not None else ()
        if all(inside(_words(s.value or ""), label) for s in v.senses):
            items[k] = Item("stop", v.text, v.start, v.end)
    p.its = [it for it in p.all if it.kind != "stop"]
