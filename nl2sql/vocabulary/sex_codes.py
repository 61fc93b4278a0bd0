"""Sex codes as their words: 男性 / "male" for the value ``M`` of a gender dimension, and the
Chinese words for a value written as the English word (女 / 女性 for ``Female``).

Why: models store a person's sex as a one-letter code (``M`` / ``F``), while people say the
word, in Chinese always (男性患者, 女性会员). A letter alone reaches nothing: "男性患者的平均年龄"
and "average age of male patients" were refused. The words are general language; only a
dimension whose own name or label says gender or sex, and whose values are all one-letter
codes, gets them (``M`` elsewhere is a size, a month or a grade). The bridge is shown in the
interpretation ("男性 → M").

Values written as the words themselves (``Male`` / ``Female``)
reached the English word as typed, but 女会员 found nothing and 女性 only a weak adjective sense
of ECDICT (a clarification): the same general words are given to such a value, in a dimension
that says gender or sex, whatever its other values are ("Other", "Unknown" get none).
"""

from __future__ import annotations

from nl2sql.vocabulary.anchors import Anchor
from nl2sql.vocabulary.english import name_words

#: as sure as a dictionary's main sense: the words name one code each
SEX_CODE = 0.9
_DIMENSION_WORDS = frozenset({"gender", "sex"})
#: code -> the general words for it
WORDS = {
    "M": ("male", "males", "man", "men", "男", "男性", "男士", "男生"),
    "F": ("female", "females", "woman", "women", "女", "女性", "女士", "女生"),
}


#: a value written as the word: the code whose words it takes
_WORD_VALUES = {w: code for code, words in WORDS.items() for w in words if w.isascii()}


def says_sex(name: str, label: str) -> bool:
    """Whether a dimension's own name or label says gender or sex.

    >>> says_sex("member__gender", ""), says_sex("p__code", "Sex"), says_sex("m__age_group", "")
    (True, True, False)
    """
    return bool(_DIMENSION_WORDS & set(name_words(name.split("__")[-1]) + name_words(label or "")))


def is_sex_code_dimension(name: str, label: str, values: tuple[str, ...]) -> bool:
    """Whether a dimension says it holds sex and every value is a one-letter code.

    >>> is_sex_code_dimension("patient__gender", "Gender", ("M", "F"))
    True
    >>> is_sex_code_dimension("shirt__size", "Size", ("S", "M", "L"))
    False
    >>> is_sex_code_dimension("member__gender", "", ("Male", "Female"))
    False
    """
    codes = [str(v).strip() for v in values]
    return says_sex(name, label) and bool(codes) and all(len(c) == 1 for c in codes)


def sex_code_anchors(dimensions: list[tuple[str, str, tuple[str, ...]]]) -> list[Anchor]:
    """Word anchors for the sex-code values of ``(name, label, values)`` dimensions.

    >>> [(a.phrase, a.value) for a in sex_code_anchors([("p__sex", "", ("f", "m"))])][:2]
    [('female', 'f'), ('females', 'f')]
    """
    out = []
    for dim, label, values in dimensions:
        if is_sex_code_dimension(dim, label, values):
            for v in values:
                for word in WORDS.get(str(v).strip().upper(), ()):
                    out.append(Anchor(word, "value", dim, str(v), str(v), "sex_code", SEX_CODE))
            continue
        if says_sex(dim, label):
            out += _word_value_anchors(dim, values)
    return out


def _word_value_anchors(dim: str, values: tuple[str, ...]) -> list[Anchor]:
    """The Chinese words for each value written as an English sex word (``Female`` -> 女, 女性).

    Only the Chinese: the English words are the value's own spelling or its plural, which the
    value matching already reads. Two values of one sex (``Female`` and ``Woman``) get none.

    >>> [a.phrase for a in _word_value_anchors("m__gender", ("Female", "Male", "Other"))][:3]
    ['女', '女性', '女士']
    >>> _word_value_anchors("m__gender", ("Female", "Woman"))
    []
    """
    by_code: dict[str, list[str]] = {}
    for v in values:
        code = _WORD_VALUES.get(str(v).strip().lower())
        if code is not None:
            by_code.setdefault(code, []).append(str(v))
    out = []
    for code, hits in by_code.items():
        if len(hits) != 1:
            continue
        for word in WORDS[code]:
            if not word.isascii():
                out.append(Anchor(word, "value", dim, hits[0], hits[0], "sex_code", SEX_CODE))
    return out
