"""Column words of Vietnamese, Thai, Ukrainian / Russian, Indonesian, Hebrew and Arabic bank exports, by role.

Why a module of its own: :mod:`connectors.sources._bank_words` reads English, Chinese, Japanese,
Korean and the European languages whose words split on spaces into Latin or Greek letters; the
seventeenth independent set (session 26) brought exports whose headers are none of these —
Vietcombank / BIDV (``Ngày giao dịch``, ``Số tiền ghi nợ`` / ``ghi có``, ``Số dư``), Kasikornbank /
SCB (``วันที่``, ``ถอนเงิน`` / ``ฝากเงิน``, ``ยอดคงเหลือ``) and PrivatBank / Raiffeisen (``Дата
операції``, ``Дебет`` / ``Кредит``, ``Сума``, ``Залишок``) — and every such file was refused as
having no date column. Thai writes no spaces between words and its vowel marks are not word
characters, so a Thai header is compared whole; Vietnamese and Cyrillic ones word by word, as
the European ones are.

Session 27 (set 18) brought Indonesian exports of CNY accounts (Bank Mandiri / BCA: ``Tanggal``,
``Keterangan``, ``No. Referensi``, ``Debet`` / ``Kredit``, ``Jumlah``, ``Mata Uang``) and Israeli ones
(``תאריך``, ``תיאור הפעולה``, ``אסמכתא``, ``חובה`` / ``זכות`` and their ``ב``-prefixed forms, ``יתרה
בש"ח``, ``מטבע``): Indonesian and Hebrew split on spaces, so they are compared word by word too
(a quote inside a Hebrew abbreviation, ``בש"ח``, splits it like a space).

Session 28 (set 19) brought Saudi exports (``التاريخ``, ``الوصف``, ``مدين`` / ``دائن``, ``الرصيد``):
Arabic splits on spaces, so it is compared word by word; ``تاريخ القيمة`` is the value date (no role).

Session 30 (set 21) brought Uzbek exports in Latin letters (``Sana``, ``Debet`` / ``Kredit``,
``Kontragent nomi``, ``To'lov maqsadi``, ``Qoldiq``, ``Valyuta;CNY`` above the table): compared
word by word (the apostrophe of ``to'lov`` splits it like a space); ``Hujjat raqami`` is the
payment order's own number (the payer's, no role).

Only names that say one thing are listed: a value date (``Ngày hiệu lực``, ``Дата
валютування``), a sequence number (``STT``) or a payment order's own number (``Номер
документа``: the payer's numbering, not the bank's serial) has no role here.
"""

from __future__ import annotations

import re

#: Thai headers, compared whole (spaces removed)
_THAI = {
    "date": ("วันที่", "วันที่ทำรายการ", "วันที่รายการ", "วันที่บันทึกรายการ"),
    "debit": ("ถอนเงิน", "ถอน", "เดบิต", "จำนวนเงินถอน", "ถอน/โอนออก"),
    "credit": ("ฝากเงิน", "ฝาก", "เครดิต", "จำนวนเงินฝาก", "ฝาก/โอนเข้า"),
    "amount": ("จำนวนเงิน",),
    "balance": ("ยอดคงเหลือ", "คงเหลือ", "ยอดเงินคงเหลือ"),
    "memo": ("รายละเอียด", "รายการ", "คำอธิบาย", "หมายเหตุ"),
    "ccy": ("สกุลเงิน",),
}
_THAI_ROLE = {word: role for role, words in _THAI.items() for word in words}

#: Vietnamese and Ukrainian / Russian headers, compared as their words (lower case)
_WORDS = {
    "date": (
        "ngày", "ngày giao dịch", "ngày gd", "ngày hạch toán", "ngày ghi sổ", "ngày thực hiện",
        "дата", "дата операції", "дата операции", "дата проведення", "дата проводки",
        "дата транзакції", "дата транзакции", "дата и время операции", "дата і час операції",
        "tanggal", "tanggal transaksi", "tgl", "tgl transaksi", "tanggal mutasi",
        "תאריך", "תאריך פעולה", "תאריך עסקה",
        "التاريخ", "تاريخ العملية", "تاريخ الحركة", "تاريخ المعاملة", "تاريخ القيد",
        "sana", "operatsiya sanasi", "tranzaksiya sanasi",
    ),
    "debit": (
        "số tiền ghi nợ", "ghi nợ", "nợ", "phát sinh nợ", "số tiền nợ",
        "дебет", "видаток", "видатки", "расход", "списання", "списание",
        "debet", "mutasi debet", "חובה", "בחובה",
        "مدين", "المدين", "مسحوبات", "سحب", "chiqim",
    ),
    "credit": (
        "số tiền ghi có", "ghi có", "có", "phát sinh có", "số tiền có",
        "кредит", "надходження", "приход", "зарахування", "зачисление",
        "kredit", "mutasi kredit", "זכות", "בזכות",
        "دائن", "الدائن", "إيداعات", "إيداع", "kirim",
    ),
    "amount": ("số tiền", "số tiền giao dịch", "сума", "сумма", "сума операції", "сумма операции",
               "jumlah", "nominal", "סכום", "المبلغ", "مبلغ", "summa"),
    "balance": ("số dư", "số dư cuối", "số dư sau giao dịch", "залишок", "остаток", "сальдо",
                "saldo akhir", "יתרה", "היתרה", 'יתרה בש"ח', 'היתרה בש"ח', "الرصيد", "رصيد", "qoldiq"),
    "memo": (
        "nội dung", "nội dung chi tiết", "nội dung giao dịch", "diễn giải", "mô tả",
        "призначення", "призначення платежу", "назначение", "назначение платежа", "опис", "опис операції",
        "описание", "коментар", "комментарий",
        "keterangan", "uraian", "uraian transaksi", "deskripsi", "berita",
        "תיאור", "תיאור הפעולה", "פרטים", "פרטי הפעולה",
        "الوصف", "البيان", "التفاصيل", "وصف العملية", "تفاصيل العملية",
        "to'lov maqsadi", "maqsad", "izoh", "tavsif",
    ),
    # ВТБ's Номер операции is the bank's number of the operation (session 29; a payment
    # order's Номер документа is the payer's, no role)
    "ref": ("no referensi", "nomor referensi", "referensi", "אסמכתא", "رقم المرجع", "المرجع",
            "номер операции", "номер операції"),
    "name": (
        "tên đối ứng", "tên người chuyển", "контрагент", "кореспондент", "корреспондент",
        "найменування контрагента", "наименование контрагента", "платник", "плательщик",
        "плательщик / получатель", "платник / одержувач",
        "kontragent", "kontragent nomi", "to'lovchi", "to'lovchi nomi",
    ),
    "ccy": ("loại tiền", "tiền tệ", "валюта", "mata uang", "kode mata uang", "מטבע", "valyuta"),
}  # fmt: skip
_WORD_ROLE = {
    " ".join(re.findall(r"[^\W\d_]+", w)): role for role, words in _WORDS.items() for w in words
}
_THAI_SCRIPT = re.compile(r"[\u0e00-\u0e7f]")


def other_role(header: str) -> str | None:
    """The role of a Vietnamese, Thai or Ukrainian / Russian header, or None (not one of
    these languages, or a name that says no single role).

    >>> [other_role(h) for h in ("Ngày giao dịch", "Số tiền ghi nợ", "Số tiền ghi có", "Số dư",
    ...                          "Nội dung chi tiết", "Ngày hiệu lực", "STT")]
    ['date', 'debit', 'credit', 'balance', 'memo', None, None]
    >>> [other_role(h) for h in ("วันที่", "ถอนเงิน", "ฝากเงิน", "ยอดคงเหลือ", "เวลา", "ช่องทาง")]
    ['date', 'debit', 'credit', 'balance', None, None]
    >>> [other_role(h) for h in ("Дата операції", "Дебет", "Кредит", "Сума", "Залишок",
    ...                          "Призначення платежу", "Номер документа", "Дата валютування")]
    ['date', 'debit', 'credit', 'amount', 'balance', 'memo', None, None]
    >>> [other_role(h) for h in ("Дата и время операции", "Номер операции", "Номер документа",
    ...                          "Назначение")]
    ['date', 'ref', None, 'memo']
    >>> other_role("Date") is None, other_role("Có"), other_role("Nợ")
    (True, 'credit', 'debit')
    >>> [other_role(h) for h in ("Tanggal Transaksi", "Keterangan", "No. Referensi", "Debet",
    ...                          "Kredit", "Jumlah", "Tanggal Valuta")]
    ['date', 'memo', 'ref', 'debit', 'credit', 'amount', None]
    >>> [other_role(h) for h in ("תאריך", "תאריך ערך", "תיאור הפעולה", "אסמכתא", "בחובה", "זכות",
    ...                          'יתרה בש"ח')]
    ['date', None, 'memo', 'ref', 'debit', 'credit', 'balance']
    >>> [other_role(h) for h in ("التاريخ", "تاريخ القيمة", "الوصف", "مدين", "دائن", "الرصيد")]
    ['date', None, 'memo', 'debit', 'credit', 'balance']
    >>> [other_role(h) for h in ("Sana", "Hujjat raqami", "Debet", "Kredit", "Kontragent nomi",
    ...                          "To'lov maqsadi", "Qoldiq")]
    ['date', None, 'debit', 'credit', 'name', 'memo', 'balance']
    """
    text = header.strip().casefold()
    if _THAI_SCRIPT.search(text):
        return _THAI_ROLE.get(re.sub(r"\s+", "", text))
    return _WORD_ROLE.get(" ".join(re.findall(r"[^\W\d_]+", text)))


#: the currency labels above a table (``Loại tiền: VND``, ``Валюта;UAH``, ``สกุลเงิน,THB``)
CURRENCY_LABELS = ("Loại tiền", "Tiền tệ", "Валюта", "Валюта рахунку", "Валюта счета", "สกุลเงิน",
                   "Mata Uang", "Kode Mata Uang", "מטבע", "Valyuta")  # fmt: skip
