"""Two grade words written as one compound before a value: "中高风险", "medium-high risk".

Why: a grade scale names its steps with short words (高/中/低, 大/中/小, high/medium/low) and
people write a band of two steps as one word ("中高风险" medium-high risk, "中大型" medium to
large, "medium-high"). On a model whose values are the single steps ("High Risk", "Medium
Risk"), the second word alone matched a value and the first one was dropped as a grammar
word (中 also means "among"): "中高风险的违约率" answered the high-risk rate only, and
"medium-high risk" the two steps summed (a band some scales keep as a step of its own). The
model does not say which is meant, so the question is refused and the suggestions show the
figure per step of that dimension, never the one value that was read.

What counts, from the model alone (no list of grade words): the value's first character
swapped for each character written just before it must read as *another value of the same
dimension* ("中" + "风险" is 中风险, Medium Risk). So 其中 ("among them") before 高风险 is no
compound (其风险 is no value). A noun before a lone 中 ("城市中大型停车场", "客户中高风险的占比")
reads both ways — "among the cities, the large ones" or "the cities' medium-to-large ones" — and
taking "among" answered the large ones only where the band was meant (issue #12): refused too,
the reason naming both readings; "城市中的大型…" (with 的) is "among" and stays answered.
"""

from __future__ import annotations

from nl2sql.lexicon import Sense
from nl2sql.rules.items import Item, Refusal
from nl2sql.rules.state import ParseState
from nl2sql.rules.unknown_runs import join_unknown_runs


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _reads_as_value_of(p: ParseState, text: str, dim: str) -> bool:
    """Whether ``text`` alone reads as one value of ``dim`` (through the model's own words)."""
    from nl2sql.rules.tokenize import build_items  # the same matcher the question went through

    items = build_items(text, [], p.lex, [])
    return (
        len(items) == 1
        and items[0].text == text
        and any(s.kind == "value" and s.name == dim for s in items[0].senses)
    )


def _dimension_word(dim: str) -> str:
    """How a suggestion names the dimension: its own name, read as words."""
    return dim.split("__")[-1].replace("_", " ")


def _before(p: ParseState, it: Item) -> Item | None:
    """The item written just before ``it`` (none when ``it`` is first)."""
    prev = [x for x in p.all if x.end <= it.start]
    return prev[-1] if prev else None


def _chinese_compound(p: ParseState, it: Item, sense: Sense) -> str:
    """The grade characters written right before the Chinese value ``it`` ("中" in 中高风险),
    or "" when there are none."""
    if not _is_cjk(it.text) or len(it.text) < 2:
        return ""
    before = _before(p, it)
    if before is None or before.end != it.start or before.kind not in ("stop", "unknown"):
        return ""
    if not _is_cjk(before.text) or len(before.text) > 2 or before.text == it.text[0]:
        return ""
    # "客户中高风险" after a noun may also be "among the customers, high risk": the band reading
    # is as plain, so it is refused all the same (:func:`_after_noun` words the reason)
    tail = it.text[1:]
    if all(_reads_as_value_of(p, ch + tail, sense.name) for ch in before.text):
        return before.text
    return ""


def _hyphen_compound(p: ParseState, it: Item, sense: Sense) -> str:
    """The grade word joined by a hyphen before the English value ``it`` ("medium" in
    "medium-high risk"), or "" when there is none: that word in place of the value's first
    word must read as another value of the same dimension, whatever it was read as alone
    ("medium" may also be a value of another dimension)."""
    before = _before(p, it)
    if before is None or not (before.text.isascii() and it.text.isascii()):
        return ""
    if p.result.question[before.end : it.start].strip() != "-" or " " in before.text.strip():
        return ""
    words = it.text.split()
    swapped = " ".join([before.text.strip(), *words[1:]])
    if swapped.lower() != it.text.lower() and _reads_as_value_of(p, swapped, sense.name):
        return before.text.strip()
    return ""


def _after_noun(p: ParseState, it: Item) -> str:
    """The noun right before the grade characters before ``it`` ("客户" in 客户中高风险), or ""."""
    before = _before(p, it)
    prev = _before(p, before) if before is not None else None
    if prev is None or before is None or prev.end != before.start:
        return ""
    return prev.text if prev.kind in ("domain", "unknown") else ""


def refuse_grade_compound(p: ParseState, it: Item, sense: Sense) -> None:
    """Refuse a compound of grades before the value ``it`` (see the module doc)."""
    question = p.result.question
    dim = _dimension_word(sense.name)
    grades = _chinese_compound(p, it, sense)
    if grades:
        span = grades + it.text
        start = question.find(span)
        rest = question[start + len(span) :].lstrip("的") if start >= 0 else ""
        head = question[:start] if start >= 0 else ""
        asks = [f"{head}按{dim}的{rest}"] if rest else []
    else:
        grades = _hyphen_compound(p, it, sense)
        if not grades:
            return
        before = _before(p, it)
        assert before is not None
        span = question[before.start : it.end]
        rest = " ".join((question[: before.start] + question[it.end :]).split())
        asks = [f"{rest} by {dim}"] if rest else []
    noun = _after_noun(p, it) if grades.startswith("中") else ""
    among_en = f" (or, after '{noun}', 'among' and one grade)" if noun else ""
    among_zh = f"（也可能是“{noun}中”的某一个等级）" if noun else ""
    raise Refusal(
        f"'{span}' joins grades of {dim} into one band the model does not name{among_en}; "
        f"ask for each {dim} on its own, or join them with 'and' to ask for both",
        zh=f"“{span}”把{dim}的几个等级合成了一个，模型里没有这个取值{among_zh}；请分别按{dim}查看，"
        f"或用“和”连接表示两者都要",
        words=asks,
        kind="questions",
    )


def _band_of_unknown(p: ParseState, text: str) -> tuple[str, str] | None:
    """(grades, dimension) of an unknown Chinese word of two grade characters and a value's
    tail ("中低风险": 中风险 is a value of the risk grades), else None.

    Why one side suffices: the tokenizer reads a lone 低 as a grammar word, so 低风险 alone is
    no value here, though the question's other passes read it as one. The word was going to
    be refused anyway; this only decides which refusal, so it can never turn an answer wrong.
    """
    if not _is_cjk(text) or len(text) < 4:
        return None
    grades, tail = text[:2], text[2:]
    for ch in grades:
        from nl2sql.rules.tokenize import build_items  # the matcher the question went through

        items = build_items(ch + tail, [], p.lex, [])
        if len(items) == 1 and items[0].text == ch + tail:
            for sense in items[0].senses:
                if sense.kind == "value":
                    return grades, sense.name
    return None


def refuse_unknown_band(p: ParseState) -> None:
    """Refuse an unknown word that is a band of two grades, as :func:`refuse_grade_compound`
    does for one written before a value.

    Why: jieba keeps "中低" together, so "中低风险" reached the unknown-word refusal, whose
    closest values were Medium Risk and *High* Risk: a suggestion the question contradicts.
    The suggestion here shows every grade of that dimension, which contradicts nothing.
    """
    for it in join_unknown_runs(p.all):  # "中低" + "风险", as the refusal would name it
        if it.kind != "unknown":
            continue
        band = _band_of_unknown(p, it.text)
        if band is None:
            continue
        dim = _dimension_word(band[1])
        question = p.result.question
        start = question.find(it.text)
        rest = question[start + len(it.text) :].lstrip("的") if start >= 0 else ""
        head = question[:start] if start >= 0 else ""
        raise Refusal(
            f"'{it.text}' joins grades of {dim} into one band the model does not name; "
            f"ask for each {dim} on its own, or join them with 'and' to ask for both",
            zh=f"“{it.text}”把{dim}的几个等级合成了一个，模型里没有这个取值；请分别按{dim}查看，"
            f"或用“和”连接表示两者都要",
            words=[f"{head}按{dim}的{rest}"] if rest else [],
            kind="questions",
        )
