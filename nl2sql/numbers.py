"""Numbers as users type them: digits, percentages and Chinese numerals.

Why a pre-pass on the text: "前十", "三个渠道", "百分之十五" and "1.5万" become "前10", "3个渠道",
"15%" and "15000" before anything else looks at the question, so the time parser, the
threshold parser and the top-N parser only ever see digits. The same pass runs over lexicon
terms, so a value written "双十一" in a model still matches a question typed "双11".

Chinese numerals are read by ``cn2an`` (一千五 is 1500, 两万五 25000, 三亿 300000000 — the
spoken abbreviations a hand-written reader gets wrong); *which* runs of characters are
numerals is decided here, by the counting context around them.

>>> cn_to_number("十五"), cn_to_number("两"), cn_to_number("一百零五"), cn_to_number("三万")
(15, 2, 105, 30000)
>>> cn_to_number("一千五"), cn_to_number("两万五"), cn_to_number("十五点五"), cn_to_number("三亿")
(1500, 25000, 15.5, 300000000)
>>> normalize_numerals("前十的SKU，百分之十五，三个渠道，1.5万，第二季度")
'前10的SKU，15%，3个渠道，15000，第2季度'
>>> normalize_numerals("GMV超过一千五的渠道，百分之十五点五，more than 2,500 orders")
'GMV超过1500的渠道，15.5%，more than 2500 orders'
>>> normalize_numerals("Which three bakers baked the most? top twelve loaves, which one")
'Which 3 bakers baked the most? top 12 loaves, which one'
>>> normalize_numerals("claims above 50k, over $1.5 million, distance over 500m, 3m sales")
'claims above 50000, over $1500000, distance over 500m, 3m sales'
"""

from __future__ import annotations

import re

_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
#: one-character numerals and the value cn2an gives each. Why: building a model's lexicon
#: normalizes every term, and a single 一 in one ("一次性") imported cn2an (~0.2 s of the
#: first question on a new model)
_ONE_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2, "十": 10}
# a run of numeral characters, with an inner 点 (decimal point): "十五点五"
_CN_RUN = f"[{_CN_CHARS}](?:[{_CN_CHARS}点]*[{_CN_CHARS}])?"
# A Chinese numeral is only a number when a counting context surrounds it, so that words such
# as "统一" or "一下" are left alone.
_CLASSIFIERS = (
    "个|家|名|位|天|日|号|周|星期|月|年|季度|季|单|笔|件|款|种|条|次|类|倍|成|分钟|小时|"
    "项|只|份|元|块|%|以上|以下"
)
# words a number follows: ranks, relative time, and comparisons ("超过一千五")
_BEFORE = (
    "前|后|第|近|最近|过去|top|双|这|上|下|最后|倒数|"
    "超过|超出|大于|高于|低于|小于|少于|多于|不到|不足|至少|不少于|不超过|不低于|达到|等于"
)
_PCT = re.compile(rf"百分之\s*({_CN_RUN}|\d+(?:\.\d+)?)")
# 一 that starts a common adverb or word (一共, 一起, 一直...) is no numeral even after one of
# those words: "11月20日之后一共几次" read "之后1" and refused "what does the number 1 refer to"
_NOT_A_NUMERAL = "一(?:共|起|直|样|般|些|切|律|致|定|同|并)"
_CN_AFTER = re.compile(rf"({_BEFORE})\s*(?!{_NOT_A_NUMERAL})({_CN_RUN})")
# both start only where a run of numerals (or of digits) starts, and a numeral read before a
# classifier is at most 42 characters: retried from every position of a long run they were
# quadratic (session 23: a data value of 4,000 十 took 6.6 s to normalize, and a Chinese
# value is normalized once per leading part)
_CN_BOUNDED_RUN = f"[{_CN_CHARS}](?:[{_CN_CHARS}点]{{0,40}}[{_CN_CHARS}])?"
_CN_BEFORE_CLS = re.compile(rf"(?<![{_CN_CHARS}])({_CN_BOUNDED_RUN})(?=\s*(?:{_CLASSIFIERS}))")
_WAN = re.compile(r"(?<!\d)(\d+(?:\.\d+)?)\s*(万|千|亿)(?!分)")
_WAN_FACTOR = {"千": 1_000, "万": 10_000, "亿": 100_000_000}
# "2,500" / "1,250,000": thousands separators (a comma between digit groups of three)
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
#: English number words and their values: zero to twenty and the tens (one table for every
#: reader of spelt numbers: the question's numbers here, a window's length in
#: ``rules.window_phrases``)
EN_NUMBER_WORDS: dict[str, int] = {
    **{
        w: i
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
            ]
        )
    },
    **{
        w: 10 * i
        for i, w in enumerate(
            ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 3
        )
    },
}

# English number words before another word ("three brands", "top ten SKUs") become digits: two
# to twenty; "one" stays a word ("which one", "one of") except after a comparison (below), as
# do ordinals and the tens (left as they were)
_EN_NUMBERS = {w: i for w, i in EN_NUMBER_WORDS.items() if 2 <= i <= 20}
_EN_WORD = re.compile(rf"\b({'|'.join(_EN_NUMBERS)})\b(?=\s+[^\W\d_])", re.IGNORECASE)
# "more than once", "at least twice", "more than one order": after a comparison "one" is a
# number too (it stays a word elsewhere: "which one"), once and twice are 1 and 2 times
_EN_CMP = r"\b((?:more|fewer|less)\s+than|over|under|above|below|at\s+(?:least|most)|exactly)\s+"
_EN_ONCE = re.compile(_EN_CMP + r"(once|twice)\b", re.IGNORECASE)
_EN_ONE = re.compile(_EN_CMP + r"one\b(?=\s+[^\W\d_])(?!\s+of\b)", re.IGNORECASE)
_TIMES = {"once": "1 times", "twice": "2 times"}
# "below zero", "greater than zero": after a comparison zero is the number 0 (a sign said with
# a comparison; "zero" elsewhere stays a word: "zero-based", "zero orders" read by absence)
_EN_ZERO = re.compile(
    r"\b((?:more|fewer|less|greater|higher|lower|smaller|larger)\s+than|over|under|above|below|"
    r"at\s+(?:least|most)|exactly)\s+zero\b",
    re.IGNORECASE,
)
# "10 percent", "2.5 per cent": the number is a percentage, as "10%" (after a digit only:
# "percent of total" stays the share word)
_EN_PERCENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:percent|per\s+cent)\b", re.IGNORECASE)
# "50+ orders", "5+ visits": a number with a plus before a word is that many or more
_EN_PLUS = re.compile(r"(?<![\w.+])(\d+(?:\.\d+)?)\+(?=\s+[^\W\d_])")
# "more than an hour", "under a week": the article is one of the unit after a comparison
_EN_A_UNIT = re.compile(
    _EN_CMP + r"an?\s+(?=(?:second|minute|hour|day|week|month|year|mile|kilometer|km|kg|"
    r"kilogram|pound|dollar|euro)s?\b)",
    re.IGNORECASE,
)
# "above 50k", "over $2 million", "less than 1.5mn": an English scale after a number that a
# comparison or a currency sign introduces (a name such as "3M" stays a name); "m" and "b"
# are not scales: the text is lower case here, and "500m" is metres
_EN_SCALE = re.compile(
    r"((?:[<>]=?|[$€£¥]|\b(?:above|over|under|below|than|least|most|exceeding|exceeds|exceed|"
    r"between|and|to)\s)\s*[$€£¥]?)(\d+(?:\.\d+)?)(?:\s?(thousand|million|billion)|"
    r"(k|mn|bn))\b"
)
_EN_SCALE_FACTOR = {
    "thousand": 1_000,
    "k": 1_000,
    "million": 1_000_000,
    "mn": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
}


def cn_to_number(text: str) -> int | float | None:
    """Value of a Chinese numeral ("十五" -> 15, "一千五" -> 1500), or None when it is not one."""
    if not text or any(ch not in _CN_CHARS + "点" for ch in text):
        return None
    if text in _ONE_DIGIT:  # cn2an's own value, without importing it (a model's 一 / 十)
        return _ONE_DIGIT[text]
    # imported here: cn2an takes ~0.2 s to import and most questions have no Chinese numeral
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else float(value)


def _num(text: str) -> str:
    value = cn_to_number(text)
    return text if value is None else _fmt(value)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def normalize_numerals(text: str) -> str:
    """Rewrite Chinese numerals in counting contexts, percentages, 万/亿 and thousands
    separators as plain digits; after an English comparison also once / twice, "one" and
    "a(n) <unit>".

    >>> normalize_numerals("ordered more than once"), normalize_numerals("over an hour")
    ('ordered more than 1 times', 'over 1 hour')
    >>> normalize_numerals("at least twice"), normalize_numerals("which one")
    ('at least 2 times', 'which one')
    >>> normalize_numerals("12月20日之后一共几趟"), normalize_numerals("收入前三的品牌")
    ('12月20日之后一共几趟', '收入前3的品牌')
    >>> normalize_numerals("上一个月以后一直"), normalize_numerals("最后一起")
    ('上1个月以后一直', '最后一起')
    >>> normalize_numerals("customers with 50+ orders"), normalize_numerals("5+3 items")
    ('customers with at least 50 orders', '5+3 items')
    >>> normalize_numerals("growth below zero"), normalize_numerals("between 5 and 10 percent")
    ('growth below 0', 'between 5 and 10%')
    """
    text = _THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)
    text = _EN_SCALE.sub(_scaled, text)
    text = _EN_WORD.sub(lambda m: str(_EN_NUMBERS[m.group(1).lower()]), text)
    text = _EN_PLUS.sub(lambda m: f"at least {m.group(1)}", text)
    text = _EN_ONCE.sub(lambda m: f"{m.group(1)} {_TIMES[m.group(2).lower()]}", text)
    text = _EN_ONE.sub(lambda m: f"{m.group(1)} 1", text)
    text = _EN_ZERO.sub(lambda m: f"{m.group(1)} 0", text)
    text = _EN_PERCENT.sub(lambda m: f"{m.group(1)}%", text)
    text = _EN_A_UNIT.sub(lambda m: f"{m.group(1)} 1 ", text)
    text = _PCT.sub(lambda m: f"{_num(m.group(1))}%", text)
    text = _CN_AFTER.sub(lambda m: m.group(1) + _num(m.group(2)), text)
    text = _CN_BEFORE_CLS.sub(lambda m: _num(m.group(1)), text)
    return _WAN.sub(lambda m: _fmt(float(m.group(1)) * _WAN_FACTOR[m.group(2)]), text)


def _scaled(m: re.Match[str]) -> str:
    """ "above 50k" -> "above 50000" (the comparison or currency before the number is kept)."""
    scale = (m.group(3) or m.group(4)).lower()
    return m.group(1) + _fmt(float(m.group(2)) * _EN_SCALE_FACTOR[scale])


def parse_number(token: str) -> float | None:
    """A digit token as a float ("15" -> 15.0), None when it is not a number.

    >>> parse_number("0.15"), parse_number("abc")
    (0.15, None)
    """
    try:
        return float(token)
    except ValueError:
        return None


# "1.000" / "¥2.500": one to three digits, a dot, exactly three digits, and nothing numeric
# around (a date "2026.11.20", a version "v1.100", "1.234.567" or "1.000,50" are not this shape)
_DOT_THOUSANDS = re.compile(r"(?<![A-Za-z0-9_.,])([1-9]\d{0,2})\.(\d{3})(?![\d.,]|\s*[%‰])")


def dot_thousands(text: str) -> tuple[str, str, str] | None:
    """The first number that reads two ways, and both readings: ``(as written, thousands,
    decimal)``; None when there is none.

    Why: "GMV over 1.000" is one thousand where a dot separates thousands (de, fr, es, pt, ru,
    id...) and one with three decimals where it marks them; money is never written with three
    decimals, yet a plain reading compared GMV with 1 (session 13). Reading either way would be
    a guess, so the question is refused with both readings written out. A leading zero
    ("0.150"), a fourth decimal, a percent sign or a second separator leave one reading.

    >>> dot_thousands("channels with GMV over 1.000"), dot_thousands("GMV超过2.500的渠道")
    (('1.000', '1000', '1'), ('2.500', '2500', '2.5'))
    >>> [dot_thousands(t) for t in ("rate 0.150", "1.2345", "2.125%", "2026.11.20", "v1.100")]
    [None, None, None, None, None]
    """
    m = _DOT_THOUSANDS.search(text)
    if m is None:
        return None
    grouped = m.group(1) + m.group(2)
    return m.group(0), grouped, _fmt(float(m.group(0)))
