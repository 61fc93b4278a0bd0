"""A payment provider's settlement or payout report, told apart from a bank statement by its
header, so that refusing it can say what it is.

Why a module of its own: only the refusal of a file with no bank date column uses it
(:func:`connectors.sources._bank_header_line.find_header`), and it needs nothing of the header
lists there (``_bank_formats`` imports those, so it could not live there without a cycle).
"""

from __future__ import annotations

import re

#: Words of a payment provider's settlement or payout report (Adyen settlement detail, Stripe
#: balance history, PayPal / Checkout.com payout reports): the provider's own reference of each
#: payment, and the gross / fee / net split it pays out. A bank statement does not split a line
#: so. General English of that trade, not one provider's header list.
_SETTLEMENT_SPLIT = frozenset(
    {"gross", "net", "fee", "fees", "commission", "interchange", "markup", "payout"}
)
_SETTLEMENT_REF = frozenset({"psp", "merchant", "payout", "settlement", "batch"})


def settlement_report_columns(cells: list[str]) -> list[str]:
    """The cells that show a header line is a payment provider's settlement report (at least
    two cells of its gross / fee / net split, or one with a provider or merchant reference
    beside it); empty when they do not.

    Why: such a report fed as ``bank-csv`` has no bank date column and was refused with "no
    header line with a date column … is this a bank statement CSV?", which does not tell the
    person what the file is or what to ingest instead. Only that refusal's message uses it.

    >>> settlement_report_columns(["Merchant Account", "Psp Reference", "Creation Date",
    ...     "Gross Credit (GC)", "Net Credit (NC)", "Commission (NC)"])
    ['Merchant Account', 'Psp Reference', 'Gross Credit (GC)', 'Net Credit (NC)', 'Commission (NC)']
    >>> settlement_report_columns(["id", "Type", "Amount", "Fee", "Net", "Created (UTC)"])
    ['Fee', 'Net']
    >>> settlement_report_columns(["Valutadatum", "Omschrijving", "Bedrag", "Fee"])
    []
    """
    words = [set(re.findall(r"[a-z]+", c.casefold())) for c in cells]
    split = [c for c, w in zip(cells, words, strict=True) if w & _SETTLEMENT_SPLIT]
    ref = [c for c, w in zip(cells, words, strict=True) if w & _SETTLEMENT_REF and c not in split]
    if len(split) >= 2 or (split and ref):
        return [c for c in cells if c in split or c in ref]
    return []
