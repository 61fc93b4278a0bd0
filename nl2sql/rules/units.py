"""Units of duration in conditions: "delivery time longer than 48 hours" on a metric in days.

Why convert or refuse, never ignore: "超过48小时" compared with a metric counted in days is off
by a factor of 24. The metric's unit is what the model declares (``config.meta.unit``), else
what its name or label says (``delivery_time_days``, "delivery time (days)", "时长（天）");
a unit the metric does not have is refused.

>>> unit_of_word("hours"), unit_of_word("小时"), unit_of_word("天"), unit_of_word("GMV")
('hour', 'hour', 'day', None)
>>> convert(48, "hour", "day")
2.0
"""

from __future__ import annotations

import re

from semantic_layer.catalog import CatalogMetric

_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
_WORDS = {
    "second": ("second", "seconds", "sec", "secs", "s", "秒", "秒钟"),
    "minute": ("minute", "minutes", "min", "mins", "分钟", "分"),
    "hour": ("hour", "hours", "hr", "hrs", "h", "小时", "个小时", "钟头"),
    "day": ("day", "days", "天", "日"),
    "week": ("week", "weeks", "周", "星期", "个星期"),
}
_BY_WORD = {w: unit for unit, words in _WORDS.items() for w in words}
_IN_NAME = re.compile(
    r"(?:^|[_\s(（])(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|秒|分钟|小时|天|周)"
    r"(?:$|[_\s)）])"
)

#: a description that states the unit: "... in minutes", "(in hours)"
_IN_DESCRIPTION = re.compile(r"\bin (seconds|minutes|hours|days|weeks)\b")


def unit_of_word(word: str) -> str | None:
    """The duration unit a word names, None when it names none."""
    return _BY_WORD.get(word.strip().lower())


def metric_unit(m: CatalogMetric) -> str | None:
    """The metric's duration unit: declared, else from its name or label, else from "in
    <unit>" in its description ("Average departure delay in minutes."); None if unknown.

    >>> metric_unit(CatalogMetric("delay", "Delay", description="Mean delay in minutes."))
    'minute'
    """
    for text in (m.unit, m.name, m.label):
        if not text:
            continue
        if text == m.unit and unit_of_word(text):
            return unit_of_word(text)
        found = _IN_NAME.search(text.lower())
        if found:
            return unit_of_word(found.group(1))
    said = _IN_DESCRIPTION.search(m.description.lower())
    return unit_of_word(said.group(1)) if said else None


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit``."""
    return value * _SECONDS[from_unit] / _SECONDS[to_unit]
