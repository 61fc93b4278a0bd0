"""The range of every number a notebook takes as a parameter, checked before a kernel starts.

Why (session 26): ``orderlens run`` typed each ``-p`` value (and refused nan and inf) but took
any finite number, and the notebooks used it as it came: ``reconciliation -p top_n -5`` listed
every red flow but the last five (pandas' ``head(-5)``) as "the -5 largest", ``shipping_window
-p on_time_target 7`` proposed no delay for any order without a word, ``-p horizon_days -3``
stopped in the kernel with a numpy error, ``status_trace -p red_minutes -100`` made every
record late. Kept by parameter name: the notebooks share names (``tolerance`` means one thing
everywhere), and a test requires a range for every number every notebook declares, so a new
parameter cannot go without one.
"""

from __future__ import annotations

from dataclasses import dataclass

from lab.runner.errors import ParameterError


@dataclass(frozen=True)
class Bound:
    """``low`` <= value <= ``high`` (``high`` itself excluded when ``open_high``)."""

    low: float
    high: float
    open_high: bool = False
    why: str = ""

    def text(self) -> str:
        """The range as a person reads it."""
        high = "below" if self.open_high else "and"
        return f"between {self.low:g} {high} {self.high:g}"

    def holds(self, value: float) -> bool:
        return self.low <= value and (value < self.high if self.open_high else value <= self.high)


#: the CLI's own limits where it has them (``orderlens windows recommend --min-saving``,
#: ``orderlens reconcile --tolerance``); a day's minutes in a year for delays
BOUNDS: dict[str, Bound] = {
    "tolerance": Bound(0, 1, open_high=True, why="a relative difference"),
    "top_n": Bound(1, 10_000, why="flows listed"),
    "horizon_days": Bound(0, 365, why="days of delay considered"),
    "on_time_target": Bound(0, 1, why="a probability"),
    "min_saving": Bound(0, 1e12, why="CNY per order"),
    "sample_size": Bound(1, 10_000, why="orders traced"),
    "include_disagreements": Bound(0, 10_000, why="orders traced"),
    "red_minutes": Bound(0, 525_600, why="minutes behind (a year at most)"),
    "seed": Bound(0, 2**32 - 1, why="a sample seed"),
}


def check_bound(name: str, value: object, raw: object) -> None:
    """:class:`ParameterError` when the number ``value`` of parameter ``name`` is outside its
    range (``raw``: what was given, quoted in the message).

    >>> check_bound("top_n", -5, "-5")
    Traceback (most recent call last):
    ...
    lab.runner.errors.ParameterError: parameter 'top_n' must be between 1 and 10000 (flows listed), got '-5'
    >>> check_bound("top_n", 5, "5"), check_bound("unbounded", -5, "-5")
    (None, None)
    """
    bound = BOUNDS.get(name)
    if bound is None or isinstance(value, bool) or not isinstance(value, int | float):
        return
    if not bound.holds(value):
        why = f" ({bound.why})" if bound.why else ""
        raise ParameterError(f"parameter {name!r} must be {bound.text()}{why}, got {raw!r}")
