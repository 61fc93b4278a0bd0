"""Pass: "by channel and region", "按渠道", "by month" — the group-by after a "by" word.

Why "by GMV" is not a grouping: a metric after "by" is what to rank or sort by
(``p.by_metric``), as in "top 5 SKUs by GMV" or "按GMV排序".
"""

from __future__ import annotations

from nl2sql.rules.state import ParseState


def read_group_markers(p: ParseState) -> None:
    """Group by every dimension/entity/grain listed after a "by" word."""
    for i, it in enumerate(p.its):
        if it.kind != "role" or it.role != "group":
            continue
        j = i + 1
        got = False
        while j < len(p.its):
            x = p.its[j]
            if x.kind == "domain" and x.is_kind("metric") and not got:
                p.by_metric = p.subject_metric(x)
                x.used = it.used = True
                break
            if (
                x.kind == "domain"
                and (x.is_kind("dimension") or x.is_kind("entity"))
                and not x.is_kind("value")
            ):
                name = p.group_name(x)
                if name:
                    p.add_group(name)
                    x.used = it.used = got = True
            elif x.kind == "role" and x.role.startswith(("grain:", "grainadj:")):
                x.used = it.used = got = True
            elif x.kind == "role" and x.role == "and" and got:
                x.used = True
            else:
                break
            j += 1
