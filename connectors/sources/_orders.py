"""The one order pipeline behind ``taobao``, ``jd`` and ``orders-csv``: mapping → canonical rows.

Why one pipeline: channel exports differ in headers, status words and grain (Taobao: one row
per order; JD: one row per order line) but land in the same tables the same way. Each format is
an :class:`OrderMapping` (data, documented in ``docs/connectors.md``); this module

1. reads the file as text (:mod:`._tabular`), converts and validates every mapped column;
2. maps the export's status words to canonical ``order_status`` / ``payment_status`` (an
   unknown status word is a reject, never a guess — the ``partial_paid`` lesson);
3. gives each order its global id (:func:`connectors.ids.number_orders`), adds customers by
   name, SKUs by code, then inserts new orders and lines and updates the status of orders a
   previous export already brought (a later export is a later truth about the same order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb
from sqlglot import exp

from connectors.errors import IngestError
from connectors.ids import number_orders
from connectors.rows import one_row
from connectors.schema import TABLES
from connectors.sources._tabular import (
    Field,
    RawTable,
    install_macros,
    kind_for_type,
    read_csv_raw,
    require_columns,
    typed_rows,
)
from connectors.sources.base import LoadContext, LoadResult, insert_new

ORDER_TYPES = {c.name: c.type for c in TABLES["orders"].columns}
LINE_FIELDS = {"sku": "text", "sku_name": "text", "qty": "int", "unit_price": "money",
               "line_amount": "money"}  # fmt: skip
ORDER_STATUSES = ("pending_payment", "awaiting_shipment", "shipped", "delivered", "completed",
                  "cancelled")  # fmt: skip
PAYMENT_STATUSES = ("unpaid", "partial_paid", "paid", "refunded", "partially_refunded")

# Province prefix → sales region (orders.destination_region), for address columns.
PROVINCE_REGION = {
    **dict.fromkeys(["上海", "江苏", "浙江", "安徽", "福建", "江西", "山东"], "华东"),
    **dict.fromkeys(["北京", "天津", "河北", "山西", "内蒙"], "华北"),
    **dict.fromkeys(["广东", "广西", "海南"], "华南"),
    **dict.fromkeys(["重庆", "四川", "贵州", "云南", "西藏"], "西南"),
    **dict.fromkeys(["河南", "湖北", "湖南"], "华中"),
    **dict.fromkeys(["辽宁", "吉林", "黑龙"], "东北"),
    **dict.fromkeys(["陕西", "甘肃", "青海", "宁夏", "新疆"], "西北"),
}


@dataclass(frozen=True)
class OrderMapping:
    """How one export's columns become ``orders`` (+ ``order_lines``, ``customers``, ``skus``).

    Attributes:
        name: format name (``taobao``...), used in messages.
        system: ``order_id_map`` system of the key (``platform`` for channel exports, ``erp``).
        key: canonical column holding the external order number (``channel_order_no`` or
            ``erp_order_no``); rows sharing it are one order.
        orders: canonical ``orders`` column → source header.
        required: canonical columns a row must have (besides the key).
        constants: canonical column → fixed value (e.g. ``channel: jd``).
        status_column: header of the status word; ``status_map`` maps each word to
            (order_status, payment_status).
        customer_column / address_column: headers for the customer name and a Chinese address
            (province → ``destination_region``, ``…市`` → ``destination_city``).
        lines: ``sku``/``sku_name``/``qty``/``unit_price``/``line_amount`` → header, when each
            row is an order line.
    """

    name: str
    system: str
    key: str
    orders: dict[str, str]
    required: tuple[str, ...] = ("created_at",)
    constants: dict[str, str] = field(default_factory=dict)
    status_column: str | None = None
    status_map: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    customer_column: str | None = None
    address_column: str | None = None
    lines: dict[str, str] = field(default_factory=dict)

    def validate(self) -> None:
        """Refuse a mapping that names unknown canonical columns or statuses."""
        where = f"mapping {self.name!r}"
        if self.key not in ("channel_order_no", "erp_order_no"):
            raise IngestError(
                f"{where}: key must be channel_order_no or erp_order_no, not {self.key!r}"
            )
        if self.key not in self.orders:
            raise IngestError(f"{where}: the key column {self.key} needs a source header")
        for c in [*self.orders, *self.constants, *self.required]:
            if c not in ORDER_TYPES or c == "order_id":
                raise IngestError(f"{where}: {c!r} is not an orders column (see docs/warehouse.md)")
        for c in self.lines:
            if c not in LINE_FIELDS:
                raise IngestError(f"{where}: lines.{c} unknown; use {', '.join(LINE_FIELDS)}")
        if self.lines and "sku" not in self.lines:
            raise IngestError(f"{where}: lines need a sku column")
        for word, (o, p) in self.status_map.items():
            if o not in ORDER_STATUSES or (p is not None and p not in PAYMENT_STATUSES):
                raise IngestError(f"{where}: status {word!r} maps to unknown ({o}, {p})")

    @property
    def source_headers(self) -> list[str]:
        """Every header the file must have."""
        heads = [*self.orders.values(), *self.lines.values()]
        heads += [h for h in (self.status_column, self.customer_column, self.address_column) if h]
        return list(dict.fromkeys(heads))


def _fields(m: OrderMapping) -> list[Field]:
    out = [
        Field(c, h, kind_for_type(ORDER_TYPES[c]), required=c == m.key or c in m.required)
        for c, h in m.orders.items()
    ]
    if m.status_column:
        out.append(Field("_status_raw", m.status_column, "text", required=True))
    if m.customer_column:
        out.append(Field("_customer_name", m.customer_column, "text"))
    if m.address_column:
        out.append(Field("_addr", m.address_column, "text"))
    for c, h in m.lines.items():
        out.append(Field(f"_{c}", h, LINE_FIELDS[c], required=c in ("sku", "qty")))
    return out


def _status_check(m: OrderMapping) -> list[tuple[exp.Expr, str]]:
    """Unknown status words are rejects; so are non-canonical statuses mapped column-to-column."""
    checks: list[tuple[exp.Expr, str]] = []
    if m.status_column:
        known = [exp.Literal.string(w) for w in m.status_map]
        cond = exp.Not(this=exp.In(this=exp.column("_status_raw"), expressions=known))
        checks.append((cond, f"unknown {m.status_column} value (known: {', '.join(m.status_map)})"))
    for col_name, allowed in (
        ("order_status", ORDER_STATUSES),
        ("payment_status", PAYMENT_STATUSES),
    ):
        if col_name in m.orders:
            cond = exp.Not(
                this=exp.In(
                    this=exp.column(col_name), expressions=[exp.Literal.string(a) for a in allowed]
                )
            )
            checks.append((cond, f"{m.orders[col_name]} is not one of {', '.join(allowed)}"))
    return checks


def _literal(v: object) -> exp.Expr:
    return exp.Literal.string(str(v)) if v is not None else exp.Null()


def load_orders_file(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    ctx: LoadContext,
    mapping: OrderMapping,
    *,
    line_offset: int = 0,
) -> LoadResult:
    """Read one UTF-8 CSV export and load it through ``mapping`` (see module doc)."""
    install_macros(con)
    label = ctx.options.get("label")  # the user's file: ``path`` may be a converted copy
    raw = read_csv_raw(
        con,
        path,
        f"{ctx.prefix}_raw",
        line_offset=line_offset,
        shown=Path(label) if label else None,
    )
    require_columns(
        raw, mapping.source_headers, ctx.options.get("label", path), f"{mapping.name} export"
    )
    return load_orders_raw(con, raw, ctx, mapping)


def load_orders_raw(
    con: duckdb.DuckDBPyConnection, raw: RawTable, ctx: LoadContext, m: OrderMapping
) -> LoadResult:
    """Load an already-staged text table (CSV, XLSX or a database query) through ``m``."""
    m.validate()
    p = ctx.prefix
    good = f"{p}_good"
    typed_rows(con, raw, _fields(m), good, checks=_status_check(m))
    res = LoadResult("orders", rows_read=raw.rows, rejects=raw.rejects)

    # status words → canonical statuses (a static-shaped temp table filled with parameters)
    con.execute(f"CREATE OR REPLACE TEMP TABLE {p}_smap (word VARCHAR, o VARCHAR, pay VARCHAR)")
    if m.status_map:
        con.executemany(
            f"INSERT INTO {p}_smap VALUES (?, ?, ?)",
            [(w, o, pay) for w, (o, pay) in m.status_map.items()],
        )
    con.execute(f"CREATE OR REPLACE TEMP TABLE {p}_prov (prefix VARCHAR, region VARCHAR)")
    con.executemany(f"INSERT INTO {p}_prov VALUES (?, ?)", list(PROVINCE_REGION.items()))

    key = m.key
    has = set(m.orders)
    orders_col = key if m.system in ("platform", "erp") else None
    # one row per order (the first of a repeated key), carrying its global id: no join back
    known, _ = number_orders(con, m.system, good, key, f"{p}_o", orders_column=orders_col)

    # customers by name: existing id, else C + 7 digits continuing the maximum
    cust_expr = "NULL::VARCHAR"
    if m.customer_column:
        base = one_row(
            con.execute(
                r"SELECT coalesce(max(TRY_CAST(substr(customer_id, 2) AS BIGINT)), 0) FROM customers "
                r"WHERE regexp_full_match(customer_id, 'C\d+')"
            )
        )[0]
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {p}_cust AS
            WITH names AS (SELECT _customer_name AS name, min(created_at) AS first_at, min(_line) AS l
                           FROM {p}_o WHERE _customer_name IS NOT NULL GROUP BY 1),
                 known AS (SELECT customer_name AS name, min(customer_id) AS customer_id
                           FROM customers GROUP BY 1)
            SELECT n.name, n.first_at, coalesce(k.customer_id, 'C' || lpad(CAST({base} + row_number()
                   OVER (PARTITION BY k.customer_id IS NULL ORDER BY n.l) AS VARCHAR), 7, '0'))
                   AS customer_id, k.customer_id IS NULL AS is_new
            FROM names n LEFT JOIN known k USING (name)"""
        )
        res.extra["customers"] = insert_new(
            con,
            "customers",
            f"SELECT customer_id, name AS customer_name, first_at AS created_at, 'CN' AS country, "
            f"'regular' AS tier, FALSE AS is_b2b FROM {p}_cust WHERE is_new",
            ("customer_id",),
            unique=True,
        )
        cust_expr = "c.customer_id"

    line_goods = ""
    if m.lines:
        con.execute(
            f"""CREATE OR REPLACE TEMP TABLE {p}_l AS
            SELECT {key} AS external_id, _sku AS sku,
                   {"_sku_name" if "sku_name" in m.lines else "NULL::VARCHAR"} AS sku_name,
                   CAST(_qty AS INTEGER) AS qty,
                   {"_unit_price" if "unit_price" in m.lines else "NULL::DECIMAL(14,2)"} AS unit_price,
                   {"_line_amount" if "line_amount" in m.lines else "NULL::DECIMAL(14,2)"} AS la,
                   row_number() OVER (PARTITION BY {key} ORDER BY _line) AS line_no
            FROM {good}"""
        )
        con.execute(
            f"UPDATE {p}_l SET la = CAST(qty * unit_price AS DECIMAL(14,2)) WHERE la IS NULL"
        )
        line_goods = f"(SELECT sum(la) FROM {p}_l l WHERE l.external_id = o.external_id)"

    def val(c: str) -> str:
        if c in has:
            return f"o.{c}"
        if c in m.constants:
            return _literal(m.constants[c]).sql(dialect="duckdb")
        return "NULL"

    goods = f"coalesce({val('goods_amount')}, {line_goods or 'NULL'})"
    ship = f"coalesce({val('shipping_fee')}, 0)"
    disc_raw = val("discount_amount")
    paid_raw = val("paid_amount")
    cols = {
        "order_id": "o.order_id",
        "channel": val("channel"),
        "order_status": f"coalesce(s.o, {val('order_status')})",
        "payment_status": (
            f"coalesce(s.pay, {val('payment_status')}, CASE WHEN {val('paid_at')} IS NOT NULL "
            "THEN 'paid' ELSE 'unpaid' END)"
        ),
        "goods_amount": goods,
        "shipping_fee": ship,
        "discount_amount": (f"coalesce({disc_raw}, greatest({goods} + {ship} - {paid_raw}, 0), 0)"),
        "paid_amount": f"coalesce({paid_raw}, {goods} + {ship} - coalesce({disc_raw}, 0))",
        "currency": f"coalesce({val('currency')}, 'CNY')",
        "is_presale": f"coalesce({val('is_presale')}, FALSE)",
        "deposit_amount": f"coalesce({val('deposit_amount')}, 0)",
        "customer_id": f"coalesce({val('customer_id')}, {cust_expr})",
    }
    if m.address_column:
        cols["destination_country"] = f"coalesce({val('destination_country')}, 'CN')"
        cols["destination_region"] = f"coalesce({val('destination_region')}, pv.region)"
        cols["destination_city"] = (
            f"coalesce({val('destination_city')}, nullif(regexp_extract(o._addr, "
            r"'(?:省|自治区|^)\s*([^\s省]{1,8}?市)', 1), ''))"
        )
    select_cols = [f"{cols.get(c, val(c))} AS {c}" for c in ORDER_TYPES]
    joins = [f"LEFT JOIN {p}_smap s ON s.word = {'o._status_raw' if m.status_column else 'NULL'}"]
    if m.customer_column:
        joins.append(f"LEFT JOIN {p}_cust c ON c.name = o._customer_name")
    if m.address_column:
        joins.append(f"LEFT JOIN {p}_prov pv ON pv.prefix = substr(o._addr, 1, 2)")
    select = f"SELECT {', '.join(select_cols)}, o._is_new FROM {p}_o o " + " ".join(joins)
    con.execute(f"CREATE OR REPLACE TEMP VIEW {p}_final AS {select}")
    res.rows_loaded = insert_new(
        con,
        "orders",
        f"SELECT * EXCLUDE (_is_new) FROM {p}_final WHERE _is_new",
        ("order_id",),
        unique=True,
        new=True,
    )
    if known:  # ids that exist in order_id_map may still lack an orders row: anti-join those
        res.rows_loaded += insert_new(
            con,
            "orders",
            f"SELECT * EXCLUDE (_is_new) FROM {p}_final WHERE NOT _is_new",
            ("order_id",),
            unique=True,
        )
    n_orders = one_row(con.execute(f"SELECT count(*) FROM {p}_o"))[0]
    res.rows_duplicate = n_orders - res.rows_loaded

    # a later export is a later truth: refresh statuses / payment time of known orders
    changed = (
        0
        if not known
        else one_row(
            con.execute(
                f"""UPDATE orders SET order_status = f.order_status, payment_status = f.payment_status,
                   paid_at = coalesce(f.paid_at, orders.paid_at)
            FROM {p}_final f
            WHERE orders.order_id = f.order_id
              AND (orders.order_status IS DISTINCT FROM f.order_status
                   OR orders.payment_status IS DISTINCT FROM f.payment_status
                   OR (f.paid_at IS NOT NULL AND orders.paid_at IS DISTINCT FROM f.paid_at))"""
            )
        )[0]
    )  # fresh ids cannot be updated: skip the join when every id is new
    res.rows_updated = int(changed)

    id_map = (
        f"SELECT {_literal(m.system).sql()} AS system, external_id, order_id, "
        f"now()::TIMESTAMP AS first_seen_at FROM {p}_o"
    )
    mapped = insert_new(
        con,
        "order_id_map",
        id_map + " WHERE _is_new",
        ("system", "external_id"),
        unique=True,
        new=True,
    )
    if known:
        mapped += insert_new(
            con,
            "order_id_map",
            id_map + " WHERE NOT _is_new",
            ("system", "external_id"),
            unique=True,
        )
    other = "erp_order_no" if m.key == "channel_order_no" else "channel_order_no"
    if other in has:  # the export also carries the other system's number: map it too
        other_system = "erp" if other == "erp_order_no" else "platform"
        mapped += insert_new(
            con,
            "order_id_map",
            f"SELECT '{other_system}' AS system, o.{other} AS external_id, o.order_id, "
            f"now()::TIMESTAMP AS first_seen_at FROM {p}_o o WHERE o.{other} IS NOT NULL",
            ("system", "external_id"),
        )
    res.extra["order_id_map"] = mapped

    if m.lines:
        res.extra["skus"] = insert_new(
            con,
            "skus",
            f"SELECT sku, any_value(sku_name) AS sku_name, max(unit_price) AS list_price "
            f"FROM {p}_l GROUP BY sku",
            ("sku",),
        )
        res.extra["order_lines"] = insert_new(
            con,
            "order_lines",
            f"""SELECT i.order_id || '-' || l.line_no AS line_id, i.order_id, CAST(l.line_no AS INTEGER)
                       AS line_no, l.sku, l.qty, l.unit_price, l.la AS line_amount,
                       l.qty * k.weight_kg AS weight_kg, 0.0 AS service_hours,
                       0 AS custom_packaging_fee
                FROM {p}_l l JOIN (SELECT external_id, order_id FROM {p}_o) i USING (external_id)
                LEFT JOIN skus k USING (sku)""",
            ("line_id",),
        )
    return res
