"""A mapping or rules file of the wrong shape is refused naming the key — never a Python error.

Found by mutating every node of the shipped rules file and of an ERP mapping (340 files each,
session 20): 3 crash sites in the rules reader (``names.X: [a]`` → "unhashable type: 'list'",
``fees: x`` → AttributeError) and 8 in the mapping reader (``status: x``, ``orders: null``,
``status.map.X: []`` → IndexError, ``required: [[a]]``). The documents here are original.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.errors import IngestError
from connectors.sources.mapping import load_mapping, parse_mapping
from connectors.yaml_shape import shape_problems
from lab.reconciliation.errors import RulesError
from lab.reconciliation.rules import load_rules, rules_from_dict

MAPPING = {
    "system": "erp",
    "key": "erp_order_no",
    "orders": {"erp_order_no": "单号", "created_at": "下单时间"},
    "status": {"column": "状态", "map": {"已发货": ["shipped", "paid"]}},
}


def test_the_valid_documents_load() -> None:
    assert parse_mapping(MAPPING).status_map == {"已发货": ("shipped", "paid")}
    rules = rules_from_dict({"components": {"goods": {"basis": "amount"}}})
    assert sorted(rules.components) == ["goods"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"status": "状态"}, "`status` is text; a mapping file expects a mapping"),
        ({"orders": None}, "`orders` is empty; a mapping file expects a mapping"),
        ({"status": {"column": "状态", "map": {"已发货": []}}}, "`status.map.已发货` is empty"),
        ({"required": [["created_at"]]}, "`required[1]` is a list; a mapping file expects text"),
        ({"lines": "sku"}, "`lines` is text; a mapping file expects a mapping"),
    ],
)
def test_a_mapping_of_the_wrong_shape_names_the_key(change: dict, expected: str) -> None:
    with pytest.raises(IngestError) as err:
        parse_mapping({**MAPPING, **change}, where="mapping file m.yml")
    assert str(err.value).startswith("mapping file m.yml: ")
    assert expected in str(err.value) and "docs/connectors.md" in str(err.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"components": {"goods": {"basis": ["amount"]}}}, "`components.goods.basis` is a list"),
        ({"components": {"goods": {"basis": "amount"}}, "fees": "jd"}, "`fees` is text"),
        (
            {"components": {"goods": {"basis": "amount"}}, "names": {"实付": ["paid_amount"]}},
            "`names.实付` is a list; a rules file expects text",
        ),
        ({"components": {"goods": "amount"}}, "`components.goods` is text"),
    ],
)
def test_rules_of_the_wrong_shape_name_the_key(data: dict, expected: str) -> None:
    with pytest.raises(RulesError) as err:
        rules_from_dict(data, name="r")
    assert expected in str(err.value) and "docs/reconciliation.md" in str(err.value)


def test_files_go_through_the_same_check(tmp_path: Path) -> None:
    m = tmp_path / "m.yml"
    m.write_text("system: erp\nkey: k\norders: {k: 单号}\nconstants: [a]\n", encoding="utf-8")
    with pytest.raises(IngestError, match="`constants` is a list"):
        load_mapping(m)
    r = tmp_path / "r.yml"
    r.write_text("components: {goods: {basis: amount}}\nfees: {jd: 5%}\n", encoding="utf-8")
    with pytest.raises(RulesError) as err:
        load_rules(r)
    assert "`fees.jd` is text; a rules file expects a mapping" in str(err.value)


def test_shape_problems_lists_every_problem_with_its_path() -> None:
    schema = {
        "type": "object",
        "required": ["key"],
        "properties": {"items": {"type": "array", "items": {"type": "object"}}},
    }
    assert shape_problems(schema, {"items": [{}, 3]}, "it expects") == [
        "has no `key`",
        "`items[2]` is a number; it expects a mapping",
    ]
