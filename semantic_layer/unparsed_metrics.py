"""A metric whose own window string dbt cannot parse is left out, not the whole model.

Why: a public project (session 25) writes one cumulative metric with
``cumulative_type_params: {window: unbounded}``. dbt-semantic-interfaces parses a window only as
``<count> <granularity>`` (``28 days``) and raises ``ParsingException`` for anything else, so
OrderLens refused the whole project and its nine sound metrics with it. What ``unbounded``
means is not ours to guess (an all-time running total is written with no window at all), so
the metric is left out with a warning naming its window — as :mod:`semantic_layer.broken_metrics`
leaves out a metric whose filter does not resolve — together with every metric computed from
it; a question about it is then refused like any metric the model does not have. Any other
parse failure (an unknown ``type``, a missing measure) stays an error: those are the author's
typos, and a model that loads without them would hide them.

>>> from dbt_semantic_interfaces.implementations.metric import PydanticMetric
>>> ok = PydanticMetric.parse_obj({"name": "loans", "type": "simple", "type_params": {"measure": "l"}})
>>> share = PydanticMetric.parse_obj({"name": "share", "type": "derived",
...     "type_params": {"expr": "run / loans", "metrics": [{"name": "run"}, {"name": "loans"}]}})
>>> col = IssueCollector()
>>> kept = leave_out_dependents([ok, share], {"run": ("m.yml", 9, "Invalid window (unbounded)")}, col)
>>> [m.name for m in kept], [i.element for i in col.warnings]
(['loans'], ['metric `run`', 'metric `share`'])
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from dbt_semantic_interfaces.errors import ParsingException
from dbt_semantic_interfaces.implementations.metric import PydanticMetric

from semantic_layer.issues import IssueCollector

FIX = "write the window as `<count> <granularity>` (`28 days`), or leave it out for all time"


def is_window_problem(exc: BaseException) -> bool:
    """Whether parsing a metric failed only on a window string dbt cannot read.

    ``ParsingException`` is what dbt-semantic-interfaces raises for a window (``Invalid window
    (unbounded)``, ``Invalid count``); pydantic's own errors (wrong types, missing keys) are
    other classes and stay errors.
    """
    return isinstance(exc, ParsingException)


def _inputs(m: PydanticMetric) -> list[str]:
    """Names of the metrics ``m`` is computed from (a cumulative one's base metric too)."""
    names = [i.name for i in m.input_metrics]
    ctp = m.type_params.cumulative_type_params
    if ctp is not None and ctp.metric is not None:
        names.append(ctp.metric.name)
    return names


def leave_out_dependents(
    metrics: Sequence[PydanticMetric],
    unparsed: Mapping[str, tuple[str, int | None, str]],
    col: IssueCollector,
) -> list[PydanticMetric]:
    """Warn about each ``unparsed`` metric (name -> file, line, problem) and drop the parsed
    metrics computed from one of them, transitively, each with its own warning."""
    for name, (file, line, problem) in unparsed.items():
        col.warn(file, line, f"metric `{name}`", f"{problem}; the metric is left out", FIX)
    gone = set(unparsed)
    kept = list(metrics)
    changed = bool(gone)
    while changed:  # a derived metric of a derived metric of the left-out one goes too
        changed = False
        for m in list(kept):
            bad = [i for i in _inputs(m) if i in gone]
            if not bad:
                continue
            kept.remove(m)
            gone.add(m.name)
            changed = True
            meta = m.metadata
            col.warn(
                meta.repo_file_path if meta else "",
                meta.file_slice.start_line_number if meta else None,
                f"metric `{m.name}`",
                f"it is computed from `{bad[0]}`, which is left out; the metric is left out",
                FIX,
            )
    return kept
