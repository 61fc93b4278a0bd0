"""Which metric counts a noun: "orders" -> ``order_count``, "客户数" -> ``customers``.

Why by name patterns: models name their count metrics after what they count (``order_count``,
``num_customers``, label "Number of orders", synonym "订单数"), so the metric is found from the
model's own names and the noun's senses, without a domain word list.
"""

from __future__ import annotations

import re

from nl2sql.identity_cache import IdentityCache
from nl2sql.interpret import metric_label
from nl2sql.lexicon import Sense, normalize
from nl2sql.rules.count_events import pick_counted_event
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.metric_names import exact_metric
from nl2sql.rules.own_rows_count import ask_own_rows
from nl2sql.rules.view import StateView
from nl2sql.vocabulary import morphology
from nl2sql.vocabulary.english import singular
from nl2sql.vocabulary.total_labels import TOTAL_SAID, total_label_count
from nl2sql.vocabulary.verb_bridges import is_new_count
from semantic_layer.catalog import Catalog


def _name_forms(w: str) -> set[str]:
    """Metric *names* that count the thing ``w`` (rank 0: the best evidence)."""
    ascii_w = w.replace(" ", "_")
    wp = w.rstrip("s")
    return {
        f"{ascii_w}_count",
        f"{ascii_w}s",
        f"num_{ascii_w}s",
        f"{ascii_w}s_count",
        f"count_{ascii_w}s",
        f"n_{ascii_w}s",
        f"{ascii_w}_cnt",
        f"number_of_{ascii_w}s",
        f"total_{ascii_w}s",
        f"{ascii_w}_num",
        f"{wp}_count",
    }


def _label_forms(w: str) -> set[str]:
    """Metric labels/synonyms that count the thing ``w`` (rank 1)."""
    wp = w.rstrip("s")
    return {
        f"{w}数",
        f"{w}数量",
        f"{w}量",
        f"{w}总数",
        f"{w} count",
        f"{wp} count",
        f"number of {w}",
        f"number of {wp}s",
        f"{wp}s",
        f"{w}个数",
        f"{w}笔数",
        f"{w}单数",
    }


def _noun_words(p: StateView, it: Item, sense: Sense) -> set[str]:
    """The ways the model names what ``sense`` is: its name, label, synonyms, the text."""
    if sense.kind == "entity":
        ent = next((e for e in p.catalog.entities if e.name == sense.name), None)
        base = [sense.name] + ([ent.label, *ent.synonyms] if ent else [])
    else:
        dim = p.catalog.dimension(sense.name)
        base = [sense.name.split("__")[-1]] + ([dim.label, *dim.synonyms] if dim else [])
    words = {normalize(w.replace("_", " ")) for w in base}
    words.add(normalize(it.text))
    return words


def _counting_by_data(p: StateView, sense: Sense) -> list[str]:
    """Metrics whose measure counts the entity ``sense`` names (rows of its own model by the
    primary key, or distinct values of its key in another model), by the model's structure
    rather than its wording: ``bikes_used`` = COUNT(DISTINCT frame_no) counts bikes."""
    if sense.kind == "dimension":
        return _counting_values(p, sense.name)
    if sense.kind != "entity":
        return []
    return [m.name for m in p.catalog.metrics if m.counts == sense.name]


def _bare(expr: str) -> str:
    """An expression compared as a column name (quotes, case and spaces ignored)."""
    return "".join(expr.replace('"', "").replace("`", "").split()).lower()


def _counting_values(p: StateView, dimension: str) -> list[str]:
    """Metrics that count the distinct values of a categorical dimension: a ``count_distinct``
    of the dimension's own column on the same rows (``companies_count`` =
    COUNT(DISTINCT company) beside the dimension ``company``).

    Why: a company, a model or a brand kept only as a column (no entity of its own) is still
    a thing the model counts; "有多少家公司" was refused as having no count while the model
    defines exactly that one. Same rows = the metric's time dimension hangs off the
    dimension's entity (one semantic model), so a count of the column elsewhere never counts
    these values.
    """
    dim = p.catalog.dimension(dimension)
    if dim is None or dim.dim_type != "categorical" or not dim.entity:
        return []
    column = _bare(dim.expr or dimension.split("__")[-1])
    return [
        m.name
        for m in p.catalog.metrics
        if m.metric_type == "simple"
        and m.agg.lower() == "count_distinct"
        and not m.filtered
        and _bare(m.measure_expr) == column
        and (m.agg_time_dimension or "").split("__")[0] == dim.entity
    ]


#: column names that hold a count of the thing ``w`` per row (``passenger_count``, ``num_seats``):
#: a sum of such a column counts the things, as a count of rows does
def _count_columns(w: str) -> set[str]:
    ascii_w = w.replace(" ", "_")
    return {
        f"{ascii_w}_count",
        f"{ascii_w}s_count",
        f"num_{ascii_w}s",
        f"n_{ascii_w}s",
        f"{ascii_w}_cnt",
        f"number_of_{ascii_w}s",
    }


def _summing_counts(p: StateView, words: set[str]) -> list[str]:
    """Simple metrics that sum a column holding a count of the noun per row: "how many
    passengers" is ``SUM(passenger_count)`` on a model of trips with their passenger counts.

    Why by the column and not the metric's wording: the metric is named after the total
    ("Total Passengers"), which the name patterns do not read as a count, and an amount such as
    ``total_sales`` must stay no count of sales; only a column that says it holds a count
    ("<noun>_count", "num_<noun>s") makes its sum the number of those things.
    """
    forms = {c for w in words for x in (w, singular(w)) for c in _count_columns(x)}
    return [
        m.name
        for m in p.catalog.metrics
        if m.metric_type == "simple"
        and m.agg == "sum"
        and not m.filtered
        and m.measure_expr.strip().lower() in forms
    ]


#: words before a counted noun that say how it is counted, not which of its kind
_HOW_COUNTED = frozenset({"total", "number", "count", "distinct", "unique", "all", "of", "the"})


def _said_kinds(p: StateView, names: list[str], nouns: set[str]) -> list[str]:
    """The counts of an entity left once those of a kind the question never says are dropped.

    Why: two metrics count customers by the model's structure, "Buyers" and "New Customers";
    the label "New Customers" is the noun with a modifier ("new"), a kind of customer, as
    "Cancelled Orders" is a kind of order. "How many customers" does not say "new", so that
    metric is not what it asks — when exactly one count is left, it answers (shown as its
    label). Labels that only say how the noun is counted ("Total Customers", "Distinct
    Customers") name no kind and stay candidates, so two of them are still clarified.
    """
    question = {w for it in p.all for w in normalize(it.text).split()}
    heads = {w.split()[-1].rstrip("s") for w in nouns if w.isascii() and w.split()}
    kept = []
    for n in names:
        m = p.catalog.metric(n)
        words = [w.lower() for w in (m.label if m else n).replace("_", " ").split()]
        modifiers = set(words[:-1]) - _HOW_COUNTED
        if words and words[-1].rstrip("s") in heads and modifiers - question:
            continue  # a kind of the noun the question does not name
        kept.append(n)
    return kept


#: each catalog's metric forms, read once (every count question read every label again,
#: and the "all" rule below every other label once more per metric)
_FORMS = IdentityCache[dict[str, frozenset[str]]](maxsize=16)


def _metric_forms(catalog: Catalog) -> dict[str, frozenset[str]]:
    """Metric name -> the normalized forms that name it: its name, label and synonyms.

    "All Delivery Attempts" is also the count of the delivery attempts themselves when a count
    of a kind of them stands beside it ("Completed Delivery Attempts"): "all" says no kind is
    left out. Without such a kind ("Visitors" beside "All Members") the two counts stay asked
    about.
    """

    def build() -> dict[str, frozenset[str]]:
        labels = {o.name: normalize(o.label or "") for o in catalog.metrics}
        out: dict[str, frozenset[str]] = {}
        for m in catalog.metrics:
            forms = {normalize(x.replace("_", " ")) for x in (m.name, m.label, *m.synonyms)}
            forms |= {
                f[4:]
                for f in forms
                if f.startswith("all ")
                and len(f) > 4
                and any(label.endswith(" " + f[4:]) for n, label in labels.items() if n != m.name)
            }
            out[m.name] = frozenset(forms)
        return out

    return _FORMS.get_or_build(catalog, build)


def _count_candidates(
    p: StateView, it: Item, sense: Sense, distinct: bool
) -> list[tuple[int, str]]:
    """(rank, metric) pairs that count what ``sense`` names: 0 by name, 1 by label, 2 by data."""
    words = _noun_words(p, it, sense)
    by_data = _counting_by_data(p, sense)
    cands: list[tuple[int, str]] = []
    all_forms = _metric_forms(p.catalog)
    for m in p.catalog.metrics:
        if distinct and m.name not in by_data:
            continue
        forms = all_forms[m.name]
        for w in words:
            if m.name in _name_forms(w):
                cands.append((0, m.name))
            elif forms & _label_forms(w):
                cands.append((1, m.name))
        if _kind_count_said(p, m.label, words) and (1, m.name) not in cands:
            cands.append((1, m.name))
    summed = [n for n in _summing_counts(p, words) if n not in by_data]
    described = [n for n in _described_counts(p, words) if n not in by_data + summed]
    return cands + [(2, name) for name in by_data + summed + described]


def _kind_count_said(p: StateView, label: str, nouns: set[str]) -> bool:
    """Whether ``label`` is "<kind words> <noun> Count" and the question says every kind word:
    "how many approved applications" is the model's "Approved Application Count (final)".

    Why: the label names a kind of the counted noun (as "Cancelled Orders" does); with the
    kind said, that count is what is asked, and without it ("how many applications") it is not
    (:func:`_said_kinds`). A note in brackets is not part of the name.
    """
    words = re.sub(r"\([^)]*\)", " ", label.lower()).split()
    if len(words) < 3 or words[-1] != "count":
        return False
    heads = {singular(n) for n in nouns if n.isascii() and " " not in n}
    if singular(words[-2]) not in heads:
        return False
    question = {singular(w) for it in p.all for w in normalize(it.text).split()}
    return {singular(w) for w in words[:-2]} <= question


#: how a description starts when it says what a count metric counts ("Count of applications …")
_COUNT_OPENERS = ("count of ", "number of ", "total number of ")


def _described_counts(p: StateView, words: set[str]) -> list[str]:
    """Unfiltered count metrics whose own description says they count the noun: "Count of
    applications waiting in the queue" counts applications, though its label ("Application
    Queue Count") and its key (one ``application_queue`` row each) name something else.

    Why the description: "how many applications are in the queue" was refused ("no metric
    counts 'applications'") while the model's author wrote what the metric counts (a
    session-18 fresh project showed it). Only a ``count`` /
    ``count_distinct`` measure with no filter of its own, and only the noun right after the
    opening words, written in the plural: "Count of queued applications …" counts a kind of
    application, and "Count of program reviews" counts reviews, not programs (read so, "how
    many programs" answered the number of reviews).
    """
    forms = set()
    for w in words:
        if w.isascii() and " " not in w:
            one = singular(w)
            forms |= {f"{one}s", f"{one}es"} | ({w} if w != one else set())
    out = []
    for m in p.catalog.metrics:
        if (
            m.metric_type != "simple"
            or m.filtered
            or m.agg.lower() not in ("count", "count_distinct")
        ):
            continue
        for text in (m.description, m.measure_description):
            t = " ".join(text.lower().split())
            opener = next((o for o in _COUNT_OPENERS if t.startswith(o)), None)
            if opener is None:
                continue
            rest = t[len(opener) :].replace(",", " ").replace(".", " ").split()
            if rest and rest[0] in forms:
                out.append(m.name)
                break
    return out


def _countable_sense(p: StateView, it: Item, distinct: bool) -> Sense | None:
    """The one sense of an undecided noun that the model can count, None otherwise.

    Why: "how many games" on a model whose "games" may be the attended game, the game x team
    row or the "is yankees game" flag asks for a count, and only the attended game has one
    (Games Attended counts its key). The others would be refused for having no count, so
    they are not readings of a "how many" question; two countable senses stay for
    :meth:`StateView.resolve` to settle or refuse.
    """
    if it.kind != "domain" or it.sense is not None:
        return None
    senses = [s for s in it.senses if s.kind in ("entity", "dimension")]
    if len(senses) < 2 or len(senses) != len([s for s in it.senses if s.kind != "value"]):
        return None
    countable = [s for s in senses if _count_candidates(p, it, s, distinct)]
    if len(countable) != 1:
        return None
    it.sense = countable[0]
    return it.sense


def _joined_count(p: StateView, sense: Sense) -> str | None:
    """ "how many members signed up in 2021": with a verb of joining in the question, the model's
    one count of *new* things of the entity (``new_members``, timed on the member's own rows)
    counts it, when no other metric does. Why only then: "how many members" alone does not say
    new, and a count of new members would answer a different question."""
    if sense.kind != "entity":
        return None
    if not any(x.role == "verb" and morphology.is_joining_form(x.text) for x in p.all):
        return None
    names = [
        m.name
        for m in p.catalog.metrics
        if is_new_count(m) and (m.agg_time_dimension or "").split("__")[0] == sense.name
    ]
    return names[0] if len(names) == 1 else None


def _one_definition(p: StateView, names: list[str]) -> bool:
    """Whether the metrics ``names`` are one count under several names: simple metrics of the
    same measure and time dimension, none filtered, windowed or read at a latest snapshot.

    Why: a model may publish one measure twice ("Sessions by type" and a second label over the
    same session count); both give the same number, so asking the user to choose between them
    refuses a question with one answer. "number of lessons" already read the first of them.
    """
    keys = set()
    for name in names:
        m = p.catalog.metric(name)
        if (
            m is None
            or m.metric_type != "simple"
            or not m.measure
            or m.filtered
            or m.windowed
            or m.latest
            or m.running
        ):
            return False
        keys.add((m.measure, m.agg, m.measure_expr, m.agg_time_dimension))
    return len(keys) == 1


def count_metric(p: StateView, it: Item, *, distinct: bool = False) -> str | None:
    """The metric that counts what ``it`` names, None when the model has none.

    The model's names and labels are the best evidence ("orders" -> ``order_count``); a metric
    whose measure counts the entity's key (:attr:`CatalogMetric.counts`) is the next. With
    ``distinct`` ("how many different planes") only a metric counting the entity itself
    qualifies: a count of rows that merely mention it ("flights") would count repeats.

    Raises :class:`Refusal` when two metrics count it equally well.
    """
    metric_senses = [s for s in it.senses if s.kind == "metric"]
    if len(metric_senses) == 1 and it.kind == "domain" and not distinct:
        return metric_senses[0].name
    countable = _countable_sense(p, it, distinct)
    sense = countable or p.resolve(it, ("entity", "dimension", "metric"))
    if sense is None:
        return None
    if sense.kind == "metric":
        return sense.name
    words = _noun_words(p, it, sense)
    cands = _count_candidates(p, it, sense, distinct)
    if not cands:
        return _joined_count(p, sense)
    if any(x.text.lower() in TOTAL_SAID for x in p.all):
        total = total_label_count(p.catalog, words)
        if total is not None and total in {n for _, n in cands}:
            return (
                total  # "预订总数": the count labelled "Total Bookings" (vocabulary.total_labels)
            )
    best = min(c[0] for c in cands)
    names = sorted({n for r, n in cands if r == best})
    exact = exact_metric(p.catalog, it.text, names) if len(names) > 1 else None
    if exact is not None:  # the metric labelled exactly so ("Orders"), rules.metric_names
        return exact
    if len(names) > 1:  # "free meetings *booked*": the count whose event the question says
        picked = pick_counted_event(p, it, names, words)
        if picked is not None:
            return picked
    if len(names) > 1 and best == 2:
        said = _said_kinds(p, names, words)
        if len(said) == 1:
            if sense.kind == "entity":  # "how many customers": Buyers, or their own rows?
                ask_own_rows(p, it, sense.name, said[0], names)
            return said[0]
    if len(names) > 1 and _one_definition(p, names):
        return names[0]
    if len(names) > 1:
        en = [metric_label(p.catalog, n, "en") for n in names]
        zh = [metric_label(p.catalog, n, "zh") for n in names]
        raise Refusal(
            f"counting '{it.text}' is ambiguous: " + " or ".join(en),
            zh=f"“{it.text}”的计数有歧义：" + "或".join(zh),
            words=[it.text],
            senses=[Sense("metric", n) for n in names],
        )
    return names[0]
