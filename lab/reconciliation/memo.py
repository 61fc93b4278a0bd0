"""Bank memo parsing: which order references a memo names, for which component, and where.

Why a parser of its own: a bank line is matched to orders first by the references a person typed
into the 附言 (memo) — `附言:订单号JD20260210001+运费`, `货款 SO2602100001 SO2602100007`,
`JD20260210001货款, JD20260210002运费, SO2602100003服务费`. People type full-width characters,
spaces inside numbers, lower case and the odd typo, so the parser normalises (NFKC, upper case)
while keeping a map back to the original characters: every extraction carries its evidence span
(start, end, text) in the memo as the bank delivered it, which is what finance sees in the
drill-down.

Reference shapes are learned from the warehouse (:func:`learn_patterns` over
``orders.channel_order_no`` and ``erp_order_no``); :data:`DEFAULT_PATTERNS` are only the fallback
for an empty warehouse. A candidate that looks like a reference but fits no shape is kept with
``valid=False`` so the matcher can try a one-character-typo lookup against the known numbers.

>>> refs = parse_memo("附言:订单号JD20260210001+运费")
>>> [(r.ref, r.components, r.text, r.start, r.end) for r in refs]
[('JD20260210001', ('goods', 'freight'), 'JD20260210001', 6, 19)]
>>> [(r.ref, r.components) for r in parse_memo("货款 so2602100001 ＳＯ２６０２１００００７")]
[('SO2602100001', ('goods',)), ('SO2602100007', ('goods',))]
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from string import ascii_uppercase

import duckdb

from lab.reconciliation.iban import mask_ibans
from lab.reconciliation.memo_ranges import range_or_end

# ---------------------------------------------------------------- reference shapes


@dataclass(frozen=True)
class RefPattern:
    """One shape of order reference: ``kind`` names the id family, ``regex`` matches it whole."""

    kind: str
    regex: str

    def fullmatch(self, text: str) -> bool:
        """True when ``text`` (normalised, upper case, no spaces) has exactly this shape."""
        return _compiled(self.regex).fullmatch(text) is not None


_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(regex: str) -> re.Pattern[str]:
    pat = _REGEX_CACHE.get(regex)
    if pat is None:
        pat = _REGEX_CACHE[regex] = re.compile(regex)
    return pat


#: Shapes used when the warehouse has no orders to learn from (see the demo-data spec).
DEFAULT_PATTERNS: tuple[RefPattern, ...] = (
    RefPattern("jd", r"JD\d{11,13}"),
    RefPattern("erp", r"SO\d{10,11}"),
    RefPattern("miniprogram", r"WX\d{14}"),
    RefPattern("pos", r"POS-[A-Z0-9]{1,8}-\d{6}-\d{4}"),
    RefPattern("taobao|tmall", r"\d{18,19}"),
)

_TOKEN_RE = re.compile(r"[A-Z]+|\d+|[^A-Z\d]")


def shape_of(value: str) -> list[tuple[str, str]]:
    """Split a reference into typed runs: ``L`` letters, ``D`` digits, ``S`` one separator.

    >>> shape_of("POS-SH01-260210-0001")[:4]
    [('L', 'POS'), ('S', '-'), ('L', 'SH'), ('D', '01')]
    """
    out = []
    for tok in _TOKEN_RE.findall(value.upper()):
        kind = "L" if tok[0].isalpha() else "D" if tok[0].isdigit() else "S"
        out.append((kind, tok))
    return out


def patterns_from_examples(kind: str, values: Iterable[str]) -> list[RefPattern]:
    """Generalise example references into regexes: literal prefixes, digit runs as ranges.

    Values with the same run structure are merged: a letter run that is identical in every
    example stays literal (``JD``, ``SO``, ``POS``), other letter runs become ``[A-Z]{a,b}``;
    digit runs become ``\\d{a,b}`` with the observed length range.

    >>> [p.regex for p in patterns_from_examples("jd", ["JD20260210001", "JD2026021012345"])]
    ['JD\\\\d{11,13}']
    >>> [p.regex for p in patterns_from_examples("pos", ["POS-SH01-260210-0001", "POS-BJ02-260211-0042"])]
    ['POS\\\\-[A-Z]{2}\\\\d{2}\\\\-\\\\d{6}\\\\-\\\\d{4}']
    """
    groups: dict[tuple[str, ...], list[list[str]]] = {}
    for v in values:
        if not v:
            continue
        runs = shape_of(v)
        key = tuple(k if k != "S" else f"S{t}" for k, t in runs)
        groups.setdefault(key, []).append([t for _, t in runs])
    pats: list[RefPattern] = []
    for key, examples in sorted(groups.items()):
        parts = []
        for i, k in enumerate(key):
            col = [ex[i] for ex in examples]
            lo, hi = min(map(len, col)), max(map(len, col))
            rng = f"{{{lo}}}" if lo == hi else f"{{{lo},{hi}}}"
            if k.startswith("S"):
                parts.append(re.escape(k[1:]))
            elif k == "L":
                parts.append(re.escape(col[0]) if len(set(col)) == 1 else f"[A-Z]{rng}")
            else:
                parts.append(rf"\d{rng}")
        pats.append(RefPattern(kind, "".join(parts)))
    return pats


def learn_patterns(con: duckdb.DuckDBPyConnection, sample: int = 20_000) -> tuple[RefPattern, ...]:
    """Learn reference shapes from the warehouse's own order numbers (channel and ERP).

    A sample per channel is enough: shapes are few and the lengths saturate quickly. Falls back
    to :data:`DEFAULT_PATTERNS` when there are no orders.
    """
    rows = con.execute(
        """
        with ids as (
            select channel as kind, channel_order_no as v from orders where channel_order_no is not null
            union all
            select 'erp', erp_order_no from orders where erp_order_no is not null
        ), ranked as (
            select kind, v, row_number() over (partition by kind order by hash(v)) as rn from ids
        )
        select kind, list(v) from ranked where rn <= ? group by kind order by kind
        """,
        [sample],
    ).fetchall()
    if not rows:
        return DEFAULT_PATTERNS
    by_regex: dict[str, set[str]] = {}
    for kind, values in rows:
        for p in patterns_from_examples(kind, values):
            by_regex.setdefault(p.regex, set()).add(kind)
    return tuple(RefPattern("|".join(sorted(k)), rx) for rx, k in sorted(by_regex.items()))


# ---------------------------------------------------------------- components

#: Component words (normalised, upper case) → canonical component.
COMPONENT_WORDS: dict[str, str] = {
    "货款": "goods", "货物": "goods", "贷款": "goods", "GOODS": "goods", "PAYMENT": "goods",
    "运费": "freight", "物流费": "freight", "运输费": "freight", "快递费": "freight",
    "FREIGHT": "freight", "SHIPPING": "freight",
    "服务费": "service", "安装费": "service", "SERVICE": "service",
    "佣金": "commission", "手续费": "commission", "COMMISSION": "commission",
    "返利": "rebate", "REBATE": "rebate",
    "税款": "tax", "税金": "tax", "税": "tax", "TAX": "tax",
    "全款": "full", "FULL": "full",
}  # fmt: skip

#: Instalment words → which part of a deposit pre-sale / instalment plan the money is.
INSTALMENT_WORDS: dict[str, str] = {
    "定金": "deposit", "订金": "deposit", "首付": "deposit", "预付": "deposit", "DEPOSIT": "deposit",
    "尾款": "balance", "余款": "balance", "BALANCE": "balance", "分期": "instalment",
}  # fmt: skip

#: Chinese words match inside running text (no spaces in Chinese); a Latin word only as a whole
#: word: ``SERVICE`` in ``ATLAS INSURANCE SERVICES BV`` (a payer's name in the memo) or ``TAX``
#: in ``TAXI`` made the payment an order's service fee or tax, and it never closed.
_WORD_RE = re.compile(
    "|".join(
        rf"(?<![A-Z]){re.escape(w)}(?![A-Z])" if w.isascii() else re.escape(w)
        for w in sorted([*COMPONENT_WORDS, *INSTALMENT_WORDS], key=len, reverse=True)
    )
)
_CLAUSE_BREAK = set(",，;；、/|\n")


def component_words(text: str) -> set[str]:
    """The component and instalment words ``text`` holds (normalised, as the parser reads them).

    >>> sorted(component_words("Nordwind Freight GmbH 税 TAXI"))
    ['FREIGHT', '税']
    """
    return {m.group() for m in _WORD_RE.finditer(normalise(text)[0])}


# ---------------------------------------------------------------- normalisation


def normalise(text: str) -> tuple[str, list[int]]:
    """NFKC + upper case, one character at a time, with a map back to original positions.

    >>> normalise("ｊｄ１２")
    ('JD12', [0, 1, 2, 3])
    """
    chars: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch).upper()
        if norm in ("\u2013", "\u2014", "\u2010", "\u2212"):
            norm = "-"
        for c in norm:
            chars.append(c)
            index.append(i)
    return "".join(chars), index


# ---------------------------------------------------------------- extraction


@dataclass(frozen=True)
class MemoRef:
    """One order reference found in a memo, with its evidence.

    ``ref`` is the normalised reference (upper case, no spaces); ``start``/``end``/``text`` are
    the span in the ORIGINAL memo. ``components`` are the component words that apply to it
    (``('full',)`` when the memo names none), ``instalment`` a deposit/balance hint, and
    ``valid`` is False for a reference-like string that fits no known shape (typo candidate).
    """

    ref: str
    kind: str
    start: int
    end: int
    text: str
    components: tuple[str, ...]
    instalment: str | None = None
    valid: bool = True
    component_text: str = ""
    abbreviates: bool = False  # last digits of the number before it (``…0841/42``): see below


# Sub-tokens: letter runs glued to following digits, digit runs, hyphenated POS parts.
_SUBTOKEN_RE = re.compile(r"[A-Z]*[0-9]+(?:-[A-Z0-9]+)*|[A-Z]+(?:-[A-Z0-9]+)+|[A-Z]+")
_MAX_JOIN = 8


def _classify(text: str, patterns: Sequence[RefPattern]) -> str | None:
    for p in patterns:
        if p.fullmatch(text):
            return p.kind
    return None


def _looks_like_ref(text: str) -> bool:
    """A typo candidate: enough digits to be an order number, not a date or an amount."""
    digits = sum(c.isdigit() for c in text)
    prefixed = text[:1].isalpha()
    return len(text) <= 24 and (digits >= 12 or (prefixed and digits >= 7))


def _chunks(norm: str) -> list[list[tuple[int, int]]]:
    """Spans of sub-tokens, grouped into chunks separated by anything but spaces."""
    chunks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_end = -1
    for m in _SUBTOKEN_RE.finditer(norm):
        gap = norm[last_end : m.start()] if last_end >= 0 else None
        if current and (gap is None or gap.strip(" ") != ""):
            chunks.append(current)
            current = []
        current.append((m.start(), m.end()))
        last_end = m.end()
    if current:
        chunks.append(current)
    return chunks


def _best_segments(
    norm: str, toks: list[tuple[int, int]], patterns: Sequence[RefPattern]
) -> list[tuple[int, int, str, str]]:
    """Partition a chunk into reference segments: most valid references, then most coverage.

    Spaces between sub-tokens are dropped when joining, which is how ``JD2026 0210 001`` becomes
    one reference while ``SO2602100001 SO2602100007`` stays two.
    """
    n = len(toks)
    # best[i] = (valid_count, covered_tokens, -segments, segments) for toks[i:]
    best: list[tuple[int, int, int, list]] = [(0, 0, 0, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        cand = (best[i + 1][0], best[i + 1][1], best[i + 1][2], best[i + 1][3])  # skip token i
        for j in range(i + 1, min(n, i + _MAX_JOIN) + 1):
            joined = "".join(norm[s:e] for s, e in toks[i:j])
            kind = _classify(joined, patterns)
            if kind is None:
                continue
            rest = best[j]
            score = (rest[0] + 1, rest[1] + (j - i), rest[2] - 1)
            if score > cand[:3]:
                cand = (*score, [(i, j, joined, kind), *rest[3]])
        best[i] = cand
    return [(toks[i][0], toks[j - 1][1], joined, kind) for i, j, joined, kind in best[0][3]]


def _typo_candidates(
    norm: str, toks: list[tuple[int, int]], taken: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Runs of sub-tokens not covered by a valid reference that still look like one.

    A run starts at a letter prefix or a digit and ends before the next letter-led token, so
    ``SO260210001 SO260210007`` gives two candidates; a bare word is kept only when digits follow
    it (``JD 2026021O001``).
    """
    covered = [(s, e) for s, e, _, _ in taken]
    free = [(s, e) for s, e in toks if not any(cs <= s and e <= ce for cs, ce in covered)]
    out = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if run:
            joined = "".join(norm[s:e] for s, e in run)
            if _looks_like_ref(joined):
                out.append((run[0][0], run[-1][1], joined, "unknown"))
            run.clear()

    for i, (s, e) in enumerate(free):
        text = norm[s:e]
        gap = norm[run[-1][1] : s] if run else None
        caps = len(text) - len(text.lstrip(ascii_uppercase))  # length of the [A-Z]* prefix
        glued = gap == "" and caps == 1  # 2026O21: a typo
        if gap is None or gap.strip(" ") != "" or (text[0].isalpha() and not glued):
            flush()
        if glued:
            run.append((s, e))
            continue
        if text.isalpha():
            nxt = free[i + 1] if i + 1 < len(free) else None
            if nxt is None or not norm[nxt[0]].isdigit():
                continue
        run.append((s, e))
    flush()
    return out


#: the last digits of an order number written again after a separator, for the next number of
#: the same series: ``LT2801090841/42``, ``LT2803090841-42``, ``…0841、42``, ``…0841&42``
_ABBREVIATION = re.compile(r"[/\-、&]([0-9]{1,3})(?![0-9A-Z.,])")
_ABBREVIATED_TOKEN = re.compile(r"(.*[0-9])-([0-9]{1,3})")
#: a found reference: start, end, reference, kind, valid, abbreviates the one before
_Found = tuple[int, int, str, str, bool, bool]


def _with_abbreviations(
    norm: str, found: list[tuple[int, int, str, str, bool]], patterns: Sequence[RefPattern]
) -> list[_Found]:
    """The references with each abbreviated next number of a series added after its head.

    Why: people paying two consecutive orders write the second as the first's last digits
    (``货款 LT2801090841/42``); read as one order, the transfer was an overpayment of it, and
    ``…0841-42`` (one token) a reference to no order (``recon_independent7`` / ``8``). A chain
    of three or more (``…0955、56、57``, ``recon_independent9``) is read to its end: each
    abbreviation replaces the head's last digits. The
    digits replace the head's last digits; the result must have the head's shape. Whether it is
    a real order is the resolver's business: an unknown number holds the whole flow red, and
    the amount must fit both orders to close — an abbreviation never closes anything alone.
    The real number is spelled in :func:`parse_memos` (this parse may see digits masked); a
    number that spells the head again (``…0841/1``) is dropped there.
    """
    out: list[_Found] = []
    for s, e, joined, kind, valid in found:
        m = _ABBREVIATED_TOKEN.fullmatch(joined) if not valid and norm[s:e] == joined else None
        head_kind = _classify(m.group(1), patterns) if m else None
        if m is not None and head_kind is not None:  # LT2803090841-42: one token, split
            joined, kind, valid, e = m.group(1), head_kind, True, s + len(m.group(1))
        out.append((s, e, joined, kind, valid, False))
        trailing = len(joined) - len(joined.rstrip("0123456789"))
        pos = e
        while valid and (a := _ABBREVIATION.match(norm, pos)) is not None:
            # a chain goes on (``…0955、56、57``, ``…1301/02/03``): each replaces the head's digits
            digits = a.group(1)
            if (
                len(digits) >= trailing
                or _classify(joined[: -len(digits)] + digits, patterns) != kind
            ):
                break
            out.append((a.start(1), a.end(1), joined[: -len(digits)] + digits, kind, True, True))
            pos = a.end(1)
    return out


def _words(norm: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD_RE.finditer(norm)]


def parse_memo(
    memo: str | None, patterns: Sequence[RefPattern] = DEFAULT_PATTERNS
) -> list[MemoRef]:
    """Every order reference in ``memo`` with its components and evidence span.

    Component assignment: words after a reference (up to the next reference or a clause break
    such as ``,``) belong to it; a reference followed by nothing inherits the word that opened
    its group (``货款 SO1 SO2`` and ``货款 SO1, SO2``: a comma separates the items of a leading
    word's list, it does not end its scope); ``REF+运费`` means the order's goods plus freight.
    Without any word the component is ``full`` (the whole order).

    >>> [(r.ref, r.components) for r in parse_memo("JD20260210001货款, JD20260210002运费, SO2602100003服务费")]
    [('JD20260210001', ('goods',)), ('JD20260210002', ('freight',)), ('SO2602100003', ('service',))]
    >>> [(r.ref, r.components) for r in parse_memo("货款 JD20260210001, JD20260210002")]
    [('JD20260210001', ('goods',)), ('JD20260210002', ('goods',))]
    >>> r = parse_memo("订单 JD2026 0210 001 尾款")[0]
    >>> (r.ref, r.text, r.instalment, r.components)
    ('JD20260210001', 'JD2026 0210 001', 'balance', ('full',))
    """
    if not memo:
        return []
    norm, index = normalise(memo)
    found: list[tuple[int, int, str, str, bool]] = []
    for toks in _chunks(norm):
        segs = _best_segments(norm, toks, patterns)
        found += [(s, e, j, k, True) for s, e, j, k in segs]
        found += [(s, e, j, k, False) for s, e, j, k in _typo_candidates(norm, toks, segs)]
    found.sort()
    items = _with_abbreviations(norm, found, patterns)
    words = [w for w in _words(norm) if not any(s <= w[0] < e for s, e, *_ in items)]
    out: list[MemoRef] = []
    bare: list[bool] = []  # references without any word of their own or of their clause
    leading: list[tuple[int, int, str]] = []  # words that opened the current clause group
    prefix_style = bool(items) and any(w[1] <= items[0][0] for w in words)
    prev_end = 0
    for idx, (s, e, joined, kind, valid, abbreviates) in enumerate(items):
        nxt = items[idx + 1][0] if idx + 1 < len(items) else len(norm)
        between_before = norm[prev_end:s]
        before = [w for w in words if prev_end <= w[0] and w[1] <= s]
        if before:
            leading = before
        elif any(c in _CLAUSE_BREAK for c in between_before) and idx > 0 and not prefix_style:
            # "JD1货款, JD2": the word belongs to JD1 only. In prefix style ("货款 JD1, JD2")
            # the word heads a list and the comma separates its items, not its scope.
            leading = []
        # words after this reference, up to the next reference or a clause break
        stop = nxt
        for k in range(e, nxt):
            if norm[k] in _CLAUSE_BREAK:
                stop = k
                break
        after = [w for w in words if e <= w[0] and w[1] <= stop]
        if prefix_style and idx + 1 < len(items):
            after = []  # "货款 SO1 SO2 运费 SO3": words lead the references that follow them
        own = after or leading
        comps: list[str] = []
        inst: str | None = None
        for ws, _we, w in own:
            if w in INSTALMENT_WORDS:
                inst = inst or INSTALMENT_WORDS[w]
                continue
            comp = COMPONENT_WORDS[w]
            if after and comp != "goods" and not comps and norm[e:ws].strip() == "+":
                comps.append("goods")  # REF+运费: the order's goods plus its freight
            if comp not in comps:
                comps.append(comp)
        if not comps or "full" in comps:
            comps = ["full"]
        ostart, oend = index[s], index[e - 1] + 1
        wtext = ",".join(memo[index[ws] : index[we - 1] + 1] for ws, we, _ in own)
        out.append(
            MemoRef(
                ref=joined,
                kind=kind,
                start=ostart,
                end=oend,
                text=memo[ostart:oend],
                components=tuple(comps),
                instalment=inst,
                valid=valid,
                component_text=wtext,
                abbreviates=abbreviates,
            )
        )
        prev_end = stop if after else e
        bare.append(not own)
    # "A B 货款": a trailing word covers the bare references listed just before it
    for i in range(len(out) - 2, -1, -1):
        gap = memo[out[i].end : out[i + 1].start].strip()
        if bare[i] and (gap == "" or out[i + 1].abbreviates) and not bare[i + 1]:
            nxt_ref = out[i + 1]
            out[i] = MemoRef(
                **{**out[i].__dict__, "components": nxt_ref.components,
                   "instalment": out[i].instalment or nxt_ref.instalment,
                   "component_text": nxt_ref.component_text}
            )  # fmt: skip
            bare[i] = False
    return out


_ANY_DIGIT = re.compile(r"\d")

PARSED_COLUMNS = (
    "flow_id", "ref_pos", "ref", "kind", "ref_start", "ref_end", "ref_text", "components",
    "instalment", "valid", "component_text",
)  # fmt: skip


def _has_literal_digit(regex: str) -> bool:
    """True when a pattern names a digit literally (then memos cannot be parsed by shape).

    >>> _has_literal_digit(r"JD\\d{11,13}"), _has_literal_digit(r"AC9\\d{4}")
    (False, True)
    """
    stripped = re.sub(r"\{\d+(,\d*)?\}|\\d", "", regex)
    return any(c.isdigit() for c in stripped)


def _compact(text: str) -> str:
    """The normalised reference of an evidence span: NFKC, upper case, no spaces."""
    if text.isascii():
        return text.upper().replace(" ", "")
    return normalise(text)[0].replace(" ", "")


def parse_memos(
    memos: Iterable[tuple[str, str | None]],
    patterns: Sequence[RefPattern] = DEFAULT_PATTERNS,
    mask: Callable[[str], str] | None = None,
) -> dict[str, list]:
    """Parse many ``(flow_id, memo)`` pairs into columns (one row per reference) for DuckDB.

    Why the shape cache: a million memos are mostly a few dozen shapes that differ only in their
    digits, and the parse of a memo depends on its digits only through their positions. Each
    memo is reduced to its shape (every digit → ``0``), parsed once per shape, and the
    references are re-read from the memo's own characters at the same spans. IBANs are blanked
    out first (:func:`~lab.reconciliation.iban.mask_ibans`): an account is not a reference;
    so is whatever ``mask`` blanks (known customers' names,
    :class:`~lab.reconciliation.party_names.NameMask`): a name is not a component word.

    >>> cols = parse_memos([("T1", "货款 SO2602100001 SO2602100007"), ("T2", "货款 SO2602100009 SO2602100003")])
    >>> list(zip(cols["flow_id"], cols["ref"], cols["components"]))
    [('T1', 'SO2602100001', ['goods']), ('T1', 'SO2602100007', ['goods']), ('T2', 'SO2602100009', ['goods']), ('T2', 'SO2602100003', ['goods'])]
    >>> parse_memos([("T3", "/IBAN/DE89370400440532013000/REMI/SO2602100001")])["ref"]
    ['SO2602100001']
    """
    cache: dict[str, list[MemoRef]] = {}
    cols: dict[str, list] = {c: [] for c in PARSED_COLUMNS}
    by_shape = not any(_has_literal_digit(p.regex) for p in patterns)
    for flow_id, text in memos:
        if not text:
            continue
        memo = mask_ibans(text, lambda t: _classify(t, patterns) is not None)
        if mask is not None:
            memo = mask(memo)
        shape = _ANY_DIGIT.sub("0", memo) if by_shape else memo
        refs = cache.get(shape)
        if refs is None:
            refs = cache[shape] = parse_memo(shape, patterns)
        pos, head, head_start = 0, "", 0
        for i, r in enumerate(refs):
            start, ref = r.start, _compact(memo[r.start : r.end])
            names = [ref]
            if r.abbreviates:  # the head's number with its last digits replaced
                lone = not refs[i - 1].abbreviates and (
                    i + 1 == len(refs) or not refs[i + 1].abbreviates
                )
                names = range_or_end(memo, r.start, lone, head, ref)
                ref, start = names[-1], head_start
                if ref == head:
                    continue  # …0841/1 spells the head again: nothing more is named
            else:
                head, head_start = ref, r.start
            text = memo[start : r.end]
            for name in names:
                cols["flow_id"].append(flow_id)
                cols["ref_pos"].append(pos)
                pos += 1
                cols["ref"].append(name)
                cols["kind"].append(r.kind)
                cols["ref_start"].append(start)
                cols["ref_end"].append(r.end)
                cols["ref_text"].append(text)
                cols["components"].append(list(r.components))
                cols["instalment"].append(r.instalment)
                cols["valid"].append(r.valid)
                cols["component_text"].append(r.component_text)
    return cols
