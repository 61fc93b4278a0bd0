"""A bank CSV's header: which line it is, its delimiter, its column names and its currency.

Why a module of its own: the bank-CSV reader takes Chinese 网银 exports, payment platforms'
ledgers, English-language banks' CSVs and Western European exports (German Umsätze / CSV-CAMT,
Dutch ING / Rabobank / ABN AMRO, French banks). They differ in the words of the header, the
delimiter (``;`` in Europe, where ``,`` is the decimal mark), the lines above the header, and
where the currency is written: a column (币种, Währung, Munt, Devise, Currency), the amount
column's header (``Bedrag (EUR)``, ``Betrag (EUR)``, ``Montant (€)``) or a line above the table
(``Währung: EUR``). Knowing the names also decides the file's encoding
(:func:`connectors.sources._text.detect_statement_encoding` counts them).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from connectors.errors import IngestError
from connectors.sources._bank_settlement import settlement_report_columns
from connectors.sources._bank_words_other import CURRENCY_LABELS
from connectors.sources._text import iter_lines

# Chinese headers first, then what payment platforms' account ledgers (支付宝账务明细: 发生时间,
# 账务流水号, 商户订单号) and English-language banks' exports (US/UK: Posting Date, Debit/Credit,
# Withdrawals/Deposits, Description, Reference) call the same columns. Matched case-insensitively,
# without a trailing ':' or '.' and with spaces around '/' ignored; the first name present wins.
DATE_CN_EN = ("交易日期", "记账日期", "入账日期", "交易日", "交易时间", "发生时间", "记账时间", "入账时间",
              "Posting Date", "Post Date", "Transaction Date", "Booking Date",
              "Date completed (UTC)", "Completed Date", "Created (UTC)", "Date")  # fmt: skip
#: Western European banks' booking-date headers (DE Sparkasse / Deutsche Bank / Commerzbank /
#: DKB, NL ING / Rabobank / ABN AMRO, FR): a file named by these states its currency or is refused
DATE_EU = ("Buchungstag", "Buchungsdatum", "Datum", "Transactiedatum", "Boekdatum",
           "Date de l'opération", "Date opération", "Date d'opération", "Date de comptabilisation",
           # Italian and Spanish banks (Data valuta / Fecha valor is the value date, never this)
           "Data operazione", "Data contabile", "Data registrazione", "Data",
           "Fecha operación", "Fecha de operación", "Fecha contable", "Fecha",
           # Norwegian / Danish, Polish and Portuguese (Brazil) banks' booking-date headers
           # (Rentedato / Data waluty are value dates, never these)
           "Dato", "Bogføringsdato", "Bokføringsdato", "Data operacji", "Data księgowania",
           "Data transakcji", "Data lançamento", "Data do lançamento", "Data movimento")  # fmt: skip
DATE = DATE_CN_EN + DATE_EU
CREDIT = ("收入金额", "收入", "贷方发生额", "贷方金额",
          "Credit", "Credits", "Credit Amount", "Deposits", "Deposit", "Paid In", "Money In",
          "Haben", "Gutschrift", "Crédit", "Accrediti", "Entrate", "Avere", "Ingresos", "Abonos",
          "Haber", "Inn på konto", "Innskudd", "Inn", "Crédito", "Créditos", "Entradas",
          "Uznania", "Abono", "Depósitos", "Depósito")  # fmt: skip
DEBIT = ("支出金额", "支出", "借方发生额", "借方金额",
         "Debit", "Debits", "Debit Amount", "Withdrawals", "Withdrawal", "Paid Out", "Money Out",
         "Soll", "Lastschrift", "Belastung", "Débit", "Addebiti", "Uscite", "Dare", "Gastos",
         "Cargos", "Debe", "Ut fra konto", "Uttak", "Ut", "Débito", "Débitos", "Saídas",
         "Obciążenia", "Cargo", "Retiros", "Retiro")  # fmt: skip
NAME = ("对方户名", "对方账户名称", "对方名称", "对方单位", "对方单位名称", "收(付)方名称", "收(付)方户名",
        "Counterparty", "Counterparty Name", "Payer", "Payer Name", "Payee",
        "Auftraggeber/Empfänger", "Begünstigter/Auftraggeber", "Beguenstigter/Zahlungspflichtiger",
        "Zahlungspflichtiger", "Naam tegenpartij", "Naam/Omschrijving", "Tegenpartij",
        "Bénéficiaire", "Payee Name", "Merchant", "Partner Name", "Name")  # fmt: skip
ACCT = ("对方账号", "对方账户", "对方卡号", "收(付)方帐号", "收(付)方账号", "Counterparty Account",
        "Tegenrekening", "Tegenrekening IBAN/BBAN", "Kontonummer/IBAN", "IBAN",
        "Payee Account Number", "Partner Iban")  # fmt: skip
#: a service's own id of each line (Wise, PayPal, Revolut, Stripe): with one, the file's
#: ``Reference`` is the payer's text (Revolut), read into the memo, not the bank's serial
IDS = ("TransferWise ID", "Transaction ID", "ID")
#: memo columns, all present joined; 商户订单号 is the merchant's own order number a payment
#: platform's ledger puts beside each payment (the order reference, in a column of its own);
#: a WeChat Pay fund-flow bill (资金账单) calls it 业务凭证号, beside 收支类型 / 收支金额
MEMO = ("附言", "摘要", "用途", "交易用途", "备注", "商户订单号", "业务凭证号", "Description", "Details", "Memo", "Narrative",
        "Verwendungszweck", "Buchungstext", "Avisierungstext", "Mededelingen", "Omschrijving", "Omschrijving-1",
        "Omschrijving-2", "Omschrijving-3", "Libellé", "Détail de l'écriture",
        "Payment Reference", "Descrizione", "Causale", "Descrizione operazione",
        "Descrizione estesa", "Concepto", "Descripción", "Observaciones", "Mitteilung",
        "Forklaring", "Tekst", "Beskrivelse", "Histórico", "Lançamento", "Descrição", "Detalhes",
        "Opis operacji", "Opis transakcji", "Tytuł", "Tytuł operacji", "Typ transakcji",
        "Typ operacji")  # fmt: skip
REF = ("交易流水号", "流水号", "凭证号", "业务参考号", "账务流水号", "资金流水单号",
       "Bank Reference", "Reference", "Reference No", "Reference Number", "Transaction ID",
       "Referenz", "Kundenreferenz", "Kundenreferenz (End-to-End)", "Volgnr", "Référence",
       "TransferWise ID", "ID", "Riferimento", "Referencia",
       # Spanish-language banks' own number of each line (BancoEstado's cartola, session 28);
       # N° Documento is not here: a cheque's or the payer's document number, not the bank's
       "N° Operación", "Nº Operación", "No. Operación", "Número de operación")  # fmt: skip
AMOUNT = ("交易金额", "发生额", "金额", "Amount", "Transaction Amount",
          "Betrag", "Umsatz", "Bedrag", "Transactiebedrag", "Montant", "Montant de l'opération", "收支金额",
          "Importo", "Importe", "Beløp", "Beløb", "Valor", "Valor do lançamento", "Kwota",
          "Kwota operacji", "Kwota transakcji",
          # Latin American Spanish: one signed amount (BancoEstado's Monto, session 28)
          "Monto", "Monto transacción", "Monto de la operación")  # fmt: skip
#: the running balance after each line (compared like headers; read by ``_bank_balance``)
BALANCE = ("余额", "账户余额", "交易后余额", "联机余额", "当前余额", "Balance", "Running Balance",
           "Balance After", "Saldo", "Kontostand", "Solde", "Saldo po transakcji",
           "Saldo po operacji")  # fmt: skip
CURRENCY = (
    "币种",
    "Currency",
    "Währung",
    "Waehrung",
    "Munt",
    "Devise",
    "Payment currency",
    "Divisa",
    "Waluta",
    "Moeda",
    "Moneda",
    "Monedă",
    "Pénznem",
    "Devizanem",
    "Νόμισμα",
    "Para Birimi",
    "Döviz Cinsi",
    *CURRENCY_LABELS,
)  # IT / ES / PL / PT / RO / HU / EL / TR (Italian "Valuta" is not here: also the value date)
#: labels of a line above or below the table that state the account's currency and are no
#: column's name (Romanian ``Valuta cont``: "the account's currency"; ``Valuta`` alone is not)
ACCOUNT_CURRENCY_LABELS = ("Valuta cont", "Moneda cont", "Account currency", "Hesap Para Birimi")
DIRECTION = ("借贷标志", "借贷方向", "收支方向", "收支标志", "收支类型", "借贷", "收/支", "方向",
             "Af Bij", "Af/Bij", "Soll/Haben", "S/H")  # fmt: skip
#: Direction words of a 借贷标志-style column, by the account holder's side: 贷 (credit) is money
#: in; Dutch Bij (added) / Af (taken off), German H (Haben) / S (Soll); 收付标志 writes 收 / 付;
#: Greek exports' Χ/Π column writes Π (Πίστωση, credit) / Χ (Χρέωση, debit).
IN_WORDS = ("贷", "贷方", "收", "收入", "入", "C", "CR", "CREDIT", "BIJ", "H", "HABEN", "Π",
            "ΠΙΣΤΩΣΗ")  # fmt: skip
OUT_WORDS = ("借", "借方", "支", "支出", "出", "付", "付出", "D", "DR", "DEBIT", "AF", "S", "SOLL",
             "Χ", "ΧΡΕΩΣΗ")  # fmt: skip
#: 币种 as exports write it → ISO 4217 (any other ISO code is kept, upper case).
CURRENCY_NAMES = {"人民币": "CNY", "RMB": "CNY", "美元": "USD", "欧元": "EUR", "港币": "HKD",
                  "港元": "HKD", "日元": "JPY", "英镑": "GBP", "€": "EUR", "EURO": "EUR",
                  "EUROS": "EUR", "£": "GBP",
                  # signs that name one currency only (``$`` and ``¥`` name several: not here)
                  "R$": "BRL", "US$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "C$": "CAD",
                  "NZ$": "NZD", "₩": "KRW", "원": "KRW", "₹": "INR", "₺": "TRY", "₫": "VND",
                  "₱": "PHP", "₪": "ILS", "₴": "UAH", "ZŁ": "PLN", "KČ": "CZK"}  # fmt: skip
_ACCOUNT_RE = re.compile(r"(?:账号|帐号|账户|帐户)\s*[:：]\s*([0-9][0-9 \-]{5,40}[0-9])")
#: an account line above an English, German or Dutch table (``Account: 12345678``, ``IBAN:
#: DE89 3704 …``, ``Account number;12345678``, ``Konto: …``, ``Rekeningnummer: …``): the label
#: alone in its cell (the number in the next) or followed by ``:``; the number is digits (with
#: spaces or dashes) or an IBAN. A name, a masked number (``****1234``) or a word is no account.
_ACCOUNT_LABELS = frozenset(
    {"account", "account number", "account no", "account #", "iban", "konto", "kontonummer",
     "rekening", "rekeningnummer", "numéro de compte", "compte"}
)  # fmt: skip
_ACCOUNT_VALUE = re.compile(r"([A-Z]{2}\d{2}(?: ?[A-Z0-9]){10,30}|\d[\d \-]{5,40}\d)")


def _labelled_account(cells: list[str]) -> str | None:
    """The account number a line above the table gives by label (``IBAN: DE89 3704 …``, or
    ``"Account number";"12345678"``), spaces taken out of an IBAN; None when it gives none."""
    for i, cell in enumerate(cells):
        label, colon, rest = cell.partition(":")
        if key(label) not in _ACCOUNT_LABELS:
            continue
        value = (
            rest.strip() if colon and rest.strip() else next((c for c in cells[i + 1 :] if c), "")
        )
        m = _ACCOUNT_VALUE.fullmatch(value.strip())
        if m:
            return m.group(1).replace(" ", "") if value[:1].isalpha() else m.group(1)
    return None


#: delimiters a statement CSV uses: ',' (China, US/UK), ';' (Europe: ',' is the decimal mark), tab
DELIMITERS = (",", ";", "\t")

#: a header's unit in brackets: yuan is the unit the amounts are read in (收入金额(元) is 收入金额)
#: (a ledger writes the column's sign beside it: 收入金额（+元）, 支出金额（-元）)
#: Every pattern of a header's tail starts its spaces only after a non-space ``(?<!\s)`` and
#: lets one space run stand between two parts: ``\s*[+-]?\s*(?:人民币)?\s*元`` tried every
#: split of a long run of spaces, so a 3 KB statement whose header cell was ``Amount(`` and
#: 1,500 spaces ran past 300 s (session 22); each is now linear in the header's length.
UNIT_YUAN = re.compile(r"(?<!\s)\s*[（(]\s*(?:[+\-＋－]\s*)?(?:人民币\s*)?元\s*[)）]\s*$")
#: any other unit (万元, 千元, …): amounts would be off by that factor
UNIT_OTHER = re.compile(
    r"(?<!\s)\s*[（(](?=[^()（）]*[万千百亿])\s*([^()（）\s](?:[^()（）]*[^()（）\s])?)\s*[)）]\s*$"
)
#: a currency in an amount header: ``Bedrag (EUR)``, ``Betrag in EUR``, ``Débit euros``, ``(€)``,
#: ``Gutschrift in CHF`` (any ISO code after ``in`` / ``en``; :func:`currency_code` checks it)
_HEADER_CCY = re.compile(
    r"(?<!\s)(?:\s*[（(]\s*(?P<b>[A-Za-z]{3}|€|£|[A-Za-z]{0,2}\$|[^\s\w()（）]|원|zł|Kč)\s*[)）]"
    r"|\s+(?:in\s+|en\s+)?(?P<w>EUR|euros?|€|£)|\s+(?:in|en)\s+(?P<i>[A-Za-z]{3}))\s*$",
    re.IGNORECASE,
)
#: an ISO code written bare after a money column's name (``Betrag CHF``, ``Saldo CHF``, ``Débit
#: CHF``): upper case, and only after a name of money in / out / amount / balance (a column
#: ``Name BIC`` or ``Konto IBAN`` names no currency)
_BARE_CCY = re.compile(r"(?<!\s)\s+(?P<c>[A-Z]{3})\s*$")


def _money_name(text: str) -> bool:
    """Whether ``text`` is the name of a money column (in, out, amount or running balance)."""
    k = key(text)
    return any(key(n) == k for n in CREDIT + DEBIT + AMOUNT + BALANCE)


#: a '#' leading a label's first letter (mBank's ``#Data operacji``)
_LABEL_MARK = re.compile(r"^#(?=[^\W\d_])")


def key(header: str) -> str:
    """A header as compared with the names above: case and spacing folded, a trailing ':' or
    '.' dropped, no spaces around '/' (``POSTING DATE``, ``Reference No.``,
    ``Auftraggeber / Empfänger`` are ``Posting Date``, ``Reference No``,
    ``Auftraggeber/Empfänger``)."""
    text = unicodedata.normalize("NFKC", header)  # 收（付）方名称 is 收(付)方名称
    # mBank marks every label of its export with '#' (``#Data operacji;#Kwota;``): a marker, not
    # part of the name; a '#' alone (a line-number column) or before a digit is kept
    text = _LABEL_MARK.sub("", text.strip()).rstrip(":：.").strip()
    text = "/".join(part.strip() for part in text.split("/"))  # linear, unlike r"\s*/\s*"
    # Turkish ``İ`` casefolds to ``i`` + a combining dot, which would split ``İşlem`` in two
    return " ".join(text.split()).casefold().replace("i\u0307", "i")


@cache
def _iso_codes() -> frozenset[str]:
    from babel.numbers import list_currencies  # CLDR's ISO 4217 list

    return frozenset(list_currencies())


def currency_code(text: str | None) -> str | None:
    """An ISO 4217 code for a currency as statements write it (``EUR``, ``€``, ``人民币``), else
    None: a word that is not a currency is never taken for one.

    >>> currency_code("eur"), currency_code("人民币"), currency_code("neu")
    ('EUR', 'CNY', None)
    """
    word = (text or "").strip().strip("\"'").strip()
    if word.upper() in CURRENCY_NAMES or word in CURRENCY_NAMES:
        return CURRENCY_NAMES.get(word.upper(), CURRENCY_NAMES.get(word))
    return word.upper() if word.upper() in _iso_codes() else None


_KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
_HANZI = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def currency_hint(headers: list[str], encoding: str) -> str | None:
    """The currency a refusal for stating none may offer as its example, from the file's own
    script: the yen for a Japanese header (kana) or a Shift_JIS file, the won for a Korean one
    (Hangul, or a cp949 file), the yuan for a Chinese one, none for any other (a ``;`` French
    or a US file is not hinted CNY: the person types their account's code). Only an example in a message; nothing is ever read in it.

    >>> currency_hint(["交易日期", "金额"], "utf-8"), currency_hint(["Date", "Montant"], "cp1252")
    ('CNY', None)
    >>> currency_hint(["'日付' as the date", "支払い金額"], "cp932")
    'JPY'
    """
    text = " ".join(headers)
    if encoding == "cp932" or _KANA.search(text):
        return "JPY"
    if encoding == "cp949" or _HANGUL.search(text):
        return "KRW"
    return "CNY" if _HANZI.search(text) else None


#: a header cell longer than this names no column of ours (the longest known name is under 40
#: characters): its unit, currency and note are not looked for. Each header is compared with
#: every known name, so even linear patterns cost a 100,000-character cell 53 s (session 22)
MAX_HEADER_CHARS = 200


def header_currency(header: str) -> str | None:
    """The currency an amount header states (``Bedrag (EUR)`` → EUR, ``收入金额(元)`` → CNY),
    else None. 元 alone is the yuan: a Chinese export of another currency's account writes
    美元 / 港元, never a bare 元.

    >>> header_currency("Bedrag (EUR)"), header_currency("收入金额（+元）"), header_currency("金额")
    ('EUR', 'CNY', None)
    >>> header_currency("Betrag CHF"), header_currency("Valor (R$)"), header_currency("Name BIC")
    ('CHF', 'BRL', None)
    """
    if len(header) > MAX_HEADER_CHARS:
        return None
    if UNIT_YUAN.search(header):
        return "CNY"
    m = _HEADER_CCY.search(header)
    if m is None and (b := _BARE_CCY.search(header)) and _money_name(header[: b.start()]):
        return currency_code(b.group("c"))
    return currency_code(m.group("b") or m.group("w") or m.group("i")) if m else None


#: a note in brackets after a column's name saying which way its money goes: 建设银行's
#: ``借方发生额（支取）`` / ``贷方发生额（收入）``, ``发生额（存入）``, ``Amount (paid out)``
_NOTE = re.compile(r"(?<!\s)\s*[（(]\s*([^()（）\s][^()（）]{0,15}?)\s*[)）]\s*$")
#: what such a note says, by the account holder's side (compared case-insensitively)
OUT_NOTES = frozenset({"支取", "支出", "付出", "付款", "转出", "取出", "取款", "出", "借", "借方",
                       "out", "money out", "paid out", "withdrawal", "withdrawals", "debit"})  # fmt: skip
IN_NOTES = frozenset({"收入", "存入", "收款", "转入", "存款", "入", "收", "贷", "贷方",
                      "in", "money in", "paid in", "deposit", "deposits", "credit"})  # fmt: skip


def note_direction(header: str) -> int | None:
    """+1 when a bracketed note after the column's name says money in (``贷方发生额（收入）``),
    -1 when it says money out (``借方发生额（支取）``), None without such a note (a unit or a
    currency in brackets is no direction: ``Amount (EUR)``, ``金额（元）``).

    >>> [note_direction(h) for h in ("借方发生额（支取）", "贷方发生额(收入)", "Amount (EUR)", "金额")]
    [-1, 1, None, None]
    """
    if len(header) > MAX_HEADER_CHARS:
        return None
    plain = UNIT_YUAN.sub("", unicodedata.normalize("NFKC", header))
    m = _NOTE.search(plain)
    if m is None:
        return None
    word = " ".join(m.group(1).split()).casefold()
    return 1 if word in IN_NOTES else -1 if word in OUT_NOTES else None


def bare(header: str) -> str:
    """A header without its unit (``收入金额（+元）``), stated currency (``Bedrag (EUR)``) or
    direction note (``借方发生额（支取）``): the name the lists above hold. The note's meaning is
    kept by :func:`note_direction`, and a note that contradicts the name refuses the file
    (:func:`connectors.sources._bank_amounts.amount_plan`)."""
    if len(header) > MAX_HEADER_CHARS:
        return header
    plain = UNIT_YUAN.sub("", header)
    if header_currency(plain):
        plain = (
            _HEADER_CCY.sub("", plain) if _HEADER_CCY.search(plain) else _BARE_CCY.sub("", plain)
        )
    if note_direction(plain) is not None:
        plain = _NOTE.sub("", unicodedata.normalize("NFKC", plain))
    return UNIT_YUAN.sub("", plain)


def first(cols: list[str], names: tuple[str, ...]) -> str | None:
    """The column with the first of ``names`` (a header may add its unit or currency)."""
    for n in names:
        for c in cols:
            if c == n or key(bare(c)) == key(n):
                return c
    return None


def every(cols: list[str], names: tuple[str, ...]) -> list[str]:
    """Every column named by one of ``names``, in the order of ``names``: a Wise statement
    writes the payer in ``Payer Name`` on money in and the payee in ``Payee Name`` on money
    out, each line filling one of them."""
    out: list[str] = []
    for n in names:
        out += [c for c in cols if (c == n or key(bare(c)) == key(n)) and c not in out]
    return out


#: a compound header naming two keys joined by a dash (建设银行's ``账户明细编号-交易流水号``):
#: its cell is the two values joined the same way, one serial of the bank
_COMPOUND = re.compile(r"(?<!\s)\s*[-－/]\s*")  # linear: spaces start after a non-space


def ref_column(cols: list[str]) -> str | None:
    """The bank's serial column: a :data:`REF` name, else a compound header one of whose parts
    is a REF name (``账户明细编号-交易流水号``)."""
    found = ref_columns(cols)
    return found[0] if found else None


def ref_columns(cols: list[str]) -> list[str]:
    """Every column that may be the bank's serial, best first: :data:`REF` names in their
    order, then compound headers (``账户明细编号-交易流水号``). The reader takes the first that
    holds a value: 建设银行 writes an empty ``凭证号`` beside the filled compound serial, and
    the empty one left every line without its serial."""
    out = every(cols, REF)
    refs = {key(r) for r in REF}
    for c in cols:
        parts = _COMPOUND.split(c.strip())
        if c not in out and len(parts) > 1 and any(key(p) in refs for p in parts):
            out.append(c)
    return out


DATE_KEYS = frozenset(key(d) for d in DATE)
_KNOWN = frozenset(
    key(n) for n in DATE + CREDIT + DEBIT + NAME + ACCT + MEMO + REF + AMOUNT + CURRENCY + DIRECTION
)
_EU_DATE_KEYS = frozenset(key(d) for d in DATE_EU)
_CURRENCY_KEYS = frozenset(key(c) for c in CURRENCY + ACCOUNT_CURRENCY_LABELS)


#: Excel's text-formula wrapper (``="CHF"``, ``="01.06.2032"``): an export writes a value so to
#: keep spreadsheet programs from converting it; the value is what is inside the quotes
_TEXT_FORMULA = re.compile(r'^="(.*)"$')


def _cells(line: str, delim: str) -> list[str]:
    row = next(csv.reader([line], delimiter=delim), [])
    return [_TEXT_FORMULA.sub(r"\1", c.strip()).strip().strip('"').strip() for c in row]


def _known(cells: list[str]) -> int:
    return sum(1 for c in cells if key(bare(c)) in _KNOWN)


def header_score(text: str) -> int:
    """How many known column names the best header-like line of ``text`` holds (any delimiter):
    the encoding that reads more of them is the file's (``Währung`` vs its GBK mojibake)."""
    best = 0
    for line in text.splitlines()[:50]:
        for delim in DELIMITERS:
            cells = _cells(line, delim)
            if any(key(c) in DATE_KEYS for c in cells):
                best = max(best, _known(cells))
    return best


@dataclass(frozen=True)
class Header:
    """Where the table starts and what the lines above it say."""

    line: int
    delim: str
    account: str | None  # the preamble's 账号：…
    currency: str | None  # the preamble's ``Währung: EUR`` / ``Currency;EUR`` (one, or None)
    conflicting_currency: bool  # the preamble names two currencies


def is_european(date_col: str) -> bool:
    """Whether the header is a Western European bank's (its date column named in DE/NL/FR)."""
    return key(date_col) in _EU_DATE_KEYS


#: a title or account line above the table naming a yuan account (中国工商银行人民币对公账户明细,
#: 账户类型：人民币活期): the file itself says its currency
_RMB_ACCOUNT = re.compile(r"人民币\s*(账户|帐户|结算|活期|定期|对公|单位|个人|交易|明细|存款|户)")


def _preamble_currencies(cells: list[str]) -> set[str]:
    """Currencies a line above the table states by label: ``Währung: EUR`` in one cell, or a
    currency label cell followed by the code (``"Currency:";"EUR"``), or a title naming a
    人民币 account (``人民币结算账户交易明细``)."""
    found: set[str] = set()
    for i, cell in enumerate(cells):
        if _RMB_ACCOUNT.search(cell):  # 人民币结算账户 / 人民币活期: the account is in yuan
            found.add("CNY")
        label, _, rest = cell.partition(":") if ":" in cell else cell.partition("：")
        if key(label) in _CURRENCY_KEYS:
            value = rest.strip() or next((c for c in cells[i + 1 :] if c), "")
            if code := currency_code(value):
                found.add(code)
        for m in _PAIR.finditer(cell):  # 交通银行: 账号:…  户名:…  币种:人民币 in one cell
            if key(m.group(1)) in _CURRENCY_KEYS and (code := currency_code(m.group(2))):
                found.add(code)
    return found


def is_currency_line(cells: list[str]) -> bool:
    """Whether a line of at most three filled cells is a currency label and its code
    (``Moneda,RON``, ``Valuta cont;EUR``, or one cell ``Waluta: PLN``): the statement's
    currency, not a transaction. ``Waluta: PL`` (cut short) names no currency: it is not one.

    >>> [is_currency_line(c) for c in (["Moneda", "RON"], ["Waluta: PLN"], ["Waluta: PL"],
    ...  ["Waluta"], ["03.04.2031", "PLN"])]
    [True, True, False, False, False]
    """
    filled = [c.strip() for c in cells if c and c.strip()]
    if len(filled) == 1 and not re.search("[:：]", filled[0]):
        return False
    return 1 <= len(filled) <= 3 and bool(_preamble_currencies(filled))


def footer_currencies(path: Path, encoding: str, header: Header) -> set[str]:
    """The currencies lines **below** the table state (``Moneda,RON`` after the last line).

    Why: Romanian exports (Banca Transilvania, BCR) print the account's currency only in the
    footer, beside the opening and closing balance; the file was refused as stating none
    (session 25). Only lines of at most three filled cells whose first is a currency label
    count, so a transaction line (its first cell a date) never does. Only the file's last
    64 KiB are read (a footer is at the end; a large export is not read twice).
    """
    lines: list[str]
    if path.stat().st_size <= _FOOTER_BYTES or encoding.startswith("utf-16"):
        lines = [t for n, t in iter_lines(path, encoding) if n > header.line]
    else:
        with path.open("rb") as fh:
            fh.seek(-_FOOTER_BYTES, 2)
            lines = fh.read().decode(encoding, errors="replace").splitlines()[1:]  # [0] is cut
    found: set[str] = set()
    for line in lines:
        cells = _cells(line, header.delim)
        if is_currency_line(cells):
            found |= _preamble_currencies([c.strip() for c in cells if c and c.strip()])
    return found


_FOOTER_BYTES = 64 * 1024


#: ``label:value`` pairs written side by side in one cell, separated by spaces
_PAIR = re.compile(r"(?<![^\s:：])([^\s:：]+)\s*[:：]\s*([^\s:：]+)")  # from a word's start: linear


def find_header(
    path: Path,
    encoding: str,
    shown: Path | None = None,
    by_meaning: Callable[[list[str]], bool] | None = None,
) -> Header:
    """The first line naming a date column, read with the delimiter that names the most known
    columns (ties: ',' then ';' then tab), and what the lines above it state. ``by_meaning``
    also accepts a line whose date column is named in other words (``记账日``) when it says the
    line names a date and an amount column (:mod:`connectors.sources._bank_meaning`)."""
    account = None
    currencies: set[str] = set()
    seen: list[list[str]] = []  # every line's cells, to say what a refused file looks like
    for lineno, line in iter_lines(path, encoding):
        best: tuple[int, str] | None = None
        for delim in DELIMITERS:
            cells = _cells(line, delim)
            dated = any(key(c) in DATE_KEYS for c in cells) or (
                by_meaning is not None and by_meaning(cells)
            )
            if dated and (best is None or _known(cells) > best[0]):
                best = (_known(cells), delim)
        if best is not None:
            one = next(iter(currencies)) if len(currencies) == 1 else None
            return Header(lineno, best[1], account, one, len(currencies) > 1)
        for delim in DELIMITERS:
            seen.append(_cells(line, delim))
            currencies |= _preamble_currencies(seen[-1])
        m = _ACCOUNT_RE.search(line)
        if m and account is None:
            account = m.group(1).strip()
        for delim in DELIMITERS if account is None else ():
            account = account or _labelled_account(_cells(line, delim))
        if lineno > 50:
            break
    if split := next(filter(None, map(settlement_report_columns, seen)), None):
        raise IngestError(
            f"{shown or path}: this looks like a payment provider's settlement or payout report "
            f"(columns {', '.join(split)}), not a bank statement: its lines are payments the "
            "provider pays out later in one transfer, and loaded as bank lines they would count "
            "that money twice. Ingest the bank statement that shows the payout (bank-csv, mt940 "
            "or camt053); the provider's report itself is not read (settlement bills are read "
            "for Alipay and WeChat Pay: formats alipay, wechat). Nothing was loaded."
        )
    raise IngestError(
        f"{shown or path}: no header line with a date column ({' / '.join(DATE)}) in the first "
        "50 lines; is this a bank statement CSV?"
    )


#: a bare side word a two-row header writes under a merged amount cell, by the account
#: holder's side (借方 = money out, 贷方 = money in, as in 借方发生额 / 贷方发生额)
_SIDE_WORDS = {"借": "借方", "借方": "借方", "贷": "贷方", "贷方": "贷方"}
#: the amount cell above them, and what follows its name (a unit in brackets is kept)
_AMOUNT_STEM = re.compile(r"(发生额|交易金额|金额)(\s*(?:[（(][^()（）]*[)）])?)")


def name_sides(header: list[str], sub: list[str]) -> list[str]:
    """The second row of a two-row header with its bare side words named: ``借方`` / ``贷方``
    under a merged ``发生额`` are ``借方发生额`` / ``贷方发生额`` (a unit is kept: ``金额（万元）``
    over ``借`` / ``贷`` gives ``借方金额（万元）``, which the unit check then refuses).

    Why: some banks' XLSX exports (兴业银行-style 账户交易明细) merge 发生额 over two cells that say
    only 借方 and 贷方; alone those name no column, and the whole file was refused
    (``recon_independent8`` a1). A merged cell's text is in its first column only, so the cell
    right of it reads empty: the words are named only when the amount cell and the one empty
    cell right of it stand over exactly one 借 side and one 贷 side. Any other shape is left as
    it is (and read, or refused, as before).

    >>> name_sides(["交易日期", "发生额", "", "余额"], ["", "借方", "贷方", ""])
    ['', '借方发生额', '贷方发生额', '']
    >>> name_sides(["金额(元)", ""], ["贷", "借"])
    ['贷方金额(元)', '借方金额(元)']
    >>> name_sides(["发生额", "余额"], ["借方", "贷方"])  # 余额 is not under 发生额
    ['借方', '贷方']
    """
    out = list(sub)
    heads = [unicodedata.normalize("NFKC", h).strip() for h in header]
    cells = [c.strip() for c in sub]
    for i in range(len(heads) - 1):
        m = _AMOUNT_STEM.fullmatch(heads[i])
        if i + 1 >= len(cells) or m is None or heads[i + 1]:
            continue
        sides = [_SIDE_WORDS.get(cells[i]), _SIDE_WORDS.get(cells[i + 1])]
        if sorted(s or "" for s in sides) != ["借方", "贷方"]:
            continue
        stem = "发生额" if m.group(1) == "发生额" else "金额"
        out[i], out[i + 1] = (f"{s}{stem}{m.group(2).strip()}" for s in sides)
    return out
