"""Red team, session 26: every number a notebook takes is checked against its range first.

``orderlens run`` typed each ``-p`` value by the notebook's declaration (and refused nan and
inf since session 9), but took any finite number, and each notebook used it as it came:

- ``reconciliation -p top_n -5``: pandas' ``head(-5)`` listed every red flow but the last five,
  under the note "the -5 largest red flows";
- ``shipping_window -p on_time_target 7``: no delay can meet a probability of 7, so every
  proposal came out "ship on the ready date" (34 orders, the largest delay 0 instead of 19 days
  on the test warehouse), without a word; ``-p horizon_days -3`` stopped in the kernel with
  numpy's "negative dimensions are not allowed"; ``-p min_saving -1e9`` passed where
  ``orderlens windows recommend --min-saving`` refuses it (session 13);
- ``status_trace -p include_disagreements -5`` (``head(-5)`` again), ``-p red_minutes -100``
  (every record "late").

Each number a notebook declares now has a range (:data:`lab.runner.bounds.BOUNDS`), checked
before any kernel starts, and a parameter error names it; a notebook number without a range
is itself an error of this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.runner.errors import ParameterError
from lab.runner.inspection import notebook_parameters
from lab.runner.parameterize import validate_parameters

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def _declared(notebook: str):
    return notebook_parameters(NOTEBOOKS / f"{notebook}.ipynb")


@pytest.mark.parametrize(
    ("notebook", "name", "value"),
    [
        ("reconciliation", "top_n", "-5"),
        ("reconciliation", "top_n", "0"),
        ("reconciliation", "tolerance", "-0.1"),
        ("reconciliation", "tolerance", "1e300"),
        ("shipping_window", "on_time_target", "7"),
        ("shipping_window", "on_time_target", "-1"),
        ("shipping_window", "horizon_days", "-3"),
        ("shipping_window", "horizon_days", "100000"),
        ("shipping_window", "min_saving", "-1e9"),
        ("status_trace", "include_disagreements", "-5"),
        ("status_trace", "red_minutes", "-100"),
        ("status_trace", "sample_size", "0"),
        ("status_trace", "sample_size", "10000000"),
        ("status_trace", "seed", "-1"),
    ],
)
def test_a_number_outside_its_range_is_a_parameter_error(notebook, name, value) -> None:
    with pytest.raises(ParameterError) as refused:
        validate_parameters({name: value}, _declared(notebook), notebook=notebook)
    message = str(refused.value)
    assert repr(name) in message and value in message and "between" in message, message


@pytest.mark.parametrize(
    ("notebook", "values"),
    [
        ("reconciliation", {"top_n": "1", "tolerance": "0"}),
        ("shipping_window", {"on_time_target": "1", "horizon_days": "0", "min_saving": "0"}),
        ("status_trace", {"include_disagreements": "0", "red_minutes": "0", "seed": "7"}),
    ],
)
def test_the_ends_of_each_range_are_accepted(notebook, values) -> None:
    assert validate_parameters(values, _declared(notebook), notebook=notebook)


def test_every_number_of_every_notebook_has_a_range() -> None:
    from lab.runner.bounds import BOUNDS

    numbers = {
        (nb.stem, p.name)
        for nb in sorted(NOTEBOOKS.glob("*.ipynb"))
        for p in notebook_parameters(nb).values()
        if p.type_name in ("int", "float")
    }
    assert numbers, "no notebook declares a number"
    missing = sorted(f"{nb}: {name}" for nb, name in numbers if name not in BOUNDS)
    assert not missing, missing
    # and every default is inside its own range
    for nb in sorted(NOTEBOOKS.glob("*.ipynb")):
        for p in notebook_parameters(nb).values():
            if p.type_name in ("int", "float"):
                validate_parameters({p.name: p.default}, {p.name: p}, notebook=nb.stem)
