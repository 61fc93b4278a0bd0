"""What reading a Parquet column chunk really takes: its page headers, not its footer.

Why (session 29): :mod:`connectors.engines.parquet_bounds` refused a row group from the sizes
the file's footer states. Those are only claims: a reader allocates each page from the page's
own header (``uncompressed_page_size``, the buffer it decompresses into, and ``num_values``,
the values it decodes), and never checks the footer against them. A 94 KB file whose footer
said its row group took 1,000 bytes held one zstd page of 1 GB of text: the check passed and a
query under a 512MB memory limit took the process to 1,157 MB. The page headers are what the
reader itself goes by, so they are what is summed here.

The headers are Thrift compact-protocol structs (parquet-format's ``PageHeader``); only the
few fields needed are read and everything else is skipped by type, so no Thrift library is
needed. A header that does not parse, a size below zero, or more pages than a reader could
mean (:data:`MAX_PAGES`, so a file of millions of empty pages cannot make the walk itself
slow) is an error: such a file is refused, never read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import BinaryIO

#: Pages one column chunk may have (a writer's pages are ~1 MB or 20,000 rows: 100,000 of them
#: is 100 GB or 2 billion rows in one chunk).
MAX_PAGES = 100_000
#: The largest page header read (Arrow's reader allows 16 MB; statistics can make it long).
MAX_HEADER = 16 * 2**20
#: Bytes an Arrow array adds per decoded value at most (an offset, an index or an int64).
VALUE_BYTES = 8

# Thrift compact protocol type ids
_BOOL_TRUE, _BOOL_FALSE, _BYTE, _I16, _I32, _I64, _DOUBLE = 1, 2, 3, 4, 5, 6, 7
_BINARY, _LIST, _SET, _MAP, _STRUCT = 8, 9, 10, 11, 12
# PageHeader fields: 2 uncompressed_page_size, 3 compressed_page_size; 5 data page, 7
# dictionary page and 8 data page v2 headers, whose field 1 is num_values
_SIZES = {2: "uncompressed", 3: "compressed"}
_VALUE_HEADERS = {5, 7, 8}


class BadPages(ValueError):
    """The column chunk's pages cannot be read as Parquet pages."""


def _element(kind: int) -> int:
    """A collection's element type as read: a boolean element is one byte (not in its type)."""
    return _BYTE if kind in (_BOOL_TRUE, _BOOL_FALSE) else kind


class _Reader:
    """Thrift compact-protocol values out of a bytes buffer (IndexError past its end)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        value = self.data[self.pos]
        self.pos += 1
        return value

    def varint(self) -> int:
        shift = result = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 70:
                raise BadPages("a varint longer than 10 bytes")

    def zigzag(self) -> int:
        n = self.varint()
        return (n >> 1) ^ -(n & 1)

    def skip(self, kind: int, depth: int = 0) -> None:
        """Skip one value of compact type ``kind``."""
        if depth > 32:
            raise BadPages("structures nested more than 32 deep")
        if kind in (_BOOL_TRUE, _BOOL_FALSE):
            return
        if kind == _BYTE:
            self.pos += 1
        elif kind in (_I16, _I32, _I64):
            self.varint()
        elif kind == _DOUBLE:
            self.pos += 8
        elif kind == _BINARY:
            length = self.varint()  # read first: ``pos += varint()`` adds to the old pos
            self.pos += length
        elif kind in (_LIST, _SET):
            head = self.byte()
            size = head >> 4 if head >> 4 != 15 else self.varint()
            for _ in range(size):
                self.skip(_element(head & 0x0F), depth + 1)
        elif kind == _MAP:
            size = self.varint()
            if size:
                types = self.byte()
                for _ in range(size):
                    self.skip(_element(types >> 4), depth + 1)
                    self.skip(_element(types & 0x0F), depth + 1)
        elif kind == _STRUCT:
            self.fields(lambda field, kind: self.skip(kind, depth + 1))
        else:
            raise BadPages(f"unknown Thrift type {kind}")
        if self.pos > len(self.data):
            raise IndexError("past the buffer")

    def fields(self, on_field: Callable[[int, int], None]) -> None:
        """Call ``on_field(id, type)`` for each field of a struct (which must read or skip it)."""
        last = 0
        while True:
            head = self.byte()
            kind = head & 0x0F
            if kind == 0:
                return
            delta = head >> 4
            last = last + delta if delta else self.zigzag()
            on_field(last, kind)


def page_header(data: bytes) -> tuple[int, int, int, int]:
    """``(header length, uncompressed size, compressed size, values)`` of the page header at
    the start of ``data``; IndexError when ``data`` ends inside it.

    >>> page_header(bytes([0x15, 0x00, 0x15, 0xc8, 0x01, 0x15, 0x50, 0x2c, 0x15, 0x14, 0x00, 0x00]))
    (12, 100, 40, 10)
    """
    reader = _Reader(data)
    got = {"uncompressed": -1, "compressed": -1, "values": 0}

    def values_of(field: int, kind: int) -> None:
        if field == 1 and kind == _I32:
            got["values"] = max(got["values"], reader.zigzag())
        else:
            reader.skip(kind)

    def on_field(field: int, kind: int) -> None:
        if field in _SIZES and kind == _I32:
            got[_SIZES[field]] = reader.zigzag()
        elif field in _VALUE_HEADERS and kind == _STRUCT:
            reader.fields(values_of)
        else:
            reader.skip(kind)

    reader.fields(on_field)
    if got["uncompressed"] < 0 or got["compressed"] < 0 or got["values"] < 0:
        raise BadPages("a page header without its sizes, or with a size below zero")
    return reader.pos, got["uncompressed"], got["compressed"], got["values"]


def chunk_bytes(file: BinaryIO, start: int, length: int, file_size: int) -> int:
    """What reading the column chunk of ``length`` bytes at ``start`` takes: its pages'
    uncompressed sizes and :data:`VALUE_BYTES` per value, from each page's own header."""
    end = min(start + max(length, 0), file_size)
    pos, pages, total = start, 0, 0
    while pos < end:
        pages += 1
        if pages > MAX_PAGES:
            raise BadPages(f"more than {MAX_PAGES:,} pages in one column chunk")
        want = 512
        while True:
            file.seek(pos)
            try:
                size, uncompressed, compressed, values = page_header(file.read(want))
                break
            except IndexError:
                if want >= MAX_HEADER or pos + want >= file_size:
                    raise BadPages(f"a page header at byte {pos:,} does not end") from None
                want *= 32
        total += uncompressed + VALUE_BYTES * values
        pos += size + compressed
    return total
