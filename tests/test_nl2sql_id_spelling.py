"""An id typed in another case than the data spells it (nl2sql.id_spelling, session 26).

On an external model, "revenue from client c007" compared the id as typed with data holding
``C007``: the answer was NULL, read as "no revenue" — a wrong answer — and "excluding client
c007" would have kept that client. Here on a kennel's boarding model of our own: the data's one
spelling is used, two spellings (none as typed) are asked back, and an id no row holds says so.
"""

from __future__ import annotations

import datetime as dt

import pytest

TODAY = dt.date(2026, 5, 1)
KENNEL = """
semantic_models:
  - name: stays
    model: ref('stays')
    defaults: {agg_time_dimension: checked_in}
    entities:
      - {name: stay, type: primary, expr: stay_id}
      - {name: kennel, type: foreign, expr: kennel_id}
    dimensions:
      - {name: checked_in, type: time, type_params: {time_granularity: day}}
      - {name: breed, type: categorical}
    measures:
      - {name: nights_total, agg: sum, expr: nights}
metrics:
  - {name: nights, label: Nights, type: simple, type_params: {measure: nights_total}}
"""
KENNEL_DATA = """
create table stays (stay_id int, kennel_id varchar, checked_in date, breed varchar, nights int);
insert into stays values
  (1, 'QK12', '2026-04-01', 'collie', 3), (2, 'QK12', '2026-04-02', 'pug', 4),
  (3, 'QR07', '2026-04-03', 'pug', 2), (4, 'kz5', '2026-04-04', 'collie', 6),
  (5, 'KZ5', '2026-04-05', 'pug', 1);
"""


@pytest.fixture(scope="module")
def kennel(yaml_shop):
    return yaml_shop("kennel", KENNEL, KENNEL_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "nights"),
    [
        ("nights of kennel qk12", 7),
        ("nights of kennel QK12", 7),
        ("nights excluding kennel qk12", 9),  # kept QK12 (all 16) when compared as typed
        ("狗舍qr07的nights", 2),
    ],
)
def test_an_id_typed_in_another_case_reads_as_the_data_spells_it(kennel, question, nights):
    a = kennel.ask(question)
    assert not a.refused, a.error
    assert a.df.iloc[0, 0] == nights
    if question != "nights of kennel QK12":
        assert any("QK12" in n or "QR07" in n for n in a.notes)
        assert "qk12" not in a.sql and "qr07" not in a.sql


def test_two_spellings_none_as_typed_are_asked_back(kennel):
    a = kennel.ask("nights of kennel Kz5")
    assert a.refused and a.df is None
    assert "kz5" in a.error and "KZ5" in a.error
    assert sorted(a.suggestions) == ["nights of kennel KZ5", "nights of kennel kz5"]
    assert kennel.ask(a.suggestions[0]).df.iloc[0, 0] in (6, 1)


def test_an_id_no_row_holds_says_so(kennel):
    a = kennel.ask("nights of kennel qk99")
    assert not a.refused
    assert "no rows of kennel 'qk99'" in a.interpretation
