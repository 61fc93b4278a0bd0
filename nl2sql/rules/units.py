"""Units in questions: "longer than 2 hours" on a metric in minutes, "distance in km" on miles.

Why convert or refuse, never ignore: "超过48小时" compared with a metric counted in days is off
by a factor of 24, and "total ride length in km" answered in miles is off by 1.6. A metric's unit
is what the model declares (``config.meta.unit`` on the metric or its measure), else what its
name, label or its measure's name says (``delivery_time_days``, "Revenue (USD)",
``distance_km``, ``late_fees_usd``), else "in <unit>" in its or its measure's description
("Total length ridden, in miles."). Then a unit the question names is

- the metric's own: absorbed ("平均骑行距离（英里）", "in USD");
- of the same kind: converted by the fixed factor of :mod:`nl2sql.unit_words` — a threshold's
  number before the comparison, an answer's values by a converted column
  (:class:`UnitConversion`, labelled "in km (converted from miles)");
- anything else (another currency, a unit the metric does not have): refused.

>>> unit_of_word("hours"), unit_of_word("小时"), unit_of_word("天"), unit_of_word("GMV")
('hour', 'hour', 'day', None)
>>> convert(48, "hour", "day")
2.0
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import sqlglot
from sqlglot import exp

from nl2sql.interpret import metric_label
from nl2sql.rules.items import Refusal
from nl2sql.scale_words import SCALES, ScaleConversion
from nl2sql.unit_words import WORDS, UnitConversion, convertible, factor, unit_name, unit_of_word
from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric
from semantic_layer.measure_facts import counts_rows
from semantic_layer.query import SemanticQuery

__all__ = [
    "UnitConversion",
    "answer_unit",
    "conversion_note",
    "conversion_wrap",
    "convert",
    "converted_label",
    "in_asked_unit",
    "metric_unit",
    "unit_of_word",
    "wrap_converted",
]

_NAME_WORDS = sorted(
    {w for words in WORDS.values() for w in words if w.isascii() and " " not in w}, key=len
)[::-1]
_ZH_WORDS = sorted({w for words in WORDS.values() for w in words if not w.isascii()}, key=len)[::-1]
#: a unit as a word of a name or label: ``_min``, ``_km``, ``(minutes)``, "（英里）", "in USD"
_IN_NAME = re.compile(
    r"(?:^|[_\s(（])(" + "|".join(map(re.escape, _NAME_WORDS + _ZH_WORDS)) + r")(?:$|[_\s)）])"
)
#: a description that states the unit: "... in minutes", "(in hours)", "in USD" — not a rate
#: ("in miles per hour" is a speed, no length)
_IN_DESCRIPTION = re.compile(
    r"\bin (" + "|".join(map(re.escape, _NAME_WORDS)) + r")\b(?!\s*(?:per\b|/|an?\s+hour))"
)


#: a rate ("miles_per_hour", "km/h", "USD per unit"): its units are not the value's unit
_RATE = re.compile(r"(?:^|[_\s(（])per(?:$|[_\s)）])|\w/\w")


def _unit_in(texts: tuple[str, ...], descriptions: tuple[str, ...]) -> str | None:
    """The unit the first of ``texts`` (names, labels) states as a word of its own, else the
    first ``descriptions`` states as "in <unit>"; names of rates state none."""
    for text in texts:
        found = _IN_NAME.search(text.lower()) if text and not _RATE.search(text.lower()) else None
        if found:
            return unit_of_word(found.group(1))
    for text in descriptions:
        said = _IN_DESCRIPTION.search(text.lower()) if text else None
        if said:
            return unit_of_word(said.group(1))
    return None


def metric_unit(m: CatalogMetric) -> str | None:
    """The metric's unit: declared, else from its names, else from its descriptions.

    >>> metric_unit(CatalogMetric("delay", "Delay", description="Mean delay in minutes."))
    'minute'
    >>> metric_unit(CatalogMetric("wind", "Wind", description="Mean wind in miles per hour.")) is None
    True
    >>> metric_unit(CatalogMetric("fees", "Fees", measure="fee_usd")), metric_unit(
    ...     CatalogMetric("haul", "Haul", unit="km"))
    ('usd', 'kilometer')
    """
    if m.unit and unit_of_word(m.unit):
        return unit_of_word(m.unit)
    return _unit_in((m.name, m.label, m.measure), (m.description, m.measure_description))


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit``; refuses units of another kind and
    other currencies (a rate is data, not a definition)."""
    if not convertible(from_unit, to_unit) and from_unit != to_unit:
        raise Refusal(
            f"a number in {unit_name(from_unit, 'en')} cannot be compared with a metric in "
            f"{unit_name(to_unit, 'en')}: there is no fixed factor between them; write the "
            f"number in {unit_name(to_unit, 'en')}",
            zh=f"{unit_name(from_unit, 'zh')}与{unit_name(to_unit, 'zh')}之间没有固定换算，"
            f"无法比较；请用{unit_name(to_unit, 'zh')}写出数字",
        )
    return value * factor(from_unit, to_unit)


def answer_unit(catalog: Catalog, metrics: list[str], text: str) -> list[UnitConversion]:
    """What a unit asked for the answer ("in km", "多少小时", "（英里）") does to ``metrics``:
    nothing when it is their own unit (absorbed), conversions when it is another unit of the
    same kind; raises :class:`Refusal` for any other unit (another currency, another kind, a
    metric whose unit the model does not say)."""
    asked = unit_of_word(text)
    if asked is None or not metrics:
        raise Refusal(
            f"I can't apply the unit '{text}' here; results are in the metric's own unit",
            zh=f"这里无法使用单位“{text}”；结果按指标本身的单位给出",
            words=[text],
        )
    out: list[UnitConversion] = []
    owners = [
        n
        for n in metrics
        if (x := catalog.metric(n)) is not None
        and (u := metric_unit(x)) is not None
        and (u == asked or convertible(u, asked))
    ]
    for name in metrics:
        m = catalog.metric(name)
        own = metric_unit(m) if m is not None else None
        if own == asked:
            continue
        if own is None and owners and m is not None and counts_rows(m.agg, m.measure_expr):
            # "average weight in kg and parcels": the unit is the weight's; a count of rows is
            # never in a unit, so the unit is not asked of it
            continue
        label = m.label if m is not None else name
        if own is None and (values := _values_named(catalog, text)):
            # "users in GB": a unit word that is also a value of the model (a country code);
            # read as neither, the reader is told how to ask for the value — with every
            # dimension holding it (customer, destination, warehouse country), not the first
            named = [f"{dim.label} {val}" for dim, val in values]
            en_or = "' or '".join(named)
            zh_or = "”或“".join(named)
            raise Refusal(
                f"'{text}' reads as a unit ({unit_name(asked, 'en')}), which {label} is not "
                f"counted in; for the value, name its dimension: '{en_or}'",
                zh=f"“{text}”被读作单位（{unit_name(asked, 'zh')}），但{label}没有这个单位；"
                f"如果指的是取值，请写明维度：“{zh_or}”",
                words=[text, *(f"{_lead(text)}{n}" for n in named)],
                kind="replace",
            )
        if own is None:
            raise Refusal(
                f"the model does not say in which unit {label} is counted (declare it as "
                f"config.meta.unit), so it cannot be given in {unit_name(asked, 'en')}",
                zh=f"模型没有说明{label}的单位（config.meta.unit），无法按{unit_name(asked, 'zh')}给出",
                words=[text],
            )
        if not convertible(own, asked):
            raise Refusal(
                f"{label} is in {unit_name(own, 'en')}; it cannot be given in "
                f"{unit_name(asked, 'en')} (no fixed factor between them); ask without "
                f"'{text}' for {unit_name(own, 'en')}",
                zh=f"{label}的单位是{unit_name(own, 'zh')}，无法换算成{unit_name(asked, 'zh')}"
                f"（两者之间没有固定换算）；去掉“{text}”即按{unit_name(own, 'zh')}给出",
                words=[text],
            )
        out.append(UnitConversion(name, own, asked))
    return out


def _lead(text: str) -> str:
    """The preposition the unit phrase began with ("in "), kept before the dimension's name."""
    m = re.match(r"\s*(in\s+)", text, flags=re.IGNORECASE)
    return m.group(1) if m else ""


def _values_named(catalog: Catalog, text: str) -> list[tuple[CatalogDimension, str]]:
    """Every categorical dimension (with its value) whose values spell the unit word of
    ``text`` ("in GB" -> customer country GB, destination country GB, …), in model order."""
    word = re.sub(r"^(?:in\s+|多少)", "", text.strip(), flags=re.IGNORECASE).strip().lower()
    out = []
    for d in catalog.dimensions:
        for v in d.values:
            if str(v).lower() == word:
                out.append((d, str(v)))
                break
    return out


def wrap_converted(
    sql: str, dialect: str, conversions: Sequence[UnitConversion], query: SemanticQuery
) -> str:
    """``sql`` with each converted column added (``metric * factor``), built by sqlglot, in
    the query's order (a wrapping SELECT keeps no order of its own).

    >>> q = SemanticQuery(metrics=["dist"])
    >>> wrap_converted("SELECT 10 AS dist", "duckdb", [UnitConversion("dist", "mile", "kilometer")], q)
    'SELECT *, "dist" * 1.609344 AS "dist__in_kilometer" FROM (SELECT 10 AS dist) AS "u"'
    """
    cols: list[exp.Expr] = [exp.Star()]
    for c in conversions:
        scaled = exp.Mul(
            this=exp.column(c.metric, quoted=True), expression=exp.Literal.number(c.factor)
        )
        cols.append(exp.alias_(scaled, c.column, quoted=True))
    inner = sqlglot.parse_one(sql, read=dialect)
    out = exp.select(*cols).from_(
        exp.Subquery(this=inner, alias=exp.TableAlias(this=exp.to_identifier("u", quoted=True)))
    )
    desc = {o.name: o.descending for o in query.order_by}
    names = [o.name for o in query.order_by] + [g for g in query.group_by if g not in desc]
    if names:
        out = out.order_by(
            *(exp.Ordered(this=exp.column(n, quoted=True), desc=desc.get(n, False)) for n in names)
        )
    return out.sql(dialect=dialect)


def converted_label(catalog: Catalog, column: str, lang: str) -> str | None:
    """The heading of a converted column ("Total Ride Length in km (converted from miles)"), None
    for any other column."""
    base, sep, unit = column.rpartition("__in_")
    m = catalog.metric(base) if sep else None
    if m is not None and unit in SCALES:  # "GMV in thousands (÷1,000)"
        return ScaleConversion(base, "", unit).note(metric_label(catalog, base, lang), lang)
    own = metric_unit(m) if m is not None else None
    if m is None or own is None or not convertible(own, unit):
        return None
    return UnitConversion(base, own, unit).note(metric_label(catalog, base, lang), lang)


def conversion_wrap(
    inner: Callable[[str, str], str] | None,
    conversions: Sequence[UnitConversion],
    query: SemanticQuery,
) -> Callable[[str, str], str]:
    """A ``wrap(sql, dialect)`` adding the converted columns over ``inner``'s result (a share or
    change wrap, or none), for the DuckDB and the Spark path alike."""

    def wrap(sql: str, dialect: str) -> str:
        base = inner(sql, dialect) if inner is not None else sql
        return wrap_converted(base, dialect, conversions, query)

    return wrap


def conversion_note(
    catalog: Catalog,
    conversions: Sequence[UnitConversion],
    lang: str,
    numbers: Sequence[tuple[float, str, str]] = (),
) -> str:
    """The interpretation's note on converted columns and condition numbers: "; Total Ride
    Length in km (converted from miles); 1500 km = 932.06 miles"."""
    notes = [c.note(metric_label(catalog, c.metric, lang), lang) for c in conversions]
    gap = "" if lang == "zh" else " "
    for value, typed, own in numbers:
        notes.append(
            f"{value:g}{gap}{unit_name(typed, lang, value)} = "
            f"{convert(value, typed, own):,.6g}{gap}{unit_name(own, lang, convert(value, typed, own))}"
        )
    if not notes:
        return ""
    return "；" + "；".join(notes) if lang == "zh" else "; " + "; ".join(notes)


def in_asked_unit(frame: Any, labels: dict[str, str], conversions: Sequence[UnitConversion]) -> Any:
    """The result as a chart shows it: a converted metric's column holds the converted values
    under the converted heading (the user asked for km, the bars are in km); ``labels`` is
    updated in place. ``frame`` is a pandas DataFrame (returned as a copy when changed)."""
    todo = [c for c in conversions if c.column in frame.columns and c.metric in frame.columns]
    if not todo:
        return frame
    frame = frame.copy()
    for c in todo:
        frame[c.metric] = frame[c.column]
        labels[c.metric] = labels.pop(c.column, labels.get(c.metric, c.metric))
    return frame.drop(columns=[c.column for c in todo])
