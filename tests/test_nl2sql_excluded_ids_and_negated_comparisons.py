"""An id excluded by a negation word, and the "not fewer than" family of comparisons.

Why these tests (probes20, issue #12: negation is understood or refused, never ignored):
"bookings excluding listing 77" and 除了listing 77以外的预订数 were refused ("I can't tell what
'excluding' excludes") though the id it excludes is named right after it — an entity named
alone then a number is that entity's id (passes.identifiers). Now the id is excluded, with the
rows of no id kept when the word is an exclusion word (excluding, 除了 … 以外), and a list of
ids after one exclusion word is excluded whole. Including one id and excluding another is
refused. "carriers with not fewer than N flights" was refused ("I can't tell what 'not'
excludes"): "not fewer than", "no greater than" and their kin are general comparisons.

The fixture is an invented pottery: firings of kilns keyed by kiln_id, some with no kiln.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answered_rows

TODAY = dt.date(2026, 5, 1)
POTTERY = """
semantic_models:
  - name: firings
    model: ref('firings')
    defaults: {agg_time_dimension: fired_on}
    entities:
      - {name: firing, type: primary, expr: firing_id}
      - {name: kiln, type: foreign, expr: kiln_id}
    dimensions:
      - {name: fired_on, type: time, type_params: {time_granularity: day}}
      - {name: glaze, type: categorical}
    measures:
      - {name: firing_count, agg: count, expr: firing_id}
      - {name: pot_total, agg: sum, expr: pots}
metrics:
  - {name: firings, label: Firings, type: simple, type_params: {measure: firing_count}}
  - {name: pots_fired, label: Pots Fired, type: simple, type_params: {measure: pot_total}}
"""
POTTERY_DATA = """
create table firings (firing_id int, kiln_id int, fired_on date, glaze varchar, pots int);
insert into firings values
  (1, 7, '2026-04-01', 'celadon', 10), (2, 7, '2026-04-02', 'tenmoku', 20),
  (3, 8, '2026-04-03', 'celadon', 40), (4, 9, '2026-04-03', 'shino', 5),
  (5, NULL, '2026-04-04', 'shino', 100);
"""


@pytest.fixture(scope="module")
def pottery(yaml_shop):
    return yaml_shop("pottery_ids", POTTERY, POTTERY_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("pots fired excluding kiln 7", [(145.0,)]),
        ("除了kiln 7以外的pots fired", [(145.0,)]),
        ("pots fired excluding kiln 7 and kiln 8", [(105.0,)]),
        ("pots fired of kiln 7", [(30.0,)]),
        ("pots fired of kiln 7 and kiln 8", [(70.0,)]),
    ],
)
def test_an_excluded_id_is_understood(pottery, question: str, rows: list) -> None:
    a = pottery.ask(question)
    assert answered_rows(a) == rows, (question, a.interpretation, a.error)


def test_including_and_excluding_ids_is_refused(pottery) -> None:
    a = pottery.ask("pots fired of kiln 7 excluding kiln 8")
    assert a.refused, a.interpretation
    assert "excluding" in str(a.error)


@pytest.mark.parametrize(
    ("question", "glazes"),
    [
        ("glazes with not fewer than 2 firings", ["celadon", "shino"]),
        ("glazes with no greater than 1 firing", ["tenmoku"]),
        ("glazes with not greater than 1 firing", ["tenmoku"]),
        ("glazes with no lower than 25 pots fired", ["celadon", "shino"]),
        ("glazes with fewer than 2 firings", ["tenmoku"]),
    ],
)
def test_negated_comparisons_take_their_operator(pottery, question: str, glazes: list) -> None:
    a = pottery.ask(question)
    assert sorted(r[0] for r in answered_rows(a)) == glazes, (question, a.interpretation, a.error)
