"""Synonyms as a reviewable overlay file, and models with every synonym stripped.

Why an overlay and not an edit: the YAML of a dbt project belongs to its owner and to dbt, so
OrderLens never rewrites it. ``orderlens model suggest-synonyms`` writes proposals to a separate
file the owner reviews, edits and keeps next to the model; the engine reads that file when it
is there and merges its words into the catalog as if the model had declared them. Nothing is
learned at question time: the overlay changes only when a person saves it.

The default location is ``.orderlens/synonyms.yml`` inside the model directory (or beside a
single model file / ``semantic_manifest.json``): the model loader skips dot-directories, so it
never takes the overlay for part of the model, and a dbt project keeps it at its root.

File format (every section optional)::

    orderlens_synonyms: 1
    metrics:
      order_gross_profit: [gross profit, 毛利]
    dimensions:
      location__location_name: [store name, 门店名称]
    entities:
      location: [store, 门店]
    values:
      location__region: {East: [东部, 东区]}
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import yaml

from connectors.bounded_yaml import read_text_bounded
from nl2sql.errors import NL2SQLError
from semantic_layer.catalog import Catalog
from semantic_layer.yaml_reader import safe_load_bounded

OVERLAY_PATH = (".orderlens", "synonyms.yml")
FORMAT_KEY = "orderlens_synonyms"
_SECTIONS = ("metrics", "dimensions", "entities", "values")
#: what one synonym may be: a text (or a number written as one, e.g. a year); a list or a
#: mapping as a "word" became its ``str()``, never a word anyone asks with
_WORD = (str, int, float)


class OverlayError(NL2SQLError):
    """A synonyms overlay file that cannot be used; the message names the file and the fix."""


def default_overlay_path(model_path: str | Path | None) -> Path | None:
    """Where the overlay of the model at ``model_path`` lives (None for the built-in model).

    >>> default_overlay_path("/p/models/semantic").as_posix()
    '/p/models/semantic/.orderlens/synonyms.yml'
    >>> default_overlay_path("/p/target/semantic_manifest.json").as_posix()
    '/p/target/.orderlens/synonyms.yml'
    """
    if model_path is None:
        return None
    path = Path(model_path)
    base = path.parent if path.suffix in (".yml", ".yaml", ".json") else path
    return base.joinpath(*OVERLAY_PATH)


def read_overlay(path: str | Path) -> dict[str, dict[str, Any]]:
    """The overlay's sections, validated; raises :class:`OverlayError` naming what is wrong."""
    path = Path(path)
    try:
        doc = safe_load_bounded(read_text_bounded(path)) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise OverlayError(f"{path}: cannot read the synonyms overlay ({exc})") from exc
    if not isinstance(doc, dict) or doc.get(FORMAT_KEY) != 1:
        raise OverlayError(
            f"{path}: not a synonyms overlay: the file must start with `{FORMAT_KEY}: 1` "
            "(write one with `orderlens model suggest-synonyms`)"
        )
    out: dict[str, dict[str, Any]] = {}
    for section in _SECTIONS:
        body = doc.get(section) or {}
        if not isinstance(body, dict):
            raise OverlayError(f"{path}: `{section}` must map names to lists of words")
        for name, words in body.items():
            lists = list(words.values()) if isinstance(words, dict) else [words]
            ok = (section == "values") == isinstance(words, dict) and all(
                isinstance(v, list) and all(isinstance(w, _WORD) for w in v) for v in lists
            )
            if not ok:
                shape = "{value: [words]}" if section == "values" else "[words]"
                shape += " (each word a text)"
                raise OverlayError(f"{path}: `{section}.{name}` must be {shape}")
        out[section] = body
    unknown = sorted(set(doc) - {FORMAT_KEY, "model", *_SECTIONS})
    if unknown:
        raise OverlayError(
            f"{path}: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(_SECTIONS)}"
        )
    return out


def _merged(old: tuple[str, ...], new: list[Any]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*old, *(str(w) for w in new if str(w).strip())]))


def apply_overlay(catalog: Catalog, overlay: dict[str, dict[str, Any]]) -> Catalog:
    """``catalog`` with the overlay's words added as synonyms; names it does not know are
    reported, so a renamed model term does not silently lose its words."""
    known = {
        "metrics": {m.name for m in catalog.metrics},
        "dimensions": {d.name for d in catalog.dimensions},
        "entities": {e.name for e in catalog.entities},
        "values": {d.name for d in catalog.dimensions},
    }
    for section, body in overlay.items():
        missing = sorted(set(body) - known[section])
        if missing:
            raise OverlayError(
                f"synonyms overlay: {section} {', '.join(missing)} not in the model "
                f"(known: {', '.join(sorted(known[section])[:8])}...); fix or delete the entry"
            )
    metrics = tuple(
        dataclasses.replace(m, synonyms=_merged(m.synonyms, overlay["metrics"][m.name]))
        if m.name in overlay.get("metrics", {})
        else m
        for m in catalog.metrics
    )
    entities = tuple(
        dataclasses.replace(e, synonyms=_merged(e.synonyms, overlay["entities"][e.name]))
        if e.name in overlay.get("entities", {})
        else e
        for e in catalog.entities
    )
    dims = []
    for d in catalog.dimensions:
        syn = overlay.get("dimensions", {}).get(d.name)
        vals = overlay.get("values", {}).get(d.name)
        if syn is None and vals is None:
            dims.append(d)
            continue
        vs = dict(d.value_synonyms)
        for value, words in (vals or {}).items():
            vs[str(value)] = _merged(vs.get(str(value), ()), words)
        dims.append(
            dataclasses.replace(d, synonyms=_merged(d.synonyms, syn or []), value_synonyms=vs)
        )
    return dataclasses.replace(catalog, metrics=metrics, dimensions=tuple(dims), entities=entities)


#: (overlay file, model content key) -> the overlay that model's catalogs were built with
_applied: OrderedDict[tuple[str, str], dict[str, dict[str, Any]]] = OrderedDict()
_applied_lock = threading.Lock()
_APPLIED_MAX = 64


def overlay_catalog(
    catalog: Catalog, model_path: str | Path | None, model_key: str | None = None
) -> Catalog:
    """``catalog`` with the overlay beside ``model_path`` applied, when there is one.

    ``model_key`` is the content key the model was loaded under (``nl2sql.startup_cache``).
    When the overlay no longer reads but this very model already had a catalog built with it
    in this process, that overlay is applied again (session 21). Why: a server keeps answering
    with the last valid model while an edit is broken, and a warehouse change (an ingest) needs
    a new catalog for it; reading the broken file then made every question a 422 until it was
    fixed (session 20's open item). A model loaded after the edit has another key, so it still
    meets the error (``orderlens ask``, ``%ask``), and the model status keeps naming the file.
    """
    path = default_overlay_path(model_path)
    if path is None or not path.is_file():
        return catalog
    slot = (str(path.resolve()), model_key) if model_key else None
    try:
        sections = read_overlay(path)
    except OverlayError:
        with _applied_lock:
            kept = _applied.get(slot) if slot is not None else None
        if kept is None:
            raise
        return apply_overlay(catalog, kept)
    remember_overlay(path, model_key, sections)
    return apply_overlay(catalog, sections)


def remember_overlay(
    path: str | Path, model_key: str | None, sections: dict[str, dict[str, Any]]
) -> None:
    """Record that the model of ``model_key`` reads the overlay at ``path`` as ``sections``
    (a server checking the overlay of a model it takes, whose catalog may come from disk)."""
    if not model_key:
        return
    slot = (str(Path(path).resolve()), model_key)
    with _applied_lock:
        _applied[slot] = sections
        _applied.move_to_end(slot)
        while len(_applied) > _APPLIED_MAX:
            _applied.popitem(last=False)
