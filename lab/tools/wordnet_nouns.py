"""Derive the shipped WordNet noun-neighbour table from WordNet 3.0's ``index.sense``.

Why a derived table: the question engine needs one thing from WordNet — the other everyday
names of a *thing* a model names ("cab" and "taxicab" for a ``taxi`` entity, "rider" for
``passenger``, "writer" for ``author``). WordNet's synonym sets are noisy for business words
(price = cost, revenue = gross, booking = engagement), so the table keeps only

* a headword whose first sense is its dominant one (at least half of its tagged uses, or its
  only sense), in the lexicographer files of artifacts, locations and people (``noun.artifact``,
  ``noun.location``, ``noun.person``: things, places and roles, not acts, quantities or money),
* and the other one- or two-word lower-case lemmas of that first synset (no proper names,
  abbreviations or words of fewer than 3 letters).

The result (~18,000 lines, ~150 KB xz) is sorted and xz-compressed; the package never needs
the network. WordNet 3.0 Copyright 2006 by Princeton University (``WORDNET_LICENSE.txt``).

Run (Debian: ``apt-get install wordnet-base wordnet-sense-index``)::

    python -m lab.tools.wordnet_nouns /usr/share/wordnet nl2sql/vocabulary/wordnet_nouns.tsv.xz
"""

from __future__ import annotations

import lzma
import re
import sys
from collections import defaultdict
from pathlib import Path

#: WordNet lexicographer files kept: 06 noun.artifact, 15 noun.location, 18 noun.person
THING_FILES = frozenset({6, 15, 18})
_LEMMA = re.compile(r"^[a-z]+(_[a-z]+)?$")


def neighbour_table(index_sense: str) -> dict[str, list[str]]:
    """Headword -> the other lemmas of its dominant first noun sense (see the module doc).

    >>> text = ("taxi%1:06:00:: 02930766 1 5\\ncab%1:06:00:: 02930766 3 0\\n"
    ...         "cab%1:06:02:: 02931148 1 4\\ntaxicab%1:06:00:: 02930766 1 0\\n")
    >>> neighbour_table(text)["taxi"]
    ['cab', 'taxicab']
    >>> "cab" in neighbour_table(text)  # its first sense is a truck's cab, another synset
    False
    """
    senses: dict[str, list[tuple[int, str, int, int]]] = defaultdict(list)
    for line in index_sense.splitlines():
        key, offset, number, count = line.split()
        lemma, _, rest = key.partition("%")
        if rest.startswith("1:"):  # nouns
            senses[lemma].append((int(number), offset, int(count), int(rest.split(":")[1])))
    members: dict[str, set[str]] = defaultdict(set)
    for lemma, found in senses.items():
        for _, offset, _, _ in found:
            members[offset].add(lemma)
    out: dict[str, list[str]] = {}
    for lemma, found in senses.items():
        if not _LEMMA.match(lemma):
            continue
        found.sort()
        _, offset, tags, lexfile = found[0]
        total = sum(c for _, _, c, _ in found)
        if lexfile not in THING_FILES:
            continue
        if len(found) > 1 and (tags == 0 or tags * 2 < total):
            continue
        others = sorted(
            w.replace("_", " ")
            for w in members[offset] - {lemma}
            if _LEMMA.match(w) and len(w) >= 3
        )
        if others:
            out[lemma.replace("_", " ")] = others
    return out


def main(argv: list[str]) -> int:
    """``wordnet_nouns WORDNET_DIR OUT.tsv.xz``."""
    source, target = Path(argv[0]), Path(argv[1])
    table = neighbour_table((source / "index.sense").read_text("latin-1"))
    text = "".join(f"{k}\t{'|'.join(v)}\n" for k, v in sorted(table.items()))
    target.write_bytes(lzma.compress(text.encode("utf-8"), preset=9))
    print(f"{len(table)} headwords -> {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
