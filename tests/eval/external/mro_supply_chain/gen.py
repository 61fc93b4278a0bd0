"""Seeded data for the `mro_supply_chain` external set: the marts Meridian's semantic models read.

Why generated: the project's seeds are five to ten sample rows each, too few for questions with
both sides of every filter. The rows follow the marts' SQL (fct_sales_order_lines,
fct_purchase_order_lines, fct_inventory_snapshots, fct_stockout_events, the weekly demand and
SKU-location service aggregates, the four dimensions and the dim_date spine) and the seeds'
value sets (location types national_dc / regional_dc / branch / onsite; line statuses shipped,
shipped_partial, backordered, substituted, cancelled; order channels; A/B/C and X/Y/Z classes),
so every measure expression has rows on both sides: cancelled lines (gross demand 0),
partially shipped and backordered lines, filled and unfilled lines, received and open purchase
lines, on-time and late receipts, stock with and without trailing demand (excess/obsolete).
Inventory snapshots are weekly (Mondays), so "latest snapshot in the period" differs from a sum
over the period. Seed 27; sales 2024-07-01 .. 2026-12-05 (today 2026-12-07).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb
import pandas as pd

SEED = 27
START = dt.date(2024, 7, 1)
END = dt.date(2026, 12, 5)

PRODUCTS = [
    # sku, name, category, brand, private label, abc, xyz, lifecycle, unit cost, list price
    (
        "SKU000001",
        "Cut Resistant Gloves",
        "safety_ppe",
        "Meridian Select",
        True,
        "A",
        "X",
        "active",
        8.5,
        14.99,
    ),
    (
        "SKU000002",
        "Protective Safety Glasses",
        "safety_ppe",
        "Northforge",
        False,
        "A",
        "Y",
        "active",
        5.25,
        10.49,
    ),
    (
        "SKU000003",
        "Ice Control Pellets",
        "winter",
        "Blue Anvil",
        False,
        "B",
        "Z",
        "active",
        18.75,
        29.99,
    ),
    (
        "SKU000004",
        "Pleated Air Filter",
        "hvac_filters",
        "Summit Arc",
        False,
        "A",
        "X",
        "active",
        32.0,
        54.99,
    ),
    (
        "SKU000005",
        "Portable Cooling Fan",
        "cooling",
        "Ironleaf",
        False,
        "B",
        "Y",
        "active",
        74.5,
        119.99,
    ),
    (
        "SKU000006",
        "Hex Bolt Assortment",
        "fasteners",
        "Meridian Select",
        True,
        "A",
        "X",
        "active",
        11.25,
        19.99,
    ),
    (
        "SKU000007",
        "Industrial Bearing",
        "power_transmission",
        "Cobalt Ridge",
        False,
        "C",
        "Z",
        "phase_out",
        42.75,
        69.99,
    ),
    (
        "SKU000008",
        "Hydraulic Hose",
        "fluid_handling",
        "Northforge",
        False,
        "C",
        "Z",
        "new",
        58.0,
        94.99,
    ),
    (
        "SKU000009",
        "Precision Caliper",
        "tools",
        "Summit Arc",
        False,
        "B",
        "Y",
        "active",
        36.5,
        64.99,
    ),
    (
        "SKU000010",
        "Legacy Drive Belt",
        "power_transmission",
        "Cobalt Ridge",
        False,
        "C",
        "Z",
        "discontinued",
        21.0,
        35.99,
    ),
    (
        "SKU000011",
        "Nitrile Exam Gloves",
        "safety_ppe",
        "Meridian Select",
        True,
        "A",
        "X",
        "active",
        6.75,
        12.49,
    ),
    ("SKU000012", "Socket Wrench Set", "tools", "Ironleaf", False, "B", "X", "active", 48.0, 84.99),
    ("SKU000013", "Snow Shovel", "winter", "Blue Anvil", False, "C", "Z", "phase_out", 14.5, 24.99),
    (
        "SKU000014",
        "Ball Valve",
        "fluid_handling",
        "Summit Arc",
        False,
        "B",
        "Y",
        "active",
        27.25,
        45.99,
    ),
    ("SKU000015", "Anchor Bolt Kit", "fasteners", "Northforge", False, "C", "Y", "new", 9.8, 17.49),
    (
        "SKU000016",
        "Obsolete Fuse Panel",
        "power_transmission",
        "Cobalt Ridge",
        False,
        "C",
        "Z",
        "discontinued",
        65.0,
        99.99,
    ),
]
#: SKUs that stop selling (no demand after this date): their later stock is excess/obsolete
DEMAND_ENDS = {"SKU000010": dt.date(2025, 3, 1), "SKU000016": dt.date(2024, 12, 1)}

LOCATIONS = [
    # id, name, type, parent, state, region
    ("LOC001", "Meridian National DC 01", "national_dc", None, "IL", "central"),
    ("LOC002", "Meridian Regional DC 02", "regional_dc", "LOC001", "OH", "central"),
    ("LOC005", "Meridian Regional DC 05", "regional_dc", "LOC001", "GA", "southeast"),
    ("LOC003", "Meridian Branch 03", "branch", "LOC002", "PA", "northeast"),
    ("LOC006", "Meridian Branch 06", "branch", "LOC005", "FL", "southeast"),
    ("LOC007", "Meridian Branch 07", "branch", "LOC002", "CO", "west"),
    ("LOC004", "Meridian Onsite 04", "onsite", "LOC003", "PA", "northeast"),
    ("LOC008", "Meridian Onsite 08", "onsite", "LOC007", "CO", "west"),
]
ECHELON = {"national_dc": 0, "regional_dc": 1, "branch": 2, "onsite": 3}
#: locations that fulfil customer orders (the national DC only replenishes)
SELLING = ["LOC002", "LOC005", "LOC003", "LOC006", "LOC007", "LOC004", "LOC008"]

SUPPLIERS = [
    ("SUP0001", "United States", "north_america", True),
    ("SUP0002", "Estovia", "eastern_corridor", False),
    ("SUP0003", "Pacifica", "pacific_basin", True),
    ("SUP0004", "Belvaria", "central_europe", False),
    ("SUP0005", "Canada", "north_america", False),
    ("SUP0006", "Pacifica", "pacific_basin", False),
]
SEGMENTS = [
    "fabrication",
    "food_processing",
    "utilities",
    "transportation",
    "general_manufacturing",
]
SIZES = ["enterprise", "mid_market", "small"]
CONTRACTS = ["strategic", "standard", "managed_inventory", "spot"]
CHANNELS = ["branch_counter", "ecommerce", "edi", "mobile_app", "inside_sales"]
DEMAND_CLASSES = ["smooth", "erratic", "intermittent", "lumpy"]


def _key(*parts: str) -> str:
    """A deterministic hash key, as dbt_utils.generate_surrogate_key gives (md5 of the parts)."""
    return hashlib.md5("-".join(parts).encode()).hexdigest()


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple]) -> None:
    """Bulk insert through a DataFrame (DuckDB's executemany is row by row: minutes, not s)."""
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    frame = pd.DataFrame(rows, columns=cols)  # noqa: F841  (read by name in the SQL below)
    con.execute(f"INSERT INTO {table} SELECT * FROM frame")


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _echelon_path(loc_id: str) -> str:
    by_id = {row[0]: row for row in LOCATIONS}
    names = []
    cur: str | None = loc_id
    while cur:
        names.append(by_id[cur][1])
        cur = by_id[cur][3]
    return " > ".join(reversed(names))


def _dimensions(con: duckdb.DuckDBPyConnection, rng: random.Random) -> list[tuple]:
    con.execute(
        "CREATE TABLE dim_products (sku VARCHAR, product_name VARCHAR, category VARCHAR, "
        "brand VARCHAR, is_private_label BOOLEAN, abc_class VARCHAR, xyz_class VARCHAR, "
        "lifecycle_status VARCHAR, standard_unit_cost DECIMAL(18,4), list_price DECIMAL(18,4))"
    )
    _insert(con, "dim_products", PRODUCTS)
    con.execute(
        "CREATE TABLE dim_locations (location_id VARCHAR, location_name VARCHAR, "
        "location_type VARCHAR, parent_location_id VARCHAR, state VARCHAR, region VARCHAR, "
        "echelon_level INTEGER, echelon_path VARCHAR)"
    )
    _insert(
        con,
        "dim_locations",
        [(*row, ECHELON[row[2]], _echelon_path(row[0])) for row in LOCATIONS],
    )
    con.execute(
        "CREATE TABLE dim_suppliers (supplier_id VARCHAR, supplier_name VARCHAR, "
        "supplier_country VARCHAR, sourcing_region VARCHAR, is_private_label_manufacturer BOOLEAN)"
    )
    _insert(
        con,
        "dim_suppliers",
        [(s, f"Fictional Supply Partner {s[-3:]}", c, r, p) for s, c, r, p in SUPPLIERS],
    )
    customers = []
    for i in range(1, 41):
        cid = f"CUS{i:05d}"
        customers.append(
            (
                cid,
                f"Fictional Industrial Account {i:04d}",
                SEGMENTS[i % len(SEGMENTS)],
                SIZES[(i * 7) % len(SIZES)],
                CONTRACTS[(i * 3) % len(CONTRACTS)],
                i % 4 == 0,
                SELLING[i % len(SELLING)],
            )
        )
    con.execute(
        "CREATE TABLE dim_customers (customer_id VARCHAR, customer_name VARCHAR, "
        "industry_segment VARCHAR, size_tier VARCHAR, contract_type VARCHAR, "
        "is_onsite_program BOOLEAN, primary_location_id VARCHAR)"
    )
    _insert(con, "dim_customers", customers)
    con.execute(
        "CREATE TABLE dim_date AS SELECT CAST(d AS DATE) AS date_day FROM "
        "range(DATE '2023-01-01', DATE '2028-01-01', INTERVAL 1 DAY) t(d)"
    )
    return customers


def _sales(con: duckdb.DuckDBPyConnection, rng: random.Random, customers: list[tuple]) -> None:
    rows = []
    span = (END - START).days
    prices = {p[0]: (p[9], p[8]) for p in PRODUCTS}
    for n in range(1, 1601):
        order_id = f"SO{n:08d}"
        day = START + dt.timedelta(days=rng.randrange(span + 1))
        ordered_at = dt.datetime.combine(
            day, dt.time(rng.randrange(7, 18), rng.choice([0, 15, 30, 45]))
        )
        cust = rng.choice(customers)
        loc = cust[6] if rng.random() < 0.7 else rng.choice(SELLING)
        channel = rng.choice(CHANNELS)
        for k in range(1, rng.randrange(1, 4) + 1):
            sku = rng.choice([p[0] for p in PRODUCTS if DEMAND_ENDS.get(p[0], dt.date.max) > day])
            qty = rng.randrange(1, 40)
            r = rng.random()
            status = (
                "shipped"
                if r < 0.62
                else "shipped_partial"
                if r < 0.74
                else "backordered"
                if r < 0.84
                else "substituted"
                if r < 0.93
                else "cancelled"
            )
            shipped = {
                "shipped": qty,
                "shipped_partial": max(1, qty // 2) if qty > 1 else 0,
                "backordered": 0,
                "substituted": qty,
                "cancelled": 0,
            }[status]
            gross = 0 if status == "cancelled" else qty
            back = max(qty - shipped, 0) if status in ("backordered", "shipped_partial") else 0
            subst = qty if status == "substituted" else 0
            price, cost = prices[sku]
            rows.append(
                (
                    f"{order_id}-{k}",
                    _key(sku, loc),
                    order_id,
                    sku,
                    loc,
                    cust[0],
                    ordered_at,
                    channel,
                    status,
                    qty,
                    gross,
                    shipped,
                    back,
                    subst,
                    shipped == qty and qty > 0,
                    round(shipped * price, 4),
                    round(shipped * cost, 4),
                )
            )
    con.execute(
        "CREATE TABLE fct_sales_order_lines (order_line_id VARCHAR, sku_location_key VARCHAR, "
        "order_id VARCHAR, sku VARCHAR, location_id VARCHAR, customer_id VARCHAR, "
        "ordered_at TIMESTAMP, order_channel VARCHAR, line_status VARCHAR, ordered_qty INTEGER, "
        "gross_demand_qty INTEGER, shipped_qty INTEGER, backordered_qty INTEGER, "
        "substituted_qty INTEGER, is_line_filled BOOLEAN, net_sales DECIMAL(18,4), "
        "cost_of_goods DECIMAL(18,4))"
    )
    _insert(con, "fct_sales_order_lines", rows)


def _purchases(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    rows = []
    span = (END - START).days
    costs = {p[0]: p[8] for p in PRODUCTS}
    for n in range(1, 701):
        day = START + dt.timedelta(days=rng.randrange(span + 1))
        supplier = rng.choice([s[0] for s in SUPPLIERS])
        sku = rng.choice([p[0] for p in PRODUCTS])
        loc = rng.choice(["LOC001", "LOC002", "LOC005"])
        qty = rng.randrange(20, 400)
        quoted = rng.choice([7, 14, 21, 30])
        promised = day + dt.timedelta(days=quoted)
        actual = quoted + rng.randrange(-6, 8)
        received_day = day + dt.timedelta(days=actual)
        received = received_day <= END and rng.random() < 0.93
        received_at = dt.datetime.combine(received_day, dt.time(10)) if received else None
        received_qty = (
            (qty if rng.random() < 0.8 else qty - rng.randrange(1, qty // 2)) if received else 0
        )
        on_time = (received_day <= promised) if received else None
        rows.append(
            (
                f"POL{n:07d}",
                f"PO{(n + 1) // 2:06d}",
                supplier,
                sku,
                loc,
                dt.datetime.combine(day, dt.time(9)),
                promised,
                received_at,
                qty,
                received_qty,
                costs[sku],
                quoted,
                actual if received else None,
                on_time,
                round(max(qty - received_qty, 0) * costs[sku], 4),
            )
        )
    con.execute(
        "CREATE TABLE fct_purchase_order_lines (po_line_id VARCHAR, po_id VARCHAR, "
        "supplier_id VARCHAR, sku VARCHAR, location_id VARCHAR, ordered_at TIMESTAMP, "
        "promised_date DATE, received_at TIMESTAMP, ordered_qty INTEGER, received_qty INTEGER, "
        "unit_cost DECIMAL(18,4), quoted_lead_time_days INTEGER, actual_lead_time_days INTEGER, "
        "is_on_time BOOLEAN, open_po_value DECIMAL(18,4))"
    )
    _insert(con, "fct_purchase_order_lines", rows)


def _inventory(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    """Weekly snapshots; excess/obsolete = stock on hand and no gross demand in 26 weeks."""
    costs = {p[0]: p[8] for p in PRODUCTS}
    demand = con.execute(
        "SELECT sku, location_id, CAST(ordered_at AS DATE), gross_demand_qty "
        "FROM fct_sales_order_lines WHERE gross_demand_qty > 0"
    ).fetchall()
    by_pair: dict[tuple[str, str], list[dt.date]] = {}
    for sku, loc, day, _qty in demand:
        by_pair.setdefault((sku, loc), []).append(day)
    rows = []
    week = _monday(START)
    locs = [row[0] for row in LOCATIONS]
    while week <= END:
        for sku, *_ in PRODUCTS:
            for loc in locs:
                if (sku, loc) not in by_pair and loc != "LOC001" and rng.random() < 0.5:
                    continue
                on_hand = 0 if rng.random() < 0.08 else rng.randrange(5, 300)
                on_order = rng.randrange(0, 200) if rng.random() < 0.4 else 0
                days = by_pair.get((sku, loc), [])
                lo = week - dt.timedelta(weeks=26)
                recent = any(lo <= d <= week for d in days)
                value = round(on_hand * costs[sku], 4)
                eo = on_hand > 0 and not recent
                rows.append(
                    (
                        _key(sku, loc, week.isoformat()),
                        sku,
                        loc,
                        week,
                        on_hand,
                        value,
                        round(on_order * costs[sku], 4),
                        eo,
                        value if eo else 0.0,
                    )
                )
        week += dt.timedelta(weeks=1)
    con.execute(
        "CREATE TABLE fct_inventory_snapshots (inventory_snapshot_key VARCHAR, sku VARCHAR, "
        "location_id VARCHAR, snapshot_date DATE, on_hand_qty INTEGER, "
        "on_hand_value DECIMAL(18,4), on_order_value DECIMAL(18,4), "
        "is_excess_or_obsolete BOOLEAN, excess_obsolete_on_hand_value DECIMAL(18,4))"
    )
    _insert(con, "fct_inventory_snapshots", rows)


def _stockouts(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    rows = []
    span = (END - START).days
    for n in range(1, 241):
        sku = rng.choice([p[0] for p in PRODUCTS])
        loc = rng.choice(SELLING)
        start = START + dt.timedelta(days=rng.randrange(span - 2))
        days = rng.randrange(1, 22)
        rows.append(
            (_key(sku, loc, start.isoformat(), str(n)), sku, loc, start, days, rng.randrange(0, 60))
        )
    con.execute(
        "CREATE TABLE fct_stockout_events (stockout_event_key VARCHAR, sku VARCHAR, "
        "location_id VARCHAR, stockout_start_date DATE, stockout_days INTEGER, "
        "gross_demand_during_stockout_qty INTEGER)"
    )
    _insert(con, "fct_stockout_events", rows)


def _aggregates(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    """The weekly demand grain and the SKU-location service profile, from the sales lines."""
    pairs = con.execute(
        "SELECT DISTINCT sku, location_id FROM fct_sales_order_lines ORDER BY 1, 2"
    ).fetchall()
    classes = {(s, loc): DEMAND_CLASSES[i % 4] for i, (s, loc) in enumerate(pairs)}
    suppliers = {p[0]: SUPPLIERS[i % len(SUPPLIERS)][0] for i, p in enumerate(PRODUCTS)}
    con.execute(
        "CREATE TABLE _classes (sku VARCHAR, location_id VARCHAR, demand_class VARCHAR, "
        "primary_supplier_id VARCHAR)"
    )
    _insert(
        con,
        "_classes",
        [(s, loc, c, suppliers[s]) for (s, loc), c in classes.items()],
    )
    con.execute(
        """
        CREATE TABLE agg_sku_location_demand_weekly AS
        SELECT md5(l.sku || '-' || l.location_id || '-' || CAST(date_trunc('week', l.ordered_at) AS DATE))
                 AS sku_location_week_key,
               l.sku, l.location_id, c.primary_supplier_id,
               CAST(date_trunc('week', l.ordered_at) AS DATE) AS demand_week,
               c.demand_class, p.category, p.abc_class,
               SUM(l.gross_demand_qty) AS gross_demand_qty,
               SUM(l.shipped_qty) AS net_shipped_qty,
               COUNT(*) AS order_line_count,
               SUM(CASE WHEN l.is_line_filled THEN 1 ELSE 0 END) AS shipped_line_count
        FROM fct_sales_order_lines l
        JOIN _classes c ON c.sku = l.sku AND c.location_id = l.location_id
        JOIN dim_products p ON p.sku = l.sku
        GROUP BY ALL
        """
    )
    con.execute(
        """
        CREATE TABLE agg_sku_location_service_metrics AS
        SELECT DISTINCT l.sku_location_key, l.sku, l.location_id, p.category, c.demand_class
        FROM fct_sales_order_lines l
        JOIN _classes c ON c.sku = l.sku AND c.location_id = l.location_id
        JOIN dim_products p ON p.sku = l.sku
        """
    )
    con.execute("DROP TABLE _classes")


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create every relation the project's semantic models read (as dbt names them)."""
    rng = random.Random(SEED)
    customers = _dimensions(con, rng)
    _sales(con, rng, customers)
    _purchases(con, rng)
    _inventory(con, rng)
    _stockouts(con, rng)
    _aggregates(con, rng)
