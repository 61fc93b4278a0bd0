"""Anchors: an English or Chinese phrase tied to one model term, with how sure the tie is.

Why a module of its own: the English phrases (``english_anchors``), their Chinese
(``chinese_anchors``) and the bridges built from both (``bridges``) all speak in anchors and
share the two thresholds that decide which of them a question may be answered on.
"""

from __future__ import annotations

from dataclasses import dataclass

#: a bridge at or above this score is a lexicon term; below it, only a clarification
ACCEPT = 0.65
#: the senses of a phrase kept beside its best one (a tie is clarified, never guessed)
TIE = 0.05
#: how sure a name's suffix, a description's phrase and a thesaurus word name their term
SUFFIX, DESCRIPTION, THESAURUS = 0.9, 0.75, 0.85
#: a metric label without its parenthesised unit ("Revenue" of "Revenue (USD)")
LABEL = 0.95


@dataclass(frozen=True)
class Anchor:
    """A phrase (lower-case English words, or Chinese) that names one model term."""

    phrase: str
    kind: str
    name: str
    value: str | None
    via: str
    source: str
    score: float
