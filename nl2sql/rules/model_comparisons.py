"""Pass: a share or a change the model already defines wins over the engine's own derivation.

Why: a dbt project often has the ratio or derived metric the question asks for — "Ebook
Share %" described as "The % of sales from ebooks", "Sales Growth % M/M" described as
"Percentage growth of sales compared to 1 month ago". The engine can also compute a share of
total or a period-over-period change over the result (``nl2sql.derived``), but that number is
its own definition (a fraction where the model shows percent points, other columns, other
filters); the owner's metric is the one the business reports. So before the comparison words
are read as a derivation, a model metric that says the same is looked for:

* it is a ratio or derived metric (or formatted as a percent) whose name, label, synonyms or
  description carry the comparison: a share word ("share", "%", "percent", "proportion", and
  "ratio" for a ratio metric) for a share, a change word ("growth", "change", "increase") and the period ("M/M", "month over
  month", "compared to 1 month ago") for a change;
* every content word of its label is said in the question, by a word or by the model term a
  word reached (电子书 → ``is_ebook``), so "share of sales by genre" never becomes "Ebook
  Share %";
* the question's words that the metric's own words explain (its base metric "sales", the
  flag "ebooks") are claimed with it; the rest (a city, a breakdown) still apply.

One such metric answers (a change keeps the question's time grain, or the metric's own);
two are ambiguous and refused with both; none leaves the question to the derivation.
"""

from __future__ import annotations

import re

from nl2sql.derived import period_grain
from nl2sql.general import ROLES
from nl2sql.lexicon import Sense, key_of
from nl2sql.rules.change_words import CHANGE_WORD
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.english import FUNCTION_WORDS, name_words, singular
from nl2sql.vocabulary.rate_anchors import NAME_PERCENT_WORDS, SAID_PERCENT_WORDS
from semantic_layer.catalog import CatalogMetric

_SHARE_WORDS = frozenset({"share", "%", "percent", "percentage", "proportion", "fraction", "占比"})
_CHANGE_WORDS = frozenset({"growth", "change", "increase", "decrease", "delta", "增长", "增长率"})
#: how a metric's words name the period of its change ("M/M", "compared to 1 month ago")
_GRAIN_SIGNS = {
    "day": re.compile(r"\bd/d\b|\bdod\b|\bday\b|\bdaily\b|日环比"),
    "week": re.compile(r"\bw/w\b|\bwow\b|\bweek\b|\bweekly\b|周环比"),
    "month": re.compile(r"\bm/m\b|\bmom\b|\bmonth\b|\bmonthly\b|月环比"),
    "quarter": re.compile(r"\bq/q\b|\bqoq\b|\bquarter\b|\bquarterly\b|季度环比"),
    "year": re.compile(r"\by/y\b|\byoy\b|\byear\b|\byearly\b|\bannual\b|同比"),
}
#: words before a label's noun that only say how it aggregates ("Total Sales")
_LEAD_WORDS = frozenset({"is", "total", "average", "avg", "mean", "sum", "overall"})
#: words of a label that only say what kind of number it is, not what it is about
_KIND_WORDS = _SHARE_WORDS | _CHANGE_WORDS | {"rate", "pct", "ratio", "of", "m", "y", "w", "q", "d"}


def _role(it: Item) -> str:
    return it.role.split(":")[0] if it.kind == "role" else ""


def _words(text: str) -> set[str]:
    """Lower-case singular words of ``text`` (names split at ``_``), ``%`` kept."""
    out = {singular(w) for w in name_words(text)}
    if "%" in text:
        out.add("%")
    return out


def _text_of(m: CatalogMetric) -> str:
    return " ".join((m.name.replace("_", " "), m.label, *m.synonyms, m.description)).lower()


def _grain_parts(text: str) -> set[str]:
    """The words a label's period tokens split into: "YoY" is read as "yo" + "y" by the name
    splitter, and "yo" is no grain word, so the token is tested whole.

    >>> sorted(_grain_parts("Sales YoY Change (%)"))
    ['y', 'yo', 'yoy']
    """
    out: set[str] = set()
    for token in re.findall(r"[A-Za-z/]+", text):
        if any(s.search(token.lower()) for s in _GRAIN_SIGNS.values()):
            out |= {singular(w) for w in name_words(token)} | {token.lower()}
    return out


def _label_content(m: CatalogMetric) -> set[str]:
    """What a metric's label (else name) is about: its words minus kind and grain words."""
    words = _words(m.label or m.name)
    grain_words = {w for w in words if any(s.search(w) for s in _GRAIN_SIGNS.values())}
    grain_words |= _grain_parts(m.label or m.name)
    return words - _KIND_WORDS - FUNCTION_WORDS - _LEAD_WORDS - grain_words


def _kind_fits(m: CatalogMetric, kind: str, grain: str | None) -> bool:
    """Whether ``m``'s own words carry the question's comparison (and its period)."""
    text = _text_of(m)
    words = _words(text) | set(key_of(text))
    change = bool(words & _CHANGE_WORDS)
    if kind == "share":  # a growth in percent is not a share; a ratio metric "... ratio" is
        shared = bool(words & _SHARE_WORDS) or (m.metric_type == "ratio" and "ratio" in words)
        return shared and not change
    if not change and not any(
        r.startswith(kind) and len(w) > 3 and w in text for w, r in ROLES.items()
    ):
        return False
    own = [g for g, sign in _GRAIN_SIGNS.items() if sign.search(text)]
    if kind == "yoy":
        return "year" in own or not own
    return (grain in own) if grain is not None else len(own) == 1


def _item_words(p: ParseState, it: Item) -> set[str]:
    """The words an item says, and the model words of the terms it reached."""
    out = {singular(w) for w in key_of(it.text) if w.isascii()}
    for s in [it.sense] if it.sense else it.senses:
        if s.kind == "metric" and (m := p.catalog.metric(s.name)):
            out |= _words(m.label or m.name)
        elif s.kind in ("dimension", "value") and (d := p.catalog.dimension(s.name)):
            out |= _words(d.name.split("__")[-1]) - {"is"}
            if s.kind == "value" and s.value is not None:
                out |= _words(str(s.value))
        elif s.kind == "entity":
            out |= _words(s.name)
    return out - FUNCTION_WORDS


def _explained(p: ParseState, it: Item, vocabulary: set[str]) -> bool:
    """Whether the metric's own words explain item ``it`` (its text or a term it reached)."""
    said = {singular(w) for w in key_of(it.text) if w.isascii()} - FUNCTION_WORDS
    if said and said <= vocabulary:
        return True
    for s in [it.sense] if it.sense else it.senses:
        if s.kind == "metric" and (m := p.catalog.metric(s.name)):
            own = _label_content(m) or _words(m.name)
        elif s.kind in ("dimension", "value") and (d := p.catalog.dimension(s.name)):
            own = _words(d.name.split("__")[-1]) - {"is"}
        else:
            continue
        if own and own <= vocabulary:
            return True
    return False


def _question_comparison(p: ParseState) -> tuple[str, str | None, list[Item]] | None:
    """(kind, grain, words) of the question's comparison words, None without exactly one.

    A percent word beside a change ("环比变化百分比", "MoM change in percent") is the unit the
    change is asked in, not a share of total: it stays among the words (it picks the model's
    change in percent), and the comparison is the change.
    """
    words = [it for it in p.its if _role(it) in ("share", "pop", "yoy", "growth") and not it.used]
    changes = {_role(it) for it in words} & {"pop", "yoy"}
    units = [it for it in words if _role(it) == "share" and _percent_word(it.text)]
    if changes and units and all(_role(it) != "share" or it in units for it in words):
        words = [it for it in words if it not in units] + units
        kinds = set(changes)
    else:
        kinds = {_role(it) for it in words if _role(it) != "growth"}
    grains = {it.role.split(":")[1] for it in words if ":" in it.role}
    if not words or len(kinds) > 1 or len(grains) > 1:
        return None
    kind = kinds.pop() if kinds else "pop"  # "sales growth": a change, period from the metric
    return kind, (grains.pop() if grains else _implied_grain(p)), words


def _implied_grain(p: ParseState) -> str | None:
    """The period a change word without its own ("环比", "growth") compares: the question's
    one time grain ("每月"), else the one whole calendar period its time range is ("3月").

    Why: "3月收入环比增长了多少" was answered by the model's week-over-week metric, week by
    week; the question compares March with February, which the derivation answers. Read
    before the time passes run, so from the items themselves, as those passes will.
    """
    grains = {
        it.role.split(":")[1]
        for i, it in enumerate(p.its)
        if it.kind == "role"
        and it.role.startswith(("grain:", "grainadj:"))
        and not ((prev := p.at(i - 1)) is not None and prev.kind == "num")
    }
    if grains:
        return grains.pop() if len(grains) == 1 else None
    times = [it.time for it in p.its if it.kind == "time" and it.time is not None]
    return period_grain(times[0].range) if len(times) == 1 else None


#: share words that say "in percent" (not "share"): after a metric kept in percent they are
#: that metric's own unit ("Corsi百分比" for "Average Corsi %"), not a share of total
_PERCENT_WORDS = SAID_PERCENT_WORDS


def _in_percent(m: CatalogMetric) -> bool:
    """Whether ``m`` is itself a percentage: a ``%`` label, a percent format or a pct name."""
    return (
        "%" in (m.label or "")
        or m.value_format == "percent"
        or bool(NAME_PERCENT_WORDS & set(key_of(m.name)))
    )


def _own_percent_word(p: ParseState, words: list[Item]) -> bool:
    """Mark a percent word right after a metric kept in percent as that metric's own unit.

    Why: "Corsi百分比" / "corsi percentage" for "Average Corsi %" read 百分比 as a share of
    total of that metric and refused it (no breakdown) or, with one, answered a share of a
    percentage. Only right after the metric's word, and only when every reading of that word
    is a metric in percent; "订单百分比" (orders, a count) stays a share.
    """
    if len(words) != 1 or words[0].text.strip().lower() not in _PERCENT_WORDS:
        return False
    k = next((j for j, it in enumerate(p.its) if it is words[0]), -1)
    before = p.at(k - 1)
    gap = p.result.question[before.end : words[0].start] if before is not None else "x"
    if before is None or before.kind != "domain" or gap.strip():
        return False
    senses = [before.sense] if before.sense else before.senses
    metrics = [p.catalog.metric(s.name) for s in senses if s.kind == "metric"]
    if not senses or len(metrics) != len(senses):
        return False
    if not all(m is not None and _in_percent(m) for m in metrics):
        return False
    words[0].used = True
    return True


#: what asks a change as a rate (percent) rather than as an amount
_RATE_ASKED = re.compile(r"%|\bpercent|\bpct\b|\brate\b|百分|增长率|增速|增幅|涨幅|变化率|变动率")
#: what asks a change as an amount: how much it moved, in money or units
_AMOUNT_ASKED = re.compile(
    r"\bhow much\b|\babsolute\b|\bdifference\b|\bin (?:dollars|usd|euros?|units)\b"
    r"|(?<!百分之)多少|绝对|差额"
)


def _percent_word(text: str) -> bool:
    return text.strip().lower() in _PERCENT_WORDS


def _by_unit(
    p: ParseState, matches: list[tuple[CatalogMetric, list[Item]]]
) -> list[tuple[CatalogMetric, list[Item]]]:
    """Of several model changes, the ones in the unit the question asks: a rate or percent
    ("同比增长率", "MoM change in percent") the changes kept in percent, an amount ("变化了多少",
    "change in dollars") the others; said neither or both, all of them (asked back).

    Why: a model often publishes one change twice ("Sales YoY Change" and "Sales YoY Change
    (%)"); the question's unit word tells them apart, and without one the two are asked back.
    """
    q = p.result.question.lower()
    rate, amount = bool(_RATE_ASKED.search(q)), bool(_AMOUNT_ASKED.search(q))
    if rate == amount:
        return matches
    kept = (
        [(m, c) for m, c in matches if _in_percent(m) or m.percent_points]
        if rate
        else [(m, c) for m, c in matches if not (_in_percent(m) or m.percent_points)]
    )
    return kept or matches


def _percent_twin(p: ParseState, m: CatalogMetric) -> CatalogMetric | None:
    """The one metric that is ``m`` kept in percent: its label with "(%)" / "%" added, or its
    name with a percent word added ("sales_mom_change" -> "Sales MoM Change (%)")."""
    if _in_percent(m) or m.percent_points:
        return None
    plain = (m.label or m.name).strip().lower()
    twins = [
        t
        for t in p.catalog.metrics
        if t.name != m.name
        and (_in_percent(t) or t.percent_points)
        and (
            re.sub(r"\s*[(（]?\s*%\s*[)）]?\s*$", "", (t.label or "").strip().lower()) == plain
            or any(t.name.lower() == f"{m.name.lower()}_{w}" for w in NAME_PERCENT_WORDS)
        )
    ]
    return twins[0] if len(twins) == 1 else None


def _percent_twin_word(p: ParseState, words: list[Item]) -> bool:
    """A percent word ("Sales MoM Change in percent") after a metric that is not in percent,
    where the model keeps the same metric in percent too, names that twin.

    Why: a model may publish a change twice ("Sales MoM Change", "Sales MoM Change (%)");
    the user names the first label and says the unit. Read as a share of total, the question
    was refused (no breakdown); the twin is the owner's number. Only right after the metric's
    words (``in`` / ``as`` / ``as a`` between) and only when every reading of those words has
    exactly one twin.
    """
    if len(words) != 1 or not _percent_word(words[0].text):
        return False
    k = next((j for j, it in enumerate(p.its) if it is words[0]), -1)
    before = p.at(k - 1)
    gap = p.result.question[before.end : words[0].start] if before is not None else "x"
    if before is None or before.kind != "domain" or before.used:
        return False
    if gap.strip().lower() not in ("", "in", "as", "as a", "in a", "的"):
        return False
    senses = [before.sense] if before.sense else before.senses
    metrics = [p.catalog.metric(s.name) for s in senses if s.kind == "metric"]
    if not senses or len(metrics) != len(senses) or any(m is None for m in metrics):
        return False
    twins = {t.name for m in metrics if m is not None and (t := _percent_twin(p, m))}
    if len(twins) != 1 or any(_percent_twin(p, m) is None for m in metrics if m is not None):
        return False
    name = twins.pop()
    before.senses = [Sense("metric", name)]
    before.sense = Sense("metric", name)
    words[0].used = True
    p.result.notes.append(f"'{words[0].text.strip()}': {name}, the same metric in percent")
    return True


def _lead_clause(m: CatalogMetric) -> set[str]:
    """What the first clause of a metric's description is about ("Expected goals percentage:
    xGF / ..." -> expected, goal), kind and function words left out; empty without one."""
    clause = re.split(r"[:.;(\n]", m.description or "", maxsplit=1)[0]
    return _words(clause) - _KIND_WORDS - FUNCTION_WORDS - _LEAD_WORDS


def _refuse_near_miss(p: ParseState, kind: str, grain: str | None, domain: list[Item]) -> None:
    """Refuse a derived share when a model metric in percent describes the same thing.

    Why: "各球队的预期进球百分比" was answered as each team's share of Total Expected Goals
    while the model has "Team xGoals %", described as "Expected goals percentage": the
    owner's percentage, a different number (xGF / (xGF + xGA)). Its label's words
    ("xGoals") are not said, so it is not read; the derivation would give a wrong answer.
    The question is refused with the model's metric offered.
    """
    said = set().union(*(_item_words(p, it) for it in domain)) if domain else set()
    near = [
        m
        for m in p.catalog.metrics
        if _in_percent(m)
        and _kind_fits(m, kind, grain)
        and (lead := _lead_clause(m))
        and lead <= said
        and not any(s.name == m.name for it in domain for s in it.senses)
    ]
    if not near:
        return
    names = [m.label or m.name for m in near]
    raise Refusal(
        "the model has its own percentage for this: " + " or ".join(names) + "; ask for it "
        "by name, or for a share of total by its metric's name",
        zh="模型中有对应的百分比指标："
        + "或".join(names)
        + "；请直接问该指标，或写明要算占比的指标",
        senses=[Sense("metric", m.name) for m in near],
    )


def read_model_comparisons(p: ParseState) -> None:
    """Answer a share / change question with the model's own metric for it, when there is one."""
    asked = _question_comparison(p)
    if asked is None or p.context is not None or any(_role(it) == "compare" for it in p.its):
        return  # "vs last month" names the base period itself: the derivation reads it
    kind, grain, words = asked
    if kind == "share" and (_own_percent_word(p, words) or _percent_twin_word(p, words)):
        return
    # a word after "by"/"按" is a breakdown of the answer, never part of the metric's name
    domain = [
        it
        for i, it in enumerate(p.its)
        if it.kind == "domain" and not it.used and not p.role_at(i - 1, "group")
    ]
    matches: list[tuple[CatalogMetric, list[Item]]] = []
    for m in p.catalog.metrics:
        if m.metric_type not in ("ratio", "derived") and m.value_format != "percent":
            continue
        if not _kind_fits(m, kind, grain):
            continue
        content = _label_content(m)
        vocabulary = _words(_text_of(m))
        claimed = [it for it in domain if _explained(p, it, vocabulary)]
        if any(
            s.name == m.name
            for it in claimed
            if it.role != CHANGE_WORD  # "change" beside YoY: the period picks among its readings
            for s in it.senses
            if s.kind == "metric"
        ):
            continue  # "退货率占比": the metric itself is named, the comparison is of it
        if any(all(s.kind == "metric" for s in it.senses) for it in domain if it not in claimed):
            continue  # another metric the question names is not part of this one
        said = set().union(*(_item_words(p, it) for it in claimed)) if claimed else set()
        if content and content <= said:
            matches.append((m, claimed))
    if not matches:
        if kind == "share":
            _refuse_near_miss(p, kind, grain, domain)
        return
    if len(matches) > 1 and kind != "share":
        matches = _by_unit(p, matches)
    if len(matches) > 1:
        raise Refusal(
            "the model has several metrics for this: "
            + " or ".join(m.label or m.name for m, _ in matches)
            + "; name one",
            zh="模型中有多个指标符合："
            + "或".join(m.label or m.name for m, _ in matches)
            + "；请指明一个",
            senses=[Sense("metric", m.name) for m, _ in matches],
        )
    m, claimed = matches[0]
    for it in [*claimed, *words]:
        it.used = True
    for it in claimed:
        it.sense = Sense("metric", m.name)
    p.add_metric(m.name)
    p.named_metrics.append(m.name)
    own = [g for g, sign in _GRAIN_SIGNS.items() if sign.search(_text_of(m))]
    period = grain or (own[0] if len(own) == 1 else None)
    if kind != "share" and period is not None:
        p.add_group(f"metric_time__{period}")
    p.result.notes.append(f"the model's own metric {m.name} answers the {kind} asked for")
