"""Turn the rules engine's reading of a yes/no question into a judged one (:mod:`nl2sql.yes_no`).

Why after the parse and not a pass: the question's words are read exactly as in the plain
question ("上个月GMV超过100万" and "上个月GMV超过100万吗" make the same query); what the yes/no form
changes is only what is shown — the figure without the condition and a verdict on it — or, when
the verdict would be a guess (a breakdown that says neither "any" nor "every", a ranking, a
share or change), a refusal with the plain question to run instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from nl2sql.rules.items import Understanding
from nl2sql.yes_no import YesNo, breakdown_mode, is_yes_no, plain_form

_EN_AUX = re.compile(r"^\s*(?:is|are|was|were|did|does|do|has|have|had)\s+", re.I)


def _plain(question: str, lang: str) -> str:
    return plain_form(question) if lang == "zh" else _EN_AUX.sub("", question)


def _refuse(
    result: Understanding, en: str, zh: str, offers: list[str], answerable: Callable[[str], bool]
) -> Understanding:
    result.refused, result.query, result.derived = True, None, None
    result.reason = zh if result.lang == "zh" else en
    result.reason_en = en
    result.suggestions = [q for q in dict.fromkeys(offers) if q and answerable(q)]
    return result


def read_yes_no(
    question: str,
    result: Understanding,
    reparse: Callable[[str], Understanding],
    answerable: Callable[[str], bool],
) -> Understanding:
    """``result`` judged as a yes/no question when ``question`` is one (else unchanged).

    ``reparse`` understands another text (the question without 有没有 / 是否 when those were
    what stopped it); ``answerable`` checks a suggestion.
    """
    if not is_yes_no(question):
        return result
    if result.refused:
        plain = plain_form(question)
        if plain == question:
            return result
        again = reparse(plain)
        if again.refused or again.query is None or not again.query.having:
            return result  # the yes/no words were not all that was unknown
        again.question = question
        result = again
    query = result.query
    if query is None:
        return result
    plain = _plain(question, result.lang)
    if query.limit is not None:
        return _refuse(
            result,
            "a yes/no question about a ranking is not answered as yes or no here (a filter on "
            "the value would show its row as if it ranked): ask for the ranking itself",
            "排名类的是非问题不直接回答“是/否”（按该值筛选会让它看起来就在榜上）：请直接问排名",
            [],
            answerable,
        )
    if not query.having:
        return result
    if result.derived is not None:
        return _refuse(
            result,
            "a yes/no question on a share or a change is not judged here: ask for the figure "
            "and read it",
            "占比或变化的是非问题暂不直接判断：请直接问这个数字",
            [plain],
            answerable,
        )
    mode = "total" if not query.group_by else breakdown_mode(question)
    if mode is None:
        return _refuse(
            result,
            "a yes/no question over a breakdown must say whether any one or every one is meant "
            "('is there a … with …' / 'does every … have …'); the suggestion lists those that do",
            "按维度细分的是非问题需说明是“有没有某个”还是“是否每个都”；建议的问题列出满足条件的项",
            [plain],
            answerable,
        )
    metrics = list(query.metrics)
    metrics += [h.metric for h in query.having if h.metric not in metrics]
    result.query = query.model_copy(update={"having": [], "metrics": metrics})
    result.yes_no = YesNo(mode, tuple((h.metric, h.op, h.value) for h in query.having))
    return result
