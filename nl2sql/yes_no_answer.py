"""The yes/no answer's sentence and verdict (:mod:`nl2sql.yes_no` says how it is judged).

Why apart: the rules engine imports :mod:`nl2sql.yes_no` to read the question; the wording
needs the labels and value formats (:mod:`nl2sql.columns`), which import the rules engine.
"""

from __future__ import annotations

from typing import Any

from nl2sql.columns import column_format, format_value
from nl2sql.interpret import item_label, metric_label
from nl2sql.yes_no import YesNo, row_meets, verdict


def _condition_text(catalog: Any, condition: tuple[str, str, float], lang: str) -> str:
    metric, op, value = condition
    fmt = column_format(catalog, metric)
    return f"{metric_label(catalog, metric, lang)} {op} {format_value(value, fmt)}"


def verdict_line(
    rows: list[dict[str, Any]],
    yes_no: YesNo,
    said: bool | None,
    catalog: Any,
    lang: str,
    group_label: str = "",
) -> str:
    """The yes/no sentence put before the interpretation, in the question's language:
    "No — GMV is ¥987,654.00 (GMV > 1,000,000 does not hold)." / "否：销售额为 ¥987,654.00，
    不满足 销售额 > 1,000,000。"""
    zh = lang == "zh"
    cond = ("且" if zh else " and ").join(
        _condition_text(catalog, c, lang) for c in yes_no.conditions
    )
    word = {
        True: "是" if zh else "Yes",
        False: "否" if zh else "No",
        None: "无法判断" if zh else "Cannot tell",
    }[said]
    lead = f"{word}：" if zh else f"{word} — "
    if yes_no.mode == "total":
        metrics = list(dict.fromkeys(c[0] for c in yes_no.conditions))
        row = rows[0] if rows else {}
        figures = ("，" if zh else ", ").join(
            f"{metric_label(catalog, m, lang)}{'为' if zh else ' is '}"
            f"{format_value(row.get(m), column_format(catalog, m)) or ('无数据' if zh else 'no value')}"
            for m in metrics
        )
        if said is None:
            return f"{lead}{figures}（{cond}）。" if zh else f"{lead}{figures} ({cond})."
        if zh:
            return f"{lead}{figures}，{'满足' if said else '不满足'} {cond}。"
        return f"{lead}{figures} ({cond} {'holds' if said else 'does not hold'})."
    meeting = sum(1 for r in rows if row_meets(r, yes_no.conditions) is True)
    total = len(rows)
    things = group_label or ("行" if zh else "rows")
    if zh:
        return f"{lead}{total} 个{things}中有 {meeting} 个满足 {cond}。"
    return f"{lead}by {things}, {meeting} of {total} meet {cond}."


def judge_answer(
    answer: Any, yes_no: YesNo, query: Any, catalog: Any, lang: str, which: bool = False
) -> None:
    """Set ``answer.verdict`` ("yes" / "no" / "unknown") and put the yes/no sentence before
    its interpretation. The table keeps every row's figure, except that a yes to a question
    that also asks which things (``which``: 有没有哪个渠道…) keeps the rows that meet it."""
    rows = [] if answer.df is None else answer.df.to_dict("records")
    said = verdict(rows, yes_no, complete=not answer.truncated)
    group = item_label(catalog, query.group_by[0], lang) if query.group_by else ""
    line = verdict_line(rows, yes_no, said, catalog, lang, group)
    if which and said is True and yes_no.mode == "any" and answer.df is not None:
        meets = [row_meets(r, yes_no.conditions) is True for r in rows]
        answer.df = answer.df[meets].reset_index(drop=True)
    answer.verdict = {True: "yes", False: "no", None: "unknown"}[said]
    sep = "" if lang == "zh" else " "
    answer.interpretation = f"{line}{sep}{answer.interpretation}".strip()
