"""dbt-semantic-interfaces objects stored without their classes, for the on-disk startup cache.

Why: a loaded :class:`~semantic_layer.model.SemanticModel` holds the validated dbt manifest and
each metric's pydantic object. Unpickling them imports dbt-semantic-interfaces' implementation
modules, whose ~40 pydantic (v1) classes are built at import: ~0.1 s of CPU in every cold
``orderlens ask`` answered from the startup cache (measured: ``import duckdb, pandas, sqlglot,
pydantic, jinja2, yaml`` 0.55-0.63 s, with the implementations 0.66-0.76 s). What the question
engine reads of them is field values (``metric.pydantic.type_params.numerator.name``,
``where_sql_template``...), so the cache stores each such object as a :class:`Frozen`: its class
path, its field values (frozen in turn) and which fields were set. Reading a field costs a dict
look-up and imports nothing; anything else (a method such as ``.json()``, a property, equality,
hashing) builds the real pydantic object once (``construct``: the values were validated when
the model was loaded) and answers from it, so a cached model behaves as a freshly loaded one.

>>> from dbt_semantic_interfaces.implementations.metric import PydanticMetricInput
>>> real = PydanticMetricInput(name="gmv", alias="sales")
>>> frozen = pickle.loads(dumps(real))
>>> type(frozen).__name__, frozen.name, frozen.alias, frozen.filter
('Frozen', 'gmv', 'sales', None)
>>> frozen == real, frozen.json() == real.json()
(True, True)
"""

from __future__ import annotations

import importlib
import io
import pickle
from typing import Any

#: the modules whose pydantic objects are frozen (their enums, in ``type_enums``, are cheap)
_PREFIX = "dbt_semantic_interfaces.implementations."


class Frozen:
    """A dbt-semantic-interfaces pydantic object's fields, readable without its class."""

    __slots__ = ("_fields", "_path", "_real", "_set")

    def __init__(self, path: str, fields: dict[str, Any], fields_set: tuple[str, ...]) -> None:
        self._path = path
        self._fields = fields
        self._set = fields_set
        self._real: Any = None

    def __getattr__(self, name: str) -> Any:
        # called only for names that are not slots: field values first, else the real object
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)  # copy/pickle protocol probes: not the model's
        return getattr(self.thaw(), name)

    def thaw(self) -> Any:
        """The real pydantic object (built on first use, then kept)."""
        if self._real is None:
            module, _, name = self._path.rpartition(".")
            cls = getattr(importlib.import_module(module), name)
            values = {k: _thawed(v) for k, v in self._fields.items()}
            self._real = cls.construct(_fields_set=set(self._set), **values)
        return self._real

    def __eq__(self, other: object) -> bool:
        return bool(self.thaw() == _thawed(other))

    def __hash__(self) -> int:
        return hash(self.thaw())

    def __repr__(self) -> str:
        return f"Frozen({self._path.rpartition('.')[2]}, {self._fields!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Frozen, (self._path, self._fields, self._set))


def _thawed(value: Any) -> Any:
    """``value`` with every :class:`Frozen` inside it replaced by its real object."""
    if isinstance(value, Frozen):
        return value.thaw()
    if isinstance(value, list):
        return [_thawed(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_thawed(v) for v in value)
    if isinstance(value, dict):
        return {k: _thawed(v) for k, v in value.items()}
    return value


class _FreezingPickler(pickle.Pickler):
    """Pickles dbt-semantic-interfaces pydantic objects as :class:`Frozen` ones."""

    def reducer_override(self, obj: Any) -> Any:
        cls = type(obj)
        if cls.__module__.startswith(_PREFIX) and hasattr(cls, "__fields__"):
            fields = {name: getattr(obj, name) for name in cls.__fields__}
            path = f"{cls.__module__}.{cls.__qualname__}"
            return (Frozen, (path, fields, tuple(sorted(obj.__fields_set__))))
        return NotImplemented


def dump(obj: Any, fh: Any) -> None:
    """Pickle ``obj`` to ``fh`` with its dbt-semantic-interfaces objects frozen."""
    _FreezingPickler(fh, protocol=pickle.HIGHEST_PROTOCOL).dump(obj)


def dumps(obj: Any) -> bytes:
    """:func:`dump` to bytes."""
    buf = io.BytesIO()
    dump(obj, buf)
    return buf.getvalue()
