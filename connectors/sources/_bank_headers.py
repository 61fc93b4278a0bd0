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

import re
import unicodedata
from functools import cache

from connectors.sources._bank_words_other import CURRENCY_LABELS

# Chinese headers first, then what payment platforms' account ledgers (支付宝账务明细: 发生时间,
# 账务流水号, 商户订单号) and English-language banks' exports (US/UK: Posting Date, Debit/Credit,
# Withdrawals/Deposits, Description, Reference) call the same columns. Matched case-insensitively,
# without a trailing ':' or '.' and with spaces around '/' ignored; the first name present wins.
DATE_CN_EN = ("交易日期", "记账日期", "入账日期", "交易日", "交易时间", "发生时间", "记账时间", "入账时间", "账务日期",
              "Posting Date", "Post Date", "Transaction Date", "Booking Date",
              "Date completed (UTC)", "Completed Date", "Created (UTC)", "Date",
              # M-PESA statements (Safaricom): Receipt No., Completion Time, Paid In / Withdrawn
              "Completion Time")  # fmt: skip
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
CREDIT = ("收入金额", "收入", "贷方发生额", "贷方金额", "存入", "存入金额", "存款金额",
          "Credit", "Credits", "Credit Amount", "Deposits", "Deposit", "Paid In", "Money In",
          "Haben", "Gutschrift", "Crédit", "Accrediti", "Entrate", "Avere", "Ingresos", "Abonos",
          "Haber", "Inn på konto", "Innskudd", "Inn", "Crédito", "Créditos", "Entradas",
          "Uznania", "Abono", "Depósitos", "Depósito")  # fmt: skip
DEBIT = ("支出金额", "支出", "借方发生额", "借方金额", "支取", "支取金额", "提款金额",
         "Debit", "Debits", "Debit Amount", "Withdrawals", "Withdrawal", "Paid Out", "Money Out",
         "Soll", "Lastschrift", "Belastung", "Débit", "Addebiti", "Uscite", "Dare", "Gastos",
         "Cargos", "Debe", "Ut fra konto", "Uttak", "Ut", "Débito", "Débitos", "Saídas",
         "Obciążenia", "Cargo", "Retiros", "Retiro", "Withdrawn")  # fmt: skip
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
MEMO = ("附言", "摘要", "用途", "交易用途", "备注", "交易说明", "注记", "商户订单号", "业务凭证号", "Description", "Details", "Memo", "Narrative",
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
       "N° Operación", "Nº Operación", "No. Operación", "Número de operación",
       # BCP (Peru) writes it "Operación - Número" beside "Operación - Hora"; an M-PESA
       # statement's Receipt No. is the operator's id of the transaction (session 29)
       "Operación - Número", "Receipt No")  # fmt: skip
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
    "币别",  # Taiwan's word (幣別), and some mainland exports'
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
                  # Russian names (ВТБ writes only "Валюта счета,Китайский юань"; session 29)
                  "КИТАЙСКИЙ ЮАНЬ": "CNY", "ЮАНЬ": "CNY", "РОССИЙСКИЙ РУБЛЬ": "RUB",
                  "ДОЛЛАР США": "USD", "ЕВРО": "EUR",
                  # Taiwan's dollar as its statements write it (幣別：新臺幣)
                  "新臺幣": "TWD", "新台币": "TWD", "新台幣": "TWD",
                  # signs that name one currency only (``$`` and ``¥`` name several: not here)
                  "R$": "BRL", "US$": "USD", "HK$": "HKD", "S$": "SGD", "A$": "AUD", "C$": "CAD",
                  "NZ$": "NZD", "₩": "KRW", "원": "KRW", "₹": "INR", "₺": "TRY", "₫": "VND",
                  "₱": "PHP", "₪": "ILS", "₴": "UAH", "ZŁ": "PLN", "KČ": "CZK"}  # fmt: skip
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


#: Traditional characters of bank headers written as the Simplified ones the names above use:
#: a Taiwanese export's 餘額 / 帳戶餘額 / 交易說明 / 備註 are 余额 / 账户余额 / 交易说明 / 备注
#: (session 29: Big5 files are read). One character for one character, so nothing else moves.
_SIMPLIFIED = str.maketrans(
    "額餘帳賬戶幣臺說註備轉匯號發貸對實務記錄細時間結稱單據證憑碼續費國銀區別類項",
    "额余账账户币台说注备转汇号发贷对实务记录细时间结称单据证凭码续费国银区别类项",
)


def key(header: str) -> str:
    """A header as compared with the names above: case and spacing folded, a trailing ':' or
    '.' dropped, no spaces around '/' (``POSTING DATE``, ``Reference No.``,
    ``Auftraggeber / Empfänger`` are ``Posting Date``, ``Reference No``,
    ``Auftraggeber/Empfänger``); Traditional characters as Simplified (``帳戶餘額`` is
    ``账户余额``)."""
    text = unicodedata.normalize("NFKC", header).translate(_SIMPLIFIED)  # 收（付）→ 收(付)
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
    >>> currency_code("Китайский юань"), currency_code("юань"), currency_code("Китайский")
    ('CNY', 'CNY', None)
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
