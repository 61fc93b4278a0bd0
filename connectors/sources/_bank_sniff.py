"""Statement files of another format given to the bank-CSV reader: named, and refused.

Why: an OFX / QFX / QBO download (Open Financial Exchange, what US banks offer for Quicken and
QuickBooks), a QIF file, an MT940 or a camt.053 handed to ``bank-csv`` was refused with "no
header line with a date column … is this a bank statement CSV?", which does not tell the person
what the file is or what to do (``recon_independent10`` a3). The first bytes say what it is; the
message names it and the way in: MT940 and camt.053 have readers of their own, OFX and QIF have
none, nor has BAI2 (a US bank's balance report), so the bank's CSV (or MT940 / camt.053)
export is asked for. Nothing is read from such a
file: OFX's amounts are signed by ``TRNTYPE`` conventions that differ between banks, and a guess
books money the wrong way.
"""

from __future__ import annotations

import re
from pathlib import Path

from connectors.errors import IngestError

_HEAD = 4096
#: (what the file is, how to recognise it in its first bytes, what to do)
_FORMATS: tuple[tuple[str, re.Pattern[bytes], str], ...] = (
    (
        "an OFX / QFX file (Open Financial Exchange)",
        re.compile(rb"\A\s*(?:\xef\xbb\xbf)?(?:OFXHEADER\s*:|<\?xml[^>]*>\s*<\?OFX|<OFX>)", re.I),
        "OrderLens does not read OFX; download the statement as CSV (or MT940 / camt.053) and "
        "ingest that",
    ),
    (
        "a QIF file (Quicken Interchange Format)",
        re.compile(rb"\A\s*(?:\xef\xbb\xbf)?!(?:Type|Account|Option)\s*:", re.I),
        "OrderLens does not read QIF; download the statement as CSV (or MT940 / camt.053) and "
        "ingest that",
    ),
    (
        # session 26 (recon_independent17 a8): it was refused as "no header line with a date
        # column", which does not say what the file is. A reader was weighed and not written:
        # BAI2 is a US bank-to-company balance report (prior-day / intraday), and the same
        # account's statement comes as CSV, MT940 or camt.053, which are read
        "a BAI2 file (BAI cash-management balance report)",
        re.compile(rb"\A\s*01,[^\r\n]*\r?\n02,[^\r\n]*\r?\n03,"),
        "OrderLens does not read BAI2; download the account's statement as CSV (or MT940 / "
        "camt.053) and ingest that",
    ),
    (
        "an MT940 statement",
        re.compile(rb"\A(?:[\s\S]{0,400}?)^:20:[\s\S]*?^:(?:25|60[FM]):", re.M),
        "ingest it with the mt940 format: orderlens ingest mt940 FILE",
    ),
    (
        "a camt.053 / ISO 20022 XML statement",
        re.compile(
            rb"\A\s*(?:\xef\xbb\xbf)?(?:<\?xml[^>]*>\s*)?<(?:\w+:)?Document[^>]*camt\.05", re.I
        ),
        "ingest it with the camt053 format: orderlens ingest camt053 FILE",
    ),
)


def other_format(head: bytes) -> tuple[str, str] | None:
    """(what the file is, what to do) when its first bytes are another statement format.

    >>> other_format(b"OFXHEADER:100\\nDATA:OFXSGML\\n")[0]
    'an OFX / QFX file (Open Financial Exchange)'
    >>> other_format(b"01,CITIUS33,ACME,340614,0600,1,80,,2/\\n02,ACME,CITIUS33,1/\\n03,1,USD/")[0]
    'a BAI2 file (BAI cash-management balance report)'
    >>> other_format(b"Date,Amount,Description\\n") is None
    True
    """
    for what, pattern, todo in _FORMATS:
        if pattern.search(head):
            return what, todo
    return None


def refuse_other_format(path: Path) -> None:
    """Refuse a file that is another statement format, naming it (see the module doc)."""
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    found = other_format(head)
    if found is not None:
        what, todo = found
        raise IngestError(f"{path}: this is {what}, not a bank CSV or XLSX export; {todo}")
