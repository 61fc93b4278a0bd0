"""An IBAN in remittance text is an account, not an order reference (session 9).

Found by the independent statement set: a Dutch MT940 ``:86:`` (``/IBAN/DE75…/REMI/WX… WX…``)
held a two-order transfer red because the IBAN read as a reference to no order. Cases from
several exports: MT940 free text, camt.053 ``AddtlNtryInf``, a Chinese bank memo quoting a
foreign payer's account, and order numbers that merely look like IBANs.
"""

from __future__ import annotations

import pytest

from lab.reconciliation.memo import parse_memos, patterns_from_examples

SO = patterns_from_examples("erp", ["SO2602100001", "SO2602100007"])
WX = patterns_from_examples("wx", ["WX2612300633", "WX2612300671"])
DE = patterns_from_examples("de", ["DE89370400440532013000"])  # a shop whose numbers look so


def _refs(memo: str, patterns) -> list[tuple[str, bool]]:
    cols = parse_memos([("F", memo)], patterns)
    return list(zip(cols["ref"], cols["valid"], strict=True))


CASES = [
    # MT940 /TRTP/ free text: the IBAN sat beside two real order numbers
    ("/TRTP/SEPA OVERBOEKING/IBAN/DE75512108001245126199/BIC/SOGEDEFF/NAME/NORDLICHT CAFE KG"
     "/REMI/WX2612300633 WX2612300671/EREF/NOTPROVIDED", WX,
     [("WX2612300633", True), ("WX2612300671", True)]),
    # camt.053 AddtlNtryInf, lower case
    ("sepa credit transfer gb29nwbk60161331926819 invoice so2602100001", SO,
     [("SO2602100001", True)]),
    # a Chinese bank memo quoting the payer's foreign account
    ("货款 SO2602100007 付款人账号FR7630006000011234567890189", SO, [("SO2602100007", True)]),
    # a string shaped like an IBAN whose check digits fail is still a suspicious reference
    ("INVOICE DE89370400440532013001 SO2602100001", SO,
     [("DE89370400440532013001", False), ("SO2602100001", True)]),
    # the warehouse's own numbers win, even when they would pass as an IBAN
    ("PAYMENT DE89370400440532013000", DE, [("DE89370400440532013000", True)]),
]  # fmt: skip


@pytest.mark.parametrize(("memo", "patterns", "expected"), CASES)
def test_an_iban_in_the_memo_is_not_a_reference(memo, patterns, expected):
    assert _refs(memo, patterns) == expected


def test_the_evidence_of_the_remaining_references_keeps_its_position():
    memo = "IBAN NL91ABNA0417164300 ORDER SO2602100001"
    cols = parse_memos([("F", memo)], SO)
    start, end = cols["ref_start"][0], cols["ref_end"][0]
    assert (memo[start:end], cols["ref_text"][0]) == ("SO2602100001", "SO2602100001")


WORDS = [
    # a Latin component word inside a longer word (a payer's name, an ordinary word) is not one
    ("PAYMENT FROM ATLAS INSURANCE SERVICES BV SO2602100001", ("goods",)),
    ("TAXI FARE REIMBURSEMENT SO2602100001", ("full",)),
    ("FULLERTON CLINIC SO2602100001", ("full",)),
    # whole words still count, glued to digits too; Chinese words inside running text too
    ("SO2602100001 FREIGHT", ("freight",)),
    ("SO2602100001TAX", ("tax",)),
    ("付SO2602100001运费", ("freight",)),
]


@pytest.mark.parametrize(("memo", "components"), WORDS)
def test_latin_component_words_count_only_as_whole_words(memo, components):
    assert parse_memos([("F", memo)], SO)["components"] == [list(components)]
