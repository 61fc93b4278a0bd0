"""Sex codes as their words: 男性 / "male" for the value ``M`` of a gender dimension.

Why: models store a person's sex as a one-letter code (``M`` / ``F``), while people say the
word, in Chinese always (男性患者, 女性会员). A letter alone reaches nothing: "男性患者的平均年龄"
and "average age of male patients" were refused. The words are general language; only a
dimension whose own name or label says gender or sex, and whose values are all one-letter
codes, gets them (``M`` elsewhere is a size, a month or a grade). The bridge is shown in the
interpretation ("男性 → M").
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


def is_sex_code_dimension(name: str, label: str, values: tuple[str, ...]) -> bool:
    """Whether a dimension says it holds sex and every value is a one-letter code.

    >>> is_sex_code_dimension("patient__gender", "Gender", ("M", "F"))
    True
    >>> is_sex_code_dimension("shirt__size", "Size", ("S", "M", "L"))
    False
    >>> is_sex_code_dimension("member__gender", "", ("Male", "Female"))
    False
    """
    words = set(name_words(name.split("__")[-1]) + name_words(label or ""))
    codes = [str(v).strip() for v in values]
    return bool(_DIMENSION_WORDS & words) and bool(codes) and all(len(c) == 1 for c in codes)


def sex_code_anchors(dimensions: list[tuple[str, str, tuple[str, ...]]]) -> list[Anchor]:
    """Word anchors for the sex-code values of ``(name, label, values)`` dimensions.

    >>> [(a.phrase, a.value) for a in sex_code_anchors([("p__sex", "", ("f", "m"))])][:2]
    [('female', 'f'), ('females', 'f')]
    """
    out = []
    for dim, label, values in dimensions:
        if not is_sex_code_dimension(dim, label, values):
            continue
        for v in values:
            for word in WORDS.get(str(v).strip().upper(), ()):
                out.append(Anchor(word, "value", dim, str(v), str(v), "sex_code", SEX_CODE))
    return out
