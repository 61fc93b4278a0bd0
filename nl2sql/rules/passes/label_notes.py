"""Pass: a bracketed note right after a metric's words picks the metric whose label has it.

Why: "deposit volume (USD) by paid currency" names "Settled Deposit Volume (USD)",
the label's own note written after its words; "usd" is also a value of the paid currency,
so the bracket was read as the filter ``paid_currency = 'USD'`` on the other volume (in
paying currency) — a unit in a label read as a value, a wrong answer. A note inside brackets
right after the metric's words is the label's note when one of the metrics those words name
has exactly that note (the same unit counts: "(美元)" for "(USD)"); the words then name that
metric and the note is absorbed. A currency in brackets that is no label's note asks for the
answer in that currency ("收入（美元）" on a metric in GBP: refused, no fixed rate), never for
the rows of that currency. Any other bracket is left to the other passes.
"""

from __future__ import annotations

import dataclasses
import re

from nl2sql.lexicon import Sense, normalize
from nl2sql.rules.items import Item
from nl2sql.rules.state import ParseState
from nl2sql.unit_words import is_currency, unit_of_word

_NOTE = re.compile(r"\(([^()]*)\)\s*$")


def _same_note(said: str, note: str) -> bool:
    """Whether bracket text ``said`` is the label note ``note`` (the same words or unit).

    >>> _same_note("usd", "USD"), _same_note("美元", "USD"), _same_note("eur", "USD")
    (True, True, False)
    """
    a, b = normalize(said).strip(), normalize(note).strip()
    if a == b:
        return True
    unit = unit_of_word(a)
    return unit is not None and unit == unit_of_word(b)


def _closing(items: list[Item], k: int) -> int | None:
    """The index of the ``)`` closing the ``(`` at ``k``, with one or more items between."""
    for j in range(k + 2, min(len(items), k + 6)):
        if items[j].text == ")":
            return j
        if items[j].text == "(":
            return None
    return None


def _noted(p: ParseState, m: Item) -> list[tuple[Sense, str]]:
    """The metrics ``m``'s words may name with the notes of their labels: its own senses, and
    the metrics whose label is one of theirs plus a note ("Fruit Sales (EUR)" beside the
    "Fruit Sales" the words name)."""
    labels = set()
    out = []
    for s in m.senses:
        metric = p.catalog.metric(s.name)
        if metric is None or not metric.label:
            continue
        note = _NOTE.search(metric.label)
        if note:
            out.append((s, note.group(1)))
        labels.add(normalize(metric.label).strip())
    for metric in p.catalog.metrics:
        note = _NOTE.search(metric.label or "")
        if note and normalize(metric.label[: note.start()]).strip() in labels:
            out.append((Sense("metric", metric.name), note.group(1)))
    return out


def read_label_notes(p: ParseState) -> None:
    """Narrow a metric phrase followed by its label's bracketed note to that metric."""
    items = p.all
    for k in range(len(items) - 2):
        m, opening = items[k], items[k + 1]
        if m.kind != "domain" or opening.text != "(" or not m.senses:
            continue
        if any(s.kind != "metric" for s in m.senses):
            continue
        end = _closing(items, k + 1)
        if end is None:
            continue
        said = " ".join(it.text for it in items[k + 2 : end])
        picked = {s.name: s for s, note in reversed(_noted(p, m)) if _same_note(said, note)}
        if len(picked) != 1:
            if end == k + 3 and is_currency(items[k + 2].text):
                # 收入（美元）: a currency in brackets after the metric asks for the answer in
                # it (converted or refused by ``rules.units``), even where the data holds it
                # as a column's value (``vocabulary.currency_values``)
                c = items[k + 2]
                items[k + 2] = Item("role", c.text, c.start, c.end, role="unit")
            continue
        items[k] = dataclasses.replace(m, senses=list(picked.values()))
        for j in range(k + 2, end):
            items[j] = Item("stop", items[j].text, items[j].start, items[j].end)
    p.its = [it for it in p.all if it.kind != "stop"]
