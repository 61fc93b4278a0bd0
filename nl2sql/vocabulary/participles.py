"""A metric named with a closing past participle ("Units Sold", "tools_lost"): its noun alone,
and the participle said first.

Why a module of its own: both read the same shape of a name — a plain noun phrase and the
past participle that says what happened to it — which ``english_anchors`` turns into anchors.
"""

from __future__ import annotations

from nl2sql.vocabulary import morphology

#: words of a metric's name that only say how it aggregates
LEAD_WORDS = frozenset({"total", "average", "avg", "mean", "sum", "overall", "count", "number"})


def participle_subject(kind: str, words: list[str]) -> str:
    """ "home run" for "Home Runs Witnessed": a metric's noun before its closing participle.

    Why: a label that ends in a past participle ("Games Attended", "Units Sold", "Miles
    Flown") is the noun counted or summed, said with what happened to it; users ask for the
    noun ("how many home runs", "units by region") and drop the participle, which the suffix
    rule cannot give (it keeps the end of a label, here the participle). Only a plain noun
    phrase qualifies: none of its words is itself a regular past form or "and" ("Orders
    placed and later returned" says two things; "run" of "home runs" is a noun, though also
    a participle), and not only aggregation words ("Total Paid"). Two
    metrics giving the same noun tie, and the question is clarified.

    >>> participle_subject("metric", ["home", "run", "witnessed"])
    'home run'
    >>> participle_subject("metric", ["total", "paid"]), participle_subject("entity", ["a", "seen"])
    ('', '')
    """
    if kind != "metric" or len(words) < 2 or not morphology.is_past(words[-1]):
        return ""
    subject = words[:-1]
    if "and" in subject or all(w in LEAD_WORDS for w in subject):
        return ""
    if any(w.endswith("ed") and morphology.is_past(w) for w in subject):
        return ""
    return " ".join(subject)


#: unit words a name may close with after its participle ("dues_added_usd")
_UNIT_TAILS = frozenset({"usd", "eur", "gbp", "cny", "rmb", "jpy", "amount"})


def participle_first(kind: str, words: list[str]) -> str:
    """ "lost tools" for "Tools Lost", "added dues" for `dues_added_usd`: the closing past
    participle put before its noun, as users say it in English and in Chinese (丢失工具, 新增会费).

    Why: a name that ends in a participle ("tools_lost", "bids_won") is said the other way
    round as often ("how many lost tools"); word by word it rendered only 工具丢失, and 新增会费
    for `dues_added_usd` was refused. Same noun phrase as :func:`participle_subject` (no "and",
    no other past form); a currency closing the name is left out.

    >>> participle_first("metric", ["tool", "lost"]), participle_first("metric", ["dues", "added", "usd"])
    ('lost tool', 'added dues')
    >>> participle_first("metric", ["total", "paid"]), participle_first("dimension", ["tool", "lost"])
    ('', '')
    """
    core = words[:-1] if len(words) > 2 and words[-1] in _UNIT_TAILS else words
    subject = participle_subject(kind, core)
    return f"{core[-1]} {subject}" if subject else ""


def adjective_first(kind: str, words: list[str]) -> str:
    """ "overdue application" for "applications overdue": a two-word metric name closing in a
    plain adjective, said with the adjective first.

    Why: generated names put the state after the noun (``applications_overdue``,
    ``applications_open``) where users say "overdue applications", "open applications"; the
    past participles have :func:`participle_first`, adjectives had nothing, and "overdue
    applications by process" was asked back. Only a word the lexicon knows as an adjective and
    never as a noun or past form, after a noun.

    >>> adjective_first("metric", ["application", "overdue"])
    'overdue application'
    >>> adjective_first("metric", ["application", "received"]), adjective_first("metric", ["net"])
    ('', '')
    >>> adjective_first("metric", ["revenue", "net"]), adjective_first("dimension", ["a", "open"])
    ('', '')
    """
    if kind != "metric" or len(words) != 2:
        return ""
    noun, adj = words
    if (
        morphology.adjective_lemmas(adj)
        and not morphology.noun_lemmas(adj)
        and not morphology.is_past(adj)
        and morphology.noun_lemmas(noun)
    ):
        return f"{adj} {noun}"
    return ""


def fronted_first(kind: str, words: list[str]) -> str:
    """:func:`participle_first`, else :func:`adjective_first`."""
    return participle_first(kind, words) or adjective_first(kind, words)
