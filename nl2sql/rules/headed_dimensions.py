"""A breakdown word the metric cannot reach, read as the one reachable dimension it heads.

Why: a project names a patient's state ``state`` and a clinic's ``facility_state``; "discounts
by state" (各州的折扣总额) matched the exact label ``state`` — the patients' — and was refused
("total discounts cannot be broken down by state") although the discounts' rows carry exactly
one state, the facility's. A reader takes the word for the state the metric's rows have. Only
a categorical dimension whose label ends with the asked dimension's whole label counts, and
only when it is the single such dimension every metric of the question reaches: an origin and
a destination state stay refused (two readings), as does a word no reachable label ends with.
"""

from __future__ import annotations

from collections.abc import Callable

from nl2sql.vocabulary import morphology
from semantic_layer.catalog import Catalog


def headed_dimension(
    catalog: Catalog, name: str, metrics: list[str], allows: Callable[[str, str], bool]
) -> str | None:
    """The one dimension every metric reaches whose label ends with ``name``'s label.

    ``allows(metric, dimension)`` says whether a metric reaches a dimension (the parse state's
    ``metric_allows``). None when ``name`` is no categorical dimension or the choice is not one.
    """
    asked = catalog.dimension(name)
    if asked is None or asked.dim_type != "categorical" or not metrics:
        return None
    head = " ".join(asked.label.lower().split())
    found = [
        d.name
        for d in catalog.dimensions
        if d.name != name
        and d.dim_type == "categorical"
        and " ".join(d.label.lower().split()).endswith(" " + head)
        and all(allows(m, d.name) for m in metrics)
    ]
    if len(found) != 1 or qualified_heads(catalog, name, found):
        return None
    return found[0]


def qualified_heads(catalog: Catalog, name: str, found: list[str]) -> list[str]:
    """Those of ``found`` (dimensions whose label ends with ``name``'s) whose label adds a word
    that changes what the column is (:func:`qualifying`): never read as ``name``, offered by
    their own label instead."""
    asked = catalog.dimension(name)
    if asked is None:
        return []
    size = len(" ".join(asked.label.lower().split()))
    out = []
    for f in found:
        d = catalog.dimension(f)
        prefix = " ".join(d.label.lower().split())[:-size].split() if d is not None else []
        if any(qualifying(w) for w in prefix):
            out.append(f)
    return out


def qualifying(word: str) -> bool:
    """Whether a word before the asked label changes what the column is: an adjective that is
    no noun ("*nearest* depot name", "closest", "previous", "preferred"), where a noun names
    whose column it is ("*facility* state", "home state").

    Why: "parcels by depot name" on a model whose parcels reach only the senders'
    ``nearest_depot_name`` (the handling depot is a parcel line's column) was answered by each
    sender's nearest depot — another concept, with "nearest" never said (the shape of a
    session-30 final wrong). Refused instead, as an unreachable breakdown.

    >>> qualifying("nearest"), qualifying("facility"), qualifying("home")
    (True, False, False)
    """
    return bool(morphology.adjective_lemmas(word)) and not morphology.noun_lemmas(word)
