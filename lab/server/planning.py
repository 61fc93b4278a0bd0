"""The planners' recommendations tab: shipping-window proposals per lane and ship week.

Why grouped: a planner decides "ship this week's German orders 3 days later, save 1.20 a unit"
(本周发往德国的订单延迟3天出货，可节省…/件), not order by order. The stored proposals
(:mod:`lab.shipping.review`) are grouped with the same function the CLI and the shipping
notebook use (:func:`lab.shipping.windows.windows_by_lane_week`: lane, mode, destination, the
ready date's week and the delay), so the page, the CLI and the report show the same groups,
numbers and sentences; each group also lists its recommendation ids and statuses.

A decision on a group is the existing per-recommendation decision
(:meth:`lab.server.service.AskService.decide`) applied to each id the planner saw, recorded with
the signed-in user and the comment; ids that cannot be decided (already decided, expired) are
reported one by one, never silently skipped.

Access (least privilege): both routes need the ``orderlens.recommendations`` /
``orderlens.decisions`` resources, i.e. the planner or analyst role; the ask role gets 403.

| route | body | answer |
|---|---|---|
| ``GET api/recommendation-groups?status=proposed`` | | 200 ``{"as_of", "groups": [...]}`` |
| ``POST api/recommendation-groups/decide`` | ``{"recommendation_ids": [...], "decision", "comment"?, "force"?}`` | 200 ``{"decided": [...], "failed": [...]}`` |
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.utils import url_path_join

from lab.server.errors import BadRequest, http_status_of
from lab.server.handler_base import DECIDE_RESOURCE, RECOMMENDATIONS_RESOURCE, _JSONHandler
from lab.server.handlers import Decision
from lab.server.payload import MAX_COMMENT_CHARS, bool_field, choice_field, text_field

#: Most recommendations one group decision may carry (a 16 KiB body holds ~400 ids).
MAX_GROUP_IDS = 400
_ID = re.compile(r"^[\w.:-]{1,80}$")
_GROUP_KEYS = ["lane", "shipping_mode", "destination_country", "week_start", "delay_days"]


def group_recommendations(
    rows: pd.DataFrame, names: dict[str, tuple[str, str]] | None = None
) -> list[dict[str, Any]]:
    """Stored recommendations (one row each) as groups per status, lane, mode, week and delay.

    Each group: the keys, ``status``, ``orders``, ``units``, ``expected_saving``,
    ``saving_per_unit``, first/last ship date, ``sentence_zh`` / ``sentence_en`` (worded against
    the group's planning date) and ``recommendation_ids``. Largest saving first per status.

    >>> rows = pd.DataFrame({"recommendation_id": ["R1", "R2", "R3"], "status": ["proposed"] * 3,
    ...     "as_of_date": ["2026-11-17"] * 3, "lane": ["CN-DE"] * 3, "shipping_mode": ["sea"] * 3,
    ...     "destination_country": ["DE"] * 3, "delay_days": [3, 3, 2], "units": [10, 30, 5],
    ...     "ready_date": ["2026-11-16", "2026-11-18", "2026-11-18"],
    ...     "recommended_ship_date": ["2026-11-19", "2026-11-21", "2026-11-20"],
    ...     "expected_saving": [12.0, 36.0, 1.0]})
    >>> g = group_recommendations(rows, {"DE": ("德国", "Germany")})
    >>> [(x["recommendation_ids"], x["units"], x["saving_per_unit"]) for x in g]
    [(['R1', 'R2'], 40, 1.2), (['R3'], 5, 0.2)]
    >>> g[0]["sentence_zh"][:18]
    '本周发往德国的2单（40件）延迟3天'
    """
    # lazy: lab.shipping.windows loads the dbt model loader; kept off `orderlens serve` start
    from lab.shipping.windows import windows_by_lane_week

    if rows.empty:
        return []
    rows = rows.copy()
    ready = pd.to_datetime(rows["ready_date"]).dt.normalize()
    rows["week_start"] = ready - pd.to_timedelta(ready.dt.day_of_week, unit="D")
    rows["expected_saving"] = rows["expected_saving"].astype(float)
    groups: list[dict[str, Any]] = []
    for status, part in rows.groupby("status", sort=True):
        as_of = pd.to_datetime(part["as_of_date"]).max()
        windows = windows_by_lane_week(part, as_of, names)
        members = part.sort_values("recommendation_id").groupby(_GROUP_KEYS)["recommendation_id"]
        ids = {key: list(v) for key, v in members}
        for w in windows.to_dict(orient="records"):
            key = tuple(w[k] for k in _GROUP_KEYS)
            groups.append(
                {
                    **{k: _plain(v) for k, v in w.items()},
                    "status": status,
                    "planning_date": as_of.date().isoformat(),
                    "group_key": "|".join(str(_plain(v)) for v in key),
                    "recommendation_ids": ids[key],
                }
            )
    return groups


def _plain(value: Any) -> Any:
    """JSON-friendly: timestamps as ISO dates, numpy numbers as Python numbers."""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value.item() if hasattr(value, "item") else value


class RecommendationGroupsHandler(_JSONHandler):
    """``GET api/recommendation-groups?status=proposed``: proposals per lane and ship week."""

    auth_resource = RECOMMENDATIONS_RESOURCE

    @tornado.web.authenticated
    @authorized
    async def get(self) -> None:
        from lab.shipping.review import STATUSES  # lazy like the service's own use of it

        status = self.get_argument("status", "proposed") or None
        if status is not None and status not in STATUSES:
            raise BadRequest(
                f"unknown status {status[:40]!r}: use one of {', '.join(STATUSES)} "
                "(or status= for all)"
            )
        service = self.service
        rows = pd.DataFrame(await self.in_worker(service.recommendations, status))
        names = await self.in_worker(_country_names, service)
        groups = group_recommendations(rows, names)
        as_of = max((g["planning_date"] for g in groups), default=None)
        self.write_json(200, {"as_of": as_of, "groups": groups})


def _country_names(service: Any) -> dict[str, tuple[str, str]]:
    """Destination names in Chinese and English from the served model's value synonyms."""
    # lazy: lab.shipping.windows loads the dbt model loader; kept off `orderlens serve` start
    from lab.shipping.windows import country_names

    return country_names(service.model())


class GroupDecisionHandler(_JSONHandler):
    """``POST api/recommendation-groups/decide``: accept or reject every id of a group.

    200 ``{"decided": [rows], "failed": [{"recommendation_id", "status", "error"}]}`` when at
    least one was decided; when none could be, the first failure's status (404, 409...) with
    ``{"error", "failed"}``. 400 for a malformed body, 403 for the ask role.
    """

    auth_resource = DECIDE_RESOURCE

    @tornado.web.authenticated
    @authorized
    async def post(self) -> None:
        payload = self.json_object(fields=("recommendation_ids", "decision", "comment", "force"))
        ids = _id_list(payload.get("recommendation_ids"))
        decision = choice_field(payload, "decision", [d.value for d in Decision])
        if decision is None:
            raise BadRequest(
                'send {"recommendation_ids": [...], "decision": "accept" | "reject", '
                '"comment": "..."}'
            )
        comment = text_field(payload, "comment", max_chars=MAX_COMMENT_CHARS, required=False)
        force = bool_field(payload, "force") or False
        reviewer = self.user_name() or "jupyter"
        decided: list[dict[str, Any]] = []
        failed: list[dict[str, Any]] = []
        for rec_id in ids:
            try:
                row = await self.in_worker(
                    self.service.decide, rec_id, decision, reviewer, comment or "", force=force
                )
            except Exception as exc:
                status = http_status_of(exc)
                if status is None:
                    raise  # a bug: 500 through write_error, with the traceback in the log
                failed.append({"recommendation_id": rec_id, "status": status, "error": str(exc)})
            else:
                decided.append(row)
        if not decided and failed:
            self.write_json(failed[0]["status"], {"error": failed[0]["error"], "failed": failed})
            return
        self.write_json(200, {"decided": decided, "failed": failed})


def _id_list(value: Any) -> list[str]:
    """The body's ``recommendation_ids``: 1..MAX_GROUP_IDS distinct id strings, in order."""
    if not isinstance(value, list) or not value:
        raise BadRequest('"recommendation_ids" must be a non-empty list of recommendation ids')
    if len(value) > MAX_GROUP_IDS:
        raise BadRequest(
            f'"recommendation_ids" holds {len(value)} ids; at most {MAX_GROUP_IDS} per decision'
        )
    bad = [v for v in value if not isinstance(v, str) or not _ID.match(v)]
    if bad:
        raise BadRequest(
            f'"recommendation_ids" must be ids like "SR20261120-OL000000123", got {str(bad[0])[:40]!r}'
        )
    return list(dict.fromkeys(value))


def url_patterns() -> list[tuple[str, type[tornado.web.RequestHandler]]]:
    """Routes relative to the server's base URL (the ExtensionApp prepends ``base_url``)."""
    return [
        (url_path_join("orderlens", "api", "recommendation-groups"), RecommendationGroupsHandler),
        (
            url_path_join("orderlens", "api", "recommendation-groups", "decide"),
            GroupDecisionHandler,
        ),
    ]
