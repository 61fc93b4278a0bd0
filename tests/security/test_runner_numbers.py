"""Red team, session 9: ``orderlens run -p NAME VALUE`` with a float that is not a number.

Before: ``-p tolerance inf`` (or ``nan``, ``1e999``) was accepted, and a reconciliation run
with an infinite tolerance turns every difference green, i.e. auto-closes every flow; the
shipping-window planner took ``-p on_time_target nan``. Each is now a parameter error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lab.runner import ParameterError, notebook_parameters
from lab.runner.parameterize import validate_parameters

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


@pytest.mark.parametrize(
    ("notebook", "name"),
    [("reconciliation", "tolerance"), ("shipping_window", "on_time_target")],
)
@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e999", float("nan")])
def test_a_float_parameter_must_be_finite(notebook, name, value) -> None:
    declared = notebook_parameters(NOTEBOOKS / f"{notebook}.ipynb")
    with pytest.raises(ParameterError, match=f"parameter '{name}' expects a finite number"):
        validate_parameters({name: value}, declared, notebook=notebook)


@pytest.mark.parametrize(
    ("notebook", "name"), [("reconciliation", "tolerance"), ("shipping_window", "min_saving")]
)
def test_a_finite_float_still_passes(notebook, name) -> None:
    declared = notebook_parameters(NOTEBOOKS / f"{notebook}.ipynb")
    assert validate_parameters({name: "0.01"}, declared) == {name: 0.01}
