"""Seeded warehouse for dbt-labs/mistyral-cat-cafe (a cat café: jaffles, drinks, cat tech, visits).

Why generated and then built with the project's own mart logic: the relations the semantic
models read (``orders``, ``order_items``, ``customers``, ``locations``, ``products``,
``supplies``, ``metricflow_time_spine``) are derived columns (first-order numbers, per-order
food/drink flags, lifetime spend), so raw tables shaped like the project's sources are drawn
with a fixed seed and the marts are computed from them with the SQL of its staging and mart
models (Jinja rendered by hand: ``cents_to_dollars`` is ``/ 100``, ``date_trunc('day')``).
Products, supplies, stores and names are ours (the owner's seed files are not copied); the
product types are the four its SQL tests (jaffle, beverage, tech, visit).

Two deviations, both outside the semantic YAML: the owner's ``stg_locations`` renames
``opened_at`` to ``opened_date`` while the ``locations`` semantic model reads ``opened_at``, so
``locations`` carries both (same value); ``customer_order_number`` breaks same-day ties by
order id (the owner's ``row_number`` orders by day only, which is not deterministic).

Both sides of every filter: orders of 2024-01 .. 2025-06 at six stores; order totals on both
sides of 20 (``large_orders``); orders with and without food, drink, tech and visit items; first
and later orders; customers with one order (``new``) and several (``returning``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import duckdb

SEED = 2025
STORES = [  # id, name, opened, tax rate
    ("st-phl", "Philadelphia", "2016-09-01", 0.06),
    ("st-bkn", "Brooklyn", "2017-03-12", 0.04),
    ("st-chi", "Chicago", "2018-04-29", 0.0625),
    ("st-sfo", "San Francisco", "2018-05-09", 0.075),
    ("st-nol", "New Orleans", "2019-03-10", 0.04),
    ("st-lax", "Los Angeles", "2024-09-13", 0.08),
]
PRODUCTS = [  # sku, name, type, price in cents, description
    ("JAF-101", "tuna melt jaffle", "jaffle", 1100, "tuna and cheddar toastie"),
    ("JAF-102", "mushroom jaffle", "jaffle", 1200, "garlic mushrooms and thyme"),
    ("JAF-103", "ham and cheese jaffle", "jaffle", 1000, "the classic"),
    ("JAF-104", "kimchi jaffle", "jaffle", 1300, "kimchi, gochujang mayo and mozzarella"),
    ("BEV-101", "flat white", "beverage", 500, "double shot with steamed milk"),
    ("BEV-102", "matcha latte", "beverage", 600, "ceremonial matcha with oat milk"),
    ("BEV-103", "iced lemon tea", "beverage", 400, "black tea and lemon over ice"),
    ("BEV-104", "hot chocolate", "beverage", 550, "dark chocolate and cream"),
    ("TEC-101", "laser pointer kit", "tech", 2500, "a laser toy for the cats, to take home"),
    ("TEC-102", "smart feeder", "tech", 9000, "an app-controlled food bowl"),
    ("TEC-103", "cat camera collar", "tech", 4500, "see the day through your cat's eyes"),
    ("CAT-101", "cat lounge hour", "visit", 1800, "one hour in the lounge with the cats"),
    ("CAT-102", "kitten playtime", "visit", 2800, "half an hour with the kittens"),
    ("CAT-103", "private cat party", "visit", 9500, "the lounge for you and five friends"),
]
SUPPLIES = [  # id, name, cost in cents, perishable, sku
    ("SUP-101", "bread", 40, True, "JAF-101"),
    ("SUP-102", "tuna", 120, True, "JAF-101"),
    ("SUP-103", "bread", 40, True, "JAF-102"),
    ("SUP-104", "mushrooms", 90, True, "JAF-102"),
    ("SUP-105", "bread", 40, True, "JAF-103"),
    ("SUP-106", "ham", 110, True, "JAF-103"),
    ("SUP-107", "bread", 40, True, "JAF-104"),
    ("SUP-108", "kimchi", 80, True, "JAF-104"),
    ("SUP-109", "paper cup", 12, False, "BEV-101"),
    ("SUP-110", "milk", 30, True, "BEV-101"),
    ("SUP-111", "paper cup", 12, False, "BEV-102"),
    ("SUP-112", "matcha", 70, False, "BEV-102"),
    ("SUP-113", "plastic cup", 10, False, "BEV-103"),
    ("SUP-114", "tea", 15, False, "BEV-103"),
    ("SUP-115", "paper cup", 12, False, "BEV-104"),
    ("SUP-116", "cocoa", 45, False, "BEV-104"),
    ("SUP-117", "laser pointer", 900, False, "TEC-101"),
    ("SUP-118", "feeder unit", 4200, False, "TEC-102"),
    ("SUP-119", "collar camera", 2100, False, "TEC-103"),
    ("SUP-120", "cat treats", 150, True, "CAT-101"),
    ("SUP-121", "cat treats", 150, True, "CAT-102"),
    ("SUP-122", "party decorations", 800, False, "CAT-103"),
]
FIRST = [
    "Ava",
    "Ben",
    "Chloe",
    "Dev",
    "Elena",
    "Farid",
    "Gus",
    "Hana",
    "Ines",
    "Jon",
    "Kai",
    "Lena",
    "Milo",
    "Nora",
    "Oscar",
    "Priya",
    "Quinn",
    "Rosa",
    "Sven",
    "Tara",
]
LAST = [
    "Abbott",
    "Baker",
    "Cruz",
    "Dunn",
    "Ellis",
    "Fox",
    "Grant",
    "Hale",
    "Ibarra",
    "Jung",
    "Kerr",
    "Lowe",
    "Moss",
    "Nash",
    "Ortiz",
]

MARTS = """
CREATE TABLE stg_orders AS SELECT id AS order_id, store_id AS location_id, customer AS customer_id,
  subtotal AS subtotal_cents, tax_paid AS tax_paid_cents, order_total AS order_total_cents,
  (subtotal / 100)::numeric(16, 2) AS subtotal, (tax_paid / 100)::numeric(16, 2) AS tax_paid,
  (order_total / 100)::numeric(16, 2) AS order_total, ordered_at::timestamp AS order_at_tmz,
  date_trunc('day', ordered_at::timestamp) AS ordered_at
  FROM raw_orders;
CREATE TABLE stg_products AS SELECT sku AS product_id, name AS product_name, type AS product_type,
  description AS product_description, (price / 100)::numeric(16, 2) AS product_price,
  coalesce(type = 'jaffle', false) AS is_food_item, coalesce(type = 'beverage', false) AS
  is_drink_item, coalesce(type = 'visit', false) AS is_visit_item,
  coalesce(type = 'tech', false) AS is_tech_item FROM raw_products;
CREATE TABLE stg_supplies AS SELECT md5(id || '-' || sku) AS supply_uuid, id AS supply_id,
  sku AS product_id, name AS supply_name, (cost / 100)::numeric(16, 2) AS supply_cost,
  perishable AS is_perishable_supply FROM raw_supplies;
CREATE TABLE order_items AS
  WITH s AS (SELECT product_id, sum(supply_cost) AS supply_cost FROM stg_supplies GROUP BY 1)
  SELECT i.id AS order_item_id, i.order_id, i.sku AS product_id, o.ordered_at, p.product_name,
    p.product_price, p.is_food_item, p.is_drink_item, p.is_tech_item, p.is_visit_item,
    s.supply_cost
  FROM raw_items i LEFT JOIN stg_orders o ON i.order_id = o.order_id
  LEFT JOIN stg_products p ON i.sku = p.product_id LEFT JOIN s ON i.sku = s.product_id;
CREATE TABLE orders AS
  WITH summary AS (
    SELECT order_id, sum(supply_cost) AS order_cost, sum(product_price) AS order_items_subtotal,
      count(order_item_id) AS count_order_items,
      sum(CASE WHEN is_food_item THEN 1 ELSE 0 END) AS count_food_items,
      sum(CASE WHEN is_drink_item THEN 1 ELSE 0 END) AS count_drink_items,
      sum(CASE WHEN is_tech_item THEN 1 ELSE 0 END) AS count_tech_items,
      sum(CASE WHEN is_visit_item THEN 1 ELSE 0 END) AS count_visit_items
    FROM order_items GROUP BY 1),
  b AS (
    SELECT o.*, s.order_cost, s.order_items_subtotal, s.count_food_items, s.count_drink_items,
      s.count_order_items, s.count_food_items > 0 AS is_food_order,
      s.count_drink_items > 0 AS is_drink_order, s.count_tech_items > 0 AS is_tech_order,
      s.count_visit_items > 0 AS is_visit_order
    FROM stg_orders o LEFT JOIN summary s ON o.order_id = s.order_id)
  SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY ordered_at, order_id)
    AS customer_order_number FROM b;
CREATE TABLE customers AS
  WITH s AS (
    SELECT customer_id, count(DISTINCT order_id) AS count_lifetime_orders,
      count(DISTINCT order_id) > 1 AS is_repeat_buyer, min(ordered_at) AS first_ordered_at,
      max(ordered_at) AS last_ordered_at, sum(subtotal) AS lifetime_spend_pretax,
      sum(tax_paid) AS lifetime_tax_paid, sum(order_total) AS lifetime_spend
    FROM orders GROUP BY 1)
  SELECT c.id AS customer_id, c.name AS customer_name, s.count_lifetime_orders,
    s.first_ordered_at, s.last_ordered_at, s.lifetime_spend_pretax, s.lifetime_tax_paid,
    s.lifetime_spend, CASE WHEN s.is_repeat_buyer THEN 'returning' ELSE 'new' END AS customer_type
  FROM raw_customers c LEFT JOIN s ON c.id = s.customer_id;
CREATE TABLE locations AS SELECT id AS location_id, name AS location_name, tax_rate,
  date_trunc('day', opened_at::timestamp) AS opened_date,
  date_trunc('day', opened_at::timestamp) AS opened_at FROM raw_stores;
CREATE TABLE products AS SELECT * FROM stg_products;
CREATE TABLE supplies AS SELECT * FROM stg_supplies;
CREATE TABLE metricflow_time_spine AS SELECT CAST(d AS DATE) AS date_day
  FROM range(DATE '2016-01-01', DATE '2027-01-01', INTERVAL 1 DAY) t(d);
DROP TABLE stg_orders; DROP TABLE stg_products; DROP TABLE stg_supplies;
DROP TABLE raw_orders; DROP TABLE raw_items; DROP TABLE raw_products; DROP TABLE raw_supplies;
DROP TABLE raw_stores; DROP TABLE raw_customers;
"""


def _raw(con: duckdb.DuckDBPyConnection, rng: random.Random) -> None:
    con.execute(
        "CREATE TABLE raw_stores (id VARCHAR, name VARCHAR, opened_at VARCHAR, tax_rate DOUBLE)"
    )
    con.executemany("INSERT INTO raw_stores VALUES (?, ?, ?, ?)", STORES)
    con.execute(
        "CREATE TABLE raw_products (sku VARCHAR, name VARCHAR, type VARCHAR, "
        "price INTEGER, description VARCHAR)"
    )
    con.executemany("INSERT INTO raw_products VALUES (?, ?, ?, ?, ?)", PRODUCTS)
    con.execute(
        "CREATE TABLE raw_supplies (id VARCHAR, name VARCHAR, cost INTEGER, "
        "perishable BOOLEAN, sku VARCHAR)"
    )
    con.executemany("INSERT INTO raw_supplies VALUES (?, ?, ?, ?, ?)", SUPPLIES)
    customers = []
    for n in range(300):
        uid = hashlib.md5(f"customer-{n}".encode()).hexdigest()
        customers.append(
            (
                f"{uid[:8]}-{uid[8:12]}-{uid[12:16]}-{uid[16:20]}-{uid[20:32]}",
                f"{FIRST[n % 20]} {LAST[n // 20]}",
            )
        )  # 300 distinct names
    con.execute("CREATE TABLE raw_customers (id VARCHAR, name VARCHAR)")
    con.executemany("INSERT INTO raw_customers VALUES (?, ?)", customers)
    # a few loyal regulars, many occasional guests, some who came once, 20 who never ordered
    weights = [30 if i < 20 else 4 if i < 150 else 1 for i in range(280)]
    start = dt.datetime(2024, 1, 1, 7, 0)
    orders, items = [], []
    for n in range(1600):
        customer = rng.choices(customers[:280], weights=weights)[0][0]
        store = rng.choices(STORES, weights=[3, 3, 2, 2, 1, 1])[0]
        when = start + dt.timedelta(days=rng.randrange(0, 547), minutes=rng.randrange(0, 720))
        if store[0] == "st-lax" and when < dt.datetime(2024, 9, 13):
            store = STORES[0]
        basket = rng.choices(
            PRODUCTS,
            weights=[5, 5, 5, 4, 9, 7, 6, 5, 1, 1, 1, 3, 2, 1],
            k=rng.choice([1, 1, 2, 2, 3, 4]),
        )
        subtotal = sum(p[3] for p in basket)
        tax = round(subtotal * store[3])
        order_id = f"ord-{n:05d}"
        orders.append(
            (order_id, customer, when.isoformat(sep=" "), store[0], subtotal, tax, subtotal + tax)
        )
        items += [(f"itm-{n:05d}-{k}", order_id, p[0]) for k, p in enumerate(basket)]
    con.execute(
        "CREATE TABLE raw_orders (id VARCHAR, customer VARCHAR, ordered_at VARCHAR, "
        "store_id VARCHAR, subtotal INTEGER, tax_paid INTEGER, order_total INTEGER)"
    )
    con.executemany("INSERT INTO raw_orders VALUES (?, ?, ?, ?, ?, ?, ?)", orders)
    con.execute("CREATE TABLE raw_items (id VARCHAR, order_id VARCHAR, sku VARCHAR)")
    con.executemany("INSERT INTO raw_items VALUES (?, ?, ?)", items)


def build(con: duckdb.DuckDBPyConnection) -> None:
    """Create the seven relations the project's mart models build (target schema ``main``)."""
    _raw(con, random.Random(SEED))
    con.execute(MARTS)
