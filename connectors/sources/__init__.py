"""Source readers: one module per real-world format, each mapping it onto canonical tables.

``FORMATS`` names every format ``orderlens ingest`` accepts and the module implementing it;
modules are imported lazily so a CLI call only loads the reader it uses.

>>> sorted(FORMATS)[:3]
['alipay', 'bank-csv', 'camt053']
"""

from __future__ import annotations

import importlib

from connectors.errors import IngestError
from connectors.sources.base import DatabaseSourceReader, SourceReader

FORMATS: dict[str, str] = {
    "taobao": "connectors.sources.taobao",
    "jd": "connectors.sources.jd",
    "orders-csv": "connectors.sources.mapping",
    "tracking": "connectors.sources.tracking",
    "mt940": "connectors.sources.mt940",
    "camt053": "connectors.sources.camt053",
    "bank-csv": "connectors.sources.bank_csv",
    "alipay": "connectors.sources.alipay",
    "wechat": "connectors.sources.wechat",
    "postgres": "connectors.sources.postgres",
}


def reader_module(fmt: str) -> SourceReader | DatabaseSourceReader:
    """The reader implementing ``fmt``: a file :class:`SourceReader` or a database one."""
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(FORMATS[fmt])
    if isinstance(module, DatabaseSourceReader):
        return module
    if isinstance(module, SourceReader):
        return module
    raise IngestError(f"{FORMATS[fmt]} does not define load(con, path, ctx); it is not a reader")
