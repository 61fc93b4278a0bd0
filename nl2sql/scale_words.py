"""Scales of presentation: "in thousands", "in millions", 万元, 千元, 亿 — the same amount shown
in bigger units.

Why apart from :mod:`nl2sql.unit_words`: a scale is no unit of a kind (a thousand dollars are
dollars); it keeps the metric's unit and divides the shown value by a power of ten. Before, "GMV
in thousands" and "各渠道GMV（万元）" were refused as unknown words and the suggestion dropped
the scale ("GMV in", "各渠道GMV（）") — a suggestion answering in full units where thousands were
asked. Now the answer keeps the metric's exact column and adds the scaled one beside it
(``<metric>__in_<scale>``, built by sqlglot like a unit conversion), and the interpretation says
so ("GMV in thousands (÷1,000)").

>>> scale_of_word("in thousands"), scale_of_word("万元"), scale_of_word("以亿元计"), scale_of_word("km")
('thousand', 'ten_thousand', 'hundred_million', None)
>>> ScaleConversion("gmv", "", "ten_thousand").factor
0.0001
>>> ScaleConversion("gmv", "", "million").note("GMV", "en")
'GMV in millions (÷1,000,000)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nl2sql.unit_words import UnitConversion

#: scale -> (size, English name, Chinese name)
SCALES: dict[str, tuple[int, str, str]] = {
    "thousand": (1_000, "thousands", "千"),
    "ten_thousand": (10_000, "ten thousands", "万"),
    "million": (1_000_000, "millions", "百万"),
    "ten_million": (10_000_000, "ten millions", "千万"),
    "hundred_million": (100_000_000, "hundred millions", "亿"),
    "billion": (1_000_000_000, "billions", "十亿"),
}

#: how a question asks for a scale. English says it after "in" ("in thousands"); Chinese with
#: the currency (万元, 以亿元计: money only). Bare 万 / 千 / 百万 / 亿 are left out: they end
#: numbers ("100万", read by normalize) and say amounts in words (过亿, 破亿, 超过百万: "over a
#: hundred million"), where a scale reading would offer "GMV亿的渠道" for "GMV过亿的渠道".
WORDS: dict[str, tuple[str, ...]] = {
    "thousand": ("in thousands", "in thousand", "千元"),
    "ten_thousand": ("万元",),
    "million": ("in millions", "in million", "百万元"),
    "ten_million": ("千万元",),
    "hundred_million": ("亿元",),
    "billion": ("in billions", "in billion"),
}
BY_WORD = {w: scale for scale, words in WORDS.items() for w in words}
#: a scale framed as the one to count in: 以万元计, 按亿元计, 单位万元, 单位：亿元
_FRAMED = re.compile(r"^(?:以|按|用|单位[:：]?)(.+?)(?:计价|计算|计|为单位)?$")
#: the scales said with the currency (元): money only, never a count
YUAN = frozenset(w for w in BY_WORD if w.endswith("元"))
#: frames the lexicon registers for each Chinese scale word (as nl2sql.unit_words.FRAMES)
FRAMES = ("以{}计", "按{}计", "以{}为单位", "单位{}", "单位:{}")


def scale_of_word(word: str) -> str | None:
    """The scale a question's word asks for, None when it names none."""
    text = word.strip().lower()
    return BY_WORD.get(text) or BY_WORD.get(_FRAMED.sub(r"\1", text))


def said_with_yuan(word: str) -> bool:
    """Whether the scale was said with the currency 元 (万元): an amount of money."""
    return "元" in word


@dataclass(frozen=True)
class ScaleConversion(UnitConversion):
    """An answer column holding the metric divided by a scale; ``to_unit`` is the scale's key
    and ``from_unit`` unused (the metric keeps its unit)."""

    @property
    def factor(self) -> float:
        return 1 / SCALES[self.to_unit][0]

    def note(self, label: str, lang: str) -> str:
        size, en, zh = SCALES[self.to_unit]
        if lang == "zh":
            return f"{label}（单位：{zh}，÷{size:,}）"
        return f"{label} in {en} (÷{size:,})"
