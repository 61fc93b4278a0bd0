"""Build the derived dictionary stores into the installed package (run by ``make`` after
``pip install``): ``python -m lab.tools.dictionary_stores``.

Why at install time: a store missing from the package is built on the first question that
needs it (about 6 s, then cached per user); built here, even a first question on a new model
with an empty cache reads prebuilt tables. A store already current is left alone, so running
this again costs only the key check.
"""

from __future__ import annotations

import sys
import time

from nl2sql import segmenter
from nl2sql.vocabulary import cedict, classifiers, ecdict, jieba_words, lemma_store


def main() -> int:
    """Prebuild every dictionary store and jieba's segmentation store; prints what was written."""
    builds = [
        (s.name, s.prebuild)
        for s in (
            cedict.STORE,
            classifiers.STORE,
            ecdict.STORE,
            jieba_words.STORE,
            lemma_store.STORE,
        )
    ]
    for name, build in [*builds, ("jieba segmentation", segmenter.prebuild_store)]:
        started = time.perf_counter()
        path = build()
        took = time.perf_counter() - started
        print(f"{name}: {'built ' + str(path) if path else 'current'} ({took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
