"""A label with shortened words spelled out at the start of its own description.

Why: owners shorten label words ("Avg Daily Moist Swing (%)", "Average Max Pressure") and
write the words whole in the description ("Average daily moisture swing in percent",
"Average maximum pressure ..."), while users type the whole words: "average daily
moisture swing" split into "average moisture" (another metric) and "swing", and was
refused as ambiguous — or worse, answered as two metrics. When the description begins with
the label's words, each the same or spelled out (a shortened word of three letters or more
whose letters appear in order in the whole word, which begins with the same letter and is at
least two letters longer), those description words are a bridge to the metric. The owner
wrote both, so nothing is guessed; a description that says something else bridges nothing.
"""

from __future__ import annotations

import re

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words

#: as sure as an acronym spelled out in the description (acronyms.EXPANSION)
SPELLED = 0.9
_PARENS = re.compile(r"\([^)]*\)|（[^）]*）")
_LEAD = re.compile(r"^[^.;:,(\n—–]+")


def _shortens(short: str, whole: str) -> bool:
    """Whether ``short`` is ``whole`` shortened: "avg"/"average", "temp"/"temperature".

    >>> _shortens("avg", "average"), _shortens("temp", "temperature"), _shortens("min", "mine")
    (True, True, False)
    """
    if len(short) < 3 or len(whole) < len(short) + 2 or short[0] != whole[0]:
        return False
    rest = iter(whole)
    return all(ch in rest for ch in short)


def spelled_out(label: str, description: str) -> str | None:
    """The description's first words when they are ``label``'s words, some spelled out.

    >>> spelled_out("Avg Daily Moist Swing (%)", "Average daily moisture swing in percent")
    'average daily moisture swing'
    >>> spelled_out("Average Max Pressure (hPa)", "Average maximum pressure in hectopascals")
    'average maximum pressure'
    >>> spelled_out("Pressure Z-Score", "Pressure anomaly in standard deviations")
    >>> spelled_out("Orders", "Orders placed"), spelled_out("Rev", "")
    (None, None)
    """
    words = name_words(_PARENS.sub(" ", label or ""))
    lead = _LEAD.match((description or "").strip())
    said = name_words(lead.group(0)) if lead else []
    if not words or len(said) < len(words) or not all(w.isalpha() for w in words):
        return None
    pairs = list(zip(words, said, strict=False))
    if not all(a == b or _shortens(a, b) for a, b in pairs):
        return None
    if all(a == b for a, b in pairs):
        return None  # nothing shortened: the label itself already names it
    return " ".join(said[: len(words)])


def spelled_label_anchors(metrics: list[tuple[str, str, str]]) -> list[Anchor]:
    """One anchor per ``(name, label, description)`` metric whose label is spelled out at the
    start of its description (:func:`spelled_out`)."""
    out = []
    for name, label, description in metrics:
        words = spelled_out(label, description)
        if words:
            out.append(Anchor(words, "metric", name, None, label, "expansion", SPELLED))
    return out
