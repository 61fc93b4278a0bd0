"""The first characters that make a spreadsheet run a text cell as a formula.

Why in ``connectors`` (the lowest layer): the ingest's rejects CSV, written here, must treat them
as text like every other CSV and workbook OrderLens writes for people to open
(:mod:`lab.spreadsheet_cells`, which re-exports this and holds the rest of the rule).
"""

from __future__ import annotations

import re

#: First characters that make a spreadsheet read a text cell as a formula (OWASP "CSV
#: injection"): ``=``, ``+``, ``-``, ``@``, tab and CR.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

#: The characters a spreadsheet may split an unquoted CSV cell at, besides the file's ``,``.
#: Why these two (session 28): Excel opens a ``.csv`` split at the Windows list separator,
#: ``;`` in German, French or Spanish settings (``,`` is the file's own separator, and a cell
#: holding one is quoted by every CSV writer); LibreOffice Calc asks in its Text Import dialog,
#: whose ticks are Tab, Comma, Semicolon, Space and Other. Tab and ``;`` are the two a reader
#: ticks without typing; ``|`` and space need "Other"/"Space" in LibreOffice, and Excel never
#: splits a ``.csv`` at them: not guarded (a cell ``a b`` or ``a|b`` is data, and guarding every
#: character would mark ordinary text).
SEPARATORS = ";\t"

#: A separator, spaces, then a part that starts like a formula (one regex for Python's ``re``
#: and DuckDB's RE2, which has no look-ahead; group 1 the separator, group 2 the part's start).
#: A part that is a plain signed number (``-5``, ``+1.5``, ``-1,000``) up to the next separator
#: or the end is left plain: a spreadsheet reads it as that number, never as a formula, and a
#: ``'`` inside it would show in the cell for every reader splitting only at ``,`` (``3;-5``
#: read ``3;'-5`` before). A sign followed by anything else (``-5+3``, ``-cmd``) is guarded.
#: A tab is both a start (for a reader splitting at ``;`` only) and a separator (for one
#: splitting at tabs): a match that takes a tab as a part's start consumes it, so the part after
#: it is guarded by a second pass (:data:`PASSES`; a guarded part starts with ``'``, which is no
#: start, so further passes change nothing).
AFTER_SEPARATOR = r"([;\t])( *(?:[=@\t\r]|[+\-][0-9.,]*[^0-9.,;\t]))"
PASSES = 2
#: What replaces :data:`AFTER_SEPARATOR`: the separator, a ``'``, then the part unchanged.
AFTER_SEPARATOR_INERT = r"\1'\2"


def inert_parts(text: str) -> str:
    """``text`` with every ``;``- or tab-separated part after the first that starts like a
    formula prefixed with ``'`` (the first part is the cell's start, which the caller guards);
    parts that are plain numbers stay as they are.

    >>> inert_parts('x;=HYPERLINK("h")'), inert_parts("a; -1x;b"), inert_parts("3;-5;+1.5")
    ('x;\\'=HYPERLINK("h")', "a;' -1x;b", '3;-5;+1.5')
    >>> inert_parts("a\\t@SUM(A1)"), inert_parts("a|=1"), inert_parts("a;\\t=1")
    ("a\\t'@SUM(A1)", 'a|=1', "a;'\\t'=1")
    """
    for _ in range(PASSES):
        text = re.sub(AFTER_SEPARATOR, AFTER_SEPARATOR_INERT, text)
    return text


def inert_sql(column: str) -> str:
    """DuckDB SQL for ``column`` as text, prefixed with ``'`` where it starts like a formula,
    and every ``;``- or tab-separated part likewise (:func:`inert_parts`, by the same regex).

    ``column`` is a column name of OrderLens's own (never user text); the starts are bound as
    the parameter ``$formula_starts`` (:data:`FORMULA_STARTS`); the regex and its replacement
    are constants of this module.
    """
    sql_quoted = AFTER_SEPARATOR_INERT.replace("'", "''")
    text = f"CAST({column} AS VARCHAR)"
    for _ in range(PASSES):
        text = f"regexp_replace({text}, '{AFTER_SEPARATOR}', '{sql_quoted}', 'g')"
    return (
        f"CASE WHEN list_contains($formula_starts, left({text}, 1)) "
        f"THEN '''' || {text} ELSE {text} END"
    )
