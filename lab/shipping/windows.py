"""Shipping windows per lane and week: the planner's unit of decision, with the saving per unit.

Why group: a planner does not decide order by order but per lane and week — "本周发往德国的订单
延迟3天出货，可节省…/件" (ship this week's German orders 3 days later and save … per unit). The
per-order plan of :mod:`.recommend` is grouped by lane, mode, destination, the ISO week of the
ready date and the delay; each group carries its orders, units, total (risk-adjusted) saving,
the saving per unit and the ship dates, plus one sentence in Chinese and one in English.

Country names come from the semantic model's value synonyms of ``order__destination_country``
(the same words users type), so a new destination needs a synonym, not code.
"""

from __future__ import annotations

import pandas as pd

from semantic_layer import build_catalog, load_model

WINDOW_COLUMNS = [
    "lane", "shipping_mode", "destination_country", "week_start", "delay_days", "orders", "units",
    "expected_saving", "saving_per_unit", "first_ship_date", "last_ship_date", "sentence_zh",
    "sentence_en",
]  # fmt: skip


def country_names(model=None) -> dict[str, tuple[str, str]]:
    """``{"DE": ("德国", "Germany"), ...}`` from the model's destination-country synonyms.

    >>> country_names()["DE"]
    ('德国', 'Germany')
    """

    catalog = build_catalog(model if hasattr(model, "metrics") else load_model(model))
    dim = catalog.dimension("order__destination_country")
    out: dict[str, tuple[str, str]] = {}
    for code, words in (dim.value_synonyms if dim else {}).items():
        zh = next((w for w in words if any("\u4e00" <= ch <= "\u9fff" for ch in w)), code)
        en = next((w for w in words if w.isascii() and len(w) > 3), code)
        out[code] = (zh, en)
    return out


def _week_words(week_start: pd.Timestamp, as_of: pd.Timestamp) -> tuple[str, str]:
    """本周 / 下周 / ``MM-DD当周`` and this week / next week / the week of MM-DD."""
    this_week = as_of.normalize() - pd.Timedelta(days=as_of.weekday())
    weeks = (week_start - this_week).days // 7
    if weeks == 0:
        return "本周", "this week"
    if weeks == 1:
        return "下周", "next week"
    return f"{week_start:%m-%d}当周", f"the week of {week_start:%Y-%m-%d}"


def windows_by_lane_week(
    plan: pd.DataFrame, as_of, names: dict[str, tuple[str, str]] | None = None
) -> pd.DataFrame:
    """Delayed orders of ``plan`` grouped per lane, mode, destination, ready week and delay.

    ``plan`` is the output of :func:`lab.shipping.recommend.plan_windows` (``recommend``);
    orders that ship when ready are left out. Sorted by total saving, largest first.

    >>> plan = pd.DataFrame({
    ...     "lane": ["CN-DE"] * 3, "shipping_mode": ["sea"] * 3,
    ...     "destination_country": ["DE"] * 3, "delay_days": [3, 3, 0], "units": [10, 30, 5],
    ...     "ready_date": pd.to_datetime(["2026-11-16", "2026-11-18", "2026-11-18"]),
    ...     "recommended_ship_date": pd.to_datetime(["2026-11-19", "2026-11-21", "2026-11-18"]),
    ...     "expected_saving": [12.0, 36.0, 0.0]})
    >>> w = windows_by_lane_week(plan, "2026-11-17", {"DE": ("德国", "Germany")})
    >>> w[["orders", "units"]].values.tolist(), w[["expected_saving", "saving_per_unit"]].values.tolist()
    ([[2, 40]], [[48.0, 1.2]])
    >>> w["sentence_zh"].iloc[0]
    '本周发往德国的2单（40件）延迟3天出货（11-19 ~ 11-21），预计可节省1.20 CNY/件，共48.00 CNY'
    """
    delayed = plan[plan["delay_days"] > 0].copy()
    if delayed.empty:
        return pd.DataFrame(columns=WINDOW_COLUMNS)
    as_of = pd.Timestamp(as_of)
    names = names if names is not None else country_names()
    ready = pd.to_datetime(delayed["ready_date"]).dt.normalize()
    delayed["week_start"] = ready - pd.to_timedelta(ready.dt.day_of_week, unit="D")
    delayed["recommended_ship_date"] = pd.to_datetime(delayed["recommended_ship_date"])
    keys = ["lane", "shipping_mode", "destination_country", "week_start", "delay_days"]
    out = (
        delayed.groupby(keys, as_index=False)
        .agg(
            orders=("delay_days", "size"),
            units=("units", "sum"),
            expected_saving=("expected_saving", "sum"),
            first_ship_date=("recommended_ship_date", "min"),
            last_ship_date=("recommended_ship_date", "max"),
        )
        .astype({"units": "int64"})
    )
    out["expected_saving"] = out["expected_saving"].astype(float).round(2)
    out["saving_per_unit"] = (out["expected_saving"] / out["units"].clip(lower=1)).round(2)
    zh, en = [], []
    for r in out.itertuples(index=False):
        week_zh, week_en = _week_words(r.week_start, as_of)
        c_zh, c_en = names.get(r.destination_country, (r.destination_country,) * 2)
        dates = f"{r.first_ship_date:%m-%d}" + (
            f" ~ {r.last_ship_date:%m-%d}" if r.last_ship_date != r.first_ship_date else ""
        )
        zh.append(
            f"{week_zh}发往{c_zh}的{r.orders}单（{r.units}件）延迟{r.delay_days}天出货（{dates}），"
            f"预计可节省{r.saving_per_unit:.2f} CNY/件，共{r.expected_saving:.2f} CNY"
        )
        en.append(
            f"ship {week_en}'s {r.orders} orders ({r.units} units) to {c_en} {r.delay_days} days "
            f"later ({dates}, {r.shipping_mode}): save about {r.saving_per_unit:.2f} CNY per unit, "
            f"{r.expected_saving:.2f} CNY in total"
        )
    out["sentence_zh"], out["sentence_en"] = zh, en
    return out.sort_values(
        ["expected_saving", "lane", "week_start"], ascending=[False, True, True], ignore_index=True
    )[WINDOW_COLUMNS]
