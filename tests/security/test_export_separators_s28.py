"""Red team, session 28: which separators the CSV guard treats as cell boundaries, and plain
numbers kept plain.

Session 27 guarded each ``;``-part of a text cell (Excel where ``;`` is the list separator).
Two leftovers: a part that is a plain number was marked too (``3;-5`` exported as ``3;'-5``,
so every reader splitting only at ``,`` saw a stray ``'`` inside the value), and tab, the other
separator a LibreOffice reader ticks in its Text Import dialog without typing, was not a
boundary (``x<TAB>=1+1`` read with tabs gave a cell ``=1+1``). ``|`` is not guarded on purpose
(Excel never splits a ``.csv`` at it; LibreOffice only with "Other" typed in): pinned below so a
change of that decision is deliberate. Every file is read back as such a reader reads it.
"""

from __future__ import annotations

import csv
import io
import re

import duckdb

from connectors.spreadsheet_text import FORMULA_STARTS, inert_sql
from lab.server.presentation import export_table
from lab.spreadsheet_cells import inert

PLAIN = ["3;-5", "a;+1.5;-1,000", "x; -2", "a;-;b", "1\t-5\t+2"]
HOSTILE_TABS = ["x\t=1+1", "a\t@SUM(A1)", "b\t-2+3\tc", "c;\t=1", "d\t\t+cmd|' /C calc'!A0"]


def _live(cells: list[str]) -> list[str]:
    """The cells a spreadsheet would run (leading spaces are no protection); a plain signed
    number (``-5``, ``+1.5``) is read as that number, a lone sign as text."""
    return [
        c
        for c in cells
        if c.lstrip(" ").startswith(FORMULA_STARTS) and not re.fullmatch(r" *[+-][0-9.,]*", c)
    ]


def _cells(text: str, delimiter: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]


def test_a_plain_number_part_stays_plain() -> None:
    assert [inert(v) for v in PLAIN] == PLAIN
    # a sign followed by more than a number is still a formula start
    assert inert("3;-5+2") == "3;'-5+2" and inert("3;-cmd") == "3;'-cmd"
    assert inert("3;-1e5") == "3;'-1e5"  # over-guarded, never under: the exponent is a letter


def test_tab_separated_parts_are_inert() -> None:
    got = [inert(v) for v in HOSTILE_TABS]
    for value in got:
        for sep in ";\t":
            assert _live(value.split(sep)[1:]) == [], (sep, value)
    assert got[0] == "x\t'=1+1"
    assert got[3] == "c;'\t'=1"  # both readers: ';' sees '\t'=1', a tab reader sees ''=1'


def test_the_answer_export_read_with_tabs_holds_no_formula_and_keeps_numbers() -> None:
    data = export_table(["name"], [[v] for v in [*HOSTILE_TABS, *PLAIN]], "csv")
    text = data.decode("utf-8-sig")
    assert _live(_cells(text, "\t")[1:]) == []
    assert _live(_cells(text, ";")[1:]) == []
    rows = list(csv.reader(io.StringIO(text)))
    assert [r[0] for r in rows[-len(PLAIN) :]] == PLAIN  # read at ',': exactly the values


def test_a_pipe_is_not_a_boundary() -> None:
    assert inert("a|=1") == "a|=1" and inert("a|-5") == "a|-5"


def test_inert_sql_agrees_with_inert() -> None:
    con = duckdb.connect()
    values = [*PLAIN, *HOSTILE_TABS, "3;-5+2", "a|=1", "=x"]
    got = [
        con.execute(
            f"SELECT {inert_sql('$v')}", {"v": v, "formula_starts": list(FORMULA_STARTS)}
        ).fetchone()[0]  # type: ignore[index]
        for v in values
    ]
    assert got == [inert(v) for v in values]
    assert got[: len(PLAIN)] == PLAIN
