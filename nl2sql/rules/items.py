"""The item model of the rules engine: what the passes read and mark, and what they produce.

Why a flat list of items with ``used`` flags: every word of a question must be accounted for
(a model term, a time expression, a number, or general language). Each pass claims the items
it understands by setting ``used``; whatever is still unclaimed at the end is either harmless
grammar or a reason to refuse, never silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from nl2sql.derived import Derived
from nl2sql.lexicon import Sense
from nl2sql.timeparse import TimeMatch
from nl2sql.unit_words import UnitConversion
from nl2sql.yes_no import YesNo
from semantic_layer.query import SemanticQuery

#: ``domain``: a model term (metric, dimension, entity, value) with its candidate senses;
#: ``role``: general language with a grammatical role ("by" -> ``group``); ``num``: a number;
#: ``time``: a time expression; ``stop``: a word that carries nothing; ``unknown``: a word the
#: engine cannot place (the question is refused).
ItemKind = Literal["domain", "role", "num", "time", "unknown", "stop"]


@dataclass
class Item:
    """One understood piece of the question."""

    kind: ItemKind
    text: str
    start: int
    end: int
    senses: list[Sense] = field(default_factory=list)
    role: str = ""
    number: float | None = None
    pct: bool = False
    time: TimeMatch | None = None
    used: bool = False
    sense: Sense | None = None  # resolved sense

    def is_kind(self, kind: str) -> bool:
        """Whether the item is a model term of ``kind`` (metric/dimension/entity/value)."""
        if self.kind != "domain":
            return False
        if self.sense is not None:
            return self.sense.kind == kind
        return any(s.kind == kind for s in self.senses)


@dataclass
class Understanding:
    """What the rules engine made of a question."""

    question: str
    query: SemanticQuery | None = None
    refused: bool = False
    #: why it was refused, in the question's language
    reason: str = ""
    #: the same in English (stable text for logs and scripts: the JSON ``error``)
    reason_en: str = ""
    #: runnable questions: the question rewritten with the closest readings, each verified
    suggestions: list[str] = field(default_factory=list)
    lang: str = "en"
    time: TimeMatch | None = None
    notes: list[str] = field(default_factory=list)
    #: what a follow-up changed in the previous query, in the question's language
    changes: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0
    # words understood only through a vocabulary bridge, as "门店 → location" (shown in the
    # interpretation so the user sees every reading the model did not spell out)
    bridged: list[str] = field(default_factory=list)
    #: words of the question the reading does not use (neither light words nor refused ones),
    #: named in the interpretation (``rules.unused_words``)
    ignored: list[str] = field(default_factory=list)
    #: a share of total or a change over time computed over the query's result (nl2sql.derived)
    derived: Derived | None = None
    #: metric columns converted into the unit the question asked for ("distance in km")
    conversions: list[UnitConversion] = field(default_factory=list)
    #: numbers of conditions converted to their metric's unit: (number, typed unit, metric unit)
    converted_numbers: list[tuple[float, str, str]] = field(default_factory=list)
    #: filter values read from part of a name or a near spelling: (typed, dimension, value);
    #: an answer with no data for one of them is refused (``nl2sql.guessed_values``)
    guessed_values: list[tuple[str, str, str]] = field(default_factory=list)
    #: a value said right before another dimension's noun ("medium cities"): (said, value's
    #: dimension, grouped dimension), checked on the data (``nl2sql.described_groups``)
    described_groups: list[tuple[str, str, str]] = field(default_factory=list)
    #: a yes/no question: how its answer is judged (``nl2sql.yes_no``); the query holds the
    #: figure without the condition
    yes_no: YesNo | None = None


class Refusal(Exception):
    """Raised inside the passes; turned into a refused :class:`Understanding`.

    ``reason`` is English, ``zh`` the same in Chinese (the user reads the one in the
    question's language). What it names feeds the suggestions (:mod:`nl2sql.rules.suggest`):
    ``words`` are the question's words that were not understood, ``senses`` the readings to
    choose from when known, ``kind`` a class of refusal with its own suggestions
    (``no_metric``, ``offtopic``).
    """

    def __init__(
        self,
        reason: str,
        *,
        zh: str = "",
        words: list[str] | tuple[str, ...] = (),
        senses: list[Sense] | tuple[Sense, ...] = (),
        kind: str = "",
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.zh = zh or reason
        self.words = list(words)
        self.senses = list(senses)
        self.kind = kind

    def in_lang(self, lang: str) -> str:
        """The reason in ``lang`` (``zh`` or ``en``)."""
        return self.zh if lang == "zh" else self.reason


def detect_lang(question: str) -> str:
    """``zh`` when the question contains Chinese characters, else ``en``.

    >>> detect_lang("各渠道GMV"), detect_lang("GMV by channel")
    ('zh', 'en')
    """
    return "zh" if any("\u3400" <= ch <= "\u9fff" for ch in question) else "en"


def target_plural(target: Item | None) -> bool:
    """Whether an English target noun is plural ("SKUs"), which makes "top" mean a list."""
    return target is not None and target.text.isascii() and target.text.endswith("s")
