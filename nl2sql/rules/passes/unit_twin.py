"""Pass: a unit the named metric lacks, said of its twin counted in it ("volume in USD").

The reasons are in :mod:`nl2sql.rules.unit_siblings`; this pass only applies them once the
named metrics are known, before the time axis and the unit conversions are settled.
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState
from nl2sql.rules.unit_siblings import unit_twin
from nl2sql.rules.units import unit_of_word


def prefer_unit_twin(p: ParseState) -> None:
    """Swap each named metric for its twin counted in the unit the question says, and mark the
    unit word read (its conversion would otherwise be asked of the unit-less metric)."""
    for it in p.its:
        if it.used or it.kind != "role" or it.role != "unit":
            continue
        unit = unit_of_word(it.text)
        if unit is None:
            continue
        for k, name in enumerate(p.metrics):
            twin = unit_twin(p.catalog, name, unit)
            if twin is None or twin in p.metrics:
                continue
            p.metrics[k] = twin
            it.used = True
            p.result.notes.append(f"'{it.text}': {twin}, the {name} counted in {unit}")
