"""Pass: comparisons with a number ("return rate above 15%", "GMV>1000") become HAVING
conditions on the metric next to them.

Why the metric must be adjacent: "SKUs with return rate above 15% and GMV over 1000" holds two
conditions; tying each number to the metric beside it is the only reading that cannot swap
them. A comparison with no metric beside it is refused, and so is a number that counts
another noun than the metric ("average wait for rides on bikes with more than 21 gears": the
number is a count of gears, a dimension of each bike, not a number of rides — read as
``rides > 21`` grouped by gears, it answered a different question).
"""

from __future__ import annotations

from nl2sql.counters import QUANTITY_SUFFIXES
from nl2sql.rules.count_or_amount import read_count_or_amount
from nl2sql.rules.entity_conditions import read_entity_condition
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money import money_condition
from nl2sql.rules.passes.between import read_between
from nl2sql.rules.passes.entity_metric import entity_amount_metric
from nl2sql.rules.passes.metrics import check_average
from nl2sql.rules.person_times import times_of_event_count
from nl2sql.rules.row_conditions import refuse_unit_on_count
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import convert, metric_unit, unit_of_word
from nl2sql.vocabulary.rate_anchors import PERCENT_WORDS
from semantic_layer.catalog import CatalogMetric
from semantic_layer.query import MetricThreshold, ThresholdOp

_NEGATED: dict[ThresholdOp, ThresholdOp] = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}
#: the lexicon's comparison roles (``cmp:>=`` ...) as HAVING operators
_OPS: dict[str, ThresholdOp] = {o: o for o in (">", ">=", "<", "<=", "=", "!=")}


def _number_of(p: ParseState, i: int, it: Item) -> tuple[Item, int]:
    """The number compared with (after the comparison word, else before it)."""
    nxt, prev = p.at(i + 1), p.at(i - 1)
    if nxt is not None and nxt.kind == "num" and not nxt.used:
        return nxt, i + 1
    if prev is not None and prev.kind == "num" and not prev.used:
        return prev, i - 1
    raise Refusal(
        f"'{it.text}' needs a number to compare with", zh=f"“{it.text}”需要一个比较的数字"
    )


def _subject_index(p: ParseState, i: int, num_i: int, it: Item, num: Item) -> int:
    """The index of the metric (or counted noun) the comparison is about."""
    left = min(i, num_i)
    before = p.at(left - 1)
    first = p.its[left]
    pos = next((k for k, x in enumerate(p.all) if x is first), 0)
    if (
        before is not None
        and p.role_at(left - 1, "howmany")
        and pos > 1
        and p.all[pos - 1] is before
    ):
        # "座位数超过200": the number of seats is the seats dimension, compared the same way
        before, pos = p.at(left - 2), pos - 1
    if (
        before is not None
        and pos > 0
        and p.all[pos - 1] is before  # written right before the comparison: its subject
        and before.kind == "domain"
        and not before.used
        and before.is_kind("dimension")
        and not before.is_kind("metric")
        and not before.is_kind("value")
        and not p.count_metric(before)
    ):  # "座位超过100的航班": the number is compared with a dimension, not a metric
        raise Refusal(
            f"'{before.text} {it.text} {num.text}' compares {before.text}, which is not a "
            f"metric; conditions on {before.text} are not supported here: ask by "
            f"{before.text} instead",
            zh=f"“{before.text}{it.text}{num.text}”比较的是{before.text}，它不是指标；"
            f"暂不支持这样的条件，可以改为按{before.text}统计",
            words=[before.text],
        )
    lead = left - 1
    if (
        p.role_at(left - 1, "howmany")
        and p.its[left - 1].used
        and not any(p.role_at(j, "howmany") for j in range(left, len(p.its)))
    ):
        # "航行事件数超过500的航线": the count suffix is already part of the counted noun before
        # it (passes.counts.read_counted_nouns), which is the subject. A count asked after it
        # ("…的航空公司有多少家") counts the things that pass: left refused, as below
        lead = left - 2
    suffix, metric = p.at(left - 1), p.at(left - 2)
    if (
        before is not suffix
        and suffix is not None
        and metric is not None
        and metric.kind == "domain"
        and metric.is_kind("metric")
        and (
            suffix.text.strip() in QUANTITY_SUFFIXES
            or times_of_event_count(p, metric, suffix.text.strip())  # 出院人次超过2000
        )
    ):
        # "退货数量超过1000": the quantity metric 退货 names ("Return Units"), before 数量, is
        # compared. Only a metric's own word before 数量 / 总量: "航班数超过10000的航空公司有多少家"
        # (a count suffix on an entity, then a count of the things that pass) stays refused
        lead = left - 2
    for j in (lead, max(i, num_i) + 1):
        cand = p.at(j)
        if (
            cand is not None
            and cand.kind == "domain"
            and not cand.is_kind("value")
            and (cand.is_kind("metric") or p.count_metric(cand))
        ):
            return j
    cand = p.at(left - 1)
    if cand is not None and cand.kind == "domain" and not cand.is_kind("value"):
        return left - 1
    raise Refusal(
        f"I can't tell which metric '{it.text} {num.text}' is about; "
        "name the metric next to the comparison",
        zh=f"看不出“{it.text}{num.text}”说的是哪个指标；请把指标写在比较词旁边",
        kind="no_metric",
    )


def _counted_noun(p: ParseState, num: Item) -> Item | None:
    """The model term written right after the number ("100 *seats*", "100个*座位*"): what the
    number counts. Only a Chinese classifier may stand between; "的" ends the phrase
    ("GMV超过1500的渠道": the channels are what is listed, not what is counted)."""
    pos = next((k for k, x in enumerate(p.all) if x is num), -1)
    for x in p.all[pos + 1 :] if pos >= 0 else ():
        if x.kind == "stop" and len(x.text) == 1 and "\u4e00" <= x.text <= "\u9fff":
            if x.text == "的":
                return None
            continue  # 个, 家, 位 ...
        return x if x.kind == "domain" and not x.used else None
    return None


def _check_counted_noun(p: ParseState, subject: Item, num: Item, it: Item, metric: str) -> None:
    """Refuse when the number counts a noun other than the compared metric's."""
    noun = _counted_noun(p, num)
    if noun is None or noun is subject:
        return
    if p.subject_metric(noun) == metric:
        return  # "orders over 100 orders" says the same thing twice
    _refuse_counted_noun(subject, num, it, noun)


def _refuse_counted_noun(subject: Item, num: Item, it: Item, noun: Item) -> None:
    """The number counts ``noun``, which no reading ties to ``subject``."""
    raise Refusal(
        f"'{it.text} {num.text} {noun.text}' compares a number of {noun.text}, not "
        f"{subject.text}; a condition on {noun.text} is not supported here: ask about "
        f"{subject.text} by {noun.text} instead",
        zh=f"“{it.text}{num.text}{noun.text}”比较的是{noun.text}的数目，不是{subject.text}；"
        f"暂不支持这样的条件，可以改问按{noun.text}统计的{subject.text}",
        words=[noun.text],
    )


def _unit_after(p: ParseState, num_i: int) -> tuple[Item, str] | None:
    """The duration unit word right after the number ("48 hours", "48小时"), if any."""
    nxt = p.at(num_i + 1)
    if nxt is None or nxt.kind != "role" or nxt.used:
        return None
    if not (nxt.role == "unit" or nxt.role.startswith("grain:")):
        return None
    unit = unit_of_word(nxt.text)
    return (nxt, unit) if unit else None


def _in_metric_unit(p: ParseState, metric: str, num_i: int, num: Item, value: float) -> float:
    """``value`` converted from the unit typed after it to the metric's unit."""
    typed = _unit_after(p, num_i)
    if typed is None:
        return value
    word, unit = typed
    m = p.catalog.metric(metric)
    own = metric_unit(m) if m is not None else None
    if own is None:
        refuse_unit_on_count(p, metric, num, word, unit)
        raise Refusal(
            f"'{num.text} {word.text}': the model does not say in which unit {metric} is "
            "counted (declare it as config.meta.unit), so the number cannot be converted",
            zh=f"“{num.text}{word.text}”：模型没有说明{metric}的单位（config.meta.unit），无法换算",
        )
    word.used = True
    if unit != own:  # the interpretation says "2 hours = 120 minutes" (nl2sql.rules.units)
        p.result.converted_numbers.append((value, unit, own))
    return convert(value, unit, own)


def in_percent_points(m: CatalogMetric) -> bool:
    """Whether a metric that is no fraction says its values are percentages: its definition
    multiplies a division by 100, its name ends in a percent word (``gross_margin_pct``) or its
    label in a percent sign ("Gross Margin %").
    Such a metric is a percentage in points (``x * 100``): "below 60%" compares with 60.

    >>> in_percent_points(CatalogMetric("gross_margin_pct", "Gross Margin %"))
    True
    >>> in_percent_points(CatalogMetric("revenue", "Revenue"))
    False
    """
    if m.percent_points:  # its definition multiplies a division by 100 (``catalog_builder``)
        return True
    words = [w for w in m.name.lower().split("_") if w]
    label = m.label.strip()
    return (len(words) > 1 and words[-1] in PERCENT_WORDS) or label.endswith(("%", "(%)", "（%）"))


def _threshold_value(p: ParseState, metric: str, num: Item, num_i: int) -> float:
    """The number on the metric's scale (percent metrics are stored as fractions, durations
    in the metric's unit)."""
    m = p.catalog.metric(metric)
    value = _in_metric_unit(p, metric, num_i, num, float(num.number or 0.0))
    is_pct = m is not None and m.value_format == "percent"
    if num.pct and m is not None and not is_pct and in_percent_points(m):
        return value  # "毛利率低于60%" on a "Gross Margin %" already in points: 60
    if num.pct:
        if not is_pct:
            raise Refusal(
                f"{metric} is not a percentage, so '{num.text}' does not apply",
                zh=f"{metric}不是百分比，“{num.text}”不适用",
            )
        value /= 100
    elif is_pct and value > 1:
        value /= 100
    return value


def _refuse_or_conditions(p: ParseState, i: int) -> None:
    """Conditions joined by "or" would need a disjunction the query model does not have."""
    for j in range(i + 1, len(p.its)):
        if p.role_at(j, "or"):
            if any(x.kind == "role" and x.role.startswith("cmp:") for x in p.its[j + 1 :]):
                raise Refusal(
                    "conditions joined by 'or' are not supported; ask each condition separately",
                    zh="不支持用“或”连接的条件；请分别提问每个条件",
                )
            break


def _read_ranges(p: ParseState) -> None:
    """ "<metric> between X and Y": two conditions, at least X and at most Y (passes.between)."""
    for subject, low, high, extra in read_between(p):
        metric = p.subject_metric(subject)
        if metric is None:
            continue
        bounds: tuple[tuple[Item, ThresholdOp], ...] = ((low, ">="), (high, "<="))
        for num, cmp in bounds:
            num_i = next((j for j, x in enumerate(p.its) if x is num), -1)
            value = _threshold_value(p, metric, num, num_i)
            p.having.append(MetricThreshold(metric=metric, op=cmp, value=value))
        p.add_metric(metric)
        for x in (subject, low, high, *extra):
            x.used = True
        p.threshold_items.extend((subject, low, high))


def read_thresholds(p: ParseState) -> None:
    """Turn every comparison word with its number and metric into a :class:`MetricThreshold`."""
    _read_ranges(p)
    for i, it in enumerate(p.its):
        if it.kind != "role" or not it.role.startswith("cmp:") or it.used:
            continue  # used: a row condition already (passes.column_conditions)
        op = it.role.split(":")[1]
        nxt = p.at(i + 1)
        if op in ("=", "!=") and nxt is not None and nxt.is_kind("value"):
            it.used = True  # "channel = jd": a filter, handled with the values
            if op == "!=":
                nxt.role = "negated"
            continue
        num, num_i = _number_of(p, i, it)
        cmp = _OPS[op]
        if p.role_at(i - 1, "neg") or p.role_at(i - 2, "neg"):
            cmp = _NEGATED.get(cmp, cmp)
        if read_count_or_amount(p, it, num, cmp):
            continue  # "orders worth over 50": the amount's row filter (rules.count_or_amount)
        noun = _counted_noun(p, num) if num_i > i else None
        if read_entity_condition(p, it, num, noun, cmp):
            continue  # "customers with more than 3 orders": orders per customer (entity_conditions)
        subject_i = _subject_index(p, i, num_i, it, num)
        subject = p.its[subject_i]
        metric = p.subject_metric(subject) or entity_amount_metric(p, subject)
        if metric is None:
            raise Refusal(
                f"'{subject.text}' is not a metric, so '{it.text} {num.text}' "
                "cannot be applied to it",
                zh=f"“{subject.text}”不是指标，不能用“{it.text}{num.text}”",
                words=[subject.text],
            )
        if num_i > i:  # "more than 100 seats": the number counts the noun after it
            _check_counted_noun(p, subject, num, it, metric)
        if p.role_at(subject_i - 1, "avg"):
            # "average orders above 20": the average word is read, never dropped — on a
            # total it is refused as with no threshold (it compared the total itself)
            p.its[subject_i - 1].used = True
            check_average(p, metric, p.its[subject_i - 1].text)
        if money_condition(p, it, num, subject, metric, cmp):
            continue  # "$10" on a count: a row filter on the amount (rules.money)
        value = _threshold_value(p, metric, num, num_i)
        p.having.append(MetricThreshold(metric=metric, op=cmp, value=value))
        p.add_metric(metric)
        it.used = num.used = subject.used = True
        p.threshold_items.extend((it, num, subject))
        _refuse_or_conditions(p, i)
