"""Chinese translations of English model words, from ECDICT (an English→Chinese dictionary).

Why a second dictionary, looked up from the model's side: CC-CEDICT is written from the Chinese
side, and its English glosses miss everyday business nouns as a model names them — no entry of
CC-CEDICT is glossed "visitor" or "packaging" alone, so 访客 and 包装 never reached a model
that says ``visitor`` or ``packaging``. ECDICT (github.com/skywind3000/ECDICT, MIT) lists, for
each English headword, the Chinese a reader is taught for it (``visitor``: "n. 参观者, 游客,
访客"). Looking the model's own words up there gives the Chinese a user types for them.

The shipped file ``ecdict_subset.tsv.xz`` is a derived subset (common words and the
two- and three-word phrases made of them; general, economics, computing, law and web lines;
``lab/tools/ecdict_subset.py`` builds it) with ECDICT's licence beside it. It is read once into
a stored table of entries and of their owners (:func:`tables`,
:mod:`nl2sql.vocabulary.dictionary_store`), where a model's vocabulary build looks up its own
words; the bridges are cached on disk, so questions never pay for either.

A translation line is read by its part of speech: noun lines (``n.``, unmarked lines and the
economics / computing / law lines) name things, adjective lines (``a.``) name kinds and values
(``damaged`` "a. 被损坏的" gives 损坏: the passive 被 and the attributive 的 are grammar, not the
word), web-usage lines (``[网络]``) are weaker, and verb lines are not read at all (a verb in a
question is not a model noun). Parenthesised notes are dropped.

>>> senses("n. 参观者, 游客, 访客\\\\n[法] 视察人, 检视人")[:4]
[('参观者', 0, 'noun'), ('游客', 1, 'noun'), ('访客', 2, 'noun'), ('视察人', 3, 'noun')]
>>> senses("a. 被损坏的")
[('损坏', 0, 'adj')]
>>> senses("n. 破坏, 毁坏\\\\nvt. 拆除")
[('破坏', 0, 'noun'), ('毁坏', 1, 'noun')]
"""

from __future__ import annotations

import functools
import hashlib
import json
import lzma
import re
from importlib import resources

from nl2sql.vocabulary.dictionary_store import LazyStore, Tables

DATA_FILE = "ecdict_subset.tsv.xz"
#: the kinds of translation line read, by their marker
_NOUN_MARKS = ("n.", "[经]", "[计]", "[法]")
_ADJ_MARKS = ("a.", "adj.")
_WEB_MARK = "[网络]"
_VERB_MARKS = ("v.", "vt.", "vi.", "vt.vi.", "adv.", "pron.", "prep.", "conj.", "int.", "abbr.")
_PAREN = re.compile(r"[（(][^）)]*[）)]")
_SPLIT = re.compile(r"[,，;；、/]")
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,6}$")
#: a Chinese word at this position or later in a headword's list is a rare sense: not read
MAX_POSITION = 3


class DictionaryMissing(RuntimeError):
    """The shipped ECDICT subset is not where the package puts it (a broken install)."""


def _kind(line: str) -> tuple[str | None, str]:
    """The kind of one translation line (noun / adj / web / None for verbs) and its text."""
    for mark in _NOUN_MARKS:
        if line.startswith(mark):
            return "noun", line[len(mark) :]
    for mark in _ADJ_MARKS:
        if line.startswith(mark):
            return "adj", line[len(mark) :]
    if line.startswith(_WEB_MARK):
        return "web", line[len(_WEB_MARK) :]
    if line.startswith(_VERB_MARKS) or line.startswith("["):
        return None, line
    return "noun", line  # an unmarked line: a phrase's translation ("单价")


def split_items(text: str) -> list[str]:
    """The items of one translation line's text, parenthesised notes dropped."""
    return _SPLIT.split(_PAREN.sub("", text))


def clean_item(item: str) -> str | None:
    """One translation item as a Chinese word, or None when it is no plain word."""
    w = item.strip().strip("…. ")
    w = w.removeprefix("被").removesuffix("的")  # grammar around an adjective, not the word
    return w if _CJK_WORD.match(w) else None


def senses(translation: str) -> list[tuple[str, int, str]]:
    """``(chinese, position, kind)`` for one ECDICT translation; positions count per kind."""
    out: list[tuple[str, int, str]] = []
    seen: dict[str, int] = {}
    for raw in translation.split("\\n"):
        kind, text = _kind(raw.strip())
        if kind is None:
            continue
        for item in split_items(text):
            word = clean_item(item)
            if word is None or (word, kind) in {(w, k) for w, _, k in out}:
                continue
            pos = seen.get(kind, 0)
            seen[kind] = pos + 1
            out.append((word, pos, kind))
    return out


def _read_text() -> str:
    """The subset's text; :class:`DictionaryMissing` when the file is not installed."""
    try:
        data = resources.files("nl2sql.vocabulary").joinpath(DATA_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise DictionaryMissing(f"ECDICT subset {DATA_FILE} is not installed") from exc
    return lzma.decompress(data).decode("utf-8")


@functools.cache
def resource_version() -> str:
    """A hash of the shipped subset ("absent" without it): part of the vocabulary cache key."""
    try:
        data = resources.files("nl2sql.vocabulary").joinpath(DATA_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError):
        return "absent"
    return hashlib.sha256(data).hexdigest()[:16]


@functools.cache
def _entries() -> dict[str, str]:
    """Headword (lower case) -> its translation text, as shipped."""
    out: dict[str, str] = {}
    for line in _read_text().splitlines():
        head, _, translation = line.partition("\t")
        if translation:
            out[head] = translation
    return out


def translation(word: str) -> str:
    """ECDICT's translation text of one headword ("" when it has none)."""
    return STORE().get("entry", word.lower()) or ""


@functools.cache
def chinese_for(phrase: str) -> tuple[tuple[str, int, str], ...]:
    """The Chinese ECDICT gives an English word or phrase, as ``(word, position, kind)``,
    positions below :data:`MAX_POSITION` only.

    >>> ("访客", 2, "noun") in chinese_for("visitor"), ("包装", 0, "noun") in chinese_for("packaging")
    (True, True)
    """
    text = STORE().get("entry", phrase.lower())
    if not text:
        return ()
    return tuple(s for s in senses(text) if s[1] < MAX_POSITION)


def _owners() -> dict[str, frozenset[tuple[str, str]]]:
    """Chinese word -> (headword, kind) of the headwords that list it first (noun or adj)."""
    out: dict[str, set[tuple[str, str]]] = {}
    for head, text in _entries().items():
        for word, pos, kind in senses(text):
            if pos == 0 and kind in ("noun", "adj"):
                out.setdefault(word, set()).add((head, kind))
    return {k: frozenset(v) for k, v in out.items()}


def tables() -> Tables:
    """The stored tables: each headword's translation, and each Chinese word's owners.

    Why stored: parsing every translation for :func:`owners` takes over a second, and a
    model's vocabulary build asks about a few hundred words.
    """
    return {
        "entry": _entries(),
        "owner": {
            word: json.dumps(sorted(heads), ensure_ascii=False, separators=(",", ":"))
            for word, heads in _owners().items()
        },
    }


STORE = LazyStore("ecdict", __file__, resource_version, tables)


@functools.cache
def _owned_by(word: str) -> tuple[tuple[str, str], ...]:
    raw = STORE().get("owner", word)
    return () if raw is None else tuple((h, k) for h, k in json.loads(raw))


def owners(word: str, kind: str | None = None) -> frozenset[str]:
    """The English headwords whose main sense (of ``kind``, or any) ``word`` is.

    Why: a Chinese word listed late for one English word may be another word's main sense
    (规则 is second for "order" but first for "rule"); a model naming "order" must not claim a
    user's 规则, which means a rule.

    >>> "rule" in owners("规则"), "order" in owners("规则"), "rule" in owners("规则", "noun")
    (True, False, True)
    """
    return frozenset(h for h, k in _owned_by(word) if kind is None or k == kind)
