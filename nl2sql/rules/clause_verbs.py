"""A Chinese verb clause before 的 and a noun ("下过单的客户") is read as that verb, never dropped.

Why: everyday trade verbs (下单, 买过, 下了) are stop words so that they restate a question's
event ("下单金额") without being refused. Before 的 and a model noun they are a relative
clause that narrows the noun: "下过单的客户有多少" is "how many customers *have ordered*". Read
as stop words, the clause was dropped and every customer was counted (100 where 75 ordered: a
wrong answer, issue #12), while English "how many customers ordered" already kept only the
customers with an order (``rules.other_event_verbs``).

The clause's verb (aspect particles 了 / 过 taken out: 下过单 -> 下单, 下了单 -> 下单) becomes a
verb item with the lexicon's verb senses, so :func:`passes.unknown.settle_verbs` settles it as
it settles an English verb: absorbed when it restates the question's reading (its metric, its
entity, its own time; on a count dated by the verb's event only the rows where it happened are
kept), refused when it names anything else. A clause with an aspect particle whose verb names no
event of the model, or one under a negation (没下过单), is refused: answering without it would
answer another question. A dated clause (2024年6月下过单的客户) is settled the same way, so a
count kept by each thing's *first* event date is refused as the English "customers who ordered
in June" is (``rules.other_event_verbs``): read as a stop word, the month kept only the customers
whose first order fell in it.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense, key_of
from nl2sql.negation_words import NEVER_ZH
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.vocabulary import cedict

#: aspect particles written after a verb or inside a verb-object word (下过单, 买了)
_ASPECT = ("了", "过")
#: negations a clause may start with: "没下过单的客户" are those who never did it
_NEGATIONS = NEVER_ZH
#: verbs of being and having ("有的客户" is "some customers") and of causing ("质量问题导致的
#:退货": returns *caused by* a reason, a value before the verb): never a clause of an event
_NO_EVENT = frozenset({"是", "有", "在", "为", "导致", "引起", "造成", "引发", "所致"})


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _without_aspect(texts: list[str]) -> tuple[str, bool]:
    """The clause's words with their aspect particles taken out, and whether any was."""
    parts: list[str] = []
    aspect = False
    for t in texts:
        if t in _ASPECT:
            aspect = True
            continue
        if len(t) > 1 and t.endswith(_ASPECT):
            aspect, t = True, t[:-1]
        parts.append(t)
    return "".join(parts), aspect


def _run_before(p: ParseState, k: int) -> list[int]:
    """Indexes of the stop words written right before ``p.all[k]`` (no gap), nearest last."""
    out: list[int] = []
    j = k - 1
    while j >= 0:
        x = p.all[j]
        if x.kind != "stop" or x.role or not _is_cjk(x.text) or x.end != p.all[j + 1].start:
            break
        out.insert(0, j)
        j -= 1
    return out


def _names_a_noun(it: Item) -> bool:
    return it.kind == "domain" and any(s.kind in ("entity", "metric") for s in it.senses)


def _clause(p: ParseState, run: list[int]) -> tuple[int, str, list[Sense], bool] | None:
    """The clause in ``run``: (where it starts, its words, its verb senses, whether an aspect
    particle marks it), the longest one whose verb the lexicon links to the model's events
    first, else the longest with an aspect particle on a dictionary verb (no senses); None."""
    marked: tuple[int, str, list[Sense], bool] | None = None
    for s in range(len(run)):
        texts = [p.all[j].text for j in run[s:]]
        verb, aspect = _without_aspect(texts)
        if not verb or verb in _NO_EVENT:
            continue
        senses = p.lex.verbs.get(key_of(verb))
        if senses:
            return s, "".join(texts), list(senses), aspect
        # a single character the dictionary leaves out (买, 卖, 用) is a verb when 过/了 marks it
        if aspect and marked is None and (len(verb) == 1 or cedict.verb_count(verb) > 0):
            marked = (s, "".join(texts), [], aspect)
    return marked


#: particles that may close a question after its verb ("客户下过单吗", "下单了呢")
_CLOSING = frozenset({"吗", "呢", "吧", "啊", "呀", "了"})


def _run_after(p: ParseState, k: int) -> list[int]:
    """Indexes of the stop words right after ``p.all[k]`` (no gap) when they end the question
    (closing particles aside): "有多少客户*下过单*"; empty otherwise ("客户下单金额")."""
    out: list[int] = []
    j = k + 1
    while j < len(p.all):
        x = p.all[j]
        if x.kind != "stop" or x.role or not _is_cjk(x.text) or x.start != p.all[j - 1].end:
            break
        out.append(j)
        j += 1
    rest = [x for x in p.all[j:] if x.text.strip()]
    if rest and not all(x.kind == "stop" and not _is_cjk(x.text) for x in rest):
        return []
    while out and p.all[out[-1]].text in _CLOSING - set(_ASPECT):
        out.pop()
    return out


def _past_date(p: ParseState, k: int) -> int:
    """The index the trailing verb's run starts after: ``k``, or the date said between the noun
    and its verb ("有多少客户*在2024年6月*下过单": the clause is dated like 2024年6月下过单的客户)."""
    j = k + 1
    if j < len(p.all) and p.all[j].kind == "stop" and p.all[j].text == "在":
        j += 1
    if j < len(p.all) and p.all[j].kind == "time":
        return j
    return k


def _settle(p: ParseState, run: list[int], noun: Item) -> Item | None:
    """The verb item replacing the clause in ``run`` (see :func:`read_clause_verbs`), or None
    when the run holds no clause; raises :class:`Refusal`."""
    found = _clause(p, run)
    if found is None:
        return None
    s, text, senses, _aspect = found
    before = p.all[run[s] - 1] if run[s] > 0 else None
    if before is not None and before is not noun and before.text.strip().startswith(_NEGATIONS):
        raise Refusal(
            f"'{before.text}{text}' asks for the {noun.text} that never did it, which this "
            "engine does not read; ask for all of them and for those that did, and compare",
            zh=f"“{before.text}{text}”问的是从未发生过该行为的{noun.text}，目前无法直接回答；"
            f"可以分别查询全部{noun.text}和发生过该行为的{noun.text}再比较",
            kind="verb",
        )
    if not senses:
        raise Refusal(
            f"'{text}' says which {noun.text} are meant (those that did it), and no term of "
            "this model names that event; ask with the model's own words for it",
            zh=f"“{text}”限定了是哪些{noun.text}（发生过该行为的），但模型中没有表示这一"
            "行为的术语；请用模型中的名称提问",
            kind="verb",
        )
    first, last = p.all[run[s]], p.all[run[-1]]
    item = Item("stop", text, first.start, last.end, senses=senses, role="verb")
    p.all[run[s] : run[-1] + 1] = [item]
    return item


def read_clause_verbs(p: ParseState) -> None:
    """Turn the stop-word verb of every "<verb clause>的<noun>" — and of a noun the question
    ends on its verb, "有多少客户下过单" — into a verb item, or refuse.

    The longest run of stop words before 的 whose words (aspect taken out) are one verb the
    lexicon links to the model's events is the clause; the words before it in the run (查询,
    统计) stay what they were.
    """
    k = 1
    while k < len(p.all) - 1:
        de, noun = p.all[k], p.all[k + 1]
        if de.kind != "stop" or de.text != "的" or not _names_a_noun(noun):
            k += 1
            continue
        item = _settle(p, _run_before(p, k), noun)
        k = (p.all.index(item) + 2) if item is not None else k + 1
    for k, noun in enumerate(p.all):
        if _names_a_noun(noun) and (run := _run_after(p, _past_date(p, k))):
            _settle(p, run, noun)
            break  # the question ends on that verb: no noun after it
    p.its = [it for it in p.all if it.kind != "stop"]
