"""Join paths: every role its own join, role-qualified names at any depth, one rule for ties.

Model: tests/fixtures/semantic/flights (airports as origin and destination through two
entities of one semantic model; the carrier's country as a third path to countries; a 4-hop
path to continents). Expected rows are hand-computed from WAREHOUSE_SQL.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from semantic_layer import SemanticQuery, build_catalog, compile_query, query
from tests.semantic_helpers import df_rows, norm_rows
from tests.warehouse_fixtures import module_model, module_warehouse

MODEL = Path(__file__).parent / "fixtures" / "semantic" / "flights"

WAREHOUSE_SQL = """
create table continents (code varchar, continent_name varchar);
insert into continents values ('AM', 'Americas'), ('EUR', 'Eurasia');
create table regions (code varchar, region_name varchar, continent_code varchar);
insert into regions values ('NA', 'North America', 'AM'), ('EU', 'Europe', 'EUR');
create table countries (code varchar, country_name varchar, region_code varchar);
insert into countries values ('US', 'United States', 'NA'), ('GB', 'United Kingdom', 'EU'),
  ('FR', 'France', 'EU');
create table airports (code varchar, airport_name varchar, country_code varchar);
insert into airports values ('JFK', 'Kennedy', 'US'), ('LHR', 'Heathrow', 'GB'),
  ('CDG', 'Gaulle', 'FR');
create table carriers (code varchar, carrier_name varchar, country_code varchar);
insert into carriers values ('BA', 'British', 'GB'), ('AF', 'Air France', 'FR'),
  ('AA', 'American', 'US');
create table flights (flight_id int, origin_code varchar, dest_code varchar,
                      carrier_code varchar, flown_on date, delay int);
insert into flights values
  (1, 'JFK', 'LHR', 'BA', '2026-03-01', 10), (2, 'LHR', 'JFK', 'BA', '2026-03-02', 20),
  (3, 'CDG', 'JFK', 'AF', '2026-03-03', 5), (4, 'JFK', 'CDG', 'AA', '2026-03-04', 0),
  (5, 'LHR', 'CDG', 'AF', '2026-03-05', 7);
"""


con = module_warehouse(WAREHOUSE_SQL)
model = module_model(MODEL)


CASES = [
    # each entity in a name chooses its own join key
    (
        "origin",
        dict(metrics=["flight_count"], group_by=["origin__airport_name"]),
        [("Gaulle", 1.0), ("Heathrow", 2.0), ("Kennedy", 2.0)],
    ),
    (
        "dest",
        dict(metrics=["flight_count"], group_by=["dest__airport_name"]),
        [("Gaulle", 2.0), ("Heathrow", 1.0), ("Kennedy", 2.0)],
    ),
    (
        "both roles at once",
        dict(metrics=["flight_count"], group_by=["origin__airport_name", "dest__airport_name"]),
        [
            ("Gaulle", "Kennedy", 1.0),
            ("Heathrow", "Gaulle", 1.0),
            ("Heathrow", "Kennedy", 1.0),
            ("Kennedy", "Gaulle", 1.0),
            ("Kennedy", "Heathrow", 1.0),
        ],
    ),
    (
        "filter one role, group by the other",
        dict(
            metrics=["flight_count"],
            group_by=["dest__airport_name"],
            where=["{{ Dimension('origin__airport_name') }} = 'Kennedy'"],
        ),
        [("Gaulle", 1.0), ("Heathrow", 1.0)],
    ),
    # role-qualified names through two hops, three paths to the same table
    (
        "origin country",
        dict(metrics=["delay_minutes"], group_by=["origin__country__country_name"]),
        [("France", 5.0), ("United Kingdom", 27.0), ("United States", 10.0)],
    ),
    (
        "carrier country",
        dict(metrics=["delay_minutes"], group_by=["carrier__country__country_name"]),
        [("France", 12.0), ("United Kingdom", 30.0), ("United States", 0.0)],
    ),
    # unqualified: shortest path, then entity names alphabetically → the carrier's country
    (
        "tie rule",
        dict(metrics=["delay_minutes"], group_by=["country__country_name"]),
        [("France", 12.0), ("United Kingdom", 30.0), ("United States", 0.0)],
    ),
    # four hops: flight → airport (in its role) → country → region → continent
    (
        "four hops",
        dict(
            metrics=["delay_minutes"],
            group_by=["dest__country__region__continent__continent_name"],
        ),
        [("Americas", 25.0), ("Eurasia", 17.0)],
    ),
    (
        "four hops, other role",
        dict(
            metrics=["delay_minutes"],
            group_by=["origin__country__region__continent__continent_name"],
        ),
        [("Americas", 10.0), ("Eurasia", 32.0)],
    ),
]


@pytest.mark.parametrize("case,kw,expected", CASES, ids=[c[0] for c in CASES])
def test_join_paths(model, con, case, kw, expected):
    res = query(SemanticQuery(**kw), model=model, con=con)
    assert norm_rows(df_rows(res.df), ordered=True) == expected


def test_two_roles_are_two_joins_on_their_own_keys(model):
    sql = compile_query(
        model,
        SemanticQuery(
            metrics=["flight_count"], group_by=["origin__airport_name", "dest__airport_name"]
        ),
    ).sql
    assert "src.origin_code = airports.code" in sql and "src.dest_code = airports_" in sql


def test_catalog_names_the_paths(model):
    dim = build_catalog(model).dimension("country__country_name")
    roles = {r.name: (r.label, r.default) for r in dim.roles}
    assert roles == {
        "carrier__country__country_name": ("country (of the carrier)", True),
        "dest__country__country_name": ("country (of the dest)", False),
        "origin__country__country_name": ("country (of the origin)", False),
    }
    airport = build_catalog(model).dimension("airport__airport_name")
    assert [(r.name, r.label) for r in airport.roles] == [
        ("dest__airport_name", "airport (of the dest)"),
        ("origin__airport_name", "airport (of the origin)"),
    ]
