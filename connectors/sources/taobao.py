"""Taobao / Tmall order export (卖家中心 → 已卖出的宝贝 → 批量导出 订单报表), CSV (GBK) or XLSX.

One row per order. Column mapping (→ canonical):

=================  ===========================================================
订单编号           ``orders.channel_order_no`` (key; ``order_id_map`` system ``platform``)
买家会员名         ``customers.customer_name`` → ``orders.customer_id`` (new names get ``C…`` ids)
买家应付货款       ``orders.goods_amount``
买家应付邮费       ``orders.shipping_fee``
总金额             ``orders.paid_amount`` (what the buyer owes; 买家实际支付金额 is 0 while
                   unpaid, so it is not used)
订单状态           ``order_status`` / ``payment_status`` (table ``STATUS_MAP``)
订单创建时间       ``orders.created_at`` (required)
订单付款时间       ``orders.paid_at``
收货地址           ``destination_region`` (province) / ``destination_city``; country ``CN``
宝贝标题, 宝贝种类, 商家备注, 买家留言  not mapped (no canonical column; lines come from the
                   宝贝报表, ingest it with ``orders-csv``)
=================  ===========================================================

``discount_amount`` = goods + shipping − paid. ``channel`` is ``taobao`` (for a Tmall shop use
``orders-csv`` with this mapping and ``constants: {channel: tmall}``).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from connectors.sources._files import as_utf8_csv, csv_headers
from connectors.sources._orders import OrderMapping, load_orders_file
from connectors.sources.base import LoadContext, LoadResult

STATUS_MAP: dict[str, tuple[str, str | None]] = {
    "等待买家付款": ("pending_payment", "unpaid"),
    "买家已付款，等待卖家发货": ("awaiting_shipment", "paid"),
    "买家已付款,等待卖家发货": ("awaiting_shipment", "paid"),
    "等待卖家发货": ("awaiting_shipment", "paid"),
    "卖家已发货，等待买家确认": ("shipped", "paid"),
    "卖家已发货,等待买家确认": ("shipped", "paid"),
    "交易成功": ("completed", "paid"),
    "交易关闭": ("cancelled", "unpaid"),
    "付款以后用户退款成功，交易自动关闭": ("cancelled", "refunded"),
    "定金已付": ("pending_payment", "partial_paid"),
}


def mapping(headers: list[str] | None = None) -> OrderMapping:
    """The Taobao mapping (``headers`` kept for signature parity with :func:`jd.mapping`)."""
    return OrderMapping(
        name="taobao",
        system="platform",
        key="channel_order_no",
        orders={
            "channel_order_no": "订单编号",
            "goods_amount": "买家应付货款",
            "shipping_fee": "买家应付邮费",
            "paid_amount": "总金额",
            "created_at": "订单创建时间",
            "paid_at": "订单付款时间",
        },
        constants={"channel": "taobao", "currency": "CNY"},
        status_column="订单状态",
        status_map=STATUS_MAP,
        customer_column="买家会员名",
        address_column="收货地址",
    )


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one Taobao export into orders / customers / order_id_map."""
    csv_path = as_utf8_csv(path, ctx.tmp_dir)
    return load_orders_file(con, csv_path, ctx, mapping(csv_headers(csv_path)))
