"""Render ``docs/warehouse.md`` from the schema and the anomaly definitions.

Why generated: the column reference must never drift from :mod:`connectors.schema`, and the
anomaly definitions in the doc must be the SQL the tests run. Regenerate with
``.venv/bin/python -m connectors.demo.doc > docs/warehouse.md`` after a schema change.

>>> "| `order_id` |" in render_warehouse_doc()
True
"""

from __future__ import annotations

import textwrap

from connectors.demo.anomalies import DEFINITIONS
from connectors.schema import SOURCE_TABLES, TABLES

INTRO = """\
# The OrderLens warehouse

One DuckDB file (default `.orderlens/demo.duckdb`, `ORDERLENS_DB` or `--db` override) holding
the canonical tables below. Only `connectors` creates tables (`connectors/schema.py` declares
them once; `connectors.warehouse.ensure_schema` creates them idempotently); everything else
reads. Money columns are `DECIMAL(14,2)` in CNY; times are naive `TIMESTAMP`s in warehouse
local time (China Standard Time).

This file is generated from `connectors/schema.py` and `connectors/demo/anomalies.py`:
`.venv/bin/python -m connectors.demo.doc > docs/warehouse.md` (a test checks every column is
documented here).
"""

DEMO = """\
## The demo data

`orderlens demo [--orders N] [--seed S] [--end-date D] [--db PATH]` (or
`connectors.demo.generate.build_demo_warehouse(db_path, orders=20_000, seed=7,
end_date=None, progress=True)`) builds a seeded warehouse. Same (orders, seed, end_date) →
identical tables. The build writes `<db>.building` and atomically renames it over `<db>`, so
a failed build leaves the previous warehouse untouched. The source tables are filled without
their primary keys; `connectors.warehouse.add_primary_keys` then adds the keys declared in
`schema.py` (one index build per table instead of a check per inserted row; a duplicate or NULL
key still fails the build). 1,000,000 orders (34M rows) build in 49–55 s on 2 cores with a peak
RSS of about 3.1 GB (`bench/bench_generate.py`, load average 1–2).

**Time frame.** Orders are created over the 730 days ending at `end_date` (default today).
The *as-of instant* is `end_date + 1 day, 00:00`; nothing happens at or after it. Checks
that need it derive it from the data: `(SELECT max(index_date) + INTERVAL 1 DAY FROM
freight_index)`.

**Volume shape.** Growth over the two years (+60%), weekday pattern (weekends busier),
winter season, promotions `618` (June 1–18, peak on the 18th), `双11` (Nov 1–11, peak on
the 11th) and `年货节` (Jan 5–20) — 85% of orders in those windows carry the promotion name and
a discount. Customers: about orders/4 (min 200), tiers VIP/gold/silver/regular
(5/15/30/50%), 8% B2B (distributors, clinics: bank transfer, contract number, 专票, rebate
agreements for 40% of them), 15% overseas (海外: DE, US, JP, GB, FR, AU). Order counts
per customer are lognormally skewed: many one-off buyers, some
heavy repeaters.

**SKUs.** `orders/100` SKUs clamped to 50–200, seven categories. About one SKU in sixteen
is a *bad* SKU: return rate 28–38%, bought mostly by one-off customers (repeat customers
avoid it), and its buyers churn: no order containing a bad SKU is followed by the same
customer's next order within 30 days, so "return rate > 15% and repurchase rate < 5%" has
answers. Other SKUs return 0.5–14% of lines depending on the category (服装 highest).

**Channels and numbers.** `taobao` (18 digits), `tmall` (19 digits), `jd`
(`JD` + yyyymmdd + 3–5 digits), `miniprogram` (`WX` + yyyymmdd + 6 digits), `pos`
(`POS-<store>-<yymmdd>-<4 digits>`, store sales: no shipment, no bill, completed at once).
ERP numbers `SO` + yymmdd + 5 digits; global ids `OL` + 9 digits.

**Amounts.** Integer-cent arithmetic, so exactly: `goods_amount = Σ line_amount`,
`line_amount = qty × unit_price`, `paid_amount = goods_amount + shipping_fee −
discount_amount`. `custom_packaging_fee` and service hours are *not* part of
`paid_amount`: B2B installation is billed separately as a *service fee* = service_hours ×
80 CNY (paid by bank transfer, component `service` in `bank_truth`). Freight templates:
domestic retail 8 CNY + 2/kg after the first (free from 99 CNY, for VIPs and in promotions);
domestic B2B 10 CNY + 1.5/kg; export first kg + each further kg per country (DE 45+18, US
50+20, JP 30+12, GB 48+18, FR 45+18, AU 55+22).

**Payments.** Retail pays within 20 minutes of ordering (2.5% never pay and are cancelled).
Deposit pre-sales (`is_presale`, ~3%, mostly created in the 10 days before 618 / 双11, plus a
running campaign in the last 14 days): deposit = 20% of `paid_amount` at once; *rule: the
balance is due within 7 days of `created_at`*. 88% pay the balance in time (`paid`); the rest
are auto-cancelled at the deadline (`cancelled` + `partial_paid`, deposit kept) or, if the
deadline has not passed, stay `pending_payment` + `partial_paid`. No pre-sale created 7–9
days before the as-of instant is left unpaid, so "deadline passed" does not depend on whether
a check counts from `end_date` or from the as-of instant. B2B orders are paid by bank
transfer 0.5–5 days after the last order a transfer covers; a transfer covers orders of one
customer from one calendar week, so no order waits months for a later order's transfer;
`paid_at` = booking time of the last transfer paying it.

**Fulfilment.** Ready 2–30 h after payment (export 1–4 days); ERP "shipped" click and the
WMS outbound scan a sync delay apart (see the trust chain); courier pickup 1–12 h later; transit
express 1–4 days, air 4–8, rail 14–22, sea 20–40, plus the destination's customs delay when
arriving in a `customs_calendar` window. Freight cost = index price of the ship day × units ×
(0.9–1.1). About 0.8% of shipments fail at pickup (PICKUP_FAILED / API_TIMEOUT /
INVALID_NUMBER): the ERP rolls the order back (`awaiting_shipment` snapshot, operator
`rollback-job`) and ships it again under a new shipment and tracking number. 0.5% of good
shipments see a transient API_TIMEOUT before their PICKED_UP event, 1% an EXCEPTION in
transit. Export orders created in the last 42 days are mostly still `awaiting_shipment`
(consolidation): the shipping-window planner's input, promised 1–8 weeks after `end_date`,
with a `shipping_mode` that can make it (air if < 24 days, rail/air if < 45, else mostly sea).

**Trust chain.** Each stage an order reached is recorded by the systems that see it
(`created`: platform, erp, crm; `paid`: platform, erp; `cancelled`: erp, platform;
`picking`: wms, erp; `outbound`: erp (a clerk, `manual`), wms (`wms-scan`, `scan`), platform;
`picked_up`: courier (`webhook`), erp, platform; `in_transit`, `out_for_delivery`: courier,
erp; `delivered`: courier, erp, platform, crm; `awaiting_shipment`: erp). The first system
records the stage at its time, the others after a continuous sync delay: a Weibull body
(mean ≈ 2.9 min, 99.9% under 11 min) plus 0.06% slow syncs spread evenly over 6–24 min, so
lags fall on both sides of the 15-minute threshold (there are 14:59 and 15:01 lags); 0.3% of
the copies (a second system's record) never arrive. POS orders are
recorded by the till (platform = erp = crm time). `external_id` is the platform/crm channel
order number, the erp/wms ERP number, the courier tracking number. `order_id_map` holds the
correct id of every (system, order) the systems saw (courier: every tracking number).

**Returns.** At most one returned line per delivered order, drawn with the SKU's return rate;
reasons by category; requested 8 h–10 days after delivery, received 2–7 days later, refunded
2 h–3 days after receipt (5% rejected); refunds set `payment_status` to `partially_refunded`
or `refunded`.

**Bills and bank.** Retail platform orders settle one bill per payment (pre-sales: deposit
bill + balance bill; Σ gross of an order's payment bills = what the customer paid) and a
refund bill (negative gross, zero fee) per refund: `alipay` (taobao, 0.6%), `tmall` (2.5%),
`jd` (5%, T+3), `wechat` (miniprogram, 0.6%). Bank account `6217 0000 1000 5678` receives
one settlement lump per (platform, trade day) equal to Σ net of that day's settled bills,
memo `支付宝结算 2026-02-10`, `财付通 结算 …`, `京东结算 …`, `天猫结算 …` — these reconcile to
`payment_bills`, not to orders, and have no `bank_truth`. Account `6222 0210 0000 1234`
receives B2B transfers: one transfer covers items of several orders of one customer —
`full` (the whole `paid_amount`), or `goods` (`paid_amount − shipping_fee`) and `freight`
(`shipping_fee`), possibly in different transfers, and `service` fees; 8% of large `full`
orders are paid in two instalments (30% + 70%, both component `full`). Memos reference the
channel or ERP number: `附言:订单号JD20260210001运费+SO26021000007货款`,
`JD20260210001货款, JD20260210002运费`, `货款 SO2602100001 SO2602100007`; 4% of references are
full-width (ＪＤ２０２６…), 4% have a space inside, 4% are lower case, 3% have a one-digit typo.
6% of single-order `full` transfers (never an instalment) carry no or a meaningless memo
(`转账`, `货款`): matchable by amount + counterparty + date, and recorded in `bank_truth`.
The same account pays carriers monthly (negative, memo `运费 SF 2026-02`). `bank_truth`
holds, for every B2B transfer, its exact split: Σ amount per `txn_id` = the line's amount.

**Overseas stock and calendars.** `freight_index`: 16 lane × mode series over the 730
days (trend, cheaper Tue–Thu, peaks before 双11/Christmas, Chinese New Year and 618, AR(1)
noise). `customs_calendar`: DE/US/JP/GB/FR/AU holidays and CN Spring Festival / National Day
(origin) over the history and 90 days after `end_date`. `warehouse_stock`: the 10 SKUs most
exported to each country in the last 90 days, daily for the last 180 days, replenished in a
saw-tooth with occasional stock-outs around a daily demand drawn at the level of those 90
days' units / 90; `avg_daily_demand` of a snapshot = the mean daily demand of the 28 days up to
its `stock_date` (what was known that day: a replay of a past day never sees later demand).

**Service.** ~0.3 contacts per order (0.8 for parcels past their promised date and still not
delivered — all `where_is_my_order`); other contacts are where_is_my_order 58%, change_address
10%, invoice 12%, return 15%, complaint 5%; self-service ≈ 40%.
"""

ANOMALY_INTRO = """\
## Injected anomalies (`anomaly_labels`)

Rates are about 0.5–1.5% of the eligible rows, at least 3 per type. Each type below is
defined by one SQL query over the warehouse (`connectors/demo/anomalies.py`, run by the tests
and `make eval`): the labelled ids are exactly the ids the query returns — every label is true
of the data and no unlabelled row satisfies the definition.
"""

EXPLAIN = {
    "shipped_not_picked_up": "ERP says shipped but the parcel never left: no outbound scan, no pickup, no PICKED_UP event, more than 24 h old (injected 2–45 days before `end_date`). Normal shipments always have an outbound scan.",
    "courier_failure_not_rolled_back": "The order's latest shipment (by `erp_shipped_at`) had a PICKUP_FAILED / API_TIMEOUT / INVALID_NUMBER event, nothing was picked up after it, and the ERP never rolled the order back: it is still `shipped`. Normal failures have an erp `awaiting_shipment` snapshot and a second shipment; transient timeouts are followed by PICKED_UP.",
    "status_disagreement": "Per order and stage, take each system's *first* observation; the stage is in disagreement when ≥ 2 systems recorded it and their first observations are more than 15 minutes apart (injected: one system 28–240 minutes late; plus every slow sync that crossed 15 minutes). First observations matter because a rolled-back order legitimately reaches `outbound` twice.",
    "inconsistent_ids": "A system's snapshot carries an external id that `order_id_map` does not hold for that (system, order): erp uses a second ERP number (`SO…-1`), wms the ERP number typed with `0` for `O`, platform/crm a one-digit typo of the channel order number.",
    "unmatched_bank_flow": "An inflow with no `bank_truth` split, whose memo holds no order reference (no run of 6 digits) and is not a settlement, and whose amount equals no paid order of a customer with the counterparty's name. Includes third-party payers whose amount equals orders of two different customers (must not be auto-matched).",
    "duplicate_bank_line": "The later of two lines with the same account, amount, counterparty and memo booked within 10 minutes (the label is on the later `txn_id`; the first one is the real payment and has `bank_truth`).",
    "allocation_mismatch": "A B2B order whose freight, received as component `freight` in `bank_truth`, differs from `orders.shipping_fee` by more than 0.5% (the customer used an outdated freight template: 6–30% more or 6–25% less).",
    "autocancel_missed_partial_paid": "A pre-sale still `partial_paid` and not cancelled although its balance deadline (`created_at + 7 days`) has passed: an auto-cancel rule testing `payment_status = 'unpaid'` misses it.",
    "refund_without_return": "A return with `refund_amount > 0` and `refunded_at` set but `received_at` NULL (normal refunds always follow `received_at`).",
}

OVERDUE = """\
Not labelled but present for checks: late deliveries (`delivered_at::DATE >
promised_delivery_date`, or not delivered and past it) follow from transit times, customs
delays and the stuck orders above.
"""


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def render_tables() -> str:
    """One section per table: its meaning, primary key and a column table."""
    out = ["## Tables", ""]
    source = [t for t in TABLES.values() if t.name in SOURCE_TABLES]
    feature = [t for t in TABLES.values() if t.name not in SOURCE_TABLES]
    for title, tables in (
        ("Source tables", source),
        ("Tables written by OrderLens features", feature),
    ):
        out += [f"### {title}", ""]
        for table in tables:
            pk = ", ".join(f"`{c}`" for c in table.primary_key) or "—"
            out += [f"#### `{table.name}`", "", table.doc, "", f"Primary key: {pk}", ""]
            out += ["| column | type | meaning |", "|---|---|---|"]
            out += [f"| `{c.name}` | `{c.type}` | {_escape(c.doc)} |" for c in table.columns]
            out.append("")
    return "\n".join(out)


def render_anomalies() -> str:
    """The anomaly section: explanation and the exact SQL of every type."""
    out = [ANOMALY_INTRO]
    for kind, (entity, sql) in DEFINITIONS.items():
        out += [f"### `{kind}` (entity `{entity}`)", "", EXPLAIN[kind], "", "```sql"]
        out += [textwrap.dedent(sql).strip(), "```", ""]
    out.append(OVERDUE)
    return "\n".join(out)


def render_warehouse_doc() -> str:
    """The whole ``docs/warehouse.md``."""
    return "\n".join([INTRO, render_tables(), DEMO, render_anomalies()])


if __name__ == "__main__":
    print(render_warehouse_doc(), end="")
