"""Which things a Chinese classifier (量词) counts, from CC-CEDICT's "CL:" notes.

Why: a Chinese analyst drops the noun after a classifier when the business makes it plain —
"上个月跑了几趟" (how many trips), "今年看了几场" (how many games). The classifier alone then
names the thing counted: CC-CEDICT lists, for each noun, the classifiers it takes (旅行
"journey / trip / CL:趟,次,个", 比赛 "match / CL:场,次"), so reversing those notes tells
which English nouns 趟 counts (trip, journey, train, flight …). Which of them the model has
is the model's business (:mod:`nl2sql.rules.classifier_counts`); this module only knows the
dictionary.

A "CL:" note applies to the noun glosses since the previous note (球 "ball / CL:个 / ball game
/ match / CL:场": 场 counts matches, not balls). The tables are derived once and stored like the
other dictionaries (:mod:`nl2sql.vocabulary.dictionary_store`).

>>> "trip" in counted_nouns("趟"), "match" in counted_nouns("场"), "trip" in counted_nouns("场")
(True, True, False)
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

from nl2sql.vocabulary import cedict
from nl2sql.vocabulary.dictionary_store import LazyStore, Tables

#: one classifier of a "CL:" note: "場|场[chang3]" (traditional|simplified) or "趟[tang4]"
_CL_ITEM = re.compile(r"(?:[^\s,|\[\]]+\|)?([^\s,|\[\]]+)\[")


def note_classifiers(gloss: str) -> list[str]:
    """The simplified classifiers of one "CL:" gloss (empty for any other gloss).

    >>> note_classifiers("CL:場|场[chang3],次[ci4]"), note_classifiers("match")
    (['场', '次'], [])
    """
    if not gloss.startswith("CL:"):
        return []
    return _CL_ITEM.findall(gloss[3:])


def entry_counts(defs: list[str]) -> dict[str, set[str]]:
    """Classifier -> the English nouns of one entry it counts (the noun glosses before it).

    >>> sorted(entry_counts(["ball", "CL:個|个[ge4]", "ball game", "match", "CL:場|场[chang3]"])["场"])
    ['ball game', 'game', 'match']
    """
    out: dict[str, set[str]] = {}
    nouns: set[str] = set()
    for d in defs:
        cls = note_classifiers(d.strip())
        if cls:
            for c in cls:
                out.setdefault(c, set()).update(nouns)
            nouns = set()
            continue
        for form in cedict.gloss_forms(d):
            nouns.add(form)
            words = form.split()
            if len(words) == 2:  # "ball game": a game too (the head of a two-word gloss)
                nouns.add(words[1])
    return out


def tables() -> Tables:
    """Classifier -> the sorted English nouns CC-CEDICT lists it for, as JSON."""
    out: dict[str, set[str]] = {}
    try:
        text = resources.files(cedict.PACKAGE).joinpath(cedict.DATA_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {"nouns": {}}
    for line in text.splitlines():
        if not line or line[0] == "#" or "CL:" not in line:
            continue
        defs = line.partition("] ")[2].strip().strip("/").split("/")
        for c, nouns in entry_counts(defs).items():
            out.setdefault(c, set()).update(nouns)
    return {"nouns": {c: json.dumps(sorted(v), ensure_ascii=False) for c, v in out.items()}}


def _version() -> str:
    """CC-CEDICT's own store key: its data version and the code of its gloss reading."""
    return cedict.STORE.key()


STORE = LazyStore("cedict_classifiers", __file__, _version, tables)


@functools.cache
def counted_nouns(classifier: str) -> frozenset[str]:
    """The English nouns (lower case) whose CC-CEDICT entry lists ``classifier``."""
    raw = STORE().get("nouns", classifier)
    return frozenset() if raw is None else frozenset(json.loads(raw))
