"""Order-number ranges written in a memo: ``…211-13`` names 211, 212 and 213.

Its own module because :mod:`lab.reconciliation.memo` reads a memo's references and this reads
one abbreviation of them: which numbers an abbreviation after a full number stands for.
"""

from __future__ import annotations

#: the most numbers a written range (``…211-13``) may stand for; a longer one names its two ends
MAX_RANGE = 10


def range_or_end(memo: str, start: int, lone: bool, head: str, digits: str) -> list[str]:
    """The numbers an abbreviation after ``head`` names: its own (``…0841/42`` → …0842), or,
    after a dash that skips numbers (``…211-13``), every number from the head's next to it.

    Why: a dash between a number and a later one's last digits is a range in how people write
    order lists (``付 LT330604211-13 货款`` pays 211, 212 and 213); it was read as 211 and 213
    only, and a transfer of exactly the three orders was held as an overpayment of two
    (``recon_independent15``). Only a ``lone`` dash abbreviation (the one abbreviation after its
    head: no chain after ``/``, ``、`` or a second dash), written at ``start`` of ``memo``, is a
    range, of at most :data:`MAX_RANGE` numbers. A number inside that no
    order has holds the flow (rule 3), and the amount must fit every order named, so a payer
    who meant the two ends only is held for a person, never closed on three.

    >>> range_or_end("付LT330604211-13货款", 13, True, "LT330604211", "13")
    ['LT330604212', 'LT330604213']
    >>> range_or_end("付LT330604211-12货款", 13, True, "LT330604211", "12")
    ['LT330604212']
    >>> range_or_end("付LT330604211-13/15货款", 13, False, "LT330604211", "13")  # a chain
    ['LT330604213']
    """
    end = head[: -len(digits)] + digits
    if not lone or memo[start - 1 : start] != "-" or not end.isascii():
        return [end]
    first, last = head[-len(digits) :], digits
    if not (first.isdigit() and last.isdigit()) or not 1 < int(last) - int(first) < MAX_RANGE:
        return [end]
    width = len(digits)
    return [head[:-width] + str(n).zfill(width) for n in range(int(first) + 1, int(last) + 1)]
