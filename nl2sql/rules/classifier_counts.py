""" "上个月跑了几趟", "看了几场": a count whose classifier alone names the thing counted.

Why: Chinese drops the noun after a classifier when the business makes it plain, and the
question was refused ("I don't know '几趟'") on a model whose trips every user counts. CC-CEDICT
lists the classifiers each noun takes (:mod:`nl2sql.vocabulary.classifiers`): 趟 counts trips,
journeys, trains and flights; 场 games, matches, shows. When exactly one entity of the model is
such a noun, the classifier counts that entity (with the model's own count metric). When two
are, the count is ambiguous and refused naming both; when none is, nothing is decided here.
The general classifiers (个 "item", 种/类/项 "kind") name no thing of their own and are left
alone.
"""

from __future__ import annotations

from nl2sql.counters import COUNTERS
from nl2sql.lexicon import Sense
from nl2sql.rules.counting import count_metric
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary.classifiers import counted_nouns
from nl2sql.vocabulary.english import singular

#: classifiers of anything at all: they never tell which thing is counted
GENERAL_CLASSIFIERS = frozenset("个种类项些")


def _entity_words(name: str, label: str) -> set[str]:
    """The English words an entity goes by: its name and label, singular, lower case."""
    out = set()
    for text in (name, label):
        words = text.replace("_", " ").lower().split()
        if words:
            out.add(" ".join([*words[:-1], singular(words[-1])]))
    return out


def counted_entities(p: ParseState, classifier: str) -> list[str]:
    """The model's entities CC-CEDICT says ``classifier`` counts (sorted names)."""
    if classifier in GENERAL_CLASSIFIERS or classifier not in COUNTERS:
        return []
    nouns = counted_nouns(classifier)
    return sorted(
        e.name for e in p.catalog.entities if _entity_words(e.name, e.label or "") & nouns
    )


def count_by_classifier(p: ParseState, howmany: Item) -> bool:
    """Count what the classifier right after ``howmany`` names; whether it did.

    Raises :class:`Refusal` when two entities fit, or when the one that fits has no count.
    """
    k = p.all.index(howmany)
    counter = p.all[k + 1] if k + 1 < len(p.all) else None
    if counter is None or counter.kind != "stop":
        return False
    cl = counter.text.strip()
    ents = counted_entities(p, cl)
    said = f"{howmany.text.strip()}{cl}"
    if len(ents) > 1:
        raise Refusal(
            f"'{said}' could count {' or '.join(ents)}; say which",
            zh=f"“{said}”可以指{'或'.join(ents)}的数量，请说明是哪一个",
            words=[said],
            senses=[Sense("entity", e) for e in ents],
        )
    if not ents:
        return False
    (name,) = ents
    noun = Item("domain", name, counter.start, counter.end, senses=[Sense("entity", name)])
    metric = count_metric(p, noun)
    if metric is None:
        raise Refusal(
            f"'{said}' counts {name}, and no metric of the model counts them; "
            "name the metric to use",
            zh=f"“{said}”统计的是{name}的数量，模型中没有统计它的指标；请说出要用的指标",
            words=[said],
        )
    p.add_metric(metric)
    counter.used = p.counted = True
    p.result.notes.append(f"'{said}' counts {name}: {metric}")
    p.result.bridged.append(f"{said} → {name}")
    return True
