"""The shipping-window exception family: every failure says what was wrong and what to do.

Why one family: the CLI, the notebook and the server API catch :class:`ShippingError` and show
its message to a planner, so each subclass carries a message that names the recommendation,
the field or the table and the fix.
"""

from __future__ import annotations


class ShippingError(Exception):
    """Base class of every error raised by ``lab.shipping``."""


class MissingDataError(ShippingError):
    """The warehouse lacks a table or the history a model needs (e.g. no freight index)."""


class RecommendationNotFound(ShippingError):
    """No recommendation with the given id exists."""


class InvalidDecision(ShippingError):
    """The decision word or its arguments are wrong (unknown decision, missing comment...)."""


class AlreadyDecided(ShippingError):
    """The recommendation was accepted or rejected already; re-deciding needs ``force``."""


class RecommendationExpired(ShippingError):
    """The recommended ship date has passed: the proposal can no longer be decided."""
