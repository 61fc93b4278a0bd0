"""A noun made from the verb a metric's own words say: "findings" of "Found compliant".

Why: "non-compliant findings per month" was refused ("I don't know 'findings'") on a model
whose metric is "Found non-compliant"; "application arrivals" (of "Applications that
arrived"), "application completions" (of ``applications_completed``) and "visit completions"
(of "Completed Visits") likewise, although the word before the noun already reads those
metrics weakly and the noun says which one: the event its verb names.

What is read: an unknown noun whose verb is taken back by general English morphology (a
gerund's verb: findings → find; one derivational suffix: arrival → arrive, completion →
complete), right after a word read only weakly as metrics. The noun names the one metric among
those readings whose label, name or measure column says a form of that verb ("found",
"arrived", "completed"); when several do, a count noun keeps those that are no proportion.
The two words are then that metric. A negated form counts as another word ("non-compliant" is
not "compliant"), so "compliant findings" is never the non-compliant count. Anything else is
left as it was (refused or asked back).
"""

from __future__ import annotations

from nl2sql.lexicon import normalize
from nl2sql.lexicon_base import Sense
from nl2sql.rules.items import Item
from nl2sql.rules.proportion_words import is_proportion
from nl2sql.rules.state import ParseState
from nl2sql.rules.stop_compounds import spelled_words
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular
from semantic_layer.catalog import CatalogMetric

#: a word that negates the next one in a label or a question ("non-compliant")
_NEGATING = frozenset({"non", "not", "no", "un"})


def noun_verbs(word: str) -> set[str]:
    """The verbs a noun names the event of: a gerund's verb, else one suffix taken off.

    >>> sorted(noun_verbs("findings")), sorted(noun_verbs("arrivals")), noun_verbs("region")
    (['find'], ['arrive'], set())
    """
    noun = singular(word.lower())
    if not noun.isascii() or not noun.isalpha() or len(noun) < 5:
        return set()
    if noun.endswith("ing"):
        return set(morphology.verb_lemmas(noun))
    verb = morphology.derived_from(noun)
    return {verb} if verb else set()


def _tokens(words: list[str]) -> list[str]:
    """Words with a negating word joined to the next ("non compliant" → "non-compliant")."""
    out: list[str] = []
    for w in words:
        if out and out[-1] in _NEGATING:
            out[-1] = f"{out[-1]}-{w}"
        else:
            out.append(w)
    return out


def _says_verb(metric: CatalogMetric, verbs: set[str]) -> bool:
    tokens = {t for run in spelled_words(metric) for t in _tokens(run)}
    return any(verbs & {t, *morphology.verb_lemmas(t)} for t in tokens)


def _weak_readings(p: ParseState, it: Item) -> list[Sense]:
    if it.kind == "unknown":
        senses = list(p.lex.clarify.get(normalize(it.text), []))
    elif it.kind == "domain" and not any(s.strong for s in it.senses):
        senses = list(it.senses)
    else:
        return []
    return senses if senses and all(s.kind == "metric" for s in senses) else []


def _negation_kept(metric: CatalogMetric, said: list[str]) -> bool:
    """Whether the metric's own negated words are the ones the words before the noun say:
    "compliant" never reaches "Found non-compliant", "non compliant" never "Found compliant"."""
    own = {t for run in spelled_words(metric) for t in _tokens(run)}
    told = _tokens(said)
    for t in told:
        if "-" not in t and any(o.endswith(f"-{t}") for o in own) and t not in own:
            return False
        if "-" in t and t not in own:
            return False
    return True


def read_verb_nouns(p: ParseState) -> None:
    """Read "<weak word> <noun of a verb>" as the one metric saying that verb."""
    for k, it in enumerate(p.all):
        if k == 0 or it.kind != "unknown" or not it.text.isascii():
            continue
        verbs = noun_verbs(it.text.strip())
        before = p.all[k - 1]
        senses = _weak_readings(p, before) if verbs else []
        if not senses:
            continue
        said = normalize(before.text).replace("-", " ").split()
        metrics = [
            m
            for s in senses
            if (m := p.catalog.metric(s.name)) is not None
            and _says_verb(m, verbs)
            and _negation_kept(m, said)
        ]
        if len(metrics) > 1:
            metrics = [m for m in metrics if not is_proportion(m)]
        if len(metrics) != 1:
            continue
        (metric,) = metrics
        sense = Sense("metric", metric.name)  # settled: shown as the bridge below, once
        p.all[k - 1] = Item("domain", before.text, before.start, before.end, [sense])
        p.all[k] = Item("stop", it.text, it.start, it.end)
        p.its = [x for x in p.all if x.kind != "stop"]
        p.result.bridged.append(f"{before.text.strip()} {it.text.strip()} → {metric.label}")
