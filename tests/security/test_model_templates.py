"""Red team, session 9: jinja in a model's YAML (dbt ``var()``) and in filter templates does
look-ups only.

Before: jinja's sandbox stopped ``''.__class__`` but not work: ``{{ 'a' * 1000000000 }}`` took
1 GB (MemoryError), ``{% for i in range(100000000) %}`` escaped as an OverflowError instead of
a model error, ``{{ 'x'.center(1000000000) }}`` and ``{{ 9**9**9 }}`` ran unbounded. A public
dbt project loaded unmodified could hang ``orderlens validate`` or a server.
"""

from __future__ import annotations

import time

import pytest

from semantic_layer import ModelValidationError, load_model
from semantic_layer.errors import QueryError
from semantic_layer.templates import parse_template
from tests.test_semantic_project_vars import BANK_PROJECT, BANK_YAML, _project

HOSTILE = [
    "{{ 'a' * 1000000000 }}",
    "{% for i in range(100000000) %}x{% endfor %}",
    "{{ ('a' * 100000) * 100000 }}",
    "{{ 9**9**9 }}",
    "{{ 'x'.center(1000000000) }}",
    "{{ 'x' | center(1000000000) }}",
    "{{ lipsum.__globals__ }}",
    "{% set x = 1 %}{{ x }}",
    "{% include '/etc/passwd' %}",
    "{{ modules.itertools.repeat('a', 1000000000) | join }}",
    "{{ modules.re.sub('a', 'aaaa', 'a') }}",
    "{{ modules.datetime.timedelta(days=10**9) }}",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_dbt_var_template_that_works_instead_of_looking_up_is_a_load_error(
    tmp_path, payload
) -> None:
    hostile = BANK_YAML.replace("{{ var(", payload + " {{ var(", 1)
    assert hostile != BANK_YAML
    started = time.perf_counter()
    with pytest.raises(ModelValidationError, match="cannot render"):
        load_model(_project(tmp_path / "bank", BANK_PROJECT, hostile))
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize("payload", HOSTILE)
def test_a_filter_template_that_works_instead_of_looking_up_is_refused(payload) -> None:
    started = time.perf_counter()
    with pytest.raises(QueryError, match="cannot render filter template"):
        parse_template(payload + " {{ Dimension('flight__carrier') }} = 'UA'")
    assert time.perf_counter() - started < 2.0


def test_look_ups_and_metricflow_methods_still_render() -> None:
    t = parse_template(
        "{{ TimeDimension('metric_time', 'day').grain('month') }} >= '2026-01-01' "
        "and {{ Metric('claims', group_by=['policy']) }} > 2 * 3"
    )
    assert [r.kind for r in t.refs] == ["time_dimension", "metric"]
    assert t.refs[0].grain == "month"
