"""Pass: the question's time range (at most one).

Why refuse two ranges: "GMV last month and this month" is two questions (or a comparison the
engine does not build); answering one of them would be a wrong answer.
"""

from __future__ import annotations

from nl2sql.rules.items import Refusal
from nl2sql.rules.state import ParseState


def take_time_range(p: ParseState) -> None:
    """Claim the time item and put its match on the result."""
    times = [it for it in p.its if it.kind == "time"]
    if len(times) > 1:
        spans = ", ".join(t.text for t in times)
        raise Refusal(
            f"the question names more than one time range ({spans}); ask about one at a time",
            zh=f"问题中有多个时间范围（{spans}）；请一次问一个",
        )
    if times:
        times[0].used = True
        p.result.time = times[0].time
