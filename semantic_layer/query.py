"""`SemanticQuery`: what a question means, in terms of the semantic model (never SQL).

Why pydantic: the LLM engine asks a chat model for this exact object through structured
output, and every engine's output is validated the same way before it is compiled.
Names follow dbt's semantic layer: metrics by name, group-by items as
``metric_time__<grain>``, ``<entity>__<dimension>`` or ``<entity>__<time_dim>__<grain>``.

>>> q = SemanticQuery(metrics=["gmv"], group_by=["order__channel"], limit=5)
>>> q.metrics, q.limit
(['gmv'], 5)
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FilterOp = Literal[
    "=", "!=", "in", "not in", ">", ">=", "<", "<=", "like", "is null", "is not null"
]
ThresholdOp = Literal[">", ">=", "<", "<=", "=", "!="]


class DimensionFilter(BaseModel):
    """A structured filter on one dimension: ``order__channel in ('jd', 'tmall')``."""

    model_config = ConfigDict(frozen=True)

    dimension: str = Field(description="Qualified dimension name, e.g. 'order__channel'.")
    op: FilterOp = "="
    values: list[str | int | float | bool] = Field(default_factory=list)
    keep_null: bool = Field(
        default=False,
        description=(
            "With '!=' / 'not in': rows with no value of the dimension are kept too. An "
            "exclusion ('GMV excluding promotion X') takes every row but X's; SQL's plain "
            "'<>' also drops the rows with no value, which are not X."
        ),
    )


class MetricThreshold(BaseModel):
    """A condition on an aggregated metric (SQL HAVING): ``return_rate > 0.15``."""

    model_config = ConfigDict(frozen=True)

    metric: str
    op: ThresholdOp
    value: float


class TimeRange(BaseModel):
    """A half-open date range on metric time: ``start <= metric_time < end``."""

    model_config = ConfigDict(frozen=True)

    start: dt.date | None = None
    end: dt.date | None = None


class OrderBy(BaseModel):
    """Sort by a metric or a group-by item."""

    model_config = ConfigDict(frozen=True)

    name: str
    descending: bool = False


class SemanticQuery(BaseModel):
    """Metrics, grouped by dimensions, filtered, thresholded, sorted and limited."""

    metrics: list[str] = Field(default_factory=list, description="Metric names.")
    group_by: list[str] = Field(
        default_factory=list,
        description="Group-by items: 'metric_time__month', 'order__channel', 'sku__category'.",
    )
    filters: list[DimensionFilter] = Field(default_factory=list)
    where: list[str] = Field(
        default_factory=list,
        description="dbt-style where templates, e.g. \"{{ Dimension('order__channel') }} = 'jd'\".",
    )
    time_range: TimeRange | None = None
    having: list[MetricThreshold] = Field(default_factory=list)
    order_by: list[OrderBy] = Field(default_factory=list)
    limit: int | None = Field(default=None, ge=1)
    #: rows skipped before the limit: "the second highest" is limit 1 after offset 1
    offset: int | None = Field(default=None, ge=1)
