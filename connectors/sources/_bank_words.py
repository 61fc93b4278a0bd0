"""What a bank CSV header word means: the general banking vocabulary, by role.

Why a module of its own: :mod:`connectors.sources._bank_meaning` renames a header's unknown
cells to the reader's list names; the words themselves (Chinese, Korean, Japanese rules over the
folded header, English and German role words) grew with every bank a blind set brought and had
pushed that module to its size limit (session 24). This module answers one question — which role
a header cell's words name, or none — and knows nothing of files, delimiters or renaming.
"""

from __future__ import annotations

import re
import unicodedata

from connectors.sources._bank_headers import bare, key
from connectors.sources._bank_words_other import other_role

# ---- Chinese: (role, pattern over the folded header), first match wins
_PARTY = r"(对方|交易对手|对手方?|收款人|付款人|收款方|付款方|汇款人|收付款人|收\(付\)款人)"
_ZH_RULES: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    # words that look like a role but are another thing: no role
    (
        None,
        re.compile(
            r"起息|生效|到期|出生|截止|查询|打印|起始|终止|可用|冻结|透支|开户|行名|行号|机构|代码|种类"
        ),
    ),
    # Korean banks' downloads (거래일시 / 거래일자, 출금액 / 입금액, 잔액, 적요 / 내용, 보낸분/받는분):
    # the same roles in Hangul; the branch (거래점) has none
    (None, re.compile(r"거래점|취급점|처리점|지점")),
    ("date", re.compile(r"(거래|입출금|처리|기장)?(일시|일자|날짜)|거래일")),
    ("debit", re.compile(r"(출금|지급|찾으신)(액|금액)?")),
    ("credit", re.compile(r"(입금|맡기신)(액|금액)?")),
    ("balance", re.compile(r"(거래후)?(잔액|잔고)")),
    ("amount", re.compile(r"(거래)?금액")),
    (
        "name",
        re.compile(r"보낸분/받는분|받는분/보낸분|보낸분|받는분|입금자명?|송금인명?|의뢰인명?"),
    ),
    ("memo", re.compile(r".*(적요|내용|메모|비고)")),
    # Japanese banks' downloads (日付, 支払い金額 / 預かり金額, お引出し / お預入れ, 差引残高,
    # 摘要内容): the same roles in Japanese words, kana and the kanji 額 — which a header's key
    # writes 额, as it writes every Traditional form Simplified (session 29), so both are read
    ("date", re.compile(r"日付|(取引|取扱|入出金|約定|お?取り?扱い?)日")),
    ("debit", re.compile(r"(お?支払い?|お?引き?出し?|出金)(金[額额]|[額额])?")),
    ("credit", re.compile(r"(お?預か?り|お?預け?入れ?|入金)(金[額额]|[額额])?")),
    ("balance", re.compile(r"(差引|取引後|現在)?残高")),
    ("memo", re.compile(r".*(摘要|内容)")),
    ("ccy", re.compile(r"(币种|币别|货币)(名称)?")),
    (
        "dir",
        re.compile(
            r"(借贷|收支|收付|出入|借/贷|贷/借|收/付|付/收)(标志|标识|方向|类型|类别|属性)?"
            r"|(资金|交易)(方向|流向)"
        ),
    ),
    ("balance", re.compile(r"(账户|帐户|交易后|联机|当前|本次|记账后)?余额")),
    ("credit", re.compile(r"(交易|本币)?(贷方|收入|存入|转入|收款)(金额|发生额|发生金额|额)?")),
    ("debit", re.compile(r"(交易|本币)?(借方|支出|支取|转出|付款|付出)(金额|发生额|发生金额|额)?")),
    ("amount", re.compile(r"(交易|发生|入账|记账|本币|账务)?(金额|发生额|发生金额)")),
    ("acct", re.compile(_PARTY + r"(账号|帐号|账户|帐户|卡号)(号码)?")),
    ("name", re.compile(_PARTY + r"(账户|帐户)?(名称|户名|名|姓名|单位|单位名称|账户名|帐户名)")),
    (
        "ref",
        re.compile(r"(?!对方|原).*(流水号|流水|参考号|交易号|交易编号|业务编号|凭证号|凭证号码)"),
    ),
    ("memo", re.compile(r".*(摘要|附言|用途|备注|说明|事由|留言|描述)")),
    ("date", re.compile(r".*(日期|日)|(交易|记账|入账|发生|处理)(时间|时刻)")),
)

# ---- English: a header is read only when every word is one of its role's words
#: words that, beside a side word ("Credit Amount", "Paid In", "Withdrawal Value"), make the
#: column that side's amount: the credit and debit roles share them
_SIDE_AMOUNT = frozenset(
    {"amount", "amt", "value", "transaction", "trans", "txn", "paid", "money", "funds", "sum"}
)
#: words naming the other side of a line; the payer's account and the payer's name both need one
_COUNTERPARTY = frozenset(
    {
        "payer",
        "payee",
        "counterparty",
        "beneficiary",
        "remitter",
        "originator",
        "recipient",
        "sender",
        "counter",
        "party",
        "other",
        # German online banking (umlauts folded: Empfänger is empfaenger)
        "zahlungsbeteiligter",
        "zahlungspflichtiger",
        "zahlungsempfaenger",
        "auftraggeber",
        "empfaenger",
        "beguenstigter",
        "gegenpartei",
    }
)
_EN_ROLES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    # (role, words one of which must be there, filler words that may also be there)
    ("value_date", frozenset({"value", "val", "effective", "valuta"}), frozenset({"date", "dt"})),
    (
        "date",
        frozenset({"date", "dt"}),
        frozenset(
            {
                "transaction",
                "trans",
                "txn",
                "posting",
                "posted",
                "post",
                "booking",
                "booked",
                "book",
                "entry",
                "processed",
                "completed",
                "accounting",
                "ledger",
                "trade",
            }
        ),
    ),
    ("ccy", frozenset({"currency", "ccy", "curr"}), frozenset({"code", "iso"})),
    (
        "dir",
        frozenset({"dr", "cr", "d", "c", "debit", "credit", "direction", "indicator"}),
        frozenset(
            {
                "d",
                "c",
                "debit",
                "credit",
                "dr",
                "cr",
                "indicator",
                "ind",
                "flag",
                "mark",
                "sign",
                "direction",
            }
        ),
    ),
    (
        "balance",
        frozenset({"balance", "bal"}),
        frozenset(
            {
                "running",
                "ledger",
                "book",
                "booked",
                "closing",
                "current",
                "account",
                "after",
                "post",
                "posted",
                "end",
                "of",
                "day",
                "transaction",
            }
        ),
    ),
    (
        "credit",
        frozenset(
            {
                "credit",
                "credits",
                "deposit",
                "deposits",
                "receipts",
                "receipt",
                "inflow",
                "inflows",
                "in",
            }
        ),
        _SIDE_AMOUNT,
    ),
    (
        "debit",
        frozenset({"debit", "debits", "withdrawal", "withdrawals", "outflow", "outflows", "out"}),
        _SIDE_AMOUNT,
    ),
    (
        "amount",
        # ``Value`` alone is the line's signed amount beside ``Balance`` (NatWest / RBS); with
        # ``Date`` it is the value date, which no role takes (every word must be the role's)
        frozenset({"amount", "amt", "value"}),
        frozenset({"transaction", "trans", "txn", "posted", "booked", "signed", "entry"}),
    ),
    (
        "acct",
        _COUNTERPARTY,
        frozenset(
            {
                "account",
                "acct",
                "iban",
                "number",
                "no",
                "nr",
                "party",
                "counter",
                "other",
                "payer",
                "payee",
                "konto",
                "kontonummer",
            }
        ),
    ),
    (
        "name",
        _COUNTERPARTY,
        frozenset({"name", "party", "counter", "other", "payer", "payee"}),
    ),
    (
        "ref",
        frozenset(
            {
                "bank",
                "transaction",
                "trans",
                "txn",
                "trn",
                "journal",
                "serial",
                "sequence",
                "seq",
                "trace",
            }
        ),
        frozenset({"ref", "reference", "id", "number", "no", "nr"}),
    ),
    (
        "memo",
        frozenset(
            {
                "description",
                "narrative",
                "narration",
                "details",
                "detail",
                "memo",
                "remarks",
                "remark",
                "particulars",
                "remittance",
                "purpose",
                "notes",
                "note",
                "reference",
            }
        ),
        frozenset(
            {
                "customer",
                "payer",
                "payment",
                "your",
                "transaction",
                "trans",
                "txn",
                "information",
                "info",
                "text",
                "additional",
                "end",
                "to",
                "remitter",
                "reference",
                "ref",
            }
        ),
    ),
)
#: an account-role header must say it is an account, a name-role one must not
_ACCT_WORDS = frozenset({"account", "acct", "iban", "number", "no", "nr", "konto", "kontonummer"})
#: a direction header names both sides (Dr/Cr, D/C, Debit/Credit) or says it is one
_BOTH_SIDES = ({"dr", "cr"}, {"d", "c"}, {"debit", "credit"})


def _english(words: list[str]) -> str | None:
    have = set(words)
    for role, needed, filler in _EN_ROLES:
        if not have & needed or not have <= needed | filler:
            continue
        if role == "acct" and not have & _ACCT_WORDS:
            continue
        if role == "value_date" and not have & {"date", "dt"} and have <= {"value"}:
            continue  # ``Value`` alone is the amount (NatWest); ``Valuta`` alone stays a date
        if role == "name" and have & _ACCT_WORDS:
            continue
        if role == "dir" and not (
            any(s <= have for s in _BOTH_SIDES) or have & {"direction", "indicator"}
        ):
            continue
        if role == "ref" and not have & {"ref", "reference", "id", "number", "no", "nr"}:
            continue
        if role == "memo" and have <= {"reference", "ref", "transaction", "trans", "txn"}:
            continue  # "Reference" / "Transaction Reference": whose reference is not said
        return None if role == "value_date" else role
    return None


# ---- Other European languages (Swedish, Finnish, Czech, Slovak, Polish, Turkish, Hungarian,
# Romanian, Greek): the words a bank's column names are made of, by role. A header is read when
# one of its words is a role word and every other word is that role's filler (as for English);
# Swedish and Finnish write a date column as one compound (``Bokföringsdag``, ``Kirjauspäivä``):
# a word ending in a day word is a date unless it starts with a value-date, due-date or
# print-date word (``Valutadag``, ``Arvopäivä``, Hungarian ``Értéknap``, Greek ``αξίας``), which
# no role takes. Greek words are kept folded (:func:`_fold`: case, accents and final sigma), as
# Greek exports write them in capitals without accents as often as with.


def _fold(word: str) -> str:
    """A word as compared here: case-folded, and a Greek word without its accents (``ΠΟΣΟ`` and
    ``Ποσό`` are one word; casefold already writes a final ``ς`` as ``σ``).

    >>> _fold("Ημερομηνία"), _fold("ΠΟΣΟ"), _fold("Összeg")
    ('ημερομηνια', 'ποσο', 'összeg')
    """
    word = word.casefold()
    if not re.search(r"[\u0370-\u03ff]", word):
        return word
    plain = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in plain if not unicodedata.combining(ch))


def _folded(*words: str) -> frozenset[str]:
    return frozenset(_fold(w) for w in words)


_EU_DATE = _folded("datum", "dátum", "dátuma", "tarih", "tarihi", "päivämäärä", "pvm", "data",
                   "dată", "ημερομηνία")  # fmt: skip
_EU_DAY_ENDS = ("dag", "datum", "päivä")
_EU_NOT_BOOKING = ("valuta", "valut", "valör", "arvo", "rente", "erä", "förfallo", "fällig",
                   "splatnost", "geburts", "druck", "utskrift", "tuloste", "érték", "waluty",
                   _fold("αξίας"))  # fmt: skip
_EU_DATE_FILLER = _folded(
    "zaúčtování", "zaúčtovania", "transakce", "transakcie", "operace", "operácie", "pohybu",
    "işlem", "könyvelés", "könyvelési", "tranzakció", "tranzakciós", "tranzactie", "tranzactiei",
    "tranzacție", "tranzacției", "operatiunii", "operațiunii", "συναλλαγής", "καταχώρησης",
    "κίνησης",
)  # fmt: skip
_EU_AMOUNT = _folded("belopp", "summa", "määrä", "částka", "suma", "objem", "tutar", "tutarı",
                     "kwota", "összeg", "összege", "suma", "ποσό")  # fmt: skip
#: a currency written as a word after the amount (``Määrä EUROA``: Finnish "in euros")
_EU_AMOUNT_FILLER = _folded("euroa", "euro", "euros", "kronor", "kr", "tl", "işlem", "tranzakció",
                            "συναλλαγής")  # fmt: skip
#: money out / in as a column of its own (Turkish Borç / Alacak, Hungarian Terhelés / Jóváírás,
#: Greek Χρέωση / Πίστωση): the side's word alone, or with the amount word after it
_EU_DEBIT = _folded("borç", "terhelés", "χρέωση", "χρεώσεις")
_EU_CREDIT = _folded("alacak", "jóváírás", "πίστωση", "πιστώσεις")
_EU_SIDE_FILLER = _folded("tutarı", "összeg", "összege", "ποσό")
_EU_BALANCE = _folded("saldo", "zůstatek", "zostatok", "bakiye", "egyenleg", "sold", "υπόλοιπο")
_EU_BALANCE_FILLER = _folded("bokfört", "po", "transakci", "transakcji", "konečný", "könyvelt",
                             "contabil", "λογιστικό")  # fmt: skip
_EU_MEMO = _folded("beskrivning", "text", "meddelande", "referens", "viesti", "selitys", "viite",
                   "otsikko", "poznámka", "zpráva", "popis", "variabilní", "správa", "açıklama",
                   "közlemény", "megjegyzés", "leírás", "descriere", "detalii", "explicatii",
                   "explicații", "αιτιολογία", "περιγραφή")  # fmt: skip
_EU_MEMO_FILLER = _folded("mottagare", "pro", "příjemce", "pre", "prijímateľa", "symbol", "för",
                          "transakcie", "tranzactie", "tranzactiei", "tranzacție", "tranzacției",
                          "συναλλαγής", "κίνησης")  # fmt: skip
#: the other side of the line (its name or its account)
_EU_PARTY = _folded("protiúčtu", "protiúčet", "protistrana", "protistrany", "mottagare",
                    "avsändare", "betalare", "maksaja", "saaja", "maksajan", "saajan",
                    "kontrahenta", "karşı", "taraf", "partner", "ellenoldali")  # fmt: skip
_EU_NAME_WORDS = _folded("název", "názov", "nazwa", "nimi", "namn", "dane", "neve", "név")
#: ``Protiúčet`` (the counter-account) is both: the other side, and an account
_EU_ACCT_WORDS = _folded("číslo", "účtu", "tilinumero", "kontonummer", "rachunku", "numer", "nr",
                         "iban", "protiúčet", "számlaszám", "számlaszáma")  # fmt: skip
_EU_CCY = _folded("měna", "mena", "valuutta", "pénznem", "devizanem", "moneda", "monedă",
                  "νόμισμα")  # fmt: skip
#: the bank's own number of the line (Greek Αριθμός συναλλαγής, Hungarian Tranzakció azonosító,
#: Romanian Referința tranzacției, Turkish Dekont No / Fiş No, Czech Identifikace transakce)
_EU_REF = _folded("αριθμός", "azonosító", "azonosítója", "referinta", "referința", "referință",
                  "fiş", "dekont", "identifikace", "identifikácia")  # fmt: skip
_EU_REF_FILLER = _folded("συναλλαγής", "tranzakció", "tranzakciós", "tranzactie", "tranzactiei",
                         "tranzacție", "tranzacției", "no", "transakce", "transakcie", "işlem")  # fmt: skip
#: a direction column headed by its two side letters (Greek Χ/Π: Χρέωση / Πίστωση)
_EU_DIR = (_folded("χ", "π"),)


def _european(words: list[str]) -> str | None:
    """The role of a header of European (non-English) words, or None.

    >>> [_european(h.split()) for h in ("bokföringsdag", "valutadag", "kirjauspäivä", "arvopäivä")]
    ['date', None, 'date', None]
    >>> [_european(h.split()) for h in ("määrä euroa", "částka", "bokfört saldo", "disponibelt belopp")]
    ['amount', 'amount', 'balance', None]
    >>> [_european(h.replace("/", " ").split()) for h in ("saaja/maksaja", "název účtu protiúčtu",
    ...                                                   "číslo účtu protiúčtu", "text/mottagare")]
    ['name', 'name', 'acct', 'memo']
    >>> [_european(h.split()) for h in ("borç", "alacak", "könyvelés dátuma", "értéknap", "összeg",
    ...                                 "partner neve", "data tranzactie", "data valuta", "sold")]
    ['debit', 'credit', 'date', None, 'amount', 'name', 'date', None, 'balance']
    >>> [_european(h.split()) for h in ("ΗΜΕΡΟΜΗΝΙΑ", "ημερομηνία αξίας", "Χρέωση", "Πίστωση",
    ...                                 "Υπόλοιπο", "Αιτιολογία", "Ποσό", "χ π", "αριθμός συναλλαγής")]
    ['date', None, 'debit', 'credit', 'balance', 'memo', 'amount', 'dir', 'ref']
    """
    words = [_fold(w) for w in words]
    have = set(words)
    if not have:
        return None
    if any(w.startswith(_EU_NOT_BOOKING) for w in words):
        return None
    day = [w for w in words if w in _EU_DATE or w.endswith(_EU_DAY_ENDS)]
    if day and have <= set(day) | _EU_DATE_FILLER:
        return "date"
    if have & _EU_AMOUNT and have <= _EU_AMOUNT | _EU_AMOUNT_FILLER:
        return "amount"
    for side, side_words in (("debit", _EU_DEBIT), ("credit", _EU_CREDIT)):
        if have & side_words and have <= side_words | _EU_SIDE_FILLER:
            return side
    if have in _EU_DIR:
        return "dir"
    if have & _EU_BALANCE and have <= _EU_BALANCE | _EU_BALANCE_FILLER:
        return "balance"
    if have & _EU_REF and have <= _EU_REF | _EU_REF_FILLER and len(have) > 1:
        return "ref"
    if have & _EU_MEMO and have <= _EU_MEMO | _EU_MEMO_FILLER:
        return "memo"
    if have & _EU_PARTY and have <= _EU_PARTY | _EU_NAME_WORDS | _EU_ACCT_WORDS:
        if have & _EU_NAME_WORDS or not have & _EU_ACCT_WORDS:
            return "name"
        return "acct"
    if have <= _EU_CCY:
        return "ccy"
    return None


def meaning(header: str) -> str | None:
    """The role of a header cell the lists do not know, from banking vocabulary; None when it
    has none or could mean two things.

    >>> [meaning(h) for h in ("记账日", "对方账户名", "主机流水号", "交易摘要", "对方开户行", "起息日")]
    ['date', 'name', 'ref', 'memo', None, None]
    >>> [meaning(h) for h in ("Payer/Payee Name", "Dr/Cr", "Customer Reference", "Value Date")]
    ['name', 'dir', 'memo', None]
    >>> [meaning(h) for h in ("Value", "Transaction Value", "Valuta", "Value Dt")]
    ['amount', 'amount', None, None]
    >>> [meaning(h) for h in ("Name Zahlungsbeteiligter", "IBAN Zahlungsbeteiligter",
    ...                       "Name Empfänger", "IBAN Auftragskonto", "BIC Zahlungsbeteiligter")]
    ['name', 'acct', 'name', None, None]
    >>> [meaning(h) for h in ("Transaction Ref1", "Ref 2", "Narrative 2", "Balance1")]
    ['memo', 'memo', 'memo', None]
    >>> [meaning(h) for h in ("日付", "支払い金額", "お預入れ", "差引残高", "摘要内容", "入払区分")]
    ['date', 'debit', 'credit', 'balance', 'memo', None]
    >>> [meaning(h) for h in ("お引出金額", "お預入金額", "入金額")]
    ['debit', 'credit', 'credit']
    >>> [meaning(h) for h in ("거래일시", "출금액(원)", "입금액(원)", "잔액(원)", "보낸분/받는분", "거래점")]
    ['date', 'debit', 'credit', 'balance', 'name', None]
    """
    text = key(bare(header))
    part = _PART.fullmatch(text)
    if part and not any(ch.isdigit() for ch in part.group(1)):
        # one numbered part of a text split over columns (``Transaction Ref1`` … ``Ref3``,
        # ``Narrative 2``): a serial is one column, so a reference or a text part is memo
        return (
            "memo"
            if meaning(part.group(1)) in ("ref", "memo") or _is_ref_word(part.group(1))
            else None
        )
    if not text or any(ch.isdigit() for ch in text) or len(text) > 24:
        return None  # a value or a sentence, not a column's name
    if (other := other_role(text)) is not None:  # Vietnamese, Thai, Ukrainian / Russian
        return other
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7a3]", text):
        folded = unicodedata.normalize("NFKC", text).replace(" ", "")
        for role, pattern in _ZH_RULES:
            hit = pattern.search(folded) if role is None else pattern.fullmatch(folded)
            if hit:
                return role
        return None
    # Greek exports abbreviate the date column ``Ημ/νία`` (ημερομηνία with its middle cut out)
    text = (
        re.sub(r"\bημ/νια\b", "ημερομηνια", _fold(text))
        if re.search("[\u0370-\u03ff]", text)
        else text
    )
    european = _european(re.findall(r"[^\W\d_]+", text))
    if european is not None:
        return european
    folded = text.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
    return _english(re.findall(r"[a-z]+", folded))


#: a header naming one numbered part (``transaction ref1``, ``narrative 2``, ``ref-3``)
_PART = re.compile(r"(.*?[a-z\u4e00-\u9fff])[\s\-_]?[1-9]")


def _is_ref_word(text: str) -> bool:
    """``Ref`` / ``Reference`` alone (or after transaction words): whose reference is not said."""
    return set(re.findall(r"[a-z]+", text)) <= {
        "ref",
        "reference",
        "transaction",
        "trans",
        "txn",
    } and bool(set(re.findall(r"[a-z]+", text)) & {"ref", "reference"})
