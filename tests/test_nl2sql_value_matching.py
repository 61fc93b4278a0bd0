"""Values named the way people type them, and values of a table that plays several roles.

The model is written for these tests (no evaluation set's words or values): a ``ports`` table
that trips join twice (origin and destination port) and inspections join once (origin only).
Every answer is checked against the number computed by hand with SQL on the same rows.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from nl2sql.ask import ask
from nl2sql.vocabulary.values import spelling_key

MODEL = """
semantic_models:
  - name: ports
    description: Ports by code. One table plays two roles for trips, origin and destination.
    model: ref('ports')
    entities:
      - {name: origin_port, type: primary, expr: code}
      - {name: destination_port, type: unique, expr: code}
    dimensions:
      - {name: port_code, type: categorical, label: Port Code, expr: code}
      - {name: port_name, type: categorical, label: Port Name, expr: name}
  - name: trips
    model: ref('trips')
    defaults: {agg_time_dimension: left_at}
    entities:
      - {name: trip, type: primary, expr: trip_id}
      - {name: origin_port, type: foreign, expr: origin}
      - {name: destination_port, type: foreign, expr: dest}
    dimensions:
      - {name: left_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: trip_rows, agg: count, expr: trip_id}
  - name: inspections
    model: ref('inspections')
    defaults: {agg_time_dimension: inspected_at}
    entities:
      - {name: inspection, type: primary, expr: inspection_id}
      - {name: origin_port, type: foreign, expr: port}
    dimensions:
      - {name: inspected_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: inspection_rows, agg: count, expr: inspection_id}
metrics:
  - {name: trips, label: Trips, type: simple, type_params: {measure: trip_rows}}
  - {name: inspections, label: Inspections, type: simple, type_params: {measure: inspection_rows}}
"""
NAMES = [
    "Mc Allen Depot",
    "O'Brien Wharf",
    "São Tomé Dock",
    "Mt. Pleasant Jetty",
    "E-Commerce Hub",
    "St. Helens Quay",
    "Saint Helens Quay",  # a different port: "St Helens Quay" fits both, so it is never guessed
    "Smith and Sons Pier",
    "Inland Basin",
] + [f"Harbour {i:03d}" for i in range(51)]  # 60 ports: more than the catalog's 50
TODAY = "2026-04-01"


pytestmark = pytest.mark.usefixtures("own_cache")


@pytest.fixture(scope="module")
def port_model(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("ports")
    (root / "m").mkdir()
    (root / "m" / "ports.yml").write_text(MODEL, encoding="utf-8")
    con = duckdb.connect()
    codes = [f"P{i:02d}" for i in range(len(NAMES))]
    con.execute(
        "create table ports as select unnest($1::varchar[]) as code, unnest($2::varchar[]) as name",
        [codes, NAMES],
    )
    con.execute(
        "create table trips as select i as trip_id, 'P' || lpad((i % 60)::varchar, 2, '0') "
        "as origin, 'P' || lpad(((i * 7) % 60)::varchar, 2, '0') as dest, "
        "date '2026-01-01' + (i % 40)::int as left_at from range(600) t(i)"
    )
    con.execute(
        "create table inspections as select i as inspection_id, "
        "'P' || lpad((i % 13)::varchar, 2, '0') as port, "
        "date '2026-01-01' + (i % 40)::int as inspected_at from range(130) t(i)"
    )
    yield root / "m", con
    con.close()


def _run(question: str, port_model):
    model, con = port_model
    return ask(question, model=model, con=con, engine="rules", today=TODAY, chart=False)


def _count(con, sql: str) -> int:
    return con.execute(sql).fetchall()[0][0]


def test_the_spelling_key_folds_spacing_punctuation_accents_and_name_abbreviations() -> None:
    assert spelling_key(["mc", "allen"]) == spelling_key(["mcallen"]) == "mcallen"
    assert spelling_key(["o'brien"]) == spelling_key(["obrien"])
    assert spelling_key(["mount", "pleasant"]) == spelling_key(["mt", ".", "pleasant"])
    assert spelling_key(["s", "ã", "o"]) == "sao"
    assert spelling_key(["smith", "and", "sons"]) == spelling_key(["smith", "&", "sons"])
    assert spelling_key(["e", "commerce"]) != spelling_key(["e", "commerce", "2"])


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("McAllen Depot", "Mc Allen Depot"),  # spacing
        ("OBrien Wharf", "O'Brien Wharf"),  # an apostrophe left out
        ("Sao Tome Dock", "São Tomé Dock"),  # accents left out
        ("Mount Pleasant Jetty", "Mt. Pleasant Jetty"),  # a general name abbreviation
        ("ecommerce hub", "E-Commerce Hub"),  # a joiner left out
        ("Smith & Sons Pier", "Smith and Sons Pier"),  # "&" for "and"
        ("ＭｃＡｌｌｅｎ Ｄｅｐｏｔ", "Mc Allen Depot"),  # full-width letters
    ],
)
def test_a_value_spelled_differently_reaches_the_one_value(port_model, typed, value) -> None:
    a = _run(f"trips to {typed}", port_model)
    assert a.ok, a.error
    assert a.query.filters[0].dimension == "destination_port__port_name"
    assert a.query.filters[0].values == [value]
    assert f"→ {value}" in a.interpretation  # the reading is shown, not silently taken
    gold = _count(
        port_model[1],
        f"select count(*) from trips t join ports p on t.dest = p.code where p.name = $${value}$$",
    )
    assert a.df.iloc[0, 0] == gold


def test_a_spelling_that_fits_two_values_is_never_guessed(port_model) -> None:
    both = _run("trips to St Helens Quay", port_model)  # "St. Helens" and "Saint Helens"
    assert both.refused and both.query is None
    exact = _run("trips to Saint Helens Quay", port_model)  # the exact name still wins
    assert exact.ok and exact.query.filters[0].values == ["Saint Helens Quay"]


def test_grammar_words_never_join_into_a_value(port_model) -> None:
    # "in land" is not "Inland Basin"'s first word: two words, one of them grammar
    assert _run("trips in land", port_model).refused
    assert _run("trips from Inland", port_model).query.filters[0].values == ["Inland Basin"]


def test_a_value_of_two_roles_takes_the_only_role_the_metric_joins(port_model) -> None:
    a = _run("inspections at P03", port_model)  # inspections join the origin port only
    assert a.ok and a.query.filters[0].dimension == "origin_port"
    assert a.df.iloc[0, 0] == _count(
        port_model[1], "select count(*) from inspections where port = 'P03'"
    )
    # and the role it does not join is not offered as a breakdown of that metric
    assert _run("inspections by destination port code", port_model).refused


def test_a_grouping_by_one_role_settles_the_value_in_that_role(port_model) -> None:
    a = _run("trips excluding P07 by destination port", port_model)
    assert a.ok
    f = a.query.filters[0]
    assert (f.dimension, f.op, f.values) == ("destination_port", "!=", ["P07"])
    assert a.query.group_by[0] == "destination_port"
    assert len(a.df) == 59 and "P07" not in set(a.df.iloc[:, 0])


def test_a_role_named_beside_the_value_or_a_direction_verb_picks_the_role(port_model) -> None:
    a = _run("trips with destination port P07", port_model)
    assert a.ok and a.query.filters[0].dimension == "destination_port"
    assert a.df.iloc[0, 0] == _count(port_model[1], "select count(*) from trips where dest = 'P07'")
    b = _run("P07出发的trips", port_model)  # the direction verb after the place
    assert b.ok and b.query.filters[0].dimension == "origin_port"
    assert b.df.iloc[0, 0] == _count(
        port_model[1], "select count(*) from trips where origin = 'P07'"
    )


def test_an_unsettled_role_is_a_clarification_with_runnable_questions(port_model) -> None:
    a = _run("trips at P07", port_model)
    assert a.refused
    assert a.error == (
        "'p07' is ambiguous: it could be the origin port or the destination port; say which one"
    )
    assert a.suggestions == ["trips at origin port P07", "trips at destination port P07"]
    answers = [_run(q, port_model) for q in a.suggestions]
    assert [x.query.filters[0].dimension for x in answers] == [
        "origin_port",
        "destination_port",
    ]


def test_a_code_with_joiners_is_one_value_and_capitals_are_never_respelled() -> None:
    from nl2sql.rules import understand
    from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric

    cat = Catalog(
        metrics=(CatalogMetric("units", "Units"),),
        dimensions=(
            CatalogDimension("sku__code", "SKU code", values=("KX-12/B", "R&D Kit", "N12345")),
        ),
    )
    today = dt.date(2026, 4, 1)
    assert understand("units for KX-12/B", cat, today).query.filters[0].values == ["KX-12/B"]
    assert understand("units for R&D Kit", cat, today).query.filters[0].values == ["R&D Kit"]
    assert understand("units for N12345", cat, today).query.filters[0].values == ["N12345"]
    # spelled without its joiners it is still the one code; a different code is not guessed
    assert understand("units for KX12B", cat, today).query.filters[0].values == ["KX-12/B"]
    assert understand("units for N12346", cat, today).refused


PARTY_MODEL = """
semantic_models:
  - name: parties
    description: Account holders; an invoice names one as payer and one as recipient.
    model: ref('parties')
    entities:
      - {name: bill_party, type: primary, expr: party_id}
      - {name: ship_party, type: unique, expr: party_id}
    dimensions:
      - {name: province, type: categorical, label: Province}
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_at}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
      - {name: bill_party, type: foreign, expr: payer_id}
      - {name: ship_party, type: foreign, expr: recipient_id}
    dimensions:
      - {name: issued_at, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: amount, agg: sum}
metrics:
  - {name: billed, label: Billed Amount, type: simple, type_params: {measure: amount}}
"""


def test_a_to_compound_names_the_role_of_a_party(tmp_path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "parties.yml").write_text(PARTY_MODEL, encoding="utf-8")
    con = duckdb.connect()
    con.execute(
        "create table parties as select i as party_id, (['ON', 'QC', 'BC'])[i % 3 + 1] "
        "as province from range(30) t(i)"
    )
    con.execute(
        "create table invoices as select i as invoice_id, i % 30 as payer_id, "
        "(i * 7) % 30 as recipient_id, (i % 11)::double as amount, "
        "date '2026-01-01' + (i % 40)::int as issued_at from range(500) t(i)"
    )

    def run(q: str):
        return ask(q, model=tmp_path / "m", con=con, engine="rules", today=TODAY, chart=False)

    ship = run("billed amount where the ship-to party is in QC")
    assert ship.ok and ship.query.filters[0].dimension == "ship_party__province"
    gold = con.execute(
        "select sum(amount) from invoices i join parties p on i.recipient_id = p.party_id "
        "where p.province = 'QC'"
    ).fetchall()[0][0]
    assert ship.df.iloc[0, 0] == gold
    # no role named: asked since session 26 (it took the table's own path, the bill-to party,
    # without anything in the words choosing it), each role offered as a runnable question
    plain = run("billed amount in QC")
    assert plain.refused and len(plain.suggestions) == 2
    bill = next(s for s in plain.suggestions if "bill party" in s)
    assert (
        run(bill).df.iloc[0, -1]
        == con.execute(
            "select sum(amount) from invoices i join parties p on i.payer_id = p.party_id "
            "where p.province = 'QC'"
        ).fetchall()[0][0]
    )


def test_the_vocabulary_cache_key_covers_every_rule_file() -> None:
    from nl2sql.vocabulary import index

    names = {f.name for f in index.rule_files()}
    package = Path(index.__file__).parent
    assert {p.name for p in package.iterdir() if p.suffix in (".py", ".yml")} <= names
    assert "general.py" in names  # stop words and roles shape the bridges too


def test_an_exclusion_frame_around_a_value_and_its_dimension_word_excludes_it() -> None:
    from nl2sql.rules import understand
    from semantic_layer.catalog import Catalog, CatalogDimension, CatalogMetric

    cat = Catalog(
        metrics=(CatalogMetric("fees", "Fees", synonyms=("手续费",)),),
        dimensions=(
            CatalogDimension(
                "payment__method",
                "Method",
                synonyms=("方式",),
                values=("card", "wire"),
                value_synonyms={"card": ("刷卡",), "wire": ("电汇",)},
            ),
        ),
    )
    today = dt.date(2026, 4, 1)
    for q in ("除了电汇方式以外的手续费", "电汇方式以外的手续费", "除了电汇以外的手续费"):
        f = understand(q, cat, today).query.filters
        assert [(x.dimension, x.op, x.values) for x in f] == [("payment__method", "!=", ["wire"])]
    kept = understand("电汇方式的手续费", cat, today).query.filters  # no frame: a filter
    assert [(x.op, x.values) for x in kept] == [("=", ["wire"])]
