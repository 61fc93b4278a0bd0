"""A metric named by its duration unit is asked as a "time": "turnaround days" is the turnaround
time.

Why: models name a duration by the unit it is counted in (``avg_turnaround_days``,
``avg_waiting_days``, ``resolution_hours``), while people ask for the "turnaround time", the
"waiting time", "how long": general English, where "time" is the quantity and days or hours
its unit. Without this "What is the average turnaround time for CT?" was refused ("I don't
know 'time'") beside the model's own turnaround days. The variant replaces a closing duration
unit word by "time"; it is added only where it names nothing else of the model
(``nl2sql.lexicon``), so a model with its own "delivery time" keeps it.
"""

from __future__ import annotations

from nl2sql.unit_words import kind_of, unit_of_word
from semantic_layer.catalog import CatalogMetric


def time_variant(text: str) -> str | None:
    """``text`` with its closing duration-unit word read as "time", when words precede it.

    >>> time_variant("avg turnaround days"), time_variant("resolution_hours")
    ('avg turnaround time', 'resolution time')
    >>> time_variant("days"), time_variant("distance km"), time_variant("ice time seconds")
    (None, None, None)
    """
    words = text.replace("_", " ").split()
    if len(words) < 2 or words[-2].lower() == "time":  # "ice time seconds" says it already
        return None
    unit = unit_of_word(words[-1].lower())
    if unit is None or kind_of(unit) != "duration":
        return None
    return " ".join([*words[:-1], "time"])


def duration_times(metric: CatalogMetric) -> list[str]:
    """The time variants of a metric's name and label (``nl2sql.vocabulary.english_anchors``
    reads their suffixes: "turnaround time" of "avg turnaround time")."""
    found = (time_variant(t) for t in (metric.name, metric.label or ""))
    return [v for v in dict.fromkeys(found) if v is not None]
