"""What a count's label names once its counting words are gone: "The number of free meetings
booked." is asked as "free meetings booked".

Why: dbt labels are often sentences ("The number of parent sign ups.", "Count of orders
shipped"), and users never type the counting phrase before the thing: "free meetings booked
per month", "top subjects by free meetings booked". Without the core the words fall apart into
the entity ("free meetings") and a status value that happens to spell the event ("BOOKED"),
and the question became a count filtered on that status. The core names the same metric; it
is added only where it names nothing else (``nl2sql.lexicon``), so a core that is a plain
noun ("Number of orders" -> "orders") keeps meaning the entity.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from typing import Any

from nl2sql.normalize import key_of
from nl2sql.vocabulary.anchors import SUFFIX, Anchor
from nl2sql.vocabulary.english import singular

#: counting phrases a label opens with (general English, longest first)
_COUNT_LEADS = (
    "the total number of",
    "total number of",
    "the number of",
    "number of",
    "the count of",
    "count of",
)
#: counting words a count's name or label closes with ("lapsed_membership_count",
#: "Refunded orders count"): general English
_COUNT_TAILS = ("count", "counts", "cnt")
_EDGE = re.compile(r"^[\s\"'“”‘’]+|[\s.。!！?？:;,\"'“”‘’]+$")


def label_cores(label: str) -> list[str]:
    """The label without its counting phrase, when it opens with one and names more than one
    word after it; else nothing.

    >>> label_cores("The number of free meetings booked."), label_cores("Number of orders")
    (['free meetings booked'], [])
    >>> label_cores("Revenue"), label_cores("The count of claims paid late")
    ([], ['claims paid late'])
    """
    text = _EDGE.sub("", " ".join((label or "").split()))
    low = text.lower()
    for lead in _COUNT_LEADS:
        if low.startswith(lead + " "):
            core = text[len(lead) + 1 :].strip()
            return [core] if len(core.split()) > 1 else []
    return []


def count_tail_cores(text: str) -> list[str]:
    """A count's name or label without the counting word it closes with, when more than one
    word stays: "lapsed membership count" -> "lapsed membership"; else nothing.

    Why: "how many lapsed memberships" names the model's ``lapsed_membership_count``,
    but without this core its words fell apart into a status value of another table
    (``plan_status = 'lapsed'``) and the entity, and the answer was the memberships of
    lapsed *members*, not the model's count of lapsed memberships. Like the leading
    cores, it is added only where it names nothing else (``nl2sql.lexicon``).

    >>> count_tail_cores("lapsed membership count"), count_tail_cores("order count")
    (['lapsed membership'], [])
    >>> count_tail_cores("Total storage (GB)")
    []
    """
    words = _EDGE.sub("", " ".join((text or "").replace("_", " ").split())).split()
    if len(words) > 2 and words[-1].lower() in _COUNT_TAILS:
        return [" ".join(words[:-1])]
    return []


#: words a count's label closes with that only say "occurrences of" (general English)
_EVENT_TAILS = ("events", "event", "occurrences", "instances")


def event_tail_cores(label: str) -> list[str]:
    """A count's label without the event word it closes with, and without a leading "Total":
    "Total Fault Events" -> "Total Fault", "Fault"; "Critical Fault Events" -> "Critical Fault".

    Why: users count the things themselves ("total faults by country", "critical faults by
    region", "how many faults"), and the model's "... Fault Events" left "faults" unknown, so
    the question was refused. Added, like the other cores, only where the core names nothing
    else and is no general word (``nl2sql.lexicon``); the plural comes with the term.

    >>> event_tail_cores("Total Fault Events"), event_tail_cores("Critical Fault Events")
    (['Total Fault', 'Fault'], ['Critical Fault'])
    >>> event_tail_cores("Events"), event_tail_cores("Total Events"), event_tail_cores("Revenue")
    ([], [], [])
    """
    words = _EDGE.sub("", " ".join((label or "").split())).split()
    if len(words) < 2 or words[-1].lower() not in _EVENT_TAILS:
        return []
    core = words[:-1]
    out = [" ".join(core)] if not (len(core) == 1 and _TOTAL_LEAD.match(core[0] + " ")) else []
    if len(core) > 1 and _TOTAL_LEAD.match(" ".join(core)):
        out.append(" ".join(core[1:]))
    return out


def event_core_anchors(metrics: Iterable[Any]) -> list[Anchor]:
    """The event cores without "Total" as anchors of their count metrics, so the other
    language reaches them too: 故障 ("fault") for "Total Fault Events" (各国家的故障次数).

    Only a count (``value_format`` number, a count or sum aggregation) whose label ends in an
    event word; the anchor scores as a label's suffix does.
    """
    out = []
    for m in metrics:
        if m.value_format != "number" or m.agg not in ("count", "count_distinct", "sum"):
            continue
        for core in event_tail_cores(m.label):
            if _TOTAL_LEAD.match(core + " "):
                continue
            phrase = " ".join(singular(w) for w in core.lower().split())
            out.append(Anchor(phrase, "metric", m.name, None, m.label, "event core", SUFFIX))
    return out


#: words a sum's name or label closes with that only say "an amount of" (general English)
_AMOUNT_TAILS = ("amount", "amounts", "amt")


def amount_tail_cores(text: str) -> list[str]:
    """A sum's name or label without the amount word it closes with: "Discount Amount" ->
    "discount"; else nothing.

    Why: users total the thing itself ("total discounts given", "discounts by channel"), and the
    model's "Discount Amount" left "discounts" unknown, so the question was refused. Added, like
    the count cores, only where the core names nothing else and is no general word
    (``nl2sql.lexicon``): "Order Amount" keeps "order" the entity, "Total Amount" gives nothing.

    >>> amount_tail_cores("Discount Amount"), amount_tail_cores("discount_amt")
    (['Discount'], ['discount'])
    >>> amount_tail_cores("Amount"), amount_tail_cores("Amount Paid")
    ([], [])
    """
    words = _EDGE.sub("", " ".join((text or "").replace("_", " ").split())).split()
    if len(words) > 1 and words[-1].lower() in _AMOUNT_TAILS:
        return [" ".join(words[:-1])]
    return []


#: an arrow a label writes between two stages ("MQL→SQL conv rate", "Visit -> Signup rate")
_ARROW = re.compile(r"\s*(?:→|⟶|->|=>|⇒)\s*")
#: the parenthetical a label closes with: its unit or a qualifier ("S&M spend ($)")
_CLOSING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
#: a currency sign a label closes with, unbracketed ("Net Revenue $"): the amount is the same
_CLOSING_MONEY = re.compile(r"\s+[$€£¥]\s*$")
#: a percent sign a label closes with ("Gross Margin %"): left out only after a word that is a
#: ratio itself; "Weekend %" without its sign is no longer a share of anything. "share" is not
#: one: "ebook share of sales" is read by the share rules, which a term "ebook share" pre-empted
_CLOSING_PERCENT = re.compile(r"\s+%\s*$")
RATIO_WORDS = frozenset(
    {
        "margin",
        "rate",
        "ratio",
        "yield",
        "occupancy",
        "utilization",
        "utilisation",
        "conversion",
        "growth",
        "churn",
        "retention",
        "penetration",
    }
)


def _without_sign(text: str) -> str:
    """``text`` without a closing currency sign, or a percent sign after a ratio word."""
    text = _CLOSING_MONEY.sub("", text)
    bare = _CLOSING_PERCENT.sub("", text)
    if bare != text and bare.split() and bare.split()[-1].lower() in RATIO_WORDS:
        return bare
    return text


#: the aggregation a sum's label opens with ("Sum of Bank Assets"): users name the amount
_SUM_LEAD = re.compile(r"^(?:the\s+)?sum\s+of\s+", re.IGNORECASE)
#: a total's label lead ("Total Revenue")
_TOTAL_LEAD = re.compile(r"^total\s+", re.IGNORECASE)
#: the scale a metric's name closes with (``total_assets_billions``, ``arr_millions``): the
#: figures are in that scale, the thing counted is the rest of the name
_SCALE_WORDS = frozenset(
    {"billions", "billion", "millions", "million", "thousands", "thousand", "bn", "mn", "mm"}
)


def name_forms(name: str) -> list[str]:
    """A metric name without the scale word it closes with, when it has one and more remains.

    >>> name_forms("total_assets_billions"), name_forms("arr_millions"), name_forms("revenue")
    (['total assets'], ['arr'], [])
    >>> name_forms("millions")
    []
    """
    words = [w for w in (name or "").lower().split("_") if w]
    if len(words) > 1 and words[-1] in _SCALE_WORDS:
        return [" ".join(words[:-1])]
    return []


def label_forms(label: str) -> list[str]:
    """The label as users type it: without the parenthetical it closes with, and with an
    arrow between stages read as "to" or left out; nothing when it has neither.

    Why: owners write the unit or a qualifier into the label ("S&M spend ($)", "CAC payback
    (months)", "Gross Margin %") and draw funnel steps as arrows ("MQL→SQL conv rate"); users type "S&M spend",
    "MQL to SQL conv rate" or "mql sql conv rate". Keyed only as written, the label was
    missed, and a stage word read as a value with the rest of the label ("mql" + "sql conv
    rate") answered the funnel's rate filtered to one stage: 0.0, a wrong answer. A form is a
    term only where it names one metric and nothing else (``nl2sql.lexicon``).

    >>> label_forms("S&M spend ($)"), label_forms("Revenue")
    (['S&M spend'], [])
    >>> label_forms("MQL→SQL conv rate")
    ['MQL to SQL conv rate', 'MQL SQL conv rate']
    >>> label_forms("Visit -> Signup rate (%)")
    ['Visit -> Signup rate', 'Visit to Signup rate', 'Visit Signup rate']
    >>> label_forms("Gross Margin %"), label_forms("Net Revenue $"), label_forms("Weekend %")
    (['Gross Margin'], ['Net Revenue'], [])

    A sum's label without its aggregation ("Sum of Bank Assets ($B)" is asked as "bank
    assets"): a sum is what an amount's bare name means.

    >>> label_forms("Sum of Bank Assets ($B)"), label_forms("Sum of fares")
    (['Sum of Bank Assets', 'Bank Assets'], ['fares'])
    """
    text = " ".join((label or "").split())
    bare = _without_sign(_CLOSING_NOTE.sub("", text))
    out = [bare] if bare and bare != text else []
    amount = _SUM_LEAD.sub("", bare or text)
    if amount != (bare or text) and amount.split():
        out.append(amount)
    stages = bare or text
    if _ARROW.search(stages):
        out += [_ARROW.sub(" to ", stages), _ARROW.sub(" ", stages)]
    return list(dict.fromkeys(out))


def label_form_terms(
    metrics: Iterable[Any], taken: Container[tuple[str, ...]]
) -> list[tuple[str, str]]:
    """(form, metric name) for every typed form of a label (:func:`label_forms`) that names no
    ``taken`` term and no second metric: "Revenue (net)" and "Revenue (gross)" leave "revenue"
    to the refusal that names both.

    >>> class M:
    ...     def __init__(self, name, label): self.name, self.label = name, label
    >>> label_form_terms([M("net", "Revenue (net)"), M("gross", "Revenue (gross)")], set())
    []
    >>> label_form_terms([M("sm_spend", "S&M spend ($)")], set())
    [('S&M spend', 'sm_spend')]
    >>> label_form_terms([M("total_assets_billions", "Sum of Bank Assets ($B)")], set())[1:]
    [('Bank Assets', 'total_assets_billions'), ('total assets', 'total_assets_billions')]
    >>> label_form_terms([M("r", "Total Revenue"), M("r14", "Revenue (Last 14 Days)")], set())
    []
    """
    owners: dict[tuple[str, ...], tuple[str, set[str]]] = {}
    metrics = list(metrics)
    for m in metrics:
        for form in [*label_forms(m.label), *name_forms(m.name)]:
            key = key_of(form)
            if key and key not in taken:
                owners.setdefault(key, (form, set()))[1].add(m.name)
    for m in metrics:
        # "Total Revenue" beside "Revenue (Last 14 Days)": the total names the bare words as
        # well as the noted variant does, so neither owns them (the rules choose, and a bare
        # noun is the total: nl2sql.rules.metric_kinds.plain_over_window); never a form of its
        # own ("weight" of "Total Weight" beside "Average Weight" stays asked)
        rest = _TOTAL_LEAD.sub("", " ".join((m.label or "").split()))
        if rest != " ".join((m.label or "").split()) and key_of(rest) in owners:
            owners[key_of(rest)][1].add(m.name)
    return [(form, next(iter(names))) for form, names in owners.values() if len(names) == 1]
