"""The calendar words of Chinese and English time expressions, as data (``nl2sql.timeparse``
reads them).

Why apart: they are tables, not rules; the rules module stays a readable size, and a new
calendar word is added here without touching how ranges are computed.

- ``UNIT_ZH``: a Chinese unit word and the period it counts ("个月" → month);
- ``UNIT_LABEL_ZH``: how a period is written back in Chinese;
- ``CAL_ZH`` / ``CAL_EN``: a named relative period → (unit, offset from the current one[, the
  Chinese label]) ("上个月" → ("month", -1, "上个月"), "last year" → ("year", -1)).
"""

UNIT_ZH = {
    "天": "day",
    "日": "day",
    "周": "week",
    "星期": "week",
    "个星期": "week",
    "个月": "month",
    "月": "month",
    "个季度": "quarter",
    "季度": "quarter",
    "年": "year",
}
UNIT_LABEL_ZH = {"day": "天", "week": "周", "month": "个月", "quarter": "个季度", "year": "年"}
CAL_ZH = {
    "前天": ("day", -2, "前天"),
    "昨天": ("day", -1, "昨天"),
    "昨日": ("day", -1, "昨天"),
    "今天": ("day", 0, "今天"),
    "今日": ("day", 0, "今天"),
    "上上周": ("week", -2, "上上周"),
    "上周": ("week", -1, "上周"),
    "上星期": ("week", -1, "上周"),
    "上个星期": ("week", -1, "上周"),
    "上一周": ("week", -1, "上周"),
    "本周": ("week", 0, "本周"),
    "这周": ("week", 0, "本周"),
    "这个星期": ("week", 0, "本周"),
    "这星期": ("week", 0, "本周"),
    "上上个月": ("month", -2, "上上个月"),
    "上个月": ("month", -1, "上个月"),
    "上月": ("month", -1, "上个月"),
    "上一个月": ("month", -1, "上个月"),
    "本月": ("month", 0, "本月"),
    "这个月": ("month", 0, "本月"),
    "当月": ("month", 0, "本月"),
    "上个季度": ("quarter", -1, "上季度"),
    "上季度": ("quarter", -1, "上季度"),
    "上一季度": ("quarter", -1, "上季度"),
    "上一个季度": ("quarter", -1, "上季度"),
    "本季度": ("quarter", 0, "本季度"),
    "这个季度": ("quarter", 0, "本季度"),
    "这季度": ("quarter", 0, "本季度"),
    "本季": ("quarter", 0, "本季度"),
    "当季": ("quarter", 0, "本季度"),
    "前年": ("year", -2, "前年"),
    "去年": ("year", -1, "去年"),
    "上一年": ("year", -1, "去年"),
    "今年": ("year", 0, "今年"),
    "本年": ("year", 0, "今年"),
    "本年度": ("year", 0, "今年"),
    "上年": ("year", -1, "去年"),
    "上年度": ("year", -1, "去年"),
    "上一年度": ("year", -1, "去年"),
}
#: the same words after ``normalize`` wrote their 一 as a digit ("上一季度" is read as "上1季度";
#: the keys above with 一 never matched a normalized question and "1" was left over)
CAL_ZH.update({k.replace("上一", "上1"): v for k, v in CAL_ZH.items() if k.startswith("上一")})
CAL_EN = {
    "the day before yesterday": ("day", -2),
    "yesterday": ("day", -1),
    "today": ("day", 0),
    "last week": ("week", -1),
    "previous week": ("week", -1),
    "this week": ("week", 0),
    "last month": ("month", -1),
    "previous month": ("month", -1),
    "this month": ("month", 0),
    "last quarter": ("quarter", -1),
    "previous quarter": ("quarter", -1),
    "this quarter": ("quarter", 0),
    "last year": ("year", -1),
    "previous year": ("year", -1),
    "prior week": ("week", -1),
    "prior month": ("month", -1),
    "prior quarter": ("quarter", -1),
    "prior year": ("year", -1),
    "this year": ("year", 0),
}
