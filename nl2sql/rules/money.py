"""Money in a condition: "shipments with a value under $10", "金额低于10元的订单".

Why a rule of its own: a threshold that carries a currency ("$", "USD", "元", "美元") is an
amount of money, so it can only apply to something that is money. Read as
``HAVING shipments < 10`` it compares a *count* with dollars — a plausible-looking, wrong
answer. So, when the metric next to the comparison counts rows (its measure aggregates with
``count``/``count_distinct``/``sum_boolean`` or sums the constant 1, or it is a percentage), the money goes to a row
filter on the counted thing's own amount column instead: a categorical dimension of that
thing whose column is the column an amount metric of the model sums ("X with a total under
$10" keeps the rows of X whose total is under 10). With several such columns the noun of the
question ("with a *total*", "with a *value*") picks the one named that way; when nothing fits,
the question is refused with the reason, never answered on the count.

>>> from semantic_layer.catalog import CatalogMetric
>>> is_count_metric(CatalogMetric("n", "N", agg="count_distinct"))
True
>>> is_count_metric(CatalogMetric("sales", "Sales", agg="sum"))
False
"""

from __future__ import annotations

import re

from nl2sql.general import STOP_EN
from nl2sql.lexicon import key_of
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.money_words import MONEY_WORDS as MONEY_WORDS
from nl2sql.rules.money_words import is_money_metric as is_money_metric
from nl2sql.rules.state import ParseState
from nl2sql.rules.units import metric_unit
from nl2sql.unit_words import kind_of, unit_of_word
from semantic_layer.catalog import CatalogDimension, CatalogMetric
from semantic_layer.query import DimensionFilter

#: currency signs written before (or after) the number; the tokenizer keeps them as stop items
SIGNS = frozenset("$¥￥€£₩₹")
#: the currencies a sign or a currency word outside the unit table may stand for
_SIGN_CURRENCY: dict[str, tuple[str, ...]] = {
    "$": ("usd",),
    "bucks": ("usd",),
    "€": ("eur",),
    "£": ("gbp",),
    "¥": ("cny", "jpy"),
    "￥": ("cny", "jpy"),
    "元": ("cny",),
    "块": ("cny",),
    "块钱": ("cny",),
}
#: aggregations that count rows: never a sum of money
_COUNT_AGGS = frozenset({"count", "count_distinct", "sum_boolean"})
#: aggregations over an amount column (what makes that column an amount)
_AMOUNT_AGGS = frozenset({"sum", "average", "avg", "median", "min", "max", "percentile"})


def is_count_metric(m: CatalogMetric) -> bool:
    """Whether ``m`` counts rows (or is a percentage): a money amount never applies to it.

    A count is a ``count``-like aggregation, a sum of the constant 1 (dbt's usual way to count
    rows), or a metric the catalog knows counts an entity (``counts``).
    """
    if m.agg.lower() == "sum" and m.measure_expr.strip() == "1":
        return True
    if sums_count_column(m):
        return True  # SUM(comment_count): the things counted per row, added up
    return m.agg.lower() in _COUNT_AGGS or bool(m.counts) or m.value_format == "percent"


def sums_count_column(m: CatalogMetric) -> bool:
    """Whether ``m`` adds up a column that counts things per row (``SUM(seat_count)``):
    a count of those things (seats, passengers), not of the model's rows."""
    return m.agg.lower() == "sum" and bool(_COUNT_COLUMN.match(m.measure_expr.strip().lower()))


#: a column that holds a count of things per row (``passenger_count``, ``num_seats``): its sum
#: is a count too, never money, whatever the metric's label says ("Total Passengers")
_COUNT_COLUMN = re.compile(r"^(?:[a-z][a-z0-9_]*_(?:count|cnt)|num_[a-z][a-z0-9_]*s)$")


def money_marker(p: ParseState, num: Item) -> Item | None:
    """The currency written with the number ("$10", "10 USD", "10元"), or None.

    A sign is a stop item right before or after the number in the full item list; a currency
    word is a ``money`` role right after it.
    """
    pos = next((k for k, x in enumerate(p.all) if x is num), -1)
    if pos < 0:
        return None
    for k in (pos - 1, pos + 1):
        if 0 <= k < len(p.all):
            x = p.all[k]
            if x.text.strip() in SIGNS or (x.kind == "role" and x.role == "money"):
                return x
            if x.kind == "role" and x.role == "unit" and k > pos:
                unit = unit_of_word(x.text)
                if unit is not None and kind_of(unit) == "money":
                    return x  # "10 USD", "10美元": a currency of the unit table
    return None


def _column(expr: str) -> str:
    """An expression compared as a column name (quotes, case and spaces ignored)."""
    return "".join(expr.replace('"', "").replace("`", "").split()).lower()


def _amount_columns(p: ParseState) -> set[str]:
    """Columns some money metric of the model aggregates as an amount (sum, average, ...)."""
    return {
        _column(m.measure_expr)
        for m in p.catalog.metrics
        if m.measure_expr and m.agg.lower() in _AMOUNT_AGGS and is_money_metric(m)
    }


def amount_dimensions(p: ParseState, metric: str) -> list[CatalogDimension]:
    """Categorical dimensions over an amount column that ``metric`` can filter on, the ones of
    its own rows first (they come first in the metric's dimension list)."""
    m = p.catalog.metric(metric)
    amounts = _amount_columns(p)
    out = [
        d
        for d in p.catalog.dimensions
        if d.dim_type == "categorical"
        and d.expr
        and _column(d.expr) in amounts
        and p.metric_allows(metric, d.name)
    ]
    if m is not None and m.dimensions:
        out.sort(key=lambda d: m.dimensions.index(d.name) if d.name in m.dimensions else 1 << 30)
    return out


def _noun_words(p: ParseState, subject: Item, cmp: Item) -> set[str]:
    """The words between the counted noun and the comparison ("with a *total* under"), as
    singular forms, grammar left out except the nouns users put there ("value", "total")."""
    lo, hi = sorted((subject.end, cmp.start))
    words = set()
    for x in p.all:
        if lo <= x.start and x.end <= hi and x.text.strip():
            for w in key_of(x.text):
                if w not in STOP_EN or w in ("value", "total", "amount"):
                    words.add(w.rstrip("s") if len(w) > 3 else w)
    return words


def _named(d: CatalogDimension, words: set[str]) -> bool:
    """Whether the question's noun words name dimension ``d`` (by its name or label)."""
    own = {w.rstrip("s") if len(w) > 3 else w for w in key_of(d.name.split("__")[-1])}
    own |= {w.rstrip("s") if len(w) > 3 else w for w in key_of(d.label)}
    return bool(words & own)


def _check_currency(p: ParseState, metric: str, marker: Item) -> None:
    """Refuse a currency sign other than the metric's declared currency ("$20" on a metric
    kept in CNY): a rate between currencies is data, never assumed."""
    m = p.catalog.metric(metric)
    own = metric_unit(m) if m is not None else None
    said = _SIGN_CURRENCY.get(marker.text.strip().lower(), ())
    if own is None or kind_of(own) != "money" or not said or own in said:
        return
    raise Refusal(
        f"'{marker.text}' is not the currency {metric} is kept in ({own.upper()}); "
        f"give the amount in {own.upper()}",
        zh=f"“{marker.text}”不是{metric}的币种（{own.upper()}）；请用{own.upper()}表示金额",
        words=[marker.text],
    )


#: words that attach a condition to the noun before them ("bookings *with* a value under $10")
_RELATIVE = frozenset({"with", "whose", "where", "having", "that", "which"})


def _qualified_noun(p: ParseState, subject: Item) -> Item | None:
    """The noun a "<noun> with a <amount> under $N" phrase qualifies, or None."""
    pos = next((k for k, x in enumerate(p.all) if x is subject), -1)
    k = pos - 1
    while k >= 0 and p.all[k].kind == "stop" and p.all[k].text.strip().lower() in ("a", "an"):
        k -= 1
    if k < 1 or p.all[k].text.strip().lower() not in _RELATIVE:
        return None
    noun = p.all[k - 1]
    return noun if noun.kind == "domain" and not noun.used else None


def _per_row_amount(
    p: ParseState, metric: str, subject: Item, op: str, value: float
) -> DimensionFilter | None:
    """ "rentals with a rental value under $100": a money condition on an amount metric of
    the very rows the noun before it counts is a condition on each row, not on the total.

    Returns the row filter on the dimension over the metric's column; raises
    :class:`Refusal` when the model has no such dimension; None when the phrase is not of
    that form (the per-entity reading, "bikes with rental value over $500", stays).
    """
    noun = _qualified_noun(p, subject)
    m = p.catalog.metric(metric)
    if noun is None or m is None or not m.measure_expr or "__" not in (m.agg_time_dimension or ""):
        return None
    owner = (m.agg_time_dimension or "").split("__")[0]
    counted = {s.name for s in noun.senses if s.kind == "entity"}
    for s in noun.senses:
        cm = p.catalog.metric(s.name) if s.kind == "metric" else None
        if cm is not None and is_count_metric(cm):
            counted |= {cm.counts} if cm.counts else set()
            if cm.agg_time_dimension and cm.rows_entity == owner:
                counted.add(owner)
    if owner not in counted:
        return None
    dims = [
        d
        for d in p.catalog.dimensions
        if d.dim_type == "categorical"
        and d.entity == owner
        and _column(d.expr) == _column(m.measure_expr)
    ]
    label = m.label or m.name
    if len(dims) != 1:
        raise Refusal(
            f"'{value:g}' compares the {label} of each one of the {noun.text}, but the model has no "
            f"{label} column of single rows to filter on; ask for the total {label} instead",
            zh=f"“{value:g}”比较的是每个{noun.text}的{label}，但模型没有可按行筛选的{label}字段；"
            f"请改问{label}总额",
            words=[subject.text],
        )
    p.result.notes.append(f"'{subject.text}' under a money amount is a condition on each row")
    return DimensionFilter(dimension=dims[0].name, op=op, values=[value])  # type: ignore[arg-type]


def money_condition(
    p: ParseState, cmp_item: Item, num: Item, subject: Item, metric: str, op: str
) -> bool:
    """Read a money threshold on a count as its row filter (see :func:`money_filter`).

    Returns whether it did; False leaves the condition to the threshold pass (a money amount
    on an amount metric, or no currency at all), which converts or refuses units itself.
    """
    marker = money_marker(p, num)
    if marker is None:
        return False
    value = float(num.number or 0.0)
    row = money_filter(p, metric, subject, cmp_item, op, value)
    if row is not None:
        p.add_metric(metric)  # the count, over the rows whose amount passes
    else:
        # "rentals with a rental value under $100": the noun before is what is answered
        row = _per_row_amount(p, metric, subject, op, value)
    if row is None:
        if marker.kind == "role" and marker.role == "unit":
            return False  # "20 USD": the threshold pass converts or refuses named units
        _check_currency(p, metric, marker)
        marker.used = True  # "超过20元", "over $20" on an amount in that currency
        return False
    marker.used = cmp_item.used = num.used = subject.used = True
    p.filters.append(row)
    return True


def money_filter(
    p: ParseState, metric: str, subject: Item, cmp_item: Item, op: str, value: float
) -> DimensionFilter | None:
    """The row filter a money condition on a count means, None when ``metric`` is money.

    Raises :class:`Refusal` when the metric counts rows and no amount column of the counted
    thing fits (or several fit and the question does not say which).
    """
    m = p.catalog.metric(metric)
    if m is None or not is_count_metric(m):
        return None
    dims = amount_dimensions(p, metric)
    words = _noun_words(p, subject, cmp_item)
    named = [d for d in dims if _named(d, words)]
    if len(named) == 1 or (not named and len(dims) == 1):
        dim = (named or dims)[0]
        p.result.notes.append(f"'{cmp_item.text} {value:g}' is a money amount: {dim.name}")
        return DimensionFilter(dimension=dim.name, op=op, values=[value])  # type: ignore[arg-type]
    label = m.label or m.name
    if not dims:
        raise Refusal(
            f"'{value:g}' is an amount of money, but {label} counts rows and the model has no "
            f"amount column of them to compare; ask about an amount metric instead "
            f"(e.g. a total or revenue over {value:g})",
            zh=f"“{value:g}”是金额，但{label}是计数，模型里没有可比较的金额字段；请改问金额类指标",
            words=[subject.text],
            kind="no_metric",
        )
    options = " or ".join(d.label or d.name for d in (named or dims))
    raise Refusal(
        f"'{value:g}' is an amount of money: say which amount of {label} it applies to ({options})",
        zh=f"“{value:g}”是金额：请说明比较的是{label}的哪个金额（{options}）",
        words=[subject.text],
    )
