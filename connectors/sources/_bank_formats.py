"""Exports whose header says which bank or service wrote them, and what that export's format
documents that the file itself may not show.

Why a module of its own: most of a bank CSV is read from what the file shows (a day above 12
shows the date order, a currency column its currency). A few exports write ``03-06-2026`` on
every line of a short statement, so the file alone cannot tell 3 June from 6 March — but the
export's own format says it: a Wise statement (``TransferWise ID`` … ``Running Balance``)
writes ``dd-mm-yyyy``, Chase's and Bank of America's downloads write ``mm/dd/yyyy``. Such a
convention is read only when the header carries the export's own set of column names (its
signature), and a date of the file that contradicts it refuses the file
(:func:`connectors.sources._bank_dates.date_order`): the convention replaces no evidence.

Sources (public descriptions of the exports, checked against open-source importers): Wise's
statement CSV (``TransferWise ID, Date, Amount, Currency, Description, Payment Reference,
Running Balance, …, Payer Name, Payee Name, Payee Account Number, Merchant, …, Total fees``;
``Amount`` is the signed change of the balance, fees included); Chase checking (``Details,
Posting Date, Description, Amount, Type, Balance, Check or Slip #``) and Chase card
(``Transaction Date, Post Date, Description, Category, Type, Amount``); Bank of America
(``Date, Description, Amount, Running Bal.``).
"""

from __future__ import annotations

from dataclasses import dataclass

from connectors.sources._bank_headers import bare, key


@dataclass(frozen=True)
class Export:
    """One export's signature (column names all present) and its documented date order."""

    name: str
    signature: frozenset[str]
    date_order: str  # "dmy" (day first) or "mdy" (month first)


def _sig(*names: str) -> frozenset[str]:
    return frozenset(key(n) for n in names)


EXPORTS = (
    Export("a Wise statement", _sig("TransferWise ID", "Date", "Amount", "Running Balance"), "dmy"),
    Export("a Chase checking download",
           _sig("Details", "Posting Date", "Description", "Amount", "Check or Slip #"), "mdy"),
    Export("a Chase card download",
           _sig("Transaction Date", "Post Date", "Description", "Category", "Type", "Amount"),
           "mdy"),
    Export("a Bank of America download", _sig("Date", "Description", "Amount", "Running Bal."),
           "mdy"),
)  # fmt: skip


def known_export(cols: list[str]) -> Export | None:
    """The export whose signature the header carries, else None.

    >>> known_export(["TransferWise ID", "Date", "Amount", "Currency", "Running Balance"]).name
    'a Wise statement'
    >>> known_export(["Date", "Amount", "Description"]) is None
    True
    """
    have = {key(bare(c)) for c in cols}
    return next((e for e in EXPORTS if e.signature <= have), None)


#: A card acquirer's (POS) transaction detail names the terminal or the card of each sale; a
#: bank statement names neither. Its lines are sales, not money on an account: the acquirer
#: pays them to the bank later as one settlement lump, which the bank statement shows.
TERMINAL = _sig("终端号", "终端编号", "终端代码", "Terminal ID", "Terminal", "Terminal Number")
CARD = _sig("卡号", "交易卡号", "Card Number", "Card No", "PAN", "Masked PAN")
#: (not a plain fee or net column: a wallet or business account lists card payments with those)
SETTLED = _sig("结算金额", "清算金额", "Settlement Amount")


def card_sales_columns(cols: list[str]) -> list[str]:
    """The columns that show a header is a card acquirer's sales detail, not a bank statement:
    a terminal column, or a card-number column beside the settlement amount of each sale. Empty when the header is a statement's.

    Why refuse such a file rather than load it: loaded as a bank statement each card sale
    becomes money on the account, and the acquirer's lump that really reached the bank counts
    the same sales a second time.

    >>> card_sales_columns(["交易日期", "终端号", "卡号", "交易金额", "手续费", "结算金额"])
    ['终端号', '卡号']
    >>> card_sales_columns(["交易日期", "卡号", "交易金额", "余额"])
    []
    >>> card_sales_columns(["Date completed (UTC)", "Card number", "Amount", "Fee", "Balance"])
    []
    """
    have = {key(bare(c)): c for c in cols}
    terminal = [c for k, c in have.items() if k in TERMINAL]
    card = [c for k, c in have.items() if k in CARD]
    if terminal or (card and any(k in SETTLED for k in have)):
        return terminal + card
    return []
