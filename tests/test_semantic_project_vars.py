"""``{{ var('name') }}`` in a dbt project's semantic YAML, rendered from ``dbt_project.yml``.

dbt renders these when it parses the project; OrderLens read them as MetricFlow templates and
refused to load the project ("'var' is undefined"). Two domains: a football club's per-90
rates (vars nested two levels, as their owners wrote them) and a bank's fee totals (a scoped
``vars:`` block and a default). A var nobody defines is still an error naming it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from semantic_layer import ModelValidationError, SemanticQuery, load_model, query
from tests.semantic_helpers import assert_same, df_rows

FOOTBALL_PROJECT = """name: football
model-paths: ["models"]
vars:
  per90:
    goals: {numerator: goals, scale: 90}
"""

FOOTBALL_YAML = """semantic_models:
  - name: stints
    model: ref('fct_stints')
    defaults: {agg_time_dimension: season_start}
    entities: [{name: stint, type: primary, expr: stint_id}]
    dimensions:
      - {name: season_start, type: time, type_params: {time_granularity: day}}
      - {name: position, type: categorical}
    measures:
      - name: goals_scaled
        agg: sum
        expr: "{{ var('per90')['goals']['numerator'] }} * {{ var('per90')['goals']['scale'] }}"
      - {name: minutes_played, agg: sum, expr: minutes}
metrics:
  - {name: goals_scaled, type: simple, type_params: {measure: goals_scaled}}
  - {name: minutes_played, type: simple, type_params: {measure: minutes_played}}
  - name: goals_per90
    type: ratio
    type_params: {numerator: goals_scaled, denominator: minutes_played}
"""

BANK_PROJECT = """name: bank
model-paths: ["models"]
vars:
  fee_column: fee_usd
  bank:
    fee_column: fee_eur
"""

BANK_YAML = """semantic_models:
  - name: transfers
    model: ref('fct_transfers')
    defaults: {agg_time_dimension: booked_on}
    entities: [{name: transfer, type: primary, expr: transfer_id}]
    dimensions:
      - {name: booked_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: fees, agg: sum, expr: "{{ var('fee_column') }}"}
      - {name: rounded_fees, agg: sum, expr: "round({{ var('fee_column') }}, {{ var('digits', 0) }})"}
metrics:
  - {name: fees, type: simple, type_params: {measure: fees}}
  - {name: rounded_fees, type: simple, type_params: {measure: rounded_fees}}
"""


def _project(root: Path, project: str, yaml_text: str) -> Path:
    (root / "models").mkdir(parents=True)
    (root / "dbt_project.yml").write_text(project)
    (root / "models" / "semantic.yml").write_text(yaml_text)
    return root


@pytest.fixture
def football_con():
    c = duckdb.connect()
    c.execute(
        "create table fct_stints (stint_id int, season_start date, position varchar, "
        "goals int, minutes int); insert into fct_stints values "
        "(1, '2024-08-01', 'Attacker', 10, 900), (2, '2024-08-01', 'Defender', 1, 1800), "
        "(3, '2023-08-01', 'Attacker', 5, 450)"
    )
    yield c
    c.close()


def test_football_per90_rate_reads_the_nested_vars(tmp_path, football_con):
    model = load_model(_project(tmp_path / "football", FOOTBALL_PROJECT, FOOTBALL_YAML))
    q = SemanticQuery(metrics=["goals_per90"], group_by=["stint__position"])
    got = df_rows(query(q, model=model, con=football_con).df)
    # Attacker: (10 + 5) * 90 / (900 + 450) = 1.0; Defender: 90 / 1800 = 0.05
    assert_same(got, [("Attacker", 1.0), ("Defender", 0.05)], ordered=False)


def test_bank_scoped_vars_win_and_defaults_apply(tmp_path):
    con = duckdb.connect()
    con.execute(
        "create table fct_transfers (transfer_id int, booked_on date, fee_usd double, "
        "fee_eur double); insert into fct_transfers values "
        "(1, '2026-01-02', 10.0, 9.4), (2, '2026-01-03', 20.0, 18.3)"
    )
    model = load_model(_project(tmp_path / "bank", BANK_PROJECT, BANK_YAML))
    got = df_rows(query(SemanticQuery(metrics=["fees", "rounded_fees"]), model=model, con=con).df)
    # the block named after the project (fee_eur) wins over the global var (fee_usd)
    assert_same(got, [(27.7, 27.0)], ordered=False)


def test_undefined_var_is_an_error_that_names_it(tmp_path):
    root = _project(
        tmp_path / "bank2", "name: bank2\nmodel-paths: [models]\n", BANK_YAML.replace("fee", "fee")
    )
    with pytest.raises(ModelValidationError) as err:
        load_model(root)
    assert "fee_column" in str(err.value)


def test_var_in_a_data_test_does_not_stop_the_load(tmp_path):
    """A column's data test, which OrderLens never reads, holding a var() whose default dbt
    computes with its ``modules`` (the current year) and one var nobody defines."""
    bank = BANK_YAML + (
        "models:\n  - name: fct_transfers\n    columns:\n      - name: booked_on\n"
        "        data_tests:\n          - accepted_values:\n              arguments:\n"
        "                values: [\"{{ var('year', modules.datetime.date.today().year) }}\", "
        "\"{{ var('undefined_anywhere') }}\"]\n"
    )
    model = load_model(_project(tmp_path / "bank3", BANK_PROJECT, bank))
    assert {"fees", "rounded_fees"} <= set(model.metrics)


def test_modules_datetime_in_a_var_default_renders_as_dbt_renders_it(tmp_path):
    yaml_text = BANK_YAML.replace(
        "{{ var('digits', 0) }}", "{{ var('digits', modules.datetime.date(2024, 1, 1).month) }}"
    )
    con = duckdb.connect()
    con.execute(
        "create table fct_transfers (transfer_id int, booked_on date, fee_usd double, "
        "fee_eur double); insert into fct_transfers values (1, '2026-01-02', 10.0, 9.46)"
    )
    model = load_model(_project(tmp_path / "bank4", BANK_PROJECT, yaml_text))
    got = df_rows(query(SemanticQuery(metrics=["rounded_fees"]), model=model, con=con).df)
    assert_same(got, [(9.5,)], ordered=False)  # round(fee_eur, 1): the default's month is 1
