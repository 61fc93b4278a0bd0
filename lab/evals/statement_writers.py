"""Writers of bank statements as banks send them: MT940, camt.053 (any version) and CSV exports.

Why here: the generated statement-trap evaluation (``lab.evals.recon_statements``) must feed
the real readers byte-for-byte realistic files — several statements per file, ``:62M:`` pages,
reversal marks, structured ``:86:``, camt batches and party names by version — with balances
that add up unless a trap says otherwise. The writers know nothing of the readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Line:
    """One statement entry: its signed effect on the balance and the text that writes it."""

    amount: Decimal
    text: str


def mt940_amount(value: Decimal) -> str:
    """MT940 amounts: no sign, a decimal comma (``1580,00``)."""
    return f"{abs(value):.2f}".replace(".", ",")


def mt940_entry(
    day: str, mark: str, amount: Decimal, reference: str, details: str, *, funds: str = ""
) -> Line:
    """A ``:61:`` + ``:86:`` pair; ``day`` is YYMMDD, ``amount`` the signed balance effect."""
    text = f":61:{day}{day[2:]}{mark}{funds}{mt940_amount(amount)}NTRF{reference}\n:86:{details}"
    return Line(amount, text)


@dataclass
class Mt940Statement:
    """One ``:20:`` message; ``pages`` > 1 writes ``:62M:``/``:60M:`` intermediate balances."""

    tag: str
    account: str
    currency: str
    opening: Decimal
    entries: list[Line] = field(default_factory=list)
    pages: int = 1
    closing_error: Decimal = Decimal(0)  # a trap: the written closing balance is off by this

    def text(self, day: str) -> str:
        """The statement; every page has its own :20:/:25:/:28C: header, as banks send them."""
        out: list[str] = []
        balance = self.opening
        size = max(1, -(-len(self.entries) // self.pages))
        chunks = [self.entries[i : i + size] for i in range(0, len(self.entries), size)] or [[]]
        for n, chunk in enumerate(chunks, 1):
            last = n == len(chunks)
            out += [f":20:{self.tag}", f":25:{self.account}", f":28C:1/{n}"]
            out.append(f":{'60F' if n == 1 else '60M'}:{self._bal(balance, day)}")
            out += [e.text for e in chunk]
            balance += sum((e.amount for e in chunk), Decimal(0))
            shown = balance + (self.closing_error if last else 0)
            out.append(f":{'62F' if last else '62M'}:{self._bal(shown, day)}")
        return "\n".join(out)

    def _bal(self, value: Decimal, day: str) -> str:
        return f"{'D' if value < 0 else 'C'}{day}{self.currency}{mt940_amount(value)}"


def camt_entry(
    ref: str,
    amount: Decimal,
    booked: str,
    *,
    version: int,
    payers: list[tuple[str | None, list[str], Decimal, str | None]],
    reversal: bool = False,
    currency: str = "CNY",
) -> Line:
    """One ``Ntry``; ``payers`` = (name, remittance lines, amount, EndToEndId) per TxDtls.

    From .001.08 on the name sits in ``Pty`` and each TxDtls carries its own ``Amt``.
    """
    ind = "DBIT" if amount < 0 else "CRDT"
    role = "Cdtr" if amount < 0 else "Dbtr"
    txs = []
    for name, remittance, part, e2e in payers:
        tx = f"<TxDtls><Refs><EndToEndId>{e2e or 'NOTPROVIDED'}</EndToEndId></Refs>"
        if version >= 8:
            tx += f'<Amt Ccy="{currency}">{part:.2f}</Amt><CdtDbtInd>{ind}</CdtDbtInd>'
        tx += f'<AmtDtls><TxAmt><Amt Ccy="{currency}">{part:.2f}</Amt></TxAmt></AmtDtls>'
        if name:
            nm = f"<Pty><Nm>{name}</Nm></Pty>" if version >= 8 else f"<Nm>{name}</Nm>"
            tx += f"<RltdPties><{role}>{nm}</{role}></RltdPties>"
        if remittance:
            tx += "<RmtInf>" + "".join(f"<Ustrd>{u}</Ustrd>" for u in remittance) + "</RmtInf>"
        txs.append(tx + "</TxDtls>")
    batch = f"<Btch><NbOfTxs>{len(payers)}</NbOfTxs></Btch>" if len(payers) > 1 else ""
    status = "<Sts><Cd>BOOK</Cd></Sts>" if version >= 8 else "<Sts>BOOK</Sts>"
    text = (
        f'<Ntry><Amt Ccy="{currency}">{abs(amount):.2f}</Amt><CdtDbtInd>{ind}</CdtDbtInd>'
        + ("<RvslInd>true</RvslInd>" if reversal else "")
        + f"{status}<BookgDt><Dt>{booked}</Dt></BookgDt><ValDt><Dt>{booked}</Dt></ValDt>"
        f"<AcctSvcrRef>{ref}</AcctSvcrRef><NtryDtls>{batch}{''.join(txs)}</NtryDtls></Ntry>"
    )
    return Line(amount, text)


def camt_document(
    version: int, iban: str, opening: Decimal, entries: list[Line], *, with_closing: bool = True
) -> str:
    """A camt.053.001.0<version> document with one balanced ``Stmt`` (or no CLBD: a trap)."""

    def bal(code: str, value: Decimal) -> str:
        ind = "DBIT" if value < 0 else "CRDT"
        return (
            f"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp>"
            f'<Amt Ccy="CNY">{abs(value):.2f}</Amt><CdtDbtInd>{ind}</CdtDbtInd></Bal>'
        )

    closing = opening + sum((e.amount for e in entries), Decimal(0))
    balances = bal("OPBD", opening) + (bal("CLBD", closing) if with_closing else "")
    ns = f"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version:02d}"
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Document xmlns="{ns}"><BkToCstmrStmt>'
        f"<GrpHdr><MsgId>M{version}</MsgId></GrpHdr><Stmt><Id>S{version}</Id>"
        f"<Acct><Id><IBAN>{iban}</IBAN></Id></Acct>{balances}"
        + "".join(e.text for e in entries)
        + "</Stmt></BkToCstmrStmt></Document>\n"
    )
