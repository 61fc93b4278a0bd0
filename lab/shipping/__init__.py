"""Shipping-window planning: when to ship each pending export order, and the planners' review.

Why a package of small modules: each input of the decision is learned separately and can be
explained on its own — :mod:`.transit` (how long a lane/mode takes), :mod:`.freight_forecast`
(where the freight index is going), :mod:`.calendar` (customs holidays), :mod:`.stock`
(overseas days of cover) — and :mod:`.recommend` only combines them. :mod:`.backtest` replays
history with the same functions, :mod:`.review` stores the suggestions and the decisions.
"""

from lab.shipping.errors import (
    AlreadyDecided,
    InvalidDecision,
    MissingDataError,
    RecommendationExpired,
    RecommendationNotFound,
    ShippingError,
)

__all__ = [
    "AlreadyDecided",
    "InvalidDecision",
    "MissingDataError",
    "RecommendationExpired",
    "RecommendationNotFound",
    "ShippingError",
]
