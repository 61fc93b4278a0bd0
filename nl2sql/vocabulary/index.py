"""The per-model vocabulary index: bridges built once per model content, cached on disk.

Why keyed by content rather than by path: the same model may be loaded from several places,
and an edited model must never reuse a stale index. The key covers everything the bridges are
derived from — names, labels, descriptions, synonyms, values — plus the versions of the
resources (thesaurus file, CC-CEDICT package) and of this code's rules.
"""

from __future__ import annotations

import functools
import threading
from importlib import resources
from importlib.resources.abc import Traversable

from nl2sql.vocabulary import cedict, ecdict, morphology, wordnet
from nl2sql.vocabulary.bridges import Bridge, bridge_from_dict, bridge_to_dict, build_bridges
from nl2sql.vocabulary.cache import cache_dir, content_hash, read_json, write_json
from nl2sql.vocabulary.compass_places import compass_bridges
from nl2sql.vocabulary.compose_zh import part_bridges
from nl2sql.vocabulary.currency_values import currency_bridges
from nl2sql.vocabulary.places import state_bridges
from nl2sql.vocabulary.verb_bridges import verb_bridges
from semantic_layer.catalog import Catalog

#: bump when the cache format changes; the rules' own source is hashed into every key too
VOCABULARY_VERSION = 1
_memo: dict[str, list[Bridge]] = {}
_lock = threading.Lock()


def rule_files() -> list[Traversable]:
    """The files bridges are derived by, as installed: every module and word list of this
    package and the general word lists (``nl2sql/general.py``).

    Why all of them rather than a list: a new rule module, or a stop word added to
    ``general.py``, changes the bridges; a key that missed one let a checkout read bridges
    that another checkout built with other rules from the shared user cache.
    """
    pkg = resources.files("nl2sql.vocabulary")
    files = sorted(
        (f for f in pkg.iterdir() if f.name.endswith((".py", ".yml"))), key=lambda f: f.name
    )
    return [*files, resources.files("nl2sql").joinpath("general.py")]


@functools.cache
def _rules_hash() -> str:
    """Hash of :func:`rule_files`: editing any of them rebuilds the bridges."""
    return content_hash([[f.name, f.read_text("utf-8")] for f in rule_files()])


def catalog_fingerprint(catalog: Catalog) -> str:
    """A hash of everything in ``catalog`` that bridges depend on, and of their resources."""
    payload = {
        "v": VOCABULARY_VERSION,
        "cedict": cedict.resource_version(),
        "ecdict": ecdict.resource_version(),
        "lemminflect": morphology.resource_version(),
        "wordnet": wordnet.resource_version(),
        "rules": _rules_hash(),
        "metrics": [(m.name, m.label, m.description, m.synonyms) for m in catalog.metrics],
        "dimensions": [
            (d.name, d.label, d.dim_type, d.description, d.synonyms, d.values)
            for d in catalog.dimensions
        ],
        "entities": [
            (e.name, e.label, e.description, e.synonyms, e.models) for e in catalog.entities
        ],
    }
    return content_hash(payload)


def bridges_for(catalog: Catalog) -> list[Bridge]:
    """The bridges of ``catalog``: from memory, else from the disk cache, else built and stored.

    Building scans CC-CEDICT and jieba's dictionary (about a second); reading the cached index
    costs a few milliseconds, which keeps cold answers fast.
    """
    key = catalog_fingerprint(catalog)
    with _lock:
        hit = _memo.get(key)
    if hit is not None:
        return hit
    path = cache_dir("vocabulary") / f"{key}.json"
    doc = read_json(path)
    bridges: list[Bridge] | None = None
    if isinstance(doc, dict) and doc.get("key") == key:
        try:
            bridges = [bridge_from_dict(b) for b in doc["bridges"]]
        except (KeyError, TypeError):
            bridges = None
    if bridges is None:
        # synonyms of model terms, the verb forms naming their events (never terms), and
        # place names of coded values (Texas for TX)
        bridges = build_bridges(catalog) + verb_bridges(catalog) + state_bridges(catalog)
        bridges += currency_bridges(catalog)  # 英镑 for GBP on a column of currency codes
        bridges += compass_bridges(catalog)  # 北苏门答腊 for north_sumatra
        bridges += part_bridges(catalog)  # parts of compounds read part by part, no terms
        write_json(path, {"key": key, "bridges": [bridge_to_dict(b) for b in bridges]})
    with _lock:
        if len(_memo) > 16:
            _memo.clear()
        _memo[key] = bridges
    return bridges
