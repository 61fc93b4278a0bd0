"""Sex codes reached by their words: 男性 / "male" → ``M`` of a gender dimension.

"男性患者的平均年龄" and "average age of male patients" were refused on a model storing gender
as ``M`` / ``F`` (``vocabulary.sex_codes``). Two domains: a clinic (``gender`` M/F) and an
insurer (``sex`` f/m, lower case); a size dimension S/M/L is never reached by "male".
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.semantic_helpers import answer_rows

TODAY = dt.date(2025, 6, 15)

CLINIC = """
semantic_models:
  - name: patients
    model: ref('dim_patients')
    entities:
      - {name: patient, type: primary, expr: patient_id}
    dimensions:
      - {name: created_at, type: time, type_params: {time_granularity: day}}
      - {name: gender, type: categorical, description: "Patient gender (M/F)"}
    measures:
      - {name: patient_count, agg: count, expr: patient_id, agg_time_dimension: created_at}
      - {name: age_avg, agg: average, expr: age, agg_time_dimension: created_at}
metrics:
  - {name: patients, label: Patients, type: simple, type_params: {measure: patient_count}}
  - {name: average_age, label: Average Age, type: simple, type_params: {measure: age_avg}}
"""
CLINIC_DATA = """
create table dim_patients as select * from (values
  (1, 'M', 30, date '2025-01-05'), (2, 'M', 50, date '2025-02-05'),
  (3, 'F', 20, date '2025-03-05')
) t(patient_id, gender, age, created_at);
"""

INSURER = """
semantic_models:
  - name: policies
    model: ref('fct_policies')
    defaults:
      agg_time_dimension: start_date
    entities:
      - {name: policy, type: primary, expr: policy_id}
    dimensions:
      - {name: start_date, type: time, type_params: {time_granularity: day}}
      - {name: holder_sex, type: categorical}
      - {name: shirt_size, type: categorical}
    measures:
      - {name: premium_sum, agg: sum, expr: premium}
metrics:
  - {name: premium, label: Premium, type: simple, type_params: {measure: premium_sum}}
"""
INSURER_DATA = """
create table fct_policies as select * from (values
  (1, 'f', 'S', 100.0, date '2025-01-05'), (2, 'm', 'M', 40.0, date '2025-02-05'),
  (3, 'f', 'M', 60.0, date '2025-03-05')
) t(policy_id, holder_sex, shirt_size, premium, start_date);
"""


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("sex_codes_clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def insurer(yaml_shop):
    return yaml_shop("sex_codes_insurer", INSURER, INSURER_DATA, TODAY)


@pytest.mark.parametrize(
    ("question", "rows"),
    [
        ("男性患者的average age", [(40.0,)]),
        ("average age of male patients", [(40.0,)]),
        ("女性patients有多少", [(1,)]),
    ],
)
def test_clinic_gender_codes(clinic, question, rows) -> None:
    a = clinic.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows


@pytest.mark.parametrize(
    ("question", "rows"), [("女性的premium", [(160.0,)]), ("premium of men", [(40.0,)])]
)
def test_insurer_sex_codes(insurer, question, rows) -> None:
    a = insurer.ask(question)
    assert a.ok, (question, a.error)
    assert answer_rows(a) == rows
    assert "holder sex" in a.interpretation, a.interpretation
