"""A grammar word cut in two by a model term that starts on its second character.

Why: model terms match Chinese character by character, ahead of jieba's word boundaries, and
the lexicon adds "total" forms of every metric's name (总期末KPI for Ending KPI). In
"按产品系列汇总期末KPI" the term 总期末KPI started on the 总 of 汇总 ("to summarise", a word
that changes no query), so 汇 was left over alone, unknown, and the question was refused.

The fix gives the grammar word its characters back, and only when nothing is lost: the lone
leftover and the term's first characters make one word of ``STOP_ZH`` that jieba itself cuts
there, and the rest of the term is a term of its own naming exactly the same things. 汇 + 总
is 汇总, and 期末KPI names Ending KPI as 总期末KPI does; a term whose rest names something
else, or a leftover that makes no grammar word, is left as it was (still unknown, so refused).
"""

from __future__ import annotations

from dataclasses import replace

from nl2sql.general import STOP_ZH
from nl2sql.lexicon import Lexicon, Sense, segment
from nl2sql.normalize import key_of
from nl2sql.rules.items import Item

#: the most characters a grammar word takes back from the term after it
_MAX_TAKEN = 2


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u3400" <= ch <= "\u9fff" for ch in text)


def _same_things(a: Item, senses: list[Sense]) -> bool:
    return {(s.kind, s.name, s.value) for s in a.senses} == {
        (s.kind, s.name, s.value) for s in senses
    }


def reclaim_grammar_words(items: list[Item], lex: Lexicon, text: str) -> list[Item]:
    """``items`` with each lone unknown Chinese leftover joined back into the grammar word that
    the following term had cut (see the module's docstring).

    >>> from nl2sql.lexicon import Sense, Lexicon
    >>> lex = Lexicon(catalog=None)
    >>> m = Sense("metric", "arr")
    >>> lex.terms[("总", "期", "末")] = [m]; lex.terms[("期", "末")] = [m]
    >>> its = [Item("unknown", "汇", 0, 1), Item("domain", "总期末", 1, 4, senses=[m])]
    >>> [(i.kind, i.text) for i in reclaim_grammar_words(its, lex, "汇总期末")]
    [('stop', '汇总'), ('domain', '期末')]
    """
    out = list(items)
    for k in range(len(out) - 1):
        left, term = out[k], out[k + 1]
        if (
            left.kind != "unknown"
            or term.kind != "domain"
            or left.end != term.start
            or not _is_cjk(left.text)
            or not _is_cjk(term.text[:1])
        ):
            continue
        for n in range(1, min(_MAX_TAKEN, len(term.text) - 1) + 1):
            word, rest = left.text + term.text[:n], term.text[n:]
            if word not in STOP_ZH:
                continue
            rest_senses = lex.terms.get(key_of(rest))
            if not rest_senses or not _same_things(term, rest_senses):
                continue
            cut = segment(text[left.start : term.end])
            if not cut or cut[0] != word:
                continue  # jieba does not read the grammar word there
            out[k] = replace(left, kind="stop", text=word, end=left.end + n)
            out[k + 1] = replace(term, text=rest, start=term.start + n)
            break
    return out
