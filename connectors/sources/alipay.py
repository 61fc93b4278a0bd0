"""Alipay (支付宝) merchant settlement bill — 业务明细 CSV from the merchant portal, usually GBK.

The CSV sits between ``#`` comment lines (``#支付宝业务明细查询``, ``#账号：[…]``, ``#起始日期…``,
``#-----业务明细列表-----`` above; ``#-----业务明细列表结束-----``, ``#交易合计…``,
``#导出时间…`` below); values are often padded with tabs. Column mapping (→ ``payment_bills``):

=======================  ==============================================
支付宝交易号             ``bill_id`` = ``alipay:<交易号>`` (``:<退款批次号>`` for refunds)
商户订单号               ``channel_order_no``
业务类型                 ``bill_type``: 交易 → ``payment``, 退款 → ``refund`` (others rejected)
创建时间                 ``trade_time``
完成时间                 ``settled_at``
订单金额（元）           ``gross_amount`` (refunds negative, as the bill writes them)
服务费（元）             ``fee_amount`` = −服务费 (the bill writes a withheld fee as
                         negative; a refund gives the fee back, so its fee is negative)
—                        ``net_amount`` = gross − fee; ``platform`` = ``alipay``
=======================  ==============================================
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from connectors.rows import one_row
from connectors.sources._tabular import (
    Field,
    install_macros,
    read_csv_raw,
    require_columns,
    typed_rows,
)
from connectors.sources._text import detect_encoding, to_utf8
from connectors.sources.base import LoadContext, LoadResult, insert_new

TYPES = {"交易": "payment", "在线支付": "payment", "退款": "refund"}
FIELDS = [
    Field("trade_no", "支付宝交易号", required=True),
    Field("channel_order_no", "商户订单号"),
    Field("_type", "业务类型", required=True),
    Field("trade_time", "创建时间", "timestamp", required=True),
    Field("settled_at", "完成时间", "timestamp"),
    Field("gross_amount", "订单金额（元）", "money", required=True),
    Field("fee_amount", "服务费（元）", "money"),
]


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one Alipay bill into ``payment_bills``."""
    install_macros(con)
    enc = detect_encoding(path)
    skipped = [0]

    def keep(n: int, line: str) -> bool:
        if line.lstrip("\ufeff").startswith("#") or not line.strip():
            if skipped[0] == n - 1:
                skipped[0] = n  # leading comment lines: offset for line numbers
            return False
        return True

    out = ctx.tmp_dir / (path.stem + ".alipay.csv")
    to_utf8(path, out, enc, keep=keep)
    raw = read_csv_raw(con, out, f"{ctx.prefix}_raw", line_offset=skipped[0], shown=path)
    heads = [f.source for f in FIELDS]
    if "退款批次号/请求号" in raw.columns:
        fields = [*FIELDS, Field("_refund_no", "退款批次号/请求号")]
    else:
        fields = FIELDS
    require_columns(raw, heads, path, "an Alipay 业务明细 bill")
    known = ", ".join(f"'{k}'" for k in TYPES)
    typed_rows(
        con,
        raw,
        fields,
        f"{ctx.prefix}_good",
        checks=[(f"_type NOT IN ({known})", "unknown 业务类型 (known: 交易, 在线支付, 退款)")],
    )
    cases = " ".join(f"WHEN '{k}' THEN '{v}'" for k, v in TYPES.items())
    refund = "_refund_no" if len(fields) > len(FIELDS) else "NULL"
    res = LoadResult("payment_bills", rows_read=raw.rows, rejects=raw.rejects)
    n = one_row(con.execute(f"SELECT count(*) FROM {ctx.prefix}_good"))[0]
    res.rows_loaded = insert_new(
        con,
        "payment_bills",
        f"""SELECT 'alipay:' || trade_no || CASE WHEN _type = '退款'
                       THEN ':' || coalesce({refund}, CAST(_line AS VARCHAR)) ELSE '' END AS bill_id,
                   'alipay' AS platform, channel_order_no, trade_time, settled_at, gross_amount,
                   -coalesce(fee_amount, 0) AS fee_amount,
                   gross_amount + coalesce(fee_amount, 0) AS net_amount,
                   CASE _type {cases} END AS bill_type
            FROM {ctx.prefix}_good""",
        ("bill_id",),
    )
    res.rows_duplicate = n - res.rows_loaded
    return res
