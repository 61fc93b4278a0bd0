"""YAML read with bounds, for every layer: aliases that expand too far and files too large.

Why here, in the lowest layer: ``connectors`` reads ingest mappings and cannot import
``semantic_layer`` (layers import downwards only), so the bound session 9 put on model files
and session 18 on the files beside a model lives here and ``semantic_layer.yaml_reader``
re-exports it. Plain ``yaml.safe_load`` loads a "billion laughs" file quickly (an alias shares
its object) and leaves the expansion to whatever walks the result: in session 19 a 700-byte
ingest mapping, reconciliation rules file or impact sources file of nine nested aliases held
its command past 30 s at 1.2-1.8 GB until killed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser when PyYAML was built with it: the pure-Python one took ~1 s of every cold
# ``orderlens ask`` reading the built-in model; both report node lines the same way.
_SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: nodes one YAML document may expand to once its aliases are followed; a real model file has
#: a few thousand, a "billion laughs" file of nine nested aliases 387 million
MAX_EXPANDED_NODES = 1_000_000

#: bytes one YAML file may have: a model file, rules or mapping is a few KB; a 200 MB scalar
#: took 841 MB and 5 s to parse before anything could say it was not a setting
MAX_YAML_BYTES = 16 * 1024 * 1024


def expanded_size(node: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes ``node`` stands for with every alias followed (stops past ``limit``).

    Why: an alias is one node in the file but a full copy for everything that walks the
    parsed document (line bookkeeping, ``var()`` rendering, validation, ``str()``).

    >>> doc = yaml.compose("a: &a [x, x, x]\\nb: [*a, *a, *a]")
    >>> expanded_size(doc)
    20
    """
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        known = sizes.get(id(n))
        if known is not None:
            return known
        sizes[id(n)] = 1  # a recursive alias counts once instead of looping
        total = 1
        if isinstance(n, yaml.SequenceNode):
            children: list[yaml.Node] = list(n.value)
        elif isinstance(n, yaml.MappingNode):
            children = [part for pair in n.value for part in pair]
        else:
            children = []
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[id(n)] = total
        return total

    return size(node)


class AliasBomb(yaml.YAMLError):
    """A document whose aliases expand past :data:`MAX_EXPANDED_NODES`."""


class YamlTooLarge(yaml.YAMLError):
    """A YAML file or text past :data:`MAX_YAML_BYTES`."""


class BoundedLoader(_SafeLoader):
    """A safe loader that refuses a document whose aliases expand past
    :data:`MAX_EXPANDED_NODES` nodes (PyYAML shares an alias's object, so loading is quick;
    whatever walks the result afterwards, ``str()`` of a word list for one, never ends)."""

    def construct_document(self, node: yaml.Node) -> Any:
        if expanded_size(node) > MAX_EXPANDED_NODES:
            raise AliasBomb(
                f"its anchors and aliases expand to more than {MAX_EXPANDED_NODES:,} values "
                "(nested aliases, a 'billion laughs' file)"
            )
        return super().construct_document(node)


def _too_large(size: int) -> YamlTooLarge:
    return YamlTooLarge(
        f"it has {size:,} bytes, more than the {MAX_YAML_BYTES:,} a settings file may have "
        "(split it, or check that this is the file you meant)"
    )


def safe_load_bounded(text: str) -> Any:
    """``yaml.safe_load`` that refuses an alias bomb or an oversized text with a
    ``yaml.YAMLError`` saying so.

    >>> safe_load_bounded("{a: &x [1, 2], b: *x}")
    {'a': [1, 2], 'b': [1, 2]}
    """
    if len(text) > MAX_YAML_BYTES:
        raise _too_large(len(text.encode("utf-8")))
    return yaml.load(text, Loader=BoundedLoader)


class UnreadableFile(OSError):
    """A model or settings file that is no regular file (a device, a FIFO) or is too large."""


def read_text_bounded(
    path: str | Path, max_bytes: int = MAX_YAML_BYTES, errors: str = "strict"
) -> str:
    """The UTF-8 text of a regular file of at most ``max_bytes``; :class:`UnreadableFile` else.

    Why not ``stat`` then ``read_text``: a device or ``/proc`` file reports size 0, so a model
    file that was a symlink to ``/dev/zero`` passed every size check and the loader read until
    the process ran out of memory (a ``MemoryError`` after 10 s under a 3 GB limit; a server
    without one grew until killed), and a FIFO blocked the load for ever (session 21). The
    file is opened without blocking, must be a regular file, and at most ``max_bytes + 1``
    bytes are read whatever its size says.

    >>> read_text_bounded("/dev/zero")
    Traceback (most recent call last):
    ...
    connectors.bounded_yaml.UnreadableFile: /dev/zero: not a regular file (a device, a pipe or a socket); point at the file itself
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise UnreadableFile(
                f"{path}: not a regular file (a device, a pipe or a socket); point at the file itself"
            )
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"{path}: more than the {max_bytes:,} bytes such a file may have; split it, or check "
            "that this is the file you meant"
        )
    return data.decode("utf-8", errors)


def read_yaml_file(path: str | Path) -> Any:
    """Parse one YAML file with the bounds: its size is checked before it is read.

    Raises ``OSError`` when it cannot be read and ``yaml.YAMLError`` (:class:`AliasBomb`,
    :class:`YamlTooLarge` or a syntax error) when it is no bounded YAML; callers turn both
    into their own error naming the file."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_YAML_BYTES:
        raise _too_large(size)
    return safe_load_bounded(read_text_bounded(p))
