"""Chinese runs no model term matched -> items: jieba's words as grammar words, general words,
clipped nouns or unknown words.

Why a module of its own: this is the fallback for Chinese text the leftmost-longest matcher of
``rules.tokenize`` left over; it reads jieba's words, never the model's terms directly, and the
matcher does not need to know how.
"""

from __future__ import annotations

from nl2sql.counters import COUNTERS
from nl2sql.general import ROLES, SINGLE_CHAR_STOP, STOP_ZH
from nl2sql.identity_cache import IdentityCache
from nl2sql.lexicon import Lexicon, Sense, segment
from nl2sql.rules.items import Item, ItemKind
from nl2sql.rules.which_period import which_period

_GROUP_WORDS = frozenset(
    tuple(w) for w, role in ROLES.items() if role == "group" and not w.isascii()
)


def _general_pair(word: str, lex: Lexicon) -> list[tuple[str, str]]:
    """``word`` as two general words (not grains), or [] when it is not one."""
    if len(word) < 2 or (word,) in lex.general or tuple(word) in lex.general:
        return []
    for k in range(1, len(word)):
        roles = [lex.general.get(tuple(part), "") for part in (word[:k], word[k:])]
        if all(r and not r.startswith("grain") for r in roles):
            return [(word[:k], roles[0]), (word[k:], roles[1])]
    return []


#: per lexicon object, identity-checked: a bare ``id()`` key reused by the next model's lexicon
#: handed it the old model's keys
_CLIP_INDEX: IdentityCache[dict[str, list[tuple[str, ...]]]] = IdentityCache(maxsize=4)
#: the grouping characters a clipped noun follows (各国, 每校); 分 / 按 / 逐 are left out: 分别
#: ("respectively") is 分 + 别, and 别 is in 类别 (category)
_EACH_CHARS = frozenset("各每")


def _clip_index(lex: Lexicon) -> dict[str, list[tuple[str, ...]]]:
    """Each character of a two-character term naming dimensions or entities -> those terms."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for key, senses in lex.terms.items():
        if (
            len(key) == 2
            and all(len(c) == 1 for c in key)
            and senses
            and all(x.kind in ("dimension", "entity") for x in senses)
        ):
            for c in set(key):
                index.setdefault(c, []).append(key)
    return index


def _clipped_noun(word: str, lex: Lexicon) -> list[Sense]:
    """The senses of the two-character model noun that the second character of "各X" clips
    (各国 = 各 + 国家, 各省 = 各 + 省份), or [].

    Why: Chinese writes a noun after 各 by one of its characters (各国, 各省, 各校, 各队), and
    jieba keeps the pair whole, so the breakdown word was unknown and the question refused.
    Only 各 or 每 before one character that is no term or general word itself (and the pair
    no word of its own: 每天), and only when the two-character terms naming a dimension or an entity (no value:
    德国 and 法国 share 国) that contain that character all name the same thing.
    """
    if len(word) != 2 or word[0] not in _EACH_CHARS or word in STOP_ZH:
        return []
    if tuple(word) in lex.general or tuple(word) in lex.terms:
        return []  # 分别, 每天: words of their own
    ch = word[1]
    if (ch,) in lex.terms or (ch,) in lex.general:
        return []
    keys = _CLIP_INDEX.get_or_build(lex, lambda: _clip_index(lex)).get(ch, [])
    named = {frozenset((x.kind, x.name) for x in lex.terms[k]) for k in keys}
    return list(lex.terms[keys[0]]) if len(named) == 1 else []


def _count_and_classifier(word: str, lex: Lexicon) -> list[tuple[str, str]]:
    """``word`` as a "how many" word and a classifier (几趟 = 几 + 趟, 多少场 = 多少 + 场), or [].

    Why: jieba keeps 几趟 / 几场 whole, which left the count unknown; the classifier is a stop
    word of its own (the count rules read it after the "how many" word).
    """
    head, cl = word[:-1], word[-1:]
    if head and cl in COUNTERS and lex.general.get(tuple(head)) == "howmany":
        return [(head, "howmany"), (cl, "")]
    return []


def regroup_grammar_words(words: list[str]) -> list[str]:
    """jieba's words with a lone character and the first character of the next word joined
    when they make a grammar word: 一共用了 is cut 一 / 共用 / 了 (共用 "to share" outweighs
    一共 "altogether"), which left 一 and 共用 unknown; 一共 / 用 / 了 is what was written.

    Only a lone character that is no grammar word itself, joined into a grammar word of
    ``STOP_ZH`` with the next word's first character or with the whole next word (加 / 起来
    is 加起来, "added up").

    >>> regroup_grammar_words(["一", "共用", "了"])
    ['一共', '用', '了']
    >>> regroup_grammar_words(["总共", "用", "了"])
    ['总共', '用', '了']
    >>> regroup_grammar_words(["gdp", "加", "起来", "是"])
    ['gdp', '加起来', '是']
    """
    out = list(words)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if len(a) != 1 or len(b) < 2 or a in SINGLE_CHAR_STOP or a in STOP_ZH:
            continue
        if a + b in STOP_ZH:  # 加 / 起来: the grammar word 加起来 ("added up") whole
            out[k], out[k + 1] = a + b, ""
        elif a + b[0] in STOP_ZH:
            out[k], out[k + 1] = a + b[0], b[1:]
    return [w for w in out if w]


def segment_leftover(text: str, start: int, end: int, lex: Lexicon) -> list[Item]:
    """Chinese characters no term matched, as jieba words (general words, stop words or
    unknown).

    A leftover that is a grouping word on its own is that word: in "各州" jieba keeps the
    whole as one word, so 各 failed the word-boundary test when matched in place, while the
    term 州 after it matched; cut off by that term, 各 is the grouping word it is. Only
    grouping words: a grain character left over (年 of "年收入", annual income) is not a grain.
    A jieba word made of two general words ("数最多" = 数 + 最多, in "订单数最多的州") is
    those two words, unless one is a time grain.
    """
    out: list[Item] = []
    pos = start
    for word in regroup_grammar_words(segment(text[start:end], lex)):
        clipped = _clipped_noun(word, lex)
        if clipped:  # 各国: the grouping word and the noun it clips
            group = lex.general.get((word[0],), "")
            out.append(Item("role", word[0], pos, pos + 1, role=group))
            out.append(Item("domain", word[1], pos + 1, pos + 2, senses=clipped))
            pos += 2
            continue
        pair = (
            _general_pair(word, lex)
            or _count_and_classifier(word, lex)
            or which_period(word, lex)  # 几月: which month
        )
        if pair:
            for part, part_role in pair:
                part_kind: ItemKind = "role" if part_role else "stop"
                out.append(Item(part_kind, part, pos, pos + len(part), role=part_role))
                pos += len(part)
            continue
        role = lex.general.get(tuple(word)) if tuple(word) in _GROUP_WORDS else None
        kind: ItemKind = (
            "role"
            if role
            else "stop"
            if (word in STOP_ZH or (len(word) == 1 and word in SINGLE_CHAR_STOP))
            else "unknown"
        )
        if kind == "unknown" and _experiential(text, pos, word):
            kind = "stop"
        out.append(Item(kind, word, pos, pos + len(word), role=role or ""))
        pos += len(word)
    return out


def _experiential(text: str, pos: int, word: str) -> bool:
    """过 as the aspect particle of a verb before 的 or at the end ("校准过的设备", "有没有退过"):
    it says the thing happened, as 了 does, and changes no query. Only there: before a number
    it compares ("金额过万", over ten thousand), and before 了 it may be the verb itself
    ("过了期限", past the deadline). It was an unknown word, and the question was refused.

    >>> _experiential("校准过的设备", 2, "过"), _experiential("金额过万的订单", 2, "过")
    (True, False)
    """
    if word != "过" or pos == 0 or text[pos - 1].isdigit():
        return False
    nxt = text[pos + 1 : pos + 2]
    return nxt in ("", "的")
