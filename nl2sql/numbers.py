"""Numbers as users type them: digits, percentages and Chinese numerals.

Why a pre-pass on the text: "前十", "三个渠道", "百分之十五" and "1.5万" become "前10", "3个渠道",
"15%" and "15000" before anything else looks at the question, so the time parser, the
threshold parser and the top-N parser only ever see digits. The same pass runs over lexicon
terms, so a value written "双十一" in a model still matches a question typed "双11".

>>> cn_to_number("十五"), cn_to_number("两"), cn_to_number("一百零五"), cn_to_number("三万")
(15, 2, 105, 30000)
>>> normalize_numerals("前十的SKU，百分之十五，三个渠道，1.5万，第二季度")
'前10的SKU，15%，3个渠道，15000，第2季度'
"""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUM = "零〇一二两三四五六七八九十百千万"
_CN_RUN = f"[{_CN_NUM}]+"
# A Chinese numeral is only a number when a counting context surrounds it, so that words such
# as "统一" or "一下" are left alone.
_CLASSIFIERS = (
    "个|家|名|位|天|日|号|周|星期|月|年|季度|季|单|笔|件|款|种|条|次|类|倍|成|分钟|小时|"
    "项|只|份|元|块|%|以上|以下"
)
_BEFORE = "前|后|第|近|最近|过去|top|双|这|上|下|最后|倒数"
_PCT = re.compile(rf"百分之\s*({_CN_RUN}|\d+(?:\.\d+)?)")
_CN_AFTER = re.compile(rf"({_BEFORE})({_CN_RUN})")
_CN_BEFORE_CLS = re.compile(rf"({_CN_RUN})(?=\s*(?:{_CLASSIFIERS}))")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*(万|千|亿)(?!分)")
_WAN_FACTOR = {"千": 1_000, "万": 10_000, "亿": 100_000_000}


def cn_to_number(text: str) -> int | None:
    """Value of a Chinese numeral ("十五" -> 15), or None when it is not one."""
    if not text or any(ch not in _CN_NUM for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10_000
            section, digit = 0, None
    if digit is not None:
        # "一千五" style abbreviations are rare in questions; read a trailing digit literally.
        section += digit
    return total + section


def _num(text: str) -> str:
    value = cn_to_number(text)
    return text if value is None else str(value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def normalize_numerals(text: str) -> str:
    """Rewrite Chinese numerals in counting contexts, percentages and 万/亿 as digits."""
    text = _PCT.sub(lambda m: f"{_num(m.group(1))}%", text)
    text = _CN_AFTER.sub(lambda m: m.group(1) + _num(m.group(2)), text)
    text = _CN_BEFORE_CLS.sub(lambda m: _num(m.group(1)), text)
    return _WAN.sub(lambda m: _fmt(float(m.group(1)) * _WAN_FACTOR[m.group(2)]), text)


def parse_number(token: str) -> float | None:
    """A digit token as a float ("15" -> 15.0), None when it is not a number.

    >>> parse_number("0.15"), parse_number("abc")
    (0.15, None)
    """
    try:
        return float(token)
    except ValueError:
        return None
