"""Phrases of general English that name a model term: a particle compound a metric spells, a
period phrase a description states, a proportion word, a noun of a label's verb, an owner's
noun, "how many times".

Why one entry point: the readings run together, right after the agent nouns, in
``passes.unknown.refuse_unknown_words``; each settles words the unknown-word pass would
otherwise refuse, from the model's own words only (see each module).
"""

from __future__ import annotations

from nl2sql.rules.described_periods import read_described_periods
from nl2sql.rules.owner_nouns import absorb_owner_nouns
from nl2sql.rules.proportion_words import read_proportion_words
from nl2sql.rules.state import ParseState
from nl2sql.rules.stop_compounds import read_stop_compounds
from nl2sql.rules.times_counts import read_times_counts
from nl2sql.rules.verb_nouns import read_verb_nouns


def read_general_phrases(p: ParseState) -> None:
    """Read the phrases in order: one reading may leave a word the next one reads."""
    read_stop_compounds(p)  # "on time share": "on time" of pct_on_time, read weakly
    read_described_periods(p)  # "month-over-month inflation": the one described so
    read_proportion_words(p)  # "compliant share": the share among the compliant metrics
    read_verb_nouns(p)  # "compliant findings": the compliant metric saying "found"
    absorb_owner_nouns(p)  # "product category": the products' own category
    read_times_counts(p)  # "how many times did the stage run": the metric counting runs
