"""A metric named by the initials of its label ("AOV" for "Average Order Value").

Why: analysts type the acronym of a metric they use every day (AOV, ARR, CLV, ROAS), while a
dbt project spells the label out. The initials of a label of three words or more are a
bridge to that metric, with and without its function words ("Return on Ad Spend" -> "roas"
and "ras"). An acronym is dropped when it is itself an English word (CC-CEDICT or lemminflect
knows it: "Cost Of Goods" -> "cog"); two metrics with one acronym tie, and the question
is clarified. The bridge is shown in the interpretation ("aov → Average Order Value").
"""

from __future__ import annotations

import re

from nl2sql.vocabulary import cedict, morphology
from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words

#: as sure as a name's suffix: an acronym of three or more initials is rarely anything else
ACRONYM = 0.85
#: words users leave out of an acronym ("Cost of Goods Sold" is COGS, and also CGS)
_FUNCTION = frozenset({"of", "on", "per", "and", "to", "the", "a", "an", "in", "for", "by"})
_PARENS = re.compile(r"\([^)]*\)")


def initials(text: str) -> list[str]:
    """The acronyms of a label or name of three words or more (3-6 letters); a one-word label
    that is a closed compound gives its two initials ("Pageviews" = page views -> PV:
    手机端的PV). Two initials of two written words ("Net Revenue") would rather be a code.

    >>> initials("Average Order Value"), initials("Return on Ad Spend"), initials("Net Revenue")
    (['aov'], ['roas', 'ras'], [])
    >>> initials("Pageviews"), initials("Revenue")
    (['pv'], [])
    """
    words = name_words(_PARENS.sub(" ", text))
    if not all(w.isalpha() and w.isascii() for w in words):
        return []
    if len(words) == 1:
        apart = (cedict.closed_compound(words[0]) or "").split()
        return ["".join(w[0] for w in apart)] if len(apart) == 2 else []
    if len(words) < 3:
        return []
    out = []
    for ws in (words, [w for w in words if w not in _FUNCTION]):
        acronym = "".join(w[0] for w in ws)
        if 3 <= len(acronym) <= 6 and acronym not in out:
            out.append(acronym)
    return out


def acronym_anchors(metrics: list[tuple[str, str]]) -> list[Anchor]:
    """One anchor per acronym of each ``(name, label)`` metric's label that is no English word.

    Only the label: it is written for readers, while a name abbreviates ("avg_p_late" would
    give "apl", which nobody says).
    """
    out = []
    for name, label in metrics:
        for acronym in initials(label or name):
            if cedict.chinese_for(acronym) or morphology.is_english_word(acronym):
                continue  # a word of its own ("cog", "pat"): not read as initials
            out.append(Anchor(acronym, "metric", name, None, label, "acronym", ACRONYM))
    return out


#: as sure as a name's suffix: the owner spelled the acronym out themselves
EXPANSION = 0.9
_LEAD = re.compile(r"^[^.;:,(\n—–]+")


def expansion(label: str, description: str) -> str | None:
    """The words an acronym label ("OEE") is spelled out with at the start of its description
    ("Overall equipment effectiveness. ..."), function words allowed inside; None when the
    description does not begin with them.

    Why: a model that labels a metric with its acronym usually says what it stands for first
    thing in the description, and users type the words ("overall equipment effectiveness by
    month").

    >>> expansion("OEE", "Overall equipment effectiveness. uptime x rate")
    'overall equipment effectiveness'
    >>> expansion("ADR ($)", "Average daily rate at end of period (= revenue / nights).")
    'average daily rate'
    >>> expansion("CPL", "Spend per new lead"), expansion("Revenue", "Total revenue")
    (None, None)
    """
    plain = _PARENS.sub(" ", label or "").strip()
    if not (plain.isalpha() and plain.isupper() and 2 <= len(plain) <= 6):
        return None
    lead = _LEAD.match((description or "").strip())
    words = name_words(lead.group(0)) if lead else []
    acronym, got = plain.lower(), ""
    for i, w in enumerate(words):
        if w in _FUNCTION and got:
            continue
        got += w[0]
        if got == acronym:
            return " ".join(words[: i + 1])
        if not acronym.startswith(got):
            return None
    return None


def expansion_anchors(metrics: list[tuple[str, str, str]]) -> list[Anchor]:
    """One anchor per ``(name, label, description)`` metric whose acronym label is spelled
    out at the start of its description (:func:`expansion`)."""
    out = []
    for name, label, description in metrics:
        words = expansion(label, description)
        if words:
            out.append(Anchor(words, "metric", name, None, label, "expansion", EXPANSION))
    return out


def acronym_labels(
    metrics: list[tuple[str, str]], values: frozenset[str] = frozenset()
) -> dict[str, str | None]:
    """Lower-case acronym -> the one metric whose label is that acronym in capitals ("CPC",
    "CTR ($)"), None when two metrics share it.

    Why: the reverse of :func:`acronym_anchors`. A model that labels a metric "CPC" is
    asked for "cost per click"; the phrase's initials (:func:`spelled_acronym`) are the
    bridge. An acronym that is an English word ("CAT", "AGE") or a data value of the model
    (``values``, lower case) is left out: its letters say something else too.

    >>> acronym_labels([("cpc", "CPC"), ("cat", "CAT"), ("rev", "Revenue"), ("x", "CTR"),
    ...                 ("y", "CTR (%)")])
    {'cpc': 'cpc', 'ctr': None}
    """
    out: dict[str, str | None] = {}
    for name, label in metrics:
        plain = _PARENS.sub(" ", label or "").strip()
        if not (plain.isascii() and plain.isalpha() and plain.isupper() and 3 <= len(plain) <= 6):
            continue
        acronym = plain.lower()
        if acronym in values or cedict.chinese_for(acronym) or morphology.is_english_word(acronym):
            continue
        out[acronym] = name if out.get(acronym, name) == name else None
    return out


def spelled_acronym(words: tuple[str, ...]) -> list[str]:
    """The acronyms a question phrase of three words or more spells (:func:`initials`, with
    and without its function words); none when it begins or ends with a function word or has
    a word that is not letters.

    >>> spelled_acronym(("cost", "per", "click")), spelled_acronym(("click", "through", "rate"))
    (['cpc'], ['ctr'])
    >>> spelled_acronym(("per", "unique", "click")), spelled_acronym(("cost", "2", "click"))
    ([], [])
    """
    if len(words) < 3 or words[0] in _FUNCTION or words[-1] in _FUNCTION:
        return []
    if not all(w.isascii() and w.isalpha() for w in words):
        return []
    return initials(" ".join(words))


#: an acronym a description defines in parentheses ("... inflation rate (HICP)")
_DEFINED = re.compile(r"\(([A-Z]{3,6})\)")


def described_acronym_anchors(
    metrics: list[tuple[str, str, str]], values: frozenset[str] = frozenset()
) -> list[Anchor]:
    """One anchor per acronym that exactly one ``(name, label, description)`` metric's
    description defines in parentheses ("Average month-over-month inflation rate (HICP)").

    Why: a model's owner writes the acronym readers know beside the phrase it stands for, and
    readers type the acronym ("HICP inflation for Italy"); it was unknown. Only in
    parentheses, where a description names its own subject (a "headline KPI" in running text
    is no name of the metric); an acronym two metrics define, one that is an English word or
    a value of the model, or one a label already says (:func:`acronym_labels`) is left out.

    >>> [a.phrase + " " + a.name for a in described_acronym_anchors(
    ...     [("mom", "Monthly Inflation", "Month-over-month rate (HICP)."),
    ...      ("lr", "Loss Ratio", "The headline KPI (CAT losses too)")])]
    ['hicp mom']
    """
    found: dict[str, set[tuple[str, str]]] = {}
    for name, label, description in metrics:
        for acronym in _DEFINED.findall(description or ""):
            found.setdefault(acronym.lower(), set()).add((name, label))
    labelled = {_PARENS.sub(" ", label or "").strip().lower() for _, label, _ in metrics}
    out = []
    for acronym, owners in sorted(found.items()):
        if len(owners) != 1 or acronym in values or acronym in labelled:
            continue
        if cedict.chinese_for(acronym) or morphology.is_english_word(acronym):
            continue
        ((name, label),) = owners
        out.append(Anchor(acronym, "metric", name, None, label, "acronym", ACRONYM))
    return out
