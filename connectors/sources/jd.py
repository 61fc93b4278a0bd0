"""JD (京东) POP order export (商家后台 → 订单管理 → 订单导出), CSV (GBK) or XLSX.

One row per order *line*: order-level columns repeat on each line of the same 订单号.

=================  ===========================================================
订单号             ``orders.channel_order_no`` (key; ``order_id_map`` system ``platform``)
下单时间           ``orders.created_at`` (required)
付款时间           ``orders.paid_at`` (optional column)
订单金额           ``orders.goods_amount``
应付金额           ``orders.paid_amount``
运费金额           ``orders.shipping_fee``
订单状态           ``order_status`` / ``payment_status`` (table ``STATUS_MAP``)
客户姓名           ``customers.customer_name`` → ``orders.customer_id``
收货地址           ``destination_region`` / ``destination_city`` (optional column)
商品ID             ``order_lines.sku`` (new SKUs are added to ``skus``)
商品名称           ``skus.sku_name``
订购数量           ``order_lines.qty``
京东价             ``order_lines.unit_price``; ``line_amount`` = qty × price
=================  ===========================================================

``discount_amount`` = 订单金额 + 运费金额 − 应付金额; ``channel`` = ``jd``.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from connectors.sources._files import as_utf8_csv, csv_headers
from connectors.sources._orders import OrderMapping, load_orders_file
from connectors.sources.base import LoadContext, LoadResult

STATUS_MAP: dict[str, tuple[str, str | None]] = {
    "等待付款": ("pending_payment", "unpaid"),
    "等待付款确认": ("pending_payment", "unpaid"),
    "预售-等待尾款": ("pending_payment", "partial_paid"),
    "等待出库": ("awaiting_shipment", "paid"),
    "等待发货": ("awaiting_shipment", "paid"),
    "等待确认收货": ("shipped", "paid"),
    "已发货": ("shipped", "paid"),
    "已妥投": ("delivered", "paid"),
    "完成": ("completed", "paid"),
    "已完成": ("completed", "paid"),
    "已取消": ("cancelled", None),
    "退款成功": ("cancelled", "refunded"),
}


def mapping(headers: list[str] | None = None) -> OrderMapping:
    """The JD mapping; optional columns (付款时间, 收货地址) are used when present."""
    heads = set(headers or [])
    orders = {
        "channel_order_no": "订单号",
        "created_at": "下单时间",
        "goods_amount": "订单金额",
        "paid_amount": "应付金额",
        "shipping_fee": "运费金额",
    }
    if "付款时间" in heads:
        orders["paid_at"] = "付款时间"
    return OrderMapping(
        name="jd",
        system="platform",
        key="channel_order_no",
        orders=orders,
        constants={"channel": "jd", "currency": "CNY"},
        status_column="订单状态",
        status_map=STATUS_MAP,
        customer_column="客户姓名",
        address_column="收货地址" if "收货地址" in heads else None,
        lines={"sku": "商品ID", "sku_name": "商品名称", "qty": "订购数量", "unit_price": "京东价"},
    )


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one JD export into orders / order_lines / skus / customers / order_id_map."""
    csv_path = as_utf8_csv(path, ctx.tmp_dir)
    return load_orders_file(con, csv_path, ctx, mapping(csv_headers(csv_path)))
