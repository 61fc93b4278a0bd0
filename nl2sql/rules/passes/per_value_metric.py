"""Pass: a rate filtered to one value, when the model publishes that rate for that value, is
the published one ("lounge upgrade rate" is "Upgrade rate — lounge", not "Upgrade rate"
filtered to lounge taps).

Why: a model that breaks a ratio down by kind publishes one metric per kind, labelled "<rate>
— <kind>", because filtering the general ratio to a kind filters its denominator too: the
share of riders who upgraded *among riders with a lounge tap* instead of among all eligible
riders, a different and much larger number. On a fresh web-analytics project "商品列表的功能
采用率" was answered that way (0.35 where the model's own per-kind metric gives 0.26) — a wrong
answer. Only one metric, one equality condition with one value, and one published metric whose
label is exactly the metric's label (without its bracketed note) plus that value's words; the
condition is then part of the metric and dropped. Anything else (two values, an exclusion, a
label with other words) stays as read.
"""

from __future__ import annotations

import re
from typing import Any

from nl2sql.rules.items import Refusal
from nl2sql.rules.partial_before_metric import label_words
from nl2sql.rules.state import ParseState

_WORD = re.compile(r"[a-z0-9]+")


def prefer_per_value_metric(p: ParseState) -> None:
    """Replace "<rate> where <dim> = <value>" by the published "<rate> — <value>"."""
    if len(p.metrics) != 1:
        return
    eq = [f for f in p.filters if f.op == "=" and len(f.values) == 1]
    if len(eq) != 1 or eq[0].dimension in p.group_by:
        return
    f = eq[0]
    general = p.catalog.metric(p.metrics[0])
    if general is None:
        return
    core = label_words(general.label or general.name, core=True)
    words = set(_WORD.findall(str(f.values[0]).lower().replace("_", " ")))
    if not core or not words or words <= core:
        return
    hits = [
        m
        for m in p.catalog.metrics
        if m.name != general.name
        and not m.implied
        and f.dimension in m.dimensions
        and label_words(m.label or m.name) == core | words
    ]
    if not hits and general.metric_type == "ratio":
        _refuse_unpublished_kind(p, general, core, f.dimension, str(f.values[0]))
    if len(hits) != 1:
        return
    p.metrics[0] = hits[0].name
    p.filters.remove(f)


def _refuse_unpublished_kind(
    p: ParseState, general: Any, core: set[str], dim: str, value: str
) -> None:
    """Refuse a ratio filtered to a value when the model publishes that ratio for *other*
    values of the same dimension, but not for this one.

    Why: such published metrics ("Upgrade rate — lounge") show how the model's owner takes a
    kind's rate — the kind's numerator over the general denominator — while the general ratio
    filtered to the value divides by that kind's rows only (MetricFlow applies a query's
    ``where`` to both inputs of a ratio), a different, larger number, read as the same
    definition (zhfresh22: "boarding upgrade rate"). Without any published kind the segment's
    rate (both sides filtered) is the usual BI reading and stays.
    """
    d = p.catalog.dimension(dim)
    others = [str(v) for v in (d.values if d is not None else ()) if str(v) != value]
    published = [
        m
        for v in others
        for m in p.catalog.metrics
        if m.name != general.name
        and dim in m.dimensions
        and label_words(m.label or m.name) == core | set(_WORD.findall(v.lower().replace("_", " ")))
    ]
    if not published:
        return
    label = general.label or general.name
    shown = [m.label or m.name for m in published[:2]]
    raise Refusal(
        f"the model publishes '{label}' for some values of {dim.split('__')[-1]} "
        f"({', '.join(shown)}) but not for '{value}': filtered to it, '{label}' would divide by "
        f"the '{value}' rows only, not as the published ones do; ask for a published one or "
        f"for '{label}' without the condition",
        zh=f"模型只为部分取值发布了“{label}”（{'、'.join(shown)}），没有“{value}”的：按它筛选后，"
        f"分母只剩“{value}”的行，与已发布指标的口径不同；请改问已发布的指标，或不加该条件的“{label}”",
        words=[*shown, label],
        kind="questions",
    )
