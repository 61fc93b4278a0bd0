"""Industry words asked in Chinese on models written in English only (``glossary_zh_domains.yml``).

Why: CC-CEDICT and ECDICT gloss an industry's words oddly or not at all ("admission" is first
承认 "to admit", "delinquency" 犯罪 "crime", "days past due" is no entry), so a hospital model
asked 住院天数, a lending model asked 逾期率 or a school model asked 教师数 was refused. The
industry glossary gives the everyday Chinese of ~800 such words over 25 industries. The models
below are small, written as their owners would (English names, no synonyms), in four
industries; each answer is checked against the data. Negative tests: a Chinese word two model
words share is clarified, never guessed, and a phrase the glossary holds whole wins over its
parts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from nl2sql.vocabulary.chinese import compounds, glossary, renderings
from tests.semantic_helpers import answered_pairs, answered_value

TODAY = dt.date(2026, 5, 1)

HOSPITAL = """
semantic_models:
  - name: admissions
    model: ref('admissions')
    defaults: {agg_time_dimension: admitted_on}
    entities:
      - {name: admission, type: primary, expr: admission_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: admitted_on, type: time, type_params: {time_granularity: day}}
      - {name: ward, type: categorical}
    measures:
      - {name: admission_count, agg: count, expr: admission_id}
      - {name: patient_count, agg: count_distinct, expr: patient_id}
      - {name: los_avg, agg: average, expr: length_of_stay}
metrics:
  - {name: admissions, label: Admissions, type: simple, type_params: {measure: admission_count}}
  - {name: patients, label: Patients, type: simple, type_params: {measure: patient_count}}
  - {name: average_length_of_stay, label: Average length of stay, type: simple,
     type_params: {measure: los_avg}}
"""
HOSPITAL_DATA = """
create table admissions (admission_id int, patient_id int, admitted_on date, ward varchar,
  length_of_stay int);
insert into admissions values
  (1, 10, '2026-04-02', 'Cardiology', 4), (2, 10, '2026-04-10', 'Cardiology', 2),
  (3, 11, '2026-04-03', 'Cardiology', 6), (4, 12, '2026-04-05', 'Oncology', 10);
"""

SCHOOL = """
semantic_models:
  - name: enrollments
    model: ref('enrollments')
    defaults: {agg_time_dimension: enrolled_on}
    entities:
      - {name: enrollment, type: primary, expr: enrollment_id}
      - {name: student, type: foreign, expr: student_id}
    dimensions:
      - {name: enrolled_on, type: time, type_params: {time_granularity: day}}
      - {name: semester, type: categorical}
      - {name: grade_level, type: categorical}
    measures:
      - {name: enrollment_count, agg: count, expr: enrollment_id}
      - {name: attended_sum, agg: sum, expr: sessions_attended}
      - {name: scheduled_sum, agg: sum, expr: sessions_scheduled}
  - name: teachers
    model: ref('teachers')
    defaults: {agg_time_dimension: hired_on}
    entities:
      - {name: teacher, type: primary, expr: teacher_id}
    dimensions:
      - {name: hired_on, type: time, type_params: {time_granularity: day}}
      - {name: class, type: categorical, expr: class_name}
    measures:
      - {name: teacher_count, agg: count_distinct, expr: teacher_id}
metrics:
  - {name: enrollments, label: Enrollments, type: simple, type_params: {measure: enrollment_count}}
  - {name: sessions_attended, label: Sessions attended, type: simple,
     type_params: {measure: attended_sum}}
  - {name: sessions_scheduled, label: Sessions scheduled, type: simple,
     type_params: {measure: scheduled_sum}}
  - name: attendance_rate
    label: Attendance rate
    type: ratio
    type_params: {numerator: sessions_attended, denominator: sessions_scheduled}
  - {name: teachers, label: Teachers, type: simple, type_params: {measure: teacher_count}}
"""
SCHOOL_DATA = """
create table enrollments (enrollment_id int, student_id int, enrolled_on date, semester varchar,
  grade_level varchar, sessions_attended int, sessions_scheduled int);
insert into enrollments values (1, 1, '2025-09-01', 'Fall 2025', 'Grade 9', 18, 20),
  (2, 2, '2025-09-01', 'Fall 2025', 'Grade 10', 10, 20),
  (3, 1, '2026-02-01', 'Spring 2026', 'Grade 9', 20, 20);
create table teachers (teacher_id int, hired_on date, class_name varchar);
insert into teachers values (1, '2020-09-01', '3A'), (2, '2021-09-01', '3A'),
  (3, '2022-09-01', '3A'), (4, '2022-09-01', '4B');
"""

LENDING = """
semantic_models:
  - name: loans
    model: ref('loans')
    defaults: {agg_time_dimension: originated_on}
    entities:
      - {name: loan, type: primary, expr: loan_id}
    dimensions:
      - {name: originated_on, type: time, type_params: {time_granularity: day}}
      - {name: branch, type: categorical}
    measures:
      - {name: loan_count, agg: count, expr: loan_id}
      - {name: delinquent_count, agg: sum, expr: "case when is_delinquent then 1 else 0 end"}
      - {name: dpd_avg, agg: average, expr: days_past_due}
metrics:
  - {name: loans, label: Loans, type: simple, type_params: {measure: loan_count}}
  - {name: delinquent_loans, label: Delinquent loans, type: simple,
     type_params: {measure: delinquent_count}}
  - name: delinquency_rate
    label: Delinquency rate
    type: ratio
    type_params: {numerator: delinquent_loans, denominator: loans}
  - {name: avg_days_past_due, label: Average days past due, type: simple,
     type_params: {measure: dpd_avg}}
"""
LENDING_DATA = """
create table loans (loan_id int, originated_on date, branch varchar, is_delinquent boolean,
  days_past_due int);
insert into loans values (1, '2026-01-05', 'North', true, 30), (2, '2026-01-06', 'North', false, 0),
  (3, '2026-01-07', 'North', false, 0), (4, '2026-01-08', 'North', true, 60),
  (5, '2026-01-09', 'South', false, 0), (6, '2026-01-10', 'South', true, 90);
"""

RENTALS = """
semantic_models:
  - name: leases
    model: ref('leases')
    defaults: {agg_time_dimension: signed_on}
    entities:
      - {name: lease, type: primary, expr: lease_id}
      - {name: tenant, type: foreign, expr: tenant_id}
    dimensions:
      - {name: signed_on, type: time, type_params: {time_granularity: day}}
      - {name: building, type: categorical}
    measures:
      - {name: rent_sum, agg: sum, expr: rent}
      - {name: monthly_rent_avg, agg: average, expr: monthly_rent}
      - {name: tenant_count, agg: count_distinct, expr: tenant_id}
      - {name: voucher_sum, agg: sum, expr: voucher_amount}
      - {name: coupon_sum, agg: sum, expr: coupon_amount}
metrics:
  - {name: rent, label: Rent, type: simple, type_params: {measure: rent_sum}}
  - {name: monthly_rent, label: Monthly rent, type: simple, type_params: {measure: monthly_rent_avg}}
  - {name: tenants, label: Tenants, type: simple, type_params: {measure: tenant_count}}
  - {name: vouchers, label: Vouchers, type: simple, type_params: {measure: voucher_sum}}
  - {name: coupons, label: Coupons, type: simple, type_params: {measure: coupon_sum}}
"""
RENTALS_DATA = """
create table leases (lease_id int, tenant_id int, signed_on date, building varchar, rent double,
  monthly_rent double, voucher_amount double, coupon_amount double);
insert into leases values (1, 7, '2026-03-01', 'Elm', 12000, 1000, 50, 5),
  (2, 8, '2026-03-02', 'Elm', 24000, 2000, 0, 0), (3, 8, '2026-03-03', 'Oak', 6000, 500, 20, 1);
"""


@pytest.fixture(scope="module")
def hospital(yaml_shop):
    return yaml_shop("hospital", HOSPITAL, HOSPITAL_DATA, TODAY)


@pytest.fixture(scope="module")
def school(yaml_shop):
    return yaml_shop("school", SCHOOL, SCHOOL_DATA, TODAY)


@pytest.fixture(scope="module")
def lending(yaml_shop):
    return yaml_shop("lending", LENDING, LENDING_DATA, TODAY)


@pytest.fixture(scope="module")
def rentals(yaml_shop):
    return yaml_shop("rentals", RENTALS, RENTALS_DATA, TODAY)


def test_a_hospital_model_is_asked_住院天数_and_患者数(hospital) -> None:
    """admission / length of stay / patient / ward: 住院天数, 患者, 病房."""
    assert answered_pairs(hospital.ask("各病房的平均住院天数"), 4) == {
        "Cardiology": 4.0,
        "Oncology": 10.0,
    }
    assert answered_value(hospital.ask("一共有多少患者"), 4) == 3
    assert answered_pairs(hospital.ask("各病房的住院次数"), 4) == {"Cardiology": 3, "Oncology": 1}


def test_a_school_model_is_asked_报名数_and_出勤率(school) -> None:
    """enrollment / attendance rate / semester / grade level: 报名, 出勤率, 学期, 年级."""
    assert answered_pairs(school.ask("各学期的报名数"), 4) == {"Fall 2025": 2, "Spring 2026": 1}
    assert answered_pairs(school.ask("各年级的出勤率"), 4) == {"Grade 9": 0.95, "Grade 10": 0.5}
    assert answered_pairs(school.ask("各班级的教师数"), 4) == {"3A": 3, "4B": 1}


def test_a_lending_model_is_asked_逾期率_by_分行(lending) -> None:
    """delinquency rate -> 逾期率 (CC-CEDICT's 犯罪 "crime" first); branch -> 分行."""
    assert answered_pairs(lending.ask("各分行的逾期率"), 4) == {"North": 0.5, "South": 0.5}
    assert answered_value(lending.ask("平均逾期天数"), 4) == 30.0


def test_a_rentals_model_is_asked_租金_租户_and_the_longer_phrase_wins(rentals) -> None:
    """月租金 is "monthly rent" whole: the longer match wins over 租金 "rent"."""
    assert answered_pairs(rentals.ask("各楼栋的月租金"), 4) == {"Elm": 1500.0, "Oak": 500.0}
    assert answered_value(rentals.ask("总租金"), 4) == 42000
    assert answered_pairs(rentals.ask("各楼栋的租户数"), 4) == {"Elm": 2, "Oak": 1}


def test_a_word_two_model_terms_share_is_clarified_not_guessed(rentals) -> None:
    """优惠券 renders both "voucher" and "coupon": asked on a model with both, it is clarified."""
    answer = rentals.ask("优惠券总额")
    assert answer.refused
    text = (answer.error or "").lower() + " ".join(answer.suggestions or []).lower()
    assert "voucher" in text and "coupon" in text


def test_industry_words_add_to_the_dictionary_they_do_not_replace_it() -> None:
    """An industry's word keeps CC-CEDICT's senses (饭店 for "restaurant"); the general
    glossary's words stay authoritative (no CC-CEDICT 买主 for "customer")."""
    restaurant = [w for w, _ in renderings("restaurant")]
    assert restaurant[0] == "餐厅" and "饭店" in restaurant
    assert [w for w, _ in renderings("customer")] == ["客户", "顾客"]


def test_a_word_several_industries_list_keeps_each_industrys_rendering() -> None:
    """ "trial" is 试验 in pharma and 试用 in SaaS; the general glossary's words come first."""
    assert [w for w, _, _ in glossary()["trial"]][:2] == ["试验", "试用"]
    assert [w for w, _, _ in glossary()["area"]][:1] == ["区域"]


def test_a_glossary_phrase_holding_of_is_one_part_of_a_compound() -> None:
    assert [w for w, _ in compounds(["average", "length", "of", "stay"])][:1] == ["平均住院天数"]
    assert [w for w, _ in compounds(["line", "of", "business"])][:1] == ["业务线"]


CLINIC = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
      - {name: patient, type: foreign, expr: patient_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: diagnosis, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
CLINIC_DATA = """
create table visits (visit_id int, patient_id int, visited_on date, diagnosis varchar);
insert into visits values (1, 1, '2026-04-01', 'flu'), (2, 2, '2026-04-02', 'flu'),
  (3, 1, '2026-04-03', 'asthma');
"""

WEBSITE = """
semantic_models:
  - name: visits
    model: ref('visits')
    defaults: {agg_time_dimension: visited_on}
    entities:
      - {name: visit, type: primary, expr: visit_id}
    dimensions:
      - {name: visited_on, type: time, type_params: {time_granularity: day}}
      - {name: device, type: categorical}
    measures:
      - {name: visit_count, agg: count, expr: visit_id}
metrics:
  - {name: visits, label: Visits, type: simple, type_params: {measure: visit_count}}
"""
WEBSITE_DATA = """
create table visits (visit_id int, visited_on date, device varchar);
insert into visits values (1, '2026-04-01', 'mobile'), (2, '2026-04-02', 'desktop');
"""


@pytest.fixture(scope="module")
def clinic(yaml_shop):
    return yaml_shop("clinic", CLINIC, CLINIC_DATA, TODAY)


@pytest.fixture(scope="module")
def website(yaml_shop):
    return yaml_shop("website", WEBSITE, WEBSITE_DATA, TODAY)


def test_an_industrys_word_reaches_a_model_of_that_industry(clinic) -> None:
    """visit + patient + diagnosis: a clinic, where a visit is 就诊."""
    assert answered_pairs(clinic.ask("各诊断的就诊次数"), 4) == {"asthma": 1, "flu": 2}


def test_an_industrys_word_stays_off_a_model_of_another_industry(website) -> None:
    """A website's visits are no 就诊: asked, refused rather than answered as page visits."""
    assert website.ask("就诊次数").refused
    assert answered_value(website.ask("访问次数"), 4) == 2


def test_thesaurus_neighbours_get_no_industry_words() -> None:
    """An airline "carrier" is no courier (快递员) though the thesaurus neighbours them."""
    from nl2sql.vocabulary.bridges import build_bridges
    from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

    cat = Catalog(
        metrics=(CatalogMetric("parcels", "Parcels"), CatalogMetric("flights", "Flights")),
        dimensions=(
            CatalogDimension("flight__carrier", "Carrier", values=("AA", "UA")),
            CatalogDimension("parcel__tracking_number", "Tracking number"),
            CatalogDimension("parcel__consignee", "Consignee"),
        ),
        entities=(CatalogEntity("flight", "flight"), CatalogEntity("parcel", "parcel")),
    )
    terms = {b.term: b.name for b in build_bridges(cat)}
    assert (
        terms.get("收货人") == "parcel__consignee"
    )  # logistics: parcel, consignee, tracking number
    assert "快递员" not in terms
