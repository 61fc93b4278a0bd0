"""Customers' names inside remittance text: a name, never a component word.

Why: a free-text MT940 ``:86:`` (Barclays, HSBC, Standard Chartered) writes the payer's name
and the remittance as one run of words with no ``/NAME/`` sub-field to cut the name off:
``NORDWIND FREIGHT GMBH INV PO27-10108``. The memo parser read ``FREIGHT`` as "this money is
the order's freight" (``TAX``, ``SERVICE``, ``SHIPPING`` and Chinese names holding 税 alike),
the amount then disagreed with the freight, and a payment of the whole order was held red. The
customers' own names are known to the warehouse: a name that holds such a word is blanked out
of the memo before the words are read (same length, so evidence spans keep their positions).
A word outside the name (``… GMBH FREIGHT PO…``) still counts, so nothing a payer wrote about
the money is dropped; at worst a freight-only payment by a customer named ``… FREIGHT …`` is
read as a payment of the whole order — it then does not add up and is held, never closed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb

from lab.reconciliation.memo import component_words


def _more_than_words(name: str, words: set[str]) -> bool:
    """True when ``name`` says more than its component words (three letters or digits more).

    Why: a "name" that is only such a word (a customer recorded as ``FREIGHT`` or ``税``) would
    blank that word out of every memo, and what payers write about their money with it.

    >>> _more_than_words("FREIGHT", {"FREIGHT"}), _more_than_words("税", {"税"})
    (False, False)
    >>> _more_than_words("NORDWIND FREIGHT GMBH", {"FREIGHT"}), _more_than_words("税友软件", {"税"})
    (True, True)
    """
    rest = name.upper()
    for word in words:
        rest = rest.replace(word, "")
    return sum(ch.isalnum() for ch in rest) >= 3


class NameMask:
    """Blank known names (those holding a component word) out of memo texts.

    >>> mask = NameMask(["NORDWIND FREIGHT GMBH", "上海税友软件有限公司", "ACME LTD"])
    >>> mask("Nordwind Freight GmbH INV PO27-10108")
    '                      INV PO27-10108'
    >>> mask("NORDWIND FREIGHTS GMBH PO1 FREIGHT")  # not the name: left as written
    'NORDWIND FREIGHTS GMBH PO1 FREIGHT'
    >>> mask("上海税友软件有限公司货款 JD1")
    '          货款 JD1'
    >>> NameMask(["FREIGHT"])("FREIGHT PO1")  # a name that is only the word masks nothing
    'FREIGHT PO1'
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._by_word: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for name in sorted({" ".join(n.split()) for n in names if n and n.strip()}, key=len,
                           reverse=True):  # fmt: skip
            words = component_words(name)
            if not words or not _more_than_words(name, words):
                continue
            body = r"\s+".join(re.escape(w) for w in name.split())
            if name.isascii():  # a Latin name only as whole words, as the component words are
                body = rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"
            pattern = re.compile(body, re.IGNORECASE)
            for word in words:
                self._by_word.setdefault(word, []).append((name.upper().split()[0], pattern))
        # one C-level scan per memo finds the words some name holds (no per-character Python)
        self._trigger = re.compile(
            "|".join(
                rf"(?<![A-Z]){re.escape(w)}(?![A-Z])" if w.isascii() else re.escape(w)
                for w in sorted(self._by_word, key=len, reverse=True)
            )
        )

    def __bool__(self) -> bool:
        return bool(self._by_word)

    def __call__(self, memo: str) -> str:
        """``memo`` with every known name that holds a component word replaced by spaces."""
        if not self._by_word:
            return memo
        upper = memo.upper()
        for word in {m.group() for m in self._trigger.finditer(upper)}:
            for first, pattern in self._by_word.get(word, ()):
                if first in upper:  # cheap test before the regular expression
                    memo = pattern.sub(lambda m: " " * len(m.group()), memo)
        return memo


def customer_name_mask(con: duckdb.DuckDBPyConnection) -> NameMask:
    """A :class:`NameMask` over the warehouse's customer names that hold a component word."""
    rows = con.execute(
        "select distinct customer_name from customers where customer_name is not null"
    ).fetchall()
    return NameMask(name for (name,) in rows)
