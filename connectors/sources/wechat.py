"""WeChat Pay (微信支付) merchant trade bill (交易账单), UTF-8 CSV with backtick-prefixed values.

Every value starts with a backtick (`` `2026-02-10 08:00:00``) so Excel keeps it as text; the
rows end at a totals block (``总交易单数,应结订单总金额,…`` and one backticked line).
Column mapping (→ ``payment_bills``):

===============  ===================================================================
微信订单号       ``bill_id`` = ``wechat:<微信订单号>`` (``:refund:<微信退款单号>`` for refunds)
商户订单号       ``channel_order_no``
交易时间         ``trade_time`` (the bill has no settlement time: ``settled_at`` NULL)
交易状态         ``bill_type``: SUCCESS → ``payment``, REFUND → ``refund`` (others rejected)
应结订单金额     ``gross_amount`` for payments; refunds: − 退款金额
手续费           ``fee_amount`` (negative on refunds: the fee is returned); net = gross − fee
===============  ===================================================================
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

FIELDS = [
    Field("trade_time", "交易时间", "timestamp", required=True),
    Field("wx_no", "微信订单号", required=True),
    Field("channel_order_no", "商户订单号"),
    Field("_state", "交易状态", required=True),
    Field("_gross", "应结订单金额", "money"),
    Field("_refund_no", "微信退款单号"),
    Field("_refund", "退款金额", "money"),
    Field("fee_amount", "手续费", "money"),
]


def load(con: duckdb.DuckDBPyConnection, path: Path, ctx: LoadContext) -> LoadResult:
    """Load one WeChat Pay bill into ``payment_bills``."""
    install_macros(con)
    enc = detect_encoding(path)

    def keep(n: int, line: str) -> bool | None:
        if line.lstrip("\ufeff").startswith("总交易单数"):
            return None  # totals footer: stop
        return bool(line.strip())

    out = ctx.tmp_dir / (path.stem + ".wechat.csv")
    to_utf8(path, out, enc, keep=keep)
    raw = read_csv_raw(con, out, f"{ctx.prefix}_raw", shown=path)
    require_columns(raw, [f.source for f in FIELDS], path, "a WeChat Pay 交易账单")
    typed_rows(
        con,
        raw,
        FIELDS,
        f"{ctx.prefix}_good",
        checks=[
            ("_state NOT IN ('SUCCESS', 'REFUND')", "unknown 交易状态 (known: SUCCESS, REFUND)"),
            ("_state = 'REFUND' AND _refund IS NULL", "refund row without 退款金额"),
        ],
    )
    res = LoadResult("payment_bills", rows_read=raw.rows, rejects=raw.rejects)
    n = one_row(con.execute(f"SELECT count(*) FROM {ctx.prefix}_good"))[0]
    gross = "CASE WHEN _state = 'REFUND' THEN -abs(_refund) ELSE _gross END"
    res.rows_loaded = insert_new(
        con,
        "payment_bills",
        f"""SELECT 'wechat:' || wx_no || CASE WHEN _state = 'REFUND'
                       THEN ':refund:' || coalesce(_refund_no, CAST(_line AS VARCHAR)) ELSE '' END
                       AS bill_id,
                   'wechat' AS platform, channel_order_no, trade_time, NULL AS settled_at,
                   {gross} AS gross_amount, coalesce(fee_amount, 0) AS fee_amount,
                   {gross} - coalesce(fee_amount, 0) AS net_amount,
                   CASE _state WHEN 'REFUND' THEN 'refund' ELSE 'payment' END AS bill_type
            FROM {ctx.prefix}_good""",
        ("bill_id",),
    )
    res.rows_duplicate = n - res.rows_loaded
    return res
