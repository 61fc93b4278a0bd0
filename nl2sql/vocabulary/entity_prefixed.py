"""A metric whose name or label opens with its own entity's name: the rest names it too.

Why: MetricFlow wants measure names unique across every semantic model, so generated projects
prefix each measure and metric with the model (entity) it belongs to:
``application_throughput_applications_received``, labelled "Application Throughput:
Applications that arrived"; ``quality_metrics_assessments``. Users never type the prefix
("how many assessments", "applications received last month"), and without it the words named
nothing ("I don't know 'assessments'") although the metric is right there. The rest after the
prefix names the metric exactly as the whole name does; it is added only where it names nothing
else of the model (``nl2sql.lexicon``), and a rest two metrics share ("avg waiting days" of two
models) names both, so the question is asked back rather than guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from semantic_layer.catalog import Catalog, CatalogMetric

_LABEL_SEPARATORS = (":", " - ", " — ", " | ")


def _words(text: str) -> list[str]:
    return text.replace("_", " ").split()


def prefixed_rests(metric: CatalogMetric, entity_labels: Mapping[str, str]) -> list[str]:
    """The metric's name and label without a leading own-entity name, when words remain;
    ``entity_labels`` holds the prefixes that count (:func:`model_entities`).

    >>> from semantic_layer.catalog import Catalog, CatalogMetric
    >>> m = CatalogMetric(
    ...     name="quality_metrics_assessments",
    ...     label="Quality Metrics: Assessments with a recorded outcome",
    ...     own_entities=("quality_metrics",),
    ... )
    >>> prefixed_rests(m, {"quality_metrics": "quality metrics"})
    ['assessments', 'Assessments with a recorded outcome']

    A name that merely shares a first word with its entity keeps its whole name:

    >>> prefixed_rests(
    ...     CatalogMetric(name="order_count", label="Order count", own_entities=("orders",)),
    ...     {"orders": "orders"},
    ... )
    []
    """
    rests: list[str] = []
    for entity in metric.own_entities:
        if entity not in entity_labels:
            continue
        prefix = _words(entity.lower())
        name = _words(metric.name.lower())
        if len(name) > len(prefix) and name[: len(prefix)] == prefix:
            rests.append(" ".join(_words(metric.name)[len(prefix) :]))
        label = " ".join((metric.label or "").split())
        for head in {entity_labels.get(entity, ""), " ".join(prefix)}:
            if not head:
                continue
            for sep in _LABEL_SEPARATORS:
                lead = head.lower() + sep
                if label.lower().startswith(lead) and label[len(lead) :].strip():
                    rests.append(label[len(lead) :].strip())
    return list(dict.fromkeys(rests))


def model_entities(catalog: Catalog) -> dict[str, str]:
    """Entity name -> label, for the entities named like their own semantic model (the prefix
    MetricFlow's uniqueness makes generators write).

    Why only those: a foreign entity shared by many metrics ("team" of ``team_goals_against``
    beside ``team_xgoals_against``) is part of what the name says, not a namespace; cutting it
    made "goals against" outrank "xGoals Against" for 预期失球 on a hockey project.
    """
    return {e.name: e.label for e in catalog.entities if e.name in e.models}


def entity_prefixed_terms(
    metrics: Iterable[CatalogMetric], entity_labels: Mapping[str, str]
) -> list[tuple[str, str]]:
    """(text, metric name) for every rest of every metric, in model order."""
    return [(rest, m.name) for m in metrics for rest in prefixed_rests(m, entity_labels)]


def prefixed_rest_texts(catalog: Catalog) -> dict[str, list[str]]:
    """Per metric, its rests and their time variants, for the English anchors (their suffixes
    and fronted participles: "received applications" of "applications received")."""
    from nl2sql.vocabulary.duration_time import time_variant

    out: dict[str, list[str]] = {m.name: [] for m in catalog.metrics}
    for text, name in entity_prefixed_terms(catalog.metrics, model_entities(catalog)):
        out[name].append(text)
        variant = time_variant(text)
        if variant is not None:
            out[name].append(variant)
    return out
