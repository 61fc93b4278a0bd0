"""Bytes on disk → UTF-8 text DuckDB can stream: fingerprints, encoding detection, transcoding.

Why a separate module: every file reader needs the same three things before any parsing —
a content fingerprint (idempotent ingest), the file's encoding (Chinese exports are GBK as
often as UTF-8), and, when the file is not UTF-8 or carries comment lines around the CSV
(Alipay) or a totals footer (WeChat), a cleaned UTF-8 copy. All of them stream in fixed-size
chunks so a 2 GB export never sits in memory.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from charset_normalizer import from_bytes

from connectors.errors import IngestError

CHUNK = 1 << 20  # 1 MiB
SAMPLE = 256 * 1024

# Encodings charset-normalizer may name for Chinese text; GB18030 is the superset of all three.
_CHINESE = {"gbk", "gb2312", "gb18030", "hz", "cp936"}


def fingerprint(path: Path, progress: Callable[[int], None] | None = None) -> str:
    """SHA-256 of the file content, read in 1 MiB chunks (the ingest_log key).

    >>> import tempfile, os
    >>> p = Path(tempfile.mkdtemp()) / "x.csv"; _ = p.write_bytes(b"abc")
    >>> fingerprint(p)[:12]
    'ba7816bf8f01'
    """
    h = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            if progress:
                progress(len(chunk))
    return h.hexdigest()


def _is_utf8(sample: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _sample(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(SAMPLE)


def _unicode_encoding(path: Path, sample: bytes) -> str | None:
    """``utf-8-sig`` / ``utf-16`` by their BOM, ``utf-8`` when the sample is strictly UTF-8."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample[:4096]:
        raise IngestError(f"{path}: looks binary (NUL bytes), not a CSV/text export")
    return "utf-8" if _is_utf8(sample) else None


def detect_encoding(path: Path) -> str:
    """The file's text encoding: ``utf-8``, ``utf-8-sig`` or ``gb18030`` (for GBK/GB2312).

    UTF-8 is tried strictly first (a wrong guess there would silently garble Chinese), then
    charset-normalizer decides. Anything it cannot name as UTF-8 or a Chinese encoding is
    refused: a reader that guesses loads garbage.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "g.csv"; _ = p.write_bytes("订单编号,金额\\n".encode("gbk"))
    >>> detect_encoding(p)
    'gb18030'
    """
    sample = _sample(path)
    if (enc := _unicode_encoding(path, sample)) is not None:
        return enc
    try:
        sample.decode("gb18030")
        return "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(sample).best()
    if best is not None and best.encoding.replace("_", "").lower() in _CHINESE:
        return "gb18030"
    raise IngestError(
        f"{path}: cannot decode as UTF-8 or GBK"
        + (f" (looks like {best.encoding})" if best is not None else "")
        + "; re-export the file as UTF-8 or GBK CSV"
    )


#: The legacy encodings a bank export comes in when it is not UTF-8: GBK/GB18030 (Chinese banks)
#: and Windows-1252 (Western European banks' "ANSI" CSV; ISO-8859-1 text is the same bytes).
LEGACY = ("gb18030", "cp1252")
#: non-letters a Western European statement writes (currency signs, quotes, dashes, degree...)
_LATIN_SIGNS = frozenset("€£¥°§´‘’‚“”„–—·×µ\u00a0")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
#: a Chinese character between two Latin letters: cp1252 text read as GBK (``Währung``: the
#: bytes E4 68 of ``äh`` form one GBK character), which real Chinese text never writes
_CJK_IN_LATIN_WORD = re.compile(r"[A-Za-z][\u3400-\u9fff\uf900-\ufaff][A-Za-z]")
#: three non-ASCII characters in a row: GBK text read as cp1252 (each Chinese character is two
#: high bytes: 张三 is ÕÅÈý), which Western European words do not write
_LATIN_RUN = re.compile(r"[^\x00-\x7f]{3}")


#: Japanese banks' CSV downloads (三菱UFJ, 三井住友, みずほ …) are Shift_JIS, in Windows' form
SHIFT_JIS = "cp932"
#: what Japanese text writes besides ASCII: kanji, kana (half-width too), CJK punctuation
_JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def _is_japanese(text: str) -> bool:
    """Whether every non-ASCII character of ``text`` is Japanese script (and there is one).

    Why this gate: the file decodes neither as GBK nor as Windows-1252, so only Shift_JIS is
    left, and it is taken only when what it reads is Japanese text, not symbols.

    >>> _is_japanese("日付,摘要,預かり金額"), _is_japanese("Datum"), _is_japanese("µ±")
    (True, False, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return bool(foreign) and all(_JAPANESE.match(ch) for ch in foreign)


#: Taiwanese banks' CSV downloads (國泰世華, 中國信託 …) are Big5, in Windows' form (session 29)
BIG5 = "cp950"
#: characters only Traditional Chinese writes (their Simplified forms differ), common in a bank
#: statement's header, preamble and memos: 額 餘 帳 戶 幣 臺 說 註 備 轉 匯 號 …
_TRADITIONAL_ONLY = re.compile(
    r"[額餘帳賬戶幣臺說註備轉匯號發貸對實務記錄細時間結稱單據證憑碼續費國銀區]"
)


def _is_traditional_chinese(text: str) -> bool:
    """Whether ``text`` (a sample read as Big5) is Traditional Chinese text: every non-ASCII
    character Chinese script or full-width, and some character only Traditional Chinese writes.

    Why this gate: GBK decodes Big5 bytes into other, real-looking characters (the file was
    refused for "no date column": its header read as GBK mojibake), and Big5 decodes many GBK
    bytes too; Big5 is taken only when its reading is Traditional text **and** its header names
    more known columns than every other reading's, so a GBK export never turns Big5.

    >>> _is_traditional_chinese("交易日期,摘要,支出,存入,餘額"), _is_traditional_chinese("交易日期,余额")
    (True, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return (
        bool(foreign)
        and all(_CJK.match(ch) for ch in foreign)
        and _TRADITIONAL_ONLY.search(text) is not None
    )


#: Korean banks' CSV downloads (KB국민, 신한, 우리, 하나 …) are EUC-KR, in Windows' form (UHC)
KOREAN = "cp949"
#: what Korean text writes besides ASCII: Hangul syllables and jamo, CJK punctuation, full-width
_KOREAN = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\u3000-\u303f\uff00-\uffef]")


def _is_korean(text: str) -> bool:
    """Whether every non-ASCII character of ``text`` is Korean script (and there is one).

    Why this gate: EUC-KR's Hangul block lies inside GBK's, so a Korean download also
    "decodes" as GBK — into Chinese characters no Chinese export writes — and its header named
    nothing. Hanja (Chinese characters) are left out on purpose: a Chinese file read as cp949
    turns into a mix of Hangul and Hanja, and is never taken for Korean.

    >>> _is_korean("거래일시,적요,입금액(원)"), _is_korean("交易日期"), _is_korean("Datum")
    (True, False, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return bool(foreign) and all(_KOREAN.match(ch) for ch in foreign)


#: Central European banks' "ANSI" CSV (Polish, Czech, Slovak, Hungarian …) is Windows-1250
CENTRAL_EUROPEAN = "cp1250"
#: letters Windows-1250 writes and Windows-1252 does not: the sign that a reading is Central
#: European text, not a Western file whose bytes cp1250 also decodes
_CE_LETTERS = frozenset("ąęłśźżćńčřšžůěťďňľĺŕőűĄĘŁŚŹŻĆŃČŘŠŽŮĚŤĎŇĽĹŔŐŰ")


def _is_central_european(text: str) -> bool:
    """Whether ``text`` (a sample read as Windows-1250) is Latin text with a Central European
    letter (and nothing cp1252 text would not write either: letters and signs, never three
    non-ASCII characters in a row).

    Why this gate: cp1250 and cp1252 decode the same bytes, so a Polish or Czech download read
    as cp1252 showed ``Data ksiêgowania`` and ``èástka`` and its header named nothing (session
    24); a Western file read as cp1250 is never taken, because its reading names no more
    columns than the cp1252 one (the caller's rule, as for Korean and Japanese).

    >>> _is_central_european("Data księgowania;Kwota"), _is_central_european("Währung")
    (True, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return any(ch in _CE_LETTERS for ch in foreign) and _plausible_latin_words(text)


#: Turkish banks' "ANSI" CSV (Garanti, İş, Ziraat …) is Windows-1254
TURKISH = "cp1254"
#: letters Windows-1254 writes at bytes where Windows-1252 writes ``Ð Ý Þ ð ý þ``: the sign that
#: a reading is Turkish text
_TR_LETTERS = frozenset("ğışĞİŞ")


def _is_turkish(text: str) -> bool:
    """Whether ``text`` (a sample read as Windows-1254) is Latin text with a Turkish-only letter.

    Why this gate: cp1254 and cp1252 differ only in six letters, so a Turkish download read as
    cp1252 showed ``Ýþlem Tarihi`` and its header named no date (session 24). An Icelandic
    ``ð``/``þ`` in a cp1252 file also reads as ``ğ``/``ş`` here, and a Czech cp1250 ``ý`` as
    ``ı``: such a file is never taken, because its cp1254 reading names no more columns than
    the cp1252 (or the earlier cp1250) reading (the caller's rule).

    >>> _is_turkish("İşlem Tarihi;Açıklama"), _is_turkish("Währung;Açúcar")
    (True, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return any(ch in _TR_LETTERS for ch in foreign) and _plausible_latin_words(text)


#: a run of three accented letters inside a word (Czech ``příští``, ``ŠŤÁVA``), and four or more
_RUN3 = re.compile(r"[^\x00-\x7f]{3}")
_RUN4 = re.compile(r"[^\x00-\x7f]{4}")


def _plausible_latin_words(text: str) -> bool:
    """Whether ``text`` (read as a Central European or Turkish code page) is Latin words: every
    non-ASCII character a letter or a sign statements write, never four in a row, and a run of
    three only inside a word that also has an ASCII letter, all three of one case.

    Why not :func:`_plausible`'s "never three in a row": Czech writes three accented letters in
    a row inside ordinary words (``příští`` "next", a company ``ŠŤÁVA``), and such a download was
    read as cp1252 or refused (sessions 24–25). What the rule is there for — GBK bytes read as a
    Latin code page — still fails: a Chinese word of two characters is four high bytes in a row,
    and mojibake mixes cases at random (``ŐĹČý``), where a word keeps one case.

    >>> _plausible_latin_words("Záloha na příští dodávku;ŠŤÁVA A SYN")
    True
    >>> _plausible_latin_words("ŐĹČý"), _plausible_latin_words("xŐĹčy"), _plausible_latin_words("říš")
    (False, False, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    if not all(ch.isalpha() or ch in _LATIN_SIGNS for ch in foreign) or _RUN4.search(text):
        return False
    for m in _RUN3.finditer(text):
        run = m.group()
        if not (run.isupper() or run.islower()):
            return False
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        while end < len(text) and text[end].isalpha():
            end += 1
        if not any(ch.isascii() for ch in text[start:end]):
            return False
    return True


#: Greek banks' "ANSI" CSV (Piraeus, Alpha, Eurobank, National Bank) is Windows-1253
GREEK = "cp1253"
_GREEK_LETTER = re.compile(r"[\u0370-\u03ff]")
#: a Greek letter glued to a Latin one: a Western file read as cp1253 (``Währung`` is ``Wδhrung``)
_GREEK_IN_LATIN_WORD = re.compile(r"[A-Za-z][\u0370-\u03ff]|[\u0370-\u03ff][A-Za-z]")


def _is_greek(text: str) -> bool:
    """Whether ``text`` (a sample read as Windows-1253) is Greek text: a Greek letter, every
    non-ASCII character a Greek letter or a sign statements write, none glued to a Latin letter.

    Why: a Greek download decodes as neither GBK nor cp1252 (or as their mojibake), and its
    header named nothing (session 25). A Chinese file read as cp1253 writes signs and undefined
    bytes among the letters; a Western one glues Greek letters into Latin words; and either
    way the Greek reading must name more columns than the others (the caller's rule).

    >>> _is_greek("Ημερομηνία;Αιτιολογία;Χρέωση"), _is_greek("Wδhrung"), _is_greek("Datum")
    (True, False, False)
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return (
        any(_GREEK_LETTER.match(ch) for ch in foreign)
        and all(_GREEK_LETTER.match(ch) or ch in _LATIN_SIGNS for ch in foreign)
        and not _GREEK_IN_LATIN_WORD.search(text)
    )


#: Ukrainian and Russian banks' "ANSI" CSV (PrivatBank, Raiffeisen Aval, Sberbank) is Windows-1251
CYRILLIC = "cp1251"
_CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
#: three letters of the Russian / Ukrainian alphabet in a row: a word (bytes that are no text
#: read as cp1251 write the rare letters ``Ѓ Ђ џ`` of 0x80–0x9F, not words)
_CYRILLIC_WORD = re.compile(r"[А-яЁёІіЇїЄєҐґ]{3}")
_CYRILLIC_IN_LATIN_WORD = re.compile(r"[A-Za-z][\u0400-\u04ff]|[\u0400-\u04ff][A-Za-z]")


def _is_cyrillic(text: str) -> bool:
    """Whether ``text`` (a sample read as Windows-1251) is Cyrillic text: a Cyrillic letter, every
    non-ASCII character a Cyrillic letter, ``№`` or a sign statements write, none glued to a
    Latin letter (session 26: a Ukrainian download was refused as having no date column).

    >>> _is_cyrillic("Дата операції;Сума;№"), _is_cyrillic("WдhrungЖ"), _is_cyrillic("Datum")
    (True, False, False)
    >>> _is_cyrillic("2030,Ѓ@ЃџЂЂ")  # bytes 81 40 81 9F 80 80 read as cp1251: no word
    False
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    return (
        _CYRILLIC_WORD.search(text) is not None
        and all(_CYRILLIC_LETTER.match(ch) or ch in _LATIN_SIGNS or ch == "№" for ch in foreign)
        and not _CYRILLIC_IN_LATIN_WORD.search(text)
    )


def _decoded(sample: bytes, encoding: str) -> str | None:
    """The sample decoded strictly (its last character may be cut: not an error), or None."""
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(sample, final=False)
    except UnicodeDecodeError:
        return None


def _plausible(text: str, encoding: str) -> bool:
    """Whether ``text`` (the sample read as ``encoding``) reads as text of that script.

    GBK: every non-ASCII character is Chinese, and none sits inside a Latin word. cp1252: every
    non-ASCII character is a letter or a sign European statements write, never three in a row.
    """
    foreign = [ch for ch in text if ord(ch) > 0x7F]
    if encoding == "gb18030":
        return all(_CJK.match(ch) for ch in foreign) and not _CJK_IN_LATIN_WORD.search(text)
    return all(ch.isalpha() or ch in _LATIN_SIGNS for ch in foreign) and not _LATIN_RUN.search(text)


#: languages charset-normalizer names for Windows-1250 text
_CE_LANGUAGES = frozenset({"Hungarian", "Czech", "Slovak", "Polish", "Slovene", "Croatian",
                           "Romanian", "Bosnian"})  # fmt: skip


def _central_european_tie(
    sample: bytes, text: str, readings: dict[str, str], score: int, legacy_best: int
) -> bool:
    """Whether a cp1250 reading whose header names as many columns as the best legacy reading
    (not more) is still the file's: it writes Central European letters where the cp1252 reading
    writes others, and charset-normalizer, limited to the two, reads the file as cp1250 in a
    Central European language.

    Why more evidence than the header: a Hungarian header (``Könyvelés dátuma``, ``Összeg``)
    is the same bytes in both code pages, so the header scores tie and the file was read as
    cp1252 — ``GYŐRI FŰRÉSZÁRU`` became ``GYÕRI FÛRÉSZÁRU`` (session 25). The language check
    keeps Western files out: a Portuguese ``õ`` or a Norwegian ``ø`` also reads as a Central
    European letter in cp1250, but their language is not Central European.
    """
    if not (legacy_best > 0 and score >= legacy_best and _is_central_european(text)):
        return False
    if readings.get("cp1252") in (None, text):
        return False
    if _CE_WORDS.search(text.casefold()):
        return True
    best = from_bytes(sample, cp_isolation=[CENTRAL_EUROPEAN, "cp1252"]).best()
    return best is not None and best.encoding == CENTRAL_EUROPEAN and best.language in _CE_LANGUAGES


#: words only Central European statements write (Hungarian, Czech, Slovak, Polish, Romanian
#: banking words, written alike in cp1250 and cp1252): the file's language is one cp1252 cannot
#: write, so its bytes are cp1250's letters
_CE_WORDS = re.compile(
    r"\b(könyvel|összeg|közlemény|egyenleg|számla|pénznem|devizanem|jóváírás|terhelés|dátuma"
    r"|částka|zůstatek|účtu|zaúčtov|kwota|księgow|rachunku|zostatok|tranzac|descriere)"
)


def detect_statement_encoding(path: Path, header_score: Callable[[str], int]) -> str:
    """:func:`detect_encoding` for a file that may be Chinese *or* Western European: UTF-8,
    else GBK (``gb18030``) or Windows-1252 (``cp1252``), decided from the file, never guessed.

    Why not GBK first: GB18030 decodes almost any bytes, so a German cp1252 export "decoded"
    as GBK mojibake — ``Währung`` (currency) became a garbled header, the line's currency was
    lost and an EUR line could close a CNY order. UTF-8 is tried strictly first. When both
    legacy readings decode, the one whose header names more known columns wins
    (``header_score``: ``Währung`` is known, its GBK mojibake is not); when the header is ASCII
    and both score alike, charset-normalizer (limited to these two) decides, and only if its
    pick reads as text of its script (:func:`_plausible`) while the other does not. A file that
    decodes as neither is read as Shift_JIS (a Japanese bank's download) when that reads as
    Japanese text (:func:`_is_japanese`). Korean (cp949) and Japanese files that GBK also
    decodes — into characters no Chinese export writes — are taken in their own script when
    that reading is text of the script (:func:`_is_korean`, :func:`_is_japanese`) and its header
    names more columns than any other reading's (a Shift_JIS file of kanji only, no kana, was
    refused as a headerless GBK file); a Windows-1250 file (Polish, Czech) the same way, when its
    reading writes a Central European letter (:func:`_is_central_european`), and a Windows-1254
    file (Turkish) when its reading writes a Turkish-only letter (:func:`_is_turkish`; tried
    after cp1250, so a Czech ``ý`` never turns a cp1250 file Turkish), and a Windows-1253 file
    (Greek) when its reading is Greek text (:func:`_is_greek`), and a Windows-1251 file
    (Ukrainian, Russian) when its reading is Cyrillic text (:func:`_is_cyrillic`), and a Big5
    file (Taiwan) when its reading is Traditional Chinese (:func:`_is_traditional_chinese`).
    Anything else is refused:
    re-exporting as UTF-8 costs a click, a wrong reading costs money.
    """
    sample = _sample(path)
    if (enc := _unicode_encoding(path, sample)) is not None:
        return enc
    readings = {e: t for e in LEGACY if (t := _decoded(sample, e)) is not None}
    legacy_best = max(map(header_score, readings.values()), default=0)
    for enc, script in (
        (KOREAN, _is_korean),
        (SHIFT_JIS, _is_japanese),
        (CENTRAL_EUROPEAN, _is_central_european),
        (TURKISH, _is_turkish),
        (GREEK, _is_greek),
        (CYRILLIC, _is_cyrillic),
        (BIG5, _is_traditional_chinese),
    ):
        text = _decoded(sample, enc)
        if text is not None and script(text) and header_score(text) > legacy_best:
            return enc  # a Korean / Japanese download that GBK also "decodes" into mojibake
        if enc == CENTRAL_EUROPEAN and text is not None:
            if _central_european_tie(sample, text, readings, header_score(text), legacy_best):
                return enc  # a Hungarian ``GYŐRI`` under a header cp1252 reads alike
            # a cp1254 reading must also name more than the cp1250 one (Czech ``ý`` is ``ı``)
            legacy_best = max(legacy_best, header_score(text))
    if len(readings) == 1:
        return next(iter(readings))
    if not readings:
        japanese = _decoded(sample, SHIFT_JIS)
        if japanese is not None and _is_japanese(japanese):
            return SHIFT_JIS
        raise IngestError(
            f"{path}: cannot decode as UTF-8, GBK, Windows-1252 or Shift_JIS; re-export the file "
            "as UTF-8 CSV"
        )
    scores = {e: header_score(t) for e, t in readings.items()}
    if scores["gb18030"] != scores["cp1252"]:
        return max(scores, key=lambda e: scores[e])
    best = from_bytes(sample, cp_isolation=list(LEGACY)).best()
    pick = (
        "gb18030"
        if best is not None and best.encoding.replace("_", "").lower() in _CHINESE
        else ("cp1252" if best is not None and best.encoding == "cp1252" else None)
    )
    other = {"gb18030": "cp1252", "cp1252": "gb18030"}
    if (
        pick is not None
        and _plausible(readings[pick], pick)
        and not _plausible(readings[other[pick]], other[pick])
    ):
        return pick
    raise IngestError(
        f"{path}: the file is not UTF-8, and it reads as GBK (Chinese) and as Windows-1252 "
        "(Western European) alike, so its text cannot be known; nothing was loaded — export it "
        "again as UTF-8 CSV"
    )


def _utf8_line_in_gbk(raw: bytes) -> bool:
    """A non-ASCII line that is valid UTF-8: in a GBK file, a line saved in another encoding.

    Why: GB18030 decodes almost any byte sequence, so a UTF-8 line inside a GBK export decodes
    "successfully" as mojibake (an order number in a memo silently corrupted). Real GBK text
    is very rarely also valid UTF-8 (its two-byte sequences seldom form UTF-8 lead/continuation
    patterns over a whole line), so such a line is refused rather than guessed. The same holds
    for a Windows-1252 file (``ä`` saved as UTF-8 reads ``Ã¤`` there).
    """
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _iter_gbk_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """:func:`iter_lines` for GBK/GB18030 and cp1252 files: checked and decoded line by line.

    Splitting bytes on ``\n`` is safe here: no GBK/GB18030 multi-byte sequence contains 0x0A
    (cp1252 has none).
    """
    lineno = 0
    pending = b""
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            *full, pending = (pending + chunk).split(b"\n")
            for raw in full:
                lineno += 1
                yield lineno, _decode_gbk_line(path, raw, lineno, encoding) + "\n"
    if pending:
        yield lineno + 1, _decode_gbk_line(path, pending, lineno + 1, encoding)


def _decode_gbk_line(path: Path, raw: bytes, lineno: int, encoding: str) -> str:
    if _utf8_line_in_gbk(raw):
        raise IngestError(
            f"{path}: line {lineno} is UTF-8 but the file is "
            f"{'GBK' if encoding == 'gb18030' else 'Windows-1252'} (mixed encodings); "
            "nothing was loaded — re-export the whole file in one encoding"
        )
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"{path}: invalid {encoding} bytes on line {lineno} ({exc.reason}); "
            "the file mixes encodings or is corrupt — re-export it"
        ) from exc


def iter_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line with its newline) decoded strictly, streaming.

    A byte sequence invalid in the detected encoding raises :class:`IngestError` with the line,
    so a file with mixed encodings is refused instead of half-garbled; in a GBK file a line
    that is UTF-8 is refused the same way (see :func:`_utf8_line_in_gbk`).
    """
    if encoding in LEGACY:  # GBK or cp1252: one encoding per line, checked line by line
        yield from _iter_gbk_lines(path, encoding)
        return
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    lineno = 0
    pending = ""
    with path.open("rb") as fh:
        while True:
            chunk = fh.read(CHUNK)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"{path}: invalid {encoding} bytes near line {lineno + pending.count(chr(10)) + 1}"
                    f" ({exc.reason}); the file mixes encodings or is corrupt — re-export it"
                ) from exc
            pending += text
            *full, pending = pending.split("\n")
            for line in full:
                lineno += 1
                yield lineno, line + "\n"
            if not chunk:
                break
    if pending:
        yield lineno + 1, pending


def to_utf8(
    path: Path,
    out: Path,
    encoding: str,
    keep: Callable[[int, str], bool | None] | None = None,
    transform: Callable[[str], str] | None = None,
) -> int:
    """Write a UTF-8 copy of ``path`` keeping only lines ``keep`` accepts; returns lines written.

    ``keep(lineno, line)`` returning ``None`` stops the copy (a totals footer). Lines are
    written as they are read, so memory stays flat whatever the file size.
    """
    written = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        for lineno, line in iter_lines(path, encoding):
            if lineno == 1:
                line = line.lstrip("\ufeff")
            verdict = True if keep is None else keep(lineno, line)
            if verdict is None:
                break
            if verdict:
                fh.write(transform(line) if transform else line)
                written += 1
    return written
