"""场均观众, 场均票房: a metric labelled "<thing> per <unit>" (or "Average <unit> <thing>") said
with the unit's classifier.

Why: Chinese says "visitors per show" as 场均观众 ("per-show-average visitors"),
never word by word (观众每演出), so a model labelled "Average Visitors Per Show" was refused
("I don't know '均'") on a plain question. Which classifier (量词) counts the unit is
CC-CEDICT's business (:mod:`nl2sql.vocabulary.classifiers`: 演出 "show / CL:场"), so the forms
come from the dictionary and the model's own label, not from a list of theatre words. Only a
metric whose own words say "per <unit>" gets them: the words then mean that average and no
total of the thing (which keeps its own words, 观众 alone).

Left out on purpose: a calendar unit (日均 is the mean over days of each day's total,
:mod:`nl2sql.rules.passes.period_mean`), people (人均 is :func:`rate_anchors.per_head_anchors`)
and the general classifiers (个, 种 …) that count anything.
"""

from __future__ import annotations

import re

from nl2sql.counters import COUNTERS
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.chinese import compounds, renderings
from nl2sql.vocabulary.classifiers import counted_nouns
from nl2sql.vocabulary.english import singular

#: "<thing> per <unit>", with the average word a label opens with ("Average X Per Show")
_PER_UNIT = re.compile(r"^(?:(?:average|avg|mean) )?(?P<thing>[a-z][a-z ]*?) per (?P<unit>[a-z]+)$")
#: "Average <unit> <thing>": the thing per unit ("Average Show Audience", "Average
#: Transaction Amount"), when a specific classifier counts the first noun
_AVERAGE_UNIT = re.compile(r"^(?:average|avg|mean) (?P<unit>[a-z]+) (?P<thing>[a-z][a-z ]*)$")
#: classifiers of anything at all, which name no unit of their own
_ANY_THING = frozenset("个种类项些")
#: units whose Chinese is a period or a person, read elsewhere (see the module doc)
_NOT_UNITS = frozenset(
    "second minute hour day week month quarter year person capita head people".split()  # noqa: SIM905
)
#: how surely the classifier form names the metric its English named (a rendering, not a word
#: of the model's own)
PER_UNIT = 0.95


def unit_classifiers(unit: str) -> list[str]:
    """The specific classifiers CC-CEDICT lists for ``unit`` (a singular English noun).

    >>> unit_classifiers("game"), unit_classifiers("day"), unit_classifiers("order")
    (['场'], [], [])
    """
    if unit in _NOT_UNITS:
        return []
    return sorted(c for c in COUNTERS if c not in _ANY_THING and unit in counted_nouns(c))


def per_unit_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """c均X for every metric anchor "<X> per <unit>" whose unit a classifier c counts, X in each
    of its Chinese renderings. (每cX is left to the per-occasion reading,
    :mod:`nl2sql.rules.passes.average_per`, which refuses it when the amount is also divided by
    a count of other things.)

    >>> a = Anchor("average revenue per show", "metric", "rps", None, "", "label", 1.0)
    >>> sorted({x.phrase for x in per_unit_anchors([a])} & {"场均收入", "每场收入", "收入"})
    ['场均收入']
    >>> per_unit_anchors([Anchor("revenue per day", "metric", "r", None, "", "label", 1.0)])
    []

    "Average <unit> <thing>" is the thing per unit too (场均收入 for "Average Show Revenue"):

    >>> b = Anchor("average show revenue", "metric", "asr", None, "", "label", 1.0)
    >>> "场均收入" in {x.phrase for x in per_unit_anchors([b])}
    True
    """
    out: list[Anchor] = []
    for a in anchors:
        if a.kind != "metric":
            continue
        m = _PER_UNIT.match(a.phrase) or _AVERAGE_UNIT.match(a.phrase)
        if m is None:
            continue
        cls = unit_classifiers(singular(m.group("unit")))
        if not cls:
            continue
        words = [singular(w) for w in m.group("thing").split()]
        zhs = compounds(words) if len(words) > 1 else list(renderings(words[0]))
        source = f"{a.source}+per-unit"
        for zh, score in zhs:
            for c in cls:
                for form in (f"{c}均{zh}",):
                    out.append(
                        Anchor(
                            form, a.kind, a.name, a.value, a.via, source, a.score * score * PER_UNIT
                        )
                    )
    return out
