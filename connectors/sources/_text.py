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
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample[:4096]:
        raise IngestError(f"{path}: looks binary (NUL bytes), not a CSV/text export")
    if _is_utf8(sample):
        return "utf-8"
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


def _utf8_line_in_gbk(raw: bytes) -> bool:
    """A non-ASCII line that is valid UTF-8: in a GBK file, a line saved in another encoding.

    Why: GB18030 decodes almost any byte sequence, so a UTF-8 line inside a GBK export decodes
    "successfully" as mojibake (an order number in a memo silently corrupted). Real GBK text
    is very rarely also valid UTF-8 (its two-byte sequences seldom form UTF-8 lead/continuation
    patterns over a whole line), so such a line is refused rather than guessed.
    """
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _iter_gbk_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """:func:`iter_lines` for GBK/GB18030 files: checked and decoded line by line.

    Splitting bytes on ``\n`` is safe here: no GBK/GB18030 multi-byte sequence contains 0x0A.
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
            f"{path}: line {lineno} is UTF-8 but the file is GBK (mixed encodings); "
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
    if encoding == "gb18030":
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
