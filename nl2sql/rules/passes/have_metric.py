"""Pass: "how many <things> have <count>" — the things with at least one of those rows.

Why: "how many boats have outings" was answered as two totals side by side (every boat and
every outing; on a held-out lodging model, issue #12): the verb "have" was a stop word, so the
question read as "boats, outings". The user counts the boats that have any outing. When the noun
after "have" is a count of rows that can be computed per those things (outings per boat), that
is the condition "more than 0" on it per thing, which the entity-condition reader already
answers ("how many boats have more than 0 outings", ``rules.entity_conditions``).

Only a count: "how many boats have fuel costs" puts a condition on an amount whose limit is unsaid
(above 0? any row at all?), so it is refused like "rentals with a deposit"
(``passes.bare_with``), with the runnable question that says the limit. With a number or a
comparison anywhere after the verb the threshold rules read it as before.
"""

from __future__ import annotations

from nl2sql.interpret import metric_label
from nl2sql.rules.entity_conditions import read_entity_condition
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState

#: forms of "have" that attach a thing's rows to it (general English)
HAVE = frozenset({"have", "has", "had"})
#: words that may stand between the things and "have" ("boats that have", "who had")
_RELATIVE = frozenset({"that", "which", "who", "have", "has", "had"})
#: words that may stand between "have" and the counted noun
_ARTICLES = frozenset({"a", "an", "any", "some"})


def _count_like(p: ParseState, name: str) -> bool:
    """Whether metric ``name`` counts rows (a thing with none of them has no value, never a
    negative one): a plain count, a count of distinct keys, a sum of 1 or of a flag."""
    m = p.catalog.metric(name)
    if m is None or m.metric_type != "simple" or m.filtered:
        return False
    return bool(
        m.counts
        or m.agg in ("count", "count_distinct", "sum_boolean")
        or m.measure_expr.strip() == "1"
    )


def _spoken_after(p: ParseState, k: int) -> int:
    j = k + 1
    while j < len(p.all) and (not p.all[j].text.strip() or p.all[j].text.lower() in _ARTICLES):
        j += 1
    return j if j < len(p.all) else -1


def read_have_metric(p: ParseState) -> None:
    """Read "<things> [that] have <count>" as "more than 0" of the count per thing; refuse it
    for a metric that is no count (module doc)."""
    for k, verb in enumerate(p.all):
        if verb.kind != "stop" or verb.text.strip().lower() not in HAVE or verb.used:
            continue
        b = k - 1
        while b >= 0 and (not p.all[b].text.strip() or p.all[b].text.lower() in _RELATIVE):
            b -= 1
        j = _spoken_after(p, k)
        if b < 0 or j < 0:
            continue
        things, noun = p.all[b], p.all[j]
        if things.kind != "domain" or not things.is_kind("entity") or noun.kind != "domain":
            continue
        counted = p.subject_metric(noun)
        if counted is None or noun.is_kind("value") or noun.used or things.used:
            continue
        rest = p.all[j + 1 :]
        if any(x.kind == "num" or (x.kind == "role" and x.role.startswith("cmp")) for x in rest):
            continue  # "have more than 3 outings" is the thresholds' to read
        if not _count_like(p, counted):
            _refuse_amount(p, things, verb, noun, counted)
        zero = Item("num", "0", verb.end, verb.end, number=0.0)
        if read_entity_condition(p, verb, zero, noun, ">"):
            verb.used = True
            return


def _refuse_amount(p: ParseState, things: Item, verb: Item, noun: Item, counted: str) -> None:
    label = metric_label(p.catalog, counted, "en")
    zh = p.result.lang == "zh"
    asks = [f"{label}大于0的{things.text}" if zh else f"{things.text} with {label} above 0"]
    raise Refusal(
        f"'{verb.text} {noun.text}' puts a condition on {label} without saying how much; give "
        f"a threshold (e.g. '{things.text} with {label} above 0') or ask for {label} itself",
        zh=f"“{verb.text} {noun.text}”是对{label}的条件，但没有说明界限；"
        f"请给出阈值（如“{label}大于0的{things.text}”），或直接问{label}",
        words=asks,
        kind="questions",
    )
