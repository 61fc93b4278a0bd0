-- TPC-DS shaped into marts as a dbt project's staging layer would: the three channels' sales
-- and returns unioned with a channel column, surrogate date keys resolved to dates (each role
-- its own column: sold, shipped, returned), customers with their current address.
-- Reads the raw_* tables loaded from Parquet by lab/evals/heldout/data.py.
CREATE TABLE sales AS
WITH lines AS (
    SELECT 'store' AS channel, ss_ticket_number AS order_number, ss_item_sk AS item_sk,
        ss_sold_date_sk AS sold_date_sk, CAST(NULL AS BIGINT) AS ship_date_sk,
        ss_customer_sk AS bill_customer_sk, CAST(NULL AS BIGINT) AS ship_customer_sk,
        CAST(NULL AS BIGINT) AS ship_mode_sk, ss_quantity AS quantity,
        ss_sales_price AS sales_price, ss_ext_sales_price AS sales_amount,
        ss_ext_discount_amt AS discount_amount, CAST(NULL AS DECIMAL(7, 2)) AS shipping_cost,
        ss_net_paid AS net_paid, ss_net_profit AS net_profit
    FROM raw_store_sales
    UNION ALL
    SELECT 'catalog', cs_order_number, cs_item_sk, cs_sold_date_sk, cs_ship_date_sk,
        cs_bill_customer_sk, cs_ship_customer_sk, cs_ship_mode_sk, cs_quantity,
        cs_sales_price, cs_ext_sales_price, cs_ext_discount_amt, cs_ext_ship_cost,
        cs_net_paid, cs_net_profit
    FROM raw_catalog_sales
    UNION ALL
    SELECT 'web', ws_order_number, ws_item_sk, ws_sold_date_sk, ws_ship_date_sk,
        ws_bill_customer_sk, ws_ship_customer_sk, ws_ship_mode_sk, ws_quantity,
        ws_sales_price, ws_ext_sales_price, ws_ext_discount_amt, ws_ext_ship_cost,
        ws_net_paid, ws_net_profit
    FROM raw_web_sales
)
SELECT
    row_number() OVER (ORDER BY l.channel, l.order_number, l.item_sk) AS sale_line_id,
    l.channel, l.order_number, l.item_sk, sold.d_date AS sold_date, shipped.d_date AS ship_date,
    l.bill_customer_sk, l.ship_customer_sk, l.ship_mode_sk, l.quantity, l.sales_price,
    l.sales_amount, l.discount_amount, l.shipping_cost, l.net_paid, l.net_profit
FROM lines AS l
LEFT JOIN raw_date_dim AS sold ON l.sold_date_sk = sold.d_date_sk
LEFT JOIN raw_date_dim AS shipped ON l.ship_date_sk = shipped.d_date_sk;

CREATE TABLE sales_returns AS
WITH lines AS (
    SELECT 'store' AS channel, sr_ticket_number AS order_number, sr_item_sk AS item_sk,
        sr_returned_date_sk AS returned_date_sk, sr_customer_sk AS returning_customer_sk,
        sr_reason_sk AS reason_sk, sr_return_quantity AS return_quantity,
        sr_return_amt AS return_amount, sr_net_loss AS net_loss
    FROM raw_store_returns
    UNION ALL
    SELECT 'catalog', cr_order_number, cr_item_sk, cr_returned_date_sk,
        cr_returning_customer_sk, cr_reason_sk, cr_return_quantity, cr_return_amount,
        cr_net_loss
    FROM raw_catalog_returns
    UNION ALL
    SELECT 'web', wr_order_number, wr_item_sk, wr_returned_date_sk, wr_returning_customer_sk,
        wr_reason_sk, wr_return_quantity, wr_return_amt, wr_net_loss
    FROM raw_web_returns
)
SELECT
    row_number() OVER (ORDER BY l.channel, l.order_number, l.item_sk) AS return_line_id,
    l.channel, l.order_number, l.item_sk, d.d_date AS returned_date, l.returning_customer_sk,
    l.reason_sk, l.return_quantity, l.return_amount, l.net_loss
FROM lines AS l
LEFT JOIN raw_date_dim AS d ON l.returned_date_sk = d.d_date_sk;

CREATE TABLE customers AS
SELECT
    c.c_customer_sk AS customer_sk, c.c_customer_id AS customer_id,
    c.c_first_name AS first_name, c.c_last_name AS last_name,
    c.c_preferred_cust_flag AS preferred_customer, c.c_birth_year AS birth_year,
    c.c_birth_country AS birth_country, c.c_email_address AS email,
    a.ca_city AS city, a.ca_county AS county, a.ca_state AS state, a.ca_country AS country,
    first_sale.d_date AS first_purchase_date
FROM raw_customer AS c
LEFT JOIN raw_customer_address AS a ON c.c_current_addr_sk = a.ca_address_sk
LEFT JOIN raw_date_dim AS first_sale ON c.c_first_sales_date_sk = first_sale.d_date_sk;

CREATE TABLE items AS
SELECT
    i_item_sk AS item_sk, i_item_id AS item_id, i_product_name AS product_name,
    i_brand AS brand, i_class AS class, i_category AS category, i_color AS color,
    i_size AS size, i_manufact AS manufacturer, i_current_price AS current_price
FROM raw_item;

CREATE TABLE ship_modes AS
SELECT sm_ship_mode_sk AS ship_mode_sk, sm_type AS ship_mode_type, sm_code AS ship_mode_code,
    sm_carrier AS carrier
FROM raw_ship_mode;

CREATE TABLE return_reasons AS
SELECT r_reason_sk AS reason_sk, r_reason_desc AS reason FROM raw_reason;
