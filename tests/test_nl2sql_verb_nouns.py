"""A noun made from the verb a metric's own words say (``rules.verb_nouns``).

"non-compliant findings per month" was refused ("I don't know 'findings'") on a model whose
metric is "Found non-compliant"; "application arrivals" / "application completions" likewise
(labels "Applications that arrived", a measure ``applications_completed``). Invented model: an
orchard's crate checks — crates found bruised / non-bruised and the share found bruised, arrived
and finished boxes. "bruised findings" is the bruised count (not the share, not
the non-bruised one), "non-bruised findings" the other; "box arrivals" the Arrived Boxes;
"box completions" the Finished Boxes, whose measure column says completed; a noun with no
reading before it ("findings of mould") stays refused.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.rules.verb_nouns import noun_verbs
from tests.semantic_helpers import answer_rows

MODEL = """
semantic_models:
  - name: crate_checks
    model: ref('crate_checks')
    defaults: {agg_time_dimension: checked_on}
    entities:
      - {name: check_row, type: primary, expr: check_id}
    dimensions:
      - name: checked_on
        type: time
        type_params: {time_granularity: day}
      - {name: orchard, type: categorical}
    measures:
      - {name: bruised_count, agg: sum}
      - {name: non_bruised_count, agg: sum}
      - {name: pct_bruised, agg: average}
      - {name: crates_received, agg: sum}
      - {name: crates_completed, agg: sum}
metrics:
  - name: checks_bruised
    label: "Crate Checks: Found bruised"
    type: simple
    type_params: {measure: bruised_count}
  - name: checks_non_bruised
    label: "Crate Checks: Found non-bruised"
    type: simple
    type_params: {measure: non_bruised_count}
  - name: checks_pct_bruised
    label: "Crate Checks: Share found bruised"
    type: simple
    type_params: {measure: pct_bruised}
  - name: arrived_boxes
    label: Arrived Boxes
    type: simple
    type_params: {measure: crates_received}
  - name: finished_boxes
    label: Finished Boxes
    type: simple
    type_params: {measure: crates_completed}
"""

DATA = """
CREATE TABLE crate_checks (check_id INTEGER, checked_on DATE, orchard VARCHAR,
    bruised_count INTEGER, non_bruised_count INTEGER, pct_bruised DOUBLE,
    crates_received INTEGER, crates_completed INTEGER);
INSERT INTO crate_checks VALUES (1, DATE '2024-01-05', 'Hill', 3, 17, 15.0, 40, 30),
    (2, DATE '2024-01-06', 'Hill', 5, 15, 25.0, 20, 25),
    (3, DATE '2024-01-06', 'Vale', 2, 8, 20.0, 11, 7);
"""


@pytest.fixture(scope="module")
def shop(yaml_shop):
    return yaml_shop("verb_nouns", MODEL, DATA, dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    ("question", "metric", "rows"),
    [
        ("bruised findings by orchard", "checks_bruised", [("Hill", 8), ("Vale", 2)]),
        ("non-bruised findings by orchard", "checks_non_bruised", [("Hill", 32), ("Vale", 8)]),
        ("box arrivals by orchard", "arrived_boxes", [("Hill", 60), ("Vale", 11)]),
        ("box completions by orchard", "finished_boxes", [("Hill", 55), ("Vale", 7)]),
    ],
)
def test_the_noun_of_a_label_verb_names_the_metric(shop, question, metric, rows) -> None:
    a = shop.ask(question)
    assert a.ok, a.error
    assert a.query.metrics == [metric]
    assert sorted(answer_rows(a)) == rows


def test_a_noun_with_no_reading_before_it_stays_refused(shop) -> None:
    assert not shop.ask("findings of mould by orchard").ok


def test_noun_verbs() -> None:
    assert noun_verbs("completions") == {"complete"}
    assert noun_verbs("findings") == {"find"}
    assert noun_verbs("orchard") == set()
