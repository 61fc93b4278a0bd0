"""``orders-csv``: any other platform's or ERP's order export, described by a YAML mapping file.

Why a file and not code: every ERP names its columns differently; a user should be able to
load theirs by writing twenty lines of YAML, reviewed like any config. Example (the full
reference is in ``docs/connectors.md``)::

    name: kingdee-erp          # label used in messages
    system: erp                # order_id_map system of the key: platform | erp
    key: erp_order_no          # channel_order_no | erp_order_no
    orders:                    # canonical orders column: source header
      erp_order_no: 单据编号
      channel_order_no: 平台单号
      created_at: 制单日期
      goods_amount: 货款
      shipping_fee: 运费
      paid_amount: 实收金额
    required: [created_at]
    constants: {channel: pos, currency: CNY}
    status:                    # optional: status word -> [order_status, payment_status]
      column: 单据状态
      map: {已审核: [awaiting_shipment, paid], 已发货: [shipped, paid]}
    customer: 客户名称         # optional: customer name column
    address: 收货地址          # optional: Chinese address column
    lines: {sku: 商品编码, sku_name: 商品名称, qty: 数量, unit_price: 单价}   # optional

Amounts, dates and digits are normalised like every other reader (``1,234.50``, ``１２３``,
``2026年2月10日``...). Unknown keys or canonical columns are refused with the fix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import yaml

from connectors.bounded_yaml import read_yaml_file
from connectors.errors import IngestError
from connectors.sources._files import as_utf8_csv
from connectors.sources._orders import OrderMapping, load_orders_file
from connectors.sources.base import LoadContext, LoadResult
from connectors.yaml_shape import shape_problems

_KEYS = {"name", "system", "key", "orders", "required", "constants", "status", "customer",
         "address", "lines", "encoding"}  # fmt: skip


_COLUMN = {"type": ["string", "number"]}  # a column of the export (a header may be a number)
_COLUMNS = {"type": ["object", "null"], "additionalProperties": _COLUMN}
#: the shapes of the keys a mapping file holds (see docs/connectors.md)
_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": ["string", "number"]},
        "system": {"type": "string"},
        "key": {"type": "string"},
        "orders": {"type": "object", "additionalProperties": _COLUMN},
        "required": {"type": "array", "items": {"type": "string"}},
        "constants": {
            "type": ["object", "null"],
            "additionalProperties": {"type": ["string", "number", "boolean"]},
        },
        "status": {
            "type": ["object", "null"],
            "properties": {
                "column": _COLUMN,
                "map": {
                    "type": ["object", "null"],
                    "additionalProperties": {
                        "type": ["string", "array"],
                        "items": {"type": ["string", "null"]},
                        "minItems": 1,
                        "maxItems": 2,
                    },
                },
            },
        },
        "customer": {"type": ["string", "number", "null"]},
        "address": {"type": ["string", "number", "null"]},
        "lines": _COLUMNS,
        "encoding": {"type": "string"},
    },
}


def parse_mapping(doc: dict[str, Any], where: str = "mapping") -> OrderMapping:
    """Build an :class:`OrderMapping` from a YAML document (already loaded), validated.

    >>> m = parse_mapping({"system": "erp", "key": "erp_order_no",
    ...                    "orders": {"erp_order_no": "单号", "created_at": "日期"}})
    >>> m.key, m.orders["created_at"]
    ('erp_order_no', '日期')
    """
    if not isinstance(doc, dict):
        raise IngestError(f"{where}: expected a YAML mapping with keys {sorted(_KEYS)}")
    unknown = set(doc) - _KEYS
    if unknown:
        raise IngestError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    for k in ("system", "key", "orders"):
        if k not in doc:
            raise IngestError(f"{where}: missing required key {k!r}")
    problems = shape_problems(_SCHEMA, doc, "a mapping file expects")
    if problems:  # a wrong shape raised AttributeError / TypeError below (s20)
        raise IngestError(f"{where}: {'; '.join(problems)}; see docs/connectors.md for the format")
    status = doc.get("status") or {}
    smap: dict[str, tuple[str, str | None]] = {}
    for word, target in (status.get("map") or {}).items():
        pair = [target] if isinstance(target, str) else list(target)
        smap[str(word)] = (str(pair[0]), str(pair[1]) if len(pair) > 1 and pair[1] else None)
    m = OrderMapping(
        name=str(doc.get("name", where)),
        system=str(doc["system"]),
        key=str(doc["key"]),
        orders={str(k): str(v) for k, v in doc["orders"].items()},
        required=tuple(doc.get("required", ["created_at"])),
        constants={str(k): str(v) for k, v in (doc.get("constants") or {}).items()},
        status_column=status.get("column"),
        status_map=smap,
        customer_column=doc.get("customer"),
        address_column=doc.get("address"),
        lines={str(k): str(v) for k, v in (doc.get("lines") or {}).items()},
    )
    if m.system not in ("platform", "erp"):
        raise IngestError(f"{where}: system must be platform or erp, not {m.system!r}")
    if m.status_column and not m.status_map:
        raise IngestError(f"{where}: status.column given without status.map")
    m.validate()
    return m


def load_mapping(path: str | Path) -> OrderMapping:
    """Read and validate a mapping YAML file."""
    p = Path(path)
    try:
        doc = read_yaml_file(p)  # bounded: an alias bomb hung ingest (s19)
    except (OSError, yaml.YAMLError) as exc:
        raise IngestError(f"mapping file {p}: {exc}") from exc
    return parse_mapping(doc, where=f"mapping file {p}")


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one export through the mapping given as ``--mapping``."""
    if ctx.mapping is None:
        raise IngestError("orders-csv needs a mapping file: pass --mapping FILE.yml")
    m = ctx.mapping if isinstance(ctx.mapping, OrderMapping) else load_mapping(ctx.mapping)
    return load_orders_file(con, as_utf8_csv(path, ctx.tmp_dir), ctx, m)
