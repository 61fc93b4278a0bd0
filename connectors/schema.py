"""The canonical warehouse schema: every table OrderLens reads, declared once.

Why one module: connectors are the only writers of the warehouse, and every other package
(semantic layer, question engine, reconciliation, health checks, shipping windows) reads these
tables by name. Declaring the tables as data (name -> ordered columns with DuckDB types and a
one-line meaning) lets us create them idempotently, document them (``docs/warehouse.md`` is
checked against this module by the tests) and validate semantic models against them.

>>> "orders" in TABLES and TABLES["orders"].columns[0].name
'order_id'
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """One warehouse column: its DuckDB type and what it means to a user."""

    name: str
    type: str
    doc: str
    nullable: bool = True


@dataclass(frozen=True)
class Table:
    """One warehouse table with its primary key and its columns, in order."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        """The column names in declaration order."""
        return [c.name for c in self.columns]


def _t(name: str, doc: str, pk: tuple[str, ...], *cols: tuple[str, str, str]) -> Table:
    return Table(
        name=name,
        doc=doc,
        primary_key=pk,
        columns=tuple(Column(n, t, d, nullable=n not in pk) for n, t, d in cols),
    )


MONEY = "DECIMAL(14,2)"

_TABLES: list[Table] = [
    _t(
        "customers",
        "One row per customer across every channel (deduplicated by the connectors).",
        ("customer_id",),
        ("customer_id", "VARCHAR", "Global customer id, e.g. `C0000123`."),
        ("customer_name", "VARCHAR", "Display name (company or person)."),
        ("tier", "VARCHAR", "Customer tier: `VIP`, `gold`, `silver`, `regular`."),
        ("region", "VARCHAR", "Sales region, e.g. 华东, 华北, 华南, 西南, 华中, 海外."),
        ("city", "VARCHAR", "City of the main address."),
        ("country", "VARCHAR", "ISO-3166 alpha-2 country code of the main address."),
        ("is_b2b", "BOOLEAN", "True for business customers (distributors, clinics...)."),
        ("created_at", "TIMESTAMP", "When the customer first appeared."),
    ),
    _t(
        "skus",
        "Product master data: one row per stock-keeping unit.",
        ("sku",),
        ("sku", "VARCHAR", "SKU code, e.g. `SKU-0042`."),
        ("sku_name", "VARCHAR", "Product name."),
        ("category", "VARCHAR", "Product category."),
        ("brand", "VARCHAR", "Brand."),
        ("unit_cost", MONEY, "Standard unit cost (CNY)."),
        ("list_price", MONEY, "List price per unit (CNY)."),
        ("weight_kg", "DOUBLE", "Shipping weight per unit in kg."),
    ),
    _t(
        "orders",
        "One row per order under its global `order_id`, whatever channel it came from.",
        ("order_id",),
        ("order_id", "VARCHAR", "Global order id assigned by OrderLens, e.g. `OL000000123`."),
        ("channel", "VARCHAR", "Sales channel: `taobao`, `tmall`, `jd`, `miniprogram`, `pos`."),
        (
            "channel_order_no",
            "VARCHAR",
            "The channel's own order number (JD `JD20260210001`, Taobao numeric id...).",
        ),
        ("erp_order_no", "VARCHAR", "The ERP's order number, e.g. `SO2602100001`."),
        ("customer_id", "VARCHAR", "Customer (→ customers)."),
        ("created_at", "TIMESTAMP", "When the order was placed."),
        (
            "paid_at",
            "TIMESTAMP",
            "When the order was fully paid (NULL while unpaid or deposit only).",
        ),
        (
            "payment_status",
            "VARCHAR",
            "`unpaid`, `partial_paid` (deposit pre-sale), `paid`, `refunded`, `partially_refunded`.",
        ),
        (
            "order_status",
            "VARCHAR",
            "`pending_payment`, `awaiting_shipment`, `shipped`, `delivered`, `completed`, `cancelled`.",
        ),
        ("is_presale", "BOOLEAN", "Deposit pre-sale order (定金预售)."),
        ("deposit_amount", MONEY, "Deposit paid on a pre-sale order (0 otherwise)."),
        (
            "promotion",
            "VARCHAR",
            "Promotion the order was placed under (`618`, `双11`, ...) or NULL.",
        ),
        ("promised_delivery_date", "DATE", "Delivery date promised to the customer."),
        ("destination_country", "VARCHAR", "ISO-3166 alpha-2 destination country."),
        ("destination_region", "VARCHAR", "Destination region (domestic regions or 海外)."),
        ("destination_city", "VARCHAR", "Destination city."),
        ("goods_amount", MONEY, "Sum of line amounts before order discount (CNY)."),
        ("shipping_fee", MONEY, "Freight charged to the customer (CNY)."),
        ("discount_amount", MONEY, "Order-level discount (CNY)."),
        ("paid_amount", MONEY, "Amount the customer pays: goods + shipping − discount (CNY)."),
        ("currency", "VARCHAR", "Currency of the amounts (always `CNY` in the demo)."),
        ("contract_no", "VARCHAR", "Customer contract number (finance tag), NULL for retail."),
        ("invoice_type", "VARCHAR", "`专票` (special VAT invoice), `普票` (ordinary) or NULL."),
        ("tax_rate", "DECIMAL(5,4)", "VAT rate applied, e.g. 0.1300."),
        ("rebate_agreement_id", "VARCHAR", "Rebate agreement the order counts towards, or NULL."),
        (
            "shipping_mode",
            "VARCHAR",
            "Planned shipping mode: `express` (domestic), `air`, `rail`, `sea` (export); NULL for POS store sales.",
        ),
    ),
    _t(
        "order_lines",
        "One row per order line (one SKU on one order).",
        ("line_id",),
        ("line_id", "VARCHAR", "Line id: `<order_id>-<line_no>`."),
        ("order_id", "VARCHAR", "Order (→ orders)."),
        ("line_no", "INTEGER", "Position on the order, from 1."),
        ("sku", "VARCHAR", "SKU (→ skus)."),
        ("qty", "INTEGER", "Units ordered."),
        ("unit_price", MONEY, "Selling price per unit (CNY)."),
        ("line_amount", MONEY, "qty × unit_price (CNY)."),
        ("weight_kg", "DOUBLE", "Total shipping weight of the line in kg."),
        (
            "service_hours",
            "DOUBLE",
            "Service hours sold with the line (installation, customisation), 0 if none.",
        ),
        (
            "custom_packaging_fee",
            MONEY,
            "Custom packaging fee charged on the line (CNY), 0 if none.",
        ),
    ),
    _t(
        "shipments",
        "One row per parcel or consignment sent for an order.",
        ("shipment_id",),
        ("shipment_id", "VARCHAR", "Shipment id, e.g. `SH000000123`."),
        ("order_id", "VARCHAR", "Order (→ orders)."),
        (
            "carrier",
            "VARCHAR",
            "Courier or forwarder: `SF`, `ZTO`, `YTO`, `JDL`, `DHL`, `COSCO`...",
        ),
        ("tracking_no", "VARCHAR", "Carrier tracking number."),
        ("warehouse", "VARCHAR", "Shipping warehouse code."),
        ("shipping_mode", "VARCHAR", "`express`, `air`, `sea`, `rail`."),
        ("lane", "VARCHAR", "Origin-destination lane, e.g. `CN-DE` (domestic: `CN-CN`)."),
        ("destination_country", "VARCHAR", "ISO-3166 alpha-2 destination country."),
        ("ready_at", "TIMESTAMP", "When the goods were ready to ship."),
        (
            "erp_shipped_at",
            "TIMESTAMP",
            "When the ERP marked the order shipped (a person's click).",
        ),
        (
            "outbound_scan_at",
            "TIMESTAMP",
            "Physical outbound scan at the warehouse gate (NULL if never scanned).",
        ),
        ("pickup_at", "TIMESTAMP", "Courier pickup (揽收) scan, NULL if never picked up."),
        ("delivered_at", "TIMESTAMP", "Delivery (签收) scan, NULL if not delivered."),
        ("units", "INTEGER", "Units in the shipment."),
        ("weight_kg", "DOUBLE", "Shipment weight in kg."),
        ("freight_cost", MONEY, "Freight paid to the carrier (CNY)."),
        (
            "shipment_status",
            "VARCHAR",
            "`awaiting_pickup`, `in_transit`, `delivered`, `exception`, `returned`.",
        ),
    ),
    _t(
        "tracking_events",
        "Courier tracking pushes and API results, one row per event.",
        ("event_id",),
        ("event_id", "VARCHAR", "Event id."),
        (
            "shipment_id",
            "VARCHAR",
            "Shipment (→ shipments), NULL when the tracking number matches none.",
        ),
        ("carrier", "VARCHAR", "Carrier that sent the event."),
        ("tracking_no", "VARCHAR", "Tracking number the event is about."),
        ("event_time", "TIMESTAMP", "When the event happened (carrier clock)."),
        (
            "status_code",
            "VARCHAR",
            "Canonical code: `PICKED_UP`, `IN_TRANSIT`, `OUT_FOR_DELIVERY`, `DELIVERED`, `EXCEPTION`, `RETURNED`, `PICKUP_FAILED`, `API_TIMEOUT`, `INVALID_NUMBER`.",
        ),
        (
            "status_text",
            "VARCHAR",
            "Carrier text: 揽收, 运输中, 派件, 签收, 异常, 退回, 揽收失败, 接口超时, 单号无效.",
        ),
        ("location", "VARCHAR", "Where the event happened."),
        (
            "is_api_error",
            "BOOLEAN",
            "True for API failures (timeout, invalid number) rather than parcel events.",
        ),
    ),
    _t(
        "returns",
        "Return and refund requests, one row per returned order line.",
        ("return_id",),
        ("return_id", "VARCHAR", "Return id, e.g. `RT000000123`."),
        ("order_id", "VARCHAR", "Order (→ orders)."),
        ("line_id", "VARCHAR", "Order line returned (→ order_lines)."),
        ("sku", "VARCHAR", "SKU returned (→ skus)."),
        ("qty", "INTEGER", "Units returned."),
        (
            "reason",
            "VARCHAR",
            "Return reason, e.g. 质量问题, 尺码不符, 七天无理由, 发错货, 物流破损.",
        ),
        ("requested_at", "TIMESTAMP", "When the customer asked for the return."),
        (
            "received_at",
            "TIMESTAMP",
            "When the warehouse received the goods back (NULL if not received).",
        ),
        ("refund_amount", MONEY, "Amount refunded (CNY), 0 if none yet."),
        ("refunded_at", "TIMESTAMP", "When the refund was paid, NULL if not refunded."),
        ("return_status", "VARCHAR", "`requested`, `received`, `refunded`, `rejected`."),
    ),
    _t(
        "bank_transactions",
        "Bank statement lines (MT940, camt.053, bank CSV), one row per booked line.",
        ("txn_id",),
        ("txn_id", "VARCHAR", "Line id, unique per statement line."),
        ("account_no", "VARCHAR", "Our bank account."),
        ("booked_at", "TIMESTAMP", "Booking time."),
        ("value_date", "DATE", "Value date."),
        (
            "amount",
            MONEY,
            "Signed amount: positive = money in (收入), negative = money out (支出).",
        ),
        ("currency", "VARCHAR", "Currency."),
        ("counterparty_name", "VARCHAR", "Payer / payee name as the bank reports it."),
        ("counterparty_account", "VARCHAR", "Payer / payee account."),
        (
            "memo",
            "VARCHAR",
            "Memo / 附言 / remittance information, e.g. `附言:订单号JD20260210001+运费`.",
        ),
        ("bank_ref", "VARCHAR", "Bank's own reference."),
        ("source_file", "VARCHAR", "File or feed the line came from."),
    ),
    _t(
        "payment_bills",
        "Settlement bills from Alipay, WeChat Pay and platforms: one row per settled trade.",
        ("bill_id",),
        ("bill_id", "VARCHAR", "Bill line id."),
        ("platform", "VARCHAR", "`alipay`, `wechat`, `jd`, `tmall`."),
        ("channel_order_no", "VARCHAR", "The channel order number the trade belongs to."),
        ("trade_time", "TIMESTAMP", "When the customer paid."),
        ("settled_at", "TIMESTAMP", "When the platform settled to us."),
        ("gross_amount", MONEY, "Amount the customer paid (CNY)."),
        ("fee_amount", MONEY, "Platform / payment fee withheld (CNY)."),
        ("net_amount", MONEY, "gross − fee (CNY)."),
        ("bill_type", "VARCHAR", "`payment` or `refund`."),
    ),
    _t(
        "status_snapshots",
        "The status trust chain: every status each system reported for an order, with who and when.",
        ("snapshot_id",),
        ("snapshot_id", "VARCHAR", "Snapshot id."),
        ("order_id", "VARCHAR", "Order (→ orders)."),
        ("system", "VARCHAR", "`erp`, `platform`, `wms`, `courier`, `crm`."),
        (
            "status",
            "VARCHAR",
            "Canonical stage: `created`, `paid`, `picking`, `outbound`, `picked_up`, `in_transit`, `out_for_delivery`, `delivered`, `awaiting_shipment`, `cancelled`.",
        ),
        ("observed_at", "TIMESTAMP", "When the system recorded the status."),
        (
            "operator",
            "VARCHAR",
            "Person or job that caused it (`system`, `wms-scan`, user name...).",
        ),
        ("source", "VARCHAR", "How it arrived: `api`, `webhook`, `scan`, `manual`, `batch`."),
        ("external_id", "VARCHAR", "The order id as that system knows it."),
    ),
    _t(
        "order_id_map",
        "Every external order id (per system) mapped to the one global `order_id`.",
        ("system", "external_id"),
        ("system", "VARCHAR", "`platform`, `erp`, `wms`, `courier`, `crm`, `bank`."),
        ("external_id", "VARCHAR", "The id as that system writes it."),
        ("order_id", "VARCHAR", "Global order id (→ orders)."),
        ("first_seen_at", "TIMESTAMP", "When the mapping was first seen."),
    ),
    _t(
        "freight_index",
        "Daily freight price index per lane and mode (CNY per unit shipped).",
        ("index_date", "lane", "shipping_mode"),
        ("index_date", "DATE", "Day of the quote."),
        ("lane", "VARCHAR", "Lane, e.g. `CN-DE`."),
        ("shipping_mode", "VARCHAR", "`sea`, `air`, `rail`, `express`."),
        ("price_per_unit", MONEY, "Freight price per unit (CNY)."),
    ),
    _t(
        "customs_calendar",
        "Customs holidays and clearance slow-downs per destination country.",
        ("country", "start_date"),
        ("country", "VARCHAR", "ISO-3166 alpha-2 country."),
        ("start_date", "DATE", "First affected day."),
        ("end_date", "DATE", "Last affected day."),
        ("extra_delay_days", "INTEGER", "Extra clearance delay for arrivals in the window."),
        ("note", "VARCHAR", "Why (holiday name, strike...)."),
    ),
    _t(
        "warehouse_stock",
        "Daily on-hand stock per overseas warehouse and SKU.",
        ("overseas_warehouse", "sku", "stock_date"),
        ("overseas_warehouse", "VARCHAR", "Overseas warehouse code, e.g. `DE-FRA`."),
        ("country", "VARCHAR", "Country of the warehouse."),
        ("sku", "VARCHAR", "SKU (→ skus)."),
        ("stock_date", "DATE", "Day of the snapshot."),
        ("on_hand", "INTEGER", "Units on hand."),
        ("avg_daily_demand", "DOUBLE", "Average units sold per day recently (for days of cover)."),
    ),
    _t(
        "service_interactions",
        'Customer service contacts ("where is my order"...), how they were resolved.',
        ("interaction_id",),
        ("interaction_id", "VARCHAR", "Interaction id."),
        ("customer_id", "VARCHAR", "Customer (→ customers)."),
        ("order_id", "VARCHAR", "Order asked about (→ orders), NULL if none."),
        ("created_at", "TIMESTAMP", "When the customer asked."),
        ("contact_channel", "VARCHAR", "`wechat`, `phone`, `app`, `web`."),
        (
            "intent",
            "VARCHAR",
            "`where_is_my_order`, `change_address`, `invoice`, `return`, `complaint`.",
        ),
        ("resolved_by", "VARCHAR", "`self_service` or `agent`."),
        ("handling_minutes", "DOUBLE", "Agent minutes spent (0 for self-service)."),
    ),
    _t(
        "anomaly_labels",
        "Ground truth of the demo generator: every injected anomaly (used by evals and tests).",
        ("entity", "entity_id", "anomaly_type"),
        (
            "entity",
            "VARCHAR",
            "What the id names: `order`, `shipment`, `bank_transaction`, `return`.",
        ),
        ("entity_id", "VARCHAR", "The id."),
        ("anomaly_type", "VARCHAR", "See docs/warehouse.md for the list of types."),
        ("detail", "VARCHAR", "Human-readable explanation of what was injected."),
    ),
    _t(
        "bank_truth",
        "Ground truth of the demo generator: how each generated bank line really splits over orders.",
        ("txn_id", "order_id", "component"),
        ("txn_id", "VARCHAR", "Bank line (→ bank_transactions)."),
        ("order_id", "VARCHAR", "Order the money was for (→ orders)."),
        ("component", "VARCHAR", "`goods`, `freight`, `service`, `full` (whole order)."),
        ("amount", MONEY, "Part of the bank line that pays this order component (CNY)."),
    ),
    # ---- tables written by OrderLens features (still created here, in one place) ----
    _t(
        "bank_accounts",
        "Settings per bank account (`orderlens accounts set`): the currency its statements are "
        "read in when a file states none.",
        ("account_no",),
        ("account_no", "VARCHAR", "Account number, spaces and dashes dropped, upper case."),
        ("currency", "VARCHAR", "ISO 4217 code of the account's money."),
        ("set_at", "TIMESTAMP", "When the setting was last changed."),
    ),
    _t(
        "ingest_log",
        "Every file or source ingested: fingerprint, format, row counts (makes ingest idempotent).",
        ("fingerprint",),
        ("fingerprint", "VARCHAR", "SHA-256 of the file content (or of the source query)."),
        ("format", "VARCHAR", "Reader used (`taobao`, `mt940`, ...)."),
        ("path", "VARCHAR", "Path or connection it came from."),
        ("ingested_at", "TIMESTAMP", "When."),
        ("rows_loaded", "BIGINT", "Rows written."),
        ("rows_rejected", "BIGINT", "Rows rejected (see the rejects file)."),
        ("target_table", "VARCHAR", "Canonical table written."),
    ),
    _t(
        "bank_statements",
        "Opening and closing balance of every balanced statement ingested (MT940, camt.053), so "
        "a statement of a later file can be checked against the one before it (a gap = a missing "
        "statement).",
        ("statement_id",),
        ("statement_id", "VARCHAR", "Hash of account, currency, dates and both balances."),
        ("account_no", "VARCHAR", "Our bank account."),
        ("currency", "VARCHAR", "Currency of the balances."),
        ("opening_date", "DATE", "Date of the opening balance (:60F:, Bal OPBD)."),
        ("opening_balance", MONEY, "Opening balance (signed)."),
        ("closing_date", "DATE", "Date of the closing balance (:62F:, Bal CLBD)."),
        ("closing_balance", MONEY, "Closing balance (signed)."),
        ("source_file", "VARCHAR", "File the statement came from."),
    ),
    _t(
        "recon_matches",
        "Reconciliation: which bank line / bill was matched to which order, by which rule.",
        ("match_id",),
        ("match_id", "VARCHAR", "Match id."),
        ("flow_id", "VARCHAR", "Bank `txn_id` or settlement `bill_id`."),
        ("flow_source", "VARCHAR", "`bank` or `bill`."),
        ("order_id", "VARCHAR", "Matched order (→ orders)."),
        (
            "component",
            "VARCHAR",
            "`goods`, `freight`, `service`, `commission`, `rebate`, `tax`, `full`.",
        ),
        ("matched_amount", MONEY, "Part of the flow assigned to this order (CNY)."),
        (
            "rule",
            "VARCHAR",
            "Rule that made the match (`memo_reference`, `amount_counterparty_date`, ...).",
        ),
        ("confidence", "DOUBLE", "0..1."),
        (
            "decided_by",
            "VARCHAR",
            "`auto` or the reviewer's name (manual decisions survive re-runs).",
        ),
        ("period", "VARCHAR", "Reconciliation period, `YYYY-MM`."),
        ("evidence", "VARCHAR", "The memo span or fields that justify the match."),
        (
            "match_state",
            "VARCHAR",
            "`final` (green flow), `provisional` (yellow flow, until reviewed) or "
            "`unallocated` (an overpayment's excess, no order).",
        ),
    ),
    _t(
        "recon_flow_status",
        "Reconciliation status per flow: red / yellow / green with the reason.",
        ("flow_id", "period"),
        ("flow_id", "VARCHAR", "Bank `txn_id` or settlement `bill_id`."),
        ("flow_source", "VARCHAR", "`bank` or `bill`."),
        ("period", "VARCHAR", "`YYYY-MM`."),
        ("amount", MONEY, "Flow amount (CNY)."),
        ("expected_amount", MONEY, "What the matched orders say should have arrived (CNY)."),
        ("difference", MONEY, "amount − expected_amount."),
        (
            "status",
            "VARCHAR",
            "`red` (unmatched), `yellow` (difference over tolerance), `green` (closed).",
        ),
        ("reason", "VARCHAR", "Why, in words (e.g. `no order reference in memo; 2 candidates`)."),
        ("closed_by", "VARCHAR", "`auto`, a reviewer, or NULL while open."),
        (
            "match_status",
            "VARCHAR",
            "Machine cause: `matched`, `instalment`, `settlement`, `partial_payment`, `overpayment`, `freight_difference`, `ambiguous`, `no_reference`, `unknown_reference`, `counterparty_mismatch`, `duplicate`, `manual`...",
        ),
    ),
    _t(
        "allocations",
        "Every flow split down to order lines and components by the allocation rules.",
        ("allocation_id",),
        ("allocation_id", "VARCHAR", "Allocation id."),
        ("flow_id", "VARCHAR", "Bank `txn_id` or settlement `bill_id`."),
        ("order_id", "VARCHAR", "Order (→ orders)."),
        ("line_id", "VARCHAR", "Order line (→ order_lines)."),
        ("component", "VARCHAR", "`goods`, `freight`, `service`, `commission`, `rebate`, `tax`."),
        ("amount", MONEY, "Amount allocated to the line (CNY); sums exactly to the flow."),
        ("rule", "VARCHAR", "Allocation rule name from the rules file."),
        ("period", "VARCHAR", "`YYYY-MM`."),
        (
            "allocation_state",
            "VARCHAR",
            "`final` (green flow), `provisional` (yellow flow) or `unallocated` (excess).",
        ),
    ),
    _t(
        "shipping_recommendations",
        "Shipping-window suggestions and the planners' decisions on them.",
        ("recommendation_id",),
        ("recommendation_id", "VARCHAR", "Recommendation id."),
        ("created_at", "TIMESTAMP", "When it was computed."),
        ("as_of_date", "DATE", "Planning date."),
        ("order_id", "VARCHAR", "Order or batch lead order (→ orders)."),
        ("lane", "VARCHAR", "Lane."),
        ("shipping_mode", "VARCHAR", "Mode."),
        ("units", "INTEGER", "Units concerned."),
        ("ready_date", "DATE", "Earliest ship date."),
        ("recommended_ship_date", "DATE", "Suggested ship date."),
        ("delay_days", "INTEGER", "recommended − ready, in days."),
        ("expected_saving", MONEY, "Expected freight saving vs shipping when ready (CNY)."),
        ("p_late", "DOUBLE", "Probability of missing the promised date if shipped as suggested."),
        ("evidence", "VARCHAR", "Index trend, holidays, stock days of cover, as JSON text."),
        ("status", "VARCHAR", "`proposed`, `accepted`, `rejected`, `expired`."),
        ("reviewer", "VARCHAR", "Who decided."),
        ("decided_at", "TIMESTAMP", "When."),
        ("comment", "VARCHAR", "Reviewer's comment."),
        ("destination_country", "VARCHAR", "ISO-3166 alpha-2 destination country of the order."),
        ("promised_delivery_date", "DATE", "Delivery date promised to the customer."),
        ("baseline_cost", MONEY, "Expected freight if shipped when ready (CNY)."),
        ("expected_cost", MONEY, "Expected freight if shipped on the recommended date (CNY)."),
    ),
    _t(
        "shipping_recommendation_events",
        "Audit trail of every decision on a recommendation (never updated, only appended).",
        ("event_id",),
        ("event_id", "VARCHAR", "Event id."),
        ("recommendation_id", "VARCHAR", "Recommendation (→ shipping_recommendations)."),
        ("status", "VARCHAR", "Status set by this event."),
        ("reviewer", "VARCHAR", "Who."),
        ("decided_at", "TIMESTAMP", "When."),
        ("comment", "VARCHAR", "Comment."),
        (
            "previous_status",
            "VARCHAR",
            "Status before this event (NULL when the recommendation was created).",
        ),
        ("forced", "BOOLEAN", "True when an accepted/rejected decision was changed with --force."),
    ),
]

TABLES: dict[str, Table] = {t.name: t for t in _TABLES}

# Tables whose rows come from sources / the demo generator (what users ask questions about).
SOURCE_TABLES: tuple[str, ...] = (
    "customers", "skus", "orders", "order_lines", "shipments", "tracking_events", "returns",
    "bank_transactions", "payment_bills", "status_snapshots", "order_id_map", "freight_index",
    "customs_calendar", "warehouse_stock", "service_interactions", "anomaly_labels", "bank_truth",
)  # fmt: skip


def create_table_sql(table: Table) -> str:
    """DuckDB DDL for one table (static text from this module, never from user input).

    >>> create_table_sql(TABLES["order_id_map"]).splitlines()[0]
    'CREATE TABLE IF NOT EXISTS order_id_map ('
    """
    cols = [f"    {c.name} {c.type}{'' if c.nullable else ' NOT NULL'}" for c in table.columns]
    if table.primary_key:
        cols.append(f"    PRIMARY KEY ({', '.join(table.primary_key)})")
    return f"CREATE TABLE IF NOT EXISTS {table.name} (\n" + ",\n".join(cols) + "\n)"
