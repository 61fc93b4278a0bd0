"""Rates as users say them: per a fixed amount of a unit ("goals per 90 minutes": 每90分钟进球)
and percentages a model names with a trailing "pct" ("pass accuracy" / 传球准确率 for
``pass_accuracy_pct``).

Why: a model names such a rate by the number alone (``goals_per90``, ``defects_per1000``) and
says the unit only in its description ("Goals per 90 minutes ..."). Users say the unit: in
English "goals per 90 minutes" matched the name up to "90" and then read "minutes" as a unit to
convert into (refused: the model gives no unit), and in Chinese nothing named the metric at
all, since 每 + number + unit + noun is no word-by-word rendering of "goals per90". Only a
metric whose name ends with the number (not ``goals_per90_numerator``, a part of the rate) and
whose description or label spells the same number with a unit gets these phrases; the thing
alone (进球, "goals") is not one of them, since a count of goals is no rate.

A percentage named "<thing> pct" is asked for by the thing ("pass accuracy"), by the word
spelled out ("duel success percent", "... rate") and in Chinese by the thing's rendering + 率,
where a noun suffix 性/度 gives way to 率 (准确性 -> 准确率, as Chinese writes accuracy rates).

>>> rate_parts("goals_per90", "Goals per 90 minutes using aggregated goals and minutes.")
(['goals'], '90', 'minute')
>>> rate_parts("goals_per90_numerator", "Goals scaled by 90 per 90 minutes."), rate_parts(
...     "goals_per90", "Goals per ninety.")
(None, None)
"""

from __future__ import annotations

import re

from nl2sql.unit_words import WORDS, unit_of_word
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.chinese import compounds, glossary, renderings
from nl2sql.vocabulary.english import singular, verb_stems
from semantic_layer.catalog import CatalogMetric

#: how surely the spelled-out rate names the metric (the model says every part of it)
RATE = 0.95
_NAME = re.compile(r"^(?P<thing>[a-z][a-z_]*?)_?per_?(?P<n>\d+)$")
_CJK = re.compile(r"[\u3400-\u9fff]")


def rate_parts(name: str, text: str) -> tuple[list[str], str, str] | None:
    """(thing words, number, unit) of a metric named "<thing> per<N>" whose ``text`` says
    "per <N> <unit>", else None."""
    m = _NAME.match(name.lower())
    if m is None:
        return None
    n = m.group("n")
    said = re.search(rf"\bper\s+{n}\s+([a-z]+)", text.lower())
    unit = unit_of_word(said.group(1)) if said else None
    if unit is None:
        return None
    return [w for w in m.group("thing").split("_") if w], n, unit


def rate_anchors(metrics: tuple[CatalogMetric, ...]) -> list[Anchor]:
    """English and Chinese phrases of every per-N-unit rate metric (see the module doc)."""
    out: list[Anchor] = []
    for m in metrics:
        parts = rate_parts(m.name, f"{m.description} {m.label}")
        if parts is None:
            continue
        thing, n, unit = parts
        unit_en = next(w for w in WORDS[unit] if w.isascii() and w.endswith("s"))
        out.append(
            Anchor(
                f"{' '.join(thing)} per {n} {unit_en}", "metric", m.name, None, m.name, "rate", RATE
            )
        )
        words = [singular(w) for w in thing]
        things = compounds(words) if len(words) > 1 else list(renderings(words[0]))
        units_zh = [w for w in WORDS[unit] if _CJK.search(w)]
        for zh, score in things:
            for u in units_zh:
                for form in (f"每{n}{u}{zh}", f"每{n}{u}的{zh}"):
                    out.append(
                        Anchor(form, "metric", m.name, None, m.name, "rate+cedict", RATE * score)
                    )
    return out


#: a metric name's last word that only says its values are percentages
PERCENT_WORDS = frozenset({"pct", "percent", "perc", "percentage"})
#: the percent words of a metric's *name* that a question also types ("perc" is only a name's
#: abbreviation): one list with :data:`PERCENT_WORDS`, so the two never drift apart
NAME_PERCENT_WORDS = PERCENT_WORDS - {"perc"}
#: a percent word a question types right after a metric: those, the sign and the Chinese
SAID_PERCENT_WORDS = NAME_PERCENT_WORDS | {"%", "百分比", "百分率"}
#: how surely the name without its percent word names the metric (a label without its unit)
PERCENT_STRIPPED = 0.95
#: English words a user puts where the model wrote "pct"
_SPELLED = ("percent", "percentage", "rate")
#: a label that gives the metric's unit as percent: "Monthly Inflation (%)", "Churn, percent"
_PERCENT_LABEL = re.compile(r"\(\s*%\s*\)|\bpercent\b|\bpct\b", re.IGNORECASE)
#: a name's last word that already says rate: "unemployment_rate" (label "... (%)") gets no
#: second rate word ("unemployment rate rate")
_RATE_WORDS = PERCENT_WORDS | {"rate", "rates", "ratio", "share", "proportion"}
#: Chinese noun suffixes that 率 replaces (准确性 accuracy -> 准确率 accuracy rate)
_NOUN_SUFFIXES = ("性", "度")


def _rate_zh(zh: str) -> str:
    """The Chinese rate of a rendered thing: 成功 -> 成功率, 准确性 -> 准确率, 留存率 stays."""
    if zh.endswith("率"):
        return zh
    return (zh[:-1] if len(zh) > 2 and zh.endswith(_NOUN_SUFFIXES) else zh) + "率"


def percent_anchors(metrics: tuple[CatalogMetric, ...]) -> list[Anchor]:
    """Phrases of every metric named "<thing> pct" (see the module doc).

    >>> m = CatalogMetric("pass_accuracy_pct", "pass accuracy pct")
    >>> sorted(a.phrase for a in percent_anchors((m,)) if a.phrase.startswith(("pass", "传")))[:4]
    ['pass accuracy', 'pass accuracy percent', 'pass accuracy percentage', 'pass accuracy rate']
    >>> "传球准确率" in [a.phrase for a in percent_anchors((m,))]
    True
    """
    out: list[Anchor] = []
    owned = _own_phrases(metrics)
    for m in metrics:
        words = [w for w in m.name.lower().split("_") if w]
        shares, acts = [], [("", 1.0)]
        if len(words) >= 2 and words[-1] in PERCENT_WORDS:
            thing = words[:-1]
            out.append(
                Anchor(" ".join(thing), "metric", m.name, None, m.name, "percent", PERCENT_STRIPPED)
            )
        elif lead := leading_percent(m):
            thing, shares = lead, list(SHARE_ZH)
            acts += label_participle(m)  # "Share completed on ...": 准时完成比例
        elif words and words[-1] not in _RATE_WORDS and _PERCENT_LABEL.search(m.label or ""):
            thing = words  # "monthly_inflation" labelled "Monthly Inflation (%)"
        else:
            continue
        spelled = [f"{' '.join(thing)} {w}" for w in _SPELLED]
        out += [
            Anchor(x, "metric", m.name, None, m.name, "percent", RATE)
            for x in spelled
            if owned.get(x, m.name) == m.name
        ]
        # the glossary's Chinese for a whole spelled rate ("win rate": 胜率), where the thing
        # alone has no Chinese noun ("win" is a verb): else 胜率 reached only another metric
        # whose label ends with those words ("Online Win Rate") and answered it
        out += [
            Anchor(zh, "metric", m.name, None, m.name, "percent+glossary", RATE * score)
            for x in spelled
            if owned.get(x, m.name) == m.name
            for zh, score, alone in glossary().get(x, ())
            if alone
        ]
        lemmas = [singular(w) for w in thing]
        for i in range(len(lemmas)):
            part = lemmas[i:]
            # another metric's own name for the spelled rate ("Refill Rate" beside
            # `avg_refill_percentage`): its Chinese (续杯率) is that metric's alone
            if any(owned.get(f"{' '.join(part)} {w}", m.name) != m.name for w in _SPELLED):
                continue
            factor = PERCENT_STRIPPED if i == 0 else PERCENT_STRIPPED * 0.9
            zhs = compounds(part) if len(part) > 1 else list(renderings(part[0]))
            out += [
                Anchor(form, "metric", m.name, None, m.name, "percent+cedict", factor * sc * s2)
                for zh, sc in zhs
                for act, s2 in acts
                for form in (_rate_zh(zh + act), *(zh + act + w for w in shares))
            ]
    return out


#: how Chinese says "the share of <thing>" besides <thing>率 (合规比例, 准时占比)
SHARE_ZH = ("比例", "占比")
#: words after a leading percent word that make it a change, not a share ("pct_change")
_CHANGE_WORDS = frozenset("change growth increase decrease diff difference delta".split())  # noqa: SIM905


#: the least score of a participle's Chinese read after the thing (a main sense, the glossary)
PARTICIPLE_MIN = 0.9


def label_participle(m: CatalogMetric) -> list[tuple[str, float]]:
    """The Chinese of the participle right after the label's leading share word.

    Why: the name says what is counted ("pct_on_time"), the label what happened to it
    ("Share completed on or before the due date"); Chinese says both before the share
    (准时完成比例). Only a main-sense rendering: "found" (as in "found compliant") renders
    the verb "to found" (创建) and is left out.

    >>> [zh for zh, _ in label_participle(CatalogMetric("x", "T: Share completed on time"))]
    ['已完成', '完成']
    >>> label_participle(CatalogMetric("x", "Share found compliant"))
    []
    """
    words = (m.label or "").rpartition(":")[2].lower().split()
    if len(words) < 2 or words[0] not in _RATE_WORDS or not words[1].endswith("ed"):
        return []
    stems = tuple(verb_stems(words[1]))
    return [(zh, s) for zh, s in renderings(words[1], stems) if s >= PARTICIPLE_MIN]


def leading_percent(m: CatalogMetric) -> list[str]:
    """The thing of a metric named "[<label prefix>_]pct_<thing>", else [].

    Why: English may put the percent word first ("pct_compliant", "pct_on_time", labelled
    "Quality Metrics: Share found compliant"), Chinese puts the share after the thing (合规率,
    合规比例, 准时比例). The words before it must be the label's own prefix (the part before
    its colon, here the semantic model's name), so nothing else is dropped.

    >>> leading_percent(CatalogMetric("qa_pct_compliant", "QA: Share found compliant"))
    ['compliant']
    >>> leading_percent(CatalogMetric("pct_on_time", "Share on time"))
    ['on', 'time']
    >>> leading_percent(CatalogMetric("sales_pct_change", "Sales % change"))
    []
    """
    words = [w for w in m.name.lower().split("_") if w]
    at = next((i for i, w in enumerate(words) if w in PERCENT_WORDS), None)
    if at is None or at == len(words) - 1:
        return []
    thing = words[at + 1 :]
    prefix = (m.label or "").partition(":")[0].lower().split() if ":" in (m.label or "") else []
    if words[:at] != prefix or set(thing) & (_RATE_WORDS | _CHANGE_WORDS):
        return []
    return thing


def _own_phrases(metrics: tuple[CatalogMetric, ...]) -> dict[str, str]:
    """Each metric's own name and label as lower-case words -> that metric's name.

    >>> _own_phrases((CatalogMetric("refill_rate", "Refill Rate"),))
    {'refill rate': 'refill_rate'}
    """
    out: dict[str, str] = {}
    for m in metrics:
        for text in (m.name.replace("_", " "), m.label):
            phrase = " ".join(re.findall(r"[a-z0-9]+", (text or "").lower()))
            if phrase:
                out.setdefault(phrase, m.name)
    return out


#: "<thing> per capita" and its kin: a rate over people, said before the thing in Chinese
#: (人均GDP) and in English as often ("per capita GDP")
_PER_HEAD = re.compile(r"^(?P<thing>[a-z][a-z ]*?) per (?:capita|person|head)$")
#: how surely the reordered phrase names the metric the phrase named
PER_HEAD = 0.95


def per_head_anchors(anchors: list[Anchor]) -> list[Anchor]:
    """ "per capita <thing>" and 人均<thing> for every metric anchor "<thing> per capita".

    Why: a model labels a rate over people "GDP per Capita"; English says "per capita GDP"
    as often, and Chinese only 人均GDP (人均 is "per capita"), so both were unknown ("I
    don't know 'capita'", "I don't know '人均'"). The thing keeps its own Chinese renderings,
    or its Latin letters when it has none (an acronym: GDP).

    >>> a = Anchor("gdp per capita", "metric", "gdp_pc", None, "GDP per Capita", "label", 1.0)
    >>> sorted(x.phrase for x in per_head_anchors([a]))[:2]
    ['per capita gdp', '人均GDP']
    """
    out: list[Anchor] = []
    for a in anchors:
        m = _PER_HEAD.match(a.phrase) if a.kind == "metric" else None
        if m is None:
            continue
        thing = m.group("thing").strip()
        words = thing.split()
        score = a.score * PER_HEAD
        out.append(Anchor(f"per capita {thing}", a.kind, a.name, a.value, a.via, "per-head", score))
        zhs = compounds(words) if len(words) > 1 else list(renderings(words[0]))
        if not zhs and len(words) == 1:
            zhs = [(thing, 1.0)]  # an acronym without a Chinese word: 人均GDP
        out += [
            Anchor(f"人均{zh}", a.kind, a.name, a.value, a.via, "per-head+cedict", score * s)
            for zh, s in zhs
        ]
    return out


def rate_like(m: CatalogMetric) -> bool:
    """Whether a metric's values are a rate: a ratio, a percent, or a name or label ending with
    a rate word ("gross_margin_pct", "Fill Rate").

    >>> rate_like(CatalogMetric("gross_margin_pct", "Gross Margin Percent", metric_type="derived"))
    True
    >>> rate_like(CatalogMetric("gross_margin", "Gross Margin", metric_type="derived"))
    False
    """
    if m.metric_type == "ratio" or m.value_format == "percent":
        return True
    for text in (m.name.replace("_", " "), m.label or ""):
        words = re.findall(r"[a-z]+", text.lower())
        if words and words[-1] in _RATE_WORDS:
            return True
    return False


def rate_term_senses(
    term: str, senses: list[Anchor], metrics: dict[str, CatalogMetric]
) -> list[Anchor]:
    """The senses of a Chinese term ending with 率 ("rate") without the metrics that are no
    rate, when a rate metric is among them.

    Why: CC-CEDICT glosses 毛利率 "gross margin", so 毛利率 reached both Gross Margin (an
    amount, net sales less cost) and Gross Margin Percent, and the amount, on the better score,
    was answered for a question that asks a rate ("2025年每月的毛利率"). 率 says the value is a
    rate; an amount is kept only where no rate metric has the term.

    >>> amount = CatalogMetric("gross_margin", "Gross Margin", metric_type="derived")
    >>> pct = CatalogMetric("gross_margin_pct", "Gross Margin Percent", metric_type="derived")
    >>> a = Anchor("毛利率", "metric", "gross_margin", None, "Gross Margin", "glossary", 0.95)
    >>> b = Anchor("毛利率", "metric", "gross_margin_pct", None, "x", "percent+cedict", 0.9)
    >>> by = {m.name: m for m in (amount, pct)}
    >>> [s.name for s in rate_term_senses("毛利率", [a, b], by)]
    ['gross_margin_pct']
    >>> [s.name for s in rate_term_senses("毛利率", [a], by)]
    ['gross_margin']
    """
    if not term.endswith("率") or term.isascii():
        return senses

    def rate(a: Anchor) -> bool | None:
        m = metrics.get(a.name) if a.kind == "metric" else None
        return None if m is None else rate_like(m)

    if not any(rate(a) for a in senses):
        return senses
    return [a for a in senses if rate(a) is not False]
