"""Pass: a period on a count of things dated by their own first date is asked back.

Rule: "2018年3月的客户数" / "how many customers in March 2018" on a count kept on the
customers' own rows, dated by their *first* event (a date named "first …": ``first_order_date``;
an order's own date is when it happened, "orders last month" is all of them), kept only the
customers *first* dated in March: a "new customers" reading the question never said. When the
model also counts the same things over another thing's rows (distinct buyers over the orders:
the ones active in the period), the question has two readings, so it is asked back with both
written out: the active count in the period and the count by that date in the period. The
same holds for a time grain without a period ("members by month", ``ask_own_rows_grain``): each
month's first-dated members and each month's active members differ in number, so it is asked
back too (session 27; before, only the axis was named, and the count by first date answered).

Not asked back: a question that says which one — a "new"/"first" word (新, 新增, 首次, "new"),
the date's own name ("with first order date in March"), or a verb (settled by
``rules.other_event_verbs``); a model with no activity count (the own date is then the only
reading).
"""

from __future__ import annotations

from nl2sql.lexicon import key_of
from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState
from semantic_layer.catalog import CatalogMetric

#: general words that say the first time a thing was seen ("new customers", 新客户, 首次下单)
FIRST_WORDS = frozenset(
    {"new", "newly", "first", "新", "新增", "新的", "首次", "首", "首单", "新客", "新开"}
)


#: words of a date's name that make it the thing's first event ("first_order_date", first_seen)
FIRST_DATE_WORDS = frozenset({"first", "earliest"})


def _own_rows_count(p: ParseState) -> CatalogMetric | None:
    """The one metric asked, when it counts the things of its own rows (dated by their own
    column); None otherwise."""
    if len(p.metrics) != 1:
        return None
    cm = p.catalog.metric(p.metrics[0])
    if cm is None or not cm.counts or cm.counts != cm.rows_entity or cm.filtered:
        return None
    return cm


def _activity_count(p: ParseState, cm: CatalogMetric) -> CatalogMetric | None:
    """A metric counting the same things over another thing's rows (the active ones)."""
    for other in p.catalog.metrics:
        if (
            other.counts == cm.counts
            and other.rows_entity not in ("", cm.counts)
            and not other.filtered
            and other.metric_type == "simple"
        ):
            return other
    return None


def _says_which(p: ParseState, date: str) -> bool:
    """Whether the question itself says the first date, names the date or has a verb."""
    for x in p.all:
        low = x.text.strip().lower()
        if FIRST_WORDS & {low, *low.split(), *(ch for ch in low if "\u4e00" <= ch <= "\u9fff")}:
            return True  # "new", "new patrons" (a metric named new), 新客户
        if key_of(low) in p.lex.verbs or key_of(low) in p.lex.dated_verbs:
            return True
        senses = [x.sense] if x.sense is not None else x.senses
        if any(s.kind == "dimension" and s.name == date for s in senses):
            return True
    return False


def _two_readings(p: ParseState) -> tuple[CatalogMetric, CatalogMetric, str] | None:
    """(the first-dated count, the activity count, the date's words) when the one metric asked
    counts things by their own first date and the model also counts them active; None when
    the question or the metric already says which."""
    if p.axis_time is not None or p.context is not None:
        return None
    cm = _own_rows_count(p)
    if cm is None or not cm.agg_time_dimension:
        return None
    if FIRST_WORDS & set(f"{cm.name} {cm.label}".lower().replace("_", " ").split()):
        return None  # the metric itself says it counts the new ones ("New Patrons")
    d = p.catalog.dimension(cm.agg_time_dimension)
    date = d.label if d is not None and d.label else cm.agg_time_dimension.split("__")[-1]
    date = date.replace("_", " ")
    named = f"{cm.agg_time_dimension.split('__')[-1].replace('_', ' ')} {date}".lower()
    if not FIRST_DATE_WORDS & set(named.split()) and "首" not in named:
        return None  # an order's own date is when it happened: "orders last month" is all
    active = _activity_count(p, cm)
    if active is None or _says_which(p, cm.agg_time_dimension):
        return None
    return cm, active, date


#: a time grain's word in Chinese, for the questions offered ("每月的…")
_GRAIN_ZH = {"day": "天", "week": "周", "month": "月", "quarter": "季度", "year": "年"}


def ask_own_rows_grain(p: ParseState) -> None:
    """Ask back a time grain with no period on a first-dated count when an activity count
    exists ("members by month": first-dated each month, or active each month?)."""
    if p.result.time is not None:
        return  # a period: ask_own_rows_period
    grains = [g.split("__")[-1] for g in p.group_by if g.startswith("metric_time__")]
    if len(grains) != 1 or grains[0] not in _GRAIN_ZH:
        return
    found = _two_readings(p)
    if found is None:
        return
    cm, active, date = found
    grain, label, act = grains[0], cm.label or cm.name, active.label or active.name
    zh = p.result.lang == "zh"
    asks = (
        [f"每{_GRAIN_ZH[grain]}的{act}"]
        if zh
        else [f"{act} by {grain}", f"{label} by {grain} of {date}"]
    )
    raise Refusal(
        f"'{label}' by {grain} places each one once, in the {grain} of its {date}; {act} counts "
        f"the ones active each {grain}; say which",
        zh=f"按{_GRAIN_ZH[grain]}统计的“{label}”把每个只按其{date}计入一次；"
        f"{act}算的是每{_GRAIN_ZH[grain]}有记录的；请说明是哪一个",
        words=asks,
        kind="questions",
    )


def ask_own_rows_period(p: ParseState) -> None:
    """Ask back a period on a first-dated count when an activity count exists (module doc)."""
    if p.result.time is None:
        return
    found = _two_readings(p)
    if found is None:
        return
    cm, active, date = found
    period = next((x.text for x in p.all if x.kind == "time"), "")
    if not period:
        return
    label, act = cm.label or cm.name, active.label or active.name
    zh = p.result.lang == "zh"
    asks = [
        f"{period}的{act}" if zh else f"{act} in {period}",
        f"{label} with {date} in {period}",
    ]
    raise Refusal(
        f"'{label}' is dated by each one's {date}: in {period} it counts only the ones first "
        f"dated then; {act} counts the ones active then; say which",
        zh=f"“{label}”按各自的{date}计时：限定{period}只算{date}在这段时间的；"
        f"{act}算的是这段时间有记录的；请说明是哪一个",
        words=asks,
        kind="questions",
    )


def _first_word_value(p: ParseState, cm: CatalogMetric) -> tuple[str, str] | None:
    """(dimension, value) of the filter a "new" word made on the counted things' own
    dimension ("new riders": segment = new), when the question does not name that dimension."""
    for f in p.filters:
        if f.op != "=" or len(f.values) != 1 or not f.dimension.startswith(f"{cm.counts}__"):
            continue
        value = str(f.values[0])
        if value.strip().lower() not in FIRST_WORDS:
            continue
        named = any(
            s.kind == "dimension" and s.name == f.dimension
            for x in p.all
            if x.kind == "domain" and x.text.strip().lower() != value.strip().lower()
            for s in ([x.sense] if x.sense is not None else x.senses)
        )
        if not named:
            return f.dimension, value
    return None


def ask_new_value_period(p: ParseState) -> None:
    """Ask back "new <things> in <period>" when "new" is also a value of the things' own
    dimension and the count is dated by each thing's own date.

    Why: "new customers in March 2018" read "new" as the value of a segment column and counted
    the customers of that segment first dated in March (23), where the customers first dated
    in March are the new ones of that month (27): both readings are plain English, and the one
    taken was a wrong answer to the other (issue #12). Saying the dimension ("segment new")
    settles it; without a period "new customers" is the segment's, as before.
    """
    if p.result.time is None or p.axis_time is not None or p.context is not None:
        return
    cm = _own_rows_count(p)
    if cm is None or not cm.agg_time_dimension:
        return
    hit = _first_word_value(p, cm)
    period = next((x.text for x in p.all if x.kind == "time"), "")
    if hit is None or not period:
        return
    dim, value = hit
    d = p.catalog.dimension(dim)
    dim_label = (d.label if d is not None and d.label else dim.split("__")[-1]).replace("_", " ")
    dated = p.catalog.dimension(cm.agg_time_dimension)
    date = (
        dated.label if dated is not None and dated.label else cm.agg_time_dimension.split("__")[-1]
    ).replace("_", " ")
    label = cm.label or cm.name
    zh = p.result.lang == "zh"
    asks = (
        [f"{period}{dim_label}为{value}的{label}", f"{period}的{label}"]
        if zh
        else [f"{label} with {dim_label} {value} in {period}", f"{label} in {period}"]
    )
    raise Refusal(
        f"'{value}' is a value of {dim_label}, and '{label}' in {period} already counts the ones "
        f"whose {date} falls in {period} (the new ones then); say which: {dim_label} {value}, "
        f"or all first dated in {period}",
        zh=f"“{value}”是{dim_label}的一个取值，而{period}的“{label}”按{date}计，本身就是这段时间"
        f"新出现的；请说明是{dim_label}为{value}的，还是{date}在{period}的全部",
        words=asks,
        kind="questions",
    )
