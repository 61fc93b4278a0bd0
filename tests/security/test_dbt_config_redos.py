"""Red team, session 23: a dbt model file built to stall the model's load.

Found by timing every compiled pattern of ``semantic_layer`` on long adversarial strings. A
dbt project's model ``.sql`` files are searched for ``{{ config(...) }}`` (schema and alias of
the relation), with two patterns that were quadratic: the block itself (``.*?`` from every
``{{ config(`` without a closing ``) }}``: 41 KB of openers took 3.75 s) and its keyword
arguments (``(\\w+)\\s*=…`` retried from every letter of a long word: 20,000 digits took
15.5 s). A model file may be 16 MiB, so one file of a project pulled from elsewhere held the
load (server start, or the first question after an edit) for hours. Both are now read in
linear time, with the same results.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from semantic_layer.yaml_reader import find_dbt_project

PROJECT = Path(__file__).parents[1] / "fixtures" / "semantic" / "dbt_shop"


def _project_with(tmp_path: Path, sql: str) -> Path:
    root = tmp_path / "dbt_shop"
    shutil.copytree(PROJECT, root)
    (root / "models" / "marts" / "wide.sql").write_text(sql, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    "sql",
    [
        "{{ config(" + "0" * 40_000 + ") }}\nselect 1",  # before: ~60 s (15.5 s at 20,000)
        "{{ config(" * 8_000 + "select 1",  # before: ~15 s (3.75 s at 4,000 openers)
        "{{ config(alias=" + " " * 40_000 + "x) }}\nselect 1",
    ],
)
def test_a_hostile_config_block_is_read_in_linear_time(tmp_path: Path, sql: str) -> None:
    root = _project_with(tmp_path, sql)
    started = time.perf_counter()
    project = find_dbt_project(root)
    assert time.perf_counter() - started < 3.0
    assert project is not None
    assert project.configs["customers"][1] == "dim_customers"  # the real alias still read


@pytest.mark.parametrize(
    ("block", "alias", "schema"),
    [
        ("{{ config(alias='wide_t') }}", "wide_t", None),
        ('{{config(alias="wide_t", schema="s")}}', "wide_t", "s"),
        ("{{ config(materialized='table', alias = 'wide_t' ) }}", "wide_t", None),
        ("{{\n  config(\n    alias='wide_t',\n    schema='s2'\n  )\n}}", "wide_t", "s2"),
        ("{{ config(myalias='no') }}", None, None),
        ("{{ config(alias='a') }} {{ config(alias='b') }}", "a", None),
        ("{{ config(alias='x'", None, None),
        ("{{ config() }}", None, None),
    ],
)
def test_config_blocks_read_as_before(tmp_path: Path, block: str, alias, schema) -> None:
    project = find_dbt_project(_project_with(tmp_path, block + "\nselect 1"))
    assert project is not None
    got_schema, got_alias = project.configs["wide"]
    assert got_alias == alias
    if schema is not None:
        assert got_schema == schema
