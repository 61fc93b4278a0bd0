"""Units of measure as people write them, and the fixed factors between units of one kind.

Why a fixed table and no unit library: the units questions name are few and their factors are
definitions (a mile is 1609.344 m, an hour 60 minutes), so a table is exact and loads in no
time; what must never happen is a unit being ignored ("distance in km" answered in miles).
Money is a unit kind without factors: a currency rate changes daily and is data, so a question
asking for another currency than the metric's is refused, never converted.

>>> unit_of_word("miles"), unit_of_word("公里"), unit_of_word("in hours"), unit_of_word("GMV")
('mile', 'kilometer', 'hour', None)
>>> round(factor("mile", "kilometer"), 6), factor("minute", "hour") * 90
(1.609344, 1.5)
>>> convertible("usd", "cny"), kind_of("usd"), convertible("hour", "mile")
(False, 'money', False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: unit -> (kind, size in the kind's base unit: seconds, metres, grams; money has no size)
UNITS: dict[str, tuple[str, float]] = {
    "second": ("duration", 1.0),
    "minute": ("duration", 60.0),
    "hour": ("duration", 3600.0),
    "day": ("duration", 86400.0),
    "week": ("duration", 604800.0),
    "meter": ("length", 1.0),
    "kilometer": ("length", 1000.0),
    "mile": ("length", 1609.344),
    "foot": ("length", 0.3048),
    "gram": ("mass", 1.0),
    "kilogram": ("mass", 1000.0),
    "pound": ("mass", 453.59237),
    "jin": ("mass", 500.0),
    "usd": ("money", 0.0),
    "cny": ("money", 0.0),
    "eur": ("money", 0.0),
    "gbp": ("money", 0.0),
    "jpy": ("money", 0.0),
    # other ISO 4217 currencies with a common Chinese name (a fixed public table, as above)
    "hkd": ("money", 0.0),
    "krw": ("money", 0.0),
    "inr": ("money", 0.0),
    "idr": ("money", 0.0),
    "sgd": ("money", 0.0),
    "aud": ("money", 0.0),
    "cad": ("money", 0.0),
    "chf": ("money", 0.0),
    "thb": ("money", 0.0),
    "myr": ("money", 0.0),
    "twd": ("money", 0.0),
    # data sizes: whether a kilobyte is 1000 or 1024 bytes is each model's own convention
    # ("storage_mb / 1024.0"), so sizes have no fixed factor between them: the metric's own
    # size is absorbed, another is refused, never converted by a guess
    "byte": ("data", 0.0),
    "kilobyte": ("data", 0.0),
    "megabyte": ("data", 0.0),
    "gigabyte": ("data", 0.0),
    "terabyte": ("data", 0.0),
    "liter": ("volume", 1.0),
    "milliliter": ("volume", 0.001),
    "gallon": ("volume", 3.785411784),
    "square_meter": ("area", 1.0),
    "square_foot": ("area", 0.09290304),
    "kilowatt_hour": ("energy", 3600000.0),
    "watt_hour": ("energy", 3600.0),
    # temperatures: Fahrenheit and Celsius differ by a factor *and* an offset, and a
    # difference of degrees (an anomaly, a daily range) converts without the offset while a
    # reading converts with it — which one a metric holds the model does not say, so the two
    # scales are never converted: the metric's own scale is absorbed, the other refused
    "fahrenheit": ("temperature", 0.0),
    "celsius": ("temperature", 0.0),
}

#: how each unit is written, English and Chinese (a question, a config.meta.unit, a label)
WORDS: dict[str, tuple[str, ...]] = {
    "second": ("second", "seconds", "sec", "secs", "秒", "秒钟"),
    "minute": ("minute", "minutes", "min", "mins", "分钟"),
    "hour": ("hour", "hours", "hr", "hrs", "小时", "个小时", "钟头"),
    "day": ("day", "days", "天", "日"),
    "week": ("week", "weeks", "周", "星期", "个星期"),
    "meter": ("meter", "meters", "metre", "metres", "米"),
    "kilometer": (
        "kilometer",
        "kilometers",
        "kilometre",
        "kilometres",
        "km",
        "kms",
        "公里",
        "千米",
    ),
    "mile": ("mile", "miles", "英里"),
    "foot": ("foot", "feet", "ft", "英尺"),
    "gram": ("gram", "grams", "克"),
    "kilogram": ("kilogram", "kilograms", "kg", "kgs", "公斤", "千克"),
    "pound": ("pound", "pounds", "lb", "lbs", "磅"),
    "jin": ("斤",),
    "usd": ("usd", "us dollar", "us dollars", "dollar", "dollars", "美元", "美金"),
    "cny": ("cny", "rmb", "yuan", "renminbi", "人民币"),
    "eur": ("eur", "euro", "euros", "欧元"),
    "gbp": ("gbp", "british pound", "英镑"),
    "jpy": ("jpy", "yen", "日元"),
    "hkd": ("hkd", "hong kong dollar", "hong kong dollars", "港元", "港币"),
    "krw": ("krw", "韩元"),
    "inr": ("inr", "indian rupee", "indian rupees", "印度卢比"),
    "idr": ("idr", "rupiah", "indonesian rupiah", "印尼盾", "印尼卢比", "印度尼西亚卢比"),
    "sgd": ("sgd", "singapore dollar", "singapore dollars", "新加坡元", "新元"),
    "aud": ("aud", "australian dollar", "australian dollars", "澳元", "澳币"),
    "cad": ("cad", "canadian dollar", "canadian dollars", "加元", "加币"),
    "chf": ("chf", "swiss franc", "swiss francs", "瑞士法郎"),
    "thb": ("thb", "baht", "泰铢"),
    "myr": ("myr", "ringgit", "林吉特", "令吉"),
    "twd": ("twd", "新台币"),
    "byte": ("byte", "bytes", "字节"),
    "kilobyte": ("kb", "kilobyte", "kilobytes", "千字节"),
    "megabyte": ("mb", "megabyte", "megabytes", "兆字节"),
    "gigabyte": ("gb", "gigabyte", "gigabytes", "千兆字节"),
    "terabyte": ("tb", "terabyte", "terabytes", "太字节"),
    "liter": ("liter", "liters", "litre", "litres", "升"),
    "milliliter": ("ml", "milliliter", "milliliters", "millilitre", "millilitres", "毫升"),
    "gallon": ("gallon", "gallons", "加仑"),
    "square_meter": ("sqm", "m2", "square meter", "square meters", "square metres", "平方米"),
    "square_foot": ("sqft", "sq ft", "square foot", "square feet", "平方英尺"),
    "kilowatt_hour": ("kwh", "kilowatt hour", "kilowatt hours", "千瓦时", "度电"),
    "watt_hour": ("wh", "watt hour", "watt hours", "瓦时"),
    "fahrenheit": ("fahrenheit", "°f", "℉", "deg f", "degrees fahrenheit", "华氏", "华氏度"),
    "celsius": ("celsius", "centigrade", "°c", "℃", "deg c", "degrees celsius", "摄氏", "摄氏度"),
}
_BY_WORD = {w: unit for unit, words in WORDS.items() for w in words}

#: words asking for the answer in a unit, beside the unit itself: "in km", "多少公里"
_ASKING = re.compile(r"^(?:in\s+|多少个?|几个?)")

#: unit words a question may carry as a word of its own (single letters and words that are
#: also everyday words — "m", "second", "日", "周" — are left to the name patterns and the time
#: parser; a word that already is a time grain keeps that role)
QUESTION_WORDS = tuple(
    w
    for words in WORDS.values()
    for w in words
    if len(w) > 1 or not w.isascii()
    if w not in ("米", "克", "日", "天", "周", "min", "mins", "second", "sec", "secs")
)


#: words asking "how much" of a unit *kind* without naming a unit: "多久" / "how long" ask for
#: a duration in whatever unit the model keeps it, "多远" / "how far" for a length. General
#: language of every domain; which metric they ask for is read from the model's units
#: (:mod:`nl2sql.rules.passes.kind_questions`)
KIND_QUESTIONS: dict[str, str] = {
    "多久": "duration",
    "多长时间": "duration",
    "多少时间": "duration",
    "多长的时间": "duration",
    "how long": "duration",
    "多远": "length",
    "how far": "length",
}


#: a Chinese unit framed as the one to count in: 以美元计, 以印尼盾计价, 按公里计, 以小时为单位
_FRAMED = re.compile(r"^(?:以|按|用)(.+?)(?:计价|计算|计|为单位)$")
FRAMES = ("以{}计", "以{}计价", "以{}计算", "按{}计", "按{}计价", "以{}为单位")


def unit_of_word(word: str) -> str | None:
    """The unit a word names ("in miles", "多少公里", "KM", 以美元计价 too), None when it names none.

    >>> unit_of_word("以印尼盾计价"), unit_of_word("按公里计"), unit_of_word("以上")
    ('idr', 'kilometer', None)
    """
    text = _ASKING.sub("", word.strip().lower()).strip()
    return _BY_WORD.get(_FRAMED.sub(r"\1", text))


def is_currency(word: str) -> bool:
    """Whether ``word`` names a currency of the table ("eur", "usd", "美元").

    >>> is_currency("eur"), is_currency("km")
    (True, False)
    """
    unit = unit_of_word(word)
    return unit is not None and kind_of(unit) == "money"


def kind_of(unit: str) -> str:
    """The unit's kind: duration, length, mass, money, data, volume, area or energy."""
    return UNITS[unit][0]


def convertible(a: str, b: str) -> bool:
    """Whether values in ``a`` can be expressed in ``b`` by a fixed factor."""
    return (
        a in UNITS
        and b in UNITS
        and kind_of(a) == kind_of(b)
        and kind_of(a) not in ("money", "data", "temperature")
    )


def factor(from_unit: str, to_unit: str) -> float:
    """What a value in ``from_unit`` is multiplied by to be in ``to_unit``.

    Raises ``ValueError`` for units of different kinds or two currencies (no fixed rate).
    """
    if from_unit == to_unit:
        return 1.0
    if not convertible(from_unit, to_unit):
        raise ValueError(f"{from_unit} cannot be converted to {to_unit} by a fixed factor")
    return UNITS[from_unit][1] / UNITS[to_unit][1]


#: how a unit is named in a column label or an interpretation, per language
NAMES: dict[str, tuple[str, str]] = {
    "second": ("seconds", "秒"),
    "minute": ("minutes", "分钟"),
    "hour": ("hours", "小时"),
    "day": ("days", "天"),
    "week": ("weeks", "周"),
    "meter": ("m", "米"),
    "kilometer": ("km", "公里"),
    "mile": ("miles", "英里"),
    "foot": ("ft", "英尺"),
    "gram": ("g", "克"),
    "kilogram": ("kg", "公斤"),
    "pound": ("lb", "磅"),
    "jin": ("jin", "斤"),
    "usd": ("USD", "美元"),
    "cny": ("CNY", "人民币"),
    "eur": ("EUR", "欧元"),
    "gbp": ("GBP", "英镑"),
    "jpy": ("JPY", "日元"),
    "hkd": ("HKD", "港元"),
    "krw": ("KRW", "韩元"),
    "inr": ("INR", "印度卢比"),
    "idr": ("IDR", "印尼盾"),
    "sgd": ("SGD", "新加坡元"),
    "aud": ("AUD", "澳元"),
    "cad": ("CAD", "加元"),
    "chf": ("CHF", "瑞士法郎"),
    "thb": ("THB", "泰铢"),
    "myr": ("MYR", "林吉特"),
    "twd": ("TWD", "新台币"),
    "byte": ("bytes", "字节"),
    "kilobyte": ("KB", "KB"),
    "megabyte": ("MB", "MB"),
    "gigabyte": ("GB", "GB"),
    "terabyte": ("TB", "TB"),
    "liter": ("L", "升"),
    "milliliter": ("ml", "毫升"),
    "gallon": ("gallons", "加仑"),
    "square_meter": ("m²", "平方米"),
    "square_foot": ("sq ft", "平方英尺"),
    "kilowatt_hour": ("kWh", "千瓦时"),
    "watt_hour": ("Wh", "瓦时"),
    "fahrenheit": ("°F", "华氏度"),
    "celsius": ("°C", "摄氏度"),
}


def unit_name(unit: str, lang: str, count: float | None = None) -> str:
    """The unit as a reader of ``lang`` reads it ("km", "公里"); a ``count`` of exactly one
    takes the English singular of a spelled-out unit ("1 hour", "1 mile", never "1 hours").

    >>> unit_name("hour", "en", 1), unit_name("hour", "en", 2), unit_name("kilometer", "en", 1)
    ('hour', 'hours', 'km')
    """
    en, zh = NAMES.get(unit, (unit, unit))
    if lang == "zh":
        return zh
    return unit if count == 1 and en.endswith("s") and en == f"{unit}s" else en


@dataclass(frozen=True)
class UnitConversion:
    """An answer column converted from the metric's unit into the one the question asked for.

    ``column`` is the added column (``<metric>__in_<unit>``); the metric's own column stays
    beside it, so the reader sees both numbers.
    """

    metric: str
    from_unit: str
    to_unit: str

    @property
    def column(self) -> str:
        """The name of the added column."""
        return f"{self.metric}__in_{self.to_unit}"

    @property
    def factor(self) -> float:
        """What the metric's values are multiplied by."""
        return factor(self.from_unit, self.to_unit)

    def note(self, label: str, lang: str) -> str:
        """ "Total Ride Length in km (converted from miles)" for the interpretation and the column."""
        to, frm = unit_name(self.to_unit, lang), unit_name(self.from_unit, lang)
        if lang == "zh":
            return f"{label}（{to}，由{frm}换算）"
        return f"{label} in {to} (converted from {frm})"
