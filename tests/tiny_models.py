"""Tiny semantic models (dbt MetricFlow YAML, or a catalog built in code) that several test
files ask questions of.

Why shared: the same few-line models were declared again in each file that needed them; each
file keeps its own warehouse rows (its ``*_DATA``) or values, which is what its assertions are
about.
"""

from __future__ import annotations

from semantic_layer.catalog import Catalog, CatalogDimension, CatalogEntity, CatalogMetric

#: one sales metric over a day grain, nothing else (periods and calendars)
SALES_BY_DAY = """
semantic_models:
  - name: sales
    model: ref('sales')
    defaults: {agg_time_dimension: sold_on}
    entities:
      - {name: sale, type: primary, expr: sale_id}
    dimensions:
      - {name: sold_on, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: amount, agg: sum}
metrics:
  - {name: sales, label: Sales, type: simple, type_params: {measure: amount}}
"""
#: one count of flights over a day grain (to-date ranges, "how many times")
FLIGHT_COUNT = """
semantic_models:
  - name: flights
    model: ref('flights')
    defaults: {agg_time_dimension: flight_date}
    entities:
      - {name: flight, type: primary, expr: flight_id}
    dimensions:
      - {name: flight_date, type: time, type_params: {time_granularity: day}}
    measures:
      - {name: flight_count, agg: count, expr: flight_id}
metrics:
  - {name: flights, label: Flights, type: simple, type_params: {measure: flight_count}}
"""
#: orders with a region and one revenue sum
ORDERS_REVENUE_BY_REGION = """
semantic_models:
  - name: orders
    model: ref('orders')
    defaults: {agg_time_dimension: ordered_on}
    entities:
      - {name: order, type: primary, expr: order_id}
    dimensions:
      - {name: ordered_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: revenue, agg: sum, expr: amount}
metrics:
  - {name: revenue, label: Revenue, type: simple, type_params: {measure: revenue}}
"""
#: deliveries by courier with an average and a maximum of one delay column
DELIVERY_DELAYS = """
semantic_models:
  - name: deliveries
    model: ref('deliveries')
    defaults: {agg_time_dimension: delivered_on}
    entities:
      - {name: delivery, type: primary, expr: delivery_id}
    dimensions:
      - {name: delivered_on, type: time, type_params: {time_granularity: day}}
      - {name: courier, type: categorical}
    measures:
      - {name: delay_avg, agg: average, expr: delay_minutes}
      - {name: delay_max, agg: max, expr: delay_minutes}
metrics:
  - {name: average_delivery_delay, label: Average Delivery Delay, type: simple,
     type_params: {measure: delay_avg}}
  - {name: max_delivery_delay, label: Maximum Delivery Delay, type: simple,
     type_params: {measure: delay_max}}
"""
#: invoices by region with a sum and a minimum of one amount column
INVOICE_AMOUNTS = """
semantic_models:
  - name: invoices
    model: ref('invoices')
    defaults: {agg_time_dimension: issued_on}
    entities:
      - {name: invoice, type: primary, expr: invoice_id}
    dimensions:
      - {name: issued_on, type: time, type_params: {time_granularity: day}}
      - {name: region, type: categorical}
    measures:
      - {name: invoice_amount, agg: sum, expr: amount}
      - {name: smallest_invoice_amount, agg: min, expr: amount}
metrics:
  - {name: invoice_amount, label: Invoice Amount, type: simple,
     type_params: {measure: invoice_amount}}
  - {name: min_invoice_amount, label: Min Invoice Amount, type: simple,
     type_params: {measure: smallest_invoice_amount}}
"""


def one_sum_catalog(fact: str, metric: str, label: str, dim: CatalogDimension) -> Catalog:
    """A catalog of one summed ``metric`` of entity ``fact`` by ``dim``, dated ``started_on``
    (understanding only: no warehouse; the dimension carries the values under test)."""
    return Catalog(
        metrics=(
            CatalogMetric(
                metric,
                label,
                agg="sum",
                agg_time_dimension=f"{fact}__started_on",
                dimensions=(dim.name,),
            ),
        ),
        dimensions=(
            CatalogDimension(f"{fact}__started_on", "Started On", dim_type="time", entity=fact),
            dim,
        ),
        entities=(CatalogEntity(fact, fact),),
    )


def count_and_revenue_catalog(
    entity: str, dimension: CatalogDimension, *more: CatalogMetric
) -> Catalog:
    """A catalog of ``entity`` rows, dated ``<entity>__<entity>_date``, with their count
    ("<Entity>s Count"), a "Total Revenue" sum, any ``more`` metrics, and one ``dimension``
    (understanding only: no warehouse). Why shared: the Chinese question files (group counts,
    rank words, share words, two sides) each built this same catalog; each passes the
    dimension whose words and values its questions are about."""
    day = f"{entity}__{entity}_date"
    return Catalog(
        metrics=(
            CatalogMetric(
                f"{entity}s_count",
                f"{entity.title()}s Count",
                agg="count",
                counts=entity,
                agg_time_dimension=day,
            ),
            CatalogMetric("total_revenue", "Total Revenue", agg="sum", agg_time_dimension=day),
            *more,
        ),
        dimensions=(CatalogDimension(day, "Date", dim_type="time"), dimension),
        entities=(CatalogEntity(entity, entity),),
    )


def row_count_metric(fact: str, dims: tuple[str, ...]) -> CatalogMetric:
    """The count of ``fact`` rows (``<fact>s``, labelled ``<Fact>s``), dated by ``dims[0]`` and
    broken down by ``dims``. Why shared: four understanding files (dimension counts, people
    counts, share from, a verb on the same dimension) each declared this same metric beside
    the one their questions are about."""
    return CatalogMetric(
        f"{fact}s",
        f"{fact.title()}s",
        agg="count",
        measure_expr="1",
        counts=fact,
        agg_time_dimension=dims[0],
        dimensions=dims,
    )
